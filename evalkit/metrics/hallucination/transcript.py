"""The consultation side of the index: turns, questions, answers and what the talk states.

A transcript is indexed by sentences within speaker turns
(:func:`turn_sentence_spans`), each read by the consultation model of
:mod:`evalkit.text.consultation` (:func:`resolve_dialogue`): who speaks, which
sentences are questions and how they were answered, which are restatements,
conditional talk or someone else's history. Talk is too loose for word-level
negation scope, so a word's polarity in a transcript comes only from the
yes/no answer to a question about it (:func:`keep_answered_polarity`), and a
concept's negation only counts right at the mention (:func:`local_negation`).
:func:`transcript_verdict` says whether the talk explicitly contradicts a
note's mention; :class:`QuestionIndex` finds the answered questions a draft
clause is about (used by ``ClauseChecker`` in
:mod:`evalkit.metrics.hallucination.clauses`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.words import (
    AFFIRMED,
    DETERMINERS,
    NEGATED,
    NEGATION_CUES,
    OTHER_WORDS,
    POST_NEGATION,
    SUBORDINATORS,
    WORD,
    YOU,
)
from evalkit.schema import check_language
from evalkit.text.consultation import parse_consultation
from evalkit.text.numbers import NumberMention
from evalkit.text.segment import sentence_bounds, speaker_role, split_turns

if TYPE_CHECKING:
    from evalkit.metrics.hallucination.cache import StemTable
    from evalkit.metrics.hallucination.index import TextIndex, Unit

__all__ = [
    "QuestionIndex",
    "is_list",
    "keep_answered_polarity",
    "local_negation",
    "presupposed",
    "resolve_dialogue",
    "scale_replies",
    "turn_sentence_spans",
]


def _lower_words(text: str, start: int, end: int) -> list[str]:
    """The words (:data:`WORD`) of ``text[start:end]`` in lower case."""
    return list(map(str.lower, WORD.findall(text, start, end)))


def turn_sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, speaker)`` of every sentence of every turn of a transcript."""
    spans: list[tuple[int, int, str]] = []
    for turn in split_turns(text):
        speaker = turn.speaker
        spans += [(a, b, speaker) for a, b in sentence_bounds(text, turn.start, turn.end)]
    return spans


# a question with "or" offers alternatives: a "yes" does not say which
_CHOICE = re.compile(r"(?i)(?<![^\W\d_])(?:or|eller)(?![^\W\d_])")
LOCAL_BREAKS = frozenset("but just only except men bare kun undtagen though although".split())
"""Words that end a spoken negation's reach ("no, just the swelling")."""
LIST_GLUE = frozenset("or and any og eller nogen samt".split())
"""Words that join the items of one asked-about list ("any fever, chills or cough?")."""


def resolve_dialogue(
    units: list[Unit], text: str, language: str, stems: StemTable, stop: frozenset[str]
) -> None:
    """Roles, questions and yes/no answers of transcript units, from the consultation model.

    Each unit is one sentence of a turn, as is each utterance of
    :func:`~evalkit.text.consultation.parse_consultation`. A yes/no question
    takes its answer from the other speaker's reply ("Nej, ikke rigtigt",
    "Yeah, a few times") or, failing a yes/no word, from a reply that repeats a
    content word of the question without a negation ("Vågner du om natten?" -
    "Jeg vågner tit"; ``echo``). Questions about "other" things ("any other
    symptoms?") and double questions ("have you had children, or are you
    planning to?") get no answer; every question keeps its reply
    (``answered_by``), open ones too ("how high?" - "38.5").
    """
    consultation = parse_consultation(
        text,
        check_language(language, what="resolve_dialogue(language)"),
        sentences=[(u.start, u.end, u.speaker) for u in units],
    )
    by_start = {u.start: u for u in consultation.utterances}
    unit_at = {u.start: i for i, u in enumerate(units)}
    cues = NEGATION_CUES.get(language, frozenset())
    for u in units:
        utt = by_start.get(u.start)
        if utt is None:
            u.role, u.statement, u.question = speaker_role(u.speaker), False, False
            continue
        u.role = utt.role
        u.question = utt.question
        u.summary = utt.summary
        u.statement = utt.statement
        if not u.question:
            continue
        u.wh = utt.open_question
        u.choice = _CHOICE.search(text, u.start, u.end) is not None
        if utt.answered_by is None:
            continue
        reply = consultation.utterances[utt.answered_by]
        u.answered_by = unit_at.get(reply.start)
        if u.wh:
            continue
        asked = _lower_words(text, u.start, u.end)
        if (
            not OTHER_WORDS.isdisjoint(asked)  # "any other symptoms?" - "no"
            # two questions in one: "have you had children, or are you planning to?"
            # (not "do you get dizzy when you stand up?")
            or (u.choice and sum(w in YOU for w in asked) >= 2)
        ):
            continue
        u.qualified = utt.qualified
        if utt.answer == "no" and _affirms_asked(u, reply, text, stems, stop, cues):
            # "It's more of a tight chest, is it?" - "No, not really pain, it's
            # more like, tight": the no is not about what the reply goes on to affirm
            u.qualified = True
        if utt.answer == "no":
            u.answer = True
        elif utt.answer == "yes":
            u.answer = False
        else:
            said = _lower_words(text, reply.start, reply.end)
            if said and cues.isdisjoint(said) and _echoes(said, u, text, stems, stop):
                u.answer, u.echo = False, True  # a positive echo


