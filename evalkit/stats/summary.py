"""Group summaries of the scores table with clustered confidence intervals.

:func:`summarize` turns the per-note scores table into one tidy table: one row
per group and statistic, each with its estimate, a confidence interval that
respects clustering of notes in clinicians, the counts behind it, and the
method, ``B`` and seed that produced the interval. Statistics whose source
column is absent (for example when the terms or hallucination families did not
run) are left out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from evalkit._files import output_dir
from evalkit.io.errors import InputError, input_os_error
from evalkit.io.read import detect_format
from evalkit.io.write import write_table
from evalkit.schema import TEXT_COLUMNS
from evalkit.stats.ci import (
    DEFAULT_CI,
    DEFAULT_N_BOOT,
    DEFAULT_SEED,
    FEW_CLUSTERS,
    Interval,
    _check_level,
    _check_n_boot,
    cluster_bootstrap_mean,
    cluster_bootstrap_median,
    cluster_t_interval,
    t_interval,
    wilson_interval,
)
from evalkit.stats.groups import OVERALL, as_flags, cluster_labels
from evalkit.stats.notes import Note, note_of
from evalkit.stats.privacy import (
    DEFAULT_MIN_CELL,
    check_min_cell,
    pseudonymize,
    suppress_small_cells,
)
from evalkit.stats.time import NoTimingDataError, time_saved


@dataclass(frozen=True)
class Statistic:
    """One summary statistic of a scores-table column.

    Attributes
    ----------
    name : str
        Name in the ``statistic`` column of the summary table.
    column : str
        Source column of the scores table.
    kind : {"rate", "mean", "median"}
        How notes are aggregated; a rate is the mean of a 0/1 column.
    scale : float
        Multiplier applied to estimate and limits (100 for "per 100 notes").
    direction : {"lower", "higher"}
        Which way is better.
    """

    name: str
    column: str
    kind: str
    scale: float = 1.0
    direction: str = "lower"


STATISTICS: tuple[Statistic, ...] = (
    Statistic("unchanged_rate", "unchanged", "rate", direction="higher"),
    Statistic("char_distance_norm_mean", "char_distance_norm", "mean"),
    Statistic("char_distance_norm_median", "char_distance_norm", "median"),
    Statistic("wer_mean", "wer", "mean"),
    Statistic("wer_median", "wer", "median"),
    Statistic("missing_terms_per_note", "n_missing_terms", "mean"),
    Statistic("hallucination_flags_per_100", "n_hallucination_flags", "mean", scale=100.0),
    Statistic("critical_flags_per_100", "n_critical_flags", "mean", scale=100.0),
    Statistic("hallucination_free_rate", "hallucination_free", "rate", direction="higher"),
    # not a hallucination measure: claims the transcript never mentions (see its card)
    Statistic("unsupported_claims_per_note", "n_unsupported_claims", "mean"),
)
"""The statistics :func:`summarize` reports, in table order."""

SUMMARY_COLUMNS = (
    "level",
    "group",
    "statistic",
    "column",
    "kind",
    "direction",
    "estimate",
    "ci_low",
    "ci_high",
    "ci_level",
    "n_notes",
    "n_clinicians",
    "method",
    "B",
    "seed",
    "n_notes_display",
    "suppressed",
)


def _numeric(series: pd.Series, column: str, kind: str) -> np.ndarray:
    if kind == "rate":
        return as_flags(series, column)
    values = pd.to_numeric(series, errors="coerce")
    if values.isna().sum() > series.isna().sum():
        row = int(np.flatnonzero((values.isna() & series.notna()).to_numpy())[0])
        raise ValueError(
            f"column {column!r} must be numeric; row {row} cannot be read as a number. "
            "Fix the value or drop the row."
        )
    return values.to_numpy(dtype=float, na_value=np.nan)


def interval_for(
    values: np.ndarray,
    clusters: np.ndarray | None,
    kind: str,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = DEFAULT_SEED,
    ci: float = DEFAULT_CI,
    unit: str = "clinicians",
) -> Interval:
    """Choose and compute the interval for one group's values.

    * two or more clinicians: cluster bootstrap resampling clinicians;
      for a rate that is 0 or 1 in every note (the bootstrap collapses to a
      point) the Wilson interval with clinicians as the units, the worst case
      of full clustering; for means and rates with fewer than
      :data:`~evalkit.stats.ci.FEW_CLUSTERS` clinicians the cluster-robust t
      interval (``G - 1`` degrees of freedom; rates clipped to [0, 1], means of
      non-negative values at 0), because
      the bootstrap is far too narrow with few clusters;
    * one clinician, or no clinician ids: notes are the units: Wilson for
      rates, t for means, a note bootstrap for medians.

    Examples
    --------
    >>> iv = interval_for(np.ones(8), np.repeat(["a", "b", "c", "d"], 2), "rate")
    >>> iv.method, iv.high, round(iv.low, 3)
    ('wilson (clinicians; every note the same)', 1.0, 0.51)
    >>> interval_for(np.ones(3), None, "rate").method
    'wilson (notes)'
    """
    n_clusters = 0 if clusters is None else len(pd.unique(clusters))
    if clusters is not None and n_clusters >= 2:
        if kind == "rate" and np.all(values == values[0]):
            wil = wilson_interval(int(values[0]) * n_clusters, n_clusters, ci=ci)
            return Interval(
                float(values[0]), wil.low, wil.high, f"wilson ({unit}; every note the same)"
            )
        if kind != "median" and n_clusters < FEW_CLUSTERS:
            iv = cluster_t_interval(values, clusters, ci=ci)
            low, high = iv.low, iv.high
            if kind == "rate":
                low, high = max(0.0, low), min(1.0, high)
            elif values.min() >= 0:
                low = max(0.0, low)  # counts and distances are never negative
            return Interval(
                iv.estimate, low, high, f"cluster-robust t ({unit}; {n_clusters} clusters)"
            )
        if kind == "median":
            iv = cluster_bootstrap_median(values, clusters, n_boot=n_boot, seed=seed, ci=ci)
        else:
            iv = cluster_bootstrap_mean(values, clusters, n_boot=n_boot, seed=seed, ci=ci)
        return Interval(
            iv.estimate,
            iv.low,
            iv.high,
            f"cluster bootstrap of {unit} (percentile)",
            n_boot,
            seed,
        )
    if kind == "rate":
        return wilson_interval(int(values.sum()), values.size, ci=ci)
    if kind == "mean":
        return t_interval(values, ci=ci)
    iv = cluster_bootstrap_median(values, None, n_boot=n_boot, seed=seed, ci=ci)
    return Interval(iv.estimate, iv.low, iv.high, "bootstrap of notes (percentile)", n_boot, seed)


SECTION = "section"
"""Grouping name that explodes ``section_scores`` into one row per note and section."""

SECTION_FIELDS = ("char_distance", "wer", "unchanged", "n_missing_terms", "n_hallucination_flags")


def _section_items(value: object, row: int) -> list[dict]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise ValueError(
                f"column 'section_scores' row {row} is not a JSON list of sections; "
                "re-run `evalkit score` to rebuild it."
            ) from None
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, list) or not all(
        isinstance(item, dict) and SECTION in item for item in value
    ):
        raise ValueError(
            f"column 'section_scores' row {row} must be a list of {{section, wer, ...}} items; "
            f"found {type(value).__name__}. Re-run `evalkit score` to rebuild it."
        )
    return value


def section_rows(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per note and section, from the ``section_scores`` column.

    The note's other columns are carried (ids, clinic, clinician, system,
    ...) except the note-level metric columns, which are replaced by the
    section's own ``char_distance``, ``wer``, ``unchanged``,
    ``n_missing_terms`` and ``n_hallucination_flags``; ``section`` and
    ``alignment`` are added. Notes without section scores (control notes)
    have no rows. Accepts lists as read from Parquet/JSONL and JSON strings
    as read from CSV.

    Examples
    --------
    >>> df = pd.DataFrame({"note_id": ["a"], "wer": [0.5], "section_scores": [[
    ...     {"section": "subjective", "alignment": "heading", "wer": 0.0, "unchanged": True},
    ...     {"section": "plan", "alignment": "heading", "wer": 1.0, "unchanged": False}]]})
    >>> section_rows(df)[["note_id", "section", "wer", "unchanged"]]
      note_id     section  wer  unchanged
    0       a  subjective  0.0       True
    1       a        plan  1.0      False
    """
    if "section_scores" not in scores.columns:
        raise ValueError(
            "grouping by 'section' needs the column 'section_scores'; found columns: "
            f"{', '.join(map(str, scores.columns))}. Score with the sections family "
            "(the default, or --metrics ...,sections)."
        )
    from evalkit.metrics import list_metrics

    metric_names = {m.name for m in list_metrics()}
    keep = [c for c in scores.columns if c not in metric_names and c not in TEXT_COLUMNS]
    positions: list[int] = []
    items: list[dict] = []
    for row, value in enumerate(scores["section_scores"].to_numpy(dtype=object)):
        for item in _section_items(value, row):
            positions.append(row)
            items.append(item)
    carried = scores[keep].iloc[positions].reset_index(drop=True)
    parts = pd.DataFrame(items, columns=[SECTION, "alignment", *SECTION_FIELDS])
    return pd.concat([carried, parts], axis=1)


