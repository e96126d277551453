"""Simulated scores tables for the statistics tests (no real notes needed)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

BASELINE_SECONDS = 300.0
TRUE_RATIO = 0.8


def simulate_scores(
    *,
    n_clinics: int = 6,
    clinicians_per_clinic: int = 3,
    notes_per_clinician: int = 30,
    ratio: float = TRUE_RATIO,
    sd_clinic: float = 0.15,
    sd_clinician: float = 0.3,
    sd_note: float = 0.4,
    control_share: float = 0.5,
    seed: int = 0,
) -> pd.DataFrame:
    """A scores table with known truth.

    log(doc_seconds) = log(300) + log(ratio) * ai + clinic + clinician + type + note noise;
    unchanged ~ Bernoulli(p_clinician) on AI notes; control notes have empty metric columns.
    """
    rng = np.random.default_rng(seed)
    n_clin = n_clinics * clinicians_per_clinic
    n = n_clin * notes_per_clinician
    clinician = np.repeat(np.arange(n_clin), notes_per_clinician)
    clinic = clinician // clinicians_per_clinic
    ai = rng.random(n) >= control_share
    ctype = rng.choice(["in-person", "phone", "video"], size=n, p=[0.6, 0.3, 0.1])
    type_effect = pd.Series(ctype).map({"in-person": 0.0, "phone": -0.2, "video": 0.1}).to_numpy()
    log_t = (
        np.log(BASELINE_SECONDS)
        + np.log(ratio) * ai
        + type_effect
        + rng.normal(0, sd_clinic, n_clinics)[clinic]
        + rng.normal(0, sd_clinician, n_clin)[clinician]
        + rng.normal(0, sd_note, n)
    )
    p_unchanged = rng.beta(2, 5, n_clin)[clinician]
    unchanged = rng.random(n) < p_unchanged
    wer = np.where(unchanged, 0.0, rng.gamma(2.0, 0.08, n))
    flags = rng.poisson(0.1, n)
    df = pd.DataFrame(
        {
            "note_id": [f"n{i:05d}" for i in range(n)],
            "clinic_id": [f"K{c:02d}" for c in clinic],
            "clinician_id": [f"GP{c:03d}" for c in clinician],
            "consultation_type": ctype,
            "ai_assisted": ai,
            "doc_seconds": np.exp(log_t),
            "unchanged": pd.array(unchanged, dtype="boolean"),
            "wer": wer,
            "char_distance_norm": wer * 0.8,
            "char_distance": np.round(wer * 600).astype(int),
            "n_missing_terms": rng.poisson(0.5, n),
            "n_hallucination_flags": flags,
            "n_critical_flags": rng.binomial(flags, 0.2),
            "hallucination_free": flags == 0,
        }
    )
    metric_cols = [
        "unchanged",
        "wer",
        "char_distance_norm",
        "char_distance",
        "n_missing_terms",
        "n_hallucination_flags",
        "n_critical_flags",
        "hallucination_free",
    ]
    for col in metric_cols:
        df[col] = df[col].astype(object).where(ai, None)
    return df


@pytest.fixture
def simulated() -> pd.DataFrame:
    """The default simulated table: 6 clinics x 3 clinicians x 30 notes."""
    return simulate_scores()


@pytest.fixture
def sim() -> SimpleNamespace:
    """The simulator and its truth: ``sim.make(...)``, ``sim.true_ratio``, ``sim.baseline``."""
    return SimpleNamespace(make=simulate_scores, true_ratio=TRUE_RATIO, baseline=BASELINE_SECONDS)
