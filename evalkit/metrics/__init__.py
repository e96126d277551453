"""Per-note metrics and their registry.

Importing this package registers every metric family: ``edit`` always, and
the optional families when their modules are present.
"""

from evalkit.metrics import edit
from evalkit.metrics.edit import EditScore, char_distance, score_edit, wer
from evalkit.metrics.note import NotePair, NoteScore, score_note, score_pair
from evalkit.metrics.registry import (
    MetricInfo,
    get_metric,
    list_families,
    list_metrics,
    metric_versions,
)

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
    "wer",
]
