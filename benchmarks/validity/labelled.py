"""Hand-labelled cases of ``tests/labelled``: recall and precision of hallucination flags.

Reads ``hallucination_cases.jsonl``, ``grounding_cases.jsonl`` and, when they
exist, the files of :data:`OPTIONAL_CASE_FILES` (one case a line: ``id, language, final_note,
ai_note, transcript, labels``), scores every
case with :func:`evalkit.hallucination_flags` and compares the flags with the labelled
spans of ``ai_note`` by overlap
(:func:`~evalkit.metrics.hallucination.evaluate_flags`): a label is found when
any flag of its case overlaps it, a flag is correct when it overlaps a label.

Printed, all cases pooled unless said otherwise:

* per flag type (recall by labelled type, precision by predicted type);
* per language and per file (overall rows);
* per flag source: only the flags of that source kept, so "recall" is the share
  of labels that flags of this source find, and precision is theirs;
* per case kind, by what can show the error: ``final_note`` (no transcript),
  ``transcript`` (the signed note equals the draft or is empty: only the talk
  contradicts it, the dangerous case) and ``both`` (corrected note and
  transcript);
* the confusion of labelled and predicted types, and how many benign-only
  cases (no labels) got no flag;
* each file of :data:`RECALL_FILES` alone (issue 22): per flag type, and per
  case class (the first word of its ``note``: ``regimen``, ``invented``,
  ``grade``, ``duration``, ``number``, ``presence``, ``antonym``, ``negation``,
  ``diagnosis``, ``laterality``, ``medication``, ``benign``).

With ``--verbose`` (if the dispatcher has it) or ``EVALKIT_BENCH_VERBOSE=1``,
each missed label and spurious flag is listed by case id (the cases are
hand-written, so their text may be printed).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pandas as pd

import evalkit
from evalkit.metrics.hallucination import evaluate_flags, flag_confusion

LABELLED_DIR = Path(__file__).resolve().parents[2] / "tests" / "labelled"
CASE_FILES = ("hallucination_cases.jsonl", "grounding_cases.jsonl")
OPTIONAL_CASE_FILES = (
    "recall_cases.jsonl",
    "grounding_cases_2.jsonl",
    "recall_cases_3.jsonl",
    "recall_cases_4.jsonl",
    "recall_cases_5.jsonl",
)
RECALL_FILE = "recall_cases.jsonl"
RECALL_FILES = (
    "recall_cases.jsonl",
    "recall_cases_3.jsonl",
    "recall_cases_4.jsonl",
    "recall_cases_5.jsonl",
)
"""Recall-case files reported on their own, per flag type and case class (issue 22)."""
FIELDS = ("id", "language", "final_note", "ai_note", "transcript", "labels")


def case_files(directory: Path = LABELLED_DIR) -> tuple[str, ...]:
    """:data:`CASE_FILES` and those of :data:`OPTIONAL_CASE_FILES` present in ``directory``."""
    return CASE_FILES + tuple(n for n in OPTIONAL_CASE_FILES if (directory / n).exists())


def load_cases(directory: Path = LABELLED_DIR) -> list[dict[str, Any]]:
    """Every case of :func:`case_files`, each with the name of its ``file``."""
    cases = []
    for name in case_files(directory):
        path = directory / name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            case = json.loads(line)
            missing = [f for f in FIELDS if f not in case]
            if missing:
                raise ValueError(
                    f"{name} line {number}: missing field(s) {missing}; "
                    f"each case needs {', '.join(FIELDS)}"
                )
            case["file"] = name
            cases.append(case)
    ids = [c["id"] for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(
            f"case ids must be unique across {case_files(directory)}; repeated: {duplicates}"
        )
    return cases


def case_kind(case: dict[str, Any]) -> str:
    """What can show a case's errors: ``final_note``, ``transcript`` or ``both``."""
    if not case.get("transcript"):
        return "final_note"
    if not case["final_note"] or case["final_note"] == case["ai_note"]:
        return "transcript"
    return "both"


