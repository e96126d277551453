"""Figures about what the AI got wrong: hallucination flags and missing terms.

Both read the list columns of the scores table (``hallucination_flags``,
``missing_terms``), which are Python lists after reading Parquet or JSONL and
JSON strings after reading CSV; :func:`explode_items` accepts either.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from evalkit.plots.style import (
    HATCHES,
    OKABE_ITO,
    add_note,
    group_label,
    group_tick,
    label,
    localise_axes,
    new_axes,
    show_all_suppressed,
    split_groups,
    value_label,
)
from evalkit.plots.time import _require
from evalkit.schema import DEFAULT_MIN_CELL
from evalkit.stats.privacy import small_cells, suppressed_label

SEVERITY_ORDER: tuple[str, ...] = (
    "critical",
    "major",
    "moderate",
    "non-critical",
    "minor",
    "low",
    "info",
)
_PLAIN_SEVERITIES = ("non-critical", "minor", "low", "info")
"""Known severities, most severe first; others follow in alphabetical order."""


def as_items(value: Any) -> list[dict[str, Any]]:
    """One list-column cell as a list of dicts (list, array, JSON string or NA).

    Examples
    --------
    >>> as_items('[{"type": "number", "severity": "major"}]')
    [{'type': 'number', 'severity': 'major'}]
    >>> as_items(None), as_items(float("nan"))
    ([], [])
    """
    if value is None:
        return []
    if isinstance(value, str):
        if not value.strip():
            return []
        try:
            value = json.loads(value)
        except json.JSONDecodeError as err:
            raise ValueError(
                "a list column holds text that is not JSON (lists are JSON strings in CSV); "
                f"JSON error: {err.msg} at character {err.pos}"
            ) from None
    if isinstance(value, float) and np.isnan(value):
        return []
    if isinstance(value, dict):
        return [value]
    return [dict(item) for item in list(value)]


def explode_items(scores: pd.DataFrame, column: str, *, keep: Sequence[str] = ()) -> pd.DataFrame:
    """One row per list item of ``column``, with the item's fields as columns.

    Parameters
    ----------
    scores : pandas.DataFrame
    column : str
        ``hallucination_flags``, ``missing_terms`` or ``added_terms``.
    keep : sequence of str
        Columns of ``scores`` copied onto each item row (e.g. ``clinic_id``).

    Returns
    -------
    pandas.DataFrame
        Columns ``row`` (position in ``scores``), ``keep`` and the item fields.

    Examples
    --------
    >>> df = pd.DataFrame({"clinic_id": ["A", "B"],
    ...                    "missing_terms": [[{"term": "feber"}], []]})
    >>> explode_items(df, "missing_terms", keep=["clinic_id"]).to_dict("records")
    [{'row': 0, 'clinic_id': 'A', 'term': 'feber'}]
    """
    _require(scores, (column, *keep), "explode_items")
    records = []
    kept = scores[list(keep)].to_numpy(dtype=object) if keep else None
    for pos, cell in enumerate(scores[column].to_numpy(dtype=object)):
        for item in as_items(cell):
            rec: dict[str, Any] = {"row": pos}
            if kept is not None:
                rec.update(zip(keep, kept[pos], strict=True))
            rec.update(item)
            records.append(rec)
    return pd.DataFrame.from_records(records, columns=None if records else ["row", *keep])


def _severity_key(severity: str) -> tuple[int, str]:
    s = str(severity)
    return (SEVERITY_ORDER.index(s), s) if s in SEVERITY_ORDER else (len(SEVERITY_ORDER), s)


def plot_hallucination_flags(
    scores: pd.DataFrame,
    *,
    by: str = "clinic_id",
    ax: Axes | None = None,
    lang: str = "en",
    min_cell: int = DEFAULT_MIN_CELL,
) -> Axes:
    """Hallucination flags per 100 AI notes, by type (colour) and severity (hatch), per group.

    Parameters
    ----------
    scores : pandas.DataFrame
        Needs ``hallucination_flags`` and ``by``. The denominator is the
        number of notes in the group with a non-missing ``n_hallucination_flags``
        (or, without that column, every row of the group).
    by : str
        Grouping column.
    ax : matplotlib.axes.Axes, optional
    lang : {"en", "da"}
    min_cell : int
        Groups with fewer notes are not drawn; their tick reads ``<k``.

    Returns
    -------
    matplotlib.axes.Axes
        One stacked bar segment per drawn group and (type, severity) present
        in the data.

    Examples
    --------
    >>> flags = [[{"type": "number", "severity": "major"}], [], [], [], []]
    >>> df = pd.DataFrame({"clinic_id": ["A"] * 5, "hallucination_flags": flags})
    >>> ax = plot_hallucination_flags(df)
    >>> [float(p.get_height()) for p in ax.patches]
    [20.0]
    """
    _require(scores, (by, "hallucination_flags"), "plot_hallucination_flags")
    ax = new_axes(ax)
    if "n_hallucination_flags" in scores.columns:
        scored = scores[scores["n_hallucination_flags"].notna()]
    else:
        scored = scores
    sizes = scored.groupby(by).size()
    groups, suppressed = split_groups(sizes, min_cell)
    if groups and len(suppressed) == len(groups):
        return show_all_suppressed(ax, by, min_cell=min_cell, lang=lang)
    items = explode_items(scored, "hallucination_flags", keep=[by])
    if items.empty:
        items = pd.DataFrame(columns=[by, "type", "severity"])
    for field in ("type", "severity"):
        if field not in items.columns:
            items[field] = "unknown"
        items[field] = items[field].fillna("unknown").astype(str)
    counts = items.groupby([by, "type", "severity"]).size()
    types = sorted(items["type"].unique())
    severities = sorted(items["severity"].unique(), key=_severity_key)
    colour = {t: OKABE_ITO[i % len(OKABE_ITO)] for i, t in enumerate(types)}
    # The most severe level gets the densest hatch; the mildest are left plain.
    hatch = {
        s: "" if s in _PLAIN_SEVERITIES else ("xx", "///", "\\\\\\")[min(i, 2)]
        for i, s in enumerate(severities)
    }
    x = np.arange(len(groups))
    shown = [i for i, g in enumerate(groups) if g not in suppressed]
    bottoms = np.zeros(len(groups))
    for severity in severities:
        for typ in types:
            per100 = np.array(
                [100.0 * counts.get((g, typ, severity), 0) / sizes[g] for g in groups]
            )
            if not per100[shown].any():
                continue
            ax.bar(
                x[shown],
                per100[shown],
                0.65,
                bottom=bottoms[shown],
                color=colour[typ],
                hatch=hatch[severity],
                edgecolor="#303030",
                linewidth=0.6,
                label=f"{value_label('flag_type', typ, lang)} / "
                f"{value_label('severity', severity, lang)}",
            )
            bottoms += per100
    ax.set_xticks(x, [group_tick(g, g in suppressed, min_cell) for g in groups])
    ax.set_xlabel(group_label(by, lang))
    ax.set_ylabel(label("flags_per_100", lang))
    handles = [
        Patch(facecolor=colour[t], edgecolor="#303030", label=value_label("flag_type", t, lang))
        for t in types
    ]
    handles += [
        Patch(
            facecolor="white",
            hatch=hatch[s],
            edgecolor="#303030",
            label=f"{label('severity', lang)}: {value_label('severity', s, lang)}",
        )
        for s in severities
    ]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    add_note(ax, label("suppressed", lang, k=min_cell))
    return localise_axes(ax, lang)


def plot_missing_terms_by_category(
    scores: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = "en",
    min_cell: int = DEFAULT_MIN_CELL,
) -> Axes:
    """Missing terms per AI note, by term category (horizontal bars).

    Parameters
    ----------
    scores : pandas.DataFrame
        Needs ``missing_terms``; the denominator is the number of notes with a
        non-missing ``n_missing_terms`` (or every row without that column).
    ax : matplotlib.axes.Axes, optional
    lang : {"en", "da"}
    min_cell : int
        Categories missing fewer than ``min_cell`` times in total are pooled
        into one bar labelled ``<k`` so rare terms cannot be singled out.

    Returns
    -------
    matplotlib.axes.Axes
        One bar per category.

    Examples
    --------
    >>> terms = [[{"term": "feber", "category": "symptom"}] * 5,
    ...          [{"term": "x", "category": "drug"}]]
    >>> df = pd.DataFrame({"missing_terms": terms})
    >>> ax = plot_missing_terms_by_category(df)
    >>> [t.get_text() for t in ax.get_yticklabels()], [float(p.get_width()) for p in ax.patches]
    (['<5', 'symptom'], [0.5, 2.5])
    """
    _require(scores, ("missing_terms",), "plot_missing_terms_by_category")
    ax = new_axes(ax)
    if "n_missing_terms" in scores.columns:
        scored = scores[scores["n_missing_terms"].notna()]
    else:
        scored = scores
    items = explode_items(scored, "missing_terms")
    n_notes = len(scored)
    if items.empty or n_notes == 0:
        ax.set_title(f"n = {n_notes}", loc="right")
    else:
        cats = (
            items["category"].fillna("unknown").astype(str)
            if "category" in items
            else pd.Series("unknown", index=items.index)
        )
        counts = cats.value_counts()
        rare = small_cells(counts, min_cell)
        small = counts[rare]
        counts = counts[~rare].sort_values()
        if len(small):
            counts = pd.concat([pd.Series({suppressed_label(min_cell): small.sum()}), counts])
        ax.barh(
            np.arange(len(counts)),
            counts.to_numpy() / n_notes,
            0.65,
            color=OKABE_ITO[0],
            hatch=HATCHES[2],
            edgecolor="#303030",
            linewidth=0.6,
        )
        ax.set_yticks(
            np.arange(len(counts)), [value_label("category", c, lang) for c in counts.index]
        )
        ax.set_title(f"n = {n_notes}", loc="right")
    ax.grid(True, axis="x", color="#d0d0d0", linewidth=0.6)
    ax.grid(False, axis="y")
    ax.set_xlabel(label("missing_per_note", lang))
    ax.set_ylabel(label("category", lang))
    return localise_axes(ax, lang)


def top_missing_terms(
    scores: pd.DataFrame, *, top: int = 15, min_cell: int = DEFAULT_MIN_CELL
) -> pd.DataFrame:
    """The terms most often missing from AI drafts.

    Parameters
    ----------
    scores : pandas.DataFrame
        Needs ``missing_terms``.
    top : int
        Number of terms to return.
    min_cell : int
        Terms missing fewer times are left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``term``, ``category``, ``n_missing`` (descending; ties by term).

    Examples
    --------
    >>> df = pd.DataFrame({"missing_terms": [[{"term": "feber", "category": "symptom"}]] * 6})
    >>> top_missing_terms(df).to_dict("records")
    [{'term': 'feber', 'category': 'symptom', 'n_missing': 6}]
    """
    _require(scores, ("missing_terms",), "top_missing_terms")
    items = explode_items(scores, "missing_terms")
    if items.empty or "term" not in items.columns:
        return pd.DataFrame({"term": [], "category": [], "n_missing": []})
    if "category" not in items.columns:
        items["category"] = "unknown"
    items["category"] = items["category"].fillna("unknown")
    counts = (
        items.groupby(["term", "category"])
        .size()
        .rename("n_missing")
        .reset_index()
        .sort_values(["n_missing", "term"], ascending=[False, True])
    )
    counts = counts[~small_cells(counts["n_missing"], min_cell)]
    return counts.head(top).reset_index(drop=True)


def plot_top_missing_terms(
    scores: pd.DataFrame,
    *,
    top: int = 15,
    ax: Axes | None = None,
    lang: str = "en",
    min_cell: int = DEFAULT_MIN_CELL,
) -> Axes:
    """Horizontal bars of the terms most often missing from the AI drafts.

    Terms missing fewer than ``min_cell`` times are not shown.

    Examples
    --------
    >>> df = pd.DataFrame({"missing_terms": [[{"term": "feber", "category": "symptom"}]] * 6})
    >>> ax = plot_top_missing_terms(df)
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_xlabel()
    (['feber (symptom)'], 'Times missing (n)')
    """
    ax = new_axes(ax)
    table = top_missing_terms(scores, top=top, min_cell=min_cell).iloc[::-1]
    y = np.arange(len(table))
    ax.barh(
        y,
        table["n_missing"].to_numpy(float),
        0.65,
        color=OKABE_ITO[4],
        hatch=HATCHES[1],
        edgecolor="#303030",
        linewidth=0.6,
    )
    ax.set_yticks(
        y,
        [
            f"{t} ({value_label('category', c, lang)})"
            for t, c in zip(table["term"], table["category"], strict=True)
        ],
    )
    if table.empty:
        ax.set_xlim(0, 1)
        ax.text(
            0.5,
            0.5,
            f"n {suppressed_label(min_cell)}",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#404040",
        )
    ax.grid(True, axis="x", color="#d0d0d0", linewidth=0.6)
    ax.grid(False, axis="y")
    ax.set_xlabel(label("n_missing", lang))
    ax.set_ylabel(label("term", lang))
    add_note(ax, label("suppressed", lang, k=min_cell))
    return localise_axes(ax, lang)
