"""Figure: a per-section statistic (WER, flags per 100 notes) for each clinic."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from evalkit.plots.style import (
    MARKERS,
    OKABE_ITO,
    add_note,
    check_lang,
    group_label,
    label,
    legend_below,
    localise_axes,
    new_axes,
)
from evalkit.schema import DEFAULT_MIN_CELL
from evalkit.stats.privacy import check_min_cell, suppressed_rows
from evalkit.text.sections import CANONICAL_SECTIONS

SECTION_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "subjective": "Subjective",
        "objective": "Objective",
        "assessment": "Assessment",
        "plan": "Plan",
        "other": "Other",
        "axis": "Note section",
    },
    "da": {
        "subjective": "Subjektivt",
        "objective": "Objektivt",
        "assessment": "Vurdering",
        "plan": "Plan",
        "other": "Andet",
        "axis": "Notatafsnit",
    },
}
"""Section names shown on the axis, per language; compounds are joined with " + "."""

_STAT_LABEL = {
    "wer_mean": "wer",
    "wer_median": "wer",
    "hallucination_flags_per_100": "flags_per_100",
    "missing_terms_per_note": "missing_per_note",
    "unchanged_rate": "unchanged",
}


def section_name(section: str, lang: str = "en") -> str:
    """The display name of a section or compound section.

    Examples
    --------
    >>> section_name("assessment+plan", "da")
    'Vurdering + Plan'
    """
    names = SECTION_NAMES[check_lang(lang)]
    return " + ".join(names.get(p, p) for p in section.split("+"))


def _section_order(section: str) -> tuple[int, str]:
    first = section.split("+", 1)[0]
    rank = (
        CANONICAL_SECTIONS.index(first) if first in CANONICAL_SECTIONS else len(CANONICAL_SECTIONS)
    )
    return rank, section


def plot_section_scores(
    summary: pd.DataFrame,
    *,
    statistic: str = "wer_mean",
    by: str | None = "clinic_id",
    ax: Axes | None = None,
    lang: str = "en",
    min_cell: int = DEFAULT_MIN_CELL,
) -> Axes:
    """One statistic per note section, with its 95% CI, one marker series per group.

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`evalkit.summarize` with ``by=["section"]`` (``by=None``
        here) or ``by=["clinic_id+section"]``.
    statistic : str
        A statistic of the summary (``wer_mean``, ``hallucination_flags_per_100``).
    by : str or None
        The grouping crossed with ``section`` (``clinic_id``), or ``None``.
    ax : matplotlib.axes.Axes, optional
    lang : {"da", "en"}
    min_cell : int
        Rows the summary marks ``suppressed``, and rows with fewer than
        ``min_cell`` notes, are not drawn; the note says so.

    Returns
    -------
    matplotlib.axes.Axes
        One line collection of error bars per group; x ticks are the sections.

    Examples
    --------
    >>> s = pd.DataFrame({"level": "clinic_id+section", "statistic": "wer_mean",
    ...     "group": ["K1|plan", "K1|subjective", "K2|plan"], "estimate": [0.3, 0.1, 0.2],
    ...     "ci_low": [0.2, 0.05, 0.1], "ci_high": [0.4, 0.15, 0.3],
    ...     "suppressed": [False, False, False]})
    >>> ax = plot_section_scores(s)
    >>> [t.get_text() for t in ax.get_xticklabels()], len(ax.lines) > 0
    (['Subjective', 'Plan'], True)
    """
    check_lang(lang)
    check_min_cell(min_cell)
    level = "section" if by is None else f"{by}+section"
    need = {"level", "statistic", "group", "estimate", "ci_low", "ci_high"}
    missing = sorted(need - set(summary.columns))
    if missing:
        raise ValueError(
            f"plot_section_scores needs a summary table (evalkit.summarize); missing columns: "
            f"{', '.join(missing)}"
        )
    rows = summary[(summary["level"] == level) & (summary["statistic"] == statistic)]
    if rows.empty:
        raise ValueError(
            f"the summary has no rows for level {level!r} and statistic {statistic!r}; "
            f"summarise with by=[{level!r}] first."
        )
    parts = rows["group"].astype(str).str.split("|")
    hidden = suppressed_rows(rows, k=min_cell)
    rows = rows.assign(
        _group=parts.str[0] if by is not None else "",
        _section=parts.str[-1],
        estimate=rows["estimate"].mask(hidden),
    )
    sections = sorted(rows["_section"].unique(), key=_section_order)
    groups = sorted(rows["_group"].unique(), key=str)
    ax = new_axes(ax)
    width = 0.7
    step = width / max(len(groups), 1)
    handles = []
    for k, group in enumerate(groups):
        sub = rows[rows["_group"] == group].set_index("_section").reindex(sections)
        est = pd.to_numeric(sub["estimate"], errors="coerce").to_numpy(float)
        low = pd.to_numeric(sub["ci_low"], errors="coerce").to_numpy(float)
        high = pd.to_numeric(sub["ci_high"], errors="coerce").to_numpy(float)
        x = np.arange(len(sections)) - width / 2 + step * (k + 0.5)
        keep = ~np.isnan(est)
        colour = OKABE_ITO[k % len(OKABE_ITO)]
        marker = MARKERS[k % len(MARKERS)]
        yerr = np.vstack([est - low, high - est])[:, keep]
        ax.errorbar(
            x[keep],
            est[keep],
            yerr=np.where(np.isnan(yerr), 0.0, yerr),
            fmt=marker,
            color=colour,
            markersize=5,
            capsize=2.5,
            linewidth=1.0,
        )
        if by is not None:
            handles.append(Line2D([], [], color=colour, marker=marker, linestyle="", label=group))
    ax.set_xticks(np.arange(len(sections)))
    ax.set_xticklabels([section_name(s, lang) for s in sections])
    ax.set_xlabel(SECTION_NAMES[lang]["axis"])
    key = _STAT_LABEL.get(statistic)
    ax.set_ylabel(label(key, lang) if key else statistic)
    note = label("ci95", lang)
    if hidden.any():
        note += " " + label("suppressed", lang, k=min_cell)
    add_note(ax, note)
    if handles:
        legend_below(ax, handles, ncol=min(len(handles), 6))
        legend = ax.get_legend()
        if legend is not None:
            legend.set_title(group_label(by, lang) if by is not None else "")
    return localise_axes(ax, lang)
