"""The clause check: a fallback for what the lexicon does not cover."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.cache import StemTable
from evalkit.metrics.hallucination.concepts import POLAR_CATEGORIES
from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.grounding import conditional
from evalkit.metrics.hallucination.index import TextIndex, Unit
from evalkit.metrics.hallucination.numbers import full_normal_score
from evalkit.metrics.hallucination.state import draft_state, flag_source, quote, trim_span
from evalkit.metrics.hallucination.transcript import QuestionIndex
from evalkit.metrics.hallucination.words import (
    OTHER_WORDS,
    POST_NEGATION,
    STOPWORDS,
    WORD,
)
from evalkit.schema import check_language

__all__ = ["ClauseChecker"]


class ClauseChecker:
    """Clause-level fallback for what the lexicon does not cover: ``negation``.

    A content word the draft clause shares with a related final-note clause
    (or transcript sentence) stands in the scope of a negation cue on one side
    only ("Sløret syn" against "Normalt syn", "Ingen i husstanden med kløe"
    against "Partneren har også kløe").

    Clauses without a counterpart at all are the support check's
    (:mod:`evalkit.metrics.hallucination.support`).

    Clauses that already carry a flag from another check are left alone.
    """

    name = "clauses"

    def check(self, pair: Any, context: CheckContext, existing: Sequence[Flag] = ()) -> list[Flag]:
        st = draft_state(context, pair)
        final, transcript = st.final, st.transcript
        has_f, has_t = final is not None, transcript is not None
        flags: list[Flag] = []
        for ui, u in enumerate(st.draft.units):
            if u.heading or not (u.keys or u.stems):
                continue
            if any(f.start < u.end and u.start < f.end for f in existing):
                continue
            s, e = trim_span(pair.ai_note, u.start, u.end)
            flip_f = (
                None if st.endorsed[ui] or final is None else self._flip(u, final, st.aligned[ui])
            )
            flip_t = None
            if transcript is not None:
                # word-level evidence from talk (a question answered the other
                # way, a sentence with the opposite negation) is loose: it counts
                # only for a clause the clinician did not keep; kept statements
                # are contradicted through their concepts (ConceptChecker)
                kept = st.endorsed[ui] or (has_f and st.coverage[ui] >= CONFIG.aligned_coverage)
                if not kept:
                    flip_t = self._flip(u, transcript, st.related_t[ui]) or self._answered(
                        u, transcript
                    )
                else:
                    # a kept pertinent negative that a direct yes/no question about
                    # it got a yes to ("Vågner ikke om natten" - "Vågner du om
                    # natten?" - "Ja, hver nat"): an explicit contradiction
                    # (only what the lexicon does not cover: the concept check owns
                    # the polarity of concepts, mixed talk included)
                    clause = pair.ai_note[u.start : u.end]
                    ask = (
                        u.negation is not None
                        and not _negates_a_concept(u)
                        # not "denies any other …" (beyond what was said), not advice
                        and not any(w.lower() in OTHER_WORDS for w in WORD.findall(clause))
                        and not conditional(pair.ai_note, u, context.language)
                    )
                    head = (
                        _negated_head(pair.ai_note, u, context.language, st.draft.stem_table)
                        if ask
                        else None
                    )
                    q = self._answered(u, transcript) if head is not None else None
                    if (
                        q is not None
                        and head is not None
                        and q.answer is False
                        and not (q.choice or q.echo or q.qualified)
                        and q.negation is None
                        and not _asks_normal(transcript.text, q)
                        and any(_stem_match(head, k[2:]) for k in q.stems)
                        # and about more than one word ("hasn't checked temperature"
                        # is not answered by "have you had it checked?")
                        and _shared_words(u, q) >= 2
                    ):
                        flip_t = q
            if flip_f is not None or flip_t is not None:
                parts = []
                if flip_f is not None and final is not None:
                    parts.append(
                        "final note has the opposite: "
                        f"{quote(final.text, flip_f.start, flip_f.end)}"
                    )
                if flip_t is not None and transcript is not None:
                    parts.append(
                        "transcript has the opposite: "
                        f"{quote(transcript.text, flip_t.start, flip_t.end)}"
                    )
                critical = flip_f is not None and st.coverage[ui] >= CONFIG.aligned_coverage
                flags.append(
                    make_flag(
                        pair.ai_note,
                        s,
                        e,
                        "negation",
                        "; ".join(parts),
                        flag_source(flip_f is not None, flip_t is not None, has_f, has_t),
                        severity="critical" if critical else "non-critical",
                        checker=self.name,
                    )
                )
                continue
        return flags

    @staticmethod
    def _flip(u: Unit, index: TextIndex, related: list[int]) -> Unit | None:
        """The first related unit where a shared content word has the opposite polarity.

        The two units must share at least half of the content words of each, so
        "Ingen natlige smerter" does not contradict "8 ugers smerter i skulderen".
        """
        for i in related:
            other = index.units[i]
            common = len(u.stems & other.stems)
            if other.heading or common * 2 < len(u.stems) or common * 2 < len(other.stems):
                continue
            shared = flipped = 0
            last = None
            absent_side = _normal_is_absent(u, other)
            for stem, pol in u.polarity.items():
                theirs = other.polarity.get(stem)
                if theirs and len(pol) == 1 and len(theirs) == 1:
                    shared += 1
                    if pol != theirs and not _normal_is_present(u, other, pol):
                        flipped += 1
                        last = (stem, pol)
                    elif absent_side is not None and pol == theirs == {True}:
                        flipped += 1  # "Normale tarmlyde" / "Tarmlyde fraværende"
                        last = (stem, pol)
            if shared == 1 and last is not None:
                # one shared word flipped, while the negation also covers words the
                # other clause lacks, is about those words ("Tidligere rask" /
                # "Ingen tidligere sygdomme": the diseases are denied, not the past)
                negated_side, affirmed = (u, other) if last[1] == {True} else (other, u)
                if absent_side is not None:
                    negated_side = absent_side
                    affirmed = other if absent_side is u else u
                if any(
                    p == {True} and k != last[0] and k not in affirmed.stems
                    for k, p in negated_side.polarity.items()
                ):
                    continue
            # most shared words must flip: one word at the edge of a negation
            # window is noise ("not monitoring his blood sugar" / "… of his blood sugar")
            if flipped and flipped * 2 >= shared:
                return other
        return None

    @staticmethod
    def _answered(u: Unit, transcript: TextIndex) -> Unit | None:
        """A yes/no question in the transcript whose answer contradicts the clause.

        The question must be mostly about the clause: at least half of its content
        words match a word of the clause, where a word also matches a longer
        word containing it ("Stråler det ned i benene?" - "Nej" against
        "Udstråling til benet"), and at least a third of the clause's words must
        be matched. Most matched words must have the opposite polarity.
        """
        mine = [(stem[2:], pol) for stem, pol in u.polarity.items() if len(pol) == 1]
        if not mine:
            return None
        qa = transcript.cache.get("qa")
        if qa is None:
            qa = transcript.cache["qa"] = QuestionIndex(transcript)
        related = {word: qa.related(word) for word, _ in mine}
        candidates = sorted(
            {q for word in related for core in related[word] for q in qa.asking[core]}
        )
        for qi in candidates:
            q = transcript.units[qi]
            matched = flipped = 0
            used: set[str] = set()
            for stem, theirs in q.polarity.items():
                hits = [(word, pol) for word, pol in mine if stem[2:] in related[word]]
                if not hits:
                    continue
                matched += 1
                for word, pol in hits:
                    used.add(word)
                    flipped += pol != theirs
            if (
                matched * 2 >= len(q.polarity)
                and len(used) * 3 >= len(mine)
                and flipped * 2 > len(used)
            ):
                return q
        return None


def _normal_is_present(u: Unit, other: Unit, polarity: AbstractSet[bool]) -> bool:
    """Whether a word is "normal" on one side and "present" on the other: the same finding.

    A normal cue puts a word in scope like a negation ("Normal bowel sounds");
    a presence word that only says the finding is there ("Bowel sounds
    present", "Reflekser til stede") is, for what is normally there, the same
    statement. Only when no real negation cue is in the normal side's clause.
    """
    normal_side, present_side = (u, other) if polarity == {True} else (other, u)
    # a grade at the normal top of its scale says "normal" too ("Kraft 5/5" / "Normal kraft")
    present = present_side.existence or any(full_normal_score(n) for n in present_side.numbers)
    return normal_side.negation is None and present


def _normal_is_absent(u: Unit, other: Unit) -> Unit | None:
    """The unit saying a finding is not there, when the other calls it normal; else ``None``.

    A normal cue puts a word in scope like a negation ("Normale tarmlyde"), and
    so does an absence phrase after its subject ("Tarmlyde fraværende"): both
    read as "in scope", yet for what is normally there they say the opposite.
    The normal side has no real negation cue; the other side an absence phrase
    that only says the finding is not there (``nonexistence``: "absent", not
    "negative", which for a test is normal).

    Examples
    --------
    >>> from evalkit.metrics.hallucination.index import Unit
    >>> normal = Unit(0, 16, polarity={"s:tarmlyd": {True}})
    >>> absent = Unit(0, 19, polarity={"s:tarmlyd": {True}}, negation=(9, 19), nonexistence=True)
    >>> _normal_is_absent(normal, absent) is absent, _normal_is_absent(absent, normal) is absent
    (True, True)
    >>> _normal_is_absent(normal, Unit(0, 12, polarity={"s:tarmlyd": {True}}, negation=(0, 5)))
    """
    for normal_side, absent_side in ((u, other), (other, u)):
        if (
            normal_side.negation is None
            and not normal_side.nonexistence
            and absent_side.nonexistence
            and absent_side.negation is not None
        ):
            return absent_side
    return None


_NORMAL_WORDS = frozenset(
    "ok okay fine normal normally alright good fint godt normalt normal".split()
)


def _asks_normal(text: str, q: Unit) -> bool:
    """A question about normality ("are your bowels working OK?"): its yes is a no."""
    return any(w.lower() in _NORMAL_WORDS for w in WORD.findall(text, q.start, q.end))


def _negates_a_concept(u: Unit) -> bool:
    """Whether the clause's negation cue governs a polar lexicon mention (concept check's job)."""
    if u.negation is None:
        return False
    cue_start = u.negation[0]
    return any(
        m.category in POLAR_CATEGORIES and m.negated and m.start >= cue_start for m in u.mentions
    )


def _shared_words(u: Unit, q: Unit) -> int:
    """Content words of a clause that a question has (same stem, or one inside the other)."""
    theirs = [k[2:] for k in q.stems]
    return sum(any(_stem_match(k[2:], t) for t in theirs) for k in u.stems)


def _stem_match(a: str, b: str) -> bool:
    """Same stem, or one contains the other ("stråler" in "udstråling")."""
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def _negated_head(text: str, u: Unit, language: str, stems: StemTable | None = None) -> str | None:
    """Stem of the word a clause's negation is about: the first content word after
    the cue ("uden udstråling", "no problems"), or the word right before a Danish
    "ikke" ("Vågner ikke")."""
    if u.negation is None:
        return None
    if stems is None or stems.language != language:
        stems = StemTable(language)
    stop = STOPWORDS[check_language(language, what="clause negation: language")]
    cue_start, cue_end = u.negation
    cue = text[cue_start:cue_end].lower()
    if cue in POST_NEGATION:
        before = [w.lower() for w in WORD.findall(text, u.start, cue_start)]
        before = [w for w in before if w not in stop]
        if before:
            return stems.key(before[-1].rstrip("."))[2:]
    for w in WORD.finditer(text, cue_end, u.end):
        word = w.group().lower().rstrip(".")
        if word not in stop and len(word) >= 2:
            return stems.key(word)[2:]
    return None
