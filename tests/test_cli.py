"""The command line, through typer's CliRunner."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from evalkit.cli import app

runner = CliRunner()


def write_semicolon_bom_csv(path):
    df = pd.DataFrame(
        {
            "note_id": ["1", "2", "3"],
            "ai_note": [
                "Pt med ondt i halsen.\nPlan: Pinex 1 g",
                "Ingen feber, hoste i 3 dage",
                "Bør ses igen",
            ],
            "final_note": [
                "Pt med ondt i halsen.\nPlan: Pamol 1 g",
                "Ingen feber, hoste i 3 dage",
                "Ses igen om 1 uge",
            ],
            "doc_seconds": ["120,5", "95", "200"],
        }
    )
    df.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return df


def test_score_semicolon_bom_csv(tmp_path):
    src = tmp_path / "export.csv"
    write_semicolon_bom_csv(src)
    out = tmp_path / "scores.parquet"
    result = runner.invoke(app, ["score", str(src), "--out", str(out), "--metrics", "edit"])
    assert result.exit_code == 0, result.output
    assert "notes read:        3" in result.output
    assert "unchanged rate:    33.3%" in result.output
    df = pd.read_parquet(out)
    assert df["note_id"].tolist() == ["1", "2", "3"]
    assert df["unchanged"].tolist() == [False, True, False]
    assert df["doc_seconds"].tolist() == [120.5, 95.0, 200.0]
    assert df["word_substitutions"].tolist()[0] == 1


def test_missing_final_note_exits_nonzero_and_names_it(tmp_path):
    src = tmp_path / "bad.csv"
    pd.DataFrame({"note_id": ["1"], "ai_note": ["x"], "signed": ["y"]}).to_csv(src, index=False)
    result = runner.invoke(app, ["score", str(src), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code != 0
    assert "final_note" in result.output and "--columns final_note=signed" in result.output
    assert not (tmp_path / "o.csv").exists()


def test_columns_option(tmp_path):
    src = tmp_path / "x.csv"
    pd.DataFrame({"note_id": ["1"], "draft_text": ["a b"], "signed": ["a c"]}).to_csv(
        src, index=False
    )
    out = tmp_path / "o.csv"
    result = runner.invoke(
        app,
        [
            "score",
            str(src),
            "--out",
            str(out),
            "--columns",
            "ai_note=draft_text,final_note=signed",
            "--metrics",
            "edit",
        ],
    )
    assert result.exit_code == 0, result.output
    assert pd.read_csv(out)["wer"].tolist() == [0.5]


def test_help_has_examples_for_every_command():
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"`evalkit {name} --help` shows no example"


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "evalkit" in result.output


# --------------------------------------------------------------------------- --min-cell


def _run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evalkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.mark.parametrize("command", ["report", "summarize"])
def test_min_cell_out_of_range_is_one_error_line_and_exit_2(tmp_path, command):
    src = tmp_path / "scores.csv"
    pd.DataFrame(
        {"note_id": ["1", "2"], "clinic_id": ["A", "A"], "unchanged": [True, False]}
    ).to_csv(src, index=False)
    proc = _run(command, str(src), "--out", str(tmp_path / "out"), "--min-cell", "-1", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(
        "error: min_cell (--min-cell) must be a whole number of notes, 0 or more"
    )
    assert "got -1" in proc.stderr and "default 5" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()  # refused before anything was read or written


def test_min_cell_help_states_the_one_range():
    import typer

    from evalkit.stats.privacy import MIN_CELL_RANGE

    commands = typer.main.get_command(app).commands
    for name in ("report", "summarize"):
        (option,) = [p for p in commands[name].params if p.name == "min_cell"]
        assert MIN_CELL_RANGE in option.help and option.default == 5
