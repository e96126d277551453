"""Transcript grounding (family version 3): contradicted against not found.

Hand-written consultations, Danish and English, that exercise the consultation
model's rules: a question is not an assertion, the reply decides; mixed talk is
not a contradiction; what the talk never mentions is an unsupported claim, not
a flag. The standin matcher of test_hallucination keeps these independent of
the shipped lexicon.
"""

from __future__ import annotations

import pytest

from evalkit.lexicon import get_matcher
from evalkit.metrics.hallucination import build_index, score_hallucination, transcript_verdict
from evalkit.metrics.note import NotePair
from tests.metrics.hallucination.conftest import standin_matcher


def _score(final, draft, transcript, language="da"):
    pair = NotePair.from_raw(final, draft, transcript, language)
    return score_hallucination(pair, {"matcher": standin_matcher(language)})


def _flags(final, draft, transcript, language="da"):
    return [f.as_dict() for f in _score(final, draft, transcript, language).flags]


@pytest.mark.parametrize(
    "transcript",
    [
        # asked, answered no: the note's pertinent negative is what was said
        "Læge: Har du haft feber?\nPatient: Nej, ikke rigtigt.",
        # the doctor's restatement
        "Læge: Hvordan har du det?\nPatient: Jeg hoster.\nLæge: Så ingen feber?\nPatient: Nej.",
        # a conditional is no statement about the patient
        "Læge: Hvis du får feber, så ring igen.\nPatient: Det gør jeg.",
        # a question nobody answered says nothing
        "Læge: Har du feber? Og hoster du?\nPatient: Jeg hoster lidt.",
    ],
)
def test_faithful_pertinent_negative_is_not_flagged(transcript):
    note = "Hoste. Ingen feber."
    assert [f for f in _flags(note, note, transcript) if f["type"] == "negation"] == []


def test_kept_statement_contradicted_by_a_direct_answer_is_flagged_with_the_turn():
    note = "Hoste. Ingen feber."
    flags = _flags(note, note, "Læge: Har du haft feber?\nPatient: Ja, i to dage.")
    neg = [f for f in flags if f["type"] == "negation"]
    assert [(f["text"], f["source"], f["severity"]) for f in neg] == [
        ("feber", "transcript", "non-critical")
    ]
    assert '"Har du haft feber?" - "Ja, i to dage."' in neg[0]["evidence"]


def test_mixed_talk_is_not_an_explicit_contradiction():
    # fever on Monday, none now: a note saying either is not contradicted
    transcript = (
        "Læge: Har du haft feber?\nPatient: Ja, i mandags.\n"
        "Læge: Og nu?\nPatient: Nej, ingen feber nu."
    )
    for note in ("Feber i mandags.", "Ingen feber."):
        assert [f for f in _flags(note, note, transcript) if f["type"] == "negation"] == []


def test_yes_to_a_question_about_several_items_says_nothing_about_each():
    transcript = "[doctor] any fever or cough ?\n[patient] yes ."
    note = "No fever."
    assert [f for f in _flags(note, note, transcript, "en") if f["type"] == "negation"] == []


def test_no_to_a_list_question_negates_every_item():
    ix = build_index(
        "[doctor] any fever or cough ?\n[patient] no .",
        "en",
        standin_matcher("en"),
        transcript=True,
    )
    concepts = {c for c, said in ix.statements.items() if any(x[1] for x in said)}
    assert concepts, "the standin lexicon should know fever or cough"
    for cid in concepts:
        assert transcript_verdict(ix, cid, True, "symptom")[0] == "supports"


def test_run_on_negation_in_speech_is_not_a_statement():
    # "no, just the swelling": the "no" answers something else
    transcript = "[doctor] anything else ?\n[patient] no , just the cough and the fever ."
    note = "Cough and fever."
    assert [f for f in _flags(note, note, transcript, "en") if f["type"] == "negation"] == []


def test_a_side_the_talk_never_says_is_unsupported_not_flagged():
    note = "Smerter i højre knæ."
    score = _score(note, note, "Læge: Hvor gør det ondt?\nPatient: I knæet, når jeg går.")
    assert [f.type for f in score.flags] == []
    claims = score.as_columns()["unsupported_claims"]
    assert {"kind": "side", "text": "højre"}.items() <= claims[0].items()
    assert score.as_columns()["n_unsupported_claims"] == len(claims) >= 1
    assert score.hallucination_free


def test_the_opposite_side_in_the_talk_is_flagged():
    flags = _flags("", "Smerter i venstre side af maven.", "Læge: Hvor?\nPatient: I højre side.")
    assert ("laterality", "venstre") in {(f["type"], f["text"]) for f in flags}


def test_without_transcript_there_are_no_unsupported_claims():
    score = _score("Smerter i højre knæ.", "Smerter i venstre knæ.", None)
    assert score.as_columns()["unsupported_claims"] == []
    assert [f.type for f in score.flags] == ["laterality"]


def test_unsupported_claims_do_not_overlap_flags():
    transcript = "Læge: Har du haft feber?\nPatient: Nej."
    score = _score("", "Feber. Smerter i højre knæ.", transcript)
    for c in score.unsupported:
        assert not any(f.start < c["end"] and c["start"] < f.end for f in score.flags)


def test_a_kept_duration_the_talk_gives_otherwise_is_flagged():
    note = "Hoste i 3 dage."
    flags = _flags(note, note, "Læge: Hvornår startede hosten?\nPatient: For tre uger siden.")
    assert [(f["type"], f["text"], f["source"]) for f in flags] == [
        ("number", "3 dage", "transcript")
    ]
    # the same duration in other words is no contradiction
    assert _flags("Hoste i 7 dage.", "Hoste i 7 dage.", "Patient: Jeg har hostet en uge.") == []


