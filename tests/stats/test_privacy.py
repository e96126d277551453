"""Pseudonyms (HMAC-SHA256) and small-cell suppression."""

from __future__ import annotations

import hashlib
import hmac

import pandas as pd
import pytest

from evalkit.stats.privacy import pseudonym, pseudonymize, read_salt, suppress_small_cells
from evalkit.stats.summary import write_summary_tables

SALT = "test-salt-0123456789abcdef"


def test_pseudonym_is_hmac_sha256():
    expected = hmac.new(SALT.encode(), b"GP-07", hashlib.sha256).hexdigest()[:12]
    assert pseudonym("GP-07", SALT) == expected
    assert pseudonym("GP-07", SALT) != pseudonym("GP-07", SALT + "x")


def test_pseudonymize_is_stable_and_keeps_missing():
    df = pd.DataFrame({"clinic_id": ["K1", "K2", None, "K1"], "clinician_id": ["a", "b", "c", "a"]})
    a, b = pseudonymize(df, salt=SALT), pseudonymize(df, salt=SALT)
    pd.testing.assert_frame_equal(a, b)
    assert a.clinic_id.iloc[0] == a.clinic_id.iloc[3] != a.clinic_id.iloc[1]
    assert pd.isna(a.clinic_id.iloc[2])
    assert a.clinic_id.iloc[0].startswith("clinic-")
    assert a.clinician_id.iloc[0].startswith("clinician-")
    assert not set(a.clinician_id) & set(df.clinician_id)


def test_short_salt_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="at least 16"):
        pseudonymize(pd.DataFrame({"clinic_id": ["K1"]}), salt="short")
    f = tmp_path / "salt.txt"
    f.write_text("tiny\n")
    with pytest.raises(ValueError, match="salt file"):
        read_salt(f)
    with pytest.raises(FileNotFoundError, match="secrets.token_hex"):
        read_salt(tmp_path / "missing.txt")


def test_salt_and_ids_never_reach_the_outputs(tmp_path):
    df = pd.DataFrame(
        {
            "note_id": [f"n{i}" for i in range(12)],
            "clinic_id": ["Nordklinikken"] * 6 + ["Sydklinikken"] * 6,
            "clinician_id": [f"Dr-{i % 4}" for i in range(12)],
            "unchanged": [True, False] * 6,
            "ai_assisted": [True, False] * 6,
            "doc_seconds": [100.0 + i for i in range(12)],
        }
    )
    res = write_summary_tables(
        df, tmp_path, by=["clinic_id", "clinician_id"], n_boot=50, salt=SALT, min_cell=0
    )
    for path in res.files.values():
        text = path.read_text()
        assert SALT not in text and "Nordklinikken" not in text and "Dr-1" not in text


def test_suppression_by_hand():
    t = pd.DataFrame(
        {
            "estimate": [0.1, 0.2, 0.3],
            "ci_low": [0.0, 0.1, 0.2],
            "n_notes": [4, 5, 100],
            "n_clinicians": [1, 2, 9],
        }
    )
    out = suppress_small_cells(t, k=5)
    assert out.n_notes_display.tolist() == ["<5", "5", "100"]
    assert out.suppressed.tolist() == [True, False, False]
    assert out.estimate.isna().tolist() == [True, False, False]
    assert pd.isna(out.n_clinicians.iloc[0])
    assert suppress_small_cells(t, k=0).suppressed.sum() == 0
    with pytest.raises(ValueError, match="n_notes"):
        suppress_small_cells(t.drop(columns="n_notes"))
