"""Word lists of the hallucination checks, from the cue files of :mod:`evalkit.lexicon.cues`.

Stop words and the negation word cues are per language; the other tables are
the union of the Danish and English lists and serve notes in either language
(a Danish note may quote English, and the other way round).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from evalkit.lexicon.cues import CUE_LANGUAGES, LanguageCues, language_cues

_CUES: tuple[LanguageCues, ...] = tuple(language_cues(lang) for lang in CUE_LANGUAGES)


def _union(words: Iterable[frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for group in words:
        out |= group
    return frozenset(out)


def _merged(tables: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    out: dict = {}
    for table in tables:
        out.update(table)
    return out


STOPWORDS: dict[str, frozenset[str]] = {c.language: c.stopwords for c in _CUES}
"""Per language: words that are no content keys."""
NEGATION_CUES: dict[str, frozenset[str]] = {c.language: c.negation.scope_words for c in _CUES}
"""Per language: word cues that open a negation scope."""
NORMAL_CUES = _union(c.negation.normal for c in _CUES)
ADJACENT_CUES = _union(c.negation.adjacent for c in _CUES)
"""Prefix cues that negate only the next word ("non-tender", not "non-healing ulcer")."""
POST_NEGATION = _union(c.negation.after_words for c in _CUES)
NO_REMARKS = _union(c.negation.no_remarks for c in _CUES)
PRE_CUE_PHRASES = _union(frozenset(c.negation.pre) for c in _CUES)
"""The matcher's pre cues of both languages ("negative for"): a state word starting one
takes an object ("Urine negative for nitrites") instead of denying its subject."""
EXISTENCE = _union(frozenset(c.negation.existence) for c in _CUES)
"""Presence phrases that only say a finding is there ("present", "til stede"), not that it is
abnormal: for what is normally there the same as "normal"."""
NONEXISTENCE = _union(frozenset(c.negation.nonexistence) for c in _CUES)
"""Absence phrases that only say a finding is not there ("absent", "fraværende"), not that a
test is normal: for what is normally there the opposite of "normal"."""
STATE_WORDS = _union(c.negation.state_words for c in _CUES)
"""Words that after a copula deny the whole subject ("Straight leg raise is negative")."""
NEG_ANSWER = _union(c.answers["no"] for c in _CUES)
POS_ANSWER = _union(c.answers["yes"] for c in _CUES)
SIDES: dict[str, str] = _merged(c.sides for c in _CUES)
AMBIGUOUS_SIDES = _union(c.ambiguous_sides for c in _CUES)
SIDE_NOUNS = _union(c.side_nouns for c in _CUES)
"""Stop words after an ambiguous side word that still make it a side ("right side")."""
SIDE_PREPOSITIONS = _union(c.side_prepositions for c in _CUES)
"""Words before an ambiguous side word that make it a side ("the right", "på hø")."""
INTENSITY: dict[str, int] = _merged(c.intensity for c in _CUES)
INTENSITY_NOT_BEFORE = _union(c.intensity_not_before for c in _CUES)
"""Words after an intensity word that show it grades nothing ("let at", "svært ved")."""
QUALITY: dict[str, int] = _merged(c.quality for c in _CUES)
COPULAS = _union(c.words["copulas"] for c in _CUES)
SUBORDINATORS = _union(c.words["subordinators"] for c in _CUES)
DETERMINERS = _union(c.words["determiners"] for c in _CUES)
"""Words that make the noun after them given (\"the rash\", \"din hoste\")."""
_EPISODIC = sorted(_union(c.words["episodic"] for c in _CUES), key=len, reverse=True)
EPISODIC = re.compile(
    r"(?i)(?<![^\W\d_])(?:" + "|".join(map(re.escape, _EPISODIC)) + r")(?![^\W\d_])"
)
"""Words that make a statement episodic ("occasionally", "af og til"), as one regex."""
LIST_WORDS = _union(c.words["list"] for c in _CUES)
YOU = _union(c.words["you"] for c in _CUES)
OTHER_WORDS = _union(c.words["other"] for c in _CUES)
BUT_WORDS = _union(c.words["but"] for c in _CUES)
WH_WORDS = _union(c.words["wh"] for c in _CUES)
ASSESSMENT_SECTIONS = _union(c.sections["assessment"] for c in _CUES)
EXAM_SECTIONS = _union(c.sections["exam"] for c in _CUES)
META_PREFIXES: tuple[str, ...] = tuple(sorted(_union(c.words["meta_prefixes"] for c in _CUES)))
"""Word beginnings of clauses about the consultation itself ("Patienten var enig")."""
DOSE_WORDS = _union(c.words["dose"] for c in _CUES)
FUTURE_WORDS = _union(c.words["future"] for c in _CUES)
"""Words before a duration that put it ahead ("in 2 weeks", "om 3 mdr."): a follow-up interval."""
NOT_DRUG_ENDINGS: tuple[str, ...] = tuple(
    sorted(_union(c.words["not_drug_endings"] for c in _CUES))
)

WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]\.?)?")
"""A word as the index reads it: letters, with an abbreviation's inner dot ("u.a.")."""
STRIP_PUNCT = re.compile(r"[^\w%/°]+")
LANG_STEMMER = {"da": "danish", "en": "english"}
"""Snowball stemmer per language (Danish for any other)."""

NEGATED: frozenset[bool] = frozenset({True})
"""A word or concept of a unit seen only negated. A unit's polarities are
this and the next two shared frozensets, not a new set for each word: an
index holds many, and sharing them saves building and freeing them."""
AFFIRMED: frozenset[bool] = frozenset({False})
"""Seen only affirmed."""
EITHER: frozenset[bool] = frozenset({True, False})
"""Seen both negated and affirmed."""
