"""Messages of the statistics layer as keys and parameters, not prose.

A :class:`Note` is a ``str`` (its English text, so printing it, joining it or
comparing it works as before) that also carries ``key`` and ``params``; the
report renders it in its own language from the key (see
:func:`evalkit.report.i18n.render_note`). Every key is in :data:`TEMPLATES`
(English); the report's Danish table must have the same keys (a test checks
this).

A parameter may itself be a :class:`Note` (a reason inside a message); it is
rendered in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TEMPLATES: dict[str, str] = {
    "time_measured": "control notes found: time saved is measured (control minus AI notes)",
    "time_modelled": "no control notes: the baseline is modelled as the typing time of the final "
    "note at {cpm:g} characters per minute",
    "time_predicted": "{n} AI notes without measured time: predicted from edit distance "
    "(R² = {r2:.2f}, {per_100:.1f} s per 100 characters, fitted on {n_fit} timed notes)",
    "no_timing_columns": "no timing columns (doc_seconds, edit_seconds, or doc_started_at + "
    "doc_signed_at); time sections skipped. Add documentation times to the input to estimate "
    "time saved.",
    "no_timed_notes": "no notes with documentation time; time sections skipped",
    "modelled_needs_text": "no control notes, and the modelled baseline needs final_note to count "
    "characters; keep the note text in the scores table (do not use --drop-text) or add control "
    "notes",
    "untimed_without_distance": "{n} AI notes have no measured time and there is no "
    "char_distance column to predict it from; score the notes with the edit family",
    "edit_time_too_few": "the edit-time regression needs at least 3 timed AI notes with different "
    "edit distances; found {n}. Add edit_seconds or doc_seconds for more AI notes.",
    "grouping_column_missing": "grouping column {column!r} not in the table: skipped",
    "groups_skipped": "{n} group(s) of {column} skipped: they lack timed AI notes or timed "
    "control notes",
    "mixed_model_skipped": "mixed model skipped: {reason}",
    "mixed_model_not_converged": "the mixed model did not converge; treat its CI with caution",
    "mixed_model_too_few": "the mixed model needs timed AI and control notes from at least 2 "
    "clinicians; found {n_ai} AI and {n_control} control notes from {n_clinicians} clinician(s)",
    "within_skipped": "within-clinician comparison skipped: {reason}",
    "within_needs_both": "the within-clinician comparison needs both AI and control notes",
    "within_too_few": "the within-clinician comparison needs at least 2 clinicians with both AI "
    "and control notes; found {n}",
    "within_needs_clinician": "the within-clinician comparison needs clinician_id; found "
    "columns: {columns}",
    "pseudonymised": "clinic and clinician ids pseudonymised (salted HMAC-SHA256)",
    "no_ai_notes": "no scored AI notes",
}


class Note(str):
    """A message of the statistics layer: its English text plus ``key`` and ``params``.

    Examples
    --------
    >>> n = Note("groups_skipped", n=4, column="clinic_id")
    >>> n
    '4 group(s) of clinic_id skipped: they lack timed AI notes or timed control notes'
    >>> n.key, n.params
    ('groups_skipped', {'n': 4, 'column': 'clinic_id'})
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Note:
        if key not in TEMPLATES:
            raise KeyError(f"unknown statistics message {key!r}; add it to TEMPLATES")
        text = TEMPLATES[key].format(**params)
        note = super().__new__(cls, text)
        note.key = key
        note.params = params
        return note

    def __reduce__(self):
        # Keep key and params through pickling and deepcopy (pandas copies attrs).
        return (_rebuild, (self.key, self.params))


def _rebuild(key: str, params: Mapping[str, Any]) -> Note:
    return Note(key, **params)


def note_of(exc: BaseException) -> Note | str:
    """The :class:`Note` an exception was raised with, else its text.

    Examples
    --------
    >>> note_of(ValueError(Note("no_ai_notes"))).key
    'no_ai_notes'
    >>> note_of(ValueError("plain"))
    'plain'
    """
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, Note) else str(exc)


__all__ = ["TEMPLATES", "Note", "note_of"]
