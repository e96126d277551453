"""Batch scoring from a DataFrame or a file: validate, score, write, summarise."""

from __future__ import annotations

import errno
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from evalkit._files import writing
from evalkit.engine.local import assemble, iter_scored, metric_columns, split_failures
from evalkit.io.contract import LANGUAGES
from evalkit.io.errors import InputError, input_os_error
from evalkit.io.read import ReadOptions, check_required_columns, iter_notes
from evalkit.io.validate import DEFAULT_MAX_CHARS, QUARANTINE_COLUMNS, Validator
from evalkit.schema import DEFAULT_LANGUAGE


@dataclass
class RunSummary:
    """Counts and timings of one scoring run.

    ``n_read == n_scored + n_quarantined`` always holds; control notes (no AI)
    are counted in ``n_scored`` and in ``n_control``.
    """

    n_read: int = 0
    n_scored: int = 0
    n_quarantined: int = 0
    n_control: int = 0
    unchanged_rate: float | None = None
    median_wer: float | None = None
    seconds: float = 0.0
    output: str | None = None
    quarantine_file: str | None = None
    jobs: int = 1
    warnings: dict[str, list[int]] | None = None

    @property
    def notes_per_second(self) -> float:
        """Rows read per wall-clock second."""
        return self.n_read / self.seconds if self.seconds > 0 else float("nan")

    def as_dict(self) -> dict[str, Any]:
        """Public fields, for the manifest."""
        out = asdict(self)
        out["notes_per_second"] = self.notes_per_second
        return out


def _options(
    lang: str, lexicons: Sequence[str | Path], sections: Sequence[str | Path] = ()
) -> dict[str, Any]:
    if lang not in LANGUAGES:
        raise InputError(f"--lang {lang!r} is not supported; use one of {', '.join(LANGUAGES)}.")
    files = tuple(str(Path(p)) for p in lexicons)
    if files:
        # Check user lexicons before any note is read, so a bad row fails fast with its line number.
        from evalkit.lexicon.loaders import read_lexicon_file

        for file in files:
            if not Path(file).is_file():
                raise InputError(f"Lexicon file {file!r} does not exist. Check the --lexicon path.")
            read_lexicon_file(file)
    options: dict[str, Any] = {"lexicon_files": files}
    if sections:
        from evalkit.text.sections import load_section_map

        # Loaded here so a bad file fails before any note is read; workers reload from the paths.
        options["section_files"] = load_section_map(sections).files
    return options


def score(
    notes: pd.DataFrame,
    *,
    lang: str = DEFAULT_LANGUAGE,
    families: Sequence[str] | None = None,
    lexicons: Sequence[str | Path] = (),
    drop_text: bool = False,
    jobs: int = 1,
    sections: Sequence[str | Path] = (),
) -> pd.DataFrame:
    """Score every note in a DataFrame; one output row per valid input row.

    Parameters
    ----------
    notes : pandas.DataFrame
        Columns per the input contract: ``note_id``, ``ai_note``,
        ``final_note`` and optional metadata. Not mutated.
    lang : {"da", "en"}
        Language of rows without a ``language`` value.
    families : list of str, optional
        Metric families to run (default: all registered).
    lexicons : list of path, optional
        Extra lexicon files (TSV/CSV) for the terms metrics.
    drop_text : bool
        Leave the note text columns out of the result.
    jobs : int
        Worker processes.
    sections : list of path, optional
        Extra section-heading maps (TOML, the shape of
        ``evalkit/lexicon/data/sections.toml``) for ``section_scores``.

    Returns
    -------
    pandas.DataFrame
        Input columns, then one column per metric. Rows that could not be
        scored are in ``result.attrs["quarantine"]`` (row_number, note_id,
        column, reason, reason_code, reason_params).

    Examples
    --------
    >>> import pandas as pd, evalkit
    >>> df = pd.DataFrame({"note_id": ["a", "b"], "final_note": ["Ingen feber.", "BT 120/80"],
    ...                    "ai_note": ["Ingen feber.", "BT 130/80"]})
    >>> out = evalkit.score(df, families=["edit"])
    >>> out[["note_id", "unchanged", "wer"]].to_string(index=False)
    'note_id  unchanged  wer\\n      a       True  0.0\\n      b      False  0.5'
    """
    if not isinstance(notes, pd.DataFrame):
        raise TypeError(f"score() expects a pandas DataFrame, got {type(notes).__name__}")
    check_required_columns([str(c) for c in notes.columns], source="the DataFrame")
    options = _options(lang, lexicons, sections)
    fams = None if families is None else tuple(families)
    _check_families(fams)
    frame = notes.reset_index(drop=True)
    valid, quarantine = Validator(default_language=lang).split(frame)
    parts, failures = [], [quarantine]
    for v, s in iter_scored([valid], jobs=jobs, families=fams, options=options):
        v, s, failed = split_failures(v, s)
        parts.append(assemble(v, s, drop_text=drop_text))
        failures.append(failed)
    result = parts[0].reset_index(drop=True)
    result.attrs["quarantine"] = _merge_quarantine(failures)
    return result


