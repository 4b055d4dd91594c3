"""Everything a run can check before any notebook starts: the corpus and its metadata, the lexicons and
events, the parameters that name columns or entities, and the output folder. A problem is one line
naming the parameter or file and what to do (``InputError``, exit 2), in well under two seconds.
"""

from __future__ import annotations

import ast
import difflib
import json
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from newsreport.archives import has_record, is_archive
from newsreport.contract import GROUPING_COLUMNS
from newsreport.decoding import decode_bytes
from newsreport.errors import InputError
from newsreport.params import PARAMS_FILE, Params, Paths, configured
from newsreport.sources import (
    METADATA_FILE,
    TABLE_SUFFIXES,
    check_table_file,
    folder_items,
    is_table_file,
    outside_link,
)
from newsreport.transaction import check_folder, check_writable


def validate(params: Params, paths: Paths, notebooks: list[Path], *, warn: Callable[[str], None],
             given: Collection[str] = ()) -> None:
    """Refuse a run that would fail or mislead, before it starts; ``warn`` about the parameters cells whose values
    it overrides with config/params.yaml's (not with the values it is ``given``: -p, --params)."""
    check_writable(paths.report.parent)
    check_folder(paths.index, what="the corpus index (a cache, in the project folder):")
    _check_places(paths)
    metadata_columns = _check_corpus(params, paths)
    _check_grouping(params, metadata_columns, table_file=paths.corpus.is_file())
    if params.keyness_language not in params.languages:
        raise InputError(f"parameter 'keyness_language': '{params.keyness_language}' is not one of the corpus "
                         f"languages ({', '.join(params.languages)}); choose one of them")
    _check_lexicons(params, paths)
    for notebook in notebooks:
        for message in disagreements(notebook, params, paths.root, given=given):
            warn(message)


def _check_places(paths: Paths) -> None:
    """The corpus is not among what the run writes, nor the run's output inside the corpus (raw data is never
    written: a run would read its own output as articles, or write into the articles' folder)."""
    written = [paths.processed, paths.figures, paths.report, paths.index.parent]
    if inside := next((folder for folder in written if paths.corpus.is_relative_to(folder)), None):
        raise InputError(f"parameter 'corpus': {paths.corpus} is inside {inside}, which the run writes; keep the "
                         "corpus in a folder of its own (data/raw, say)")
    if paths.corpus.is_dir() and (inside := next((f for f in written if f.is_relative_to(paths.corpus)), None)):
        raise InputError(f"parameter 'output_root': the run would write {inside} inside the corpus folder "
                         f"{paths.corpus}; choose an output_root outside it")


def _check_corpus(params: Params, paths: Paths) -> list[str]:
    """The corpus can be read; returns the columns its metadata adds."""
    from newsreport.metadata import read_metadata

    if not paths.corpus.exists():
        raise InputError(f"parameter 'corpus': {paths.corpus} does not exist; pass --corpus with a folder of "
                         "articles or a .csv/.jsonl/.parquet file")
    if paths.metadata is not None and not paths.metadata.is_file():
        raise InputError(f"parameter 'metadata': {paths.metadata} is not a file; fix the path or set it to null")
    metadata = paths.metadata
    if (metadata is not None and paths.corpus.is_dir() and metadata.parent.resolve() == paths.corpus.resolve()
            and outside_link(metadata, paths.corpus)):
        raise InputError(f"{metadata.name} in the corpus folder is a link to {metadata.resolve()}, outside it: a "
                         "corpus folder's files are read only from inside it; copy the file into the folder")
    if paths.corpus.is_file() and params.metadata is not None:
        raise InputError(f"parameter 'metadata': {paths.metadata.name} completes a folder of article files; "
                         f"{paths.corpus.name} carries its own (a table file's columns, an archive's records): "
                         "set metadata to null")
    if paths.corpus.is_file():
        if is_archive(paths.corpus):
            if not has_record(paths.corpus):
                raise InputError(f"parameter 'corpus': {paths.corpus.name} holds no WARC record (empty, not a web "
                                 "archive, or damaged from its start); pass a .warc/.warc.gz file a crawler wrote")
            return []
        if not is_table_file(paths.corpus):
            raise InputError(f"parameter 'corpus': {paths.corpus.name} is not a folder, a "
                             f"{'/'.join(TABLE_SUFFIXES)} file or a .warc/.warc.gz web archive")
        check_table_file(paths.corpus, params.load_options())
        return []
    items, _skipped = folder_items(paths.corpus, extensions=params.extensions)
    if not items:
        raise InputError(f"corpus folder {paths.corpus} has no article files ({', '.join(params.extensions)}); "
                         "add articles or pass --corpus DIR")
    encoding = params.fallback_encoding
    readable = (has_record(item.path) if item.kind == "archive" else
                decode_bytes(item.path.read_bytes(), fallback_encoding=encoding).text is not None for item in items)
    if not any(readable):  # stops at the first file with text
        raise InputError(f"corpus folder {paths.corpus}: no article file holds text and no web archive a record "
                         "(each is empty, binary or undecodable); add articles or pass --corpus DIR")
    if paths.metadata is None:
        return []
    files = {item.doc_id for item in items if item.kind != "archive"}
    described = read_metadata(paths.metadata, doc_ids=files, languages=params.languages)
    return sorted({column for record in described.values() for column in record})


