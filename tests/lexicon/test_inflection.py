"""Tests of the inflection rules the matcher applies (evalkit/lexicon/inflection.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.lexicon import inflection
from evalkit.lexicon.inflection import accepts_ending, endings, stem_variants

VOWELS = "aeiouyæøå"
DANISH_LETTERS = "abcdefghijklmnoprstuvyæøå"


@pytest.mark.parametrize(
    ("base", "rest", "language", "expected"),
    [
        # definite, plural, definite plural and genitive forms of Danish nouns
        ("halsbetændelse", "n", "da", True),
        ("smerte", "rne", "da", True),
        ("feber", "en", "da", True),
        ("patient", "ens", "da", True),
        ("allergi", "erne", "da", True),
        # a doubled final consonant before the ending
        ("blodtryk", "ket", "da", True),
        ("tablet", "terne", "da", True),
        ("tablet", "ter", "da", True),
        # no doubling after a vowel, and only before the listed endings
        ("øje", "jne", "da", False),
        ("tablet", "tt", "da", False),
        # three-letter consonant-final nouns never take -er: "ryger" smokes
        ("ryg", "er", "da", False),
        ("ryg", "erne", "da", False),
        ("arm", "ene", "da", True),
        ("arm", "e", "da", True),
        ("tå", "er", "da", True),
        # not endings at all
        ("hoste", "saft", "da", False),
        ("feber", "tabel", "da", False),
        # English
        ("symptom", "s", "en", True),
        ("rash", "es", "en", True),
        ("cough", "ing", "en", False),
        ("fever", "en", "en", False),
    ],
)
def test_accepts_ending_by_hand(base, rest, language, expected):
    assert accepts_ending(base, rest, language) is expected


@pytest.mark.parametrize(
    ("base", "language", "expected"),
    [
        ("muskel", "da", "muskl"),
        ("ankel", "da", "ankl"),
        ("finger", "da", "fingr"),
        ("allergy", "en", "allergi"),
        ("artery", "en", "arteri"),
    ],
)
def test_stem_variants_by_hand(base, language, expected):
    (variant,) = stem_variants(base, language)
    assert variant[0] == expected


@pytest.mark.parametrize(
    ("base", "language"),
    [
        ("feber", "en"),  # no syncope in English
        ("hel", "da"),  # too short
        ("kael", "da"),  # a vowel before -el: no unstressed e to drop
        ("hoste", "da"),
        ("day", "en"),  # vowel before -y: days, not daies
        ("boy", "en"),
    ],
)
def test_no_stem_variant(base, language):
    assert stem_variants(base, language) == []


def test_syncope_stem_takes_only_vowel_initial_endings():
    ((stem, allowed),) = stem_variants("muskel", "da")
    assert "er" in allowed and "erne" in allowed
    assert "" not in allowed and "s" not in allowed and "t" not in allowed
    assert all(ending[0] == "e" for ending in allowed)


def test_endings_by_language():
    assert "" in endings("da") and "" in endings("en")
    assert {"en", "et", "erne", "ernes"} <= endings("da")
    assert endings("en") == frozenset({"", "s", "es"})
    # any other language code falls back to the English endings
    assert endings("xx") == endings("en")


def test_every_ending_also_has_a_genitive():
    for ending in endings("da") - {""}:
        if not ending.endswith("s"):
            assert ending + "s" in endings("da"), ending


@given(st.text(DANISH_LETTERS, min_size=4, max_size=12), st.sampled_from(sorted(endings("da"))))
def test_long_danish_bases_take_every_ending(base, ending):
    assert accepts_ending(base, ending, "da")


@given(
    st.text(DANISH_LETTERS, min_size=1, max_size=2),
    st.sampled_from([c for c in DANISH_LETTERS if c not in VOWELS]),
    st.sampled_from(sorted(endings("da"))),
)
def test_short_consonant_final_bases_refuse_only_er_endings(start, last, ending):
    base = start + last
    assert accepts_ending(base, ending, "da") is (not ending.startswith("er"))


@given(
    st.text(DANISH_LETTERS, min_size=3, max_size=10),
    st.sampled_from(sorted(inflection._DA_AFTER_DOUBLING)),
)
def test_doubling_needs_a_consonant(base, ending):
    doubled = base[-1] + ending
    if doubled in endings("da"):
        return  # the form is a plain ending anyway ("t" + "ene" is not; "e" + "n" is)
    assert accepts_ending(base, doubled, "da") is (base[-1] not in VOWELS)


@given(st.text(min_size=1, max_size=8), st.text(min_size=1, max_size=8))
def test_english_accepts_exactly_its_endings(base, rest):
    assert accepts_ending(base, rest, "en") is (rest in {"s", "es"})


def test_length_thresholds_are_positive_and_ordered():
    assert 1 <= inflection.MIN_INFLECTED_LENGTH <= inflection.MIN_COMPOUND_HEAD
    assert inflection.MIN_COMPOUND_MODIFIER >= 1
