"""Build the HTML evaluation report and its companion files.

:func:`build_report` writes into ``out_dir``:

``report.html``
    Self-contained: figures embedded as ``data:`` URIs, CSS and JavaScript
    inline, a Content-Security-Policy that forbids any network request.
    Printable (print CSS hides the controls and keeps figures whole).
``figures/``
    Every figure as PNG (200 dpi), SVG and PDF.
``tables/*.csv``
    The tables behind the report. Text cells starting with ``=``, ``+``,
    ``-`` or ``@`` get a leading ``'`` so a spreadsheet shows them as text
    instead of evaluating them as formulas (CSV injection); numbers are left
    as numbers.
``scores.parquet``
    The per-note scores (without note text under ``no_text``).
``manifest.json``
    Provenance, see :mod:`evalkit.report.manifest`.

Safety: all note text reaches the page through Jinja2 with autoescaping on,
so ``<script>`` in a note is shown as text. With ``no_text=True`` no note
text is written anywhere: no viewer, no examples, no text columns in
``scores.parquet`` and no ``text``/``evidence`` fields in its flag lists.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import jinja2
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from evalkit._files import atomic_path, output_dir
from evalkit._version import __version__
from evalkit.io.write import neutralise_formula as neutralise_formula
from evalkit.io.write import write_table
from evalkit.metrics.registry import list_metrics
from evalkit.plots.edits import LIGHT_EDIT_MAX, edit_category, plot_ecdf, plot_edit_categories
from evalkit.plots.errors import (
    as_items,
    explode_items,
    plot_hallucination_flags,
    plot_missing_terms_by_category,
    plot_top_missing_terms,
    top_missing_terms,
)
from evalkit.plots.power import plot_power_curve
from evalkit.plots.style import (
    FIGURE_FORMATS,
    NUMBER_LIST_SEPARATORS,
    check_lang,
    format_number,
    save_figure,
    value_label,
)
from evalkit.plots.time import plot_edit_vs_time, plot_time_per_note, plot_time_saved_distribution
from evalkit.report.i18n import (
    evidence_text,
    method_text,
    metric_definition,
    reason_headline,
    reason_of,
    render_note,
    texts,
)
from evalkit.report.manifest import build_manifest, signature_string, write_manifest
from evalkit.schema import (
    DEFAULT_LANGUAGE,
    DEFAULT_MIN_CELL,
    DEFAULT_SEED,
    LANGUAGES,
    TEXT_COLUMNS,
    check_language,
)
from evalkit.stats.notes import Note, note_of
from evalkit.stats.privacy import check_min_cell, count_display, small_cells, suppressed_label
from evalkit.stats.time import DEFAULT_TYPING_CHARS_PER_MINUTE, per_note_time_saved
from evalkit.text.normalize import normalize_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_MAX_VIEWER_NOTES = 200
DEFAULT_MAX_EXAMPLES = 3
"""Examples shown per hallucination type."""

DEFAULT_PLAN: dict[str, Any] = {"effect": (0.1, 0.2), "icc": 0.05, "outcome": "time", "alpha": 0.05}
"""Scenarios of the default power curve: relative time reductions and ICC."""

_SUMMARY_KEYS: tuple[str, ...] = (
    "unchanged_rate",
    "char_distance_norm_median",
    "wer_median",
    "missing_terms_per_note",
    "hallucination_flags_per_100",
    "critical_flags_per_100",
    "hallucination_free_rate",
    # a separate finding, not a hallucination rate (see docs/metrics/unsupported_claims.md)
    "unsupported_claims_per_note",
)
_CLINIC_KEYS: tuple[str, ...] = (
    "unchanged_rate",
    "char_distance_norm_median",
    "wer_median",
    "missing_terms_per_note",
    "hallucination_flags_per_100",
    "hallucination_free_rate",
)
_TIME_KEYS: tuple[str, ...] = (
    "seconds_per_note_ai",
    "seconds_per_note_control",
    "seconds_saved_per_note",
    "percent_saved",
    "mixedlm_percent_change",
    "mixedlm_seconds_saved_at_median_note",
    "within_clinician_median_seconds_saved",
    "projected_minutes_saved_per_clinician_per_day",
    "projected_hours_saved_per_clinic_per_year",
)


# --------------------------------------------------------------------------- CSV safety


def write_csv_safe(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a report table as UTF-8 CSV with spreadsheet formulas neutralised.

    The one CSV writer (:func:`evalkit.io.write.write_table`) with
    ``neutralise=True``: header and text cells starting with ``= + - @`` get
    a leading ``'``; numbers stay numbers.

    Examples
    --------
    >>> import tempfile
    >>> p = write_csv_safe(pd.DataFrame({"a": ["=1+1", "ok"], "b": [-1, 2]}),
    ...                    Path(tempfile.mkdtemp()) / "t.csv")
    >>> p.read_text(encoding="utf-8").splitlines()
    ['a,b', "'=1+1,-1", 'ok,2']
    """
    return write_table(table, path, neutralise=True, what="the report table")


# --------------------------------------------------------------------------- note viewer

_TOKEN = re.compile(r"\s+|[^\s]+")


