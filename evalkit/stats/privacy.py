"""Small-cell suppression and pseudonymous identifiers for shared tables.

Tables meant for sharing must not reveal groups with fewer than ``k`` notes
(default 5): their counts are shown as ``"<5"`` and their estimates blanked.
Clinic and clinician ids can be replaced by stable salted hashes (HMAC-SHA256);
the same salt gives the same pseudonym across runs, and the salt itself is
never written anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from evalkit.io.errors import input_os_error
from evalkit.schema import DEFAULT_MIN_CELL as DEFAULT_MIN_CELL

ID_COLUMNS = ("clinic_id", "clinician_id")
_MIN_SALT_BYTES = 16

ESTIMATE_COLUMNS = ("estimate", "ci_low", "ci_high", "p_value")
COUNT_COLUMNS = ("n_notes", "n_clinicians", "n_notes_ai", "n_notes_control")


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
    ``n_notes_display``. ``k=0`` (or 1) suppresses nothing.

    Parameters
    ----------
    table : pandas.DataFrame
        A summary table with an ``n_notes`` column (not modified).
    k : int
        Minimum cell size.

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
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise ValueError(f"min cell size k must be a non-negative integer (default 5); got {k!r}")
    if "n_notes" not in table.columns:
        raise ValueError(
            "suppress_small_cells needs an 'n_notes' column; found columns: "
            f"{', '.join(map(str, table.columns))}"
        )
    out = table.copy()
    counts = pd.to_numeric(out["n_notes"], errors="coerce")
    small = (counts < k).fillna(False).to_numpy(dtype=bool)
    for col in ESTIMATE_COLUMNS:
        if col in out.columns:
            out[col] = out[col].astype(float).mask(small)
    for col in COUNT_COLUMNS:
        if col in out.columns:
            out[col] = out[col].astype("Int64").mask(small)
    display = counts.astype("Int64").astype(str)
    out["n_notes_display"] = display.where(~small, f"<{k}")
    out["suppressed"] = small
    return out
