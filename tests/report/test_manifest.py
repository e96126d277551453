import hashlib
import json
import sys

import pytest

import evalkit
from evalkit.report.manifest import (
    build_manifest,
    file_fingerprint,
    package_versions,
    signature_string,
    write_manifest,
)


def test_fingerprint_matches_hashlib(tmp_path):
    data = ("note_id,ai_note,final_note\n" + "n1,Øjne ok,Øjne ok\n" * 5000).encode("utf-8")
    path = tmp_path / "notes.csv"
    path.write_bytes(data)
    fp = file_fingerprint(path, chunk_bytes=1000)  # several chunks
    assert fp == {
        "name": "notes.csv",
        "size_bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def test_fingerprint_missing_file_says_how_to_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match="input_path=None"):
        file_fingerprint(tmp_path / "nope.csv")


def test_signature_lists_versions_and_parameters():
    sig = signature_string(n_boot=2000, seed=7, min_cell=5, lexicon="da-2026.1")
    parts = sig.split("|")
    assert parts[0] == f"evalkit:{evalkit.__version__}"
    assert "edit:1" in parts and "bs:2000" in parts and "seed:7" in parts and "k:5" in parts
    assert "lex:da-2026.1" in parts
    for family, version in evalkit.metric_versions().items():
        assert f"{family}:{version}" in parts


def test_manifest_fields_and_round_trip(tmp_path):
    (tmp_path / "in.parquet").write_bytes(b"PAR1")
    m = build_manifest(
        signature="sig",
        parameters={"seed": 3, "out": tmp_path},
        rows={"read": 10, "scored": 9, "quarantined": 1},
        input_path=tmp_path / "in.parquet",
        lexicon_versions={"da": "da-1"},
        timings_seconds={"total": 1.23456},
        outputs=["b", "a"],
    )
    path = write_manifest(m, tmp_path / "manifest.json")
    back = json.loads(path.read_text(encoding="utf-8"))
    assert back["rows"] == {"read": 10, "scored": 9, "quarantined": 1}
    assert back["parameters"] == {"seed": 3, "out": str(tmp_path)}
    assert back["input"]["sha256"] == hashlib.sha256(b"PAR1").hexdigest()
    assert back["environment"]["python"] == sys.version.split()[0]
    assert back["timings_seconds"] == {"total": 1.235}
    assert back["outputs"] == ["a", "b"]
    assert back["metric_versions"] == evalkit.metric_versions()


def test_package_versions_reports_installed_numpy():
    import numpy

    assert package_versions(["numpy"]) == {"numpy": numpy.__version__}
