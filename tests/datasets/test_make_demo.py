"""Tests of the synthetic Danish pilot generator and the bundled demo files."""

from __future__ import annotations

import datetime as dt
import math
import random
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein
from scipy.stats import spearmanr

from evalkit.datasets import demo, make_demo
from evalkit.datasets.make_demo import (
    ABBREVIATIONS,
    CRITICAL_TYPES,
    DRAFT_ERRORS,
    HEADINGS,
    PROBLEMS,
    DraftErrors,
    EditingProfile,
    Layout,
    build_consultation,
    generate,
    make_draft,
    swap_abbreviation,
)
from evalkit.text.normalize import collapse_whitespace, normalize_text

LABEL_TYPES = {
    "medication", "dose", "number", "negation", "laterality",
    "diagnosis", "fabrication", "severity", "omission",
}  # fmt: skip


@pytest.fixture(scope="module")
def notes() -> pd.DataFrame:
    return demo.load_demo()


@pytest.fixture(scope="module")
def labels() -> pd.DataFrame:
    return demo.load_demo_labels()


@pytest.fixture(scope="module")
def ai_notes(notes: pd.DataFrame) -> pd.DataFrame:
    return notes[notes["ai_assisted"].astype(bool)]


def _contains_word(text: str, phrase: str) -> bool:
    return (
        re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text, flags=re.IGNORECASE) is not None
    )


# ---- the committed files ----------------------------------------------------------------


def test_regeneration_is_byte_identical(tmp_path):
    paths = make_demo.make_demo(tmp_path)
    bundled = demo.demo_path()
    for path in paths.values():
        assert path.read_bytes() == (bundled / path.name).read_bytes(), (
            f"{path.name} differs from the committed file; "
            "run `python -m evalkit.datasets.make_demo` and commit the result"
        )


def test_committed_data_is_small():
    total = sum(p.stat().st_size for p in demo.demo_path().glob("*.csv"))
    assert total < 5 * 1024 * 1024


def test_files_are_utf8_with_lf_line_endings():
    for path in demo.demo_path().glob("*.csv"):
        raw = path.read_bytes()
        assert b"\r" not in raw
        assert not raw.startswith(b"\xef\xbb\xbf")
        raw.decode("utf-8")


def test_another_seed_gives_other_data(notes):
    # Same-seed determinism is covered by the byte-identical regeneration above.
    other, _ = generate(12)
    assert [r["final_note"] for r in other] != notes["final_note"].tolist()


# ---- shape of the pilot -------------------------------------------------------------------


def test_pilot_design(notes, ai_notes):
    assert notes["clinic_id"].nunique() == 14
    assert notes["clinician_id"].nunique() == 18
    gps_per_clinic = notes.groupby("clinic_id")["clinician_id"].nunique()
    assert gps_per_clinic.max() == 2 and gps_per_clinic.min() == 1
    assert len(ai_notes) >= 600
    assert (~notes["ai_assisted"]).sum() >= 200
    assert len(notes) >= 800
    assert set(notes["consultation_type"]) == {"in-person", "video", "phone"}
    assert set(notes["language"]) == {"da"}
    assert notes["note_id"].is_unique
    dates = pd.to_datetime(notes["consultation_date"])
    assert (dates.max() - dates.min()).days >= 21, "the pilot should span several weeks"
    assert (dates.dt.day_of_week < 5).all()


def test_enough_presenting_problems():
    assert len(PROBLEMS) >= 25
    assert len({p.key for p in PROBLEMS}) == len(PROBLEMS)


def test_control_notes_have_no_draft(notes):
    control = notes[~notes["ai_assisted"]]
    assert (control["ai_note"] == "").all()
    assert (control["transcript"] == "").all()
    assert control["edit_seconds"].isna().all()
    assert (control["final_note"].str.len() > 50).all()


def test_ai_notes_have_transcript_and_draft(ai_notes):
    assert (ai_notes["ai_note"].str.len() > 50).all()
    assert ai_notes["transcript"].str.startswith("Læge: ").all()
    assert ai_notes["transcript"].str.contains(r"\n(?:Patient|Mor): ").all()
    assert ai_notes["transcript"].str.contains("Mor: ").any()


def test_texts_are_already_normalised(notes):
    for column in ("transcript", "ai_note", "final_note"):
        for text in notes[column]:
            assert normalize_text(text) == text