def diff_ranges(draft: str, final: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character ranges changed in each note, from a word-level diff.

    Whitespace runs are tokens too, so ranges keep the notes' layout.

    Returns
    -------
    removed, added : list of (start, end)
        Ranges of the draft the clinician removed or replaced, and ranges of
        the final note the clinician added.

    Examples
    --------
    >>> diff_ranges("BT 130/80 ok", "BT 120/80 ok")
    ([(3, 9)], [(3, 9)])
    >>> diff_ranges("same", "same")
    ([], [])
    """
    dt_, ft = list(_TOKEN.finditer(draft)), list(_TOKEN.finditer(final))
    matcher = SequenceMatcher(
        None, [m.group() for m in dt_], [m.group() for m in ft], autojunk=False
    )
    removed: list[tuple[int, int]] = []
    added: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            removed.append((dt_[i1].start(), dt_[i2 - 1].end()))
        if j2 > j1:
            added.append((ft[j1].start(), ft[j2 - 1].end()))
    return removed, added


@dataclass
class Mark:
    """A highlighted span of a note and what hovering or focusing it shows."""

    start: int
    end: int
    kind: str
    tips: list[dict[str, str]] = field(default_factory=list)
    tip_id: str = ""


def merge_marks(spans: list[Mark], text_length: int) -> list[Mark]:
    """Drop spans outside the text and merge overlapping ones (their tips combine).

    Examples
    --------
    >>> m = merge_marks([Mark(0, 4, "flag", [{"label": "a"}]), Mark(2, 6, "flag", [{"label": "b"}]),
    ...                  Mark(8, 99, "flag")], 10)
    >>> [(x.start, x.end, len(x.tips)) for x in m]
    [(0, 6, 2)]
    """
    valid = sorted(
        (s for s in spans if 0 <= s.start < s.end <= text_length), key=lambda s: (s.start, s.end)
    )
    merged: list[Mark] = []
    for span in valid:
        if merged and span.start < merged[-1].end:
            merged[-1].end = max(merged[-1].end, span.end)
            merged[-1].tips.extend(span.tips)
        else:
            merged.append(Mark(span.start, span.end, span.kind, list(span.tips)))
    return merged


def segment(
    text: str, changed: list[tuple[int, int]], marks: list[Mark], change_class: str
) -> list[dict[str, Any]]:
    """Split ``text`` into the chunks the template renders.

    Each chunk is ``{"mark": Mark or None, "parts": [{"text", "changed"}]}``;
    a chunk with a mark is one highlighted span and its parts carry the diff.
    The pieces concatenate back to ``text``.

    Examples
    --------
    >>> chunks = segment("ab cd", [(3, 5)], [Mark(0, 2, "flag")], "del")
    >>> [(c["mark"] is not None, [(p["text"], p["changed"]) for p in c["parts"]]) for c in chunks]
    [(True, [('ab', '')]), (False, [(' ', ''), ('cd', 'del')])]
    """
    cuts = {0, len(text)}
    for start, end in changed:
        cuts.update((start, end))
    for m in marks:
        cuts.update((m.start, m.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    starts = np.array([s for s, _ in changed], dtype=int)
    ends = np.array([e for _, e in changed], dtype=int)
    chunks: list[dict[str, Any]] = []
    mark_index = 0
    for start, end in zip(points, points[1:], strict=False):
        while mark_index < len(marks) and marks[mark_index].end <= start:
            mark_index += 1
        mark = (
            marks[mark_index]
            if mark_index < len(marks) and marks[mark_index].start <= start
            else None
        )
        is_changed = bool(((starts <= start) & (start < ends)).any()) if len(starts) else False
        part = {"text": text[start:end], "changed": change_class if is_changed else ""}
        if chunks and chunks[-1]["mark"] is mark:
            chunks[-1]["parts"].append(part)
        else:
            chunks.append({"mark": mark, "parts": [part]})
    return chunks


def _attr_token(value: Any) -> str:
    # Flag types go into a space-separated data attribute and option values.
    return re.sub(r"\s+", "_", str(value).strip()) or "unknown"


def _note_view(row: pd.Series, lang: str, serial: int) -> dict[str, Any]:
    t = texts(lang)
    draft = normalize_text(row.get("ai_note") if isinstance(row.get("ai_note"), str) else "")
    final = normalize_text(row.get("final_note") if isinstance(row.get("final_note"), str) else "")
    removed, added = diff_ranges(draft, final)
    flags = as_items(row.get("hallucination_flags"))
    terms = as_items(row.get("missing_terms"))
    flag_marks = []
    for f in flags:
        detail = " · ".join(
            _flag_field(k, f[k], lang)
            for k in ("severity", "evidence", "source")
            if f.get(k) not in (None, "")
        )
        kind = value_label("flag_type", f.get("type", "unknown"), lang)
        flag_marks.append(_mark(f, "flag", {"label": f"{t['flag']} ({kind})", "detail": detail}))
    term_marks = []
    for m in terms:
        # The term is note vocabulary, not report text: quoted, like evidence.
        detail = " · ".join(
            f"“{m[k]}”" if k == "term" else value_label(k, m[k], lang)
            for k in ("term", "category", "concept_id")
            if m.get(k) not in (None, "")
        )
        if m.get("negated"):
            detail += f" · {t['negated']}"
        term_marks.append(_mark(m, "term", {"label": t["missing_term"], "detail": detail}))
    draft_marks = merge_marks([m for m in flag_marks if m], len(draft))
    final_marks = merge_marks([m for m in term_marks if m], len(final))
    for i, mark in enumerate(draft_marks + final_marks):
        mark.tip_id = f"tip-{serial}-{i}"
    clinic = row.get("clinic_id")
    return {
        "note_id": str(row.get("note_id", serial)),
        "clinic": "" if clinic is None or pd.isna(clinic) else str(clinic),
        "flag_types": sorted({_attr_token(f.get("type", "unknown")) for f in flags}),
        "draft": segment(draft, removed, draft_marks, "del"),
        "final": segment(final, added, final_marks, "ins"),
    }


def _flag_field(key: str, value: Any, lang: str) -> str:
    if key == "evidence":
        return evidence_text(value, lang)
    return value_label(key, value, lang)


def _mark(item: Mapping[str, Any], kind: str, tip: dict[str, str]) -> Mark | None:
    try:
        start, end = int(item["start"]), int(item["end"])
    except (KeyError, TypeError, ValueError):
        return None
    return Mark(start, end, kind, [tip])


def select_viewer_notes(
    scores: pd.DataFrame, *, max_notes: int = DEFAULT_MAX_VIEWER_NOTES, seed: int = DEFAULT_SEED
) -> pd.DataFrame:
    """The AI notes shown in the viewer: those with findings first, then a seeded sample.

    Notes with hallucination flags or missing terms come first (in a random
    order drawn with ``seed``), then the others, up to ``max_notes``; the
    result is sorted by clinic and note id.

    Examples
    --------
    >>> df = pd.DataFrame({"note_id": list("abc"), "ai_note": ["x", "y", None],
    ...                    "final_note": ["x", "z", "w"], "n_hallucination_flags": [0, 2, None]})
    >>> select_viewer_notes(df, max_notes=1)["note_id"].tolist()
    ['b']
    """
    if "ai_note" not in scores.columns or "final_note" not in scores.columns:
        return scores.iloc[0:0]
    has_draft = scores["ai_note"].map(lambda v: isinstance(v, str) and v != "")
    candidates = scores[has_draft.to_numpy(bool)]
    findings = np.zeros(len(candidates), dtype=bool)
    for col in ("n_hallucination_flags", "n_missing_terms"):
        if col in candidates.columns:
            findings |= pd.to_numeric(candidates[col], errors="coerce").fillna(0).to_numpy() > 0
    rng = np.random.default_rng(seed)
    order = np.lexsort((rng.random(len(candidates)), ~findings))
    chosen = candidates.iloc[order[:max_notes]]
    keys = [c for c in ("clinic_id", "note_id") if c in chosen.columns]
    return chosen.sort_values(keys, key=lambda s: s.astype(str)) if keys else chosen


# --------------------------------------------------------------------------- formatting


def format_value(value: Any, unit: str = "", lang: str = "en") -> str:
    """A number as the report shows it, in the notation of ``lang``.

    Rates (``unit="rate"``) and percentages get one decimal and `` %``; times
    (``s``, ``min``, ``h``) whole units from 10 on; other numbers three
    significant decimals below 1, two below 10, one below 100, none above.
    The decimal mark and thousands separator are ``lang``'s
    (:func:`evalkit.plots.style.format_number`). Missing values are ``—``.

    Examples
    --------
    >>> format_value(0.8512, lang="da"), format_value(0.8512, lang="en")
    ('0,851', '0.851')
    >>> format_value(0.123, "rate", "da"), format_value(12345.6, "s", "da")
    ('12,3 %', '12\\xa0346 s')
    >>> format_value(float("nan"))
    '—'
    """
    if value is None or (isinstance(value, float) and not np.isfinite(value)) or pd.isna(value):
        return "—"
    value = float(value)
    if unit == "%":
        return f"{format_number(value, '.1f', lang)} %"
    if unit == "rate":
        return f"{format_number(100 * value, '.1f', lang)} %"
    if unit in ("s", "min", "h"):
        spec = ",.0f" if abs(value) >= 10 else ".1f"
        return f"{format_number(value, spec, lang)} {unit}"
    if abs(value) >= 100:
        spec = ",.0f"
    elif abs(value) >= 10:
        spec = ".1f"
    else:
        spec = ".3f" if abs(value) < 1 else ".2f"
    return format_number(value, spec, lang)


def _stat_unit(statistic: str) -> str:
    return "rate" if statistic.endswith("_rate") else ""


def _ci(low: Any, high: Any, unit: str, lang: str) -> str:
    if pd.isna(low) or pd.isna(high):
        return "—"
    return f"{format_value(low, unit, lang)} – {format_value(high, unit, lang)}"


# --------------------------------------------------------------------------- reading


def read_report_input(
    path: str | Path,
    *,
    columns: str | Mapping[str, str] | None = None,
    encoding: str | None = None,
    sep: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Deprecated: moved to :func:`evalkit.pipeline.read_report_input` (reading is not reporting).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     read_report_input("missing.csv")
    Traceback (most recent call last):
    ...
    FileNotFoundError: input 'missing.csv' not found; ...
    >>> caught[0].category.__name__
    'DeprecationWarning'
    """
    warnings.warn(
        "evalkit.report.read_report_input moved to evalkit.pipeline.read_report_input; "
        "the old name will be removed",
        DeprecationWarning,
        stacklevel=2,
    )
    from evalkit.pipeline import read_report_input as moved

    return moved(path, columns=columns, encoding=encoding, sep=sep)


# --------------------------------------------------------------------------- the report


@dataclass
class _Run:
    out_dir: Path
    lang: str
    min_cell: int
    formats: tuple[str, ...]
    figures: list[dict[str, Any]] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)

    def discard(self) -> None:
        """Remove every file this run wrote."""
        for path in self.written:
            path.unlink(missing_ok=True)

    def figure(
        self,
        key: str,
        section: str,
        title: str,
        draw: Callable[[plt.Axes], Any],
        figsize: tuple[float, float] = (7.0, 4.2),
    ) -> None:
        fig, ax = plt.subplots(figsize=figsize)
        try:
            draw(ax)
            # A figure whose groups were all suppressed holds only its statement.
            statement = (
                " ".join(ax.texts[0].get_text().split()) if not ax.axison and ax.texts else ""
            )
            paths = save_figure(fig, self.out_dir / "figures" / key, formats=self.formats)
        finally:
            plt.close(fig)
        self.written.extend(paths)
        svg = next(p for p in paths if p.suffix == ".svg")
        src = "data:image/svg+xml;base64," + base64.b64encode(svg.read_bytes()).decode("ascii")
        self.figures.append(
            {
                "key": key,
                "section": section,
                "title": title,
                "statement": statement,
                "src": src,
                "number": len(self.figures) + 1,
                "width": int(figsize[0] * 96),
                "height": int(figsize[1] * 96),
                "files": [f"figures/{p.name}" for p in paths],
            }
        )

    def table(self, name: str, frame: pd.DataFrame) -> None:
        self.written.append(write_csv_safe(frame, self.out_dir / "tables" / f"{name}.csv"))
        self.tables.append(f"tables/{name}.csv")


