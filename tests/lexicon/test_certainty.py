"""Hedges of a diagnosis: which words make it uncertain, and how far they reach."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.lexicon.certainty import HEDGE_WINDOW, find_hedge
from evalkit.lexicon.cues import language_cues


def _hedge(text: str, name: str, language: str):
    start = text.index(name)
    return find_hedge(text, start, start + len(name), language=language)


@pytest.mark.parametrize(
    "text, name, language, kind",
    [
        ("Mistanke om cystitis.", "cystitis", "da", "before"),
        ("A: ?pneumoni, rtg. bestilt.", "pneumoni", "da", "before"),
        ("Obs. appendicitis, indlægges.", "appendicitis", "da", "before"),
        ("Udredes for cøliaki.", "cøliaki", "da", "before"),
        ("Dyb venetrombose kan ikke udelukkes.", "Dyb venetrombose", "da", "after"),
        ("DD hjertesvigt eller KOL, ekko bestilt.", "KOL", "da", "differential"),
        ("Suspected hypothyroidism; TSH drawn.", "hypothyroidism", "en", "before"),
        ("Left calf pain, rule out DVT.", "DVT", "en", "before"),
        ("Appendicitis cannot be excluded.", "Appendicitis", "en", "after"),
        ("Possible gout versus septic arthritis.", "septic arthritis", "en", "alternatives"),
        ("Gout vs. pseudogout.", "Gout", "en", "alternatives"),
        ("Differential includes GERD and biliary colic.", "biliary colic", "en", "differential"),
        ("UTI? Urine sent.", "UTI", "en", "after"),
    ],
)
def test_hedged_diagnoses(text, name, language, kind):
    hedge = _hedge(text, name, language)
    assert hedge is not None and hedge.kind == kind


@pytest.mark.parametrize(
    "text, name, language",
    [
        ("Cystitis, urin sendt til dyrkning.", "Cystitis", "da"),
        # a sentence end, a terminator word or a comma closes the hedge
        ("Mulig bivirkning. Pneumoni.", "Pneumoni", "da"),
        ("Possible reflux, but pneumonia on X-ray.", "pneumonia", "en"),
        ("Mistanke om cystitis, pneumoni behandles.", "pneumoni", "da"),
        # a question mark after a word ends a question; it hedges only what it touches
        ("Any cough? Pneumonia last year.", "Pneumonia", "en"),
        # too far from the hedge
        ("Possible side effects of the new tablets and asthma.", "asthma", "en"),
    ],
)
def test_stated_diagnoses(text, name, language):
    assert _hedge(text, name, language) is None


def test_a_differential_heading_reaches_the_whole_clause_but_not_the_next_sentence():
    text = "DD: migræne, spændingshovedpine eller medicinoverforbrug. Hypertension."
    assert _hedge(text, "medicinoverforbrug", "da").kind == "differential"
    assert _hedge(text, "Hypertension", "da") is None


def test_unknown_language_has_no_hedges():
    assert find_hedge("Mistanke om cystitis.", 12, 20, language="de") is None


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_listed_hedge_is_found_right_before_or_after_a_name(language):
    # cross-check against the cue file itself: each phrase of each list hedges a name
    cues = language_cues(language).certainty
    for phrase in cues["before"] + cues["differential"]:
        joiner = "" if phrase == "?" else " "
        text = f"{phrase}{joiner}borreliose."
        start = len(phrase) + len(joiner)
        assert find_hedge(text, start, start + 10, language=language) is not None, phrase
    for phrase in cues["after"] + cues["alternatives"]:
        joiner = "" if phrase == "?" else " "
        text = f"Borreliose{joiner}{phrase} x."
        assert find_hedge(text, 0, 10, language=language) is not None, phrase


_PLAIN = st.lists(st.sampled_from(["og", "feber", "hoste", "træthed", "i", "dage"]), max_size=8)


@given(_PLAIN)
def test_words_between_hedge_and_name_beyond_the_window_close_it(words):
    text = "Mistanke om " + " ".join(words) + (" " if words else "") + "borreliose."
    start = text.index("borreliose")
    found = find_hedge(text, start, start + 10, language="da")
    assert (found is not None) == (len(words) <= HEDGE_WINDOW)
