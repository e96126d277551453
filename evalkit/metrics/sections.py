"""Per-section scores: where in the note the clinician edited, dropped terms, or found flags.

Both notes are cut into sections and paired with
:func:`evalkit.text.sections.align_sections` (canonical SOAP sections; unheaded
text placed by content). For each paired section the edit metrics of
:func:`evalkit.metrics.edit.score_edit` are computed on the two section texts
(headings left out), and the missing terms and hallucination flags of the
families that ran before are attributed to sections by their offsets: a missing
term to the final-note section its start lies in, a flag to the draft section
its start lies in.

The column ``section_scores`` holds one item per section::

    {section, alignment, char_distance, wer, unchanged, n_missing_terms, n_hallucination_flags}

``n_missing_terms`` and ``n_hallucination_flags`` are empty (``None``) when the
``terms`` or ``hallucination`` family did not run.

Options read by the family: ``section_map`` (a
:class:`~evalkit.text.sections.SectionMap`) or ``section_files`` (user TOML
files added to the shipped map, as ``evalkit score --sections FILE`` passes
them). Without either, the shipped map is used.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from evalkit.metrics.edit import edit_core
from evalkit.metrics.registry import MetricInfo, register_family, register_metric
from evalkit.text.sections import AlignedSection, SectionMap, align_sections, load_section_map

VERSION = "1"

SECTION_ITEM_FIELDS = (
    ("section", "str"),
    ("alignment", "str"),
    ("char_distance", "int"),
    ("wer", "float"),
    ("unchanged", "bool"),
    ("n_missing_terms", "int"),
    ("n_hallucination_flags", "int"),
)
"""Fields of each ``section_scores`` item, in order."""


@dataclass(frozen=True, slots=True)
class SectionScores:
    """Per-section scores of one note pair.

    Attributes
    ----------
    sections : tuple of dict
        One ``{section, alignment, char_distance, wer, unchanged,
        n_missing_terms, n_hallucination_flags}`` per aligned section, in
        canonical order.
    """

    sections: tuple[dict[str, Any], ...]

    def as_columns(self) -> dict[str, Any]:
        """The scores as ``{column: value}``."""
        return {"section_scores": [dict(s) for s in self.sections]}


def _locator(spans_by_section: list[tuple[tuple[int, int], ...]]):
    starts: list[int] = []
    owner: list[tuple[int, int]] = []
    for index, spans in enumerate(spans_by_section):
        for start, end in spans:
            starts.append(start)
            owner.append((index, end))
    order = sorted(range(len(starts)), key=starts.__getitem__)
    starts = [starts[i] for i in order]
    owner = [owner[i] for i in order]

    def section_of(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return None
        index, end = owner[i]
        return index if offset < end else None

    return section_of


def _count(offsets: list[int], spans_by_section, n: int) -> list[int]:
    counts = [0] * n
    if offsets:
        section_of = _locator(spans_by_section)
        for offset in offsets:
            index = section_of(offset)
            if index is not None:
                counts[index] += 1
    return counts


def score_sections(
    final_note: str,
    ai_note: str,
    *,
    section_map: SectionMap | None = None,
    missing_term_starts: list[int] | None = None,
    flag_starts: list[int] | None = None,
) -> SectionScores:
    """Score each section of a note pair.

    Parameters
    ----------
    final_note : str
        The signed note (the reference), normalised.
    ai_note : str
        The AI draft, normalised.
    section_map : SectionMap, optional
        Heading map (default: the shipped one).
    missing_term_starts : list of int, optional
        Start offsets (into ``final_note``) of the missing terms; ``None``
        leaves ``n_missing_terms`` empty.
    flag_starts : list of int, optional
        Start offsets (into ``ai_note``) of the hallucination flags; ``None``
        leaves ``n_hallucination_flags`` empty.

    Returns
    -------
    SectionScores

    Examples
    --------
    >>> final = "S: ondt i halsen\\nO: røde tonsiller\\nP: penicillin"
    >>> draft = "S: ondt i halsen\\nO: røde tonsiller\\nP: amoxicillin"
    >>> s = score_sections(final, draft, missing_term_starts=[38], flag_starts=[])
    >>> [(x["section"], x["wer"], x["unchanged"], x["n_missing_terms"]) for x in s.sections]
    [('subjective', 0.0, True, 0), ('objective', 0.0, True, 0), ('plan', 1.0, False, 1)]
    """
    aligned: list[AlignedSection] = align_sections(final_note, ai_note, section_map=section_map)
    n = len(aligned)
    missing = (
        None
        if missing_term_starts is None
        else _count(missing_term_starts, [a.final_spans for a in aligned], n)
    )
    flags = (
        None if flag_starts is None else _count(flag_starts, [a.draft_spans for a in aligned], n)
    )
    items = []
    for i, a in enumerate(aligned):
        if a.final_text == a.draft_text:
            distance, wer, unchanged = 0, 0.0, True  # what score_edit gives, without aligning
        else:
            distance, wer, unchanged = edit_core(a.final_text, a.draft_text)
        items.append(
            {
                "section": a.section,
                "alignment": a.alignment,
                "char_distance": distance,
                "wer": wer,
                "unchanged": unchanged,
                "n_missing_terms": None if missing is None else missing[i],
                "n_hallucination_flags": None if flags is None else flags[i],
            }
        )
    return SectionScores(tuple(items))


def _section_map(options: dict[str, Any]) -> SectionMap:
    if options.get("section_map") is not None:
        return options["section_map"]
    return load_section_map(options.get("section_files") or ())


def _compute(pair: Any, options: dict[str, Any], previous: dict[str, Any]) -> SectionScores:
    terms = previous.get("terms")
    halluc = previous.get("hallucination")
    return score_sections(
        pair.final_note,
        pair.ai_note,
        section_map=_section_map(options),
        missing_term_starts=None
        if terms is None
        else [int(t["start"]) for t in terms.missing_terms],
        flag_starts=None if halluc is None else [int(f.start) for f in halluc.flags],
    )


register_metric(
    MetricInfo(
        "section_scores",
        "sections",
        "Per canonical section (subjective, objective, assessment, plan, other): edit distance, "
        "WER, unchanged, missing terms and hallucination flags located in it",
        (None, None),
        "none",
        VERSION,
        "list",
        None,
        "section_scores",
        item_fields=SECTION_ITEM_FIELDS,
    )
)

register_family("sections", _compute, order=40, version=VERSION, reads_transcript=False)
