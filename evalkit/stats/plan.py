"""Study planning: clinicians and notes needed to detect a time saving or a rate difference.

Notes from one clinician are correlated (intra-class correlation ``ICC``), so
``m`` notes per clinician carry the information of ``m / DE`` independent notes,
with the design effect

    DE = 1 + (m - 1) * ICC + m * H / 2    (parallel: each clinician in one arm)
    DE = 1 - ICC + m * H / 4              (within: each clinician in both arms, half the notes each)

where ``H = (effect_sd / sd_log)**2`` is the variance of the clinician-specific AI
effect on log time relative to the total variance of log time (0 when every
clinician saves the same share; only for ``outcome="time"``). With ``H = 0`` the
``within`` design is the optimistic bound and ``parallel`` the conservative one.
Sample sizes for independent notes come from ``statsmodels.stats.power``:

* ``outcome="time"``: a two-sample t-test on log documentation time; a relative
  reduction ``effect`` (0.2 = 20 % less time) is the standardised effect
  ``d = -log(1 - effect) / sd_log``, with ``sd_log`` the total SD of log
  documentation time across notes (``fit_time_model`` estimates it);
* ``outcome="rate"``: a two-sample z-test of proportions (e.g. the unchanged-note
  rate), ``baseline_rate`` against ``baseline_rate + effect``, through Cohen's
  ``h`` (``proportion_effectsize``).

Inflating the independent-notes sample size by ``DE`` and dividing by ``m``
gives the clinicians per arm.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.proportion import proportion_effectsize

from evalkit._files import output_dir
from evalkit.io.write import write_table

DEFAULT_SD_LOG = 0.5
"""Assumed total SD of log documentation time across notes (an assumption: state your own)."""
DESIGNS = ("parallel", "within")
OUTCOMES = ("time", "rate")


def design_effect(
    notes_per_clinician: float,
    icc: float,
    *,
    design: str = "parallel",
    heterogeneity: float = 0.0,
) -> float:
    """Variance inflation from clustering notes in clinicians.

    Parameters
    ----------
    notes_per_clinician : float
        Notes ``m`` from each clinician (values below 1 count as 1).
    icc : float
        Intra-class correlation in ``[0, 1]``.
    design : {"parallel", "within"}
        Each clinician in one arm, or in both arms.
    heterogeneity : float
        ``H``: variance of the clinician-specific effect relative to the total
        variance (see the module docstring); 0 for a common effect.

    Examples
    --------
    >>> design_effect(40, 0.05)
    2.95
    >>> design_effect(40, 0.05, design="within")
    0.95
    >>> round(design_effect(40, 0.05, design="within", heterogeneity=0.04), 4)
    1.35
    """
    _check_design(design)
    if not 0 <= icc <= 1:
        raise ValueError(f"icc must be between 0 and 1 (e.g. 0.05); got {icc!r}")
    if notes_per_clinician <= 0:
        raise ValueError(f"notes_per_clinician must be positive; got {notes_per_clinician!r}")
    if heterogeneity < 0:
        raise ValueError(f"heterogeneity must not be negative; got {heterogeneity!r}")
    m = max(notes_per_clinician, 1.0)
    if design == "within":
        return 1.0 - icc + m * heterogeneity / 4.0
    return 1.0 + (m - 1.0) * icc + m * heterogeneity / 2.0


def _heterogeneity(outcome: str, effect_sd: float, sd_log: float) -> float:
    if effect_sd < 0:
        raise ValueError(f"effect_sd must not be negative (e.g. 0.1); got {effect_sd!r}")
    if effect_sd == 0:
        return 0.0
    if outcome != "time":
        raise ValueError(
            "effect_sd (clinician-to-clinician variation of the AI effect) is defined for "
            "outcome='time' only; leave it at 0 for rates"
        )
    if sd_log <= 0:
        raise ValueError(f"sd_log must be positive (e.g. 0.5); got {sd_log!r}")
    return (effect_sd / sd_log) ** 2


def _check_design(design: str) -> None:
    if design not in DESIGNS:
        raise ValueError(f"design must be one of {', '.join(DESIGNS)}; got {design!r}")


def standardized_effect(
    effect: float,
    *,
    outcome: str = "time",
    sd_log: float = DEFAULT_SD_LOG,
    baseline_rate: float | None = None,
) -> float:
    """The effect size statsmodels expects (Cohen's d or h), always positive.

    Examples
    --------
    >>> round(standardized_effect(0.2, sd_log=0.5), 4)
    0.4463
    >>> round(standardized_effect(0.1, outcome="rate", baseline_rate=0.3), 4)
    0.2102
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}; got {outcome!r}")
    if outcome == "time":
        if not 0 < effect < 1:
            raise ValueError(
                f"for outcome='time' effect is the relative reduction in documentation time, "
                f"between 0 and 1 (0.2 = 20 % less time); got {effect!r}"
            )
        if sd_log <= 0:
            raise ValueError(f"sd_log must be positive (e.g. 0.5); got {sd_log!r}")
        return -math.log(1.0 - effect) / sd_log
    if baseline_rate is None or not 0 < baseline_rate < 1:
        raise ValueError(
            "for outcome='rate' give baseline_rate, the expected rate in the comparison arm, "
            f"between 0 and 1 (e.g. 0.3); got {baseline_rate!r}"
        )
    target = baseline_rate + effect
    if effect == 0 or not 0 < target < 1:
        raise ValueError(
            f"for outcome='rate' effect is a non-zero difference in rate with baseline_rate + "
            f"effect inside (0, 1); got {baseline_rate} + {effect}"
        )
    return abs(float(proportion_effectsize(target, baseline_rate)))


