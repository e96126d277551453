"""The pipeline from a file to a report: read, score when needed, report.

Each step takes the previous step's output (:func:`evalkit.io.read_notes`,
:func:`evalkit.engine.score`, :func:`evalkit.report.build_report`); this
module strings them together for ``evalkit report`` and ``evalkit demo``, and
for notebooks that start from raw notes. It is the only module that both
scores notes and writes a report: :func:`~evalkit.report.build_report` takes a
scores table and never scores.

* :func:`read_report_input`: a scores file as it is, or raw notes;
* :func:`report_notes`: score raw notes, then write the report;
* :func:`report_file`: either, from a file (``evalkit report``);
* :func:`prepare_demo`: the bundled demo's notes file, for ``evalkit demo``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from evalkit._files import output_dir
from evalkit.schema import DEFAULT_LANGUAGE, DEFAULT_MIN_CELL, DEFAULT_SEED, check_language


def _input_columns(path: Path, fmt: str, encoding: str | None) -> list[str]:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    if fmt == "jsonl":
        import json

        with path.open(encoding=encoding or "utf-8-sig") as handle:
            first = next((line for line in handle if line.strip()), "{}")
        return list(json.loads(first))
    return list(
        pd.read_csv(
            path,
            nrows=0,
            sep=None if fmt == "csv" else "\t",
            engine="python",
            encoding=encoding or "utf-8-sig",
        ).columns
    )


def read_report_input(
    path: str | Path,
    *,
    columns: str | Mapping[str, str] | None = None,
    encoding: str | None = None,
    sep: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Read the input of ``evalkit report``: a scores file or raw notes.

    A file with metric columns (``char_distance_norm`` or ``unchanged``) is a
    scores file, read as it is, with the quarantine file ``evalkit score``
    wrote beside it when there is one; anything else is read as notes with
    :func:`evalkit.io.read_notes` (to be scored by :func:`report_notes`).

    Returns
    -------
    frame, quarantine : DataFrame, DataFrame or None

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "notes.csv"
    >>> notes = pd.DataFrame({"note_id": ["a"], "ai_note": ["x"], "final_note": ["x"]})
    >>> notes.to_csv(p, index=False)
    >>> frame, quarantine = read_report_input(p)
    >>> list(frame.columns)[:3], quarantine is None
    (['note_id', 'ai_note', 'final_note'], True)
    """
    from evalkit.io.errors import input_os_error
    from evalkit.io.read import detect_format, read_notes

    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(
            f"input {str(file)!r} not found; pass a notes file (.csv/.tsv/.parquet/.jsonl) or "
            "a scores file from `evalkit score`"
        )
    fmt = detect_format(file)
    try:
        header = _input_columns(file, fmt, encoding)
    except OSError as exc:
        raise input_os_error(exc, "the input file", file) from None
    except (LookupError, ValueError):
        header = []  # read_notes below reports what is wrong, with line and fix
    if columns is None and sep is None and {"char_distance_norm", "unchanged"} & set(header):
        from evalkit.engine.run import quarantine_path
        from evalkit.stats.summary import read_scores

        qfile = quarantine_path(file)
        try:
            quarantine = pd.read_csv(qfile, dtype=str) if qfile.is_file() else None
        except OSError as exc:
            raise input_os_error(exc, "the quarantine file", qfile) from None
        return read_scores(file), quarantine
    return read_notes(file, columns=columns, encoding=encoding, sep=sep), None


