"""Language identification with py3langid, restricted to the languages the report handles."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier


@lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def identify_language(text: str, *, languages: tuple[str, ...] = ("en", "fr", "ar")) -> str:
    """The most probable language code of a text among ``languages``."""
    code, _probability = _identifier(tuple(sorted(languages))).classify(text)
    return code
