"""The corpus index: what the later notebooks count on, computed once per corpus and options, and kept.

For each partition of the corpus table (a row group of corpus.parquet, ``partition_size`` documents)
the index holds the term counts of every document, for one set of term options, and the matches of
every lexicon (its evidence rows), for one lexicon and context window. ``prepare`` computes whatever is
missing in one pass over the partitions, on the engine's workers, each document tokenised and folded
once whatever is asked of it; the notebooks then read the index and only add up. Entries live under
``.build/index/``, keyed by content (the SHA-256 of the corpus's partitions, the options, the
lexicon's aliases, the stop-word file): changing the term options re-counts without re-matching, and an
unchanged corpus is never read twice. An edited lexicon is made from the entries of the lexicon before it:
only the documents whose folded text holds the text of an alias the edit changed are matched again, and
only those whose candidate terms hold a phrase it changed (which term counts compound) are tokenised
again; a partition the edit does not touch is the same file, linked.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsreport import arabic, collocations, matching, tokens
from newsreport.concordance import WINDOW
from newsreport.corpus_table import Corpus
from newsreport.engine import EngineOptions
from newsreport.folding import ARABIC
from newsreport.manifest import code_hash, files_sha256
from newsreport.tokens import TermOptions
from newsreport.transaction import link

KEEP = 4  # index entries of each kind kept (the most recently used); older ones are removed
TERM_COLUMNS = ["group", "term", "n", "count", "doc_count"]


# --- what the index holds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """A lexicon to match (``lexicon.load_lexicon``'s alias table) and the context kept around each match."""

    aliases: pd.DataFrame = field(hash=False, compare=False)
    window: int = WINDOW

    @property
    def key(self) -> str:
        rows = self.aliases[["entity", "entity_type", "alias"]].itertuples(index=False, name=None)
        return _digest(json.dumps([self.window, *rows], ensure_ascii=False))


@dataclass(frozen=True)
class Entry:
    """An entry of the index: one Parquet file per partition of a corpus, in a folder of its own."""

    corpus: Corpus
    folder: Path

    @property
    def parts(self) -> list[Path]:
        return [self.folder / _part(number) for number in range(len(self.corpus.partitions))]

    @property
    def complete(self) -> bool:
        """Whether every partition's file is there and whole: only then are its rows read, or reused."""
        return all(map(_readable, self.parts))

    @property
    def digest(self) -> str:
        """The SHA-256 of its files in order: two entries with the same digest hold the same rows."""
        return files_sha256(self.parts)


@dataclass(frozen=True)
class TermCounts(Entry):
    """The term counts of every document of a corpus: one Parquet file per partition (doc, term, count), counted
    with ``options``."""

    options: TermOptions

    def by_group(self, groups: pd.Series) -> Terms:
        """Term counts added up per group: ``groups`` maps doc_id to a group; documents missing from it are
        left out. Returns counts (group, term, n, count, doc_count) and the documents left without a term."""
        tables, empty, folding = [], [], self.folding()
        for number, part in enumerate(self.parts):
            ids = self.corpus.documents(number, ["doc_id"])["doc_id"]
            codes, names = pd.factorize(ids.map(groups), sort=True)  # -1: not in any group
            counts, terms = self._read(part, folding)
            if len(ids):
                termless = np.setdiff1d(np.flatnonzero(codes >= 0), counts["doc"])
                empty += ids.iloc[termless].tolist()
            row_groups = codes[counts["doc"]]
            kept = row_groups >= 0
            key = row_groups[kept].astype(np.int64) * len(terms) + counts["term"][kept]
            unique, inverse, doc_count = np.unique(key, return_inverse=True, return_counts=True)
            count = np.bincount(inverse, weights=counts["count"][kept], minlength=len(unique)).astype(np.int64)
            tables.append(pd.DataFrame({"group": names[unique // len(terms)] if len(unique) else [],
                                        "term": terms[unique % len(terms)] if len(unique) else [],
                                        "count": count, "doc_count": doc_count.astype(np.int64)}))
        counts = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=TERM_COLUMNS)
        counts = counts.groupby(["group", "term"], as_index=False, sort=True)[["count", "doc_count"]].sum()
        counts.insert(2, "n", counts["term"].astype(str).str.count(" ").astype("int64") + 1)
        return Terms(counts=counts[TERM_COLUMNS], empty=sorted(empty))

    def of_documents(self, doc_ids: Sequence[str]) -> pd.DataFrame:
        """The term counts of some documents (doc_id, term, n, count), read from the partitions holding them."""
        wanted, rows, folding = set(doc_ids), [], self.folding()
        for number, part in enumerate(self.parts):
            ids = self.corpus.documents(number, ["doc_id"])["doc_id"].to_numpy()
            if not wanted.intersection(ids):
                continue
            counts, terms = self._read(part, folding)
            chosen = np.isin(ids[counts["doc"]], list(wanted))
            rows.append(pd.DataFrame({"doc_id": ids[counts["doc"][chosen]], "term": terms[counts["term"][chosen]],
                                      "count": counts["count"][chosen].astype(np.int64)}))
        table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["doc_id", "term", "count"])
        table.insert(2, "n", table["term"].astype(str).str.count(" ").astype("int64") + 1)
        return table.sort_values(["doc_id", "term"], kind="mergesort").reset_index(drop=True)

    def collocations(self) -> pd.DataFrame:
        """The collocations among these (candidate) counts, per language (``collocations.collocations``);
        kept beside the counts."""
        kept = self.folder / "collocations.csv"
        if kept.is_file():
            return pd.read_csv(kept, keep_default_na=False, dtype={"language": str, "term": str})
        documents = pq.read_table(self.corpus.table, columns=["doc_id", "language"]).to_pandas()
        counts = self.by_group(documents.set_index("doc_id")["language"]).counts.rename(columns={"group": "language"})
        table = collocations.collocations(counts)
        _write_text(kept, table.to_csv(index=False, lineterminator="\n"))
        return table

    def folding(self) -> dict[str, str]:
        """Each written Arabic term that counts as another: its words' proclitics folded by the rule of
        ``arabic`` (الأمن, والأمن, للأمن, بالأمن are one term), shown as the form of them most often written.
        Made once from the whole corpus's terms and kept beside the counts."""
        kept = self.folder / "folding.json"
        if kept.is_file():
            return json.loads(kept.read_text(encoding="utf-8"))
        written: dict[str, int] = {}
        for part in self.parts:
            counts, terms = _read_counts(part)
            totals = np.bincount(counts["term"], weights=counts["count"], minlength=len(terms))
            for i in np.flatnonzero(_starts_arabic(terms)):
                written[terms[i]] = written.get(terms[i], 0) + int(totals[i])
        bases = arabic.base_forms({word for term in written for word in term.split(" ")})  # compounds' words too
        key = {term: " ".join(bases.get(word, word) for word in term.split(" ")) for term in written}
        shown: dict[str, str] = {}  # key -> the written form with most occurrences (ties: the first by order)
        for term in sorted(written, key=lambda t: (-written[t], t)):
            shown.setdefault(key[term], term)
        folding = {term: shown[key[term]] for term in sorted(written) if shown[key[term]] != term}
        _write_text(kept, json.dumps(folding, ensure_ascii=False, sort_keys=True))
        return folding

    def written_forms(self) -> dict[str, list[str]]:
        """Each term counted from several written forms (``folding``) and those forms, itself among them."""
        forms: dict[str, list[str]] = {}
        for written, shown in self.folding().items():
            forms.setdefault(shown, [shown]).append(written)
        return {shown: sorted(written) for shown, written in sorted(forms.items())}

    def _read(self, part: Path, folding: dict[str, str]) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """A partition's term counts with the ``folding`` applied: a document's forms of one term added up."""
        counts, terms = _read_counts(part)
        if not folding:
            return counts, terms
        shown = pd.Series(terms, dtype=object).map(folding).fillna(pd.Series(terms, dtype=object)).to_numpy()
        codes, terms = pd.factorize(shown, sort=True)
        pair = counts["doc"].astype(np.int64) * len(terms) + codes[counts["term"]]
        unique, inverse = np.unique(pair, return_inverse=True)
        summed = np.bincount(inverse, weights=counts["count"]).astype(np.int64)
        return {"doc": (unique // len(terms)).astype(np.int32), "term": unique % len(terms), "count": summed}, (
            np.asarray(terms, dtype=object))


@dataclass
class Terms:
    """Term counts per group, and the documents of the groups that left no term (only stop words)."""

    counts: pd.DataFrame  # group, term, n, count, doc_count
    empty: list[str]


@dataclass(frozen=True)
class LexiconMatches(Entry):
    """A lexicon's evidence rows in a corpus: one Parquet file per partition (``matching.EVIDENCE_COLUMNS``)."""

    def read(self, columns: Sequence[str] | None = None, *, categorical: bool = False) -> pd.DataFrame:
        """Every evidence row (only ``columns`` when given: reading all of a large corpus's is costly), those
        columns as categories when ``categorical`` (far smaller for millions of rows)."""
        chosen = list(columns) if columns else None
        tables = [pq.read_table(part, columns=chosen, read_dictionary=chosen if categorical else None)
                  for part in self.parts]
        return (pa.concat_tables(tables, promote_options="permissive").to_pandas() if tables
                else pd.DataFrame(columns=columns))

    @property
    def rows(self) -> int:
        return sum(pq.read_metadata(part).num_rows for part in self.parts)

    def first_documents(self, per_entity: int, order: pd.Series) -> pd.DataFrame:
        """Each entry's first evidence row in each of its first ``per_entity`` documents by ``order`` (doc_id -> a
        document's place: ``labels.date_order``, the earliest first), in that order and in text order: contexts
        from as many documents as possible, not the hits of one."""
        heads = []
        for number, part in enumerate(self.parts):  # chosen on the two key columns, then only those rows read
            keys = pq.read_table(part, columns=["entity", "doc_id"], read_dictionary=["entity", "doc_id"]).to_pandas()
            firsts = keys.drop_duplicates(["entity", "doc_id"])
            firsts = pd.DataFrame({"entity": firsts["entity"].astype(str).to_numpy(),
                                   "place": firsts["doc_id"].map(order).astype("float64").to_numpy(),
                                   "part": number, "row": firsts.index.to_numpy()})
            heads.append(_earliest(firsts, per_entity))
        chosen = _earliest(pd.concat(heads, ignore_index=True), per_entity) if heads else []
        if not len(chosen):  # no evidence row at all
            return pd.DataFrame(columns=matching.EVIDENCE_COLUMNS)
        taken = [pq.read_table(self.parts[number]).take(group["row"].to_numpy()).to_pandas().assign(
                     _place=group["place"].to_numpy()) for number, group in chosen.groupby("part", sort=True)]
        table = pd.concat(taken, ignore_index=True).sort_values(["_place", "start"], kind="mergesort")
        return table.drop(columns="_place").reset_index(drop=True)

    def of_documents(self, doc_ids: Sequence[str]) -> pd.DataFrame:
        """The evidence rows of some documents, read from the partitions holding them."""
        wanted, tables = set(doc_ids), []
        for number, part in enumerate(self.parts):
            ids = self.corpus.documents(number, ["doc_id"])["doc_id"]
            if not wanted.isdisjoint(ids):
                tables.append(pq.read_table(part, filters=[("doc_id", "in", sorted(wanted.intersection(ids)))]))
        return pa.concat_tables(tables).to_pandas() if tables else pd.DataFrame(columns=matching.EVIDENCE_COLUMNS)


def _earliest(firsts: pd.DataFrame, per_entity: int) -> pd.DataFrame:
    """Of (entity, place, ...) rows, the ``per_entity`` with the smallest place of each entity."""
    ordered = firsts.sort_values(["place", "entity"], kind="mergesort", na_position="last")
    return ordered.groupby("entity", sort=False).head(per_entity)


# --- computing what is missing ----------------------------------------------------------------------------


def term_counts(
    corpus: Corpus, options: TermOptions, *, phrases: tuple[tuple[str, str], ...] = (), index: Path,
    engine: EngineOptions,
) -> TermCounts:
    """The term counts of every document, from the index (computed first where missing): the lexicons'
    ``phrases`` and the corpus's collocations compounded (``compounded_options``)."""
    compounded = compounded_options(corpus, options, phrases=phrases, index=index, engine=engine)
    prepare(corpus, index=index, engine=engine, terms=compounded)
    return counted_terms(corpus, compounded, index=index)


def counted_terms(corpus: Corpus, compounded: TermOptions, *, index: Path) -> TermCounts:
    """The entry of the term counts made with these (compounded) options, computed or not."""
    return TermCounts(corpus, _entry(index, "terms", corpus, compounded.key()), compounded)


def compounded_options(
    corpus: Corpus, options: TermOptions, *, phrases: tuple[tuple[str, str], ...] = (), index: Path,
    engine: EngineOptions,
) -> TermOptions:
    """The term options with what is compounded before counting: the ``phrases`` and the collocations found
    among the corpus's candidate terms (every word and pair of words), counted first where missing."""
    candidates = options.candidates()
    prepare(corpus, index=index, engine=engine, terms=candidates)
    found = TermCounts(corpus, _entry(index, "terms", corpus, candidates.key()), candidates).collocations()
    return dataclasses.replace(options, phrases=tuple(sorted(phrases)), collocations=collocations.as_options(found))


def lexicon_matches(corpus: Corpus, lexicon: Lexicon, *, index: Path, engine: EngineOptions) -> LexiconMatches:
    """A lexicon's evidence rows in every document, from the index (computed first where missing)."""
    matches = LexiconMatches(corpus, _entry(index, "matches", corpus, lexicon.key))
    prepare(corpus, index=index, engine=engine, lexicons=(lexicon,))
    return matches


def prepare(
    corpus: Corpus, *, index: Path, engine: EngineOptions, terms: TermOptions | None = None,
    lexicons: Sequence[Lexicon] = (),
) -> int:
    """Compute whatever of these the index lacks, in one pass over the partitions that lack something;
    returns how many partitions were read."""
    wanted = []
    if terms is not None:
        wanted.append((_entry(index, "terms", corpus, terms.key()), terms))
    wanted += [(_entry(index, "matches", corpus, lexicon.key), lexicon) for lexicon in lexicons]
    absent = {folder: {number for number in range(len(corpus.partitions)) if not _readable(folder / _part(number))}
              for folder, _ in wanted}
    # an entry to build from: looked for only when something is missing (it reads every other entry's files)
    reused = {folder: _reusable(folder, what, corpus) if absent[folder] else None for folder, what in wanted}
    streams = None if terms is None else _entry(index, "streams", corpus, _digest(f"streams {terms.lowercase}"))
    tasks = []
    for number in range(len(corpus.partitions)):
        missing = tuple((folder / _part(number), what, reused[folder]) for folder, what in wanted
                        if number in absent[folder])
        if missing:
            tasks.append(_Task(corpus.table, number, missing, corpus.rows[number],
                               None if streams is None else streams / _part(number)))
    for folder, what in wanted:
        if (about := _about(what)) is not None and not (folder / ABOUT).is_file():
            folder.mkdir(parents=True, exist_ok=True)
            _write_text(folder / ABOUT, json.dumps(about, ensure_ascii=False))
    folders = [folder for folder, _ in wanted] + ([streams] if streams is not None else [])
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # used now: kept by ``_prune``
    engine.map(_index_partition, tasks, label="partitions indexed")
    for kind in {folder.parent for folder in folders}:
        _prune(kind, keep=folders)
    return len(tasks)


# --- reusing an entry made for a neighbouring lexicon -------------------------------------------------------


@dataclass(frozen=True)
class _Rematch:
    """A complete matches entry of another version of the lexicon: its rows hold for every document whose folded
    text holds none of the ``keys`` (folded aliases) whose entries differ between the two versions."""

    base: Path
    keys: tuple[str, ...]

    def touched(self, number: int, texts: _Texts) -> list[int]:
        """The positions, in the partition, of the documents to match again."""
        if not self.keys:
            return []
        automaton = ahocorasick.Automaton()
        for key in self.keys:
            automaton.add_word(key, key)
        automaton.make_automaton()
        return [i for i, (folded, _) in enumerate(texts.batch.folded) if next(automaton.iter(folded), None)]


@dataclass(frozen=True)
class _Recount:
    """A complete term-counts entry made with other compounded phrases: its counts hold for every document whose
    candidate terms (the entry ``candidates``) hold none of the telltale ``terms`` of the phrases compounded in
    one entry and not the other (``tokens.telltale_terms``)."""

    base: Path
    candidates: Path
    terms: tuple[str, ...]

    def touched(self, number: int, texts: _Texts) -> list[int]:
        """The positions, in the partition, of the documents to tokenise again."""
        counts, terms = _read_counts(self.candidates / _part(number))
        codes = np.flatnonzero(np.isin(terms, list(self.terms)))
        return np.unique(counts["doc"][np.isin(counts["term"], codes)]).tolist()


ABOUT = "about.json"  # in an entry: what it was made for, to tell what a neighbouring entry can reuse of it


def _about(what: TermOptions | Lexicon) -> dict | None:
    """What an entry is made for, as far as another may reuse it: a lexicon's aliases; the compounded phrases
    of term counts, and the key of their other options. Candidate terms are never reused."""
    if isinstance(what, Lexicon):
        rows = what.aliases[["entity", "entity_type", "alias"]].itertuples(index=False, name=None)
        return {"window": what.window, "aliases": [list(row) for row in rows]}
    if what.phrases is None:
        return None
    return {"options": dataclasses.replace(what, phrases=()).key(), "phrases": [list(p) for p in what.phrases]}


def _reusable(folder: Path, what: TermOptions | Lexicon, corpus: Corpus) -> _Rematch | _Recount | None:
    """Of the complete entries of the same kind and corpus that ``what`` can be made from by redoing only the
    documents their difference touches, the one that differs least (the other lexicon, an older version of
    this one); None when there is none."""
    about = _about(what)
    if about is None:
        return None
    found = []
    for base in folder.parent.glob(f"{_prefix(corpus)}*"):
        if base == folder or not Entry(corpus, base).complete:
            continue
        try:
            known = json.loads((base / ABOUT).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(what, Lexicon) and known.get("window") == what.window:
            before = pd.DataFrame(known["aliases"], columns=["entity", "entity_type", "alias"])
            keys = matching.changed_keys(matching.build_matcher(before), matching.build_matcher(what.aliases))
            if keys is not None:
                found.append((len(keys), base.name, _Rematch(base, keys)))
        elif isinstance(what, TermOptions) and known.get("options") == about["options"]:
            changed = {tuple(p) for p in known["phrases"]} ^ {tuple(p) for p in about["phrases"]}
            telltale = tokens.telltale_terms(sorted(changed), what)
            candidates = _entry(folder.parent.parent, "terms", corpus, what.candidates().key())
            if telltale is not None and Entry(corpus, candidates).complete:
                found.append((len(changed), base.name, _Recount(base, candidates, telltale)))
    return min(found, key=lambda f: f[:2])[2] if found else None


@dataclass(frozen=True)
class _Task:
    """What one worker computes: the index files a partition lacks (``len``: its documents, for the engine), and
    the file of its documents' token streams (``tokens.token_stream``), which its term counts are made from:
    read when there, else made and kept, so that a document is tokenised once for its candidate terms and for
    the terms counted after them."""

    table: Path
    number: int
    missing: tuple[tuple[Path, TermOptions | Lexicon, _Rematch | _Recount | None], ...]
    rows: int
    streams: Path | None = None

    def __len__(self) -> int:
        return self.rows


class _Texts:
    """A partition's documents (doc_id, language, text), read once by a worker, and matched as one batch
    (``matching.Batch``: each text folded once for every lexicon)."""

    def __init__(self, table: Path, number: int) -> None:
        documents = pq.ParquetFile(table).read_row_group(number, columns=["doc_id", "language", "text"])
        self.rows = list(zip(*(documents.column(c).to_pylist() for c in ("doc_id", "language", "text")), strict=True))
        self.batch = matching.Batch([text for _, _, text in self.rows])

    def __len__(self) -> int:
        return len(self.rows)


def _index_partition(task: _Task) -> int:
    """Index one partition: term counts and lexicon matches, as asked, from one read of its texts. Each is
    made over all the texts, then written, before the next: one automaton or extractor in the caches at a
    time, and its rows freed before the next are built."""
    partition = _Texts(task.table, task.number)
    texts = partition.rows
    streams = None
    for path, what, reuse in task.missing:
        redo = range(len(texts)) if reuse is None else reuse.touched(task.number, partition)
        if reuse is not None and not redo:  # the edit touches none of its documents: the base's file holds
            _link(reuse.base / path.name, path)
            continue
        if isinstance(what, TermOptions):
            if streams is None:
                streams = _streams(task.streams, texts, lowercase=what.lowercase)
            doc, codes, names = _terms(what.extractor(), streams, [language for _, language, _ in texts], redo)
            count = np.ones(len(codes), dtype=np.int64)
            if reuse is not None:  # the other documents' counts as they are
                kept, kept_names = _read_counts(reuse.base / path.name)
                other = ~np.isin(kept["doc"], redo)
                doc = np.concatenate([kept["doc"][other], doc])
                codes = np.concatenate([kept["term"][other], codes + len(kept_names)])
                names = np.concatenate([kept_names, names])
                count = np.concatenate([kept["count"][other], count])
            _write(_counts_table(doc, codes, names, count), path)
        else:
            batch = partition.batch if reuse is None else partition.batch.subset(redo)
            table = matching.evidence_table([texts[i][0] for i in redo], batch,
                                            matching.build_matcher(what.aliases), window=what.window)
            if reuse is not None:  # the other documents' rows as they are, all in document order
                table = _merged_evidence(table, reuse.base / path.name, [texts[i][0] for i in redo],
                                         [doc_id for doc_id, _, _ in texts])
            _write(table, path)
    return len(texts)


def _terms(extract: tokens.TermExtractor, streams: list[str], languages: list[str], redo: Sequence[int]
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every term of the documents at ``redo``, the documents of each language together: (the document's
    position, the number of the term) for each, and the terms by number (each once)."""
    docs, codes, names = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=object)]
    by_language: dict[str, list[int]] = {}
    for i in redo:
        by_language.setdefault(languages[i], []).append(i)
    for language, places in sorted(by_language.items()):
        doc, code, found = extract.terms_of([streams[i] for i in places], language)
        docs.append(np.asarray(places, dtype=np.int64)[doc])
        codes.append(code + sum(map(len, names)))
        names.append(found)
    return np.concatenate(docs), np.concatenate(codes), np.concatenate(names)


def _streams(part: Path | None, texts: list[tuple[str, str, str]], *, lowercase: bool) -> list[str]:
    """The token streams of a partition's documents: read from ``part`` when it is there and whole (one per
    document), else made (and kept there)."""
    if part is not None and _readable(part):
        kept = pq.read_table(part).column("stream").to_pylist()
        if len(kept) == len(texts):
            return kept
    streams = [tokens.token_stream(text, language=language, lowercase=lowercase)[1] for _, language, text in texts]
    if part is not None:
        _write(pa.table({"stream": pa.array(streams, type=pa.string())}), part)
    return streams


def _counts_table(doc: np.ndarray, codes: np.ndarray, names: np.ndarray, count: np.ndarray) -> pa.Table:
    """Per document, each distinct term (``names[code]``, a name possibly under several codes) and its count
    added up: (doc, term, count), term dictionary-encoded in sorted order (only the terms counted)."""
    present = np.bincount(codes, minlength=len(names)) > 0
    numbers, vocabulary = pd.factorize(pd.Series(names[present], dtype=object), sort=True)
    codes = numbers[(np.cumsum(present) - 1)[codes]]
    size = max(len(vocabulary), 1)
    unique, inverse = np.unique(doc.astype(np.int64) * size + codes, return_inverse=True)
    summed = np.bincount(inverse, weights=count, minlength=len(unique))
    return pa.table({
        "doc": pa.array((unique // size).astype(np.int32)),
        "term": pa.DictionaryArray.from_arrays(pa.array((unique % size).astype(np.int32)),
                                               pa.array(vocabulary.to_numpy(dtype=object), type=pa.string())),
        "count": pa.array(summed.astype(np.int32)),
    })


def _merged_evidence(fresh: pa.Table, base_part: Path, redone: list[str], doc_ids: list[str]) -> pa.Table:
    """The evidence rows of the ``redone`` documents and the base's rows of the others, in document order."""
    base = pq.read_table(base_part)
    base = base.filter(pc.invert(pc.is_in(base["doc_id"], value_set=pa.array(redone, type=pa.string()))))
    table = pa.concat_tables([base, fresh]).combine_chunks()
    position = pc.index_in(table["doc_id"], value_set=pa.array(doc_ids, type=pa.string())).to_numpy()
    return table.take(np.argsort(position, kind="stable"))


def _read_counts(part: Path) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """A partition's term counts as arrays (doc, term code, count) and the term of each code."""
    table = pq.read_table(part, read_dictionary=["term"])
    term = table.column("term").combine_chunks()
    return ({"doc": table.column("doc").to_numpy(), "term": term.indices.to_numpy().astype(np.int64),
             "count": table.column("count").to_numpy()}, term.dictionary.to_numpy(zero_copy_only=False))


def _starts_arabic(terms: np.ndarray) -> np.ndarray:
    """Which terms begin with an Arabic letter (a term is in one script: Arabic documents' terms)."""
    return pc.match_substring_regex(pa.array(terms, type=pa.string()), f"^[{ARABIC}]").to_numpy(
        zero_copy_only=False)


@contextlib.contextmanager
def _placed(path: Path) -> Iterator[Path]:
    """A temporary name to write ``path`` under, renamed into place once written: an index file is there whole
    or not at all (another process may be reading the folder, or making the same file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial_path = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial_path.unlink(missing_ok=True)  # left by a killed run (a link to it would be the same file)
    yield partial_path
    partial_path.replace(path)


def _write_text(path: Path, text: str) -> None:
    with _placed(path) as partial_path:
        partial_path.write_text(text, encoding="utf-8")


def _link(source: Path, path: Path) -> None:
    """``path`` as the same file as ``source``: a hard link, else a copy."""
    with _placed(path) as partial_path:
        link(source, partial_path)


def _write(table: pa.Table, path: Path) -> None:
    with _placed(path) as partial_path:
        pq.write_table(table, partial_path)


def _readable(part: Path) -> bool:
    """Whether an index file is there and whole (its Parquet footer reads): a damaged one is made again."""
    try:
        pq.read_metadata(part)
    except (OSError, pa.ArrowException):
        return False
    return True


def _part(number: int) -> str:
    return f"part-{number:05d}.parquet"


def _entry(index: Path, kind: str, corpus: Corpus, key: str) -> Path:
    return index / kind / f"{_prefix(corpus)}{key[:16]}"


def _prefix(corpus: Corpus) -> str:
    """What the names of a corpus's entries begin with: the corpus, and the package's code (an entry made by
    other code may count otherwise)."""
    return f"{corpus.key[:16]}-{code_hash()[:8]}-"


def _prune(kind: Path, *, keep: Sequence[Path] = ()) -> None:
    """Keep the ``KEEP`` most recently used entries of a kind, and always those in use (``keep``). A time of use
    in the future (a clock set wrong) tells nothing: such an entry goes first."""
    if not kind.is_dir():
        return
    now = time.time()
    used = [p for p in kind.iterdir() if p.is_dir() and p not in keep]
    entries = sorted(used, key=lambda p: p.stat().st_mtime if p.stat().st_mtime <= now + 60 else 0, reverse=True)
    for old in entries[max(KEEP - len([p for p in keep if p.parent == kind]), 0):]:
        shutil.rmtree(old, ignore_errors=True)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
