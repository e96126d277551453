"""Tests of the hallucination word lists: read from the cue files, in the roles the index needs."""

from __future__ import annotations

from evalkit.lexicon.cues import language_cues
from evalkit.metrics.hallucination import build_index
from evalkit.metrics.hallucination import words as w


def test_per_language_lists_come_from_their_own_file():
    for language in ("da", "en"):
        cues = language_cues(language)
        assert w.STOPWORDS[language] == cues.stopwords
        assert w.NEGATION_CUES[language] == cues.negation.scope_words


def test_shared_lists_are_the_union_of_both_languages():
    da, en = language_cues("da"), language_cues("en")
    assert w.SIDES == {**da.sides, **en.sides}
    assert w.NORMAL_CUES == da.negation.normal | en.negation.normal
    assert w.POS_ANSWER == da.answers["yes"] | en.answers["yes"]
    assert set(w.META_PREFIXES) == da.words["meta_prefixes"] | en.words["meta_prefixes"]
    # a Danish note may use an English side word and the other way round
    assert w.SIDES["right"] == "R" and w.SIDES["venstre"] == "L"


def test_the_index_reads_its_words_from_the_lists():
    ix = build_index("Svære smerter i højre knæ, ingen feber.", "da")
    u = ix.units[0]
    assert set(u.sides) == {"R"} and set(u.grades) == {3} and u.negation is not None
