"""evalkit: offline evaluation of AI-drafted clinical notes against the notes clinicians sign.

The public API, by step:

* read: :func:`read_notes`; the bundled synthetic Danish pilot: :func:`load_demo`,
  :func:`load_demo_labels`
* score: :func:`score` (a DataFrame of notes), :func:`score_file` (streaming),
  :func:`score_note` (one pair), :func:`wer`, :func:`char_distance`
* metrics registry: :func:`list_metrics`, :func:`get_metric`
* aggregate: :func:`summarize` (per-group CIs), :func:`time_saved`, :func:`plan_study`,
  :func:`compare_with_published` and :func:`rank_correlations` (beside a benchmark's published
  table), :func:`compare` (systems side by side on the same consultations)
"""

from evalkit._version import __version__
from evalkit.datasets import load_demo, load_demo_labels
from evalkit.engine import RunSummary, score, score_file
from evalkit.io import InputError, read_notes
from evalkit.lexicon import Lexicon, Matcher, find_terms, load_lexicon
from evalkit.metrics import (
    Checker,
    EditScore,
    Flag,
    NoteScore,
    char_distance,
    evaluate_flags,
    get_metric,
    hallucination_flags,
    list_metrics,
    metric_versions,
    score_note,
    wer,
)
from evalkit.stats import (
    compare_systems,
    compare_with_published,
    plan_study,
    rank_correlations,
    summarize,
    time_saved,
)

compare = compare_systems
"""``evalkit.compare(scores, by="system")``: see :func:`evalkit.stats.compare_systems`."""

__all__ = [
    "Checker",
    "EditScore",
    "Flag",
    "evaluate_flags",
    "hallucination_flags",
    "InputError",
    "Lexicon",
    "Matcher",
    "NoteScore",
    "RunSummary",
    "__version__",
    "char_distance",
    "compare",
    "compare_systems",
    "compare_with_published",
    "find_terms",
    "get_metric",
    "list_metrics",
    "load_demo",
    "load_demo_labels",
    "load_lexicon",
    "metric_versions",
    "plan_study",
    "rank_correlations",
    "read_notes",
    "score",
    "score_file",
    "score_note",
    "summarize",
    "time_saved",
    "wer",
]
