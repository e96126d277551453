"""Flags against labelled error spans: recall, precision and a confusion table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from evalkit.metrics.checkers import CRITICAL_TYPES

__all__ = ["evaluate_flags", "flag_confusion"]


def _overlaps(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def evaluate_flags(
    predicted: Mapping[str, Iterable[Mapping[str, Any]]],
    labelled: Mapping[str, Iterable[Mapping[str, Any]]],
) -> Any:
    """Recall and precision of flags against labelled spans, by type.

    A labelled error is *found* when a predicted flag of the same case
    overlaps its span (any type); a predicted flag is *correct* when it
    overlaps a labelled span. Rows: each type (labelled type for recall,
    predicted type for precision), ``critical`` (labels of
    :data:`~evalkit.metrics.checkers.CRITICAL_TYPES`) and ``overall``.

    Parameters
    ----------
    predicted, labelled : mapping of case id to list of dicts
        Each dict has ``type``, ``start`` and ``end``. Cases missing from
        ``predicted`` count as having no flags.

    Returns
    -------
    pandas.DataFrame
        Columns ``n_labels, found, recall, n_flags, correct, precision``
        (recall/precision NaN when undefined).

    Examples
    --------
    >>> lab = {"a": [{"type": "dose", "start": 6, "end": 12}], "b": []}
    >>> pred = {
    ...     "a": [{"type": "dose", "start": 6, "end": 9}],
    ...     "b": [{"type": "number", "start": 0, "end": 2}],
    ... }
    >>> evaluate_flags(pred, lab).loc["overall", ["recall", "precision"]].tolist()
    [1.0, 0.5]
    """
    import pandas as pd

    rows: dict[str, dict[str, int]] = defaultdict(
        lambda: {"n_labels": 0, "found": 0, "n_flags": 0, "correct": 0}
    )
    rows["overall"]  # always a row, also for cases with no labels and no flags
    for case, labels in labelled.items():
        labels = list(labels)
        preds = list(predicted.get(case, ()))
        for lab in labels:
            hit = any(_overlaps(lab, p) for p in preds)
            keys = [lab["type"], "overall"] + (
                ["critical"] if lab["type"] in CRITICAL_TYPES else []
            )
            for key in keys:
                rows[key]["n_labels"] += 1
                rows[key]["found"] += hit
        for p in preds:
            ok = any(_overlaps(p, lab) for lab in labels)
            for key in (p["type"], "overall"):
                rows[key]["n_flags"] += 1
                rows[key]["correct"] += ok
    extra = [case for case in predicted if case not in labelled]
    if extra:
        raise ValueError(
            f"predicted has cases with no labels: {extra[:5]}; label them (an empty list for "
            "benign-only notes) or drop them from predicted"
        )
    frame = pd.DataFrame.from_dict(rows, orient="index")
    order = [t for t in sorted(frame.index) if t not in ("critical", "overall")]
    order += [t for t in ("critical", "overall") if t in frame.index]
    frame = frame.loc[order]
    frame["recall"] = frame["found"] / frame["n_labels"].where(frame["n_labels"] > 0)
    frame["precision"] = frame["correct"] / frame["n_flags"].where(frame["n_flags"] > 0)
    return frame[["n_labels", "found", "recall", "n_flags", "correct", "precision"]]


def flag_confusion(
    predicted: Mapping[str, Iterable[Mapping[str, Any]]],
    labelled: Mapping[str, Iterable[Mapping[str, Any]]],
) -> Any:
    """Labelled type × predicted type counts for overlapping pairs.

    Labels no flag overlaps are counted in column ``(missed)``; flags that
    overlap no label in row ``(spurious)``.

    Examples
    --------
    >>> lab = {"a": [{"type": "dose", "start": 0, "end": 5}]}
    >>> pred = {"a": [
    ...     {"type": "number", "start": 1, "end": 3}, {"type": "negation", "start": 9, "end": 12},
    ... ]}
    >>> table = flag_confusion(pred, lab)
    >>> int(table.loc["dose", "number"]), int(table.loc["(spurious)", "negation"])
    (1, 1)
    """
    import pandas as pd

    counts: dict[tuple[str, str], int] = defaultdict(int)
    for case, labels in labelled.items():
        labels = list(labels)
        preds = list(predicted.get(case, ()))
        for lab in labels:
            hits = [p for p in preds if _overlaps(lab, p)]
            if not hits:
                counts[(lab["type"], "(missed)")] += 1
            for p in hits:
                counts[(lab["type"], p["type"])] += 1
        for p in preds:
            if not any(_overlaps(p, lab) for lab in labels):
                counts[("(spurious)", p["type"])] += 1
    if not counts:
        return pd.DataFrame(dtype=int)
    series = pd.Series(counts)
    return series.unstack(fill_value=0).astype(int)
