"""A consultation as a sequence of utterances: who speaks, what is asked, what is answered.

A transcript is not a note. Most of what a clinician says about a symptom is
a question ("any fever?"), and the patient's "no" is the statement. This
module turns a transcript into :class:`Utterance` items (one per sentence of
a speaker turn) that say, for each sentence:

* who said it (``role``: clinician, patient or other, from the speaker label);
* whether it is a question, and for a yes/no question how it was answered
  (``answer``: ``"yes"``, ``"no"`` or ``None`` when the reply is open,
  mixed or missing) and where (``answered_by``);
* whether it is a clinician's restatement (``summary``: "so no fever",
  "så ingen hoste");
* whether it states nothing about this patient: conditional or advisory talk
  ("if you get a fever, call us", "hvis du får feber") or someone else's
  history ("my mother had breast cancer") (``hypothetical``, ``other_person``).

The cue words are data (``evalkit/lexicon/data/dialogue.toml``), one table per
language. The model reads structure only; what a sentence is *about* (which
medical concept) is for the caller's matcher to say.

Examples
--------
>>> c = parse_consultation("Læge: Har du haft feber?\\nPatient: Nej, ikke rigtigt.", "da")
>>> [(u.role, u.question, u.answer) for u in c.utterances]
[('clinician', True, 'no'), ('patient', False, None)]
>>> c.utterances[0].answered_by
1
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import islice
from operator import le
from typing import Any

import ahocorasick

from evalkit.text.segment import speaker_role, split_sentences, split_turns

__all__ = [
    "DialogueCues",
    "Utterance",
    "Consultation",
    "dialogue_cues",
    "parse_consultation",
    "answer_polarity",
    "is_hypothetical",
    "load_dialogue_cues",
]

_WORDS = re.compile(r"n't|[^\W_]+?(?=n't)|[^\W_]+(?:[-'’][^\W_]+)*")
_CUE_FIELDS = (
    "yes",
    "no",
    "yes_phrases",
    "no_phrases",
    "question_openers",
    "summary_openers",
    "hypothetical",
    "other_person",
)


@dataclass(frozen=True, slots=True)
class DialogueCues:
    """The cue words of one language (see ``lexicon/data/dialogue.toml``).

    Multi-word entries are stored as tuples of words.
    """

    language: str
    yes: frozenset[str]
    no: frozenset[str]
    yes_phrases: tuple[tuple[str, ...], ...]
    no_phrases: tuple[tuple[str, ...], ...]
    question_openers: tuple[tuple[str, ...], ...]
    summary_openers: tuple[tuple[str, ...], ...]
    hypothetical: tuple[tuple[str, ...], ...]
    other_person: tuple[tuple[str, ...], ...]


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower().replace("’", "'"))


def _phrases(values: Any, where: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(
            f"{where} must be a list of non-empty strings; fix the file "
            "evalkit/lexicon/data/dialogue.toml"
        )
    # longest first, so "not really" wins over "not"
    return tuple(sorted({tuple(_words(v)) for v in values}, key=lambda p: (-len(p), p)))


def load_dialogue_cues(data: dict[str, Any], language: str) -> DialogueCues:
    """Check and convert one language table of the dialogue cue file.

    Raises
    ------
    ValueError
        When the table is missing or an entry is not a list of strings, with
        the field named.

    Examples
    --------
    >>> load_dialogue_cues({"xx": {}}, "xx")
    Traceback (most recent call last):
    ...
    ValueError: dialogue cues [xx].yes must be a list of non-empty strings; fix the file ...
    """
    table = data.get(language)
    if not isinstance(table, dict):
        raise ValueError(
            f"dialogue cues have no table [{language}]; add it to "
            "evalkit/lexicon/data/dialogue.toml or pass language='da' or 'en'"
        )
    got: dict[str, Any] = {}
    for name in _CUE_FIELDS:
        phrases = _phrases(table.get(name), f"dialogue cues [{language}].{name}")
        if name in ("yes", "no"):
            got[name] = frozenset(p[0] for p in phrases if len(p) == 1)
        else:
            got[name] = phrases
    unknown = set(table) - set(_CUE_FIELDS)
    if unknown:
        raise ValueError(
            f"dialogue cues [{language}] has unknown fields {sorted(unknown)}; "
            f"the fields are {list(_CUE_FIELDS)}"
        )
    return DialogueCues(language=language, **got)


@cache
def dialogue_cues(language: str) -> DialogueCues:
    """The shipped dialogue cues of ``language`` (``"da"`` or ``"en"``), read once."""
    raw = resources.files("evalkit.lexicon").joinpath("data/dialogue.toml").read_text("utf-8")
    return load_dialogue_cues(tomllib.loads(raw), language)


@dataclass(slots=True)
class Utterance:
    """One sentence of one speaker turn.

    Attributes
    ----------
    start, end : int
        Offsets into the transcript.
    turn : int
        Index of the speaker turn (consecutive turns by one speaker count as one).
    speaker : str
        The label as written, ``""`` when unlabelled.
    role : {"clinician", "patient", "other"}
    question : bool
        Ends with ``?``, or (when unpunctuated) opens like a yes/no question.
    open_question : bool
        A question with a question word ("how long", "hvor ondt"): no yes/no
        answer resolves it.
    answer : {"yes", "no"} or None
        For a yes/no question: how the other speaker's next sentence answers it.
    answered_by : int or None
        Index of the reply (open questions too: "how high?" - "38.5").
    qualified : bool
        The reply qualifies its yes or no ("yes, but it's not barky", "nej, men
        …"): an answer, but not a plain one.
    summary : bool
        A clinician's restatement ("so no fever").
    hypothetical : bool
        Conditional, advisory or general talk: states nothing about this patient.
    other_person : bool
        About someone else ("my mother had ...").
    """

    start: int
    end: int
    turn: int
    speaker: str
    role: str
    question: bool = False
    open_question: bool = False
    answer: str | None = None
    answered_by: int | None = None
    qualified: bool = False
    summary: bool = False
    hypothetical: bool = False
    other_person: bool = False

    @property
    def statement(self) -> bool:
        """Whether the sentence asserts something about this patient."""
        return not (self.question or self.hypothetical or self.other_person)


@dataclass(slots=True)
class Consultation:
    """A parsed transcript.

    Attributes
    ----------
    text : str
    language : str
    utterances : list of Utterance
    labelled : bool
        Whether the transcript has speaker labels.
    """

    text: str
    language: str
    utterances: list[Utterance]
    labelled: bool

    def utterance_at(self, pos: int) -> int | None:
        """Index of the utterance holding offset ``pos``, or ``None``."""
        lo, hi = 0, len(self.utterances)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.utterances[mid].end <= pos:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.utterances) and self.utterances[lo].start <= pos:
            return lo
        return None


_REQUESTS = frozenset(
    {
        ("can", "you"),
        ("could", "you"),
        ("would", "you"),
        ("kan", "du"),
        ("kunne", "du"),
        ("vil", "du"),
        ("gider", "du"),
    }
)
_LEAD_FILLERS = frozenset("and so okay ok um uh well og så altså øh nå men but".split())
_WH = {
    "da": frozenset("hvad hvor hvornår hvordan hvorfor hvilken hvilket hvilke hvem hvor-".split()),
    "en": frozenset("what when where how why which who whom whose".split()),
}


_STARTS_FILLERS = frozenset(
    {"and", "og", "so", "så", "okay", "ok", "um", "uh", "øh", "altså", "well"}
)


def _starts_with(
    words: list[str], by_first: dict[str, tuple[tuple[str, ...], ...]], skip: int = 2
) -> bool:
    """Whether one of the phrases starts within the first ``skip + 1`` words.

    ``by_first`` holds the phrases by their first word (see :class:`_CuePlan`).
    """
    for offset in range(min(skip + 1, len(words))):
        if offset and words[offset - 1] not in _STARTS_FILLERS:
            break
        for p in by_first.get(words[offset], ()):
            if tuple(words[offset : offset + len(p)]) == p:
                return True
    return False


def _by_first_word(
    phrases: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``first word -> phrases starting with it``; a phrase of no words goes under every word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        if p:
            by_first.setdefault(p[0], []).append(p)
    empty = tuple(p for p in phrases if not p)
    return {w: (*ps, *empty) for w, ps in by_first.items()}


_ANY_WORD = re.compile(r"[^\W_]")


@cache
def _text_regex(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    """The phrases as whole words of lower-case text, words separated by anything."""
    return re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(r"[^\w']+".join(re.escape(w) for w in p) for p in phrases)
        + r")(?![^\W_])"
    )


def answer_polarity(text: str, cues: DialogueCues) -> str | None:
    """``"yes"``, ``"no"`` or ``None``: how a reply answers a yes/no question.

    Only the reply's opening counts: a yes or no word among its first words
    ("Nej, ikke rigtigt", "Yeah, a few times"), or a yes or no phrase at its
    start ("Not really", "Et par gange"). A reply that opens with both, or with
    neither, is ``None``: an open reply does not answer the question.

    Examples
    --------
    >>> da, en = dialogue_cues("da"), dialogue_cues("en")
    >>> answer_polarity("Nej, ikke rigtigt.", da), answer_polarity("Ja, et par gange.", da)
    ('no', 'yes')
    >>> answer_polarity("not really .", en), answer_polarity("i do n't think so", en)
    ('no', 'no')
    >>> answer_polarity("It started on Monday.", en) is None
    True
    """
    return _polarity(_words(text), _plan(cues))


def _polarity(words: list[str], plan: _CuePlan) -> str | None:
    """:func:`answer_polarity` of a reply split into words."""
    if not words:
        return None
    cues = plan.cues
    yes_len = _opening(words, plan.yes_phrases)
    no_len = _opening(words, plan.no_phrases)
    if words[0] in cues.yes:
        yes_len = max(yes_len, 1)
    if words[0] in cues.no or (len(words) > 1 and words[1] in cues.no and words[0] in cues.yes):
        # "No.", "Yeah, no, not at all": a no right after a yes word is a no
        no_len = max(no_len, 2 if words[0] in cues.yes else 1)
    if no_len == yes_len:
        return None  # neither, or an even mix ("yes and no")
    if no_len > yes_len and any(w in _PLAIN_YES for w in words[no_len : no_len + 8]):
        return None  # "No, um, well yeah it's painful": the reply takes its no back
    if yes_len > no_len and any(w in _PLAIN_NO for w in words[yes_len : yes_len + 8]):
        return None  # "Yes, I mean no": mixed
    return "no" if no_len > yes_len else "yes"


_QUALIFIERS = frozenset("but though although however except men dog bortset undtagen".split())
_PLAIN_YES = frozenset("ja jo jah yes yeah yep yup ya yea".split())
_PLAIN_NO = frozenset("nej næ næh no nope nah".split())
_CORRECTION_PHRASES = (
    ("actually",),
    ("well", "actually"),
    ("wait",),
    ("sorry",),
    ("jo",),
    ("vent",),
    ("faktisk",),
    ("undskyld",),
    ("altså", "jo"),
)
"""Openers of a reply that corrects the one before ("actually", "faktisk")."""
_CORRECTION = _by_first_word(_CORRECTION_PHRASES)
_OPENING_FILLERS = frozenset(
    {"and", "og", "well", "um", "uh", "øh", "hmm", "oh", "åh", "altså", "jamen"}
)


def _opening(words: list[str], by_first: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    """Length of the longest phrase that opens ``words`` (after fillers), else 0.

    ``by_first`` holds the phrases by their first word (see :func:`_by_first_word`).
    """
    best, offset = 0, 0
    while offset < min(3, len(words)):
        for p in by_first.get(words[offset], ()):
            if len(p) > best and tuple(words[offset : offset + len(p)]) == p:
                best = len(p)
        if words[offset] not in _OPENING_FILLERS:
            break
        offset += 1
    return best


def is_hypothetical(text: str, cues: DialogueCues) -> bool:
    """Whether a sentence is conditional, advisory or general talk.

    Examples
    --------
    >>> is_hypothetical("If you develop chest pain, call 911.", dialogue_cues("en"))
    True
    >>> is_hypothetical("Ingen brystsmerter.", dialogue_cues("da"))
    False
    """
    return _plan(cues).hypothetical.search(text.lower().replace("’", "'")) is not None


@dataclass(frozen=True, slots=True)
class _CuePlan:
    """The cue words of one :class:`DialogueCues` in the shapes the parser reads.

    Phrases by their first word (a phrase can only open at a word it starts
    with; ``summary_firsts`` are the summary openers' first words), the phrase
    regexes, and ``anchors``: an automaton of one word of
    every hypothetical and other-person phrase (its longest), which any match
    of the phrase contains. A sentence holding no anchor cannot match, so one
    pass over the whole transcript leaves few sentences to search.
    """

    cues: DialogueCues
    yes_phrases: dict[str, tuple[tuple[str, ...], ...]]
    no_phrases: dict[str, tuple[tuple[str, ...], ...]]
    question_openers: dict[str, tuple[tuple[str, ...], ...]]
    summary_openers: dict[str, tuple[tuple[str, ...], ...]]
    summary_firsts: tuple[str, ...]
    hypothetical: re.Pattern[str]
    other_person: re.Pattern[str]
    either: re.Pattern[str]
    anchors: Any


@cache
def _plan(cues: DialogueCues) -> _CuePlan:
    """The :class:`_CuePlan` of ``cues``, built once."""
    phrases = cues.hypothetical + cues.other_person
    anchors = None
    if phrases and all(phrases):
        anchors = ahocorasick.Automaton()
        for p in phrases:
            word = max(p, key=len)
            anchors.add_word(word, len(word))
        anchors.make_automaton()
    return _CuePlan(
        cues,
        _by_first_word(cues.yes_phrases),
        _by_first_word(cues.no_phrases),
        _by_first_word(cues.question_openers),
        _by_first_word(cues.summary_openers),
        tuple(_by_first_word(cues.summary_openers)),
        _text_regex(cues.hypothetical),
        _text_regex(cues.other_person),
        _text_regex(phrases),
        anchors,
    )


@cache
def _language_plan(language: str) -> _CuePlan:
    """The :class:`_CuePlan` of the shipped cues of ``language``."""
    return _plan(dialogue_cues(language))


def _lowered(text: str) -> str | None:
    """The transcript in lower case (’ as '), when a slice of it is its slice lowered.

    Lower-casing is one character for one, without context, except for a few
    characters ("İ" gives two, a final "Σ" depends on the next letter); for a
    text with those, ``None``: each sentence is lowered on its own.
    """
    low = text.lower().replace("’", "'")
    if len(low) != len(text) or "Σ" in text:
        return None
    return low


def _cue_sentences(
    low: str, sentences: Sequence[tuple[int, int, str]], plan: _CuePlan
) -> set[int] | None:
    """The sentences (by index) that may hold a hypothetical or other-person phrase.

    A superset: each still needs its regex search. ``None`` when the
    sentences are not in order without overlaps, or the cue data has a phrase
    of no words (every sentence may then match).
    """
    if plan.anchors is None:
        return None
    if not sentences:
        return set()
    starts, ends, _ = zip(*sentences, strict=True)
    if not (all(map(le, ends[:-1], starts[1:])) and all(map(le, starts, ends))):
        return None
    found: set[int] = set()
    for last, length in plan.anchors.iter(low):
        k = bisect_right(starts, last + 1 - length) - 1
        if k >= 0 and last < ends[k]:
            found.add(k)
    return found


def parse_consultation(
    text: str, language: str, sentences: Sequence[tuple[int, int, str]] | None = None
) -> Consultation:
    """Split a transcript into utterances and resolve its yes/no questions.

    Parameters
    ----------
    text : str
        The transcript, with speaker labels (``Læge:``/``Patient:``,
        ``Doctor:``/``Patient:``, ``[doctor]``/``[patient]``, ``D:``/``P:``) or
        without.
    language : {"da", "en"}
    sentences : sequence of (start, end, speaker), optional
        The transcript's sentences within speaker turns when the caller has
        them already (as :func:`evalkit.text.segment.split_turns` and
        :func:`~evalkit.text.segment.split_sentences` give them); the same
        utterances result.

    Returns
    -------
    Consultation

    Notes
    -----
    A yes/no question is answered by the first sentence of the next turn of
    another speaker (for an unlabelled transcript: the next sentence). A
    question by the patient, an open question, a choice ("A or B?") and a
    question put to several items that gets a "yes" ("any fever, chills or
    cough?" - "yes") keep ``answer=None`` for the items: the caller decides
    which item the yes is about.

    The transcript is lower-cased and scanned for hypothetical and
    other-person cues once, not sentence by sentence; each sentence is read
    from that text with offsets (the same words as its own lower-cased text).

    Examples
    --------
    >>> text = "[doctor] any chest pain ? [patient] no . [doctor] so no chest pain ."
    >>> c = parse_consultation(text, "en")
    >>> [(u.role, u.question, u.answer, u.summary) for u in c.utterances]
    [('clinician', True, 'no', False), ('patient', False, None, False),
     ('clinician', False, None, True)]
    >>> parse_consultation("Hvis du får feber, så ring.", "da").utterances[0].hypothetical
    True
    """
    plan = _language_plan(language)
    wh = _WH.get(language, frozenset())
    if sentences is None:
        sentences = [
            (t.start + x.start, t.start + x.end, t.speaker)
            for t in split_turns(text)
            for x in split_sentences(t.text)
        ]
    labelled = any(speaker for _, _, speaker in sentences)
    lowered = _lowered(text)
    cue_sentences = _cue_sentences(lowered, sentences, plan) if lowered is not None else None
    either, summary_openers = plan.either, plan.summary_openers
    utterances: list[Utterance] = []
    turn_no = -1
    last_speaker: str | None = None
    roles: dict[str, str] = {}
    for k, (start, end, speaker) in enumerate(sentences):
        if speaker != last_speaker:
            turn_no += 1
        last_speaker = speaker
        # the sentence in lower case is low[a:b]: offsets into the whole text
        # lowered once, or (see _lowered) the sentence lowered on its own
        if lowered is not None:
            low, a, b = lowered, start, end
        else:
            low = text[start:end].lower().replace("’", "'")
            a, b = 0, len(low)
        letter = _ANY_WORD.search(low, a, b)
        if letter is None:
            continue
        role = roles.get(speaker)
        if role is None:
            role = roles[speaker] = speaker_role(speaker) if speaker else "other"
        u = Utterance(start, end, turn_no, speaker, role)
        # the opening words decide most of it; a sentence is split into words
        # only as far as a rule reads it (a transcript is mostly statements)
        head: list[str] | None = None
        last = text[end - 1] if end > start else ""
        if last.isspace():
            last = text[start:end].rstrip()[-1:]  # the sentences were not trimmed
        if last == "?":
            u.question = True
        elif last not in ".!":
            head = _WORDS.findall(low, a, min(b, a + 80))
            u.question = _starts_with(head, plan.question_openers, skip=2)
        if u.question:
            # a question word leads an open question ("how long …?", "hvor
            # ondt …?"); later it starts a clause ("dizzy when you stand up?")
            lead = [
                w[0] for w in islice(_WORDS.finditer(low, a, b), 4) if w[0] not in _LEAD_FILLERS
            ]
            # "can you show me where …?" asks for an answer that is no yes or no
            request = tuple(lead[:2]) in _REQUESTS and any(
                w in wh for w in _WORDS.findall(low, a, b)
            )
            u.open_question = request or any(w in wh for w in lead[:2])
        elif role != "patient":
            # the first word starts at the first letter: most sentences start
            # with no summary opener's first word, and need no words at all
            if head is None and low.startswith(plan.summary_firsts, letter.start()):
                first = _WORDS.search(low, a, min(b, a + 80))
                if first is not None and first[0] in summary_openers:
                    head = _WORDS.findall(low, a, min(b, a + 80))
            u.summary = head is not None and _starts_with(head, summary_openers, 0)
        if cue_sentences is None or k in cue_sentences:
            sentence = low[a:b]
            if either.search(sentence) is not None:  # most sentences have neither: one search
                u.hypothetical = plan.hypothetical.search(sentence) is not None
                u.other_person = plan.other_person.search(sentence) is not None
        utterances.append(u)
    _resolve_answers(utterances, plan, labelled, text, lowered)
    return Consultation(text, language, utterances, labelled)


def _resolve_answers(
    utterances: list[Utterance], plan: _CuePlan, labelled: bool, text: str, lowered: str | None
) -> None:
    words_of: dict[int, list[str]] = {}

    def words(j: int) -> list[str]:
        # the words of utterance j, as _words(text[start:end]) gives them
        got = words_of.get(j)
        if got is None:
            v = utterances[j]
            if lowered is not None:
                got = _WORDS.findall(lowered, v.start, v.end)
            else:
                got = _words(text[v.start : v.end])
            words_of[j] = got
        return got

    n = len(utterances)
    for i, u in enumerate(utterances):
        if not u.question or u.role == "patient":
            continue
        # a question is answered by the next utterance of another speaker, and
        # only if nothing else (another question by the asker) comes between
        for j in range(i + 1, min(n, i + 4)):
            v = utterances[j]
            if labelled and v.turn == u.turn:
                if v.question:
                    break  # "any fever ? any chills ?": the reply answers the last one
                continue
            if not labelled and j != i + 1:
                break
            if not (u.open_question or u.other_person or u.hypothetical):
                # "how high?" has a reply, not a yes or a no; "any family history
                # of diabetes?" - "yes" is about someone else; "if you make sure …,
                # okay?" - "yep" agrees to advice
                u.answer = _polarity(words(j), plan)
                if u.answer is not None and (
                    _corrected(utterances, j, words)
                    or _reversed(utterances, j, words, u.answer, plan)
                ):
                    u.answer = None  # "No. Well, actually, I had a hundred and one"
                u.qualified = u.answer is not None and any(w in _QUALIFIERS for w in words(j))
            u.answered_by = j
            break


def _reversed(
    utterances: list[Utterance],
    j: int,
    words: Callable[[int], list[str]],
    answer: str,
    plan: _CuePlan,
) -> bool:
    """Whether the replier's next sentence answers the other way ("Yes, absolutely." -
    "No, not, no, nothing."): a reply that says both is no answer."""
    if j + 1 >= len(utterances) or utterances[j + 1].turn != utterances[j].turn:
        return False
    other = _polarity(words(j + 1), plan)
    return other is not None and other != answer


def _corrected(utterances: list[Utterance], j: int, words: Callable[[int], list[str]]) -> bool:
    """Whether the replier's next sentence takes the reply back ("Nej. Jo, vent, …")."""
    if j + 1 >= len(utterances) or utterances[j + 1].turn != utterances[j].turn:
        return False
    return _opening(words(j + 1), _CORRECTION) > 0
