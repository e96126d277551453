r"""Transcript grounding: what the consultation states, contradicts or never mentions.

The rules every built-in check follows when it reads a transcript
(hallucination family version 3):

* **Contradicted** (a flag, ``source="transcript"``): the talk states the
  opposite. For a concept's polarity, :func:`transcript_verdict` reads what
  the person who knows said (the patient, or the clinician's restatement, for
  a symptom; the clinician for a finding or diagnosis); talk with both
  polarities is no explicit contradiction, and a statement the clinician kept
  in the signed note is overruled only by a direct yes/no question answered
  the other way. For a value, side or grade, the talk must give the *same
  thing* another value (:func:`anchored_values`: each number or marked word
  goes to its nearest lexicon mention) and never the note's.
* **Not found** (never a flag): a draft claim the talk never mentions goes to
  the ``unsupported_claims`` column (:func:`claim`, :func:`note_unsupported`).

The consultation model itself (turns, questions, replies, restatements,
conditional talk) is :mod:`evalkit.text.consultation`; how a transcript index
uses it is :mod:`evalkit.metrics.hallucination.transcript`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from evalkit.metrics.hallucination.state import quote
from evalkit.metrics.hallucination.transcript import LIST_GLUE
from evalkit.text.consultation import dialogue_cues, is_hypothetical

if TYPE_CHECKING:
    from evalkit.metrics.hallucination.index import TextIndex, Unit
    from evalkit.metrics.hallucination.state import DraftState

__all__ = [
    "KNOWER",
    "anchored_values",
    "claim",
    "conditional",
    "nearest_mention",
    "note_unsupported",
    "section_kind",
    "transcript_verdict",
    "turn_quote",
]

KNOWER = {"symptom": "patient", "finding": "clinician", "diagnosis": "clinician"}
"""Who knows best what the talk says about a concept of each category."""


def transcript_verdict(
    index: TextIndex,
    concept_id: str,
    negated: bool,
    category: str,
    *,
    kept: bool = False,
) -> tuple[str | None, int | None]:
    r"""Whether the consultation explicitly states or contradicts a note's mention.

    The talk about a concept is what :attr:`TextIndex.statements` holds: the
    statements about this patient and the yes/no questions with their reply.
    Only the person who knows counts: for a symptom the patient (their
    statements and replies) and the clinician's restatements ("so no
    fever"); for a finding or a diagnosis the clinician first. The verdict is
    ``("contradicts", unit)`` only when everything that counts has the
    opposite polarity (``unit`` is the latest such turn, quoted as evidence);
    ``("supports", unit)`` when something that counts has the note's polarity;
    ``(None, None)`` when the talk says nothing explicit about the concept (a
    question nobody answered, a conditional, someone else's history).

    With ``kept=True`` (the final note has the statement too) only a direct
    yes/no question answered with a yes or no word (or a reply that names the
    concept with the answer's polarity: "Klør det?" - "Nej, det klør ikke")
    can contradict: the clinician heard the consultation and signed it, and
    what a patient tells in passing is usually about another time or aspect.

    Examples
    --------
    >>> from evalkit.lexicon.matcher import Mention
    >>> from evalkit.metrics.hallucination import build_index
    >>> class M:
    ...     def find(self, text):
    ...         return [Mention(m.start(), m.end(), "feber", "fever", "symptom", False)
    ...                 for m in re.finditer("feber", text)]
    >>> ix = build_index("Læge: Har du haft feber?\nPatient: Nej.", "da", M(), transcript=True)
    >>> transcript_verdict(ix, "fever", False, "symptom")
    ('contradicts', 0)
    >>> transcript_verdict(ix, "fever", True, "symptom")
    ('supports', 0)
    """
    said = index.statements.get(concept_id)
    if not said:
        return None, None
    knower = KNOWER.get(category)
    if knower == "patient":
        # the clinician's own sentences about a symptom are questions, lists
        # and explanations; only a restatement ("so no fever") is the patient's word
        said = [x for x in said if x[2] in ("patient", "summary", "other")]
    elif knower is not None:
        mine = [x for x in said if x[2] in (knower, "other")]
        said = mine or said
    if not said:
        return None, None
    if any(x[1] == negated for x in said):
        # the talk says it, wherever else it says otherwise ("no fever now" after
        # "I had a fever on Monday"): mixed talk is no explicit contradiction
        return "supports", next(x[0] for x in reversed(said) if x[1] == negated)
    if kept:
        # the clinician heard the talk and signed the statement: only a direct
        # yes/no question about it, answered the other way, overrules that (not the
        # clinician's own talk: transcripts without question marks make a spoken
        # question look like dictation)
        said = [
            x
            for x in said
            if x[3] == "answer"
            or (
                # a finding the clinician dictates while examining ("your lungs sound
                # clear, no crackles"), with no side or other part named beside it
                x[3] == "said"
                and x[1]
                and category == "finding"
                and x[2] == "clinician"
                and not index.units[x[0]].sides
                and _bare_negative(index, x[0], concept_id)
            )
            # a diagnosis the clinician rules out in so many words ("so this is not
            # pneumonia"): the clinician is the one who knows
            or (
                x[3] == "said"
                and x[1]
                and category == "diagnosis"
                and x[2] in ("clinician", "summary")
            )
        ]
        if not said:
            return None, None
    return "contradicts", said[-1][0]


_NEXT_WORD = re.compile(r"[\s]*([^\W\d_]+|[,.;:!?]|$)")


def _bare_negative(index: TextIndex, unit: int, concept_id: str) -> bool:
    """Whether a unit only denies the concept, bare ("clear, no crackles, no wheezing").

    Every mention of the concept in the unit is negated and none goes on to a
    part or aspect ("no pain with palpation outside the elbow"): after it comes
    punctuation, the end, or a word that joins a list.
    """
    u = index.units[unit]
    found = [m for m in u.mentions if m.concept_id == concept_id]
    if not found or not all(m.negated for m in found):
        return False
    for m in found:
        nxt = _NEXT_WORD.match(index.text, m.end, u.end)
        word = nxt.group(1).lower() if nxt else ""
        if word and word[0].isalpha() and word not in LIST_GLUE:
            return False
    return True


def turn_quote(index: TextIndex, unit: int) -> str:
    """A transcript unit as evidence; a question with its reply."""
    u = index.units[unit]
    out = quote(index.text, u.start, u.end)
    if u.question and u.answered_by is not None:
        v = index.units[u.answered_by]
        out += " - " + quote(index.text, v.start, v.end)
    return out


def claim(start: int, end: int, kind: str, reason: str) -> dict[str, Any]:
    """One ``unsupported_claims`` item (the text is added by the family)."""
    return {"kind": kind, "start": start, "end": end, "reason": reason}


def note_unsupported(st: DraftState, m: Any, in_t: bool, language: str) -> None:
    """Record a draft mention the transcript never mentions (not a flag)."""
    t = st.transcript
    if t is None or in_t or t.supports_words(m.text, language):
        return
    st.unsupported.append(claim(m.start, m.end, "concept", "not mentioned in transcript"))


def nearest_mention(mentions: list[Any], start: int, end: int) -> Any | None:
    """The lexicon mention closest to ``[start, end)`` in the same unit."""
    best, gap = None, None
    for m in mentions:
        d = start - m.end if m.end <= start else m.start - end if m.start >= end else 0
        d = max(d, 0) * (1 if m.end <= start else 2)  # "Lasix 40 mg": the name before the dose
        if gap is None or d < gap:
            best, gap = m, d
    return best


def anchored_values(index: TextIndex, concept_id: str, attr: str) -> list[Any]:
    """What the talk attaches to a concept: the numbers, sides or grades next to it.

    In every statement (and every reply to a question) about ``concept_id``,
    each number (``attr="numbers"``) or marked word (``"sides"``, ``"grades"``)
    goes to its nearest lexicon mention; those that go to the concept are
    returned as ``(value, unit)``. A reply with no mention of its own belongs
    to the question's mentions ("what is your blood pressure?" - "about 130
    over 80"). Conditional talk and questions themselves attach nothing.
    """
    key = f"anchored:{attr}"
    table = index.cache.get(key)
    if table is None:
        table = defaultdict(list)
        asked_by: dict[int, int] | None = index.cache.get("anchored:asked_by")
        if asked_by is None:  # the same for every attribute: built once
            asked_by = index.cache["anchored:asked_by"] = {
                u.answered_by: i for i, u in enumerate(index.units) if u.answered_by is not None
            }
        for i, u in enumerate(index.units):
            if u.question or not u.statement:
                continue
            found: Any = u.numbers if attr == "numbers" else getattr(u, attr)
            if not found:
                continue  # nothing to attach (most sentences)
            mentions = u.mentions
            if not mentions and i in asked_by:
                q = asked_by[i]
                mentions = index.units[q].mentions
                if not mentions and q > 0:
                    # an elliptical question ("Hvor høj?") is about the last topic
                    mentions = index.units[q - 1].mentions
            elif (
                not mentions
                and i > 0
                and attr == "numbers"
                and any(n.kind in _MEASURED for n in u.numbers)
            ):
                prev = index.units[i - 1]
                if prev.speaker == u.speaker and not prev.question and prev.statement:
                    # a measurement read out right after naming it: "Jeg måler dit
                    # blodtryk. Det er hundrede og tredive over firs." (not durations:
                    # "that stays in for about a week" is about something else)
                    mentions = prev.mentions
            if not mentions:
                continue
            if attr == "numbers":
                items = [(x.start, x.end, x) for x in found]
            else:
                items = [(a, b, k) for k, (a, b) in found.items()]
            for a, b, value in items:
                m = nearest_mention(mentions, a, b)
                if m is not None:
                    table[m.concept_id].append((value, i))
        index.cache[key] = table
    return table.get(concept_id, [])


_MEASURED = frozenset({"blood_pressure", "vital", "lab", "score"})
"""Kinds of number a clinician reads out as a measurement."""


def conditional(text: str, u: Unit, language: str) -> bool:
    """Whether a note clause is conditional or advisory ("If you develop chest pain, …")."""
    return is_hypothetical(text[u.start : u.end], dialogue_cues(language))


_PROBLEM_SECTION_WORDS = frozenset(
    "a p assessment plan impression imp ddx diagnosis diagnoses problems vurdering plan "
    "konklusion diagnose diagnoser problemer".split()
)
_EXAM_SECTION_WORDS = frozenset(
    "o obj objektivt objektiv undersøgelse fund exam examination physical pe status "
    "praesens".split()
)
_STATUS_PRAESENS = re.compile(r"^st\.?\s?p\.?$")
"""Danish "St.p." (status praesens), the examination, not the plan."""


def section_kind(section: str) -> str:
    """``"problem"`` (assessment, plan), ``"exam"`` or ``""`` for a lower-case heading.

    Examples
    --------
    >>> section_kind("assessment and plan"), section_kind("objektivt"), section_kind("hpi")
    ('problem', 'exam', '')
    >>> section_kind("st.p"), section_kind("st. p."), section_kind("p")
    ('exam', 'exam', 'problem')
    """
    words = set(re.findall(r"[^\W\d_]+", section))
    if words & _EXAM_SECTION_WORDS or _STATUS_PRAESENS.match(section.strip()):
        return "exam"
    if words & _PROBLEM_SECTION_WORDS:
        return "problem"
    return ""
