"""Benchmarks of the hallucination family.

Two parts, both offline:

``timing`` (default)
    Microseconds per note for a ~1,500-character note pair, without a
    transcript and with a transcript of about 5,000 words, plus a check that
    the cost grows linearly with the transcript length (1k → 8k words)::

        python benchmarks/bench_hallucination.py timing

``aci``
    Real outputs: mean flags per note for each system in
    ``../shared/datasets/aci-bench/predictions`` (test1), with the dialogue as
    transcript and the reference note as final note, against the published
    'Fact' (MEDCON) column of ``tables/test1.csv`` (Spearman rho)::

        python benchmarks/bench_hallucination.py aci

``labelled``
    Quality on labelled cases: the demo pilot's injected errors (every
    AI-assisted draft, with transcript and final note) and
    ``tests/labelled/hallucination_cases.jsonl``, with the shipped lexicons;
    recall and precision by type, the confusion table, and the share of
    benign-only notes without a flag::

        python benchmarks/bench_hallucination.py labelled
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from evalkit.metrics.hallucination import score_hallucination  # noqa: E402
from evalkit.metrics.note import NotePair  # noqa: E402

ACI = REPO / ".." / "shared" / "datasets" / "aci-bench"

# prediction file -> row name in tables/test1.csv (section ALL)
SYSTEMS = {
    "BART_large_clinicalnlp_taskB_test1_full.csv": "BART",
    "BioBART_clinicalnlp_taskB_test1_full.csv": "BioBART",
    "LED_clinicalnlp_taskB_test1_full.csv": "LED",
    "bart-large-xsum-samsum_clinicalnlp_taskB_test1_division_combined.csv": (
        "BART+FT$_{\\mathrm{SAMSum}}$ (Division)"
    ),
    "test1ChatGPT_.csv": "ChatGPT",
    "test1GPT-4_.csv": "GPT-4",
    "test1Text-Davinci-002_.csv": "Text-Davinci-002",
    "test1Text-Davinci-003_.csv": "Text-Davinci-003",
}

_NOTE_DA = (
    "S: 54-årig kvinde henvender sig pga. ondt i halsen og feber i 3 dage. Ingen hoste. "
    "Tager Pamol 1 g x 3 dgl. O: Temp 38,5. BT 135/85, puls 88. Tonsiller røde med belægninger "
    "på højre side. A: Akut tonsillitis. P: Phenoxymethylpenicillin 1 mio. IE x 4 dgl. i 10 dage. "
)
_TURNS_DA = [
    "Læge: Hvad kan jeg hjælpe med i dag?",
    "Patient: Jeg har haft ondt i halsen i tre dage, og jeg har haft feber.",
    "Læge: Hvor høj har feberen været?",
    "Patient: I går aftes var den otteogtredive komma fem.",
    "Læge: Hoster du?",
    "Patient: Nej, ikke rigtig.",
    "Mor: Hun har heller ikke spist så meget de sidste par dage.",
    "Læge: Tager du noget for det?",
    "Patient: Jeg tager to Pamol tre gange om dagen.",
]


def _draft(n_chars: int) -> str:
    text = ""
    while len(text) < n_chars:
        text += _NOTE_DA
    return text[:n_chars]


def _transcript(n_words: int) -> str:
    lines: list[str] = []
    count = 0
    while count < n_words:
        for turn in _TURNS_DA:
            lines.append(turn)
            count += len(turn.split())
    return "\n".join(lines)


def _time(pair: NotePair, options: dict, repeat: int) -> float:
    score_hallucination(pair, options)  # warm caches
    best = []
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(repeat):
            score_hallucination(pair, options)
        best.append((time.perf_counter() - t0) / repeat * 1e6)
    return min(best)


def _matcher(language: str):
    try:
        from evalkit.lexicon.matcher import get_matcher

        return get_matcher(language)
    except Exception as exc:  # the shipped lexicon may be absent in a partial checkout
        print(f"(no shipped {language} lexicon: {type(exc).__name__}; running without one)")
        return None


def timing(repeat: int) -> None:
    """Print µs per note with and without a 5,000-word transcript, and the scaling."""
    import gc

    options = {"matcher": _matcher("da")}
    # A batch run builds the lexicon once; freezing it keeps the garbage
    # collector from rescanning it for every note (about a third of the time).
    gc.freeze()
    draft = _draft(1500)
    final = draft.replace("38,5", "38.5").replace("Ingen hoste. ", "")
    no_t = _time(NotePair.from_raw(final, draft, None, "da"), options, repeat)
    transcript = _transcript(5000)
    with_t = _time(NotePair.from_raw(final, draft, transcript, "da"), options, max(1, repeat // 5))
    print(f"draft {len(draft)} chars, final {len(final)} chars")
    print(f"without transcript: {no_t:10.0f} µs/note")
    print(f"with transcript ({len(transcript.split())} words): {with_t:10.0f} µs/note")
    print("scaling with transcript length (µs/note):")
    previous = None
    for words in (1000, 2000, 4000, 8000):
        t = _time(
            NotePair.from_raw(final, draft, _transcript(words), "da"), options, max(1, repeat // 10)
        )
        ratio = f"  x{t / previous:.2f} for x2 words" if previous else ""
        print(f"  {words:5d} words: {t:10.0f}{ratio}")
        previous = t


def _read_published_fact() -> dict[str, float]:
    import pandas as pd

    text = (ACI / "tables" / "test1.csv").read_text(encoding="utf-8")
    block = text.split("\n\n\n")[0] if "\n\n\n" in text else text
    lines = [ln for ln in block.splitlines() if ln.count(",") > 3]
    frame = pd.read_csv(io.StringIO("\n".join(lines)))
    return dict(zip(frame["Model"], frame["Fact"].astype(float), strict=False))


def aci(limit: int | None) -> None:
    """Mean flags per note per system against the published Fact column."""
    import pandas as pd
    from scipy.stats import spearmanr

    if not ACI.exists():
        sys.exit(f"ACI-Bench not found at {ACI.resolve()}; it is read from ../shared/datasets")
    refs = pd.read_csv(ACI / "challenge_data" / "clinicalnlp_taskB_test1.csv")
    refs = refs.set_index("encounter_id")
    fact = _read_published_fact()
    options = {"matcher": _matcher("en")}
    rows = []
    for fname, system in SYSTEMS.items():
        preds = pd.read_csv(ACI / "predictions" / fname)
        if limit:
            preds = preds.head(limit)
        n_flags, n_crit, n_flags_t, n_words = [], [], [], []
        t0 = time.perf_counter()
        for rec in preds.itertuples(index=False):
            ref = refs.loc[rec.encounter_id]
            draft = rec.note if isinstance(rec.note, str) else ""
            both = score_hallucination(
                NotePair.from_raw(ref["note"], draft, ref["dialogue"], "en"), options
            )
            t_only = score_hallucination(
                NotePair.from_raw("", draft, ref["dialogue"], "en"), options
            )
            n_flags.append(both.n_hallucination_flags)
            n_crit.append(both.n_critical_flags)
            n_flags_t.append(t_only.n_hallucination_flags)
            n_words.append(len(draft.split()))
        rows.append(
            {
                "system": system,
                "notes": len(n_flags),
                "Fact": fact.get(system),
                "flags_per_note": statistics.mean(n_flags),
                "critical_per_note": statistics.mean(n_crit),
                "flags_per_note_transcript_only": statistics.mean(n_flags_t),
                "flags_per_100_words": 100 * sum(n_flags) / max(1, sum(n_words)),
                "ms_per_note": (time.perf_counter() - t0) / max(1, len(n_flags)) / 2 * 1000,
            }
        )
    table = pd.DataFrame(rows).sort_values("Fact", ascending=False)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(table.round(2).to_string(index=False))
    for col in (
        "flags_per_note",
        "critical_per_note",
        "flags_per_note_transcript_only",
        "flags_per_100_words",
    ):
        rho, p = spearmanr(table["Fact"], table[col])
        print(f"Spearman rho(Fact, {col}) = {rho:+.3f} (p = {p:.3f}, n = {len(table)} systems)")


def _report(name: str, predicted: dict, labelled: dict) -> None:
    import pandas as pd

    from evalkit.metrics.hallucination import evaluate_flags, flag_confusion

    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(f"\n== {name} ==")
        print(evaluate_flags(predicted, labelled).round(3).to_string())
        print("\nconfusion (rows: labelled type; columns: predicted type)")
        print(flag_confusion(predicted, labelled).to_string())
    benign = [k for k, v in labelled.items() if not v]
    clean = sum(not predicted[k] for k in benign)
    print(f"benign-only notes without a flag: {clean}/{len(benign)}")


def labelled() -> None:
    import json

    from evalkit.datasets import load_demo, load_demo_labels
    from evalkit.lexicon.matcher import get_matcher

    matchers = {lang: get_matcher(lang) for lang in ("da", "en")}

    def flags(final, draft, transcript, language) -> list[dict]:
        pair = NotePair.from_raw(final, draft, transcript or None, language)
        return [
            f.as_dict() for f in score_hallucination(pair, {"matcher": matchers[language]}).flags
        ]

    notes = load_demo()
    notes = notes[notes["ai_note"].fillna("").str.len() > 0]
    labels = load_demo_labels()
    labels = labels[(labels["kind"] == "error") & (labels["field"] == "ai_note")]
    by_note = {k: g for k, g in labels.groupby("note_id")}
    predicted, truth = {}, {}
    t0 = time.process_time()
    for row in notes.itertuples(index=False):
        transcript = row.transcript if isinstance(row.transcript, str) else None
        language = row.language if isinstance(row.language, str) and row.language else "da"
        predicted[row.note_id] = flags(row.final_note, row.ai_note, transcript, language)
        mine = by_note.get(row.note_id)
        truth[row.note_id] = (
            []
            if mine is None
            else [
                {"type": r.type, "start": int(r.start), "end": int(r.end)}
                for r in mine.itertuples()
            ]
        )
    cpu = time.process_time() - t0
    _report(
        f"demo pilot: {len(notes)} drafts, {cpu / len(notes) * 1e3:.1f} ms CPU each",
        predicted,
        truth,
    )
    cases_path = REPO / "tests" / "labelled" / "hallucination_cases.jsonl"
    predicted, truth = {}, {}
    with cases_path.open(encoding="utf-8") as fh:
        for line in fh:
            c = json.loads(line)
            predicted[c["id"]] = flags(
                c["final_note"], c["ai_note"], c.get("transcript"), c["language"]
            )
            truth[c["id"]] = c["labels"]
    _report(f"{cases_path.name}: {len(truth)} cases", predicted, truth)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("part", nargs="?", default="timing", choices=["timing", "aci", "labelled"])
    parser.add_argument("--repeat", type=int, default=50, help="timing repetitions (default 50)")
    parser.add_argument(
        "--limit", type=int, default=None, help="aci: notes per system (default all)"
    )
    args = parser.parse_args()
    if args.part == "timing":
        timing(args.repeat)
    elif args.part == "labelled":
        labelled()
    else:
        aci(args.limit)


if __name__ == "__main__":
    main()
