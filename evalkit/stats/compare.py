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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from evalkit.io.write import write_table
from evalkit.metrics import get_metric
from evalkit.stats.ci import DEFAULT_CI, DEFAULT_N_BOOT, DEFAULT_SEED, Interval

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


# --- systems side by side on the same consultations -------------------------------------

PAIRING_COLUMNS: tuple[str, ...] = ("consultation_id", "encounter_id")
"""Columns tried, in order, to pair the drafts of one consultation (then ``note_id``)."""

SYSTEM_METRICS: tuple[str, ...] = (
    "wer",
    "char_distance_norm",
    "unchanged",
    "term_recall",
    "n_missing_terms",
    "n_hallucination_flags",
    "n_critical_flags",
    "hallucination_free",
)
"""Scores-table columns :func:`compare_systems` compares by default (those present)."""

DIFFERENCE_COLUMNS = (
    "metric",
    "direction",
    "system",
    "baseline",
    "n_pairs",
    "n_clusters",
    "system_mean",
    "baseline_mean",
    "difference",
    "ci_low",
    "ci_high",
    "ci_level",
    "method",
    "B",
    "seed",
    "p_value",
    "p_holm",
    "mcnemar_b",
    "mcnemar_c",
    "mcnemar_p",
    "favours",
)

RANK_COLUMNS = (
    "metric",
    "direction",
    "system",
    "n_consultations",
    "estimate",
    "rank",
    "rank_mean",
    "rank_low",
    "rank_high",
    "p_best",
    "B",
    "seed",
)


