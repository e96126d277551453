"""Missing medical terms: concepts the clinician wrote that the AI draft lacks.

Both notes are matched against the lexicon of the pair's language
(:mod:`evalkit.lexicon.matcher`). A mention is identified by its concept and
its polarity, so ``ingen feber`` and ``feber`` are different findings while
``Pamol`` and ``paracetamol``, ``BT`` and ``blodtrykket`` are the same.

* ``missing_terms``: one item per (concept, polarity) in the final note that
  has no mention with the same concept and polarity in the draft, at its
  first mention in the final note. A concept also counts as present when the
  draft has it inside a longer term (``penicillin`` in ``penicillin
  allergy``), and a longer term counts as present when the draft has all of
  the shorter terms inside it (``allergies to penicillin``), so word-order
  rewording is not an omission;
* ``n_missing_terms``: the number of those items;
* ``n_final_terms``: distinct (concept, polarity) pairs in the final note;
* ``term_recall``: ``(n_final_terms - n_missing_terms) / n_final_terms`` (1.0
  when the final note has no terms);
* ``added_terms``: the other direction, (concept, polarity) pairs of the draft
  absent from the final note, with offsets into the draft.

Options read by the family (build them once per batch): ``matcher`` (a
:class:`~evalkit.lexicon.Matcher`), ``lexicon`` (a
:class:`~evalkit.lexicon.Lexicon`; its matcher is cached), or ``matchers``
(a :class:`~evalkit.lexicon.matcher.Matchers`, which the engine builds per
chunk from ``lexicon_files``, the user lexicon paths that
``evalkit score --lexicon FILE`` passes). Without any of these the shipped
lexicon of the pair's language is used, plus ``lexicon_files``.

The result keeps the mentions it matched (:attr:`TermScore.matched`), so the
hallucination family reads them from ``previous["terms"]`` instead of
matching the same two texts again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from evalkit.lexicon.cues import language_cues
from evalkit.lexicon.matcher import (
    Matched,
    Matcher,
    Mention,
    mentions_as_dicts,
    resolve_matcher,
)
from evalkit.lexicon.model import Lexicon
from evalkit.lexicon.openvocab import (
    ADJECTIVE_ENDINGS,
    COMMON_ZIPF,
    FINDING_HEADS,
    OPEN_COMPOUND_HEADS,
    SPECIFIC_ZIPF,
    OpenVocabulary,
    is_label,
)
from evalkit.metrics.registry import MetricInfo, register_family, register_metric
from evalkit.schema import DEFAULT_LANGUAGE
from evalkit.text.initialisms import abbreviates
from evalkit.text.normalize import normalize_text

VERSION = "6"

_ITEM_FIELDS = (
    ("term", "str"),
    ("concept_id", "str"),
    ("category", "str"),
    ("start", "int"),
    ("end", "int"),
    ("negated", "bool"),
    ("source", "str"),
)
TERM_CACHE_OPTION = "term_vocabularies"
"""The ``options`` key of the per-batch :class:`TermVocabularies`."""
PAIR_HEAD_CATEGORIES = frozenset({"finding", "symptom"})
"""Lexicon categories of a finding that an anatomy term in front of it makes one term."""
_PAIR_GAP = re.compile(r"[ \t]+")
_HEAD_WORD = re.compile(r"[^\W\d_]+")
_PAIR_WORDS = re.compile(r"[^\W_]+")
# A copula, perhaps an adverb, then a word: what an exam says of a site.
_PREDICATE = re.compile(
    r"[ \t]+(?:is|are|was|were|feels?|looks?|appears?|remains?)[ \t]+"
    r"(?:(?:very|quite|[^\W\d_]+ly)[ \t]+)?([^\W\d_]+)"
)
_MODIFIER = re.compile(r"(?<![\w-])([^\W\d_]+)[ \t]+\Z")
_MODIFIER_REACH = 40
# The word in front of an open compound's head, perhaps hyphen-joined ("low-salt diet").
_COMPOUND_MODIFIER = re.compile(r"(?<![\w-])([^\W\d_]+(?:-[^\W\d_]+){0,3})[ \t]+\Z")
# A sensory examination: the sense, then "to" and the modality tested
# ("sensation intact to light touch", "sensory loss to pinprick").
_MODALITY = re.compile(
    r"\b(?:sensation|sensations|sensory|sensitivity)\b[^.;:\n]{0,30}?\bto[ \t]+"
    r"([^\W\d_]+)(?:[ \t]+([^\W\d_]+))?",
    re.IGNORECASE,
)
_NOT_HEAD_ENDINGS = ("ed", "ing", "ly")
# Every word and the word after it (a lookahead, so the pairs overlap).
_CLINICAL_PAIR = re.compile(r"(?<![\w-])([^\W\d_]+)(?=[ \t]+([^\W\d_]+)(?![\w-]))")
MIN_MODIFIER = 3
"""Fewest letters of the word in front of an open compound's head."""
MEASURE_UNITS: dict[str, tuple[str, ...]] = {
    "en": ("minute", "min", "hour", "hr", "day", "week", "month", "lead", "point"),
}
"""Units that, after a number, make a test protocol of the next word (``24-hour urine``)."""
MAX_HEAD_ZIPF = 5.0
"""Zipf frequency at or above which a word after a clinical modifier is no term's head."""
GENERIC_MODIFIER_ZIPF = 5.5
"""Zipf frequency at or above which a word in front of an open compound's head is generic.

Such a word (``full``, ``good``, ``same``, ``first``), unless it is a lexicon
term, makes no compound (``full strength``); rarer words do (``light
reflex``, ``air entry``, ``grip strength``).
"""


