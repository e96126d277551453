"""Figure: evalkit's per-system means against a published metric."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from evalkit.plots.style import OKABE_ITO, add_note, new_axes
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
