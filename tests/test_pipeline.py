"""The pipeline from a file to a report (evalkit/pipeline.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import evalkit
from evalkit.engine import score
from evalkit.engine.local import metric_columns
from evalkit.engine.run import quarantine_path
from evalkit.io.errors import InputError
from evalkit.pipeline import prepare_demo, read_report_input, report_file, report_notes
from evalkit.report import build_report

FAST = {"n_boot": 20, "figure_formats": ("svg",)}


@pytest.fixture
def notes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "note_id": ["a", "b", "c"],
            "final_note": ["Ingen feber.", "BT 120/80", "Pamol 1 g x 4."],
            "ai_note": ["Ingen feber.", "BT 130/80", "Pamol 1 g x 3."],
        }
    )


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {p.name: pd.read_csv(p) for p in sorted((folder / "tables").glob("*.csv"))}


def _assert_same_tables(left: Path, right: Path) -> None:
    a, b = _tables(left), _tables(right)
    assert a, "the report wrote no tables"
    assert sorted(a) == sorted(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def _metric_values(frame: pd.DataFrame) -> pd.DataFrame:
    names = [m.name for m in metric_columns() if m.dtype != "list" and m.name in frame.columns]
    return frame.set_index("note_id")[names].sort_index()


# --------------------------------------------------------------------------- read_report_input


def test_missing_file_says_which_and_what_to_pass(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(FileNotFoundError, match="nope.csv.*not found.*notes file"):
        read_report_input(missing)


def test_notes_file_is_read_as_notes_without_quarantine(tmp_path, notes):
    path = tmp_path / "notes.csv"
    notes.to_csv(path, index=False)
    frame, quarantine = read_report_input(path)
    assert quarantine is None
    assert frame["note_id"].tolist() == ["a", "b", "c"]
    assert {"ai_note", "final_note"} <= set(frame.columns)


def test_wrong_columns_name_the_missing_column_and_the_fix(tmp_path, notes):
    path = tmp_path / "notes.csv"
    notes.rename(columns={"final_note": "signed_note"}).to_csv(path, index=False)
    with pytest.raises(InputError, match="final_note") as caught:
        read_report_input(path)
    assert "signed_note" in str(caught.value)  # the columns found are listed
    frame, _ = read_report_input(path, columns="final_note=signed_note")
    assert frame["final_note"].tolist() == notes["final_note"].tolist()


def test_scores_file_is_read_as_scores_with_its_quarantine(tmp_path, notes):
    scores = score(notes, lang="da").drop(columns="hallucination_flags")
    scores.attrs = {}
    path = tmp_path / "scores.parquet"
    scores.to_parquet(path)
    refused = pd.DataFrame(
        {"row_number": ["4"], "note_id": ["d"], "column": ["ai_note"], "reason": ["empty"]}
    )
    refused.to_csv(quarantine_path(path), index=False)
    frame, quarantine = read_report_input(path)
    assert frame["note_id"].tolist() == ["a", "b", "c"]
    assert frame["char_distance_norm"].tolist() == pytest.approx(
        scores["char_distance_norm"].tolist()
    )
    pd.testing.assert_frame_equal(quarantine, refused)


# --------------------------------------------------------------------------- report_notes


def test_report_notes_writes_the_scores_the_engine_gives(tmp_path, notes):
    # notes without a language are scored in the report's language unless notes_lang says
    html = report_notes(notes, tmp_path, lang="en", **FAST)
    assert html == tmp_path / "report.html"
    written = pd.read_parquet(tmp_path / "scores.parquet")
    pd.testing.assert_frame_equal(
        _metric_values(written), _metric_values(score(notes, lang="en")), check_dtype=False
    )
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["scored_in_report"] is True


def test_report_notes_does_not_modify_its_input(tmp_path, notes):
    before = notes.copy()
    report_notes(notes, tmp_path, **FAST)
    pd.testing.assert_frame_equal(notes, before)


def test_notes_language_and_interface_language_are_separate(tmp_path, notes):
    html = report_notes(notes, tmp_path, lang="da", notes_lang="en", **FAST)
    written = pd.read_parquet(tmp_path / "scores.parquet")
    assert set(written["language"]) == {"en"}
    assert '<html lang="da"' in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"notes_lang": "sv"}, ValueError, "notes_lang 'sv' is not supported"),
        ({"lang": "de"}, ValueError, "'de'"),
        ({"min_cell": -1}, ValueError, "min_cell"),
    ],
)
def test_bad_options_fail_before_anything_is_written(tmp_path, notes, options, error, message):
    out = tmp_path / "report"
    with pytest.raises(error, match=message):
        report_notes(notes, out, **options, **FAST)
    assert not (out / "report.html").exists()


def test_report_notes_refuses_what_is_not_a_notes_table(tmp_path, notes):
    with pytest.raises(TypeError, match="DataFrame"):
        report_notes(notes.to_dict("list"), tmp_path, **FAST)
    with pytest.raises(ValueError, match="'note_id' is required"):
        report_notes(notes.rename(columns={"note_id": "id"}), tmp_path, **FAST)


# --------------------------------------------------------------------------- build_report


def test_raw_notes_to_build_report_warn_and_give_the_pipeline_result(tmp_path, notes):
    with pytest.warns(DeprecationWarning, match="evalkit.pipeline.report_notes"):
        build_report(notes, tmp_path / "old", seed=7, **FAST)
    report_notes(notes, tmp_path / "new", seed=7, **FAST)
    _assert_same_tables(tmp_path / "old", tmp_path / "new")
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "old" / "scores.parquet"),
        pd.read_parquet(tmp_path / "new" / "scores.parquet"),
    )


def test_scores_to_build_report_give_the_same_tables_as_the_pipeline(tmp_path, notes, recwarn):
    build_report(evalkit.score(notes, lang="da"), tmp_path / "scores", seed=7, **FAST)
    report_notes(notes, tmp_path / "notes", seed=7, **FAST)
    _assert_same_tables(tmp_path / "scores", tmp_path / "notes")
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning)]


# --------------------------------------------------------------------------- report_file


def test_report_file_from_notes_and_from_scores_agree(tmp_path, notes):
    notes_path = tmp_path / "notes.csv"
    notes.to_csv(notes_path, index=False)
    report_file(notes_path, tmp_path / "from_notes", seed=3, **FAST)
    scores_path = tmp_path / "from_notes" / "scores.parquet"
    report_file(scores_path, tmp_path / "from_scores", seed=3, **FAST)
    _assert_same_tables(tmp_path / "from_notes", tmp_path / "from_scores")
    manifests = [
        json.loads((tmp_path / d / "manifest.json").read_text(encoding="utf-8"))
        for d in ("from_notes", "from_scores")
    ]
    assert [m["parameters"]["scored_in_report"] for m in manifests] == [True, False]


def test_report_file_missing_input_fails_without_a_report(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        report_file(tmp_path / "absent.csv", tmp_path / "report", **FAST)
    assert not (tmp_path / "report" / "report.html").exists()


# --------------------------------------------------------------------------- prepare_demo


def test_prepare_demo_returns_the_bundled_notes_and_makes_the_folder(tmp_path):
    out = tmp_path / "demo"
    path = prepare_demo(out, lang="en")
    assert out.is_dir()
    frame = pd.read_csv(path)
    assert {"note_id", "ai_note", "final_note"} <= set(frame.columns)
    assert frame["note_id"].is_unique


def test_prepare_demo_refuses_an_unknown_language(tmp_path):
    with pytest.raises(ValueError, match="'xx'"):
        prepare_demo(tmp_path / "demo", lang="xx")
