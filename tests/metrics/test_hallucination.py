"""Tests of the hallucination family: flag types, grounding, benign edits, the labelled set."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.lexicon.matcher import Matcher
from evalkit.lexicon.model import Lexicon, LexiconEntry
from evalkit.metrics.checkers import CRITICAL_TYPES, FLAG_TYPES
from evalkit.metrics.hallucination import (
    _is_heading,
    build_index,
    evaluate_flags,
    flag_confusion,
    hallucination_flags,
    score_hallucination,
)
from evalkit.metrics.note import NotePair, score_note
from evalkit.metrics.registry import get_metric, list_families

CASES_PATH = Path(__file__).resolve().parents[1] / "labelled" / "hallucination_cases.jsonl"

# A small general-practice lexicon so these tests do not depend on the shipped
# lexicon files (the labelled-set figures with the shipped lexicon are in the
# report). Rows: term | concept_id | category.
_STANDIN_ROWS = {
    "da": """
feber|sym:fever|symptom
febril|sym:fever|symptom
hoste|sym:cough|symptom
snue|sym:rhinorrhoea|symptom
ondt i halsen|sym:sore_throat|symptom
halssmerter|sym:sore_throat|symptom
synkebesvær|sym:dysphagia|symptom
brystsmerter|sym:chest_pain|symptom
åndenød|sym:dyspnoea|symptom
kvalme|sym:nausea|symptom
opkastning|sym:vomiting|symptom
kastet op|sym:vomiting|symptom
kaste op|sym:vomiting|symptom
diarré|sym:diarrhoea|symptom
hovedpine|sym:headache|symptom
smerter|sym:pain|symptom
smerte|sym:pain|symptom
ondt|sym:pain|symptom
ondt i maven|sym:abdominal_pain|symptom
mavesmerter|sym:abdominal_pain|symptom
blod i afføringen|sym:haematochezia|symptom
tørst|sym:thirst|symptom
vægttab|sym:weight_loss|symptom
hævelse|find:swelling|finding
ømhed|find:tenderness|finding
vesikulær respiration|find:vesicular_breathing|finding
synsforstyrrelser|sym:visual_disturbance|symptom
lændesmerter|sym:low_back_pain|symptom
halsbetændelse|dx:pharyngitis|diagnosis
pneumoni|dx:pneumonia|diagnosis
lungebetændelse|dx:pneumonia|diagnosis
luftvejsinfektion|dx:respiratory_infection|diagnosis
diabetes mellitus|dx:diabetes|diagnosis
diabetes|dx:diabetes|diagnosis
type 2-diabetes|dx:diabetes_type_2|diagnosis
hypertension|dx:hypertension|diagnosis
cystitis|dx:cystitis|diagnosis
KOL|dx:copd|diagnosis
kronisk obstruktiv lungesygdom|dx:copd|diagnosis
paracetamol|med:paracetamol|medication
Pamol|med:paracetamol|medication
Panodil|med:paracetamol|medication
ibuprofen|med:ibuprofen|medication
Ipren|med:ibuprofen|medication
diclofenac|med:diclofenac|medication
amoxicillin|med:amoxicillin|medication
metformin|med:metformin|medication
amlodipin|med:amlodipine|medication
Selexid|med:pivmecillinam|medication
Spiriva|med:tiotropium|medication
antibiotika|med:antibiotic|medication
blodtryk|vital:blood_pressure|vital
BT|vital:blood_pressure|vital
temp|vital:temperature|vital
temperatur|vital:temperature|vital
puls|vital:pulse|vital
knæ|anat:knee|anatomy
skulder|anat:shoulder|anatomy
trommehinde|anat:tympanic_membrane|anatomy
abdomen|anat:abdomen|anatomy
mave|anat:abdomen|anatomy
lunger|anat:lung|anatomy
""",
    "en": """
