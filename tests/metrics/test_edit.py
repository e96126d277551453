"""Edit metrics, cross-checked against rapidfuzz and jiwer."""

from __future__ import annotations

import unicodedata

import jiwer
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel, LCSseq, Levenshtein

from evalkit.metrics.edit import EditScore, char_distance, score_edit, wer, word_counts
from evalkit.text.normalize import normalize_text

WS_TRANSFORM = jiwer.Compose(
    [jiwer.SubstituteRegexes({r"\s+": " "}), jiwer.Strip(), jiwer.ReduceToListOfListOfWords()]
)

# Danish-flavoured alphabet with whitespace of every kind, combining marks and emoji.
ALPHABET = st.sampled_from(list("abcæøåÆØÅ .,:;-\n\t\r") + ["\u0301", "\u030a", "😀", "BT", "p"])
TEXT = st.lists(ALPHABET, max_size=40).map("".join)
WORDS = st.lists(
    st.sampled_from(
        ["Pt", "har", "ondt", "i", "halsen", "BT", "120/80", "ingen", "feber", "Plan:"]
    ),
    max_size=15,
)


def jiwer_reference(final: str, draft: str) -> jiwer.WordOutput:
    return jiwer.process_words(
        normalize_text(final),
        normalize_text(draft),
        reference_transform=WS_TRANSFORM,
        hypothesis_transform=WS_TRANSFORM,
    )


@settings(max_examples=300, deadline=None)
@given(final=TEXT, draft=TEXT)
def test_char_distance_equals_rapidfuzz(final, draft):
    f, d = normalize_text(final), normalize_text(draft)
    s = score_edit(final, draft)
    assert s.char_distance == Levenshtein.distance(f, d)
    longest = max(len(f), len(d))
    assert s.char_distance_norm == (s.char_distance / longest if longest else 0.0)
    assert s.length_change == len(f) - len(d)


@settings(max_examples=300, deadline=None)
@given(
    final=st.lists(WORDS.map(" ".join), min_size=1, max_size=3).map("\n".join),
    draft=WORDS.map(" ".join),
)
def test_word_counts_equal_jiwer(final, draft):
    s = score_edit(final, draft)
    if not final.split():
        return
    ref = jiwer_reference(final, draft)
    assert (s.word_substitutions, s.word_deletions, s.word_insertions, s.word_hits) == (
        ref.substitutions,
        ref.deletions,
        ref.insertions,
        ref.hits,
    )
    assert s.wer == pytest.approx(ref.wer)


@settings(max_examples=200, deadline=None)
@given(final=TEXT, draft=TEXT)
def test_kept_ratio_from_lcs(final, draft):
    f, d = normalize_text(final), normalize_text(draft)
    s = score_edit(final, draft)
    if d:
        lcs = (len(f) + len(d) - Indel.distance(f, d)) // 2
        assert s.kept_ratio == pytest.approx(lcs / len(d))
    assert 0.0 <= s.kept_ratio <= 1.0


def test_jiwer_default_transform_glues_line_breaks_we_do_not():
    final, draft = "Plan:\nPatient ses igen", "Plan: Patient ses igen"
    assert score_edit(final, draft).wer == 0.0
    assert score_edit(final, draft).unchanged is True
    assert score_edit(final, draft).unchanged_exact is False


@pytest.mark.parametrize(
    ("final", "draft", "expected"),
    [
        # (final, draft, (char_distance, S, D, I, H, wer, unchanged))
        ("", "", (0, 0, 0, 0, 0, 0.0, True)),
        ("   \n", "", (4, 0, 0, 0, 0, 0.0, True)),
        ("", "Pamol 1 g", (9, 0, 0, 2 + 1, 0, 1.0, False)),
        ("Pamol 1 g", "", (9, 0, 3, 0, 0, 1.0, False)),
        ("BT 120/80 p 72", "BT 130/80 p", (4, 1, 1, 0, 2, 0.5, False)),
        ("Smerter i højre knæ", "Smerter i venstre knæ", (5, 1, 0, 0, 3, 0.25, False)),
        ("ingen feber", "feber", (6, 0, 1, 0, 1, 0.5, False)),
        ("Halsen   er rød", "Halsen er rød ", (3, 0, 0, 0, 3, 0.0, True)),
    ],
)
def test_hand_computed(final, draft, expected):
    s = score_edit(final, draft)
    got = (
        s.char_distance,
        s.word_substitutions,
        s.word_deletions,
        s.word_insertions,
        s.word_hits,
        s.wer,
        s.unchanged,
    )
    assert got == expected


