"""Throughput of evalkit's per-note suite against the floor and the script a researcher would write.

In one run on one machine it times, per note pair:

(a) evalkit: the full registered suite (edit metrics, missing terms,
    hallucination flags) via ``evalkit.engine.score_chunk``, without a
    transcript, with the shipped Danish lexicon;
(b) the floor: whitespace tokenising of both notes, rapidfuzz word editops,
    rapidfuzz character distance with a score hint, and one pyahocorasick scan
    of both notes with the same lexicon's terms;
(c) the obvious script: ``df.apply`` with ``jiwer.process_words`` and
    ``rapidfuzz`` per row.

It reports µs/note and notes/s (median of ``--repeat`` rounds, the passes
interleaved within each round), the ratios a/b and c/a, two like-for-like
ratios (evalkit's edit metrics alone against (c), which computes the same
columns; edit metrics plus missing terms against (b), which does that work),
throughput with 1 and 2 jobs, peak RSS, a second pass with 5,000-word
transcripts, and the cost per note against note length up to 20,000 chars.

With ``--aci PATH`` (the ACI-Bench folder of ``../shared/datasets``) it also
times several systems scored on the same consultations (8 systems × 40
encounters of test1, rows in system order), with and without the dialogues,
against the same run with the shared reference indexes switched off.

Usage::

    python benchmarks/bench_score.py [--notes 1000] [--repeat 5] [--jobs-notes 1000] \
        [--transcript-notes 40]
        [--aci ../shared/datasets/aci-bench] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time

import ahocorasick
import jiwer
import pandas as pd
from rapidfuzz.distance import Levenshtein

from evalkit.datasets.demo import load_demo
from evalkit.engine.local import iter_scored, score_chunk
from evalkit.lexicon import load_lexicon
from evalkit.text import normalize_text

WS = jiwer.Compose(
    [jiwer.SubstituteRegexes({r"\s+": " "}), jiwer.Strip(), jiwer.ReduceToListOfListOfWords()]
)


def make_pairs(n: int, target_chars: int = 1500, transcript_words: int = 0) -> pd.DataFrame:
    """``n`` distinct note pairs of about ``target_chars`` characters built by joining demo notes.

    Each pair joins demo notes drawn at random (seeded by its number), so no
    two pairs are the same: evalkit keeps the index of a final note for the
    next drafts of it, and repeated pairs would flatter it.
    """
    demo = load_demo()
    demo = demo[demo["ai_assisted"].fillna(True).astype(bool)].reset_index(drop=True)
    words_pool = " ".join(demo["transcript"].dropna().head(200)).split()
    finals, drafts = demo["final_note"].tolist(), demo["ai_note"].tolist()
    rows = []
    seen: set[str] = set()
    k = 0
    while len(rows) < n:
        rng = random.Random(k)
        k += 1
        final, draft = "", ""
        while len(final) < target_chars:
            i = rng.randrange(len(demo))
            final += finals[i] + "\n"
            draft += drafts[i] + "\n"
        if final[:target_chars] in seen:
            continue
        seen.add(final[:target_chars])
        row = {
            "note_id": f"b{len(rows)}",
            "final_note": final[:target_chars],
            "ai_note": draft[:target_chars],
            "language": "da",
        }
        if transcript_words:
            start = (len(rows) * 37) % max(1, len(words_pool) - transcript_words)
            row["transcript"] = " ".join(
                (words_pool * (1 + transcript_words // max(1, len(words_pool))))[
                    start : start + transcript_words
                ]
            )
        rows.append(row)
    return pd.DataFrame(rows)


def time_median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def interleaved_medians(passes: dict, repeat: int) -> dict:
    """Median seconds of each pass over ``repeat`` rounds, the passes run in turn in each round."""
    times: dict = {name: [] for name in passes}
    for r in range(repeat):
        order = list(passes.items()) if r % 2 == 0 else list(reversed(passes.items()))
        for name, fn in order:
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(ts) for name, ts in times.items()}


def floor_automaton():
    automaton = ahocorasick.Automaton()
    for entry in load_lexicon("da"):
        key = entry.term.casefold()
        automaton.add_word(key, entry.concept_id)
    automaton.make_automaton()
    return automaton


def floor_pass(df: pd.DataFrame, automaton) -> None:
    for final, draft in zip(df["final_note"], df["ai_note"], strict=True):
        f, d = normalize_text(final), normalize_text(draft)
        fw, dw = f.split(), d.split()
        ops = Levenshtein.editops(fw, dw)
        Levenshtein.distance(f, d, score_hint=max(1, 8 * len(ops)))
        found = set()
        for text in (f.casefold(), d.casefold()):
            for _, concept in automaton.iter(text):
                found.add(concept)


def researcher_script(df: pd.DataFrame) -> pd.DataFrame:
    def row(r):
        out = jiwer.process_words(
            r["final_note"], r["ai_note"], reference_transform=WS, hypothesis_transform=WS
        )
        return pd.Series(
            {
                "wer": out.wer,
                "S": out.substitutions,
                "D": out.deletions,
                "I": out.insertions,
                "char_distance": Levenshtein.distance(r["final_note"], r["ai_note"]),
                "unchanged": " ".join(r["final_note"].split()) == " ".join(r["ai_note"].split()),
            }
        )

    return df.apply(row, axis=1)


def evalkit_pass(df: pd.DataFrame) -> None:
    score_chunk(df)


def evalkit_jobs(df: pd.DataFrame, jobs: int) -> None:
    for _ in iter_scored([df], jobs=jobs):
        pass


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def run(n: int, repeat: int, transcript_words: int = 0, jobs_notes: int = 1000) -> dict:
    df = make_pairs(n, transcript_words=transcript_words)
    score_chunk(df.head(5))  # build lexicons and automata once, outside the timing
    automaton = floor_automaton()
    # The passes are interleaved round by round, so that a slow spell of
    # the shared machine hits all of them alike.
    passes = {
        "a": lambda: evalkit_pass(df),
        "a_edit": lambda: score_chunk(df, families=("edit",)),
        "a_edit_terms": lambda: score_chunk(df, families=("edit", "terms")),
        "b": lambda: floor_pass(df, automaton),
        "c": lambda: researcher_script(df),
    }
    t = interleaved_medians(passes, repeat)
    a, b, c = t["a"] / n, t["b"] / n, t["c"] / n
    # Throughput with worker processes. Each run starts its own pool; on Linux the
    # workers are forked from this process and inherit its matchers (built above).
    # distinct pairs, as in (a): repeated ones would share indexes within a worker
    big = make_pairs(max(n, jobs_notes), transcript_words=transcript_words)
    jt = interleaved_medians(
        {j: (lambda j=j: evalkit_jobs(big, j)) for j in (1, 2)}, max(2, repeat // 2 + 1)
    )
    jobs = {j: len(big) / jt[j] for j in (1, 2)}
    return {
        "notes": n,
        "transcript_words": transcript_words,
        "chars_per_note": int(df["final_note"].str.len().mean()),
        "a_evalkit_us": a * 1e6,
        "b_floor_us": b * 1e6,
        "c_script_us": c * 1e6,
        "a_over_b": a / b,
        "c_over_a": c / a,
        # like for like: the same columns as (c), and the parts of (a) the floor covers
        "a_edit_us": t["a_edit"] / n * 1e6,
        "a_edit_terms_us": t["a_edit_terms"] / n * 1e6,
        "c_over_a_edit": t["c"] / t["a_edit"],
        "a_edit_terms_over_b": t["a_edit_terms"] / t["b"],
        "notes_per_s_jobs1": jobs[1],
        "notes_per_s_jobs2": jobs[2],
        "jobs2_over_jobs1": jobs[2] / jobs[1],
        "peak_rss_mb": peak_rss_mb(),
    }


def length_scaling(repeat: int) -> list[dict]:
    rows = []
    for chars in (1500, 5000, 10000, 20000):
        n = max(20, 60000 // chars)
        df = make_pairs(n, target_chars=chars)
        score_chunk(df.head(2))
        us = time_median(lambda df=df: evalkit_pass(df), repeat) / n * 1e6
        rows.append({"chars": chars, "us_per_note": us, "us_per_1k_chars": us / chars * 1000})
    return rows


def several_systems(path: str, repeat: int) -> dict:
    """µs per pair on ACI-Bench test1, with the reference indexes shared and not shared."""
    from evalkit.datasets import load_aci_bench
    from evalkit.metrics.hallucination import IndexCache

    df = load_aci_bench(path)
    score_chunk(df.head(2))

    def not_shared(frame: pd.DataFrame) -> None:
        score_chunk(frame, options={"index_cache": IndexCache(size=0)})

    out = {"pairs": len(df), "consultations": int(df["encounter_id"].nunique())}
    for label, frame in (("transcripts", df), ("no_transcripts", df.drop(columns="transcript"))):
        t = interleaved_medians(
            {"shared": lambda f=frame: score_chunk(f), "not_shared": lambda f=frame: not_shared(f)},
            repeat,
        )
        out[label] = {k: v / len(frame) * 1e6 for k, v in t.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--jobs-notes", type=int, default=1000, help="notes in the 1-job/2-job throughput runs"
    )
    parser.add_argument(
        "--transcript-notes", type=int, default=40, help="notes in the 5,000-word-transcript pass"
    )
    parser.add_argument(
        "--aci", help="ACI-Bench folder: also time several systems on the same consultations"
    )
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    # The machine is shared: the load average says how much the timings below can be trusted.
    load_before = os.getloadavg()
    results = {
        "no_transcript": run(args.notes, args.repeat, jobs_notes=args.jobs_notes),
        "transcript_5000_words": run(
            args.transcript_notes,
            args.repeat,
            transcript_words=5000,
            jobs_notes=4 * args.transcript_notes,
        ),
        "length_scaling": length_scaling(args.repeat),
        **({"several_systems": several_systems(args.aci, args.repeat)} if args.aci else {}),
        "load_average": {"before": load_before, "after": os.getloadavg()},
    }
    for name in ("no_transcript", "transcript_5000_words"):
        r = results[name]
        print(
            f"\n== {name} ({r['notes']} notes, ~{r['chars_per_note']} chars, "
            f"median of {args.repeat}) =="
        )
        print(
            f"(a) evalkit full suite : {r['a_evalkit_us']:8.0f} µs/note  "
            f"{1e6 / r['a_evalkit_us']:8.0f} notes/s"
        )
        print(
            f"(b) floor              : {r['b_floor_us']:8.0f} µs/note  "
            f"{1e6 / r['b_floor_us']:8.0f} notes/s"
        )
        print(
            f"(c) df.apply + jiwer   : {r['c_script_us']:8.0f} µs/note  "
            f"{1e6 / r['c_script_us']:8.0f} notes/s"
        )
        print(f"a/b = {r['a_over_b']:.2f}   c/a = {r['c_over_a']:.2f}")
        print(
            f"like for like: edit only {r['a_edit_us']:.0f} µs/note "
            f"(c/that = {r['c_over_a_edit']:.2f}); "
            f"edit + terms {r['a_edit_terms_us']:.0f} µs/note "
            f"(that/b = {r['a_edit_terms_over_b']:.2f})"
        )
        print(
            f"throughput: jobs=1 {r['notes_per_s_jobs1']:.0f} notes/s, "
            f"jobs=2 {r['notes_per_s_jobs2']:.0f} notes/s "
            f"(×{r['jobs2_over_jobs1']:.2f}); peak RSS {r['peak_rss_mb']:.0f} MB"
        )
    print("\n== cost against note length (evalkit, 1 job) ==")
    for row in results["length_scaling"]:
        print(
            f"{row['chars']:6d} chars: {row['us_per_note']:9.0f} µs/note  "
            f"({row['us_per_1k_chars']:.0f} µs per 1,000 chars)"
        )
    if args.aci:
        r = results["several_systems"]
        print(
            f"\n== several systems on the same consultations: ACI-Bench, {r['pairs']} pairs, "
            f"{r['consultations']} consultations =="
        )
        for label in ("transcripts", "no_transcripts"):
            x = r[label]
            print(
                f"{label:15s}: {x['shared']:8.0f} µs/pair with shared reference indexes, "
                f"{x['not_shared']:8.0f} without (×{x['not_shared'] / x['shared']:.2f})"
            )
    print(
        (
            "\nload average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}, "
            "after: {:.2f} {:.2f} {:.2f} on {} CPUs"
        ).format(
            *results["load_average"]["before"], *results["load_average"]["after"], os.cpu_count()
        )
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    sys.exit(main())
