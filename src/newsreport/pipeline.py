"""The pipeline: plan the notebooks, skip those whose inputs did not change, execute the others
with papermill (01 first, the rest side by side) into a staging folder, render the report there,
and move everything into place only when all of it succeeded.

A notebook's fingerprint is the hash of its source, the parameters it declares, the files those
parameters name (corpus, metadata, lexicons, events), the corpus table it reads (after 01) and the
package's code; equal fingerprints mean the previous outputs still hold.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsreport.errors import InputError
from newsreport.manifest import code_hash, file_sha256, input_hashes, package_versions, read_manifest, write_manifest
from newsreport.params import Params, Paths, load_params, resolve_paths

NOTEBOOKS = Path("notebooks")
KERNEL = "python3"
PATH_PARAMETERS = ("corpus", "metadata", "stopwords_lexicon", "entities_lexicon", "themes_lexicon", "events")
LOCATION_PARAMETERS = ("project_root", "output_root")
OUTPUT_FOLDERS = (Path("data/processed"), Path("figures"), Path("report/tables"), Path("report/executed"))


class NotebookFailed(RuntimeError):
    """A notebook raised: the message names the notebook, the cell and the exception."""


@dataclass(frozen=True)
class Step:
    notebook: Path
    declared: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.notebook.stem


@dataclass
class Outcome:
    """What happened to one notebook in a run."""

    name: str
    fingerprint: str
    status: str  # "executed" or "reused"
    seconds: float
    outputs: list[str] = field(default_factory=list)


def plan(root: Path) -> list[Step]:
    """The notebooks of the report in order (their names start with their number)."""
    paths = sorted((root / NOTEBOOKS).glob("[0-9][0-9]_*.ipynb"))
    return [Step(path, declared_parameters(path)) for path in paths]


def declared_parameters(notebook: Path) -> tuple[str, ...]:
    """The names assigned in a notebook's cell tagged ``parameters`` (read without a kernel)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            tree = ast.parse("".join(cell["source"]))
            names = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
                     if isinstance(t, ast.Name)]
            return tuple(sorted(names))
    return ()


def dependents(steps: list[Step], name: str) -> list[str]:
    """A notebook and those that read its outputs: every later notebook reads what 01 wrote."""
    names = [s.name for s in steps]
    if name not in names:
        raise InputError(f"--only {name}: no such notebook; choose one of {', '.join(names)}")
    return names if name == names[0] else [name]


def check_inputs(params: Params, paths: Paths) -> None:
    """Everything that can be checked before a notebook starts: corpus folder and metadata."""
    from newsreport.corpus import list_articles
    from newsreport.metadata import read_metadata
    from newsreport.sources import TABLE_SUFFIXES, is_table_file

    if paths.corpus.is_file():
        if not is_table_file(paths.corpus):
            raise InputError(f"parameter 'corpus': {paths.corpus.name} is not a folder or a "
                             f"{'/'.join(TABLE_SUFFIXES)} file")
        return
    files = list_articles(paths.corpus, extensions=params.extensions)
    if not files:
        raise InputError(
            f"corpus folder {paths.corpus} has no article files ({', '.join(params.extensions)}); "
            "add articles or pass --corpus DIR"
        )
    if paths.metadata is not None:
        read_metadata(paths.metadata, doc_ids={f.stem for f in files}, languages=params.languages)


def notebook_parameters(step: Step, params: Params, *, root: Path, output_root: Path) -> dict[str, Any]:
    """The values injected into a notebook: the parameters it declares, plus where to read and write."""
    values = params.model_dump(mode="json")
    values.update(project_root=str(root), output_root=str(output_root))
    return {name: values[name] for name in step.declared if name in values}


