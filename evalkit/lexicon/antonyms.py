"""Antonym pairs of clinical findings (``regular``/``irregular``, ``øm``/``uøm``).

A draft that writes *irregular* where the clinician wrote *regular* has
flipped a finding without any negation cue. The pairs are data,
``evalkit/lexicon/data/antonyms.toml`` (a table per language whose
``pairs`` are ``[term, opposite, domain]``; the forms of one side separated
by ``|``).
:func:`load_antonyms` reads them into an :class:`Antonyms` table, whose
:meth:`Antonyms.find` locates the words of every pair in a text and
:meth:`Antonyms.opposite` tells whether two words are the two sides of a pair.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from evalkit.schema import LANGUAGES

__all__ = ["ANTONYMS_PATH", "AntonymMention", "Antonyms", "load_antonyms", "read_antonyms"]

ANTONYMS_PATH = Path(__file__).resolve().parent / "data" / "antonyms.toml"
"""The shipped antonym pairs."""

_LANGUAGES = LANGUAGES


@dataclass(frozen=True, slots=True)
class AntonymMention:
    """A word of an antonym pair, located in a text.

    Attributes
    ----------
    start, end : int
        Offsets of the word.
    text : str
        ``text[start:end]``.
    pair : int
        Index of the pair in the table (same for both sides).
    side : {0, 1}
        0 for the ``term`` column, 1 for the ``opposite`` column.
    """

    start: int
    end: int
    text: str
    pair: int
    side: int


def _variants(form: str) -> list[str]:
    # "non-tender" is also written "nontender" and "non tender"
    if form.startswith("non-"):
        rest = form[4:]
        return [form, "non" + rest, "non " + rest]
    return [form]


class Antonyms:
    """A table of antonym pairs per language.

    Parameters
    ----------
    pairs : list of (language, term forms, opposite forms, domain)
        Forms are lower case; see :func:`load_antonyms`.

    Examples
    --------
    >>> table = load_antonyms()
    >>> [(m.text, m.side) for m in table.find("Puls uregelmæssig, abdomen uøm", language="da")]
    [('uregelmæssig', 1), ('uøm', 1)]
    >>> table.opposite("regular", "irregular", language="en")
    True
    >>> table.opposite("tender", "irregular", language="en")
    False
    """

    def __init__(self, pairs: list[tuple[str, tuple[str, ...], tuple[str, ...], str]]):
        self.pairs = list(pairs)
        self._lookup: dict[str, dict[str, tuple[int, int]]] = {lang: {} for lang in _LANGUAGES}
        for index, (language, term, opposite, _) in enumerate(self.pairs):
            for side, forms in enumerate((term, opposite)):
                for form in forms:
                    for variant in _variants(form):
                        self._lookup[language][variant] = (index, side)
        # one Aho-Corasick automaton per language over the lower-case forms
        # (pyahocorasick, as the lexicon matcher): a scan costs one pass over the text
        self._automata: dict[str, Any] = {}
        for lang, table in self._lookup.items():
            if not table:
                continue
            automaton = ahocorasick.Automaton()
            for form in table:
                automaton.add_word(form, form)
            automaton.make_automaton()
            self._automata[lang] = automaton

    def __len__(self) -> int:
        return len(self.pairs)

    def side_of(self, word: str, *, language: str) -> tuple[int, int] | None:
        """``(pair, side)`` of a word, or ``None`` when it is in no pair."""
        _check_language(language)
        return self._lookup[language].get(" ".join(word.lower().split()))

    def opposite(self, a: str, b: str, *, language: str) -> bool:
        """Whether ``a`` and ``b`` are the two sides of one pair."""
        sa, sb = self.side_of(a, language=language), self.side_of(b, language=language)
        return sa is not None and sb is not None and sa[0] == sb[0] and sa[1] != sb[1]

    def find(self, text: str, *, language: str) -> list[AntonymMention]:
        """Every word of a pair in ``text``, in text order (the longest form wins)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}; pass the note text")
        _check_language(language)
        automaton = self._automata.get(language)
        if automaton is None:
            return []
        low = text.lower()
        if len(low) != len(text):  # a letter whose lower case is longer: compare per letter
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        hits: list[tuple[int, int, str]] = []
        for end, form in automaton.iter(low):
            start = end - len(form) + 1
            before = low[start - 1] if start else " "
            after = low[end + 1] if end + 1 < len(low) else " "
            if before.isalpha() or after.isalpha() or after == "-":
                continue  # inside a word ("uøm" is not "øm"; "non-tender" is not "non")
            hits.append((start, end + 1, form))
        # the longest form wins where forms overlap ("non tender" over "tender")
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out, last = [], -1
        for start, end, form in hits:
            if start < last:
                continue
            if any(s2 <= start and end <= e2 and (e2 - s2) > (end - start) for s2, e2, _ in hits):
                continue
            pair, side = self._lookup[language][form]
            out.append(AntonymMention(start, end, text[start:end], pair, side))
            last = end
        return out


def _check_language(language: str) -> None:
    if language not in _LANGUAGES:
        raise ValueError(f"language must be 'da' or 'en', got {language!r}")


def _forms(cell: object, where: str) -> tuple[str, ...]:
    if not isinstance(cell, str):
        raise ValueError(f"{where}: forms must be a string, got {cell!r}")
    forms = tuple(" ".join(f.split()).lower() for f in cell.split("|"))
    if not all(forms):
        raise ValueError(f"{where}: empty form in {cell!r}; separate forms with a single '|'")
    return forms


def read_antonyms(path: str | Path) -> Antonyms:
    """Read an antonym file: TOML with a table per language holding ``pairs``.

    Each pair is ``[term, opposite, domain]``; the forms of one side are
    separated by ``|`` (``"øm|ømt|ømme"``).

    Raises
    ------
    ValueError
        For invalid TOML, an unknown language table, a pair that is not three
        strings, an empty form, or a form that is on both sides or in two pairs.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"{path.name} is not valid TOML: {err}") from err
    unknown = sorted(set(data) - set(_LANGUAGES))
    if unknown:
        raise ValueError(f"{path.name}: unknown language table(s) {unknown}; use [da] and [en]")
    pairs = []
    seen: dict[tuple[str, str], str] = {}
    for language in _LANGUAGES:
        rows = data.get(language, {}).get("pairs", [])
        for number, row in enumerate(rows, start=1):
            where = f"{path.name} [{language}] pair {number}"
            if not (isinstance(row, list) and len(row) == 3):
                raise ValueError(f"{where}: expected [term, opposite, domain], got {row!r}")
            term, opposite, domain = row
            sides = (_forms(term, where), _forms(opposite, where))
            for form in (*sides[0], *sides[1]):
                for variant in _variants(form):
                    key = (language, variant)
                    if key in seen:
                        raise ValueError(
                            f"{where}: {variant!r} is already in {seen[key]}; "
                            "a form may stand on one side of one pair only"
                        )
                    seen[key] = f"pair {number}"
            pairs.append((language, sides[0], sides[1], str(domain)))
    if not pairs:
        raise ValueError(f"{path.name}: no pairs; add [da] or [en] tables with a pairs list")
    return Antonyms(pairs)


@lru_cache(maxsize=1)
def load_antonyms() -> Antonyms:
    """The shipped antonym pairs (:data:`ANTONYMS_PATH`), read once per process."""
    return read_antonyms(ANTONYMS_PATH)
