"""What the aggregation steps share: the overall group, clusters, 0/1 columns.

:mod:`evalkit.stats.summary` and :mod:`evalkit.stats.time` both read these;
keeping them here lets each of those modules import this one and not each
other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

OVERALL = "overall"
"""The ``group`` (and ``level``) of the row computed over all notes."""


def cluster_labels(scores: pd.DataFrame) -> tuple[pd.Series | None, str]:
    """The cluster each note belongs to and the name of the cluster unit.

    Clusters are clinicians. Clinician ids are combined with clinic ids when
    both exist, so the same clinician id in two clinics counts as two
    clusters. Without clinician ids, clinics are the clusters; without either,
    ``(None, "notes")`` (notes treated as independent).

    Examples
    --------
    >>> df = pd.DataFrame({"clinic_id": ["A", "B"], "clinician_id": ["1", "1"]})
    >>> labels, unit = cluster_labels(df)
    >>> labels.nunique(), unit
    (2, 'clinicians')
    >>> cluster_labels(df[["clinic_id"]])[1]
    'clinics'
    """
    has_clinic = "clinic_id" in scores.columns
    if "clinician_id" not in scores.columns:
        if has_clinic:
            return scores["clinic_id"].astype("string").fillna("?"), "clinics"
        return None, "notes"
    clinician = scores["clinician_id"].astype("string").fillna("?")
    if has_clinic:
        clinic = scores["clinic_id"].astype("string").fillna("?")
        return clinic + "\x1f" + clinician, "clinicians"
    return clinician, "clinicians"


_TRUE = {"true": 1.0, "1": 1.0, "1.0": 1.0, "yes": 1.0}
_FALSE = {"false": 0.0, "0": 0.0, "0.0": 0.0, "no": 0.0}


def as_flags(series: pd.Series, column: str) -> np.ndarray:
    """A True/False column as floats 1/0 with ``nan`` for missing values.

    Accepts booleans, 0/1 and the strings ``true``/``false`` (any case), as
    read back from CSV.

    Examples
    --------
    >>> as_flags(pd.Series([True, None, "False", "1"], dtype=object), "unchanged").tolist()
    [1.0, nan, 0.0, 1.0]
    """

    def convert(value: object) -> float:
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            return np.nan
        if isinstance(value, (bool, np.bool_)):
            return float(value)
        key = str(value).strip().lower()
        if key in _TRUE:
            return 1.0
        if key in _FALSE:
            return 0.0
        return -1.0

    flags = np.fromiter((convert(v) for v in series.to_numpy(dtype=object)), float, len(series))
    bad = flags == -1.0
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"column {column!r} must hold True/False (or 1/0); row {row} holds another value. "
            "Re-run scoring or fix the column."
        )
    return flags


__all__ = ["OVERALL", "as_flags", "cluster_labels"]