_SCALE = re.compile(
    r"(?i)(?<![^\W\d_])(?:scale|skala)(?![^\W\d_]).{0,40}?(?<![^\W\d_])(?:10|ten|ti)(?![^\W\d_])"
)
"""A question that sets a scale of ten ("on a scale of one to ten", "på en skala fra 0 til 10")."""


def scale_replies(units: list[Unit], numbers: list[Any], text: str) -> list[Any]:
    """Read a bare number in the reply to a scale-of-ten question as a score.

    "On a scale of one to ten, how bad is the pain?" - "About an eight" gives
    8/10, as the note would write it. Only whole numbers from 0 to 10 with no
    unit of their own, in the reply's first sentence.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> from evalkit.text.numbers import find_numbers
    >>> t = "On a scale of one to ten how bad is it? About an eight."
    >>> q = NS(question=True, start=0, end=39, answered_by=1)
    >>> r = NS(question=False, start=40, end=55)
    >>> ns = find_numbers(t, language="en")
    >>> r.numbers = [n for n in ns if n.start >= 40]
    >>> [(n.value, n.unit, n.kind) for n in scale_replies([q, r], ns, t) if n.start >= 40]
    [(8.0, '/10', 'score')]
    """
    changed: dict[int, Any] = {}
    for u in units:
        if not u.question or u.answered_by is None or _SCALE.search(text, u.start, u.end) is None:
            continue
        reply = units[u.answered_by]
        new = []
        for n in reply.numbers:
            if (
                n.kind == "count"
                and n.unit is None
                and n.value_high is None
                and (0 <= n.value <= 10 and n.value == int(n.value))
            ):
                x = NumberMention(n.start, n.end, n.text, n.value, None, "/10", "score")
                changed[id(n)] = x
                new.append(x)
            else:
                new.append(n)
        reply.numbers = new
    if not changed:
        return numbers
    return [changed.get(id(n), n) for n in numbers]


def _affirms_asked(
    u: Unit, reply: Any, text: str, stems: StemTable, stop: frozenset[str], cues: frozenset[str]
) -> bool:
    """Whether a reply, after its opening, repeats a content word of the question
    outside any negation's reach."""
    asked = _main_clause_stems(text, u, stems, stop)
    words = _lower_words(text, reply.start, reply.end)
    for k, w in enumerate(words[1:], start=1):
        if w in stop or len(w) < 3 or stems.key(w.rstrip(".")) not in asked:
            continue
        if not any(x in cues for x in words[max(0, k - 3) : k]):
            return True
    return False


