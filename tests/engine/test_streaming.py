"""Streaming: a 1,000,000-row file is scored in chunks with bounded memory.

The file is generated at test time (never committed). The run happens in a
subprocess so its peak RSS can be read from ``RUSAGE_CHILDREN``.
"""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

N_ROWS = 1_000_000

# Runs the CLI in a fresh process and prints its peak RSS (itself and its worker processes) last.
MEASURE = """
import resource, sys
from evalkit.cli import app
try:
    app(sys.argv[1:], prog_name="evalkit", standalone_mode=False)
finally:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak_rss_mb={max(own, kids) / 1024:.1f}", file=sys.stderr)
"""


def write_million(path, n=N_ROWS, chunk=100_000):
    rng = np.random.default_rng(3)
    stems = np.array(
        ["Ondt i halsen", "Hoste i 3 dage", "BT 130/85", "Ingen feber", "Svie ved vandladning"]
    )
    schema = pa.schema(
        [
            ("note_id", pa.string()),
            ("clinician_id", pa.string()),
            ("final_note", pa.string()),
            ("ai_note", pa.string()),
        ]
    )
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, n, chunk):
            idx = np.arange(start, min(n, start + chunk))
            a = stems[rng.integers(0, len(stems), len(idx))]
            b = stems[rng.integers(0, len(stems), len(idx))]
            final = pd.Series(a) + ". " + pd.Series(b) + "."
            draft = np.where(rng.random(len(idx)) < 0.4, final, pd.Series(b) + ". " + pd.Series(a))
            writer.write_table(
                pa.table(
                    {
                        "note_id": pd.Series(idx).map("m{}".format),
                        "clinician_id": pd.Series(idx % 400).map("GP{}".format),
                        "final_note": final,
                        "ai_note": pd.Series(draft),
                    },
                    schema=schema,
                )
            )


@pytest.mark.slow
def test_million_rows_bounded_memory(tmp_path):
    src = tmp_path / "million.parquet"
    write_million(src)
    out = tmp_path / "scores.parquet"
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            MEASURE,
            "score",
            str(src),
            "--out",
            str(out),
            "--metrics",
            "edit",
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-2000:]
    peak_mb = float(result.stderr.strip().splitlines()[-1].split("=")[1])
    print(
        f"\n1,000,000 rows scored in {seconds:.0f} s ({N_ROWS / seconds:,.0f} notes/s); "
        f"peak RSS {peak_mb:.0f} MB"
    )
    assert "notes read:        1000000" in result.stdout
    assert pq.ParquetFile(out).metadata.num_rows == N_ROWS
    assert peak_mb < 1024
