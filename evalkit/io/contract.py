"""The input contract: which columns a notes file has and what they mean.

See ``docs/data-format.md`` for the user-facing description.
"""

from __future__ import annotations

from evalkit.schema import LANGUAGES as LANGUAGES
from evalkit.schema import TEXT_COLUMNS as TEXT_COLUMNS

REQUIRED_COLUMNS: tuple[str, ...] = ("note_id", "ai_note", "final_note")
"""Columns every notes file must have (after ``--columns`` mapping)."""

ID_COLUMNS: tuple[str, ...] = ("note_id", "clinic_id", "clinician_id")

OPTIONAL_COLUMNS: tuple[str, ...] = (
    "clinic_id",
    "clinician_id",
    "transcript",
    "consultation_type",
    "language",
    "ai_assisted",
    "doc_seconds",
    "edit_seconds",
    "doc_started_at",
    "doc_signed_at",
)

TIME_COLUMNS: tuple[str, ...] = ("doc_seconds", "edit_seconds")
TIMESTAMP_COLUMNS: tuple[str, ...] = ("doc_started_at", "doc_signed_at")

CONSULTATION_TYPES: tuple[str, ...] = ("video", "phone", "in-person")
CONSULTATION_TYPE_ALIASES: dict[str, str] = {
    "video": "video",
    "videokonsultation": "video",
    "phone": "phone",
    "telephone": "phone",
    "telefon": "phone",
    "telefonkonsultation": "phone",
    "in-person": "in-person",
    "in person": "in-person",
    "inperson": "in-person",
    "face-to-face": "in-person",
    "fremmøde": "in-person",
    "konsultation": "in-person",
}

TRUE_WORDS = frozenset({"true", "t", "1", "yes", "y", "ja", "j", "sand"})
FALSE_WORDS = frozenset({"false", "f", "0", "no", "n", "nej", "falsk"})