def _solver(outcome: str) -> TTestIndPower | NormalIndPower:
    return TTestIndPower() if outcome == "time" else NormalIndPower()


@dataclass(frozen=True)
class StudyPlan:
    """Sample size for one scenario (two equal arms).

    Attributes
    ----------
    outcome, design : str
    effect : float
        As given (relative time reduction, or rate difference).
    effect_size : float
        Standardised (Cohen's d for time, h for rates).
    icc, notes_per_clinician, design_effect, power, alpha : float
    notes_per_arm_independent : float
        Notes per arm if notes were independent (statsmodels).
    notes_per_arm : float
        After the design effect.
    clinicians_per_arm, clinicians_total : int
        For ``design="within"`` every clinician is in both arms, so
        ``clinicians_total = clinicians_per_arm`` and each gives ``m`` notes
        in total, half per arm.
    notes_total : int
    method : str
    """

    outcome: str
    design: str
    effect: float
    effect_size: float
    icc: float
    notes_per_clinician: float
    design_effect: float
    power: float
    alpha: float
    notes_per_arm_independent: float
    notes_per_arm: float
    clinicians_per_arm: int
    clinicians_total: int
    notes_total: int
    method: str
    effect_sd: float = 0.0

    def as_dict(self) -> dict:
        """The plan as ``{field: value}``."""
        return asdict(self)


