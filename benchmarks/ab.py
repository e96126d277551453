"""Old commit against new, in one run: ``bench_score.py`` on both, rounds interleaved.

The machines are shared and noisy, so a speed claim compares two commits
measured back to back, not figures from different days. This script checks out
``--base`` into a temporary worktree, then runs *this* tree's
``benchmarks/bench_score.py`` alternately with the base's ``evalkit`` and with
this tree's (``PYTHONPATH`` picks the package), ``--rounds`` times each, and
prints the median per-note cost of each pass and the ratio new ÷ old (above
1.0 = the new code is slower)::

    python benchmarks/ab.py --base 68c1686
    python benchmarks/ab.py --base main --rounds 5 -- --notes 300 --transcript-notes 20

Arguments after ``--`` go to ``bench_score.py`` (default: a short run,
``--notes 200 --repeat 3 --jobs-notes 200 --transcript-notes 20``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks" / "bench_score.py"
DEFAULT_BENCH_ARGS = ["--notes", "200", "--repeat", "3", "--jobs-notes", "200"]
DEFAULT_BENCH_ARGS += ["--transcript-notes", "20"]
KEYS = (
    ("no_transcript", "a_evalkit_us", "(a) full suite, no transcript"),
    ("no_transcript", "a_edit_terms_us", "edit + terms, no transcript"),
    ("no_transcript", "b_floor_us", "(b) floor (should not move)"),
    ("transcript_5000_words", "a_evalkit_us", "(a) full suite, 5,000-word transcript"),
)


def _run(tree: Path, bench_args: list[str]) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        target = Path(out.name)
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, str(BENCH), *bench_args, "--json", str(target)]
    subprocess.run(cmd, env=env, check=True, cwd=tree, stdout=subprocess.DEVNULL)
    try:
        return json.loads(target.read_text(encoding="utf-8"))
    finally:
        target.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> dict:
    argv = sys.argv[1:] if argv is None else argv
    bench_args = DEFAULT_BENCH_ARGS
    if "--" in argv:
        cut = argv.index("--")
        argv, bench_args = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--base", required=True, help="the old commit (any git revision)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    base_dir = Path(tempfile.mkdtemp(prefix="evalkit-ab-"))
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(base_dir), args.base],
        check=True,
        capture_output=True,
    )
    runs: dict[str, list[dict]] = {"old": [], "new": []}
    try:
        for r in range(args.rounds):
            for label, tree in (("old", base_dir), ("new", REPO)):
                print(f"round {r + 1}/{args.rounds}: {label}", file=sys.stderr)
                runs[label].append(_run(tree, bench_args))
    finally:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "remove", "--force", str(base_dir)],
            check=False,
            capture_output=True,
        )
    result = {}
    print(f"\nbase {args.base} against this tree; median of {args.rounds} interleaved rounds")
    print("| pass | old µs/note | new µs/note | new ÷ old |")
    print("|---|---:|---:|---:|")
    for section, key, label in KEYS:
        old = statistics.median(x[section][key] for x in runs["old"])
        new = statistics.median(x[section][key] for x in runs["new"])
        result[label] = {"old": old, "new": new, "ratio": new / old}
        print(f"| {label} | {old:,.0f} | {new:,.0f} | {new / old:.2f} |")
    return result


if __name__ == "__main__":
    main()