def _merge_quarantine(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=list(QUARANTINE_COLUMNS))
    merged = pd.concat(frames, ignore_index=True).reindex(columns=list(QUARANTINE_COLUMNS))
    return merged.sort_values("row_number", kind="stable").reset_index(drop=True)


def quarantine_path(out: str | Path) -> Path:
    """``scores.parquet`` → ``scores.parquet.quarantine.csv``."""
    out = Path(out)
    return out.with_name(out.name + ".quarantine.csv")


class Interrupted(RuntimeError):
    """The run was stopped (Ctrl-C); completed chunks are kept for ``--resume``."""


def score_file(
    input_path: str | Path,
    out_path: str | Path,
    *,
    read_options: ReadOptions | None = None,
    lang: str = DEFAULT_LANGUAGE,
    families: Sequence[str] | None = None,
    lexicons: Sequence[str | Path] = (),
    drop_text: bool = False,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_rows: Callable[[int], None] | None = None,
    sections: Sequence[str | Path] = (),
) -> RunSummary:
    """Stream a notes file through the scorer into ``out_path``.

    Reads in chunks, checkpoints every scored chunk (so ``resume=True``
    continues an interrupted run), joins the chunks into ``out_path``
    atomically, and writes quarantined rows to ``<out>.quarantine.csv`` (only
    when there are any). The output is byte-identical for any ``jobs``,
    engine, or interruption and resumption.

    Parameters
    ----------
    input_path, out_path : path
        Notes file in; scores file out (``.parquet``, ``.csv`` or ``.jsonl``).
    read_options : ReadOptions, optional
        Column mapping, encoding, delimiter, chunk size.
    lang : {"da", "en"}
        Default language.
    families : list of str, optional
        Metric families (default all).
    lexicons : list of path
        Extra lexicon files.
    drop_text : bool
        Leave note text out of the output.
    jobs : int
        Local worker processes (``engine="local"``).
    engine : {"local", "dask"}
        ``dask`` sends chunks to a dask.distributed cluster at ``scheduler``.
    scheduler : str, optional
        Dask scheduler address, e.g. ``tcp://10.0.0.5:8786``.
    resume : bool
        Reuse the chunks completed by an earlier, interrupted run.
    max_chars : int
        Notes longer than this are quarantined with a reason.
    on_rows : callable, optional
        Called with the number of rows finished, for progress bars.
    sections : list of path
        Extra section-heading maps (TOML) for ``section_scores``.

    Returns
    -------
    RunSummary
    """
    from evalkit.engine.checkpoint import Checkpoint

    started = time.perf_counter()
    options = _options(lang, lexicons, sections)
    fams = None if families is None else tuple(families)
    _check_families(fams)
    read_options = read_options or ReadOptions()
    metrics = metric_columns(fams)
    state = {
        "input": _fingerprint(input_path),
        "read": {
            "columns": dict(read_options.columns or {}),
            "encoding": read_options.encoding,
            "sep": read_options.sep,
            "chunksize": read_options.chunksize,
        },
        "lang": lang,
        "families": list(fams) if fams else None,
        "lexicons": list(options["lexicon_files"]),
        **({"sections": list(options["section_files"])} if "section_files" in options else {}),
        "drop_text": drop_text,
        "max_chars": max_chars,
        "metric_versions": {m.name: m.version for m in metrics},
    }
    summary = RunSummary(output=str(out_path), jobs=jobs)
    validator = Validator(default_language=lang, max_chars=max_chars)
    summary.warnings = validator.warnings
    chunks_seen = [0]
    pending: deque[tuple[int, pd.DataFrame]] = (
        deque()
    )  # (chunk index, quarantined rows), in input order
    checkpoint: Checkpoint | None = None

    def todo():
        for index, chunk in enumerate(iter_notes(input_path, read_options)):
            chunks_seen[0] = index + 1
            summary.n_read += len(chunk)
            valid, bad = validator.split(chunk)
            if checkpoint is not None and checkpoint.done(index):
                if on_rows:
                    on_rows(len(chunk))
                continue
            if on_rows and len(bad):
                on_rows(len(bad))
            pending.append((index, bad))
            yield valid

    # Validate the header and the output path before creating anything on disk.
    check_required_columns(_peek_columns(input_path, read_options), source=Path(input_path).name)
    out_file = Path(out_path)
    with writing("the scores file", out_file):
        if out_file.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(out_file))
        out_file.parent.mkdir(parents=True, exist_ok=True)
    with writing("the scores file", out_path):
        checkpoint = Checkpoint(out_path, metrics, state, resume=resume)
    try:
        with writing("the scores file", out_path):
            for valid, scored in iter_scored(
                todo(),
                jobs=jobs,
                families=fams,
                options=options,
                on_rows=on_rows,
                engine=engine,
                scheduler=scheduler,
            ):
                index, bad = pending.popleft()
                valid, scored, failed = split_failures(valid, scored)
                if len(failed):
                    bad = _merge_quarantine([bad, failed])
                checkpoint.save(index, assemble(valid, scored, drop_text=drop_text), bad)
            qpath = quarantine_path(out_path)
            if qpath.exists():
                qpath.unlink()
            if checkpoint.join(chunks_seen[0], qpath):
                summary.quarantine_file = str(qpath)
    except KeyboardInterrupt:
        raise Interrupted(
            f"Interrupted after reading {summary.n_read} rows; completed chunks are kept in "
            f"{checkpoint.dir}. Run the same command with --resume to continue."
        ) from None
    except Exception:
        # A failed run (disk full, bad option, bad row found late) leaves nothing
        # behind: no final file and no parts folder. Only an interruption keeps them.
        checkpoint.remove()
        raise
    checkpoint.remove()
    _summarise_output(summary, Path(out_path), qpath)
    summary.seconds = time.perf_counter() - started
    return summary


