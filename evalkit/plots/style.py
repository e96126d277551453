"""One look for every evalkit figure.

The palette is Okabe & Ito's eight colours, chosen to stay distinguishable
with the common colour-vision deficiencies. Colour is never the only cue:
series that must be told apart also get a hatch pattern (bars) or a marker
and line style (lines), so figures survive greyscale printing.

Small groups are suppressed the same way in every figure: a group with fewer
than ``min_cell`` notes (default 5) is not drawn, and its tick label reads
``"<5"``, as in the statistics tables. The rule, its range and its label
belong to :mod:`evalkit.stats.privacy`; the figures ask it, never compare
counts with ``min_cell`` themselves.

Numbers are written the way each language writes them, in the figures and
(through :func:`format_number` and :func:`format_text`, which the report
imports) in the report: ``0.85`` and ``12,345`` in English, ``0,85`` and
``12 345`` in Danish. This module is the one owner of that rule.
"""

from __future__ import annotations

import numbers
import string
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter

from evalkit._files import atomic_path, output_dir
from evalkit.schema import LANGUAGES as LANGUAGES
from evalkit.stats.privacy import small_cells, suppressed_label

OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
"""Okabe–Ito palette (Okabe & Ito 2008, *Color Universal Design*)."""

# Line hatches only: dot and circle hatches are drawn as thousands of tiny
# paths and make SVG and PDF files ten times larger.
HATCHES: tuple[str, ...] = ("", "///", "\\\\\\", "xx", "---", "|||", "++", "//\\\\")
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
# Six line styles against eight colours: the pair repeats only after 24 lines.
LINESTYLES: tuple[Any, ...] = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 3)))

FIGURE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
PNG_DPI = 200

RC: dict[str, Any] = {
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=list(OKABE_ITO)),
    "legend.frameon": False,
    "hatch.linewidth": 0.8,
    "svg.fonttype": "none",  # keep text as text: smaller files, searchable reports
    "svg.hashsalt": "evalkit",  # stable element ids, so the same figure gives the same file
    "pdf.fonttype": 3,  # Type 42 embedding is three times slower (font subsetting)
    "savefig.bbox": "tight",
}

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "clinic": "Clinic",
        "consultation_type": "Consultation type",
        "clinician": "Clinician",
        "with_ai": "With AI",
        "without_ai": "Without AI",
        "time_per_note": "Documentation time per note (s)",
        "time_saved": "Time saved per note (s)",
        "n_notes": "Notes (n)",
        "share_notes": "Share of notes (%)",
        "unchanged": "Unchanged",
        "light": "Lightly edited (≤{light:.0%} of characters)",
        "heavy": "Heavily edited (>{light:.0%} of characters)",
        "ecdf": "Share of notes at or below value (%)",
        "char_distance_norm": "Normalised character edit distance (0–1)",
        "wer": "Word error rate (edits per final-note word)",
        "char_distance": "Character edit distance (characters)",
        "doc_seconds": "Documentation time (s)",
        "flags_per_100": "Hallucination flags per 100 notes",
        "n_flags": "Hallucination flags (n)",
        "missing_per_note": "Missing terms per note",
        "n_missing": "Times missing (n)",
        "category": "Term category",
        "term": "Term",
        "power": "Power (%)",
        "n_clinicians": "Clinicians (n)",
        "suppressed": "Groups with fewer than {k} notes are shown as “<{k}” and not drawn.",
        "fit": "Least-squares line",
        "measured": "measured",
        "modelled": "modelled",
        "severity": "Severity",
        "median": "Median",
        "target_power": "Target power",
        "ci95": "Error bars: 95% CI.",
        "fit_slope": "{fit}: {slope:.1f} s / 100 characters",
        "scenario": "Scenario",
        "scenario_value": "effect {effect:g}, ICC {icc:g}, {notes:g} notes/clinician",
        "all_suppressed": "Not shown: every {group} has fewer than {k} notes, so this figure "
        "is suppressed to protect small groups (see the small-cell threshold in Methods).",
    },
    "da": {
        "clinic": "Klinik",
        "consultation_type": "Konsultationstype",
        "clinician": "Kliniker",
        "with_ai": "Med AI",
        "without_ai": "Uden AI",
        "time_per_note": "Dokumentationstid pr. notat (s)",
        "time_saved": "Sparet tid pr. notat (s)",
        "n_notes": "Notater (n)",
        "share_notes": "Andel af notater (%)",
        "unchanged": "Uændret",
        "light": "Let redigeret (≤{light:.0%} af tegnene)",
        "heavy": "Meget redigeret (>{light:.0%} af tegnene)",
        "ecdf": "Andel af notater med værdi højst x (%)",
        "char_distance_norm": "Normaliseret tegn-redigeringsafstand (0–1)",
        "wer": "Ordfejlrate (rettelser pr. ord i endeligt notat)",
        "char_distance": "Tegn-redigeringsafstand (tegn)",
        "doc_seconds": "Dokumentationstid (s)",
        "flags_per_100": "Hallucinationsflag pr. 100 notater",
        "n_flags": "Hallucinationsflag (n)",
        "missing_per_note": "Manglende termer pr. notat",
        "n_missing": "Antal gange manglende (n)",
        "category": "Termkategori",
        "term": "Term",
        "power": "Styrke (%)",
        "n_clinicians": "Klinikere (n)",
        "suppressed": "Grupper med færre end {k} notater vises som “<{k}” og tegnes ikke.",
        "fit": "Mindste kvadraters linje",
        "measured": "målt",
        "modelled": "modelleret",
        "severity": "Alvorlighed",
        "median": "Median",
        "target_power": "Ønsket styrke",
        "ci95": "Fejllinjer: 95 % KI.",
        "fit_slope": "{fit}: {slope:.1f} s / 100 tegn",
        "scenario": "Scenarie",
        "scenario_value": "effekt {effect:g}; ICC {icc:g}; {notes:g} notater/kliniker",
        "all_suppressed": "Ikke vist: hver {group} har færre end {k} notater, så figuren er "
        "undertrykt for at beskytte små grupper (se grænsen for små celler under Metoder).",
    },
}


VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "consultation_type": {
        "en": {"video": "video", "phone": "phone", "in-person": "in person"},
        "da": {"video": "video", "phone": "telefon", "in-person": "fremmøde"},
    },
    "flag_type": {
        "en": {
            "medication": "medication",
            "dose": "dose",
            "number": "number",
            "negation": "negation",
            "laterality": "laterality",
            "diagnosis": "diagnosis",
            "fabrication": "fabrication",
            "severity": "severity",
            "unknown": "unknown",
        },
        "da": {
            "medication": "lægemiddel",
            "dose": "dosis",
            "number": "tal",
            "negation": "nægtelse",
            "laterality": "side",
            "diagnosis": "diagnose",
            "fabrication": "opdigtet",
            "severity": "sværhedsgrad",
            "unknown": "ukendt",
        },
    },
    "severity": {
        "en": {"critical": "critical", "non-critical": "non-critical", "unknown": "unknown"},
        "da": {"critical": "kritisk", "non-critical": "ikke-kritisk", "unknown": "ukendt"},
    },
    "category": {
        "en": {
            "medication": "medication",
            "diagnosis": "diagnosis",
            "symptom": "symptom",
            "finding": "finding",
            "anatomy": "anatomy",
            "procedure": "procedure",
            "lab": "lab",
            "vital": "vital sign",
            "other": "other (rare word)",
        },
        "da": {
            "medication": "lægemiddel",
            "diagnosis": "diagnose",
            "symptom": "symptom",
            "finding": "fund",
            "anatomy": "anatomi",
            "procedure": "procedure",
            "lab": "laboratorieprøve",
            "vital": "vitalparameter",
            "other": "andet (sjældent ord)",
        },
    },
    "source": {
        "en": {"transcript": "transcript", "final_note": "final note", "both": "both"},
        "da": {"transcript": "transskription", "final_note": "endeligt notat", "both": "begge"},
    },
    "family": {
        "en": {"edit": "edit", "terms": "terms", "hallucination": "hallucination"},
        "da": {"edit": "redigering", "terms": "termer", "hallucination": "hallucination"},
    },
}
"""Display names of the values of fixed vocabularies, per column and language.

Values outside these tables (for example categories of a user's own lexicon)
are shown as they are.
"""