def fingerprint(step: Step, params: Params, paths: Paths, *, corpus_table: str | None, code: str) -> str:
    """Hash of everything a notebook's outputs depend on."""
    values = notebook_parameters(step, params, root=paths.root, output_root=paths.root)
    for name in LOCATION_PARAMETERS:
        values.pop(name, None)
    named = {"corpus": paths.corpus, "metadata": paths.metadata, "stopwords_lexicon": paths.stopwords,
             "entities_lexicon": paths.entities, "themes_lexicon": paths.themes, "events": paths.events}
    inputs = [named[name] for name in PATH_PARAMETERS if name in step.declared and named[name] is not None]
    if "corpus" in step.declared and paths.metadata is not None:
        inputs.append(paths.metadata)
    digest = hashlib.sha256()
    for part in (step.notebook.read_bytes(), json.dumps(values, sort_keys=True).encode(),
                 json.dumps(input_hashes(inputs, root=paths.root), sort_keys=True).encode(),
                 (corpus_table or "").encode(), code.encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def run(
    root: Path,
    *,
    params_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
    force: bool = False,
    only: str | None = None,
    echo: Callable[[str], None] = print,
) -> list[Outcome]:
    """Regenerate the report under ``root``; on failure the previous report stays as it was."""
    root = root.resolve()
    params = load_params(root, params_file=params_file, overrides=overrides)
    paths = resolve_paths(params, root)
    check_inputs(params, paths)
    steps = plan(root)
    wanted = set(dependents(steps, only)) if only else set()
    out = paths.report.parent
    previous = read_manifest(paths.report / "manifest.json")
    reusable = {} if force else {nb["name"]: nb for nb in previous.get("notebooks", []) if _outputs_exist(nb, out)}
    code = code_hash()
    (out / ".build").mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="run-", dir=out / ".build"))
    first, rest = steps[0], steps[1:]
    kernels = _Kernels()
    try:
        # Later notebooks likely to run get a kernel started (and their imports loaded) while 01 runs.
        first_runs = _needs_run(first, fingerprint(first, params, paths, corpus_table=None, code=code),
                                reusable, wanted)
        guess = _corpus_table_hash(out, out)
        if first_runs:
            kernels.warm(first)
        for step in rest:
            if first_runs or _needs_run(step, fingerprint(step, params, paths, corpus_table=guess, code=code),
                                        reusable, wanted):
                kernels.warm(step, after=first if first_runs else None)
        if kernels.starting():  # papermill loads while the kernels start, the renderer while notebooks run
            import papermill  # noqa: F401

            threading.Thread(target=importlib.import_module, args=("newsreport.render",), daemon=True).start()
        outcomes = [_run_step(first, params, paths, staging, code=code, corpus_table=None,
                              reusable=reusable, wanted=wanted, echo=echo, kernels=kernels)]
        table = _corpus_table_hash(staging, out)
        with ThreadPoolExecutor(max_workers=max(1, min(len(rest), 3))) as pool:
            outcomes += list(pool.map(
                lambda step: _run_step(step, params, paths, staging, code=code, corpus_table=table,
                                       reusable=reusable, wanted=wanted, echo=echo, kernels=kernels),
                rest,
            ))
        render_key = hashlib.sha256(
            json.dumps([[o.name, o.fingerprint] for o in outcomes] + [params.report_title, code]).encode()
        ).hexdigest()
        unchanged = (
            all(o.status == "reused" for o in outcomes)
            and previous.get("render_fingerprint") == render_key
            and all((paths.report / name).is_file() for name in ("report.html", "report.pdf"))
        )
        if unchanged:
            echo(f"nothing changed: all {len(outcomes)} notebooks and the report are up to date")
            return outcomes
        manifest = _manifest(params, paths, outcomes, render_key)
        staged = _staged_paths(params, root, staging)
        write_manifest(manifest, staged.report / "manifest.json")
        started = time.perf_counter()
        from newsreport.render import render_report

        render_report(staged, title=params.report_title, corpus_name=_corpus_name(paths), lexicons={
            "Entity lexicon": paths.entities, "Theme dictionary": paths.themes, "Project stop words": paths.stopwords,
        })
        echo(f"rendered report.html and report.pdf in {time.perf_counter() - started:.1f} s")
        _promote(staged, paths)
    finally:
        kernels.shutdown()
        shutil.rmtree(staging, ignore_errors=True)
    return outcomes


def _needs_run(step: Step, key: str, reusable: dict[str, dict], wanted: set[str]) -> bool:
    before = reusable.get(step.name)
    return step.name in wanted or before is None or before["fingerprint"] != key


