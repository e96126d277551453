"""Readers for notes files: CSV/TSV (delimiter sniffed), Parquet and JSONL.

Readers stream: :func:`iter_notes` yields chunks of rows so a file of millions
of notes is never held in memory at once. :func:`read_notes` reads a whole file
into one DataFrame for interactive use.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from evalkit.io.contract import REQUIRED_COLUMNS
from evalkit.io.errors import InputError, input_os_error
from evalkit.schema import TEXT_COLUMNS

FORMATS = ("csv", "tsv", "parquet", "jsonl")
_EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_DELIMITERS = (",", ";", "\t", "|")
DEFAULT_CHUNKSIZE = 20_000


@dataclass(frozen=True)
class ReadOptions:
    """How to read a notes file.

    Attributes
    ----------
    columns : dict
        ``{contract_name: name_in_file}``, from ``--columns``.
    encoding : str or None
        Text encoding for CSV/TSV/JSONL; ``None`` means UTF-8 with or without BOM.
    sep : str or None
        CSV delimiter; ``None`` sniffs it from the header line.
    chunksize : int
        Rows per chunk when streaming.
    """

    columns: Mapping[str, str] | None = None
    encoding: str | None = None
    sep: str | None = None
    chunksize: int = DEFAULT_CHUNKSIZE


def parse_column_map(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """Parse ``"ai_note=draft_text,final_note=signed"`` into a dict.

    Examples
    --------
    >>> parse_column_map("ai_note=draft_text, final_note=signed")
    {'ai_note': 'draft_text', 'final_note': 'signed'}
    """
    if spec is None:
        return {}
    if isinstance(spec, Mapping):
        return dict(spec)
    mapping: dict[str, str] = {}
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise InputError(
                f"--columns item {part!r} has no '='. Write CONTRACT_NAME=NAME_IN_FILE, "
                "for example --columns ai_note=draft_text,final_note=signed"
            )
        key, value = (s.strip() for s in part.split("=", 1))
        mapping[key] = value
    return mapping


def detect_format(path: str | Path) -> str:
    """The file format from the extension (``.gz`` etc. are not supported).

    Examples
    --------
    >>> detect_format("notes.parquet"), detect_format("export.CSV")
    ('parquet', 'csv')
    """
    suffix = Path(path).suffix.lower()
    try:
        return _EXTENSIONS[suffix]
    except KeyError:
        known = ", ".join(sorted(_EXTENSIONS))
        raise InputError(
            f"Cannot tell the format of {Path(path).name!r} from its extension {suffix!r}. "
            f"Use one of: {known}."
        ) from None


def _encoding(options: ReadOptions) -> str:
    enc = options.encoding or "utf-8-sig"
    try:
        codecs.lookup(enc)
    except LookupError:
        raise InputError(
            f"Unknown encoding {enc!r}. Use for example --encoding utf-8, cp1252 or latin-1."
        ) from None
    return "utf-8-sig" if enc.lower().replace("_", "-") in ("utf-8", "utf8") else enc


def _decode_error(path: Path, enc: str, reason: str, where: str = "") -> InputError:
    suggestion = "--encoding cp1252" if enc.startswith("utf") else "--encoding utf-8"
    return InputError(
        f"{path.name} is not valid {enc.replace('-sig', '')}{where}: {reason}. Files exported from "
        f"Windows Excel are often cp1252; try {suggestion}."
    )


def sniff_delimiter(header_line: str) -> str:
    """Pick the delimiter of a CSV header line: the most frequent of , ; tab |.

    Danish Excel writes ``;`` because the comma is the decimal mark.

    Examples
    --------
    >>> sniff_delimiter('"note_id";"ai_note";"final_note"')
    ';'
    >>> sniff_delimiter("note_id,ai_note,final_note")
    ','
    """
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _check_utf(path: Path, enc: str) -> None:
    # Decode the whole file once in blocks so a bad byte is reported with its
    # line number before pandas fails somewhere deep inside its parser.
    decoder = codecs.getincrementaldecoder(enc)()
    offset = 0
    lines = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as err:
                line = lines + block[: err.start].count(b"\n") + 1
                where = f" at line {line} (byte {offset + err.start})"
                raise _decode_error(path, enc, err.reason, where) from None
            offset += len(block)
            lines += block.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as err:
            raise InputError(
                f"{path.name} ends in the middle of a character ({err.reason}); "
                "the file may be truncated."
            ) from None


def _header_line(path: Path, enc: str) -> str:
    with path.open("r", encoding=enc, newline="") as fh:
        return fh.readline()


def _rename(df: pd.DataFrame, mapping: Mapping[str, str], path: Path) -> pd.DataFrame:
    if not mapping:
        return df
    missing = [src for src in mapping.values() if src not in df.columns]
    if missing:
        raise InputError(
            f"--columns names {', '.join(repr(m) for m in missing)} but {path.name} has no such "
            f"column; found columns: {', '.join(map(str, df.columns))}."
        )
    return df.rename(columns={src: dst for dst, src in mapping.items()})


def check_required_columns(columns: list[str], *, source: str) -> None:
    """Raise :class:`InputError` naming any missing required column and the fix.

    Examples
    --------
    >>> check_required_columns(["note_id", "ai_note", "signed"], source="x.csv")
    Traceback (most recent call last):
    ...
    evalkit.io.errors.InputError: Column 'final_note' is required but missing in x.csv; ...
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if not missing:
        return
    found = ", ".join(map(str, columns)) or "(none)"
    extra = [c for c in columns if c not in REQUIRED_COLUMNS]
    example = ",".join(
        f"{m}={extra[i] if i < len(extra) else 'YOUR_COLUMN'}" for i, m in enumerate(missing)
    )
    names = ", ".join(repr(m) for m in missing)
    noun = "Column" if len(missing) == 1 else "Columns"
    verb = "is" if len(missing) == 1 else "are"
    raise InputError(
        f"{noun} {names} {verb} required but missing in {source}; found columns: {found}. "
        f"Rename it in the file or map it with --columns {example}."
    )