def value_label(column: str, value: object, lang: str = "en") -> str:
    """Display name of ``value`` of ``column`` (e.g. a consultation type) in ``lang``.

    Examples
    --------
    >>> value_label("consultation_type", "in-person", "da"), value_label("severity", "x", "da")
    ('fremmøde', 'x')
    """
    table = VALUE_LABELS.get(column, {}).get(check_lang(lang), {})
    return table.get(str(value), str(value))


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported label language, else raise.

    Examples
    --------
    >>> check_lang("da")
    'da'
    """
    if lang not in _LABELS:
        raise ValueError(
            f"lang={lang!r} is not supported; use one of {', '.join(LANGUAGES)} "
            "(for example --lang da)"
        )
    return lang


def label(key: str, lang: str = "en", **fmt: Any) -> str:
    """Axis or legend label ``key`` in ``lang``, formatted with ``fmt``.

    Examples
    --------
    >>> label("time_per_note", "da")
    'Dokumentationstid pr. notat (s)'
    >>> label("suppressed", "en", k=5)
    'Groups with fewer than 5 notes are shown as “<5” and not drawn.'
    """
    text = _LABELS[check_lang(lang)][key]
    return format_text(text, lang, **fmt) if fmt else text


DECIMAL_MARKS: dict[str, str] = {"en": ".", "da": ","}
"""The decimal mark of each language: ``0.85`` in English, ``0,85`` in Danish."""

GROUP_SEPARATORS: dict[str, str] = {"en": ",", "da": "\u00a0"}
"""The thousands separator: a comma in English; in Danish a no-break space
(``12 345``), which Danish allows beside the point and which no reader of either
language can take for a decimal mark."""

NUMBER_LIST_SEPARATORS: dict[str, str] = {"en": ", ", "da": "; "}
"""Between the numbers of an interval or a list: Danish writes ``[0; 1]``, since its
decimal mark is the comma."""


def localise_number(text: str, lang: str) -> str:
    """A number written by Python's ``format`` (``12,345.6``), written the way ``lang`` writes it.

    Only the decimal mark and the thousands separator change; digits, signs,
    exponents and units stay.

    Examples
    --------
    >>> localise_number("12,345.6", "da"), localise_number("12,345.6", "en")
    ('12\\xa0345,6', '12,345.6')
    """
    if check_lang(lang) == "en":
        return text
    return text.translate({ord("."): DECIMAL_MARKS[lang], ord(","): GROUP_SEPARATORS[lang]})


def format_number(value: Any, spec: str = "", lang: str = "en") -> str:
    """``format(value, spec)`` with the decimal mark and thousands separator of ``lang``.

    Examples
    --------
    >>> format_number(0.8512, ".2f", "da"), format_number(0.8512, ".2f", "en")
    ('0,85', '0.85')
    >>> format_number(1234567.891, ",.1f", "da")
    '1\\xa0234\\xa0567,9'
    >>> format_number(0.123, ".1%", "da")
    '12,3%'
    """
    return localise_number(format(value, spec), lang)


class NumberFormatter(string.Formatter):
    """``str.format`` that writes numeric fields with :func:`format_number` in one language.

    Text fields (and ``!r`` conversions, which are text) are formatted as usual.

    Examples
    --------
    >>> NumberFormatter("da").format("R² = {r2:.2f}, {name!r}, n = {n}", r2=0.5, name="x", n=3)
    "R² = 0,50, 'x', n = 3"
    """

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = check_lang(lang)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            return format_number(value, format_spec, self.lang)
        return super().format_field(value, format_spec)


def format_text(template: str, lang: str, /, **params: Any) -> str:
    """``template.format(**params)`` with the numbers written the way ``lang`` writes them.

    Examples
    --------
    >>> format_text("{slope:.1f} s / 100 tegn", "da", slope=75.84)
    '75,8 s / 100 tegn'
    """
    return NumberFormatter(lang).vformat(template, (), params)


class _LocalisedScalarFormatter(ScalarFormatter):
    """Matplotlib's default tick formatter, writing the numbers in one language."""

    def __init__(self, lang: str, like: ScalarFormatter) -> None:
        super().__init__(useOffset=like.get_useOffset(), useMathText=like.get_useMathText())
        self.lang = lang

    def __call__(self, x: float, pos: int | None = None) -> str:
        return localise_number(super().__call__(x, pos), self.lang)

    def get_offset(self) -> str:
        return localise_number(super().get_offset(), self.lang)


