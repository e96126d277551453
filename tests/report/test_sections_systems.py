"""The report's per-section and systems-compared parts."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import evalkit
from evalkit.report.build import build_report

_PARTS = {
    "S": ["Ondt i halsen i 3 dage.", "Hoste siden mandag.", "Ingen feber."],
    "O": ["Tonsiller let forstørrede.", "BT 120/80, puls 72.", "Temp 37,9."],
    "A": ["Tonsillitis.", "Virusinfektion."],
    "P": ["Pamol 1 g x 4 ved behov.", "Kontrol om en uge.", "Penicillin 1 mio x 4."],
}


def _systems_notes(n=24, seed=5):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        final = "\n".join(f"{h}: {rng.choice(v)}" for h, v in _PARTS.items())
        drafts = {
            "good": final,
            "fair": final.replace("x 4", "x 3") if i % 2 else final,
            "poor": final.replace("Ingen feber.", "Feber.") + "\nP: Ryger dagligt.",
        }
        for system, draft in drafts.items():
            rows.append(
                {
                    "note_id": f"{system}/{i}",
                    "system": system,
                    "consultation_id": f"c{i}",
                    "clinic_id": "K1" if i < 12 else "K2",
                    "clinician_id": f"gp{i % 6}",
                    "final_note": final,
                    "ai_note": draft,
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def system_scores():
    return evalkit.score(_systems_notes(), lang="da")


@pytest.mark.parametrize("lang", ["en", "da"])
def test_report_has_section_and_system_parts(system_scores, tmp_path, lang):
    html_path = build_report(
        system_scores, tmp_path, lang=lang, n_boot=200, figure_formats=("svg",), no_text=True
    )
    html = html_path.read_text(encoding="utf-8")
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert {"section_wer_mean", "section_hallucination_flags_per_100", "system_differences"} <= set(
        manifest["figures"]
    )
    assert 'id="sections"' in html and 'id="systems"' in html and 'id="system-ranks"' in html
    assert 'href="#sections"' in html and 'href="#systems"' in html
    heading = {"en": "Systems compared", "da": "Systemer sammenlignet"}[lang]
    assert heading in html
    ranks = pd.read_csv(tmp_path / "tables" / "system_ranks.csv")
    wer = ranks[ranks.metric == "wer"].set_index("system")
    assert wer.loc["good", "rank"] == 1 and wer.loc["poor", "rank"] == 3
    per_section = pd.read_csv(tmp_path / "tables" / "per_section.csv")
    assert set(per_section["level"]) == {"clinic_id+section"}


def test_report_without_systems_has_no_systems_part(system_scores, tmp_path):
    one = system_scores[system_scores["system"] == "fair"].drop(columns="system")
    html = build_report(one, tmp_path, lang="en", n_boot=100, figure_formats=("svg",)).read_text(
        encoding="utf-8"
    )
    assert 'id="systems"' not in html and 'href="#systems"' not in html
    assert 'id="sections"' in html
