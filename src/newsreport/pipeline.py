"""The pipeline: check everything that can be checked, take the output folder's lock, execute the
notebooks that need it with papermill (01 first, the rest side by side, one per worker) into a staging
folder, render the report there, and promote it all at once (``transaction``).

A notebook's fingerprint is the hash of its source, the parameters it is given (those it declares, and the
options that travel with them: ``OPTION_GROUPS``), the files those
parameters name (corpus, metadata, lexicons, events), the corpus table it reads (after 01) and the
package's code; a notebook that counts terms (it declares ``ngram_range``) also reads the lexicons'
multi-word aliases, which the term counts compound (``TERM_LEXICONS``). A notebook is reused only when
its fingerprint is the one the manifest of the last successful run records and every output it wrote
then still has the SHA-256 recorded for it; anything else (a failed run, a notebook run by hand over the
report's tables) re-runs it. One exception, an early cut-off: a notebook that counts terms and differs
only in those aliases is reused when the term counts it reads came out byte-identical (a lexicon edit
that compounds nothing new in this corpus).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsreport import transaction
from newsreport.contract import TABLE_FILE
from newsreport.engine import cores
from newsreport.errors import UNCHANGED, InputError, RunFailed
from newsreport.execution import NotebookFailed, execute, keep_failed
from newsreport.kernels import Kernels
from newsreport.labels import plural
from newsreport.lexicon import TERM_LEXICONS, load_lexicon, term_phrases
from newsreport.manifest import code_hash, file_sha256, input_hashes, package_versions, read_manifest, write_manifest
from newsreport.params import Params, Paths, given_names, load_params, resolve_paths
from newsreport.sources import corpus_files
from newsreport.validation import declared_values, validate

NOTEBOOKS = Path("notebooks")
LOCATION_PARAMETERS = ("project_root", "output_root")
# Where the work runs, not what it computes (both engines, any number of workers, give the same tables): given to
# every notebook, and part of a fingerprint only where declared (01 writes the corpus table in partitions).
RUN_OPTIONS = ("engine", "dask_scheduler", "workers", "partition_size")
# Options that travel together: a notebook that declares the first of a group is given the others, which its
# parameters cell need not list (run by hand, it reads them from config/params.yaml: ``notebook.start``); given,
# they are part of its fingerprint as declared ones are.
OPTION_GROUPS = {
    "ngram_range": ("min_length", "lowercase", "stop_words", "lemmatize", "stopwords_lexicon"),  # the term options
    "keyness_by": ("keyness_language", "keyness_min_count", "keyness_top_n"),
}
OUTPUT_FOLDERS = (Path("data/processed"), Path("figures"), Path("report/tables"), Path("report/executed"))
REPORT_FILES = ("report/report.html", "report/report.pdf")
CORPUS_TABLE = Path("data/processed") / TABLE_FILE
FAILED = Path("report/failed")  # where a failed notebook is kept, until the next successful run
ALIASES_CHANGED = "the lexicons' multi-word aliases changed"


@dataclass(frozen=True)
class Step:
    notebook: Path
    declared: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.notebook.stem

    @property
    def given(self) -> tuple[str, ...]:
        """The parameters the notebook is given: those it declares, and the rest of their groups (``OPTION_GROUPS``)."""
        grouped = [member for name in self.declared for member in OPTION_GROUPS.get(name, ())]
        return tuple(dict.fromkeys([*self.declared, *grouped]))

    @property
    def counts_terms(self) -> bool:
        return "ngram_range" in self.declared

    @property
    def index_entries(self) -> int:
        """How many of the index's entries the notebook reads (term counts, each lexicon's matches): its work grows
        with them, which orders a first run's notebooks."""
        return self.counts_terms + sum(name in self.declared for name in TERM_LEXICONS)


@dataclass
class Outcome:
    """What happened to one notebook in a run; ``outputs`` maps each file it wrote to its SHA-256. A notebook
    that counts terms also records its fingerprint without the lexicons' aliases (``base``) and the digest of
    the term counts it read (``terms``)."""

    name: str
    fingerprint: str
    status: str  # "executed" or "reused"
    seconds: float
    outputs: dict[str, str] = field(default_factory=dict)
    base: str = ""
    terms: str = ""


