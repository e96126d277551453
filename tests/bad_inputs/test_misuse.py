"""The misuse catalogue: what a new user gets wrong, through the CLI and the API.

Every case runs a real command through typer's CliRunner (in-process, so
disk-full and permission errors can be simulated with monkeypatch; the
suite runs as root, where chmod does not stop anyone) and checks:

* the documented exit code (2 for bad input, output or options);
* exactly one line on stderr, ``error: ...``, matching the case's pattern
  (what, where, how to fix);
* no traceback, and the command ended by ``SystemExit`` rather than an
  escaped exception;
* no partial file: neither the final output nor a temporary file beside it.

A few cases also run in a subprocess (``python -m evalkit``) to see the real
stderr and exit status, and the API functions behind the commands are
checked for the error class they raise.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from matplotlib.figure import Figure
from typer.testing import CliRunner

from evalkit.cli import app
from evalkit.io.errors import InputError, OutputError

runner = CliRunner()
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TEMPORARY = re.compile(r"\.part$|\.joining$|\.tmp$|\.parts$")


def notes_frame(n: int = 12) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(n)],
            "clinic_id": [f"K{i % 2}" for i in range(n)],
            "clinician_id": [f"GP{i % 4}" for i in range(n)],
            "ai_note": [f"Pt har ondt i halsen i {i} dage. Ingen feber." for i in range(n)],
            "final_note": [f"Pt har ondt i halsen i {i} dage, ingen feber." for i in range(n)],
        }
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """notes.csv and its scores.parquet, made once."""
    root = tmp_path_factory.mktemp("misuse")
    notes_frame().to_csv(root / "notes.csv", index=False)
    result = runner.invoke(
        app,
        ["score", str(root / "notes.csv"), "--out", str(root / "scores.parquet")],
    )
    assert result.exit_code == 0, result.output
    return root


# --------------------------------------------------------------------------- simulated failures


def _raise(code: int) -> Callable[..., None]:
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def disk_full_parquet(monkeypatch):
    monkeypatch.setattr(pq.ParquetWriter, "write_table", _raise(errno.ENOSPC))


def disk_full_csv(monkeypatch):
    monkeypatch.setattr(pd.DataFrame, "to_csv", _raise(errno.ENOSPC))


def disk_full_figures(monkeypatch):
    monkeypatch.setattr(Figure, "savefig", _raise(errno.ENOSPC))


def disk_full_text(monkeypatch):
    # report.html and manifest.json are written with Path.write_text.
    original = Path.write_text

    def write_text(self, *args, **kwargs):
        if self.name.startswith(".report.html") or self.name.startswith(".manifest.json"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)


def no_permission(monkeypatch):
    # What a folder without write permission does to a non-root user: every
    # new file (temporary files included) and every new folder is refused.
    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", _raise(errno.EACCES))
    original = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if not self.exists():
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)


def read_only_fs(monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", _raise(errno.EROFS))


def unreadable_input(monkeypatch):
    original = Path.open

    def open_(self, *args, **kwargs):
        if self.name == "notes.csv":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)


# --------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class Case:
    argv: Callable[[Path, Path], list[str]]
    """(workspace, empty output folder) → command line."""
    pattern: str
    simulate: Callable | None = None
    code: int = 2
    setup: Callable[[Path], None] | None = None
    """Prepares the output folder (e.g. a file where a folder should be)."""


def _file_in_the_way(out: Path) -> None:
    (out / "taken").write_text("not a folder", encoding="utf-8")


def _bad_utf8(out: Path) -> None:
    frame = notes_frame(4)
    frame["ai_note"] = "Smerter i højre knæ"
    frame.to_csv(out / "cp1252.csv", index=False, encoding="cp1252")


def _salt(out: Path) -> None:
    (out / "salt.txt").write_text("short", encoding="utf-8")


def _stray(out: Path) -> None:
    (out / "notes.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")


def _corrupt_scores(out: Path) -> None:
    (out / "scores.parquet").write_bytes(b"PAR1 truncated")


def _scores_in_latin1(out: Path) -> None:
    (out / "scores.csv").write_bytes("note_id,unchanged,clinic_id\nø1,True,Kø\n".encode("cp1252"))


N, S = "notes.csv", "scores.parquet"
CASES: dict[str, Case] = {
    # ---- paths
    "score: output folder is a file": (
        Case(
            lambda w, o: ["score", str(w / N), "--out", str(o / "taken" / "s.parquet")],
            r"cannot write the scores file .*taken.*in the way of a folder|is a file",
            setup=_file_in_the_way,
        )
    ),
    "score: output is an existing folder": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o)],
        r"that path is a folder; give a file name inside it",
    ),
    "score: output has an unknown extension": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.xlsx")],
        r"unknown extension '\.xlsx'",
    ),
    "score: input missing": Case(
        lambda w, o: ["score", str(o / "nope.csv"), "--out", str(o / "s.parquet")],
        r"does not exist\. Check the path",
    ),
    "score: input is a folder": Case(
        lambda w, o: ["score", str(w), "--out", str(o / "s.parquet")],
        r"is a folder; give the notes file inside it",
    ),
    "score: input has an unknown extension": Case(
        lambda w, o: ["score", str(o / "notes.xlsx"), "--out", str(o / "s.parquet")],
        r"notes\.xlsx.*\.csv",
        setup=_stray,
    ),
    "report: output folder below a file": Case(
        lambda w, o: ["report", str(w / S), "--out", str(o / "taken" / "r"), "--n-boot", "20"],
        r"cannot write the report folder .*taken",
        setup=_file_in_the_way,
    ),
    "summarize: output folder below a file": Case(
        lambda w, o: ["summarize", str(w / S), "--out", str(o / "taken" / "t"), "--n-boot", "20"],
        r"cannot write the tables folder .*taken",
        setup=_file_in_the_way,
    ),
    "plan: output folder below a file": Case(
        lambda w, o: [
            "plan",
            *("--effect", "0.2", "--icc", "0.05", "--notes-per-clinician", "30"),
            *("--out", str(o / "taken" / "p")),
        ],
        r"cannot write the plan folder .*taken",
        setup=_file_in_the_way,
    ),
    "demo: output folder below a file": Case(
        lambda w, o: ["demo", "--out", str(o / "taken" / "d")],
        r"cannot write the demo folder .*taken",
        setup=_file_in_the_way,
    ),
    "summarize: scores file missing": Case(
        lambda w, o: ["summarize", str(o / "none.parquet"), "--out", str(o / "t")],
        r"scores file .*none\.parquet.* not found; create it with `evalkit score",
    ),
    # ---- disk full
    "score: disk full (Parquet)": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet")],
        r"cannot write the scores file .*s\.parquet.*: the disk is full; free some space",
        simulate=disk_full_parquet,
    ),
    "score: disk full (CSV)": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.csv")],
        r"cannot write the scores file .*s\.csv.*the disk is full",
        simulate=disk_full_csv,
    ),
    "report: disk full while saving figures": Case(
        lambda w, o: ["report", str(w / S), "--out", str(o / "r"), "--n-boot", "20"],
        r"cannot write the figure .*figures.*the disk is full",
        simulate=disk_full_figures,
    ),
    "report: disk full while writing the page": Case(
        lambda w, o: ["report", str(w / S), "--out", str(o / "r"), "--n-boot", "20"],
        r"cannot write the report .*report\.html.*the disk is full",
        simulate=disk_full_text,
    ),
    "summarize: disk full": Case(
        lambda w, o: ["summarize", str(w / S), "--out", str(o / "t"), "--n-boot", "20"],
        r"cannot write the summary table .*summary\.csv.*the disk is full",
        simulate=disk_full_csv,
    ),
    "plan: disk full": Case(
        lambda w, o: [
            "plan",
            *("--effect", "0.2", "--icc", "0.05", "--notes-per-clinician", "30"),
            *("--out", str(o / "p")),
        ],
        r"cannot write the plan table .*plan\.csv.*the disk is full",
        simulate=disk_full_csv,
    ),
    "demo: disk full": Case(
        lambda w, o: ["demo", "--out", str(o / "d")],
        r"cannot write the scores file .*scores\.parquet.*the disk is full",
        simulate=disk_full_parquet,
    ),
    # ---- permissions (simulated: the suite runs as root)
    "score: output folder not writable": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet")],
        r"cannot write the scores file .*: permission denied; choose a folder you can write to",
        simulate=no_permission,
    ),
    "report: output folder not writable": Case(
        lambda w, o: ["report", str(w / S), "--out", str(o / "r"), "--n-boot", "20"],
        r"cannot write the report folder .*: permission denied",
        simulate=no_permission,
    ),
    "summarize: output folder not writable": Case(
        lambda w, o: ["summarize", str(w / S), "--out", str(o / "t"), "--n-boot", "20"],
        r"cannot write the tables folder .*: permission denied",
        simulate=no_permission,
    ),
    "plan: output folder not writable": Case(
        lambda w, o: [
            "plan",
            *("--effect", "0.2", "--icc", "0.05", "--notes-per-clinician", "30"),
            *("--out", str(o / "p")),
        ],
        r"cannot write the plan folder .*: permission denied",
        simulate=no_permission,
    ),
    "demo: output folder not writable": Case(
        lambda w, o: ["demo", "--out", str(o / "d")],
        r"cannot write the demo folder .*: permission denied",
        simulate=no_permission,
    ),
    "score: read-only file system": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.csv")],
        r"cannot write the scores file .*: the file system is read-only",
        simulate=read_only_fs,
    ),
    "score: input not readable": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet")],
        r"cannot read the notes file .*notes\.csv.*: permission denied; make it readable",
        simulate=unreadable_input,
    ),
    # ---- formats and encodings
    "score: cp1252 file read as UTF-8": Case(
        lambda w, o: ["score", str(o / "cp1252.csv"), "--out", str(o / "s.parquet")],
        r"not valid utf-8 at line 2.*--encoding cp1252",
        setup=_bad_utf8,
    ),
    "score: unknown encoding": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet"), "--encoding", "utf-9"],
        r"Unknown encoding 'utf-9'\. Use for example --encoding utf-8",
    ),
    "summarize: corrupt Parquet scores": Case(
        lambda w, o: ["summarize", str(o / S), "--out", str(o / "t")],
        r"scores file .*scores\.parquet.* is not a readable parquet file",
        setup=_corrupt_scores,
    ),
    "summarize: scores CSV in cp1252": Case(
        lambda w, o: ["summarize", str(o / "scores.csv"), "--out", str(o / "t")],
        r"is not a readable csv file",
        setup=_scores_in_latin1,
    ),
    "report: raw notes in an unknown encoding option": Case(
        lambda w, o: ["report", str(w / N), "--out", str(o / "r"), "--encoding", "klingon"],
        r"Unknown encoding 'klingon'",
    ),
    # ---- options
    "score: unknown metric family": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet"), "--metrics", "bleu"],
        r"unknown metric family 'bleu'; use a comma-separated list of edit, terms",
    ),
    "score: bad --columns": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet"), "--columns", "ai_note"],
        r"--columns item 'ai_note' has no '='",
    ),
    "score: unsupported --lang": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet"), "--lang", "de"],
        r"--lang 'de' is not supported; use one of da, en",
    ),
    "score: unknown engine": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet"), "--engine", "spark"],
        r"engine 'spark' is unknown; use 'local' or 'dask'",
    ),
    "score: missing lexicon file": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet"), "--lexicon", "x.tsv"],
        r"Lexicon file 'x\.tsv' does not exist",
    ),
    "report: unsupported --lang": Case(
        lambda w, o: ["report", str(w / S), "--out", str(o / "r"), "--lang", "sv"],
        r"lang='sv' is not supported; use one of",
    ),
    "demo: unsupported --lang": Case(
        lambda w, o: ["demo", "--out", str(o / "d"), "--lang", "de"],
        r"lang='de' is not supported",
    ),
    "summarize: unknown --by column": Case(
        lambda w, o: ["summarize", str(w / S), "--out", str(o / "t"), "--by", "region"],
        r"grouping column\(s\) region not in the scores table",
    ),
    "summarize: --pseudonymize without a salt file": Case(
        lambda w, o: ["summarize", str(w / S), "--out", str(o / "t"), "--pseudonymize"],
        r"--pseudonymize needs --salt-file",
    ),
    "summarize: salt too short": Case(
        lambda w, o: [
            "summarize",
            *(str(w / S), "--out", str(o / "t"), "--pseudonymize"),
            *("--salt-file", str(o / "salt.txt")),
        ],
        r"salt.*at least 16",
        setup=_salt,
    ),
    "plan: ICC outside 0-1": Case(
        lambda w, o: [
            "plan",
            *("--effect", "0.2", "--icc", "1.5", "--notes-per-clinician", "30"),
            *("--out", str(o / "p")),
        ],
        r"icc must be between 0 and 1",
    ),
    "plan: rate outcome without a baseline rate": Case(
        lambda w, o: [
            "plan",
            *("--outcome", "rate", "--effect", "0.1", "--icc", "0.05"),
            *("--notes-per-clinician", "30", "--out", str(o / "p")),
        ],
        r"baseline",
    ),
    "score: --jobs 0 (typer's own check)": Case(
        lambda w, o: ["score", str(w / N), "--out", str(o / "s.parquet"), "--jobs", "0"],
        r"Invalid value for '--jobs' / '-j'",
    ),
}


def _leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if TEMPORARY.search(p.name))


def _outputs(folder: Path) -> list[str]:
    made = {"taken", "cp1252.csv", "salt.txt", "notes.xlsx", "scores.parquet", "scores.csv"}
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name not in made
    )


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_misuse(name, workspace, tmp_path, monkeypatch):
    case = CASES[name]
    out = tmp_path / "out"
    out.mkdir()
    if case.setup:
        case.setup(out)
    argv = case.argv(workspace, out)
    monkeypatch.chdir(tmp_path)
    if case.simulate:
        case.simulate(monkeypatch)
    result = runner.invoke(app, argv)
    monkeypatch.undo()
    stderr = result.stderr
    assert isinstance(result.exception, SystemExit), (name, result.exception, result.output)
    assert result.exit_code == case.code, (name, result.output)
    assert "Traceback" not in result.output
    if "typer's own check" not in name:
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert len(lines) == 1, (name, stderr)
        assert lines[0].startswith("error: "), (name, stderr)
    assert re.search(case.pattern, " ".join(stderr.split())), (name, stderr)
    assert _leftovers(out) == [], name
    assert _outputs(out) == [], (name, _outputs(out))


def test_catalogue_is_large_and_covers_every_command_and_kind():
    assert len(CASES) >= 15
    commands = {case.argv(Path("w"), Path("o"))[0] for case in CASES.values()}
    assert commands == {"score", "report", "summarize", "plan", "demo"}
    names = " ".join(CASES)
    for kind in ("disk full", "not writable", "encoding", "folder", "--lang"):
        assert kind in names, kind


# --------------------------------------------------------------------------- real processes


def _evalkit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evalkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_subprocess_output_below_a_file(workspace, tmp_path):
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    for argv in (
        ["score", str(workspace / N), "--out", str(tmp_path / "taken" / "s.parquet")],
        ["summarize", str(workspace / S), "--out", str(tmp_path / "taken" / "t")],
    ):
        proc = _evalkit(*argv, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: cannot write"), proc.stderr
        assert "taken" in lines[0] and "(--out)" in lines[0]


def test_subprocess_missing_parent_folders_are_created(workspace, tmp_path):
    out = tmp_path / "new" / "deeper" / "s.csv"
    proc = _evalkit(
        "score", str(workspace / N), "--out", str(out), "--metrics", "edit", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_csv(out)) == 12


@pytest.mark.skipif(
    not IS_ROOT and sys.platform != "win32",
    reason="runs only as root: shows that chmod cannot simulate permissions there",
)
def test_chmod_does_not_stop_root(tmp_path):
    # Documents why the permission cases above are simulated with monkeypatch.
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        (locked / "x").write_text("root writes anyway", encoding="utf-8")
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(IS_ROOT, reason="root ignores directory permissions; simulated above instead")
def test_subprocess_real_permission_denied(workspace, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        proc = _evalkit(
            "score", str(workspace / N), "--out", str(locked / "s.parquet"), cwd=tmp_path
        )
    finally:
        locked.chmod(0o700)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "permission denied" in proc.stderr
    assert list(locked.iterdir()) == []


# --------------------------------------------------------------------------- the API


def test_api_score_file_disk_full_raises_output_error(workspace, tmp_path, monkeypatch):
    from evalkit.engine.run import score_file

    disk_full_parquet(monkeypatch)
    with pytest.raises(OutputError, match="disk is full") as info:
        score_file(workspace / N, tmp_path / "s.parquet")
    assert info.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_api_build_report_permission_raises_output_error(workspace, tmp_path, monkeypatch):
    from evalkit.report import build_report

    frame = pd.read_parquet(workspace / S)
    no_permission(monkeypatch)
    with pytest.raises(OutputError, match="cannot write the report folder .*permission denied"):
        build_report(frame, tmp_path / "r", n_boot=20)


def test_api_tables_and_figures_disk_full(workspace, tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    from evalkit.io.write import write_table
    from evalkit.plots.style import save_figure
    from evalkit.stats import write_plan_tables, write_summary_tables

    frame = pd.read_parquet(workspace / S)
    disk_full_csv(monkeypatch)
    with pytest.raises(OutputError, match="summary table"):
        write_summary_tables(frame, tmp_path / "t", n_boot=20)
    with pytest.raises(OutputError, match="plan table"):
        write_plan_tables(tmp_path / "p", effect=0.2, icc=0.05, notes_per_clinician=30)
    monkeypatch.undo()
    disk_full_parquet(monkeypatch)
    with pytest.raises(OutputError, match="cannot write the table"):
        write_table(frame, tmp_path / "w.parquet")
    disk_full_figures(monkeypatch)
    fig = plt.figure()
    try:
        with pytest.raises(OutputError, match="cannot write the figure"):
            save_figure(fig, tmp_path / "f" / "fig")
    finally:
        plt.close(fig)
    assert _leftovers(tmp_path) == []
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_api_readers_raise_input_error(workspace, tmp_path, monkeypatch):
    from evalkit.io.read import read_notes
    from evalkit.stats import read_scores

    _corrupt_scores(tmp_path)
    with pytest.raises(InputError, match="not a readable parquet file"):
        read_scores(tmp_path / S)
    unreadable_input(monkeypatch)
    with pytest.raises(InputError, match="cannot read the notes file .*permission denied"):
        read_notes(workspace / N)
