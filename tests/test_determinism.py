"""Determinism: same input and parameters give byte-identical scores, tables and manifest.

Timings live in their own manifest field (``timings_seconds``) and are the only
thing allowed to differ; the bootstrap is seeded.
"""

from __future__ import annotations

import json

import pandas as pd

from evalkit.datasets.demo import load_demo
from evalkit.engine import score_file
from evalkit.report import build_report


def _report(tmp_path, name, src, **kw):
    out = tmp_path / name
    scores = tmp_path / f"{name}.parquet"
    score_file(src, scores, **kw)
    build_report(
        pd.read_parquet(scores),
        out,
        lang="en",
        n_boot=200,
        seed=7,
        input_path=src,
        max_viewer_notes=20,
    )
    return out, scores


def test_scores_tables_and_manifest_are_identical(tmp_path):
    src = tmp_path / "notes.csv"
    demo = load_demo()
    demo = demo[demo["clinic_id"].isin(sorted(demo["clinic_id"].unique())[:4])]
    demo.to_csv(src, index=False)
    first, s1 = _report(tmp_path, "a", src)
    second, s2 = _report(tmp_path, "b", src, jobs=2)
    assert s1.read_bytes() == s2.read_bytes()
    tables = sorted(p.name for p in (first / "tables").glob("*.csv"))
    assert tables and tables == sorted(p.name for p in (second / "tables").glob("*.csv"))
    for name in tables:
        assert (first / "tables" / name).read_bytes() == (second / "tables" / name).read_bytes(), (
            name
        )
    m1 = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    m2 = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    for m in (m1, m2):
        m.pop("timings_seconds")
    assert m1 == m2
    assert m1["parameters"]["seed"] == 7
