"""The text index: units with their content keys, and the lookups over them.

Every text is indexed once (:func:`build_index`): split into units (clauses
of a note, sentences within speaker turns of a transcript), with per unit the
*content keys* (lexicon concept ids, Snowball stems of the remaining content
words, numbers), side words, intensity words and a negation cue marker, plus
postings ``key -> units``. The consultation-specific steps (turns, questions
and their answers) are in :mod:`evalkit.metrics.hallucination.transcript`.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from evalkit.lexicon.cues import CUE_LANGUAGES, language_cues
from evalkit.metrics.hallucination.cache import IndexCache, StemTable
from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.transcript import (
    is_list,
    keep_answered_polarity,
    local_negation,
    presupposed,
    resolve_dialogue,
    scale_replies,
    turn_sentence_spans,
)
from evalkit.metrics.hallucination.words import (
    ADJACENT_CUES,
    AFFIRMED,
    AMBIGUOUS_SIDES,
    BUT_WORDS,
    COPULAS,
    DOSE_WORDS,
    EITHER,
    EXISTENCE,
    INTENSITY,
    INTENSITY_NOT_BEFORE,
    LIST_WORDS,
    NEGATED,
    NEGATION_CUES,
    NO_REMARKS,
    NONEXISTENCE,
    NORMAL_CUES,
    NOT_DRUG_ENDINGS,
    POST_NEGATION,
    PRE_CUE_PHRASES,
    QUALITY,
    SIDE_NOUNS,
    SIDE_PREPOSITIONS,
    SIDES,
    STATE_WORDS,
    STOPWORDS,
    WORD,
)
from evalkit.schema import check_language
from evalkit.text.numbers import NumberMention, duration_days, find_numbers, values_match
from evalkit.text.segment import CLAUSE_END, Span, clauses_of, split_sentences

__all__ = ["SPOKEN_POLAR_CATEGORIES", "TextIndex", "Unit", "build_index"]

SPOKEN_POLAR_CATEGORIES = frozenset({"symptom", "finding", "diagnosis"})
"""Categories whose polarity a transcript states (talk about drugs is too loose)."""


@dataclass(slots=True)
class Unit:
    """One clause (note) or sentence (transcript) with what the checks compare.

    Attributes
    ----------
    start, end : int
        Offsets into the indexed text.
    keys : set of str
        Content keys: ``c:<concept_id>``, ``w:<stem>``, ``n:<value>``.
    sides : dict
        ``{"R"|"L"|"B": (start, end)}`` of side words.
    grades : dict
        ``{1|2|3: (start, end)}`` of intensity words (mild, moderate, severe).
    quality : dict
        ``{1|-1: (start, end)}`` of evaluative words (godt/dårligt, well/poorly,
        better/worse).
    negation : tuple or None
        ``(start, end)`` of the first negation cue.
    question : bool
        The unit ends with ``?``.
    wh : bool
        A transcript question with a question word (what, how, hvor …) in it.
    answer : bool or None
        For a question: True if the next turn by another speaker has no/nej or
        a negation among its first words, False if it starts with yes/ja or
        repeats a content word of the question ("Vågner du om natten?" -
        "Jeg vågner tit"), else None.
    mentions : list
        Lexicon mentions inside the unit.
    numbers : list of NumberMention
    heading : bool
        The unit is a section heading.
    section : str
        The last heading before the unit, lower case (``"vurdering"``, ``"a"``).
    speaker : str
        Speaker label of the turn (transcripts).
    stems : set of str
        ``s:<stem>`` of every content word, inside lexicon mentions too; used
        to find related units and as lexical support when concepts differ
        (``knee pain`` against "pain in my knee").
    polarity : dict
        ``s:<stem> -> frozenset({negated, ...})`` (one of the shared
        :data:`~evalkit.metrics.hallucination.words.NEGATED`, ``AFFIRMED`` and
        ``EITHER``, never changed in place): whether each content word stands in
        the scope of a negation cue (up to ``CONFIG.negation_window`` content words
        after it, or right before Danish "ikke": "hoster ikke"). Empty for
        transcripts: talk is too loose for word-level scope.
    concept_polarity : dict
        ``concept_id -> frozenset({negated, ...})`` (shared, as ``polarity``)
        of the lexicon mentions in the unit; for a transcript question, the
        polarity of its yes/no answer.
    role : str
        Transcripts: ``clinician``, ``patient`` or ``other`` (unlabelled).
    statement : bool
        Transcripts: the sentence asserts something about this patient (not a
        question, not conditional or advisory talk, not about someone else;
        see :mod:`evalkit.text.consultation`).
    summary : bool
        Transcripts: a clinician's restatement ("so no fever").
    answered_by : int or None
        Transcripts: the unit holding the reply to this question.
    echo : bool
        Transcripts: the answer comes from a reply that repeats the question's
        words, not from a yes or no word.
    qualified : bool
        Transcripts: the reply qualifies its yes or no ("yes, but …").
    choice : bool
        Transcripts: the question offers alternatives ("A, or B?"), so a
        "yes" does not say which.
    existence : bool
        Notes: the unit has a presence phrase that only says a finding is there
        ("present", "til stede", "intact"; the cue files' ``existence``).
    nonexistence : bool
        Notes: the unit has an absence phrase that only says a finding is not
        there ("absent", "fraværende"; the cue files' ``nonexistence``).
    """

    start: int
    end: int
    keys: set[str] = field(default_factory=set)
    sides: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    grades: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    quality: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    negation: tuple[int, int] | None = None
    question: bool = False
    wh: bool = False
    answer: bool | None = None
    mentions: list[Any] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    heading: bool = False
    section: str = ""
    speaker: str = ""
    stems: set[str] = field(default_factory=set)
    polarity: dict[str, frozenset[bool]] = field(default_factory=dict)
    concept_polarity: dict[str, frozenset[bool]] = field(default_factory=dict)
    role: str = ""
    statement: bool = True
    summary: bool = False
    answered_by: int | None = None
    echo: bool = False
    qualified: bool = False
    choice: bool = False
    existence: bool = False
    nonexistence: bool = False


_new_object = object.__new__
_NO_MARKS: Mapping[Any, tuple[int, int]] = MappingProxyType({})


def _blank_unit(start: int, end: int, speaker: str = "") -> Unit:
    """``Unit(start, end, speaker=speaker)``, field by field: the same object at less cost.

    A transcript has hundreds of units; the dataclass's ``__init__`` fills
    its twenty-six parameters' defaults one by one. A test checks that both
    give equal units (so a new field must be set here too). The side, grade
    and evaluation marks start as one shared read-only empty mapping.
    """
    u = _new_object(Unit)
    u.start, u.end, u.speaker = start, end, speaker
    u.keys, u.stems, u.mentions, u.numbers = set(), set(), [], []
    # few units have a side, grade or evaluative word: they share one read-only
    # empty mapping until _mark_word_class gives them a dict of their own
    u.sides = u.grades = u.quality = _NO_MARKS
    u.polarity, u.concept_polarity = {}, {}
    u.negation, u.answer, u.answered_by = None, None, None
    u.question = u.wh = u.heading = u.summary = u.echo = u.qualified = False
    u.choice = u.existence = u.nonexistence = False
    u.statement = True
    u.section = u.role = ""
    return u


@dataclass(slots=True)
class TextIndex:
    """A text split into :class:`Unit` items and indexed for lookups.

    Attributes
    ----------
    text : str
    units : list of Unit
    postings : dict
        ``key -> [unit index, ...]``.
    concepts : dict
        ``concept_id -> set of polarities`` (True = negated) seen as
        statements; questions count through their answer.
    present : set
        Concept ids mentioned at all (questions included).
    numbers : dict
        ``rounded value -> [NumberMention, ...]``.
    asked : dict
        ``concept_id -> [unit index, ...]`` of yes/no questions about the
        concept that got an answer (transcripts).
    cache : dict
        Lookups the checks build once per index.
    stem_table : StemTable, optional
        The stems of the index's language, for :meth:`supports_words`.
    statements : dict
        Transcripts: ``concept_id -> [(unit, negated, role, kind), ...]`` in
        talk order (``kind``: ``answer``, ``echo``, ``qualified`` or ``said``): what the
        consultation says about each concept, a statement about this patient
        or a yes/no question with the reply's polarity and the replier's role
        (``summary`` for a clinician's restatement). See
        :func:`~evalkit.metrics.hallucination.grounding.transcript_verdict`.
    any_of : list of (unit, frozenset of concept_id)
        Transcripts: lists asked about that got a plain yes ("any numbness or
        tingling?" - "yes, in my toes"): at least one item is present.
    """

    text: str
    units: list[Unit]
    postings: dict[str, list[int]]
    concepts: dict[str, set[bool]]
    present: set[str]
    numbers: dict[float, list[NumberMention]]
    asked: dict[str, list[int]] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    stem_table: StemTable | None = field(default=None, repr=False, compare=False)
    statements: dict[str, list[tuple[int, bool, str, str]]] = field(default_factory=dict)
    any_of: list[tuple[int, frozenset[str]]] = field(default_factory=list)

    def related(self, keys: set[str], *, k: int = 2, min_shared: int = 1) -> list[tuple[int, int]]:
        """Up to ``k`` units sharing the most keys with ``keys``: ``[(unit, shared)]``.

        Ties go to the earlier unit.

        Examples
        --------
        >>> ix = build_index("Feber og hoste. Hoste. Feber og hoste i går.", "da")
        >>> ix.related({"w:feb", "w:host"}, k=3)
        [(0, 2), (2, 2), (1, 1)]
        """
        counts: Counter[int] = Counter()
        postings = self.postings
        for key in keys:
            found = postings.get(key)
            if found:
                counts.update(found)  # counted in C
        # by unit, then (stable) by count, most first: the order of (-count, unit)
        best = sorted(counts.items())
        best.sort(key=itemgetter(1), reverse=True)
        return [(u, c) for u, c in best[:k] if c >= min_shared]

    def supports_words(self, text: str, language: str) -> bool:
        """Whether every content word of ``text`` occurs (stemmed) somewhere in the text."""
        table = self.stem_table
        if table is None or table.language != language:
            table = StemTable(language)
        stems = _content_stems(text, language, table)
        return bool(stems) and all(s in self.postings for s in stems)

    def supports_number(self, mention: NumberMention) -> bool:
        """Whether the text states the same quantity somewhere."""
        return any(values_match(mention, x) for x in self.numbers.get(_num_key(mention.value), ()))

    def unit_words(self) -> list[list[str]] | None:
        """Each unit's words in lower case, as ``WORD.findall(text, start, end)`` gives them.

        Read from the words of the whole text that the index kept, when every
        word that starts inside a unit ends inside it and none runs into one
        from before: a word search started at the unit's start then meets the
        same words (a word starts at a letter, and no word is cut). ``None``
        when the words were not kept (left-out sentences) or one crosses a
        unit's bounds; the caller then reads the units' text.

        Examples
        --------
        >>> build_index("Ingen feber. Hoste i 3 dage.", "da").unit_words()
        [['ingen', 'feber'], ['hoste', 'i', 'dage']]
        """
        kept = self.cache.get("words")
        if kept is None:
            return None
        words, lowered = kept
        out: list[list[str]] = []
        k, n = 0, len(words)
        for u in self.units:
            while k < n and words[k].start() < u.start:
                if words[k].end() > u.start:
                    return None  # a word runs into the unit
                k += 1
            mine: list[str] = []
            while k < n and words[k].start() < u.end:
                if words[k].end() > u.end:
                    return None  # a word runs out of it
                mine.append(lowered[k])
                k += 1
            out.append(mine)
        return out


def _content_stems(text: str, language: str, stems: StemTable) -> set[str]:
    stop = STOPWORDS[check_language(language, what="_content_stems(language)")]
    return {
        stems.key(w)
        for w in (x.lower().rstrip(".") for x in WORD.findall(text))
        if w not in stop and len(w) >= 2
    }


def _num_key(value: float) -> float:
    return round(value, 3)


def _canonical_number_key(m: NumberMention) -> str:
    days = duration_days(m)
    if days is not None:
        return f"n:{days:g}d"  # "2 uger" is "14 dage"
    value = m.value * 1000 if m.unit == "g" else m.value
    return f"n:{_num_key(value):g}"


def _is_heading(text: str) -> bool:
    if not text.isupper() and not text.rstrip().endswith(":"):
        return False  # cheap exit for most clauses: neither capitals nor a colon
    if text.count(" ") > 40:
        return False  # cheap exit for long clauses
    body = text.rstrip(": \t")
    words = body.split()
    if not words or len(words) > 6:
        return False
    if text.rstrip().endswith(":"):
        return True
    if not body.isupper() or any(c.isdigit() for c in body):
        return False  # "SAT 91 %." is a value, not an all-capitals heading
    return sum(c.isalpha() for c in body) > 2


def build_index(
    text: str,
    language: str,
    matcher: Any = None,
    *,
    transcript: bool = False,
    leave_out: Collection[str] = (),
    sentences: list[Span] | None = None,
    cache: IndexCache | None = None,
    mentions: Sequence[Any] | None = None,
) -> TextIndex:
    """Index a note (clause units) or a transcript (sentence units within turns).

    The steps, each a function of its own: split the text into units
    (:func:`_split_units`), find lexicon mentions and numbers
    (:func:`_find_items`) and put them in their units (:func:`_attach_items`),
    mark headings and sections (:func:`_mark_sections`); for a transcript,
    resolve the yes/no answers to questions
    (:mod:`evalkit.metrics.hallucination.transcript`); mark the words: side,
    intensity and evaluative words, stems and the scope of negation cues
    (:func:`_mark_words`); then build the lookups (:func:`_postings`,
    :func:`_concept_polarities`).

    Parameters
    ----------
    text : str
        Normalised text.
    language : {"da", "en"}
    matcher : object with ``find(text)``, optional
        A lexicon matcher returning mentions with ``start, end, concept_id,
        category, negated``; without one only words and numbers are indexed.
    transcript : bool
        Split at speaker turns and resolve yes/no answers to questions.
    leave_out : collection of str
        Sentences (note only) to leave out of the units: the draft's sentences
        that the final note has word for word, when no transcript needs them.
        Their headings still start sections, and their lexicon mentions still
        count in ``present``.
    sentences : list of Span, optional
        ``split_sentences(text)`` when the caller already has it (note only).
    cache : IndexCache, optional
        Where the stems of the words met are kept; default a new one.
    mentions : sequence of Mention, optional
        ``matcher.find(text)`` when the caller already has it (the terms
        family's, through ``previous``); default: the matcher is run.

    Examples
    --------
    >>> ix = build_index("Ingen feber. Temp 38,5.", "da")
    >>> [sorted(u.keys) for u in ix.units]
    [['w:feb'], ['n:38.5', 'w:temp']]
    >>> ix.units[0].negation
    (0, 5)
    """
    units, sentences, todo, outside_headings = _split_units(
        text, transcript=transcript, leave_out=leave_out, sentences=sentences
    )
    if language == "en" and " n't" in text:
        # tokenised transcripts write "do n't"; "don't " has the same length, so
        # offsets stay valid and the matcher sees its negation cue
        text = text.replace(" n't", "n't ")
        mentions = None  # found in the text before the rewrite
    stop = STOPWORDS[check_language(language, what="build_index(language)")]
    stems = (cache if cache is not None else IndexCache()).stems(language)
    mentions, numbers = _find_items(text, language, matcher, sentences, todo, stop, mentions)
    covered = _attach_items(units, mentions, numbers)
    _mark_sections(units, text, transcript=transcript, outside_headings=outside_headings)
    if transcript:
        # before the words: only the answered questions keep a word polarity
        resolve_dialogue(units, text, language, stems, stop)
    words = _words_of(text, todo)
    lowered = _mark_words(
        units,
        words,
        text,
        language,
        stop,
        stems,
        numbers,
        covered,
        transcript=transcript,
    )
    if transcript:
        keep_answered_polarity(units, text, stems, stop)
        numbers = scale_replies(units, numbers, text)
    concepts, present, asked, statements = _concept_polarities(
        units, text, _negation_cues(language), stop, transcript=transcript
    )
    if todo is not None:
        present.update(m.concept_id for m in mentions)
    by_value = _numbers_by_value(numbers)
    index = TextIndex(
        text,
        units,
        _postings(units),
        concepts,
        present,
        by_value,
        asked,
        stem_table=stems,
        statements=statements,
        any_of=_yes_to_lists(units, text) if transcript else [],
    )
    if todo is None:
        # the words of the whole text and their lower case: the support check's
        # reference reads each unit's words from them (see TextIndex.unit_words)
        index.cache["words"] = (words, lowered)
    if todo is None and not transcript:
        # every number of the whole text, as find_numbers gives it: the scale
        # check's grade finder reads them instead of tokenising the text again
        index.cache["numbers:all"] = (language if language in ("da", "en") else None, numbers)
        # and its sentences, as split_sentences gives them (the checks' draft state reads them)
        index.cache["sentences"] = sentences
    elif not transcript:
        # the numbers that touch the indexed sentences, as find_numbers gives them in
        # the whole text: enough for the grades that start in the units
        index.cache["numbers:units"] = (language if language in ("da", "en") else None, numbers)
    return index


def _split_units(
    text: str,
    *,
    transcript: bool,
    leave_out: Collection[str],
    sentences: list[Span] | None,
) -> tuple[list[Unit], list[Span] | None, list[Span] | None, list[tuple[int, str]]]:
    """The units of a text, before anything is marked in them.

    Returns ``(units, sentences, todo, outside_headings)``: ``todo`` is the
    sentences indexed when some are left out (else ``None``), and
    ``outside_headings`` the ``(start, section name)`` of headings in the
    left-out sentences, which still start sections.
    """
    outside_headings: list[tuple[int, str]] = []
    todo: list[Span] | None = None
    if transcript:
        units = [_blank_unit(s, e, spk) for s, e, spk in turn_sentence_spans(text)]
        return units, sentences, todo, outside_headings
    if sentences is None:
        sentences = split_sentences(text)
    if leave_out:
        left = [s.text in leave_out for s in sentences]
        todo = [s for s, out in zip(sentences, left, strict=True) if not out]
        if len(todo) < len(sentences):
            outside_headings = _gap_headings(text, sentences, left)
    indexed = sentences if todo is None else todo
    units = [_blank_unit(c.start, c.end) for c in clauses_of(text, indexed)]
    return units, sentences, todo, outside_headings


def _gap_headings(text: str, sentences: list[Span], left: list[bool]) -> list[tuple[int, str]]:
    """``(start, section name)`` of the last heading in each run of left-out sentences.

    ``left[i]`` tells whether sentence ``i`` is left out. A unit's section is
    the last heading before it, so of the headings between two indexed units
    only the last one counts, and those after the last indexed sentence none:
    each run before an indexed sentence is read backwards, sentence by
    sentence, until a heading is found.

    Examples
    --------
    >>> from evalkit.text.segment import split_sentences
    >>> text = "S: ondt.\\nVURDERING\\nPLAN\\nPamol.\\nKONTROL"
    >>> sentences = split_sentences(text)
    >>> _gap_headings(text, sentences, [True, True, True, False, True])
    [(19, 'plan')]
    """
    out: list[tuple[int, str]] = []
    for k in range(1, len(sentences)):
        if left[k] or not left[k - 1]:
            continue  # not an indexed sentence right after a left-out one
        j = k - 1
        while j >= 0 and left[j]:
            heads = [c for c in clauses_of(text, sentences[j : j + 1]) if _is_heading(c.text)]
            if heads:
                c = heads[-1]
                out.append((c.start, c.text.strip().rstrip(":. ").lower()))
                break
            j -= 1
    return out


def _find_items(
    text: str,
    language: str,
    matcher: Any,
    sentences: list[Span] | None,
    todo: list[Span] | None,
    stop: frozenset[str],
    found: Sequence[Any] | None = None,
) -> tuple[list[Any], list[NumberMention]]:
    """Lexicon mentions (drugs named only by their dose included) and numbers, by start."""
    if found is None and matcher is not None:
        found = matcher.find(text)
    mentions = sorted(found, key=lambda m: m.start) if matcher is not None and found else []
    number_language = language if language in ("da", "en") else None
    if todo is None or sentences is None:  # todo comes with its sentences
        numbers = find_numbers(text, language=number_language)
    else:
        numbers = _numbers_around(text, sentences, todo, number_language)
    if matcher is not None:
        unnamed = _dose_named_drugs(text, numbers, mentions, stop)
        if unnamed:
            mentions = sorted(mentions + unnamed, key=lambda m: m.start)
    return mentions, numbers


def _attach_items(
    units: list[Unit], mentions: list[Any], numbers: list[NumberMention]
) -> list[tuple[int, int]]:
    """Put each mention and number in the unit it starts in, with its key.

    Returns the sorted spans of all mentions and numbers: words inside them
    are not word keys of their own.
    """
    starts = [u.start for u in units]
    ends = [u.end for u in units]
    # the unit an item starts in: the last one starting at or before it, if it reaches it
    covered: list[tuple[int, int]] = []
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and starts[i] <= m.start < ends[i]:
            u = units[i]
            u.mentions.append(m)
            u.keys.add(f"c:{m.concept_id}")
            for part in m.parts:
                # "Abdomen soft" holds the abdomen: "Abdomen is soft" shares it
                u.keys.add(f"c:{part}")
        covered.append((m.start, m.end))
    for n in numbers:
        i = bisect_right(starts, n.start) - 1
        if i >= 0 and starts[i] <= n.start < ends[i]:
            u = units[i]
            u.numbers.append(n)
            u.keys.add(_canonical_number_key(n))
        covered.append((n.start, n.end))
    covered.sort()
    return covered


def _mark_sections(
    units: list[Unit], text: str, *, transcript: bool, outside_headings: list[tuple[int, str]]
) -> None:
    """Mark questions and headings, and give each unit the section it is in."""
    section = ""
    hi, n_outside = 0, len(outside_headings)
    for u in units:
        while hi < n_outside and outside_headings[hi][0] < u.start:
            section = outside_headings[hi][1]  # a heading in a left-out sentence
            hi += 1
        said = text[u.start : u.end]
        tail = said.rstrip()
        u.question = tail.endswith("?")
        # _is_heading's own first test, here: most clauses have neither capitals nor a colon
        u.heading = not transcript and (said.isupper() or tail.endswith(":")) and _is_heading(said)
        if u.heading:
            section = said.strip().rstrip(":. ").lower()
        u.section = section


def _words_of(text: str, todo: list[Span] | None) -> list[re.Match[str]]:
    """The words the units are marked from.

    With left-out sentences, the words of the sentences indexed, each run led
    by the word before it (which belongs to no unit here, but rules read the
    previous word).
    """
    if todo is None:
        return list(WORD.finditer(text))
    words: list[re.Match[str]] = []
    for sent in todo:
        before = list(WORD.finditer(text, max(0, sent.start - 80), sent.start))
        if before and (not words or words[-1].start() < before[-1].start()):
            words.append(before[-1])
        words += WORD.finditer(text, sent.start, sent.end)
    return words


def _negation_cues(language: str) -> frozenset[str]:
    """Cues of the language and of the other one (notes mix them); English only otherwise."""
    return (
        NEGATION_CUES.get(language, frozenset()) | NEGATION_CUES["da" if language == "en" else "en"]
    )


def _mark_words(
    units: list[Unit],
    words: list[re.Match[str]],
    text: str,
    language: str,
    stop: frozenset[str],
    stems: StemTable,
    numbers: list[NumberMention],
    covered: list[tuple[int, int]],
    *,
    transcript: bool = False,
) -> list[str]:
    """Mark each unit's words: word classes, stems and word keys, negation scope; the
    words in lower case.

    One pass over the words, since a word's polarity depends on the cues
    before it in its unit. Side, intensity and evaluative words go to
    :func:`_mark_word_class`, negation and "normal" cues open a scope
    (:func:`_open_negation_scope`); every other content word adds its stem
    (and, outside mentions and numbers, its word key) and its polarity: in
    scope while the scope lasts, which a list or a multi-word item extends
    and "but" ends. In a transcript only the answered questions keep a word
    polarity (:func:`~evalkit.metrics.hallucination.transcript.keep_answered_polarity`),
    so the other units record none (their scope is followed all the same).
    """
    cues = _negation_cues(language)
    own_cues = NEGATION_CUES.get(language, frozenset())
    list_scope = CONFIG.list_scope
    phrase_end = -1
    # after a predicate about the whole subject ("Clonus absent", "Reflekser til
    # stede") the rest of the clause says where, not what: no polarity of its own
    predicate = False
    scope_unit: Unit | None = None
    scope_left, last_stem, last_wi = 0, None, -9
    last_in_scope = False
    keep_polarity = follow_scope = True
    unit_stems: list[str] = []
    ci = 0
    number_spans = [(n.start, n.end) for n in numbers]
    ni = 0
    lowered = list(map(str.lower, map(re.Match.group, words)))
    # presence phrases ("til stede", "not detected"): their words carry the
    # finding's polarity, not content of their own, and an absence phrase
    # after its subject denies it ("Blod ikke påvist", "Reflexes absent bilaterally")
    phrases = _presence_phrases(text, language, words, lowered)
    # a transcript keeps word polarity only in answered questions; elsewhere the
    # scope of a cue changes nothing but what "uden anmærkninger" reads, so it is
    # followed only in the units that keep polarity or have those words
    reads_scope = _remark_units(units, words, lowered) if transcript else set()
    n_units, n_spans, n_covered = len(units), len(number_spans), len(covered)
    ui_next = 0
    # the unit words are looked up in (units[ui_next]) and its bounds; an end
    # of -1 makes the first word look for its unit
    u, u_start, u_end = None, 0, -1
    special = _SPECIAL.get(language) or _special_words(cues)
    # stop words and intensity words carry no content key (one set lookup per word)
    no_content = _NO_CONTENT.get(language) if stop is STOPWORDS.get(language) else None
    if no_content is None:
        no_content = stop | INTENSITY.keys()
    stem_keys_get = stems.keys.get
    stem_key = stems.key
    word_keys = stems.word_keys
    word_keys_get = word_keys.get
    previous_words = ["", *lowered[:-1]] if lowered else []
    # the current unit's sets and polarity, bound once per unit
    no_set: set[str] = set()
    stems_add, keys_add = no_set.add, no_set.add
    unit_polarity: dict[str, frozenset[bool]] = {}
    # the words up to skip_to were marked by _mark_plain_unit
    skip_to = 0
    for wi, (w, low, prev_word) in enumerate(zip(words, lowered, previous_words, strict=True)):
        if wi < skip_to:
            continue
        pos = w.start()
        if pos >= u_end:
            while ui_next < n_units and units[ui_next].end <= pos:
                ui_next += 1
            if ui_next == n_units:
                break  # no unit holds this word or any later one
            u = units[ui_next]
            u_start, u_end = u.start, u.end
        if u_start > pos:
            continue
        if u is None:
            break  # never: the first word finds its unit or ends the loop
        bare = low.rstrip(".")
        if u is not scope_unit:
            scope_unit, scope_left, last_stem, last_wi = u, 0, None, -9
            last_in_scope = False
            unit_stems = []
            predicate = False
            keep_polarity = not transcript or (u.question and u.answer is not None)
            follow_scope = keep_polarity or ui_next in reads_scope
            stems_add, keys_add, unit_polarity = u.stems.add, u.keys.add, u.polarity
            if not follow_scope:
                # most of a transcript: no polarity and no scope that anything reads
                skip_to, phrase_end, ci = _mark_plain_unit(
                    u, wi, words, lowered, text, language, phrases, phrase_end, ci, covered,
                    special, cues, own_cues, no_content, stop, stems,
                )  # fmt: skip
                continue
        if predicate and wi > 0 and "," in text[words[wi - 1].end() : pos]:
            predicate = False  # a list goes on: "pulses present, no bruit"
        absence_end = None
        phrase = phrases.get(pos) if phrases else None
        if phrase is not None:
            phrase_end = phrase[0]
            absence_end = _mark_phrase(u, text, pos, phrase)
            if absence_end is None and (
                unit_stems
                and (
                    prev_word in COPULAS
                    or (wi - last_wi == 1 and not text[words[last_wi].end() : pos].strip())
                )
            ):
                predicate = True  # "Clonus present at both ankles"
        if bare in special or low in cues or absence_end is not None:
            # the few words with a role of their own; most words skip to the stems
            if bare in NO_REMARKS and prev_word == "uden" and scope_left > 0:
                # "Hjerte uden anmærkninger" = "Hjerte u.a.": a normal finding
                for stem in unit_stems:
                    u.polarity[stem] = NEGATED
                scope_left = 0
                continue
            if bare in ADJACENT_CUES and bare not in cues:
                # "non-tender": the next word only, never the subject before it
                scope_left = 1
                continue
            if absence_end is None and _in_pseudo(language, lowered, wi):
                pass  # "kan ikke udelukkes": looks like a negation, is none
            elif (
                bare in cues
                or low in cues
                or bare in NORMAL_CUES
                or bare in STATE_WORDS
                or absence_end is not None
            ):
                scope_left, predicate = _open_negation_scope(
                    u,
                    words,
                    wi,
                    bare,
                    prev_word,
                    text,
                    scope_left,
                    last_stem,
                    last_wi,
                    unit_stems,
                    stop,
                    absence_end=absence_end,
                )
                continue
            if _mark_word_class(u, words, lowered, wi, bare, own_cues, stop):
                continue
            if bare in BUT_WORDS:
                scope_left, last_in_scope = 0, False  # "ingen feber, men hoste"
                predicate = False
        if bare in no_content or len(bare) < 2:
            continue
        skey = stem_keys_get(bare)
        if skey is None:
            skey = stem_key(bare)
        stems_add(skey)
        while ni < n_spans and number_spans[ni][1] <= pos:
            ni += 1
        if not follow_scope:
            pass  # transcript talk: no polarity, and no scope that anything reads
        elif pos < phrase_end or predicate:
            pass  # a presence word ("påvist", "stede") has no polarity of its own
        elif not (ni < n_spans and number_spans[ni][0] <= pos):
            # units of numbers ("i 3 dage") say nothing about polarity
            if (
                last_in_scope
                and wi - last_wi == 2
                and last_wi >= 0
                and text[words[last_wi].end() : pos].replace(" ", "").isalpha()
            ):
                # the same item goes on over one small word: "shortness of breath"
                scope_left = max(scope_left, 1)
            elif (
                scope_left == 0
                and last_in_scope
                and ("," in text[words[wi - 1].end() : pos] or prev_word in LIST_WORDS)
            ):
                # a list goes on: "denies chest pain, fever, chills, or abdominal pain"
                scope_left = list_scope
            if scope_left > 0:
                in_scope, scope_left = True, scope_left - 1
            else:
                in_scope, scope_left = False, 0
            last_in_scope = in_scope
            if keep_polarity:
                # the polarities seen: one of three shared frozensets, not a set per word
                seen = unit_polarity.get(skey)
                if seen is None:
                    unit_polarity[skey] = NEGATED if in_scope else AFFIRMED
                elif in_scope not in seen:
                    unit_polarity[skey] = EITHER
            last_stem, last_wi = skey, wi
            unit_stems.append(last_stem)
        while ci < n_covered and covered[ci][1] <= pos:
            ci += 1
        if ci < n_covered and covered[ci][0] <= pos < covered[ci][1]:
            continue
        wkey = word_keys_get(skey)
        if wkey is None:
            wkey = word_keys[skey] = "w" + skey[1:]
        keys_add(wkey)
    return lowered


def _mark_phrase(u: Unit, text: str, pos: int, phrase: tuple[int, str]) -> int | None:
    """Mark a presence phrase that starts at ``pos`` on its unit; its end if it states absence.

    "til stede" / "present" and their opposites say that something exists or
    not (``u.existence``, ``u.nonexistence``); an absence phrase ("ikke til
    stede") opens a negation scope, so its end is returned.
    """
    said = " ".join(text[pos : phrase[0]].lower().split())
    if said in EXISTENCE:
        u.existence = True
    elif said in NONEXISTENCE:
        u.nonexistence = True
    return phrase[0] if phrase[1] == "absent" else None


def _mark_plain_unit(
    u: Unit,
    wi: int,
    words: list[re.Match[str]],
    lowered: list[str],
    text: str,
    language: str,
    phrases: dict[int, tuple[int, str]],
    phrase_end: int,
    ci: int,
    covered: list[tuple[int, int]],
    special: frozenset[str],
    cues: frozenset[str],
    own_cues: frozenset[str],
    no_content: frozenset[str],
    stop: frozenset[str],
    stems: StemTable,
) -> tuple[int, int, int]:
    """:func:`_mark_words` for a transcript unit that keeps no polarity, from word ``wi`` on.

    Such a unit's word polarity is dropped afterwards
    (:func:`~evalkit.metrics.hallucination.transcript.keep_answered_polarity`),
    so the loop's polarity steps are left out: no stem is ever in scope, the
    scope is never counted down, and the last stem, the predicate and the
    number spans are not followed. The rest is the loop's, in its order (the
    presence phrases, the cues, side, intensity and evaluative words, stems
    and word keys). A test checks that a transcript's index is the same with
    every unit marked by the loop.

    Returns the index of the first word past the unit, and the loop's
    ``phrase_end`` and position in ``covered`` after it.
    """
    u_end = u.end
    scope_left = 0  # never counted down: no word is in scope here
    n_words, n_covered = len(words), len(covered)
    stems_add, keys_add = u.stems.add, u.keys.add
    stem_keys_get = stems.keys.get
    word_keys = stems.word_keys
    word_keys_get = word_keys.get
    while wi < n_words:
        w = words[wi]
        pos = w.start()
        if pos >= u_end:
            break
        low = lowered[wi]
        bare = low.rstrip(".")
        absence_end = None
        phrase = phrases.get(pos) if phrases else None
        if phrase is not None:
            phrase_end = phrase[0]
            absence_end = _mark_phrase(u, text, pos, phrase)
        if bare in special or low in cues or absence_end is not None:
            # the same steps as in _mark_words, with no stem ever in scope
            prev_word = lowered[wi - 1] if wi > 0 else ""
            if bare in NO_REMARKS and prev_word == "uden" and scope_left > 0:
                scope_left = 0  # (its subject's polarity: no stem is recorded here)
                wi += 1
                continue
            if bare in ADJACENT_CUES and bare not in cues:
                scope_left = 1
                wi += 1
                continue
            if absence_end is None and _in_pseudo(language, lowered, wi):
                pass  # "kan ikke udelukkes": looks like a negation, is none
            elif (
                bare in cues
                or low in cues
                or bare in NORMAL_CUES
                or bare in STATE_WORDS
                or absence_end is not None
            ):
                scope_left = _open_negation_scope(
                    u, words, wi, bare, prev_word, text, scope_left, None, -9, [], stop,
                    absence_end=absence_end,
                )[0]  # fmt: skip
                wi += 1
                continue
            if _mark_word_class(u, words, lowered, wi, bare, own_cues, stop):
                wi += 1
                continue
            if bare in BUT_WORDS:
                scope_left = 0
        if bare in no_content or len(bare) < 2:
            wi += 1
            continue
        skey = stem_keys_get(bare)
        if skey is None:
            skey = stems.key(bare)
        stems_add(skey)
        while ci < n_covered and covered[ci][1] <= pos:
            ci += 1
        if not (ci < n_covered and covered[ci][0] <= pos < covered[ci][1]):
            wkey = word_keys_get(skey)
            if wkey is None:
                wkey = word_keys[skey] = "w" + skey[1:]
            keys_add(wkey)
        wi += 1
    return wi, phrase_end, ci


def _remark_units(units: list[Unit], words: list[re.Match[str]], lowered: list[str]) -> set[int]:
    """The units (by index) that may hold "uden" and a no-remarks word after it.

    Whether "uden anmærkninger" marks a normal finding depends on the scope
    :func:`_mark_words` follows; it is the one rule outside word polarity
    that reads the scope.
    """
    starts = [u.start for u in units]
    out: set[int] = set()
    at = 0
    while True:
        try:
            at = lowered.index("uden", at) + 1
        except ValueError:
            return out
        if at < len(lowered) and lowered[at].rstrip(".") in NO_REMARKS:
            out.add(bisect_right(starts, words[at].start()) - 1)


def _open_negation_scope(
    u: Unit,
    words: list[re.Match[str]],
    wi: int,
    bare: str,
    prev_word: str,
    text: str,
    scope_left: int,
    last_stem: str | None,
    last_wi: int,
    unit_stems: list[str],
    stop: frozenset[str],
    *,
    absence_end: int | None = None,
) -> tuple[int, bool]:
    """Apply the negation or "normal" cue ``words[wi]``.

    Returns the content words left in its scope, and whether the cue was a
    predicate about the whole subject (the rest of the clause then has no
    polarity of its own: "Clonus absent *at both ankles*").

    A cue after its subject negates back ("hoster ikke", "Synet er normalt"):
    the word before, or for "normal" after a copula the whole subject. A state
    word or an absence phrase (``absence_end``: where the phrase that starts
    here ends, "ikke påvist", "not detected") denies the whole subject after a
    copula, at the end of the clause, or right after the subject when no
    object follows ("Reflexes absent bilaterally", "Feber og hoste benægtes";
    not "Urine negative for nitrites"). Else it opens a scope over the next
    :attr:`HallucinationConfig.negation_window` content words (one for
    "normal": "normalt syn").
    """
    w = words[wi]
    normal = bare in NORMAL_CUES
    if u.negation is None and not normal:
        u.negation = (w.start(), w.end())
    post = bare in POST_NEGATION or normal
    gap = wi - last_wi
    adjacent = gap == 1 and last_wi >= 0 and text[words[last_wi].end() : w.start()].strip() == ""
    joined = adjacent if gap == 1 else gap == 2 and prev_word in COPULAS
    state = bare in STATE_WORDS or absence_end is not None
    end = w.end() if absence_end is None else absence_end
    at_end = text[end : min(u.end, end + 3)].lstrip(" ")[:1] in ("", *CLAUSE_END)
    if state and not at_end and adjacent:
        # right after its subject a state word is its predicate, whatever
        # follows ("absent bilaterally", "fraværende på begge sider"), unless
        # it takes an object of its own ("negative for nitrites")
        following = WORD.search(text, end, min(u.end, end + 40))
        nxt = ""
        if following is not None and not text[end : following.start()].strip():
            nxt = following.group().lower()
        adjacent = f"{bare} {nxt}" not in PRE_CUE_PHRASES
    if scope_left == 0 and (
        (normal and (joined or prev_word in COPULAS))
        # "Straight leg raise is negative", "Strep A negativ.", "Knee jerks absent bilaterally"
        or (state and (prev_word in COPULAS or at_end or (adjacent and unit_stems)))
    ):
        # "Chest x-ray is normal", "Synet er normalt": the whole subject
        for stem in unit_stems:
            u.polarity[stem] = NEGATED
        return 0, True  # used after its subject: no forward scope
    if post and last_stem is not None and scope_left == 0 and joined:
        rest = text[w.end() : min(u.end, w.end() + 3)].lstrip(" ")
        nxt = words[wi + 1].group().lower() if wi + 1 < len(words) else ""
        if (
            normal
            or not rest
            or rest[0] in CLAUSE_END
            or nxt in stop
            or wi + 1 >= len(words)  # the last word of the text ("feber ikke -")
            or words[wi + 1].start() >= u.end
        ):
            # "Hoster ikke.", "Vågner ikke om natten", "ødemer ikke til stede"; not
            # "Abdomen ikke øm", where the cue negates the word after it
            u.polarity[last_stem] = NEGATED
    # "normal" governs the next word only ("normalt syn"); real cues a window
    return (CONFIG.normal_cue_window if normal else CONFIG.negation_window), False


@functools.cache
def _phrase_table(language: str | None) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """``first word -> [(words, polarity), ...]`` of the presence phrases, longest first.

    The same phrases and polarities as :func:`~evalkit.lexicon.polarity.find_presence`
    ("ikke til stede" is one absence), looked up word by word: the index has
    the words already, and a set lookup per word is cheaper than the regex.
    """
    polarity: dict[str, str] = {}
    for lang in CUE_LANGUAGES if language is None else (language,):
        neg = language_cues(lang).negation
        for phrase in neg.presence:
            polarity.setdefault(phrase, "present")
        for phrase in neg.absence:
            polarity[phrase] = "absent"
    table: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for phrase in sorted(polarity, key=lambda p: -len(p.split())):
        words = tuple(phrase.split())
        table[words[0]].append((words, polarity[phrase]))
    return dict(table)


@functools.cache
def _pseudo_table(language: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``first word -> (words, ...)`` of the language's pseudo negation cues, longest first."""
    if language not in CUE_LANGUAGES:
        return {}
    table: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in sorted(language_cues(language).negation.pseudo, key=lambda p: -len(p.split())):
        words = tuple(phrase.split())
        table[words[0]].append(words)
    return {k: tuple(v) for k, v in table.items()}


def _in_pseudo(language: str, lowered: list[str], wi: int) -> bool:
    """Whether word ``wi`` is inside a pseudo negation cue ("kan ikke udelukkes", "no change").

    The matcher's polarity ignores a cue inside one (:mod:`evalkit.lexicon.polarity`);
    so does the index's word polarity: "Kan ikke udelukke DVT" denies nothing.
    Asked only for cue words, which are few, so a long transcript costs nothing.

    Examples
    --------
    >>> words = "kan ikke udelukke dyb venetrombose".split()
    >>> _in_pseudo("da", words, 1), _in_pseudo("da", "ikke feber".split(), 0)
    (True, False)
    """
    table, pseudo_words, longest = _pseudo(language)
    if lowered[wi].rstrip(".") not in pseudo_words:
        return False  # a phrase holding the word has the word among its own (none: no table)
    n = len(lowered)
    lo = max(0, wi - longest + 1)
    # the words a phrase holding word wi can span, without a trailing dot
    window = [w.rstrip(".") for w in lowered[lo : wi + longest]]
    for start in range(lo, wi + 1):
        for phrase in table.get(window[start - lo], ()):
            end = start + len(phrase)
            if wi < end <= n and tuple(window[start - lo : end - lo]) == phrase:
                return True
    return False


@functools.cache
def _pseudo(
    language: str,
) -> tuple[dict[str, tuple[tuple[str, ...], ...]], frozenset[str], int]:
    """``(table, words, longest)`` of :func:`_pseudo_table`, :func:`_pseudo_words` and
    :func:`_pseudo_longest`: one cached call per cue word instead of three."""
    return _pseudo_table(language), _pseudo_words(language), _pseudo_longest(language)


@functools.cache
def _pseudo_words(language: str) -> frozenset[str]:
    """Every word of the language's pseudo negation cues."""
    return frozenset(w for ps in _pseudo_table(language).values() for p in ps for w in p)


@functools.cache
def _pseudo_longest(language: str) -> int:
    """Words in the longest pseudo cue of the language."""
    return max((len(p) for ps in _pseudo_table(language).values() for p in ps), default=0)


def _presence_phrases(
    text: str, language: str, words: list[re.Match[str]], lowered: list[str] | None = None
) -> dict[int, tuple[int, str]]:
    """``{start: (end, polarity)}`` of the presence and absence phrases among ``words``.

    ``lowered`` is the words in lower case when the caller has them (the
    index's word loop does); only words that start a phrase are looked at.

    Examples
    --------
    >>> from evalkit.metrics.hallucination.words import WORD
    >>> text = "Blod ikke påvist, ødem til stede."
    >>> found = _presence_phrases(text, "da", list(WORD.finditer(text)))
    >>> [(text[s:e], p) for s, (e, p) in sorted(found.items())]
    [('ikke påvist', 'absent'), ('til stede', 'present')]
    """
    table = _phrase_table(language if language in CUE_LANGUAGES else None)
    if lowered is None:
        lowered = [w.group().lower() for w in words]
    out: dict[int, tuple[int, str]] = {}
    n = len(words)
    # a phrase matched at wi takes its words: the next one may start at its end
    free_from = 0
    # the words that may start a phrase, found without a Python step per word
    for wi in compress(count(), map(table.__contains__, lowered)):
        if wi < free_from:
            continue
        for phrase, polarity in table[lowered[wi]]:
            k = len(phrase)
            if wi + k > n:
                continue
            if all(
                lowered[wi + j] == phrase[j]
                and text[words[wi + j - 1].end() : words[wi + j].start()].strip(" \t") == ""
                for j in range(1, k)
            ):
                out[words[wi].start()] = (words[wi + k - 1].end(), polarity)
                free_from = wi + k
                break
    return out


def _mark_word_class(
    u: Unit,
    words: list[re.Match[str]],
    lowered: list[str],
    wi: int,
    bare: str,
    own_cues: frozenset[str],
    stop: frozenset[str],
) -> bool:
    """Record a side, intensity or evaluative word in its unit; whether it was one.

    Ambiguous side words ("right", "sin") count only before a content word or
    "side"/"hand" or after a preposition ("the right knee", "på hø"); an
    intensity word only before the word it grades or after a copula.
    """
    w = words[wi]
    n_words = len(lowered)
    nxt = lowered[wi + 1] if wi + 1 < n_words else ""
    nxt_in_unit = wi + 1 < n_words and words[wi + 1].start() < u.end
    prev = lowered[wi - 1] if wi > 0 else ""
    if bare in SIDES:
        ok = (
            bare not in AMBIGUOUS_SIDES
            or (nxt_in_unit and (nxt not in stop or nxt in SIDE_NOUNS) and nxt not in own_cues)
            or prev in SIDE_PREPOSITIONS
        )
        if ok:
            if SIDES[bare] not in u.sides:  # a new dict: the empty one is shared
                u.sides = {**u.sides, SIDES[bare]: (w.start(), w.end())}
            return True
    if bare in INTENSITY and (
        (nxt_in_unit and nxt not in stop and nxt not in INTENSITY_NOT_BEFORE) or prev in COPULAS
    ):
        if INTENSITY[bare] not in u.grades:
            u.grades = {**u.grades, INTENSITY[bare]: (w.start(), w.end())}
        return True
    if bare in QUALITY and not (bare == "well" and prev == "as"):
        if QUALITY[bare] not in u.quality:
            u.quality = {**u.quality, QUALITY[bare]: (w.start(), w.end())}
        return True
    return False


def _postings(units: list[Unit]) -> dict[str, list[int]]:
    """``key -> [unit index, ...]`` for content keys and stems."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for key in u.keys:
            postings[key].append(i)
        for key in u.stems:  # "s:" keys, never among u.keys
            postings[key].append(i)
    return dict(postings)


def _concept_polarities(
    units: list[Unit], text: str, cues: frozenset[str], stop: frozenset[str], *, transcript: bool
) -> tuple[
    dict[str, set[bool]],
    set[str],
    dict[str, list[int]],
    dict[str, list[tuple[int, bool, str, str]]],
]:
    """``(concepts, present, asked, statements)`` of :class:`TextIndex`; fills ``concept_polarity``.

    A question's mentions count through its answer: all items of a list
    answered "no" ("any fever or cough?" - "no"), none of several answered
    "yes" (which one?), only the last thing asked when the others are its
    subject ("is the rash itchy?" - "no"), and none of a negatively put
    question ("no vomiting?" - "yes"). In a transcript only symptoms, findings
    and diagnoses have a polarity (talk about drugs is too loose), a negation
    counts only right at the mention (:func:`~evalkit.metrics.hallucination.
    transcript.local_negation`), and conditional talk or someone else's history
    states nothing.
    """
    concepts: dict[str, set[bool]] = defaultdict(set)
    present: set[str] = set()
    asked: dict[str, list[int]] = defaultdict(list)
    statements: dict[str, list[tuple[int, bool, str, str]]] = defaultdict(list)
    replies: dict[int, tuple[bool, set[str]]] = {}
    answered_only: dict[int, set[str]] = {}
    asks: dict[int, set[str]] = {}
    if transcript:
        for i, u in enumerate(units):
            if not u.question or u.answer is None:
                continue
            polar = [
                m
                for m in u.mentions
                if m.category in SPOKEN_POLAR_CATEGORIES and not presupposed(text, u, m, stop)
            ]
            if polar:
                asks[i] = {m.concept_id for m in polar}
            if u.answered_by is not None:
                replies[u.answered_by] = (u.answer, {m.concept_id for m in polar})
            if u.answer and len(polar) > 1 and not is_list(text, polar):
                # "is the rash itchy?" - "no": the no is about the last thing asked
                answered_only[i] = {polar[-1].concept_id}
    for i, u in enumerate(units):
        polar_here = None
        for m in u.mentions:
            present.add(m.concept_id)
            if transcript and m.category not in SPOKEN_POLAR_CATEGORIES:
                continue
            if transcript and not u.question and not u.statement:
                continue  # "if you get a fever", "my mother had cancer"
            if u.question:
                if u.answer is None:
                    continue
                if transcript and m.concept_id not in asks.get(i, ()):
                    continue  # "any blood when you cough?" - "no": the cough is given
                if u.negation is not None:
                    continue  # "No vomiting?" - "Yes"; "it hasn't helped the itch?" - "No"
                if not u.answer:
                    if polar_here is None:
                        polar_here = len(
                            {
                                x.concept_id
                                for x in u.mentions
                                if x.category in SPOKEN_POLAR_CATEGORIES
                            }
                        )
                    if polar_here > 1 or u.choice:
                        continue  # "Any fever or cough?" - "Yes": which one?
                if i in answered_only and m.concept_id not in answered_only[i]:
                    continue
                polarity = bool(m.negated) or u.answer
                asked[m.concept_id].append(i)
                if u.answered_by is not None and any(
                    x.concept_id == m.concept_id for x in units[u.answered_by].mentions
                ):
                    # "any nausea, chills, fever?" - "no fever, some chills": the
                    # reply's own words about it count, not its opening "no"
                    concepts[m.concept_id].add(polarity)
                    continue
                replier = units[u.answered_by].role if u.answered_by is not None else ""
                kind = "echo" if u.echo else "qualified" if u.qualified else "answer"
                statements[m.concept_id].append((i, polarity, replier, kind))
            else:
                polarity = bool(m.negated)
                if transcript:
                    if polarity and not local_negation(text, u, m, cues):
                        continue  # "no, just the swelling": the "no" is about something else
                    if not polarity and u.negation is not None:
                        continue  # a negation the matcher did not attach: unclear
                    role = "summary" if u.summary else u.role
                    kind = "said"
                    if i in replies and m.concept_id in replies[i][1]:
                        if replies[i][0] == polarity:
                            kind = "answer"  # "Klør det?" - "Nej, det klør ikke."
                    statements[m.concept_id].append((i, polarity, role, kind))
            concepts[m.concept_id].add(polarity)
            seen = u.concept_polarity.get(m.concept_id)
            if seen is None:
                u.concept_polarity[m.concept_id] = NEGATED if polarity else AFFIRMED
            elif polarity not in seen:
                u.concept_polarity[m.concept_id] = EITHER
    return dict(concepts), present, dict(asked), dict(statements)


_ANY_WORDS = re.compile(r"(?i)(?<![^\W\d_])(?:any|anything|nogen|noget|nogle)(?![^\W\d_])")


def _yes_to_lists(units: list[Unit], text: str) -> list[tuple[int, frozenset[str]]]:
    """The list questions a plain yes answered: ``[(unit, concepts of the list)]``."""
    out = []
    for i, u in enumerate(units):
        if not u.question or u.answer is not False or u.echo or u.qualified or u.negation:
            continue
        polar = [m for m in u.mentions if m.category in SPOKEN_POLAR_CATEGORIES]
        cids = frozenset(m.concept_id for m in polar)
        if len(cids) < 2 or not is_list(text, polar):
            continue
        if u.choice and _ANY_WORDS.search(text, u.start, u.end) is None:
            continue  # "is it sharp or dull?" - "yes" is no list answer
        out.append((i, cids))
    return out


def _numbers_by_value(numbers: list[NumberMention]) -> dict[float, list[NumberMention]]:
    """``rounded value -> numbers``; grams and micrograms also under their milligrams."""
    by_value: dict[float, list[NumberMention]] = defaultdict(list)
    for n in numbers:
        by_value[_num_key(n.value)].append(n)
        if n.unit in ("g", "µg"):
            by_value[_num_key(n.value * (1000 if n.unit == "g" else 0.001))].append(n)
    return dict(by_value)


def _numbers_around(
    text: str, sentences: list[Span], todo: list[Span], language: str | None
) -> list[NumberMention]:
    """The numbers :func:`find_numbers` finds in the whole text that touch ``todo``.

    Each run of consecutive sentences in ``todo`` is searched from the start of
    the sentence before it to a little after its end: a number may run over a
    sentence break ("1 mio. IE" is split at "mio."), and its span must cover
    the unit word in the next sentence as it does in the whole text.
    """
    wanted = {id(x) for x in todo}
    out: list[NumberMention] = []
    whole: list[NumberMention] | None = None
    if 2 * sum(x.end - x.start for x in todo) > len(text):
        # most of the text is wanted: one pass over all of it is cheaper
        whole = find_numbers(text, language=language)
    k, n_sent = 0, len(sentences)
    while k < n_sent:
        if id(sentences[k]) not in wanted:
            k += 1
            continue
        first = k
        while k < n_sent and id(sentences[k]) in wanted:
            k += 1
        run_start, run_end = sentences[first].start, sentences[k - 1].end
        if whole is not None:
            out += [n for n in whole if n.start < run_end and n.end > run_start]
            continue
        origin = sentences[first - 1].start if first > 0 else run_start
        for n in find_numbers(text[origin : run_end + 24], language=language):
            start, end = n.start + origin, n.end + origin
            if start < run_end and end > run_start:
                out.append(NumberMention(start, end, n.text, n.value, n.value_high, n.unit, n.kind))
    return out


_DRUG_BEFORE_DOSE = re.compile(
    r"([A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ-]{3,})"
    r"(?:\s+(?:tabletter|tablet|tbl\.?|kapsler|kapsel|creme|salve|mikstur|inh\.?|tablets?|"
    r"capsules?|cream|ointment|oral|po|iv))?[\s,]+$",
    re.IGNORECASE,
)


def _dose_named_drugs(text: str, numbers: list, mentions: list, stop: frozenset[str]) -> list:
    """Medication mentions for unknown words right before a dose ("sulfamethizol 400 mg").

    A lexicon never lists every drug; the word in front of a strength is one
    whatever it is called. The concept id is ``drug:<word>``.
    """
    from evalkit.lexicon.matcher import Mention

    # does a lexicon mention overlap [s, e)? Those starting before e are a prefix of
    # the spans by start, and one of them reaches past s when their furthest end does
    spans = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))
    added: list[tuple[int, int]] = []
    out = []
    for n in numbers:
        if n.kind != "dose":
            continue
        found = _DRUG_BEFORE_DOSE.search(text, max(0, n.start - 60), n.start)
        if found is None:
            continue
        word = found.group(1)
        low = word.lower()
        s, e = found.span(1)
        if (
            low in stop
            or low in DOSE_WORDS
            or low.endswith(NOT_DRUG_ENDINGS)
            or _reaches(starts, reach, s, e)
            or any(a < e and s < b for a, b in added)
        ):
            continue
        added.append((s, e))
        out.append(Mention(s, e, word, "drug:" + low, "medication", False))
    return out


def _reaches(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """Whether a span overlaps ``[start, end)``, given the spans' sorted starts and the
    running maximum of their ends (``reach``).

    Examples
    --------
    >>> starts, reach = [0, 2, 10], [9, 9, 12]  # spans (0, 9), (2, 5), (10, 12)
    >>> [_reaches(starts, reach, s, e) for s, e in ((8, 10), (9, 10), (12, 14))]
    [True, False, False]
    """
    k = bisect_left(starts, end)
    return k > 0 and reach[k - 1] > start


def _special_words(cues: frozenset[str]) -> frozenset[str]:
    """Words the index loop treats specially (cues, sides, grades, evaluations, "but")."""
    return frozenset(
        cues
        | NORMAL_CUES
        | STATE_WORDS
        | ADJACENT_CUES
        | NO_REMARKS
        | SIDES.keys()
        | INTENSITY.keys()
        | QUALITY.keys()
        | BUT_WORDS
    )


_SPECIAL: dict[str, frozenset[str]] = {
    language: _special_words(_negation_cues(language)) for language in STOPWORDS
}
"""The special words of each language with a cue file (a constant of the word lists)."""

_NO_CONTENT: dict[str, frozenset[str]] = {
    language: frozenset(stop | INTENSITY.keys()) for language, stop in STOPWORDS.items()
}
"""Each language's stop words and the intensity words: words without a content key."""
