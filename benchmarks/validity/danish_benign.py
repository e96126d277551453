"""Danish benign consultations of ``tests/labelled``: every flag is a false alarm.

``tests/labelled/danish_benign.jsonl`` holds realistic general-practice
consultations written for evalkit (no patient data): the transcript and the
faithful note a Danish GP would sign. Each note is scored against itself
(``final_note`` as both the draft and the reference) with its transcript, so
any hallucination flag is raised from the transcript and is wrong.

Printed: notes, share with at least one flag, flags per note, flags by type
and by source. With ``--verbose`` (if the dispatcher has it) or the
environment variable ``EVALKIT_BENCH_VERBOSE=1``, each flag is listed with
its note id, type, flagged text and evidence; the corpus is synthetic, so its
text may be printed here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

import evalkit
from validity.benign import flag_table

CORPUS_PATH = Path(__file__).resolve().parents[2] / "tests" / "labelled" / "danish_benign.jsonl"


def load_corpus(path: Path = CORPUS_PATH, limit: int | None = None) -> pd.DataFrame:
    """The corpus as a notes table: each faithful note is its own draft."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        case = json.loads(line)
        missing = {"id", "transcript", "final_note"} - set(case)
        if missing:
            raise ValueError(
                f"{path.name} line {number}: missing field(s) {sorted(missing)}; "
                "each line needs id, language, transcript, final_note, note"
            )
        rows.append(
            {
                "note_id": case["id"],
                "final_note": case["final_note"],
                "ai_note": case["final_note"],
                "transcript": case["transcript"],
                "language": case.get("language", "da"),
            }
        )
    notes = pd.DataFrame(rows)
    return notes if limit is None else notes.head(limit)


def _verbose(args) -> bool:
    return bool(getattr(args, "verbose", False)) or os.environ.get(
        "EVALKIT_BENCH_VERBOSE", ""
    ) not in ("", "0")


def run(args) -> dict[str, Any]:
    notes = load_corpus(limit=getattr(args, "limit", None))
    scores = evalkit.score(notes)
    result: dict[str, Any] = {"corpus": CORPUS_PATH.name, **flag_table(scores)}
    if _verbose(args):
        result["flags_listed"] = [
            {
                "note_id": row.note_id,
                "type": flag["type"],
                "source": flag["source"],
                "text": flag["text"],
                "evidence": flag["evidence"],
            }
            for row in scores.itertuples(index=False)
            for flag in row.hallucination_flags
        ]
    return result


def show(result: dict[str, Any]) -> None:
    types = ", ".join(f"{k} {v}" for k, v in result["by_type"].items()) or "-"
    sources = ", ".join(f"{k} {v}" for k, v in result["by_source"].items()) or "-"
    print("| corpus | notes | notes with ≥ 1 flag | flags per note | by type | by source |")
    print("|---|---:|---:|---:|---|---|")
    print(
        f"| {result['corpus']} | {result['notes']} | {result['share_with_flag']:.0%} "
        f"| {result['flags_per_note']:.2f} | {types} | {sources} |"
    )
    if result.get("unsupported_per_note") is not None:
        print(f"unsupported claims per note: {result['unsupported_per_note']:.2f}")
    listed = result.get("flags_listed")
    if listed is None:
        print("(set EVALKIT_BENCH_VERBOSE=1 to list each flag)")
        return
    for flag in listed:
        print(
            f"- {flag['note_id']} {flag['type']} ({flag['source']}): "
            f"{flag['text']!r} — {flag['evidence']}"
        )
