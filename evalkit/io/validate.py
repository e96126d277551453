"""Per-row validation: every row is either kept for scoring or quarantined with a reason.

Nothing is dropped silently. A quarantined row keeps its 1-based row number in
the input file (the header is not counted), its ``note_id`` and a reason that
says how to fix it: the English text, its code and its parameters (see
:mod:`evalkit.io.reasons`). Reasons never contain note text.
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
from evalkit.io.reasons import Reason
from evalkit.schema import DEFAULT_LANGUAGE

MAX_DOC_SECONDS = 4 * 3600
DEFAULT_MAX_CHARS = 200_000
QUARANTINE_COLUMNS = ("row_number", "note_id", "column", "reason", "reason_code", "reason_params")
"""Columns of the quarantine table: ``reason`` is the English message, ``reason_code``
and ``reason_params`` (JSON) the same reason for translation (:mod:`evalkit.io.reasons`)."""


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
        reasons: dict[int, tuple[str, Reason]] = {}

        def bad(pos: int, where: str, code: str, **params: object) -> None:
            # ``where`` is the quarantine table's column; ``params`` fill the reason's template
            reasons.setdefault(pos, (where, Reason(code, params)))

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
                    "language_unsupported",
                    value=value,
                    choices=", ".join(LANGUAGES),
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
                bad(pos, "note_id", "note_id_empty")
                continue
            first = self.seen_ids.get(text_id)
            if first is not None:
                bad(pos, "note_id", "note_id_duplicate", first_row=first + 1)
            else:
                self.seen_ids[text_id] = pos
        for col in ("final_note", "ai_note"):
            for pos, value in df[col].items():
                if col == "ai_note" and not ai_rows[pos]:
                    continue
                problem = _text_problem(value, self.max_chars)
                if problem:
                    code, params = problem
                    if col == "ai_note" and code in ("text_missing", "text_empty"):
                        code = code.replace("text_", "draft_")  # the hint for control notes
                    bad(pos, col, code, column=col, **params)
        df["note_id"] = df["note_id"].map(_clean_str)
        if not reasons:
            return df, _empty_quarantine()
        positions = sorted(reasons)
        quarantine = pd.DataFrame(
            {
                "row_number": [p + 1 for p in positions],
                "note_id": [_clean_str(chunk.at[p, "note_id"]) for p in positions],
                "column": [reasons[p][0] for p in positions],
                "reason": [reasons[p][1].text for p in positions],
                "reason_code": [reasons[p][1].code for p in positions],
                "reason_params": [reasons[p][1].params_json() for p in positions],
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
                bad(pos, col, "timestamp_invalid", column=col)
            parsed[col] = values
        if len(parsed) == 2:
            start, end = parsed["doc_started_at"], parsed["doc_signed_at"]
            for pos in start.index[(start > end).fillna(False)]:
                bad(pos, "doc_signed_at", "started_after_signed")
            seconds = (end - start).dt.total_seconds()
            for pos in seconds.index[(seconds > MAX_DOC_SECONDS).fillna(False)]:
                bad(pos, "doc_signed_at", "documentation_too_long", limit=MAX_DOC_SECONDS)

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
                bad(pos, "ai_assisted", "ai_assisted_invalid", value=text[:20])
        return pd.Series(out, index=series.index, dtype="boolean")

    @staticmethod
    def _parse_seconds(series: pd.Series, col: str, bad) -> pd.Series:
        if pd.api.types.is_numeric_dtype(series):
            values = series.astype("float64")
        else:
            text = series.map(_clean_str).str.replace(",", ".", regex=False)
            values = pd.to_numeric(text.replace("", None), errors="coerce").astype("float64")
            for pos in values.index[values.isna() & (text != "")]:
                bad(pos, col, "seconds_not_number", column=col)
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
                    "seconds_implausible",
                    column=col,
                    value=float(v),
                    bound=bound,
                    limit=MAX_DOC_SECONDS,
                )
        return values


def _empty_quarantine() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in QUARANTINE_COLUMNS})


def _clean_str(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _text_problem(value: object, max_chars: int) -> tuple[str, dict[str, object]] | None:
    """The reason code and parameters of a note cell that cannot be scored, else None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "text_missing", {}
    if not isinstance(value, str):
        return "text_not_text", {"type": type(value).__name__}
    if not value.strip():
        return "text_empty", {}
    if len(value) > max_chars:
        return "text_too_long", {"length": len(value), "limit": max_chars}
    return None


def _canonical_type(value: object) -> object:
    text = _clean_str(value)
    if not text:
        return pd.NA
    return CONSULTATION_TYPE_ALIASES.get(text.lower(), text)
