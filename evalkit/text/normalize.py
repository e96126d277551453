"""Normalisation applied to every note before any metric.

Only these things are changed, because the clinician had to type everything else:

* Unicode is composed to NFC, so ``"a\\u030a"`` (NFD) and ``"å"`` count as one character;
* line endings ``\\r\\n`` and lone ``\\r`` become ``\\n``;
* control characters other than tab and line feed (NUL, BEL, ESC, …, which
  exports sometimes leave in a note and nobody typed) are removed.

Every character offset evalkit reports refers to the text returned by
:func:`normalize_text`.
"""

from __future__ import annotations

import re
import unicodedata

NORMALIZATION_ID = "nfc-lf-noctl"
"""Short name of this normalisation, used in signature strings."""

_CRLF = re.compile(r"\r\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(text: str | None) -> str:
    """Return ``text`` in NFC with ``\\n`` line endings; ``None`` becomes ``""``.

    Parameters
    ----------
    text : str or None
        A note as read from the input file.

    Returns
    -------
    str
        The normalised note. Case, punctuation and spacing are kept.

    Examples
    --------
    >>> normalize_text("Ha\\u0308lsen\\r\\nPlan")
    'Hälsen\\nPlan'
    >>> normalize_text("BT\\x00 120/80")
    'BT 120/80'
    >>> normalize_text(None)
    ''
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        raise TypeError(
            f"normalize_text expects str, got {type(text).__name__}; "
            "convert the column to text first"
        )
    if "\r" in text:
        text = _CRLF.sub("\n", text)
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def words(text: str) -> list[str]:
    """Split normalised text into word tokens on any run of whitespace.

    Line breaks and tabs separate words too, so ``"Plan:\\nPt"`` is two tokens.

    Examples
    --------
    >>> words("Plan:\\nPt  ses\\tigen ")
    ['Plan:', 'Pt', 'ses', 'igen']
    """
    return text.split()


def collapse_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip both ends.

    Examples
    --------
    >>> collapse_whitespace("  BT 120/80\\n\\n p 72 ")
    'BT 120/80 p 72'
    """
    return " ".join(text.split())
