"""The absence table (evalkit/lexicon/data/absences.toml) and how the matcher reads it."""

from __future__ import annotations

import pytest

from evalkit.lexicon import get_matcher
from evalkit.lexicon.matcher import absences
from tests.lexicon.test_da_clinical_data import ROWS as DA_ROWS


def _concepts(language: str) -> set[str]:
    m = get_matcher(language)
    return {e.concept_id for e in m.lexicon.entries if e.language == language}


def test_every_absence_names_concepts_of_the_shipped_lexicons():
    known = _concepts("da") | _concepts("en") | {r.concept_id for r in DA_ROWS}
    table = absences()
    assert table, "the table is empty"
    bad = {k: v for k, v in table.items() if k not in known or v not in known or k == v}
    assert bad == {}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("da", "Afebril.", ("Afebril", "sym:fever", True)),
        ("da", "Ingen feber.", ("feber", "sym:fever", True)),
        ("en", "Afebrile today.", ("Afebrile", "sym:fever", True)),
    ],
)
def test_an_absence_is_the_concept_negated(language, text, expected):
    found = [(m.text, m.concept_id, m.negated) for m in get_matcher(language).find(text)]
    assert expected in found


def test_a_malformed_table_is_a_clear_error(tmp_path, monkeypatch):
    import evalkit.lexicon.matcher as matcher

    bad = tmp_path / "absences.toml"
    bad.write_text('[absence_of]\n"find:afebrile" = 3\n', encoding="utf-8")
    monkeypatch.setattr(matcher, "ABSENCES_PATH", bad)
    matcher.absences.cache_clear()
    try:
        with pytest.raises(ValueError, match="must map one concept id"):
            matcher.absences()
    finally:
        matcher.absences.cache_clear()
