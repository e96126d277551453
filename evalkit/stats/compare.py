"""Set evalkit's per-system means beside a published results table.

Public benchmarks such as ACI-Bench publish one row of scores per system
(ROUGE, BERTScore, MEDCON "Fact", ...). :func:`compare_with_published`
averages evalkit's per-note metrics per system and joins them to that table;
:func:`rank_correlations` then asks whether evalkit ranks the systems the way
the published metrics do (Spearman's rho, :func:`scipy.stats.spearmanr`).

With a handful of systems the p-values are weak evidence either way: with
eight systems the two-sided p (scipy's t approximation) falls below 0.05 only
for |rho| above about 0.71; the exact permutation test needs about 0.74.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from evalkit.metrics import get_metric

DEFAULT_COMPARE_METRICS: tuple[str, ...] = (
    "term_recall",
    "n_missing_terms",
    "n_hallucination_flags",
    "n_critical_flags",
    "hallucination_free",
    "wer",
    "char_distance_norm",
)
"""Scores-table columns averaged per system by default (those present are used)."""


def _metric_direction(name: str) -> str:
    try:
        return get_metric(name).direction
    except (KeyError, ValueError):
        return "none"


def _as_float(series: pd.Series, column: str) -> pd.Series:
    try:
        return series.astype("Float64").astype(float)
    except (TypeError, ValueError):
        raise ValueError(
            f"column {column!r} cannot be averaged: it holds non-numeric values "
            f"(dtype {series.dtype}). Pass numeric or boolean scores columns to metrics=."
        ) from None


def compare_with_published(
    scores: pd.DataFrame,
    published: pd.DataFrame,
    *,
    by: str = "published_system",
    metrics: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per-system means of evalkit metrics joined to a published table.

    Parameters
    ----------
    scores : pandas.DataFrame
        The scores table, one row per note, with a column ``by`` naming the
        system that wrote each draft. Not modified.
    published : pandas.DataFrame
        Published results indexed by system name (for ACI-Bench:
        :func:`evalkit.datasets.load_aci_bench_published`). Its numeric
        columns are carried over.
    by : str
        Column of ``scores`` whose values match ``published.index``
        (``published_system`` in :func:`evalkit.datasets.load_aci_bench`).
    metrics : sequence of str, optional
        Scores columns to average; default the columns of
        :data:`DEFAULT_COMPARE_METRICS` that are present. Booleans become
        shares (0 to 1). Notes with no value (NA) are left out of the mean.

    Returns
    -------
    pandas.DataFrame
        One row per system in ``scores`` (sorted by name), indexed by ``by``:
        ``n_notes``, then one mean per metric, then the published columns
        (NaN for systems the table lacks). ``attrs["metrics"]`` and
        ``attrs["published"]`` name the two groups of columns;
        ``attrs["unmatched"]`` lists systems with no published row.

    Raises
    ------
    ValueError
        ``by`` or a metric column is missing, a column name occurs on both
        sides, or no system matches the published table.

    Examples
    --------
    >>> scores = pd.DataFrame({"system": ["A", "A", "B", "B", "C"],
    ...                        "wer": [0.2, 0.4, 0.5, 0.7, 0.9]})
    >>> published = pd.DataFrame({"ROUGE-L": [40.0, 30.0, 20.0]}, index=["A", "B", "C"])
    >>> compare_with_published(scores, published, by="system", metrics=["wer"])
            n_notes  wer  ROUGE-L
    system
    A             2  0.3     40.0
    B             2  0.6     30.0
    C             1  0.9     20.0
    """
    if not isinstance(scores, pd.DataFrame) or not isinstance(published, pd.DataFrame):
        raise TypeError(
            "compare_with_published expects two pandas DataFrames (the scores table and the "
            f"published table); got {type(scores).__name__} and {type(published).__name__}"
        )
    if by not in scores.columns:
        raise ValueError(
            f"column {by!r} (the system name) is not in the scores table; found columns: "
            f"{', '.join(map(str, scores.columns))}. Pass the column naming each system as by=."
        )
    if metrics is None:
        chosen = [m for m in DEFAULT_COMPARE_METRICS if m in scores.columns]
        if not chosen:
            raise ValueError(
                "none of the default metrics "
                f"({', '.join(DEFAULT_COMPARE_METRICS)}) are in the scores table. "
                "Score the notes first (evalkit.score) or pass metrics=."
            )
    else:
        chosen = list(metrics)
        missing = [m for m in chosen if m not in scores.columns]
        if missing:
            raise ValueError(
                f"metric column(s) {', '.join(missing)} not in the scores table; found columns: "
                f"{', '.join(map(str, scores.columns))}."
            )
    numeric_published = published.select_dtypes("number")
    clash = sorted(
        set(chosen) & set(map(str, numeric_published.columns))
        | ({"n_notes"} & set(map(str, numeric_published.columns)))
    )
    if clash:
        raise ValueError(
            f"column name(s) {', '.join(clash)} occur in both tables; rename them in the "
            "published table before comparing."
        )
    values = pd.DataFrame({m: _as_float(scores[m], m) for m in chosen})
    systems = scores[by].astype("string")
    if systems.isna().any():
        rows = np.flatnonzero(systems.isna().to_numpy())[:5].tolist()
        raise ValueError(
            f"column {by!r} is empty in {int(systems.isna().sum())} row(s) (first rows: {rows}); "
            "every note needs a system name."
        )
    grouped = values.groupby(systems.to_numpy(), sort=True)
    table = grouped.mean()
    table.insert(0, "n_notes", systems.value_counts().reindex(table.index).astype(int))
    table.index.name = by
    published_index = pd.Index(published.index.astype(str))
    matched = table.index.isin(published_index)
    if not matched.any():
        raise ValueError(
            f"no system in scores[{by!r}] ({', '.join(map(str, table.index[:8]))}) matches the "
            f"published table's index ({', '.join(map(str, published_index[:8]))}). "
            "Map the names to the published ones first."
        )
    right = numeric_published.set_axis(published_index, axis=0)
    right = right[~right.index.duplicated(keep="first")]
    result = table.join(right, how="left")
    result.attrs["metrics"] = chosen
    result.attrs["published"] = [str(c) for c in right.columns]
    result.attrs["unmatched"] = [str(s) for s in table.index[~matched]]
    return result