def test_no_doubled_stops_headings_or_lowercase_section_starts(notes):
    headings = "S|O|A|P|Anamnese|Objektivt|Vurdering|Plan"
    for column in ("ai_note", "final_note"):
        texts = notes[column]
        assert not texts.str.contains(r"\.\.", regex=True).any()
        assert not texts.str.contains(rf"(?:^|\n)(?:{headings}):[ \n][a-zæøå]", regex=True).any()
        assert not any(re.search(r"(\b\w+:)\s+\1", text) for text in texts)


def test_timing_is_consistent_with_timestamps(notes):
    started = notes["doc_started_at"].map(dt.datetime.fromisoformat)
    signed = notes["doc_signed_at"].map(dt.datetime.fromisoformat)
    elapsed = [(b - a).total_seconds() for a, b in zip(started, signed, strict=True)]
    assert elapsed == notes["doc_seconds"].astype(float).tolist()
    assert all(s.tzinfo is not None for s in started)
    assert (started.map(lambda s: s.date().isoformat()) == notes["consultation_date"]).all()
    assert (notes["doc_seconds"] > 0).all()


def test_one_consultation_per_clinician_and_slot(notes):
    started = notes["doc_started_at"].map(dt.datetime.fromisoformat)
    # Documentation starts 8-16 minutes into the quarter-hour consultation slot.
    keys = [
        (gp, t.date().isoformat(), (t.hour * 60 + t.minute - 8) // 15)
        for gp, t in zip(notes["clinician_id"], started, strict=True)
    ]
    assert len(set(keys)) == len(keys)


def test_edit_seconds_positive_and_within_doc_seconds(ai_notes):
    assert (ai_notes["edit_seconds"] >= 1).all()
    assert (ai_notes["edit_seconds"] <= ai_notes["doc_seconds"]).all()


def test_ai_notes_are_faster_than_control_notes(notes):
    # Geometric means, the scale of the mixed model in the time-saved analysis.
    log_seconds = notes["doc_seconds"].astype(float).map(math.log)
    by_arm = log_seconds.groupby(notes["ai_assisted"]).mean()
    ratio = float(math.exp(by_arm[True] - by_arm[False]))
    assert 0.65 <= ratio <= 0.85, (
        f"AI/control time ratio {ratio:.2f} outside the designed 20-30% saving"
    )


def test_clinicians_differ_in_speed_and_editing(notes, ai_notes):
    control = notes[~notes["ai_assisted"]]
    median_time = control.groupby("clinician_id")["doc_seconds"].median().astype(float)
    assert median_time.max() / median_time.min() > 1.5
    unchanged = ai_notes["ai_note"].map(collapse_whitespace) == ai_notes["final_note"].map(
        collapse_whitespace
    )
    per_gp = unchanged.groupby(ai_notes["clinician_id"]).mean()
    assert per_gp.max() - per_gp.min() > 0.2


def test_edit_seconds_increase_with_amount_of_editing(ai_notes):
    distance = [
        Levenshtein.distance(a, f)
        for a, f in zip(ai_notes["ai_note"], ai_notes["final_note"], strict=True)
    ]
    rho = spearmanr(distance, ai_notes["edit_seconds"].astype(float)).statistic
    assert rho > 0.6


def test_draft_spread(ai_notes):
    draft, final = ai_notes["ai_note"], ai_notes["final_note"]
    unchanged = draft.map(collapse_whitespace) == final.map(collapse_whitespace)
    assert 0.25 <= unchanged.mean() <= 0.35
    assert ((draft != final) & unchanged).any(), "some notes should differ in whitespace only"
    norm = [Levenshtein.normalized_distance(a, f) for a, f in zip(draft, final, strict=True)]
    changed = pd.Series(norm)[~unchanged.to_numpy()]
    assert (changed <= 0.15).mean() > 0.55, "most changed notes should be lightly edited"
    assert 0.05 <= (changed > 0.3).mean() <= 0.3, "some notes should be heavily edited"


# ---- labels --------------------------------------------------------------------------------


def test_label_offsets_slice_to_text(notes, labels):
    texts = notes.set_index("note_id")
    for row in labels.itertuples(index=False):
        note = normalize_text(texts.at[row.note_id, row.field])
        assert note[row.start : row.end] == row.text, f"label of {row.note_id} at {row.start}"
        assert row.text.strip() == row.text and row.text


def test_label_vocabulary(labels):
    assert set(labels["type"]) == LABEL_TYPES
    assert set(labels["kind"]) == {"error", "omission"}
    expected_severity = labels["type"].map(
        lambda t: "critical" if t in CRITICAL_TYPES else "non-critical"
    )
    assert (labels["severity"] == expected_severity).all()
    is_omission = labels["kind"] == "omission"
    assert (labels.loc[is_omission, "type"] == "omission").all()
    assert (labels.loc[is_omission, "field"] == "final_note").all()
    assert (labels.loc[~is_omission, "field"] == "ai_note").all()
    assert (labels["concept"].str.len() > 0).all()
    assert labels.loc[~is_omission, "type"].value_counts().min() >= 15


def test_labels_only_on_ai_notes(notes, labels):
    ai_ids = set(notes.loc[notes["ai_assisted"], "note_id"])
    assert set(labels["note_id"]) <= ai_ids


def test_most_errors_corrected_some_slip_through(labels):
    errors = labels[labels["kind"] == "error"]
    share = errors["corrected_in_final"].astype(bool).mean()
    assert 0.7 <= share < 0.98


def test_replaced_values_differ_from_the_truth(labels):
    replaced = labels[(labels["kind"] == "error") & (labels["expected"] != "")]
    assert (replaced["text"].str.lower() != replaced["expected"].str.lower()).all()


def test_corrections_visible_in_final_note(notes, labels):
    texts = notes.set_index("note_id")
    for row in labels.itertuples(index=False):
        draft = texts.at[row.note_id, "ai_note"]
        final = texts.at[row.note_id, "final_note"]
        if row.kind == "omission":
            assert row.text not in draft, f"omitted term of {row.note_id} is in the draft"
        elif not row.corrected_in_final:
            assert row.text.lower() in final.lower(), (
                f"uncorrected error of {row.note_id} missing from the final note"
            )
        elif row.type in ("fabrication", "medication"):
            assert not _contains_word(final, row.text), (
                f"corrected error of {row.note_id} still in final"
            )
        if row.corrected_in_final:
            assert draft != final


def test_uncorrected_errors_contradict_the_transcript(notes, labels):
    # A slipped-through wrong drug is still absent from what was said.
    texts = notes.set_index("note_id")
    slipped = labels[(labels["type"] == "medication") & ~labels["corrected_in_final"].astype(bool)]
    for row in slipped.itertuples(index=False):
        assert not _contains_word(texts.at[row.note_id, "transcript"], row.text)


def test_invented_content_is_not_in_the_transcript(notes, labels):
    texts = notes.set_index("note_id")
    invented = labels[labels["type"] == "fabrication"]
    assert len(invented) > 0
    for row in invented.itertuples(index=False):
        assert not _contains_word(texts.at[row.note_id, "transcript"], row.text)


def test_omitted_terms_are_in_the_final_note_only(notes, labels):
    texts = notes.set_index("note_id")
    for row in labels[labels["kind"] == "omission"].itertuples(index=False):
        assert not _contains_word(texts.at[row.note_id, "ai_note"], row.text)
        assert _contains_word(texts.at[row.note_id, "final_note"], row.text)


def test_every_problem_is_used(notes):
    reasons = notes["final_note"].str.extract(r"pga\. ([^.]+)\.")[0]
    used = set(reasons.dropna())
    assert {p.reason for p in PROBLEMS} <= used


def test_benign_edits_without_labels(ai_notes, labels):
    changed = ai_notes[
        ai_notes["ai_note"].map(collapse_whitespace)
        != ai_notes["final_note"].map(collapse_whitespace)
    ]
    unlabelled = ~changed["note_id"].isin(set(labels["note_id"]))
    assert unlabelled.mean() > 0.3, "many edited notes should have only benign edits"


def test_numbers_in_transcripts_often_spoken_as_words(ai_notes):
    spoken = ai_notes["transcript"].str.contains(
        r"\b\w+og(?:tyve|tredive|fyrre|halvtreds|tres|halvfjerds|firs|halvfems)\b"
    )
    assert spoken.mean() > 0.3
    assert ai_notes["transcript"].str.contains(" komma ").any()


# ---- helpers -------------------------------------------------------------------------------


@given(
    st.lists(
        st.sampled_from(
            ["Ctr. om ", "{dose}", " pt. ", "{drug}", " og ", "Vurd.: ", "temp", " u.a."]
        ),
        max_size=8,
    ),
    st.integers(0, 1000),
)
def test_swap_abbreviation_keeps_slots(chunks, seed):
    template = "".join(chunks)
    swapped = swap_abbreviation(template, random.Random(seed))
    slots = re.findall(r"\{\w+\}", template)
    if swapped is None:
        literal = re.sub(r"\{\w+\}", "|", template)
        forms = [form for pair in ABBREVIATIONS for form in pair]
        assert not any(re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", literal) for f in forms)
    else:
        assert re.findall(r"\{\w+\}", swapped) == slots
        assert swapped != template


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(PROBLEMS),
    st.sampled_from(["in-person", "video", "phone"]),
    st.integers(0, 2**32 - 1),
    st.floats(0.0, 1.0),
)
def test_any_draft_labels_slice_to_their_text(problem, consultation_type, seed, vigilance):
    rng = random.Random(seed)
    consultation = build_consultation(problem, consultation_type, rng, with_transcript=True)
    profile = EditingProfile(p_unchanged=0.0, p_heavy=0.5, vigilance=vigilance, verbosity=0.5)
    layout = Layout(HEADINGS["long"], "\n")
    outcome = make_draft(consultation, profile, rng, layout)
    texts = {"ai_note": outcome.ai_note, "final_note": outcome.final_note}
    for label in outcome.labels:
        text = texts[str(label["field"])]
        assert text[int(label["start"]) : int(label["end"])] == label["text"]
        if label["corrected_in_final"] and label["kind"] == "error":
            assert outcome.ai_note != outcome.final_note
    assert consultation.transcript.startswith("Læge: ")


def test_command_line_writes_both_files(tmp_path, capsys):
    assert make_demo.main(["--out", str(tmp_path), "--seed", "5"]) == 0
    printed = capsys.readouterr().out
    assert (tmp_path / "notes.csv").is_file() and (tmp_path / "labels.csv").is_file()
    assert "notes.csv" in printed and "labels.csv" in printed


# ---- the draft-error configuration --------------------------------------------------------


def test_error_weights_cover_every_error_type():
    types = {t for t, _ in DRAFT_ERRORS.error_weights}
    assert types == LABEL_TYPES - {"omission"}
    assert all(w > 0 for _, w in DRAFT_ERRORS.error_weights)


def test_light_error_thresholds_give_the_documented_chances():
    # P(k errors) = gap between thresholds k and k+1 of a uniform draw.
    edges = (0.0, *DRAFT_ERRORS.light_error_thresholds, 1.0)
    chances = [round(b - a, 2) for a, b in zip(edges, edges[1:], strict=False)]
    assert chances == [0.55, 0.31, 0.11, 0.03]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"light_omission": 1.5}, "light_omission is a probability"),
        ({"vigilance_range": (0.9, 0.8)}, "vigilance_range must be"),
        ({"heavy_error_thresholds": (0.7, 0.35, 0.9)}, "must rise"),
        ({"light_benign_weights": (0.5, 0.5)}, "one weight per benign kind"),
        ({"benign_kinds": ("rephrase", "spellcheck", "number", "reorder")}, "spellcheck"),
    ],
)
def test_draft_errors_reject_bad_values(change, message):
    with pytest.raises(ValueError, match=message):
        DraftErrors(**change)


def test_draft_errors_change_the_drafts():
    problem = PROBLEMS[0]
    profile = EditingProfile(p_unchanged=0.0, p_heavy=0.0, vigilance=0.0, verbosity=0.0)
    layout = Layout(HEADINGS["soap"], " ")
    always = DraftErrors(light_error_thresholds=(0.0, 0.0, 0.0))
    never = DraftErrors(light_error_thresholds=(1.0, 1.0, 1.0), light_omission=0.0)
    counts = {}
    for name, errors in (("always", always), ("never", never)):
        n = 0
        for seed in range(20):
            rng = random.Random(seed)
            consultation = build_consultation(problem, "in-person", rng, with_transcript=False)
            n += len(make_draft(consultation, profile, rng, layout, errors=errors).labels)
        counts[name] = n
    assert counts["never"] == 0
    assert counts["always"] >= 20 * 2  # three tries per draft; most find a place
