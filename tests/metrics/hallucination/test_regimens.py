"""The regimen check (hallucination family version 3): frequency, schedule and duration."""

from __future__ import annotations

import pytest

from tests.metrics.hallucination.conftest import _flags


@pytest.mark.parametrize(
    "final, draft, language, expected",
    [
        # frequency changed next to an unchanged dose
        ("Metformin 500 mg 2 gange dagligt.", "Metformin 500 mg 1 gang dagligt.", "da", "dose"),
        ("Amoxicillin 500 mg TID.", "Amoxicillin 500 mg once daily.", "en", "dose"),
        # as needed made fixed
        ("Pamol 1 g p.n.", "Pamol 1 g fast.", "da", "dose"),
        # duration changed
        (
            "Amoxicillin 500 mg x 3 dgl. i 5 dage.",
            "Amoxicillin 500 mg x 3 dgl. i 10 dage.",
            "da",
            "number",
        ),
    ],
)
def test_changed_regimen_parts_are_flagged(final, draft, language, expected):
    flags = _flags(final, draft, language=language)
    assert expected in {f["type"] for f in flags}, flags
    assert all(f["source"] == "final_note" for f in flags if f["type"] == expected)


@pytest.mark.parametrize(
    "final, draft, language",
    [
        # equivalent spellings of one regimen
        ("Amoxicillin 500 mg TID.", "Amoxicillin 500 mg three times a day.", "en"),
        ("Amoxicillin 500 mg q8h.", "Amoxicillin 500 mg t.i.d.", "en"),
        ("Pamol 1 g x 4 dgl.", "Pamol 1 g 4 gange dagligt.", "da"),
        ("Ibuprofen 400 mg x 3 dgl. i 1 uge.", "Ibuprofen 400 mg x 3 dgl. i 7 dage.", "da"),
        # a part the draft leaves out is an omission, not a claim
        ("Pamol 1 g x 4 dgl. p.n.", "Pamol 1 g x 4 dgl.", "da"),
    ],
)
def test_equivalent_regimens_are_not_flagged(final, draft, language):
    assert [
        f for f in _flags(final, draft, language=language) if f["type"] in ("dose", "number")
    ] == []


def test_a_taper_in_the_final_note_is_not_compared():
    final = (
        "Prednisolon 37,5 mg x 1 dgl. i 5 dage, derefter 25 mg x 1 dgl. Amoxicillin 500 mg x 3 dgl."
    )
    draft = "Amoxicillin 500 mg x 3 dgl."
    assert _flags(final, draft) == []


def test_a_kept_frequency_the_clinician_gives_otherwise_with_the_same_amount():
    from evalkit import hallucination_flags

    note = "Ibuprofen 400 mg x 3 dgl."
    talk = "Læge: Du tager ibuprofen 400 mg to gange om dagen.\nPatient: Ja."
    flags = hallucination_flags(note, note, transcript=talk)
    assert [(f["type"], f["severity"], f["source"], f["text"]) for f in flags] == [
        ("dose", "non-critical", "transcript", "x 3 dgl.")
    ]
    # benign: the talk agrees, gives another amount, two regimens, or it is the patient's
    for talk in (
        "Læge: Du tager ibuprofen 400 mg tre gange om dagen.\nPatient: Ja.",
        "Læge: Du tager ibuprofen 200 mg to gange om dagen.\nPatient: Ja.",
        "Læge: Før tog du ibuprofen 400 mg to gange om dagen, nu 400 mg tre gange om dagen.",
        "Patient: Jeg tager ibuprofen 400 mg to gange om dagen.\nLæge: Okay.",
    ):
        # (the number check's own flags on single values aside: "3 dgl." against "to gange")
        flags = hallucination_flags(note, note, transcript=talk)
        assert [f for f in flags if f["text"] == "x 3 dgl."] == [], talk
