"""The ``hallucination`` family: runs the checks on a note and registers the columns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evalkit.lexicon.matcher import Matched, Matcher, Mention, resolve_matcher
from evalkit.metrics.checkers import CheckContext, Flag, merge_flags, resolve_checkers
from evalkit.metrics.hallucination.antonyms import AntonymChecker
from evalkit.metrics.hallucination.cache import IndexCache
from evalkit.metrics.hallucination.certainty import CertaintyChecker
from evalkit.metrics.hallucination.clauses import ClauseChecker
from evalkit.metrics.hallucination.concepts import ConceptChecker
from evalkit.metrics.hallucination.config import config_hash
from evalkit.metrics.hallucination.grades import (
    LateralityChecker,
    QualityChecker,
    ScaleChecker,
    SeverityChecker,
    drop_numbers_in_grades,
)
from evalkit.metrics.hallucination.index import TextIndex, build_index
from evalkit.metrics.hallucination.numbers import NumberChecker
from evalkit.metrics.hallucination.regimens import RegimenChecker
from evalkit.metrics.hallucination.support import SupportChecker
from evalkit.metrics.registry import MetricInfo, register_family, register_metric
from evalkit.schema import DEFAULT_LANGUAGE, check_language
from evalkit.text.segment import Span, split_sentences

__all__ = [
    "BUILTIN_CHECKERS",
    "CLAIM_ITEM_FIELDS",
    "FLAG_ITEM_FIELDS",
    "INDEX_CACHE_OPTION",
    "VERSION",
    "HallucinationScore",
    "hallucination_flags",
    "score_hallucination",
]

VERSION = "7"

INDEX_CACHE_OPTION = "index_cache"
"""The ``options`` key of the :class:`IndexCache` a batch shares between its notes."""


def batch_options() -> dict[str, Any]:
    """Objects the family wants built once per batch: a new :class:`IndexCache`."""
    return {INDEX_CACHE_OPTION: IndexCache()}


def _index_cache(options: Mapping[str, Any]) -> IndexCache:
    cache = options.get(INDEX_CACHE_OPTION)
    if cache is None:
        return IndexCache()  # a single-note call: nothing to share
    if not isinstance(cache, IndexCache):
        raise TypeError(
            f"options[{INDEX_CACHE_OPTION!r}] must be an IndexCache, got {type(cache).__name__}; "
            "leave it out to get a new one"
        )
    return cache


def _reference_index(
    cache: IndexCache,
    text: str,
    language: str,
    matcher: Any,
    *,
    transcript: bool = False,
    sentences: list[Span] | None = None,
    shared: bool = True,
    mentions: list[Mention] | None = None,
) -> TextIndex:
    """:func:`build_index` of a final note or transcript, kept in ``cache`` for the next pairs.

    The built-in checks only read an index (the one lookup they add to its
    ``cache`` dict is derived from it), so a reused index gives the same
    flags; plug-in checkers get indexes of their own (``shared=False``).
    """
    key = (transcript, language, matcher, text)
    index = cache.reference(key) if shared else None
    if index is None:
        index = build_index(
            text,
            language,
            matcher,
            transcript=transcript,
            sentences=sentences,
            cache=cache,
            mentions=mentions,
        )
        if shared:
            cache.keep(key, index)
    return index


BUILTIN_CHECKERS: tuple[Any, ...] = (
    ConceptChecker(),
    NumberChecker(),
    RegimenChecker(),
    AntonymChecker(),
    LateralityChecker(),
    SeverityChecker(),
    ScaleChecker(),
    QualityChecker(),
    CertaintyChecker(),
)
"""The checks every note gets; :class:`ClauseChecker` and then :class:`SupportChecker`
run after them as fallbacks, on clauses no earlier check flagged."""
_CLAUSE_CHECKER = ClauseChecker()
_SUPPORT_CHECKER = SupportChecker()


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


def _matcher_for(options: Mapping[str, Any], language: str) -> Matcher | None:
    if "matcher" in options and options["matcher"] is None:
        return None  # the checks without a lexicon
    # The same rule, hence the same matcher, as the terms family: the caller's
    # matcher or lexicon (options["lexicon"]), else the batch's (--lexicon files).
    return resolve_matcher(options, language)


def _matched_before(previous: Mapping[str, Any] | None) -> tuple[Matched, ...]:
    """The texts the terms family matched (``previous["terms"].matched``), if it ran."""
    terms = (previous or {}).get("terms")
    matched = getattr(terms, "matched", ())
    return matched if isinstance(matched, tuple) else ()


def _mentions_of(matched: tuple[Matched, ...], matcher: Any, text: str) -> list[Mention] | None:
    for item in matched:
        found = item.mentions_of(matcher, text)
        if found is not None:
            return found
    return None


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
        ``matcher`` (a lexicon matcher; default: the language's one from
        ``matchers``, the batch's :class:`~evalkit.lexicon.matcher.Matchers`,
        or else the shipped lexicon's; ``None`` to run without a lexicon),
        ``checkers`` (extra
        :class:`~evalkit.metrics.checkers.Checker` objects) and
        ``index_cache`` (an :class:`IndexCache` shared by the notes of a
        batch; the engine makes one per chunk; default a new one).
    previous : dict, optional
        Results of earlier families: the terms family's mentions of the final
        note and the draft (``previous["terms"].matched``) are reused when
        they come from the same matcher; all of it is passed to plug-in
        checkers.

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
    language = check_language(pair.language, what="score_hallucination: the pair's language")
    matcher = _matcher_for(opts, language)
    cache = _index_cache(opts)
    matched = _matched_before(previous) if matcher is not None else ()
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
            pair.ai_note,
            language,
            matcher,
            leave_out=kept,
            sentences=draft_sentences,
            cache=cache,
            mentions=_mentions_of(matched, matcher, pair.ai_note),
        )
        if not draft.units:
            # every draft sentence is in the final note: nothing to check
            return HallucinationScore(())
        final = _reference_index(
            cache,
            pair.final_note,
            language,
            matcher,
            sentences=final_sentences,
            mentions=_mentions_of(matched, matcher, pair.final_note),
        )
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
        indexes["final_sentences"] = final_sentences
    else:
        indexes["draft"] = build_index(
            pair.ai_note,
            language,
            matcher,
            cache=cache,
            mentions=_mentions_of(matched, matcher, pair.ai_note),
        )
        if has_final:
            indexes["final"] = _reference_index(
                cache,
                pair.final_note,
                language,
                matcher,
                shared=not extra,
                mentions=_mentions_of(matched, matcher, pair.final_note),
            )
    if pair.transcript:
        indexes["transcript"] = _reference_index(
            cache, pair.transcript, language, matcher, transcript=True, shared=not extra
        )
    indexes["lexicon"] = matcher is not None
    indexes["matcher"] = matcher
    context = CheckContext(language, opts, dict(previous or {}), indexes)
    if not pair.ai_note.strip() or (not has_final and not pair.transcript):
        found: list[Flag] = []
    else:
        found = drop_numbers_in_grades(
            [f for c in BUILTIN_CHECKERS for f in c.check(pair, context)]
        )
        found += _CLAUSE_CHECKER.check(pair, context, found)
        found += _SUPPORT_CHECKER.check(pair, context, found)
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
    state = context.indexes.get("draft_state")
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
    language: str = DEFAULT_LANGUAGE,
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

register_family(
    "hallucination",
    _compute,
    order=30,
    version=VERSION,
    config=f"config:{config_hash()}",
    batch_options=batch_options,
    reads_lexicon=True,
)