@dataclass(frozen=True)
class _Frame:
    """A table to summarise (notes, or notes x sections) with its values and clusters."""

    present: list[Statistic]
    values: dict[str, np.ndarray]
    clusters: np.ndarray | None
    clinicians: np.ndarray | None
    unit: str

    @classmethod
    def of(cls, frame: pd.DataFrame, statistics: Sequence[Statistic]) -> _Frame:
        present = [s for s in statistics if s.column in frame.columns]
        clusters, unit = cluster_labels(frame)
        cluster_array = None if clusters is None else clusters.to_numpy(dtype=object)
        values = {s.column: _numeric(frame[s.column], s.column, s.kind) for s in present}
        clinicians = cluster_array if unit == "clinicians" else None
        return cls(present, values, cluster_array, clinicians, unit)


def _normalise_by(by: str | Sequence[str | Sequence[str]] | None) -> list[tuple[str, ...]]:
    if by is None:
        return []
    if isinstance(by, str):
        by = [by]
    levels = []
    for item in by:
        levels.append(tuple(item.split("+")) if isinstance(item, str) else tuple(item))
    return levels


def summarize(
    scores: pd.DataFrame,
    by: str | Sequence[str | Sequence[str]] | None = None,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = DEFAULT_SEED,
    min_cell: int = DEFAULT_MIN_CELL,
    ci: float = DEFAULT_CI,
    statistics: Sequence[Statistic] = STATISTICS,
) -> pd.DataFrame:
    """Summarise the scores table overall and per group, with clustered CIs.

    Parameters
    ----------
    scores : pandas.DataFrame
        The scores table, one row per note (see CONTRIBUTING.md). Control
        notes (no AI draft) have empty metric columns and drop out of each
        statistic. Not modified.
    by : str or list, optional
        Grouping levels. Each entry is a column (``"clinic_id"``) or a list of
        columns summarised jointly (``["clinic_id", "consultation_type"]``,
        also written ``"clinic_id+consultation_type"``).
        The overall level is always included first.
    n_boot : int
        Bootstrap replicates ``B`` (default 2000).
    seed : int
        Seed for ``numpy.random.default_rng``; every group uses the same seed.
    min_cell : int
        Rows with fewer than ``min_cell`` notes are suppressed (counts shown as
        ``"<5"``, estimates blank); ``0`` keeps every row.
    ci : float
        Confidence level (default 0.95).
    statistics : sequence of Statistic
        What to compute (default :data:`STATISTICS`); those whose column is
        absent are skipped.

    Returns
    -------
    pandas.DataFrame
        One row per level, group and statistic with columns:

        ``level``
            grouping columns joined by ``"+"``, or ``"overall"``;
        ``group``
            the group's values joined by ``"|"`` (``"overall"`` for the overall row);
        ``statistic``, ``column``, ``kind``, ``direction``
            what was computed, from which scores column, and which way is better;
        ``estimate``, ``ci_low``, ``ci_high``, ``ci_level``
            the estimate and its interval (already multiplied for "per 100" statistics);
        ``n_notes``, ``n_clinicians``
            notes with a value and distinct clinicians behind the row;
        ``method``, ``B``, ``seed``
            how the interval was computed (``B`` and ``seed`` empty for closed forms);
        ``n_notes_display``, ``suppressed``
            the count as it may be shared (``"<5"``) and whether the row was suppressed.

    Examples
    --------
    >>> df = pd.DataFrame({
    ...     "note_id": [f"n{i}" for i in range(8)],
    ...     "clinic_id": ["A"] * 4 + ["B"] * 4,
    ...     "clinician_id": ["a1", "a1", "a2", "a2", "b1", "b1", "b2", "b2"],
    ...     "unchanged": [True, False, True, True, False, False, True, False],
    ...     "wer": [0.0, 0.2, 0.0, 0.0, 0.3, 0.1, 0.0, 0.4],
    ... })
    >>> t = summarize(df, by="clinic_id", n_boot=200, min_cell=0)
    >>> t[["level", "group", "statistic", "estimate", "n_notes"]].head(3)
         level    group       statistic  estimate  n_notes
    0  overall  overall  unchanged_rate     0.500        8
    1  overall  overall        wer_mean     0.125        8
    2  overall  overall      wer_median     0.050        8
    """
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(
            f"summarize expects a pandas DataFrame (the scores table); got {type(scores).__name__}"
        )
    _check_n_boot(n_boot)
    _check_level(ci)
    check_min_cell(min_cell)
    levels = _normalise_by(by)
    exploded = None
    if any(SECTION in lvl for lvl in levels) and SECTION not in scores.columns:
        exploded = section_rows(scores)
    missing = sorted(
        {
            c
            for lvl in levels
            for c in lvl
            if c not in scores.columns and (c != SECTION or exploded is None)
        }
    )
    if missing:
        raise ValueError(
            f"grouping column(s) {', '.join(missing)} not in the scores table; found columns: "
            f"{', '.join(map(str, scores.columns))}. Pass existing columns to by=."
        )
    present = [s for s in statistics if s.column in scores.columns]
    if not present:
        raise ValueError(
            "none of the summary columns are in the scores table (expected e.g. unchanged, wer, "
            f"char_distance_norm); found columns: {', '.join(map(str, scores.columns))}. "
            "Score the notes first."
        )
    note_ctx = _Frame.of(scores, present)

    rows: list[dict] = []
    groupings: list[tuple[str, str, np.ndarray, _Frame]] = [
        (OVERALL, OVERALL, np.arange(len(scores)), note_ctx)
    ]
    section_ctx = None if exploded is None else _Frame.of(exploded, statistics)
    for lvl in levels:
        frame, ctx = (
            (exploded, section_ctx)
            if exploded is not None and section_ctx is not None and SECTION in lvl
            else (scores, note_ctx)
        )
        keys = frame[list(lvl)].astype("string").fillna("<missing>")
        for key, idx in keys.groupby(list(lvl), sort=True).indices.items():
            key_t = key if isinstance(key, tuple) else (key,)
            groupings.append(("+".join(lvl), "|".join(map(str, key_t)), np.asarray(idx), ctx))

    for level, group, idx, ctx in groupings:
        values, cluster_array, clinicians = ctx.values, ctx.clusters, ctx.clinicians
        for stat in ctx.present:
            col = values[stat.column][idx]
            keep = ~np.isnan(col)
            x = col[keep]
            cl = None if cluster_array is None else cluster_array[idx][keep]
            n_clin = None if clinicians is None else len(pd.unique(clinicians[idx][keep]))
            if x.size == 0:
                iv = Interval(np.nan, np.nan, np.nan, "no notes with a value")
            else:
                iv = interval_for(x, cl, stat.kind, n_boot=n_boot, seed=seed, ci=ci, unit=ctx.unit)
            rows.append(
                {
                    "level": level,
                    "group": group,
                    "statistic": stat.name,
                    "column": stat.column,
                    "kind": stat.kind,
                    "direction": stat.direction,
                    "estimate": iv.estimate * stat.scale,
                    "ci_low": iv.low * stat.scale,
                    "ci_high": iv.high * stat.scale,
                    "ci_level": ci,
                    "n_notes": int(x.size),
                    "n_clinicians": n_clin,
                    "method": iv.method,
                    "B": iv.n_boot,
                    "seed": iv.seed,
                }
            )
    table = pd.DataFrame(rows)
    table["B"] = table["B"].astype("Int64")
    table["seed"] = table["seed"].astype("Int64")
    table["n_clinicians"] = table["n_clinicians"].astype("Int64")
    table = suppress_small_cells(table, k=min_cell)
    return table[list(SUMMARY_COLUMNS)]


