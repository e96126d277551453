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


def test_check_lang_and_min_cell_raise_with_the_fix():
    with pytest.raises(ValueError, match="--lang da"):
        style.check_lang("de")
    with pytest.raises(ValueError, match="min_cell"):
        style.check_min_cell(0)
    with pytest.raises(ValueError, match="min_cell"):
        style.check_min_cell(True)


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
