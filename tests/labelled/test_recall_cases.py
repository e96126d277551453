"""Shape and offsets of the labelled recall cases (issue 22).

``recall_cases.jsonl`` has the shape of ``hallucination_cases.jsonl``: ``id``,
``language``, ``final_note``, ``ai_note``, ``transcript`` (may be null),
``labels`` (``type``, ``start``, ``end``, ``text``) and ``note``, whose first
word names the class of the case (``regimen:``, ``invented:``, ``grade:``,
``duration:``, ``presence:``/``antonym:``, ``benign:``; ``recall_cases_3.jsonl``
and ``recall_cases_4.jsonl`` also ``negation:`` and ``number:``; ``recall_cases_5.jsonl``
also ``diagnosis:``, ``laterality:`` and ``medication:``). Every label must quote
its span of ``ai_note`` exactly: recall and precision are computed by overlap
of offsets.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from evalkit.schema import CRITICAL_TYPES
from tests.labelled.cases import known_types, read_cases

HERE = Path(__file__).resolve().parent
RECALL_PATH = HERE / "recall_cases.jsonl"
RECALL_3_PATH = HERE / "recall_cases_3.jsonl"
RECALL_4_PATH = HERE / "recall_cases_4.jsonl"
RECALL_5_PATH = HERE / "recall_cases_5.jsonl"
HALLUCINATION_PATH = HERE / "hallucination_cases.jsonl"
GROUNDING_PATH = HERE / "grounding_cases.jsonl"
RECALL_PATHS = [RECALL_PATH, RECALL_3_PATH, RECALL_4_PATH, RECALL_5_PATH]

FIELDS = {"id", "language", "final_note", "ai_note", "transcript", "labels", "note"}
LABEL_FIELDS = {"type", "start", "end", "text"}
CLASSES = {
    "regimen": "dose",
    "invented": "fabrication",
    "grade": "severity",
    "duration": "number",
    "presence": "negation",
    "antonym": "negation",
    "negation": "negation",
    "number": "number",
    "diagnosis": "diagnosis",
    "laterality": "laterality",
    "medication": "medication",
}


def case_problems(case: dict, known_types: set[str]) -> list[str]:
    """Everything wrong with one recall case, as readable messages (empty when valid)."""
    where = case.get("id", "<no id>")
    if set(case) != FIELDS:
        return [f"{where}: fields {sorted(case)}, expected {sorted(FIELDS)}"]
    problems = []
    if case["language"] not in ("da", "en"):
        problems.append(f"{where}: language {case['language']!r}, expected 'da' or 'en'")
    for name in ("final_note", "ai_note", "transcript"):
        text = case[name]
        if text is None and name == "transcript":
            continue
        if not isinstance(text, str) or not text:
            problems.append(f"{where}: {name} must be a non-empty string")
        elif unicodedata.normalize("NFC", text) != text or "\r" in text:
            problems.append(f"{where}: {name} is not NFC with \\n line ends (offsets would move)")
    label_class = case["note"].split(":")[0]
    if label_class != "benign" and label_class not in CLASSES:
        problems.append(f"{where}: note must start with a class, got {case['note']!r}")
    if (label_class == "benign") != (not case["labels"]):
        problems.append(f"{where}: benign cases have no labels, and only they")
    draft = case["ai_note"]
    spans = []
    for lab in case["labels"]:
        if set(lab) != LABEL_FIELDS:
            problems.append(f"{where}: label fields {sorted(lab)}, expected {sorted(LABEL_FIELDS)}")
            continue
        if lab["type"] not in known_types:
            problems.append(f"{where}: label type {lab['type']!r} not in {sorted(known_types)}")
        elif label_class in CLASSES and lab["type"] != CLASSES[label_class]:
            problems.append(f"{where}: class {label_class!r} labels {CLASSES[label_class]!r}")
        start, end = lab["start"], lab["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            problems.append(f"{where}: bad span {start}..{end}")
            continue
        if draft[start:end] != lab["text"]:
            problems.append(
                f"{where}: ai_note[{start}:{end}] is {draft[start:end]!r}, "
                f"label says {lab['text']!r}"
            )
        spans.append((start, end))
    spans.sort()
    for (_, end_a), (start_b, _) in zip(spans, spans[1:], strict=False):
        if start_b < end_a:
            problems.append(f"{where}: overlapping labels at {start_b}")
    return problems


def test_case_problems_catches_a_shifted_offset_and_a_wrong_class():
    case = {
        "id": "x",
        "language": "en",
        "final_note": "Lisinopril 10 mg once daily.",
        "ai_note": "Lisinopril 10 mg twice daily.",
        "transcript": None,
        "labels": [{"type": "dose", "start": 18, "end": 29, "text": "twice daily"}],
        "note": "regimen: frequency",
    }
    assert case_problems(case, {"dose", "number"}) == [
        "x: ai_note[18:29] is 'wice daily.', label says 'twice daily'"
    ]
    case["labels"][0]["start"], case["labels"][0]["end"] = 17, 28
    assert case_problems(case, {"dose", "number"}) == []
    case["note"] = "duration: frequency"
    assert case_problems(case, {"dose", "number"}) == ["x: class 'duration' labels 'number'"]
    case["note"] = "benign: x"
    assert "benign cases have no labels" in case_problems(case, {"dose"})[0]


@pytest.mark.parametrize("path", RECALL_PATHS, ids=lambda p: p.name)
def test_recall_cases_are_valid(path):
    known = known_types()
    problems = [p for case in read_cases(path) for p in case_problems(case, known)]
    assert problems == []


def test_third_round_has_grades_presence_negation_numbers_and_benign_in_both_languages():
    cases = read_cases(RECALL_3_PATH)
    classes = Counter((c["note"].split(":")[0], c["language"]) for c in cases)
    for language in ("da", "en"):
        assert classes["grade", language] >= 8
        assert classes["presence", language] >= 8
        assert classes["negation", language] + classes["antonym", language] >= 6
        assert classes["number", language] + classes["duration", language] >= 6
        assert classes["benign", language] >= 15
    assert sum(bool(c["transcript"]) for c in cases) >= 12


def test_fourth_round_has_presence_negation_kept_numbers_and_benign_in_both_languages():
    # issue 22, round 4: presence words and post-position absence, coordinated
    # negation, kept numbers the talk contradicts; each with benign counterparts
    cases = read_cases(RECALL_4_PATH)
    classes = Counter((c["note"].split(":")[0], c["language"]) for c in cases)
    for language in ("da", "en"):
        assert classes["presence", language] >= 8
        assert classes["negation", language] >= 4
        assert classes["number", language] + classes["duration", language] >= 4
        assert classes["benign", language] >= 15
    kept = [c for c in cases if c["transcript"] and c["final_note"] == c["ai_note"]]
    assert sum(bool(c["labels"]) for c in kept) >= 8
    assert sum(not c["labels"] for c in kept) >= 4


def test_fifth_round_has_diagnoses_other_critical_types_and_benign_in_both_languages():
    # issue 22, round 5: changed, invented and unhedged diagnoses; the other
    # critical types; benign rewording of diagnoses and kept hedges
    cases = read_cases(RECALL_5_PATH)
    types = Counter(lab["type"] for c in cases for lab in c["labels"])
    assert types["diagnosis"] >= 25
    assert sum(n for t, n in types.items() if t in CRITICAL_TYPES and t != "diagnosis") >= 25
    classes = Counter((c["note"].split(":")[0], c["language"]) for c in cases)
    for language in ("da", "en"):
        assert classes["diagnosis", language] >= 12
        assert classes["benign", language] >= 12
    assert sum(bool(c["transcript"]) for c in cases) >= 6


def test_recall_cases_cover_every_class_in_both_languages():
    cases = read_cases(RECALL_PATH)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids))
    assert len(cases) >= 60
    classes = Counter((c["note"].split(":")[0], c["language"]) for c in cases)
    for label_class in ("regimen", "invented", "grade", "duration", "benign"):
        assert classes[label_class, "da"] >= 5 and classes[label_class, "en"] >= 5
    for language in ("da", "en"):
        assert classes["presence", language] + classes["antonym", language] >= 5
    assert sum(not c["labels"] for c in cases) >= 20
    with_transcript = [c for c in cases if c["transcript"]]
    assert len(with_transcript) >= 10


@pytest.mark.parametrize("path", RECALL_PATHS, ids=lambda p: p.name)
def test_recall_ids_do_not_clash_with_other_labelled_cases(path):
    ours = {c["id"] for c in read_cases(path)}
    others = (HALLUCINATION_PATH, GROUNDING_PATH, *RECALL_PATHS)
    theirs = {c["id"] for p in others if p != path for c in read_cases(p)}
    assert ours.isdisjoint(theirs)
