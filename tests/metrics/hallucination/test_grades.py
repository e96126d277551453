"""Tests of the word-grade checks: laterality, severity and evaluative (quality) words."""

from __future__ import annotations

import pytest

from evalkit.lexicon import get_matcher
from evalkit.metrics.hallucination import score_hallucination
from evalkit.metrics.note import NotePair
from tests.metrics.hallucination.conftest import _flags


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


def _raised(final, draft, transcript=None, language="da"):
    from evalkit.metrics.hallucination import score_hallucination
    from evalkit.metrics.note import NotePair

    pair = NotePair.from_raw(final, draft, transcript, language)
    return [(f.type, f.checker, f.text, f.severity) for f in score_hallucination(pair, {}).flags]


def test_laterality_is_raised_by_the_laterality_check():
    assert _raised("Smerter i venstre knæ.", "Smerter i højre knæ.") == [
        ("laterality", "laterality", "højre", "critical")
    ]
    assert _raised("Pain in the left knee.", "Pain in the right knee.", language="en") == [
        ("laterality", "laterality", "right", "critical")
    ]


def test_a_kept_side_the_talk_contradicts_is_non_critical_from_the_transcript():
    found = _raised(
        "Smerter i venstre knæ.", "Smerter i venstre knæ.", "Læge: Hvor?\nPatient: Højre knæ."
    )
    assert found == [("laterality", "laterality", "venstre", "non-critical")]


def test_intensity_is_raised_by_the_severity_check():
    assert _raised("Lette smerter i knæet.", "Svære smerter i knæet.") == [
        ("severity", "severity", "Svære", "non-critical")
    ]


def test_an_evaluation_turned_around_is_raised_by_the_quality_check():
    assert _raised("Sover godt om natten.", "Sover dårligt om natten.") == [
        ("negation", "quality", "dårligt", "critical")
    ]


@pytest.mark.parametrize(
    ("draft", "final", "swapped"),
    [
        # each finding went with the other side
        (
            "Højre trommehinde rød og bulende, venstre ua.",
            "Venstre trommehinde rød og bulende, højre ua.",
            True,
        ),
        (
            "Left tympanic membrane erythematous, right normal.",
            "Right tympanic membrane erythematous, left normal.",
            True,
        ),
        # reordered, each side keeps its words: no swap
        (
            "Højre trommehinde rød og bulende, venstre ua.",
            "Venstre ua, højre trommehinde rød og bulende.",
            False,
        ),
        (
            "Left tympanic membrane erythematous, right normal.",
            "Right normal, left tympanic membrane erythematous.",
            False,
        ),
    ],
)
def test_sides_swapped_within_one_sentence(draft, final, swapped):
    language = "da" if "ø" in draft else "en"
    pair = NotePair.from_raw(final, draft, None, language)
    flags = score_hallucination(pair, {"matcher": get_matcher(language)}).flags
    assert any(f.type == "laterality" for f in flags) == swapped
