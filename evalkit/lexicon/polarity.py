"""Polarity of term mentions: NegEx/ConText-style negation cues for Danish and English.

A mention is *negated* when a negation cue governs it:

* a **pre** cue (``ingen``, ``ikke tegn på``, ``denies``, ``no evidence of``)
  before the mention, at most :data:`PRE_WINDOW` words earlier;
* a **post** cue (``kan udelukkes``, ``u.a.``, ``was ruled out``) after the
  mention, at most :data:`POST_WINDOW` words later;

and no scope boundary lies between cue and mention. Boundaries are sentence
ends (``.``, ``!`` or ``?`` before whitespace), ``;``, line breaks and
*terminator* words (``men``, ``dog``, ``but``, ``however``). A scope covers
the first mention after (before) the cue and then goes on through a *list*
of mentions: each further mention is negated only when the words between it
and the previous one are list words (``og``, ``eller``, ``and``, ``or``,
``any``, ``signs of``; punctuation such as commas is ignored). So ``ingen
feber, hoste eller ondt i halsen`` negates all three, while ``no evidence of
pneumonia on chest x-ray`` negates the pneumonia but not the x-ray.
*Pseudo* cues (``ikke kun``, ``kan ikke udelukkes``, ``no change``) look like
negations but are not; any cue inside one is ignored. When cues overlap, the
longest wins (``ikke påvist`` is one post cue, not the pre cue ``ikke``).

Cues are written as they appear after folding (lower case, punctuation as
word breaks): ``u.a.`` becomes the two words ``u a``. They are read from the
``[negation]`` table of the cue files (:mod:`evalkit.lexicon.cues`), which the
hallucination index reads its word cues from too.

*Presence words* state the polarity of the finding they are written with,
without a negation cue: ``present``, ``positive``, ``til stede``, ``påvist``
say it is there, ``absent``, ``not detected``, ``ikke påvist`` that it is not
(:func:`find_presence`; the ``presence`` and ``absence`` lists of the cue
files). The hallucination checks read them to compare "Murphy's sign
positive" with "Murphy's sign negative" and to put the word in the flag.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from evalkit.lexicon.cues import CUE_LANGUAGES, language_cues

CueKind = Literal["pre", "post", "pseudo", "terminator"]

PRE_WINDOW = 8
"""Most words between the end of a pre cue and the start of the mention it negates."""

POST_WINDOW = 5
"""Most words between the end of a mention and the start of a post cue negating it."""

_KINDS: tuple[CueKind, ...] = ("pre", "post", "pseudo", "terminator")


def _cue_table(language: str) -> dict[CueKind, tuple[str, ...]]:
    if language not in CUE_LANGUAGES:
        return {}
    neg = language_cues(language).negation
    return {kind: getattr(neg, kind) for kind in _KINDS}


def _connectors(language: str) -> frozenset[str]:
    if language not in CUE_LANGUAGES:
        return frozenset()
    return language_cues(language).negation.connectors


def negation_cues(language: str) -> dict[str, CueKind]:
    """``{folded cue: kind}`` for a language (empty for an unknown language).

    Examples
    --------
    >>> cues = negation_cues("da")
    >>> cues["ingen"], cues["kan udelukkes"], cues["men"]
    ('pre', 'post', 'terminator')
    >>> negation_cues("en")["no evidence of"]
    'pre'
    """
    table = _cue_table(language)
    return {cue: kind for kind, cues in table.items() for cue in cues}


class Span(NamedTuple):
    """A cue or mention in folded-text coordinates, with its word indices.

    ``first_word`` is the index of its first word and ``end_word`` one past
    its last word.
    """

    start: int
    end: int
    first_word: int
    end_word: int


def negated_flags(
    mentions: Sequence[tuple[int, int, int, int]],
    pre: Sequence[tuple[int, int, int, int]],
    post: Sequence[tuple[int, int, int, int]],
    boundaries: list[int],
    words: list[str],
    language: str,
    pre_boundaries: list[int] | None = None,
    commas: list[int] | None = None,
) -> list[bool]:
    """Polarity of each mention given the cues and the sorted boundary positions.

    ``mentions`` are sorted by start; ``words`` are the folded words of the
    note, so the words between two mentions are ``words[a.end_word:b.first_word]``.
    ``pre_boundaries`` end only the scope of pre cues: a colon starts a new
    field, so "ryger ikke, fast medicin: levothyroxin" does not negate the drug,
    while "allergi: nej" still negates the allergy. (The matcher also drops pre
    cues right before a comma: "ryger ikke, alkohol …".) ``commas`` (their
    positions) keep a post cue from reaching back over a comma to a mention
    with other words in between: in "højre trommehinde rød, venstre ua" the
    "ua" is about the left side, not the eardrum; a list before the cue
    ("feber, hoste og ondt i halsen benægtes") is still negated.

    Examples
    --------
    >>> # "ingen feber eller hoste. kvalme": a cue, three mentions, a boundary at 23
    >>> cue = Span(0, 5, 0, 1)
    >>> mentions = [Span(6, 11, 1, 2), Span(18, 23, 3, 4), Span(25, 31, 4, 5)]
    >>> words = ["ingen", "feber", "eller", "hoste", "kvalme"]
    >>> negated_flags(mentions, [cue], [], [23], words, "da")
    [True, True, False]
    """
    # Spans are read by position, so plain (start, end, first_word, end_word)
    # tuples work as well as Span (the matcher passes those, being cheaper).
    flags = [False] * len(mentions)
    connectors = _connectors(language)
    # Mentions are sorted by start; the first one a cue may govern is found
    # by bisection (for post cues when the ends are sorted too, as they are
    # for mentions that do not overlap). A cue's scope ends at the nearest
    # boundary on its side.
    starts = [m[0] for m in mentions]
    ends = [m[1] for m in mentions]
    ends_sorted = ends == sorted(ends)
    pre_bounds = sorted(boundaries + pre_boundaries) if pre_boundaries else boundaries
    n_pre_bounds = len(pre_bounds)
    for cue in pre:
        cue_end = cue[1]
        b = bisect_left(pre_bounds, cue_end)
        scope_end = pre_bounds[b] if b < n_pre_bounds else None
        previous = None
        for i in range(bisect_left(starts, cue_end), len(mentions)):
            m = mentions[i]
            if scope_end is not None and scope_end < m[0]:
                break
            if previous is None:
                if m[2] - cue[3] > PRE_WINDOW:
                    break
            elif not _listed(words[previous[3] : m[2]], connectors):
                break
            flags[i] = True
            previous = m
    for cue in post:
        cue_start = cue[0]
        b = bisect_left(boundaries, cue_start)
        scope_start = boundaries[b - 1] if b else None
        following = None
        last = bisect_right(ends, cue_start) - 1 if ends_sorted else len(mentions) - 1
        for i in range(last, -1, -1):
            m = mentions[i]
            if m[1] > cue_start:
                continue
            if scope_start is not None and scope_start >= m[1]:
                break
            if following is None:
                if cue[2] - m[3] > POST_WINDOW:
                    break
                if (
                    commas
                    and cue[2] > m[3]
                    and any(m[1] <= c < cue_start for c in commas)
                    and not _listed(words[m[3] : cue[2]], connectors)
                ):
                    break
            elif not _listed(words[m[3] : following[2]], connectors):
                break
            flags[i] = True
            following = m
    return flags


def _listed(gap: list[str], connectors: frozenset[str]) -> bool:
    # Two mentions belong to one negated list when only list words separate them.
    return all(word in connectors for word in gap)


@dataclass(frozen=True, slots=True)
class PresenceWord:
    """A word stating that a finding is there (``present``) or not (``absent``).

    Attributes
    ----------
    start, end : int
        Offsets of the word or phrase.
    text : str
        ``text[start:end]``.
    polarity : {"present", "absent"}
        What the word says about the finding it is written with.
    """

    start: int
    end: int
    text: str
    polarity: str


@functools.cache
def _presence_regex(language: str | None) -> tuple[re.Pattern[str], dict[str, str]]:
    langs = CUE_LANGUAGES if language is None else (language,)
    polarity: dict[str, str] = {}
    for lang in langs:
        neg = language_cues(lang).negation
        for phrase in neg.presence:
            polarity.setdefault(phrase, "present")
        for phrase in neg.absence:
            polarity[phrase] = "absent"  # "ikke til stede" is one absence, not a presence
    body = "|".join(
        r"[ \t]+".join(re.escape(w) for w in phrase.split())
        for phrase in sorted(polarity, key=len, reverse=True)
    )
    return re.compile(r"(?<![^\W\d_])(?:" + body + r")(?![^\W\d_])", re.IGNORECASE), polarity


def find_presence(text: str, *, language: str | None = None) -> list[PresenceWord]:
    """Find presence words (the cue files' ``presence`` and ``absence``) as a polarity.

    Parameters
    ----------
    text : str
        Normalised text.
    language : {"da", "en"} or None
        Language of ``text``; ``None`` uses the words of both.

    Returns
    -------
    list of PresenceWord
        In text order; a negated phrase (``ikke påvist``, ``not detected``)
        is one ``absent`` word, not a ``present`` one.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If ``language`` has no cue file.

    Examples
    --------
    >>> found = find_presence("Ødem til stede. Blod ikke påvist.", language="da")
    >>> [(w.text, w.polarity) for w in found]
    [('til stede', 'present'), ('ikke påvist', 'absent')]
    >>> [(w.text, w.polarity) for w in find_presence("Edema present, nitrites negative")]
    [('present', 'present'), ('negative', 'absent')]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}; pass the note text")
    if language is not None and language not in CUE_LANGUAGES:
        raise ValueError(
            f"language must be one of {', '.join(CUE_LANGUAGES)} or None, got {language!r}; "
            "pass the note's language code"
        )
    regex, polarity = _presence_regex(language)
    return [
        PresenceWord(m.start(), m.end(), m.group(), polarity[" ".join(m.group().lower().split())])
        for m in regex.finditer(text)
    ]
