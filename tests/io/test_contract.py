"""Tests of the input contract (evalkit/io/contract.py) against the validator and the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from evalkit.io import contract
from evalkit.io.contract import (
    CONSULTATION_TYPE_ALIASES,
    CONSULTATION_TYPES,
    FALSE_WORDS,
    ID_COLUMNS,
    LANGUAGES,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    TEXT_COLUMNS,
    TIME_COLUMNS,
    TIMESTAMP_COLUMNS,
    TRUE_WORDS,
)
from evalkit.io.validate import Validator

DATA_FORMAT = Path(__file__).resolve().parents[2] / "docs" / "data-format.md"


def _documented_columns() -> dict[str, bool]:
    """Column name -> required, from the table of docs/data-format.md."""
    table = {}
    for line in DATA_FORMAT.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].startswith("`"):
            continue
        for name in re.findall(r"`(\w+)`", cells[0]):
            table[name] = cells[1] == "**yes**"
    return table


def _row(**values: object) -> pd.DataFrame:
    base = {"note_id": "n1", "ai_note": "Hoste.", "final_note": "Hoste i 3 dage."}
    return pd.DataFrame([{**base, **values}])


def test_required_and_optional_columns_are_disjoint_and_unique():
    columns = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    assert len(set(columns)) == len(columns)


@pytest.mark.parametrize(
    "group", [TEXT_COLUMNS, ID_COLUMNS, TIME_COLUMNS, TIMESTAMP_COLUMNS], ids=str
)
def test_every_column_group_is_part_of_the_contract(group):
    assert set(group) <= set(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)


def test_the_docs_describe_every_contract_column_with_its_requirement():
    documented = _documented_columns()
    for name in REQUIRED_COLUMNS:
        assert documented.get(name) is True, name
    for name in OPTIONAL_COLUMNS:
        assert documented.get(name) is False, name


def test_note_text_columns_are_the_three_texts():
    assert set(TEXT_COLUMNS) == {"ai_note", "final_note", "transcript"}
    assert "note_id" not in TEXT_COLUMNS


def test_languages():
    assert LANGUAGES == ("da", "en")


def test_aliases_map_onto_the_canonical_types_and_cover_them():
    assert set(CONSULTATION_TYPE_ALIASES.values()) == set(CONSULTATION_TYPES)
    for canonical in CONSULTATION_TYPES:
        assert CONSULTATION_TYPE_ALIASES[canonical] == canonical
    assert all(key == key.lower().strip() for key in CONSULTATION_TYPE_ALIASES)


def test_true_and_false_words_are_disjoint_lower_case():
    assert not TRUE_WORDS & FALSE_WORDS
    assert all(word == word.lower() for word in TRUE_WORDS | FALSE_WORDS)
    assert {"true", "1", "ja"} <= TRUE_WORDS and {"false", "0", "nej"} <= FALSE_WORDS


@pytest.mark.parametrize("alias", sorted(CONSULTATION_TYPE_ALIASES))
def test_the_validator_applies_every_alias(alias):
    valid, bad = Validator().split(_row(consultation_type=alias.upper()))
    assert bad.empty
    assert valid["consultation_type"].tolist() == [CONSULTATION_TYPE_ALIASES[alias]]


@pytest.mark.parametrize(
    ("word", "expected"),
    [(w, True) for w in sorted(TRUE_WORDS)] + [(w, False) for w in sorted(FALSE_WORDS)],
)
def test_the_validator_reads_every_boolean_word(word, expected):
    ai_note = "Hoste." if expected else ""
    valid, bad = Validator().split(_row(ai_assisted=word.capitalize(), ai_note=ai_note))
    assert bad.empty, bad.to_dict("records")
    assert bool(valid["ai_assisted"].iloc[0]) is expected


def test_the_validator_quarantines_a_word_that_is_no_boolean():
    _, bad = Validator().split(_row(ai_assisted="maybe"))
    assert bad["column"].tolist() == ["ai_assisted"]


def test_the_validator_quarantines_a_language_outside_the_contract():
    _, bad = Validator().split(_row(language="sv"))
    assert bad["column"].tolist() == ["language"]


def test_contract_module_holds_only_constants():
    public = {n: v for n, v in vars(contract).items() if n.isupper()}
    assert all(isinstance(v, tuple | dict | frozenset) for v in public.values())
