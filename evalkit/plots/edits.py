"""Figures about how much clinicians edited the AI drafts.

Edit categories
---------------
Each AI-assisted note falls in one of three categories:

* **unchanged** – ``unchanged`` is true (the notes are equal after collapsing
  whitespace), so ``char_distance_norm`` is 0 or only whitespace differs;
* **lightly edited** – changed, with ``char_distance_norm <= 0.10``;
* **heavily edited** – ``char_distance_norm > 0.10``.

Why 0.10: a tenth of the characters is about one rewritten sentence in a
ten-sentence note, the size of a correction a clinician makes while reading
(a dose, a laterality, a dropped negation). Above it the clinician is
rewriting sections. The threshold is a parameter (``light_max``) and is
printed on the figure; the pilot only separated unchanged from changed notes,
which the first category reproduces.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from evalkit.plots.style import (
    HATCHES,
    LINESTYLES,
    OKABE_ITO,
    add_note,
    group_label,
    group_tick,
    label,
    legend_below,
    localise_axes,
    new_axes,
    show_all_suppressed,
    split_groups,
    value_label,
)
from evalkit.plots.time import _require
from evalkit.schema import DEFAULT_MIN_CELL
from evalkit.stats.privacy import suppressed_label

LIGHT_EDIT_MAX = 0.10
"""Default upper bound of ``char_distance_norm`` for a lightly edited note."""

EDIT_CATEGORIES: tuple[str, ...] = ("unchanged", "light", "heavy")


def edit_category(scores: pd.DataFrame, *, light_max: float = LIGHT_EDIT_MAX) -> pd.Series:
    """Classify each scored note as ``unchanged``, ``light`` or ``heavy``.

    Notes without edit scores (control notes) get NA.

    Parameters
    ----------
    scores : pandas.DataFrame
        Needs ``unchanged`` and ``char_distance_norm``.
    light_max : float
        Largest ``char_distance_norm`` counted as a light edit (0 < light_max < 1).

    Returns
    -------
    pandas.Series
        Categorical with categories ``EDIT_CATEGORIES``, aligned with ``scores``.

    Examples
    --------
    >>> df = pd.DataFrame({"unchanged": [True, False, False, None],
    ...                    "char_distance_norm": [0.0, 0.05, 0.4, None]})
    >>> edit_category(df).tolist()
    ['unchanged', 'light', 'heavy', nan]
    """
    _require(scores, ("unchanged", "char_distance_norm"), "edit_category")
    if not 0 < light_max < 1:
        raise ValueError(f"light_max must be between 0 and 1 (exclusive), got {light_max!r}")
    dist = pd.to_numeric(scores["char_distance_norm"], errors="coerce")
    unchanged = scores["unchanged"].astype("boolean")
    cat = np.select(
        [
            unchanged.fillna(False).to_numpy(bool),
            (dist <= light_max).to_numpy(bool),
            (dist > light_max).to_numpy(bool),
        ],
        list(EDIT_CATEGORIES),
        default="",
    )
    values = np.where(cat == "", None, cat)  # type: ignore[call-overload]  # None: NA for notes without edit scores
    return pd.Series(pd.Categorical(values, categories=list(EDIT_CATEGORIES)), index=scores.index)


def plot_edit_categories(
    scores: pd.DataFrame,
    *,
    by: str = "clinic_id",
    light_max: float = LIGHT_EDIT_MAX,
    ax: Axes | None = None,
    lang: str = "en",
    min_cell: int = DEFAULT_MIN_CELL,
) -> Axes:
    """Stacked bars: share of unchanged, lightly and heavily edited notes per group.

    Parameters
    ----------
    scores : pandas.DataFrame
        The scores table (control notes, with no edit scores, are left out).
    by : str
        Grouping column.
    light_max : float
        Threshold between light and heavy edits (see the module docstring).
    ax : matplotlib.axes.Axes, optional
    lang : {"en", "da"}
    min_cell : int
        Groups with fewer scored notes are not drawn; their tick reads ``<k``.

    Returns
    -------
    matplotlib.axes.Axes
        Three stacked bar segments per drawn group (zero-height ones included).

    Examples
    --------
    >>> df = pd.DataFrame({"clinic_id": ["A"] * 5 + ["B"] * 2,
    ...                    "unchanged": [True, True, False, False, False, True, False],
    ...                    "char_distance_norm": [0, 0, .05, .2, .3, 0, .5]})
    >>> ax = plot_edit_categories(df)
    >>> len(ax.patches), [t.get_text() for t in ax.get_xticklabels()]
    (3, ['A', 'B\\n<5'])
    """
    _require(scores, (by,), "plot_edit_categories")
    ax = new_axes(ax)
    cats = edit_category(scores, light_max=light_max)
    scored = pd.DataFrame({"group": scores[by], "cat": cats}).dropna(subset=["cat"])
    counts = pd.crosstab(scored["group"], scored["cat"]).reindex(
        columns=list(EDIT_CATEGORIES), fill_value=0
    )
    groups, suppressed = split_groups(counts.sum(axis=1), min_cell)
    if groups and len(suppressed) == len(groups):
        return show_all_suppressed(ax, by, min_cell=min_cell, lang=lang)
    x = np.arange(len(groups))
    bottoms = np.zeros(len(groups))
    colours = {"unchanged": OKABE_ITO[2], "light": OKABE_ITO[1], "heavy": OKABE_ITO[5]}
    hatches = {"unchanged": HATCHES[0], "light": HATCHES[2], "heavy": HATCHES[1]}
    shown = [i for i, g in enumerate(groups) if g not in suppressed]
    for cat in EDIT_CATEGORIES:
        share = np.array([100.0 * counts.loc[g, cat] / counts.loc[g].sum() for g in groups])
        ax.bar(
            x[shown],
            share[shown],
            0.65,
            bottom=bottoms[shown],
            color=colours[cat],
            hatch=hatches[cat],
            edgecolor="#303030",
            linewidth=0.6,
            label=label(cat, lang, light=light_max),
        )
        bottoms += share
    ax.set_xticks(x, [group_tick(g, g in suppressed, min_cell) for g in groups])
    ax.set_ylim(0, 100)
    ax.set_xlabel(group_label(by, lang))
    ax.set_ylabel(label("share_notes", lang))
    handles = [
        Patch(
            facecolor=colours[c],
            hatch=hatches[c],
            edgecolor="#303030",
            label=label(c, lang, light=light_max),
        )
        for c in EDIT_CATEGORIES
    ]
    legend_below(ax, handles, ncol=3)
    add_note(ax, label("suppressed", lang, k=min_cell))
    return localise_axes(ax, lang)


def plot_ecdf(
    scores: pd.DataFrame,
    *,
    metric: str = "char_distance_norm",
    by: str | None = "clinic_id",
    ax: Axes | None = None,
    lang: str = "en",
    min_cell: int = DEFAULT_MIN_CELL,
    max_points: int = 2000,
) -> Axes:
    """Empirical cumulative distribution of an edit metric, one step line per group.

    Parameters
    ----------
    scores : pandas.DataFrame
        The scores table; NA values of ``metric`` (control notes) are dropped.
    metric : str
        ``char_distance_norm``, ``wer`` or another numeric column.
    by : str or None
        Grouping column (``clinic_id``, ``consultation_type``), or None for one line.
    ax : matplotlib.axes.Axes, optional
    lang : {"en", "da"}
    min_cell : int
        Groups with fewer notes get no line; the legend lists them as ``<k``.
    max_points : int
        Larger groups are drawn through ``max_points`` evenly spaced order
        statistics (exact ECDF values at those points), so a million notes do
        not make a million-vertex line.

    Returns
    -------
    matplotlib.axes.Axes
        One line per drawn group; line *i* passes through ``(x, F(x))`` for the
        sorted values.

    Examples
    --------
    >>> df = pd.DataFrame({"wer": [0.0, 0.1, 0.2, 0.3, 0.4]})
    >>> ax = plot_ecdf(df, metric="wer", by=None)
    >>> float(ax.lines[0].get_ydata()[-1])
    100.0
    """
    _require(scores, (metric,) + ((by,) if by else ()), "plot_ecdf")
    ax = new_axes(ax)
    values = pd.to_numeric(scores[metric], errors="coerce")
    keys = scores[by] if by else pd.Series("all", index=scores.index)
    frame = pd.DataFrame({"group": keys, "value": values}).dropna()
    groups, suppressed = split_groups(frame.groupby("group").size(), min_cell)
    if by and groups and len(suppressed) == len(groups):
        return show_all_suppressed(ax, by, min_cell=min_cell, lang=lang)
    drawn = 0
    for group in groups:
        if group in suppressed:
            continue
        v = np.sort(frame.loc[frame["group"] == group, "value"].to_numpy(float))
        n = len(v)
        idx = np.arange(n)
        if n > max_points:
            idx = np.unique(np.linspace(0, n - 1, max_points).round().astype(int))
        y = 100.0 * (idx + 1) / n
        v = v[idx]
        ax.step(
            np.concatenate([[v[0]], v]),
            np.concatenate([[0.0], y]),
            where="post",
            color=OKABE_ITO[drawn % len(OKABE_ITO)],
            linestyle=LINESTYLES[drawn % len(LINESTYLES)],
            linewidth=1.6,
            label=f"{value_label(by, group, lang)} (n={n})" if by else f"n={n}",
        )
        drawn += 1
    handles, _ = ax.get_legend_handles_labels()
    if by and suppressed:
        # A legend entry only (not an artist on the axes): lines stay one per drawn group.
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                label=", ".join(map(str, suppressed)) + f": n {suppressed_label(min_cell)}",
            )
        )
    ax.set_ylim(0, 101)
    ax.set_xlabel(label(metric, lang) if metric in ("wer", "char_distance_norm") else metric)
    ax.set_ylabel(label("ecdf", lang))
    if handles:
        ax.legend(
            handles=handles,
            loc="lower right",
            fontsize=8,
            title=group_label(by, lang) if by else None,
        )
    return localise_axes(ax, lang)
