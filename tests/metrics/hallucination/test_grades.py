"""Tests of the word-grade checks: laterality, severity and evaluative (quality) words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    sides = [draft[f.start : f.end].lower() for f in flags if f.type == "laterality"]
    # a swap flags both sides of the pair, each against the other
    assert sorted(sides) == (
        sorted(["højre", "venstre"] if language == "da" else ["left", "right"]) if swapped else []
    )


# --- grades on scales (ScaleChecker) ---------------------------------------------


@pytest.mark.parametrize(
    "final, draft, language, flagged",
    [
        (
            "Grade 2/6 systolic murmur at the apex.",
            "Grade 4/6 systolic murmur at the apex.",
            "en",
            "Grade 4/6",
        ),
        ("Heart failure, NYHA class II.", "Heart failure, NYHA class III.", "en", "NYHA class III"),
        ("Hjertesvigt, NYHA-klasse II.", "Hjertesvigt, NYHA-klasse IV.", "da", "NYHA-klasse IV"),
        ("Ankle reflexes 1+ bilaterally.", "Ankle reflexes 3+ bilaterally.", "en", "3+"),
        ("Smerter i knæet, 3 ud af 10.", "Smerter i knæet, 7 ud af 10.", "da", "7 ud af 10"),
        ("Kraft 4/5 i højre arm.", "Kraft 2/5 i højre arm.", "da", "2/5"),
        ("CKD stage 3b, stable.", "CKD stage 4, stable.", "en", "CKD stage 4"),
    ],
)
def test_a_changed_grade_on_a_scale_is_a_severity_flag(final, draft, language, flagged):
    # the number check flags some scores too ("7 ud af 10"): one severity flag either way
    found = [(f[0], f[2], f[3]) for f in _raised(final, draft, language=language)]
    assert found == [("severity", flagged, "non-critical")]


@pytest.mark.parametrize(
    "final, draft, language",
    [
        # the same grade in another spelling
        ("Grade II/VI systolic murmur at the apex.", "2/6 systolic murmur at the apex.", "en"),
        ("Heart failure, NYHA class II.", "Heart failure, NYHA II.", "en"),
        ("Hjertesvigt, NYHA II.", "Hjertesvigt svarende til NYHA-klasse II.", "da"),
        ("Smerter VAS 6.", "Smerter 6/10.", "da"),
        ("Pain 7/10 today.", "Pain today is 7 out of 10.", "en"),
        # grades reordered within the note
        (
            "Power 4/5 on the left, 5/5 on the right.",
            "Power 5/5 on the right, 4/5 on the left.",
            "en",
        ),
        # different scales are not compared
        ("COPD, GOLD 2.", "COPD, NYHA 3.", "en"),
        # a grade the final note does not give at all is not a changed grade
        ("Systolisk mislyd over apex.", "Systolisk mislyd grad 2/6 over apex.", "da"),
    ],
)
def test_the_same_grade_or_no_counterpart_is_no_scale_flag(final, draft, language):
    assert [f for f in _raised(final, draft, language=language) if f[0] == "severity"] == []


def test_a_scale_grade_kept_word_for_word_is_not_flagged():
    assert _raised("Mislyd grad 3/6. VAS 4.", "Mislyd grad 3/6. VAS 5.") == [
        ("severity", "scales", "VAS 5", "non-critical")
    ]


def test_scale_grades_are_comparable_only_on_one_scale():
    from evalkit.metrics.hallucination.grades import comparable
    from evalkit.text.grades import find_grades

    nyha, gold, bare, stage = find_grades("NYHA II, GOLD 2, class II, stage 2", language="en")
    assert comparable(nyha, bare) and comparable(bare, gold)
    assert not comparable(nyha, gold) and not comparable(bare, stage)


_GRADE_PIECES = ["VAS 6/10", "smerter 7", "mislyd grad II/VI", "2/6", "NYHA III", "reflekser 2+"]
_GRADE_PIECES += ["kraft 5/5", "1 mio.", "IE", "x 2 dgl.", "Pamol 1 g", "feber"]
_GRADE_PIECES += [".", "\n", ",", "?"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_GRADE_PIECES), max_size=20),
    st.lists(st.booleans(), max_size=20),
    st.sampled_from(["da", "en"]),
)
def test_scale_grades_with_sentences_left_out_are_those_of_the_whole_text(pieces, drop, language):
    # the reference: the grades find_grades gives in the whole text, by the unit they start in
    from evalkit.metrics.hallucination.grades import SCALE_KINDS, scale_grades
    from evalkit.metrics.hallucination.index import build_index
    from evalkit.text.grades import find_grades
    from evalkit.text.segment import split_sentences

    text = " ".join(pieces)
    leave_out = {s.text for s, out in zip(split_sentences(text), drop, strict=False) if out}
    ix = build_index(text, language, leave_out=leave_out)
    every = find_grades(text, language=language, kinds=SCALE_KINDS)
    expected = [[g for g in every if u.start <= g.start < u.end] for u in ix.units]
    assert scale_grades(ix, language) == expected
