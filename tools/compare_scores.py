"""Compare two scores files column by column; exit 1 on any difference.

Used to check that a refactor changes no score: score the same input before
and after, then::

    python tools/compare_scores.py before.parquet after.parquet
    python tools/compare_scores.py before.parquet after.parquet --columns hallucination_flags

Files may be Parquet, CSV or JSONL (by extension). Rows are compared in file
order (both files must have the same number of rows); list and dict cells
(``hallucination_flags``, ``missing_terms``) are compared as canonical JSON,
so a difference in any flag field (type, severity, offsets, text, evidence,
source) counts. Floats must be equal exactly (NaN equals NaN): a behaviour
preserving change gives the same bits. The report names columns and row
numbers only, never cell text, since cells may quote notes.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd


def read_scores(path: str | Path) -> pd.DataFrame:
    """Read a scores file by its extension (``.parquet``, ``.csv``, ``.jsonl``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix == ".csv":
        return pd.read_csv(path, keep_default_na=True)
    if suffix in (".jsonl", ".json"):
        return pd.read_json(path, lines=suffix == ".jsonl")
    raise SystemExit(f"{path}: unknown scores file type {suffix!r}; use .parquet, .csv or .jsonl")


def _canonical(value: Any) -> Any:
    """A hashable, comparable form of one cell: lists and dicts as sorted-key JSON."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def compare(
    before: pd.DataFrame, after: pd.DataFrame, columns: list[str] | None = None
) -> list[str]:
    """Differences between two score tables, as one message per problem (empty: equal).

    Examples
    --------
    >>> a = pd.DataFrame({"n": [1, 2], "flags": [[{"type": "dose"}], []]})
    >>> compare(a, a.copy())
    []
    >>> b = pd.DataFrame({"n": [1, 3], "flags": [[{"type": "number"}], []]})
    >>> for line in compare(a, b):
    ...     print(line)
    column 'n': 1 of 2 rows differ (first rows: 1)
    column 'flags': 1 of 2 rows differ (first rows: 0)
    """
    problems: list[str] = []
    if len(before) != len(after):
        problems.append(f"row count differs: {len(before)} before, {len(after)} after")
        return problems
    if columns is None:
        only_before = [c for c in before.columns if c not in after.columns]
        only_after = [c for c in after.columns if c not in before.columns]
        if only_before:
            problems.append(f"columns only in the first file: {', '.join(only_before)}")
        if only_after:
            problems.append(f"columns only in the second file: {', '.join(only_after)}")
        columns = [c for c in before.columns if c in after.columns]
    for column in columns:
        if column not in before.columns or column not in after.columns:
            problems.append(f"column {column!r} is missing from one of the files")
            continue
        old = [_canonical(v) for v in before[column].tolist()]
        new = [_canonical(v) for v in after[column].tolist()]
        rows = [i for i, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]
        if rows:
            first = ", ".join(str(i) for i in rows[:5])
            problems.append(
                f"column {column!r}: {len(rows)} of {len(old)} rows differ (first rows: {first})"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python tools/compare_scores.py before.parquet after.parquet",
    )
    parser.add_argument("before", help="scores file made by the old code")
    parser.add_argument("after", help="scores file made by the new code")
    parser.add_argument("--columns", nargs="+", help="compare only these columns")
    args = parser.parse_args(argv)
    before, after = read_scores(args.before), read_scores(args.after)
    problems = compare(before, after, args.columns)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        return 1
    n_columns = len(args.columns) if args.columns else len(before.columns)
    print(f"identical: {len(before)} rows, {n_columns} columns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
