"""Figures about documentation time: time per note with and without AI, time saved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from evalkit.plots.style import (
    HATCHES,
    MARKERS,
    OKABE_ITO,
    add_note,
    format_number,
    group_label,
    group_tick,
    label,
    legend_below,
    localise_axes,
    new_axes,
    show_all_suppressed,
)
from evalkit.schema import DEFAULT_MIN_CELL, DEFAULT_SEED
from evalkit.stats.privacy import small_cells, suppressed_label, suppressed_rows

_TIME_COLUMNS = ("estimate", "ci_low", "ci_high", "n_notes")


def _require(data: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(
            f"{what} needs columns {', '.join(columns)}; missing {', '.join(missing)}; "
            f"found {', '.join(map(str, data.columns))}"
        )


def plot_time_per_note(
    table: pd.DataFrame,
    *,
    by: str = "clinic_id",
    ax: Axes | None = None,
    lang: str = "en",
    min_cell: int = DEFAULT_MIN_CELL,
) -> Axes:
    """Documentation time per note with and without AI, per group, with 95% CIs.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per group and arm, as produced by the statistics step:
        columns ``by``, ``ai_assisted`` (bool), ``estimate``, ``ci_low``,
        ``ci_high`` (seconds) and ``n_notes``.
    by : str
        Grouping column (``clinic_id``, ``consultation_type`` ...).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure otherwise.
    lang : {"en", "da"}
        Label language.
    min_cell : int
        Arms of a group with fewer notes, and rows the table marks
        ``suppressed``, are not drawn; the group's tick reads ``<k``.

    Returns
    -------
    matplotlib.axes.Axes
        One bar per drawn arm and group, with error bars for the CIs.

    Examples
    --------
    >>> t = pd.DataFrame({"clinic_id": ["A", "A"], "ai_assisted": [True, False],
    ...                   "estimate": [200.0, 260.0], "ci_low": [180.0, 230.0],
    ...                   "ci_high": [220.0, 290.0], "n_notes": [40, 12]})
    >>> ax = plot_time_per_note(t)
    >>> len(ax.patches), ax.get_ylabel()
    (2, 'Documentation time per note (s)')
    """
    _require(table, (by, "ai_assisted", *_TIME_COLUMNS), "plot_time_per_note")
    table = table.assign(_hidden=suppressed_rows(table, k=min_cell))
    ax = new_axes(ax)
    groups = sorted(table[by].dropna().unique(), key=str)
    arms = [(True, label("with_ai", lang)), (False, label("without_ai", lang))]
    width = 0.38
    x = np.arange(len(groups))
    ticks = []
    drawn = 0
    for pos, group in zip(x, groups, strict=True):
        rows = table[table[by] == group]
        hidden = False
        for k, (arm, _) in enumerate(arms):
            row = rows[rows["ai_assisted"].astype(bool) == arm]
            if row.empty:
                continue
            r = row.iloc[0]
            # Rows suppressed upstream have blank counts and estimates.
            if r["_hidden"] or pd.isna(r["n_notes"]) or pd.isna(r["estimate"]):
                hidden = True
                continue
            offset = (k - 0.5) * width
            # A percentile bootstrap interval need not contain the estimate
            # (rounding, skewed ratios); the bar then stops at the estimate.
            err = np.maximum(
                0.0, np.array([[r["estimate"] - r["ci_low"]], [r["ci_high"] - r["estimate"]]])
            )
            ax.bar(
                pos + offset,
                r["estimate"],
                width,
                color=OKABE_ITO[4 if arm else 0],
                hatch=HATCHES[0 if arm else 1],
                edgecolor="#303030",
                linewidth=0.6,
                yerr=err,
                capsize=3,
                ecolor="#202020",
            )
            drawn += 1
        ticks.append(group_tick(group, hidden, min_cell))
    if groups and not drawn:
        return show_all_suppressed(ax, by, min_cell=min_cell, lang=lang)
    ax.set_xticks(x, ticks)
    ax.set_xlabel(group_label(by, lang))
    ax.set_ylabel(label("time_per_note", lang))
    _arm_legend(ax, arms)
    add_note(ax, label("suppressed", lang, k=min_cell) + " " + label("ci95", lang))
    return localise_axes(ax, lang)


def _arm_legend(ax: Axes, arms: list[tuple[bool, str]]) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(
            facecolor=OKABE_ITO[4 if arm else 0],
            hatch=HATCHES[0 if arm else 1],
            edgecolor="#303030",
            label=text,
        )
        for arm, text in arms
    ]
    legend_below(ax, handles, ncol=2)


def plot_time_saved_distribution(
    saved_seconds: pd.Series | Sequence[float] | np.ndarray,
    *,
    ax: Axes | None = None,
    lang: str = "en",
    modelled: bool = False,
    bins: int | str = "auto",
    min_cell: int = DEFAULT_MIN_CELL,
) -> Axes:
    """Histogram of time saved per AI-assisted note, with the median marked.

    Parameters
    ----------
    saved_seconds : array-like of float
        Seconds saved per note (baseline minus observed); NaN values are dropped.
        Negative values mean the note took longer than the baseline.
    ax : matplotlib.axes.Axes, optional
    lang : {"en", "da"}
    modelled : bool
        True when the baseline is the modelled typing time rather than measured
        control notes; the title says which.
    bins : int or str
        Passed to :func:`numpy.histogram_bin_edges`.
    min_cell : int
        With fewer notes than this nothing is drawn (the title says ``n <k``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_time_saved_distribution([30.0, 45.0, 60.0, 10.0, -5.0, 50.0], bins=3)
    >>> len(ax.patches), ax.get_xlabel()
    (3, 'Time saved per note (s)')
    """
    values = pd.Series(saved_seconds, dtype="float64").dropna().to_numpy()
    ax = new_axes(ax)
    kind = label("modelled" if modelled else "measured", lang)
    if small_cells(len(values), min_cell):
        ax.set_title(f"n {suppressed_label(min_cell)} ({kind})", loc="right")
    else:
        edges = np.histogram_bin_edges(values, bins=bins)
        ax.hist(values, bins=list(edges), color=OKABE_ITO[2], edgecolor="#303030", linewidth=0.6)
        median = float(np.median(values))
        ax.axvline(
            median,
            color=OKABE_ITO[7],
            linestyle="--",
            linewidth=1.2,
            label=f"{label('median', lang)}: {format_number(median, '.0f', lang)} s",
        )
        ax.axvline(0, color="#808080", linewidth=0.8)
        ax.legend(loc="upper right")
        ax.set_title(f"n = {len(values)} ({kind})", loc="right")
    ax.set_xlabel(label("time_saved", lang))
    ax.set_ylabel(label("n_notes", lang))
    return localise_axes(ax, lang)


def plot_edit_vs_time(
    scores: pd.DataFrame,
    *,
    x: str = "char_distance",
    y: str = "doc_seconds",
    ax: Axes | None = None,
    lang: str = "en",
    fit: tuple[float, float] | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
    max_points: int = 5000,
    seed: int = DEFAULT_SEED,
) -> Axes:
    """Edit distance against documentation time for AI notes, with the fitted line.

    Parameters
    ----------
    scores : pandas.DataFrame
        The scores table; rows with ``x`` or ``y`` missing are dropped.
    x, y : str
        Columns on the axes (default character edit distance and ``doc_seconds``;
        ``edit_seconds`` is the other natural choice of ``y``).
    ax : matplotlib.axes.Axes, optional
    lang : {"en", "da"}
    fit : (intercept, slope), optional
        A line already fitted by the statistics step; by default an ordinary
        least-squares line through the points drawn (``numpy.polyfit``).
    min_cell : int
        With fewer points no points or line are drawn.
    max_points, seed : int
        With more notes, a random sample of ``max_points`` (drawn with ``seed``)
        is plotted; the line is always fitted on every note.

    Returns
    -------
    matplotlib.axes.Axes
        A scatter collection and, when there are enough points, one line.

    Examples
    --------
    >>> df = pd.DataFrame({"char_distance": [0, 10, 20, 30, 40],
    ...                    "doc_seconds": [60.0, 80.0, 100.0, 120.0, 140.0]})
    >>> ax = plot_edit_vs_time(df)
    >>> [round(float(v), 6) for v in ax.lines[0].get_ydata()]
    [60.0, 140.0]
    """
    ax = new_axes(ax)
    _require(scores, (x, y), "plot_edit_vs_time")
    points = scores[[x, y]].apply(pd.to_numeric, errors="coerce").dropna()
    if not small_cells(len(points), min_cell):
        xs, ys = points[x].to_numpy(float), points[y].to_numpy(float)
        shown = np.arange(len(xs))
        if len(xs) > max_points:
            shown = np.sort(np.random.default_rng(seed).choice(len(xs), max_points, replace=False))
        # Thousands of points are embedded as one image in SVG/PDF (axes stay vector).
        ax.scatter(
            xs[shown],
            ys[shown],
            s=14,
            alpha=0.6,
            color=OKABE_ITO[4],
            marker=MARKERS[0],
            edgecolors="none",
            rasterized=len(shown) > 1000,
        )
        if fit is None and np.ptp(xs) > 0:
            slope, intercept = np.polyfit(xs, ys, 1)
            fit = (float(intercept), float(slope))
        if fit is not None:
            line_x = np.array([xs.min(), xs.max()])
            intercept, slope = fit
            ax.plot(
                line_x,
                intercept + slope * line_x,
                color=OKABE_ITO[5],
                linewidth=1.8,
                linestyle="--",
                label=_fit_label(x, slope, lang),
            )
            ax.legend(loc="upper left")
        ax.set_title(f"n = {len(points)}", loc="right")
    else:
        ax.set_title(f"n {suppressed_label(min_cell)}", loc="right")
    ax.set_xlabel(_axis_label(x, lang))
    ax.set_ylabel(_axis_label(y, lang))
    return localise_axes(ax, lang)


def _fit_label(column: str, slope: float, lang: str) -> str:
    if column.startswith("char"):
        return label("fit_slope", lang, fit=label("fit", lang), slope=slope * 100)
    return f"{label('fit', lang)}: {format_number(slope * 100, '.1f', lang)} s / 100 {column}"


def _axis_label(column: str, lang: str) -> str:
    known: dict[str, Any] = {
        "char_distance": "char_distance",
        "doc_seconds": "doc_seconds",
        "char_distance_norm": "char_distance_norm",
        "wer": "wer",
    }
    if column in known:
        return label(known[column], lang)
    if column.endswith("_seconds"):
        return f"{column} (s)"
    return column