def localise_axes(ax: Axes, lang: str) -> Axes:
    """Write the numeric tick labels of ``ax`` with the decimal mark of ``lang``.

    Call it when the figure is drawn: axes with tick labels of their own
    (groups, categories) keep them; only matplotlib's default number
    formatter is replaced.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 0.5], [0, 1.5])
    >>> ax = localise_axes(ax, "da")
    >>> fig.canvas.draw()
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['−0,2', '0,0']
    >>> plt.close(fig)
    """
    check_lang(lang)
    for axis in (ax.xaxis, ax.yaxis):
        current = axis.get_major_formatter()
        if type(current) is ScalarFormatter and lang != "en":
            axis.set_major_formatter(_LocalisedScalarFormatter(lang, current))
    return ax


_GROUP_KEYS = {
    "clinic_id": "clinic",
    "clinician_id": "clinician",
    "consultation_type": "consultation_type",
}


def group_label(by: str, lang: str = "en") -> str:
    """Axis label for a grouping column; unknown columns are shown by name.

    Examples
    --------
    >>> group_label("clinic_id", "da"), group_label("region", "da")
    ('Klinik', 'region')
    """
    return label(_GROUP_KEYS[by], lang) if by in _GROUP_KEYS else by


def split_groups(sizes: pd.Series, min_cell: int) -> tuple[list[Any], list[Any]]:
    """Order groups and split them into shown and suppressed.

    Parameters
    ----------
    sizes : pandas.Series
        Number of notes per group, indexed by group key.
    min_cell : int
        Groups with fewer notes are suppressed
        (:func:`evalkit.stats.privacy.small_cells`).

    Returns
    -------
    all_groups, suppressed : list, list
        Every group key in display order (sorted as text), and the suppressed ones.

    Examples
    --------
    >>> split_groups(pd.Series({"B": 12, "A": 3, "C": 5}), 5)
    (['A', 'B', 'C'], ['A'])
    """
    order = sorted(sizes.index, key=lambda g: str(g))
    small = small_cells(sizes.reindex(order), min_cell)
    return order, [g for g, hidden in zip(order, small, strict=True) if hidden]


def group_tick(group: Any, suppressed: bool, min_cell: int) -> str:
    """Tick label of a group: its name, with ``<k`` under it when suppressed.

    Examples
    --------
    >>> group_tick("K1", True, 5)
    'K1\\n<5'
    """
    return f"{group}\n{suppressed_label(min_cell)}" if suppressed else str(group)


@contextmanager
def evalkit_style() -> Iterator[None]:
    """Context manager applying the evalkit rcParams.

    Examples
    --------
    >>> with evalkit_style():
    ...     import matplotlib.pyplot as plt
    ...     plt.rcParams["svg.fonttype"]
    'none'
    """
    with plt.rc_context(RC):  # type: ignore[arg-type]  # the stubs list rc keys as literals
        yield