fever|sym:fever|symptom
cough|sym:cough|symptom
sore throat|sym:sore_throat|symptom
chest pain|sym:chest_pain|symptom
shortness of breath|sym:dyspnoea|symptom
night sweats|sym:night_sweats|symptom
weight loss|sym:weight_loss|symptom
headache|sym:headache|symptom
fatigue|sym:fatigue|symptom
joint pain|sym:arthralgia|symptom
pain|sym:pain|symptom
abdominal pain|sym:abdominal_pain|symptom
back pain|sym:back_pain|symptom
knee pain|sym:knee_pain|symptom
swelling|find:swelling|finding
tenderness|find:tenderness|finding
crackles|find:crackles|finding
rash|find:rash|finding
smoking|find:smoking|finding
hypertension|dx:hypertension|diagnosis
atrial fibrillation|dx:atrial_fibrillation|diagnosis
asthma|dx:asthma|diagnosis
migraine|dx:migraine|diagnosis
tension-type headache|dx:tension_headache|diagnosis
rheumatoid arthritis|dx:rheumatoid_arthritis|diagnosis
paracetamol|med:paracetamol|medication
acetaminophen|med:paracetamol|medication
amoxicillin|med:amoxicillin|medication
lisinopril|med:lisinopril|medication
losartan|med:losartan|medication
apixaban|med:apixaban|medication
salbutamol|med:salbutamol|medication
metformin|med:metformin|medication
ibuprofen|med:ibuprofen|medication
blood pressure|vital:blood_pressure|vital
BP|vital:blood_pressure|vital
heart rate|vital:pulse|vital
temperature|vital:temperature|vital
temp|vital:temperature|vital
knee|anat:knee|anatomy
ankle|anat:ankle|anatomy
lung|anat:lung|anatomy
chest|anat:chest|anatomy
""",
}


@functools.lru_cache(maxsize=2)
def standin_matcher(language: str) -> Matcher:
    """A matcher over the stand-in lexicon above (built once per language)."""
    entries = []
    for line in _STANDIN_ROWS[language].strip().splitlines():
        term, concept, category = line.split("|")
        entries.append(LexiconEntry(term, concept, category, language, "test-standin"))
    return Matcher(Lexicon(entries, version=f"standin-{language}"), language=language)


def _flags(
    final: str,
    draft: str,
    *,
    transcript: str | None = None,
    language: str = "da",
    lexicon: bool = True,
) -> list[dict]:
    matcher = standin_matcher(language) if lexicon else None
    return hallucination_flags(
        final, draft, transcript=transcript, language=language, matcher=matcher
    )


def _load_cases() -> list[dict]:
    return [
        json.loads(line)
        for line in CASES_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


# --- flag types, one table -------------------------------------------------------------


@pytest.mark.parametrize(
    ("final", "draft", "language", "flag_type", "flagged_text"),
    [
        (
            "Plan: Pamol 1 g.",
            "Plan: Pamol 1 g. Startet på Amoxicillin.",
            "da",
            "medication",
            "Amoxicillin",
        ),
        ("Metformin 500 mg x 2 dgl.", "Metformin 850 mg x 2 dgl.", "da", "dose", "850 mg"),
        ("Temp 37,9.", "Temp 39,1.", "da", "number", "39,1"),
        ("Har feber.", "Ingen feber.", "da", "negation", "feber"),
        ("Smerter i højre hofte.", "Smerter i venstre hofte.", "da", "laterality", "venstre"),
        ("Vurderes som hypertension.", "Vurderes som diabetes.", "da", "diagnosis", "diabetes"),
        ("Hoste.", "Hoste. Desuden kvalme.", "da", "fabrication", "kvalme"),
        ("Lette smerter i ryggen.", "Svære smerter i ryggen.", "da", "severity", "Svære"),
        ("Blood pressure 120/80.", "Blood pressure 160/80.", "en", "number", "160/80"),
        ("Mild headache.", "Severe headache.", "en", "severity", "Severe"),
        ("Pain in the left ankle.", "Pain in the right ankle.", "en", "laterality", "right"),
        ("No chest pain.", "Chest pain.", "en", "negation", "Chest pain"),
    ],
)
def test_each_type_is_flagged_and_located(final, draft, language, flag_type, flagged_text):
    flags = _flags(final, draft, language=language)
    start = draft.index(flagged_text)
    end = start + len(flagged_text)
    hits = [f for f in flags if f["start"] < end and start < f["end"]]
    assert [f["type"] for f in hits] == [flag_type]
    flag = hits[0]
    assert draft[flag["start"] : flag["end"]] == flag["text"]
    assert flag["source"] == "final_note"
    assert 0 < len(flag["evidence"]) <= 200


@pytest.mark.parametrize(
    ("final", "draft", "language"),
    [
        ("Temp 38,5. BT 130/80.", "Temp 38.5. BT 130/80.", "da"),  # number formatting
        ("Blodtryk 130/80.", "BT 130/80.", "da"),  # abbreviation
        ("Ingen feber. Hoste i 2 uger.", "Hoste i 2 uger. Ingen feber.", "da"),  # reorder
        ("Hoste og snue. Ingen feber.", "Hoste og snue, men ingen feber.", "da"),  # merge
        ("Halssmerter i 4 dage.", "Ondt i halsen i 4 dage.", "da"),  # lay synonym
        ("Pamol 1 g 3 gange dagligt.", "Pamol 1 g x 3 dgl.", "da"),  # frequency wording
        ("Cough for two weeks, no fever.", "Cough for 2 weeks. No fever.", "en"),  # split, words
        ("Weight 1,200 g.", "Weight 1200 g.", "en"),  # thousands separator
    ],
)
def test_benign_edits_get_no_flag(final, draft, language):
    assert _flags(final, draft, language=language) == []


def test_identical_notes_have_no_flags_and_best_values():
    note = "Ondt i halsen i 4 dage. Temp 38,5. Ingen hoste. Plan: Pamol 1 g x 4 dgl."
    score = score_hallucination(NotePair.from_raw(note, note), {"matcher": standin_matcher("da")})
    cols = score.as_columns()
    for name in (
        "n_hallucination_flags",
        "n_critical_flags",
        "hallucination_free",
        "hallucination_flags",
    ):
        assert cols[name] == get_metric(name).best


def test_empty_draft_and_missing_references_give_no_flags():
    assert _flags("Hoste.", "") == []
    assert hallucination_flags("", "Hoste og feber.", matcher=None) == []


def test_kept_content_is_never_critical_even_if_transcript_disagrees():
    transcript = "Læge: Hvilken side?\nPatient: Det er venstre knæ."
    # the clinician kept "højre knæ": endorsed, so at most a non-critical flag
    flags = _flags("Smerter i højre knæ.", "Smerter i højre knæ.", transcript=transcript)
    assert all(f["severity"] == "non-critical" for f in flags)


# --- grounding in the transcript ----------------------------------------------------------

TRANSCRIPT_DA = (
    "Læge: Hvor høj har feberen været?\nPatient: I morges var den otteogtredive komma fem.\n"
    "Læge: Hoster du?\nPatient: Nej.\nMor: Hun har haft ondt i halsen siden mandag."
)


def test_spoken_numbers_and_lay_terms_support_the_draft():
    draft = "Feber 38,5 grader. Halssmerter. Ingen hoste."
    assert _flags("", draft, transcript=TRANSCRIPT_DA) == []


def test_transcript_contradictions_are_flagged_with_source_transcript():
    draft = "Feber 39,5 grader. Halssmerter. Hoste."
    flags = _flags("", draft, transcript=TRANSCRIPT_DA)
    got = {(f["type"], f["text"], f["source"]) for f in flags}
    assert ("number", "39,5 grader", "transcript") in got
    assert ("negation", "Hoste", "transcript") in got
    number = next(f for f in flags if f["type"] == "number")
    assert "otteogtredive komma fem" in number["evidence"]


def test_with_both_references_the_source_says_both():
    draft = "Feber 38,5 grader. Halssmerter. Desuden diarré."
    flags = _flags("Feber 38,5. Halssmerter.", draft, transcript=TRANSCRIPT_DA)
    assert [(f["type"], f["text"], f["source"]) for f in flags] == [
        ("fabrication", "diarré", "both")
    ]


def test_transcript_support_overrides_a_removal_by_the_clinician():
    # the clinician shortened the note; the transcript still supports the statement
    flags = _flags(
        "Feber 38,5.", "Feber 38,5. Ondt i halsen siden mandag.", transcript=TRANSCRIPT_DA
    )
    assert flags == []


def test_speaker_labels_are_not_content():
    ix = build_index(
        "[doctor] any fever ?\n[patient] no .", "en", standin_matcher("en"), transcript=True
    )
    assert all(not any(k.endswith(("doctor", "patient")) for k in u.keys) for u in ix.units)
    assert ix.concepts["sym:fever"] == {True}


# --- the family in score_note --------------------------------------------------------------


def test_family_is_registered_after_terms_and_edit():
    orders = {f.name: f.order for f in list_families()}
    assert orders["hallucination"] == 30
    assert orders["edit"] < orders["hallucination"]


def test_score_note_outputs_all_columns():
    s = score_note(
        "Har feber.", "Ingen feber.", families=["hallucination"], matcher=standin_matcher("da")
    )
    cols = s.as_columns()
    assert cols["n_hallucination_flags"] == len(cols["hallucination_flags"]) == 1
    assert cols["n_critical_flags"] == 1
    assert cols["hallucination_free"] is False


# --- properties -----------------------------------------------------------------------------

_sentences = st.sampled_from(
    [
        "Hoste i 3 dage.",
        "Ingen feber.",
        "Temp 38,5.",
        "BT 130/80.",
        "Smerter i højre knæ.",
        "Pamol 1 g x 4 dgl.",
        "Lette smerter i skulderen.",
        "Vurderes som pneumoni.",
        "Kvalme.",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_sentences, min_size=1, max_size=6, unique=True), st.randoms(use_true_random=False))
def test_reordering_the_sentences_of_the_final_note_never_flags(sentences, rnd):
    draft = " ".join(sentences)
    shuffled = sentences[:]
    rnd.shuffle(shuffled)
    assert _flags(" ".join(shuffled), draft) == []


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_sentences, min_size=1, max_size=5, unique=True),
    st.lists(_sentences, min_size=0, max_size=4, unique=True),
)
def test_flags_are_valid_and_sorted(final_sents, draft_sents):
    draft = " ".join(draft_sents)
    flags = _flags(" ".join(final_sents), draft)
    assert [(f["start"], f["end"]) for f in flags] == sorted((f["start"], f["end"]) for f in flags)
    for f in flags:
        assert draft[f["start"] : f["end"]] == f["text"]
        assert f["type"] in FLAG_TYPES
        assert f["severity"] in ("critical", "non-critical")


# --- evaluation helper ----------------------------------------------------------------------


def test_evaluate_flags_hand_computed():
    labelled = {
        "a": [
            {"type": "dose", "start": 0, "end": 5},
            {"type": "fabrication", "start": 20, "end": 30},
        ],
        "b": [],
    }
    predicted = {
        "a": [{"type": "dose", "start": 3, "end": 4}, {"type": "number", "start": 10, "end": 12}],
        "b": [{"type": "negation", "start": 0, "end": 3}],
    }
    table = evaluate_flags(predicted, labelled)
    assert table.loc["overall", "recall"] == pytest.approx(1 / 2)
    assert table.loc["overall", "precision"] == pytest.approx(1 / 3)
    assert table.loc["critical", "recall"] == 1.0
    assert table.loc["fabrication", "recall"] == 0.0
    confusion = flag_confusion(predicted, labelled)
    assert confusion.loc["dose", "dose"] == 1
    assert confusion.loc["fabrication", "(missed)"] == 1
    assert confusion.loc["(spurious)", "negation"] == 1


def test_evaluate_flags_rejects_unlabelled_cases():
    with pytest.raises(ValueError, match="no labels"):
        evaluate_flags({"x": []}, {})


# --- the labelled set -----------------------------------------------------------------------


def test_labelled_set_is_well_formed():
    cases = _load_cases()
    assert len(cases) >= 40
    assert {c["language"] for c in cases} == {"da", "en"}
    assert {lab["type"] for c in cases for lab in c["labels"]} == set(FLAG_TYPES)
    assert sum(not c["labels"] for c in cases) >= 10
    for c in cases:
        for lab in c["labels"]:
            assert c["ai_note"][lab["start"] : lab["end"]] == lab["text"], c["id"]


def _run_labelled(matcher_for) -> tuple[dict, dict, list[dict]]:
    cases = _load_cases()
    predicted, labelled = {}, {}
    for c in cases:
        pair = NotePair.from_raw(c["final_note"], c["ai_note"], c["transcript"], c["language"])
        score = score_hallucination(pair, {"matcher": matcher_for(c["language"])})
        predicted[c["id"]] = [f.as_dict() for f in score.flags]
        labelled[c["id"]] = c["labels"]
    return predicted, labelled, cases


def _assert_quality_bar(predicted, labelled, cases):
    table = evaluate_flags(predicted, labelled)
    assert table.loc["overall", "recall"] >= 0.85
    assert table.loc["overall", "precision"] >= 0.80
    assert table.loc["critical", "recall"] >= 0.90
    benign = [c["id"] for c in cases if not c["labels"]]
    assert sum(not predicted[b] for b in benign) / len(benign) >= 0.90
    return table


def test_labelled_set_meets_the_quality_bar():
    table = _assert_quality_bar(*_run_labelled(standin_matcher))
    assert set(CRITICAL_TYPES) <= set(table.index)


def test_labelled_set_meets_the_quality_bar_with_the_shipped_lexicon():
    from evalkit.lexicon.matcher import get_matcher

    _assert_quality_bar(*_run_labelled(get_matcher))


# --- the bundled demo data (labels of injected errors) ------------------------------------------

DEMO_DIR = Path(__file__).resolve().parents[2] / "evalkit" / "datasets" / "demo_da"


@pytest.mark.slow
def test_demo_dataset_injected_errors_are_found():
    """Recall/precision on the demo pilot's labelled errors, with the shipped lexicon.

    Every AI-assisted demo note, with its transcript. The demo also holds errors the
    clinician did not correct, which only the transcript can reveal. Measured on
    26 November 2026: recall 0.871, critical recall 0.914, precision 0.889, 407 of 424
    notes without labelled errors flag-free. Version 3 (7 December 2026) flags a kept
    statement only on an explicit contradiction by the talk, so some uncorrected demo
    errors that a loose question match used to reveal are no longer flagged: recall
    0.835, critical recall 0.866, precision 0.850.
    """
    import pandas as pd

    notes_path, labels_path = DEMO_DIR / "notes.csv", DEMO_DIR / "labels.csv"
    if not (notes_path.exists() and labels_path.exists()):
        pytest.skip(f"demo data not found in {DEMO_DIR}")
    from evalkit.lexicon.matcher import get_matcher

    try:
        matcher = get_matcher("da")
    except Exception as exc:  # noqa: BLE001 - the shipped lexicon may be mid-build
        pytest.skip(f"shipped Danish lexicon unavailable: {type(exc).__name__}")
    notes = pd.read_csv(notes_path, keep_default_na=False)
    labels = pd.read_csv(labels_path, keep_default_na=False)
    labels = labels[(labels["kind"] == "error") & (labels["field"] == "ai_note")]
    notes = notes[notes["ai_note"].str.len() > 0]
    predicted, labelled = {}, {}
    for row in notes.itertuples(index=False):
        pair = NotePair.from_raw(
            row.final_note, row.ai_note, row.transcript or None, row.language or "da"
        )
        predicted[row.note_id] = [
            f.as_dict() for f in score_hallucination(pair, {"matcher": matcher}).flags
        ]
        mine = labels[labels["note_id"] == row.note_id]
        labelled[row.note_id] = [
            {"type": r.type, "start": int(r.start), "end": int(r.end)}
            for r in mine.itertuples(index=False)
        ]
    table = evaluate_flags(predicted, labelled)
    assert table.loc["overall", "recall"] >= 0.83
    assert table.loc["overall", "precision"] >= 0.80
    assert table.loc["critical", "recall"] >= 0.86
    benign = [k for k, v in labelled.items() if not v]
    assert sum(not predicted[k] for k in benign) / len(benign) >= 0.90


def test_kept_score_without_transcript_is_not_flagged():
    # regression: the endorsed-number path must not look for a transcript that is absent
    assert _flags("Smerter 3/10.", "Smerter 3/10.") == []
    assert _flags("Smerter 3/10. Hoste.", "Hoste. Smerter 3/10.") == []


_fuzz_pieces = st.sampled_from(
    list("abcæøå ABC.,;:?!-/%°\n0123456789[]")
    + [
        "ingen ",
        "feber ",
        "højre ",
        "mg ",
        "x dgl. ",
        "Læge: ",
        "Patient: ",
        "komma ",
        "to ",
        "og ",
        "ikke ",
        "normalt ",
        "n't ",
        "a ",
        "over ",
        "Vurdering:\n",
        "BT ",
    ]
)
_fuzz_text = st.lists(_fuzz_pieces, max_size=50).map("".join)


@settings(max_examples=60, deadline=None)
@given(_fuzz_text, _fuzz_text, st.one_of(st.none(), _fuzz_text), st.sampled_from(["da", "en"]))
def test_any_text_gives_valid_flags(final, draft, transcript, language):
    """Property: arbitrary text never raises and every flag slices the normalised draft."""
    pair = NotePair.from_raw(final, draft, transcript, language)
    for lexicon in (True, False):
        flags = _flags(final, draft, transcript=transcript, language=language, lexicon=lexicon)
        for f in flags:
            assert pair.ai_note[f["start"] : f["end"]] == f["text"]
            assert len(f["evidence"]) <= 200


# --- transcript grounding of kept content (26 November 2026) ----------------------------------


def test_kept_drug_the_talk_replaces_is_a_non_critical_medication_flag():
    transcript = "Læge: Du får ibuprofen, fire hundrede milligram tre gange dagligt."
    note = "Lændesmerter. Rp. diclofenac 50 mg x 3 dgl."
    flags = _flags(note, note, transcript=transcript)
    med = [f for f in flags if f["type"] == "medication"]
    assert [(f["text"], f["severity"], f["source"]) for f in med] == [
        ("diclofenac", "non-critical", "transcript")
    ]
    assert '"ibuprofen"' in med[0]["evidence"]


def test_kept_drug_class_is_not_contradicted_by_a_member():
    transcript = "Læge: Du får ibuprofen, fire hundrede milligram tre gange dagligt."
    note = "Lændesmerter. Rp. antibiotika."
    assert [f for f in _flags(note, note, transcript=transcript) if f["type"] == "medication"] == []


def test_unknown_word_before_a_dose_is_a_drug():
    # "fantasimycin" is in no lexicon; a strength after it makes it a drug
    flags = _flags(
        "Cystitis. Rp. Selexid 400 mg x 3 dgl.", "Cystitis. Rp. fantasimycin 400 mg x 3 dgl."
    )
    assert ("medication", "fantasimycin") in {(f["type"], f["text"]) for f in flags}
    # the same unknown word in both notes is endorsed
    assert _flags("Rp. fantasimycin 400 mg.", "Rp. fantasimycin 400 mg.") == []


def test_a_bare_number_elsewhere_does_not_support_a_dose():
    # "5" occurs as a count elsewhere in the final note; the dose 5 mg does not
    flags = _flags(
        "Alkohol 5 genstande/uge. Rp. amlodipin 10 mg x 1 dgl.",
        "Alkohol 5 genstande/uge. Rp. amlodipin 5 mg x 1 dgl.",
    )
    assert [(f["type"], f["text"]) for f in flags] == [("dose", "5 mg")]


def test_kept_score_the_patient_gave_otherwise_is_flagged():
    transcript = (
        "Læge: Hvor ondt gør det fra nul til ti?\nPatient: Seks ud af ti. Tre gange om dagen."
    )
    note = "Hovedpine. NRS 3/10."
    flags = _flags(note, note, transcript=transcript)
    assert [(f["type"], f["text"], f["severity"]) for f in flags] == [
        ("severity", "3/10", "non-critical")
    ]


@pytest.mark.parametrize(
    "transcript, flagged",
    [
        ("Læge: Vågner du om natten?\nPatient: Ja, hver nat.", True),
        # an echo answers the question, but (family version 3) only a plain yes or no
        # overrules a statement the clinician kept
        ("Læge: Vågner du om natten?\nPatient: Jeg vågner tit om natten og hoster.", False),
        ("Læge: Vågner du om natten?\nPatient: Nej, jeg sover fint.", False),
        # the "når" clause is taken for granted, not asked about
        ("Læge: Kommer der noget op, når du vågner om natten?\nPatient: Nej.", False),
        # a question with a question word has no yes/no answer
        ("Læge: Hvor tit vågner du om natten?\nPatient: Ja, altså to gange.", False),
    ],
)
def test_yes_no_answers_in_the_transcript(transcript, flagged):
    note = "Astma. Vågner ikke om natten."
    flags = _flags(note, note, transcript=transcript)
    assert any(f["type"] == "negation" for f in flags) is flagged


def test_yes_no_question_about_a_concept_anywhere_in_the_talk():
    transcript = (
        "Læge: Har du brystsmerter?\nPatient: Ja, det gør ondt.\n"
        "Læge: Hvor længe?\nPatient: To dage."
    )
    flags = _flags("", "Hoste i 2 dage. Ingen brystsmerter.", transcript=transcript)
    assert ("negation", "brystsmerter") in {(f["type"], f["text"]) for f in flags}


@pytest.mark.parametrize(
    "final, draft, language",
    [
        ("Sover dårligt. Hoste.", "Sover godt. Hoste.", "da"),
        ("Asthma, poorly controlled.", "Asthma, well controlled.", "en"),
    ],
)
def test_evaluative_words_turned_around_are_a_negation(final, draft, language):
    flags = _flags(final, draft, language=language)
    assert [f["type"] for f in flags] == ["negation"]
    assert flags[0]["text"] in {"godt", "well"}


def test_as_well_is_not_an_evaluation():
    assert _flags("Cough and fever as well.", "Cough and fever as well.", language="en") == []


def test_reworded_symptom_of_the_same_word_family_is_not_flagged():
    # "Opkastning" is a lexicon term, "Opkast" is not: the word family links them
    flags = _flags("Opkast og diarré.", "Opkastning og diarré i 2 døgn.")
    assert [(f["type"], f["text"]) for f in flags] == [("number", "2 døgn")]


def test_a_value_in_capitals_is_not_a_heading():
    flags = _flags("SAT 97 %. Hoste.", "SAT 91 %. Hoste.")
    assert [(f["type"], f["text"]) for f in flags] == [("number", "91 %")]


def _is_heading_reference(text):
    # The heading rule written out step by step, without the cheap first exit.
    if text.count(" ") > 40:
        return False
    body = text.rstrip(": \t")
    words = body.split()
    if not words or len(words) > 6:
        return False
    if text.rstrip().endswith(":"):
        return True
    if not body.isupper() or any(c.isdigit() for c in body):
        return False
    return sum(c.isalpha() for c in body) > 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aBcÆø PLAN:\t\n.1", max_size=40))
def test_heading_rule_matches_its_reference(text):
    """Property: the cheap first exit of _is_heading changes no answer."""
    assert _is_heading(text) == _is_heading_reference(text)


@pytest.mark.parametrize(
    "transcript",
    [
        # asks about other things, not the cough
        "[doctor] any other symptoms besides the cough ?\n[patient] no .",
        # a patient's question is not history
        "[patient] should i worry about the cough ?\n[doctor] no .",
        # two questions in one
        "[doctor] do you still cough , or do you feel better ?\n[patient] no .",
        # what follows "but" qualifies the yes
        "[doctor] do you have a cough ?\n[patient] yes , but it is not bad .",
    ],
)
def test_answers_that_say_nothing_about_the_statement(transcript):
    note = "Cough for 3 days."
    assert [
        f
        for f in _flags(note, note, transcript=transcript, language="en")
        if f["type"] == "negation"
    ] == []


def test_negation_scope_runs_through_a_list():
    ix = build_index(
        "She denies chest pain, shortness of breath, nausea, or vomiting. No fever, but a cough.",
        "en",
        standin_matcher("en"),
    )
    first, *rest = ix.units
    assert all(p == {True} for p in first.polarity.values())
    assert rest[-1].polarity["s:cough"] == {False}


# --- the draft index without the sentences the final note kept -------------------

_SENTENCE_POOL = {
    "da": [
        "Anamnese: 20-årig kvinde med ondt i halsen.",
        "Ingen feber, men hoste i 3 dage.",
        "Smerter i højre knæ.",
        "Smerter i venstre knæ.",
        "Plan: Pamol 1 g x 4 dgl.",
        "Phenoxymethylpenicillin 1 mio. IE x 3 dgl. i 7 dage.",
        "Phenoxymethylpenicillin 1 mio. IE x 4 dgl. i 10 dage.",
        "Temp. 38,5, BT 130/85.",
        "Temp. 37,2, BT 120/80.",
        "VURDERING",
        "Objektivt:",
        "Ryger ikke.",
        "Lette smerter, værre om natten.",
        "Svære smerter.",
        "Sulfamethizol 400 mg x 2 dgl.",
        "Hjerte uden anmærkninger.",
        "Kontrol ved forværring.",
    ],
    "en": [
        "She denies chest pain, fever, or vomiting.",
        "Cough for 3 days, but no fever.",
        "Pain in the right knee.",
        "Pain in the left knee.",
        "PLAN",
        "Assessment:",
        "Ibuprofen 400 mg three times daily.",
        "Ibuprofen 600 mg twice daily.",
        "Blood pressure 130/85, temperature 38.5.",
        "Mild pain, worse at night.",
        "Severe pain.",
        "Chest x-ray is normal.",
        "Follow up in 2 weeks.",
    ],
}


class _NoFlags:
    """A plug-in checker that finds nothing; with it the draft is indexed in full."""

    name = "none"

    def check(self, pair, context):
        return []


@st.composite
def _kept_and_changed(draw):
    language = draw(st.sampled_from(["da", "en"]))
    pool = _SENTENCE_POOL[language]
    final = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8))
    draft = draw(
        st.lists(st.one_of(st.sampled_from(final), st.sampled_from(pool)), min_size=1, max_size=8)
    )
    join = draw(st.sampled_from([" ", "\n", "\n\n"]))
    return language, join.join(final), join.join(draft)


@settings(max_examples=150, deadline=None)
@given(_kept_and_changed())
def test_leaving_kept_sentences_out_of_the_draft_index_changes_no_flag(case):
    """Property: without a transcript the draft index skips the sentences the final note
    has word for word; the flags equal those of the full index (forced by a plug-in)."""
    language, final, draft = case
    pair = NotePair.from_raw(final, draft, None, language)
    matcher = standin_matcher(language)
    fast = score_hallucination(pair, {"matcher": matcher}).flags
    full = score_hallucination(pair, {"matcher": matcher, "checkers": [_NoFlags()]}).flags
    assert fast == full


def test_a_heading_in_a_kept_sentence_still_starts_the_section():
    text = "Anamnese: ondt i halsen.\nVURDERING\nHalsbetændelse.\nPLAN\nPamol."
    full = build_index(text, "da")
    part = build_index(text, "da", leave_out={"VURDERING", "PLAN", "Anamnese: ondt i halsen."})
    assert [u.section for u in part.units] == ["vurdering", "plan"]
    assert [(u.start, u.end, u.section, u.keys) for u in part.units] == [
        (u.start, u.end, u.section, u.keys) for u in full.units if not u.heading and u.start > 30
    ]


def test_a_number_running_over_a_left_out_sentence_break_covers_its_unit():
    # "1 mio." ends a sentence; "IE" belongs to the number in the sentence before
    text = "Plan: Penicillin 1 mio. IE x 2 dgl. i 10 dage."
    full = build_index(text, "da")
    part = build_index(text, "da", leave_out={"Plan: Penicillin 1 mio."})
    assert "w:ie" not in part.units[0].keys
    assert part.units[0].keys == full.units[-1].keys


def test_a_draft_the_clinician_only_added_to_has_no_flags_and_needs_no_final_index(monkeypatch):
    import evalkit.metrics.hallucination as h

    final = "Ondt i halsen i 3 dage. Ingen feber.\nPlan: Pamol 1 g x 4 dgl. Kontrol om 1 uge."
    draft = "Ondt i halsen i 3 dage.\nPlan: Pamol 1 g x 4 dgl."
    calls = []
    real = h.build_index

    def counting(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(h, "build_index", counting)
    pair = NotePair.from_raw(final, draft, None, "da")
    assert score_hallucination(pair, {"matcher": standin_matcher("da")}).flags == ()
    assert calls == [pair.ai_note]  # the final note was never indexed
    # the full index agrees that nothing is flagged
    full = {"matcher": standin_matcher("da"), "checkers": [_NoFlags()]}
    assert score_hallucination(pair, full).flags == ()


def test_a_drug_named_by_its_dose_in_a_kept_sentence_still_counts_as_present(monkeypatch):
    import evalkit.metrics.hallucination as h

    seen = {}
    real = h.CheckContext

    def capture(language, options, previous, indexes):
        seen["draft"] = indexes["draft"]
        return real(language, options, previous, indexes)

    monkeypatch.setattr(h, "CheckContext", capture)
    final = "Xylotramin 400 mg x 2 dgl.\nKontrol om 1 uge."
    draft = "Xylotramin 400 mg x 2 dgl.\nKontrol om 2 uger."
    pair = NotePair.from_raw(final, draft, None, "da")
    score_hallucination(pair, {"matcher": standin_matcher("da")})
    fast = seen["draft"]
    assert len(fast.units) == 1  # only the changed sentence is indexed
    full = build_index(pair.ai_note, "da", standin_matcher("da"))
    assert "drug:xylotramin" in full.present
    assert fast.present == full.present
