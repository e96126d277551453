"""Batch scoring from a DataFrame or a file: validate, score, write, summarise."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from evalkit.engine.local import assemble, iter_scored, metric_columns
from evalkit.io.contract import LANGUAGES
from evalkit.io.errors import InputError
from evalkit.io.read import ReadOptions, check_required_columns, iter_notes
from evalkit.io.validate import QUARANTINE_COLUMNS, Validator
from evalkit.io.write import ScoresWriter, write_table


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
    _unchanged: list[int] = field(default_factory=lambda: [0, 0], repr=False)
    _wer: list[float] = field(default_factory=list, repr=False)

    @property
    def notes_per_second(self) -> float:
        """Rows read per wall-clock second."""
        return self.n_read / self.seconds if self.seconds > 0 else float("nan")

    def add(self, valid: pd.DataFrame, scored: pd.DataFrame) -> None:
        self.n_scored += len(valid)
        if "unchanged" in scored.columns:
            u = scored["unchanged"].dropna()
            self._unchanged[0] += int(u.sum())
            self._unchanged[1] += len(u)
            self.n_control += int(scored["unchanged"].isna().sum())
        if "wer" in scored.columns:
            self._wer.extend(scored["wer"].dropna().tolist())

    def finish(self) -> None:
        if self._unchanged[1]:
            self.unchanged_rate = self._unchanged[0] / self._unchanged[1]
        if self._wer:
            self.median_wer = float(pd.Series(self._wer).median())

    def as_dict(self) -> dict[str, Any]:
        """Public fields, for the manifest."""
        out = {k: v for k, v in asdict(self).items() if not k.startswith("_")}
        out["notes_per_second"] = self.notes_per_second
        return out


def _options(lang: str, lexicons: Sequence[str | Path]) -> dict[str, Any]:
    if lang not in LANGUAGES:
        raise InputError(f"--lang {lang!r} is not supported; use one of {', '.join(LANGUAGES)}.")
    return {"lexicon_files": tuple(str(Path(p)) for p in lexicons)}


def score(
    notes: pd.DataFrame,
    *,
    lang: str = "da",
    families: Sequence[str] | None = None,
    lexicons: Sequence[str | Path] = (),
    drop_text: bool = False,
    jobs: int = 1,
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

    Returns
    -------
    pandas.DataFrame
        Input columns, then one column per metric. Rows that could not be
        scored are in ``result.attrs["quarantine"]`` (row_number, note_id,
        column, reason).

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
    options = _options(lang, lexicons)
    fams = None if families is None else tuple(families)
    frame = notes.reset_index(drop=True)
    valid, quarantine = Validator(default_language=lang).split(frame)
    parts = [
        assemble(v, s, drop_text=drop_text)
        for v, s in iter_scored([valid], jobs=jobs, families=fams, options=options)
    ]
    result = parts[0].reset_index(drop=True)
    result.attrs["quarantine"] = quarantine
    return result


def quarantine_path(out: str | Path) -> Path:
    """``scores.parquet`` → ``scores.parquet.quarantine.csv``."""
    out = Path(out)
    return out.with_name(out.name + ".quarantine.csv")


def score_file(
    input_path: str | Path,
    out_path: str | Path,
    *,
    read_options: ReadOptions | None = None,
    lang: str = "da",
    families: Sequence[str] | None = None,
    lexicons: Sequence[str | Path] = (),
    drop_text: bool = False,
    jobs: int = 1,
    on_rows: Callable[[int], None] | None = None,
) -> RunSummary:
    """Stream a notes file through the scorer into ``out_path``.

    Reads in chunks, writes incrementally and atomically, and writes
    quarantined rows to ``<out>.quarantine.csv`` (only when there are any).

    Returns
    -------
    RunSummary
    """
    started = time.perf_counter()
    options = _options(lang, lexicons)
    fams = None if families is None else tuple(families)
    validator = Validator(default_language=lang)
    summary = RunSummary(output=str(out_path), jobs=jobs)
    quarantined: list[pd.DataFrame] = []

    def valid_chunks():
        for chunk in iter_notes(input_path, read_options):
            summary.n_read += len(chunk)
            valid, bad = validator.split(chunk)
            if len(bad):
                quarantined.append(bad)
                summary.n_quarantined += len(bad)
                if on_rows:
                    on_rows(len(bad))
            yield valid

    qpath = quarantine_path(out_path)
    with ScoresWriter(out_path, metric_columns(fams)) as writer:
        for valid, scored in iter_scored(valid_chunks(), jobs=jobs, families=fams, options=options, on_rows=on_rows):
            writer.write(assemble(valid, scored, drop_text=drop_text))
            summary.add(valid, scored)
    if quarantined:
        write_table(pd.concat(quarantined, ignore_index=True), qpath, neutralise_formulas=True)
        summary.quarantine_file = str(qpath)
    elif qpath.exists():
        qpath.unlink()
    summary.finish()
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["QUARANTINE_COLUMNS", "RunSummary", "quarantine_path", "score", "score_file"]
