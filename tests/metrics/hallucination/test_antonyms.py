"""The antonym check: findings written as their opposite."""

from __future__ import annotations

import pytest

from tests.metrics.hallucination.conftest import _flags


@pytest.mark.parametrize(
    "final, draft, language, word",
    [
        ("Cor: Rytmen er regelmæssig.", "Cor: Rytmen er uregelmæssig.", "da", "uregelmæssig"),
        ("Abdomen: blød og uøm.", "Abdomen: blød og øm.", "da", "øm"),
        ("Pulse regular.", "Pulse irregular.", "en", "irregular"),
        ("Abdomen soft and non-tender.", "Abdomen soft and tender.", "en", "tender"),
    ],
)
def test_a_flipped_antonym_is_a_negation_flag(final, draft, language, word):
    flags = _flags(final, draft, language=language)
    assert ("negation", word) in {(f["type"], f["text"]) for f in flags}, flags


@pytest.mark.parametrize(
    "final, draft, language",
    [
        # the same side in other words
        ("Pulse regular.", "Pulse is regular.", "en"),
        # both sides in the final (one finding each): not a flip
        ("Pupils reactive. Rhythm irregular.", "Pupils reactive. Rhythm irregular and fast.", "en"),
        # a kept sentence is endorsed
        ("Abdomen: blød og øm.", "Abdomen: blød og øm.", "da"),
    ],
)
def test_no_flag_without_a_flip(final, draft, language):
    assert [
        f for f in _flags(final, draft, language=language) if f.get("checker") == "antonyms"
    ] == []
