"""Command line: ``./run_all.sh [options]`` ends up here (``python -m newsreport``)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path
from typing import NoReturn

from newsreport.errors import UNCHANGED, Busy, InputError, Interrupted, RunFailed
from newsreport.params import parse_override
from newsreport.transaction import interrupts_kept

DESCRIPTION = """\
Regenerate the report: validate the parameters and inputs, execute notebooks/01_... first and the
others side by side with papermill, and render report/report.html and report/report.pdf. A notebook
whose source, parameters and inputs (content hashes) are unchanged, and whose outputs are as the last
run left them, is skipped; with nothing changed the run says so and stops. Outputs are built in
.build/staging and moved into place all at once when everything succeeded: a failed or interrupted
run leaves the previous report, tables and figures as they were. One run at a time per output folder.

outputs:
  data/processed/corpus.parquet   the corpus table, one row per document (with text)
  report/tables/*.csv             every table of the report (see the README's output contract)
  figures/*.png, *.svg            every figure
  report/executed/*.ipynb         the executed notebooks
  report/report.html, .pdf        the report

exit status: 0 success; 1 the run failed (a notebook raised, an output could not be moved into place, an
  input changed while the report was made);
  2 bad input, refused before any notebook started (parameter, corpus, metadata, lexicon, output folder);
  75 another run holds the output folder; 130 interrupted (Ctrl-C), 143 terminated
"""

EXAMPLES = """\
examples:
  ./run_all.sh                              the default corpus (data/raw)
  ./run_all.sh --corpus ~/articles          another folder of .txt/.md/.html articles and .warc(.gz) archives
                                            (its metadata.csv is used when present)
  ./run_all.sh --corpus news.jsonl -p engine dask
                                            a table file of articles, on a local Dask cluster
  ./run_all.sh -p remove_boilerplate false  override one parameter (YAML syntax for the value)
  ./run_all.sh --params my_params.yaml      override several (keys as in config/params.yaml)
  ./run_all.sh --force                      re-run every notebook
  ./run_all.sh --only 03_mention_timeline   re-run one notebook (and what depends on it)
  ./run_all.sh --setup-only                 build the environment (.venv) only, and print its Python
"""


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="run_all.sh", description=DESCRIPTION, epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--corpus", metavar="PATH", type=Path,
                   help="folder of articles to report on (default: data/raw; its metadata.csv is used when "
                        "present), one .csv/.jsonl/.parquet file with a text column (see corpus_columns), or one "
                        ".warc/.warc.gz web archive")
    p.add_argument("--params", metavar="FILE", type=Path, action="append",
                   help="YAML file of parameter values overriding config/params.yaml (one)")
    p.add_argument("-p", dest="overrides", nargs=2, action="append", default=[],
                   metavar=("NAME", "VALUE"), help="override one parameter (repeatable)")
    p.add_argument("--force", action="store_true", help="re-run every notebook, changed or not")
    p.add_argument("--only", metavar="NAME",
                   help="re-run one notebook (e.g. 03_mention_timeline) and the notebooks that depend on it")
    p.add_argument("--wait", action="store_true",
                   help="when another run is writing to the same output folder, wait for it instead of refusing")
    p.add_argument("--setup-only", action="store_true",
                   help="build the environment only and print the Python it uses (run_all.sh does this)")
    p.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    return p


class _Parser(argparse.ArgumentParser):
    """Bad options are one line, as every bad input is (argparse would print its usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message}; see ./run_all.sh --help\n")


def main(argv: list[str] | None = None) -> int:
    command = parser()
    try:
        args = command.parse_args(argv)
        if args.params is not None and len(args.params) > 1:  # the second would replace the first in silence
            command.error("--params is given once: put the values of " + " and ".join(map(str, args.params))
                          + " in one file")
    except SystemExit as exc:  # --help, or a bad option said in one line
        return int(exc.code or 0)
    if args.setup_only:
        print(sys.executable)
        return 0
    root = args.root.resolve()
    overrides = dict(parse_override(name, value) for name, value in args.overrides)
    if args.corpus is not None:
        overrides["corpus"] = _within(args.corpus.expanduser().resolve(), root)
    params_file = args.params[0].expanduser().resolve() if args.params else None
    for name in ("traitlets", "papermill"):  # their errors repeat what the one line says, or come from a stopped run
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        from newsreport.pipeline import run

        with interrupts_kept():
            run(root, params_file=params_file, overrides=overrides, force=args.force, only=args.only, wait=args.wait)
    except (InputError, RunFailed, Busy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_status
    except OSError as exc:  # a full disk, say, while the new report was being made: the previous one stands
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; {UNCHANGED}", file=sys.stderr)
        return 1
    except Interrupted as exc:
        state = "the new report was already in place" if exc.committed else UNCHANGED
        print(f"interrupted ({signal.Signals(exc.signum).name}): {state}", file=sys.stderr)
        return exc.exit_status
    return 0


def _within(path: Path, root: Path) -> str:
    """A path as a parameter value: relative to the project when inside it (the same from any checkout)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
