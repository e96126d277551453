"""Row validation: every row is kept or quarantined with a reason; nothing is lost."""

from __future__ import annotations

import pandas as pd
import pytest

from evalkit.io.validate import Validator


def frame(**cols):
    n = len(next(iter(cols.values())))
    base = {"note_id": [str(i) for i in range(n)], "ai_note": ["a"] * n, "final_note": ["b"] * n}
    base.update(cols)
    return pd.DataFrame(base)


def reasons(df, **kw):
    valid, bad = Validator(**kw).split(df)
    assert len(valid) + len(bad) == len(df)
    return valid, dict(zip(bad["row_number"], bad["reason"], strict=True))


def test_duplicates_empty_and_missing_notes():
    df = frame(note_id=["a", "b", "a", ""], final_note=["x", "", "y", "z"])
    valid, why = reasons(df)
    assert list(valid["note_id"]) == ["a"]
    assert "duplicate note_id; first seen at row 1" in why[3]
    assert why[2] == "final_note is empty"
    assert "note_id is empty" in why[4]


def test_control_notes_need_no_draft_but_ai_notes_do():
    df = frame(ai_note=["", None, "", "x"], ai_assisted=["false", "nej", "true", "0"])
    valid, why = reasons(df)
    assert list(valid["note_id"]) == ["0", "1", "3"]
    assert "set ai_assisted=false" in why[3]
    assert list(valid["ai_assisted"]) == [False, False, False]


def test_numbers_are_not_notes():
    df = frame(ai_note=["tekst", 42])
    _, why = reasons(df)
    assert why == {2: "ai_note is a int, not text; store notes as text"}


@pytest.mark.parametrize(
    ("value", "expected", "problem"),
    [
        ("312,5", 312.5, None),
        ("90", 90.0, None),
        ("", None, None),
        ("abc", None, "not a number"),
        ("-5", None, "not a plausible time"),
        ("0", None, "not a plausible time"),
        ("20000", None, "not a plausible time"),
    ],
)
def test_doc_seconds_parsing(value, expected, problem):
    valid, why = reasons(frame(doc_seconds=[value]))
    if problem:
        assert problem in why[1]
    elif expected is None:
        assert valid["doc_seconds"].isna().all()
    else:
        assert valid["doc_seconds"].iloc[0] == expected


def test_language_default_and_unknown():
    valid, why = reasons(frame(language=["", "EN", "de"]), default_language="da")
    assert list(valid["language"]) == ["da", "en"]
    assert "language 'de' is not supported" in why[3]


def test_consultation_type_aliases():
    valid, _ = reasons(frame(consultation_type=["Telefon", "video", "fremmøde", "walk-in"]))
    assert list(valid["consultation_type"]) == ["phone", "video", "in-person", "walk-in"]


def test_duplicates_across_chunks_are_found():
    v = Validator()
    v.split(frame(note_id=["a", "b"]))
    second = frame(note_id=["c", "a"])
    second.index = pd.RangeIndex(2, 4)
    _, bad = v.split(second)
    assert list(bad["row_number"]) == [4]


def test_input_is_not_mutated():
    df = frame(doc_seconds=["1,5"])
    before = df.copy()
    Validator().split(df)
    pd.testing.assert_frame_equal(df, before)


def test_reasons_never_contain_note_text():
    secret = "CPR 010101-1234 hemmelig"
    df = frame(ai_note=[secret, secret], note_id=["x", "x"], language=["da", "zz"])
    _, bad = Validator().split(df)
    assert not bad["reason"].str.contains("hemmelig").any()


def test_unsupported_default_language():
    with pytest.raises(ValueError, match="not supported"):
        Validator(default_language="sv")


@pytest.mark.parametrize("run_language", ["da", "en"])
def test_the_runs_language_is_recorded_when_the_file_has_no_language_column(run_language):
    valid, why = reasons(frame(final_note=["x", "y"]), default_language=run_language)
    assert not why and valid["language"].tolist() == [run_language, run_language]


def test_missing_language_cells_get_the_runs_language_and_nan_is_missing():
    df = frame(final_note=["x", "y", "z"], language=["EN", None, float("nan")])
    valid, why = reasons(df, default_language="en")
    assert not why and valid["language"].tolist() == ["en", "en", "en"]
