"""The consultation model: utterances, roles, questions and their answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.text.consultation import (
    answer_polarity,
    dialogue_cues,
    is_hypothetical,
    load_dialogue_cues,
    parse_consultation,
)

DA, EN = dialogue_cues("da"), dialogue_cues("en")


@pytest.mark.parametrize(
    "reply, language, expected",
    [
        ("Nej.", "da", "no"),
        ("Nej, ikke rigtigt.", "da", "no"),
        ("Ikke rigtigt.", "da", "no"),
        ("Det har jeg ikke.", "da", "no"),
        ("Ja, et par gange.", "da", "yes"),
        ("Et par gange, ja.", "da", "yes"),
        ("Jeg vågner tit.", "da", None),  # an echo: for the caller
        ("no .", "en", "no"),
        ("not really .", "en", "no"),
        ("i do n't think so .", "en", "no"),
        ("I haven't, no.", "en", "no"),
        ("Yeah, no, not at all.", "en", "no"),
        ("yeah , a few times .", "en", "yes"),
        ("Sometimes.", "en", "yes"),
        ("It started on Monday.", "en", None),
        ("", "en", None),
    ],
)
def test_answer_polarity(reply, language, expected):
    assert answer_polarity(reply, dialogue_cues(language)) == expected


def test_acibench_style_turns_and_answers():
    c = parse_consultation(
        "[doctor] any chest pain ?\n[patient] no .\n[doctor] how long has the cough lasted ?\n"
        "[patient] three days .\n[doctor] so no chest pain .",
        "en",
    )
    got = [(u.role, u.question, u.open_question, u.answer, u.summary) for u in c.utterances]
    assert got == [
        ("clinician", True, False, "no", False),
        ("patient", False, False, None, False),
        ("clinician", True, True, None, False),
        ("patient", False, False, None, False),
        ("clinician", False, False, None, True),
    ]
    assert c.utterances[0].answered_by == 1 and c.utterances[2].answered_by == 3
    assert c.labelled


def test_consecutive_turns_of_one_speaker_are_one_turn():
    # PriMock57 writes several utterances of one speaker as separate lines
    c = parse_consultation("Doctor: Any fever?\nDoctor: At all?\nPatient: No.", "en")
    assert [u.turn for u in c.utterances] == [0, 0, 1]
    # the reply answers the last question, not the first
    assert c.utterances[0].answer is None and c.utterances[1].answer == "no"


def test_unpunctuated_questions_are_found_by_their_opening():
    c = parse_consultation("Læge: Har du haft feber\nPatient: Nej", "da")
    assert c.utterances[0].question and c.utterances[0].answer == "no"


def test_patient_questions_get_no_answer():
    c = parse_consultation("Patient: Er det farligt?\nLæge: Nej.", "da")
    assert c.utterances[0].answer is None


def test_unlabelled_text_is_one_speaker_other():
    c = parse_consultation("Har du feber? Nej. Hoster du? Ja.", "da")
    assert {u.role for u in c.utterances} == {"other"} and not c.labelled
    assert [u.answer for u in c.utterances if u.question] == ["no", "yes"]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("If you get a fever, call us.", "en", True),
        ("Hvis du får feber, så ring.", "da", True),
        ("Hold øje med tegn på infektion.", "da", True),
        ("No fever.", "en", False),
        ("Ingen feber.", "da", False),
    ],
)
def test_hypothetical(text, language, expected):
    assert is_hypothetical(text, dialogue_cues(language)) is expected


def test_other_person():
    c = parse_consultation("Patient: My mother had breast cancer.", "en")
    assert c.utterances[0].other_person and not c.utterances[0].statement


def test_bad_cue_file_gives_a_clear_error():
    with pytest.raises(ValueError, match=r"\[da\]\.yes must be a list"):
        load_dialogue_cues({"da": {"yes": "ja"}}, "da")
    with pytest.raises(ValueError, match="no table"):
        load_dialogue_cues({}, "de")
    table = {
        f: ["x"]
        for f in (
            "yes",
            "no",
            "yes_phrases",
            "no_phrases",
            "question_openers",
            "summary_openers",
            "hypothetical",
            "other_person",
        )
    }
    with pytest.raises(ValueError, match="unknown fields"):
        load_dialogue_cues({"da": {**table, "maybe": ["x"]}}, "da")


_line = st.tuples(
    st.sampled_from(["Læge", "Patient", "Doctor", "Mor"]),
    st.text(alphabet="abc æøå?.,!\n", min_size=0, max_size=30),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_line, max_size=8), st.sampled_from(["da", "en"]))
def test_utterances_are_ordered_in_bounds_and_answers_point_forward(lines, language):
    text = "\n".join(f"{who}: {said}" for who, said in lines)
    c = parse_consultation(text, language)
    last = -1
    for i, u in enumerate(c.utterances):
        assert 0 <= u.start < u.end <= len(text) and u.start >= last
        last = u.end
        assert c.utterance_at(u.start) == i
        if u.answered_by is not None:
            assert u.answered_by > i and u.question
        if u.answer is not None:
            assert u.answer in ("yes", "no") and u.answered_by is not None


@pytest.mark.parametrize(
    "question, is_open",
    [
        ("Doctor: How long has it lasted?", True),
        ("Doctor: And when did it start?", True),
        # a question word later starts a clause, the question is still yes/no
        ("Doctor: Do you get dizzy when you stand up?", False),
        ("Læge: Gør det ondt, når du går?", False),
        # a request for a description is no yes/no question
        ("Doctor: Can you show me where it hurts?", True),
        ("Læge: Kan du vise mig, hvor det gør ondt?", True),
        ("Doctor: Can you walk on it?", False),
    ],
)
def test_open_questions(question, is_open):
    language = "da" if question.startswith("Læge") else "en"
    assert parse_consultation(question, language).utterances[0].open_question is is_open


def test_qualified_and_corrected_replies():
    c = parse_consultation("[doctor] a cough ?\n[patient] yes , but it's not barky .", "en")
    assert c.utterances[0].answer == "yes" and c.utterances[0].qualified
    c = parse_consultation(
        "[doctor] any fever ?\n[patient] no . well , actually , i had 101 .", "en"
    )
    assert c.utterances[0].answer is None
    c = parse_consultation("Læge: Har du feber?\nPatient: Nej, ikke rigtigt.", "da")
    assert c.utterances[0].answer == "no" and not c.utterances[0].qualified


def test_advice_and_family_questions_get_no_answer():
    c = parse_consultation("Doctor: If you keep a diary, okay?\nPatient: Yep.", "en")
    assert c.utterances[0].answer is None
    c = parse_consultation("Doctor: Any family history of diabetes?\nPatient: Yes.", "en")
    assert c.utterances[0].answer is None


@pytest.mark.parametrize(
    ("reply", "answer"),
    [
        # a reply that says yes and then no is no answer
        ("Patient: Yes, absolutely.\nPatient: No, not, no, nothing.", None),
        ("Patient: Nej.\nPatient: Jo, lidt.", None),
        # the same answer twice is that answer
        ("Patient: No.\nPatient: No, nothing.", "no"),
    ],
)
def test_a_reply_that_answers_both_ways_is_no_answer(reply, answer):
    c = parse_consultation(f"Doctor: Any neck pain at all?\n{reply}", "en")
    assert c.utterances[0].answer == answer