def plan_study(
    *,
    effect: float,
    icc: float,
    notes_per_clinician: float,
    power: float = 0.8,
    alpha: float = 0.05,
    outcome: str = "time",
    sd_log: float = DEFAULT_SD_LOG,
    baseline_rate: float | None = None,
    design: str = "parallel",
    effect_sd: float = 0.0,
) -> StudyPlan:
    """Clinicians and notes needed to detect ``effect`` with the given power.

    Parameters
    ----------
    effect : float
        ``outcome="time"``: relative reduction in documentation time (0.2 = 20 %);
        ``outcome="rate"``: difference in rate (0.1 = ten percentage points).
    icc : float
        Intra-class correlation of the outcome within clinicians.
    notes_per_clinician : float
        Notes ``m`` each clinician contributes (in total, over both arms for ``within``).
    power, alpha : float
        Target power and two-sided significance level.
    outcome : {"time", "rate"}
    sd_log : float
        Total SD of log documentation time across notes (time only).
    baseline_rate : float, optional
        Rate in the comparison arm (rate only).
    design : {"parallel", "within"}
        See the module docstring.
    effect_sd : float
        SD between clinicians of the AI effect on log time (time only; 0.1
        means clinicians' time ratios typically differ by about 10 %).

    Returns
    -------
    StudyPlan

    Examples
    --------
    >>> p = plan_study(effect=0.2, icc=0.05, notes_per_clinician=40, sd_log=0.5)
    >>> round(p.notes_per_arm_independent, 1), p.design_effect, p.clinicians_per_arm
    (79.8, 2.95, 6)
    """
    _check_design(design)
    if not 0 < power < 1 or not 0 < alpha < 1:
        raise ValueError(
            f"power and alpha must be between 0 and 1; got power={power}, alpha={alpha}"
        )
    es = standardized_effect(effect, outcome=outcome, sd_log=sd_log, baseline_rate=baseline_rate)
    de = design_effect(
        notes_per_clinician,
        icc,
        design=design,
        heterogeneity=_heterogeneity(outcome, effect_sd, sd_log),
    )
    n_ind = float(
        np.ravel(_solver(outcome).solve_power(effect_size=es, alpha=alpha, power=power, ratio=1.0))[
            0
        ]
    )
    n_arm = n_ind * de
    m = max(float(notes_per_clinician), 1.0)
    if design == "parallel":
        per_arm = math.ceil(n_arm / m)
        total = 2 * per_arm
        notes_total = total * math.ceil(m)
    else:
        per_arm = max(math.ceil(n_arm / (m / 2.0)), 2)
        total = per_arm
        notes_total = total * math.ceil(m)
    test = "two-sample t-test on log time" if outcome == "time" else "two-sample z-test (Cohen's h)"
    method = (
        f"statsmodels {type(_solver(outcome)).__name__}: {test}; design effect "
        + ("1 + (m - 1) ICC" if design == "parallel" else "1 - ICC")
        + (f" + m H / {2 if design == 'parallel' else 4}" if effect_sd else "")
    )
    return StudyPlan(
        outcome=outcome,
        design=design,
        effect=effect,
        effect_size=es,
        icc=icc,
        notes_per_clinician=float(notes_per_clinician),
        design_effect=de,
        power=power,
        alpha=alpha,
        notes_per_arm_independent=n_ind,
        notes_per_arm=n_arm,
        clinicians_per_arm=per_arm,
        clinicians_total=total,
        notes_total=notes_total,
        method=method,
        effect_sd=effect_sd,
    )


def power_for(
    n_clinicians: int | np.ndarray,
    *,
    effect: float,
    icc: float,
    notes_per_clinician: float,
    alpha: float = 0.05,
    outcome: str = "time",
    sd_log: float = DEFAULT_SD_LOG,
    baseline_rate: float | None = None,
    design: str = "parallel",
    effect_sd: float = 0.0,
) -> np.ndarray:
    """Power with ``n_clinicians`` in total (split equally between arms for ``parallel``).

    Examples
    --------
    >>> p = power_for(np.array([10, 40]), effect=0.2, icc=0.05, notes_per_clinician=40)
    >>> bool(p[0] < p[1]), bool(p[1] > 0.99)
    (True, True)
    """
    es = standardized_effect(effect, outcome=outcome, sd_log=sd_log, baseline_rate=baseline_rate)
    de = design_effect(
        notes_per_clinician,
        icc,
        design=design,
        heterogeneity=_heterogeneity(outcome, effect_sd, sd_log),
    )
    k = np.atleast_1d(np.asarray(n_clinicians, dtype=float))
    if (k < 2).any():
        raise ValueError("n_clinicians must be at least 2 (one per arm)")
    m = max(float(notes_per_clinician), 1.0)
    notes_per_arm = k / 2.0 * m if design == "parallel" else k * m / 2.0
    effective = notes_per_arm / de
    solver = _solver(outcome)
    return np.array(
        [float(solver.power(effect_size=es, nobs1=n, alpha=alpha, ratio=1.0)) for n in effective]
    )