@dataclass(frozen=True, slots=True)
class TermScore:
    """Term comparison of one note pair.

    Attributes
    ----------
    missing_terms : list of dict
        ``{term, concept_id, category, start, end, negated}`` per missing
        (concept, polarity); offsets into the normalised final note.
    n_missing_terms : int
        ``len(missing_terms)``.
    n_final_terms : int
        Distinct (concept, polarity) pairs in the final note.
    term_recall : float
        Share of those present in the draft, in [0, 1], higher is better;
        1.0 when the final note has none.
    added_terms : list of dict
        Draft (concept, polarity) pairs absent from the final note; offsets
        into the normalised draft.
    matched : tuple of Matched
        The lexicon mentions found in the final note and in the draft (not
        a column): later families read them through ``previous``. Empty
        when the score was computed from mentions alone.
    """

    missing_terms: list[dict[str, Any]]
    n_missing_terms: int
    n_final_terms: int
    term_recall: float
    added_terms: list[dict[str, Any]]
    matched: tuple[Matched, ...] = field(default=(), compare=False, repr=False)

    def as_columns(self) -> dict[str, Any]:
        """The scores as ``{column: value}``."""
        return {
            "missing_terms": self.missing_terms,
            "n_missing_terms": self.n_missing_terms,
            "n_final_terms": self.n_final_terms,
            "term_recall": self.term_recall,
            "added_terms": self.added_terms,
        }


def compare_mentions(
    final: list[Mention],
    draft: list[Mention],
    *,
    vocabulary: OpenVocabulary | None = None,
    final_text: str = "",
    draft_text: str = "",
) -> TermScore:
    """Compare the mentions of a final note and a draft by (concept, polarity).

    With an :class:`~evalkit.lexicon.openvocab.OpenVocabulary` and the two
    normalised texts, a lexicon concept the draft lacks still counts as
    present when the draft holds it in another form (stem, synonym, compound
    against its parts) and has no mention of that concept with the other
    polarity; and the final note's open-vocabulary terms (outside the
    lexicon's matches) are compared too.

    Examples
    --------
    >>> f = [Mention(0, 5, "ingen", "sym:fever", "symptom", True)]
    >>> compare_mentions(f, []).term_recall
    0.0
    >>> compare_mentions(f, f).n_missing_terms
    0
    """
    final_first, final_cover, final_counts = _index(final)
    draft_first, draft_cover, draft_counts = _index(draft)
    # (_present's first test inline: most keys are in the other note)
    missing = [
        m
        for key, m in final_first.items()
        if key not in draft_cover and not _present(key, m, draft_cover)
    ]
    added = [
        m
        for key, m in draft_first.items()
        if key not in final_cover and not _present(key, m, final_cover)
    ]
    n_final = len(final_first)
    open_missing: list[dict[str, Any]] = []
    if vocabulary is not None and final_text:
        stems = vocabulary.draft_stems(draft_text)
        missing = _lexicon_lost(missing, final_first, draft_cover, vocabulary, stems)
        # The lexicon rules hold the other way too, so the added terms mirror
        # the missing ones; the open-vocabulary rules below look at the final
        # note only.
        final_words = vocabulary.draft_stems(final_text)
        added = _lexicon_lost(added, draft_first, final_cover, vocabulary, final_words)
        if final_words.initialisms and added:
            held = vocabulary.held_as_initialism
            added = [m for m in added if not held(draft_text, m.start, m.end, final_words)]
        missing += _mentions_lost(final, draft, final_counts, draft_counts, vocabulary, stems)
        at = _ConceptPositions(draft, stems)
        pairs = _pairs_lost(final, final_text, at, missing, vocabulary, stems)
        pairs += _compounds_lost(final, final_text, at, missing, pairs, vocabulary, stems)
        pairs += _qualifiers_lost(final, final_text, at, missing, pairs, vocabulary, stems)
        pairs += _measures_lost(final, final_text, at, missing, pairs, vocabulary, stems)
        pairs += _modalities_lost(final, final_text, pairs, vocabulary, stems)
        n_final += len(pairs)
        covered = bytearray(len(final_text))
        for m in final:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        open_terms = vocabulary.find(final_text, covered, note_words=final_words)
        if open_terms:
            keys = set()
            for term in open_terms:
                if term.key in keys:
                    continue
                keys.add(term.key)
                if not vocabulary.term_present(term, stems):
                    open_missing.append(term.as_dict())
            n_final += len(keys)
        open_missing += pairs
        # A term the draft writes as an initialism ("DTRs") is present.
        if stems.initialisms:
            held = vocabulary.held_as_initialism
            missing = [
                m for m in missing if not held(final_text, m.start, m.end, stems, two_letters=True)
            ]
            open_missing = [
                item
                for item in open_missing
                if not held(final_text, item["start"], item["end"], stems)
            ]
    missing_items = mentions_as_dicts(missing)
    for item in missing_items:
        item["source"] = "lexicon"
    missing_items += open_missing
    missing_items.sort(key=lambda item: item["start"])
    added_items = mentions_as_dicts(added)
    for item in added_items:
        item["source"] = "lexicon"
    added_items.sort(key=lambda item: item["start"])  # in draft order, as missing_terms
    n_missing = len(missing_items)
    return TermScore(
        missing_terms=missing_items,
        n_missing_terms=n_missing,
        n_final_terms=n_final,
        term_recall=(n_final - n_missing) / n_final if n_final else 1.0,
        added_terms=added_items,
    )


