"""Hallucination flags: typed, located, graded, explained and grounded.

For each note the family ``hallucination`` (order 30) returns
``hallucination_flags`` (a list of dicts ``{type, severity, start, end, text,
evidence, source}`` with offsets into the normalised ``ai_note``),
``n_hallucination_flags``, ``n_critical_flags`` and ``hallucination_free``.

How a draft is checked
----------------------
Every text is indexed once (:func:`build_index`): split into units (clauses of
a note, sentences within speaker turns of a transcript), with per unit the
*content keys* (lexicon concept ids, Snowball stems of the remaining content
words, numbers), side words, intensity words and a negation cue marker, plus
postings ``key -> units``. A draft clause is then aligned to the final note's
clauses that share most keys with it (two at most, so split or merged sentences
still align) and to related transcript sentences; no clause is compared with
every transcript sentence, so the cost grows linearly with text length.

Draft items are checked against the references:

* concept mentions (lexicon): present with the same polarity → supported;
  present only with the opposite polarity → ``negation``; absent from every
  reference → ``medication`` / ``diagnosis`` / ``fabrication`` by category;
* numbers (:func:`evalkit.text.numbers.find_numbers`): the same value in a
  reference (``38,5`` = ``38.5`` = "otteogtredive komma fem") → supported;
  else a different value of the same kind nearby → ``dose`` (doses and
  frequencies), ``severity`` (scores such as 3/10) or ``number``;
* side words (højre/venstre, right/left) and intensity words (let/svær,
  mild/severe) in aligned units that differ → ``laterality`` / ``severity``;
* with no lexicon match, an aligned clause whose negation differs →
  ``negation``; a clause with no counterpart in any reference →
  ``fabrication``.

Content the clinician kept in the final note is endorsed: it is never flagged
critical. Which reference decided is recorded in ``source``.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import snowballstemmer

from evalkit.lexicon.loaders import drug_class_ids
from evalkit.metrics.checkers import (
    CRITICAL_TYPES,
    CheckContext,
    Flag,
    make_flag,
    merge_flags,
    resolve_checkers,
)
from evalkit.metrics.registry import MetricInfo, register_family, register_metric
from evalkit.text.consultation import parse_consultation
from evalkit.text.numbers import NumberMention, find_numbers, values_match
from evalkit.text.segment import (
    Span,
    clauses_of,
    speaker_role,
    split_sentences,
    split_turns,
)

__all__ = [
    "BUILTIN_CHECKERS",
    "HallucinationScore",
    "TextIndex",
    "Unit",
    "build_index",
    "evaluate_flags",
    "flag_confusion",
    "hallucination_flags",
    "score_hallucination",
]

VERSION = "3"

# --- word lists -----------------------------------------------------------------

_STOPWORDS = {
    "da": set(
        """af alle alt andre at blev bliver blive da de dem den denne der deres det dette dig
        din dine disse du efter eller en end er et for fra før godt han hans har havde have hende
        hendes her hos hun hvad hvis hvor hvordan hvornår hvorfor i ikke ind jeg jer jo kan kunne
        lidt man mange med meget men mere mig min mine mit mod må nogen noget nok nu når og også om
        op os over på sig sin sine sit skal skulle som så sådan til ud under var vi vil ville været
        være ved vores lige bare også pt pt. patient patienten patientens pat oplyser fortæller
        angiver siger beskriver har haft får fik går gik kommer kom nogle ingen ses tager lidt
        ja nej øh øhm okay ok mm mhm altså så godt fint hej tak""".split()
    ),
    "en": set(
        """a about above after again all also am an and any are as at be been before being
        but by can could did do does doing done for from had has have having he her here hers him
        his how i if in into is it its itself just me more most my no nor not now of off on once
        only or other our out over own same she should so some such than that the their them then
        there these they this those through to too under until up very was we were what when where
        which while who whom why will with would you your patient patients pt reports states says
        notes describes presents today uh um okay ok yeah yes mm hmm right-away so well like
        thing things going get got know think really also just sure alright great good""".split()
    ),
}
_NEGATION_CUES = {
    "da": {
        "ikke",
        "ingen",
        "intet",
        "uden",
        "aldrig",
        "benægter",
        "benægtes",
        "afkræfter",
        "negativ",
        "negative",
        "nej",
        "hverken",
        "u.a",
        "ua",
    },
    "en": {
        "no",
        "not",
        "nil",
        "non",
        "denies",
        "denied",
        "deny",
        "without",
        "never",
        "negative",
        "none",
        "neither",
        "nor",
        "absent",
        "free",
        # contractions split at the apostrophe: "don't" -> "don", "t"
        "don",
        "didn",
        "doesn",
        "haven",
        "hasn",
        "hadn",
        "isn",
        "wasn",
        "aren",
        "weren",
        "couldn",
        "wouldn",
        "shouldn",
        "cannot",
    },
}
_NORMAL_CUES = {"normal", "normalt", "normale", "upåfaldende", "unremarkable", "ua", "u.a"}
_POST_NEGATION = {"ikke", "ej"}
_NO_REMARKS = {"anmærkning", "anmærkninger", "bemærkninger", "bemærkning"}
NEGATION_WINDOW = 3
"""Content words (stopwords not counted) after a negation cue that are in its scope."""
_NEG_ANSWER = {"nej", "no", "nope", "nah", "never", "aldrig", "ikke", "nix", "not"}
_POS_ANSWER = {"ja", "yes", "yeah", "yep", "jo", "jeps", "correct", "absolutely", "definitely"}
_SIDES = {
    "højre": "R",
    "højresidig": "R",
    "højresidige": "R",
    "hø": "R",
    "dxt": "R",
    "dext": "R",
    "dexter": "R",
    "dextra": "R",
    "venstre": "L",
    "venstresidig": "L",
    "venstresidige": "L",
    "ve": "L",
    "sin": "L",
    "sinister": "L",
    "sinistra": "L",
    "bilateral": "B",
    "bilaterale": "B",
    "bilateralt": "B",
    "dobbeltsidig": "B",
    "dobbeltsidige": "B",
    "right": "R",
    "left": "L",
    "bilaterally": "B",
}
_AMBIGUOUS_SIDES = {"right", "left", "sin", "hø", "ve"}
_INTENSITY = {
    "let": 1,
    "lette": 1,
    "lettere": 1,
    "mild": 1,
    "milde": 1,
    "svag": 1,
    "svage": 1,
    "beskeden": 1,
    "beskedne": 1,
    "moderat": 2,
    "moderate": 2,
    "middelsvær": 2,
    "middelsvære": 2,
    "svær": 3,
    "svære": 3,
    "kraftig": 3,
    "kraftige": 3,
    "voldsom": 3,
    "voldsomme": 3,
    "intens": 3,
    "intense": 3,
    "stærk": 3,
    "stærke": 3,
    "betydelig": 3,
    "betydelige": 3,
    "udtalt": 3,
    "udtalte": 3,
    "markant": 3,
    "markante": 3,
    "marked": 3,
    "slight": 1,
    "slightly": 1,
    "minor": 1,
    "mildly": 1,
    "moderately": 2,
    "severe": 3,
    "severely": 3,
    "extreme": 3,
    "excruciating": 3,
}
# evaluative words with a direction: "Sover godt" against "Sover dårligt",
# "well controlled" against "poorly controlled", "bedre" against "værre"
_QUALITY = {
    **dict.fromkeys("god godt gode bedre bedret forbedret".split(), 1),
    **dict.fromkeys("dårlig dårligt dårlige skidt værre forværret".split(), -1),
    **dict.fromkeys("well good better improved improving".split(), 1),
    **dict.fromkeys("poorly badly bad poor worse worsened worsening deteriorating".split(), -1),
}
_COPULAS = {"er", "var", "blevet", "is", "was", "are", "were", "been", "feels", "føles"}
_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]\.?)?")
_STRIP_PUNCT = re.compile(r"[^\w%/°]+")
_LANG_STEMMER = {"da": "danish", "en": "english"}

_UNIT_DROPPED = frozenset({"vital", "lab", "blood_pressure"})
_POLAR_CATEGORIES = frozenset({"symptom", "finding", "diagnosis", "medication"})
_SPOKEN_POLAR_CATEGORIES = frozenset({"symptom", "finding", "diagnosis"})
# categories where a kept mention the transcript replaces by another concept of
# the same category is worth a (non-critical) flag; not diagnoses, which are
# often written without being said and discussed as differentials
_SWAP_CATEGORIES = frozenset({"medication"})
_SUBORDINATORS = frozenset(
    "når hvis fordi mens efter før selvom da when if because while after before since".split()
)
_LIST_WORDS = frozenset("or and nor og eller samt".split())
_YOU = frozenset("you du dig".split())
_OTHER_WORDS = frozenset("other else andre anden andet flere mere".split())
_BUT_WORDS = frozenset("but men although though except bortset undtagen".split())
_WH_WORDS = frozenset(
    """hvad hvor hvordan hvornår hvorfor hvilken hvilke hvilket hvem hvis how what
    where when why which who whose""".split()
)

_ASSESSMENT_SECTIONS = frozenset(
    [
        "a",
        "vurdering",
        "vurd",
        "konklusion",
        "diagnose",
        "diagnoser",
        "diagnosis",
        "assessment",
        "impression",
    ]
)
_EXAM_SECTIONS = frozenset(
    [
        "o",
        "obj",
        "objektivt",
        "objektiv",
        "undersøgelse",
        "fund",
        "exam",
        "examination",
        "physical exam",
        "physical examination",
        "results",
    ]
)

_PROBLEM_SECTION_WORDS = frozenset(
    "a p assessment plan impression imp ddx diagnosis diagnoses problems vurdering plan "
    "konklusion diagnose diagnoser problemer".split()
)
_EXAM_SECTION_WORDS = frozenset(
    "o obj objektivt objektiv undersøgelse fund exam examination physical pe".split()
)


def _section_kind(section: str) -> str:
    """``"problem"`` (assessment, plan), ``"exam"`` or ``""`` for a lower-case heading."""
    words = set(re.findall(r"[^\W\d_]+", section))
    if words & _EXAM_SECTION_WORDS:
        return "exam"
    if words & _PROBLEM_SECTION_WORDS:
        return "problem"
    return ""


_CATEGORY_TYPE = {
    "medication": "medication",
    "diagnosis": "diagnosis",
    "symptom": "fabrication",
    "finding": "fabrication",
    "procedure": "fabrication",
    "lab": "fabrication",
    "vital": "fabrication",
}


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(_LANG_STEMMER.get(language, "danish"))


@lru_cache(maxsize=200_000)
def _stem(language: str, word: str) -> str:
    return _stemmer(language).stemWord(word)


_STEM_KEYS: dict[str, dict[str, str]] = {}
_STEM_KEYS_MAX = 200_000


def _stem_keys(language: str) -> dict[str, str]:
    """``word -> "s:<stem>"`` for ``language``, filled as words are met.

    The index looks up every word of a note; a plain dict read is cheaper
    than a call through :func:`_stem`'s cache, and the key is built once.
    """
    keys = _STEM_KEYS.get(language)
    if keys is None or len(keys) > _STEM_KEYS_MAX:
        keys = _STEM_KEYS[language] = {}
    return keys


# --- text index -----------------------------------------------------------------


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
        ``s:<stem> -> {negated, ...}``: whether each content word stands in
        the scope of a negation cue (up to :data:`NEGATION_WINDOW` content words
        after it, or right before Danish "ikke": "hoster ikke"). Empty for
        transcripts: talk is too loose for word-level scope.
    concept_polarity : dict
        ``concept_id -> {negated, ...}`` of the lexicon mentions in the unit; for
        a transcript question, the polarity of its yes/no answer.
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
    choice : bool
        Transcripts: the question offers alternatives ("A, or B?"), so a
        "yes" does not say which.
    """

    start: int
    end: int
    keys: set[str] = field(default_factory=set)
    sides: dict[str, tuple[int, int]] = field(default_factory=dict)
    grades: dict[int, tuple[int, int]] = field(default_factory=dict)
    quality: dict[int, tuple[int, int]] = field(default_factory=dict)
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
    polarity: dict[str, set[bool]] = field(default_factory=dict)
    concept_polarity: dict[str, set[bool]] = field(default_factory=dict)
    role: str = ""
    statement: bool = True
    summary: bool = False
    answered_by: int | None = None
    echo: bool = False
    choice: bool = False


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
    statements : dict
        Transcripts: ``concept_id -> [(unit, negated, role, kind), ...]`` in
        talk order (``kind``: ``answer``, ``echo`` or ``said``), what the
        consultation says about each concept: a statement about this
        patient, or a yes/no question with the reply's polarity and the
        replier's role (``summary`` for a clinician's restatement).
        See :func:`transcript_verdict`.
    """

    text: str
    units: list[Unit]
    postings: dict[str, list[int]]
    concepts: dict[str, set[bool]]
    present: set[str]
    numbers: dict[float, list[NumberMention]]
    asked: dict[str, list[int]] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    statements: dict[str, list[tuple[int, bool, str, str]]] = field(default_factory=dict)

    def related(self, keys: set[str], *, k: int = 2, min_shared: int = 1) -> list[tuple[int, int]]:
        """Up to ``k`` units sharing the most keys with ``keys``: ``[(unit, shared)]``."""
        counts: dict[int, int] = defaultdict(int)
        for key in keys:
            for u in self.postings.get(key, ()):
                counts[u] += 1
        best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(u, c) for u, c in best[:k] if c >= min_shared]

    def supports_words(self, text: str, language: str) -> bool:
        """Whether every content word of ``text`` occurs (stemmed) somewhere in the text."""
        stems = _content_stems(text, language)
        return bool(stems) and all(s in self.postings for s in stems)

    def supports_number(self, mention: NumberMention) -> bool:
        """Whether the text states the same quantity somewhere."""
        return any(values_match(mention, x) for x in self.numbers.get(_num_key(mention.value), ()))


def _content_stems(text: str, language: str) -> set[str]:
    stop = _STOPWORDS.get(language, _STOPWORDS["da"])
    return {
        "s:" + _stem(language, w)
        for w in (m.group().lower().rstrip(".") for m in _WORD.finditer(text))
        if w not in stop and len(w) >= 2
    }


def _num_key(value: float) -> float:
    return round(value, 3)


def _canonical_number_key(m: NumberMention) -> str:
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


def _turn_sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, speaker)`` of every sentence of every turn of a transcript."""
    spans: list[tuple[int, int, str]] = []
    for turn in split_turns(text):
        for s in split_sentences(turn.text):
            spans.append((turn.start + s.start, turn.start + s.end, turn.speaker))
    return spans


