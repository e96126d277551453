"""Readers: formats, delimiters, encodings, column mapping, clear errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.io import InputError, ReadOptions, iter_notes, read_notes
from evalkit.io.read import sniff_delimiter

ROWS = pd.DataFrame(
    {
        "note_id": ["n1", "n2"],
        "ai_note": ["Pt har ondt i halsen; ingen feber.\nPlan: Pamol", "Smerter i højre knæ"],
        "final_note": [
            "Pt har ondt i halsen, ingen feber.\nPlan: Panodil",
            "Smerter i højre knæ, æøå",
        ],
        "clinic_id": ["K1", "K2"],
    }
)


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
@pytest.mark.parametrize("bom", [True, False])
def test_csv_delimiters_and_bom(tmp_path, sep, bom):
    path = tmp_path / "notes.csv"
    ROWS.to_csv(path, sep=sep, index=False, encoding="utf-8-sig" if bom else "utf-8")
    got = read_notes(path)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), ROWS)


def test_cp1252_needs_encoding_option_and_names_the_line(tmp_path):
    path = tmp_path / "excel.csv"
    ROWS.to_csv(path, sep=";", index=False, encoding="cp1252", errors="replace")
    with pytest.raises(
        InputError, match=r"not valid utf-8 at line 5 \(byte \d+\).*--encoding cp1252"
    ):
        read_notes(path)
    got = read_notes(path, encoding="cp1252")
    assert got.loc[1, "ai_note"] == "Smerter i højre knæ"


def test_parquet_and_jsonl_round_trip(tmp_path):
    pq_path = tmp_path / "n.parquet"
    ROWS.to_parquet(pq_path)
    pd.testing.assert_frame_equal(read_notes(pq_path).reset_index(drop=True), ROWS)
    jl = tmp_path / "n.jsonl"
    jl.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS.to_dict("records")) + "\n",
        encoding="utf-8",
    )
    pd.testing.assert_frame_equal(read_notes(jl).reset_index(drop=True), ROWS)


def test_column_mapping(tmp_path):
    path = tmp_path / "n.csv"
    ROWS.rename(columns={"ai_note": "draft_text", "final_note": "signed"}).to_csv(path, index=False)
    got = read_notes(path, columns="ai_note=draft_text,final_note=signed")
    assert list(got.columns[:3]) == ["note_id", "ai_note", "final_note"]


def test_missing_required_column_names_column_found_and_fix(tmp_path):
    path = tmp_path / "n.csv"
    ROWS.drop(columns="final_note").rename(columns={"clinic_id": "signed"}).to_csv(
        path, index=False
    )
    with pytest.raises(InputError) as info:
        read_notes(path)
    msg = str(info.value)
    assert "'final_note' is required" in msg
    assert "found columns: note_id, ai_note, signed" in msg
    assert "--columns final_note=signed" in msg


def test_mapping_to_absent_column_is_clear(tmp_path):
    path = tmp_path / "n.csv"
    ROWS.to_csv(path, index=False)
    with pytest.raises(InputError, match="no such column"):
        read_notes(path, columns="ai_note=udkast")


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        (b"", "is empty"),
        (b'note_id,ai_note\n1,"x"\n', "'final_note' is required"),
    ],
)
def test_bad_files(tmp_path, content, pattern):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=pattern):
        read_notes(path)


def test_header_only_gives_empty_frame(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("note_id;ai_note;final_note\n", encoding="utf-8")
    assert read_notes(path).empty


def test_malformed_jsonl_line_is_located(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text(
        '{"note_id": "1", "ai_note": "a", "final_note": "b"}\n{"note_id": 2,\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match="line 2 is not valid JSON"):
        read_notes(path)


def test_unknown_extension_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="extension"):
        read_notes(tmp_path / "n.xlsx")
    with pytest.raises(InputError, match="does not exist"):
        read_notes(tmp_path / "absent.csv")


def test_chunks_keep_file_row_positions(tmp_path):
    path = tmp_path / "n.csv"
    big = pd.concat([ROWS] * 5, ignore_index=True)
    big["note_id"] = [f"n{i}" for i in range(len(big))]
    big.to_csv(path, index=False)
    chunks = list(iter_notes(path, ReadOptions(chunksize=3)))
    assert [len(c) for c in chunks] == [3, 3, 3, 1]
    assert list(pd.concat(chunks).index) == list(range(10))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from([",", ";", "\t", "|", "a", '"']), max_size=30))
def test_sniff_delimiter_picks_a_known_delimiter(chars):
    assert sniff_delimiter("".join(chars)) in (",", ";", "\t", "|")
