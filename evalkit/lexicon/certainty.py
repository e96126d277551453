"""Certainty of a diagnosis: the hedge words that make a named condition uncertain.

A diagnosis in a note is either *stated* ("Pneumoni", "Assessment: UTI") or
*hedged*: suspected, possible, to be ruled out, or one of several
differentials. Hedges are data, the ``[certainty]`` table of the cue files
(:mod:`evalkit.lexicon.cues`), in four lists:

* ``before``: a phrase at most :data:`HEDGE_WINDOW` words before the
  diagnosis ("mistanke om", "obs.", "suspected", "rule out"; ``?`` written
  right before it: "?pneumoni");
* ``after``: a phrase at most :data:`HEDGE_WINDOW` words after it ("kan ikke
  udelukkes", "to be ruled out", "suspected"; ``?`` right after it);
* ``alternatives``: a word between two diagnoses weighed against each other
  ("versus", "vs."): both sides are hedged;
* ``differential``: a phrase that makes its whole clause a list of
  differentials ("DD", "differentialdiagnoser", "differential includes"),
  up to the clause's end.

Scopes stop at sentence ends (``.``, ``!`` before a space, ``;``, line
breaks) and at terminator words of the negation model ("men", "but"); the
``before``, ``after`` and ``alternatives`` scopes stop at commas too, so a
hedge governs the diagnosis it is written with, not the next item of a list.
A question mark ends a sentence only when it is not a hedge itself.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from evalkit.lexicon.cues import CUE_LANGUAGES, language_cues

__all__ = ["HEDGE_WINDOW", "Hedge", "find_hedge", "has_hedge"]

HEDGE_WINDOW = 3
"""Most words between a ``before``/``after``/``alternatives`` hedge and its diagnosis."""

_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_CLAUSE_END = re.compile(r"[;\n!]|\.(?=\s|$)")
_LIST_END = re.compile(r"[;\n!,]|\.(?=\s|$)")


class Hedge(NamedTuple):
    """A hedge found for a diagnosis: its ``kind`` (list name) and offsets in the text."""

    kind: str
    start: int
    end: int


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for the phrases, longest first, whole words where they start or end in one."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in p.split())
        if p[0].isalnum():
            body = r"(?<![^\W_])" + body
        if p[-1].isalnum():
            body += r"(?![^\W_])"
        parts.append(body)
    return re.compile("(?i)" + "|".join(parts)) if parts else None


@functools.cache
def _patterns(language: str) -> dict[str, re.Pattern[str] | None]:
    if language not in CUE_LANGUAGES:
        return {}
    cues = language_cues(language)
    out = {kind: _phrase_pattern(cues.certainty.get(kind, ())) for kind in cues.certainty}
    out["terminator"] = _phrase_pattern(cues.negation.terminator)
    return out


@functools.cache
def _first_words(language: str) -> frozenset[str]:
    """The first word of every hedge phrase of the language (lower case, without dots)."""
    if language not in CUE_LANGUAGES:
        return frozenset()
    cues = language_cues(language).certainty
    out = set()
    for phrases in cues.values():
        for p in phrases:
            words = _WORDS.findall(p)
            if words:
                out.add(words[0])
    return frozenset(out)


def has_hedge(text: str, *, language: str) -> bool:
    """Whether ``text`` holds any hedge phrase at all: one search, before the costlier
    :func:`find_hedge` for each diagnosis.

    Examples
    --------
    >>> has_hedge("A: ?UTI.", language="en"), has_hedge("A: UTI.", language="en")
    (True, False)
    """
    firsts = _first_words(language)
    if not firsts:
        return False
    return "?" in text or not firsts.isdisjoint(_WORDS.findall(text.lower()))


def _open_gap(gap: str, kind: str, pats: dict[str, re.Pattern[str] | None], cue: str = "") -> bool:
    """Whether a hedge reaches across ``gap`` (the text between it and the diagnosis).

    A ``?`` hedges only a name it touches ("?pneumoni", "UTI?"): with a space
    between it ends a question.
    """
    if cue == "?":
        return gap == ""
    ends = _CLAUSE_END if kind == "differential" else _LIST_END
    # a colon after a heading ("DD: …") and the hedge's own dots do not end it
    if ends.search(gap.replace(":", " ")):
        return False
    if kind != "differential" and len(_WORDS.findall(gap)) > HEDGE_WINDOW:
        return False
    term = pats.get("terminator")
    return not (term is not None and term.search(gap))


def find_hedge(text: str, start: int, end: int, *, language: str) -> Hedge | None:
    """The hedge that makes the diagnosis ``text[start:end]`` uncertain, if any.

    Parameters
    ----------
    text : str
        The note.
    start, end : int
        Offsets of the diagnosis' name in ``text``.
    language : {"da", "en"}
        Whose cue file to read; another language has no hedges (``None``).

    Returns
    -------
    Hedge or None
        The nearest hedge before the name, else the nearest after it.

    Examples
    --------
    >>> text = "Mistanke om cystitis, urin til dyrkning."
    >>> find_hedge(text, 12, 20, language="da").kind
    'before'
    >>> find_hedge("Cystitis, urin til dyrkning.", 0, 8, language="da") is None
    True
    >>> find_hedge("A: ?UTI, urine sent.", 4, 7, language="en").kind
    'before'
    >>> find_hedge("Possible gout versus septic arthritis.", 21, 37, language="en").kind
    'alternatives'
    >>> find_hedge("DD: migræne eller spændingshovedpine.", 18, 36, language="da").kind
    'differential'
    >>> find_hedge("Dyb venetrombose kan ikke udelukkes.", 0, 16, language="da").kind
    'after'
    >>> find_hedge("Possible side effects discussed. Pneumonia.", 33, 42, language="en") is None
    True
    >>> find_hedge("Any cough? Pneumonia last year.", 11, 20, language="en") is None
    True
    """
    pats = _patterns(language)
    if not pats:
        return None
    # no scope crosses a line break or a semicolon: the window stops there
    lo = max(0, start - 200, text.rfind("\n", 0, start) + 1, text.rfind(";", 0, start) + 1)
    hi = min(len(text), end + 120)
    for stop in ("\n", ";"):
        at = text.find(stop, end, hi)
        if at >= 0:
            hi = at
    window = text[lo:hi]
    if "?" not in window and _first_words(language).isdisjoint(_WORDS.findall(window.lower())):
        return None  # no hedge word near: the common case, without the phrase searches
    best: Hedge | None = None
    for kind in ("before", "alternatives", "differential"):
        pat = pats.get(kind)
        if pat is None:
            continue
        for m in pat.finditer(text, lo, start):
            if m.end() > start or not _open_gap(text[m.end() : start], kind, pats, m.group()):
                continue
            if (
                m.group() == "?"
                and m.start() > 0
                and not (text[m.start() - 1].isspace() or text[m.start() - 1] in ":(/")
            ):
                continue  # "hvad?pneumoni": a "?" after a word ends it
            if best is None or m.end() > best.end:
                best = Hedge(kind, m.start(), m.end())
    if best is not None:
        return best
    for kind in ("after", "alternatives"):
        pat = pats.get(kind)
        if pat is None:
            continue
        found = pat.search(text, end, hi)
        if found is not None and not _open_gap(
            text[end : found.start()], kind, pats, found.group()
        ):
            found = None  # the nearest match is past a boundary: so is every later one
        if found is not None and (best is None or found.start() < best.start):
            best = Hedge(kind, found.start(), found.end())
    return best
