"""Writers for the scores table: Parquet, CSV or JSONL, chosen by extension.

Output is written incrementally, chunk by chunk, to a temporary file beside
the target and renamed into place only when complete, so an interrupted run
never leaves a partial file under the final name.

List-valued columns (``missing_terms``, ``hallucination_flags``) are native
lists in Parquet and JSONL and JSON strings in CSV.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from evalkit._files import _umask, writing
from evalkit.io.errors import InputError
from evalkit.schema import MetricInfo

OUTPUT_FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl"}
_ARROW_SCALARS = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
FORMULA_PREFIXES = ("=", "+", "-", "@")


def output_format(path: str | Path) -> str:
    """Format of an output path from its extension.

    Examples
    --------
    >>> output_format("scores.parquet")
    'parquet'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise InputError(
            f"Output {Path(path).name!r}: unknown extension {suffix!r}; "
            "use .parquet, .csv or .jsonl."
        )
    return OUTPUT_FORMATS[suffix]


def arrow_type(metric: MetricInfo) -> pa.DataType:
    """The Arrow type of a registered metric column."""
    if metric.dtype == "list":
        fields = metric.item_fields or ()
        return pa.list_(pa.struct([pa.field(n, _ARROW_SCALARS[t]) for n, t in fields]))
    return _ARROW_SCALARS[metric.dtype]


def _to_jsonable(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def neutralise_formula(value: Any) -> Any:
    """Prefix ``'`` to text that a spreadsheet would run as a formula.

    Examples
    --------
    >>> neutralise_formula("=HYPERLINK(1)"), neutralise_formula("-3"), neutralise_formula("BT")
    ("'=HYPERLINK(1)", "'-3", 'BT')
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class ScoresWriter:
    """Write chunks of the scores table to ``path`` atomically.

    Parameters
    ----------
    path : str or Path
        Target file; the format follows the extension.
    metrics : list of MetricInfo
        Metric columns, for the Parquet schema of list-valued columns.
    header : bool
        CSV only: write the header line (off for the continuation parts of a run).
    neutralise : bool or collection of str
        CSV only: prefix ``'`` to text cells starting with ``= + - @`` so a
        spreadsheet shows them as text (see :func:`neutralise_formula`).
        ``True`` does it for every text column and the header; a collection of
        column names for those columns' cells only. Off for scores files (notes
        often start with ``-``, and the file is read back by evalkit); on for
        tables meant for spreadsheets.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> out = Path(tempfile.mkdtemp()) / "s.csv"
    >>> with ScoresWriter(out, []) as w:
    ...     w.write(pd.DataFrame({"note_id": ["a"], "wer": [0.5]}))
    >>> out.read_text()
    'note_id,wer\\na,0.5\\n'
    """

    def __init__(
        self,
        path: str | Path,
        metrics: Iterable[MetricInfo],
        *,
        neutralise: bool | Collection[str] = False,
        header: bool = True,
    ) -> None:
        self.path = Path(path)
        self.neutralise = neutralise
        self.format = output_format(self.path)
        self.metrics = {m.name: m for m in metrics}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent
        )
        os.close(fd)
        self.tmp_path = Path(tmp)
        os.chmod(self.tmp_path, 0o666 & ~_umask())
        self._parquet: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None
        self._text = (
            None
            if self.format == "parquet"
            else self.tmp_path.open("w", encoding="utf-8", newline="")
        )
        self._header_written = not header
        self._finished = False
        self.rows = 0

    def __enter__(self) -> ScoresWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def _arrow_schema(self, chunk: pd.DataFrame) -> pa.Schema:
        fields = []
        inferred = pa.Schema.from_pandas(chunk, preserve_index=False)
        for f in inferred:
            metric = self.metrics.get(f.name)
            if metric is not None and (metric.dtype != "list" or metric.item_fields):
                fields.append(pa.field(f.name, arrow_type(metric)))
            elif pa.types.is_null(f.type):
                fields.append(pa.field(f.name, pa.string()))
            else:
                fields.append(f)
        return pa.schema(fields)

    def write(self, chunk: pd.DataFrame) -> None:
        """Append one chunk (same columns every time).

        Raises
        ------
        RuntimeError
            If the writer was already closed or aborted.
        """
        if self._finished:
            raise RuntimeError(
                f"ScoresWriter for {self.path.name!r}: write() after close() or abort(); "
                "open a new ScoresWriter to write again."
            )
        if self.format == "parquet":
            if self._parquet is None or self._schema is None:
                self._schema = self._arrow_schema(chunk)
                self._parquet = pq.ParquetWriter(self.tmp_path, self._schema)
            table = pa.Table.from_pandas(chunk, schema=self._schema, preserve_index=False)
            self._parquet.write_table(table)
        elif self.format == "csv":
            out = chunk.copy()
            for name, metric in self.metrics.items():
                if metric.dtype == "list" and name in out.columns:
                    out[name] = out[name].map(
                        lambda v: (
                            None if v is None or v is pd.NA else json.dumps(v, ensure_ascii=False)
                        )
                    )
            if self.neutralise is True:
                out.columns = [neutralise_formula(str(c)) for c in out.columns]
                targets = list(out.columns)
            else:
                targets = [c for c in out.columns if self.neutralise and c in self.neutralise]
            for col in targets:
                # pandas 3 gives text columns the "str" dtype, older pandas "object"
                if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
                    out[col] = out[col].map(neutralise_formula)
            out.to_csv(
                self._text, index=False, header=not self._header_written, lineterminator="\n"
            )
            self._header_written = True
        elif self._text is not None:
            cols = list(chunk.columns)
            for row in chunk.itertuples(index=False, name=None):
                record = {c: _to_jsonable(v) for c, v in zip(cols, row, strict=True)}
                self._text.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.rows += len(chunk)

    def close(self) -> Path:
        """Finish the file and move it to its final name."""
        self._finished = True
        if self._parquet is not None:
            self._parquet.close()
        if self._text is not None:
            self._text.close()
        if self.format == "parquet" and self._schema is None:
            pq.write_table(pa.table({}), self.tmp_path)
        os.replace(self.tmp_path, self.path)
        return self.path

    def abort(self) -> None:
        """Remove the temporary file; the final name is never touched."""
        self._finished = True
        try:
            if self._parquet is not None:
                self._parquet.close()
            if self._text is not None:
                self._text.close()
        finally:
            self.tmp_path.unlink(missing_ok=True)


def write_table(
    df: pd.DataFrame,
    path: str | Path,
    metrics: Iterable[MetricInfo] = (),
    *,
    neutralise: bool | Collection[str] = False,
    what: str = "the table",
) -> Path:
    """Write a whole DataFrame atomically (format from the extension).

    This is the one writer of evalkit's tables: scores, summaries, report
    tables. Missing parent folders are created. An operating-system error
    (permission denied, disk full, ...) raises
    :class:`evalkit.io.errors.OutputError` naming ``what``, and no file is left
    under ``path`` or beside it. ``neutralise`` is as in :class:`ScoresWriter`.

    Examples
    --------
    >>> import tempfile
    >>> p = write_table(pd.DataFrame({"a": ["=1+1", "ok"], "b": [-1, 2]}),
    ...                 Path(tempfile.mkdtemp()) / "t.csv", neutralise=True)
    >>> p.read_text(encoding="utf-8").splitlines()
    ['a,b', "'=1+1,-1", 'ok,2']
    """
    with writing(what, path):
        with ScoresWriter(path, metrics, neutralise=neutralise) as writer:
            writer.write(df)
    return Path(path)
