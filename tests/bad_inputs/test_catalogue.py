"""The catalogue of bad inputs: each gets a clear error or a quarantine, and nothing is lost.

Each case writes a file and states the expected behaviour:

* ``("error", pattern)``: exit code ≠ 0 and a message matching ``pattern``
  (what, where, how to fix);
* ``("ok", n_quarantined, pattern)``: the run completes, ``n_quarantined`` rows
  are quarantined (``pattern`` matches a reason or a warning), and
  read = scored + quarantined.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from evalkit.cli import app

runner = CliRunner()


def good(n=6, **extra):
    df = pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(n)],
            "clinic_id": ["K1", "K1", "K2", "K2", "K3", "K3"][:n]
            if n <= 6
            else [f"K{i % 3}" for i in range(n)],
            "clinician_id": [f"GP{i % 4}" for i in range(n)],
            "ai_note": [f"Pt har ondt i halsen i {i} dage. Ingen feber." for i in range(n)],
            "final_note": [f"Pt har ondt i halsen i {i} dage, ingen feber." for i in range(n)],
        }
    )
    for k, v in extra.items():
        df[k] = v
    return df


def csv(df, **kw):
    def build(tmp: Path) -> Path:
        path = tmp / "in.csv"
        df.to_csv(path, index=False, **kw)
        return path

    return build


def raw(content: bytes, name="in.csv"):
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(content)
        return path

    return build


def parquet(df):
    def build(tmp: Path) -> Path:
        path = tmp / "in.parquet"
        df.to_parquet(path)
        return path

    return build


def with_values(column, values, base=None):
    df = (base if base is not None else good()).copy()
    df[column] = values
    return df


_d = good()
CASES = {
    # files and structure
    "required column missing": (
        csv(_d.drop(columns="final_note")),
        ("error", r"'final_note' is required.*found columns.*--columns"),
    ),
    "empty file": (raw(b""), ("error", r"is empty")),
    "header only": (raw(b"note_id,ai_note,final_note\n"), ("ok", 0, None)),
    "malformed JSONL line": (
        raw(b'{"note_id":"1","ai_note":"a","final_note":"b"}\n{oops\n', "in.jsonl"),
        ("error", r"line 2 is not valid JSON"),
    ),
    "parquet with wrong column types": (
        parquet(with_values("ai_note", list(range(6)))),
        ("error", r"'ai_note'.*has type int64.*must be text"),
    ),
    "CSV with ragged rows (too many fields)": (
        raw(b"note_id,ai_note,final_note\n1,a,b\n2,a,b,c\n"),
        ("error", r"line 3.*every row has as many fields"),
    ),
    "CSV with ragged rows (too few fields)": (
        raw(b"note_id,ai_note,final_note\n1,a,b\n2,a\n"),
        ("ok", 1, r"final_note is empty"),
    ),
    # values
    "duplicate note_id": (
        csv(with_values("note_id", ["a", "b", "a", "c", "d", "e"])),
        ("ok", 1, r"duplicate note_id; first seen at row 1"),
    ),
    "ai_note empty": (
        csv(with_values("ai_note", ["", "x", "y", "z", "w", "v"])),
        ("ok", 1, r"ai_note is empty.*ai_assisted=false"),
    ),
    "final_note null": (
        parquet(with_values("final_note", [None, "x", "y", "z", "w", "v"])),
        ("ok", 1, r"final_note is missing"),
    ),
    "non-string notes (numbers in JSONL)": (
        raw(
            b'{"note_id":"1","ai_note":5,"final_note":"b"}\n{"note_id":"2","ai_note":"a","final_note":"b"}\n',
            "in.jsonl",
        ),
        ("ok", 1, r"ai_note is a int, not text"),
    ),
    "1 MB note": (
        csv(with_values("ai_note", ["x " * 524_288] + ["a"] * 5)),
        ("ok", 1, r"more than the limit.*--max-chars"),
    ),
    "NUL bytes and control characters": (
        raw(b"note_id,ai_note,final_note\n1,a\x00b\x07,ab\n2,x\x1b,x\n"),
        ("ok", 0, None),
    ),
    "; delimiter with decimal-comma times": (
        csv(with_values("doc_seconds", ["312,5", "90", "1,5", "", "100", "200"]), sep=";"),
        ("ok", 0, None),
    ),
    "negative time": (
        csv(with_values("doc_seconds", ["-5", "90", "100", "100", "100", "100"])),
        ("ok", 1, r"doc_seconds=-5 is not a plausible time"),
    ),
    "zero time": (
        csv(with_values("doc_seconds", ["0", "90", "100", "100", "100", "100"])),
        ("ok", 1, r"doc_seconds=0 is not a plausible time"),
    ),
    "zero edit time is allowed (accepted unchanged)": (
        csv(with_values("edit_seconds", ["0", "90", "100", "100", "100", "100"])),
        ("ok", 0, None),
    ),
    "absurd time > 4 h": (
        csv(with_values("doc_seconds", ["20000", "90", "100", "100", "100", "100"])),
        ("ok", 1, r"not a plausible time"),
    ),
    "doc_started_at after doc_signed_at": (
        csv(
            with_values(
                "doc_signed_at",
                ["2026-03-02T09:00:00+01:00"] * 6,
                with_values(
                    "doc_started_at",
                    ["2026-03-02T09:10:00+01:00"] + ["2026-03-02T08:55:00+01:00"] * 5,
                ),
            )
        ),
        ("ok", 1, r"doc_started_at is after doc_signed_at"),
    ),
    "unknown consultation_type": (
        csv(
            with_values("consultation_type", ["walk-in", "video", "telefon", "video", "", "video"])
        ),
        ("ok", 0, r"consultation_type 'walk-in' is not one of"),
    ),
    "unknown language": (
        csv(with_values("language", ["de", "da", "en", "", "da", "da"])),
        ("ok", 1, r"language 'de' is not supported"),
    ),
    # encoding and text
    "invalid UTF-8 (cp1252 file)": (
        csv(with_values("ai_note", ["Smerter i højre knæ"] * 6), encoding="cp1252"),
        ("error", r"not valid utf-8 at line 2.*--encoding cp1252"),
    ),
    "UTF-8 BOM": (csv(good(), encoding="utf-8-sig"), ("ok", 0, None)),
    "mixed line endings": (
        raw(b'note_id,ai_note,final_note\r\n1,"a\r\nb\nc","a\nb\r\nc"\n2,x,y\r\n'),
        ("ok", 0, None),
    ),
    "NFD text": (
        csv(with_values("ai_note", [unicodedata.normalize("NFD", "Ømhed i håndleddet, café")] * 6)),
        ("ok", 0, None),
    ),
    # degenerate data sets
    "a clinic with one note": (
        csv(with_values("clinic_id", ["K1", "K2", "K2", "K2", "K2", "K2"])),
        ("ok", 0, None),
    ),
    "all notes unchanged": (
        csv(with_values("ai_note", list(good()["final_note"]))),
        ("ok", 0, None),
    ),
    "no AI-assisted notes": (
        csv(with_values("ai_assisted", ["false"] * 6, with_values("ai_note", [""] * 6))),
        ("ok", 0, None),
    ),
    "no control notes": (csv(with_values("ai_assisted", ["true"] * 6)), ("ok", 0, None)),
}


def _summary_number(output: str, label: str) -> int:
    match = re.search(rf"{label}:\s+(\d+)", output)
    assert match, f"summary line {label!r} missing in: {output}"
    return int(match.group(1))


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input(case, tmp_path):
    build, expected = CASES[case]
    src = build(tmp_path)
    out = tmp_path / "scores.parquet"
    result = runner.invoke(app, ["score", str(src), "--out", str(out), "--metrics", "edit"])
    text = result.output
    if expected[0] == "error":
        assert result.exit_code != 0, text
        assert re.search(expected[1], " ".join(text.split())), text
        assert not out.exists()
        return
    assert result.exit_code == 0, text
    n_read = _summary_number(text, "notes read")
    n_scored = _summary_number(text, "scored")
    n_quarantined = _summary_number(text, "quarantined")
    assert n_read == n_scored + n_quarantined
    assert n_quarantined == expected[1]
    assert len(pd.read_parquet(out)) == n_scored
    qfile = tmp_path / "scores.parquet.quarantine.csv"
    if expected[1]:
        q = pd.read_csv(qfile, dtype=str)
        assert list(q.columns) == [
            "row_number",
            "note_id",
            "column",
            "reason",
            "reason_code",
            "reason_params",
        ]
        assert len(q) == n_quarantined
    if expected[2]:
        haystack = text + (qfile.read_text(encoding="utf-8") if qfile.exists() else "")
        assert re.search(expected[2], " ".join(haystack.split())), haystack[-2000:]


def test_strict_turns_quarantine_into_failure(tmp_path):
    src = csv(with_values("note_id", ["a", "a", "b", "c", "d", "e"]))(tmp_path)
    result = runner.invoke(
        app, ["score", str(src), "--out", str(tmp_path / "s.csv"), "--metrics", "edit", "--strict"]
    )
    assert result.exit_code == 1
    assert "--strict: 1 row(s) quarantined" in " ".join(result.output.split())


def test_catalogue_covers_the_issue_list():
    required = [
        "required column missing",
        "empty file",
        "header only",
        "malformed JSONL line",
        "parquet with wrong column types",
        "duplicate note_id",
        "1 MB note",
        "unknown language",
        "invalid UTF-8 (cp1252 file)",
        "UTF-8 BOM",
        "NFD text",
        "no control notes",
    ]
    assert all(name in CASES for name in required)


def test_lexicon_file_with_bad_rows_fails_before_scoring(tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text(
        "term\tconcept_id\tcategory\tlanguage\tsource\nferber\tsym:fever\tsymptom\tda\tx\nhoste\t\tsymptom\tda\tx\n",
        encoding="utf-8",
    )
    src = csv(good())(tmp_path)
    out = tmp_path / "s.parquet"
    result = runner.invoke(app, ["score", str(src), "--out", str(out), "--lexicon", str(lexicon)])
    assert result.exit_code != 0
    assert re.search(r"mine\.tsv, line 3: concept_id '' is not", " ".join(result.output.split()))
    assert not out.exists() and not (tmp_path / "s.parquet.parts").exists()
