"""Tests of ConceptChecker: polarity flips of lexicon concepts and concepts no reference has."""

from __future__ import annotations

from tests.metrics.hallucination.conftest import TRANSCRIPT_DA, _flags


def test_kept_content_is_never_critical_even_if_transcript_disagrees():
    transcript = "Læge: Hvilken side?\nPatient: Det er venstre knæ."
    # the clinician kept "højre knæ": endorsed, so at most a non-critical flag
    flags = _flags("Smerter i højre knæ.", "Smerter i højre knæ.", transcript=transcript)
    assert all(f["severity"] == "non-critical" for f in flags)


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


def test_yes_no_question_about_a_concept_anywhere_in_the_talk():
    transcript = (
        "Læge: Har du brystsmerter?\nPatient: Ja, det gør ondt.\n"
        "Læge: Hvor længe?\nPatient: To dage."
    )
    flags = _flags("", "Hoste i 2 dage. Ingen brystsmerter.", transcript=transcript)
    assert ("negation", "brystsmerter") in {(f["type"], f["text"]) for f in flags}


def test_reworded_symptom_of_the_same_word_family_is_not_flagged():
    # "Opkastning" is a lexicon term, "Opkast" is not: the word family links them
    flags = _flags("Opkast og diarré.", "Opkastning og diarré i 2 døgn.")
    assert [(f["type"], f["text"]) for f in flags] == [("number", "2 døgn")]


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


def test_concept_flags_come_from_the_concept_check():
    from evalkit.metrics.hallucination import score_hallucination
    from evalkit.metrics.note import NotePair
    from tests.metrics.hallucination.conftest import standin_matcher

    pair = NotePair.from_raw("Har feber. Hoste.", "Ingen feber. Hoste.", None, "da")
    flags = score_hallucination(pair, {"matcher": standin_matcher("da")}).flags
    assert [(f.type, f.checker, f.text) for f in flags] == [("negation", "concepts", "feber")]


def test_a_flipped_presence_word_is_inside_the_negation_flag():
    # the word that was turned around is the presence word, not the finding's name
    draft = "Swelling positive on the left."
    flags = _flags("Swelling negative on the left.", draft, language="en")
    assert [(f["type"], f["text"]) for f in flags] == [("negation", "Swelling positive")]
    draft = "Tenderness is absent."
    flags = _flags("Tenderness is present.", draft, language="en")
    assert [(f["type"], f["text"]) for f in flags] == [("negation", "Tenderness is absent")]
    draft = "Negativ for hævelse."
    flags = _flags("Positiv for hævelse.", draft)
    assert [(f["type"], f["text"]) for f in flags] == [("negation", "Negativ for hævelse")]


def test_a_plain_negation_cue_leaves_the_flag_on_the_finding():
    flags = _flags("Hævelse over knæet.", "Ingen hævelse over knæet.")
    assert [(f["type"], f["text"]) for f in flags] == [("negation", "hævelse")]
    # benign counterpart: the same presence word, the same polarity, no flag
    assert (
        _flags("Swelling positive on the left.", "Positive swelling on the left.", language="en")
        == []
    )


def test_denying_a_finding_the_final_note_affirms_a_narrower_form_of():
    # "knee pain" is a pain: denying pain contradicts it
    flags = _flags("Knee pain for a week.", "No pain.", language="en")
    assert [(f["type"], f["text"]) for f in flags] == [("negation", "pain")]
    # benign counterparts: the narrower form denied too, or the broader one affirmed
    assert [
        f for f in _flags("No knee pain.", "No pain.", language="en") if f["type"] == "negation"
    ] == []
    assert _flags("Knee pain for a week.", "Pain for a week.", language="en") == []


def test_a_kept_test_result_the_clinician_states_the_other_way():
    from evalkit import hallucination_flags

    note = "Urine pregnancy test negative."
    talk = "[doctor] the urine pregnancy test came back positive .\n[patient] oh , okay ."
    flags = hallucination_flags(note, note, transcript=talk, language="en")
    assert [(f["type"], f["text"], f["severity"], f["source"]) for f in flags] == [
        ("negation", "Urine pregnancy test negative", "non-critical", "transcript")
    ]
    # benign counterparts: the talk agrees, only asks, or the patient guesses
    for talk in (
        "[doctor] the urine pregnancy test came back negative .\n[patient] okay .",
        "[doctor] was the urine pregnancy test positive ?\n[patient] i don't know .",
        "[patient] i think the urine pregnancy test was positive .\n[doctor] let's see .",
    ):
        assert hallucination_flags(note, note, transcript=talk, language="en") == []


def test_denying_a_diagnosis_the_final_note_affirms_a_narrower_form_of():
    from evalkit import hallucination_flags

    flags = hallucination_flags("Allergi over for penicillin.", "Ingen kendte allergier.")
    assert [(f["type"], f["severity"]) for f in flags] == [("negation", "critical")]
    # benign counterparts: the same narrower diagnosis denied, or another diagnosis
    assert (
        hallucination_flags("Ingen allergi over for penicillin.", "Ingen kendte allergier.") == []
    )
    # (an invented pertinent negative is a non-critical fabrication, not a flip)
    flags = hallucination_flags("Astma.", "Ingen kendte allergier. Astma.")
    assert [f["type"] for f in flags] == ["fabrication"]


def test_a_lexicon_name_spelled_out_in_the_final_note_is_no_new_concept():
    from evalkit import hallucination_flags

    # "KOL-forværring" is a name of the COPD exacerbation: "KOL med akut forværring" says it
    assert hallucination_flags("KOL med akut forværring.", "Akut exacerbation af KOL.") == []
    # not when the final note denies the parts, nor when a part is missing
    flags = hallucination_flags("KOL uden forværring.", "Akut exacerbation af KOL.")
    assert [f["type"] for f in flags] == ["diagnosis"]
    flags = hallucination_flags("KOL, stabil.", "Akut exacerbation af KOL.")
    assert [f["type"] for f in flags] == ["diagnosis"]


def test_a_kept_assessment_diagnosis_the_clinician_rules_out_in_the_talk():
    from evalkit import hallucination_flags

    note = "A: Pneumoni."
    talk = "Læge: Jeg lytter på lungerne, det lyder fint.\nLæge: Så det er ikke en lungebetændelse."
    flags = hallucination_flags(note, note, transcript=talk)
    assert [(f["type"], f["severity"], f["source"]) for f in flags] == [
        ("negation", "non-critical", "transcript")
    ]
    # benign counterparts: the note hedges it, it is a plan, or the talk agrees
    for kept in ("A: Pneumoni mindre sandsynlig.", "Plan: Kontrol for pneumoni."):
        assert hallucination_flags(kept, kept, transcript=talk) == []
    agrees = "Læge: Det lyder som en lungebetændelse."
    assert hallucination_flags(note, note, transcript=agrees) == []
