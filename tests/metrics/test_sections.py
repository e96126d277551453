"""The sections family: per-section edit scores, missing terms and flags by offset."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import evalkit
from evalkit.io.errors import InputError
from evalkit.metrics.edit import score_edit
from evalkit.metrics.registry import list_families
from evalkit.metrics.sections import SECTION_ITEM_FIELDS, score_sections
from evalkit.text.sections import align_sections

FINAL = (
    "S: Ondt i halsen i 3 dage. Ingen feber.\nO: Røde tonsiller.\nP: Penicillin 1 mio x 4 i 7 dage."
)
DRAFT = "S: Ondt i halsen i 3 dage, feber.\nO: Røde tonsiller.\nP: Amoxicillin 500 mg x 3."


def test_family_runs_after_hallucination():
    fams = [f.name for f in list_families()]
    assert fams.index("sections") > fams.index("hallucination")
    orders = {f.name: f.order for f in list_families()}
    assert orders["sections"] > orders["hallucination"] == 30


def test_edit_fields_equal_score_edit_on_section_texts():
    got = score_sections(FINAL, DRAFT).sections
    for item, aligned in zip(got, align_sections(FINAL, DRAFT), strict=True):
        ref = score_edit(aligned.final_text, aligned.draft_text)
        assert item["section"] == aligned.section
        assert (item["char_distance"], item["wer"], item["unchanged"]) == (
            ref.char_distance,
            ref.wer,
            ref.unchanged,
        )
    assert [tuple(i) for i in got] == [tuple(n for n, _ in SECTION_ITEM_FIELDS)] * 3
    assert [i["unchanged"] for i in got] == [False, True, False]
    assert got[1]["char_distance"] == 0


def test_missing_terms_and_flags_are_attributed_by_offset():
    row = evalkit.score_note(FINAL, DRAFT, language="da").as_columns()
    items = {i["section"]: i for i in row["section_scores"]}
    secs = {a.section: a for a in align_sections(FINAL, DRAFT)}

    def inside(offset, spans):
        return any(s <= offset < e for s, e in spans)

    for name, item in items.items():
        expected_missing = sum(
            inside(t["start"], secs[name].final_spans) for t in row["missing_terms"]
        )
        expected_flags = sum(
            inside(f["start"], secs[name].draft_spans) for f in row["hallucination_flags"]
        )
        assert item["n_missing_terms"] == expected_missing
        assert item["n_hallucination_flags"] == expected_flags
    # every missing term and flag lands in a section here (the notes are fully headed)
    assert sum(i["n_missing_terms"] for i in items.values()) == row["n_missing_terms"] > 0
    assert (
        sum(i["n_hallucination_flags"] for i in items.values()) == row["n_hallucination_flags"] > 0
    )
    assert items["plan"]["n_missing_terms"] >= 1  # penicillin


def test_hand_computed_offsets():
    final = "S: hoste\nP: penicillin"
    draft = "S: hoste\nP: amoxicillin"
    got = score_sections(final, draft, missing_term_starts=[12], flag_starts=[12, 3]).sections
    assert [(i["section"], i["n_missing_terms"], i["n_hallucination_flags"]) for i in got] == [
        ("subjective", 0, 1),
        ("plan", 1, 1),
    ]
    assert got[1]["char_distance"] == 4 and got[1]["wer"] == 1.0


def test_counts_are_empty_without_terms_and_hallucination():
    row = evalkit.score_note(FINAL, DRAFT, families=["edit", "sections"]).as_columns()
    assert all(i["n_missing_terms"] is None for i in row["section_scores"])
    assert all(i["n_hallucination_flags"] is None for i in row["section_scores"])


def test_identical_notes_are_unchanged_in_every_section():
    row = evalkit.score_note(FINAL, FINAL).as_columns()
    assert all(
        i["unchanged"] and i["wer"] == 0 and i["char_distance"] == 0 and i["n_missing_terms"] == 0
        for i in row["section_scores"]
    )


def test_batch_with_user_section_file(tmp_path):
    user = tmp_path / "clinic.toml"
    user.write_text('[objective]\nda = ["Klinik"]\n', encoding="utf-8")
    notes = pd.DataFrame(
        {
            "note_id": ["a"],
            "final_note": ["S: hoste\nKlinik: ua."],
            "ai_note": ["S: hoste\nKlinik: rød"],
        }
    )
    plain = evalkit.score(notes, families=["edit", "sections"])
    custom = evalkit.score(notes, families=["edit", "sections"], sections=[user])
    assert [i["section"] for i in plain.loc[0, "section_scores"]] == ["subjective"]
    assert [i["section"] for i in custom.loc[0, "section_scores"]] == ["subjective", "objective"]
    with pytest.raises(InputError, match="does not exist"):
        evalkit.score(notes, sections=[tmp_path / "nope.toml"])


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_section_scores_round_trip_through_files(tmp_path, fmt):
    from evalkit.stats import read_scores

    notes = tmp_path / "notes.csv"
    pd.DataFrame(
        {"note_id": ["a", "b"], "final_note": [FINAL, "x"], "ai_note": [DRAFT, "x"]}
    ).to_csv(notes, index=False)
    out = tmp_path / f"scores.{fmt}"
    evalkit.score_file(notes, out)
    back = read_scores(out)
    value = back.loc[0, "section_scores"]
    if isinstance(value, str):
        import json

        value = json.loads(value)
    assert [i["section"] for i in value] == ["subjective", "objective", "plan"]


_TEXT = st.lists(
    st.sampled_from(["S: hoste", "O: ua.", "Plan: kontrol", "Ingen feber.", "BT: 120/80", ""]),
    max_size=6,
).map("\n".join)


@settings(max_examples=50, deadline=None)
@given(_TEXT, _TEXT)
def test_values_stay_in_range(final, draft):
    for item in score_sections(final, draft, missing_term_starts=[], flag_starts=[]).sections:
        assert item["char_distance"] >= 0 and item["wer"] >= 0
        assert item["unchanged"] == (item["wer"] == 0 and item["char_distance"] == 0) or (
            item["unchanged"] and item["wer"] == 0
        )
