"""Errors raised for input that cannot be read.

Each message says what is wrong, where (file, row or line, column) and how to
fix it. Messages never contain note text.
"""

from __future__ import annotations


class InputError(ValueError):
    """The input file cannot be used as it is; the message says how to fix it."""
