from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.text.initialisms import (
    MAX_RUN,
    SHORT_WORD,
    abbreviates,
    initialism_letters,
    run_initials,
    spelled_runs,
)


@pytest.mark.parametrize(
    ("word", "letters"),
    [
        ("ROM", "rom"),
        ("DTRs", "dtr"),
        ("SOB", "sob"),
        ("BP", "bp"),
        ("KOL", "kol"),
        ("Rom", None),  # a capitalised word, not an initialism
        ("rom", None),
        ("A", None),  # one letter
        ("ABCDEF", None),  # too long
        ("C6", None),  # a level, not letters only
    ],
)
def test_initialism_letters_hand_computed(word, letters):
    assert initialism_letters(word) == letters


def test_run_initials_hand_computed():
    assert run_initials(["deep", "tendon", "reflexes"]) == [
        ("dt", 0, 2),
        ("tr", 1, 3),
        ("dtr", 0, 3),
    ]


@pytest.mark.parametrize(
    ("letters", "text", "runs"),
    [
        ("rom", "full range of motion of the shoulder", [(1, 4)]),
        ("sob", "shortness of breath on exertion", [(0, 3)]),  # all words
        ("dtr", "deep tendon reflexes", [(0, 3)]),
        ("acl", "anterior cruciate ligament tear", [(0, 3)]),
        ("slr", "straight leg raise", [(0, 3)]),
        ("rom", "the patient is well", []),
        # a skipped short word may not start or end a run
        ("pm", "of pain management", [(1, 3)]),
    ],
)
def test_spelled_runs_hand_computed(letters, text, runs):
    assert spelled_runs(letters, text.split()) == runs


def _brute_force(letters: str, words: list[str]) -> list[tuple[int, int]]:
    # Every run whose kept words (all, or the long ones, never starting or
    # ending on a dropped word) spell the letters.
    out = set()
    for i, j in itertools.combinations(range(len(words) + 1), 2):
        run = words[i:j]
        if "".join(w[0] for w in run) == letters:
            out.add((i, j))
        long = [w for w in run if len(w) > SHORT_WORD]
        if (
            long
            and len(run[0]) > SHORT_WORD
            and len(run[-1]) > SHORT_WORD
            and "".join(w[0] for w in long) == letters
        ):
            out.add((i, j))
    return sorted(r for r in out if r[1] - r[0] <= 2 * len(letters))


_WORD = st.sampled_from(["of", "the", "deep", "tendon", "range", "motion", "rest", "to", "dry"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORD, max_size=10), st.text(alphabet="dtrmo", min_size=2, max_size=MAX_RUN))
def test_spelled_runs_match_brute_force(words, letters):
    assert spelled_runs(letters, words) == _brute_force(letters, words)


@given(st.text(alphabet="ABCDEFGHs", min_size=1, max_size=7))
def test_letters_are_folded_and_short(word):
    letters = initialism_letters(word)
    if letters is not None:
        assert letters == letters.casefold()
        assert 2 <= len(letters) <= 5
        assert word.casefold().startswith(letters)


@given(st.text(alphabet="abcdiv", min_size=1, max_size=4), st.text(alphabet="abcdiv", max_size=9))
@settings(max_examples=300, deadline=None)
def test_abbreviates_matches_brute_force(letters, word):
    # Reference: some choice of positions in the word, the first at 0,
    # spells the letters.
    expected = (
        len(letters) >= 2
        and len(word) > len(letters)
        and any(
            word[0] == letters[0]
            and all(word[p] == c for p, c in zip(rest, letters[1:], strict=True))
            for rest in itertools.combinations(range(1, len(word)), len(letters) - 1)
        )
    )
    assert abbreviates(letters, word) == expected
