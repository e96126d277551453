"""Public-dataset loaders, tested against ../shared/datasets (never copied into the repo)."""

from __future__ import annotations

import pandas as pd
import pytest

from evalkit.datasets.public import (
    aci_bench_systems,
    clean_primock_text,
    load_aci_bench,
    load_aci_bench_published,
    load_primock57,
    read_textgrid,
)
from evalkit.io import InputError
from evalkit.io.read import check_required_columns


def test_aci_bench_all_systems(shared_datasets):
    df = load_aci_bench(shared_datasets)
    systems = aci_bench_systems(shared_datasets)
    assert len(systems) == 8 and set(df["system"]) == set(systems)
    assert df.groupby("system").size().eq(40).all()
    assert df["note_id"].is_unique
    check_required_columns(list(df.columns), source="aci")
    raw = pd.read_csv(
        shared_datasets / "aci-bench" / "challenge_data" / "clinicalnlp_taskB_test1.csv"
    )
    one = df[df["system"] == "GPT-4"].set_index("encounter_id")
    first = raw.iloc[0]
    assert one.loc[str(first["encounter_id"]), "final_note"] == first["note"]
    assert one.loc[str(first["encounter_id"]), "transcript"] == first["dialogue"]


def test_aci_bench_both_prediction_layouts(shared_datasets):
    gpt = load_aci_bench(shared_datasets, system="GPT-4")
    bart = load_aci_bench(shared_datasets, system=["BART"])
    preds = pd.read_csv(shared_datasets / "aci-bench" / "predictions" / "test1GPT-4_.csv")
    assert set(gpt["ai_note"]) == set(preds["note"])
    assert bart["ai_note"].notna().all() and len(bart) == 40


def test_aci_bench_published_names_match_table(shared_datasets):
    table = load_aci_bench_published(shared_datasets)
    df = load_aci_bench(shared_datasets)
    assert set(df["published_system"]) <= set(table.index)
    assert table.loc["GPT-4", "Fact"] == pytest.approx(57.78)


def test_aci_bench_errors(tmp_path, shared_datasets):
    with pytest.raises(InputError, match="aci-bench not found.*Get the public datasets"):
        load_aci_bench(tmp_path)
    with pytest.raises(InputError, match="system 'nope' not found"):
        load_aci_bench(shared_datasets, system="nope")
    with pytest.raises(InputError, match="split 'test9' is unknown"):
        load_aci_bench(shared_datasets, split="test9")


def test_primock57(shared_datasets):
    df = load_primock57(shared_datasets)
    assert len(df) == 57 and df["note_id"].is_unique
    row = df.set_index("note_id").loc["day1_consultation01"]
    assert row["transcript"].startswith("Doctor: Hello? Hi.")
    assert "<UNSURE>" not in row["transcript"] and "<UNIN" not in row["transcript"]
    assert "Hello how um." in row["transcript"]  # words inside <UNSURE> are kept
    assert "Patient:" in row["transcript"]
    assert "gastroenteritis" in row["highlights"]
    # the release has blank highlight strings; the loader drops them
    assert all(h.strip() for hl in df["highlights"] for h in hl)


def test_primock57_turns_are_time_ordered(shared_datasets):
    root = shared_datasets / "primock57" / "transcripts"
    doc = read_textgrid(root / "day1_consultation01_doctor.TextGrid")
    pat = read_textgrid(root / "day1_consultation01_patient.TextGrid")
    merged = sorted([(a, "Doctor") for a, _, _ in doc] + [(a, "Patient") for a, _, _ in pat])
    transcript = (
        load_primock57(shared_datasets)
        .set_index("note_id")
        .loc["day1_consultation01", "transcript"]
    )
    labels = [line.split(":", 1)[0] for line in transcript.splitlines()]
    expected = [lab for _, lab in merged]
    assert len(labels) <= len(expected)
    assert labels[:5] == expected[:5]


def test_primock57_missing(tmp_path):
    (tmp_path / "primock57" / "notes").mkdir(parents=True)
    with pytest.raises(InputError, match="No PriMock57 notes"):
        load_primock57(tmp_path)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("<UNSURE>Hello how</UNSURE> um.", "Hello how um."), ("<UNIN/>", ""), ("a <UNIN/> b", "a b")],
)
def test_clean_primock_text(raw, clean):
    assert clean_primock_text(raw) == clean
