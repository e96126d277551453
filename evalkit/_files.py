"""Writing output files safely: atomic replacement and one-line errors.

Every evalkit writer (scores, quarantine, report, tables, figures, manifest,
plans) goes through :func:`atomic_path` or :func:`output_dir`, so that

* missing parent folders are created (the same rule for every command);
* a file appears under its final name only when it is complete: it is
  written to a hidden temporary file in the same folder and moved into place
  with :func:`os.replace`; on any error the temporary file is removed;
* an operating-system error (permission denied, disk full, read-only file
  system, a file where a folder should be, ...) becomes an
  :class:`OutputError` whose message says what could not be written, where,
  and how to fix it, in one line.

This module has no evalkit imports, so every step (io, plots, report, stats)
may use it; :class:`OutputError` is re-exported from :mod:`evalkit.io.errors`.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(OSError):
    """An output file or folder cannot be written; the message says how to fix it.

    A subclass of :class:`OSError`, so code that caught the raw operating-system
    error keeps working. ``errno`` is the original error number, if any.
    """


_FIXES: dict[int, str] = {
    errno.EACCES: "permission denied; choose a folder you can write to (--out) or change its "
    "permissions",
    errno.EPERM: "operation not permitted; choose a folder you can write to (--out) or change "
    "its permissions",
    errno.ENOSPC: "the disk is full; free some space or write to another disk (--out)",
    errno.EDQUOT: "the disk quota is exhausted; free some space or write to another disk (--out)",
    errno.EROFS: "the file system is read-only; choose a writable folder (--out)",
    errno.ENOTDIR: "part of the path is a file, not a folder; choose another location (--out)",
    errno.EEXIST: "a file with that name is in the way of a folder; remove it or choose another "
    "location (--out)",
    errno.EISDIR: "that path is a folder; give a file name inside it (--out FOLDER/NAME.EXT)",
    errno.ENAMETOOLONG: "the file name is too long; choose a shorter path (--out)",
    errno.ENOENT: "the folder does not exist and could not be created; check the path (--out)",
}


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def describe_os_error(exc: OSError, what: str, path: str | Path) -> str:
    """One line saying what could not be written, where and how to fix it.

    Examples
    --------
    >>> describe_os_error(OSError(errno.ENOSPC, "No space left"), "the scores file", "/d/s.csv")
    "cannot write the scores file '/d/s.csv': the disk is full; free some space or write to \
another disk (--out)"
    """
    where = f"'{path}'"
    culprit = getattr(exc, "filename", None)
    if exc.errno in (errno.ENOTDIR, errno.EEXIST, errno.ENOENT) and culprit:
        if str(culprit) != str(path):
            where += f" (at '{culprit}')"
    fix = _FIXES.get(exc.errno or -1)
    if fix is None:
        reason = exc.strerror or str(exc) or type(exc).__name__
        fix = f"{reason}; check the path, its permissions and the free disk space"
    return f"cannot write {what} {where}: {fix}"


@contextmanager
def writing(what: str, path: str | Path) -> Iterator[None]:
    """Turn an :class:`OSError` raised inside the block into an :class:`OutputError`.

    Examples
    --------
    >>> with writing("the plan", "/x/plan.csv"):
    ...     raise PermissionError(errno.EACCES, "Permission denied")
    Traceback (most recent call last):
    ...
    evalkit._files.OutputError: cannot write the plan '/x/plan.csv': permission denied; ...
    """
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        error = OutputError(describe_os_error(exc, what, path))
        error.errno = exc.errno
        raise error from exc


def output_dir(path: str | Path, what: str = "the output folder") -> Path:
    """Create the folder ``path`` and its parents if needed; return it as a Path.

    Examples
    --------
    >>> import tempfile
    >>> output_dir(Path(tempfile.mkdtemp()) / "a" / "b").is_dir()
    True
    """
    folder = Path(path)
    with writing(what, folder):
        folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def atomic_path(path: str | Path, what: str = "the output file") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it to ``path`` when the block succeeds.

    The parent folder is created if needed. On any error the temporary file
    is removed and ``path`` is left as it was (absent, or its old content).
    Operating-system errors become :class:`OutputError`.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "t.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done", encoding="utf-8")
    >>> target.read_text(encoding="utf-8"), [p.name for p in target.parent.iterdir()]
    ('done', ['t.txt'])
    """
    target = Path(path)
    with writing(what, target):
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            # mkstemp creates the file readable by its owner only; give the final file
            # the permissions any new file gets (0666 minus the umask).
            os.chmod(tmp, 0o666 & ~_umask())
            yield tmp
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)


__all__ = ["OutputError", "atomic_path", "describe_os_error", "output_dir", "writing"]
