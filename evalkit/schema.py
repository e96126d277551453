"""The shared vocabulary of every step: languages, text columns, output columns.

This module comes before every step of the pipeline (read → normalise → score
→ aggregate → plot → report) and imports none of them, so that any step can
read these settings without reaching into a later one. Each name here has one
owner: other modules import it instead of spelling the value again.

Examples
--------
>>> LANGUAGES, DEFAULT_LANGUAGE
(('da', 'en'), 'da')
>>> check_language("en")
'en'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

LANGUAGES: tuple[str, ...] = ("da", "en")
"""Languages of notes (and of the report's interface) that evalkit supports."""

DEFAULT_LANGUAGE = "da"
"""The language assumed for a run when the caller names none (``--lang``).

Rows are never scored in it silently: the reader fills a missing ``language``
cell with the run's language and so records it in the scores table."""

DEFAULT_SEED = 12345
"""Seed of every random draw (bootstrap, the report's note sample) unless given."""

DEFAULT_MIN_CELL = 5
"""Groups with fewer notes are suppressed in shared tables and figures
(:mod:`evalkit.stats.privacy` applies it)."""

TEXT_COLUMNS: tuple[str, ...] = ("ai_note", "final_note", "transcript")
"""Columns holding note text; never printed in logs, left out of shared outputs."""

CRITICAL_TYPES: frozenset[str] = frozenset(
    {"medication", "dose", "negation", "laterality", "diagnosis"}
)
"""Hallucination flag types graded critical; number, severity, fabrication and
omission are non-critical. Read by the checkers and the demo's labels alike."""

Direction = Literal["lower", "higher", "none"]


def check_language(language: object, *, what: str = "language") -> str:
    """Return ``language`` if it is one of :data:`LANGUAGES`, else raise ``ValueError``.

    Examples
    --------
    >>> check_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language 'fr' is not supported; use one of da, en
    """
    if not isinstance(language, str) or language not in LANGUAGES:
        raise ValueError(f"{what} {language!r} is not supported; use one of {', '.join(LANGUAGES)}")
    return language


@dataclass(frozen=True)
class MetricInfo:
    """Description of one per-note output column (the scores table's schema).

    Writers (``io``) read it for the file schema and the metric families
    (``metrics``) register one per column, so it lives here, before both.

    Attributes
    ----------
    name : str
        Column name in the scores table.
    family : str
        The family that computes it (``edit``, ``terms``, ``hallucination``).
    definition : str
        One-sentence definition, shown in reports.
    range : tuple
        ``(low, high)``; ``None`` for an open end.
    direction : {"lower", "higher", "none"}
        Which way is better.
    version : str
        Bumped whenever the definition changes values.
    dtype : str
        ``float``, ``int``, ``bool`` or ``list``.
    best : Any
        The value for two identical notes.
    card : str
        Name of the metric card in ``docs/metrics/`` (without ``.md``).
    item_fields : tuple of (name, type) pairs, optional
        For ``list`` metrics: the fields of each item (types ``str``, ``int``,
        ``float``, ``bool``), so writers can give Parquet a fixed schema.
    """

    name: str
    family: str
    definition: str
    range: tuple[float | None, float | None]
    direction: Direction
    version: str
    dtype: str
    best: Any
    card: str
    item_fields: tuple[tuple[str, str], ...] | None = None


__all__ = [
    "CRITICAL_TYPES",
    "DEFAULT_LANGUAGE",
    "DEFAULT_MIN_CELL",
    "DEFAULT_SEED",
    "LANGUAGES",
    "TEXT_COLUMNS",
    "Direction",
    "MetricInfo",
    "check_language",
]