def local_negation(text: str, u: Unit, m: Any, cues: frozenset[str]) -> bool:
    """Whether a negation cue governs the mention right where it stands.

    Spoken sentences run on ("no, just the swelling and the pain"), so a
    transcript negation counts only within three words before the mention
    ("I don't have a fever", "ingen feber") with no comma or "but"/"just" in
    between, or right after it ("hoster ikke").
    """
    before = text[max(u.start, m.start - 60) : m.start]
    tail = before[before.rfind(",") + 1 :] if "," in before else before
    near = [w.lower() for w in WORD.findall(tail)][-4:]
    if any(w in cues for w in near) and not any(w in LOCAL_BREAKS for w in near):
        k = max(i for i, w in enumerate(near) if w in cues)
        if not any(w in LOCAL_BREAKS for w in near[k:]):
            return True
    after = [w.lower() for w in WORD.findall(text, m.end, min(u.end, m.end + 20))][:2]
    return any(w in POST_NEGATION for w in after)


def presupposed(text: str, u: Unit, m: Any, stop: frozenset[str]) -> bool:
    """Whether a yes/no question takes a mention for given instead of asking about it.

    A reply answers what the question asks, not what it presupposes: the cough
    of "any blood when you cough?" (a subordinate clause), the rash of "is the
    rash itchy?" and the cough of "has your cough got worse?" (a given noun,
    after a determiner, with more of the question after it). A "no" to such a
    question does not deny the mention.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> q = "Any blood when you cough?"
    >>> presupposed(q, NS(start=0, end=len(q)), NS(start=19, end=24), set())
    True
    >>> presupposed(q, NS(start=0, end=len(q)), NS(start=4, end=9), set())
    False
    >>> q = "Is the rash itchy?"
    >>> presupposed(q, NS(start=0, end=len(q)), NS(start=7, end=11), {"is", "the"})
    True
    >>> q = "Do you have the rash still?"
    >>> presupposed(q, NS(start=0, end=len(q)), NS(start=16, end=20), {"still", "the"})
    False
    """
    words = [(w.start(), w.group().lower()) for w in WORD.finditer(text, u.start, u.end)]
    head = [w for a, w in words if a < m.start]
    if head:
        if head[0] in SUBORDINATORS:
            # "If you bend over, does it hurt?": the subordinate clause runs to the comma
            comma = text.find(",", u.start, u.end)
            if comma != -1 and m.start < comma:
                return True
        elif any(w in SUBORDINATORS for w in head[1:]):
            return True
    if not head or head[-1] not in DETERMINERS:
        return False
    for a, w in words:
        if a < m.end:
            continue
        if w in SUBORDINATORS:
            break
        if w not in stop and len(w) >= 3:
            return True
    return False


def is_list(text: str, mentions: list[Any]) -> bool:
    """Whether mentions of a question are items of one list ("any fever, chills or cough?")."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        between = [w.lower() for w in WORD.findall(text, a.end, b.start)]
        if b.start < a.end or not all(w in LIST_GLUE for w in between):
            return False
    return True


def keep_answered_polarity(
    units: list[Unit], text: str, stems: StemTable, stop: frozenset[str]
) -> None:
    """Keep word polarity only in answered questions, from their answer.

    Conversation is too loose for word-level scope ("nej, det er første
    gang"); only a yes/no answer to a question fixes a word's polarity:
    "Vågner du om natten?" - "Nej" says every content word of its main clause
    is negated.
    """
    for u in units:
        if u.question and u.answer is not None and u.negation is None:
            main = _main_clause_stems(text, u, stems, stop)
            answer = NEGATED if u.answer else AFFIRMED
            u.polarity = {stem: answer for stem in u.polarity if stem in main}
        else:
            u.polarity = {}


def _echoes(
    answer: list[str], question: Unit, text: str, stems: StemTable, stop: frozenset[str]
) -> bool:
    """The answer repeats a content word of the question's main clause."""
    main = _main_clause_stems(text, question, stems, stop)
    return any(
        stems.key(w.rstrip(".")) in main
        for w in answer[: CONFIG.echo_words]
        if w not in stop and len(w) >= 3
    )


def _main_clause_stems(text: str, u: Unit, stems: StemTable, stop: frozenset[str]) -> set[str]:
    """Stems of a question before its first subordinate clause.

    The answer to "Kommer der noget op, når du hoster?" is about what comes up,
    not about the cough the "når" clause takes for granted.
    """
    out: set[str] = set()
    for w in _lower_words(text, u.start, u.end):
        low = w.rstrip(".")
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
