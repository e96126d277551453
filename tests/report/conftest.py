"""A synthetic scored pilot for the report tests: three clinics (one below the
small-cell threshold), clinicians, control notes with timing, hallucination
flags and missing terms with real offsets, and notes that try to inject HTML."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'

_SENTENCES = [
    "Pt med ondt i halsen i 3 dage.",
    "Ingen feber.",
    "BT 120/80, puls 72.",
    "Tonsiller let forstørrede.",
    "Plan: Pamol 1 g x 4 ved behov.",
    "Kontrol om en uge.",
    "Allergi: penicillin.",
    "Hoste siden mandag.",
]


def make_notes(seed: int = 7) -> pd.DataFrame:
    """Raw notes (no scores) with clinics A, B (large) and C (3 notes)."""
    rng = np.random.default_rng(seed)
    rows = []
    plan = [("A", ["a1", "a2", "a3"], 14), ("B", ["b1", "b2"], 12), ("C", ["c1"], 3)]
    k = 0
    for clinic, clinicians, n in plan:
        for i in range(n):
            clinician = clinicians[i % len(clinicians)]
            ai = i % 4 != 3 or clinic == "C"
            final = " ".join(rng.choice(_SENTENCES, size=4, replace=False))
            if not ai:
                draft = None
            elif i % 3 == 0:
                draft = final
            elif i % 3 == 1:
                draft = final.replace("Ingen feber.", "Feber 39 grader.")
                draft = draft.replace("120/80", "130/80")
            else:
                draft = final + " Patienten ryger 20 cigaretter dagligt."
            base = 300.0 if not ai else 220.0
            rows.append(
                {
                    "note_id": f"n{k:03d}",
                    "clinic_id": clinic,
                    "clinician_id": clinician,
                    "consultation_type": ["video", "phone", "in-person"][i % 3],
                    "language": "da",
                    "ai_assisted": ai,
                    "ai_note": draft,
                    "final_note": final,
                    "doc_seconds": float(base + rng.normal(0, 30)),
                }
            )
            k += 1
    notes = pd.DataFrame(rows)
    notes.loc[1, "ai_note"] = XSS_SCRIPT + " " + notes.loc[1, "final_note"]
    notes.loc[2, "final_note"] = XSS_IMG + " " + notes.loc[2, "final_note"]
    notes.loc[2, "ai_note"] = notes.loc[2, "final_note"].replace(XSS_IMG, "=HYPERLINK(1)")
    return notes


def _flags(draft: str | None) -> list[dict]:
    if not draft:
        return []
    out = []
    for needle, typ, sev in (
        ("Feber 39 grader.", "contradiction", "critical"),
        ("ryger 20 cigaretter", "unsupported", "major"),
        (XSS_SCRIPT, "unsupported", "minor"),
    ):
        pos = draft.find(needle)
        if pos >= 0:
            out.append(
                {
                    "type": typ,
                    "severity": sev,
                    "start": pos,
                    "end": pos + len(needle),
                    "text": needle,
                    "evidence": f"not in transcript {XSS_IMG}",
                    "source": "transcript",
                }
            )
    return out


def _missing(final: str, draft: str | None) -> list[dict]:
    if draft is None:
        return []
    out = []
    for term, cat in (("feber", "symptom"), ("penicillin", "allergy"), ("Pamol", "drug")):
        pos = final.find(term)
        if pos >= 0 and term not in draft:
            out.append(
                {
                    "term": term,
                    "concept_id": f"C-{term}",
                    "category": cat,
                    "start": pos,
                    "end": pos + len(term),
                    "negated": term == "feber",
                }
            )
    return out


def make_scores(seed: int = 7) -> pd.DataFrame:
    """Notes scored with the edit family, plus terms and hallucination columns."""
    import evalkit

    scores = evalkit.score(make_notes(seed), families=["edit"])
    ai = scores["char_distance_norm"].notna()
    flags = [_flags(d) if a else None for d, a in zip(scores["ai_note"], ai, strict=True)]
    missing = [
        _missing(f, d) if a else None
        for f, d, a in zip(scores["final_note"], scores["ai_note"], ai, strict=True)
    ]
    scores["hallucination_flags"] = flags
    scores["n_hallucination_flags"] = [None if f is None else len(f) for f in flags]
    scores["n_critical_flags"] = [
        None if f is None else sum(x["severity"] == "critical" for x in f) for f in flags
    ]
    scores["hallucination_free"] = [None if f is None else not f for f in flags]
    scores["missing_terms"] = missing
    scores["n_missing_terms"] = [None if m is None else len(m) for m in missing]
    return scores


@pytest.fixture(scope="session")
def pilot_scores() -> pd.DataFrame:
    return make_scores()
