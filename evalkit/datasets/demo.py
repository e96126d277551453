"""Load the bundled synthetic Danish pilot (``evalkit/datasets/demo_da``).

The files are produced by :mod:`evalkit.datasets.make_demo` with its default
seed and shipped inside the package, so they are found both in a source
checkout and after ``pip install evalkit``. See ``demo_da/README.md`` for the
columns, the label scheme and how the data were generated.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

NOTES_FILE = "notes.csv"
LABELS_FILE = "labels.csv"
DEMO_LANGUAGE = "da"
"""The language of the bundled notes (what ``evalkit demo`` scores them as)."""

NOTE_COLUMNS = (
    "note_id",
    "clinic_id",
    "clinician_id",
    "consultation_type",
    "language",
    "consultation_date",
    "ai_assisted",
    "doc_seconds",
    "edit_seconds",
    "doc_started_at",
    "doc_signed_at",
    "transcript",
    "ai_note",
    "final_note",
)
LABEL_COLUMNS = (
    "note_id",
    "kind",
    "type",
    "severity",
    "field",
    "start",
    "end",
    "text",
    "corrected_in_final",
    "concept",
    "expected",
)

_NOTE_DTYPES = {
    "note_id": "string",
    "clinic_id": "string",
    "clinician_id": "string",
    "consultation_type": "string",
    "language": "string",
    "consultation_date": "string",
    "ai_assisted": "boolean",
    "doc_seconds": "Int64",
    "edit_seconds": "Int64",
    "doc_started_at": "string",
    "doc_signed_at": "string",
    "transcript": "string",
    "ai_note": "string",
    "final_note": "string",
}
_LABEL_DTYPES = {
    "note_id": "string",
    "kind": "string",
    "type": "string",
    "severity": "string",
    "field": "string",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "corrected_in_final": "boolean",
    "concept": "string",
    "expected": "string",
}


def demo_path() -> Path:
    """Return the folder holding the bundled demo files.

    Returns
    -------
    Path
        ``.../evalkit/datasets/demo_da`` with ``notes.csv`` and ``labels.csv``.

    Raises
    ------
    FileNotFoundError
        If the files are missing (a broken install); the message says how to
        regenerate them.

    Examples
    --------
    >>> (demo_path() / "notes.csv").is_file()
    True
    """
    folder = Path(__file__).resolve().parent / "demo_da"
    for name in (NOTES_FILE, LABELS_FILE):
        if not (folder / name).is_file():
            raise FileNotFoundError(
                f"The bundled demo file {name} is missing from {folder}. "
                "Regenerate it with `python -m evalkit.datasets.make_demo`, "
                "or reinstall evalkit."
            )
    return folder


def _read(path: Path, dtypes: dict[str, str], columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        encoding="utf-8",
    )
    if tuple(frame.columns) != columns:
        raise ValueError(
            f"{path} has columns {', '.join(frame.columns)}; expected {', '.join(columns)}. "
            "Regenerate it with `python -m evalkit.datasets.make_demo`."
        )
    for column, dtype in dtypes.items():
        if dtype == "boolean":
            frame[column] = frame[column].map({"true": True, "false": False}).astype("boolean")
        elif dtype in ("Int64", "int64"):
            frame[column] = pd.to_numeric(frame[column]).astype(dtype)
        else:
            frame[column] = frame[column].astype(dtype)
    return frame


def load_demo() -> pd.DataFrame:
    """Load the demo notes: one row per consultation in the input contract.

    Text columns are strings; for control notes (``ai_assisted`` false)
    ``ai_note`` and ``transcript`` are empty strings and ``edit_seconds`` is NA.

    Returns
    -------
    pandas.DataFrame
        Columns ``note_id, clinic_id, clinician_id, consultation_type, language,
        consultation_date, ai_assisted, doc_seconds, edit_seconds,
        doc_started_at, doc_signed_at, transcript, ai_note, final_note``.

    Examples
    --------
    >>> notes = load_demo()
    >>> notes["clinic_id"].nunique(), notes["clinician_id"].nunique()
    (14, 18)
    >>> bool(notes["note_id"].is_unique)
    True
    """
    return _read(demo_path() / NOTES_FILE, _NOTE_DTYPES, NOTE_COLUMNS)


def load_demo_labels() -> pd.DataFrame:
    """Load the injected errors and omissions of the demo drafts.

    ``start``/``end`` are offsets into the normalised ``ai_note`` (errors) or
    ``final_note`` (omissions) of the same ``note_id``; ``text`` is that slice.

    Returns
    -------
    pandas.DataFrame
        Columns ``note_id, kind, type, severity, field, start, end, text,
        corrected_in_final, concept, expected``.

    Examples
    --------
    >>> labels = load_demo_labels()
    >>> sorted(labels["kind"].unique())
    ['error', 'omission']
    """
    return _read(demo_path() / LABELS_FILE, _LABEL_DTYPES, LABEL_COLUMNS)
