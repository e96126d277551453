"""Tests of tools/compare_scores.py: equal tables pass, any changed cell fails."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "compare_scores.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("compare_scores", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scores() -> pd.DataFrame:
    flag = {"type": "dose", "severity": "critical", "start": 0, "end": 4, "text": "5 mg"}
    return pd.DataFrame(
        {
            "note_id": ["a", "b", "c"],
            "wer": [0.25, float("nan"), 0.0],
            "hallucination_flags": [[flag], [], None],
            "hallucination_free": [False, True, None],
        }
    )


def test_the_doctests_run(tool):
    assert doctest.testmod(tool).failed == 0


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_identical_files_exit_0(tool, tmp_path, suffix, capsys):
    paths = [tmp_path / f"x{suffix}", tmp_path / f"y{suffix}"]
    for p in paths:
        if suffix == ".parquet":
            _scores().to_parquet(p)
        else:
            _scores().to_json(p, orient="records", lines=True)
    assert tool.main([str(p) for p in paths]) == 0
    assert "identical: 3 rows" in capsys.readouterr().out


def test_a_changed_flag_field_exits_1_and_names_the_column_not_the_text(tool, tmp_path, capsys):
    before, after = _scores(), _scores()
    after.at[0, "hallucination_flags"] = [dict(before.at[0, "hallucination_flags"][0], end=5)]
    before.to_parquet(tmp_path / "b.parquet")
    after.to_parquet(tmp_path / "a.parquet")
    assert tool.main([str(tmp_path / "b.parquet"), str(tmp_path / "a.parquet")]) == 1
    err = capsys.readouterr().err
    assert "'hallucination_flags': 1 of 3 rows differ (first rows: 0)" in err
    assert "5 mg" not in err


def test_row_count_and_column_set_differences_are_reported(tool):
    a = _scores()
    assert tool.compare(a, a.head(2)) == ["row count differs: 3 before, 2 after"]
    problems = tool.compare(a, a.drop(columns="wer"))
    assert problems == ["columns only in the first file: wer"]
    assert tool.compare(a, a.drop(columns="wer"), ["note_id"]) == []


def test_a_float_that_moves_in_the_last_bit_differs(tool):
    a = _scores()
    b = a.copy()
    b.at[0, "wer"] = 0.25 + 1e-16 * 4
    assert tool.compare(a, b) == ["column 'wer': 1 of 3 rows differ (first rows: 0)"]