def test_nfd_input_equals_nfc():
    nfc = "Ømhed i håndleddet, 5 dage, café"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    s = score_edit(nfc, nfd)
    assert s.char_distance == 0 and s.unchanged_exact


def test_crlf_equals_lf():
    assert score_edit("A:\r\nB\rC", "A:\nB\nC").unchanged_exact


def test_emoji_and_combining_counted_as_code_points_after_nfc():
    # "e" + combining acute composes to one character; the emoji stays one code point.
    assert char_distance("cafe\u0301 😀", "café 😀") == 0
    assert char_distance("😀", "😃") == 1


def test_wer_empty_final_is_defined():
    assert wer("", "") == 0.0
    assert wer("", "Ny tekst") == 1.0


def test_result_is_frozen():
    s = score_edit("a", "b")
    assert isinstance(s, EditScore)
    with pytest.raises(AttributeError):
        s.wer = 0.0  # type: ignore[misc]


def test_word_counts_token_lists():
    assert word_counts(["a", "b", "c"], ["a", "x", "c", "d"]) == (1, 0, 1, 2)


def test_non_string_raises_clear_error():
    with pytest.raises(TypeError, match="expects str"):
        score_edit(123, "x")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab c\n.,æ", max_size=40), st.text(alphabet="ab c\n.,æ", max_size=40))
def test_edit_core_equals_score_edit(final, draft):
    from evalkit.metrics.edit import edit_core, score_edit

    s = score_edit(final, draft)
    assert edit_core(final, draft) == (s.char_distance, s.wer, s.unchanged)


# Notes long enough (past 64 characters) for rapidfuzz's banded computation,
# which the score hint selects: words joined by spaces and line breaks, so
# that the white space differs between the notes too.
LONG_TEXT = st.lists(
    st.tuples(
        st.sampled_from(["Pt", "har", "ondt", "i", "halsen", "BT", "120/80", "ingen", "feberen"]),
        st.sampled_from([" ", " ", " ", "\n", "  "]),
    ),
    max_size=60,
).map(lambda pairs: "".join(w + sep for w, sep in pairs))


@settings(max_examples=300, deadline=None)
@given(final=LONG_TEXT, draft=LONG_TEXT)
def test_char_distance_of_long_notes_equals_rapidfuzz_without_a_hint(final, draft):
    # The hint from the edited words (_edited_chars) may fall short of the
    # distance when the white space differs; the distance must not change.
    from evalkit.metrics.edit import edit_core

    f, d = normalize_text(final), normalize_text(draft)
    expected = Levenshtein.distance(f, d)
    s = score_edit(final, draft)
    assert s.char_distance == expected
    assert edit_core(final, draft)[0] == expected
    # kept_ratio's score_cutoff, derived from the distance, must not change it
    assert s.kept_ratio == (LCSseq.similarity(f, d) / len(d) if d else float(not f))


@settings(max_examples=300, deadline=None)
@given(final=WORDS, draft=WORDS)
def test_edited_chars_bound_the_distance_of_space_joined_words(final, draft):
    from evalkit.metrics.edit import _edited_chars

    ops = Levenshtein.editops(final, draft).as_list()
    bound = _edited_chars(ops, final, draft)
    assert Levenshtein.distance(" ".join(final), " ".join(draft)) <= bound
    assert (bound == 0) == (final == draft)
