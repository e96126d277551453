"""The consultation side of the index: turns, questions and their answers.

A transcript is indexed by sentences within speaker turns
(:func:`turn_sentence_spans`). Talk is too loose for word-level negation
scope, so a word's polarity in a transcript comes only from the yes/no answer
to a question about it: :func:`resolve_answers` reads the answer of each
yes/no question, :func:`keep_answered_polarity` keeps the polarity of the
answered questions' words and drops the rest, and :class:`QuestionIndex`
finds the answered questions a draft clause is about (used by
``ClauseChecker`` in :mod:`evalkit.metrics.hallucination.clauses`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.words import (
    BUT_WORDS,
    NEG_ANSWER,
    OTHER_WORDS,
    POS_ANSWER,
    SUBORDINATORS,
    WH_WORDS,
    WORD,
    YOU,
)
from evalkit.text.segment import speaker_role, split_sentences, split_turns

if TYPE_CHECKING:
    from evalkit.metrics.hallucination.cache import StemTable
    from evalkit.metrics.hallucination.index import TextIndex, Unit

__all__ = ["QuestionIndex", "keep_answered_polarity", "resolve_answers", "turn_sentence_spans"]


def turn_sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, speaker)`` of every sentence of every turn of a transcript."""
    spans: list[tuple[int, int, str]] = []
    for turn in split_turns(text):
        for s in split_sentences(turn.text):
            spans.append((turn.start + s.start, turn.start + s.end, turn.speaker))
    return spans


def resolve_answers(units: list[Unit], text: str, stems: StemTable, stop: set[str]) -> None:
    """Set ``answer`` of each yes/no question a clinician asked to the reply's polarity.

    The reply is the next sentence by another speaker among the
    :attr:`~evalkit.metrics.hallucination.config.HallucinationConfig.answer_lookahead`
    sentences after the question. ``answer`` is True (negated) when a "no"
    word is among the first words of the reply (before any "but" after a
    leading "yes"), False when the reply starts with "yes" or repeats a
    content word of the question, else it stays ``None``. Open questions
    (what, how, hvor …), "any other …?" and double questions get no answer.
    """
    lookahead = CONFIG.answer_lookahead
    head_words = CONFIG.answer_head_words
    for i, u in enumerate(units):
        if not u.question:
            continue
        asked = [w.group().lower() for w in WORD.finditer(text, u.start, u.end)]
        u.wh = any(w in WH_WORDS for w in asked)
        if (
            u.wh  # an open question ("hvor meget", "what about") has no yes/no answer
            or any(w in OTHER_WORDS for w in asked)  # "any other symptoms?" - "no"
            # two questions in one: "have you had children, or are you planning to?"
            or sum(w in YOU for w in asked) >= 2
            or (u.speaker and speaker_role(u.speaker) == "patient")
        ):
            continue
        for v in units[i + 1 : i + 1 + lookahead]:
            if v.speaker == u.speaker and u.speaker:
                continue
            answer = [m.group().lower() for m in WORD.finditer(text, v.start, v.end)]
            if answer:
                head = answer
                if answer[0] in POS_ANSWER:
                    # "yes, but it's not barky": what follows "but" qualifies the yes
                    head = answer[
                        : next((k for k, a in enumerate(answer) if a in BUT_WORDS), len(answer))
                    ]
                # "Ja, øh, nej, jeg hoster ikke": a negation anywhere in the
                # answer sentence outweighs a leading "ja"
                if any(a in NEG_ANSWER for a in head[:head_words]):
                    u.answer = True
                elif answer[0] in POS_ANSWER or _echoes(answer, u, text, stems, stop):
                    # "Vågner du om natten?" - "Jeg vågner tit om natten": yes
                    u.answer = False
            break


def keep_answered_polarity(units: list[Unit], text: str, stems: StemTable, stop: set[str]) -> None:
    """Keep word polarity only in answered questions, from their answer.

    Conversation is too loose for word-level scope ("nej, det er første
    gang"); only a yes/no answer to a question fixes a word's polarity:
    "Vågner du om natten?" - "Nej" says every content word of its main clause
    is negated.
    """
    for u in units:
        if u.question and u.answer is not None and u.negation is None:
            main = _main_clause_stems(text, u, stems, stop)
            u.polarity = {stem: {u.answer} for stem in u.polarity if stem in main}
        else:
            u.polarity = {}


def _echoes(answer: list[str], question: Unit, text: str, stems: StemTable, stop: set[str]) -> bool:
    """The answer repeats a content word of the question's main clause."""
    main = _main_clause_stems(text, question, stems, stop)
    return any(
        stems.key(w.rstrip(".")) in main
        for w in answer[: CONFIG.echo_words]
        if w not in stop and len(w) >= 3
    )


def _main_clause_stems(text: str, u: Unit, stems: StemTable, stop: set[str]) -> set[str]:
    """Stems of a question before its first subordinate clause.

    The answer to "Kommer der noget op, når du hoster?" is about what comes up,
    not about the cough the "når" clause takes for granted.
    """
    out: set[str] = set()
    for w in WORD.finditer(text, u.start, u.end):
        low = w.group().lower().rstrip(".")
        if low in SUBORDINATORS:
            break
        if low not in stop and len(low) >= 2:
            out.add(stems.key(low))
    return out


class QuestionIndex:
    """The answered yes/no questions of a transcript, indexed by their words.

    ``related(word)`` gives the question words equal to ``word``, inside it or
    containing it (four letters or more), through a substring index, so a draft
    clause is compared only with the questions that share a word with it.
    """

    def __init__(self, transcript: TextIndex) -> None:
        self.asking: dict[str, list[int]] = defaultdict(list)
        for i, q in enumerate(transcript.units):
            if q.question and q.polarity:
                for stem in q.polarity:
                    self.asking[stem[2:]].append(i)
        self.inside: dict[str, set[str]] = defaultdict(set)
        for core in self.asking:
            for a in range(len(core) - 3):
                for b in range(a + 4, len(core) + 1):
                    self.inside[core[a:b]].add(core)
        self._memo: dict[str, frozenset[str]] = {}

    def related(self, word: str) -> frozenset[str]:
        found = self._memo.get(word)
        if found is None:
            out = {word} if word in self.asking else set()
            if len(word) >= 4:
                out |= self.inside.get(word, set())
                out |= {
                    word[a:b]
                    for a in range(len(word) - 3)
                    for b in range(a + 4, len(word) + 1)
                    if word[a:b] in self.asking
                }
            found = self._memo[word] = frozenset(out)
        return found
