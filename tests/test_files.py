"""Atomic output files and one-line output errors (evalkit/_files.py)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from evalkit._files import OutputError, atomic_path, describe_os_error, output_dir, writing
from evalkit.io.errors import OutputError as ReExported


def test_output_error_is_reexported_and_an_oserror():
    assert ReExported is OutputError
    assert issubclass(OutputError, OSError)


def test_atomic_path_moves_the_finished_file_into_place(tmp_path):
    target = tmp_path / "new" / "deeper" / "t.csv"
    with atomic_path(target) as tmp:
        assert tmp.parent == target.parent and tmp != target
        tmp.write_text("a,b\n", encoding="utf-8")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "a,b\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["t.csv"]


def test_atomic_path_gives_ordinary_file_permissions(tmp_path):
    target = tmp_path / "t.txt"
    with atomic_path(target) as tmp:
        tmp.write_text("x", encoding="utf-8")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EIO])
def test_atomic_path_leaves_nothing_behind_on_error(tmp_path, code):
    target = tmp_path / "t.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OutputError) as info, atomic_path(target, "the table") as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(code, os.strerror(code))
    assert info.value.errno == code
    assert target.read_text(encoding="utf-8") == "old"  # the old file is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # no temporary file


def test_atomic_path_keeps_other_errors_and_still_cleans_up(tmp_path):
    with pytest.raises(KeyError), atomic_path(tmp_path / "t.csv") as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise KeyError("bug")
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_refuses_a_folder(tmp_path):
    with pytest.raises(OutputError, match="is a folder; give a file name"), atomic_path(tmp_path):
        pass


def test_output_dir_creates_parents_and_reports_a_file_in_the_way(tmp_path):
    assert output_dir(tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=r"'.*file[/\\]sub'.*is a file, not a folder|in the way"):
        output_dir(tmp_path / "file" / "sub")


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        (errno.ENOSPC, "the disk is full; free some space"),
        (errno.EACCES, "permission denied; choose a folder you can write to"),
        (errno.EPERM, "operation not permitted"),
        (errno.EROFS, "read-only"),
        (errno.ENOTDIR, "part of the path is a file"),
        (errno.EISDIR, "that path is a folder"),
        (errno.EIO, "Input/output error; check the path"),
    ],
)
def test_describe_os_error_says_what_where_and_how(code, fix):
    text = describe_os_error(OSError(code, os.strerror(code)), "the report", Path("/r/x.html"))
    assert text.startswith("cannot write the report '")
    assert "x.html" in text and fix in text
    assert "\n" not in text and "Errno" not in text


def test_writing_converts_only_os_errors():
    with pytest.raises(ValueError), writing("the plan", "p.csv"):
        raise ValueError("not an OS problem")
    with pytest.raises(OutputError, match="cannot write the plan 'p.csv': permission denied"):
        with writing("the plan", "p.csv"):
            raise PermissionError(errno.EACCES, "Permission denied")
