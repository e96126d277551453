"""Tests of NumberChecker: doses, scores and other numbers against the references."""

from __future__ import annotations

from tests.metrics.hallucination.conftest import TRANSCRIPT_DA, _flags


def test_spoken_numbers_and_lay_terms_support_the_draft():
    draft = "Feber 38,5 grader. Halssmerter. Ingen hoste."
    assert _flags("", draft, transcript=TRANSCRIPT_DA) == []


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


def test_kept_score_without_transcript_is_not_flagged():
    # regression: the endorsed-number path must not look for a transcript that is absent
    assert _flags("Smerter 3/10.", "Smerter 3/10.") == []
    assert _flags("Smerter 3/10. Hoste.", "Hoste. Smerter 3/10.") == []


def _raised(final, draft, transcript=None):
    from evalkit.metrics.hallucination import score_hallucination
    from evalkit.metrics.note import NotePair

    pair = NotePair.from_raw(final, draft, transcript, "da")
    flags = score_hallucination(pair, {"matcher": None}).flags
    return [(f.type, f.checker, f.text, f.severity, f.source) for f in flags]


def test_dose_number_and_score_flags_come_from_the_number_check():
    assert _raised("Pamol 500 mg x 4 dgl.", "Pamol 1000 mg x 4 dgl.")[0][:4] == (
        "dose",
        "numbers",
        "1000 mg",
        "critical",
    )
    assert _raised("Temp 38,5. Puls 80.", "Temp 39,5. Puls 80.")[0][:3] == (
        "number",
        "numbers",
        "39,5",
    )
    # a score is a grade on a scale too: the scale check's flag may stand for both
    (score,) = _raised("Smerter 3/10.", "Smerter 8/10.")
    assert score[0] == "severity" and score[1] in {"numbers", "scales"} and "8/10" in score[2]


def test_a_spoken_decimal_contradicts_a_kept_value_with_decimals():
    note = "Feber, max 38,9."
    spoken = "Læge: Hvor høj var feberen?\nPatient: Niogtredive komma otte i nat."
    flags = _flags(note, note, transcript=spoken)
    assert [(f["type"], f["text"], f["source"]) for f in flags] == [
        ("number", "38,9", "transcript")
    ]


def test_a_spoken_whole_number_does_not_contradict_a_kept_decimal():
    # speech drops decimals: "niogtredive" for 38,9 is no explicit contradiction
    note = "Feber, max 38,9."
    spoken = "Læge: Hvor høj var feberen?\nPatient: Næsten niogtredive."
    assert _flags(note, note, transcript=spoken) == []


def test_a_bare_reply_to_a_scale_question_is_a_score():
    note = "Pain 3/10."
    talk = "Doctor: On a scale of one to ten, how bad is the pain?\nPatient: About an eight."
    flags = _flags(note, note, transcript=talk, language="en")
    assert [(f["type"], f["text"]) for f in flags] == [("severity", "3/10")]
    # the same reply to a question without a scale is no score
    talk = "Doctor: How many times did you wake up?\nPatient: About eight."
    assert _flags(note, note, transcript=talk, language="en") == []


def _kept(
    note: str, transcript: str, language: str, *, lexicon: bool = True
) -> list[tuple[str, str, str, str]]:
    flags = _flags(note, note, transcript=transcript, language=language, lexicon=lexicon)
    return [(f["type"], f["text"], f["severity"], f["source"]) for f in flags]


def test_kept_vital_the_talk_reads_out_far_apart_without_a_unit():
    talk = "[doctor] your heart rate is ninety-six , a little fast .\n[patient] okay ."
    assert _kept("Heart rate 64.", talk, "en") == [("number", "64", "non-critical", "transcript")]
    # benign counterparts: a rounding in speech, and a value read short ("one thirty")
    talk = "[doctor] your heart rate is about sixty-five .\n[patient] okay ."
    assert _kept("Heart rate 64.", talk, "en") == []
    talk = "[doctor] your heart rate is thirty over the last visit .\n[patient] okay ."
    assert _kept("Heart rate 130.", talk, "en") == []


