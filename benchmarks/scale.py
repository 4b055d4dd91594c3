"""The scale benchmark: what users run, ``./run_all.sh --corpus FILE``, end to end, against CountVectorizer.

For each size (10,000 and 100,000 articles unless given), a deterministic corpus is generated from the
seed articles (``generate_corpus.py``, not timed) and written as JSON lines into a throw-away copy of the
project (configuration, notebooks, lexicons, ``run_all.sh``; the copy runs with this project's
environment). Then, in this one run, are timed:

- ``./run_all.sh --corpus FILE --force``: loading, indexing, the four notebooks, the HTML and PDF report;
- at the largest size, the re-run after one new entity is added to the entity lexicon (what an analyst
  does; its two-word alias is in no generated article, so the index redoes nothing, the term counts come
  out the same and only the mention chapter re-runs, then the report is rendered);
- scikit-learn's ``CountVectorizer().fit_transform`` on the same texts, as the reference.

Peak memory is the largest sum of the resident set sizes of the whole process tree of the run (the
command, its kernels, their workers), sampled every 50 ms with psutil; shared pages count once per
process, so it errs high. The last line is machine-readable:

    RESULT docs=100000 report_s=… countvectorizer_s=… ratio=… peak_rss_gb=… lexicon_edit_s=… growth_10k_to_100k=…

where ratio = report_s / countvectorizer_s at the largest size and growth the report's time at the
largest size over its time at the smallest.

    .venv/bin/python benchmarks/scale.py                  # 10,000 and 100,000 articles
    .venv/bin/python benchmarks/scale.py 2000 20000
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from generate_corpus import ROOT, generate, write
from sklearn.feature_extraction.text import CountVectorizer

from newsreport.engine import cores

COPIED = ("config", "notebooks", "data/lexicons", "data/events.csv", "run_all.sh")
NEW_ENTITY = """
  - name: Benchmark Entity
    type: organisation
    aliases:
      en: [Marrakech Declaration]
"""


class PeakMemory:
    """The largest resident memory of a process and all its descendants while the block runs, sampled."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        with contextlib.suppress(psutil.Error):
            root = psutil.Process(self.pid)
            while True:
                total = 0
                for process in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):  # a child that ended in between
                        total += process.memory_info().rss
                self.peak = max(self.peak, total)
                if self._stop.wait(self.interval):
                    return

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def project_copy(folder: Path) -> Path:
    """A copy of the project's inputs and commands (not its outputs, index or environment)."""
    for name in COPIED:
        source, target = ROOT / name, folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target)
    return folder


def run_all(project: Path, *args: str) -> tuple[float, float, str]:
    """``./run_all.sh`` in the copy, with this project's environment: seconds, peak GB, and what it printed."""
    venv = Path(sys.executable).parent.parent
    env = {**os.environ, "VIRTUAL_ENV": str(venv), "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    start = time.perf_counter()
    process = subprocess.Popen([str(project / "run_all.sh"), *args], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    with PeakMemory(process.pid) as memory:
        output, _ = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"./run_all.sh {' '.join(args)} failed ({process.returncode}):\n{output}")
    return seconds, memory.peak / 1e9, output


def measure(n: int, folder: Path, *, seed: int, edit: bool) -> dict[str, float]:
    """One corpus size: the report from scratch, the lexicon edit (when asked), CountVectorizer."""
    start = time.perf_counter()
    documents = generate(n, seed=seed)
    project = project_copy(folder / f"project-{n}")
    corpus = write(documents, folder / f"generated-{n}.jsonl")
    print(f"docs={n} generated in {time.perf_counter() - start:.1f}s "
          f"({corpus.stat().st_size / 1e6:.0f} MB of JSON lines)", flush=True)
    found: dict[str, float] = {}
    found["report_s"], found["peak_rss_gb"], output = run_all(project, "--corpus", str(corpus), "--force")
    steps = "; ".join(line for line in output.splitlines() if line.startswith(("executed", "indexed", "rendered")))
    print(f"docs={n} step=report seconds={found['report_s']:.2f} peak_rss_gb={found['peak_rss_gb']:.2f} ({steps})",
          flush=True)
    if edit:
        lexicon = project / "data" / "lexicons" / "entities.yaml"
        lexicon.write_text(lexicon.read_text(encoding="utf-8") + NEW_ENTITY, encoding="utf-8")
        found["lexicon_edit_s"], peak, output = run_all(project, "--corpus", str(corpus))
        found["peak_rss_gb"] = max(found["peak_rss_gb"], peak)
        steps = "; ".join(line for line in output.splitlines() if line.startswith(("executed", "indexed", "rendered")))
        print(f"docs={n} step=lexicon_edit seconds={found['lexicon_edit_s']:.2f} peak_rss_gb={peak:.2f} ({steps})",
              flush=True)
    texts = documents["text"].tolist()
    del documents
    start = time.perf_counter()
    CountVectorizer().fit_transform(texts)
    found["countvectorizer_s"] = time.perf_counter() - start
    print(f"docs={n} step=countvectorizer seconds={found['countvectorizer_s']:.2f}", flush=True)
    shutil.rmtree(project, ignore_errors=True)
    return found


def size_label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[10_000, 100_000], help="corpus sizes (articles)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    print(f"machine: {cores()} cores, {psutil.virtual_memory().total / 1e9:.1f} GB, Python {sys.version.split()[0]}",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="newsreport-scale-") as folder:
        results = {n: measure(n, Path(folder), seed=args.seed, edit=n == sizes[-1]) for n in sizes}
    first, last = results[sizes[0]], results[sizes[-1]]
    print(f"RESULT docs={sizes[-1]} report_s={last['report_s']:.2f} countvectorizer_s={last['countvectorizer_s']:.2f} "
          f"ratio={last['report_s'] / last['countvectorizer_s']:.2f} "
          f"peak_rss_gb={max(r['peak_rss_gb'] for r in results.values()):.2f} "
          f"lexicon_edit_s={last['lexicon_edit_s']:.2f} "
          f"growth_{size_label(sizes[0])}_to_{size_label(sizes[-1])}={last['report_s'] / first['report_s']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