@dataclass(frozen=True)
class SystemComparison:
    """Several systems' drafts of the same consultations, compared pairwise.

    Attributes
    ----------
    systems : pandas.DataFrame
        Per system and statistic, as :func:`evalkit.summarize` gives them with
        ``by=[by]`` (the same estimates and clustered intervals).
    differences : pandas.DataFrame
        One row per metric and pair of systems (columns :data:`DIFFERENCE_COLUMNS`):
        the mean paired difference ``system - baseline`` over the consultations
        both scored, its cluster-bootstrap interval, the paired t test's
        p-value (cluster-robust; Holm-adjusted within a metric in ``p_holm``)
        and, for True/False metrics, McNemar's test on the discordant pairs
        (``mcnemar_b``: system True and baseline False; ``mcnemar_c``: the reverse).
        ``favours`` names the better side when the interval excludes 0.
    ranks : pandas.DataFrame
        One row per metric and system (columns :data:`RANK_COLUMNS`): the mean
        over consultations every system scored, its rank (1 = best), and the
        bootstrap distribution of the rank (mean, interval, share of replicates
        in which it is best).
    by, on : str
        The system column and the consultation column used for pairing.
    """

    systems: pd.DataFrame
    differences: pd.DataFrame
    ranks: pd.DataFrame
    by: str
    on: str

    def write(self, out_dir: str | Path) -> dict[str, Path]:
        """Write ``systems.csv``, ``differences.csv`` and ``ranks.csv`` into ``out_dir``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        files = {}
        for name in ("systems", "differences", "ranks"):
            path = out / f"{name}.csv"
            files[name] = write_table(
                getattr(self, name),
                path,
                neutralise=("system", "baseline", "group"),
                what=f"the {name} table",
            )
        return files


def _pairing_column(scores: pd.DataFrame, by: str, on: str | None) -> str:
    if on is not None:
        if on not in scores.columns:
            raise ValueError(
                f"pairing column {on!r} is not in the scores table; found columns: "
                f"{', '.join(map(str, scores.columns))}. Pass the column naming the consultation."
            )
        return on
    for col in (*PAIRING_COLUMNS, "note_id"):
        if col in scores.columns and scores[col].duplicated().any():
            return col
    raise ValueError(
        "cannot pair the systems' drafts: no column names a consultation shared by several "
        f"systems (tried {', '.join((*PAIRING_COLUMNS, 'note_id'))}). Add a consultation_id "
        "column, or pass on=COLUMN (--on COLUMN)."
    )


def _direction(metric: str) -> str:
    direction = _metric_direction(metric)
    return direction if direction in ("lower", "higher") else "none"


def _paired_t_p(diffs: np.ndarray, clusters: np.ndarray) -> float:
    """Two-sided p of the cluster-robust (CR1) t test of mean(diffs) = 0, ``G - 1`` df."""
    codes, uniques = pd.factorize(clusters)
    g = len(uniques)
    if g < 2 or diffs.size < 2:
        return np.nan
    mean = diffs.mean()
    sums = np.bincount(codes, weights=diffs - mean, minlength=g)
    se = np.sqrt(g / (g - 1) * np.sum(sums**2)) / diffs.size
    if se == 0:
        return 1.0 if mean == 0 else 0.0
    return float(2 * stats.t.sf(abs(mean / se), df=g - 1))


def _mcnemar(system: np.ndarray, baseline: np.ndarray) -> tuple[int, int, float]:
    from statsmodels.stats.contingency_tables import mcnemar

    a, b = system.astype(bool), baseline.astype(bool)
    n11, n10 = int(np.sum(a & b)), int(np.sum(a & ~b))
    n01, n00 = int(np.sum(~a & b)), int(np.sum(~a & ~b))
    if n10 + n01 == 0:
        return n10, n01, 1.0
    exact = n10 + n01 < 25
    res = mcnemar([[n11, n10], [n01, n00]], exact=exact, correction=True)
    return n10, n01, float(res.pvalue)


def _wide(scores: pd.DataFrame, metric: str, by: str, on: str, kind: str) -> pd.DataFrame:
    from evalkit.stats.summary import _numeric

    values = _numeric(scores[metric], metric, kind)
    frame = pd.DataFrame(
        {"on": scores[on].astype("string").to_numpy(), "system": scores[by].to_numpy(), "v": values}
    )
    return frame.pivot(index="on", columns="system", values="v")


def compare_systems(
    scores: pd.DataFrame,
    by: str = "system",
    *,
    on: str | None = None,
    baseline: str | None = None,
    metrics: Sequence[str] | None = None,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = DEFAULT_SEED,
    ci: float = DEFAULT_CI,
) -> SystemComparison:
    """Compare systems that drafted notes for the same consultations, pair by pair.

    Parameters
    ----------
    scores : pandas.DataFrame
        The scores table with one row per consultation and system. Not modified.
    by : str
        Column naming the system of each draft.
    on : str, optional
        Column naming the consultation, to pair drafts; default the first of
        :data:`PAIRING_COLUMNS` (then ``note_id``) whose values repeat.
    baseline : str, optional
        Compare every other system with this one; default every pair of systems.
    metrics : sequence of str, optional
        Scores columns; default those of :data:`SYSTEM_METRICS` present.
    n_boot, seed, ci
        Bootstrap replicates, seed and confidence level.

    Returns
    -------
    SystemComparison

    Notes
    -----
    Clusters are the clinicians (as in :func:`evalkit.summarize`) when the
    table has clinic or clinician ids, otherwise the consultations: a
    replicate draws whole clusters with replacement, with every system's draft
    of each drawn consultation, so the pairing is kept. Intervals follow
    :func:`evalkit.stats.summary.interval_for` (a cluster-robust t interval
    below 10 clusters). McNemar's test treats consultations as independent.

    Examples
    --------
    >>> scores = pd.DataFrame({
    ...     "system": ["A"] * 4 + ["B"] * 4,
    ...     "encounter_id": ["e1", "e2", "e3", "e4"] * 2,
    ...     "wer": [0.1, 0.2, 0.3, 0.2, 0.3, 0.5, 0.4, 0.4],
    ...     "unchanged": [True, False, True, True, False, False, True, False],
    ... })
    >>> cmp = compare_systems(scores, baseline="A", n_boot=200)
    >>> cmp.differences[["metric", "system", "baseline", "difference", "mcnemar_b", "mcnemar_c"]]
          metric system baseline  difference  mcnemar_b  mcnemar_c
    0        wer      B        A         0.2       <NA>       <NA>
    1  unchanged      B        A        -0.5          0          2
    >>> cmp.ranks[cmp.ranks["metric"] == "wer"][["system", "estimate", "rank"]]
      system  estimate  rank
    0      A       0.2   1.0
    1      B       0.4   2.0
    """
    from statsmodels.stats.multitest import multipletests

    from evalkit.stats.ci import _check_level, _check_n_boot, resample_counts
    from evalkit.stats.groups import cluster_labels
    from evalkit.stats.summary import STATISTICS, interval_for, summarize

    if not isinstance(scores, pd.DataFrame):
        raise TypeError(
            f"compare_systems expects a pandas DataFrame (the scores table); got "
            f"{type(scores).__name__}"
        )
    _check_n_boot(n_boot)
    _check_level(ci)
    if by not in scores.columns:
        raise ValueError(
            f"column {by!r} (the system name) is not in the scores table; found columns: "
            f"{', '.join(map(str, scores.columns))}. Pass the column naming each system as by=."
        )
    systems_col = scores[by].astype("string")
    if systems_col.isna().any():
        bad = int(np.flatnonzero(systems_col.isna().to_numpy())[0])
        raise ValueError(f"column {by!r} is empty in row {bad}; every draft needs a system name.")
    names = sorted(systems_col.unique())
    if len(names) < 2:
        raise ValueError(
            f"column {by!r} names {len(names)} system(s); comparing needs at least two."
        )
    if baseline is not None and baseline not in names:
        raise ValueError(
            f"baseline {baseline!r} is not a system in column {by!r}; systems: {', '.join(names)}."
        )
    on = _pairing_column(scores, by, on)
    dup = pd.DataFrame({"on": scores[on].astype("string"), "s": systems_col}).duplicated()
    if dup.any():
        dup_row = int(np.flatnonzero(dup.to_numpy())[0])
        raise ValueError(
            f"row {dup_row}: a second draft of consultation {scores[on].iloc[dup_row]!r} by system "
            f"{systems_col.iloc[dup_row]!r}; each system needs one row per consultation in {on!r}."
        )
    if metrics is None:
        chosen = [m for m in SYSTEM_METRICS if m in scores.columns]
        if not chosen:
            raise ValueError(
                f"none of the default metrics ({', '.join(SYSTEM_METRICS)}) are in the scores "
                "table. Score the notes first or pass metrics=."
            )
    else:
        chosen = list(metrics)
        absent = [m for m in chosen if m not in scores.columns]
        if absent:
            raise ValueError(
                f"metric column(s) {', '.join(absent)} not in the scores table; found columns: "
                f"{', '.join(map(str, scores.columns))}."
            )
    frame = scores.assign(**{by: systems_col})
    labels, unit = cluster_labels(frame)
    consult = frame[on].astype("string")
    if labels is None:
        cluster_of = pd.Series(consult.to_numpy(), index=consult.to_numpy())
        unit = "consultations"
    else:
        cluster_of = pd.Series(labels.to_numpy(), index=consult.to_numpy())
    cluster_of = cluster_of[~cluster_of.index.duplicated(keep="first")]
    bools = {m for m in chosen if pd.api.types.is_bool_dtype(scores[m]) or m in _BOOL_METRICS}
    kinds = {m: ("rate" if m in bools else "mean") for m in chosen}

    pairs = (
        [(s, baseline) for s in names if s != baseline]
        if baseline is not None
        else [(b, a) for i, a in enumerate(names) for b in names[i + 1 :]]
    )
    diff_rows: list[dict] = []
    rank_rows: list[dict] = []
    for metric in chosen:
        wide = _wide(frame, metric, by, on, kinds[metric])
        direction = _direction(metric)
        start = len(diff_rows)
        for system, base in pairs:
            both = wide[[system, base]].dropna()
            x, y = both[system].to_numpy(float), both[base].to_numpy(float)
            clusters = cluster_of.reindex(both.index).to_numpy(dtype=object)
            row = {
                "metric": metric,
                "direction": direction,
                "system": system,
                "baseline": base,
                "n_pairs": int(x.size),
                "n_clusters": len(pd.unique(clusters)),
                "system_mean": float(x.mean()) if x.size else np.nan,
                "baseline_mean": float(y.mean()) if y.size else np.nan,
                "ci_level": ci,
                "mcnemar_b": np.nan,
                "mcnemar_c": np.nan,
                "mcnemar_p": np.nan,
            }
            if x.size == 0:
                iv = Interval(np.nan, np.nan, np.nan, "no consultation scored by both")
                row["p_value"] = np.nan
            else:
                d = x - y
                iv = interval_for(d, clusters, "mean", n_boot=n_boot, seed=seed, ci=ci, unit=unit)
                row["p_value"] = _paired_t_p(d, clusters)
                if metric in bools:
                    b, c, p = _mcnemar(x, y)
                    row.update(mcnemar_b=b, mcnemar_c=c, mcnemar_p=p)
            row.update(
                difference=iv.estimate,
                ci_low=iv.low,
                ci_high=iv.high,
                method=iv.method,
                B=iv.n_boot,
                seed=iv.seed,
                favours=_favours(iv, direction),
            )
            diff_rows.append(row)
        p_values = np.array([r["p_value"] for r in diff_rows[start:]], dtype=float)
        holm = np.full(p_values.shape, np.nan)
        ok = ~np.isnan(p_values)
        if ok.any():
            holm[ok] = multipletests(p_values[ok], method="holm")[1]
        for r, h in zip(diff_rows[start:], holm, strict=True):
            r["p_holm"] = float(h)
        rank_rows.extend(
            _rank_rows(
                wide[names], metric, direction, cluster_of, n_boot, seed, ci, resample_counts
            )
        )
    differences = pd.DataFrame(diff_rows, columns=list(DIFFERENCE_COLUMNS))
    for col in ("B", "seed", "mcnemar_b", "mcnemar_c"):
        differences[col] = differences[col].astype("Float64").astype("Int64")
    ranks = pd.DataFrame(rank_rows, columns=list(RANK_COLUMNS))
    stats_for = [s for s in STATISTICS if s.column in set(chosen)]
    if stats_for:
        table = summarize(
            frame, by=[by], n_boot=n_boot, seed=seed, ci=ci, min_cell=0, statistics=stats_for
        )
        table = table[table["level"] == by].reset_index(drop=True)
    else:
        table = pd.DataFrame()
    return SystemComparison(table, differences, ranks, by, on)


_BOOL_METRICS = frozenset({"unchanged", "unchanged_exact", "hallucination_free"})


def _favours(iv: Interval, direction: str) -> str:
    if np.isnan(iv.low) or direction == "none" or iv.low <= 0 <= iv.high:
        return "neither"
    system_higher = iv.low > 0
    return "system" if system_higher == (direction == "higher") else "baseline"


def _rank_rows(
    wide: pd.DataFrame,
    metric: str,
    direction: str,
    cluster_of: pd.Series,
    n_boot: int,
    seed: int,
    ci: float,
    resample_counts,
) -> list[dict]:
    """Rank rows of one metric: point ranks and their cluster-bootstrap distribution."""
    complete = wide.dropna()
    names = list(wide.columns)
    n = len(complete)
    base = {
        "metric": metric,
        "direction": direction,
        "n_consultations": n,
        "B": n_boot,
        "seed": seed,
    }
    if n == 0 or direction == "none":
        means = complete.mean() if n else pd.Series(np.nan, index=names)
        return [
            {
                **base,
                "system": s,
                "estimate": float(means[s]),
                "rank": np.nan,
                "rank_mean": np.nan,
                "rank_low": np.nan,
                "rank_high": np.nan,
                "p_best": np.nan,
            }
            for s in names
        ]
    sign = 1.0 if direction == "lower" else -1.0
    values = complete.to_numpy(float)
    codes, uniques = pd.factorize(
        cluster_of.reindex(complete.index).to_numpy(dtype=object).astype(str), sort=True
    )
    g = len(uniques)
    sums = np.zeros((g, values.shape[1]))
    np.add.at(sums, codes, values)
    counts = np.bincount(codes, minlength=g).astype(float)
    rng = np.random.default_rng(seed)
    weights = resample_counts(g, n_boot, rng).astype(float)
    boot_means = (weights @ sums) / (weights @ counts)[:, None]
    boot_ranks = stats.rankdata(sign * boot_means, axis=1, method="average")
    point = values.mean(axis=0)
    point_rank = stats.rankdata(sign * point, method="average")
    low, high = np.quantile(boot_ranks, [0.5 - ci / 2, 0.5 + ci / 2], axis=0)
    best = boot_ranks == boot_ranks.min(axis=1, keepdims=True)
    return [
        {
            **base,
            "system": s,
            "estimate": float(point[j]),
            "rank": float(point_rank[j]),
            "rank_mean": float(boot_ranks[:, j].mean()),
            "rank_low": float(low[j]),
            "rank_high": float(high[j]),
            "p_best": float(best[:, j].mean()),
        }
        for j, s in enumerate(names)
    ]


def read_system_scores(paths: Sequence[str | Path], *, by: str = "system") -> pd.DataFrame:
    """Read one scores file holding every system, or one file per system.

    With several files, each file's rows get its file name (without suffix)
    in column ``by`` unless the file already has that column.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> for name in ("gpt", "bart"):
    ...     pd.DataFrame({"note_id": ["e1"], "wer": [0.1]}).to_csv(f"{d}/{name}.csv", index=False)
    >>> read_system_scores([f"{d}/gpt.csv", f"{d}/bart.csv"])["system"].tolist()
    ['gpt', 'bart']
    """
    from evalkit.stats.summary import read_scores

    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError(
            "no scores file given; pass one file with a system column, or one per system"
        )
    if len(paths) == 1:
        return read_scores(paths[0])
    frames = []
    for path in paths:
        frame = read_scores(path)
        if by not in frame.columns:
            frame = frame.assign(**{by: Path(path).stem})
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
