"""Figures: evalkit's per-system means against a published metric; paired differences."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from evalkit.plots.style import OKABE_ITO, add_note, format_text, localise_axes, new_axes
from evalkit.plots.time import _require
from evalkit.stats.compare import rank_correlations


def plot_published_comparison(
    comparison: pd.DataFrame,
    *,
    x: str,
    y: str,
    ax: Axes | None = None,
) -> Axes:
    """Scatter of one published metric (x) against one evalkit metric (y), one point per system.

    Each point is labelled with the system name (the table's index); the last
    text, a note above the axes, gives Spearman's rho and its p-value from
    :func:`evalkit.stats.compare.rank_correlations`.

    Parameters
    ----------
    comparison : pandas.DataFrame
        One row per system, e.g. from :func:`evalkit.stats.compare.compare_with_published`.
    x : str
        Published column for the horizontal axis (e.g. ``"Fact"``).
    y : str
        evalkit column for the vertical axis (e.g. ``"term_recall"``).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One point per system with both values, labelled with its name.

    Examples
    --------
    >>> cmp = pd.DataFrame({"term_recall": [0.4, 0.5, 0.7], "Fact": [40.0, 45.0, 57.0]},
    ...                    index=["A", "B", "C"])
    >>> ax = plot_published_comparison(cmp, x="Fact", y="term_recall")
    >>> len(ax.collections[0].get_offsets()), [t.get_text() for t in ax.texts[:3]]
    (3, ['A', 'B', 'C'])
    >>> ax.texts[-1].get_text()
    'Spearman rho = 1.00, p = 0.000, 3 systems'
    """
    _require(comparison, (x, y), "plot_published_comparison")
    ax = new_axes(ax)
    xs = pd.to_numeric(comparison[x], errors="coerce").to_numpy(float)
    ys = pd.to_numeric(comparison[y], errors="coerce").to_numpy(float)
    keep = ~(np.isnan(xs) | np.isnan(ys))
    ax.scatter(
        xs[keep], ys[keep], s=36, color=OKABE_ITO[1], edgecolor="#303030", linewidth=0.6, zorder=3
    )
    for name, xv, yv in zip(comparison.index[keep], xs[keep], ys[keep], strict=True):
        ax.annotate(str(name), (xv, yv), xytext=(4, 3), textcoords="offset points", fontsize=7.5)
    ax.set_xlabel(f"{x} (published)")
    ax.set_ylabel(f"{y} (evalkit, mean per system)")
    corr = rank_correlations(comparison, ours=[y], theirs=[x]).iloc[0]
    if np.isnan(corr["rho"]):
        n_systems = int(corr["n_systems"])
        add_note(ax, f"Spearman rho not computed ({n_systems} systems with both values)")
    else:
        add_note(
            ax,
            f"Spearman rho = {corr['rho']:.2f}, p = {corr['p_value']:.3f}, "
            f"{int(corr['n_systems'])} systems",
        )
    return ax


_FOREST_TEXT = {
    "en": {
        "x": "Paired difference in {metric} (system − {ref})",
        "ref": "baseline",
        "better_lower": "left of 0: lower than {ref} (better)",
        "better_higher": "right of 0: higher than {ref} (better)",
        "ci": "Error bars: {level:.0%} CI ({n} consultations).",
    },
    "da": {
        "x": "Parret forskel i {metric} (system − {ref})",
        "ref": "reference",
        "better_lower": "venstre for 0: lavere end {ref} (bedre)",
        "better_higher": "højre for 0: højere end {ref} (bedre)",
        "ci": "Fejlstreger: {level:.0%} KI ({n} konsultationer).",
    },
}


def plot_paired_differences(
    differences: pd.DataFrame,
    *,
    metric: str = "wer",
    reference: str | None = None,
    ax: Axes | None = None,
    lang: str = "en",
) -> Axes:
    """Forest plot of paired differences between systems, one row per pair.

    Parameters
    ----------
    differences : pandas.DataFrame
        ``SystemComparison.differences`` from :func:`evalkit.compare`.
    metric : str
        Which metric's rows to draw.
    reference : str, optional
        Draw only the pairs with this system, each as ``other − reference``
        (signs flipped where needed); default every row as ``system − baseline``.
    ax : matplotlib.axes.Axes, optional
    lang : {"da", "en"}

    Returns
    -------
    matplotlib.axes.Axes
        One error bar per pair, sorted by the difference, and a line at 0.

    Examples
    --------
    >>> d = pd.DataFrame({"metric": "wer", "direction": "lower", "system": ["B", "C", "C"],
    ...     "baseline": ["A", "A", "B"], "difference": [0.1, 0.3, 0.2], "ci_low": [0.0, 0.2, 0.1],
    ...     "ci_high": [0.2, 0.4, 0.3], "ci_level": 0.95, "n_pairs": 40})
    >>> ax = plot_paired_differences(d, reference="C")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['A − C', 'B − C']
    """
    from evalkit.plots.style import check_lang

    text = _FOREST_TEXT[check_lang(lang)]
    _require(
        differences,
        ("metric", "system", "baseline", "difference", "ci_low", "ci_high"),
        "plot_paired_differences",
    )
    rows = differences[differences["metric"] == metric]
    if rows.empty:
        raise ValueError(
            f"no differences for metric {metric!r}; metrics in the table: "
            f"{', '.join(map(str, differences['metric'].unique()))}"
        )
    est = pd.to_numeric(rows["difference"], errors="coerce").to_numpy(float)
    low = pd.to_numeric(rows["ci_low"], errors="coerce").to_numpy(float)
    high = pd.to_numeric(rows["ci_high"], errors="coerce").to_numpy(float)
    systems = rows["system"].astype(str).to_numpy()
    baselines = rows["baseline"].astype(str).to_numpy()
    if reference is not None:
        keep = (systems == reference) | (baselines == reference)
        if not keep.any():
            raise ValueError(f"system {reference!r} is in no pair of the table")
        flip = systems == reference
        est = np.where(flip, -est, est)
        low, high = np.where(flip, -high, low), np.where(flip, -low, high)
        others = np.where(flip, baselines, systems)
        names = [f"{o} − {reference}" for o in others]
        est, low, high = est[keep], low[keep], high[keep]
        names = [n for n, k in zip(names, keep, strict=True) if k]
    else:
        names = [f"{s} − {b}" for s, b in zip(systems, baselines, strict=True)]
    order = np.argsort(est, kind="stable")
    ax = new_axes(ax, figsize=(7.0, max(2.5, 0.35 * len(names) + 1.2)))
    y = np.arange(len(order))
    ax.errorbar(
        est[order],
        y,
        xerr=np.vstack([est[order] - low[order], high[order] - est[order]]),
        fmt="o",
        color=OKABE_ITO[4],
        markersize=5,
        capsize=2.5,
        linewidth=1.0,
    )
    ax.axvline(0.0, color="#303030", linewidth=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels([names[i] for i in order])
    ax.grid(True, axis="x", color="#d0d0d0", linewidth=0.6)
    ax.grid(False, axis="y")
    ref = reference if reference is not None else text["ref"]
    ax.set_xlabel(text["x"].format(metric=metric, ref=ref))
    direction = str(rows["direction"].iloc[0]) if "direction" in rows.columns else "none"
    level = float(rows["ci_level"].iloc[0]) if "ci_level" in rows.columns else 0.95
    n = int(rows["n_pairs"].max()) if "n_pairs" in rows.columns else 0
    note = format_text(text["ci"], lang, level=level, n=n)
    if direction in ("lower", "higher"):
        note += " " + text[f"better_{direction}"].format(ref=ref)
    add_note(ax, note)
    return localise_axes(ax, lang)
