"""Batch scoring: one output row per valid row, values equal the per-note scorer, jobs-invariant."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from rapidfuzz.distance import Levenshtein

import evalkit
from evalkit.engine import score_file
from evalkit.io import ReadOptions
from evalkit.text import normalize_text


def notes(n=30):
    rows = []
    for i in range(n):
        final = f"Pt {i} har ondt i halsen.\nObj: BT 12{i % 10}/80. Plan: Pamol {i % 3 + 1} g"
        draft = final if i % 4 == 0 else final.replace("halsen", "ørerne").replace("\n", " ")
        rows.append(
            {"note_id": f"n{i}", "clinic_id": f"K{i % 3}", "final_note": final, "ai_note": draft}
        )
    rows.append(
        {
            "note_id": "ctrl",
            "clinic_id": "K1",
            "final_note": "Skrevet uden AI",
            "ai_note": "",
            "ai_assisted": False,
        }
    )
    return pd.DataFrame(rows)


def test_score_frame_matches_rapidfuzz_and_carries_columns():
    df = notes()
    out = evalkit.score(df, families=["edit"])
    assert list(out.columns[:5]) == ["note_id", "clinic_id", "final_note", "ai_note", "ai_assisted"]
    ai = out[out["note_id"] != "ctrl"]
    expected = [
        Levenshtein.distance(normalize_text(f), normalize_text(a))
        for f, a in zip(ai.final_note, ai.ai_note, strict=True)
    ]
    assert ai["char_distance"].tolist() == expected
    ctrl = out[out["note_id"] == "ctrl"].iloc[0]
    assert pd.isna(ctrl["wer"]) and pd.isna(ctrl["unchanged"])


def test_input_frame_is_not_mutated():
    df = notes()
    before = df.copy()
    evalkit.score(df, families=["edit"])
    pd.testing.assert_frame_equal(df, before)


def test_quarantine_in_attrs_and_nothing_lost():
    df = notes()
    df.loc[3, "final_note"] = ""
    out = evalkit.score(df, families=["edit"])
    q = out.attrs["quarantine"]
    assert len(out) + len(q) == len(df)
    assert q.iloc[0]["note_id"] == "n3"


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_score_file_formats_and_jobs_invariance(tmp_path, suffix):
    src = tmp_path / "in.csv"
    notes(40).to_csv(src, index=False)
    one = tmp_path / f"one{suffix}"
    two = tmp_path / f"two{suffix}"
    s1 = score_file(src, one, families=["edit"], read_options=ReadOptions(chunksize=7))
    s2 = score_file(src, two, families=["edit"], jobs=2, read_options=ReadOptions(chunksize=7))
    assert s1.n_read == 41 == s1.n_scored + s1.n_quarantined
    assert (s2.n_read, s2.n_scored) == (s1.n_read, s1.n_scored)
    assert s1.n_control == 1
    assert one.read_bytes() == two.read_bytes()
    assert not list(tmp_path.glob("*.part"))


def test_list_columns_are_json_in_csv(tmp_path):
    src = tmp_path / "in.csv"
    notes(5).to_csv(src, index=False)
    out = tmp_path / "s.csv"
    score_file(src, out)
    df = pd.read_csv(out)
    list_cols = [m.name for m in evalkit.list_metrics() if m.dtype == "list"]
    for col in list_cols:
        for cell in df[col].dropna():
            assert isinstance(json.loads(cell), list)


def test_drop_text(tmp_path):
    src = tmp_path / "in.csv"
    notes(5).to_csv(src, index=False)
    out = tmp_path / "s.parquet"
    score_file(src, out, drop_text=True, families=["edit"])
    cols = pd.read_parquet(out).columns
    assert "ai_note" not in cols and "final_note" not in cols and "wer" in cols


def test_resume_after_sigkill_is_byte_identical(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in.csv"
    big = notes(12).sample(n=3000, replace=True, random_state=1).reset_index(drop=True)
    big["note_id"] = [f"n{i}" for i in range(len(big))]
    big.to_csv(src, index=False)
    reference = tmp_path / "ref.parquet"
    score_file(src, reference, families=["edit"], read_options=ReadOptions(chunksize=100))

    out = tmp_path / "out.parquet"
    cmd = [
        sys.executable,
        "-m",
        "evalkit",
        "score",
        str(src),
        "--out",
        str(out),
        "--metrics",
        "edit",
        "--chunksize",
        "100",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = out.with_name(out.name + ".parts")
    deadline = time.time() + 60
    while time.time() < deadline and len(list(parts.glob("0*.parquet"))) < 3:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "a killed run must leave no file under the final name"
    done_before = len(list(parts.glob("0*.parquet")))
    assert done_before >= 3

    result = subprocess.run(cmd + ["--resume"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == reference.read_bytes()
    assert not parts.exists()


def test_all_families_give_the_same_scores_with_two_jobs():
    """The pool's workers use the matchers built in the parent: same scores as one job."""
    df = notes(12)
    df["language"] = ["da", "en", None] * 4 + ["da"]
    one = evalkit.score(df, jobs=1)
    two = evalkit.score(df, jobs=2)
    pd.testing.assert_frame_equal(one, two)