class _Kernels:
    """Kernels started ahead of their notebook, each with the notebook's own import lines run."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=4)  # one per notebook: kernels waiting on 01 hold a thread
        self._started: dict[str, Any] = {}
        self._sockets = Path(tempfile.mkdtemp(prefix="nr-"))  # short absolute path for IPC sockets

    def warm(self, step: Step, *, after: Step | None = None) -> None:
        """Start a notebook's kernel; ``after`` another's is ready, so that one gets the CPU first."""
        ahead = self._started.get(after.name) if after is not None else None
        self._started[step.name] = self._pool.submit(_start_kernel, step, self._sockets / step.name[:2], ahead)

    def starting(self) -> bool:
        return bool(self._started)

    def take(self, step: Step) -> Any:
        """The warm kernel manager for a notebook, or None (papermill then starts its own)."""
        future = self._started.pop(step.name, None)
        try:
            return future.result() if future is not None else None
        except Exception:  # a kernel that failed to warm up: fall back to a fresh one
            return None

    def shutdown(self) -> None:
        for name in list(self._started):
            manager = self.take(Step(Path(name), ()))
            if manager is not None:
                manager.shutdown_kernel(now=True)
        self._pool.shutdown(wait=True)
        shutil.rmtree(self._sockets, ignore_errors=True)


def _start_kernel(step: Step, socket: Path, ahead: Future | None = None) -> Any:
    from jupyter_client.manager import KernelManager

    if ahead is not None:
        wait([ahead])

    # IPC sockets under an absolute path: nothing listens on TCP, and the kernel (started in the
    # notebook's folder) and this process find the same files.
    manager = KernelManager(kernel_name=KERNEL, transport="ipc", ip=str(socket))
    manager.start_kernel(cwd=str(step.notebook.parent))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        imports = _import_lines(step.notebook)
        if imports:
            client.execute_interactive(imports, silent=True, store_history=False, timeout=120,
                                       output_hook=lambda message: None)
    finally:
        client.stop_channels()
    return manager


def _import_lines(notebook: Path) -> str:
    """The notebook's own import statements (loading modules has no effect on its results)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]))
            lines += [ast.unparse(node) for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    return "\n".join(lines)


def _run_step(
    step: Step, params: Params, paths: Paths, staging: Path, *, code: str, corpus_table: str | None,
    reusable: dict[str, dict], wanted: set[str], echo: Callable[[str], None], kernels: _Kernels,
) -> Outcome:
    key = fingerprint(step, params, paths, corpus_table=corpus_table, code=code)
    before = reusable.get(step.name)
    if not _needs_run(step, key, reusable, wanted):
        _link_outputs(before["outputs"], source=paths.report.parent, target=staging)
        echo(f"skipped {step.notebook.name}: unchanged")
        return Outcome(step.name, key, "reused", before["seconds"], before["outputs"])
    workspace = staging / "notebooks" / step.name
    if corpus_table is not None:
        _link_corpus_table(staging, paths.report.parent, workspace)
    started = time.perf_counter()
    manager = kernels.take(step)
    try:
        executed = _execute(step, params, root=paths.root, output_root=workspace, failed_copy=paths.executed,
                            kernel=manager)
    finally:
        if manager is not None:
            manager.shutdown_kernel(now=True)
    seconds = round(time.perf_counter() - started, 1)
    outputs = _collect_outputs(workspace, staging, executed)
    echo(f"executed {step.notebook.name} in {seconds:.1f} s")
    return Outcome(step.name, key, "executed", seconds, outputs)


def _execute(
    step: Step, params: Params, *, root: Path, output_root: Path, failed_copy: Path, kernel: Any = None
) -> Path:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output = output_root / "report" / "executed" / step.notebook.name
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(step.notebook), str(output),
            parameters=notebook_parameters(step, params, root=root, output_root=output_root),
            kernel_name=KERNEL, cwd=str(step.notebook.parent), progress_bar=False, log_output=False,
            **({"km": kernel} if kernel is not None else {}),
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
    return output


def _link_corpus_table(staging: Path, live: Path, workspace: Path) -> None:
    """Give a later notebook the corpus table: this run's if 01 ran, else the last run's."""
    for base in (staging, live):
        source = base / "data" / "processed"
        if (source / "corpus.parquet").is_file():
            target = workspace / "data" / "processed"
            target.mkdir(parents=True, exist_ok=True)
            for file in source.iterdir():
                if file.is_file() and not (target / file.name).exists():
                    _link(file, target / file.name)
            return


def _collect_outputs(workspace: Path, staging: Path, executed: Path) -> list[str]:
    """Move what a notebook wrote into the shared staging tree; return the paths it wrote."""
    outputs = []
    for folder in OUTPUT_FOLDERS:
        for file in sorted((workspace / folder).glob("*")) if (workspace / folder).is_dir() else []:
            relative = (folder / file.name).as_posix()
            target = staging / relative
            if file.is_file() and file.stat().st_nlink > 1 and target.exists():
                continue  # the corpus table lent by 01, not this notebook's output
            target.parent.mkdir(parents=True, exist_ok=True)
            file.replace(target)
            outputs.append(relative)
    return sorted(outputs)


def _link_outputs(outputs: list[str], *, source: Path, target: Path) -> None:
    for relative in outputs:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        _link(source / relative, destination)


def _link(source: Path, destination: Path) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _outputs_exist(notebook: dict, out: Path) -> bool:
    return all((out / relative).is_file() for relative in notebook.get("outputs", []))


def _corpus_table_hash(staging: Path, live: Path) -> str | None:
    for base in (staging, live):
        table = base / "data" / "processed" / "corpus.parquet"
        if table.is_file():
            return file_sha256(table)
    return None


def _staged_paths(params: Params, root: Path, staging: Path) -> Paths:
    return resolve_paths(params.model_copy(update={"output_root": staging}), root)


def _manifest(params: Params, paths: Paths, outcomes: list[Outcome], render_key: str) -> dict[str, Any]:
    inputs = [paths.corpus, paths.stopwords, paths.entities, paths.themes, paths.events]
    if paths.metadata is not None:
        inputs.append(paths.metadata)
    return {
        "report": {"title": params.report_title, "corpus": _corpus_name(paths)},
        "inputs": input_hashes(inputs, root=paths.root),
        "parameters": params.model_dump(mode="json"),
        "packages": package_versions(),
        "notebooks": [o.__dict__ for o in outcomes],
        "render_fingerprint": render_key,
    }


def _corpus_name(paths: Paths) -> str:
    try:
        return str(paths.corpus.relative_to(paths.root))
    except ValueError:
        return str(paths.corpus)


def _promote(staged: Paths, final: Paths) -> None:
    """Move the staged outputs into place: each folder's files replaced, stale files removed."""
    for source, target in (
        (staged.processed, final.processed),
        (staged.figures, final.figures),
        (staged.tables, final.tables),
        (staged.executed, final.executed),
    ):
        _replace_folder(source, target)
    for name in ("manifest.json", "report.html", "report.pdf"):
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
