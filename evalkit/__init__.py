"""evalkit: offline evaluation of AI-drafted clinical notes against the notes clinicians sign.

The public API, by step:

* read: :func:`read_notes`
* score: :func:`score` (a DataFrame of notes), :func:`score_file` (streaming),
  :func:`score_note` (one pair), :func:`wer`, :func:`char_distance`
* metrics registry: :func:`list_metrics`, :func:`get_metric`
"""

from evalkit._version import __version__
from evalkit.engine import RunSummary, score, score_file
from evalkit.io import InputError, read_notes
from evalkit.lexicon import Lexicon, Matcher, find_terms, load_lexicon
from evalkit.metrics import (
    EditScore,
    NoteScore,
    char_distance,
    get_metric,
    list_metrics,
    metric_versions,
    score_note,
    wer,
)

__all__ = [
    "EditScore",
    "InputError",
    "Lexicon",
    "Matcher",
    "NoteScore",
    "RunSummary",
    "__version__",
    "char_distance",
    "find_terms",
    "get_metric",
    "list_metrics",
    "load_lexicon",
    "metric_versions",
    "read_notes",
    "score",
    "score_file",
    "score_note",
    "wer",
]
