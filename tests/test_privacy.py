"""Privacy guarantees: no network connection, no note text in logs or errors."""

from __future__ import annotations

import socket

import pandas as pd
import pytest
from typer.testing import CliRunner

from evalkit.cli import app

SECRET = "Hemmelig-Patient-Tekst-4711"


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to create a socket or resolve a name fails the test."""

    def refuse(*args, **kwargs):
        raise NetworkBlocked("evalkit tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


def test_fixture_really_blocks(no_network):
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9))


def test_demo_runs_with_network_blocked(no_network, tmp_path):
    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "scores.parquet").exists()


def test_score_runs_with_network_blocked(no_network, tmp_path):
    src = tmp_path / "n.csv"
    pd.DataFrame(
        {"note_id": ["1"], "ai_note": ["Ingen feber."], "final_note": ["Feber 38,5."]}
    ).to_csv(src, index=False)
    result = CliRunner().invoke(app, ["score", str(src), "--out", str(tmp_path / "s.parquet")])
    assert result.exit_code == 0, result.output


def test_errors_and_summary_never_print_note_text(tmp_path):
    src = tmp_path / "n.csv"
    pd.DataFrame(
        {
            "note_id": ["1", "1", "2"],
            "ai_note": [SECRET, SECRET, 5],
            "final_note": [SECRET, "", SECRET],
            "language": ["da", "xx", "da"],
            "doc_seconds": ["abc", SECRET, "-1"],
        }
    ).to_csv(src, index=False)
    out = tmp_path / "s.csv"
    result = CliRunner().invoke(app, ["score", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    quarantine = (tmp_path / "s.csv.quarantine.csv").read_text(encoding="utf-8")
    assert SECRET not in quarantine
