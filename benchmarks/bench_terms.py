"""Benchmarks for the term matcher and the missing-terms metric.

Two parts:

* ``speed`` (default): microseconds per 1,500-character note for
  :meth:`evalkit.lexicon.Matcher.find` with the shipped Danish and English
  lexicons and with a 5,000-term slice, against a regex alternation of the
  same terms in the same run (median of 5 repeats), and the ratio.
* ``aci-bench``: on ``../shared/datasets/aci-bench``, each system's mean
  ``term_recall`` (system note against the reference note, English lexicon)
  beside the published 'Fact' (MEDCON) column of ``tables/test1.csv``, and
  the Spearman rank correlation between the two (scipy).

Run from the repository root::

    python benchmarks/bench_terms.py speed
    python benchmarks/bench_terms.py aci-bench

Note text is never printed; only counts, timings and system names.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import numpy as np

from evalkit.lexicon import Lexicon, Matcher, fold, load_lexicon
from evalkit.metrics.terms import compare_mentions

REPO = Path(__file__).resolve().parents[1]
ACI = REPO / ".." / "shared" / "datasets" / "aci-bench"
NOTE_CHARS = 1500
REPEATS = 5

# Systems in predictions/ and their row in the 'ALL' block of tables/test1.csv.
ACI_SYSTEMS = {
    "BART_large_clinicalnlp_taskB_test1_full.csv": "BART",
    "BioBART_clinicalnlp_taskB_test1_full.csv": "BioBART",
    "LED_clinicalnlp_taskB_test1_full.csv": "LED",
    "bart-large-xsum-samsum_clinicalnlp_taskB_test1_division_combined.csv": (
        "BART+FT$_{\\mathrm{SAMSum}}$ (Division)"
    ),
    "test1Text-Davinci-002_.csv": "Text-Davinci-002",
    "test1Text-Davinci-003_.csv": "Text-Davinci-003",
    "test1ChatGPT_.csv": "ChatGPT",
    "test1GPT-4_.csv": "GPT-4",
}

_DA_FILLER = (
    "patienten har haft det i nogle dage og kommer i dag til vurdering af egen læge "
    "hun fortæller at det startede efter en forkølelse vi aftaler kontrol om en uge "
    "ved forværring henvender hun sig igen objektivt upåvirket almentilstand plan"
).split()
_EN_FILLER = (
    "the patient reports that this started a few days ago and presents today for review "
    "she says it began after a cold we agreed to follow up in one week and to return "
    "if worse on examination well appearing in no acute distress plan discussed"
).split()


def synthetic_notes(lexicon: Lexicon, language: str, n: int, *, seed: int = 12345) -> list[str]:
    """Notes of about 1,500 characters: filler words with one lexicon term in eight."""
    rng = np.random.default_rng(seed)
    terms = [e.term for e in lexicon.entries if e.language == language]
    filler = _DA_FILLER if language == "da" else _EN_FILLER
    negations = ["ingen", "ikke"] if language == "da" else ["no", "denies"]
    notes = []
    for _ in range(n):
        parts: list[str] = []
        length = 0
        while length < NOTE_CHARS:
            roll = rng.random()
            if roll < 0.125:
                word = terms[rng.integers(len(terms))]
            elif roll < 0.14:
                word = negations[rng.integers(len(negations))]
            else:
                word = filler[rng.integers(len(filler))]
            if rng.random() < 0.08:
                word += "."
            parts.append(word)
            length += len(word) + 1
        notes.append(" ".join(parts)[:NOTE_CHARS])
    return notes


def regex_baseline(lexicon: Lexicon, language: str) -> re.Pattern[str]:
    """One alternation of every term (longest first), whole words, case-insensitive."""
    terms = sorted(
        {fold(e.term) for e in lexicon.entries if e.language == language}, key=len, reverse=True
    )
    alternation = "|".join(re.escape(t).replace(r"\ ", r"\W+") for t in terms if t)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def _median_us_per_note(run, notes: list[str]) -> float:
    times = []
    for _ in range(REPEATS):
        # CPU time of this process, so other jobs on a shared machine do not count.
        start = time.process_time()
        run(notes)
        times.append((time.process_time() - start) / len(notes) * 1e6)
    return statistics.median(times)


def aci_notes(n: int) -> list[str]:
    """The first ``n`` ACI-BENCH reference notes cut to 1,500 characters (empty if absent)."""
    path = ACI / "challenge_data" / "train.csv"
    if not path.is_file():
        return []
    import pandas as pd

    notes = pd.read_csv(path)["note"].dropna().tolist()
    return [t[:NOTE_CHARS] for t in notes if len(t) >= NOTE_CHARS][:n]


def bench_speed(n_notes: int = 300, n_regex_notes: int = 10) -> list[dict]:
    """Time the matcher and the regex baseline; return one row per lexicon and note set.

    ``scan_us_per_note`` is the automaton pass alone over the folded note (no
    boundaries, inflection, polarity or offsets): the floor under ``find``.
    """
    rows = []
    shipped = {lang: load_lexicon(lang) for lang in ("da", "en")}
    en_terms = list(shipped["en"].entries)[:5000]
    en_slice = Lexicon(en_terms, version="en-5k")
    setups = [
        ("da shipped", shipped["da"], "da", synthetic_notes(shipped["da"], "da", n_notes)),
        ("en shipped", shipped["en"], "en", synthetic_notes(shipped["en"], "en", n_notes)),
        ("en 5k-term slice", en_slice, "en", synthetic_notes(en_slice, "en", n_notes)),
        ("en shipped, ACI", shipped["en"], "en", aci_notes(n_notes)),
    ]
    for label, lexicon, language, notes in setups:
        if not len(lexicon) or not notes:
            continue
        start = time.perf_counter()
        matcher = Matcher(lexicon, language=language)
        build_s = time.perf_counter() - start
        folded = [" " + fold(t) + " " for t in notes]
        automaton = matcher._automaton
        scan_us = _median_us_per_note(
            lambda ns, a=automaton: [sum(1 for _ in a.iter(t)) for t in ns], folded
        )
        matcher_us = _median_us_per_note(lambda ns, m=matcher: [m.find(t) for t in ns], notes)
        pattern = regex_baseline(lexicon, language)
        regex_us = _median_us_per_note(
            lambda ns, p=pattern: [list(p.finditer(t)) for t in ns], notes[:n_regex_notes]
        )
        mentions = sum(len(matcher.find(t)) for t in notes) / len(notes)
        rows.append(
            {
                "lexicon": label,
                "terms": matcher.n_terms,
                "build_s": build_s,
                "scan_us_per_note": scan_us,
                "matcher_us_per_note": matcher_us,
                "regex_us_per_note": regex_us,
                "regex_over_matcher": regex_us / matcher_us,
                "mentions_per_note": mentions,
            }
        )
    return rows


def _published_fact() -> dict[str, float]:
    # tables/test1.csv holds several blocks; the first ('ALL') is the whole note.
    facts: dict[str, float] = {}
    lines = (ACI / "tables" / "test1.csv").read_text(encoding="utf-8").splitlines()
    header: list[str] | None = None
    for line in lines:
        if header is None:
            if line.startswith("Model,"):
                header = line.split(",")
            continue
        if not line.strip():
            break
        cells = line.rsplit(",", len(header) - 1)
        if len(cells) == len(header) and cells[header.index("Fact")]:
            facts[cells[0]] = float(cells[header.index("Fact")])
    return facts


def bench_aci() -> tuple[list[dict], float, float]:
    """Mean term_recall per ACI-BENCH system, the published Fact, and Spearman's rho."""
    import pandas as pd
    from scipy.stats import spearmanr

    from evalkit.text.normalize import normalize_text

    reference = pd.read_csv(ACI / "challenge_data" / "clinicalnlp_taskB_test1.csv")
    ref_by_id = dict(zip(reference["encounter_id"], reference["note"], strict=True))
    matcher = Matcher(load_lexicon("en"), language="en")
    ref_mentions = {k: matcher.find(normalize_text(v)) for k, v in ref_by_id.items()}
    facts = _published_fact()
    rows = []
    for file_name, system in ACI_SYSTEMS.items():
        path = ACI / "predictions" / file_name
        if not path.is_file():
            continue
        predictions = pd.read_csv(path)
        recalls = []
        for encounter_id, note in zip(
            predictions["encounter_id"], predictions["note"], strict=True
        ):
            draft = matcher.find(normalize_text(note if isinstance(note, str) else ""))
            recalls.append(compare_mentions(ref_mentions[encounter_id], draft).term_recall)
        rows.append(
            {
                "system": system,
                "notes": len(recalls),
                "mean_term_recall": float(np.mean(recalls)),
                "fact": facts[system],
            }
        )
    rho, p_value = spearmanr([r["mean_term_recall"] for r in rows], [r["fact"] for r in rows])
    return rows, float(rho), float(p_value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part", nargs="?", default="speed", choices=["speed", "aci-bench"])
    args = parser.parse_args()
    if args.part == "speed":
        calibration = _median_us_per_note(
            lambda ns: [t.split() for t in ns], synthetic_notes(load_lexicon("da"), "da", 100)
        )
        print(
            f"{'lexicon':<20}{'terms':>7}{'build s':>9}{'scan µs':>9}{'find µs':>9}"
            f"{'regex µs':>11}{'regex/find':>11}{'mentions':>10}"
        )
        for r in bench_speed():
            print(
                f"{r['lexicon']:<20}{r['terms']:>7}{r['build_s']:>9.2f}"
                f"{r['scan_us_per_note']:>9.1f}{r['matcher_us_per_note']:>9.1f}"
                f"{r['regex_us_per_note']:>11.0f}{r['regex_over_matcher']:>10.0f}×"
                f"{r['mentions_per_note']:>10.1f}"
            )
        print(
            f"(notes of {NOTE_CHARS} characters; median of {REPEATS} runs; machine calibration: "
            f"str.split of one note = {calibration:.1f} µs)"
        )
    else:
        rows, rho, p_value = bench_aci()
        print(f"{'system':<42}{'notes':>6}{'mean term_recall':>18}{'Fact (MEDCON)':>15}")
        for r in rows:
            print(
                f"{r['system']:<42}{r['notes']:>6}{r['mean_term_recall']:>18.3f}{r['fact']:>15.2f}"
            )
        print(f"Spearman rho = {rho:.3f} (p = {p_value:.3f}, n = {len(rows)} systems)")


if __name__ == "__main__":
    main()
