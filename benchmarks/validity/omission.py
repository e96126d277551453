"""Missing medical terms: recall and precision on seeded deletions and Danish cases.

Two development sets, both scored with the shipped lexicon of their language
and :func:`evalkit.score_terms` (open-vocabulary detection included):

``en-aci``
    ACI-Bench train + valid reference notes read from ``--shared``. From each
    note one sentence is deleted by a seeded rule (:func:`seeded_deletions`:
    sentences of at least four words ending in ``.?!``, one drawn per note
    with ``numpy.random.default_rng(DEFAULT_SEED)`` in ``encounter_id``
    order); the full note is the final note, the shortened one the draft.
    The medical terms of every deleted sentence were labelled **by hand**
    (``tests/labelled/omission_en_labels.jsonl``, term text and category, no
    note text), before any open-vocabulary rule was written. A labelled term
    is expected missing only when it no longer occurs in the draft
    (:func:`still_present`), nor reworded with its content words together
    (:func:`still_present_reworded`: ``push fluids`` for ``pushing fluids``),
    mechanical rules that do not use the detector. ``en-aci-strict`` is the
    same set labelled by the first rule alone (the figures before the second
    rule was added; it drops 4 of 62 labels).
``da-cases``
    ``tests/labelled/omission_cases.jsonl``, written by hand before tuning:
    Danish clinician additions (``kind: omission``) and benign edits of both
    languages (``kind: benign``: rewording, abbreviation, inflection,
    synonym, compound against its parts) that must report nothing; and
    ``tests/labelled/omission_cases_en.jsonl``, English cases of the same
    schema written before the rules they test (derived nouns, anatomy and
    finding pairs, multi-word findings, everyday anatomy, initialisms), and
    ``tests/labelled/omission_cases_en_2.jsonl``, a second English set written
    before the rules of issue 23's second round (examination manoeuvres and
    findings of common words, unit-of-time phrases, route + treatment,
    advice, clinical-register adjectives; benign rewordings of the same), and
    ``tests/labelled/omission_cases_en_3.jsonl``, a third English set written
    before the rules of terms version 6 (examination sections, named
    tests and signs, plan items, sensory modalities, surface anatomy; benign
    rewordings, initialisms, inflection, synonyms and reordering).

A predicted missing term is correct when it overlaps an expected term's span
in the final note; polarity is not compared here (the terms cases of
``tests/labelled/terms_cases.jsonl`` measure it). Printed: recall and
precision per language and per category (recall by the label's category,
precision by the predicted one), and the share of benign cases with no
missing term and no hallucination flag.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import evalkit
from evalkit.metrics.terms import score_terms
from evalkit.schema import DEFAULT_SEED
from evalkit.text.normalize import normalize_text
from evalkit.text.segment import split_sentences

LABELLED = Path(__file__).resolve().parents[2] / "tests" / "labelled"
CASES_PATH = LABELLED / "omission_cases.jsonl"
EN_CASES_PATH = LABELLED / "omission_cases_en.jsonl"
EN_CASES_2_PATH = LABELLED / "omission_cases_en_2.jsonl"
EN_CASES_3_PATH = LABELLED / "omission_cases_en_3.jsonl"
EN_LABELS_PATH = LABELLED / "omission_en_labels.jsonl"
MIN_DELETED_WORDS = 4


def seeded_deletions(notes: pd.DataFrame, seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
    """One deleted sentence per note: ``{id, final_note, ai_note, start, end}``.

    ``notes`` has ``encounter_id`` and ``note``; it is read in ``encounter_id``
    order so the draw does not depend on the files' row order.
    """
    rng = np.random.default_rng(seed)
    out = []
    for eid, note in sorted(zip(notes["encounter_id"], notes["note"], strict=True)):
        final = normalize_text(note)
        sentences = [
            s
            for s in split_sentences(final)
            if len(s.text.split()) >= MIN_DELETED_WORDS and s.text.strip()[-1:] in ".?!"
        ]
        if not sentences:
            continue
        s = sentences[int(rng.integers(len(sentences)))]
        out.append(
            {
                "id": eid,
                "final_note": final,
                "ai_note": final[: s.start] + final[s.end :],
                "start": s.start,
                "end": s.end,
            }
        )
    return out


def still_present(term: str, draft: str) -> bool:
    """Whether the draft still has ``term``: its words in order, each by a prefix.

    The labelling rule, independent of the detector: each word of the term
    matches a draft word that starts with its first ``max(4, len - 2)``
    letters (``extremity`` → ``extremities``), case-insensitively.
    """
    words = re.findall(r"[^\W_]+", term)
    pattern = r"\W+".join(re.escape(w[: max(4, len(w) - 2)]) + r"\w*" for w in words)
    return re.search(r"(?<!\w)" + pattern, draft, re.IGNORECASE) is not None


LABEL_FUNCTION_WORDS = frozenset("a an the of with to on in at for and or by from as".split())
"""Words a labelled term may lose or move in a reworded draft (``difficulty with urination``)."""
LABEL_STEM = 3
"""Letters a content word may lose at its end and still match (``push`` for ``pushing``)."""
LABEL_SLACK = 3
"""Extra draft words allowed between a reworded term's content words."""