def _lexicon_lost(
    lost: list[Mention],
    first: dict[tuple[str, bool], Mention],
    other_cover: set[tuple[str, bool]],
    vocabulary: OpenVocabulary,
    other: Any,
) -> list[Mention]:
    # The lexicon terms of one note that the other note lacks: ``lost`` (not
    # held as a mention or as parts) less those the other note writes in
    # another form, plus longer terms it holds only as parts. Used in both
    # directions (missing and added).
    if lost:
        concepts = {key[0] for key in other_cover}
        lost = [
            m
            for m in lost
            if m.concept_id in concepts or not vocabulary.equivalent_present(m.text, other)
        ]
    return lost + _modifiers_lost(first, other_cover, vocabulary, other)


def _modifiers_lost(
    final_first: dict[tuple[str, bool], Mention],
    draft_cover: set[tuple[str, bool]],
    vocabulary: OpenVocabulary,
    stems: Any,
) -> list[Mention]:
    # A longer term the draft holds only as its parts ("artery" for
    # "coronary artery disease"): present only when the term's own words
    # stand together in the draft, so a lost modifier is an omission.
    lost = []
    for key, m in final_first.items():
        if key in draft_cover or not _present(key, m, draft_cover):
            continue  # held directly, or already missing
        if not vocabulary.equivalent_present(m.text, stems):
            lost.append(m)
    return lost


def _pairs_lost(
    final: list[Mention],
    final_text: str,
    draft: _ConceptPositions,
    missing: list[Mention],
    vocabulary: OpenVocabulary,
    stems: Any,
) -> list[dict[str, Any]]:
    # An anatomy term right before a finding ("calf tenderness", "knee
    # effusion") is one finding: when the draft has both parts but not
    # together (the calf in one sentence, tenderness of the ankle in
    # another), the site of the finding is lost. A pair whose lexicon part
    # is already missing is not reported twice; a lost site before a head
    # word the draft lacks too ("lower extremity strength") loses the
    # finding as well. One item per pair of words.
    heads = FINDING_HEADS.get(vocabulary.language, frozenset())
    if not heads:
        return []
    lost_at = {m.start for m in missing}
    by_start = {m.start: m for m in final}
    items: dict[tuple[str, ...], dict[str, Any]] = {}
    for m in final:
        if m.category != "anatomy":
            continue
        site_lost = m.start in lost_at
        after = _PAIR_GAP.match(final_text, m.end)
        if after is None:
            continue
        head_start = after.end()
        head = by_start.get(head_start)
        if head is not None and head.category in PAIR_HEAD_CATEGORIES:
            if site_lost or head.start in lost_at:
                continue
            end, negated = head.end, head.negated
        else:
            word = _HEAD_WORD.match(final_text, head_start)
            if word is not None and word.group().casefold() not in heads:
                # "calves are tender": an everyday word that is a lexicon
                # finding (stoplisted, so the matcher skips it) said of a site
                word = _PREDICATE.match(final_text, m.end)
                if word is None or word.group(1) not in vocabulary.everyday_findings:
                    continue
                head_start = word.start(1)
            if word is None:
                continue
            said = word.group(word.lastindex or 0).casefold()
            if site_lost and vocabulary.present((said,), "", stems):
                continue
            head, end, negated = None, word.end(), False
        key = tuple(w.casefold() for w in _PAIR_WORDS.findall(final_text, m.start, end))
        if key in items:
            continue
        site = _where(m, m.text, draft, vocabulary, stems)
        finding = _where(head, final_text[head_start:end], draft, vocabulary, stems)
        if vocabulary.near(site, finding, len(key), stems):
            continue
        items[key] = {
            "term": final_text[m.start : end],
            "concept_id": "open:" + " ".join(key),
            "category": "finding",
            "start": m.start,
            "end": end,
            "negated": negated,
            "source": "pair",
        }
    return list(items.values())


