"""The power curve of a planned study (from ``evalkit plan``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from evalkit.plots.style import (
    LINESTYLES,
    MARKERS,
    OKABE_ITO,
    format_number,
    label,
    localise_axes,
    new_axes,
)
from evalkit.plots.time import _require


def plot_power_curve(
    plan: pd.DataFrame,
    *,
    x: str = "n_clinicians",
    y: str = "power",
    hue: str | None = None,
    target: float | None = 0.8,
    ax: Axes | None = None,
    lang: str = "en",
) -> Axes:
    """Power against the number of clinicians, one line per scenario.

    Parameters
    ----------
    plan : pandas.DataFrame
        The planning table: ``x`` (clinicians), ``y`` (power as a fraction 0–1)
        and optionally a ``hue`` column naming scenarios (effect sizes, notes
        per clinician).
    x, y, hue : str
        Columns to use.
    target : float or None
        Target power drawn as a horizontal reference line.
    ax : matplotlib.axes.Axes, optional
    lang : {"en", "da"}

    Returns
    -------
    matplotlib.axes.Axes
        One line per scenario (plus the target line), power on a 0–100 % axis.

    Examples
    --------
    >>> plan = pd.DataFrame({"n_clinicians": [5, 10, 20], "power": [0.3, 0.6, 0.9]})
    >>> ax = plot_power_curve(plan, target=None)
    >>> [float(v) for v in ax.lines[0].get_ydata()]
    [30.0, 60.0, 90.0]
    """
    _require(plan, (x, y) + ((hue,) if hue else ()), "plot_power_curve")
    power = pd.to_numeric(plan[y], errors="coerce")
    if ((power < 0) | (power > 1)).any():
        raise ValueError(f"column {y!r} must hold power as a fraction between 0 and 1")
    ax = new_axes(ax)
    scenarios = [(None, plan)] if hue is None else list(plan.groupby(hue, sort=True))
    for i, (name, part) in enumerate(scenarios):
        part = part.sort_values(x)
        ax.plot(
            part[x].to_numpy(float),
            100.0 * part[y].to_numpy(float),
            color=OKABE_ITO[(i + 4) % len(OKABE_ITO)],
            marker=MARKERS[i % len(MARKERS)],
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            linewidth=1.6,
            markersize=4,
            label=None if name is None or hue is None else _scenario_label(hue, name, part, lang),
        )
    if target is not None:
        ax.axhline(
            100.0 * target,
            color="#606060",
            linestyle=":",
            linewidth=1.0,
            label=f"{label('target_power', lang)} {format_number(target, '.0%', lang)}",
        )
    ax.set_ylim(0, 100)
    xs = pd.to_numeric(plan[x], errors="coerce")
    if len(xs) and np.all(xs == np.round(xs)):
        # the default locator is a MaxNLocator; the stubs type it as a bare Locator
        ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    ax.set_xlabel(label("n_clinicians", lang) if x == "n_clinicians" else x)
    ax.set_ylabel(label("power", lang))
    if hue is not None or target is not None:
        ax.legend(loc="lower right", fontsize=8)
    return localise_axes(ax, lang)


def _scenario_label(hue: str, name: object, part: pd.DataFrame, lang: str) -> str:
    # Scenarios from evalkit.stats.plan.power_curve carry their parameters as
    # columns: build the legend text from them in the figure's language.
    columns = ("effect", "icc", "notes_per_clinician")
    if hue == "scenario" and all(c in part.columns for c in columns):
        first = part.iloc[0]
        return label(
            "scenario_value",
            lang,
            effect=float(first["effect"]),
            icc=float(first["icc"]),
            notes=float(first["notes_per_clinician"]),
        )
    return f"{hue} = {name}"