def _fingerprint(input_path: str | Path) -> dict[str, Any] | str:
    from evalkit.engine.checkpoint import input_fingerprint

    if not Path(input_path).is_file():
        return str(input_path)  # iter_notes says what is wrong with the path
    try:
        return input_fingerprint(input_path)
    except OSError as exc:
        raise input_os_error(exc, "the notes file", input_path) from None


def _check_families(families: tuple[str, ...] | None) -> None:
    from evalkit.metrics.registry import list_families

    known = [f.name for f in list_families()]
    unknown = [f for f in families or () if f not in known]
    if unknown or families == ():
        raise ValueError(
            f"unknown metric famil{'y' if len(unknown) == 1 else 'ies'} "
            f"{', '.join(map(repr, unknown)) or '(none given)'}; use a comma-separated list of "
            f"{', '.join(known)} (for example --metrics edit,terms), or leave --metrics out for all"
        )


def _peek_columns(path: str | Path, options: ReadOptions) -> list[str]:
    first = next(
        iter_notes(
            path,
            ReadOptions(
                columns=options.columns, encoding=options.encoding, sep=options.sep, chunksize=1
            ),
        )
    )
    return [str(c) for c in first.columns]


def _summarise_output(summary: RunSummary, out: Path, qpath: Path) -> None:
    fmt = out.suffix.lower()
    if fmt in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(out)
        names = [c for c in ("unchanged", "wer") if c in pf.schema_arrow.names]
        table = (
            pf.read(columns=names).to_pandas()
            if names
            else pd.DataFrame(index=range(pf.metadata.num_rows))
        )
        n_rows = pf.metadata.num_rows
    elif fmt == ".csv":
        cols = pd.read_csv(out, nrows=0).columns
        names = [c for c in ("unchanged", "wer") if c in cols]
        table = pd.read_csv(out, usecols=names or [cols[0]])
        n_rows = len(table)
    else:
        table = pd.read_json(out, lines=True, dtype=False) if out.stat().st_size else pd.DataFrame()
        n_rows = len(table)
    summary.n_scored = n_rows
    summary.n_quarantined = (
        len(pd.read_csv(qpath, dtype=str, keep_default_na=False)) if summary.quarantine_file else 0
    )
    if "unchanged" in table.columns:
        u = table["unchanged"].dropna().astype(bool)
        summary.n_control = int(table["unchanged"].isna().sum())
        if len(u):
            summary.unchanged_rate = float(u.mean())
    if "wer" in table.columns and table["wer"].notna().any():
        summary.median_wer = float(table["wer"].median())
    if summary.n_read != summary.n_scored + summary.n_quarantined:
        raise RuntimeError(
            f"internal error: read {summary.n_read} rows but wrote {summary.n_scored} scored and "
            f"{summary.n_quarantined} quarantined; please report this"
        )


__all__ = [
    "Interrupted",
    "QUARANTINE_COLUMNS",
    "RunSummary",
    "quarantine_path",
    "score",
    "score_file",
]