def still_present_reworded(term: str, draft: str) -> bool:
    """Whether the draft still has ``term`` reworded: its content words near each other.

    The second labelling rule, also independent of the detector: the term's
    words less :data:`LABEL_FUNCTION_WORDS`, each matched by a draft word
    that starts with its first ``max(4, len - LABEL_STEM)`` letters (or the
    whole word, when shorter), in any order, all within ``len(words) +
    LABEL_SLACK`` draft words of each other in one sentence
    (``antibiotics ... administered intravenously`` holds ``intravenous
    antibiotics``, ``push fluids`` holds ``pushing fluids``).

    Examples
    --------
    >>> still_present_reworded("difficulty with urination", "She has difficulty urinating.")
    True
    >>> still_present_reworded("pushing fluids", "Fluids were stopped. Push on.")
    False
    """
    words = [w.casefold() for w in re.findall(r"[^\W_]+", term)]
    content = [w for w in words if w not in LABEL_FUNCTION_WORDS] or words
    prefixes = [w[: max(4, len(w) - LABEL_STEM)] for w in content]
    width = len(content) + LABEL_SLACK
    for sentence in re.split(r"[.!?\n]+", draft.casefold()):
        tokens = re.findall(r"[^\W_]+", sentence)
        spots = [[i for i, t in enumerate(tokens) if t.startswith(p)] for p in prefixes]
        if not all(spots):
            continue
        for start in spots[0]:
            if all(any(abs(i - start) < width for i in spot) for spot in spots[1:]):
                return True
    return False