def plan(root: Path) -> list[Step]:
    """The notebooks of the report in order (their names start with their number)."""
    paths = sorted((root / NOTEBOOKS).glob("[0-9][0-9]_*.ipynb"))
    return [Step(path, tuple(sorted(declared_values(path)))) for path in paths]


def longest_first(steps: list[Step], previous: dict) -> list[Step]:
    """The order to start notebooks in, side by side, so that the last to end ends soonest: the one that took longest
    in the ``previous`` run's manifest first; on a first run, those that read most of the index (``index_entries``)."""
    took = {notebook["name"]: notebook.get("seconds", 0) for notebook in previous.get("notebooks", [])}
    return sorted(steps, key=lambda step: (-took.get(step.name, 0), -step.index_entries))


def dependents(steps: list[Step], name: str) -> list[str]:
    """A notebook and those that read its outputs: every later notebook reads what 01 wrote."""
    names = [s.name for s in steps]
    if name not in names:
        raise InputError(f"--only {name}: no such notebook; choose one of {', '.join(names)}")
    return names if name == names[0] else [name]


def notebook_parameters(step: Step, params: Params, *, root: Path, output_root: Path) -> dict[str, Any]:
    """The values injected into a notebook: the parameters it is given (``Step.given``), where the work runs
    (``RUN_OPTIONS``),
    and where to read and write (relative to the notebook's folder and to the project, so that they read the
    same from any checkout)."""
    values = params.model_dump(mode="json")
    values.update(project_root=os.path.relpath(root, step.notebook.parent),
                  output_root=os.path.relpath(output_root, root))
    names = dict.fromkeys([*step.given, *(TERM_LEXICONS if step.counts_terms else ()), *RUN_OPTIONS])
    return {name: values[name] for name in names if name in values}


def notebook_code(notebook: Path) -> bytes:
    """What a notebook runs: its cells' kinds and sources, not the outputs, counts and ids that saving it after a
    run by hand adds (a notebook saved unchanged is not run again)."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    return json.dumps([(cell.get("cell_type"), "".join(cell.get("source", ""))) for cell in cells]).encode()


def fingerprint(step: Step, params: Params, paths: Paths, *, corpus_digest: str | None, code: str,
                aliases: str = "") -> str:
    """Hash of everything a notebook's outputs depend on; ``aliases``: the digest of the lexicons' multi-word
    aliases, for a notebook that counts terms ("" gives its fingerprint without them)."""
    values = notebook_parameters(step, params, root=paths.root, output_root=paths.root)
    for name in (*LOCATION_PARAMETERS, *(name for name in RUN_OPTIONS if name not in step.declared)):
        values.pop(name, None)
    named = {"metadata": paths.metadata, "stopwords_lexicon": paths.stopwords_lexicon,
             "entities_lexicon": paths.entities_lexicon, "themes_lexicon": paths.themes_lexicon, "events": paths.events}
    inputs = [path for name, path in named.items() if name in step.given and path is not None]
    skipped: list[dict] = []  # the corpus folder's entries not read: listed by the loading notebook
    if "corpus" in step.given:
        files, skipped = corpus_files(paths.corpus, extensions=params.extensions)
        inputs += files
        if paths.metadata is not None:
            inputs.append(paths.metadata)
    digest = hashlib.sha256()
    for part in (notebook_code(step.notebook), json.dumps([values, skipped], sort_keys=True).encode(),
                 json.dumps(input_hashes(inputs, root=paths.root), sort_keys=True).encode(),
                 (corpus_digest or "").encode(), code.encode(), aliases.encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def multiword_aliases_digest(paths: Paths) -> str:
    """The digest of the term lexicons' multi-word aliases (``lexicon.phrases``): what term counts read of them."""
    return hashlib.sha256(json.dumps(term_phrases(paths), ensure_ascii=False).encode()).hexdigest()