def _failing_score_pair(real):
    def score_pair(pair, **kwargs):
        if "BOOM" in pair.ai_note:
            raise ValueError("the message quotes the note: BOOM")
        return real(pair, **kwargs)

    return score_pair


def test_a_note_that_fails_to_score_is_quarantined_not_fatal(monkeypatch, tmp_path):
    import evalkit.engine.local as local

    monkeypatch.setattr(local, "score_pair", _failing_score_pair(local.score_pair))
    df = pd.DataFrame(
        {
            "note_id": ["a", "b", "c"],
            "final_note": ["Ingen feber.", "Hoste.", "BT 120/80."],
            "ai_note": ["Ingen feber.", "Hoste BOOM.", "BT 130/80."],
        }
    )
    out = evalkit.score(df, families=["edit"])
    assert out["note_id"].tolist() == ["a", "c"]
    q = out.attrs["quarantine"]
    assert q[["row_number", "note_id"]].values.tolist() == [[2, "b"]]
    assert "ValueError" in q.loc[0, "reason"] and "BOOM" not in q.loc[0, "reason"]
    # the same through the file runner: nothing lost, the failure in the quarantine file
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    df.to_csv(src, index=False)
    summary = score_file(src, dst, families=["edit"])
    assert (summary.n_read, summary.n_scored, summary.n_quarantined) == (3, 2, 1)
    quarantined = pd.read_csv(summary.quarantine_file, dtype=str)
    assert quarantined["note_id"].tolist() == ["b"] and "BOOM" not in quarantined["reason"][0]
    assert pd.read_csv(dst)["note_id"].tolist() == ["a", "c"]


def _one_consultation_many_drafts():
    # Three consultations, each scored for three "systems", rows in system order.
    consultations = [
        (
            "Ingen feber. Pamol 1 g x 4 dgl. Smerter i venstre knæ.",
            "Læge: Har du feber? Patient: Nej. Læge: Tag Pamol 1 g fire gange dagligt.",
        ),
        (
            "Hoste i 3 dage. BT 120/80. Ingen åndenød.",
            "Læge: Hvor længe har du hostet? Patient: Tre dage.",
        ),
        (
            "Denies fever. Ibuprofen 400 mg as needed. Left knee pain.",
            "[doctor] any fever ?\n[patient] no . my left knee hurts .",
        ),
    ]
    drafts = [
        lambda f: f,
        lambda f: f.replace("Ingen", "").replace("Denies", "Reports"),
        lambda f: f.replace("venstre", "højre").replace("400", "800").replace("3 dage", "5 dage"),
    ]
    rows = []
    for s, draft in enumerate(drafts):
        for k, (final, transcript) in enumerate(consultations):
            rows.append(
                {
                    "note_id": f"s{s}/c{k}",
                    "final_note": final,
                    "ai_note": draft(final),
                    "transcript": transcript,
                    "language": "en" if k == 2 else "da",
                }
            )
    return pd.DataFrame(rows)


def test_drafts_of_one_consultation_share_its_indexes_and_get_the_same_scores(monkeypatch):
    import evalkit.engine.local as local
    import evalkit.metrics.hallucination.family as hallucination

    chunk = _one_consultation_many_drafts()
    # each row alone, nothing kept between rows: the reference result
    unshared = {"index_cache": hallucination.IndexCache(size=0)}
    alone = pd.concat(
        [local.score_chunk(chunk.iloc[[i]], options=unshared) for i in range(len(chunk))]
    )
    assert len(unshared["index_cache"]) == 0
    built = []
    real = hallucination.build_index

    def counting(text, language, matcher=None, **kwargs):
        built.append((kwargs.get("transcript", False), text))
        return real(text, language, matcher, **kwargs)

    monkeypatch.setattr(hallucination, "build_index", counting)
    together = local.score_chunk(chunk)
    pd.testing.assert_frame_equal(together, alone)
    assert together["hallucination_flags"].map(len).sum() > 0  # the checks did run
    # one transcript index per consultation, not per draft
    assert sorted(t for is_t, t in built if is_t) == sorted({t for is_t, t in built if is_t})
    assert sum(is_t for is_t, _ in built) == 3
