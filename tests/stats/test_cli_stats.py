"""`evalkit summarize` and `evalkit plan` through typer's CliRunner."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from evalkit.cli import app
from evalkit.stats.plan import plan_table

runner = CliRunner()


@pytest.fixture
def scores_file(simulated, tmp_path):
    path = tmp_path / "scores.parquet"
    simulated.to_parquet(path)
    return path


def test_summarize_writes_group_and_time_tables(scores_file, tmp_path):
    out = tmp_path / "stats"
    res = runner.invoke(
        app,
        [
            "summarize",
            str(scores_file),
            "--by",
            "clinic_id",
            "--by",
            "clinician_id",
            "--out",
            str(out),
            "--n-boot",
            "200",
            "--seed",
            "7",
        ],
    )
    assert res.exit_code == 0, res.output
    summary = pd.read_csv(out / "summary.csv")
    assert set(summary.level) == {"overall", "clinic_id", "clinician_id"}
    assert set(summary.B.dropna()) == {200} and set(summary.seed.dropna()) == {7}
    times = pd.read_csv(out / "time_saved.csv")
    assert "mixedlm_time_ratio" in set(times.quantity)


def test_summarize_without_timing_says_so(simulated, tmp_path):
    path = tmp_path / "scores.csv"
    simulated.drop(columns=["doc_seconds"]).to_csv(path, index=False)
    res = runner.invoke(
        app, ["summarize", str(path), "--out", str(tmp_path / "o"), "--n-boot", "50"]
    )
    assert res.exit_code == 0, res.output
    assert "time sections skipped" in res.output
    assert not (tmp_path / "o" / "time_saved.csv").exists()


def test_summarize_pseudonymizes_and_suppresses(scores_file, tmp_path):
    salt = tmp_path / "salt.txt"
    salt.write_text("a-secret-salt-for-the-tests-0001\n")
    out = tmp_path / "share"
    res = runner.invoke(
        app,
        [
            "summarize",
            str(scores_file),
            "--by",
            "clinician_id",
            "--out",
            str(out),
            "--n-boot",
            "50",
            "--pseudonymize",
            "--salt-file",
            str(salt),
            "--min-cell",
            "50",
        ],
    )
    assert res.exit_code == 0, res.output
    text = (out / "summary.csv").read_text()
    assert "GP001" not in text and "a-secret-salt" not in text and "<50" in text


def test_summarize_errors_are_clean(scores_file, tmp_path):
    args = ["summarize", str(scores_file), "--out", str(tmp_path)]
    res = runner.invoke(app, [*args, "--by", "site"])
    assert res.exit_code == 2 and "site" in res.output
    res = runner.invoke(app, [*args, "--pseudonymize"])
    assert res.exit_code == 2 and "--salt-file" in res.output


def test_plan_writes_table_and_curve(tmp_path):
    out = tmp_path / "plan"
    res = runner.invoke(
        app,
        [
            "plan",
            "--effect",
            "0.2",
            "--effect",
            "0.1",
            "--icc",
            "0.05",
            "--notes-per-clinician",
            "40",
            "--out",
            str(out),
            "--max-clinicians",
            "30",
        ],
    )
    assert res.exit_code == 0, res.output
    table = pd.read_csv(out / "plan.csv")
    expected = plan_table(effect=[0.2, 0.1], icc=0.05, notes_per_clinician=40)
    assert table.clinicians_total.tolist() == expected.clinicians_total.tolist()
    assert (out / "power_curve.png").stat().st_size > 1000
    assert pd.read_csv(out / "power_curve.csv").n_clinicians.max() == 30


def test_plan_rejects_bad_input(tmp_path):
    res = runner.invoke(
        app,
        [
            "plan",
            "--effect",
            "0.1",
            "--icc",
            "0.05",
            "--notes-per-clinician",
            "20",
            "--outcome",
            "rate",
            "--out",
            str(tmp_path),
        ],
    )
    assert res.exit_code == 2 and "baseline_rate" in res.output


@pytest.mark.parametrize("command", ["summarize", "plan"])
def test_help_has_examples(command):
    res = runner.invoke(app, [command, "--help"])
    assert res.exit_code == 0 and f"evalkit {command}" in res.output


def test_summarize_by_section(tmp_path):
    import evalkit

    notes = pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(6)],
            "clinician_id": ["a", "a", "b", "b", "c", "c"],
            "final_note": ["S: hoste\nO: ua.\nP: kontrol"] * 6,
            "ai_note": ["S: hoste\nO: rød hals\nP: kontrol"] * 3 + ["S: hoste\nP: kontrol"] * 3,
        }
    )
    path = tmp_path / "scores.parquet"
    scored = evalkit.score(notes, families=["edit", "sections"])
    scored.attrs.clear()  # the quarantine frame in attrs does not go into Parquet metadata
    scored.to_parquet(path)
    out = tmp_path / "stats"
    res = runner.invoke(
        app, ["summarize", str(path), "--by", "section", "--out", str(out), "--min-cell", "0"]
    )
    assert res.exit_code == 0, res.output
    table = pd.read_csv(out / "summary.csv")
    sec = table[(table["level"] == "section") & (table["statistic"] == "unchanged_rate")]
    assert dict(zip(sec["group"], sec["estimate"], strict=True)) == {
        "objective": 0.0,
        "plan": 1.0,
        "subjective": 1.0,
    }
