"""Report latency: the cold run, the no-change re-run, and a naive notebook chain, in one run.

    .venv/bin/python benchmarks/report_latency.py [--repeat N]

Times (wall clock, best of --repeat):
- cold: ``./run_all.sh --force`` (every notebook executed, HTML and PDF rendered);
- nochange: ``./run_all.sh`` right after (nothing to do);
- naive: the papermill command line once per notebook, then ``jupyter nbconvert --to html`` once per
  notebook (no PDF), on the same notebooks and parameters, writing into a temporary folder.
The last line is machine-readable: RESULT cold_s=... naive_s=... ratio=... nochange_s=...
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(commands: list[list[str]], *, cwd: Path) -> float:
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def naive_chain(out: Path) -> list[list[str]]:
    """papermill CLI per notebook, then nbconvert to HTML per notebook."""
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    executed = [out / nb.name for nb in notebooks]
    run = [[str(BIN / "papermill"), str(nb), str(target), "--cwd", str(ROOT / "notebooks"),
            "-f", str(ROOT / "config" / "params.yaml"), "-p", "project_root", str(ROOT),
            "-p", "output_root", str(out), "--no-progress-bar"]
           for nb, target in zip(notebooks, executed, strict=True)]
    html = [[str(BIN / "jupyter"), "nbconvert", "--to", "html", str(target)] for target in executed]
    return run + html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the best is kept")
    args = parser.parse_args()
    env_note = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {env_note}")
    cold = min(timed([["./run_all.sh", "--force"]], cwd=ROOT) for _ in range(args.repeat))
    print(f"cold ./run_all.sh --force      {cold:6.1f} s  (all notebooks, HTML and PDF)")
    nochange = min(timed([["./run_all.sh"]], cwd=ROOT) for _ in range(args.repeat))
    print(f"no-change ./run_all.sh         {nochange:6.2f} s")
    naive = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            naive.append(timed(naive_chain(Path(tmp)), cwd=ROOT))
    naive_s = min(naive)
    print(f"naive papermill + nbconvert    {naive_s:6.1f} s  (one process per notebook, HTML only)")
    ratio = cold / naive_s
    print(f"cold / naive = {ratio:.2f} (target <= 0.5); no-change {nochange:.2f} s (target < 1.5 s)")
    print(f"RESULT cold_s={cold:.1f} naive_s={naive_s:.1f} ratio={ratio:.2f} nochange_s={nochange:.2f}")


if __name__ == "__main__":
    main()
