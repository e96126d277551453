"""Tests of chunk checkpoints and resuming (evalkit/engine/checkpoint.py)."""

from __future__ import annotations

import hashlib
import json
import os

import pandas as pd
import pyarrow.parquet as pq
import pytest

from evalkit.engine.checkpoint import STATE_VERSION, Checkpoint, ResumeMismatch, input_fingerprint
from evalkit.io.validate import QUARANTINE_COLUMNS
from evalkit.io.write import write_table

QUARANTINE = pd.DataFrame(
    [
        {
            "row_number": 4,
            "note_id": "=x",
            "column": "ai_note",
            "reason": "ai_note is empty",
            "reason_code": "text_empty",
            "reason_params": '{"column": "ai_note"}',
        }
    ],
    columns=list(QUARANTINE_COLUMNS),
)
NO_QUARANTINE = pd.DataFrame(columns=list(QUARANTINE_COLUMNS))


def _chunks() -> list[pd.DataFrame]:
    rows = pd.DataFrame({"note_id": [f"n{i}" for i in range(7)], "wer": [i / 10 for i in range(7)]})
    return [rows.iloc[:3], rows.iloc[3:5], rows.iloc[5:]]


# ---- input_fingerprint -------------------------------------------------------------------


def test_fingerprint_of_a_small_file_by_hand(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"note_id\na\n")
    fingerprint = input_fingerprint(path)
    assert fingerprint["name"] == "in.csv" and fingerprint["size"] == 10
    assert fingerprint["head_tail_sha256"] == hashlib.sha256(b"note_id\na\n").hexdigest()
    assert fingerprint["mtime_ns"] == path.stat().st_mtime_ns


def test_fingerprint_of_a_large_file_hashes_head_and_tail(tmp_path):
    mib = 1 << 20
    data = os.urandom(3 * mib)
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    expected = hashlib.sha256(data[:mib] + data[-mib:]).hexdigest()
    assert input_fingerprint(path)["head_tail_sha256"] == expected


def test_fingerprint_changes_with_the_content(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"note_id\na\n")
    before = input_fingerprint(path)
    path.write_bytes(b"note_id\nb\n")
    os.utime(path, ns=(before["mtime_ns"], before["mtime_ns"]))  # same size and time
    after = input_fingerprint(path)
    assert after["size"] == before["size"] and after["mtime_ns"] == before["mtime_ns"]
    assert after["head_tail_sha256"] != before["head_tail_sha256"]


# ---- saving, joining, resuming -----------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_joined_parts_equal_one_write_of_the_whole_table(tmp_path, suffix):
    out = tmp_path / f"scores{suffix}"
    reference = tmp_path / f"reference{suffix}"
    chunks = _chunks()
    write_table(pd.concat(chunks), reference)
    checkpoint = Checkpoint(out, [], {"input": "a"}, resume=False)
    for i, chunk in enumerate(chunks):
        assert not checkpoint.done(i)
        checkpoint.save(i, chunk, NO_QUARANTINE)
        assert checkpoint.done(i)
    assert not out.exists(), "the output appears only when the parts are joined"
    assert checkpoint.join(len(chunks), tmp_path / "q.csv") is False
    if suffix == ".parquet":
        pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(reference))
        assert pq.ParquetFile(out).num_row_groups == len(chunks)
    else:
        assert out.read_bytes() == reference.read_bytes()
    assert not (tmp_path / "q.csv").exists()
    checkpoint.remove()
    assert not checkpoint.dir.exists()


def test_quarantined_rows_are_joined_under_one_header(tmp_path):
    out = tmp_path / "scores.csv"
    quarantine_out = tmp_path / "scores.quarantine.csv"
    checkpoint = Checkpoint(out, [], {"input": "a"}, resume=False)
    chunks = _chunks()
    checkpoint.save(0, chunks[0], QUARANTINE)
    checkpoint.save(1, chunks[1], NO_QUARANTINE)
    checkpoint.save(2, chunks[2], QUARANTINE.assign(row_number=9))
    assert checkpoint.join(3, quarantine_out) is True
    lines = quarantine_out.read_text(encoding="utf-8").splitlines()
    assert lines == [
        ",".join(QUARANTINE_COLUMNS),
        # note ids are formula-neutralised in the quarantine file
        '4,\'=x,ai_note,ai_note is empty,text_empty,"{""column"": ""ai_note""}"',
        '9,\'=x,ai_note,ai_note is empty,text_empty,"{""column"": ""ai_note""}"',
    ]


def test_resume_keeps_the_parts_of_the_same_state(tmp_path):
    out = tmp_path / "scores.csv"
    first = Checkpoint(out, [], {"input": "a", "families": ["edit"]}, resume=False)
    first.save(0, _chunks()[0], NO_QUARANTINE)
    again = Checkpoint(out, [], {"families": ["edit"], "input": "a"}, resume=True)
    assert again.done(0) and not again.done(1)


def test_a_fresh_run_discards_earlier_parts(tmp_path):
    out = tmp_path / "scores.csv"
    Checkpoint(out, [], {"input": "a"}, resume=False).save(0, _chunks()[0], NO_QUARANTINE)
    assert not Checkpoint(out, [], {"input": "a"}, resume=False).done(0)


def test_resume_without_earlier_parts_starts_afresh(tmp_path):
    checkpoint = Checkpoint(tmp_path / "scores.csv", [], {"input": "a"}, resume=True)
    assert not checkpoint.done(0)


def test_state_file_records_the_version_and_the_state(tmp_path):
    checkpoint = Checkpoint(tmp_path / "scores.csv", [], {"input": {"size": 3}}, resume=False)
    state = json.loads((checkpoint.dir / "state.json").read_text(encoding="utf-8"))
    assert state == {"version": STATE_VERSION, "input": {"size": 3}}
    assert checkpoint.dir.name == "scores.csv.parts"


def test_resume_refuses_other_input(tmp_path):
    out = tmp_path / "o.csv"
    Checkpoint(out, [], {"input": "a"}, resume=False)
    with pytest.raises(ResumeMismatch, match="different input"):
        Checkpoint(out, [], {"input": "b"}, resume=True)


def test_resume_refuses_other_parameters_and_says_how_to_start_again(tmp_path):
    out = tmp_path / "o.csv"
    Checkpoint(out, [], {"input": "a", "chunksize": 100}, resume=False)
    with pytest.raises(ResumeMismatch, match="Run without --resume to start again"):
        Checkpoint(out, [], {"input": "a", "chunksize": 200}, resume=True)


def test_unknown_output_extension_is_refused_before_any_folder_is_made(tmp_path):
    from evalkit.io.errors import InputError

    with pytest.raises(InputError, match="unknown extension"):
        Checkpoint(tmp_path / "scores.xlsx", [], {}, resume=False)
    assert list(tmp_path.iterdir()) == []