def run(
    root: Path,
    *,
    params_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
    force: bool = False,
    only: str | None = None,
    wait: bool = False,
    echo: Callable[[str], None] | None = None,
) -> list[Outcome]:
    """Regenerate the report under ``root``; on failure or interrupt the previous report stays as it was. ``echo``
    says what happens, a line at a time (``say`` by default)."""
    echo = echo or say
    root = root.resolve()
    params = load_params(root, params_file=params_file, overrides=overrides)
    paths = resolve_paths(params, root)
    steps = plan(root)
    wanted = set(dependents(steps, only)) if only else set()
    validate(params, paths, [s.notebook for s in steps], warn=echo, given=given_names(params_file, overrides))
    out = paths.report.parent
    with transaction.locked(out, wait=wait, echo=echo):
        for done in transaction.recover(out):
            echo(done)
        return _run(steps, params, paths, force=force, wanted=wanted, echo=echo)


_SAYING = threading.Lock()


def say(line: str) -> None:
    """Print a line of the run's log whole: notebooks end side by side, in threads, and two ``print`` calls at
    once may run their lines together ("...unchangedskipped ...")."""
    with _SAYING:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def _run(
    steps: list[Step], params: Params, paths: Paths, *, force: bool, wanted: set[str], echo: Callable[[str], None]
) -> list[Outcome]:
    out = paths.report.parent
    previous = read_manifest(paths.report / "manifest.json")
    reusable = {} if force else {nb["name"]: nb for nb in previous.get("notebooks", [])}
    code = code_hash()
    inputs = _inputs(params, paths)  # as the run starts: the report is promoted only if they are so at its end
    staging = transaction.staging_folder(out)
    staging.mkdir(parents=True)
    staged = resolve_paths(params.model_copy(update={"output_root": staging}), paths.root)
    context = _Context(params, paths, staged, code, reusable, wanted, echo)
    first, rest = steps[0], steps[1:]
    kernels = Kernels()
    # no more notebooks at once than the engine's workers (one per core): never more working processes than cores
    pool = ThreadPoolExecutor(max_workers=max(1, min(len(rest), params.workers or cores())))
    try:
        # Later notebooks likely to run get a kernel started (and their imports loaded) while 01 runs.
        first_runs = context.reason(first, None)
        if first_runs:
            kernels.warm(first.notebook)
        last_digest = _corpus_digest(out, out)
        for step in rest:  # not those the term counts may spare
            if first_runs or context.reason(step, last_digest) not in (None, ALIASES_CHANGED):
                kernels.warm(step.notebook, after=first.notebook if first_runs else None)
        if kernels.starting():  # papermill, the index and the renderer load while the kernels start and 01 runs
            threading.Thread(target=_import, args=("papermill", "newsreport.index", "newsreport.lexicon",
                                                   "newsreport.render", "weasyprint", "mistune"), daemon=True).start()
        # Notebooks run in threads; this thread only waits, so that an interrupt reaches it at once.
        outcomes = _results([pool.submit(context.run_step, first, None, kernels)])
        digest = _corpus_digest(staging, out)
        running = [s for s in rest if context.reason(s, digest)]
        if running:  # what they count on, computed in one pass over the corpus by every core, before they start
            context.terms = _prepare_index(running, params, paths, _corpus_tree(staging, out) or out, echo)
            transaction.check_interrupted()
        started = {step.name: pool.submit(context.run_step, step, digest, kernels)
                   for step in longest_first(rest, previous)}
        outcomes += _results([started[step.name] for step in rest])
        key = render_key(outcomes, params, inputs, code)
        rendered = previous.get("rendered", {})
        # a failed run's notebook left in report/failed goes with the next promotion
        if (all(o.status == "reused" for o in outcomes) and rendered.get("fingerprint") == key
                and _intact(rendered.get("files", {}), out) and not (out / FAILED).exists()):
            for stray in _unrecorded(previous, out):  # every output folder is the run's: replaced by each run
                (out / stray).unlink()
                with contextlib.suppress(OSError):  # and its folder, when it held only that
                    (out / stray).parent.rmdir()
                echo(f"removed {stray}: no output of the report (put there by hand?)")
            echo(f"nothing changed: all {len(outcomes)} notebooks and the report are up to date")
            return outcomes
        with transaction.interrupts_kept():  # an interrupt while the PDF is drawn is never lost
            _render(params, paths, staged, outcomes, key, inputs, echo)
        _unchanged_since(inputs, params, paths)
        failed = sorted(file.name for file in (out / FAILED).glob("*.ipynb")) if (out / FAILED).is_dir() else []
        with transaction.signals_deferred():
            transaction.promote(staging, out)
        if failed:
            echo(f"removed {FAILED}/ ({', '.join(failed)}): the failed run's notebooks, this run succeeded")
    finally:
        context.stopping.set()
        kernels.shutdown()  # first: a notebook still running then fails at once, and its thread ends
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(staging, ignore_errors=True)
    return outcomes