def detectable_effect(
    *,
    n_clinicians: int,
    notes_per_clinician: float,
    icc: float,
    power: float = 0.8,
    alpha: float = 0.05,
    outcome: str = "time",
    sd_log: float = DEFAULT_SD_LOG,
    baseline_rate: float | None = None,
    design: str = "parallel",
    effect_sd: float = 0.0,
) -> float:
    """Smallest effect detectable with the given clinicians and notes.

    Returns the relative time reduction (``outcome="time"``) or the rate
    increase over ``baseline_rate`` (``outcome="rate"``); ``nan`` when even
    the largest effect cannot be detected.

    Examples
    --------
    >>> round(detectable_effect(n_clinicians=24, notes_per_clinician=40, icc=0.05), 3)
    0.144
    """
    de = design_effect(
        notes_per_clinician,
        icc,
        design=design,
        heterogeneity=_heterogeneity(outcome, effect_sd, sd_log),
    )
    m = max(float(notes_per_clinician), 1.0)
    per_arm = n_clinicians / 2.0 * m if design == "parallel" else n_clinicians * m / 2.0
    effective = per_arm / de
    if effective < 2:
        return float("nan")
    solver = _solver(outcome)
    # solve_power may return a 1-element array, and either root of a two-sided test.
    es = abs(
        float(
            np.ravel(
                solver.solve_power(
                    effect_size=None, nobs1=effective, alpha=alpha, power=power, ratio=1.0
                )
            )[0]
        )
    )
    if outcome == "time":
        return 1.0 - math.exp(-es * sd_log)
    if baseline_rate is None or not 0 < baseline_rate < 1:
        raise ValueError(
            f"outcome='rate' needs baseline_rate between 0 and 1; got {baseline_rate!r}"
        )
    # Invert Cohen's h = 2 asin(sqrt(p2)) - 2 asin(sqrt(p1)).
    phi = 2 * math.asin(math.sqrt(baseline_rate)) + es
    if phi >= math.pi:
        return float("nan")
    return math.sin(phi / 2) ** 2 - baseline_rate


def plan_table(
    *,
    effect: float | Sequence[float],
    icc: float | Sequence[float],
    notes_per_clinician: float | Sequence[float],
    power: float = 0.8,
    alpha: float = 0.05,
    outcome: str = "time",
    sd_log: float = DEFAULT_SD_LOG,
    baseline_rate: float | None = None,
    design: str = "parallel",
    effect_sd: float = 0.0,
) -> pd.DataFrame:
    """:func:`plan_study` for every combination of effect, ICC and notes per clinician.

    Examples
    --------
    >>> t = plan_table(effect=[0.1, 0.2], icc=0.05, notes_per_clinician=40)
    >>> t[["effect", "clinicians_total"]].values.tolist()
    [[0.1, 54.0], [0.2, 12.0]]
    """
    rows = [
        plan_study(
            effect=e,
            icc=r,
            notes_per_clinician=m,
            power=power,
            alpha=alpha,
            outcome=outcome,
            sd_log=sd_log,
            baseline_rate=baseline_rate,
            design=design,
            effect_sd=effect_sd,
        ).as_dict()
        for e in np.atleast_1d(effect)
        for r in np.atleast_1d(icc)
        for m in np.atleast_1d(notes_per_clinician)
    ]
    return pd.DataFrame(rows)


