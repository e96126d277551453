"""Why a row was quarantined, as a code and parameters rather than prose.

Every quarantine reason has a stable code in :data:`REASONS` with its English
template. The quarantine table (``<out>.quarantine.csv``, ``attrs["quarantine"]``)
keeps the English text in ``reason``, as before, and adds ``reason_code`` and
``reason_params`` (a JSON object), so that the report can write the reason in
its own language (:data:`evalkit.report.i18n.QUARANTINE_REASONS`; a test checks
that every code has a Danish and an English text). Parameters never hold note
text: they are column names, row numbers, lengths, limits and short values of
metadata columns (a language code, an ``ai_assisted`` value).

Each template is ``what is wrong; how to fix it`` (or ``what; where; fix``), in
every language: the report groups rows on the first clause
(:func:`evalkit.report.i18n.reason_headline`).
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

REASONS: dict[str, str] = {
    "language_unsupported": "language {value!r} is not supported; use one of {choices}",
    "note_id_empty": "note_id is empty; every row needs a unique note_id",
    "note_id_duplicate": "duplicate note_id; first seen at row {first_row}; make ids unique",
    "text_missing": "{column} is missing",
    "text_empty": "{column} is empty",
    "text_not_text": "{column} is a {type}, not text; store notes as text",
    "text_too_long": "{column} has {length:,} characters, more than the limit of {limit:,}; "
    "check the export, or raise the limit with --max-chars",
    "draft_missing": "ai_note is missing (for a note written without AI set ai_assisted=false)",
    "draft_empty": "ai_note is empty (for a note written without AI set ai_assisted=false)",
    "timestamp_invalid": "{column} is not an ISO 8601 timestamp; "
    "write e.g. 2026-03-02T09:15:00+01:00",
    "started_after_signed": "doc_started_at is after doc_signed_at; swap or correct them",
    "documentation_too_long": "doc_signed_at is more than {limit} s after doc_started_at; "
    "check the timestamps",
    "ai_assisted_invalid": "ai_assisted value {value!r} is not true/false "
    "(use true/false, 1/0 or ja/nej)",
    "seconds_not_number": "{column} is not a number; write seconds such as 312 or 312,5",
    "seconds_implausible": "{column}={value:g} is not a plausible time "
    "(must be {bound} and ≤ {limit} s); fix or leave it empty",
    "scoring_failed": "evalkit failed to score this note ({error}); the other rows were scored. "
    "Please report it with the note_id",
}
"""English template of each quarantine reason, by code."""


def template_fields(template: str) -> set[str]:
    """The parameter names a template uses.

    Examples
    --------
    >>> sorted(template_fields(REASONS["seconds_implausible"]))
    ['bound', 'column', 'limit', 'value']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class Reason:
    """One quarantine reason: a code of :data:`REASONS` and its parameters.

    Examples
    --------
    >>> r = Reason("note_id_duplicate", {"first_row": 3})
    >>> r.text
    'duplicate note_id; first seen at row 3; make ids unique'
    >>> r.params_json()
    '{"first_row": 3}'
    >>> Reason.from_json("note_id_duplicate", '{"first_row": 3}') == r
    True
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in REASONS:
            raise KeyError(f"unknown quarantine reason {self.code!r}; add it to REASONS")
        missing = template_fields(REASONS[self.code]) - set(self.params)
        if missing:
            raise KeyError(f"quarantine reason {self.code!r} needs {', '.join(sorted(missing))}")

    @property
    def text(self) -> str:
        """The English message, as written to the quarantine file."""
        return REASONS[self.code].format(**self.params)

    def params_json(self) -> str:
        """The parameters as a JSON object (keys sorted), for the ``reason_params`` column."""
        return json.dumps(dict(self.params), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, code: str, params: str | None) -> Reason:
        """The reason stored as ``reason_code`` and ``reason_params``; raises if it is not one."""
        loaded = json.loads(params) if params else {}
        if not isinstance(loaded, dict):
            raise ValueError(f"reason_params must be a JSON object, got {params!r}")
        return cls(code, loaded)


__all__ = ["REASONS", "Reason", "template_fields"]
