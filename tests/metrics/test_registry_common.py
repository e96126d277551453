"""Common tests over every registered metric (scikit-learn style)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import evalkit
from evalkit.metrics.registry import list_families, list_metrics

REPO = Path(__file__).resolve().parents[2]
PAIRS = [
    (
        "Pt har ondt i halsen. Ingen feber. Plan: Pamol 1 g x 4 dgl.",
        "Pt har ondt i halsen, feber 38,5. Plan: Pinex 1 g x 3 dgl.",
    ),
    ("Smerter i højre knæ. Obj: hævelse.", "Smerter i venstre knæ."),
    (
        "Patient reports a sore throat. No fever. Plan: paracetamol.",
        "Patient reports a sore throat and fever.",
    ),
    ("", "Ny tekst"),
    ("Tekst", ""),
    ("", ""),
]
METRICS = list_metrics()


def test_registry_is_not_empty_and_names_unique():
    names = [m.name for m in METRICS]
    assert len(names) == len(set(names)) and "wer" in names


@pytest.mark.parametrize("metric", METRICS, ids=lambda m: m.name)
def test_metric_has_card_with_required_sections(metric):
    card = REPO / "docs" / "metrics" / f"{metric.card}.md"
    assert card.is_file(), f"missing metric card {card}"
    text = card.read_text(encoding="utf-8").lower()
    for section in ("definition", "range", "example", "limitation"):
        assert section in text, f"{card.name} lacks a {section!r} section"


@pytest.mark.parametrize("metric", METRICS, ids=lambda m: m.name)
def test_metric_fields_are_valid(metric):
    assert metric.direction in ("lower", "higher", "none")
    assert metric.dtype in ("int", "float", "bool", "list")
    assert metric.version and metric.definition
    if metric.dtype == "list":
        assert metric.item_fields, "list metrics declare their item fields for the Parquet schema"


def _columns(final, draft, language="da"):
    return evalkit.score_note(final, draft, language=language).as_columns()


@pytest.mark.parametrize("text", [p[0] for p in PAIRS] + ["A sore throat, no fever."])
def test_identical_notes_give_the_best_value(text):
    row = _columns(text, text, "en" if "throat" in text else "da")
    for m in METRICS:
        if m.best is not None:
            assert row[m.name] == m.best, (
                f"{m.name}: identical notes gave {row[m.name]!r}, best is {m.best!r}"
            )


@pytest.mark.parametrize(("final", "draft"), PAIRS)
def test_values_stay_in_range_and_empty_notes_are_defined(final, draft):
    row = _columns(final, draft)
    for m in METRICS:
        value = row[m.name]
        if m.dtype == "list":
            assert isinstance(value, list)
            continue
        assert value is not None and not (isinstance(value, float) and math.isnan(value)), m.name
        lo, hi = m.range
        if lo is not None:
            assert value >= lo, m.name
        if hi is not None:
            assert value <= hi, m.name


def test_row_order_does_not_matter():
    df = pd.DataFrame(
        {
            "note_id": [str(i) for i in range(len(PAIRS))],
            "final_note": [p[0] or "x" for p in PAIRS],
            "ai_note": [p[1] or "y" for p in PAIRS],
        }
    )
    forward = evalkit.score(df)
    backward = evalkit.score(df.iloc[::-1])
    cols = [m.name for m in METRICS]
    a = forward.set_index("note_id")[cols].sort_index()
    b = backward.set_index("note_id")[cols].sort_index()
    pd.testing.assert_frame_equal(a, b)


def test_families_run_in_order_and_have_versions():
    fams = list_families()
    assert [f.order for f in fams] == sorted(f.order for f in fams)
    assert fams[0].name == "edit"
    assert all(v for v in evalkit.metric_versions().values())