def power_curve(
    *,
    effect: float | Sequence[float],
    icc: float | Sequence[float],
    notes_per_clinician: float | Sequence[float],
    n_clinicians: Sequence[int] | None = None,
    alpha: float = 0.05,
    outcome: str = "time",
    sd_log: float = DEFAULT_SD_LOG,
    baseline_rate: float | None = None,
    design: str = "parallel",
    effect_sd: float = 0.0,
) -> pd.DataFrame:
    """Power against the number of clinicians, one ``scenario`` per parameter combination.

    Columns ``n_clinicians``, ``power``, ``scenario``, ``effect``, ``icc``,
    ``notes_per_clinician``: the input of ``evalkit.plots.plot_power_curve``
    (with ``hue="scenario"``).

    Examples
    --------
    >>> c = power_curve(effect=0.2, icc=0.05, notes_per_clinician=40, n_clinicians=[4, 8])
    >>> c["n_clinicians"].tolist(), c["scenario"].iloc[0]
    ([4, 8], 'effect 0.2, ICC 0.05, 40 notes/clinician')
    """
    ks = list(range(2, 61, 2)) if n_clinicians is None else [int(k) for k in n_clinicians]
    frames = []
    for e in np.atleast_1d(effect):
        for r in np.atleast_1d(icc):
            for m in np.atleast_1d(notes_per_clinician):
                p = power_for(
                    np.array(ks),
                    effect=float(e),
                    icc=float(r),
                    notes_per_clinician=float(m),
                    alpha=alpha,
                    outcome=outcome,
                    sd_log=sd_log,
                    baseline_rate=baseline_rate,
                    design=design,
                    effect_sd=effect_sd,
                )
                frames.append(
                    pd.DataFrame(
                        {
                            "n_clinicians": ks,
                            "power": p,
                            "scenario": f"effect {e:g}, ICC {r:g}, {m:g} notes/clinician",
                            "effect": float(e),
                            "icc": float(r),
                            "notes_per_clinician": float(m),
                        }
                    )
                )
    return pd.concat(frames, ignore_index=True)


def write_plan_tables(
    out_dir: str | Path,
    *,
    effect: float | Sequence[float],
    icc: float | Sequence[float],
    notes_per_clinician: float | Sequence[float],
    power: float = 0.8,
    alpha: float = 0.05,
    outcome: str = "time",
    sd_log: float = DEFAULT_SD_LOG,
    baseline_rate: float | None = None,
    design: str = "parallel",
    effect_sd: float = 0.0,
    max_clinicians: int = 60,
) -> tuple[dict[str, Path], pd.DataFrame]:
    """Write ``plan.csv`` and ``power_curve.csv`` for ``evalkit plan``.

    Returns the paths and the power-curve table (for the figure).

    Examples
    --------
    >>> import tempfile
    >>> files, curve = write_plan_tables(tempfile.mkdtemp(), effect=0.2, icc=0.05,
    ...                                  notes_per_clinician=30, max_clinicians=10)
    >>> sorted(files), int(curve["n_clinicians"].max())
    (['plan', 'power_curve'], 10)
    """
    if max_clinicians < 2:
        raise ValueError(f"max_clinicians must be at least 2; got {max_clinicians}")
    out = output_dir(out_dir, "the plan folder")
    common: dict[str, Any] = dict(
        effect=effect,
        icc=icc,
        notes_per_clinician=notes_per_clinician,
        alpha=alpha,
        outcome=outcome,
        sd_log=sd_log,
        baseline_rate=baseline_rate,
        design=design,
        effect_sd=effect_sd,
    )
    table = plan_table(power=power, **common)
    curve = power_curve(n_clinicians=range(2, max_clinicians + 1), **common)
    files = {"plan": out / "plan.csv", "power_curve": out / "power_curve.csv"}
    for frame, path in ((table, files["plan"]), (curve, files["power_curve"])):
        write_table(frame, path, what="the plan table")
    return files, curve
