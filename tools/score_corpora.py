"""Score fixed corpora into one Parquet file, for before/after comparisons.

Scores ACI-Bench test1 (every system against the reference note, with and
without the dialogue as transcript, and the reference notes against
themselves) and the bundled demo (with and without transcripts), and writes
every metric column with ``corpus`` and ``note_id``::

    python tools/score_corpora.py /tmp/before.parquet
    # ... change the code ...
    python tools/score_corpora.py /tmp/after.parquet
    python tools/compare_scores.py /tmp/before.parquet /tmp/after.parquet
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from evalkit.datasets import load_aci_bench
from evalkit.datasets.demo import load_demo
from evalkit.engine.local import metric_columns, score_chunk

DEFAULT_ACI = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "aci-bench"


def corpora(aci: Path) -> dict[str, pd.DataFrame]:
    """The inputs scored, by corpus label."""
    test1 = load_aci_bench(aci, "test1")
    demo = load_demo()
    return {
        "aci_test1_with_dialogue": test1,
        "aci_test1_no_dialogue": test1.drop(columns="transcript"),
        "aci_test1_reference": load_aci_bench(aci, "test1", system="reference"),
        "demo": demo,
        "demo_no_transcript": demo.drop(columns="transcript"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", help="Parquet file to write")
    parser.add_argument("--aci", default=str(DEFAULT_ACI), help="the aci-bench folder")
    args = parser.parse_args(argv)
    names = [m.name for m in metric_columns()]
    frames = []
    for label, df in corpora(Path(args.aci)).items():
        scored = score_chunk(df.reset_index(drop=True))[names]
        scored.insert(0, "note_id", df["note_id"].astype(str).tolist())
        scored.insert(0, "corpus", label)
        frames.append(scored)
        print(f"{label}: {len(df)} rows", file=sys.stderr)
    pd.concat(frames, ignore_index=True).to_parquet(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