def english_cases(shared: Path, *, reworded: bool = True) -> list[dict[str, Any]] | None:
    """The ``en-aci`` cases with their expected spans, or None without the data.

    A label is dropped when the draft still holds its term
    (:func:`still_present`), and with ``reworded`` also when it holds it
    reworded (:func:`still_present_reworded`).
    """
    folder = shared / "datasets" / "aci-bench" / "challenge_data"
    if not (folder / "train.csv").exists():
        return None
    notes = pd.concat([pd.read_csv(folder / n) for n in ("train.csv", "valid.csv")])
    labels = {}
    for number, line in enumerate(EN_LABELS_PATH.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        labels[row["encounter_id"]] = (number, row["labels"])
    cases = []
    for case in seeded_deletions(notes):
        if case["id"] not in labels:
            raise ValueError(
                f"{EN_LABELS_PATH.name}: no labels for {case['id']}; label its deleted sentence"
            )
        number, items = labels[case["id"]]
        deleted = case["final_note"][case["start"] : case["end"]]
        expected = []
        for item in items:
            at = deleted.find(item["term"])
            if at < 0:
                raise ValueError(
                    f"{EN_LABELS_PATH.name} line {number}: term {item['term']!r} is not in the "
                    f"deleted sentence of {case['id']}; fix the label"
                )
            if still_present(item["term"], case["ai_note"]):
                continue
            if reworded and still_present_reworded(item["term"], case["ai_note"]):
                continue
            start = case["start"] + at
            expected.append((start, start + len(item["term"]), item["category"]))
        cases.append(
            {
                "id": case["id"],
                "language": "en",
                "kind": "omission",
                "final_note": case["final_note"],
                "ai_note": case["ai_note"],
                "expected": expected,
            }
        )
    return cases


def own_cases(path: Path = CASES_PATH) -> list[dict[str, Any]]:
    """The hand-written cases with expected spans in the normalised final note."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        case = json.loads(line)
        final = normalize_text(case["final_note"])
        expected = []
        for item in case["expected_missing"]:
            at = final.find(item["term"])
            if at < 0:
                raise ValueError(
                    f"{path.name} line {number}: term {item['term']!r} is not in the final note"
                )
            expected.append((at, at + len(item["term"]), item["category"]))
        cases.append({**case, "final_note": final, "expected": expected})
    return cases


def evaluate(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts per language and category, benign outcomes and error lines (ids only)."""
    counts: dict[str, Counter] = {}
    errors = []
    benign = Counter()
    for case in cases:
        language = case["language"]
        score = score_terms(case["final_note"], case["ai_note"], language=language)
        lang = counts.setdefault(language, Counter())
        hit = [False] * len(case["expected"])
        for got in score.missing_terms:
            matched = False
            for i, (s, e, _) in enumerate(case["expected"]):
                if got["start"] < e and s < got["end"]:
                    hit[i] = matched = True
            if not matched:
                lang["fp", got["category"]] += 1
                lang["fp", "all"] += 1
                errors.append(f"{case['id']}: false alarm {got['category']} at {got['start']}")
            else:
                lang["tp_pred", got["category"]] += 1
                lang["tp_pred", "all"] += 1
        for (s, _, category), found in zip(case["expected"], hit, strict=True):
            key = "tp" if found else "fn"
            lang[key, category] += 1
            lang[key, "all"] += 1
            if not found:
                errors.append(f"{case['id']}: missed {category} at {s}")
        if case["kind"] == "benign":
            flags = evalkit.hallucination_flags(
                case["final_note"], case["ai_note"], language=language
            )
            clean = not score.missing_terms and not flags
            benign[language, "cases"] += 1
            benign[language, "clean"] += clean
            benign[language, "no_missing"] += not score.missing_terms
            benign[language, "no_flag"] += not flags
            if not clean:
                errors.append(
                    f"{case['id']}: benign case with {len(score.missing_terms)} missing, "
                    f"{len(flags)} flags"
                )
    table = {}
    for language, c in counts.items():
        categories = sorted({k[1] for k in c} - {"all"}) + ["all"]
        for category in categories:
            tp, fn = c["tp", category], c["fn", category]
            tp_pred, fp = c["tp_pred", category], c["fp", category]
            table[f"{language} {category}"] = {
                "labels": tp + fn,
                "found": tp,
                "recall": tp / (tp + fn) if tp + fn else None,
                "predicted": tp_pred + fp,
                "correct": tp_pred,
                "precision": tp_pred / (tp_pred + fp) if tp_pred + fp else None,
            }
    benign_rows = {
        lang: {k: benign[lang, k] for k in ("cases", "clean", "no_missing", "no_flag")}
        for lang in sorted({k[0] for k in benign})
    }
    return {"table": table, "benign": benign_rows, "errors": errors}


def run(args) -> dict[str, Any]:
    """Score both development sets."""
    result: dict[str, Any] = {}
    for name, reworded in (("en-aci", True), ("en-aci-strict", False)):
        english = english_cases(Path(args.shared), reworded=reworded)
        if english is None:
            result[name] = {"skipped": f"ACI-Bench not found under {args.shared}"}
            continue
        if args.limit is not None:
            english = english[: args.limit]
        result[name] = evaluate(english)
    result["own-cases"] = evaluate(own_cases() + own_cases(EN_CASES_PATH))
    result["own-cases-en-2"] = evaluate(own_cases(EN_CASES_2_PATH))
    result["own-cases-en-3"] = evaluate(own_cases(EN_CASES_3_PATH))
    return result


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def show(result: dict[str, Any]) -> None:
    """Print the tables."""
    verbose = bool(os.environ.get("EVALKIT_BENCH_VERBOSE", "") not in ("", "0"))
    for name in ("en-aci", "en-aci-strict", "own-cases", "own-cases-en-2", "own-cases-en-3"):
        part = result[name]
        print(f"\n{name}")
        if "skipped" in part:
            print(part["skipped"])
            continue
        print("| | labels | found | recall | predicted | correct | precision |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for key, row in part["table"].items():
            print(
                f"| {key} | {row['labels']} | {row['found']} | {_pct(row['recall'])} | "
                f"{row['predicted']} | {row['correct']} | {_pct(row['precision'])} |"
            )
        for lang, row in part["benign"].items():
            print(
                f"benign {lang}: {row['clean']}/{row['cases']} with no missing term and no flag "
                f"(no missing term {row['no_missing']}, no flag {row['no_flag']})"
            )
        if verbose:
            for line in part["errors"]:
                print("  " + line)
    print("(set EVALKIT_BENCH_VERBOSE=1 to list errors by case id and offset)")