def _compound_item(
    text: str, key: tuple[str, ...], category: str, start: int, end: int
) -> dict[str, Any]:
    """One open-vocabulary compound term of the final note (source ``compound``)."""
    return {
        "term": text[start:end],
        "concept_id": "open:" + " ".join(key),
        "category": category,
        "start": start,
        "end": end,
        "negated": False,
        "source": "compound",
    }


def _compounds_lost(
    final: list[Mention],
    final_text: str,
    draft: _ConceptPositions,
    missing: list[Mention],
    pairs: list[dict[str, Any]],
    vocabulary: OpenVocabulary,
    stems: Any,
) -> list[dict[str, Any]]:
    # An English open compound ("gait training", "ejection fraction"): a
    # content word in front of a compound head. The draft holds it only when
    # the two stand together in one sentence; a part already missing is not
    # reported again, nor a span a lexicon term or a pair covers.
    heads = OPEN_COMPOUND_HEADS.get(vocabulary.language, {})
    if not heads:
        return []
    stop = language_cues(vocabulary.language).stopwords
    lost_at = {m.start for m in missing}
    ends = {m.end: m for m in final}
    starts = {m.start: m for m in final}
    taken = bytearray(len(final_text))
    for m in final:
        if m.end - m.start > 0 and " " in m.text:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    for item in pairs:
        taken[item["start"] : item["end"]] = b"\x01" * (item["end"] - item["start"])
    items: dict[tuple[str, ...], dict[str, Any]] = {}
    for word in _head_pattern(vocabulary.language).finditer(final_text):
        category = heads[word.group().casefold()]
        before = _COMPOUND_MODIFIER.search(
            final_text, max(0, word.start() - _MODIFIER_REACH), word.start()
        )
        if before is None:
            continue
        start, end = before.start(1), word.end()
        modifier_word = before.group(1).casefold().rsplit("-", 1)[-1]
        if modifier_word in stop or len(modifier_word) < MIN_MODIFIER:
            continue
        if taken.find(1, start, end) >= 0 or is_label(final_text, start, end):
            continue  # a part of a longer term, or a heading ("Additional Testing:")
        modifier, head = ends.get(before.end(1)), starts.get(word.start())
        if modifier is None and vocabulary.zipf(modifier_word) >= GENERIC_MODIFIER_ZIPF:
            continue  # a very common word that is no term says nothing specific ("full strength")
        if (modifier is not None and modifier.start in lost_at) or (
            head is not None and head.start in lost_at
        ):
            continue
        key = tuple(w.casefold() for w in _PAIR_WORDS.findall(final_text, start, end))
        if key in items:
            continue
        first = _where(modifier, before.group(1), draft, vocabulary, stems)
        second = _where(head, word.group(), draft, vocabulary, stems)
        if vocabulary.near(first, second, len(key), stems):
            continue
        items[key] = _compound_item(final_text, key, category, start, end)
    # A clinical modifier (OpenVocabulary.clinical_modifiers: "anterior",
    # "diabetic") in front of a word that no rule reads makes the two one
    # term ("anterior drawer", "diabetic shoes"), held only together. In
    # front of a lexicon term, the modifier rule (_qualifiers_lost) decides.
    modifiers = vocabulary.clinical_modifiers
    if modifiers:
        covered = bytearray(len(final_text))
        for m in final:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        for pair in _modifier_pairs(final_text, modifiers):
            modifier_word = pair.group(1).casefold()
            modifier_category = modifiers.get(modifier_word)
            head_word = pair.group(2).casefold()
            if modifier_category is None or head_word in stop or len(head_word) < MIN_MODIFIER:
                continue
            start, end = pair.start(1), pair.end(2)
            if covered.find(1, pair.start(2), end) >= 0 or taken.find(1, start, end) >= 0:
                continue
            if (
                head_word.endswith(_NOT_HEAD_ENDINGS)
                or head_word.endswith(ADJECTIVE_ENDINGS.get(vocabulary.language, ()))
                or vocabulary.zipf(head_word) >= MAX_HEAD_ZIPF
            ):
                # a participle or an adverb is no head; a second adjective
                # starts a longer term ("posterior tibial pulse"); a very
                # common word ("side", "right") names no clinical thing
                continue
            modifier = starts.get(start)
            if modifier is not None and (modifier.start in lost_at or " " in modifier.text):
                continue
            key = (modifier_word, head_word)
            if key in items:
                continue
            first = _where(modifier, pair.group(1), draft, vocabulary, stems)
            second = vocabulary.word_positions(head_word, stems)
            if vocabulary.near(first, second, len(key), stems):
                continue
            items[key] = _compound_item(final_text, key, modifier_category, start, end)
    return list(items.values())


