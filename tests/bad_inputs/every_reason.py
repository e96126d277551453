"""A notes file in which every quarantine reason of evalkit/io/reasons.py occurs once.

Used by tests/io/test_reasons.py (each code is produced, with its English text)
and tests/report/test_i18n.py (each is shown in the report's language). Each bad
row breaks exactly one rule; the good rows make a report worth drawing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

N_GOOD = 24
"""Good rows before the bad ones."""

MAX_CHARS = 400
"""The run's --max-chars, so that a short note can be 'too long'."""

FAILING_NOTE = "Udkast som en fejl i evalkit ikke kan score."
"""The AI draft that the tests make a metric family fail on (scoring_failed)."""

BAD_ROWS: dict[str, dict[str, object]] = {
    "language_unsupported": {"language": "de"},
    "note_id_empty": {"note_id": ""},
    "note_id_duplicate": {"note_id": "g0"},
    "text_missing": {"final_note": None},
    "text_empty": {"final_note": "   "},
    "text_not_text": {"final_note": 42},
    "text_too_long": {"final_note": "Hoste. " * 80},
    "draft_missing": {"ai_note": None},
    "draft_empty": {"ai_note": ""},
    "timestamp_invalid": {"doc_started_at": "i går kl. 9"},
    "started_after_signed": {
        "doc_started_at": "2026-03-02T09:30:00+01:00",
        "doc_signed_at": "2026-03-02T09:10:00+01:00",
    },
    "documentation_too_long": {
        "doc_started_at": "2026-03-02T08:00:00+01:00",
        "doc_signed_at": "2026-03-02T14:00:00+01:00",
    },
    "ai_assisted_invalid": {"ai_assisted": "måske"},
    "seconds_not_number": {"doc_seconds": "fem minutter"},
    "seconds_implausible": {"doc_seconds": "-2.5"},
    "scoring_failed": {"ai_note": FAILING_NOTE},
}
"""Per reason code, how its row differs from a good row."""


def _good_row(i: int) -> dict[str, object]:
    return {
        "note_id": f"g{i}",
        "clinic_id": f"K{i % 2}",
        "clinician_id": f"L{i % 4}",
        "language": "da",
        "ai_assisted": True,
        "ai_note": f"Pt har ondt i halsen i {i % 5 + 1} dage. Ingen feber. BT 130/80.",
        "final_note": f"Pt har ondt i halsen i {i % 5 + 1} dage, ingen feber. BT 120/80.",
        "doc_seconds": 200 + 7 * i,
        "doc_started_at": None,
        "doc_signed_at": None,
    }


def row_number(code: str) -> int:
    """The 1-based row number of the row that breaks rule ``code`` (as the quarantine counts)."""
    return N_GOOD + list(BAD_ROWS).index(code) + 1


def write_notes(folder: Path) -> Path:
    """Write ``notes.jsonl``: :data:`N_GOOD` good rows, then one bad row per reason code.

    JSON lines, because only they carry a number or a null where a note
    should be (the ``text_not_text`` and ``*_missing`` reasons).
    """
    rows = [_good_row(i) for i in range(N_GOOD)]
    for k, (code, change) in enumerate(BAD_ROWS.items()):
        row = _good_row(N_GOOD + k)
        row["note_id"] = f"bad-{code}"
        row.update(change)
        rows.append(row)
    path = folder / "notes.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def score_with_every_reason(folder: Path, monkeypatch) -> tuple[Path, pd.DataFrame]:
    """Score :func:`write_notes` with ``evalkit score`` (one process); return its output files.

    A metric family is made to fail on :data:`FAILING_NOTE`, as an evalkit bug
    would, so that the engine's own reason is among the others.

    Returns
    -------
    scores_path, quarantine : Path, DataFrame
        The scores file and its quarantine file as the report reads it back.
    """
    from evalkit.engine import local
    from evalkit.engine.run import quarantine_path, score_file

    real = local.score_pair

    def failing(pair, **kwargs):
        if pair.ai_note == FAILING_NOTE:
            raise RuntimeError(f"cannot score {pair.ai_note}")
        return real(pair, **kwargs)

    monkeypatch.setattr(local, "score_pair", failing)
    scores = folder / "scores.parquet"
    score_file(write_notes(folder), scores, lang="da", families=["edit"], max_chars=MAX_CHARS)
    return scores, pd.read_csv(quarantine_path(scores), dtype=str, keep_default_na=False)
