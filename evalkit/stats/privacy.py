"""Small-cell suppression and pseudonymous identifiers for shared tables.

Tables meant for sharing must not reveal groups with fewer than ``k`` notes
(default 5): their counts are shown as ``"<5"`` and their estimates blanked.
This module owns the rule: :func:`check_min_cell` (the accepted range of
``k``, the same for every function and command), :func:`small_cells` (the
one comparison with ``k``), :func:`suppressed_label` (``"<k"``) and
:func:`suppress_small_cells`, which gives every summary table its
``suppressed`` and ``n_notes_display`` columns. Figures and the report read
those columns, or ask :func:`small_cells` about counts of their own.
Clinic and clinician ids can be replaced by stable salted hashes (HMAC-SHA256);
the same salt gives the same pseudonym across runs, and the salt itself is
never written anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from evalkit.io.errors import input_os_error
from evalkit.schema import DEFAULT_MIN_CELL as DEFAULT_MIN_CELL

ID_COLUMNS = ("clinic_id", "clinician_id")
_MIN_SALT_BYTES = 16

ESTIMATE_COLUMNS = ("estimate", "ci_low", "ci_high", "p_value")
COUNT_COLUMNS = ("n_notes", "n_clinicians", "n_notes_ai", "n_notes_control")


MIN_CELL_RANGE = "a whole number of notes, 0 or more (0 turns suppression off)"
"""The accepted values of the small-cell threshold ``k`` (``min_cell``, ``--min-cell``)."""


def check_min_cell(k: Any) -> int:
    """Return the small-cell threshold ``k`` as an int, or raise if it is out of range.

    ``k`` must be a whole number of notes, 0 or more: groups with fewer than
    ``k`` notes are suppressed, so 0 (and 1, for groups that have notes)
    suppresses nothing. Every function and command taking ``min_cell``
    accepts exactly this range.

    Examples
    --------
    >>> check_min_cell(5), check_min_cell(0)
    (5, 0)
    >>> check_min_cell(-1)
    Traceback (most recent call last):
    ...
    ValueError: min_cell (--min-cell) must be a whole number of notes, 0 or more ... got -1. ...
    """
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 0:
        raise ValueError(
            f"min_cell (--min-cell) must be {MIN_CELL_RANGE}; got {k!r}. Use the default "
            f"{DEFAULT_MIN_CELL}, or 0 to keep every group for internal analysis."
        )
    return int(k)


def small_cells(counts: Any, k: int) -> Any:
    """Which counts are below the threshold ``k`` (missing counts are not).

    The one place where a count is compared with ``k``.

    Parameters
    ----------
    counts : int, array-like or pandas.Series
        Numbers of notes (or of items) per group.
    k : int
        Minimum cell size, see :func:`check_min_cell`.

    Returns
    -------
    bool or numpy.ndarray of bool
        A bool for a single count, else an array aligned with ``counts``.

    Examples
    --------
    >>> small_cells(3, 5), small_cells(5, 5)
    (True, False)
    >>> small_cells(pd.Series([12, 3, None]), 5).tolist()
    [False, True, False]
    """
    k = check_min_cell(k)
    if np.ndim(counts) == 0:
        return bool(not pd.isna(counts) and counts < k)
    values = pd.to_numeric(pd.Series(counts), errors="coerce")
    return (values < k).fillna(False).to_numpy(dtype=bool)


def suppressed_label(k: int) -> str:
    """What a suppressed count shows instead of its value: ``"<k"``.

    Examples
    --------
    >>> suppressed_label(5)
    '<5'
    """
    return f"<{check_min_cell(k)}"


def count_display(n: int, k: int) -> str:
    """A count as it may be shared: the number, or ``"<k"`` when it is below ``k``.

    Examples
    --------
    >>> count_display(12, 5), count_display(3, 5)
    ('12', '<5')
    """
    return suppressed_label(k) if small_cells(n, k) else str(n)


def suppressed_rows(table: pd.DataFrame, *, k: int) -> np.ndarray:
    """Rows of a summary table that must not be shown.

    A row is hidden when the table marks it ``suppressed`` (it was made with
    :func:`suppress_small_cells`) or when its ``n_notes`` is below ``k``, so
    a table suppressed with a smaller threshold is still safe to show at ``k``.

    Examples
    --------
    >>> t = pd.DataFrame({"n_notes": [12, 8, 3], "suppressed": [False, True, False]})
    >>> suppressed_rows(t, k=5).tolist()
    [False, True, True]
    """
    hidden = np.zeros(len(table), dtype=bool)
    if "suppressed" in table.columns:
        hidden |= table["suppressed"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    if "n_notes" in table.columns:
        hidden |= small_cells(table["n_notes"], k)
    else:
        check_min_cell(k)
    return hidden


def read_salt(path: str | Path) -> bytes:
    """Read a salt from a file (surrounding whitespace is stripped).

    Parameters
    ----------
    path : str or Path
        A file holding at least 16 bytes of secret text. Keep it out of the
        outputs and out of version control.

    Returns
    -------
    bytes

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", delete=False, suffix=".salt") as f:
    ...     _ = f.write("a-long-random-secret-value\\n")
    >>> read_salt(f.name)
    b'a-long-random-secret-value'
    >>> os.remove(f.name)
    """
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(
            f"salt file {str(file)!r} does not exist; create it with a long random secret, "
            'for example: python -c "import secrets; print(secrets.token_hex(32))" > salt.txt'
        )
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise input_os_error(exc, "the salt file", file) from None
    return _check_salt(raw.strip(), where=f"salt file {str(file)!r}")


def _check_salt(salt: bytes | str, *, where: str = "salt") -> bytes:
    raw = salt.encode("utf-8") if isinstance(salt, str) else bytes(salt)
    if len(raw) < _MIN_SALT_BYTES:
        raise ValueError(
            f"{where} is {len(raw)} bytes; a salt needs at least {_MIN_SALT_BYTES} so the "
            "pseudonyms cannot be reversed by guessing ids. Use a longer random secret."
        )
    return raw


def pseudonym(value: object, salt: bytes | str, *, prefix: str = "") -> str:
    """Stable salted hash of one identifier (HMAC-SHA256, first 12 hex digits).

    Examples
    --------
    >>> salt = "0123456789abcdef-demo"
    >>> pseudonym("GP-07", salt) == pseudonym("GP-07", salt)
    True
    >>> len(pseudonym("GP-07", salt, prefix="clinician-"))
    22
    """
    key = _check_salt(salt)
    digest = hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{prefix}{digest[:12]}"


def pseudonymize(
    scores: pd.DataFrame, *, salt: bytes | str, columns: Iterable[str] = ID_COLUMNS
) -> pd.DataFrame:
    """Return a copy of ``scores`` with identifier columns replaced by pseudonyms.

    Missing ids stay missing. Columns in ``columns`` that are absent are skipped.

    Parameters
    ----------
    scores : pandas.DataFrame
        The scores table (not modified).
    salt : bytes or str
        Secret of at least 16 bytes; see :func:`read_salt`.
    columns : iterable of str
        Identifier columns to replace (default clinic and clinician ids).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> df = pd.DataFrame({"clinic_id": ["A", "A", "B"], "x": [1, 2, 3]})
    >>> out = pseudonymize(df, salt="0123456789abcdef-demo")
    >>> out["clinic_id"].nunique(), out["clinic_id"].iloc[0] == out["clinic_id"].iloc[1]
    (2, True)
    >>> df["clinic_id"].tolist()
    ['A', 'A', 'B']
    """
    key = _check_salt(salt)
    out = scores.copy()
    for col in columns:
        if col not in out.columns:
            continue
        prefix = col.removesuffix("_id") + "-"
        out[col] = out[col].map(
            lambda v, p=prefix: v if pd.isna(v) else pseudonym(v, key, prefix=p)
        )
    return out


def suppress_small_cells(table: pd.DataFrame, *, k: int = DEFAULT_MIN_CELL) -> pd.DataFrame:
    """Blank estimates and hide counts of rows with fewer than ``k`` notes.

    Rows with ``n_notes < k`` get ``nan`` estimates, missing counts, and
    ``"<k"`` in ``n_notes_display``; every row gets ``suppressed`` and
    ``n_notes_display``. ``k=0`` suppresses nothing (see :func:`check_min_cell`).

    Parameters
    ----------
    table : pandas.DataFrame
        A summary table with an ``n_notes`` column (not modified).
    k : int
        Minimum cell size, a whole number ≥ 0.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["A", "B"], "estimate": [0.5, 0.9], "n_notes": [12, 3]})
    >>> out = suppress_small_cells(t, k=5)
    >>> out["n_notes_display"].tolist(), out["suppressed"].tolist()
    (['12', '<5'], [False, True])
    >>> bool(pd.isna(out.loc[1, "estimate"]))
    True
    """
    k = check_min_cell(k)
    if "n_notes" not in table.columns:
        raise ValueError(
            "suppress_small_cells needs an 'n_notes' column; found columns: "
            f"{', '.join(map(str, table.columns))}"
        )
    out = table.copy()
    counts = pd.to_numeric(out["n_notes"], errors="coerce")
    small = small_cells(counts, k)
    for col in ESTIMATE_COLUMNS:
        if col in out.columns:
            out[col] = out[col].astype(float).mask(small)
    for col in COUNT_COLUMNS:
        if col in out.columns:
            out[col] = out[col].astype("Int64").mask(small)
    display = counts.astype("Int64").astype(str)
    out["n_notes_display"] = display.where(~small, suppressed_label(k))
    out["suppressed"] = small
    return out