def render_key(outcomes: list[Outcome], params: Params, inputs: dict[str, str], code: str) -> str:
    """The fingerprint of the report: all it shows (the chapters, every parameter, the inputs it prints or attaches,
    the code, the date it carries): the report is drawn again when it changes."""
    shown = [[o.name, o.fingerprint] for o in outcomes] + [params.model_dump(mode="json"), inputs, code,
                                                           os.environ.get("SOURCE_DATE_EPOCH")]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()


def _import(*modules: str) -> None:
    for module in modules:
        importlib.import_module(module)


def _results(futures: list[Future]) -> list[Outcome]:
    """The outcomes in order, or the first failure as soon as it happens (the others are then stopped)."""
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
        transaction.check_interrupted()  # a signal whose exception was lost on the way stops the run all the same
        if any(future.exception() is not None for future in done):
            break
    for future in futures:
        if future.done() and future.exception() is not None:
            raise future.exception()
    return [future.result() for future in futures]


@dataclass
class _Context:
    """What every step of one run shares."""

    params: Params
    paths: Paths
    staged: Paths
    code: str
    reusable: dict[str, dict]
    wanted: set[str]
    echo: Callable[[str], None]
    stopping: threading.Event = field(default_factory=threading.Event)  # a notebook failed, or an interrupt
    terms: str | None = None  # the digest of the term counts, once the index has made them for this run
    _verified: dict[str, str | None] = field(default_factory=dict)  # notebook -> the output that changed

    @functools.cached_property
    def aliases(self) -> str:
        return multiword_aliases_digest(self.paths)

    def keys(self, step: Step, corpus_digest: str | None) -> tuple[str, str]:
        """A notebook's fingerprint and, for one that counts terms, its fingerprint without the lexicons' aliases."""
        key = functools.partial(fingerprint, step, self.params, self.paths, corpus_digest=corpus_digest, code=self.code)
        return (key(aliases=self.aliases), key()) if step.counts_terms else (key(), "")

    def reason(self, step: Step, corpus_digest: str | None) -> str | None:
        """Why a notebook must run (None: its verified outputs of the last successful run stand)."""
        before = self.reusable.get(step.name)
        if step.name in self.wanted:
            return "asked for"
        if before is None:
            return "no previous run"
        key, base = self.keys(step, corpus_digest)
        if before["fingerprint"] != key:
            if not base or before.get("base") != base:
                return "changed"
            if self.terms is None:
                return ALIASES_CHANGED  # it runs if the term counts, not made yet, come out otherwise
            if before.get("terms") != self.terms:
                return "changed"
        outputs = before["outputs"]  # a dict: read_manifest keeps only whole records
        if not outputs:  # every notebook writes tables: none recorded, none verified
            return "no verified outputs"
        if step.name not in self._verified:
            self._verified[step.name] = _changed(outputs, self.paths.report.parent)
        changed = self._verified[step.name]
        if changed is None:
            return None
        if not (self.paths.report.parent / changed).is_file():
            return f"{changed} is missing since the last run"
        return f"{changed} changed since the last run (a notebook run by hand?)"

    def run_step(self, step: Step, corpus_digest: str | None, kernels: Kernels) -> Outcome:
        params, paths, staging = self.params, self.paths, self.staged.report.parent
        key, base = self.keys(step, corpus_digest)
        reason = self.reason(step, corpus_digest)
        if reason is None:
            before = self.reusable[step.name]
            _link_outputs(before["outputs"], source=paths.report.parent, target=staging)
            self.echo(f"skipped {step.notebook.name}: unchanged")
            return Outcome(step.name, key, "reused", before["seconds"], before["outputs"], base,
                           before.get("terms", "") if base else "")
        if "since the last run" in reason:
            self.echo(f"re-running {step.notebook.name}: {reason}")
        workspace = staging / "notebooks" / step.name
        if corpus_digest is not None:
            _link_corpus_table(staging, paths.report.parent, workspace)
        started = time.perf_counter()
        kernel = kernels.take(step.notebook)
        try:
            execute(
                step.notebook, workspace / "report" / "executed" / step.notebook.name,
                parameters=notebook_parameters(step, params, root=paths.root, output_root=workspace), kernel=kernel,
            )
        except NotebookFailed as failure:
            if self.stopping.is_set():  # stopped because another notebook failed, or an interrupt: not its fault
                raise
            self.stopping.set()
            raise keep_failed(failure, paths.report.parent / FAILED) from None
        finally:
            kernels.release(kernel)
        seconds = round(time.perf_counter() - started, 1)
        outputs = _collect_outputs(workspace, staging)
        self.echo(f"executed {step.notebook.name} in {seconds:.1f} s")
        return Outcome(step.name, key, "executed", seconds, outputs, base, (self.terms or "") if base else "")


