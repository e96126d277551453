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
:class:`~evalkit.lexicon.Lexicon`; its matcher is cached), or
``lexicon_files`` (user lexicon paths added to the shipped lexicon, as
``evalkit score --lexicon FILE`` passes them). Without any of these the
shipped lexicon of the pair's language is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evalkit.lexicon.matcher import Matcher, Mention, get_matcher, mentions_as_dicts
from evalkit.lexicon.model import Lexicon
from evalkit.lexicon.openvocab import OpenVocabulary
from evalkit.metrics.registry import MetricInfo, register_family, register_metric
from evalkit.text.normalize import normalize_text

VERSION = "2"

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
_MATCHERS: dict[tuple[int, str], tuple[Lexicon, Matcher]] = {}


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
    """

    missing_terms: list[dict[str, Any]]
    n_missing_terms: int
    n_final_terms: int
    term_recall: float
    added_terms: list[dict[str, Any]]

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
    final_first, final_cover = _index(final)
    draft_first, draft_cover = _index(draft)
    missing = [m for key, m in final_first.items() if not _present(key, m, draft_cover)]
    added = [m for key, m in draft_first.items() if not _present(key, m, final_cover)]
    n_final = len(final_first)
    open_missing: list[dict[str, Any]] = []
    if vocabulary is not None and final_text:
        stems = vocabulary.draft_stems(draft_text)
        if missing:
            draft_concepts = {key[0] for key in draft_cover}
            missing = [
                m
                for m in missing
                if m.concept_id in draft_concepts
                or not vocabulary.equivalent_present(m.text, stems)
            ]
        missing += _modifiers_lost(final_first, draft_cover, vocabulary, stems)
        missing += _mentions_lost(final, draft, vocabulary, stems)
        covered = bytearray(len(final_text))
        for m in final:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        open_terms = vocabulary.find(final_text, covered)
        if open_terms:
            keys = set()
            for term in open_terms:
                if term.key in keys:
                    continue
                keys.add(term.key)
                if not vocabulary.present(term.key, draft_text, stems):
                    open_missing.append(term.as_dict())
            n_final += len(keys)
    missing_items = mentions_as_dicts(missing)
    for item in missing_items:
        item["source"] = "lexicon"
    missing_items += open_missing
    missing_items.sort(key=lambda item: item["start"])
    added_items = mentions_as_dicts(added)
    for item in added_items:
        item["source"] = "lexicon"
    n_missing = len(missing_items)
    return TermScore(
        missing_terms=missing_items,
        n_missing_terms=n_missing,
        n_final_terms=n_final,
        term_recall=(n_final - n_missing) / n_final if n_final else 1.0,
        added_terms=added_items,
    )


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


def _mentions_lost(
    final: list[Mention], draft: list[Mention], vocabulary: OpenVocabulary, stems: Any
) -> list[Mention]:
    # A concept the final note names more often than the draft, in a form
    # the draft never uses ("lower extremity" once and "legs" four times,
    # against "legs" four times): the mentions the draft cannot pair off
    # (same wording first, then any wording) are omissions. Reworded
    # mentions pair off one for one, so a synonym is not one.
    by_key: dict[tuple[str, bool], list[Mention]] = {}
    for m in final:
        by_key.setdefault((m.concept_id, m.negated), []).append(m)
    counts: dict[tuple[str, bool], list[str]] = {}
    for m in draft:
        counts.setdefault((m.concept_id, m.negated), []).append(m.text.casefold())
    lost = []
    for key, mentions in by_key.items():
        draft_forms = counts.get(key)
        if draft_forms is None or len(mentions) <= len(draft_forms):
            continue
        forms = set(draft_forms)
        for m in mentions:
            # One item per (concept, polarity), like every missing term.
            if m.text.casefold() not in forms and not vocabulary.equivalent_present(m.text, stems):
                lost.append(m)
                break
    return lost


class TermVocabularies:
    """One :class:`~evalkit.lexicon.openvocab.OpenVocabulary` per (matcher, language), per batch.

    The terms family registers it as a batch option, so the decisions it
    remembers per distinct word live as long as the batch.

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
    language: str = "da",
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
    matcher = _resolve_matcher(language, matcher, lexicon)
    final_text, draft_text = normalize_text(final_note), normalize_text(ai_note)
    vocabulary = (vocabularies or TermVocabularies()).get(matcher.lexicon, matcher.language)
    return compare_mentions(
        matcher.find(final_text),
        matcher.find(draft_text),
        vocabulary=vocabulary,
        final_text=final_text,
        draft_text=draft_text,
    )


def _index(
    mentions: list[Mention],
) -> tuple[dict[tuple[str, bool], Mention], set[tuple[str, bool]]]:
    # In one pass: the first mention of each (concept, polarity), and the
    # (concept, polarity) pairs a note covers, directly or as a part of a
    # longer term.
    first: dict[tuple[str, bool], Mention] = {}
    parts: set[tuple[str, bool]] = set()
    for m in mentions:
        key = (m.concept_id, m.negated)
        if key not in first:
            first[key] = m
        if m.parts:
            parts.update([(part, m.negated) for part in m.parts])
    parts.update(first)
    return first, parts


def _present(key: tuple[str, bool], mention: Mention, other: set[tuple[str, bool]]) -> bool:
    # Present in the other note: the same concept and polarity, as a mention or
    # inside a longer term, or every part of this term is there
    # ("allergies to penicillin" against "penicillin allergy").
    if key in other:
        return True
    parts = mention.parts
    return bool(parts) and all((part, key[1]) in other for part in parts)


def _resolve_matcher(
    language: str,
    matcher: Matcher | None,
    lexicon: Lexicon | None,
    lexicon_files: tuple[str, ...] = (),
) -> Matcher:
    if matcher is not None:
        if not isinstance(matcher, Matcher):
            raise TypeError(
                f"option 'matcher' must be an evalkit Matcher, got {type(matcher).__name__}"
            )
        if matcher.language == language:
            return matcher
        lexicon = matcher.lexicon
    if lexicon is None:
        return get_matcher(language, tuple(str(f) for f in lexicon_files))
    key = (id(lexicon), language)
    cached = _MATCHERS.get(key)
    if cached is None or cached[0] is not lexicon:
        if len(_MATCHERS) > 32:
            _MATCHERS.clear()
        cached = (lexicon, Matcher(lexicon, language=language))
        _MATCHERS[key] = cached
    return cached[1]


def _compute(pair: Any, options: dict[str, Any], previous: dict[str, Any]) -> TermScore:
    matcher = _resolve_matcher(
        pair.language,
        options.get("matcher"),
        options.get("lexicon"),
        tuple(options.get("lexicon_files") or ()),
    )
    cache = options.get(TERM_CACHE_OPTION)
    if cache is None:
        cache = TermVocabularies()  # a single-note call: nothing to share
    elif not isinstance(cache, TermVocabularies):
        raise TypeError(
            f"options[{TERM_CACHE_OPTION!r}] must be a TermVocabularies, got "
            f"{type(cache).__name__}; leave it out to get a new one"
        )
    return compare_mentions(
        matcher.find(pair.final_note),
        matcher.find(pair.ai_note),
        vocabulary=cache.get(matcher.lexicon, matcher.language),
        final_text=pair.final_note,
        draft_text=pair.ai_note,
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
)