def has_scores(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` is a scores table (it has edit-metric columns), not raw notes.

    Examples
    --------
    >>> has_scores(pd.DataFrame({"note_id": ["a"], "unchanged": [True]}))
    True
    """
    return "char_distance_norm" in frame.columns or "unchanged" in frame.columns


def _read_counts(
    n_input: int, scores: pd.DataFrame, quarantine: pd.DataFrame | None, read_stats: Any
) -> dict[str, int | None]:
    stats: Mapping[str, Any]
    if read_stats is None:
        stats = {}
    elif hasattr(read_stats, "as_dict"):
        stats = read_stats.as_dict()
    elif isinstance(read_stats, Mapping):
        stats = read_stats
    else:
        raise TypeError(
            "read_stats must be a mapping (read/scored/quarantined counts) or a RunSummary; "
            f"got {type(read_stats).__name__}"
        )
    n_quarantine = 0 if quarantine is None else len(quarantine)

    def pick(*keys: str, default: int | None) -> int | None:
        for key in keys:
            if stats.get(key) is not None:
                return int(stats[key])
        return default

    return {
        "read": pick("n_read", "read", default=max(n_input, len(scores) + n_quarantine)),
        "scored": pick("n_scored", "scored", default=len(scores)),
        "quarantined": pick("n_quarantined", "quarantined", default=n_quarantine),
    }


def check_report_options(*, lang: str, min_cell: int, seed: Any) -> None:
    """Raise ``ValueError`` for an unsupported ``lang``, ``min_cell`` or ``seed``.

    :func:`build_report` and the pipeline (:mod:`evalkit.pipeline`) call it
    before any work, so a bad option fails before notes are scored.

    Examples
    --------
    >>> check_report_options(lang="en", min_cell=5, seed=1)
    >>> check_report_options(lang="en", min_cell=5, seed="1")
    Traceback (most recent call last):
    ...
    ValueError: seed must be an integer (default 12345); got '1'
    """
    check_lang(lang)
    check_min_cell(min_cell)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be an integer (default {DEFAULT_SEED}); got {seed!r}")


def check_report_input(frame: Any) -> pd.DataFrame:
    """Return ``frame`` if it is a DataFrame with ``note_id``, else raise with the fix.

    Examples
    --------
    >>> check_report_input(pd.DataFrame({"id": [1]}))
    Traceback (most recent call last):
    ...
    ValueError: column 'note_id' is required but missing; found columns: id. ...
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"build_report expects a pandas DataFrame of notes or scores, got "
            f"{type(frame).__name__}; read a file with evalkit.read_notes(path) first"
        )
    if "note_id" not in frame.columns:
        raise ValueError(
            "column 'note_id' is required but missing; found columns: "
            f"{', '.join(map(str, frame.columns))}. Rename the id column to note_id."
        )
    return frame


def _no_text_copy(scores: pd.DataFrame) -> pd.DataFrame:
    out = scores.drop(columns=[c for c in TEXT_COLUMNS if c in scores.columns])
    if "hallucination_flags" in out.columns:
        out["hallucination_flags"] = [
            [{k: v for k, v in f.items() if k not in ("text", "evidence")} for f in as_items(cell)]
            for cell in out["hallucination_flags"].to_numpy(dtype=object)
        ]
    return out


def build_report(
    scores: pd.DataFrame,
    out_dir: str | Path,
    *,
    lang: str = DEFAULT_LANGUAGE,
    notes_lang: str | None = None,
    no_text: bool = False,
    min_cell: int = DEFAULT_MIN_CELL,
    seed: int = DEFAULT_SEED,
    input_path: str | Path | None = None,
    quarantine: pd.DataFrame | None = None,
    read_stats: Any = None,
    n_boot: int = 2000,
    light_max: float = LIGHT_EDIT_MAX,
    max_viewer_notes: int = DEFAULT_MAX_VIEWER_NOTES,
    plan: pd.DataFrame | None = None,
    typing_chars_per_minute: float = DEFAULT_TYPING_CHARS_PER_MINUTE,
    figure_formats: Sequence[str] = FIGURE_FORMATS,
    scoring_seconds: float | None = None,
) -> Path:
    """Write the evaluation report of a scores table.

    The report reads scores; it never scores. For raw notes use
    :func:`evalkit.pipeline.report_notes` (or score them first with
    :func:`evalkit.score`); passing raw notes here still works through that
    function but is deprecated.

    Parameters
    ----------
    scores : pandas.DataFrame
        A scores table (from :func:`evalkit.score`, or a file of
        ``evalkit score`` read with :func:`evalkit.stats.read_scores`). Not modified.
    out_dir : str or Path
        Output folder; created if needed. Existing files of the same names are replaced.
    lang : {"da", "en"}
        Language of the report's interface: its text and figure labels.
    notes_lang : {"da", "en"}, optional
        Only with deprecated raw notes: their language where it is missing
        (default ``lang``). A scores table records the language per row.
    no_text : bool
        Leave out all note text (for sharing beyond the research team).
    min_cell : int
        Groups with fewer notes are shown as ``"<k"`` without estimates; a
        whole number ≥ 0 (:func:`evalkit.stats.privacy.check_min_cell`).
    seed : int
        Seed for the bootstrap and the viewer's sample.
    input_path : path, optional
        The file the data came from, fingerprinted in the manifest.
    quarantine : pandas.DataFrame, optional
        Rows that could not be scored (``row_number, note_id, column, reason``);
        defaults to ``scores.attrs["quarantine"]`` when present.
    read_stats : mapping or RunSummary, optional
        Row counts from reading/scoring (``n_read``, ``n_scored``, ``n_quarantined``).
    n_boot : int
        Bootstrap replicates for the confidence intervals.
    light_max : float
        Threshold between light and heavy edits (see :mod:`evalkit.plots.edits`).
    max_viewer_notes : int
        Notes shown in the per-note viewer (findings first, then a seeded sample).
    plan : pandas.DataFrame, optional
        A power curve (``n_clinicians``, ``power``, optional ``scenario``), for
        example from :func:`evalkit.stats.plan.power_curve`. By default the
        curve for the observed median notes per clinician and
        :data:`DEFAULT_PLAN` (10% and 20% time reductions, ICC 0.05).
    typing_chars_per_minute : float
        Typing speed of the modelled baseline when there are no control notes.
    figure_formats : sequence of str
        Files written per figure (default PNG, SVG and PDF); SVG is always
        written because the page embeds it.
    scoring_seconds : float, optional
        Set by :func:`evalkit.pipeline.report_notes`: the notes were scored for
        this report, in this many seconds (the manifest's ``scored_in_report``
        and ``timings_seconds.scoring``).

    Returns
    -------
    Path
        The path of ``report.html``.

    Examples
    --------
    >>> import tempfile, evalkit
    >>> notes = pd.DataFrame({"note_id": ["a", "b"], "final_note": ["Ingen feber.", "BT 120/80"],
    ...                       "ai_note": ["Ingen feber.", "BT 130/80"]})
    >>> scores = evalkit.score(notes, lang="da")
    >>> html = build_report(scores, tempfile.mkdtemp(), lang="en", n_boot=50,
    ...                     figure_formats=("svg",))
    >>> html.name, (html.parent / "manifest.json").exists()
    ('report.html', True)
    """
    started = time.perf_counter()
    check_report_options(lang=lang, min_cell=min_cell, seed=seed)
    if notes_lang is not None:
        check_language(notes_lang, what="notes_lang")
    frame = check_report_input(scores)
    if not has_scores(frame):
        if scoring_seconds is not None:
            raise ValueError(
                "the scored notes have no edit-metric columns (char_distance_norm, unchanged); "
                "score with the edit family"
            )
        warnings.warn(
            "build_report takes a scores table; passing raw notes is deprecated. Use "
            "evalkit.pipeline.report_notes(notes, out_dir, notes_lang=...) or "
            "build_report(evalkit.score(notes), out_dir)",
            DeprecationWarning,
            stacklevel=2,
        )
        from evalkit.pipeline import report_notes

        return report_notes(
            frame,
            out_dir,
            notes_lang=notes_lang,
            lang=lang,
            no_text=no_text,
            min_cell=min_cell,
            seed=seed,
            input_path=input_path,
            quarantine=quarantine,
            read_stats=read_stats,
            n_boot=n_boot,
            light_max=light_max,
            max_viewer_notes=max_viewer_notes,
            plan=plan,
            typing_chars_per_minute=typing_chars_per_minute,
            figure_formats=figure_formats,
        )
    out = output_dir(out_dir, "the report folder")
    formats = tuple(dict.fromkeys([*figure_formats, "svg"]))
    run = _Run(out, lang, min_cell, formats)
    try:
        return _write_report(
            run,
            frame,
            lang=lang,
            no_text=no_text,
            min_cell=min_cell,
            seed=seed,
            input_path=input_path,
            quarantine=quarantine,
            read_stats=read_stats,
            n_boot=n_boot,
            light_max=light_max,
            max_viewer_notes=max_viewer_notes,
            plan=plan,
            typing_chars_per_minute=typing_chars_per_minute,
            started=started,
            scoring_seconds=scoring_seconds,
        )
    except BaseException:
        # No half-written report: remove what this run wrote (each file is
        # complete, but the set is not).
        run.discard()
        raise


def _write_report(
    run: _Run,
    frame: pd.DataFrame,
    *,
    lang: str,
    no_text: bool,
    min_cell: int,
    seed: int,
    input_path: str | Path | None,
    quarantine: pd.DataFrame | None,
    read_stats: Any,
    n_boot: int,
    light_max: float,
    max_viewer_notes: int,
    plan: pd.DataFrame | None,
    typing_chars_per_minute: float,
    started: float,
    scoring_seconds: float | None,
) -> Path:
    out = run.out_dir
    t = texts(lang)

    if quarantine is None:
        quarantine = frame.attrs.get("quarantine")
    if scoring_seconds is not None:
        run.timings["scoring"] = scoring_seconds
    scores = frame
    lexicon_attr = scores.attrs.get("lexicon_versions")
    scores = scores.reset_index(drop=True)
    # attrs may hold the quarantine DataFrame, which breaks pandas' attrs
    # comparison in concat; it has been taken out above.
    scores.attrs = {} if lexicon_attr is None else {"lexicon_versions": lexicon_attr}
    rows = _read_counts(len(frame), scores, quarantine, read_stats)

    # ---- statistics (from evalkit.stats; nothing is estimated here)
    step = time.perf_counter()
    from evalkit.stats.summary import summarize

    levels = [c for c in ("clinic_id", "consultation_type") if c in scores.columns]
    summary = summarize(scores, by=levels or None, n_boot=n_boot, seed=seed, min_cell=min_cell)
    run.table("summary", summary)
    time_table, time_message, time_messages, time_basis, tpn = _time_tables(
        scores,
        n_boot=n_boot,
        seed=seed,
        min_cell=min_cell,
        typing_chars_per_minute=typing_chars_per_minute,
        t=t,
        lang=lang,
    )
    if time_table is not None:
        run.table("time_saved", time_table)
    if tpn is not None:
        run.table("time_per_note", tpn)
    run.timings["statistics"] = time.perf_counter() - step

    # ---- figures
    step = time.perf_counter()
    ai_scores = (
        scores[scores["char_distance_norm"].notna()]
        if "char_distance_norm" in scores.columns
        else scores.iloc[0:0]
    )
    by = next((c for c in ("clinic_id", "consultation_type") if c in scores.columns), None)
    if tpn is not None and "clinic_id" in tpn.columns:
        run.figure(
            "time_per_note",
            "time",
            t["fig_time_per_note"],
            lambda ax: plot_time_per_note(tpn, by="clinic_id", ax=ax, lang=lang, min_cell=min_cell),
        )
    per_note = (
        per_note_time_saved(scores, typing_chars_per_minute=typing_chars_per_minute)
        if time_table is not None
        else None
    )
    if per_note is not None:
        saved, basis = per_note
        run.figure(
            "time_saved_distribution",
            "time",
            t["fig_time_saved"],
            lambda ax: plot_time_saved_distribution(
                saved, ax=ax, lang=lang, modelled=basis == "modelled", min_cell=min_cell
            ),
        )
    if "doc_seconds" in scores.columns and "char_distance" in scores.columns:
        run.figure(
            "edit_vs_time",
            "time",
            t["fig_edit_vs_time"],
            lambda ax: plot_edit_vs_time(ai_scores, ax=ax, lang=lang, min_cell=min_cell),
        )
    if len(ai_scores):
        if by:
            run.figure(
                "edit_categories",
                "edits",
                t["fig_edit_categories"],
                lambda ax: plot_edit_categories(
                    ai_scores, by=by, light_max=light_max, ax=ax, lang=lang, min_cell=min_cell
                ),
            )
        # Consultation types are few, so their ECDFs stay readable; clinics are
        # compared in the stacked bars above.
        ecdf_by = "consultation_type" if "consultation_type" in scores.columns else by
        run.figure(
            "ecdf_char_distance_norm",
            "edits",
            t["fig_ecdf_char"],
            lambda ax: plot_ecdf(
                ai_scores,
                metric="char_distance_norm",
                by=ecdf_by,
                ax=ax,
                lang=lang,
                min_cell=min_cell,
            ),
        )
        run.figure(
            "ecdf_wer",
            "edits",
            t["fig_ecdf_wer"],
            lambda ax: plot_ecdf(
                ai_scores, metric="wer", by=ecdf_by, ax=ax, lang=lang, min_cell=min_cell
            ),
        )
        run.table("edit_categories", _edit_category_table(ai_scores, by, light_max, min_cell))
    has_terms = "missing_terms" in scores.columns
    top_terms = pd.DataFrame()
    if has_terms and len(ai_scores):
        run.figure(
            "missing_terms_by_category",
            "omissions",
            t["fig_missing_categories"],
            lambda ax: plot_missing_terms_by_category(
                ai_scores, ax=ax, lang=lang, min_cell=min_cell
            ),
        )
        run.figure(
            "top_missing_terms",
            "omissions",
            t["fig_top_missing"],
            lambda ax: plot_top_missing_terms(ai_scores, ax=ax, lang=lang, min_cell=min_cell),
            figsize=(7.0, 5.0),
        )
        top_terms = top_missing_terms(ai_scores, min_cell=min_cell)
        run.table("top_missing_terms", top_terms)
    has_flags = "hallucination_flags" in scores.columns
    flag_table = pd.DataFrame(columns=["type", "severity", "n"])
    flag_examples: list[dict[str, str]] = []
    if has_flags and len(ai_scores):
        if by:
            run.figure(
                "hallucination_flags",
                "hallucinations",
                t["fig_flags"],
                lambda ax: plot_hallucination_flags(
                    ai_scores, by=by, ax=ax, lang=lang, min_cell=min_cell
                ),
                figsize=(8.0, 4.2),
            )
        flag_table, flag_examples = _flag_tables(ai_scores, min_cell)
        run.table("hallucinations_by_type", flag_table)
    system_ranks = _section_and_system_figures(
        run, scores, ai_scores, by, t, n_boot=n_boot, seed=int(seed)
    )
    plan_given = plan is not None
    if plan is None:
        plan = _default_plan(scores)
    if plan is not None:
        hue = next((c for c in ("scenario", "notes_per_clinician", "effect") if c in plan), None)
        run.figure(
            "power_curve",
            "methods",
            t["fig_power"],
            lambda ax: plot_power_curve(plan, hue=hue, ax=ax, lang=lang),
        )
        run.table("plan", plan)
    run.timings["figures"] = time.perf_counter() - step

    # ---- page
    step = time.perf_counter()
    clinic_table = _clinic_table(summary, t, min_cell, lang)
    if clinic_table is not None:
        run.table("per_clinic", pd.DataFrame(clinic_table["rows"], columns=clinic_table["header"]))
    metrics = [
        {
            "name": m.name,
            "family": value_label("family", m.family, lang),
            "definition": metric_definition(m.name, m.definition, lang),
            "range": _range(m.range, lang),
            "direction": m.direction,
            "version": m.version,
        }
        for m in list_metrics()
    ]
    run.table("metrics", pd.DataFrame(metrics))
    quarantine_reasons = _quarantine_reasons(quarantine, lang)
    if quarantine_reasons:
        run.table(
            "quarantine_reasons", pd.DataFrame(quarantine_reasons, columns=["reason", "count"])
        )
    lexicons = _lexicon_versions(scores) if has_terms else {}
    signature = signature_string(
        n_boot=n_boot,
        seed=int(seed),
        min_cell=min_cell,
        lexicon="+".join(sorted(lexicons.values())) or None,
    )
    viewer = []
    n_ai = int(len(ai_scores))
    if not no_text:
        chosen = select_viewer_notes(scores, max_notes=max_viewer_notes, seed=int(seed))
        viewer = [_note_view(r, lang, i) for i, (_, r) in enumerate(chosen.iterrows())]
    ci_methods = sorted(set(summary["method"].dropna().astype(str))) if "method" in summary else []
    if time_table is not None:
        ci_methods += sorted(set(time_table["method"].dropna().astype(str)) - set(ci_methods))
    ci_methods = [method_text(m, lang) for m in ci_methods]
    context = {
        "lang": lang,
        "t": t,
        "version": __version__,
        "signature": signature,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "toc": _with_optional_toc(_toc(t, no_text), t, run.figures, system_ranks),
        "min_cell": min_cell,
        "light_max": format_number(light_max, "g", lang),
        "summary_cards": _summary_cards(summary, time_table, t, lang),
        "stats_message": t["no_stats"].format(reason=render_note(Note("no_ai_notes"), lang)),
        "data_counts": _data_counts(scores, rows),
        "consultation_types": [
            (value_label("consultation_type", k, lang), n)
            for k, n in _value_counts(scores, "consultation_type", min_cell)
        ],
        "quarantine_reasons": quarantine_reasons,
        "time_rows": _time_rows(time_table, t, lang),
        "time_message": time_message,
        "time_messages": [render_note(m, lang) for m in time_messages],
        "time_basis": time_basis,
        "figures": run.figures,
        "has_terms": has_terms,
        "top_terms": [
            {**r, "category": value_label("category", r.get("category"), lang)}
            for r in top_terms.to_dict("records")
        ],
        "has_flags": has_flags,
        "flag_table": [
            {
                **r,
                "type": value_label("flag_type", r["type"], lang),
                "severity": value_label("severity", r["severity"], lang),
            }
            for r in flag_table.to_dict("records")
        ],
        "flag_examples": []
        if no_text
        else [
            {
                **e,
                "type": value_label("flag_type", e["type"], lang),
                "severity": value_label("severity", e["severity"], lang),
                "evidence": evidence_text(e["evidence"], lang),
            }
            for e in flag_examples
        ],
        "system_ranks": system_ranks,
        "clinic_table": clinic_table,
        "no_text": no_text,
        "viewer_notes": viewer,
        "viewer_clinics": sorted({n["clinic"] for n in viewer if n["clinic"]}),
        "viewer_flag_types": [
            (ft, value_label("flag_type", ft, lang))
            for ft in sorted({ft for n in viewer for ft in n["flag_types"]})
        ],
        "viewer_sample": t["viewer_sample"].format(shown=len(viewer), total=n_ai, seed=seed),
        "metrics": metrics,
        "ci_methods": ci_methods,
        "n_boot": n_boot,
        "seed": seed,
    }
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    html = env.get_template("report.html.j2").render(**context)
    html_path = out / "report.html"
    with atomic_path(html_path, "the report") as tmp:
        tmp.write_text(html, encoding="utf-8")
    run.written.append(html_path)

    to_write = _no_text_copy(scores) if no_text else scores.copy(deep=False)
    to_write.attrs = {}  # the quarantine frame lives in its own outputs, not in Parquet metadata
    # List columns whose item fields are not registered get their Arrow type from the data.
    typed = [m for m in list_metrics() if m.dtype != "list" or getattr(m, "item_fields", None)]
    run.written.append(write_table(to_write, out / "scores.parquet", typed))
    run.timings["page"] = time.perf_counter() - step
    run.timings["total"] = time.perf_counter() - started + (scoring_seconds or 0.0)
    parameters = {
        "lang": lang,
        "no_text": no_text,
        "min_cell": min_cell,
        "seed": int(seed),
        "n_boot": n_boot,
        "light_max": light_max,
        "max_viewer_notes": max_viewer_notes,
        "typing_chars_per_minute": typing_chars_per_minute,
        "plan_given": plan_given,
        "default_plan": None if plan_given else dict(DEFAULT_PLAN),
        "scored_in_report": scoring_seconds is not None,
    }
    outputs = [
        "report.html",
        "scores.parquet",
        "manifest.json",
        *run.tables,
        *(f for fig in run.figures for f in fig["files"]),
    ]
    manifest = build_manifest(
        signature=signature,
        parameters=parameters,
        rows=rows,
        input_path=input_path,
        lexicon_versions=lexicons,
        timings_seconds=run.timings,
        outputs=outputs,
    )
    manifest["figures"] = [fig["key"] for fig in run.figures]
    run.written.append(write_manifest(manifest, out / "manifest.json"))
    return html_path


# --------------------------------------------------------------------------- section helpers


def _toc(t: Mapping[str, str], no_text: bool) -> list[tuple[str, str]]:
    items = [
        ("summary", "summary"),
        ("data", "data"),
        ("time", "time"),
        ("edits", "edits"),
        ("omissions", "omissions"),
        ("hallucinations", "hallucinations"),
        ("per-clinic", "per_clinic"),
        ("viewer", "viewer"),
        ("methods", "methods"),
    ]
    return [(anchor, t[key]) for anchor, key in items if not (no_text and anchor == "viewer")]


def _range(bounds: tuple[Any, Any], lang: str) -> str:
    low, high = (format_number(b, "g", lang) if b is not None else None for b in bounds)
    sep = NUMBER_LIST_SEPARATORS[lang]
    return f"[{'-∞' if low is None else low}{sep}{'∞' if high is None else high}]"


def _time_tables(
    scores: pd.DataFrame,
    *,
    n_boot: int,
    seed: int,
    min_cell: int,
    typing_chars_per_minute: float,
    t: Mapping[str, str],
    lang: str,
):
    from evalkit.stats.time import NoTimingDataError, has_timing, time_per_note, time_saved

    if not has_timing(scores):
        return None, t["no_time"], [], None, None
    by = next((c for c in ("clinic_id", "consultation_type") if c in scores.columns), None)
    try:
        table = time_saved(
            scores,
            by=by,
            n_boot=n_boot,
            seed=seed,
            min_cell=min_cell,
            typing_chars_per_minute=typing_chars_per_minute,
        )
    except NoTimingDataError as exc:
        return None, f"{t['no_time']} ({render_note(note_of(exc), lang)})", [], None, None
    tpn = None
    if by is not None:
        tpn = time_per_note(
            scores,
            by=by,
            n_boot=n_boot,
            seed=seed,
            min_cell=min_cell,
            typing_chars_per_minute=typing_chars_per_minute,
        )
    overall = table[table["level"] == "overall"]
    basis = "measured" if (overall["basis"] == "measured").all() else "modelled"
    return table, "", list(table.attrs.get("messages", [])), basis, tpn


def _time_rows(table: pd.DataFrame | None, t: Mapping[str, str], lang: str) -> list[dict[str, str]]:
    if table is None:
        return []
    rows = []
    overall = table[table["level"] == "overall"]
    for key in _TIME_KEYS:
        for _, r in overall[overall["quantity"] == key].iterrows():
            unit = str(r["unit"]) if r["unit"] in ("s", "%", "min", "h") else ""
            badge = "projection" if bool(r["projection"]) else str(r["basis"])
            n = r.get("n_notes_display")
            rows.append(
                {
                    "quantity": t[f"q_{key}"],
                    "estimate": format_value(r["estimate"], unit, lang),
                    "ci": _ci(r["ci_low"], r["ci_high"], unit, lang),
                    "n": "—" if n is None or pd.isna(n) or str(n) in ("<NA>", "nan") else str(n),
                    "badge": badge,
                    "badge_text": t[badge],
                    "method": method_text(r["method"], lang),
                }
            )
    return rows


def _summary_cards(
    summary: pd.DataFrame, time_table: pd.DataFrame | None, t: Mapping[str, str], lang: str
) -> list[dict[str, str]]:
    cards = []
    overall = summary[summary["level"] == "overall"].set_index("statistic")
    for key in _SUMMARY_KEYS:
        if key not in overall.index:
            continue
        r = overall.loc[key]
        unit = _stat_unit(key)
        cards.append(
            {
                "label": t[key],
                "value": format_value(r["estimate"], unit, lang),
                "ci": _ci(r["ci_low"], r["ci_high"], unit, lang),
                "n": str(r["n_notes_display"]),
                "basis": "",
            }
        )
    if time_table is not None:
        overall_t = time_table[
            (time_table["level"] == "overall")
            & (time_table["quantity"] == "seconds_saved_per_note")
        ]
        for _, r in overall_t.iterrows():
            cards.insert(
                0,
                {
                    "label": t["time"],
                    "value": format_value(r["estimate"], "s", lang),
                    "ci": _ci(r["ci_low"], r["ci_high"], "s", lang),
                    "n": str(r["n_notes_display"]),
                    "basis": str(r["basis"]),
                },
            )
    return cards


def _clinic_table(
    summary: pd.DataFrame, t: Mapping[str, str], min_cell: int, lang: str
) -> dict[str, Any] | None:
    part = summary[summary["level"] == "clinic_id"]
    if part.empty:
        return None
    stats = [k for k in _CLINIC_KEYS if k in set(part["statistic"])]
    header = [t["clinic"], t["n_notes"], t["n_clinicians"]] + [t[k] for k in stats]
    rows = []
    for group, g in part.groupby("group", sort=True):
        g = g.set_index("statistic")
        first = g.iloc[0]
        suppressed = bool(g["suppressed"].any())
        n_clin = first["n_clinicians"]
        row = [
            str(group),
            str(first["n_notes_display"]) if not suppressed else suppressed_label(min_cell),
            "—" if suppressed or pd.isna(n_clin) else str(int(n_clin)),
        ]
        for key in stats:
            r = g.loc[key]
            unit = _stat_unit(key)
            row.append(
                "—"
                if suppressed or pd.isna(r["estimate"])
                else f"{format_value(r['estimate'], unit, lang)} "
                f"({_ci(r['ci_low'], r['ci_high'], unit, lang)})"
            )
        rows.append(row)
    return {"header": header, "rows": rows}


def _data_counts(scores: pd.DataFrame, rows: Mapping[str, int | None]) -> list[tuple[str, str]]:
    n_ai = (
        int(scores["char_distance_norm"].notna().sum())
        if "char_distance_norm" in scores.columns
        else len(scores)
    )
    counts = [
        ("n_notes", str(len(scores))),
        ("n_ai_notes", str(n_ai)),
        ("n_control_notes", str(len(scores) - n_ai)),
    ]
    if "clinic_id" in scores.columns:
        counts.append(("n_clinics", str(scores["clinic_id"].nunique())))
    if "clinician_id" in scores.columns:
        counts.append(("n_clinicians", str(scores["clinician_id"].nunique())))
    counts += [(f"rows_{k}", "—" if v is None else str(v)) for k, v in rows.items()]
    return counts


def _value_counts(scores: pd.DataFrame, column: str, min_cell: int) -> list[tuple[str, str]]:
    if column not in scores.columns:
        return []
    counts = scores[column].astype("string").fillna("—").value_counts().sort_index()
    return [(str(k), count_display(int(v), min_cell)) for k, v in counts.items()]


def _quarantine_reasons(quarantine: pd.DataFrame | None, lang: str) -> list[tuple[str, int]]:
    """``(what is wrong, rows)`` per reason, most frequent first, in ``lang``.

    Reasons name the rule broken, never note text. A row with a reason code is
    written in ``lang`` (:func:`evalkit.report.i18n.reason_headline`); a row
    without one (a quarantine file from before evalkit kept codes) is shown as
    written. Rows are grouped on the reason's first clause.
    """
    if quarantine is None or len(quarantine) == 0 or "reason" not in quarantine.columns:
        return []
    headlines = []
    for row in quarantine.to_dict("records"):
        reason = reason_of(row)
        if reason is None:
            headlines.append(str(row["reason"]).split(";")[0].strip())
        else:
            headlines.append(reason_headline(reason, lang))
    counts = pd.Series(headlines, dtype=object).value_counts()
    return [(str(k), int(v)) for k, v in counts.items()]


def _edit_category_table(
    scores: pd.DataFrame, by: str | None, light_max: float, min_cell: int
) -> pd.DataFrame:
    cats = edit_category(scores, light_max=light_max)
    groups = scores[by].astype(str) if by else pd.Series("overall", index=scores.index)
    table = pd.crosstab(groups, cats).reindex(columns=["unchanged", "light", "heavy"], fill_value=0)
    table["n_notes"] = table.sum(axis=1)
    out = table.reset_index().rename(columns={"row_0": "group", by or "": "group"})
    out.columns = ["group", *out.columns[1:]]
    small = small_cells(out["n_notes"], min_cell)
    display = out.astype(object)
    for col in ("unchanged", "light", "heavy", "n_notes"):
        display.loc[small, col] = suppressed_label(min_cell) if col == "n_notes" else None
    display["light_max"] = light_max
    return display


def _flag_tables(scores: pd.DataFrame, min_cell: int) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    items = explode_items(
        scores, "hallucination_flags", keep=[c for c in ("note_id",) if c in scores.columns]
    )
    if items.empty:
        return pd.DataFrame(columns=["type", "severity", "n"]), []
    for col in ("type", "severity"):
        items[col] = items.get(col, pd.Series("unknown", index=items.index)).fillna("unknown")
    counts = items.groupby(["type", "severity"]).size().rename("n").reset_index()
    counts["n"] = [count_display(int(n), min_cell) for n in counts["n"]]
    examples = []
    for _, group in items.groupby("type", sort=True):
        for _, r in group.head(DEFAULT_MAX_EXAMPLES).iterrows():
            examples.append(
                {
                    k: "" if pd.isna(r.get(k)) else str(r.get(k))
                    for k in ("note_id", "type", "severity", "text", "evidence")
                }
            )
    return counts, examples


def _default_plan(scores: pd.DataFrame) -> pd.DataFrame | None:
    if "clinician_id" not in scores.columns or scores["clinician_id"].nunique() < 1:
        return None
    from evalkit.stats.plan import power_curve

    per_clinician = float(scores.groupby("clinician_id").size().median())
    return power_curve(
        effect=DEFAULT_PLAN["effect"],
        icc=DEFAULT_PLAN["icc"],
        notes_per_clinician=max(per_clinician, 1.0),
        alpha=DEFAULT_PLAN["alpha"],
        outcome=DEFAULT_PLAN["outcome"],
        n_clinicians=range(2, 41, 2),
    )


def _lexicon_versions(scores: pd.DataFrame) -> dict[str, str]:
    recorded = scores.attrs.get("lexicon_versions")
    if recorded:
        return {str(k): str(v) for k, v in dict(recorded).items()}
    try:
        from evalkit.lexicon.loaders import load_lexicon
    except ImportError:
        return {}
    # scores without a language column name no lexicon rather than a guessed one
    langs = (
        sorted(scores["language"].dropna().astype(str).unique())
        if "language" in scores.columns
        else []
    )
    return {lang: load_lexicon(lang).version for lang in langs if lang in LANGUAGES}


def _with_optional_toc(
    toc: list[tuple[str, str]],
    t: Mapping[str, str],
    figures: list[dict[str, Any]],
    system_ranks: list[dict[str, str]],
) -> list[tuple[str, str]]:
    extra = []
    if any(f["section"] == "sections" for f in figures):
        extra.append(("sections", t["sections"]))
    if system_ranks:
        extra.append(("systems", t["systems"]))
    at = next((i + 1 for i, (anchor, _) in enumerate(toc) if anchor == "hallucinations"), len(toc))
    return toc[:at] + extra + toc[at:]


def _section_and_system_figures(
    run: _Run,
    scores: pd.DataFrame,
    ai_scores: pd.DataFrame,
    by: str | None,
    t: Mapping[str, str],
    *,
    n_boot: int,
    seed: int,
) -> list[dict[str, str]]:
    """Per-section figures and, with two or more systems, the paired forest plot and ranks."""
    from evalkit.plots.compare import plot_paired_differences
    from evalkit.plots.sections import plot_section_scores
    from evalkit.stats.compare import compare_systems
    from evalkit.stats.summary import summarize

    lang, min_cell = run.lang, run.min_cell
    if "section_scores" in ai_scores.columns and len(ai_scores):
        level = f"{by}+section" if by else "section"
        table = summarize(ai_scores, by=[level], n_boot=n_boot, seed=seed, min_cell=min_cell)
        table = table[table["level"] == level].reset_index(drop=True)
        run.table("per_section", table)
        for stat, key in (
            ("wer_mean", "fig_section_wer"),
            ("hallucination_flags_per_100", "fig_section_flags"),
        ):
            if table["estimate"][table["statistic"] == stat].notna().any():
                run.figure(
                    f"section_{stat}",
                    "sections",
                    t[key],
                    lambda ax, stat=stat: plot_section_scores(  # type: ignore[misc]
                        table, statistic=stat, by=by, ax=ax, lang=lang, min_cell=min_cell
                    ),
                    figsize=(8.0, 4.4),
                )
    if "system" not in ai_scores.columns or ai_scores["system"].nunique() < 2:
        return []
    if "wer" not in ai_scores.columns:
        return []
    try:
        cmp = compare_systems(ai_scores, by="system", n_boot=n_boot, seed=seed)
    except ValueError:
        return []  # the drafts cannot be paired (no shared consultation column)
    run.table("system_differences", cmp.differences)
    run.table("system_ranks", cmp.ranks)
    ranks = cmp.ranks[cmp.ranks["metric"] == "wer"].sort_values(["rank", "system"])
    best = str(ranks["system"].iloc[0])
    n_other = len(ranks) - 1
    run.figure(
        "system_differences",
        "systems",
        t["fig_system_differences"].format(reference=best),
        lambda ax: plot_paired_differences(
            cmp.differences, metric="wer", reference=best, ax=ax, lang=lang
        ),
        figsize=(7.0, max(2.5, 0.35 * n_other + 1.2)),
    )
    return [
        {
            "system": str(r.system),
            "estimate": format_value(r.estimate, lang=lang),
            "rank": format_number(r.rank, "g", lang),
            "interval": f"{format_number(r.rank_low, 'g', lang)}–"
            f"{format_number(r.rank_high, 'g', lang)}",
            "p_best": format_value(r.p_best, "rate", lang),
        }
        for r in ranks.itertuples()
    ]
