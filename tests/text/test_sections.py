"""Section detection, the section map and draft/final alignment."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.io.errors import InputError
from evalkit.text.sections import (
    SectionMap,
    align_sections,
    classify_heading,
    find_sections,
    heading_key,
    load_section_map,
)

LABELLED = Path(__file__).resolve().parents[1] / "labelled" / "section_headings.jsonl"
ROWS = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


def _accuracy(rows):
    right = sum((classify_heading(r["line"]) or "none") == r["section"] for r in rows)
    return right / len(rows)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_labelled_headings_reach_95_percent(lang):
    rows = [r for r in ROWS if r["lang"] == lang]
    assert len(rows) >= 80
    assert _accuracy(rows) >= 0.95


def test_labelled_set_has_every_section_and_non_headings():
    counts = Counter(r["section"] for r in ROWS)
    for section in ("subjective", "objective", "assessment", "plan", "assessment+plan", "none"):
        assert counts[section] >= 5, section


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("• Obj.:", "obj"),
        ("HISTORY OF  PRESENT ILLNESS", "history of present illness"),
        ("Vurd./plan:", "vurd./plan"),
        ("  s :", "s"),
    ],
)
def test_heading_key(label, key):
    assert heading_key(label) == key


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("S: ondt i halsen", "subjective"),
        ("Objektivt:", "objective"),
        ("OBJEKTIVT", "objective"),
        ("Vurdering og plan: tonsillitis, penicillin", "assessment+plan"),
        ("ASSESSMENT AND PLAN", "assessment+plan"),
        ("PHYSICAL EXAM:", "objective"),
        ("BT: 120/80", None),
        ("Cor: ua.", None),
        ("Plan er at ringe i morgen", None),
        ("Kl. 10:30 ringer pt", None),
        ("", None),
    ],
)
def test_classify_heading(line, section):
    assert classify_heading(line) == section


def test_find_sections_offsets_cover_the_note():
    note = "Telefonkonsultation.\nS: ondt i halsen\nCor: ua.\nVurd.: tonsillitis\nPLAN\nPenicillin"
    secs = find_sections(note)
    assert [s.section for s in secs] == ["other", "subjective", "assessment", "plan"]
    assert secs[0].start == 0 and secs[-1].end == len(note)
    for a, b in zip(secs, secs[1:], strict=False):
        assert a.end == b.start
    assert note[secs[1].body_start : secs[1].end].strip() == "ondt i halsen\nCor: ua."
    assert note[secs[3].start : secs[3].body_start] == "PLAN"


def test_note_without_headings_is_one_other_section():
    assert [(s.section, s.start) for s in find_sections("Ondt i halsen. Penicillin.")] == [
        ("other", 0)
    ]
    assert find_sections("") == [] and find_sections("  \n") == []


def test_user_map_extends_and_overrides(tmp_path):
    user = tmp_path / "clinic.toml"
    user.write_text('[objective]\nda = ["Fundet"]\n[other]\nda = ["Vurd."]\n', encoding="utf-8")
    smap = load_section_map([user])
    assert smap.lookup("Fundet:") == "objective"
    assert smap.lookup("Vurd") == "other"
    assert smap.version.endswith("+user") and smap.files == (str(user),)
    assert load_section_map().lookup("Fundet") is None  # the shipped map is unchanged
    assert [s.section for s in find_sections("Fundet: rød hals", smap)] == ["objective"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[objektiv]\nda = ["x"]\n', "not a canonical section"),
        ('[objective]\nda = "x"\n', "must be a list of strings"),
        ('[objective]\nda = ["x"]\n[plan]\nda = ["x"]\n', None),
        ('[objective]\nda = ["x", "X:"]\n[plan]\nen = ["x"]\n', "already mapped"),
        ("[objective\n", "not valid UTF-8 TOML"),
        ('[objective]\nda = [" : "]\n', "empty heading"),
        ("objective = 3\n", "must be a table"),
    ],
)
def test_bad_map_files_raise_with_the_fix(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    if message is None:
        with pytest.raises(InputError, match="already mapped"):
            load_section_map([path])
        return
    with pytest.raises(InputError, match=message):
        load_section_map([path])


def test_missing_map_file_and_wrong_type():
    with pytest.raises(InputError, match="does not exist"):
        load_section_map(["/no/such/sections.toml"])
    with pytest.raises(TypeError, match="SectionMap"):
        find_sections("S: x", section_map={"s": "subjective"})


def _by_section(aligned):
    return {a.section: a for a in aligned}


def test_renamed_headings_align_by_canonical_section():
    final = "Anamnese:\nondt i halsen\nObjektivt: røde tonsiller\nVurdering: tonsillitis\nPlan: PcV"
    draft = "S: ondt i halsen\nO: røde tonsiller\nA: tonsillitis\nP: PcV"
    got = _by_section(align_sections(final, draft))
    assert list(got) == ["subjective", "objective", "assessment", "plan"]
    assert all(a.alignment == "heading" and a.final_text == a.draft_text for a in got.values())


def test_compound_heading_merges_both_sides():
    final = "S: hoste\nASSESSMENT AND PLAN\nBronkitis. Ingen antibiotika."
    draft = "S: hoste\nAssessment: Bronkitis.\nPlan: Ingen antibiotika."
    got = _by_section(align_sections(final, draft))
    assert list(got) == ["subjective", "assessment+plan"]
    ap = got["assessment+plan"]
    assert ap.final_text == "Bronkitis. Ingen antibiotika."
    assert ap.draft_text == "Bronkitis.\nIngen antibiotika."
    assert len(ap.draft_spans) == 2


def test_missing_section_is_one_sided():
    final = "S: hoste\nO: ua.\nP: kontrol"
    draft = "S: hoste\nP: kontrol\nA: virus"
    got = _by_section(align_sections(final, draft))
    assert got["objective"].alignment == "final_only" and got["objective"].draft_text == ""
    assert got["assessment"].alignment == "draft_only"
    assert list(got) == ["subjective", "objective", "assessment", "plan"]


def test_unheaded_draft_is_placed_by_content_in_order():
    final = (
        "HISTORY OF PRESENT ILLNESS\nThe patient reports knee pain for two weeks after a fall.\n"
        "PHYSICAL EXAM\nSwelling of the right knee, no effusion.\n"
        "ASSESSMENT AND PLAN\nKnee sprain. Ice, rest and ibuprofen; follow up in two weeks."
    )
    draft = (
        "Patient reports right knee pain for two weeks after a fall. "
        "Right knee swelling without effusion. "
        "Likely knee sprain. Rest, ice and ibuprofen, follow up in 2 weeks."
    )
    got = _by_section(align_sections(final, draft))
    assert [a.alignment for a in got.values()] == ["content"] * 3
    assert got["subjective"].draft_text.startswith("Patient reports")
    assert got["objective"].draft_text == "Right knee swelling without effusion."
    assert got["assessment+plan"].draft_text.startswith("Likely knee sprain.")
    # and the other way round: the final note has no headings
    back = _by_section(align_sections(draft, final))
    assert back["objective"].final_text == "Right knee swelling without effusion."


def test_preamble_goes_to_content_when_the_other_note_has_none():
    final = "S: Ringer pga. hoste i 5 dage.\nO: ua.\nP: kontrol"
    draft = "Ringer pga. hoste i fem dage.\nO: ua.\nP: kontrol"
    got = _by_section(align_sections(final, draft))
    assert "other" not in got
    assert got["subjective"].alignment == "content"
    assert got["subjective"].draft_text == "Ringer pga. hoste i fem dage."


def test_shared_preamble_stays_other():
    final = "Telefonkonsultation.\nS: hoste\nP: kontrol"
    draft = "Telefonkonsultation.\nS: hoste\nP: kontrol"
    got = _by_section(align_sections(final, draft))
    assert got["other"].alignment == "heading" and got["other"].final_text == "Telefonkonsultation."


def test_no_headings_anywhere_is_other():
    (only,) = align_sections("Hoste. Kontrol.", "Hoste.")
    assert (only.section, only.alignment) == ("other", "none")
    (empty,) = align_sections("", "")
    assert empty.final_spans == () and empty.draft_text == ""


def test_custom_map_changes_alignment():
    smap = SectionMap({"fund": "objective", "s": "subjective"}, "test")
    got = _by_section(
        align_sections("S: hoste\nFund: ua.", "S: hoste\nFund: rød", section_map=smap)
    )
    assert list(got) == ["subjective", "objective"]


_LINES = st.sampled_from(
    [
        "S: ondt i halsen",
        "Objektivt:",
        "røde tonsiller",
        "BT: 120/80",
        "PLAN",
        "Vurdering og plan: PcV",
        "HISTORY OF PRESENT ILLNESS",
        "No fever.",
        "",
        "Telefonkonsultation.",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINES, max_size=8), st.lists(_LINES, max_size=8))
def test_spans_are_inside_and_ordered(final_lines, draft_lines):
    final, draft = "\n".join(final_lines), "\n".join(draft_lines)
    aligned = align_sections(final, draft)
    assert [a.section for a in aligned] == sorted(
        {a.section for a in aligned},
        key=lambda s: ("subjective", "objective", "assessment", "plan", "other").index(
            s.split("+")[0]
        ),
    )
    for text, spans in (
        (final, [s for a in aligned for s in a.final_spans]),
        (draft, [s for a in aligned for s in a.draft_spans]),
    ):
        spans = sorted(spans)
        for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2
        assert all(0 <= s <= e <= len(text) for s, e in spans)


@settings(max_examples=40, deadline=None)
@given(st.lists(_LINES, max_size=8))
def test_identical_notes_align_to_identical_sections(lines):
    note = "\n".join(lines)
    for a in align_sections(note, note):
        assert a.final_text == a.draft_text
        assert a.alignment in ("heading", "none")
