"""Lexicons: dictionaries of entries (entities, themes) with aliases per language, as analysts edit them.

``load_lexicon`` reads a YAML lexicon into an alias table (countries get pycountry's names in every
language); ``matching`` finds its aliases in texts. The diagnostics here say how well a lexicon
covers a corpus: aliases that never matched, and capitalised names no alias covers.
"""

from __future__ import annotations

import bisect
import gettext
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry

from newsreport.errors import InputError
from newsreport.folding import fold_alias
from newsreport.matching import JOINER
from newsreport.yamlfile import read_yaml

LANGUAGES = ("en", "fr", "ar")
ALIAS_COLUMNS = ["entity", "entity_type", "language", "alias"]
ENTRY_KEYS = {"name", "type", "iso", "aliases", "exclude", "note"}
TOP_KEYS = ("entities", "themes")


# --- loading ------------------------------------------------------------------------------------


def load_lexicon(path: Path) -> pd.DataFrame:
    """One row per (entry, language, alias) of a YAML lexicon; countries (``iso``) get pycountry's names.

    Rows keep the file's order (entries, then en/fr/ar); the first entry listing an alias wins it
    when matching, so the order is part of the lexicon.
    """
    data = read_yaml(path, what="lexicon file")
    entries = next((data[key] for key in TOP_KEYS if isinstance(data, dict) and key in data), None)
    if not isinstance(entries, list):
        raise InputError(f"{path}: expected a list of entries under 'entities:' (name, type, aliases per language)")
    if not entries:
        raise InputError(f"{path}: the lexicon has no entry; list at least one (name, type, aliases per language)")
    rows: list[tuple[str, str, str, str]] = []
    names: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: entry {number}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: expected 'name:', 'type:' and 'aliases:', got {entry!r}")
        name, kind = entry.get("name"), entry.get("type")
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{where}: missing 'name:' (the canonical name, as text)")
        where = f"{path}: entry {number} ({name})"
        if not isinstance(kind, str) or not kind.strip():
            raise InputError(f"{where}: missing 'type:' (organisation, person, country, region, concept, theme, ...)")
        if unknown := sorted(set(entry) - ENTRY_KEYS):
            raise InputError(f"{where}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(ENTRY_KEYS))})")
        if name in names:
            raise InputError(f"{where}: the name '{name}' is used by an earlier entry; merge the two")
        names.add(name)
        aliases = _alias_lists(entry.get("aliases"), where, "aliases")
        excluded = {fold_alias(a) for words in _alias_lists(entry.get("exclude"), where, "exclude").values()
                    for a in words}
        if entry.get("iso") is not None:
            if kind.strip() != "country":  # the country chapter counts the entries of this type
                raise InputError(f"{where}: an entry with an ISO code is a country; write 'type: country', not "
                                 f"'{kind.strip()}'")
            for language, found in country_names(_country(entry["iso"], where), name=name).items():
                aliases[language] = [a for a in found if fold_alias(a) not in excluded] + aliases.get(language, [])
        seen: set[tuple[str, str]] = set()
        for language in LANGUAGES:
            for alias in aliases.get(language, []):
                if (language, alias) not in seen:
                    seen.add((language, alias))
                    rows.append((name.strip(), kind.strip(), language, alias))
        if not seen:
            raise InputError(f"{where}: no aliases; list at least one under 'aliases:' (en: [...], fr: [...])")
    return pd.DataFrame(rows, columns=ALIAS_COLUMNS)