def _modifier_pairs(text: str, modifiers: Mapping[str, str]) -> list[re.Match[str]]:
    """The matches of ``_CLINICAL_PAIR`` in ``text`` whose first word folds to a modifier.

    The same matches, in the same order, as filtering ``_CLINICAL_PAIR.finditer``
    by ``modifiers``, without running the pair pattern at every word: only
    the distinct words of the text are folded and looked up, and the pattern
    is tried where a modifier stands.

    Examples
    --------
    >>> pairs = _modifier_pairs("Renal cyst, renal. Anterior drawer", {"renal": "finding"})
    >>> [m.group(1, 2) for m in pairs]
    [('Renal', 'cyst')]
    """
    hits = {w for w in set(_HEAD_WORD.findall(text)) if w.casefold() in modifiers}
    starts = set()
    for word in hits:
        at = text.find(word)
        while at >= 0:
            starts.add(at)
            at = text.find(word, at + 1)
    found = []
    for at in sorted(starts):
        pair = _CLINICAL_PAIR.match(text, at)
        # a whole word only: "renal" at the start of "renally" is another word
        if pair is not None and text[at : pair.end(1)] in hits:
            found.append(pair)
    return found


@functools.lru_cache(maxsize=4)
def _head_pattern(language: str) -> re.Pattern[str]:
    # One search for every open-compound head of the language, as a whole word.
    words = sorted(OPEN_COMPOUND_HEADS[language], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


def _qualifiers_lost(
    final: list[Mention],
    final_text: str,
    draft: _ConceptPositions,
    missing: list[Mention],
    pairs: list[dict[str, Any]],
    vocabulary: OpenVocabulary,
    stems: Any,
) -> list[dict[str, Any]]:
    # A term the draft holds, whose specific modifier in the final note the
    # draft never uses ("seasonal allergies" against "allergies",
    # "intravenous antibiotics" against "antibiotics"): the draft names a
    # broader concept, so the modifier and its term are missing. Specific
    # means rare in general language (OpenVocabulary.is_specific); a word
    # the matcher already read as a term is not a modifier. The draft holds
    # the modifier when it uses the word anywhere (a specific word that is
    # a verb, "denies", "prescribed", is used freely), or an initialism that
    # shortens it next to the term ("IV antibiotics").
    if vocabulary.language not in SPECIFIC_ZIPF:
        return []
    taken = bytearray(len(final_text))
    for m in final:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    for item in pairs:
        taken[item["start"] : item["end"]] = b"\x01" * (item["end"] - item["start"])
    lost_at = {m.start for m in missing}
    items: dict[tuple[str, ...], dict[str, Any]] = {}
    for m in final:
        if m.start in lost_at:
            continue
        before = _MODIFIER.search(final_text, max(0, m.start - _MODIFIER_REACH), m.start)
        if before is None or taken.find(1, before.start(), before.end()) >= 0:
            continue
        word = before.group(1).casefold()
        if not vocabulary.is_specific(word):
            continue
        key = (word, *(w.casefold() for w in _PAIR_WORDS.findall(m.text)))
        if key in items:
            continue
        if vocabulary.word_in(word, stems) or _abbreviated(word, m, draft, vocabulary, stems):
            continue
        items[key] = {
            "term": final_text[before.start(1) : m.end],
            "concept_id": "open:" + " ".join(key),
            "category": m.category,
            "start": before.start(1),
            "end": m.end,
            "negated": m.negated,
            "source": "modifier",
        }
    return list(items.values())


def _measures_lost(
    final: list[Mention],
    final_text: str,
    draft: _ConceptPositions,
    missing: list[Mention],
    pairs: list[dict[str, Any]],
    vocabulary: OpenVocabulary,
    stems: Any,
) -> list[dict[str, Any]]:
    # A number and a unit of time or count in front of a test or a clinical
    # word ("24-hour urine", "48-hour Holter monitor", "2-hour glucose
    # tolerance test") name a protocol of their own: the draft holds it only
    # with the same number next to the word. The word is a lexicon term (its
    # category) or a word no rule reads that is not very common ("lab"); a
    # term already missing is not reported again, nor a span a lexicon term
    # or an earlier rule covers ("12-lead ECG" is a lexicon term).
    units = MEASURE_UNITS.get(vocabulary.language)
    if not units:
        return []
    pattern = _measure_pattern(vocabulary.language)
    stop = language_cues(vocabulary.language).stopwords
    taken = bytearray(len(final_text))
    for m in final:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    for item in pairs:
        taken[item["start"] : item["end"]] = b"\x01" * (item["end"] - item["start"])
    lost_at = {m.start for m in missing}
    starts = {m.start: m for m in final}
    items: dict[tuple[str, ...], dict[str, Any]] = {}
    for found in pattern.finditer(final_text):
        start, head_start = found.start(), found.end()
        if taken.find(1, start, head_start) >= 0:
            continue
        head = starts.get(head_start)
        if head is not None:
            if head.start in lost_at:
                continue
            end, category, surface = head.end, head.category, head.text
        else:
            word = _HEAD_WORD.match(final_text, head_start)
            if word is None:
                continue
            folded = word.group().casefold()
            if folded in stop or len(folded) < MIN_MODIFIER:
                continue
            if vocabulary.zipf(folded) >= MAX_HEAD_ZIPF or taken.find(1, *word.span()) >= 0:
                continue
            end, category, surface = word.end(), "lab", word.group()
        key = tuple(w.casefold() for w in _PAIR_WORDS.findall(final_text, start, end))
        if key in items:
            continue
        number = stems.positions.get(found.group(1), [])
        if number and vocabulary.near(
            number, _where(head, surface, draft, vocabulary, stems), len(key), stems
        ):
            continue
        items[key] = {
            "term": final_text[start:end],
            "concept_id": "open:" + " ".join(key),
            "category": category,
            "start": start,
            "end": end,
            "negated": head.negated if head is not None else False,
            "source": "modifier",
        }
    return list(items.values())


def _modalities_lost(
    final: list[Mention],
    final_text: str,
    pairs: list[dict[str, Any]],
    vocabulary: OpenVocabulary,
    stems: Any,
) -> list[dict[str, Any]]:
    # The modality of a sensory examination ("sensation to light touch",
    # "sensory loss to vibration") is a finding of its own, however common
    # its words: the draft holds it only with its words together. One or
    # two words after "to", not stop words; a lexicon term or an earlier
    # rule's span decides there, and a single rare word is the frequency
    # fallback's. English only (Danish writes "berøringssans", a compound).
    if vocabulary.language != "en" or "sens" not in final_text.casefold():
        return []
    stop = language_cues(vocabulary.language).stopwords
    taken = bytearray(len(final_text))
    for m in final:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    for item in pairs:
        taken[item["start"] : item["end"]] = b"\x01" * (item["end"] - item["start"])
    items: dict[tuple[str, ...], dict[str, Any]] = {}
    for found in _MODALITY.finditer(final_text):
        if found.group(1).casefold() in stop:
            continue
        last = 2 if found.group(2) and found.group(2).casefold() not in stop else 1
        start, end = found.start(1), found.end(last)
        key = tuple(found.group(i).casefold() for i in range(1, last + 1))
        if key in items or taken.find(1, start, end) >= 0:
            continue
        if len(key) == 1 and vocabulary.zipf(key[0]) < COMMON_ZIPF:
            continue
        if vocabulary.present(key, "", stems):
            continue
        items[key] = {
            "term": final_text[start:end],
            "concept_id": "open:" + " ".join(key),
            "category": "finding",
            "start": start,
            "end": end,
            "negated": False,
            "source": "modality",
        }
    return list(items.values())


@functools.lru_cache(maxsize=4)
def _measure_pattern(language: str) -> re.Pattern[str]:
    # A number, a unit (singular or plural), then a space or hyphen before
    # the word it qualifies: "24-hour ", "48 hour ", "2-week ".
    units = "|".join(sorted(map(re.escape, MEASURE_UNITS[language]), key=len, reverse=True))
    return re.compile(r"(?<![\w.,])(\d+)[ -]?(?:" + units + r")s?[ -](?=[^\W\d_])", re.IGNORECASE)


def _abbreviated(
    word: str, m: Mention, draft: _ConceptPositions, vocabulary: OpenVocabulary, stems: Any
) -> bool:
    # Whether the draft shortens the modifier ``word`` to an initialism that
    # stands with the term of ``m`` ("IV antibiotics" for "intravenous
    # antibiotics"), in one sentence, a term's width apart.
    spots = [
        i
        for letters in stems.initialisms
        if abbreviates(letters, word)
        for i in stems.positions.get(letters, ())
    ]
    if not spots:
        return False
    width = 1 + len(_PAIR_WORDS.findall(m.text))
    return vocabulary.near(spots, _where(m, m.text, draft, vocabulary, stems), width, stems)


class _ConceptPositions:
    # The token positions of the draft's mentions by concept, indexed on first use.
    __slots__ = ("_by_concept", "_mentions", "_stems")

    def __init__(self, mentions: list[Mention], stems: Any) -> None:
        self._mentions = mentions
        self._stems = stems
        self._by_concept: dict[str, list[int]] | None = None

    def of(self, concept: str) -> list[int]:
        if self._by_concept is None:
            self._by_concept = {}
            for d in self._mentions:
                at = self._stems.token_index(d.start)
                self._by_concept.setdefault(d.concept_id, []).append(at)
        return self._by_concept.get(concept, [])


def _where(
    mention: Mention | None,
    text: str,
    draft: _ConceptPositions,
    vocabulary: OpenVocabulary,
    stems: Any,
) -> list[int]:
    # Token positions of the draft that hold a part of a pair: a draft
    # mention of the same concept ("legs" for "lower extremity"), or the
    # last word of the part's text in some form.
    positions = list(draft.of(mention.concept_id)) if mention is not None else []
    words = _PAIR_WORDS.findall(text)
    if words:
        positions += vocabulary.word_positions(words[-1].casefold(), stems)
    return positions


def _mentions_lost(
    final: list[Mention],
    draft: list[Mention],
    final_counts: dict[tuple[str, bool], int],
    draft_counts: dict[tuple[str, bool], int],
    vocabulary: OpenVocabulary,
    stems: Any,
) -> list[Mention]:
    # A concept the final note names more often than the draft, in a form
    # the draft never uses ("lower extremity" once and "legs" four times,
    # against "legs" four times): the mentions the draft cannot pair off
    # (same wording first, then any wording) are omissions. Reworded
    # mentions pair off one for one, so a synonym is not one. The counts
    # per (concept, polarity) are _index's; the mentions and the draft's
    # wordings are read only for a concept named more often.
    lost = []
    for key, n_final in final_counts.items():
        n_draft = draft_counts.get(key)
        if n_draft is None or n_final <= n_draft:
            continue
        concept, negated = key
        forms = {
            m.text.casefold() for m in draft if m.concept_id == concept and m.negated == negated
        }
        for m in final:
            if m.concept_id != concept or m.negated != negated:
                continue
            # One item per (concept, polarity), like every missing term.
            if m.text.casefold() not in forms and not vocabulary.equivalent_present(m.text, stems):
                lost.append(m)
                break
    return lost


class TermVocabularies:
    """One :class:`~evalkit.lexicon.openvocab.OpenVocabulary` per (matcher, language), per batch.

    The terms family registers it as a batch option, so the decisions it
    remembers per distinct word live as long as the batch. It also keeps the
    mentions of the last final note matched (:meth:`reference_mentions`): the
    engine scores the drafts of one final note one after another, and a
    mention list is a function of the matcher and the text, so reusing it
    never changes a score.

    Examples
    --------
    >>> from evalkit.lexicon.model import Lexicon, LexiconEntry
    >>> lex = Lexicon([LexiconEntry("feber", "sym:fever", "symptom", "da", "demo")])
    >>> cache = TermVocabularies()
    >>> cache.get(lex, "da") is cache.get(lex, "da")
    True
    """

    def __init__(self) -> None:
        self._built: dict[tuple[int, str], tuple[Lexicon, OpenVocabulary]] = {}
        self._reference: Matched | None = None

    def reference_mentions(self, matcher: Matcher, text: str) -> list[Mention]:
        """``matcher.find(text)`` for a final note, reused while the same one is met again."""
        kept = self._reference
        if kept is not None:
            found = kept.mentions_of(matcher, text)
            if found is not None:
                return found
        found = matcher.find(text)
        self._reference = Matched(matcher, text, tuple(found))
        return found

    def get(self, lexicon: Lexicon, language: str) -> OpenVocabulary:
        """The vocabulary of ``lexicon`` and ``language``, built on first use."""
        key = (id(lexicon), language)
        found = self._built.get(key)
        if found is None or found[0] is not lexicon:
            found = (lexicon, OpenVocabulary(lexicon, language=language))
            self._built[key] = found
        return found[1]


def batch_options() -> dict[str, Any]:
    """Objects the terms family wants built once per batch."""
    return {TERM_CACHE_OPTION: TermVocabularies()}


def score_terms(
    final_note: str,
    ai_note: str,
    *,
    language: str = DEFAULT_LANGUAGE,
    matcher: Matcher | None = None,
    lexicon: Lexicon | None = None,
    vocabularies: TermVocabularies | None = None,
) -> TermScore:
    """Find the medical terms of the final note that the AI draft lacks.

    Parameters
    ----------
    final_note : str
        The note the clinician signed (the reference).
    ai_note : str
        The AI draft.
    language : {"da", "en"}
        Language of the notes; picks the shipped lexicon.
    matcher : Matcher, optional
        A pre-built matcher (fastest for many notes).
    lexicon : Lexicon, optional
        A lexicon to build a matcher from (cached per lexicon object).
    vocabularies : TermVocabularies, optional
        Open-vocabulary detectors to reuse across calls (one per batch).

    Returns
    -------
    TermScore

    Examples
    --------
    >>> from evalkit.lexicon.model import Lexicon, LexiconEntry
    >>> lex = Lexicon([
    ...     LexiconEntry("feber", "sym:fever", "symptom", "da", "demo"),
    ...     LexiconEntry("Pamol", "med:paracetamol", "medication", "da", "demo"),
    ...     LexiconEntry("paracetamol", "med:paracetamol", "medication", "da", "demo"),
    ... ])
    >>> s = score_terms("Ingen feber. Plan: Pamol", "Plan: paracetamol", lexicon=lex)
    >>> [(t["term"], t["negated"]) for t in s.missing_terms], s.term_recall
    ([('feber', True)], 0.5)
    """
    matcher = resolve_matcher({"matcher": matcher, "lexicon": lexicon}, language)
    final_text, draft_text = normalize_text(final_note), normalize_text(ai_note)
    return _score(matcher, final_text, draft_text, vocabularies or TermVocabularies())


def _index(
    mentions: list[Mention],
) -> tuple[dict[tuple[str, bool], Mention], set[tuple[str, bool]], dict[tuple[str, bool], int]]:
    # In one pass: the first mention of each (concept, polarity), the
    # (concept, polarity) pairs a note covers, directly or as a part of a
    # longer term, and the number of mentions of each (concept, polarity).
    first: dict[tuple[str, bool], Mention] = {}
    counts: dict[tuple[str, bool], int] = {}
    parts: set[tuple[str, bool]] = set()
    for m in mentions:
        key = (m.concept_id, m.negated)
        n = counts.get(key)
        if n is None:
            first[key] = m
            counts[key] = 1
        else:
            counts[key] = n + 1
        if m.parts:
            parts.update([(part, m.negated) for part in m.parts])
    parts.update(first)
    return first, parts, counts


def _present(key: tuple[str, bool], mention: Mention, other: set[tuple[str, bool]]) -> bool:
    # Present in the other note: the same concept and polarity, as a mention or
    # inside a longer term, or every part of this term is there
    # ("allergies to penicillin" against "penicillin allergy").
    if key in other:
        return True
    parts = mention.parts
    return bool(parts) and all((part, key[1]) in other for part in parts)


def _compute(pair: Any, options: dict[str, Any], previous: dict[str, Any]) -> TermScore:
    matcher = resolve_matcher(options, pair.language)
    cache = options.get(TERM_CACHE_OPTION)
    if cache is None:
        cache = TermVocabularies()  # a single-note call: nothing to share
    elif not isinstance(cache, TermVocabularies):
        raise TypeError(
            f"options[{TERM_CACHE_OPTION!r}] must be a TermVocabularies, got "
            f"{type(cache).__name__}; leave it out to get a new one"
        )
    return _score(matcher, pair.final_note, pair.ai_note, cache)


def _score(
    matcher: Matcher, final_text: str, draft_text: str, vocabularies: TermVocabularies
) -> TermScore:
    # Both texts matched once; the mentions go with the score for later families.
    final = vocabularies.reference_mentions(matcher, final_text)
    draft = list(final) if draft_text == final_text else matcher.find(draft_text)
    score = compare_mentions(
        final,
        draft,
        vocabulary=vocabularies.get(matcher.lexicon, matcher.language),
        final_text=final_text,
        draft_text=draft_text,
    )
    matched = (
        Matched(matcher, final_text, tuple(final)),
        Matched(matcher, draft_text, tuple(draft)),
    )
    # (built directly: dataclasses.replace reads the fields of the class every time)
    return TermScore(
        score.missing_terms,
        score.n_missing_terms,
        score.n_final_terms,
        score.term_recall,
        score.added_terms,
        matched,
    )


for _info in (
    MetricInfo(
        "missing_terms",
        "terms",
        "Concepts (with polarity) in the final note that the draft lacks, at first mention",
        (None, None),
        "none",
        VERSION,
        "list",
        [],
        "missing_terms",
        item_fields=_ITEM_FIELDS,
    ),
    MetricInfo(
        "n_missing_terms",
        "terms",
        "Number of (concept, polarity) pairs of the final note absent from the draft",
        (0, None),
        "lower",
        VERSION,
        "int",
        0,
        "n_missing_terms",
    ),
    MetricInfo(
        "n_final_terms",
        "terms",
        "Distinct (concept, polarity) pairs mentioned in the final note",
        (0, None),
        "none",
        VERSION,
        "int",
        None,
        "n_final_terms",
    ),
    MetricInfo(
        "term_recall",
        "terms",
        "Share of the final note's (concept, polarity) pairs present in the draft; 1 if none",
        (0, 1),
        "higher",
        VERSION,
        "float",
        1.0,
        "term_recall",
    ),
    MetricInfo(
        "added_terms",
        "terms",
        "Concepts (with polarity) in the draft that the final note lacks; offsets into the draft",
        (None, None),
        "none",
        VERSION,
        "list",
        [],
        "added_terms",
        item_fields=_ITEM_FIELDS,
    ),
):
    register_metric(_info)

register_family(
    "terms",
    _compute,
    order=20,
    version=VERSION,
    reads_transcript=False,
    batch_options=batch_options,
    reads_lexicon=True,
)
