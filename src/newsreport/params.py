"""Parameters: defaults from config/params.yaml, overrides, validation, and every path of a run.

The defaults live only in ``config/params.yaml``; notebooks declare the ones they use in a cell
tagged ``parameters`` and pass them back here, so a notebook run by hand, by papermill or by the
command line is validated by the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from newsreport.contract import TABLE_FILE
from newsreport.errors import InputError
from newsreport.yamlfile import parse_yaml, read_yaml

if TYPE_CHECKING:
    from newsreport.engine import EngineOptions
    from newsreport.sources import LoadOptions
    from newsreport.themes import Bootstrap
    from newsreport.tokens import TermOptions

PARAMS_FILE = Path("config") / "params.yaml"


class Params(BaseModel):
    """Every parameter of the report; the defaults and their meaning are in config/params.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)

    # input
    corpus: Path
    corpus_columns: dict[Literal["id", "text", "title", "date", "language", "outlet"], str]
    metadata: Path | None
    extensions: tuple[str, ...]
    languages: tuple[Literal["en", "fr", "ar"], ...]
    fallback_encoding: str
    remove_boilerplate: bool
    # lexicons and events
    stopwords_lexicon: Path
    entities_lexicon: Path
    themes_lexicon: Path
    events: Path
    # execution
    engine: Literal["local", "dask"]
    dask_scheduler: str | None
    workers: int
    partition_size: int
    # output
    output_root: Path
    figure_dpi: int
    report_title: str
    # term frequency
    ngram_range: tuple[int, int]
    min_length: int
    lowercase: bool
    stop_words: tuple[Literal["maintained", "project"], ...]
    lemmatize: bool
    top_n: int
    cloud_words: int
    random_state: int
    distinctive_top_n: int
    kwic_window: int
    # mention timeline
    period: Literal["year", "quarter", "month"]
    timeline_entities: tuple[str, ...]
    timeline_top_n: int
    heatmap_top_n: int
    max_documents_shown: int
    evidence_per_entity: int
    uncovered_min_count: int
    # theme comparison
    compare_by: str
    min_docs: int
    n_boot: int
    ci: float
    keyness_by: str
    keyness_language: Literal["en", "fr", "ar"]
    keyness_min_count: int
    keyness_top_n: int
    driving_terms_top_n: int
    evidence_per_theme: int

    def term_options(self, stopwords_lexicon: Path | None) -> TermOptions:
        """How terms are made (``stopwords_lexicon`` resolved: ``Paths.stopwords_lexicon``)."""
        from newsreport.tokens import TermOptions

        return TermOptions(ngram_range=tuple(self.ngram_range), stop_words=tuple(self.stop_words),
                           stopwords_lexicon=stopwords_lexicon, min_length=self.min_length,
                           lowercase=self.lowercase, lemmatize=self.lemmatize)

    def load_options(self) -> LoadOptions:
        """How the corpus is read."""
        from newsreport.sources import LoadOptions

        return LoadOptions(columns=self.corpus_columns, extensions=self.extensions, languages=self.languages,
                           fallback_encoding=self.fallback_encoding, remove_boilerplate=self.remove_boilerplate)

    def bootstrap(self) -> Bootstrap:
        """How the themes' intervals are drawn."""
        from newsreport.themes import Bootstrap

        return Bootstrap(n_boot=self.n_boot, seed=self.random_state, ci=self.ci)

    def engine_options(self) -> EngineOptions:
        """Where partitioned work runs."""
        from newsreport.engine import EngineOptions

        return EngineOptions(engine=self.engine, workers=self.workers, dask_scheduler=self.dask_scheduler,
                             partition_size=self.partition_size)

    @field_validator("extensions")
    @classmethod
    def _dotted(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for ext in value:
            if not ext.startswith("."):
                raise ValueError(f"'{ext}' must start with a dot, e.g. '.txt'")
        return value

    @field_validator("languages")
    @classmethod
    def _some_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("needs at least one language of en, fr, ar")
        return value

    @field_validator("fallback_encoding")
    @classmethod
    def _known_codec(cls, value: str) -> str:
        import codecs

        from newsreport.decoding import text_codec

        try:
            codecs.lookup(value)
        except LookupError as exc:
            raise ValueError(f"unknown encoding '{value}' (try cp1252 or latin-1)") from exc
        if text_codec(value) is None:  # rot13, base64, hex: transforms, not the encoding of a text
            raise ValueError(f"'{value}' is not a text encoding (try cp1252 or latin-1)")
        return value

    @field_validator("report_title")
    @classmethod
    def _titled(cls, value: str) -> str:
        if not value.strip():  # the PDF's title, which readers and screen readers announce
            raise ValueError("must not be empty")
        return value

    @field_validator("figure_dpi")
    @classmethod
    def _dpi(cls, value: int) -> int:
        if not 50 <= value <= 600:  # 600 dpi prints sharp; more only makes the figure files huge
            raise ValueError("must be from 50 to 600")
        return value

    @field_validator("min_length", "top_n", "cloud_words", "distinctive_top_n", "kwic_window", "timeline_top_n",
                     "heatmap_top_n", "evidence_per_entity", "uncovered_min_count", "min_docs", "n_boot",
                     "keyness_min_count", "keyness_top_n", "driving_terms_top_n", "evidence_per_theme",
                     "partition_size", "max_documents_shown")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be at least 1")
        return value

    @field_validator("workers")
    @classmethod
    def _workers(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must be 0 (one per core) or a positive number of processes")
        return value

    @field_validator("ci")
    @classmethod
    def _coverage(cls, value: float) -> float:
        if not 0 < value < 1:
            raise ValueError("must be between 0 and 1, e.g. 0.95")
        return value

    @field_validator("ngram_range")
    @classmethod
    def _range(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not 1 <= value[0] <= value[1] <= 5:
            raise ValueError("must be [low, high] with 1 <= low <= high <= 5")
        return value


@dataclass(frozen=True)
class Paths:
    """Where a run reads and writes; inputs under the project root, outputs under output_root."""

    root: Path
    corpus: Path
    metadata: Path | None
    stopwords_lexicon: Path
    entities_lexicon: Path
    themes_lexicon: Path
    events: Path
    processed: Path
    figures: Path
    report: Path
    tables: Path
    executed: Path

    @property
    def corpus_table(self) -> Path:
        return self.processed / TABLE_FILE

    @property
    def index(self) -> Path:
        """Where the corpus index is kept (``newsreport.index``): a cache keyed by content, safe to delete."""
        return self.root / ".build" / "index"


def load_params(
    project_root: str | Path = ".",
    *,
    params_file: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Params:
    """Read config/params.yaml, apply a parameter file and overrides, and validate the result."""
    root = Path(project_root)
    values = configured(root)
    if params_file is not None:
        extra = _read_yaml(Path(params_file))
        _reject_unknown(extra, values, source=str(params_file))
        values.update(extra)
    if overrides:
        _reject_unknown(overrides, values, source="overrides")
        values.update(overrides)
    try:
        return Params(**values)
    except ValidationError as exc:
        raise InputError(_first_error(exc)) from None


def configured(project_root: str | Path) -> dict[str, Any]:
    """The parameters as config/params.yaml sets them."""
    return _read_yaml(Path(project_root) / PARAMS_FILE)


def given_names(params_file: str | Path | None = None, overrides: dict[str, Any] | None = None) -> set[str]:
    """The parameters a run is given (with --params or -p) rather than read from config/params.yaml."""
    return set(overrides or {}) | (set(_read_yaml(Path(params_file))) if params_file is not None else set())


def parse_override(name: str, text: str) -> tuple[str, Any]:
    """Turn a command-line ``-p NAME VALUE`` into a typed value (YAML syntax: 30, true, [1, 2]); a text parameter
    keeps the text as written ("Interpol: a review" is a title, not a YAML mapping)."""
    value = parse_yaml(text)
    field = Params.model_fields.get(name)
    annotation = field.annotation if field is not None else None
    kinds = get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)
    if (str in kinds or Path in kinds) and not isinstance(value, str) and not (value is None and type(None) in kinds):
        return name, text  # (an optional one, "null": none)
    return name, value


def resolve_paths(params: Params, project_root: str | Path = ".") -> Paths:
    """Every path of a run, absolute (whether the inputs exist is ``validation``'s to check, before a run)."""
    root = Path(project_root).resolve()
    corpus = (root / params.corpus).resolve()
    metadata = (root / params.metadata).resolve() if params.metadata else None
    if metadata is None and corpus.is_dir() and (corpus / "metadata.csv").is_file():
        metadata = corpus / "metadata.csv"
    out = (root / params.output_root).resolve()
    return Paths(
        root=root,
        corpus=corpus,
        metadata=metadata,
        stopwords_lexicon=root / params.stopwords_lexicon,
        entities_lexicon=root / params.entities_lexicon,
        themes_lexicon=root / params.themes_lexicon,
        events=root / params.events,
        processed=out / "data" / "processed",
        figures=out / "figures",
        report=out / "report",
        tables=out / "report" / "tables",
        executed=out / "report" / "executed",
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    values = read_yaml(path, what="parameter file") or {}
    if not isinstance(values, dict):
        raise InputError(f"parameter file {path} must map parameter names to values")
    return values


def _reject_unknown(new: dict[str, Any], known: dict[str, Any], *, source: str) -> None:
    for key in new:
        if key not in known:
            raise InputError(
                f"unknown parameter '{key}' (from {source}); the parameters are listed in {PARAMS_FILE}"
            )


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    name = ".".join(str(part) for part in err["loc"][:1]) or "?"
    got = err.get("input")
    return f"parameter '{name}': {err['msg']} (got {got!r}); see {PARAMS_FILE} for its type and default"
