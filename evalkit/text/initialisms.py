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


def abbreviates(letters: str, word: str) -> bool:
    """Whether folded ``letters`` can shorten the single folded ``word``.

    They must start with the word's first letter and the rest must follow in
    the word's order (``iv`` for ``intravenous``, ``sc`` for ``subcutaneous``).

    Examples
    --------
    >>> abbreviates("iv", "intravenous"), abbreviates("im", "intramuscular")
    (True, True)
    >>> abbreviates("vi", "intravenous"), abbreviates("i", "intravenous")
    (False, False)
    """
    if len(letters) < 2 or len(word) <= len(letters) or letters[0] != word[0]:
        return False
    at = 1
    for letter in letters[1:]:
        at = word.find(letter, at) + 1
        if at == 0:
            return False
    return True


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
    never starting or ending on a skipped word. An empty string in
    ``words`` is a barrier (a line break) that no run crosses.

    Examples
    --------
    >>> words = "full range of motion of the shoulder".split()
    >>> spelled_runs("rom", words)
    [(1, 4)]
    >>> spelled_runs("sob", "shortness of breath".split())
    [(0, 3)]
    >>> spelled_runs("rom", ["range", "", "of", "motion"])
    []
    """
    return find_spelled([letters], words)[letters]


def find_spelled(letters: list[str], words: list[str]) -> dict[str, list[tuple[int, int]]]:
    """:func:`spelled_runs` for several initialisms at once, reading ``words`` once.

    Examples
    --------
    >>> find_spelled(["dtr", "rom"], "deep tendon reflexes and range of motion".split())
    {'dtr': [(0, 3)], 'rom': [(4, 7)]}
    """
    firsts = "".join(w[0] if w else " " for w in words)
    long = [i for i, w in enumerate(words) if len(w) > SHORT_WORD or not w]
    long_firsts = "".join(words[i][0] if words[i] else " " for i in long)
    out = {}
    for spelled in letters:
        found: set[tuple[int, int]] = set()
        size = len(spelled)
        if 2 <= size <= MAX_RUN + 1 and " " not in spelled:
            at = firsts.find(spelled)
            while at >= 0:
                found.add((at, at + size))
                at = firsts.find(spelled, at + 1)
            at = long_firsts.find(spelled)
            while at >= 0:
                found.add((long[at], long[at + size - 1] + 1))
                at = long_firsts.find(spelled, at + 1)
        out[spelled] = sorted(run for run in found if run[1] - run[0] <= 2 * size)
    return out
