import struct
import zlib

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from evalkit.plots import style


def _png_dpi(data: bytes) -> float:
    # pHYs chunk: pixels per metre, x and y.
    pos = data.index(b"pHYs")
    ppm_x, _, _unit = struct.unpack(">IIB", data[pos + 4 : pos + 13])
    return ppm_x * 0.0254


def test_save_figure_writes_png_svg_pdf_at_200_dpi(tmp_path):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    paths = style.save_figure(fig, tmp_path / "sub" / "line")
    assert [p.name for p in paths] == ["line.png", "line.svg", "line.pdf"]
    png = paths[0].read_bytes()
    assert png.startswith(b"\x89PNG")
    assert _png_dpi(png) == pytest.approx(200, abs=1)
    assert paths[1].read_text().lstrip().startswith("<?xml")
    assert paths[2].read_bytes().startswith(b"%PDF")
    # The IHDR chunk holds width and height; bbox="tight" crops, so at most 4x3 inches.
    width, height = struct.unpack(">II", png[16:24])
    assert 0 < width <= 4 * 200 and 0 < height <= 3 * 200
    assert zlib.crc32(png[12:29]) == struct.unpack(">I", png[29:33])[0]


def test_svg_output_is_reproducible(tmp_path):
    def draw(stem):
        fig, ax = plt.subplots()
        ax.bar([0, 1], [2, 3], hatch="///")
        return style.save_figure(fig, stem, formats=("svg",))[0].read_bytes()

    assert draw(tmp_path / "a") == draw(tmp_path / "b")


def test_save_figure_rejects_unknown_format(tmp_path):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="not supported"):
        style.save_figure(fig, tmp_path / "x", formats=("gif",))


def test_label_languages_define_the_same_keys():
    assert set(style._LABELS["da"]) == set(style._LABELS["en"])


def test_check_lang_raises_with_the_fix():
    with pytest.raises(ValueError, match="--lang da"):
        style.check_lang("de")


@pytest.mark.parametrize("bad", [-1, True, 2.5, "5"])
def test_split_groups_takes_the_privacy_range_of_min_cell(bad):
    with pytest.raises(ValueError, match=r"min_cell \(--min-cell\) must be a whole number"):
        style.split_groups(pd.Series({"a": 3}), bad)


def _luminance(colour: str) -> float:
    r, g, b = mcolors.to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_palette_pairs_used_together_differ_in_greyscale_or_hatch():
    # Colours used side by side in one figure must differ either in grey
    # level (by a visible margin) or in hatch pattern.
    pairs = [(4, 0), (2, 1), (1, 5), (2, 5)]
    for i, j in pairs:
        lum_gap = abs(_luminance(style.OKABE_ITO[i]) - _luminance(style.OKABE_ITO[j]))
        assert lum_gap > 0.1 or style.HATCHES[i] != style.HATCHES[j]
    assert len(set(style.HATCHES)) == len(style.HATCHES)


def test_split_groups_suppresses_below_k():
    groups, suppressed = style.split_groups(pd.Series({"b": 5, "a": 4, "c": np.int64(10)}), 5)
    assert groups == ["a", "b", "c"] and suppressed == ["a"]


# --------------------------------------------------------------------------- all groups suppressed


from evalkit.plots.edits import plot_ecdf, plot_edit_categories  # noqa: E402
from evalkit.plots.errors import plot_hallucination_flags  # noqa: E402
from evalkit.plots.style import save_figure, show_all_suppressed  # noqa: E402
from evalkit.plots.time import plot_time_per_note  # noqa: E402


def _small_clinics() -> pd.DataFrame:
    # Three clinics of 2 notes each: every group is below min_cell=5.
    return pd.DataFrame(
        {
            "clinic_id": ["A", "A", "B", "B", "C", "C"],
            "ai_note": ["x y", "x", "a b", "a", "p q", "p"],
            "final_note": ["x y", "x z", "a b", "a c", "p q", "p r"],
            "char_distance_norm": [0.0, 0.5, 0.0, 0.5, 0.0, 0.5],
            "wer": [0.0, 0.5, 0.0, 0.5, 0.0, 0.5],
            "unchanged": [True, False, True, False, True, False],
            "hallucination_flags": [[{"type": "dose", "severity": "critical"}], [], [], [], [], []],
            "n_hallucination_flags": [1, 0, 0, 0, 0, 0],
        }
    )


def _time_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "clinic_id": ["A", "A", "B", "B"],
            "ai_assisted": [True, False, True, False],
            "estimate": [200.0, 260.0, 180.0, 250.0],
            "ci_low": [180.0, 230.0, 170.0, 240.0],
            "ci_high": [220.0, 290.0, 190.0, 260.0],
            "n_notes": [2, 3, 1, 4],
        }
    )


FULLY_SUPPRESSED = {
    "time_per_note": lambda ax, lang: plot_time_per_note(_time_table(), ax=ax, lang=lang),
    "edit_categories": lambda ax, lang: plot_edit_categories(
        _small_clinics(), by="clinic_id", ax=ax, lang=lang
    ),
    "hallucination_flags": lambda ax, lang: plot_hallucination_flags(
        _small_clinics(), by="clinic_id", ax=ax, lang=lang
    ),
    "ecdf": lambda ax, lang: plot_ecdf(
        _small_clinics(), metric="wer", by="clinic_id", ax=ax, lang=lang
    ),
}


