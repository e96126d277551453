"""Per-row validation: every row is either kept for scoring or quarantined with a reason.

Nothing is dropped silently. A quarantined row keeps its 1-based row number in
the input file (the header is not counted), its ``note_id`` and a reason that
says how to fix it. Reasons never contain note text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from evalkit.io.contract import (
    CONSULTATION_TYPE_ALIASES,
    CONSULTATION_TYPES,
    FALSE_WORDS,
    LANGUAGES,
    TIME_COLUMNS,
    TIMESTAMP_COLUMNS,
    TRUE_WORDS,
)
from evalkit.schema import DEFAULT_LANGUAGE

MAX_DOC_SECONDS = 4 * 3600
DEFAULT_MAX_CHARS = 200_000
QUARANTINE_COLUMNS = ("row_number", "note_id", "column", "reason")


@dataclass
class Validator:
    """Stateful row checker for a stream of chunks (remembers note_ids seen).

    Parameters
    ----------
    default_language : {"da", "en"}
        Language for rows without a ``language`` value (and for every row when
        the file has no ``language`` column); it is written into the rows'
        ``language`` column, so the scores table records it.
    max_chars : int
        Longest note (characters) that is scored; longer rows are quarantined
        with a reason rather than cut short quietly.

    Attributes
    ----------
    warnings : dict
        ``{message: [row numbers]}`` for values kept as written but worth
        checking (an unknown consultation type). Shown in the run summary.
    """

    default_language: str = DEFAULT_LANGUAGE
    max_chars: int = DEFAULT_MAX_CHARS
    seen_ids: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.default_language not in LANGUAGES:
            raise ValueError(
                f"language {self.default_language!r} is not supported; "
                f"use one of {', '.join(LANGUAGES)}"
            )

    def split(self, chunk: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return ``(valid_rows, quarantined)`` for one chunk.

        ``valid_rows`` is a copy with typed timing columns, a parsed
        ``ai_assisted`` and a filled ``language``; the input is not mutated.
        Its index is the 0-based row position in the file.
        """
        df = chunk.copy()
        reasons: dict[int, tuple[str, str]] = {}

        def bad(pos: int, column: str, reason: str) -> None:
            reasons.setdefault(pos, (column, reason))

        if "ai_assisted" in df.columns:
            df["ai_assisted"] = self._parse_bool(df["ai_assisted"], bad)
        for col in TIME_COLUMNS:
            if col in df.columns:
                df[col] = self._parse_seconds(df[col], col, bad)
        if "language" in df.columns:
            lang = df["language"].map(_clean_str).str.lower()
            lang = lang.fillna(self.default_language).replace("", self.default_language)
            for pos, value in lang[~lang.isin(LANGUAGES)].items():
                bad(
                    pos,
                    "language",
                    f"language {value!r} is not supported; use {' or '.join(LANGUAGES)}",
                )
            df["language"] = lang
        else:
            # the run's language, recorded per row so that no step has to guess it
            df["language"] = self.default_language
        if "consultation_type" in df.columns:
            df["consultation_type"] = df["consultation_type"].map(_canonical_type)
            known = df["consultation_type"].isna() | df["consultation_type"].isin(
                CONSULTATION_TYPES
            )
            for pos, value in df.loc[~known, "consultation_type"].items():
                message = (
                    f"consultation_type {str(value)[:30]!r} is not one of "
                    f"{', '.join(CONSULTATION_TYPES)}; "
                    "kept as written (rename it in the file to group it with a known type)"
                )
                self.warnings.setdefault(message, []).append(pos + 1)
        self._check_timestamps(df, bad)

        ai_rows = (
            df["ai_assisted"].fillna(True).astype(bool)
            if "ai_assisted" in df.columns
            else pd.Series(True, index=df.index)
        )
        for pos, note_id in df["note_id"].items():
            text_id = _clean_str(note_id)
            if not text_id:
                bad(pos, "note_id", "note_id is empty; every row needs a unique note_id")
                continue
            first = self.seen_ids.get(text_id)
            if first is not None:
                bad(
                    pos,
                    "note_id",
                    f"duplicate note_id; first seen at row {first + 1}; make ids unique",
                )
            else:
                self.seen_ids[text_id] = pos
        for col in ("final_note", "ai_note"):
            for pos, value in df[col].items():
                if col == "ai_note" and not ai_rows[pos]:
                    continue
                problem = _text_problem(value, self.max_chars)
                if problem:
                    hint = (
                        " (for a note written without AI set ai_assisted=false)"
                        if col == "ai_note" and "not text" not in problem
                        else ""
                    )
                    bad(pos, col, f"{col} {problem}{hint}")
        df["note_id"] = df["note_id"].map(_clean_str)
        if not reasons:
            return df, _empty_quarantine()
        positions = sorted(reasons)
        quarantine = pd.DataFrame(
            {
                "row_number": [p + 1 for p in positions],
                "note_id": [_clean_str(chunk.at[p, "note_id"]) for p in positions],
                "column": [reasons[p][0] for p in positions],
                "reason": [reasons[p][1] for p in positions],
            }
        )
        return df.drop(index=positions), quarantine

    @staticmethod
    def _check_timestamps(df: pd.DataFrame, bad) -> None:
        parsed = {}
        for col in TIMESTAMP_COLUMNS:
            if col not in df.columns:
                continue
            text = df[col].map(_clean_str)
            values = pd.to_datetime(
                text.replace("", None), errors="coerce", utc=True, format="ISO8601"
            )
            for pos in values.index[values.isna() & (text != "")]:
                bad(
                    pos,
                    col,
                    f"{col} is not an ISO 8601 timestamp; write e.g. 2026-03-02T09:15:00+01:00",
                )
            parsed[col] = values
        if len(parsed) == 2:
            start, end = parsed["doc_started_at"], parsed["doc_signed_at"]
            for pos in start.index[(start > end).fillna(False)]:
                bad(
                    pos,
                    "doc_signed_at",
                    "doc_started_at is after doc_signed_at; swap or correct them",
                )
            seconds = (end - start).dt.total_seconds()
            for pos in seconds.index[(seconds > MAX_DOC_SECONDS).fillna(False)]:
                bad(
                    pos,
                    "doc_signed_at",
                    f"doc_signed_at is more than {MAX_DOC_SECONDS} s after doc_started_at; "
                    "check the timestamps",
                )

    @staticmethod
    def _parse_bool(series: pd.Series, bad) -> pd.Series:
        out: list[object] = []
        for pos, value in series.items():
            if isinstance(value, bool):
                out.append(value)
                continue
            text = _clean_str(value).lower()
            if text == "":
                out.append(pd.NA)
            elif text in TRUE_WORDS:
                out.append(True)
            elif text in FALSE_WORDS:
                out.append(False)
            else:
                out.append(pd.NA)
                bad(
                    pos,
                    "ai_assisted",
                    f"ai_assisted value {text[:20]!r} is not true/false "
                    "(use true/false, 1/0 or ja/nej)",
                )
        return pd.Series(out, index=series.index, dtype="boolean")

    @staticmethod
    def _parse_seconds(series: pd.Series, col: str, bad) -> pd.Series:
        if pd.api.types.is_numeric_dtype(series):
            values = series.astype("float64")
        else:
            text = series.map(_clean_str).str.replace(",", ".", regex=False)
            values = pd.to_numeric(text.replace("", None), errors="coerce").astype("float64")
            for pos in values.index[values.isna() & (text != "")]:
                bad(pos, col, f"{col} is not a number; write seconds such as 312 or 312,5")
        # A note accepted without editing has edit_seconds 0; documentation itself takes time.
        low_ok = col == "edit_seconds"
        for pos, v in values.items():
            if math.isnan(v):
                continue
            if v < 0 or (v == 0 and not low_ok) or v > MAX_DOC_SECONDS:
                bound = "≥ 0" if low_ok else "> 0"
                bad(
                    pos,
                    col,
                    f"{col}={v:g} is not a plausible time "
                    f"(must be {bound} and ≤ {MAX_DOC_SECONDS} s); fix or leave it empty",
                )
        return values


def _empty_quarantine() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in QUARANTINE_COLUMNS})


def _clean_str(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _text_problem(value: object, max_chars: int) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "is missing"
    if not isinstance(value, str):
        return f"is a {type(value).__name__}, not text; store notes as text"
    if not value.strip():
        return "is empty"
    if len(value) > max_chars:
        return (
            f"has {len(value):,} characters, more than the limit of {max_chars:,}; "
            "check the export, or raise the limit with --max-chars"
        )
    return None


def _canonical_type(value: object) -> object:
    text = _clean_str(value)
    if not text:
        return pd.NA
    return CONSULTATION_TYPE_ALIASES.get(text.lower(), text)