def test_kept_measurement_the_talk_gives_once_in_its_unit():
    talk = "Læge: Du vejer toogfirs kilo i dag.\nPatient: Det er mere end sidst."
    assert _kept("Vægt 70 kg.", talk, "da") == [("number", "70 kg", "non-critical", "transcript")]
    assert _kept("Vægt 82 kg.", talk, "da") == []
    # two readings in the unit: no single value to contradict the kept one
    talk = "Læge: Du vejede toogfirs kilo sidst og nu firs kilo.\nPatient: Ja."
    assert _kept("Vægt 70 kg.", talk, "da") == []
    # sizes come in several values: a centimetre is no single reading
    talk = "[doctor] the lesion is about four centimeters .\n[patient] okay ."
    assert _kept("Lesion 2 cm.", talk, "en") == []


def test_kept_follow_up_against_the_one_interval_the_talk_sets():
    talk = "Læge: Vi ses igen om tre uger og tager en ny prøve.\nPatient: Fint."
    assert _kept("Kontrol om 1 uge.", talk, "da") == [
        ("number", "1 uge", "non-critical", "transcript")
    ]
    assert _kept("Kontrol om 3 uger.", talk, "da") == []
    # a follow-up is not how long a complaint has lasted
    assert _kept("Hoste i 1 uge.", talk, "da") == []


def test_kept_duration_of_a_complaint_needs_a_related_sentence_and_one_length():
    talk = "[doctor] how long have you had the rash ?\n[patient] about three weeks now ."
    assert _kept("Rash for 4 days.", talk, "en", lexicon=False) == [
        ("number", "4 days", "non-critical", "transcript")
    ]
    # the same length written another way, and a length plus a half
    assert _kept("Rash for 21 days.", talk, "en", lexicon=False) == []
    talk = "[doctor] how long have you had the rash ?\n[patient] a year and a half ."
    assert _kept("Rash for 1.5 years.", talk, "en", lexicon=False) == []
    assert _kept("Rash for 1.5 years.", talk, "en") == []  # the rash anchors it: the same
    # two lengths in the note: which one the talk's is about is unknown
    talk = "[doctor] how long have you had the rash ?\n[patient] about three weeks now ."
    assert _kept("Rash for 4 days. Cough for 2 days.", talk, "en", lexicon=False) == []


def test_full_power_for_a_strength_the_final_note_calls_normal():
    # 5/5 is the normal top of the muscle power scale: no flag of any check
    assert _flags("Strength normal in all limbs.", "Power 5/5 in all limbs.", language="en") == []
    assert _flags("Normal kraft i alle ekstremiteter.", "Kraft 5/5 overalt.") == []
    # a reduced grade is not normal, and a pain score's top is its worst
    assert _flags("Strength normal in all limbs.", "Power 4/5 in all limbs.", language="en")
    assert _flags("Pain normal at rest.", "Pain 10/10 at rest.", language="en")


def test_the_dose_of_a_drug_the_final_note_never_names_is_not_a_changed_dose():
    from evalkit import hallucination_flags

    flags = hallucination_flags(
        "Continue lisinopril 10 mg daily.",
        "Continue lisinopril 10 mg daily and add hydrochlorothiazide 12.5 mg daily.",
        language="en",
    )
    by_text = {f["text"]: f for f in flags}
    assert by_text["hydrochlorothiazide"]["type"] == "medication"
    # the new drug's dose is a value not found, not the final note's 10 mg changed
    assert by_text["12.5 mg"]["evidence"] == "value not found in final note"
    assert by_text["12.5 mg"]["severity"] == "non-critical"
    # the same drug with another dose is still a changed dose
    flags = hallucination_flags(
        "Continue lisinopril 10 mg daily.", "Continue lisinopril 20 mg daily.", language="en"
    )
    assert [(f["type"], f["severity"]) for f in flags] == [("dose", "critical")]
