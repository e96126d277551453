"""Tests of the support check (support.py): removed clauses with no counterpart anywhere."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.index import build_index
from evalkit.metrics.hallucination.support import (
    span_supported,
    supported_share,
    word_supported,
)
from tests.metrics.hallucination.conftest import _flags


def _fabrications(final, draft, **kw):
    return [f["text"] for f in _flags(final, draft, **kw) if f["type"] == "fabrication"]


@pytest.mark.parametrize(
    "final, draft, language, invented",
    [
        # invented statements: no final-note clause and no talk holds their words
        (
            "Knæsmerter efter fald.",
            "Knæsmerter efter fald. Arbejder som frisør i Aarhus.",
            "da",
            "Arbejder som frisør i Aarhus",
        ),
        (
            "Cough for a week.",
            "Cough for a week. He recently travelled to Spain.",
            "en",
            "He recently travelled to Spain",
        ),
        # words recurring in unrelated clauses do not add up to a counterpart
        (
            "Ikke-ryger. Alkohol 4 genstande om ugen.",
            "Ikke-ryger. Alkohol 4 genstande om ugen. Ryger 20 cigaretter dagligt.",
            "da",
            "Ryger 20 cigaretter dagligt",
        ),
    ],
)
def test_invented_clauses_are_flagged(final, draft, language, invented):
    assert _fabrications(final, draft, language=language) == [invented]


@pytest.mark.parametrize(
    "final, draft, language",
    [
        # reordered
        ("Ingen feber. Hoste i en uge.", "Hoste i en uge. Ingen feber.", "da"),
        # split and merged sentences
        (
            "Hoste og feber i 4 dage, har taget Panodil.",
            "Hoste og feber i 4 dage. Har taget Panodil.",
            "da",
        ),
        (
            "He does not smoke and drinks socially.",
            "He does not smoke. He drinks alcohol socially.",
            "en",
        ),
        # abbreviations, compounds, hyphens, initialisms, Roman numerals
        ("Abd. blød og uøm.", "Abdomen er blød og uøm.", "da"),
        ("Smerter i lænden.", "Lændesmerter.", "da"),
        ("DTRs 2+ bilaterally.", "Deep tendon reflexes 2+ bilaterally.", "en"),
        ("Grade II/VI systolic murmur.", "2/6 systolic murmur.", "en"),
        # a courtesy phrase the clinician deleted is not a clinical claim
        ("Hoste i en uge.", "Hoste i en uge. Patienten var enig i planen.", "da"),
    ],
)
def test_benign_rewording_is_not_flagged(final, draft, language):
    assert _fabrications(final, draft, language=language) == []


def test_transcript_support_clears_a_removed_clause():
    final = "Knæsmerter efter fald."
    draft = "Knæsmerter efter fald. Arbejder som frisør i Aarhus."
    talk = "Læge: Hvad arbejder du med?\nPatient: Jeg er frisør, her i Aarhus."
    assert _fabrications(final, draft) == ["Arbejder som frisør i Aarhus"]
    assert _fabrications(final, draft, transcript=talk) == []


def test_severity_by_category():
    # no drug or diagnosis in the clause: non-critical
    (plain,) = _flags("Hoste i en uge.", "Hoste i en uge. Arbejder som frisør i Aarhus.")
    assert (plain["type"], plain["severity"]) == ("fabrication", "non-critical")
    assert set(CONFIG.support_critical_categories) == {"medication", "diagnosis"}


def test_supported_share_hand_computed():
    # "Ryger 20 cigaretter dagligt": four keys (ryg, 20, cigaret, dag); the best
    # final clause ("Ikke-ryger") holds one of them
    final = build_index("Smerter i lænden. Ikke-ryger.", "da", None)
    draft = build_index("Ryger 20 cigaretter dagligt. Lændesmerter.", "da", None)
    assert [supported_share(draft, u, final) for u in draft.units] == [0.25, 1.0]
    assert supported_share(draft, draft.units[0], None) == 0.0


def test_word_supported_rules():
    ref = frozenset({"abdomen", "lænd", "smert", "goddag", "smoke"})
    assert word_supported("abd", ref)  # abbreviation of a reference word
    assert word_supported("smoker", ref)  # a reference word abbreviates it
    assert word_supported("lændesmert", ref)  # compound of reference words
    assert not word_supported("dag", ref)  # a short word inside a compound is no part
    assert not word_supported("ab", ref)  # shorter than support_prefix_chars
    assert CONFIG.support_prefix_chars == 3


def test_span_supported_by_initialism():
    final = build_index("SOB on exertion.", "en", None)
    draft = build_index("Shortness of breath on exertion.", "en", None)
    assert span_supported(draft, 0, 19, final)
    assert not span_supported(draft, 0, 19, build_index("Chest pain.", "en", None))


_sentences = st.lists(
    st.sampled_from(
        [
            "Hoste i en uge.",
            "Ingen feber.",
            "Arbejder som frisør.",
            "Røntgen af thorax uden fund.",
            "BT 130/80.",
            "Kontrol om 2 uger.",
            "Smerter i højre knæ efter fald.",
        ]
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=40, deadline=None)
@given(_sentences)
def test_identical_notes_never_flagged(sentences):
    note = " ".join(sentences)
    assert _flags(note, note) == []


@settings(max_examples=40, deadline=None)
@given(_sentences, st.randoms(use_true_random=False))
def test_reordered_sentences_never_fabricated(sentences, rnd):
    shuffled = list(sentences)
    rnd.shuffle(shuffled)
    assert _fabrications(" ".join(sentences), " ".join(shuffled)) == []


def test_initialism_units_hand_computed():
    from evalkit.metrics.hallucination.support import _Reference

    ref = _Reference(build_index("Deep tendon reflexes normal. Shortness of breath.", "en", None))
    assert ref.initials("dtr") == {0}
    assert ref.initials("sob") == {1}
    assert ref.initials("rns") == set()  # across two units: no run
    assert ref.initials("d") == set() and ref.initials("dtrns") == set()


_words = st.lists(st.sampled_from(["ab", "bad", "cold", "dry", "eye", "a", "of"]), max_size=6)


@settings(max_examples=60, deadline=None)
@given(st.lists(_words, min_size=1, max_size=4), st.text("abcdeo", min_size=1, max_size=5))
def test_initialism_units_match_every_run_listed(sentences, letters):
    from evalkit.metrics.hallucination.support import _initials, _Reference, _runs

    text = " ".join(" ".join(ws) + "." for ws in sentences)
    ref = _Reference(build_index(text, "en", None))
    listed = {
        i
        for i, (start, end) in enumerate(ref._spans)
        for run in _runs(ref._text, start, end)
        for spelled, _, _ in _initials(run)
        if spelled == letters
    }
    assert ref.initials(letters) == listed


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                ["DTRs", "sob", "ROM", "Abd.", "u.a.", "İİ", "İs", "ERs", "hjertet", "ok", "s"]
                + ["Feber", "i", "ss", "GOLDs", "abcde", "abcdef", "ÆØÅS", "a.b.", "x.yz"]
            ),
            max_size=8,
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["da", "en"]),
)
def test_short_words_match_the_words_of_each_unit(sentences, language):
    # reference: every word of every unit as _runs gives it, kept if two to five letters
    from evalkit.metrics.hallucination.support import _Reference, _runs

    text = " ".join(" ".join(ws) + "." for ws in sentences)
    ref = _Reference(build_index(text, language, None))
    expected: dict[str, set[int]] = {}
    for i, (start, end) in enumerate(ref._spans):
        for w in _runs(ref._text, start, end)[0]:
            if 2 <= len(w) <= 5 and w.isalpha():
                expected.setdefault(w, set()).add(i)
                expected.setdefault(w.rstrip("s"), set()).add(i)
    assert ref.short == expected


def test_a_graded_finding_reworded_around_the_same_grade_is_supported():
    final = "Cough for a week. Strength 5/5 in all four limbs."
    assert (
        _flags(final, "Cough for a week. Power 5/5 throughout all extremities.", language="en")
        == []
    )
    final = "Hoste i en uge. Kraft 5/5 i alle muskelgrupper."
    assert _flags(final, "Hoste i en uge. Muskelkraft 5/5 i alle fire ekstremiteter.") == []
    # another grade is no counterpart: the removed clause is still flagged
    final = "Cough for a week. Strength 5/5 in all four limbs."
    flags = _flags(final, "Cough for a week. Power 3/5 throughout all extremities.", language="en")
    assert flags and all("3/5" in f["text"] for f in flags)


_STEM = st.text(alphabet="abcæ", min_size=0, max_size=10)


@st.composite
def _stem_and_reference(draw):
    """A stem and reference stems made of its pieces: prefixes, parts, longer words."""
    stem = draw(_STEM)
    pieces = [stem[a:b] for a in range(len(stem) + 1) for b in range(a, len(stem) + 1)]
    made = draw(st.lists(st.sampled_from(pieces), max_size=8))
    made = [draw(_STEM) + p + draw(_STEM) if draw(st.booleans()) else p for p in made]
    return stem, sorted(set(made + draw(st.lists(_STEM, max_size=10))))


@settings(max_examples=1000, deadline=None)
@example(("lændesmert", ["lænd", "smert", "goddag"]))  # a compound of two parts
@example(("smoker", ["smoke", "smo"]))  # a prefix two letters shorter
@given(_stem_and_reference())
def test_stem_lookup_matches_the_scan_of_every_stem(case):
    from evalkit.metrics.hallucination.support import _matches, _StemLookup

    stem, reference = case
    # the reference: _matches, which tries every reference stem in turn
    assert _StemLookup(reference).matches(stem) == set(_matches(stem, reference))
