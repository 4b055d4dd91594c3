"""The pipeline: validate, execute the notebooks with papermill into a staging folder, render the
report there, and move everything into place only when all of it succeeded."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import papermill
from papermill.exceptions import PapermillExecutionError

from newsreport.corpus import list_articles
from newsreport.errors import InputError
from newsreport.metadata import read_metadata
from newsreport.params import Params, Paths, load_params, resolve_paths
from newsreport.render import render_report

NOTEBOOKS = Path("notebooks")
KERNEL = "python3"


class NotebookFailed(RuntimeError):
    """A notebook raised: the message names the notebook, the cell and the exception."""


@dataclass(frozen=True)
class Step:
    notebook: Path

    @property
    def name(self) -> str:
        return self.notebook.stem


def plan(root: Path) -> list[Step]:
    """The notebooks of the report, in order (their names start with their number)."""
    return [Step(path) for path in sorted((root / NOTEBOOKS).glob("[0-9][0-9]_*.ipynb"))]


def declared_parameters(notebook: Path) -> set[str]:
    """The names a notebook declares in its cell tagged ``parameters``."""
    return set(papermill.inspect_notebook(str(notebook)))


def check_inputs(params: Params, paths: Paths) -> None:
    """Everything that can be checked before a notebook starts: corpus folder and metadata."""
    files = list_articles(paths.corpus, extensions=params.extensions)
    if not files:
        raise InputError(
            f"corpus folder {paths.corpus} has no article files ({', '.join(params.extensions)}); "
            "add articles or pass --corpus DIR"
        )
    if paths.metadata is not None:
        read_metadata(paths.metadata, doc_ids={f.stem for f in files}, languages=params.languages)


def run(
    root: Path,
    *,
    params_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
    echo: Callable[[str], None] = print,
) -> Paths:
    """Regenerate the report under ``root``; on failure the previous report stays as it was."""
    root = root.resolve()
    params = load_params(root, params_file=params_file, overrides=overrides)
    paths = resolve_paths(params, root)
    check_inputs(params, paths)
    out = paths.report.parent
    (out / ".build").mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="run-", dir=out / ".build"))
    try:
        staged = resolve_paths(params.model_copy(update={"output_root": staging}), root)
        for step in plan(root):
            started = time.perf_counter()
            _execute(step, params, staged, root, failed_copy=paths.executed)
            echo(f"executed {step.notebook.name} in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        render_report(staged, title=params.report_title, corpus_name=_corpus_name(paths))
        echo(f"rendered report.html and report.pdf in {time.perf_counter() - started:.1f} s")
        _promote(staged, paths)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return paths


def _corpus_name(paths: Paths) -> str:
    try:
        return str(paths.corpus.relative_to(paths.root))
    except ValueError:
        return str(paths.corpus)


def notebook_parameters(notebook: Path, params: Params, staged: Paths, root: Path) -> dict[str, Any]:
    """The values injected into a notebook: the parameters it declares, plus where to write."""
    values = params.model_dump(mode="json")
    values.update(project_root=str(root), output_root=str(staged.report.parent))
    return {name: values[name] for name in sorted(declared_parameters(notebook)) if name in values}


def _execute(step: Step, params: Params, staged: Paths, root: Path, *, failed_copy: Path) -> None:
    output = staged.executed / step.notebook.name
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(step.notebook),
            str(output),
            parameters=notebook_parameters(step.notebook, params, staged, root),
            kernel_name=KERNEL,
            cwd=str(step.notebook.parent),
            progress_bar=False,
            log_output=False,
        )
    except PapermillExecutionError as exc:
        failed_copy.mkdir(parents=True, exist_ok=True)
        shutil.copy2(output, failed_copy / step.notebook.name)
        cell = exc.cell_index  # 0-based with papermill's injected cell: 1-based in the original
        message = str(exc.evalue).strip().splitlines()[0] if str(exc.evalue).strip() else ""
        raise NotebookFailed(
            f"{step.notebook.name} failed at cell {cell}: {exc.ename}: {message} "
            f"(executed notebook kept in {failed_copy / step.notebook.name})"
        ) from None


def _promote(staged: Paths, final: Paths) -> None:
    """Move the staged outputs into place: each folder's files replaced, stale files removed."""
    for source, target in (
        (staged.processed, final.processed),
        (staged.figures, final.figures),
        (staged.tables, final.tables),
        (staged.executed, final.executed),
    ):
        _replace_folder(source, target)
    for name in ("report.html", "report.pdf"):
        (staged.report / name).replace(final.report / name)


def _replace_folder(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    source.mkdir(parents=True, exist_ok=True)
    fresh = {p.name for p in source.iterdir()}
    for old in target.iterdir():
        if old.name not in fresh and old.name != ".gitkeep":
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    for new in source.iterdir():
        destination = target / new.name
        if destination.is_dir():
            shutil.rmtree(destination)
        new.replace(destination)