def rank_correlations(
    comparison: pd.DataFrame,
    *,
    ours: Sequence[str] | None = None,
    theirs: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Spearman rank correlation of each evalkit metric with each published one.

    Parameters
    ----------
    comparison : pandas.DataFrame
        One row per system, e.g. from :func:`compare_with_published`.
    ours, theirs : sequence of str, optional
        Columns to correlate; default ``comparison.attrs["metrics"]`` and
        ``comparison.attrs["published"]``.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``metric``, ``published``, ``rho``, ``p_value``
        (two-sided), ``n_systems`` (systems with both values), ``direction``
        of the evalkit metric, and ``agreement``: ``rho`` signed so that
        positive means both rank the systems the same way from best to worst,
        assuming higher is better for the published metric (NaN when the
        evalkit metric has no direction). Fewer than 3 systems, or a constant
        column, give NaN.

    Examples
    --------
    >>> cmp = pd.DataFrame({"wer": [0.3, 0.6, 0.9], "ROUGE-L": [40.0, 30.0, 20.0]},
    ...                    index=["A", "B", "C"])
    >>> r = rank_correlations(cmp, ours=["wer"], theirs=["ROUGE-L"])
    >>> r[["metric", "published", "rho", "agreement", "n_systems"]]
      metric published  rho  agreement  n_systems
    0    wer   ROUGE-L -1.0        1.0          3
    """
    if not isinstance(comparison, pd.DataFrame):
        raise TypeError(
            f"rank_correlations expects a DataFrame (one row per system); got "
            f"{type(comparison).__name__}"
        )
    ours = list(comparison.attrs.get("metrics", [])) if ours is None else list(ours)
    theirs = list(comparison.attrs.get("published", [])) if theirs is None else list(theirs)
    if not ours or not theirs:
        raise ValueError(
            "no columns to correlate: pass ours= and theirs=, or a table from "
            "compare_with_published (which records them in .attrs)."
        )
    missing = [c for c in ours + theirs if c not in comparison.columns]
    if missing:
        raise ValueError(
            f"column(s) {', '.join(missing)} not in the comparison table; found: "
            f"{', '.join(map(str, comparison.columns))}."
        )
    rows = []
    for metric in ours:
        direction = _metric_direction(metric)
        sign = {"higher": 1.0, "lower": -1.0}.get(direction, np.nan)
        x_all = pd.to_numeric(comparison[metric], errors="coerce").to_numpy(float)
        for pub in theirs:
            y_all = pd.to_numeric(comparison[pub], errors="coerce").to_numpy(float)
            keep = ~(np.isnan(x_all) | np.isnan(y_all))
            x, y = x_all[keep], y_all[keep]
            rho = p_value = np.nan
            if keep.sum() >= 3 and np.ptp(x) > 0 and np.ptp(y) > 0:
                res = stats.spearmanr(x, y)
                rho, p_value = float(res.statistic), float(res.pvalue)
            rows.append(
                {
                    "metric": metric,
                    "published": pub,
                    "rho": rho,
                    "p_value": p_value,
                    "n_systems": int(keep.sum()),
                    "direction": direction,
                    "agreement": rho * sign,
                }
            )
    return pd.DataFrame(rows)
