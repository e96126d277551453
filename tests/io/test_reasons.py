"""Quarantine reasons as codes and parameters (evalkit/io/reasons.py)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.io.reasons import REASONS, Reason, template_fields
from evalkit.io.validate import QUARANTINE_COLUMNS
from tests.bad_inputs.every_reason import BAD_ROWS, row_number, score_with_every_reason


def test_every_reason_is_produced_by_the_pipeline_with_its_english_text(tmp_path, monkeypatch):
    _, quarantine = score_with_every_reason(tmp_path, monkeypatch)
    assert list(quarantine.columns) == list(QUARANTINE_COLUMNS)
    assert set(BAD_ROWS) == set(REASONS), "add a row for each new reason to every_reason.py"
    by_row = quarantine.set_index("row_number")
    for code in REASONS:
        row = by_row.loc[str(row_number(code))]
        assert row["reason_code"] == code
        reason = Reason.from_json(code, row["reason_params"])
        assert row["reason"] == reason.text  # the file's English text is the template's
    assert len(quarantine) == len(REASONS)


def test_english_texts_are_those_users_saw_before_codes():
    # Hand-written from the messages evalkit printed before reasons had codes.
    cases = [
        (Reason("note_id_duplicate", {"first_row": 1}), "duplicate note_id; first seen at row 1"),
        (Reason("text_not_text", {"column": "ai_note", "type": "int"}),
         "ai_note is a int, not text; store notes as text"),
        (Reason("text_too_long", {"column": "ai_note", "length": 1048576, "limit": 200000}),
         "ai_note has 1,048,576 characters, more than the limit of 200,000; check the export, "
         "or raise the limit with --max-chars"),
        (Reason("seconds_implausible", {"column": "doc_seconds", "value": -5.0, "bound": "> 0",
                                        "limit": 14400}),
         "doc_seconds=-5 is not a plausible time (must be > 0 and ≤ 14400 s); fix or leave it "
         "empty"),
        (Reason("draft_empty", {"column": "ai_note"}),
         "ai_note is empty (for a note written without AI set ai_assisted=false)"),
    ]  # fmt: skip
    for reason, text in cases:
        assert reason.text.startswith(text), reason.code


def test_unknown_codes_and_missing_parameters_raise():
    with pytest.raises(KeyError, match="unknown quarantine reason 'nope'"):
        Reason("nope")
    with pytest.raises(KeyError, match="needs first_row"):
        Reason("note_id_duplicate", {})
    with pytest.raises(ValueError, match="JSON object"):
        Reason.from_json("note_id_empty", "[1, 2]")


def test_template_fields():
    assert template_fields("{column}={value:g} in {limit} s, {name!r}") == {
        "column",
        "value",
        "limit",
        "name",
    }
    assert template_fields("no fields") == set()


@given(
    first_row=st.integers(min_value=1, max_value=10**9),
    value=st.text(max_size=20),
    seconds=st.floats(allow_nan=False, allow_infinity=False, width=32),
)
def test_parameters_survive_the_json_column(first_row, value, seconds):
    for reason in (
        Reason("note_id_duplicate", {"first_row": first_row}),
        Reason("ai_assisted_invalid", {"value": value}),
        Reason(
            "seconds_implausible",
            {"column": "doc_seconds", "value": seconds, "bound": "> 0", "limit": 14400},
        ),
    ):
        back = Reason.from_json(reason.code, reason.params_json())
        assert back == reason and back.text == reason.text
        assert json.loads(reason.params_json()) == dict(reason.params)


def test_every_code_is_documented_for_users():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "data-format.md").read_text("utf-8")
    missing = [code for code in REASONS if f"`{code}`" not in doc]
    assert not missing, f"document these reason codes in docs/data-format.md: {missing}"
