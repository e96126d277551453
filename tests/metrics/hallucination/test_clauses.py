"""Tests of ClauseChecker: clause-level negation (answers in the talk)."""

from __future__ import annotations

import pytest

from tests.metrics.hallucination.conftest import _flags


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


def test_without_a_lexicon_a_flipped_clause_comes_from_the_clause_check():
    from evalkit.metrics.hallucination import score_hallucination
    from evalkit.metrics.note import NotePair

    pair = NotePair.from_raw("Normalt syn på begge øjne.", "Sløret syn på begge øjne.", None, "da")
    flags = score_hallucination(pair, {"matcher": None}).flags
    assert [(f.type, f.checker) for f in flags] == [("negation", "clauses")]


@pytest.mark.parametrize(
    "final, draft, language",
    [
        ("Bowel sounds normal.", "Bowel sounds present.", "en"),
        ("Normal sensation in both feet.", "Sensation intact in both feet.", "en"),
        ("Normale reflekser.", "Reflekser til stede.", "da"),
    ],
)
def test_normal_and_present_say_the_same_without_a_lexicon(final, draft, language):
    # "normal" puts a word in scope like a negation; "present" only says it is there
    assert _flags(final, draft, language=language, lexicon=False) == []


@pytest.mark.parametrize(
    "final, draft, language",
    [
        ("Bowel sounds present.", "Bowel sounds absent.", "en"),
        ("Reflekser til stede bilateralt.", "Reflekser fraværende bilateralt.", "da"),
        ("Pulses present at both ankles.", "Pulses not present at both ankles.", "en"),
    ],
)
def test_present_against_absent_is_a_flip_without_a_lexicon(final, draft, language):
    flags = _flags(final, draft, language=language, lexicon=False)
    assert [f["type"] for f in flags] == ["negation"]


def test_a_real_negation_beside_normal_still_flips():
    # the normal side has a negation cue of its own: no normal/present exemption
    flags = _flags("No bowel sounds.", "Bowel sounds present.", language="en", lexicon=False)
    assert [f["type"] for f in flags] == ["negation"]


@pytest.mark.parametrize(
    "final, draft, language, flagged",
    [
        # normal against not there: the opposite, for what is normally there
        ("Normale tarmlyde.", "Tarmlyde fraværende.", "da", True),
        ("Normal radial pulses.", "Radial pulses absent.", "en", True),
        # benign: normal against there, or against a normal test result
        ("Normale tarmlyde.", "Tarmlyde til stede.", "da", False),
        ("Normal bowel sounds.", "Bowel sounds present.", "en", False),
        ("Normal Romberg.", "Romberg negative.", "en", False),
        ("Normalt gangmønster.", "Intet unormalt gangmønster.", "da", False),
    ],
)
def test_normal_against_a_finding_said_not_to_be_there(final, draft, language, flagged):
    from evalkit import hallucination_flags

    flags = hallucination_flags(final, draft, language=language)
    assert any(f["type"] == "negation" for f in flags) == flagged, flags