def iter_notes(path: str | Path, options: ReadOptions | None = None) -> Iterator[pd.DataFrame]:
    """Yield the rows of a notes file in chunks, columns renamed to the contract.

    Text columns are read as strings (CSV/JSONL); nothing is validated per row
    here (see :func:`evalkit.io.validate.split_valid`), but a missing required
    column raises :class:`InputError` before the first chunk.

    Parameters
    ----------
    path : str or Path
    options : ReadOptions, optional

    Yields
    ------
    pandas.DataFrame
        Consecutive chunks; their index is the 0-based row position in the file.
    """
    options = options or ReadOptions()
    path = Path(path)
    if not path.exists():
        raise InputError(f"Input file {str(path)!r} does not exist. Check the path.")
    if path.is_dir():
        raise InputError(f"{str(path)!r} is a folder; give the notes file inside it.")
    fmt = detect_format(path)
    mapping = parse_column_map(options.columns)
    try:
        if fmt == "parquet":
            yield from _iter_parquet(path, options, mapping)
        elif fmt == "jsonl":
            yield from _iter_jsonl(path, options, mapping)
        else:
            yield from _iter_csv(path, options, mapping, tab=fmt == "tsv")
    except OSError as exc:
        raise input_os_error(exc, "the notes file", path) from None


def _iter_csv(
    path: Path, options: ReadOptions, mapping: Mapping[str, str], *, tab: bool
) -> Iterator[pd.DataFrame]:
    enc = _encoding(options)
    if path.stat().st_size == 0:
        raise InputError(f"{path.name} is empty. Export the notes again with a header row.")
    if enc.startswith("utf"):
        _check_utf(path, enc)
    header = _header_line(path, enc)
    if not header.strip():
        raise InputError(f"{path.name} has an empty first line; the first line must be the header.")
    sep = options.sep or ("\t" if tab else sniff_delimiter(header))
    try:
        reader = pd.read_csv(
            path,
            sep=sep,
            encoding=enc,
            dtype=str,
            keep_default_na=False,
            na_values=[],
            chunksize=options.chunksize,
            engine="c",
        )
        first = True
        offset = 0
        for chunk in reader:
            chunk = _rename(chunk, mapping, path)
            if first:
                check_required_columns(list(chunk.columns), source=path.name)
                first = False
            chunk.index = pd.RangeIndex(offset, offset + len(chunk))
            offset += len(chunk)
            yield chunk
        if first:
            raise pd.errors.EmptyDataError
    except pd.errors.EmptyDataError:
        cols = [c.strip().strip('"') for c in header.rstrip("\r\n").split(sep)]
        cols = [mapping_inverse(mapping).get(c, c) for c in cols]
        check_required_columns(cols, source=path.name)
        yield pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    except pd.errors.ParserError as err:
        raise InputError(
            f"{path.name} is not a well-formed {'TSV' if tab else 'CSV'} file (delimiter "
            f"{sep!r}): {err}. Check that every row has as many fields as the header and that "
            "notes containing the delimiter or line breaks are quoted."
        ) from None


