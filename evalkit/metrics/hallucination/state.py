"""Per-note state shared by the built-in checks, and their small helpers.

:func:`draft_state` aligns each draft unit once per note: to the final-note
clauses that share most keys with it (two at most, so split or merged
sentences still align) and to related transcript sentences; no clause is
compared with every transcript sentence, so the cost grows linearly with
text length. The checks read the result, :class:`DraftState`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from evalkit.lexicon.polarity import find_presence
from evalkit.metrics.checkers import CheckContext
from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.index import TextIndex
from evalkit.metrics.hallucination.words import (
    COPULAS,
    NEGATION_CUES,
    STOPWORDS,
    STRIP_PUNCT,
    WORD,
)
from evalkit.text.segment import split_sentences

__all__ = [
    "DraftState",
    "draft_state",
    "flag_source",
    "local_polarity",
    "polarity_span",
    "quote",
    "trim_span",
]


def flag_source(
    final_says: bool, transcript_says: bool, has_final: bool, has_transcript: bool
) -> str:
    """A flag's ``source``: which reference states the contrary, else which were there."""
    if final_says and transcript_says:
        return "both"
    if final_says:
        return "final_note"
    if transcript_says:
        return "transcript"
    if has_final and has_transcript:
        return "both"
    return "transcript" if has_transcript else "final_note"


def quote(text: str, start: int, end: int, limit: int | None = None) -> str:
    """``text[start:end]`` on one line in double quotes, cut to ``limit`` characters."""
    if limit is None:
        limit = CONFIG.quote_chars
    snippet = " ".join(text[start:end].split())
    if len(snippet) > limit:
        snippet = snippet[: limit - 1] + "…"
    return f'"{snippet}"'


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without surrounding white space and trailing punctuation."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _gap_words(text: str, start: int, end: int) -> list[str] | None:
    """The words between two offsets; ``None`` when anything else (a comma, a digit) is there."""
    gap = text[start:end]
    words = [w.lower() for w in WORD.findall(gap)]
    if WORD.sub("", gap).strip(" \t-"):
        return None
    return words


def polarity_span(text: str, unit: Any, start: int, end: int, language: str) -> tuple[int, int]:
    """A finding's span widened to the presence word that gives its polarity, inside its unit.

    A negation flag should show the word that was turned around, which is
    often not the finding's name: "Murphy's sign *positive*", "Bowel sounds
    are *absent*", "*Negative for* hematuria". A presence word
    (:func:`~evalkit.lexicon.polarity.find_presence`) counts right after the
    finding or after a copula, and right before it or with one function word
    between ("*Positive* Murphy's sign", "*Negativ for* streptokokker"). A
    plain negation cue ("*No* rebound tenderness") is not a presence word: the
    flag keeps the finding's own span there.

    Examples
    --------
    >>> from evalkit.metrics.hallucination.index import Unit
    >>> text = "Murphy's sign is positive."
    >>> s, e = polarity_span(text, Unit(0, 25), 0, 13, "en")
    >>> text[s:e]
    "Murphy's sign is positive"
    >>> polarity_span("Negative for hematuria", Unit(0, 22), 13, 22, "en")
    (0, 22)
    >>> polarity_span("No rebound tenderness", Unit(0, 21), 3, 21, "en")
    (3, 21)
    """
    new_start, new_end = start, end
    after = text[end : unit.end]
    for w in find_presence(after[:40], language=language)[:1]:
        gap = _gap_words(after, 0, w.start)
        if gap is not None and (not gap or (len(gap) == 1 and gap[0] in COPULAS)):
            new_end = end + w.end
    before = find_presence(text[unit.start : start], language=language)
    if before:
        w = before[-1]
        gap = _gap_words(text, unit.start + w.end, start)
        stop = STOPWORDS.get(language, frozenset())
        if gap is not None and (not gap or (len(gap) == 1 and gap[0] in stop)):
            new_start = unit.start + w.start
    return new_start, new_end


def _coverage(keys: set[str], index: TextIndex, aligned: list[int]) -> float:
    if not keys:
        return 0.0
    union: set[str] = set()
    stems: set[str] = set()
    for i in aligned:
        union |= index.units[i].keys
        stems |= index.units[i].stems
    # a word of the draft inside a final-note mention counts ("soft" in "Abdomen soft")
    found = sum(k in union or (k[:2] == "w:" and "s:" + k[2:] in stems) for k in keys)
    return found / len(keys)


