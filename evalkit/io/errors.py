"""Errors raised for input that cannot be read and output that cannot be written.

Each message says what is wrong, where (file, row or line, column) and how to
fix it. Messages never contain note text. :class:`OutputError` lives in
:mod:`evalkit._files` (which every step may import) and is re-exported here.
"""

from __future__ import annotations

import errno

from evalkit._files import OutputError


class InputError(ValueError):
    """The input file cannot be used as it is; the message says how to fix it."""


def input_os_error(exc: OSError, what: str, path: object) -> InputError:
    """An :class:`InputError` for an operating-system error met while reading ``path``.

    Examples
    --------
    >>> str(input_os_error(PermissionError(errno.EACCES, "Permission denied"), "the notes file",
    ...                    "in.csv"))
    "cannot read the notes file 'in.csv': permission denied; make it readable (chmod u+r) or \
copy it to a folder you can read"
    """
    if exc.errno in (errno.EACCES, errno.EPERM):
        fix = "permission denied; make it readable (chmod u+r) or copy it to a folder you can read"
    elif exc.errno == errno.EISDIR:
        fix = "it is a folder; give the file inside it"
    elif exc.errno == errno.ENOENT:
        fix = "it does not exist; check the path"
    else:
        fix = f"{exc.strerror or exc}; check the path and the file's permissions"
    return InputError(f"cannot read {what} '{path}': {fix}")


__all__ = ["InputError", "OutputError", "input_os_error"]
