"""Figures: one ``plot_*`` function per figure, each returning its Axes.

Every function takes the data (the scores table or a table from
:mod:`evalkit.stats`), draws on ``ax`` or a new figure, and never calls
``plt.show()``. :func:`save_figure` writes PNG (200 dpi), SVG and PDF.
The look (Okabe–Ito palette, hatching, small-cell suppression) is set in
:mod:`evalkit.plots.style`.
"""

from evalkit.plots.compare import plot_paired_differences, plot_published_comparison
from evalkit.plots.edits import (
    EDIT_CATEGORIES,
    LIGHT_EDIT_MAX,
    edit_category,
    plot_ecdf,
    plot_edit_categories,
)
from evalkit.plots.errors import (
    explode_items,
    plot_hallucination_flags,
    plot_missing_terms_by_category,
    plot_top_missing_terms,
    top_missing_terms,
)
from evalkit.plots.power import plot_power_curve
from evalkit.plots.sections import plot_section_scores
from evalkit.plots.style import OKABE_ITO, evalkit_style, save_figure
from evalkit.plots.time import (
    plot_edit_vs_time,
    plot_time_per_note,
    plot_time_saved_distribution,
)

__all__ = [
    "EDIT_CATEGORIES",
    "LIGHT_EDIT_MAX",
    "OKABE_ITO",
    "edit_category",
    "evalkit_style",
    "explode_items",
    "plot_ecdf",
    "plot_edit_categories",
    "plot_edit_vs_time",
    "plot_hallucination_flags",
    "plot_missing_terms_by_category",
    "plot_paired_differences",
    "plot_power_curve",
    "plot_published_comparison",
    "plot_section_scores",
    "plot_time_per_note",
    "plot_time_saved_distribution",
    "plot_top_missing_terms",
    "save_figure",
    "top_missing_terms",
]
