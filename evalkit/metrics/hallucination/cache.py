"""Caches of the hallucination index: stems of the words met."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import snowballstemmer

from evalkit.metrics.hallucination.words import LANG_STEMMER


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(LANG_STEMMER.get(language, "danish"))


@lru_cache(maxsize=200_000)
def _stem(language: str, word: str) -> str:
    return _stemmer(language).stemWord(word)


_STEM_KEYS: dict[str, dict[str, str]] = {}
_STEM_KEYS_MAX = 200_000


def _stem_keys(language: str) -> dict[str, str]:
    """``word -> "s:<stem>"`` for ``language``, filled as words are met.

    The index looks up every word of a note; a plain dict read is cheaper
    than a call through :func:`_stem`'s cache, and the key is built once.
    """
    keys = _STEM_KEYS.get(language)
    if keys is None or len(keys) > _STEM_KEYS_MAX:
        keys = _STEM_KEYS[language] = {}
    return keys