def score_cases(cases: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Predicted flags per case id, through :func:`evalkit.hallucination_flags`.

    One note at a time rather than :func:`evalkit.score`, because ``score``
    quarantines rows whose ``final_note`` is empty, and the transcript-only
    cases have one (the flags are the same as ``score``'s for the others).
    """
    return {
        c["id"]: evalkit.hallucination_flags(
            c["final_note"],
            c["ai_note"],
            transcript=c["transcript"] or None,
            language=c["language"],
        )
        for c in cases
    }


def _records(table: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """A figures table as plain dicts: counts as int, rates as float or None when undefined."""
    out = {}
    for name, row in table.astype(object).iterrows():
        out[str(name)] = {
            k: None
            if isinstance(v, float) and math.isnan(v)
            else v.item()
            if hasattr(v, "item")
            else v
            for k, v in row.items()
        }
    return out


def _overall(predicted, labelled) -> dict[str, Any]:
    return _records(evaluate_flags(predicted, labelled))["overall"]


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def misses(cases: list[dict[str, Any]], predicted: dict[str, list]) -> list[dict[str, Any]]:
    """Labels no flag overlaps (``missed``) and flags that overlap no label (``spurious``)."""
    out = []
    for case in cases:
        flags, labels = predicted[case["id"]], case["labels"]
        for lab in labels:
            if not any(_overlaps(lab, f) for f in flags):
                out.append({"id": case["id"], "what": "missed", **lab})
        for flag in flags:
            if not any(_overlaps(flag, lab) for lab in labels):
                out.append({"id": case["id"], "what": "spurious", **flag})
    return out


def _verbose(args) -> bool:
    return bool(getattr(args, "verbose", False)) or os.environ.get(
        "EVALKIT_BENCH_VERBOSE", ""
    ) not in ("", "0")


def case_class(case: dict[str, Any]) -> str:
    """The class of a recall case: the first word of its ``note`` (``regimen``, ``benign`` …)."""
    return (case.get("note") or "").split(":")[0].strip() or "(none)"


def _recall_figures(cases, predicted, labelled, name: str = RECALL_FILE) -> dict[str, Any]:
    ours = [c for c in cases if c["file"] == name]
    if not ours:
        return {}
    ids = [c["id"] for c in ours]
    sub_predicted = {i: predicted[i] for i in ids}
    sub_labelled = {i: labelled[i] for i in ids}
    by_class = {}
    for name in sorted({case_class(c) for c in ours}):
        keep = [c["id"] for c in ours if case_class(c) == name]
        by_class[name] = _overall({i: predicted[i] for i in keep}, {i: labelled[i] for i in keep})
    benign = [c["id"] for c in ours if not c["labels"]]
    return {
        "recall_cases_by_type": _records(evaluate_flags(sub_predicted, sub_labelled)),
        "recall_cases_by_class": by_class,
        "recall_cases_benign": len(benign),
        "recall_cases_benign_without_flag": sum(not predicted[i] for i in benign),
    }


def run(args) -> dict[str, Any]:
    files = case_files()
    cases = load_cases()
    predicted = score_cases(cases)
    labelled = {c["id"]: c["labels"] for c in cases}

    def subset(keep) -> tuple[dict, dict]:
        ids = [c["id"] for c in cases if keep(c)]
        return {i: predicted[i] for i in ids}, {i: labelled[i] for i in ids}

    sources = sorted({f["source"] for flags in predicted.values() for f in flags})
    benign = [c["id"] for c in cases if not c["labels"]]
    confusion = flag_confusion(predicted, labelled)
    listed = {"listed": misses(cases, predicted)} if _verbose(args) else {}
    return {
        **listed,
        "cases": {name: sum(c["file"] == name for c in cases) for name in files},
        "labels": sum(len(v) for v in labelled.values()),
        "by_type": _records(evaluate_flags(predicted, labelled)),
        "by_language": {
            lang: _overall(*subset(lambda c, lang=lang: c["language"] == lang))
            for lang in sorted({c["language"] for c in cases})
        },
        "by_file": {
            name: _overall(*subset(lambda c, name=name: c["file"] == name)) for name in files
        },
        "by_flag_source": {
            source: _overall(
                {k: [f for f in v if f["source"] == source] for k, v in predicted.items()},
                labelled,
            )
            for source in sources
        },
        "by_case_kind": {
            kind: _overall(*subset(lambda c, kind=kind: case_kind(c) == kind))
            for kind in ("final_note", "transcript", "both")
            if any(case_kind(c) == kind for c in cases)
        },
        "grounding_by_language_and_kind": {
            f"{lang} {kind}": _overall(
                *subset(
                    lambda c, lang=lang, kind=kind: (
                        c["file"] == "grounding_cases.jsonl"
                        and c["language"] == lang
                        and case_kind(c) == kind
                        and c["labels"]
                    )
                )
            )
            for lang in ("da", "en")
            for kind in ("transcript", "both")
        },
        "benign_cases": len(benign),
        "benign_without_flag": sum(not predicted[i] for i in benign),
        "benign_flags_by_source": {
            source: sum(f["source"] == source for i in benign for f in predicted[i])
            for source in sources
        },
        "confusion": {
            str(r): {str(k): int(v) for k, v in row.items()} for r, row in confusion.iterrows()
        },
        **_recall_figures(cases, predicted, labelled),
        "recall_files": {
            name: figures
            for name in RECALL_FILES
            if (figures := _recall_figures(cases, predicted, labelled, name))
        },
    }


def _pct(value) -> str:
    return "-" if value is None else f"{value:.0%}"


def _table(title: str, rows: dict[str, dict[str, Any]]) -> None:
    print(f"\n{title}")
    print("| | labels | found | recall | flags | correct | precision |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['n_labels']} | {r['found']} | {_pct(r['recall'])} "
            f"| {r['n_flags']} | {r['correct']} | {_pct(r['precision'])} |"
        )


def show(result: dict[str, Any]) -> None:
    files = ", ".join(f"{name} {n}" for name, n in result["cases"].items())
    print(f"cases: {files}; labelled errors: {result['labels']}")
    _table("per flag type (all cases)", result["by_type"])
    _table("per language", result["by_language"])
    _table("per file", result["by_file"])
    _table("per flag source (only that source's flags)", result["by_flag_source"])
    _table("per case kind (what can show the error)", result["by_case_kind"])
    _table(
        "grounding_cases.jsonl, labelled cases, per language and kind",
        result["grounding_by_language_and_kind"],
    )
    by_source = ", ".join(f"{k} {v}" for k, v in result["benign_flags_by_source"].items())
    print(
        f"\nbenign-only cases without a flag: {result['benign_without_flag']}/"
        f"{result['benign_cases']} (their flags by source: {by_source or '-'})"
    )
    confusion = pd.DataFrame(result["confusion"]).T.fillna(0).astype(int)
    if not confusion.empty:
        print("\nconfusion (rows: labelled type; columns: predicted type)")
        print(confusion.to_string())
    for name, figures in result.get("recall_files", {}).items():
        _table(f"{name}, per flag type", figures["recall_cases_by_type"])
        _table(f"{name}, per case class", figures["recall_cases_by_class"])
        print(
            f"\n{name} benign cases without a flag: "
            f"{figures['recall_cases_benign_without_flag']}/{figures['recall_cases_benign']}"
        )
    if "listed" not in result:
        print("(set EVALKIT_BENCH_VERBOSE=1 to list missed labels and spurious flags)")
        return
    for item in result["listed"]:
        source = f" ({item['source']})" if "source" in item else ""
        evidence = f" — {item['evidence']}" if "evidence" in item else ""
        print(f"- {item['id']} {item['what']} {item['type']}{source}: {item['text']!r}{evidence}")