def report_notes(
    notes: pd.DataFrame,
    out_dir: str | Path,
    *,
    notes_lang: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
    quarantine: pd.DataFrame | None = None,
    read_stats: Any = None,
    min_cell: int = DEFAULT_MIN_CELL,
    seed: int = DEFAULT_SEED,
    **report_options: Any,
) -> Path:
    """Score raw notes with every metric family, then write their report.

    Parameters
    ----------
    notes : pandas.DataFrame
        Raw notes per the input contract (``note_id``, ``ai_note``,
        ``final_note``, ...). Not modified.
    out_dir : str or Path
        The report folder (see :func:`evalkit.report.build_report`).
    notes_lang : {"da", "en"}, optional
        Language of notes whose ``language`` is missing. Default: ``lang``.
    lang : {"da", "en"}
        Language of the report's interface.
    quarantine : pandas.DataFrame, optional
        Rows already refused while reading; default ``notes.attrs["quarantine"]``,
        else the rows the scorer refused.
    read_stats : mapping or RunSummary, optional
        Row counts; by default counted here (rows read, scored, quarantined).
    min_cell, seed, **report_options
        Passed to :func:`evalkit.report.build_report`.

    Returns
    -------
    Path
        The path of ``report.html``; the manifest records that the notes were
        scored in this run and how long it took.

    Examples
    --------
    >>> import tempfile
    >>> notes = pd.DataFrame({"note_id": ["a", "b"], "final_note": ["Ingen feber.", "BT 120/80"],
    ...                       "ai_note": ["Ingen feber.", "BT 130/80"]})
    >>> html = report_notes(notes, tempfile.mkdtemp(), lang="en", n_boot=50,
    ...                     figure_formats=("svg",))
    >>> html.name, (html.parent / "scores.parquet").exists()
    ('report.html', True)
    """
    from evalkit.engine import score
    from evalkit.report.build import build_report, check_report_input, check_report_options

    check_report_options(lang=lang, min_cell=min_cell, seed=seed)
    notes = check_report_input(notes)
    notes_lang = lang if notes_lang is None else check_language(notes_lang, what="notes_lang")
    output_dir(out_dir, "the report folder")  # a folder that cannot be made fails before scoring
    if quarantine is None:
        quarantine = notes.attrs.get("quarantine")
    started = time.perf_counter()
    scores = score(notes, lang=notes_lang)
    seconds = time.perf_counter() - started
    if quarantine is None:
        quarantine = scores.attrs.get("quarantine")
    if read_stats is None:
        refused = 0 if quarantine is None else len(quarantine)
        read_stats = {"n_read": max(len(notes), len(scores) + refused)}
    return build_report(
        scores,
        out_dir,
        lang=lang,
        notes_lang=notes_lang,
        quarantine=quarantine,
        read_stats=read_stats,
        min_cell=min_cell,
        seed=seed,
        scoring_seconds=seconds,
        **report_options,
    )


def report_file(
    path: str | Path,
    out_dir: str | Path,
    *,
    columns: str | Mapping[str, str] | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    notes_lang: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
    min_cell: int = DEFAULT_MIN_CELL,
    seed: int = DEFAULT_SEED,
    input_path: str | Path | None = None,
    **report_options: Any,
) -> Path:
    """``evalkit report``: the report of a scores file, or of raw notes scored first.

    Parameters
    ----------
    path : str or Path
        A scores file from ``evalkit score`` (its quarantine file beside it is
        read too) or a notes file (see :func:`read_report_input`).
    out_dir : str or Path
        The report folder.
    columns, encoding, sep
        How to read raw notes (as :func:`evalkit.io.read_notes`).
    notes_lang : {"da", "en"}, optional
        Language of raw notes without one (default ``lang``); ignored for scores.
    lang : {"da", "en"}
        Language of the report's interface.
    min_cell, seed, **report_options
        Passed to :func:`evalkit.report.build_report`.
    input_path : str or Path, optional
        The file fingerprinted in the manifest (default ``path``).

    Returns
    -------
    Path
        The path of ``report.html``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"note_id": ["a"], "final_note": ["Ingen feber."],
    ...               "ai_note": ["Feber."]}).to_csv(folder / "notes.csv", index=False)
    >>> report_file(folder / "notes.csv", folder / "report", n_boot=20,
    ...             figure_formats=("svg",)).name
    'report.html'
    """
    from evalkit.report.build import build_report, check_report_options, has_scores

    check_report_options(lang=lang, min_cell=min_cell, seed=seed)
    if notes_lang is not None:
        check_language(notes_lang, what="notes_lang")
    frame, quarantine = read_report_input(path, columns=columns, encoding=encoding, sep=sep)
    options = dict(
        lang=lang,
        notes_lang=notes_lang,
        min_cell=min_cell,
        seed=seed,
        input_path=path if input_path is None else input_path,
        quarantine=quarantine,
        **report_options,
    )
    if has_scores(frame):
        return build_report(frame, out_dir, **options)
    return report_notes(frame, out_dir, **options)


def prepare_demo(out_dir: str | Path, *, lang: str = DEFAULT_LANGUAGE) -> Path:
    """Check the demo's options, create its folder and return the bundled notes file.

    ``evalkit demo`` then scores that file (in :data:`~evalkit.datasets.demo.DEMO_LANGUAGE`)
    into ``out_dir/scores.parquet`` and calls :func:`report_file` on it.

    Examples
    --------
    >>> import tempfile
    >>> prepare_demo(tempfile.mkdtemp(), lang="en").name
    'notes.csv'
    """
    from evalkit.datasets.demo import NOTES_FILE, demo_path
    from evalkit.plots.style import check_lang

    check_lang(lang)
    notes = demo_path() / NOTES_FILE
    output_dir(out_dir, "the demo folder")
    return notes