@dataclass(slots=True)
class DraftState:
    """Per-note state shared by the built-in checks."""

    pair: Any
    draft: TextIndex
    final: TextIndex | None
    transcript: TextIndex | None
    final_norm: str
    aligned: list[list[int]]
    coverage: list[float]
    related_t: list[list[int]]
    endorsed: list[bool]
    unsupported: list[dict[str, Any]] = field(default_factory=list)


def _prepare(pair: Any, context: CheckContext) -> DraftState:
    ix = context.indexes
    draft, final, transcript = ix["draft"], ix.get("final"), ix.get("transcript")
    # sentence by sentence: a clause after "Ryger ikke." is not right after a negation
    sentences = ix.get("final_sentences")
    if sentences is None and final is not None:
        sentences = final.cache.get("sentences")  # the final note's own index split it
    if sentences is None:
        sentences = split_sentences(pair.final_note)
    final_norm = " " + _flat(_marked_ends(pair.final_note, sentences)) + " "
    cues = NEGATION_CUES.get(context.language, frozenset())
    min_shared = CONFIG.transcript_min_shared
    aligned, coverage, related_t, endorsed = [], [], [], []
    for u in draft.units:
        if final is not None and u.keys:
            al = [i for i, _ in final.related(u.keys | u.stems, k=CONFIG.final_k)]
            aligned.append(al)
            coverage.append(_coverage(u.keys, final, al))
        else:
            aligned.append([])
            coverage.append(0.0)
        if transcript is not None and u.keys:
            probe = u.keys | u.stems
            near = [
                i
                for i, _ in transcript.related(
                    probe, k=CONFIG.transcript_k, min_shared=min(min_shared, len(probe))
                )
            ]
            # the answer to a question usually follows it: "how high? - thirty-eight five"
            near += [i + 1 for i in near if i + 1 < len(transcript.units) and i + 1 not in near]
            related_t.append(near)
        else:
            related_t.append([])
        endorsed.append(
            final is not None and _verbatim(_flat(pair.ai_note[u.start : u.end]), final_norm, cues)
        )
    return DraftState(
        pair, draft, final, transcript, final_norm, aligned, coverage, related_t, endorsed
    )


def _verbatim(flat: str, final_flat: str, cues: frozenset[str]) -> bool:
    """The draft clause occurs word for word in the final note, not right after a negation cue."""
    if not flat:
        return False
    pos = final_flat.find(" " + flat + " ")
    while pos >= 0:
        before = final_flat[:pos].rsplit(" ", 1)[-1]
        if before not in cues:
            return True
        pos = final_flat.find(" " + flat + " ", pos + 1)
    return False


_END = " \u01c0 "
"""A letter (so flattening keeps it) that marks a sentence end in the flat final note."""


def _marked_ends(text: str, sentences: list[Any]) -> str:
    """``text`` with a sentence-end marker after each sentence."""
    parts, last = [], 0
    for x in sentences:
        parts.append(text[last : x.end])
        parts.append(_END)
        last = x.end
    parts.append(text[last:])
    return "".join(parts)


_FLAT_WORD = re.compile(STRIP_PUNCT.pattern.replace("[^", "[", 1))
"""A run of the characters :data:`STRIP_PUNCT` keeps (its complement)."""


def _flat(text: str) -> str:
    """``text`` in lower case with every run of other characters than :data:`STRIP_PUNCT`
    keeps written as one space, and no space at either end.

    The kept runs joined by spaces: the same string as
    ``" ".join(STRIP_PUNCT.sub(" ", text.lower()).split())`` (no character a
    run keeps is white space) without building the substituted copy.

    Examples
    --------
    >>> _flat("  Temp 38,5 °C; BT 120/80. ")
    'temp 38 5 °c bt 120/80'
    """
    return " ".join(_FLAT_WORD.findall(text.lower()))


def draft_state(context: CheckContext, pair: Any) -> DraftState:
    state = context.indexes.get("draft_state")
    if state is None:
        state = _prepare(pair, context)
        context.indexes["draft_state"] = state
    return state


def local_polarity(index: TextIndex, units: list[int], concept_id: str) -> set[bool]:
    out: set[bool] = set()
    for i in units:
        out |= index.units[i].concept_polarity.get(concept_id, set())
    return out