def _prepare_index(steps: list[Step], params: Params, paths: Paths, base: Path, echo: Callable[[str], None]
                   ) -> str | None:
    """Index the corpus for the notebooks about to run, as their declared parameters say they need: the matches of
    each lexicon they name (``entities_lexicon``, ``themes_lexicon``) and, for those that count terms
    (``ngram_range``), the candidate terms, then the term counts with the lexicons' phrases and the corpus's
    collocations compounded. The compounded counts and the matches are made in one pass over the corpus; an
    edited lexicon redoes only the documents its edit touches (``index``). Returns the digest of the term
    counts (None when none were asked for)."""
    from newsreport import index
    from newsreport.corpus_table import open_corpus
    declared = {name for step in steps for name in step.given}
    lexicons = [index.Lexicon(load_lexicon(getattr(paths, name)), window=params.kwic_window)
                for name in TERM_LEXICONS if name in declared]
    options = params.term_options(paths.stopwords_lexicon) if "ngram_range" in declared else None
    corpus, engine = open_corpus(base / CORPUS_TABLE), params.engine_options()
    started = time.perf_counter()
    terms, read = None, 0
    if options:  # the candidates first (kept until the corpus or the term options change), then the rest in one pass
        read = index.prepare(corpus, index=paths.index, engine=engine, terms=options.candidates())
        terms = index.compounded_options(corpus, options, phrases=term_phrases(paths), index=paths.index,
                                         engine=engine)
    read += index.prepare(corpus, index=paths.index, engine=engine, lexicons=lexicons, terms=terms)
    if read:
        echo(f"indexed the corpus ({plural(read, 'partition pass', 'partition passes')}) in "
             f"{time.perf_counter() - started:.1f} s")
    return None if terms is None else index.counted_terms(corpus, terms, index=paths.index).digest


def _render(params: Params, paths: Paths, staged: Paths, outcomes: list[Outcome], render_key: str,
            inputs: dict[str, str], echo: Callable[[str], None]) -> None:
    """Write the manifest and the report into the staging folder; the manifest records the report's hashes."""
    from newsreport.render import Report, render_report

    manifest = _manifest(params, paths, outcomes, inputs)
    write_manifest(manifest, staged.report / "manifest.json")
    started = time.perf_counter()
    render_report(staged, Report(params.report_title, _corpus_name(paths), lexicons={
        "Entity lexicon": paths.entities_lexicon, "Theme dictionary": paths.themes_lexicon,
        "Project stop words": paths.stopwords_lexicon,
    }, documents_shown=params.max_documents_shown))
    manifest["rendered"] = {"fingerprint": render_key,
                            "files": {name: file_sha256(staged.report.parent / name) for name in REPORT_FILES}}
    write_manifest(manifest, staged.report / "manifest.json")
    echo(f"rendered report.html and report.pdf in {time.perf_counter() - started:.1f} s")


def _changed(files: dict[str, str], out: Path) -> str | None:
    """The first of ``files`` (path -> SHA-256) that is missing or no longer has its hash."""
    for relative, digest in files.items():
        path = out / relative
        if not path.is_file() or file_sha256(path) != digest:
            return relative
    return None


