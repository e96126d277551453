"""Shape and offsets of the labelled transcript-grounding cases and the Danish benign corpus.

``grounding_cases.jsonl`` has the shape of ``hallucination_cases.jsonl``; every
label must quote its span of ``ai_note`` exactly, because recall and precision
are computed by overlap of offsets. ``danish_benign.jsonl`` holds faithful
consultations (transcript and signed note) where any flag is a false alarm.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from tests.labelled.cases import known_types, read_cases

HERE = Path(__file__).resolve().parent
GROUNDING_PATH = HERE / "grounding_cases.jsonl"
SECOND_PATH = HERE / "grounding_cases_2.jsonl"
BENIGN_PATH = HERE / "danish_benign.jsonl"
HALLUCINATION_PATH = HERE / "hallucination_cases.jsonl"

GROUNDING_FIELDS = {"id", "language", "final_note", "ai_note", "transcript", "labels", "note"}
BENIGN_FIELDS = {"id", "language", "transcript", "final_note", "note"}
LABEL_FIELDS = {"type", "start", "end", "text"}
# A speaker label at the start of a line: "Læge:", "P:", "Doctor:", "Mor:", "[doctor]".
TURN_LABEL = re.compile(r"^(?:\[[a-z]+\]|[A-Za-zÆØÅæøå]+:)", re.MULTILINE)


def label_problems(case: dict, known_types: set[str]) -> list[str]:
    """Everything wrong with one grounding case, as readable messages (empty when valid)."""
    where = case.get("id", "<no id>")
    problems = []
    if set(case) != GROUNDING_FIELDS:
        problems.append(f"{where}: fields {sorted(case)}, expected {sorted(GROUNDING_FIELDS)}")
        return problems
    for field in ("final_note", "ai_note", "transcript"):
        text = case[field]
        if not isinstance(text, str) or not text:
            problems.append(f"{where}: {field} must be a non-empty string")
        elif unicodedata.normalize("NFC", text) != text or "\r" in text:
            problems.append(f"{where}: {field} is not NFC with \\n line ends (offsets would move)")
    draft = case["ai_note"]
    spans = []
    for lab in case["labels"]:
        if set(lab) != LABEL_FIELDS:
            problems.append(f"{where}: label fields {sorted(lab)}, expected {sorted(LABEL_FIELDS)}")
            continue
        if lab["type"] not in known_types:
            problems.append(f"{where}: label type {lab['type']!r} not in {sorted(known_types)}")
        start, end = lab["start"], lab["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            problems.append(f"{where}: bad span {start}..{end}")
            continue
        found = draft[start:end]
        if found != lab["text"]:
            quoted = lab["text"]
            problems.append(f"{where}: ai_note[{start}:{end}] is {found!r}, label says {quoted!r}")
        spans.append((start, end))
    spans.sort()
    for (_, end_a), (start_b, _) in zip(spans, spans[1:], strict=False):
        if start_b < end_a:
            problems.append(f"{where}: overlapping labels at {start_b}")
    return problems


def test_label_problems_catches_a_shifted_offset():
    case = {
        "id": "x",
        "language": "en",
        "final_note": "Left knee.",
        "ai_note": "Right knee.",
        "transcript": "[doctor] your left knee .",
        "labels": [{"type": "laterality", "start": 1, "end": 6, "text": "Right"}],
        "note": "",
    }
    assert label_problems(case, {"laterality"}) == [
        "x: ai_note[1:6] is 'ight ', label says 'Right'"
    ]
    case["labels"][0]["start"] = 0
    case["labels"][0]["end"] = 5
    assert label_problems(case, {"laterality"}) == []
    assert "not in" in label_problems(case, {"negation"})[0]


def test_grounding_cases_are_valid():
    known = known_types()
    problems = [p for case in read_cases(GROUNDING_PATH) for p in label_problems(case, known)]
    assert problems == []


def test_grounding_cases_cover_what_the_benchmark_reports():
    cases = read_cases(GROUNDING_PATH)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids))
    labelled = Counter(c["language"] for c in cases if c["labels"])
    assert labelled["da"] >= 25 and labelled["en"] >= 25
    assert sum(not c["labels"] for c in cases) >= 20
    kept = [c for c in cases if c["labels"] and c["final_note"] == c["ai_note"]]
    corrected = [c for c in cases if c["labels"] and c["final_note"] != c["ai_note"]]
    assert len(kept) >= 10 and len(corrected) >= 10


def test_grounding_ids_do_not_clash_with_hallucination_cases():
    ours = {c["id"] for c in read_cases(GROUNDING_PATH)}
    theirs = {c["id"] for c in read_cases(HALLUCINATION_PATH)}
    assert ours.isdisjoint(theirs)


def test_the_second_grounding_set_is_valid_and_apart():
    # written after the first rules were tuned, as a check of how far they carry
    cases = read_cases(SECOND_PATH)
    known = known_types()
    assert [p for case in cases for p in label_problems(case, known)] == []
    ids = {c["id"] for c in cases}
    assert len(ids) == len(cases) == 16
    assert ids.isdisjoint({c["id"] for c in read_cases(GROUNDING_PATH)})
    assert sum(not c["labels"] for c in cases) == 8


@pytest.mark.parametrize("case", read_cases(BENIGN_PATH), ids=lambda c: c["id"])
def test_danish_benign_case_shape(case):
    assert set(case) == BENIGN_FIELDS
    assert case["language"] == "da"
    for field in ("transcript", "final_note"):
        text = case[field]
        assert text and unicodedata.normalize("NFC", text) == text and "\r" not in text
    turns = case["transcript"].split("\n")
    assert 10 <= len(turns) <= 40


def test_danish_benign_corpus_size_and_formats():
    cases = read_cases(BENIGN_PATH)
    assert len(cases) >= 40
    assert len({c["id"] for c in cases}) == len(cases)
    first_labels = Counter(
        (m.group(0) if (m := TURN_LABEL.match(c["transcript"])) else "(none)") for c in cases
    )
    assert first_labels["Læge:"] >= 25
    assert first_labels["L:"] >= 3
    assert first_labels["Doctor:"] >= 2
    assert first_labels["(none)"] >= 3
