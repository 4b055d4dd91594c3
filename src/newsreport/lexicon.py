"""Lexicons: dictionaries of entries (entities, themes) with aliases per language, as analysts edit them.

``load_lexicon`` reads a YAML lexicon into an alias table (countries get pycountry's names in every
language); ``matching`` finds its aliases in texts. The diagnostic here says how well a lexicon covers a
corpus: the aliases that never matched (``uncovered``: the capitalised names no alias covers).
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pycountry

from newsreport.errors import InputError
from newsreport.folding import fold_alias
from newsreport.language import LANGUAGES
from newsreport.matching import JOINER
from newsreport.yamlfile import read_yaml

if TYPE_CHECKING:
    from newsreport.params import Paths

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


def country_names(country: Any, *, name: str | None = None) -> dict[str, list[str]]:
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


def term_phrases(paths: Paths) -> tuple[tuple[str, str], ...]:
    """The phrases the term counts compound: those of the ``TERM_LEXICONS`` that ``paths`` (``params.Paths``)
    names."""
    return phrases(*(load_lexicon(getattr(paths, name)) for name in TERM_LEXICONS))


def describe(aliases: pd.DataFrame, path: Path, *, entries: str = "entries", listed: int = 12) -> str:
    """One sentence read from a lexicon: its file, its entries (named, up to ``listed``) and its aliases per
    language, so that text about a lexicon never goes stale when an analyst edits it."""
    from newsreport.bidi import mark
    from newsreport.language import language_name

    names = list(dict.fromkeys(aliases["entity"]))
    shown = ", ".join(map(mark, names[:listed])) + (f" and {len(names) - listed:,} more" if len(names) > listed else "")
    per_language = aliases.groupby("language", sort=True)["alias"].size()
    counted = ", ".join(f"{n:,} in {language_name(lang)}" for lang, n in per_language.items())
    return f"{path.name} lists {len(names):,} {entries} ({shown}), with {len(aliases):,} terms in all ({counted})."


def unmatched_aliases(aliases: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """Aliases that never matched (up to case, accents and apostrophes): candidates to check or drop."""
    found = {fold_alias(a) for joined in evidence["alias"] for a in joined.split(JOINER)}
    unmatched = aliases[~aliases["alias"].map(fold_alias).isin(found)]
    return (unmatched[["entity", "language", "alias"]].drop_duplicates()
            .sort_values(["entity", "language", "alias"], kind="mergesort").reset_index(drop=True))
