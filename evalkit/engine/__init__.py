"""Running the scorer over many notes."""

from evalkit.engine.local import iter_scored, metric_columns, score_chunk
from evalkit.engine.run import RunSummary, quarantine_path, score, score_file

__all__ = [
    "RunSummary",
    "iter_scored",
    "metric_columns",
    "quarantine_path",
    "score",
    "score_chunk",
    "score_file",
]