def read_scores(path: str | Path) -> pd.DataFrame:
    """Read a scores table written by ``evalkit score`` (Parquet, CSV, TSV or JSONL).

    Examples
    --------
    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "s.csv")
    >>> pd.DataFrame({"note_id": ["a"], "unchanged": [True]}).to_csv(f, index=False)
    >>> read_scores(f).columns.tolist()
    ['note_id', 'unchanged']
    """
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(
            f"scores file {str(file)!r} not found; create it with "
            f"`evalkit score NOTES --out {file.name}`"
        )
    fmt = detect_format(file)
    import pyarrow as pa

    try:
        if fmt == "parquet":
            return pd.read_parquet(file)
        if fmt == "jsonl":
            return pd.read_json(file, lines=True, dtype=False)
        return pd.read_csv(file, sep="\t" if fmt == "tsv" else ",", low_memory=False)
    except OSError as exc:
        if isinstance(exc, pa.ArrowException):
            raise InputError(_unreadable_scores(file, fmt)) from None
        raise input_os_error(exc, "the scores file", file) from None
    except (UnicodeDecodeError, pa.ArrowException, pd.errors.ParserError, pd.errors.EmptyDataError):
        raise InputError(_unreadable_scores(file, fmt)) from None


def _unreadable_scores(file: Path, fmt: str) -> str:
    return (
        f"scores file '{file}' is not a readable {fmt} file (corrupt, truncated or another "
        "format under this extension); write it again with `evalkit score NOTES --out "
        f"{file.name}`"
    )