def test_a_qualified_answer_does_not_overrule_a_kept_statement():
    note = "No cough."
    transcript = "[doctor] does he have a cough ?\n[patient] yes , but it's not barky ."
    assert [f for f in _flags(note, note, transcript, "en") if f["type"] == "negation"] == []


def test_a_question_about_normality_answered_yes_is_no_contradiction():
    # "are your bowels working OK?" - "yes" agrees with "no bowel problems"
    note = "No bowel problems."
    transcript = "Doctor: Are your bowels working OK?\nPatient: Yes."
    assert _flags(note, note, transcript, "en") == []


def test_denying_every_item_of_a_list_the_patient_said_yes_to_is_flagged():
    note = "No fever or cough."
    transcript = "[doctor] any fever or cough ?\n[patient] yes , since monday ."
    flags = [f for f in _flags(note, note, transcript, "en") if f["type"] == "negation"]
    assert [(f["text"], f["source"]) for f in flags] == [("fever", "transcript")]
    # the clause that denies only some of the items is not contradicted
    assert _flags("No fever. Cough.", "No fever. Cough.", transcript, "en") == []


@pytest.mark.parametrize(
    ("final", "transcript", "language"),
    [
        # the cough is given by the "when" clause; the no is about blood
        ("Cough for 3 days.", "Doctor: Any fever when you cough?\nPatient: No, never.", "en"),
        # "the fever" is given; the no is about whether it went down
        ("Fever since Monday.", "Doctor: Has the fever gone down?\nPatient: No.", "en"),
        ("Feber i 3 dage.", "Læge: Er din feber faldet?\nPatient: Nej.", "da"),
        ("Hoste i 3 dage.", "Læge: Har du feber, når du hoster?\nPatient: Nej.", "da"),
    ],
)
def test_a_no_does_not_deny_what_the_question_takes_for_given(final, transcript, language):
    # the kept statement matches the presupposed concept; no flag
    assert _flags(final, final, transcript, language) == []


def test_a_no_still_denies_what_the_question_asks():
    flags = _flags(
        "Hoste. Feber.", "Hoste. Feber.", "Læge: Har du feber, når du hoster?\nPatient: Nej."
    )
    # the fever is asked in the main clause and denied
    assert [(f["type"], f["text"]) for f in flags] == [("negation", "Feber")]


@pytest.mark.parametrize(
    ("transcript", "flagged"),
    [
        # the clinician dictates a bare normal finding: a kept finding is contradicted
        ("Doctor: Your lungs sound clear, no crackles, no wheezing.", True),
        # a part or aspect named after it: not the same finding
        ("Doctor: No crackles on the right side.", False),
        ("Doctor: No crackles with deep breaths, let me listen again.", False),
        # mixed talk
        ("Doctor: No crackles there. Some crackles at the base.", False),
    ],
)
def test_a_dictated_bare_negative_finding_overrules_a_kept_finding(transcript, flagged):
    note = "Exam: crackles at the base."
    matcher = get_matcher("en")
    pair = NotePair.from_raw(note, note, transcript, "en")
    flags = score_hallucination(pair, {"matcher": matcher}).flags
    assert any(f.type == "negation" and f.source == "transcript" for f in flags) == flagged


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        # episodes the clinician kept are not denied by a "no" about today
        ("Occasionally she has a fever.", False),
        ("Sometimes fever in the evening.", False),
        ("Fever since Monday.", True),
    ],
)
def test_a_no_about_today_does_not_deny_kept_episodes(note, flagged):
    talk = "Doctor: Do you have a fever?\nPatient: No."
    got = _flags(note, note, talk, "en")
    assert bool(got) == flagged


def test_a_measurement_read_out_after_naming_it_belongs_to_it():
    talk = "Læge: Jeg måler lige dit blodtryk. Det er hundrede og tredive over firs."
    flags = _flags("BT 150/95.", "BT 150/95.", talk, "da")
    assert [(f["type"], f["text"]) for f in flags] == [("number", "150/95")]
    # a duration said next is not attached the same way
    talk = "Læge: Du får et dræn i brystet. Det sidder i cirka en uge."
    assert _flags("Brystsmerter i 7 år.", "Brystsmerter i 7 år.", talk, "da") == []


def test_anchored_values_attach_each_kind_to_the_nearest_mention():
    """Hand-computed: a reply's number goes to the question's fever; a side and a
    grade go to the mention in their sentence; asking in any order gives the same."""
    from evalkit.metrics.hallucination.grounding import anchored_values

    text = (
        "Læge: Hvor høj var feberen?\nPatient: 39 grader.\n"
        "Patient: Jeg har svær hoste og ondt i halsen i venstre side."
    )
    attrs = ("numbers", "sides", "grades")
    found = {}
    for order in (attrs, attrs[::-1]):
        ix = build_index(text, "da", standin_matcher("da"), transcript=True)
        got = {a: {c: anchored_values(ix, c, a) for c in ix.present} for a in order}
        found[order] = {
            a: {c: [(getattr(v, "value", v), i) for v, i in got[a][c]] for c in got[a]}
            for a in attrs
        }
    assert found[attrs] == found[attrs[::-1]]
    said = found[attrs]
    assert said["numbers"]["sym:fever"] == [(39.0, 1)]
    assert said["grades"]["sym:cough"] == [(3, 2)]
    assert said["sides"]["sym:sore_throat"] == [("L", 2)]
    assert said["sides"].get("sym:cough", []) == []
