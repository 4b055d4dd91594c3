"""The languages the report handles, and their identification with py3langid."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

LANGUAGES = ("en", "fr", "ar")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "ar": "Arabic"}


def language_name(code: str) -> str:
    """A language's name in the report ("French"), else its code as given."""
    return LANGUAGE_NAMES.get(code, code)


@lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier  # loaded where a language is identified

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def identify_language(text: str, *, languages: tuple[str, ...] = LANGUAGES) -> str:
    """The most probable language code of a text among ``languages``."""
    code, _probability = _identifier(tuple(sorted(languages))).classify(text)
    return code
