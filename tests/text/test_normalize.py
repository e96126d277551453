"""Tests of the note normalisation (evalkit/text/normalize.py)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from evalkit.text.normalize import (
    NORMALIZATION_ID,
    collapse_whitespace,
    normalize_text,
    words,
)

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def reference_normalize(text: str) -> str:
    """The documented rules, step by step, without the fast paths."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Plan\r\nKontrol", "Plan\nKontrol"),
        ("Plan\rKontrol", "Plan\nKontrol"),
        ("a\r\r\nb", "a\n\nb"),
        ("Ha\u0308lsen", "Hälsen"),  # NFD to NFC
        ("a\u030a", "å"),
        ("BT\x00 120/80", "BT 120/80"),
        ("\x1b[0mHoste\x7f", "[0mHoste"),
        ("tab\tstays\nnewline stays", "tab\tstays\nnewline stays"),
        ("  spaces  stay  ", "  spaces  stay  "),
        ("Ingen FEBER.", "Ingen FEBER."),
        ("\u00a0nbsp and \u2028 are kept", "\u00a0nbsp and \u2028 are kept"),
        ("", ""),
    ],
)
def test_normalize_text_by_hand(raw, expected):
    assert normalize_text(raw) == expected


def test_none_becomes_empty():
    assert normalize_text(None) == ""


@pytest.mark.parametrize("value", [3, 2.5, b"bytes", ["a"]])
def test_non_text_is_a_clear_error(value):
    with pytest.raises(TypeError, match=r"normalize_text expects str, got .*convert the column"):
        normalize_text(value)  # type: ignore[arg-type]


@given(st.text())
@example("e\u0301\r\n\x00")
@example("\r\r\n\n")
def test_matches_the_reference_rules(text):
    assert normalize_text(text) == reference_normalize(text)


@given(st.text())
def test_is_idempotent_and_leaves_no_carriage_return(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once
    assert not CONTROL.search(once)
    assert unicodedata.is_normalized("NFC", once)


@given(st.text(alphabet=st.characters(codec="ascii", exclude_characters="\r")))
def test_printable_ascii_without_control_is_unchanged(text):
    if not CONTROL.search(text):
        assert normalize_text(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plan:\nPt  ses\tigen ", ["Plan:", "Pt", "ses", "igen"]),
        ("", []),
        ("   ", []),
        ("BT\u00a0120/80", ["BT", "120/80"]),
    ],
)
def test_words_by_hand(text, expected):
    assert words(text) == expected


@given(st.text())
def test_words_are_the_whitespace_split(text):
    tokens = words(text)
    assert tokens == text.split()
    assert all(token and not any(c.isspace() for c in token) for token in tokens)


@given(st.text())
def test_collapse_whitespace_keeps_the_words(text):
    collapsed = collapse_whitespace(text)
    assert collapsed.split(" ") == (text.split() or [""])
    assert collapse_whitespace(collapsed) == collapsed
    assert collapsed == collapsed.strip()


def test_normalization_id_is_part_of_the_signature():
    assert NORMALIZATION_ID == "nfc-lf-noctl"
