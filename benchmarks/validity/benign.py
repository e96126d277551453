"""Faithful public notes against their own transcripts: every flag is a false alarm.

ACI-Bench train, valid and test1 reference notes (the note scored against
itself, the dialogue as transcript) and PriMock57 clinicians' notes (against
their own transcript). Printed per corpus: notes, share with at least one
flag, flags per note, and flags by type and by source.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

import evalkit
from evalkit.datasets.public import load_aci_bench, load_primock57


def corpora(shared, limit: int | None = None) -> dict[str, pd.DataFrame]:
    """The benign corpora found under ``shared/datasets``, as notes tables."""
    root = shared / "datasets"
    out: dict[str, pd.DataFrame] = {}
    if (root / "aci-bench").exists():
        frames = [
            load_aci_bench(root, split, system="reference") for split in ("train", "valid", "test1")
        ]
        aci = pd.concat(frames, ignore_index=True)
        aci["note_id"] = aci["dataset"] + "/" + aci["encounter_id"]
        out["ACI-Bench train + valid + test1"] = aci
    if (root / "primock57").exists():
        pm = load_primock57(root)
        pm["ai_note"] = pm["final_note"]
        out["PriMock57"] = pm
    if limit is not None:
        out = {k: v.head(limit) for k, v in out.items()}
    return out


def flag_table(scores: pd.DataFrame) -> dict[str, Any]:
    """Benign-corpus figures of a scores table."""
    flags = [f for items in scores["hallucination_flags"] for f in items]
    n = len(scores)
    return {
        "notes": n,
        "notes_with_flag": int((scores["n_hallucination_flags"] > 0).sum()),
        "share_with_flag": float((scores["n_hallucination_flags"] > 0).mean())
        if n
        else float("nan"),
        "flags": len(flags),
        "flags_per_note": len(flags) / n if n else float("nan"),
        "by_type": dict(Counter(f["type"] for f in flags).most_common()),
        "by_source": dict(Counter(f["source"] for f in flags).most_common()),
        "unsupported_per_note": (
            float(scores["n_unsupported_claims"].mean())
            if "n_unsupported_claims" in scores
            else None
        ),
    }


def run(args) -> dict[str, Any]:
    found = corpora(args.shared, args.limit)
    if not found:
        return {"skipped": f"no ACI-Bench or PriMock57 under {args.shared / 'datasets'}"}
    out = {}
    for name, notes in found.items():
        scores = evalkit.score(notes)
        out[name] = flag_table(scores)
    return {"corpora": out}


def show(result: dict[str, Any]) -> None:
    if "skipped" in result:
        print("skipped:", result["skipped"])
        return
    print("| corpus | notes | notes with ≥ 1 flag | flags per note | by type | by source |")
    print("|---|---:|---:|---:|---|---|")
    for name, r in result["corpora"].items():
        types = ", ".join(f"{k} {v}" for k, v in r["by_type"].items()) or "-"
        sources = ", ".join(f"{k} {v}" for k, v in r["by_source"].items()) or "-"
        print(
            f"| {name} | {r['notes']} | {r['share_with_flag']:.0%} | {r['flags_per_note']:.2f} "
            f"| {types} | {sources} |"
        )