def _check_grouping(params: Params, metadata_columns: list[str], *, table_file: bool) -> None:
    known = [*GROUPING_COLUMNS, *(c for c in metadata_columns if c not in GROUPING_COLUMNS)]
    for name in ("compare_by", "keyness_by"):
        column = getattr(params, name)
        if column in known:
            continue
        extra = [c for c in metadata_columns if c not in GROUPING_COLUMNS]
        where = "" if table_file else (f"; {METADATA_FILE} adds {', '.join(extra)}" if extra else
                                       f", or add a column '{column}' to {METADATA_FILE}")
        raise InputError(f"parameter '{name}': no document has a column '{column}'; choose year, language, "
                         f"outlet or another column of the corpus table{where}")


def _check_lexicons(params: Params, paths: Paths) -> None:
    from newsreport.lexicon import load_lexicon
    from newsreport.timeline import read_events
    from newsreport.tokens import project_stop_words

    project_stop_words(paths.stopwords_lexicon)
    load_lexicon(paths.themes_lexicon)
    entities = list(dict.fromkeys(load_lexicon(paths.entities_lexicon)["entity"]))
    for name in params.timeline_entities:
        if name not in entities:
            folded = {entity.casefold(): entity for entity in entities}
            close = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.6)
            hint = (f"did you mean '{folded[close[0]]}'?" if close
                    else f"the names are those of {paths.entities_lexicon.name}")
            raise InputError(f"parameter 'timeline_entities': '{name}' is not an entity of "
                             f"{paths.entities_lexicon.name}; {hint}")
    if paths.events.is_file():
        read_events(paths.events)
    elif str(params.events) != str(configured(paths.root).get("events")):  # a typo would draw no event, silently
        raise InputError(f"parameter 'events': {paths.events} does not exist; fix the path (without an events "
                         "file the timeline has no events)")


def disagreements(notebook: Path, params: Params, root: Path, *, given: Collection[str] = ()) -> list[str]:
    """A line for each parameter a notebook's cell tagged ``parameters`` sets otherwise than config/params.yaml, when
    this run (``params``) uses the configured value: a run of the report injects it, and it wins. A value ``given``
    to the run (-p, --params, --corpus) is the analyst's choice, said by the run itself."""
    defaults = configured(root)
    used = params.model_dump(mode="json")
    messages = []
    for name, value in declared_values(notebook).items():
        if name in given:
            continue
        if name in defaults and _comparable(value) != _comparable(defaults[name]) == _comparable(used.get(name)):
            messages.append(
                f"note: {notebook.parent.name}/{notebook.name} sets {name} = {value!r} in its parameters cell, but "
                f"the report uses {defaults[name]!r}, set in {PARAMS_FILE} (or with -p {name} ...); the cell is used "
                "only when the notebook is run by hand")
    return messages


def declared_values(notebook: Path) -> dict[str, Any]:
    """The names and literal values assigned in a notebook's cell tagged ``parameters`` (read without a kernel)."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{notebook}: not a notebook that can be read ({exc}); restore it from version "
                         "control, or remove it") from None
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            values = {}
            try:
                body = ast.parse("".join(cell["source"])).body
            except SyntaxError as exc:
                raise InputError(f"{notebook.name}: its parameters cell is not valid Python (line {exc.lineno}: "
                                 f"{exc.msg}); fix the cell") from None
            for node in body:
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            try:
                                values[target.id] = ast.literal_eval(node.value)
                            except ValueError:
                                values[target.id] = ast.unparse(node.value)
            return values
    return {}


def _comparable(value: Any) -> Any:
    """Lists and tuples alike, so that [1, 2] in a notebook equals [1, 2] in YAML."""
    if isinstance(value, list | tuple):
        return [_comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    return value
