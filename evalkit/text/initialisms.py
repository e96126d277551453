"""Initialisms: a short capitalised word that spells the first letters of a phrase.

``DTRs`` is written for ``deep tendon reflexes``, ``ROM`` for ``range of
motion`` (the short function word counts, or is skipped: ``SOB`` and
``shortness of breath``, ``ROM`` and ``range of motion``). The helpers here
know nothing of any particular initialism: they read the shape of a word
and the first letters of runs of words. The missing-terms family and the
hallucination family's support check share them.
"""

from __future__ import annotations

import re

MAX_RUN = 4
"""Most words whose first letters an initialism spells."""

SHORT_WORD = 3
"""Words of at most this many letters may be skipped when spelling (``of``, ``the``, ``and``)."""

_SHAPE = re.compile(r"[A-ZÆØÅ]{2,5}s?")


def initialism_letters(word: str) -> str | None:
    """The folded letters an initialism spells, or None when ``word`` is not one.

    An initialism is two to five capital letters, perhaps with a plural
    ``s`` (``DTRs``).

    Examples
    --------
    >>> initialism_letters("DTRs"), initialism_letters("ROM"), initialism_letters("Rom")
    ('dtr', 'rom', None)
    """
    if _SHAPE.fullmatch(word) is None:
        return None
    if word.endswith("s") and len(word) > 2:
        word = word[:-1]
    return word.casefold()


def run_initials(
    words: list[str], sizes: tuple[int, ...] = (2, 3, 4)
) -> list[tuple[str, int, int]]:
    """The initials of every run of consecutive words: ``(initials, first, last + 1)``.

    Examples
    --------
    >>> [r for r in run_initials(["deep", "tendon", "reflexes"]) if len(r[0]) == 3]
    [('dtr', 0, 3)]
    """
    out = []
    for size in sizes:
        for i in range(len(words) - size + 1):
            out.append(("".join(w[0] for w in words[i : i + size]), i, i + size))
    return out


def spelled_runs(letters: str, words: list[str]) -> list[tuple[int, int]]:
    """Runs of ``words`` (folded) whose first letters spell ``letters``: ``(first, last + 1)``.

    A run spells with every word, or with its words of more than
    :data:`SHORT_WORD` letters only (``SOB`` and ``shortness of breath``),
    never starting or ending on a skipped word.

    Examples
    --------
    >>> words = "full range of motion of the shoulder".split()
    >>> spelled_runs("rom", words)
    [(1, 4)]
    >>> spelled_runs("sob", "shortness of breath".split())
    [(0, 3)]
    """
    if not 2 <= len(letters) <= MAX_RUN + 1:
        return []
    found: set[tuple[int, int]] = set()
    firsts = "".join(w[0] if w else " " for w in words)
    at = firsts.find(letters)
    while at >= 0:
        found.add((at, at + len(letters)))
        at = firsts.find(letters, at + 1)
    long = [i for i, w in enumerate(words) if len(w) > SHORT_WORD]
    long_firsts = "".join(words[i][0] for i in long)
    at = long_firsts.find(letters)
    while at >= 0:
        found.add((long[at], long[at + len(letters) - 1] + 1))
        at = long_firsts.find(letters, at + 1)
    return sorted(run for run in found if run[1] - run[0] <= 2 * len(letters))
