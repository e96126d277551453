"""Documentation time with and without AI, time saved, and projections.

Two situations are handled, and every output row says which in ``basis``:

``measured``
    The table has control notes (``ai_assisted=False``) with documentation
    time. Time saved is control time minus AI time, from

    * group means with a cluster bootstrap over clinicians (overall and per group);
    * a mixed model, statsmodels ``MixedLM``:
      ``log(seconds) ~ ai_assisted + consultation_type`` with a random intercept
      per clinic and a variance component for clinicians within clinics
      (a random intercept per clinician when every clinic has one clinician);
    * a within-clinician comparison: each clinician's median control time minus
      median AI time, tested with the Wilcoxon signed-rank test across clinicians.

``modelled``
    There are no control notes. The baseline is the time to type the final
    note (its characters at a configurable typing speed); the AI time is the
    measured edit time, or, when a note has none, the time predicted by a
    linear regression of measured time on the character edit distance, fitted
    on the timed AI notes (its R\u00b2 and seconds per 100 characters are reported).

Projections per clinician per day and per clinic per year multiply the
saving per note by configurable volumes; their rows have ``projection=True``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as sps

from evalkit.stats.ci import (
    DEFAULT_CI,
    DEFAULT_N_BOOT,
    DEFAULT_SEED,
    _check_level,
    _check_n_boot,
    _factorize,
    _percentile,
    cluster_bootstrap_median,
    resample_counts,
)
from evalkit.stats.groups import OVERALL, as_flags, cluster_labels
from evalkit.stats.notes import Note, note_of
from evalkit.stats.privacy import DEFAULT_MIN_CELL, check_min_cell, suppress_small_cells

DEFAULT_TYPING_CHARS_PER_MINUTE = 200.0
"""Typing speed of the modelled baseline: about 40 words a minute."""
DEFAULT_NOTES_PER_DAY = 20.0
DEFAULT_WORKING_DAYS_PER_YEAR = 220.0

TIME_COLUMNS = (
    "level",
    "group",
    "quantity",
    "estimate",
    "ci_low",
    "ci_high",
    "ci_level",
    "unit",
    "basis",
    "projection",
    "method",
    "n_notes",
    "n_notes_ai",
    "n_notes_control",
    "n_clinicians",
    "p_value",
    "B",
    "seed",
    "n_notes_display",
    "suppressed",
)


class NoTimingDataError(ValueError):
    """The scores table has no usable documentation-time columns."""


def has_timing(scores: pd.DataFrame) -> bool:
    """Whether ``scores`` holds any documentation time.

    Examples
    --------
    >>> has_timing(pd.DataFrame({"note_id": ["a"]}))
    False
    >>> has_timing(pd.DataFrame({"doc_seconds": [120.0]}))
    True
    """
    cols = set(scores.columns)
    return bool(
        {"doc_seconds", "edit_seconds"} & cols or {"doc_started_at", "doc_signed_at"} <= cols
    )


def _check_no_negative(seconds: pd.Series, column: str) -> None:
    negative = seconds < 0
    if negative.any():
        row = int(np.flatnonzero(negative.fillna(False).to_numpy(dtype=bool))[0])
        raise ValueError(
            f"{column} must not be negative; row {row} has {seconds.iloc[row]:.1f} s. "
            "Check the timing export (signed before started?) or drop the row."
        )


def documentation_seconds(scores: pd.DataFrame) -> pd.Series:
    """Documentation time per note in seconds (``nan`` when unknown).

    Taken from ``doc_seconds``; where that is missing, from
    ``doc_signed_at - doc_started_at`` (ISO 8601 timestamps).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_seconds": [90.0, None],
    ...                    "doc_started_at": ["2026-01-05T09:00:00", "2026-01-05T09:10:00"],
    ...                    "doc_signed_at": ["2026-01-05T09:01:00", "2026-01-05T09:12:30"]})
    >>> documentation_seconds(df).tolist()
    [90.0, 150.0]
    """
    seconds = pd.Series(np.nan, index=scores.index, dtype=float)
    if "doc_seconds" in scores.columns:
        seconds = pd.to_numeric(scores["doc_seconds"], errors="coerce").astype(float)
        _check_no_negative(seconds, "doc_seconds")
    if {"doc_started_at", "doc_signed_at"} <= set(scores.columns):
        stamps = {
            col: pd.to_datetime(scores[col], errors="coerce", utc=True, format="ISO8601")
            for col in ("doc_started_at", "doc_signed_at")
        }
        started, signed = stamps["doc_started_at"], stamps["doc_signed_at"]
        from_stamps = (signed - started).dt.total_seconds()
        _check_no_negative(from_stamps, "doc_signed_at - doc_started_at")
        seconds = seconds.fillna(from_stamps)
    return seconds


def ai_assisted_mask(scores: pd.DataFrame) -> np.ndarray:
    """Boolean array: which notes were written with AI.

    From ``ai_assisted`` when present; otherwise a note is AI-assisted when it
    has an ``ai_note``; without either column every note counts as AI.

    Examples
    --------
    >>> ai_assisted_mask(pd.DataFrame({"ai_assisted": [True, False, "true"]})).tolist()
    [True, False, True]
    """
    if "ai_assisted" in scores.columns:
        flags = as_flags(scores["ai_assisted"], "ai_assisted")
        if np.isnan(flags).any():
            row = int(np.flatnonzero(np.isnan(flags))[0])
            raise ValueError(
                f"ai_assisted is empty in row {row}; every note must say whether AI was used "
                "(true) or not (false)."
            )
        return flags == 1.0
    if "ai_note" in scores.columns:
        return scores["ai_note"].fillna("").astype(str).str.len().to_numpy() > 0
    return np.ones(len(scores), dtype=bool)


@dataclass(frozen=True)
class EditTimeModel:
    """Linear regression of edit time on character edit distance.

    Attributes
    ----------
    intercept : float
        Seconds for a note with no edits (reading and signing).
    slope : float
        Seconds per character edited.
    r2 : float
        Coefficient of determination on the fitting notes.
    n_notes : int
        Timed notes used in the fit.
    """

    intercept: float
    slope: float
    r2: float
    n_notes: int

    @property
    def seconds_per_100_chars(self) -> float:
        """Seconds per 100 characters edited."""
        return 100.0 * self.slope

    def predict(self, char_distance: np.ndarray) -> np.ndarray:
        """Predicted seconds (never below 0) for the given edit distances."""
        return np.maximum(self.intercept + self.slope * np.asarray(char_distance, float), 0.0)


def fit_edit_time(char_distance: np.ndarray, seconds: np.ndarray) -> EditTimeModel:
    """Least-squares fit ``seconds = intercept + slope * char_distance``.

    Delegates to ``scipy.stats.linregress``; needs three notes with distinct
    distances.

    Examples
    --------
    >>> m = fit_edit_time(np.array([0, 100, 200]), np.array([30.0, 50.0, 70.0]))
    >>> round(m.intercept, 6), round(m.seconds_per_100_chars, 6), round(m.r2, 6)
    (30.0, 20.0, 1.0)
    """
    x = np.asarray(char_distance, dtype=float)
    y = np.asarray(seconds, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if x.size < 3 or np.ptp(x) == 0:
        raise NoTimingDataError(Note("edit_time_too_few", n=int(x.size)))
    fit = sps.linregress(x, y)
    return EditTimeModel(float(fit.intercept), float(fit.slope), float(fit.rvalue**2), int(x.size))


@dataclass(frozen=True)
class MixedModelResult:
    """The AI effect on log documentation time from ``MixedLM``.

    Attributes
    ----------
    ratio, ratio_low, ratio_high : float
        ``exp(beta_ai)``: AI time / control time for the same clinician and
        consultation type, with its Wald CI.
    percent_change, percent_low, percent_high : float
        ``100 * (ratio - 1)`` (negative = faster with AI).
    median_control_seconds : float
        Median documentation time of the control notes.
    seconds_saved_at_median, seconds_saved_low, seconds_saved_high : float
        ``median_control_seconds * (1 - ratio)`` and its CI.
    p_value : float
        Wald test of ``beta_ai = 0``.
    formula, random_effects : str
        What was fitted.
    converged : bool
    n_notes, n_clinicians, n_clinics : int
    sd_log : float
        Total SD of log time (clinic, clinician and note levels, adjusted for
        AI and consultation type): the ``sd_log`` of
        :func:`evalkit.stats.plan.plan_study`.
    icc : float
        Share of that variance between clinicians (clinic and clinician levels
        together): the ``icc`` of :func:`evalkit.stats.plan.plan_study`.
    """

    ratio: float
    ratio_low: float
    ratio_high: float
    percent_change: float
    percent_low: float
    percent_high: float
    median_control_seconds: float
    seconds_saved_at_median: float
    seconds_saved_low: float
    seconds_saved_high: float
    p_value: float
    formula: str
    random_effects: str
    converged: bool
    n_notes: int
    n_clinicians: int
    n_clinics: int
    sd_log: float
    icc: float


def fit_time_model(scores: pd.DataFrame, *, ci: float = DEFAULT_CI) -> MixedModelResult:
    """Fit ``log(seconds) ~ ai_assisted + consultation_type`` with clinician effects.

    Random effects: an intercept per clinic and a variance component for the
    clinicians within each clinic; when every clinic has a single clinician (or
    there is no ``clinic_id``), only a random intercept per clinician.
    ``consultation_type`` enters only when it has two or more values.

    Parameters
    ----------
    scores : pandas.DataFrame
        Scores table with documentation time, ``ai_assisted`` with both values,
        and ``clinician_id``.
    ci : float
        Confidence level of the Wald intervals.

    Returns
    -------
    MixedModelResult

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> n = 400
    >>> clin = rng.integers(0, 20, n)
    >>> ai = rng.random(n) < 0.5
    >>> log_t = rng.normal(0, 0.3, 20)[clin] + np.log(0.8) * ai + rng.normal(0, 0.3, n)
    >>> df = pd.DataFrame({"clinician_id": clin.astype(str), "ai_assisted": ai,
    ...                    "doc_seconds": 300 * np.exp(log_t)})
    >>> res = fit_time_model(df)
    >>> res.ratio_low < 0.8 < res.ratio_high, res.random_effects
    (True, 'random intercept per clinician')
    """
    import statsmodels.formula.api as smf
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    _check_level(ci)
    if "clinician_id" not in scores.columns:
        raise ValueError(
            "the mixed model needs clinician_id to model clinician effects; found columns: "
            f"{', '.join(map(str, scores.columns))}"
        )
    seconds = documentation_seconds(scores)
    data = pd.DataFrame(
        {
            "log_seconds": np.log(seconds.where(seconds > 0)),
            "ai": ai_assisted_mask(scores).astype(float),
            "clinician": scores["clinician_id"].astype("string").fillna("?").to_numpy(dtype=object),
        }
    )
    data["clinic"] = (
        scores["clinic_id"].astype("string").fillna("?").to_numpy(dtype=object)
        if "clinic_id" in scores.columns
        else "all"
    )
    data["clinician"] = data["clinic"] + "\x1f" + data["clinician"]
    if "consultation_type" in scores.columns:
        data["ctype"] = (
            scores["consultation_type"].astype("string").fillna("unknown").to_numpy(dtype=object)
        )
    data = data.dropna(subset=["log_seconds"])
    n_ai, n_control = int(data["ai"].sum()), int((data["ai"] == 0).sum())
    n_clinicians = data["clinician"].nunique()
    if n_ai == 0 or n_control == 0 or n_clinicians < 2:
        raise NoTimingDataError(
            Note("mixed_model_too_few", n_ai=n_ai, n_control=n_control, n_clinicians=n_clinicians)
        )
    formula = "log_seconds ~ ai"
    if "ctype" in data.columns and data["ctype"].nunique() > 1:
        formula += " + C(ctype)"
    per_clinic = data.groupby("clinic")["clinician"].nunique()
    nested = len(per_clinic) >= 2 and bool((per_clinic > 1).any())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if nested:
            model = smf.mixedlm(
                formula,
                data,
                groups="clinic",
                re_formula="1",
                vc_formula={"clinician": "0 + C(clinician)"},
            )
            random_effects = "random intercept per clinic + clinician variance component"
        else:
            model = smf.mixedlm(formula, data, groups="clinician")
            random_effects = "random intercept per clinician"
        fit = model.fit(reml=True)
    converged = bool(getattr(fit, "converged", True))
    at_boundary = any(
        issubclass(w.category, ConvergenceWarning) and "boundary" in str(w.message) for w in caught
    )
    if at_boundary:
        # A variance estimated at zero is a valid fit (that level adds no variation).
        random_effects += " (a variance component estimated at 0)"
    beta = float(fit.params["ai"])
    se = float(fit.bse["ai"])
    z = float(sps.norm.ppf(0.5 + ci / 2))
    ratio, low, high = np.exp(beta), np.exp(beta - z * se), np.exp(beta + z * se)
    median_control = float(np.exp(data.loc[data["ai"] == 0, "log_seconds"]).median())
    between = float(np.asarray(fit.cov_re)[0, 0]) + float(np.sum(fit.vcomp))
    residual = float(fit.scale)
    return MixedModelResult(
        ratio=float(ratio),
        ratio_low=float(low),
        ratio_high=float(high),
        percent_change=float(100 * (ratio - 1)),
        percent_low=float(100 * (low - 1)),
        percent_high=float(100 * (high - 1)),
        median_control_seconds=median_control,
        seconds_saved_at_median=float(median_control * (1 - ratio)),
        seconds_saved_low=float(median_control * (1 - high)),
        seconds_saved_high=float(median_control * (1 - low)),
        p_value=float(fit.pvalues["ai"]),
        formula=formula.replace("ai", "ai_assisted", 1).replace("C(ctype)", "consultation_type"),
        random_effects=random_effects,
        converged=converged,
        n_notes=len(data),
        n_clinicians=int(n_clinicians),
        n_clinics=int(len(per_clinic)),
        sd_log=float(np.sqrt(between + residual)),
        icc=between / (between + residual),
    )


@dataclass(frozen=True)
class WithinClinicianResult:
    """Each clinician's median control time minus median AI time, across clinicians.

    Attributes
    ----------
    median_saving, low, high : float
        Median over clinicians of the per-clinician saving (seconds), with a
        bootstrap CI over clinicians.
    statistic, p_value : float
        Wilcoxon signed-rank test (``scipy.stats.wilcoxon``) of the savings.
    n_clinicians : int
        Clinicians with both AI and control notes.
    n_boot, seed : int
    n_notes : int
        Timed notes of those clinicians: the notes behind the comparison.
    """

    median_saving: float
    low: float
    high: float
    statistic: float
    p_value: float
    n_clinicians: int
    n_boot: int
    seed: int
    n_notes: int


def within_clinician_comparison(
    scores: pd.DataFrame,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = DEFAULT_SEED,
    ci: float = DEFAULT_CI,
) -> WithinClinicianResult:
    """Compare AI and control time within each clinician; test across clinicians.

    Examples
    --------
    >>> df = pd.DataFrame({
    ...     "clinician_id": ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f", "f"],
    ...     "ai_assisted": [True, False] * 6,
    ...     "doc_seconds": [200, 260, 180, 250, 300, 320, 240, 300, 150, 200, 210, 250.0],
    ... })
    >>> res = within_clinician_comparison(df, n_boot=200)
    >>> res.median_saving, res.n_clinicians, res.n_notes, round(res.p_value, 4)
    (55.0, 6, 12, 0.0312)
    """
    _check_level(ci)
    _check_n_boot(n_boot)
    labels, unit = cluster_labels(scores)
    if unit != "clinicians" or labels is None:
        raise ValueError(
            Note("within_needs_clinician", columns=", ".join(map(str, scores.columns)))
        )
    frame = pd.DataFrame(
        {
            "clinician": labels.to_numpy(dtype=object),
            "ai": ai_assisted_mask(scores),
            "seconds": documentation_seconds(scores).to_numpy(),
        }
    ).dropna(subset=["seconds"])
    medians = frame.groupby(["clinician", "ai"])["seconds"].median().unstack("ai")
    if True not in medians.columns or False not in medians.columns:
        raise NoTimingDataError(Note("within_needs_both"))
    paired = (medians[False] - medians[True]).dropna()
    savings = paired.to_numpy()
    if savings.size < 2:
        raise NoTimingDataError(Note("within_too_few", n=int(savings.size)))
    if np.all(savings == 0):
        statistic, p_value = np.nan, 1.0
    else:
        test = sps.wilcoxon(savings)
        statistic, p_value = float(test.statistic), float(test.pvalue)
    iv = cluster_bootstrap_median(savings, None, n_boot=n_boot, seed=seed, ci=ci)
    return WithinClinicianResult(
        float(np.median(savings)),
        iv.low,
        iv.high,
        statistic,
        p_value,
        int(savings.size),
        n_boot,
        seed,
        int(frame["clinician"].isin(paired.index).sum()),
    )


def _arm_bootstrap(
    treated: np.ndarray,
    control: np.ndarray,
    clusters: np.ndarray | None,
    *,
    n_boot: int,
    seed: int,
) -> np.ndarray:
    """Replicates of (mean treated, mean control) resampling clusters; ``(B, 2)``."""
    n = treated.size
    if clusters is None:
        codes, n_clusters = np.arange(n), n
    else:
        codes, uniques = _factorize(clusters)
        n_clusters = len(uniques)
    has_t, has_c = np.isfinite(treated), np.isfinite(control)
    sums = np.column_stack(
        [
            np.bincount(codes, weights=np.where(has_t, treated, 0.0), minlength=n_clusters),
            np.bincount(codes, weights=has_t.astype(float), minlength=n_clusters),
            np.bincount(codes, weights=np.where(has_c, control, 0.0), minlength=n_clusters),
            np.bincount(codes, weights=has_c.astype(float), minlength=n_clusters),
        ]
    )
    rng = np.random.default_rng(seed)
    out = np.empty((n_boot, 2))
    block = max(1, 4_000_000 // max(n_clusters, 1))
    for start in range(0, n_boot, block):
        stop = min(n_boot, start + block)
        rep = resample_counts(n_clusters, stop - start, rng).astype(float) @ sums
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start:stop, 0] = rep[:, 0] / rep[:, 1]
            out[start:stop, 1] = rep[:, 2] / rep[:, 3]
    return out


@dataclass(frozen=True)
class _TimeFrame:
    treated: np.ndarray
    control: np.ndarray
    basis: str
    treated_basis: str
    messages: tuple[str, ...]
    edit_model: EditTimeModel | None


def _prepare(scores: pd.DataFrame, typing_chars_per_minute: float) -> _TimeFrame:
    if not has_timing(scores):
        raise NoTimingDataError(Note("no_timing_columns"))
    ai = ai_assisted_mask(scores)
    doc = documentation_seconds(scores).to_numpy()
    if (~ai & np.isfinite(doc)).any():
        return _TimeFrame(
            np.where(ai, doc, np.nan),
            np.where(~ai, doc, np.nan),
            "measured",
            "measured",
            (Note("time_measured"),),
            None,
        )
    if typing_chars_per_minute <= 0:
        raise ValueError(
            f"typing_chars_per_minute must be positive (default 200); got {typing_chars_per_minute}"
        )
    if "final_note" not in scores.columns:
        raise NoTimingDataError(Note("modelled_needs_text"))
    messages = [Note("time_modelled", cpm=typing_chars_per_minute)]
    chars = scores["final_note"].fillna("").astype(str).str.len().to_numpy(dtype=float)
    baseline = np.where(ai, chars / typing_chars_per_minute * 60.0, np.nan)
    measured = (
        pd.to_numeric(scores["edit_seconds"], errors="coerce").to_numpy(dtype=float)
        if "edit_seconds" in scores.columns
        else np.full(len(scores), np.nan)
    )
    measured = np.where(np.isfinite(measured), measured, doc)
    _check_no_negative(pd.Series(measured), "edit_seconds")
    treated = np.where(ai, measured, np.nan)
    edit_model = None
    missing = ai & ~np.isfinite(treated)
    treated_basis = "measured"
    if missing.any():
        if "char_distance" not in scores.columns:
            raise NoTimingDataError(Note("untimed_without_distance", n=int(missing.sum())))
        distance = pd.to_numeric(scores["char_distance"], errors="coerce").to_numpy(dtype=float)
        edit_model = fit_edit_time(distance[ai & ~missing], treated[ai & ~missing])
        treated = np.where(missing, edit_model.predict(distance), treated)
        treated_basis = "modelled"
        messages.append(
            Note(
                "time_predicted",
                n=int(missing.sum()),
                r2=edit_model.r2,
                per_100=edit_model.seconds_per_100_chars,
                n_fit=edit_model.n_notes,
            )
        )
    return _TimeFrame(treated, baseline, "modelled", treated_basis, tuple(messages), edit_model)


def _group_rows(
    level: str,
    group: str,
    frame: _TimeFrame,
    idx: np.ndarray,
    clusters: np.ndarray | None,
    clinicians: np.ndarray | None,
    clinics: np.ndarray | None,
    *,
    n_boot: int,
    seed: int,
    ci: float,
    notes_per_day: float,
    working_days_per_year: float,
    clinicians_per_clinic: float | None,
) -> list[dict]:
    treated, control = frame.treated[idx], frame.control[idx]
    use = np.isfinite(treated) | np.isfinite(control)
    treated, control = treated[use], control[use]
    n_t, n_c = int(np.isfinite(treated).sum()), int(np.isfinite(control).sum())
    cl = None if clusters is None else clusters[idx][use]
    n_clusters = 0 if cl is None else len(pd.unique(cl))
    n_clin = None if clinicians is None else len(pd.unique(clinicians[idx][use]))
    if n_clusters >= 2:
        method = "cluster bootstrap of clinicians (percentile)"
    else:
        cl = None
        method = "bootstrap of notes (percentile)"
    base = {
        "level": level,
        "group": group,
        "ci_level": ci,
        # Notes, not values: with a modelled baseline an AI note gives both arms a value.
        "n_notes": int(use.sum()),
        "n_notes_ai": n_t,
        "n_notes_control": n_c,
        "n_clinicians": n_clin,
        "projection": False,
        "p_value": np.nan,
        "B": n_boot,
        "seed": seed,
        "method": method,
    }
    if n_t == 0 or n_c == 0:
        return []
    reps = _arm_bootstrap(treated, control, cl, n_boot=n_boot, seed=seed)
    mean_t, mean_c = float(np.nanmean(treated)), float(np.nanmean(control))
    with np.errstate(invalid="ignore", divide="ignore"):
        saved_reps = reps[:, 1] - reps[:, 0]
        pct_reps = 100 * (1 - reps[:, 0] / reps[:, 1])
    saved = mean_c - mean_t
    rows = []
    for quantity, estimate, replicates, unit, basis in (
        ("seconds_per_note_ai", mean_t, reps[:, 0], "s", frame.treated_basis),
        ("seconds_per_note_control", mean_c, reps[:, 1], "s", frame.basis),
        ("seconds_saved_per_note", saved, saved_reps, "s", frame.basis),
        ("percent_saved", 100 * (1 - mean_t / mean_c), pct_reps, "%", frame.basis),
    ):
        low, high = _percentile(replicates, ci)
        rows.append(
            {
                **base,
                "quantity": quantity,
                "estimate": estimate,
                "ci_low": low,
                "ci_high": high,
                "unit": unit,
                "basis": basis,
            }
        )
    saved_low, saved_high = _percentile(saved_reps, ci)
    per_day = notes_per_day / 60.0
    if clinicians_per_clinic is not None:
        per_clinic = clinicians_per_clinic
    elif clinics is not None and clinicians is not None:
        # Observed clinicians per clinic in this group.
        pairs = pd.DataFrame({"clinic": clinics[idx][use], "clinician": clinicians[idx][use]})
        per_clinic = float(pairs.groupby("clinic")["clinician"].nunique().mean())
    else:
        per_clinic = 1.0
    per_year = notes_per_day * working_days_per_year * per_clinic / 3600.0
    projection_method = f"projection: saving per note x {notes_per_day:g} notes/day"
    rows.append(
        {
            **base,
            "quantity": "projected_minutes_saved_per_clinician_per_day",
            "estimate": saved * per_day,
            "ci_low": saved_low * per_day,
            "ci_high": saved_high * per_day,
            "unit": "min",
            "basis": frame.basis,
            "projection": True,
            "method": f"{projection_method}; CI from {method}",
        }
    )
    rows.append(
        {
            **base,
            "quantity": "projected_hours_saved_per_clinic_per_year",
            "estimate": saved * per_year,
            "ci_low": saved_low * per_year,
            "ci_high": saved_high * per_year,
            "unit": "h",
            "basis": frame.basis,
            "projection": True,
            "method": f"{projection_method} x {working_days_per_year:g} days/year x "
            f"{per_clinic:.3g} clinicians/clinic; CI from {method}",
        }
    )
    return rows


def per_note_time_saved(
    scores: pd.DataFrame, *, typing_chars_per_minute: float = DEFAULT_TYPING_CHARS_PER_MINUTE
) -> tuple[pd.Series, str] | None:
    """Seconds saved per AI note, for the distribution figure.

    ``measured`` (control notes exist): the median documentation time of the
    same clinician's control notes (of the clinic's, without clinician ids)
    minus the note's time; notes whose clinician has no control notes are left
    out. ``modelled`` (no control notes): the baseline and the AI time of
    :func:`time_saved` note by note, that is the typing time of the final note
    at ``typing_chars_per_minute`` minus the note's edit (or documentation)
    time, predicted from its edit distance where it was not measured. The
    group-level estimates with CIs come from :func:`time_saved`; this only
    shows the spread.

    Returns
    -------
    (pandas.Series, basis) or None
        None when :func:`time_saved` has no timing to work with.

    Examples
    --------
    >>> df = pd.DataFrame({"clinician_id": ["a"] * 3, "ai_assisted": [True, True, False],
    ...                    "doc_seconds": [100.0, 150.0, 200.0]})
    >>> saved, basis = per_note_time_saved(df)
    >>> saved.tolist(), basis
    ([100.0, 50.0], 'measured')
    """
    try:
        frame = _prepare(scores, typing_chars_per_minute)
    except NoTimingDataError:
        return None
    ai = ai_assisted_mask(scores)
    if frame.basis == "measured":
        doc = documentation_seconds(scores)
        key_col = next((c for c in ("clinician_id", "clinic_id") if c in scores.columns), None)
        keys = scores[key_col].astype(str) if key_col else pd.Series("all", index=scores.index)
        control_median = doc[~ai].groupby(keys[~ai]).median()
        saved = (keys.map(control_median) - doc)[ai].dropna()
        return saved.astype(float), "measured"
    saved = pd.Series(frame.control - frame.treated, index=scores.index)[ai].dropna()
    return saved.astype(float), "modelled"


def time_saved(
    scores: pd.DataFrame,
    by: str | Sequence[str] | None = ("clinic_id",),
    *,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = DEFAULT_SEED,
    ci: float = DEFAULT_CI,
    min_cell: int = DEFAULT_MIN_CELL,
    typing_chars_per_minute: float = DEFAULT_TYPING_CHARS_PER_MINUTE,
    notes_per_day: float = DEFAULT_NOTES_PER_DAY,
    working_days_per_year: float = DEFAULT_WORKING_DAYS_PER_YEAR,
    clinicians_per_clinic: float | None = None,
    mixed_model: bool = True,
) -> pd.DataFrame:
    """Time per note with and without AI, time saved, and projections.

    Parameters
    ----------
    scores : pandas.DataFrame
        The scores table with timing columns (``doc_seconds`` or
        ``doc_started_at``/``doc_signed_at``, optionally ``edit_seconds``) and
        ``ai_assisted``. Not modified.
    by : str or sequence of str, optional
        Grouping columns, each summarised separately after the overall rows
        (default ``clinic_id``; absent columns are skipped).
    n_boot, seed, ci
        Bootstrap replicates, seed and confidence level.
    min_cell : int
        Groups with fewer notes are suppressed (see :func:`suppress_small_cells`).
    typing_chars_per_minute : float
        Typing speed of the modelled baseline (used only without control notes).
    notes_per_day, working_days_per_year : float
        Volumes for the projections.
    clinicians_per_clinic : float, optional
        For the per-clinic projection; default: the observed mean in the group.
    mixed_model : bool
        Fit the MixedLM and the within-clinician comparison (overall only).

    Returns
    -------
    pandas.DataFrame
        Tidy: one row per level, group and ``quantity`` with ``estimate``,
        ``ci_low``, ``ci_high``, ``unit`` (s, %, ratio, min, h), ``basis``
        (``measured`` or ``modelled``), ``projection``, ``method``, counts,
        ``p_value`` (tests only), ``B``, ``seed``. ``table.attrs["messages"]``
        lists what was done or skipped, as :class:`evalkit.stats.notes.Note`
        strings (English text, with a key and parameters for translation).

    Raises
    ------
    NoTimingDataError
        When there are no timing columns, or too little timing to estimate.

    Examples
    --------
    >>> df = pd.DataFrame({
    ...     "clinician_id": ["a", "a", "b", "b", "c", "c"],
    ...     "ai_assisted": [True, False] * 3,
    ...     "doc_seconds": [200.0, 260.0, 180.0, 250.0, 300.0, 320.0],
    ... })
    >>> t = time_saved(df, by=None, n_boot=200, min_cell=0, mixed_model=False)
    >>> row = t.set_index("quantity").loc["seconds_saved_per_note"]
    >>> round(float(row["estimate"]), 6), row["basis"]
    (50.0, 'measured')
    """
    _check_n_boot(n_boot)
    _check_level(ci)
    check_min_cell(min_cell)
    if notes_per_day <= 0 or working_days_per_year <= 0:
        raise ValueError(
            "notes_per_day and working_days_per_year must be positive; got "
            f"{notes_per_day} and {working_days_per_year}"
        )
    frame = _prepare(scores, typing_chars_per_minute)
    messages = list(frame.messages)
    levels = [] if by is None else ([by] if isinstance(by, str) else list(by))
    for col in [c for c in levels if c not in scores.columns]:
        messages.append(Note("grouping_column_missing", column=col))
    levels = [c for c in levels if c in scores.columns]
    labels, unit = cluster_labels(scores)
    clusters = None if labels is None else labels.to_numpy(dtype=object)
    clinicians = clusters if unit == "clinicians" else None
    clinics = (
        scores["clinic_id"].astype("string").fillna("?").to_numpy(dtype=object)
        if "clinic_id" in scores.columns
        else None
    )
    options: dict[str, Any] = dict(
        n_boot=n_boot,
        seed=seed,
        ci=ci,
        notes_per_day=notes_per_day,
        working_days_per_year=working_days_per_year,
        clinicians_per_clinic=clinicians_per_clinic,
    )
    rows = _group_rows(
        OVERALL, OVERALL, frame, np.arange(len(scores)), clusters, clinicians, clinics, **options
    )
    if not rows:
        raise NoTimingDataError(Note("no_timed_notes"))
    if mixed_model and frame.basis == "measured":
        rows += _model_rows(scores, n_boot=n_boot, seed=seed, ci=ci, messages=messages)
    for col in levels:
        keys = scores[col].astype("string").fillna("<missing>")
        skipped = 0
        for key, idx in keys.groupby(keys, sort=True).indices.items():
            group_rows = _group_rows(
                col, str(key), frame, np.asarray(idx), clusters, clinicians, clinics, **options
            )
            skipped += not group_rows
            rows += group_rows
        if skipped:
            messages.append(Note("groups_skipped", n=skipped, column=col))
    table = pd.DataFrame(rows)
    for col in ("B", "seed", "n_clinicians"):
        table[col] = table[col].astype("Int64")
    table = suppress_small_cells(table, k=min_cell)[list(TIME_COLUMNS)]
    table.attrs["messages"] = messages
    return table


def _model_rows(
    scores: pd.DataFrame, *, n_boot: int, seed: int, ci: float, messages: list[str]
) -> list[dict]:
    rows: list[dict] = []
    base = {
        "level": OVERALL,
        "group": OVERALL,
        "ci_level": ci,
        "basis": "measured",
        "projection": False,
    }
    try:
        fit = fit_time_model(scores, ci=ci)
    except (NoTimingDataError, ValueError) as exc:
        messages.append(Note("mixed_model_skipped", reason=note_of(exc)))
    else:
        method = f"MixedLM {fit.formula}; {fit.random_effects}; REML, Wald CI"
        if not fit.converged:
            method += "; WARNING: did not converge"
            messages.append(Note("mixed_model_not_converged"))
        common = {
            **base,
            "method": method,
            "n_notes": fit.n_notes,
            "n_clinicians": fit.n_clinicians,
            "p_value": fit.p_value,
            "B": None,
            "seed": None,
        }
        rows += [
            {
                **common,
                "quantity": "mixedlm_time_ratio",
                "estimate": fit.ratio,
                "ci_low": fit.ratio_low,
                "ci_high": fit.ratio_high,
                "unit": "ratio",
            },
            {
                **common,
                "quantity": "mixedlm_percent_change",
                "estimate": fit.percent_change,
                "ci_low": fit.percent_low,
                "ci_high": fit.percent_high,
                "unit": "%",
            },
            {
                **common,
                "quantity": "mixedlm_seconds_saved_at_median_note",
                "estimate": fit.seconds_saved_at_median,
                "ci_low": fit.seconds_saved_low,
                "ci_high": fit.seconds_saved_high,
                "unit": "s",
                "method": method + f"; median control note {fit.median_control_seconds:.0f} s",
            },
            {
                **common,
                "quantity": "mixedlm_icc",
                "estimate": fit.icc,
                "ci_low": np.nan,
                "ci_high": np.nan,
                "unit": "ratio",
                "p_value": np.nan,
                "method": method + "; between-clinician share of log-time variance (for planning)",
            },
            {
                **common,
                "quantity": "mixedlm_sd_log",
                "estimate": fit.sd_log,
                "ci_low": np.nan,
                "ci_high": np.nan,
                "unit": "log s",
                "p_value": np.nan,
                "method": method + "; total SD of log time (sd_log for planning)",
            },
        ]
    try:
        within = within_clinician_comparison(scores, n_boot=n_boot, seed=seed, ci=ci)
    except (NoTimingDataError, ValueError) as exc:
        messages.append(Note("within_skipped", reason=note_of(exc)))
    else:
        rows.append(
            {
                **base,
                "quantity": "within_clinician_median_seconds_saved",
                "estimate": within.median_saving,
                "ci_low": within.low,
                "ci_high": within.high,
                "unit": "s",
                "p_value": within.p_value,
                "n_clinicians": within.n_clinicians,
                "n_notes": within.n_notes,
                "B": n_boot,
                "seed": seed,
                "method": "median over clinicians of (median control - median AI seconds); "
                "Wilcoxon signed-rank p; bootstrap of clinicians (percentile)",
            }
        )
    return rows


def time_per_note(
    scores: pd.DataFrame,
    by: str = "clinic_id",
    *,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = DEFAULT_SEED,
    ci: float = DEFAULT_CI,
    min_cell: int = DEFAULT_MIN_CELL,
    typing_chars_per_minute: float = DEFAULT_TYPING_CHARS_PER_MINUTE,
) -> pd.DataFrame:
    """Mean time per note for each group and arm, shaped for plotting.

    One row per value of ``by`` and ``ai_assisted`` with ``estimate``,
    ``ci_low``, ``ci_high`` (seconds), ``n_notes``, ``basis``, ``method``, ``B``
    and ``seed``: the input of ``evalkit.plots.time.plot_time_per_note``.

    Examples
    --------
    >>> df = pd.DataFrame({"clinic_id": ["A"] * 4, "clinician_id": ["a", "a", "b", "b"],
    ...                    "ai_assisted": [True, False] * 2,
    ...                    "doc_seconds": [200.0, 260.0, 180.0, 250.0]})
    >>> t = time_per_note(df, n_boot=100, min_cell=0)
    >>> t[["clinic_id", "ai_assisted", "estimate", "n_notes"]].values.tolist()
    [['A', True, 190.0, 2], ['A', False, 255.0, 2]]
    """
    check_min_cell(min_cell)
    if by not in scores.columns:
        raise ValueError(
            f"grouping column {by!r} not in the scores table; found columns: "
            f"{', '.join(map(str, scores.columns))}"
        )
    table = time_saved(
        scores,
        by=by,
        n_boot=n_boot,
        seed=seed,
        ci=ci,
        min_cell=0,
        typing_chars_per_minute=typing_chars_per_minute,
        mixed_model=False,
    )
    arms = {"seconds_per_note_ai": True, "seconds_per_note_control": False}
    part = table[(table["level"] == by) & table["quantity"].isin(arms)].copy()
    part[by] = part["group"]
    part["ai_assisted"] = part["quantity"].map(arms)
    part["n_notes"] = np.where(part["ai_assisted"], part["n_notes_ai"], part["n_notes_control"])
    part = part[
        [
            by,
            "ai_assisted",
            "estimate",
            "ci_low",
            "ci_high",
            "n_notes",
            "basis",
            "method",
            "B",
            "seed",
        ]
    ].reset_index(drop=True)
    part["n_notes"] = part["n_notes"].astype(int)
    return suppress_small_cells(part, k=min_cell)
