"""Tests for evalkit.lexicon.model."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.lexicon.model import CATEGORIES, Lexicon, LexiconEntry, entries_hash

ROWS = [
    LexiconEntry("blodtryk", "vital:blood_pressure", "vital", "da", "t"),
    LexiconEntry("BT", "vital:blood_pressure", "vital", "da", "t"),
    LexiconEntry("Pamol", "med:paracetamol", "medication", "da", "t"),
    LexiconEntry("Panodil", "med:paracetamol", "medication", "da", "t"),
    LexiconEntry("paracetamol", "med:paracetamol", "medication", "da", "t"),
    LexiconEntry("acetaminophen", "med:paracetamol", "medication", "en", "t"),
    LexiconEntry("KOL", "dx:copd", "diagnosis", "da", "t"),
    LexiconEntry("kronisk obstruktiv lungesygdom", "dx:copd", "diagnosis", "da", "t"),
]


def test_synonyms_share_a_concept_across_languages():
    lex = Lexicon(ROWS)
    assert lex.synonyms("med:paracetamol") == ["Pamol", "Panodil", "paracetamol", "acetaminophen"]
    assert lex.synonyms("dx:copd") == ["KOL", "kronisk obstruktiv lungesygdom"]
    assert lex.concepts() == ["dx:copd", "med:paracetamol", "vital:blood_pressure"]
    assert lex.category_of("vital:blood_pressure") == "vital"
    assert lex.languages == ("da", "en")
    assert len(lex) == len(ROWS) and list(lex) == ROWS


def test_unknown_concept_raises_with_hint():
    with pytest.raises(KeyError, match="concepts"):
        Lexicon(ROWS).category_of("sym:nothing")


def test_entries_are_immutable_and_validated():
    entry = ROWS[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.term = "x"  # type: ignore[misc]
    with pytest.raises(TypeError, match="LexiconEntry"):
        Lexicon([("feber", "sym:fever", "symptom", "da", "t")])  # type: ignore[list-item]


def test_for_language_merge_and_frame():
    lex = Lexicon(ROWS, stoplist={"da": ["BT"]}, version="v1")
    da = lex.for_language("da")
    assert da.languages == ("da",) and len(da) == len(ROWS) - 1
    assert da.stoplist == {"da": frozenset({"BT"})}
    extra = Lexicon([LexiconEntry("feber", "sym:fever", "symptom", "da", "u")], version="v2")
    merged = lex.merge(extra)
    assert merged.version == "v1+v2" and merged.entries[-1].term == "feber"
    frame = merged.to_frame()
    assert list(frame.columns) == ["term", "concept_id", "category", "language", "source"]
    assert len(frame) == len(ROWS) + 1 and frame["term"].iloc[0] == "blodtryk"


def test_categories_are_the_documented_eight():
    assert set(CATEGORIES) == {
        "symptom",
        "finding",
        "diagnosis",
        "medication",
        "procedure",
        "anatomy",
        "lab",
        "vital",
    }


@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=5))
def test_version_hash_depends_on_content(terms):
    rows = [LexiconEntry(t, "sym:x", "symptom", "da", "t") for t in terms]
    changed = rows[:-1] + [dataclasses.replace(rows[-1], concept_id="sym:y")]
    assert Lexicon(rows).version == Lexicon(list(rows)).version
    assert entries_hash(rows) != entries_hash(changed)
