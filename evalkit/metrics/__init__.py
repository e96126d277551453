"""Per-note metrics and their registry.

Importing this package registers every metric family: ``edit`` always, and
the optional families when their modules are present.
"""

from evalkit.metrics import edit, hallucination, sections, terms
from evalkit.metrics.checkers import CheckContext, Checker, Flag, make_flag
from evalkit.metrics.edit import EditScore, char_distance, score_edit, wer
from evalkit.metrics.hallucination import (
    HallucinationScore,
    evaluate_flags,
    hallucination_flags,
    score_hallucination,
)
from evalkit.metrics.note import NotePair, NoteScore, score_note, score_pair
from evalkit.metrics.registry import (
    MetricInfo,
    get_metric,
    list_families,
    list_metrics,
    metric_versions,
)
from evalkit.metrics.sections import SectionScores, score_sections
from evalkit.metrics.terms import TermScore, score_terms

__all__ = [
    "EditScore",
    "MetricInfo",
    "NotePair",
    "NoteScore",
    "char_distance",
    "edit",
    "get_metric",
    "list_families",
    "list_metrics",
    "metric_versions",
    "score_edit",
    "score_note",
    "score_pair",
    "score_terms",
    "terms",
    "TermScore",
    "wer",
    "CheckContext",
    "Checker",
    "Flag",
    "HallucinationScore",
    "evaluate_flags",
    "hallucination",
    "hallucination_flags",
    "make_flag",
    "score_hallucination",
    "SectionScores",
    "score_sections",
    "sections",
]
