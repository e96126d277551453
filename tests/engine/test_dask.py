"""The Dask engine gives byte-identical output to the local engine (LocalCluster, 2 workers)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from evalkit.datasets.demo import demo_path
from evalkit.engine import score_file
from evalkit.io import ReadOptions

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as lc:
        yield lc


def generated_notes(n: int, seed: int = 7) -> pd.DataFrame:
    """Short synthetic note pairs, made at test time (never committed)."""
    rng = random.Random(seed)
    drugs = ["Pamol 1 g x 4", "Ipren 400 mg x 3", "Selexid 200 mg x 3", "Furix 40 mg x 1"]
    finals, drafts = [], []
    for _ in range(n):
        final = (
            f"S: Ondt i halsen i {rng.randint(1, 9)} dage. Ingen feber.\n"
            f"O: Temp {36 + rng.random() * 3:.1f}. "
            f"BT {rng.randint(110, 160)}/{rng.randint(60, 95)}.\nP: {rng.choice(drugs)} dgl."
        )
        draft = (
            final
            if rng.random() < 0.3
            else final.replace("Ingen feber", "Feber").replace("\n", " ")
        )
        finals.append(final)
        drafts.append(draft)
    return pd.DataFrame(
        {
            "note_id": [f"g{i}" for i in range(n)],
            "clinician_id": [f"GP{i % 18}" for i in range(n)],
            "final_note": finals,
            "ai_note": drafts,
        }
    )


def test_demo_data_identical_to_local(cluster, tmp_path):
    src = demo_path() / "notes.csv"
    local = tmp_path / "local.parquet"
    dask_out = tmp_path / "dask.parquet"
    opts = ReadOptions(chunksize=200)
    s1 = score_file(src, local, read_options=opts)
    s2 = score_file(
        src, dask_out, read_options=opts, engine="dask", scheduler=cluster.scheduler_address
    )
    assert s1.n_read == s2.n_read
    assert local.read_bytes() == dask_out.read_bytes()


@pytest.mark.slow
def test_100k_generated_identical_to_local(cluster, tmp_path):
    src = tmp_path / "gen.parquet"
    generated_notes(100_000).to_parquet(src, row_group_size=20_000)
    local = tmp_path / "local.parquet"
    dask_out = tmp_path / "dask.parquet"
    # Edit and term metrics keep this 100k-row run to about a minute; the demo test covers
    # every family.
    families = ["edit", "terms"]
    score_file(src, local, jobs=2, families=families)
    score_file(src, dask_out, engine="dask", scheduler=cluster.scheduler_address, families=families)
    assert local.read_bytes() == dask_out.read_bytes()
