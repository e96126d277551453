"""Tests of the scores-table writers (evalkit/io/write.py)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.io.errors import InputError
from evalkit.io.write import (
    FORMULA_PREFIXES,
    ScoresWriter,
    arrow_type,
    neutralise_formula,
    output_format,
    write_table,
)
from evalkit.metrics.registry import MetricInfo

FLAGS = MetricInfo(
    name="flags",
    family="test",
    definition="test list column",
    range=(None, None),
    direction="none",
    version="1",
    dtype="list",
    best=[],
    card="none",
    item_fields=(("term", "str"), ("start", "int"), ("negated", "bool")),
)
RATE = MetricInfo("rate", "test", "a rate", (0, 1), "lower", "1", "float", 0.0, "none")


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "note_id": ["a", "b"],
            "rate": [0.25, None],
            "flags": [[{"term": "feber", "start": 3, "negated": True}], []],
        }
    )


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# ---- output_format -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("s.parquet", "parquet"),
        ("s.pq", "parquet"),
        ("s.csv", "csv"),
        ("S.CSV", "csv"),
        ("dir.v2/s.jsonl", "jsonl"),
    ],
)
def test_output_format_from_extension(name, expected):
    assert output_format(name) == expected


@pytest.mark.parametrize("name", ["scores.xlsx", "scores", "scores.json"])
def test_unknown_extension_is_a_clear_error(name):
    with pytest.raises(InputError, match=r"unknown extension .*use \.parquet, \.csv or \.jsonl"):
        output_format(name)


def test_arrow_type_of_a_list_metric():
    expected = pa.list_(
        pa.struct([("term", pa.string()), ("start", pa.int64()), ("negated", pa.bool_())])
    )
    assert arrow_type(FLAGS) == expected
    assert arrow_type(RATE) == pa.float64()


# ---- formula neutralisation --------------------------------------------------------------


@given(st.text(max_size=20))
def test_neutralise_formula_prefixes_exactly_the_formula_starts(text):
    out = neutralise_formula(text)
    if text[:1] in FORMULA_PREFIXES:
        assert out == "'" + text
    else:
        assert out == text


@pytest.mark.parametrize("value", [None, 3, -2.5, True, ["=x"]])
def test_neutralise_formula_leaves_non_text_alone(value):
    assert neutralise_formula(value) is value


# ---- the three formats -------------------------------------------------------------------


def test_csv_chunks_share_one_header_and_lists_become_json(tmp_path):
    out = tmp_path / "s.csv"
    frame = _frame()
    with ScoresWriter(out, [FLAGS, RATE]) as writer:
        writer.write(frame.iloc[:1])
        writer.write(frame.iloc[1:])
    assert writer.rows == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "note_id,rate,flags"
    assert len(lines) == 3
    back = pd.read_csv(out)
    assert json.loads(back.loc[0, "flags"]) == frame.loc[0, "flags"]
    assert json.loads(back.loc[1, "flags"]) == []
    assert back.loc[0, "rate"] == 0.25 and pd.isna(back.loc[1, "rate"])


def test_csv_without_header_for_continuation_parts(tmp_path):
    out = tmp_path / "part.csv"
    with ScoresWriter(out, [], header=False) as writer:
        writer.write(pd.DataFrame({"note_id": ["x"]}))
    assert out.read_text() == "x\n"


@pytest.mark.parametrize("neutralise", [True, False])
def test_csv_formula_neutralisation_is_an_option(tmp_path, neutralise):
    out = tmp_path / "s.csv"
    frame = pd.DataFrame({"note_id": ["=1+1"], "text": ["-3 kg"], "n": [-3]})
    write_table(frame, out, neutralise=neutralise)
    body = out.read_text().splitlines()[1]
    assert body == ("'=1+1,'-3 kg,-3" if neutralise else "=1+1,-3 kg,-3")


def test_csv_neutralisation_of_named_columns_leaves_the_others(tmp_path):
    out = tmp_path / "s.csv"
    frame = pd.DataFrame({"=group": ["=a"], "group": ["+b"], "method": ["-c"]})
    write_table(frame, out, neutralise=("group",))
    assert out.read_text().splitlines() == ["=group,group,method", "=a,'+b,-c"]


def test_csv_neutralisation_also_covers_the_header(tmp_path):
    out = tmp_path / "s.csv"
    write_table(pd.DataFrame({"=x": ["@y"]}), out, neutralise=True)
    assert out.read_text().splitlines() == ["'=x", "'@y"]


def test_jsonl_missing_values_are_null_and_numpy_scalars_plain(tmp_path):
    out = tmp_path / "s.jsonl"
    frame = pd.DataFrame(
        {
            "note_id": ["a", "b"],
            "n": pd.array([1, None], dtype="Int64"),
            "x": [np.float64("nan"), 2.5],
            "ok": [np.bool_(True), np.bool_(False)],
        }
    )
    write_table(frame, out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records == [
        {"note_id": "a", "n": 1, "x": None, "ok": True},
        {"note_id": "b", "n": None, "x": 2.5, "ok": False},
    ]


def test_jsonl_keeps_lists_and_non_ascii(tmp_path):
    out = tmp_path / "s.jsonl"
    write_table(pd.DataFrame({"note_id": ["ø"], "flags": [[{"term": "øre"}]]}), out)
    line = out.read_text(encoding="utf-8")
    assert "øre" in line and json.loads(line)["flags"] == [{"term": "øre"}]


def test_parquet_round_trip_with_a_fixed_list_schema(tmp_path):
    out = tmp_path / "s.parquet"
    write_table(_frame(), out, [FLAGS, RATE])
    assert pq.read_schema(out).field("flags").type == arrow_type(FLAGS)
    back = pd.read_parquet(out)
    assert back["note_id"].tolist() == ["a", "b"]
    assert list(back.loc[0, "flags"]) == [{"term": "feber", "start": 3, "negated": True}]
    assert len(back.loc[1, "flags"]) == 0


def test_parquet_all_null_column_is_written_as_text(tmp_path):
    out = tmp_path / "s.parquet"
    write_table(pd.DataFrame({"note_id": ["a"], "clinic_id": [None]}), out)
    assert pq.read_schema(out).field("clinic_id").type == pa.string()


def test_parquet_with_no_chunk_is_an_empty_readable_file(tmp_path):
    out = tmp_path / "s.parquet"
    with ScoresWriter(out, []):
        pass
    assert pq.read_table(out).num_rows == 0


# ---- atomic writing ----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_failed_write_leaves_no_file(tmp_path, suffix):
    out = tmp_path / f"s{suffix}"
    with pytest.raises(KeyError):
        with ScoresWriter(out, []) as writer:
            writer.write(pd.DataFrame({"note_id": ["a"]}))
            raise KeyError("stop")
    assert not out.exists()
    assert _leftovers(tmp_path) == []


def test_the_final_name_appears_only_on_close(tmp_path):
    out = tmp_path / "s.csv"
    writer = ScoresWriter(out, [])
    writer.write(pd.DataFrame({"note_id": ["a"]}))
    assert not out.exists() and len(_leftovers(tmp_path)) == 1
    assert writer.close() == out
    assert out.read_text() == "note_id\na\n" and _leftovers(tmp_path) == []


def test_write_after_close_is_a_clear_error(tmp_path):
    writer = ScoresWriter(tmp_path / "s.jsonl", [])
    writer.close()
    with pytest.raises(RuntimeError, match=r"write\(\) after close\(\) or abort\(\)"):
        writer.write(pd.DataFrame({"note_id": ["a"]}))


def test_write_table_creates_missing_folders(tmp_path):
    out = tmp_path / "a" / "b" / "s.csv"
    assert write_table(pd.DataFrame({"note_id": ["a"]}), out) == out
    assert out.read_text() == "note_id\na\n"
