"""Command line: ``./run_all.sh [options]`` ends up here (``python -m newsreport``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsreport.errors import InputError
from newsreport.params import parse_override
from newsreport.pipeline import NotebookFailed, run

DESCRIPTION = """\
Regenerate the report: validate the parameters, execute notebooks/01_... first and the others side by
side with papermill, and render report/report.html and report/report.pdf. A notebook whose source,
parameters and inputs (content hashes) are unchanged is skipped; with nothing changed the run says so
and stops. Outputs are built in a temporary folder and moved into place only when everything
succeeded, so a failed run leaves the previous report as it was.

outputs:
  data/processed/corpus.parquet   the corpus table, one row per document (with text)
  report/tables/*.csv             every table of the report (see the README's output contract)
  figures/*.png, *.svg            every figure
  report/executed/*.ipynb         the executed notebooks
  report/report.html, .pdf        the report

exit status: 0 success, 1 a notebook failed, 2 bad input (parameter, corpus, metadata)
"""

EXAMPLES = """\
examples:
  ./run_all.sh                              the default corpus (data/raw)
  ./run_all.sh --corpus ~/articles          another folder of .txt/.md/.html articles
                                            (its metadata.csv is used when present)
  ./run_all.sh --corpus news.jsonl -p engine dask
                                            a table file of articles, on a local Dask cluster
  ./run_all.sh -p remove_boilerplate false  override one parameter (YAML syntax for the value)
  ./run_all.sh --params my_params.yaml      override several (keys as in config/params.yaml)
  ./run_all.sh --force                      re-run every notebook
  ./run_all.sh --only 03_mention_timeline   re-run one notebook (and what depends on it)
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="run_all.sh", description=DESCRIPTION, epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--corpus", metavar="PATH", type=Path,
                   help="folder of articles to report on (default: data/raw; its metadata.csv is used when "
                        "present), or one .csv/.jsonl/.parquet file with a text column (see corpus_columns)")
    p.add_argument("--params", metavar="FILE", type=Path,
                   help="YAML file of parameter values overriding config/params.yaml")
    p.add_argument("-p", dest="overrides", nargs=2, action="append", default=[],
                   metavar=("NAME", "VALUE"), help="override one parameter (repeatable)")
    p.add_argument("--force", action="store_true", help="re-run every notebook, changed or not")
    p.add_argument("--only", metavar="NAME",
                   help="re-run one notebook (e.g. 03_mention_timeline) and the notebooks that depend on it")
    p.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    overrides = dict(parse_override(name, value) for name, value in args.overrides)
    if args.corpus is not None:
        overrides["corpus"] = str(args.corpus.expanduser().resolve())
    params_file = args.params.expanduser().resolve() if args.params else None
    try:
        run(args.root, params_file=params_file, overrides=overrides, force=args.force, only=args.only)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except NotebookFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
