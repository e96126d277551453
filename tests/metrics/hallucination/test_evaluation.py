"""Tests of evaluate_flags / flag_confusion and the labelled set measured with them."""

from __future__ import annotations

import pytest

from evalkit.metrics.checkers import CRITICAL_TYPES, FLAG_TYPES
from evalkit.metrics.hallucination import (
    evaluate_flags,
    flag_confusion,
    score_hallucination,
)
from evalkit.metrics.note import NotePair
from tests.metrics.hallucination.conftest import _load_cases, standin_matcher


def test_evaluate_flags_hand_computed():
    labelled = {
        "a": [
            {"type": "dose", "start": 0, "end": 5},
            {"type": "fabrication", "start": 20, "end": 30},
        ],
        "b": [],
    }
    predicted = {
        "a": [{"type": "dose", "start": 3, "end": 4}, {"type": "number", "start": 10, "end": 12}],
        "b": [{"type": "negation", "start": 0, "end": 3}],
    }
    table = evaluate_flags(predicted, labelled)
    assert table.loc["overall", "recall"] == pytest.approx(1 / 2)
    assert table.loc["overall", "precision"] == pytest.approx(1 / 3)
    assert table.loc["critical", "recall"] == 1.0
    assert table.loc["fabrication", "recall"] == 0.0
    confusion = flag_confusion(predicted, labelled)
    assert confusion.loc["dose", "dose"] == 1
    assert confusion.loc["fabrication", "(missed)"] == 1
    assert confusion.loc["(spurious)", "negation"] == 1


def test_evaluate_flags_rejects_unlabelled_cases():
    with pytest.raises(ValueError, match="no labels"):
        evaluate_flags({"x": []}, {})


def test_labelled_set_is_well_formed():
    cases = _load_cases()
    assert len(cases) >= 40
    assert {c["language"] for c in cases} == {"da", "en"}
    assert {lab["type"] for c in cases for lab in c["labels"]} == set(FLAG_TYPES)
    assert sum(not c["labels"] for c in cases) >= 10
    for c in cases:
        for lab in c["labels"]:
            assert c["ai_note"][lab["start"] : lab["end"]] == lab["text"], c["id"]


def _run_labelled(matcher_for) -> tuple[dict, dict, list[dict]]:
    cases = _load_cases()
    predicted, labelled = {}, {}
    for c in cases:
        pair = NotePair.from_raw(c["final_note"], c["ai_note"], c["transcript"], c["language"])
        score = score_hallucination(pair, {"matcher": matcher_for(c["language"])})
        predicted[c["id"]] = [f.as_dict() for f in score.flags]
        labelled[c["id"]] = c["labels"]
    return predicted, labelled, cases


def _assert_quality_bar(predicted, labelled, cases):
    table = evaluate_flags(predicted, labelled)
    assert table.loc["overall", "recall"] >= 0.85
    assert table.loc["overall", "precision"] >= 0.80
    assert table.loc["critical", "recall"] >= 0.90
    benign = [c["id"] for c in cases if not c["labels"]]
    assert sum(not predicted[b] for b in benign) / len(benign) >= 0.90
    return table


def test_labelled_set_meets_the_quality_bar():
    table = _assert_quality_bar(*_run_labelled(standin_matcher))
    assert set(CRITICAL_TYPES) <= set(table.index)


def test_labelled_set_meets_the_quality_bar_with_the_shipped_lexicon():
    from evalkit.lexicon.matcher import get_matcher

    _assert_quality_bar(*_run_labelled(get_matcher))
