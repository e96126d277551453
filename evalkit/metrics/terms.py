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
from evalkit.metrics.registry import MetricInfo, register_family, register_metric
from evalkit.text.normalize import normalize_text

VERSION = "1"

_ITEM_FIELDS = (
    ("term", "str"),
    ("concept_id", "str"),
    ("category", "str"),
    ("start", "int"),
    ("end", "int"),
    ("negated", "bool"),
)
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


def compare_mentions(final: list[Mention], draft: list[Mention]) -> TermScore:
    """Compare the mentions of a final note and a draft by (concept, polarity).

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
    return TermScore(
        missing_terms=mentions_as_dicts(missing),
        n_missing_terms=len(missing),
        n_final_terms=n_final,
        term_recall=(n_final - len(missing)) / n_final if n_final else 1.0,
        added_terms=mentions_as_dicts(added),
    )


def score_terms(
    final_note: str,
    ai_note: str,
    *,
    language: str = "da",
    matcher: Matcher | None = None,
    lexicon: Lexicon | None = None,
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
    final = matcher.find(normalize_text(final_note))
    draft = matcher.find(normalize_text(ai_note))
    return compare_mentions(final, draft)


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
    return compare_mentions(matcher.find(pair.final_note), matcher.find(pair.ai_note))


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

register_family("terms", _compute, order=20, version=VERSION, reads_transcript=False)