def _alias_lists(value: object, where: str, key: str) -> dict[str, list[str]]:
    """A mapping language -> list of aliases, checked: known languages, non-empty text."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{where}: '{key}:' must map a language code to a list (en: [...], fr: [...], ar: [...])")
    out: dict[str, list[str]] = {}
    for language, aliases in value.items():
        if language not in LANGUAGES:
            raise InputError(f"{where}: unknown language '{language}' under '{key}:' (use {', '.join(LANGUAGES)})")
        aliases = [aliases] if isinstance(aliases, str) else aliases or []
        if not isinstance(aliases, list):
            raise InputError(f"{where}: '{key}: {language}:' must be a list of aliases")
        for alias in aliases:
            if not isinstance(alias, str):
                raise InputError(f"{where}: alias {alias!r} ({language}) is not text; put it in quotes")
            if not fold_alias(alias):
                raise InputError(f"{where}: an empty alias under '{key}: {language}:'")
        out[language] = [unicodedata.normalize("NFC", " ".join(a.split())) for a in aliases]
    return out


def _country(code: object, where: str):
    country = None
    if isinstance(code, str) and len(code) in (2, 3):
        country = pycountry.countries.get(**{f"alpha_{len(code)}": code.upper()})
    if country is None:
        raise InputError(f"{where}: 'iso: {code}' is not an ISO 3166 country code (e.g. TN, IQ)")
    return country


def country_names(country, *, name: str | None = None) -> dict[str, list[str]]:
    """A country's names from pycountry (name, common and official name) in English, French and Arabic.

    Names are written as in running text ("Iran, Islamic Republic of" -> "Iran", "the State of
    Palestine" -> "State of Palestine"); ``name``, the lexicon's canonical name, which pycountry may
    spell otherwise ("Turkey" for "Türkiye"), is added in English.
    """
    english = [n for n in (getattr(country, a, None) for a in ("name", "common_name", "official_name")) if n]
    names: dict[str, list[str]] = {"en": ([name] if name else []) + english}
    for language in ("fr", "ar"):
        translate = _translation(language).gettext
        names[language] = [translate(n) for n in english if translate(n) != n]
    return {language: _unique(_running_name(n) for n in found) for language, found in names.items()}


@cache
def _translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _running_name(name: str) -> str:
    """An ISO name as written in running text: no inverted part after a comma or parenthesis, no leading article."""
    name = re.sub(r"^(?:the\s+|l['’])", "", unicodedata.normalize("NFC", name), flags=re.IGNORECASE)
    return re.split(r"\s*[,،(]", name, maxsplit=1)[0].strip()


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def phrases(*alias_tables: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """The multi-word aliases of lexicons, per language (``TermOptions.phrases``): what term counts compound."""
    found = {(language, alias) for table in alias_tables
             for language, alias in zip(table["language"], table["alias"], strict=True) if " " in alias.strip()}
    return tuple(sorted(found))


TERM_LEXICONS = ("entities_lexicon", "themes_lexicon")  # the lexicons (parameters) whose phrases terms compound


def term_phrases(paths: Any) -> tuple[tuple[str, str], ...]:
    """The phrases the term counts compound: those of the ``TERM_LEXICONS`` that ``paths`` (``params.Paths``)
    names."""
    return phrases(*(load_lexicon(getattr(paths, name)) for name in TERM_LEXICONS))


def describe(aliases: pd.DataFrame, path: Path, *, entries: str = "entries", listed: int = 12) -> str:
    """One sentence read from a lexicon: its file, its entries (named, up to ``listed``) and its aliases per
    language, so that text about a lexicon never goes stale when an analyst edits it."""
    from newsreport.bidi import mark
    from newsreport.plots import LANGUAGE_NAMES

    names = list(dict.fromkeys(aliases["entity"]))
    shown = ", ".join(map(mark, names[:listed])) + (f" and {len(names) - listed:,} more" if len(names) > listed else "")
    per_language = aliases.groupby("language", sort=True)["alias"].size()
    counted = ", ".join(f"{n:,} in {LANGUAGE_NAMES.get(lang, lang)}" for lang, n in per_language.items())
    return f"{path.name} lists {len(names):,} {entries} ({shown}), with {len(aliases):,} terms in all ({counted})."


def unmatched_aliases(aliases: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """Aliases that never matched (up to case, accents and apostrophes): candidates to check or drop."""
    found = {fold_alias(a) for joined in evidence["alias"] for a in joined.split(JOINER)}
    unmatched = aliases[~aliases["alias"].map(fold_alias).isin(found)]
    return (unmatched[["entity", "language", "alias"]].drop_duplicates()
            .sort_values(["entity", "language", "alias"], kind="mergesort").reset_index(drop=True))



# --- names the lexicon does not cover -------------------------------------------------------------

_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[-'’](?=[^\W\d_]))*")
_ELIDED_PREFIX = re.compile(r"^(?:qu|jusqu|lorsqu|puisqu|[cdjlmnst])['’](?=[^\W\d_])", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•\n])[\s“”\"«»‘’'(\[–—-]*$")
NAME_CONNECTORS = frozenset({"of", "for", "de", "du", "des", "al", "el", "bin", "ben", "ibn"})
NOT_NAMES = frozenset({  # capitalised words that are not names: function words, months, days
    "the", "a", "an", "in", "at", "on", "of", "for", "to", "by", "with", "from", "as", "and", "or", "but", "if",
    "when", "where", "while", "whilst", "which", "who", "what", "this", "that", "these", "those",
    "it", "its", "he", "she", "his", "her", "we", "our", "they", "their", "there", "here", "each", "every",
    "all", "some", "no", "not", "another", "such",
    "after", "before", "during", "between", "since", "under", "over", "mr", "mrs", "ms", "dr",
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "en", "au", "aux", "dans", "par", "pour",
    "sur", "et", "ou", "il", "elle", "ils", "elles", "ce", "cette", "ces", "son", "sa", "ses", "nous", "alors",
    "selon", "lors", "m", "mme",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
})


def uncovered_names(
    documents: pd.DataFrame, evidence: pd.DataFrame, *, min_count: int = 1, max_words: int = 4
) -> pd.DataFrame:
    """Capitalised names in the corpus that no alias matched: what the lexicon may be missing.

    A name is a run of 1 to ``max_words`` capitalised words (with "of", "de", "al"... inside).
    Left out: function words ("The", "Le") at a run's edges; a one-word name that documents of its
    language also write in lower case, wherever it stands ("Evidence", "Security" in a headline), or never
    capitalise inside a sentence (a capital opening a sentence says nothing: "Bringing", "Promouvoir");
    and a run's first word when it opens a sentence and is written in lower case elsewhere but never
    capitalised inside a sentence ("Speaking INTERPOL" -> "INTERPOL"; "New York" stays when "new" is
    written too, as long as some sentence has "New" inside it, or "new" is English and the document
    French). Latin script only: Arabic has no capitals.
    """
    spans = {doc: sorted(zip(g["start"], g["end"], strict=True)) for doc, g in evidence.groupby("doc_id")}
    languages = documents["language"] if "language" in documents else [""] * len(documents)
    lowercase: defaultdict[str, set[str]] = defaultdict(set)  # per language: words written in lower case
    inside: defaultdict[str, set[str]] = defaultdict(set)  # per language: capitalised words inside a sentence
    found = []  # per document: its language and its runs
    for doc_id, text, language in zip(documents["doc_id"], documents["text"], languages, strict=True):
        language = language if isinstance(language, str) else ""
        found.append((doc_id, language, _runs(text, spans.get(doc_id, []), lowercase[language], inside[language])))
    counts: Counter[str] = Counter()
    docs: defaultdict[str, set[str]] = defaultdict(set)
    for doc_id, language, runs in found:
        common = lowercase[language]
        openers = common - inside[language]
        for run in runs:
            if name := _name(run, common, openers, inside[language], max_words):
                counts[name] += 1
                docs[name].add(doc_id)
    table = pd.DataFrame([(name, n, len(docs[name])) for name, n in counts.items() if n >= min_count],
                         columns=["name", "count", "doc_count"])
    table[["count", "doc_count"]] = table[["count", "doc_count"]].astype("int64")
    return table.sort_values(["count", "name"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


Run = list[tuple[str, bool]]  # capitalised words in a row, each with whether it opens a sentence


def _runs(text: str, spans: list[tuple[int, int]], lowercase: set[str], inside: set[str]) -> list[Run]:
    """The runs of capitalised words of one document outside the matches (``spans``); adds the words it writes in
    lower case to ``lowercase``, those it capitalises inside a sentence to ``inside`` (casefolded). One pass, with
    the least work on the lower-case words, which are most words."""
    runs: list[Run] = []
    run: Run = []
    previous_end = 0
    for match in _NAME_WORD.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        if "'" in word or "’" in word:
            if elided := _ELIDED_PREFIX.match(word):
                word, start = word[elided.end() :], start + elided.end()
            if word.endswith(("'s", "’s")):
                word, end = word[:-2], end - 2
            word = word.replace("’", "'")
        after, previous_end = previous_end, match.end()
        folded = word.casefold()
        if word[0].islower():
            lowercase.add(folded)
            if folded not in NAME_CONNECTORS:
                if run:  # the run ends
                    runs.append(run)
                    run = []
                continue
        capital = word[0].isupper()
        # only a capitalised word's place in its sentence matters (``_name``): the search is costly
        initial = capital and (start == 0 or bool(_SENTENCE_START.search(text[max(0, start - 12) : start])))
        if not initial and not word[0].islower():  # a connector written in lower case is neither
            inside.add(folded)
        matched = bool(spans) and _overlaps(spans, start, end)
        gap = text[after:start]
        joined = gap.strip() == "" and "\n" not in gap and not matched
        if not (joined and (capital or folded in NAME_CONNECTORS)) and run:
            runs.append(run)
            run = []
        if capital and not matched:
            run.append((word, initial))
        elif run and joined and folded in NAME_CONNECTORS:
            run.append((word, False))
    if run:
        runs.append(run)
    return runs


def _name(run: Run, lowercase: set[str], openers: set[str], capitalised: set[str],
          max_words: int) -> str | None:
    """A run of capitalised words as a name: no function words, and no common word opening a sentence
    (``openers``), at its edges; not one word that is also written in lower case (``lowercase``) or never
    capitalised inside a sentence (``capitalised``)."""
    def dropped(word: str, initial: bool) -> bool:
        folded = word.casefold()
        return folded in NOT_NAMES or folded in NAME_CONNECTORS or (initial and folded in openers)

    while run and dropped(*run[-1]):
        run = run[:-1]
    while run and dropped(*run[0]):
        run = run[1:]
    if len(run) == 1 and (run[0][0].casefold() in lowercase or run[0][0].casefold() not in capitalised):
        return None
    capitals = sum(1 for word, _ in run if word[0].isupper())
    return " ".join(word for word, _ in run) if 1 <= capitals <= max_words else None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    at = bisect.bisect_left(spans, (end, end))
    return at > 0 and spans[at - 1][1] > start