def _unrecorded(manifest: dict[str, Any], out: Path) -> list[str]:
    """The files of the output folders that no notebook of the last run wrote: a run that skipped would leave them
    among the tables the manifest vouches for."""
    recorded = {name for nb in manifest.get("notebooks", []) for name in nb.get("outputs", {})}
    return [file.relative_to(out).as_posix() for folder in OUTPUT_FOLDERS if (out / folder).is_dir()
            for file in sorted((out / folder).rglob("*"))
            if file.is_file() and not file.name.startswith(".") and file.relative_to(out).as_posix() not in recorded]


def _intact(files: dict[str, str], out: Path) -> bool:
    return bool(files) and _changed(files, out) is None


def _corpus_tree(staging: Path, live: Path) -> Path | None:
    """The tree whose corpus table the later notebooks read: this run's if 01 ran, else the last run's."""
    return next((base for base in (staging, live) if (base / CORPUS_TABLE).is_file()), None)


def _link_corpus_table(staging: Path, live: Path, workspace: Path) -> None:
    """Give a later notebook the corpus table (``_corpus_tree``) and the files beside it."""
    if (base := _corpus_tree(staging, live)) is None:
        return
    target = workspace / CORPUS_TABLE.parent
    target.mkdir(parents=True, exist_ok=True)
    for file in (base / CORPUS_TABLE.parent).iterdir():
        if file.is_file() and not file.name.startswith(".") and not (target / file.name).exists():
            transaction.link(file, target / file.name)


def _collect_outputs(workspace: Path, staging: Path) -> dict[str, str]:
    """Move what a notebook wrote into the shared staging tree; return the files it wrote, with their hashes."""
    outputs = {}
    for folder in OUTPUT_FOLDERS:
        for file in sorted((workspace / folder).rglob("*")) if (workspace / folder).is_dir() else []:
            if not file.is_file():
                continue
            relative = file.relative_to(workspace).as_posix()
            target = staging / relative
            if file.stat().st_nlink > 1 and target.exists():
                continue  # the corpus table lent by 01, not this notebook's output
            target.parent.mkdir(parents=True, exist_ok=True)
            file.replace(target)
            outputs[relative] = file_sha256(target)
    return dict(sorted(outputs.items()))


def _link_outputs(outputs: dict[str, str], *, source: Path, target: Path) -> None:
    for relative in outputs:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        transaction.link(source / relative, destination)


def _corpus_digest(staging: Path, live: Path) -> str | None:
    base = _corpus_tree(staging, live)
    return file_sha256(base / CORPUS_TABLE) if base is not None else None


def _inputs(params: Params, paths: Paths) -> dict[str, str]:
    """Every input file of the run, with its SHA-256: the corpus, its metadata, the lexicons and the events."""
    inputs = [*corpus_files(paths.corpus, extensions=params.extensions)[0], paths.stopwords_lexicon,
              paths.entities_lexicon, paths.themes_lexicon, paths.events]
    if paths.metadata is not None:
        inputs.append(paths.metadata)
    return input_hashes(inputs, root=paths.root)


def _unchanged_since(inputs: dict[str, str], params: Params, paths: Paths) -> None:
    """Refuse to promote a report whose inputs changed while it was made (a lexicon saved mid-run): its chapters
    and its appendices would disagree."""
    now = _inputs(params, paths)
    if changed := next((name for name in sorted(inputs.keys() | now.keys()) if inputs.get(name) != now.get(name)),
                       None):
        raise RunFailed(f"{changed} changed while the report was being made: run again; {UNCHANGED}")


def _manifest(params: Params, paths: Paths, outcomes: list[Outcome], inputs: dict[str, str]) -> dict[str, Any]:
    return {
        "report": {"title": params.report_title, "corpus": _corpus_name(paths)},
        "inputs": inputs,
        "parameters": params.model_dump(mode="json"),
        "packages": package_versions(),
        "notebooks": [asdict(o) for o in outcomes],
    }


def _corpus_name(paths: Paths) -> str:
    """The corpus as the title page names it: relative to the project, or just its name when outside it."""
    try:
        return str(paths.corpus.relative_to(paths.root))
    except ValueError:
        return paths.corpus.name
