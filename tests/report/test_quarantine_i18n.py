"""A Danish report shows quarantine reasons and numbers in Danish (issue 24).

The bad rows below trigger the reasons :class:`evalkit.io.validate.Validator`
gives; the report must word them in Danish (the codes and their wordings are
tested one by one in ``tests/io/test_reasons.py``).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from evalkit.io.validate import Validator


def _bad_rows() -> pd.DataFrame:
    ok = {"ai_note": "Hoste.", "final_note": "Hoste i 3 dage."}
    rows = [
        {"note_id": "", **ok},
        {"note_id": "a", **ok},
        {"note_id": "a", **ok},  # duplicate
        {"note_id": "b", "ai_note": "Hoste.", "final_note": None},
        {"note_id": "c", "ai_note": "   ", "final_note": "Hoste."},
        {"note_id": "d", **ok, "ai_assisted": "måske"},
        {"note_id": "e", **ok, "doc_seconds": "lang tid"},
        {"note_id": "f", **ok, "doc_seconds": "-5"},
        {"note_id": "g", **ok, "language": "sv"},
        {"note_id": "h", **ok, "doc_started_at": "i går"},
        {
            "note_id": "i",
            **ok,
            "doc_started_at": "2026-03-02T10:00:00+01:00",
            "doc_signed_at": "2026-03-02T09:00:00+01:00",
        },
        {
            "note_id": "j",
            **ok,
            "doc_started_at": "2026-03-02T10:00:00+01:00",
            "doc_signed_at": "2026-03-04T10:00:00+01:00",
        },
        {"note_id": "k", "ai_note": "x" * 50, "final_note": "Hoste."},
        {"note_id": "l", "ai_note": 5, "final_note": "Hoste."},
    ]
    return pd.DataFrame(rows)


def test_a_danish_report_shows_the_reasons_in_danish(pilot_scores, tmp_path):
    from typer.testing import CliRunner

    from evalkit.cli import app

    scores = pilot_scores.copy()
    scores.attrs = {}
    path = tmp_path / "scores.parquet"
    scores.to_parquet(path)
    _, quarantine = Validator(max_chars=40).split(_bad_rows())
    quarantine.to_csv(tmp_path / "scores.parquet.quarantine.csv", index=False)
    args = ["report", str(path), "--out", str(tmp_path / "r"), "--no-text", "--n-boot", "50"]
    result = CliRunner().invoke(app, [*args, "--lang", "da"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "final_note mangler" in html and "note_id går igen" in html
    for english in ("is missing", "is empty", "is not a number", "duplicate note_id"):
        assert english not in html
    m = json.loads((tmp_path / "r" / "manifest.json").read_text(encoding="utf-8"))
    assert m["rows"]["quarantined"] == 13


@pytest.mark.parametrize(("lang", "mark", "other"), [("da", ",", "."), ("en", ".", ",")])
def test_report_numbers_use_the_languages_decimal_mark(pilot_scores, tmp_path, lang, mark, other):
    import re

    from evalkit.report import build_report

    scores = pilot_scores.copy()
    scores.attrs = {}
    build_report(scores, tmp_path / lang, lang=lang, n_boot=50, no_text=True)
    html = (tmp_path / lang / "report.html").read_text(encoding="utf-8")
    shown = re.findall(r'<div class="v">([^<]+)</div><div class="ci">[^:]*: ([^·<]+)', html)
    assert shown, "no summary cards found"
    numbers = [x for pair in shown for x in pair]
    decimals = [x for x in numbers if re.search(r"\d[.,]\d", x)]
    assert decimals and all(re.search(rf"\d{re.escape(mark)}\d", x) for x in decimals)
    assert not any(re.search(rf"\d{re.escape(other)}\d{{1,2}}\b(?!\d)", x) for x in decimals)