@dataclass(frozen=True)
class SummaryFiles:
    """What :func:`write_summary_tables` wrote and what it skipped, in words.

    Attributes
    ----------
    files : dict of str to Path
        ``{"summary": ..., "time_saved": ...}`` for the tables written.
    messages : list of str
        Notes for the user (for example why the time tables were skipped).
    """

    files: dict[str, Path] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


def _write_csv(table: pd.DataFrame, path: Path) -> Path:
    return write_table(table, path, neutralise=("group", "level"), what="the summary table")


def write_summary_tables(
    scores: pd.DataFrame,
    out_dir: str | Path,
    *,
    by: str | Sequence[str | Sequence[str]] | None = ("clinic_id",),
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = DEFAULT_SEED,
    min_cell: int = DEFAULT_MIN_CELL,
    ci: float = DEFAULT_CI,
    salt: bytes | str | None = None,
    typing_chars_per_minute: float | None = None,
    notes_per_day: float | None = None,
) -> SummaryFiles:
    """Write the shareable tables of ``evalkit summarize`` into ``out_dir``.

    ``summary.csv`` (see :func:`summarize`) always; ``time_saved.csv`` (see
    :func:`evalkit.stats.time.time_saved`) when the table has timing columns,
    otherwise a message says the time sections were skipped. With ``salt``,
    clinic and clinician ids are pseudonymised first; the salt is not written.

    Examples
    --------
    >>> import tempfile
    >>> df = pd.DataFrame({"note_id": list("abcdef"), "clinic_id": ["A"] * 6,
    ...                    "unchanged": [True, False, True, True, False, True]})
    >>> res = write_summary_tables(df, tempfile.mkdtemp(), n_boot=100)
    >>> sorted(res.files), res.messages[0][:20]
    (['summary'], 'no timing columns (d')
    """
    check_min_cell(min_cell)
    out = output_dir(out_dir, "the tables folder")
    result = SummaryFiles()
    if salt is not None:
        scores = pseudonymize(scores, salt=salt)
        result.messages.append(Note("pseudonymised"))
    table = summarize(scores, by, n_boot=n_boot, seed=seed, min_cell=min_cell, ci=ci)
    result.files["summary"] = _write_csv(table, out / "summary.csv")
    single = [lvl[0] for lvl in _normalise_by(by) if len(lvl) == 1 and lvl[0] != SECTION]
    extra: dict[str, Any] = {}
    if typing_chars_per_minute is not None:
        extra["typing_chars_per_minute"] = typing_chars_per_minute
    if notes_per_day is not None:
        extra["notes_per_day"] = notes_per_day
    try:
        times = time_saved(
            scores, by=single, n_boot=n_boot, seed=seed, ci=ci, min_cell=min_cell, **extra
        )
    except NoTimingDataError as exc:
        result.messages.append(note_of(exc))
    else:
        result.messages.extend(times.attrs.get("messages", []))
        result.files["time_saved"] = _write_csv(times, out / "time_saved.csv")
    return result
