"""Reading the labelled case files of ``tests/labelled`` (shared by their validator tests)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
HALLUCINATION_PATH = HERE / "hallucination_cases.jsonl"


def read_cases(path: Path) -> list[dict]:
    """The JSON lines of a case file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def known_types() -> set[str]:
    """The flag types the hand-written hallucination cases use."""
    return {lab["type"] for case in read_cases(HALLUCINATION_PATH) for lab in case["labels"]}
