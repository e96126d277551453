"""The one registry of metrics.

Every per-note output column is registered here with its definition, range,
direction and version. The CLI, the batch layer and the report look metrics up
by name; nothing keeps a hand-written list of columns.

Metrics come in *families*: one function computes several related columns from
one note pair (the edit family returns distance, WER and its counts from one
alignment). A family is registered with :func:`register_family`; its columns
with :func:`register_metric`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evalkit.schema import Direction as Direction
from evalkit.schema import MetricInfo as MetricInfo

CARDS_DIR = Path(__file__).resolve().parents[2] / "docs" / "metrics"


@dataclass(frozen=True)
class FamilyInfo:
    """A function that scores one note pair and returns a frozen dataclass.

    ``compute(pair, options, previous)`` receives a :class:`NotePair`, the
    scoring options as a dict, and the results of the families that ran before
    it (by family name). The returned dataclass has an ``as_columns()`` method
    giving ``{column: value}`` for the registered metrics. ``reads_transcript``
    is False for families that never look at ``pair.transcript``; when no
    family of a run reads it, the engine does not normalise transcripts.
    ``config`` describes settings the version does not (for example a hash of
    thresholds); the manifest records it next to the version.
    ``batch_options``, if given, returns ``{option: object}`` that the engine
    adds to ``options`` once per batch (shared, pre-built objects such as a
    cache), unless the caller already passed that option. ``reads_lexicon``
    is True for families that match notes against the lexicon: for them the
    engine builds the batch's matchers (``options["matchers"]``, a
    :class:`~evalkit.lexicon.matcher.Matchers`) once per chunk.
    """

    name: str
    compute: Callable[..., Any]
    order: int
    version: str
    metrics: tuple[str, ...] = field(default=())
    reads_transcript: bool = True
    config: str = ""
    batch_options: Callable[[], dict[str, Any]] | None = None
    reads_lexicon: bool = False


_METRICS: dict[str, MetricInfo] = {}
_FAMILIES: dict[str, FamilyInfo] = {}


def register_metric(info: MetricInfo) -> MetricInfo:
    """Add a metric column to the registry; names must be unique."""
    if info.name in _METRICS and _METRICS[info.name] != info:
        raise ValueError(f"metric {info.name!r} is already registered with another definition")
    _METRICS[info.name] = info
    return info


def register_family(
    name: str,
    compute: Callable[..., Any],
    *,
    order: int,
    version: str,
    reads_transcript: bool = True,
    config: str = "",
    batch_options: Callable[[], dict[str, Any]] | None = None,
    reads_lexicon: bool = False,
) -> FamilyInfo:
    """Register a scoring family; ``order`` decides which runs first.

    Pass ``reads_transcript=False`` only if ``compute`` never reads
    ``pair.transcript``: runs of such families alone skip the transcript.
    Pass ``reads_lexicon=True`` if ``compute`` reads ``options["matchers"]``.
    """
    metrics = tuple(m.name for m in _METRICS.values() if m.family == name)
    fam = FamilyInfo(
        name=name,
        compute=compute,
        order=order,
        version=version,
        metrics=metrics,
        reads_transcript=reads_transcript,
        config=config,
        batch_options=batch_options,
        reads_lexicon=reads_lexicon,
    )
    _FAMILIES[name] = fam
    return fam


def get_metric(name: str) -> MetricInfo:
    """Look up a metric by column name.

    Examples
    --------
    >>> import evalkit
    >>> evalkit.get_metric("wer").direction
    'lower'
    """
    _ensure_loaded()
    try:
        return _METRICS[name]
    except KeyError:
        known = ", ".join(sorted(_METRICS))
        raise KeyError(f"unknown metric {name!r}; registered metrics: {known}") from None


def list_metrics(family: str | None = None) -> list[MetricInfo]:
    """All registered metrics, optionally of one family, in registration order."""
    _ensure_loaded()
    return [m for m in _METRICS.values() if family is None or m.family == family]


def list_families() -> list[FamilyInfo]:
    """Registered families in the order they run."""
    _ensure_loaded()
    return sorted(_FAMILIES.values(), key=lambda f: f.order)


def metric_versions() -> dict[str, str]:
    """``{family: version}``, recorded in signatures and manifests."""
    return {f.name: f.version for f in list_families()}


def metric_configs() -> dict[str, str]:
    """``{family: config}`` of the families that describe their settings, for manifests."""
    return {f.name: f.config for f in list_families() if f.config}


def _ensure_loaded() -> None:
    # Importing the metric modules registers them; done lazily so the registry
    # module itself has no import cycle with them.
    import evalkit.metrics  # noqa: F401