@pytest.mark.parametrize("name", list(FULLY_SUPPRESSED))
@pytest.mark.parametrize(
    ("lang", "start"),
    [("en", "Not shown: every clinic has fewer than 5 notes"), ("da", "Ikke vist: hver klinik")],
)
def test_fully_suppressed_figure_is_a_statement_without_axes(name, lang, start, tmp_path):
    fig, ax = plt.subplots()
    ax = FULLY_SUPPRESSED[name](ax, lang)
    assert not ax.axison
    assert len(ax.patches) == 0 and len(ax.lines) == 0
    assert [" ".join(t.get_text().split()) for t in ax.texts][0].startswith(start)
    (svg,) = save_figure(fig, tmp_path / name, formats=("svg",))
    text = svg.read_text(encoding="utf-8")
    assert start.split(":")[0] in text
    assert 'id="xtick_1"' not in text and 'id="ytick_1"' not in text  # no axes at all


def test_partly_suppressed_figure_still_draws_the_shown_groups():
    df = pd.concat([_small_clinics()] + [_small_clinics().assign(clinic_id="D")] * 3)
    ax = plot_edit_categories(df, by="clinic_id")
    assert ax.axison and len(ax.patches) > 0


def test_show_all_suppressed_names_the_grouping_in_lower_case():
    fig, ax = plt.subplots()
    show_all_suppressed(ax, "consultation_type", min_cell=10, lang="en")
    text = " ".join(ax.texts[0].get_text().split())
    assert text.startswith("Not shown: every consultation type has fewer than 10 notes")


# --------------------------------------------------------------------------- numbers

import math  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@pytest.mark.parametrize(
    ("value", "spec", "lang", "expected"),
    [
        (0.85, ".2f", "da", "0,85"),
        (0.85, ".2f", "en", "0.85"),
        (12.34, ".1f", "da", "12,3"),
        (-0.0449, ".3f", "da", "-0,045"),
        (1234567.891, ",.2f", "en", "1,234,567.89"),
        (1234567.891, ",.2f", "da", "1\u00a0234\u00a0567,89"),
        (12345, ",", "da", "12\u00a0345"),
        (12345, "", "da", "12345"),  # no grouping unless the spec asks for it
        (0.123, ".1%", "da", "12,3%"),
        (2.5e-7, "g", "da", "2,5e-07"),
        (1.5, "g", "en", "1.5"),
    ],
)
def test_format_number_by_hand(value, spec, lang, expected):
    assert style.format_number(value, spec, lang) == expected


def test_format_text_localises_numbers_only():
    template = "{column!r}: {r2:.2f}, {n} notes, {word}"
    assert (
        style.format_text(template, "da", column="doc.seconds", r2=0.857, n=12, word="1.5")
        == "'doc.seconds': 0,86, 12 notes, 1.5"
    )
    assert style.format_text(template, "en", column="x", r2=0.857, n=12, word="y") == (
        "'x': 0.86, 12 notes, y"
    )
    assert style.format_text("{ok}", "da", ok=True) == "True"  # a bool is not a number here


def _parse(text: str, lang: str) -> float:
    """Read back a number written by format_number, the way a reader of ``lang`` would."""
    if lang == "da":
        assert "." not in text
        return float(text.replace("\u00a0", "").replace(",", "."))
    return float(text.replace(",", ""))


@given(
    value=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
    decimals=st.integers(min_value=0, max_value=4),
    grouped=st.booleans(),
    lang=st.sampled_from(["da", "en"]),
)
def test_formatted_numbers_read_back_to_the_shown_precision(value, decimals, grouped, lang):
    spec = f"{',' if grouped else ''}.{decimals}f"
    text = style.format_number(value, spec, lang)
    # half a unit of the last shown digit (format rounds correctly), plus float rounding
    tolerance = 0.5 * 10**-decimals + 4 * math.ulp(abs(value) + 1.0)
    assert abs(_parse(text, lang) - value) <= tolerance


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False))
def test_both_languages_write_the_same_number(value):
    assert _parse(style.format_number(value, ",.3f", "da"), "da") == _parse(
        style.format_number(value, ",.3f", "en"), "en"
    )


def test_danish_tick_labels_have_decimal_commas_and_group_labels_stay():
    fig, (numbers, groups) = plt.subplots(1, 2)
    numbers.plot([0, 0.5, 1.0], [0.0, 0.25, 0.75])
    groups.bar([0, 1], [2.5, 3.5])
    groups.set_xticks([0, 1], ["K1.2", "K3.4"])
    for ax in (numbers, groups):
        style.localise_axes(ax, "da")
    fig.canvas.draw()
    x_labels = [t.get_text() for t in numbers.get_xticklabels()]
    assert x_labels and all("." not in t for t in x_labels)
    assert "0,50" in x_labels
    assert [t.get_text() for t in groups.get_xticklabels()] == ["K1.2", "K3.4"]
    y_labels = [t.get_text() for t in groups.get_yticklabels()]
    assert "0,5" in y_labels and all("." not in t for t in y_labels)


def test_english_tick_labels_are_left_as_matplotlib_writes_them():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    before = type(ax.xaxis.get_major_formatter())
    style.localise_axes(ax, "en")
    assert type(ax.xaxis.get_major_formatter()) is before
    fig.canvas.draw()
    assert "0.2" in [t.get_text() for t in ax.get_xticklabels()]


def test_label_writes_its_numbers_in_the_figures_language():
    assert style.label("fit_slope", "da", fit="Linje", slope=75.84) == "Linje: 75,8 s / 100 tegn"
    assert style.label("scenario_value", "da", effect=0.1, icc=0.05, notes=53.5) == (
        "effekt 0,1; ICC 0,05; 53,5 notater/kliniker"
    )
    assert style.label("scenario_value", "en", effect=0.1, icc=0.05, notes=53.5) == (
        "effect 0.1, ICC 0.05, 53.5 notes/clinician"
    )
