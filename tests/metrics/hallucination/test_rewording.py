"""Benign rewordings the checks must leave alone, and their real-error counterparts.

Each pair is written as a clinician would reword a draft: the same finding with
another negation form ("ikke øm" / "uøm", "not tender" / "non-tender"), the
same duration in other units ("7 days" / "a week"), a multi-word finding split
by a copula ("Abdomen soft" / "Abdomen is soft"). The shipped lexicon is used,
since the forms are lexicon data.
"""

from __future__ import annotations

import pytest

from evalkit.lexicon import get_matcher
from evalkit.metrics.hallucination import score_hallucination
from evalkit.metrics.note import NotePair


def _flags(draft: str, final: str, language: str) -> list[tuple[str, str]]:
    pair = NotePair.from_raw(final, draft, None, language)
    found = score_hallucination(pair, {"matcher": get_matcher(language)}).flags
    return [(f.type, f.text) for f in found]


@pytest.mark.parametrize(
    ("draft", "final", "language"),
    [
        ("Abdomen ikke øm.", "Abdomen uøm.", "da"),
        ("Abdomen uøm.", "Abdomen ikke ømt.", "da"),
        ("Hoster ikke.", "Ingen hoste.", "da"),
        ("Ingen hoste.", "Hoster ikke.", "da"),
        ("Underekstremiteter: ødemer ikke til stede.", "Underekstremiteter: ingen ødemer.", "da"),
        ("Hoste i 7 dage.", "Hoste i en uge.", "da"),
        ("Abdomen not tender.", "Abdomen non-tender.", "en"),
        ("Abdomen is soft and nontender.", "Abdomen soft, non-tender.", "en"),
        # "soft" is inside the final note's mention "Abdomen soft"
        ("Abdomen is soft and not tender.", "Abdomen soft, non-tender.", "en"),
        ("No fever. Cough for 7 days.", "Cough for a week. No fever.", "en"),
        ("Cough for 14 days.", "Cough for 2 weeks.", "en"),
        ("Non-healing ulcer on the left foot.", "Non-healing ulcer on the left foot.", "en"),
        # a state word after a copula, or ending the clause, denies the whole subject
        (
            "Negative straight leg raising bilaterally.",
            "Straight leg raise is negative bilaterally.",
            "en",
        ),
        ("Bowel sounds are absent.", "No bowel sounds.", "en"),
        ("Strep A negativ.", "Strep A er negativ.", "da"),
        ("Tarmlyde er fraværende.", "Ingen tarmlyde.", "da"),
    ],
)
def test_benign_rewording_is_not_flagged(draft, final, language):
    assert _flags(draft, final, language) == []


@pytest.mark.parametrize(
    ("draft", "final", "language", "expected"),
    [
        ("Abdomen øm.", "Abdomen uøm.", "da", "negation"),
        ("Hoster.", "Hoster ikke.", "da", "negation"),
        ("Strep A positiv.", "Strep A er negativ.", "da", "negation"),
        ("Abdomen tender.", "Abdomen non-tender.", "en", "negation"),
        ("Hoste i 10 dage.", "Hoste i 2 uger.", "da", "number"),
        ("Cough for 7 days.", "Cough for 2 weeks.", "en", "number"),
    ],
)
def test_the_real_error_next_to_it_is_flagged(draft, final, language, expected):
    assert expected in {t for t, _ in _flags(draft, final, language)}


def test_one_shared_word_flipped_beside_other_denied_words_is_no_contradiction():
    # the diseases are denied, not the past
    assert _flags("Tidligere rask.", "Ingen tidligere sygdomme.", "da") == []
    # the word alone, turned around, still is
    assert ("negation", "Fortsat træt") in _flags("Fortsat træt.", "Ingen træthed.", "da")
