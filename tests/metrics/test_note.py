"""Tests of scoring one note pair (evalkit/metrics/note.py)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import jiwer
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from evalkit.metrics import registry
from evalkit.metrics.note import NotePair, NoteScore, score_note, score_pair
from evalkit.metrics.registry import list_families


@dataclass(frozen=True)
class _Seen:
    pair: NotePair
    options: dict[str, Any]
    previous: tuple[str, ...]

    def as_columns(self) -> dict[str, Any]:
        return {"spy_seen": len(self.previous)}


@pytest.fixture
def spy_family(monkeypatch):
    """A family registered after every real one, recording what it is given."""
    families = dict(registry._FAMILIES)
    monkeypatch.setattr(registry, "_FAMILIES", families)
    calls: list[_Seen] = []

    def compute(pair, options, previous):
        seen = _Seen(pair, options, tuple(previous))
        calls.append(seen)
        return seen

    list_families()  # load the real families first
    registry.register_family("spy", compute, order=10_000, version="1")
    return calls


# ---- NotePair ----------------------------------------------------------------------------


def test_from_raw_normalises_every_text():
    pair = NotePair.from_raw("Ha\u0308ls\r\n", "BT\x00 120/80", "La\u0308ge: Hej\r", "en")
    assert pair == NotePair("Häls\n", "BT 120/80", "Läge: Hej\n", "en")


@pytest.mark.parametrize("transcript", [None, ""])
def test_from_raw_turns_a_missing_transcript_into_none(transcript):
    assert NotePair.from_raw("a", "b", transcript).transcript is None


def test_from_raw_keeps_a_blank_transcript_as_text():
    # Only None and "" count as missing here; the engine drops blank transcripts itself.
    assert NotePair.from_raw("a", "b", "  ").transcript == "  "


def test_from_raw_missing_notes_become_empty():
    pair = NotePair.from_raw(None, None)
    assert (pair.final_note, pair.ai_note, pair.language) == ("", "", "da")


def test_note_pair_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        NotePair("a", "b").final_note = "c"  # type: ignore[misc]


# ---- NoteScore ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "", None, "DA", 1])
def test_an_unsupported_language_is_refused_not_replaced(language):
    with pytest.raises(
        ValueError, match="the notes' language .* is not supported; use one of da, en"
    ):
        NotePair("Ingen feber.", "Feber.", language=language)
    with pytest.raises(ValueError, match="not supported"):
        score_note("Ingen feber.", "Feber.", language=language)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_supported_language_is_kept(language):
    assert NotePair.from_raw("a", "b", None, language).language == language


def test_attribute_access_and_a_clear_error_for_unknown_families():
    score = score_note("Hoste.", "Hoste.", families=["edit"])
    assert score.edit is score.results["edit"]
    with pytest.raises(AttributeError, match=r"NoteScore has no family 'terms'; families: edit"):
        _ = score.terms


def test_as_columns_merges_the_families_in_order():
    score = score_note("Ingen feber.", "Feber.", families=["edit", "terms"])
    columns = score.as_columns()
    expected = {**score.edit.as_columns(), **score.terms.as_columns()}
    assert columns == expected
    assert list(columns) == list(expected)


def test_empty_note_score_has_no_columns():
    assert NoteScore().as_columns() == {}


# ---- score_note and score_pair -----------------------------------------------------------


def test_families_filter_and_order():
    all_families = [f.name for f in list_families()]
    assert list(score_note("a", "b").results) == all_families
    assert list(score_note("a", "b", families=["terms", "edit"]).results) == ["edit", "terms"]
    assert score_note("a", "b", families=[]).results == {}


_texts = st.lists(st.sampled_from(["Hoste", "i", "3", "dage.", "Ingen", "feber.", "BT"]))


@settings(max_examples=50, deadline=None)
@given(_texts, _texts)
def test_edit_scores_agree_with_rapidfuzz_and_jiwer(final_words, draft_words):
    final, draft = " ".join(final_words), " ".join(draft_words)
    edit = score_note(final, draft, families=["edit"]).edit
    assert edit.char_distance == Levenshtein.distance(final, draft)
    if final_words:
        assert edit.wer == pytest.approx(jiwer.wer(final, draft or " "))


def test_score_note_normalises_before_scoring():
    nfd, nfc = "Ha\u0308lsen\r\nPlan", "Hälsen\nPlan"
    assert score_note(nfd, nfc, families=["edit"]).edit.unchanged_exact


def test_score_note_equals_score_pair_of_the_raw_pair():
    raw = (
        "Ingen feber.\r\nHoste i 3 dage.",
        "Feber. Hoste i 5 dage.",
        "Læge: Feber? Patient: Nej.",
    )
    direct = score_note(raw[0], raw[1], transcript=raw[2])
    via_pair = score_pair(NotePair.from_raw(*raw))
    assert direct.as_columns() == via_pair.as_columns()


def test_every_family_sees_the_pair_options_and_earlier_results(spy_family):
    score_note("Hoste.", "Hoste.", transcript="Læge: Hoste?", language="en", marker=1)
    (seen,) = spy_family
    assert seen.pair == NotePair("Hoste.", "Hoste.", "Læge: Hoste?", "en")
    assert seen.options == {"marker": 1}
    assert seen.previous == tuple(f.name for f in list_families() if f.name != "spy")


def test_previous_holds_only_the_chosen_families(spy_family):
    score = score_note("a", "b", families=["edit", "spy"])
    assert spy_family[0].previous == ("edit",)
    assert score.as_columns()["spy_seen"] == 1


def test_score_pair_without_options_passes_an_empty_dict(spy_family):
    score_pair(NotePair("a", "b"), families=["spy"])
    assert spy_family[0].options == {}