def new_axes(ax: Axes | None, *, figsize: tuple[float, float] | None = None) -> Axes:
    """Return ``ax`` or a fresh Axes on a new styled figure."""
    if ax is not None:
        return ax
    # Resolve the backend before rc_context saves rcParams: otherwise leaving the
    # context restores the unresolved backend and Jupyter's inline display of
    # later figures silently stops.
    plt.get_backend()
    with evalkit_style():
        fig, new_ax = plt.subplots(figsize=figsize or RC["figure.figsize"])
    _apply_axes_style(new_ax)
    return new_ax


def _apply_axes_style(ax: Axes) -> None:
    # rc_context only affects artists created inside it; re-apply what matters
    # so the figure keeps the look when drawn after the context has closed.
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(True, axis="y", color="#d0d0d0", linewidth=0.6)


def add_note(ax: Axes, text: str) -> None:
    """Write a small note above the top-left corner of the axes (suppression, CIs).

    Titles with counts go to the right (``loc="right"``) so the two never overlap.
    """
    ax.annotate(
        text,
        xy=(0, 1),
        xycoords="axes fraction",
        xytext=(0, 6),
        textcoords="offset points",
        fontsize=7.5,
        color="#404040",
        ha="left",
        va="bottom",
    )


def show_all_suppressed(ax: Axes, by: str, *, min_cell: int, lang: str = "en") -> Axes:
    """Replace the plot by a statement that every group was suppressed, without axes.

    Used by the per-group figures when no group reaches ``min_cell`` notes: an
    empty plot with 0–1 axes would look like a result. The statement is the
    only text of the figure, so the saved files say why they are empty.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = show_all_suppressed(ax, "clinic_id", min_cell=5, lang="en")
    >>> ax.axison, ax.texts[0].get_text().startswith("Not shown: every clinic has fewer than 5")
    (False, True)
    >>> plt.close(fig)
    """
    import textwrap

    group = group_label(by, lang)
    group = group[:1].lower() + group[1:]
    ax.clear()
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        textwrap.fill(label("all_suppressed", lang, group=group, k=min_cell), 64),
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=10,
        color="#303030",
    )
    return ax


def legend_below(ax: Axes, handles: list[Any], *, ncol: int = 3) -> None:
    """Legend centred under the axes, clear of two-line tick labels."""
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.24), ncol=ncol, fontsize=8
    )


_STABLE_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}


def save_figure(
    fig: Figure, stem: str | Path, *, formats: Sequence[str] = FIGURE_FORMATS, dpi: int = PNG_DPI
) -> list[Path]:
    """Save ``fig`` as ``stem.png`` (``dpi``), ``stem.svg`` and ``stem.pdf``.

    Metadata that would change on every run (creation dates, the software
    string) is left out, so the same data give byte-identical SVG files.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    stem : str or Path
        Output path without extension; parent folders are created. Each file
        is written beside its final name and moved into place when complete;
        an operating-system error raises :class:`evalkit.io.errors.OutputError`.
    formats : sequence of str
        Any of ``png``, ``svg``, ``pdf``.
    dpi : int
        Resolution of the PNG.

    Returns
    -------
    list of Path
        The written files, in ``formats`` order.

    Examples
    --------
    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> paths = save_figure(fig, Path(tempfile.mkdtemp()) / "fig")
    >>> [p.suffix for p in paths]
    ['.png', '.svg', '.pdf']
    >>> plt.close(fig)
    """
    stem = Path(stem)
    for fmt in formats:
        if fmt not in FIGURE_FORMATS:
            raise ValueError(f"figure format {fmt!r} is not supported; use {FIGURE_FORMATS}")
    output_dir(stem.parent, "the figures folder")
    written = []
    for fmt in formats:
        path = stem.with_suffix(f".{fmt}")
        metadata: dict[str, Any] = _STABLE_METADATA[fmt]
        with atomic_path(path, "the figure") as tmp, evalkit_style():
            fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata)
        written.append(path)
    return written