def build_index(
    text: str,
    language: str,
    matcher: Any = None,
    *,
    transcript: bool = False,
    leave_out: Collection[str] = (),
    sentences: list[Span] | None = None,
) -> TextIndex:
    """Index a note (clause units) or a transcript (sentence units within turns).

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

    Examples
    --------
    >>> ix = build_index("Ingen feber. Temp 38,5.", "da")
    >>> [sorted(u.keys) for u in ix.units]
    [['w:feb'], ['n:38.5', 'w:temp']]
    >>> ix.units[0].negation
    (0, 5)
    """
    outside_headings: list[tuple[int, str]] = []
    todo: list[Span] | None = None
    if transcript:
        units = [Unit(s, e, speaker=spk) for s, e, spk in _turn_sentence_spans(text)]
    else:
        if sentences is None:
            sentences = split_sentences(text)
        if leave_out:
            todo = [s for s in sentences if s.text not in leave_out]
            if len(todo) < len(sentences):
                left_out = [s for s in sentences if s.text in leave_out]
                outside_headings = [
                    (c.start, c.text.strip().rstrip(":. ").lower())
                    for c in clauses_of(text, left_out)
                    if _is_heading(c.text)
                ]
        indexed = sentences if todo is None else todo
        units = [Unit(c.start, c.end) for c in clauses_of(text, indexed)]
    if language == "en" and " n't" in text:
        # tokenised transcripts write "do n't"; "don't " has the same length, so
        # offsets stay valid and the matcher sees its negation cue
        text = text.replace(" n't", "n't ")
    mentions = sorted(matcher.find(text), key=lambda m: m.start) if matcher is not None else []
    number_language = language if language in ("da", "en") else None
    if todo is None:
        numbers = find_numbers(text, language=number_language)
    else:
        numbers = _numbers_around(text, sentences, todo, number_language)
    stop = _STOPWORDS.get(language, _STOPWORDS["da"])
    if matcher is not None:
        unnamed = _dose_named_drugs(text, numbers, mentions, stop)
        if unnamed:
            mentions = sorted(mentions + unnamed, key=lambda m: m.start)
    cues = _NEGATION_CUES.get(language, set()) | _NEGATION_CUES["da" if language == "en" else "en"]
    starts = [u.start for u in units]

    def unit_of(pos: int) -> Unit | None:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and units[i].start <= pos < units[i].end:
            return units[i]
        return None

    covered: list[tuple[int, int]] = []
    for m in mentions:
        u = unit_of(m.start)
        if u is not None:
            u.mentions.append(m)
            u.keys.add(f"c:{m.concept_id}")
        covered.append((m.start, m.end))
    for n in numbers:
        u = unit_of(n.start)
        if u is not None:
            u.numbers.append(n)
            u.keys.add(_canonical_number_key(n))
        covered.append((n.start, n.end))
    covered.sort()
    section = ""
    hi, n_outside = 0, len(outside_headings)
    for u in units:
        while hi < n_outside and outside_headings[hi][0] < u.start:
            section = outside_headings[hi][1]  # a heading in a left-out sentence
            hi += 1
        u.question = text[u.start : u.end].rstrip().endswith("?")
        u.heading = not transcript and _is_heading(text[u.start : u.end])
        if u.heading:
            section = text[u.start : u.end].strip().rstrip(":. ").lower()
        u.section = section
    if todo is None:
        words = list(_WORD.finditer(text))
    else:
        # the words of the sentences indexed, each run led by the word before
        # it (which belongs to no unit here, but rules read the previous word)
        words = []
        for sent in todo:
            before = list(_WORD.finditer(text, max(0, sent.start - 80), sent.start))
            if before and (not words or words[-1].start() < before[-1].start()):
                words.append(before[-1])
            words += _WORD.finditer(text, sent.start, sent.end)
    ci = 0
    scope_unit: Unit | None = None
    scope_left, last_stem, last_wi = 0, None, -9
    unit_stems: list[str] = []
    number_spans = [(n.start, n.end) for n in numbers]
    ni = 0
    lowered = [w.group().lower() for w in words]
    n_units, n_words, n_spans, n_covered = len(units), len(words), len(number_spans), len(covered)
    ui_next = 0
    special = _special_words(language, cues)
    stem_keys = _stem_keys(language)
    for wi, w in enumerate(words):
        pos = w.start()
        while ui_next < n_units and units[ui_next].end <= pos:
            ui_next += 1
        if ui_next == n_units or units[ui_next].start > pos:
            continue
        u = units[ui_next]
        low = lowered[wi]
        bare = low.rstrip(".")
        if u is not scope_unit:
            scope_unit, scope_left, last_stem, last_wi = u, 0, None, -9
            last_in_scope = False
            unit_stems = []
        prev_word = lowered[wi - 1] if wi > 0 else ""
        if bare in special or low in cues:
            # the few words with a role of their own; most words skip to the stems
            if bare in _NO_REMARKS and prev_word == "uden" and scope_left > 0:
                # "Hjerte uden anmærkninger" = "Hjerte u.a.": a normal finding
                for stem in unit_stems:
                    u.polarity[stem] = {True}
                scope_left = 0
                continue
            if bare in cues or low in cues or bare in _NORMAL_CUES:
                if u.negation is None and bare not in _NORMAL_CUES:
                    u.negation = (w.start(), w.end())
                post = bare in _POST_NEGATION or bare in _NORMAL_CUES
                gap = wi - last_wi
                joined = (
                    last_wi >= 0 and text[words[last_wi].end() : w.start()].strip() == ""
                    if gap == 1
                    else gap == 2 and prev_word in _COPULAS
                )
                if bare in _NORMAL_CUES and scope_left == 0 and (joined or prev_word in _COPULAS):
                    # "Chest x-ray is normal", "Synet er normalt": the whole subject
                    for stem in unit_stems:
                        u.polarity[stem] = {True}
                    scope_left = 0  # used after its subject: no forward scope
                    continue
                if post and last_stem is not None and scope_left == 0 and joined:
                    u.polarity[last_stem] = {True}
                # "normal" governs the next word only ("normalt syn"); real cues a window
                scope_left = 1 if bare in _NORMAL_CUES else NEGATION_WINDOW
                continue
            nxt = lowered[wi + 1] if wi + 1 < n_words else ""
            nxt_in_unit = wi + 1 < n_words and words[wi + 1].start() < u.end
            prev = lowered[wi - 1] if wi > 0 else ""
            if bare in _SIDES:
                ok = (
                    bare not in _AMBIGUOUS_SIDES
                    or (
                        nxt_in_unit
                        and (nxt not in stop or nxt in {"side", "hand"})
                        and nxt not in _NEGATION_CUES.get(language, set())
                    )
                    or prev in {"the", "på", "til", "mod"}
                )
                if ok:
                    u.sides.setdefault(_SIDES[bare], (w.start(), w.end()))
                    continue
            if bare in _INTENSITY and (
                (nxt_in_unit and nxt not in stop and nxt not in {"at", "ved"}) or prev in _COPULAS
            ):
                u.grades.setdefault(_INTENSITY[bare], (w.start(), w.end()))
                continue
            if bare in _QUALITY and not (bare == "well" and prev == "as"):
                u.quality.setdefault(_QUALITY[bare], (w.start(), w.end()))
                continue
            if bare in _BUT_WORDS:
                scope_left, last_in_scope = 0, False  # "ingen feber, men hoste"
        if bare in stop or len(bare) < 2 or bare in _INTENSITY:
            continue
        skey = stem_keys.get(bare)
        if skey is None:
            skey = stem_keys[bare] = "s:" + _stem(language, bare)
        u.stems.add(skey)
        while ni < n_spans and number_spans[ni][1] <= pos:
            ni += 1
        if not (ni < n_spans and number_spans[ni][0] <= pos):
            # units of numbers ("i 3 dage") say nothing about polarity
            gap = text[words[last_wi].end() : pos] if last_wi >= 0 else ""
            if last_in_scope and wi - last_wi == 2 and gap.replace(" ", "").isalpha():
                # the same item goes on over one small word: "shortness of breath"
                scope_left = max(scope_left, 1)
            elif (
                scope_left == 0
                and last_in_scope
                and ("," in text[words[wi - 1].end() : pos] or prev_word in _LIST_WORDS)
            ):
                # a list goes on: "denies chest pain, fever, chills, or abdominal pain"
                scope_left = 2
            in_scope = scope_left > 0
            scope_left = max(0, scope_left - 1)
            last_in_scope = in_scope
            u.polarity.setdefault(skey, set()).add(in_scope)
            last_stem, last_wi = skey, wi
            unit_stems.append(last_stem)
        while ci < n_covered and covered[ci][1] <= pos:
            ci += 1
        if ci < n_covered and covered[ci][0] <= pos < covered[ci][1]:
            continue
        u.keys.add("w" + skey[1:])
    if transcript:
        _resolve_dialogue(text, language, units, stop)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for key in u.keys:
            postings[key].append(i)
        for key in u.stems:  # "s:" keys, never among u.keys
            postings[key].append(i)
    concepts: dict[str, set[bool]] = defaultdict(set)
    present: set[str] = set()
    asked: dict[str, list[int]] = defaultdict(list)
    statements: dict[str, list[tuple[int, bool, str, str]]] = defaultdict(list)
    replies: dict[int, tuple[bool, set[str]]] = {}
    answered_only: dict[int, set[str]] = {}
    if transcript:
        for i, u in enumerate(units):
            if not u.question or u.answer is None:
                continue
            polar = [m for m in u.mentions if m.category in _SPOKEN_POLAR_CATEGORIES]
            if u.answered_by is not None:
                replies[u.answered_by] = (u.answer, {m.concept_id for m in polar})
            if u.answer and len(polar) > 1 and not _is_list(text, polar):
                # "is the rash itchy?" - "no": the no is about the last thing asked
                answered_only[i] = {polar[-1].concept_id}
    for i, u in enumerate(units):
        polar_here = None
        for m in u.mentions:
            present.add(m.concept_id)
            if transcript and m.category not in _SPOKEN_POLAR_CATEGORIES:
                continue
            if transcript and not u.question and not u.statement:
                continue  # "if you get a fever", "my mother had cancer"
            if u.question:
                if u.answer is None:
                    continue
                if u.negation is not None:
                    continue  # "No vomiting?" - "Yes"; "it hasn't helped the itch?" - "No"
                if not u.answer:
                    if polar_here is None:
                        polar_here = len(
                            {
                                x.concept_id
                                for x in u.mentions
                                if x.category in _SPOKEN_POLAR_CATEGORIES
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
                kind = "echo" if u.echo else "answer"
                statements[m.concept_id].append((i, polarity, replier, kind))
            else:
                polarity = bool(m.negated)
                if transcript:
                    if polarity and not _local_negation(text, u, m, cues):
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
            u.concept_polarity.setdefault(m.concept_id, set()).add(polarity)
    if todo is not None:
        present.update(m.concept_id for m in mentions)
    by_value: dict[float, list[NumberMention]] = defaultdict(list)
    for n in numbers:
        by_value[_num_key(n.value)].append(n)
        if n.unit in ("g", "µg"):
            by_value[_num_key(n.value * (1000 if n.unit == "g" else 0.001))].append(n)
    return TextIndex(
        text,
        units,
        dict(postings),
        dict(concepts),
        present,
        dict(by_value),
        dict(asked),
        statements=dict(statements),
    )


_LIST_CHOICE = frozenset({"or", "eller"})
_LOCAL_BREAKS = frozenset("but just only except men bare kun undtagen though although".split())


def _local_negation(text: str, u: Unit, m: Any, cues: set[str]) -> bool:
    """Whether a negation cue governs the mention right where it stands.

    Spoken sentences run on ("no, just the swelling and the pain"), so a
    transcript negation counts only within three words before the mention
    ("I don't have a fever", "ingen feber") with no comma or "but"/"just" in
    between, or right after it ("hoster ikke").
    """
    before = text[max(u.start, m.start - 60) : m.start]
    tail = before[before.rfind(",") + 1 :] if "," in before else before
    near = [w.group().lower() for w in _WORD.finditer(tail)][-4:]
    if any(w in cues for w in near) and not any(w in _LOCAL_BREAKS for w in near):
        k = max(i for i, w in enumerate(near) if w in cues)
        if not any(w in _LOCAL_BREAKS for w in near[k:]):
            return True
    after = [w.group().lower() for w in _WORD.finditer(text, m.end, min(u.end, m.end + 20))][:2]
    return any(w in _POST_NEGATION for w in after)


_LIST_GLUE = frozenset("or and any og eller nogen samt".split())


def _is_list(text: str, mentions: list[Any]) -> bool:
    """Whether mentions of a question are items of one list ("any fever, chills or cough?")."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        between = [w.group().lower() for w in _WORD.finditer(text, a.end, b.start)]
        if b.start < a.end or not all(w in _LIST_GLUE for w in between):
            return False
    return True


def _resolve_dialogue(text: str, language: str, units: list[Unit], stop: set[str]) -> None:
    """Roles, questions and yes/no answers of transcript units, from the consultation model.

    Each unit is one sentence of a turn, as is each utterance of
    :func:`~evalkit.text.consultation.parse_consultation`. A yes/no question
    takes its answer from the other speaker's reply ("Nej, ikke rigtigt",
    "Yeah, a few times") or, failing a yes/no word, from a reply that repeats a
    content word of the question without a negation ("Vågner du om natten?" -
    "Jeg vågner tit"). Questions about "other" things ("any other symptoms?")
    and double questions ("have you had children, or are you planning to?")
    get no answer. Word-level polarity (``Unit.polarity``) is kept only for
    answered questions: talk is too loose for word-level negation scope.
    """
    consultation = parse_consultation(text, language if language in ("da", "en") else "da")
    by_start = {u.start: u for u in consultation.utterances}
    unit_at = {u.start: i for i, u in enumerate(units)}
    cues = _NEGATION_CUES.get(language, set())
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
        u.choice = any(
            w.group().lower() in _LIST_CHOICE for w in _WORD.finditer(text, u.start, u.end)
        )
        if utt.answered_by is None:
            continue
        reply = consultation.utterances[utt.answered_by]
        u.answered_by = unit_at.get(reply.start)
        asked = [w.group().lower() for w in _WORD.finditer(text, u.start, u.end)]
        if (
            u.wh
            or any(w in _OTHER_WORDS for w in asked)  # "any other symptoms?" - "no"
            or sum(w in _YOU for w in asked) >= 2  # two questions in one
        ):
            continue
        if utt.answer == "no":
            u.answer = True
        elif utt.answer == "yes":
            u.answer = False
        else:
            said = [m.group().lower() for m in _WORD.finditer(text, reply.start, reply.end)]
            if said and not any(w in cues for w in said) and _echoes(said, u, text, language, stop):
                u.answer, u.echo = False, True  # a positive echo
    for u in units:
        if u.question and u.answer is not None and u.negation is None:
            main = _main_clause_stems(text, u, language, stop)
            u.polarity = {stem: {u.answer} for stem in u.polarity if stem in main}
        else:
            u.polarity = {}


_REFERENCE_INDEXES: OrderedDict[tuple[Any, ...], TextIndex] = OrderedDict()
_REFERENCE_INDEXES_SIZE = 16
"""How many final-note and transcript indexes :func:`_reference_index` keeps."""
_REFERENCE_LOCK = threading.Lock()


def _reference_index(
    text: str,
    language: str,
    matcher: Any,
    *,
    transcript: bool = False,
    sentences: list[Span] | None = None,
    shared: bool = True,
) -> TextIndex:
    """:func:`build_index` of a final note or transcript, kept for the next pairs.

    When several drafts are scored against the same consultation (several
    systems or versions of one, as in ACI-Bench), the final note and the
    transcript are the same for each, and so is their index: it is built once
    and reused while it is among the last :data:`_REFERENCE_INDEXES_SIZE` used.
    The built-in checks only read an index (the one lookup they add to
    ``cache`` is derived from it), so a reused index gives the same flags;
    plug-in checkers get indexes of their own (``shared=False``). The engine
    scores the rows of a chunk grouped by final note and transcript, so
    repeats meet here.
    """
    if not shared:
        return build_index(text, language, matcher, transcript=transcript, sentences=sentences)
    key = (transcript, language, matcher, text)
    with _REFERENCE_LOCK:
        index = _REFERENCE_INDEXES.get(key)
        if index is not None:
            _REFERENCE_INDEXES.move_to_end(key)
            return index
    index = build_index(text, language, matcher, transcript=transcript, sentences=sentences)
    if _REFERENCE_INDEXES_SIZE > 0:
        with _REFERENCE_LOCK:
            _REFERENCE_INDEXES[key] = index
            while len(_REFERENCE_INDEXES) > _REFERENCE_INDEXES_SIZE:
                _REFERENCE_INDEXES.popitem(last=False)
    return index


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
_NOT_DRUG_ENDINGS = ("es", "et", "ede", "ing", "ed", "ere", "ly")
_DOSE_WORDS = frozenset(
    """dosis dose dosage døgndosis total maks max startdosis vedligeholdelsesdosis daglig
    dagligt daily tablet tabletter kapsler capsules styrke strength""".split()
)


def _dose_named_drugs(text: str, numbers: list, mentions: list, stop: set[str]) -> list:
    """Medication mentions for unknown words right before a dose ("sulfamethizol 400 mg").

    A lexicon never lists every drug; the word in front of a strength is one
    whatever it is called. The concept id is ``drug:<word>``.
    """
    from evalkit.lexicon.matcher import Mention

    covered = [(m.start, m.end) for m in mentions]
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
            or low in _DOSE_WORDS
            or low.endswith(_NOT_DRUG_ENDINGS)
            or any(a < e and s < b for a, b in covered)
        ):
            continue
        covered.append((s, e))
        out.append(Mention(s, e, word, "drug:" + low, "medication", False))
    return out


# kinds of quantity a consultation usually states once, so another value of
# the same unit anywhere in the transcript contradicts a kept one (not
# frequencies or doses: "ti om dagen" may be cigarettes; not durations or blood
# pressures: "for 7 uger siden" and "om fire uger", home and clinic readings)
_STATED_ONCE = frozenset({"score", "vital", "lab"})
_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0, "year": 365.0}


def _in_days(n: NumberMention) -> float | None:
    factor = _DAYS.get(n.unit or "")
    return None if factor is None else round(n.value * factor, 3)


def _echoes(answer: list[str], question: Unit, text: str, language: str, stop: set[str]) -> bool:
    """The answer repeats a content word of the question's main clause."""
    main = _main_clause_stems(text, question, language, stop)
    return any(
        "s:" + _stem(language, w.rstrip(".")) in main
        for w in answer[:12]
        if w not in stop and len(w) >= 3
    )


_SPECIAL: dict[str, frozenset[str]] = {}


def _special_words(language: str, cues: set[str]) -> frozenset[str]:
    """Words the index loop treats specially (cues, sides, grades, evaluations, "but")."""
    found = _SPECIAL.get(language)
    if found is None:
        found = _SPECIAL[language] = frozenset(
            cues
            | _NORMAL_CUES
            | _NO_REMARKS
            | _SIDES.keys()
            | _INTENSITY.keys()
            | _QUALITY.keys()
            | _BUT_WORDS
        )
    return found


def _main_clause_stems(text: str, u: Unit, language: str, stop: set[str]) -> set[str]:
    """Stems of a question before its first subordinate clause.

    The answer to "Kommer der noget op, når du hoster?" is about what comes up,
    not about the cough the "når" clause takes for granted.
    """
    out: set[str] = set()
    for w in _WORD.finditer(text, u.start, u.end):
        low = w.group().lower().rstrip(".")
        if low in _SUBORDINATORS:
            break
        if low not in stop and len(low) >= 2:
            out.add("s:" + _stem(language, low))
    return out


# --- the built-in checks ------------------------------------------------------------


def _source(final_says: bool, transcript_says: bool, has_final: bool, has_transcript: bool) -> str:
    if final_says and transcript_says:
        return "both"
    if final_says:
        return "final_note"
    if transcript_says:
        return "transcript"
    if has_final and has_transcript:
        return "both"
    return "transcript" if has_transcript else "final_note"


def _quote(text: str, start: int, end: int, limit: int = 60) -> str:
    snippet = " ".join(text[start:end].split())
    if len(snippet) > limit:
        snippet = snippet[: limit - 1] + "…"
    return f'"{snippet}"'


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _coverage(keys: set[str], index: TextIndex, aligned: list[int]) -> float:
    if not keys:
        return 0.0
    union: set[str] = set()
    for i in aligned:
        union |= index.units[i].keys
    return len(keys & union) / len(keys)


@dataclass(slots=True)
class _Draft:
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


def _prepare(pair: Any, context: CheckContext) -> _Draft:
    ix = context.indexes
    draft, final, transcript = ix["draft"], ix.get("final"), ix.get("transcript")
    final_norm = " " + _flat(pair.final_note) + " "
    cues = _NEGATION_CUES.get(context.language, set())
    aligned, coverage, related_t, endorsed = [], [], [], []
    for u in draft.units:
        if final is not None and u.keys:
            al = [i for i, _ in final.related(u.keys | u.stems, k=2)]
            aligned.append(al)
            coverage.append(_coverage(u.keys, final, al))
        else:
            aligned.append([])
            coverage.append(0.0)
        if transcript is not None and u.keys:
            probe = u.keys | u.stems
            near = [i for i, _ in transcript.related(probe, k=3, min_shared=min(2, len(probe)))]
            # the answer to a question usually follows it: "how high? - thirty-eight five"
            near += [i + 1 for i in near if i + 1 < len(transcript.units) and i + 1 not in near]
            related_t.append(near)
        else:
            related_t.append([])
        endorsed.append(
            final is not None and _verbatim(_flat(pair.ai_note[u.start : u.end]), final_norm, cues)
        )
    return _Draft(
        pair, draft, final, transcript, final_norm, aligned, coverage, related_t, endorsed
    )


def _verbatim(flat: str, final_flat: str, cues: set[str]) -> bool:
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


def _flat(text: str) -> str:
    return " ".join(_STRIP_PUNCT.sub(" ", text.lower()).split())


def _state(context: CheckContext, pair: Any) -> _Draft:
    state = context.indexes.get("_state")
    if state is None:
        state = _prepare(pair, context)
        context.indexes["_state"] = state
    return state


def _local_polarity(index: TextIndex, units: list[int], concept_id: str) -> set[bool]:
    out: set[bool] = set()
    for i in units:
        out |= index.units[i].concept_polarity.get(concept_id, set())
    return out


_KNOWER = {"symptom": "patient", "finding": "clinician", "diagnosis": "clinician"}
"""Who knows best what the talk says about a concept of each category."""


def transcript_verdict(
    index: TextIndex, concept_id: str, negated: bool, category: str, *, kept: bool = False
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

    Examples
    --------
    >>> from evalkit.lexicon.matcher import Mention
    >>> class M:
    ...     def find(self, text):
    ...         return [Mention(m.start(), m.end(), "feber", "fever", "symptom", False)
    ...                 for m in __import__("re").finditer("feber", text)]
    >>> ix = build_index("Læge: Har du haft feber?\nPatient: Nej.", "da", M(), transcript=True)
    >>> transcript_verdict(ix, "fever", False, "symptom")
    ('contradicts', 0)
    >>> transcript_verdict(ix, "fever", True, "symptom")
    ('supports', 0)
    """
    said = index.statements.get(concept_id)
    if not said:
        return None, None
    knower = _KNOWER.get(category)
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
        # yes/no question about it, answered the other way, overrules that
        said = [x for x in said if x[3] == "answer"]
        if not said:
            return None, None
    return "contradicts", said[-1][0]


def _turn_quote(index: TextIndex, unit: int) -> str:
    """A transcript unit as evidence; a question with its reply."""
    u = index.units[unit]
    quote = _quote(index.text, u.start, u.end)
    if u.question and u.answered_by is not None:
        v = index.units[u.answered_by]
        quote += " - " + _quote(index.text, v.start, v.end)
    return quote


def _claim(start: int, end: int, kind: str, reason: str) -> dict[str, Any]:
    return {"kind": kind, "start": start, "end": end, "reason": reason}


def _note_unsupported(st: _Draft, m: Any, in_t: bool, language: str) -> None:
    """Record a draft mention the transcript never mentions (not a flag)."""
    t = st.transcript
    if t is None or in_t or t.supports_words(m.text, language):
        return
    st.unsupported.append(_claim(m.start, m.end, "concept", "not mentioned in transcript"))


def _nearest_mention(mentions: list[Any], start: int, end: int) -> Any | None:
    """The lexicon mention closest to ``[start, end)`` in the same unit."""
    best, gap = None, None
    for m in mentions:
        d = start - m.end if m.end <= start else m.start - end if m.start >= end else 0
        d = max(d, 0) * (1 if m.end <= start else 2)  # "Lasix 40 mg": the name before the dose
        if gap is None or d < gap:
            best, gap = m, d
    return best


def _anchored_values(index: TextIndex, concept_id: str, attr: str) -> list[Any]:
    """What the talk attaches to a concept: the numbers, sides or grades next to it.

    In every statement (and every reply to a question) about ``concept_id``,
    each number (``attr="numbers"``) or marked word (``"sides"``, ``"grades"``)
    goes to its nearest lexicon mention; those that go to the concept are
    returned. A reply with no mention of its own belongs to the question's
    mentions ("what is your blood pressure?" - "about 130 over 80").
    Conditional talk and questions themselves attach nothing.
    """
    key = f"anchored:{attr}"
    table = index.cache.get(key)
    if table is None:
        table = defaultdict(list)
        asked_by: dict[int, int] = {
            u.answered_by: i for i, u in enumerate(index.units) if u.answered_by is not None
        }
        for i, u in enumerate(index.units):
            if u.question or not u.statement:
                continue
            mentions = u.mentions
            if not mentions and i in asked_by:
                mentions = index.units[asked_by[i]].mentions
            if not mentions:
                continue
            if attr == "numbers":
                items = [(x.start, x.end, x) for x in u.numbers]
            else:
                items = [(a, b, k) for k, (a, b) in getattr(u, attr).items()]
            for a, b, value in items:
                m = _nearest_mention(mentions, a, b)
                if m is not None:
                    table[m.concept_id].append((value, i))
        index.cache[key] = table
    return table.get(concept_id, [])


def _conditional(text: str, u: Unit, language: str) -> bool:
    """Whether a note clause is conditional or advisory ("If you develop chest pain, …")."""
    from evalkit.text.consultation import dialogue_cues, is_hypothetical

    return is_hypothetical(text[u.start : u.end], dialogue_cues(language))


class ConceptChecker:
    """Lexicon concepts: polarity flips and concepts no reference mentions.

    Raises ``negation``, ``medication``, ``diagnosis`` and ``fabrication`` flags.
    """

    name = "concepts"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        st = _state(context, pair)
        draft_text = pair.ai_note
        final, transcript = st.final, st.transcript
        has_f, has_t = final is not None, transcript is not None
        flags: list[Flag] = []
        contradicted: set[tuple[str, int | None]] = set()
        for ui, u in enumerate(st.draft.units):
            if u.heading:
                continue
            for m in u.mentions:
                cid, neg = m.concept_id, bool(m.negated)
                pol_f = final.concepts.get(cid, set()) if has_f else set()
                pol_t = transcript.concepts.get(cid, set()) if has_t else set()
                in_f = has_f and cid in final.present
                in_t = has_t and cid in transcript.present
                support_f, support_t = neg in pol_f, neg in pol_t
                polar = m.category in _POLAR_CATEGORIES
                # a flip needs the opposite polarity in the clauses about the same
                # thing, not anywhere ("no covid exposure" / "covid vaccinations")
                near_f = _local_polarity(final, st.aligned[ui], cid) if has_f else set()
                # what the consultation says about the concept: an explicit
                # statement, or a yes/no question with its reply, by the person
                # who knows (see transcript_verdict)
                verdict_t, said_at = (None, None)
                if (
                    has_t
                    and polar
                    and m.category in _SPOKEN_POLAR_CATEGORIES
                    and not _conditional(draft_text, u, context.language)
                ):
                    kept = support_f or st.endorsed[ui]
                    kind = _section_kind(u.section)
                    if not (kept and kind == "problem"):
                        # an assessment or plan names problems, not how the
                        # patient is today ("Lightheadedness - on meclizine" against
                        # "any dizziness?" - "no, I feel fine"); an examination
                        # finding is the clinician's word, not the patient's
                        category = "finding" if kind == "exam" else m.category
                        verdict_t, said_at = transcript_verdict(
                            transcript, cid, neg, category, kept=kept
                        )
                        if verdict_t == "contradicts" and (cid, said_at) in contradicted:
                            verdict_t = None  # one turn, one flag: the first mention
                        elif verdict_t == "contradicts":
                            contradicted.add((cid, said_at))
                if verdict_t == "supports":
                    support_t = True
                elif verdict_t == "contradicts":
                    support_t = False
                # an affirmed mention in a clause with a negation cue the matcher did
                # not attach ("Antibiotika ikke indiceret") has uncertain polarity
                certain = neg or u.negation is None
                flip_f = certain and polar and bool(near_f) and neg not in near_f and not support_f
                flip_t = certain and polar and verdict_t == "contradicts"
                if support_f and not flip_t:
                    if has_t and not in_t and m.category in _SWAP_CATEGORIES:
                        other = self._kept_but_swapped(st, ui, m, context.language)
                        if other is not None:
                            x = self._swapped_regimen(st, u, m)
                            if x is not None:
                                flags.append(
                                    make_flag(
                                        draft_text,
                                        m.start,
                                        m.end,
                                        _CATEGORY_TYPE[m.category],
                                        "transcript gives a dose of "
                                        f"{_quote(transcript.text, x.start, x.end)} instead; "
                                        "kept in the final note",
                                        "transcript",
                                        severity="non-critical",
                                        checker=self.name,
                                    )
                                )
                            else:
                                st.unsupported.append(_claim(m.start, m.end, "concept", other))
                            continue
                    _note_unsupported(st, m, in_t, context.language)
                    continue
                if flip_f or flip_t:
                    if support_t and not flip_f:
                        continue
                    severity = "non-critical" if support_f or support_t else "critical"
                    where = []
                    if flip_f:
                        where.append(f"final note states the opposite{self._near(final, cid)}")
                    if flip_t:
                        where.append(
                            f"transcript states the opposite: {_turn_quote(transcript, said_at)}"
                        )
                    flags.append(
                        make_flag(
                            draft_text,
                            m.start,
                            m.end,
                            "negation",
                            "; ".join(where),
                            _source(flip_f, flip_t, has_f, has_t),
                            severity=severity,
                            checker=self.name,
                        )
                    )
                    continue
                if in_f and not in_t:
                    _note_unsupported(st, m, in_t, context.language)
                if in_f or in_t or m.category not in _CATEGORY_TYPE:
                    continue
                if (has_f and final.supports_words(m.text, context.language)) or (
                    has_t and transcript.supports_words(m.text, context.language)
                ):
                    continue
                if m.category in ("lab", "vital") and u.numbers:
                    continue
                if (
                    _CATEGORY_TYPE[m.category] == "fabrication"
                    and has_f
                    and st.coverage[ui] >= 0.5
                    and not st.endorsed[ui]
                ):
                    # a new symptom inside a statement the clinician kept and
                    # reworded is more often a synonym the lexicon lacks than an
                    # invention; whole new statements are what gets flagged
                    continue
                if _CATEGORY_TYPE[m.category] == "fabrication" and (
                    (has_f and _derived_in(m.text, final, st.aligned[ui]))
                    or (has_t and _derived_in(m.text, transcript, st.related_t[ui]))
                ):
                    # "rødme" reworded as "rød", "opkastninger" as "opkast"
                    continue
                flag_type, severity = _CATEGORY_TYPE[m.category], None
                if neg:
                    # an invented pertinent negative ("no thyromegaly") asserts
                    # nothing present: a minor fabrication
                    flag_type, severity = "fabrication", "non-critical"
                evidence = self._absent_evidence(st, ui, m, has_f, has_t)
                flags.append(
                    make_flag(
                        draft_text,
                        m.start,
                        m.end,
                        flag_type,
                        evidence,
                        _source(False, False, has_f, has_t),
                        severity=severity,
                        checker=self.name,
                    )
                )
        return flags

    def _kept_but_swapped(self, st: _Draft, ui: int, m: Any, language: str) -> str | None:
        """A kept drug the transcript never names while it names another substance.

        Not a flag: the talk does not contradict the drug, it only never names
        it. The reviewer still sees it among the unsupported claims, with the
        substance the talk was about ("desloratadin" in both notes,
        "cetirizin" in the consultation).
        """
        transcript = st.transcript
        if transcript.supports_words(m.text, language):
            return None
        classes = drug_class_ids()
        if m.concept_id in classes:  # "NSAID" is not contradicted by "ibuprofen"
            return None
        named = st.draft.present | (st.final.present if st.final is not None else set())
        related = st.related_t[ui]
        seen = set(related)
        units = related + [i for i in range(len(transcript.units)) if i not in seen]
        for i in units:
            for x in transcript.units[i].mentions:
                if (
                    x.category == m.category
                    and x.concept_id not in named
                    and x.concept_id not in classes
                ):
                    return f"transcript has {_quote(transcript.text, x.start, x.end)} instead"
        return None

    @staticmethod
    def _swapped_regimen(st: _Draft, u: Unit, m: Any) -> Any | None:
        """A kept drug with a dose that the talk replaces by another drug with a dose.

        Explicit enough for a (non-critical) flag: the talk never names the
        draft's drug, and gives a dose for one other drug that neither note
        names ("Du kan tage bilastin, tyve milligram" against "loratadin 10 mg").
        """
        if m.concept_id.startswith("drug:") or not any(
            n.kind in ("dose", "frequency") for n in u.numbers
        ):
            return None  # a word before a dose is a drug name only by its position
        transcript = st.transcript
        named = st.draft.present | (st.final.present if st.final is not None else set())
        classes = drug_class_ids()
        others = {
            x.concept_id: x
            for v in transcript.units
            for x in v.mentions
            if x.category == m.category
            and x.concept_id not in named | classes
            and not x.concept_id.startswith("drug:")
        }
        dosed = [
            x
            for cid, x in others.items()
            if any(
                getattr(n, "kind", "") in ("dose", "frequency", "count")
                for n, _ in _anchored_values(transcript, cid, "numbers")
            )
        ]
        return dosed[0] if len(dosed) == 1 else None

    @staticmethod
    def _near(index: TextIndex, cid: str) -> str:
        for u in index.units:
            for m in u.mentions:
                if m.concept_id == cid:
                    return ": " + _quote(index.text, u.start, u.end)
        return ""

    @staticmethod
    def _absent_evidence(st: _Draft, ui: int, m: Any, has_f: bool, has_t: bool) -> str:
        parts = []
        if has_f:
            instead = [
                x
                for i in st.aligned[ui]
                if st.coverage[ui] >= 0.34
                for x in st.final.units[i].mentions
                if x.category == m.category and x.concept_id not in st.draft.present
            ]
            if instead:
                x = instead[0]
                parts.append(f"final note has {_quote(st.final.text, x.start, x.end)} instead")
            else:
                parts.append("not in final note")
        if has_t:
            parts.append("not mentioned in transcript")
        return "; ".join(parts)


class NumberChecker:
    """Numbers: doses, frequencies, vitals, labs, durations, ages and scores.

    Raises ``dose``, ``number`` and ``severity`` (for scores like 3/10) flags.
    """

    name = "numbers"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        st = _state(context, pair)
        final, transcript = st.final, st.transcript
        has_f, has_t = final is not None, transcript is not None
        flags: list[Flag] = []
        for ui, u in enumerate(st.draft.units):
            if u.heading:
                continue
            medication_unit = any(getattr(m, "category", "") == "medication" for m in u.mentions)
            for n in u.numbers:
                if has_t and self._stated(transcript, n, st.related_t[ui], spoken=True):
                    continue
                # the talk contradicts a value only when it gives another value
                # for the same thing: the drug, test or vital the number belongs to
                spoken = None
                if has_t:
                    anchor = _nearest_mention(u.mentions, n.start, n.end)
                    if anchor is not None:
                        spoken = self._anchored_other(transcript, anchor.concept_id, n)
                    if spoken is None and n.kind == "score":
                        spoken = self._only_score(transcript, n)
                if st.endorsed[ui] or (has_f and self._stated(final, n, st.aligned[ui][:1])):
                    # kept by the clinician: endorsed, so only a non-critical flag
                    # when the transcript states another value for the same thing,
                    # with the same unit (speech drops units and decimals:
                    # "seven" for "7.1" is no explicit contradiction)
                    if spoken is not None and not (
                        (n.unit is not None and spoken.unit == n.unit)
                        or (
                            n.kind == "score"
                            and spoken.kind == "score"
                            and not transcript.supports_number(n)
                        )
                    ):
                        spoken = None
                    if spoken is not None:
                        flags.append(
                            make_flag(
                                pair.ai_note,
                                n.start,
                                n.end,
                                self._type(n, medication_unit),
                                "transcript has "
                                f"{_quote(transcript.text, spoken.start, spoken.end)}; "
                                "kept in the final note",
                                "transcript",
                                severity="non-critical",
                                checker=self.name,
                            )
                        )
                    elif has_t:
                        st.unsupported.append(
                            _claim(n.start, n.end, "number", "value not stated in transcript")
                        )
                    continue
                other_f = self._counterpart(
                    final, st.aligned[ui] if st.coverage[ui] >= 0.34 else [], n
                )
                other_t = spoken if n.kind != "count" else None
                if n.kind == "count" and other_f is None and other_t is None:
                    continue
                flag_type = self._type(n, medication_unit)
                contradicted = other_f is not None or other_t is not None
                critical = contradicted and (
                    flag_type == "dose" or n.kind in ("vital", "lab", "blood_pressure")
                )
                parts = []
                if other_f is not None:
                    parts.append(f"final note has {_quote(final.text, other_f.start, other_f.end)}")
                if other_t is not None:
                    parts.append(
                        f"transcript has {_quote(transcript.text, other_t.start, other_t.end)}"
                    )
                if not parts:
                    parts.append(
                        "value not found in "
                        + " or ".join(
                            x for x, has in (("final note", has_f), ("transcript", has_t)) if has
                        )
                    )
                flags.append(
                    make_flag(
                        pair.ai_note,
                        n.start,
                        n.end,
                        flag_type,
                        "; ".join(parts),
                        _source(other_f is not None, other_t is not None, has_f, has_t),
                        severity="critical" if critical else "non-critical",
                        checker=self.name,
                    )
                )
        return flags

    @staticmethod
    def _only_score(index: TextIndex, n: NumberMention) -> Any | None:
        """The one score the talk gives ("fire ud af ti"), when it is another value."""
        scores = [
            x
            for i, v in enumerate(index.units)
            if v.statement and not v.question
            for x in v.numbers
            if x.kind == "score"
        ]
        values = {_num_key(x.value) for x in scores}
        if len(values) == 1 and not values_match(n, scores[0]):
            return scores[0]
        return None

    @staticmethod
    def _anchored_other(index: TextIndex, concept_id: str, n: NumberMention) -> Any | None:
        """Another value the talk gives for the concept of ``n``, if it never gives ``n``."""
        said = [x for x, _ in _anchored_values(index, concept_id, "numbers")]
        if not said:
            return None
        if any(values_match(n, x) for x in said):
            return None
        if n.kind == "duration" and any(
            x.kind == "duration" and _in_days(x) == _in_days(n) for x in said
        ):
            return None  # "7 dage" is "en uge"
        for x in said:
            same_kind = x.kind == n.kind and (x.unit == n.unit or n.kind in ("count", "score"))
            # speech often drops the unit: "it was thirty-eight five"
            same_kind = same_kind or (x.kind == "count" and n.kind in _UNIT_DROPPED)
            if same_kind:
                return x
        return None

    @staticmethod
    def _type(n: NumberMention, medication_unit: bool) -> str:
        if n.kind == "score":
            return "severity"
        if n.kind in ("dose", "frequency") or (medication_unit and n.kind == "count"):
            return "dose"
        return "number"

    @classmethod
    def _stated(
        cls, index: TextIndex, n: NumberMention, near: list[int], *, spoken: bool = False
    ) -> bool:
        """The text states this value.

        The same value with a unit anywhere counts. A bare number counts for a
        dose only in the related clauses (``near``): "5 mg" is not supported by
        "5 genstande" elsewhere. In speech, which drops units, a bare number
        anywhere counts for other quantities, except that a score, vital or lab
        value the talk gives with its unit and another value ("seks ud af ti")
        is not supported by a stray "tre".
        """
        if not index.supports_number(n):
            return False
        if n.unit is None:
            return True
        keys = {_num_key(n.value)} | (set() if n.value_high is None else {_num_key(n.value_high)})
        if any(
            x.unit is not None and (x.unit == n.unit or values_match(n, x))
            for key in keys
            for x in index.numbers.get(key, ())
        ):
            return True  # the value, or an end of the range, with a unit
        if n.kind == "dose" or not spoken:
            return any(
                x.unit is None and values_match(n, x) for i in near for x in index.units[i].numbers
            )
        if n.kind in _STATED_ONCE:
            return cls._same_unit_anywhere(index, n) is None
        return True

    @staticmethod
    def _same_unit_anywhere(index: TextIndex, n: NumberMention) -> NumberMention | None:
        if n.kind == "duration" and any(
            _in_days(x) == _in_days(n)
            for values in index.numbers.values()
            for x in values
            if x.kind == "duration"
        ):
            return None  # "7 dage" is "en uge"
        for values in index.numbers.values():
            for x in values:
                if x.unit == n.unit and x.kind == n.kind and not values_match(n, x):
                    return x
        return None

    @staticmethod
    def _counterpart(
        index: TextIndex | None,
        units: list[int],
        n: NumberMention,
        *,
        spoken: bool = False,
    ) -> NumberMention | None:
        if index is None:
            return None
        for i in units:
            for x in index.units[i].numbers:
                same_kind = x.kind == n.kind and (x.unit == n.unit or n.kind in ("count", "score"))
                # speech often drops the unit: "it was thirty-eight five"
                same_kind = same_kind or (spoken and x.kind == "count" and n.kind in _UNIT_DROPPED)
                if same_kind and not values_match(n, x):
                    return x
        return None


class _WordGradeChecker:
    """Shared logic of laterality and severity: compare marked words in aligned units."""

    name = ""
    flag_type = ""
    attr = ""

    use_transcript = True

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        st = _state(context, pair)
        final = st.final
        transcript = st.transcript if self.use_transcript else None
        flags: list[Flag] = []
        for ui, u in enumerate(st.draft.units):
            marks = getattr(u, self.attr)
            if not marks:
                continue
            ref_f = self._marks(final, st.aligned[ui] if st.coverage[ui] >= 0.5 else [])
            for value, (s, e) in marks.items():
                spoken = self._contradicted(transcript, u, value, s, e)
                if value in ref_f or st.endorsed[ui]:
                    if spoken is not None and self._said_anywhere(transcript, value):
                        spoken = None  # the talk gives this side or grade too
                    # kept by the clinician: at most non-critical, and only when the
                    # talk gives the same thing another side or grade
                    if spoken is not None:
                        ts, te = spoken
                        flags.append(
                            make_flag(
                                pair.ai_note,
                                s,
                                e,
                                self.flag_type,
                                f"transcript has {_quote(transcript.text, ts, te)}; "
                                "kept in the final note",
                                "transcript",
                                severity="non-critical",
                                checker=self.name,
                            )
                        )
                    elif transcript is not None and self.attr == "sides":
                        if not self._said_anywhere(transcript, value):
                            st.unsupported.append(
                                _claim(s, e, "side", "side not stated in transcript")
                            )
                    continue
                diff_f = bool(ref_f)
                diff_t = spoken is not None
                if not (diff_f or diff_t):
                    continue
                parts = []
                if diff_f:
                    k, (fs, fe) = next(iter(ref_f.items()))
                    parts.append(
                        f"final note has {_quote(final.text, fs, fe)}: "
                        f"{_quote(final.text, *self._unit_span(final, fs))}"
                    )
                if diff_t:
                    ts, te = spoken
                    parts.append(f"transcript has {_quote(transcript.text, ts, te)}")
                flags.append(
                    make_flag(
                        pair.ai_note,
                        s,
                        e,
                        self.flag_type,
                        "; ".join(parts),
                        _source(diff_f, diff_t, final is not None, transcript is not None),
                        severity=None,
                        checker=self.name,
                    )
                )
        return flags

    _OPPOSITE_SIDE = {"R": "L", "L": "R"}

    def _opposite_in_related(
        self, transcript: TextIndex, u: Unit, value: Any
    ) -> tuple[int, int] | None:
        """The opposite side in a related statement, when the talk never says this side.

        For marks the lexicon cannot tie to a concept ("i højre side af maven").
        Only sides, and only right against left.
        """
        opposite = self._OPPOSITE_SIDE.get(value) if self.attr == "sides" else None
        if opposite is None or self._said_anywhere(transcript, value):
            return None
        probe = u.keys | u.stems
        for i, _ in transcript.related(probe, k=3, min_shared=min(2, len(probe))):
            v = transcript.units[i]
            for j in (i, v.answered_by):
                w = transcript.units[j] if j is not None else None
                if w is not None and not w.question and w.statement and opposite in w.sides:
                    return w.sides[opposite]
        return None

    def _said_anywhere(self, index: TextIndex, value: Any) -> bool:
        key = f"said:{self.attr}"
        said = index.cache.get(key)
        if said is None:
            said = index.cache[key] = {k for v in index.units for k in getattr(v, self.attr)}
        return value in said

    def _contradicted(
        self, transcript: TextIndex | None, u: Unit, value: Any, s: int, e: int
    ) -> tuple[int, int] | None:
        """Where the talk gives the thing this mark belongs to another side or grade.

        Sides contradict only right against left ("bilateral" in the note and
        "right" in the talk may both be true); a grade contradicts any other
        grade. The talk must never give the note's value for the same thing.
        """
        if transcript is None:
            return None
        anchor = _nearest_mention(u.mentions, s, e)
        if anchor is None or not _anchored_values(transcript, anchor.concept_id, self.attr):
            return self._opposite_in_related(transcript, u, value)
        said = _anchored_values(transcript, anchor.concept_id, self.attr)
        if not said or any(v == value for v, _ in said):
            return None
        for v, i in said:
            if self.attr == "sides" and v != self._OPPOSITE_SIDE.get(value):
                continue
            where = getattr(transcript.units[i], self.attr).get(v)
            if where is not None:
                return where
        return None

    def _marks(self, index: TextIndex | None, units: list[int]) -> dict:
        out: dict = {}
        if index is None:
            return out
        for i in units:
            for k, v in getattr(index.units[i], self.attr).items():
                out.setdefault(k, v)
        return out

    @staticmethod
    def _unit_span(index: TextIndex, pos: int) -> tuple[int, int]:
        for u in index.units:
            if u.start <= pos < u.end:
                return u.start, u.end
        return pos, pos


class LateralityChecker(_WordGradeChecker):
    """Side words (højre/venstre, right/left, bilateral) that differ from the reference."""

    name = "laterality"
    flag_type = "laterality"
    attr = "sides"


class SeverityChecker(_WordGradeChecker):
    """Intensity words (let/moderat/svær, mild/moderate/severe) that differ from the reference."""

    name = "severity"
    flag_type = "severity"
    attr = "grades"


class QualityChecker(_WordGradeChecker):
    """Evaluative words turned around ("Sover godt" / "Sover dårligt"): a negation flag."""

    name = "quality"
    flag_type = "negation"
    attr = "quality"
    # talk is full of "better", "good" and "fine" about other things
    use_transcript = False


class ClauseChecker:
    """Clause-level fallback for what the lexicon does not cover.

    * **negation**: a content word the draft clause shares with a related
      final-note clause (or transcript sentence) stands in the scope of a
      negation cue on one side only ("Sløret syn" against "Normalt syn",
      "Ingen i husstanden med kløe" against "Partneren har også kløe");
    * **fabrication**: a clause with under a third of its content keys in the
      final note and (with a transcript) under half in the transcript. With a
      lexicon, only clauses with clinical content (a lexicon mention or a
      number) count, so removed courtesy phrases ("Patienten var enig i
      planen") are not flagged; with a transcript, a removed clause of two or
      more content words the talk shares none of is flagged too, unless it
      talks about the consultation itself.

    Clauses that already carry a flag from another check are left alone.
    """

    name = "clauses"

    def check(self, pair: Any, context: CheckContext, existing: Sequence[Flag] = ()) -> list[Flag]:
        st = _state(context, pair)
        final, transcript = st.final, st.transcript
        has_f, has_t = final is not None, transcript is not None
        with_lexicon = context.indexes.get("lexicon", False)
        flags: list[Flag] = []
        for ui, u in enumerate(st.draft.units):
            if u.heading or not (u.keys or u.stems):
                continue
            if any(f.start < u.end and u.start < f.end for f in existing):
                continue
            s, e = _trim_span(pair.ai_note, u.start, u.end)
            flip_f = None if st.endorsed[ui] or not has_f else self._flip(u, final, st.aligned[ui])
            flip_t = None
            if has_t:
                # word-level evidence from talk (a question answered the other
                # way, a sentence with the opposite negation) is loose: it counts
                # only for a clause the clinician did not keep; kept statements
                # are contradicted through their concepts (ConceptChecker)
                kept = st.endorsed[ui] or (has_f and st.coverage[ui] >= 0.5)
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
                    polar = any(m.category in _POLAR_CATEGORIES for m in u.mentions)
                    ask = u.negation is not None and not polar
                    q = self._answered(u, transcript) if ask else None
                    head = _negated_head(pair.ai_note, u, context.language) if q else None
                    if (
                        q is not None
                        and head is not None
                        and q.answer is False
                        and not (q.choice or q.echo)
                        and not _asks_normal(transcript.text, q)
                        and any(_stem_match(head, k[2:]) for k in q.stems)
                    ):
                        flip_t = q
            if flip_f is not None or flip_t is not None:
                parts = []
                if flip_f is not None:
                    parts.append(
                        "final note has the opposite: "
                        f"{_quote(final.text, flip_f.start, flip_f.end)}"
                    )
                if flip_t is not None:
                    parts.append(
                        "transcript has the opposite: "
                        f"{_quote(transcript.text, flip_t.start, flip_t.end)}"
                    )
                critical = flip_f is not None and st.coverage[ui] >= 0.5
                flags.append(
                    make_flag(
                        pair.ai_note,
                        s,
                        e,
                        "negation",
                        "; ".join(parts),
                        _source(flip_f is not None, flip_t is not None, has_f, has_t),
                        severity="critical" if critical else "non-critical",
                        checker=self.name,
                    )
                )
                continue
            if st.endorsed[ui] or not u.keys:
                continue
            if has_f and st.coverage[ui] >= 0.34:
                continue
            t_cov = 1.0
            if has_t:
                t_cov = len(u.keys & set(transcript.postings)) / len(u.keys)
                if t_cov >= 0.5:
                    continue
            if not has_f and (not has_t or len(u.keys) < 3):
                continue
            assessment = u.section in _ASSESSMENT_SECTIONS
            if (
                with_lexicon
                and not (u.mentions or u.numbers)
                and not (assessment or u.section in _EXAM_SECTIONS)
                and not (
                    t_cov == 0.0
                    and len(u.keys) >= 2
                    and not _is_meta(pair.ai_note[u.start : u.end])
                )
            ):
                # outside assessment and findings, a removed clause the lexicon
                # finds nothing in is usually a courtesy phrase
                continue
            if len(u.keys) < 2 and not (u.mentions or assessment):
                continue
            parts = ["clinician removed it from the final note"] if has_f else []
            if has_t:
                parts.append("not supported by the transcript")
            flags.append(
                make_flag(
                    pair.ai_note,
                    s,
                    e,
                    "diagnosis" if assessment else "fabrication",
                    "; ".join(parts),
                    _source(False, False, has_f, has_t),
                    severity="non-critical",
                    checker=self.name,
                )
            )
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
            for stem, pol in u.polarity.items():
                theirs = other.polarity.get(stem)
                if theirs and len(pol) == 1 and len(theirs) == 1:
                    shared += 1
                    flipped += pol != theirs
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
            qa = transcript.cache["qa"] = _QuestionIndex(transcript)
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


_NORMAL_WORDS = frozenset(
    "ok okay fine normal normally alright good fint godt normalt normal".split()
)


def _asks_normal(text: str, q: Unit) -> bool:
    """A question about normality ("are your bowels working OK?"): its yes is a no."""
    return any(w.group().lower() in _NORMAL_WORDS for w in _WORD.finditer(text, q.start, q.end))


def _stem_match(a: str, b: str) -> bool:
    """Same stem, or one contains the other ("stråler" in "udstråling")."""
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def _negated_head(text: str, u: Unit, language: str) -> str | None:
    """Stem of the word a clause's negation is about: the first content word after
    the cue ("uden udstråling", "no problems"), or the word right before a Danish
    "ikke" ("Vågner ikke")."""
    if u.negation is None:
        return None
    stop = _STOPWORDS.get(language, _STOPWORDS["da"])
    cue_start, cue_end = u.negation
    cue = text[cue_start:cue_end].lower()
    if cue in _POST_NEGATION:
        before = [w.group().lower() for w in _WORD.finditer(text, u.start, cue_start)]
        before = [w for w in before if w not in stop]
        if before:
            return _stem(language, before[-1].rstrip("."))
    for w in _WORD.finditer(text, cue_end, u.end):
        word = w.group().lower().rstrip(".")
        if word not in stop and len(word) >= 2:
            return _stem(language, word)
    return None


_META_PREFIXES = tuple(
    """patient konsultation enig informer rådgiv råd instruer vejled aftal forløb spørgsmål
    samtale drøft orienter forklar opfordr anbefal consult agree inform advis advice counsel
    instruct discuss explain question reassur encourag recommend""".split()
)


def _is_meta(text: str) -> bool:
    """The clause talks about the consultation itself ("Patienten var enig i planen").

    Such statements are what clinicians most often delete from AI drafts; a
    deleted one is not a clinical claim the talk failed to support.
    """
    return any(w.group().lower().startswith(_META_PREFIXES) for w in _WORD.finditer(text))


def _derived_in(term: str, index: TextIndex, units: list[int]) -> bool:
    """Every word of ``term`` has a word of the same family in the given units.

    Same family: one word is a prefix of the other (three letters or more:
    *rød* / *rødme*, *opkast* / *opkastninger*, *søvn* / *søvnbesvær*) or the
    two share their first four letters (*hævelse* / *hævet*).
    """
    words = [w.group().lower() for w in _WORD.finditer(term) if len(w.group()) >= 3]
    if not words or not units:
        return False
    theirs = {
        w.group().lower()
        for i in units
        for w in _WORD.finditer(index.text, index.units[i].start, index.units[i].end)
        if len(w.group()) >= 3
    }
    return all(any(_same_family(a, b) for b in theirs) for a in words)


def _same_family(a: str, b: str) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long.startswith(short) or (len(short) >= 4 and long[:4] == short[:4])


class _QuestionIndex:
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


BUILTIN_CHECKERS: tuple[Any, ...] = (
    ConceptChecker(),
    NumberChecker(),
    LateralityChecker(),
    SeverityChecker(),
    QualityChecker(),
)
"""The checks every note gets; :class:`ClauseChecker` runs after them as a fallback."""
_CLAUSE_CHECKER = ClauseChecker()


# --- the family -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HallucinationScore:
    """Hallucination flags of one note.

    Attributes
    ----------
    flags : tuple of Flag
        Sorted by position.
    unsupported : tuple of dict
        Draft claims (a concept, a number, a side) that a transcript was given
        for but never mentions: ``{kind, start, end, text, reason}``. Not
        hallucinations (the clinician may have written them from the
        examination or the record) and not counted in the flag columns.
    """

    flags: tuple[Flag, ...]
    unsupported: tuple[dict[str, Any], ...] = ()

    @property
    def n_unsupported_claims(self) -> int:
        """Number of draft claims the transcript never mentions (not flags)."""
        return len(self.unsupported)

    @property
    def n_hallucination_flags(self) -> int:
        """Number of flags (0 best)."""
        return len(self.flags)

    @property
    def n_critical_flags(self) -> int:
        """Number of critical flags (0 best)."""
        return sum(f.severity == "critical" for f in self.flags)

    @property
    def hallucination_free(self) -> bool:
        """True when there is no flag."""
        return not self.flags

    def as_columns(self) -> dict[str, Any]:
        """The scores as ``{column: value}``."""
        return {
            "hallucination_flags": [f.as_dict() for f in self.flags],
            "n_hallucination_flags": self.n_hallucination_flags,
            "n_critical_flags": self.n_critical_flags,
            "hallucination_free": self.hallucination_free,
            "unsupported_claims": [dict(c) for c in self.unsupported],
            "n_unsupported_claims": self.n_unsupported_claims,
        }


def _matcher_for(options: Mapping[str, Any], language: str) -> Any:
    if "matcher" in options:
        return options["matcher"]
    from evalkit.lexicon.matcher import get_matcher

    # The same matcher as the terms family, user lexicons (--lexicon) included.
    return get_matcher(language, tuple(str(f) for f in options.get("lexicon_files") or ()))


def score_hallucination(
    pair: Any,
    options: Mapping[str, Any] | None = None,
    previous: Mapping[str, Any] | None = None,
) -> HallucinationScore:
    """Flag draft content that the transcript and/or final note do not support.

    Parameters
    ----------
    pair : NotePair
        Normalised texts; ``pair.transcript`` may be ``None``.
    options : dict, optional
        ``matcher`` (a lexicon matcher; default: the shipped one for the
        language, ``None`` to run without a lexicon) and ``checkers`` (extra
        :class:`~evalkit.metrics.checkers.Checker` objects).
    previous : dict, optional
        Results of earlier families (unused by the built-in checks, passed to
        plug-in checkers).

    Returns
    -------
    HallucinationScore

    Examples
    --------
    >>> from evalkit.metrics.note import NotePair
    >>> pair = NotePair.from_raw(
    ...     "Smerter i venstre knæ. Temp 38,5.", "Smerter i højre knæ. Temp 38.5."
    ... )
    >>> s = score_hallucination(pair, {"matcher": None})
    >>> [(f.type, f.text, f.severity) for f in s.flags]
    [('laterality', 'højre', 'critical')]
    """
    opts = dict(options or {})
    language = pair.language if pair.language in ("da", "en") else "da"
    matcher = _matcher_for(opts, language)
    extra = resolve_checkers(opts.get("checkers"))
    has_final = bool(pair.final_note.strip())
    if not extra and not pair.transcript and pair.ai_note == pair.final_note:
        # an unchanged draft with no transcript is endorsed word for word
        return HallucinationScore(())
    indexes: dict[str, Any] = {}
    if has_final and not pair.transcript and not extra:
        # Without a transcript, what the clinician kept word for word is
        # endorsed and never flagged: only the draft's other sentences are
        # indexed (about a sixth of a typical draft).
        final_sentences = split_sentences(pair.final_note)
        kept = {s.text for s in final_sentences}
        draft_sentences = split_sentences(pair.ai_note)
        draft = build_index(
            pair.ai_note, language, matcher, leave_out=kept, sentences=draft_sentences
        )
        if not draft.units:
            # every draft sentence is in the final note: nothing to check
            return HallucinationScore(())
        final = _reference_index(pair.final_note, language, matcher, sentences=final_sentences)
        # drugs named only by the dose after them ("sulfamethizol 400 mg") in the
        # left-out sentences: the final note's copy of those sentences has them
        if any(c.startswith("drug:") for c in final.present):
            both = kept & {s.text for s in draft_sentences}
            spans = [(s.start, s.end) for s in final_sentences if s.text in both]
            draft.present.update(
                x.concept_id
                for u in final.units
                for x in u.mentions
                if x.concept_id.startswith("drug:") and any(a <= u.start < b for a, b in spans)
            )
        indexes["draft"], indexes["final"] = draft, final
    else:
        indexes["draft"] = build_index(pair.ai_note, language, matcher)
        if has_final:
            indexes["final"] = _reference_index(
                pair.final_note, language, matcher, shared=not extra
            )
    if pair.transcript:
        indexes["transcript"] = _reference_index(
            pair.transcript, language, matcher, transcript=True, shared=not extra
        )
    indexes["lexicon"] = matcher is not None
    context = CheckContext(language, opts, dict(previous or {}), indexes)
    if not pair.ai_note.strip() or (not has_final and not pair.transcript):
        found: list[Flag] = []
    else:
        found = [f for c in BUILTIN_CHECKERS for f in c.check(pair, context)]
        found += _CLAUSE_CHECKER.check(pair, context, found)
    for checker in extra:
        for flag in checker.check(pair, context):
            if not isinstance(flag, Flag):
                raise TypeError(
                    f"checker {checker.name!r} returned a {type(flag).__name__}; "
                    "check() must return a list of Flag (build them with make_flag)"
                )
            from evalkit.metrics.checkers import validate_flag

            validate_flag(flag, pair.ai_note)
            found.append(flag)
    merged = tuple(merge_flags(found))
    return HallucinationScore(merged, _unsupported_claims(context, pair.ai_note, merged))


def _unsupported_claims(
    context: CheckContext, draft: str, flags: Sequence[Flag]
) -> tuple[dict[str, Any], ...]:
    """The claims the checks found no transcript support for, minus those flagged."""
    state = context.indexes.get("_state")
    if state is None or not state.unsupported:
        return ()
    seen: set[tuple[int, int]] = set()
    out = []
    for c in sorted(state.unsupported, key=lambda c: (c["start"], c["end"])):
        key = (c["start"], c["end"])
        if key in seen or any(f.start < c["end"] and c["start"] < f.end for f in flags):
            continue
        seen.add(key)
        out.append({**c, "text": draft[c["start"] : c["end"]]})
    return tuple(out)


def hallucination_flags(
    final_note: str,
    ai_note: str,
    *,
    transcript: str | None = None,
    language: str = "da",
    **options: Any,
) -> list[dict[str, Any]]:
    """The ``hallucination_flags`` column for one note (reference first, then draft).

    Examples
    --------
    >>> hallucination_flags("Ingen feber.", "Feber.", matcher=None)[0]["type"]
    'negation'
    """
    from evalkit.metrics.note import NotePair

    pair = NotePair.from_raw(final_note, ai_note, transcript, language)
    return score_hallucination(pair, options).as_columns()["hallucination_flags"]


def _compute(pair: Any, options: dict[str, Any], previous: dict[str, Any]) -> HallucinationScore:
    return score_hallucination(pair, options, previous)


# --- evaluation on labelled cases ------------------------------------------------------


def _overlaps(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def evaluate_flags(
    predicted: Mapping[str, Iterable[Mapping[str, Any]]],
    labelled: Mapping[str, Iterable[Mapping[str, Any]]],
) -> Any:
    """Recall and precision of flags against labelled spans, by type.

    A labelled error is *found* when a predicted flag of the same case
    overlaps its span (any type); a predicted flag is *correct* when it
    overlaps a labelled span. Rows: each type (labelled type for recall,
    predicted type for precision), ``critical`` (labels of
    :data:`~evalkit.metrics.checkers.CRITICAL_TYPES`) and ``overall``.

    Parameters
    ----------
    predicted, labelled : mapping of case id to list of dicts
        Each dict has ``type``, ``start`` and ``end``. Cases missing from
        ``predicted`` count as having no flags.

    Returns
    -------
    pandas.DataFrame
        Columns ``n_labels, found, recall, n_flags, correct, precision``
        (recall/precision NaN when undefined).

    Examples
    --------
    >>> lab = {"a": [{"type": "dose", "start": 6, "end": 12}], "b": []}
    >>> pred = {
    ...     "a": [{"type": "dose", "start": 6, "end": 9}],
    ...     "b": [{"type": "number", "start": 0, "end": 2}],
    ... }
    >>> evaluate_flags(pred, lab).loc["overall", ["recall", "precision"]].tolist()
    [1.0, 0.5]
    """
    import pandas as pd

    rows: dict[str, dict[str, int]] = defaultdict(
        lambda: {"n_labels": 0, "found": 0, "n_flags": 0, "correct": 0}
    )
    for case, labels in labelled.items():
        labels = list(labels)
        preds = list(predicted.get(case, ()))
        for lab in labels:
            hit = any(_overlaps(lab, p) for p in preds)
            keys = [lab["type"], "overall"] + (
                ["critical"] if lab["type"] in CRITICAL_TYPES else []
            )
            for key in keys:
                rows[key]["n_labels"] += 1
                rows[key]["found"] += hit
        for p in preds:
            ok = any(_overlaps(p, lab) for lab in labels)
            for key in (p["type"], "overall"):
                rows[key]["n_flags"] += 1
                rows[key]["correct"] += ok
    extra = [case for case in predicted if case not in labelled]
    if extra:
        raise ValueError(
            f"predicted has cases with no labels: {extra[:5]}; label them (an empty list for "
            "benign-only notes) or drop them from predicted"
        )
    frame = pd.DataFrame.from_dict(rows, orient="index")
    order = [t for t in sorted(frame.index) if t not in ("critical", "overall")]
    order += [t for t in ("critical", "overall") if t in frame.index]
    frame = frame.loc[order]
    frame["recall"] = frame["found"] / frame["n_labels"].where(frame["n_labels"] > 0)
    frame["precision"] = frame["correct"] / frame["n_flags"].where(frame["n_flags"] > 0)
    return frame[["n_labels", "found", "recall", "n_flags", "correct", "precision"]]


def flag_confusion(
    predicted: Mapping[str, Iterable[Mapping[str, Any]]],
    labelled: Mapping[str, Iterable[Mapping[str, Any]]],
) -> Any:
    """Labelled type × predicted type counts for overlapping pairs.

    Labels no flag overlaps are counted in column ``(missed)``; flags that
    overlap no label in row ``(spurious)``.

    Examples
    --------
    >>> lab = {"a": [{"type": "dose", "start": 0, "end": 5}]}
    >>> pred = {"a": [
    ...     {"type": "number", "start": 1, "end": 3}, {"type": "negation", "start": 9, "end": 12},
    ... ]}
    >>> table = flag_confusion(pred, lab)
    >>> int(table.loc["dose", "number"]), int(table.loc["(spurious)", "negation"])
    (1, 1)
    """
    import pandas as pd

    counts: dict[tuple[str, str], int] = defaultdict(int)
    for case, labels in labelled.items():
        labels = list(labels)
        preds = list(predicted.get(case, ()))
        for lab in labels:
            hits = [p for p in preds if _overlaps(lab, p)]
            if not hits:
                counts[(lab["type"], "(missed)")] += 1
            for p in hits:
                counts[(lab["type"], p["type"])] += 1
        for p in preds:
            if not any(_overlaps(p, lab) for lab in labels):
                counts[("(spurious)", p["type"])] += 1
    if not counts:
        return pd.DataFrame(dtype=int)
    series = pd.Series(counts)
    return series.unstack(fill_value=0).astype(int)


FLAG_ITEM_FIELDS = (
    ("type", "str"),
    ("severity", "str"),
    ("start", "int"),
    ("end", "int"),
    ("text", "str"),
    ("evidence", "str"),
    ("source", "str"),
)
"""Fields of each ``hallucination_flags`` item, for the Parquet schema."""

CLAIM_ITEM_FIELDS = (
    ("kind", "str"),
    ("start", "int"),
    ("end", "int"),
    ("text", "str"),
    ("reason", "str"),
)
"""Fields of each ``unsupported_claims`` item, for the Parquet schema."""

for _info in (
    MetricInfo(
        "hallucination_flags",
        "hallucination",
        "Located, typed and graded draft statements the transcript/final note do not support",
        (None, None),
        "none",
        VERSION,
        "list",
        [],
        "hallucination_flags",
        item_fields=FLAG_ITEM_FIELDS,
    ),
    MetricInfo(
        "n_hallucination_flags",
        "hallucination",
        "Number of hallucination flags in the draft",
        (0, None),
        "lower",
        VERSION,
        "int",
        0,
        "n_hallucination_flags",
    ),
    MetricInfo(
        "n_critical_flags",
        "hallucination",
        "Number of critical hallucination flags in the draft",
        (0, None),
        "lower",
        VERSION,
        "int",
        0,
        "n_critical_flags",
    ),
    MetricInfo(
        "hallucination_free",
        "hallucination",
        "True when the draft has no hallucination flag",
        (0, 1),
        "higher",
        VERSION,
        "bool",
        True,
        "hallucination_free",
    ),
    MetricInfo(
        "unsupported_claims",
        "hallucination",
        "Draft claims the transcript never mentions (not hallucination flags)",
        (None, None),
        "none",
        VERSION,
        "list",
        [],
        "unsupported_claims",
        item_fields=CLAIM_ITEM_FIELDS,
    ),
    MetricInfo(
        "n_unsupported_claims",
        "hallucination",
        "Number of draft claims the transcript never mentions",
        (0, None),
        "none",
        VERSION,
        "int",
        0,
        "unsupported_claims",
    ),
):
    register_metric(_info)

register_family("hallucination", _compute, order=30, version=VERSION)