def mapping_inverse(mapping: Mapping[str, str]) -> dict[str, str]:
    """``{name_in_file: contract_name}`` for a ``--columns`` mapping."""
    return {src: dst for dst, src in mapping.items()}


def _iter_parquet(
    path: Path, options: ReadOptions, mapping: Mapping[str, str]
) -> Iterator[pd.DataFrame]:
    try:
        pf = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises several unrelated types for bad files
        raise InputError(f"{path.name} is not a readable Parquet file: {err}.") from None
    names = [mapping_inverse(mapping).get(c, c) for c in pf.schema_arrow.names]
    check_required_columns(names, source=path.name)
    for field in pf.schema_arrow:
        name = mapping_inverse(mapping).get(field.name, field.name)
        if name in TEXT_COLUMNS and not (
            pa.types.is_string(field.type)
            or pa.types.is_large_string(field.type)
            or pa.types.is_null(field.type)
            or pa.types.is_dictionary(field.type)
        ):
            raise InputError(
                f"Column {name!r} in {path.name} has type {field.type}, "
                "but it must be text (string). "
                f"Convert it before writing the file, e.g. df[{name!r}] = df[{name!r}].astype(str)."
            )
    offset = 0
    empty = True
    for batch in pf.iter_batches(batch_size=options.chunksize):
        chunk = _rename(batch.to_pandas(), mapping, path)
        chunk.index = pd.RangeIndex(offset, offset + len(chunk))
        offset += len(chunk)
        empty = False
        yield chunk
    if empty:
        yield _rename(pf.schema_arrow.empty_table().to_pandas(), mapping, path)


def _iter_jsonl(
    path: Path, options: ReadOptions, mapping: Mapping[str, str]
) -> Iterator[pd.DataFrame]:
    enc = _encoding(options)
    if path.stat().st_size == 0:
        raise InputError(f"{path.name} is empty. Write one JSON object per line.")
    rows: list[dict] = []
    offset = 0
    checked = False
    with path.open("r", encoding=enc) as fh:
        try:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(
                        f"{path.name} line {lineno} is not valid JSON ({err.msg} at column "
                        f"{err.colno}). Each line must be one JSON object; fix or remove that line."
                    ) from None
                if not isinstance(obj, dict):
                    raise InputError(
                        f"{path.name} line {lineno} is a JSON {type(obj).__name__}, not an object. "
                        "Each line must be one JSON object with the note's columns as keys."
                    )
                rows.append(obj)
                if len(rows) >= options.chunksize:
                    chunk = _json_chunk(rows, offset, mapping, path, check=not checked)
                    checked = True
                    offset += len(rows)
                    rows = []
                    yield chunk
        except UnicodeDecodeError as err:
            raise _decode_error(path, enc, err.reason) from None
    if rows or not checked:
        yield _json_chunk(rows, offset, mapping, path, check=not checked)


def _json_chunk(
    rows: list[dict], offset: int, mapping: Mapping[str, str], path: Path, *, check: bool
) -> pd.DataFrame:
    chunk = _rename(pd.DataFrame.from_records(rows), mapping, path)
    if check:
        check_required_columns(list(chunk.columns), source=path.name)
    chunk.index = pd.RangeIndex(offset, offset + len(chunk))
    return chunk


def read_notes(
    path: str | Path,
    *,
    columns: str | Mapping[str, str] | None = None,
    encoding: str | None = None,
    sep: str | None = None,
) -> pd.DataFrame:
    """Read a whole notes file into one DataFrame, columns mapped to the contract.

    Parameters
    ----------
    path : str or Path
        A ``.csv``/``.tsv``/``.parquet``/``.jsonl`` file.
    columns : str or dict, optional
        Column mapping, e.g. ``"ai_note=draft_text,final_note=signed"``.
    encoding : str, optional
        ``cp1252`` or ``latin-1`` for older Windows exports; default UTF-8 (BOM allowed).
    sep : str, optional
        CSV delimiter; sniffed from the header when omitted.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    InputError
        The file is missing, unreadable, or lacks a required column.
    """
    opts = ReadOptions(columns=parse_column_map(columns), encoding=encoding, sep=sep)
    chunks = list(iter_notes(path, opts))
    if len(chunks) == 1:
        return chunks[0]
    return pd.concat(chunks)
