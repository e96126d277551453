"""Tests of the antonym pairs and their reader."""

from __future__ import annotations

import pytest

from evalkit.lexicon.antonyms import load_antonyms, read_antonyms


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        ("regular", "irregular", "en"),
        ("tender", "non-tender", "en"),
        ("tender", "nontender", "en"),
        ("normal", "abnormal", "en"),
        ("reactive", "unreactive", "en"),
        ("blanching", "non-blanching", "en"),
        ("øm", "uøm", "da"),
        ("ømme", "uømt", "da"),
        ("regelmæssig", "uregelmæssigt", "da"),
        ("normal", "abnorm", "da"),
        ("upåvirket", "påvirket", "da"),
        ("afebril", "febril", "da"),
    ],
)
def test_pairs_are_opposites_both_ways(a, b, language):
    table = load_antonyms()
    assert table.opposite(a, b, language=language)
    assert table.opposite(b, a, language=language)
    assert not table.opposite(a, a, language=language)


def test_words_of_different_pairs_are_not_opposites():
    table = load_antonyms()
    assert not table.opposite("tender", "irregular", language="en")
    assert not table.opposite("øm", "uregelmæssig", language="da")
    assert not table.opposite("regular", "irregular", language="da")  # English words


def test_find_locates_each_side_and_prefers_the_longest_form():
    table = load_antonyms()
    text = "Abdomen non tender. Pulse irregular. Pupils unreactive."
    found = table.find(text, language="en")
    assert [(m.text, m.side) for m in found] == [
        ("non tender", 1),
        ("irregular", 1),
        ("unreactive", 1),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)
    da = table.find("Pupiller ikke lysreaktive, abdomen uøm.", language="da")
    assert [m.text for m in da] == ["ikke lysreaktive", "uøm"]


def test_every_shipped_form_is_found_as_itself():
    table = load_antonyms()
    assert len(table) >= 50
    for language, term, opposite, _ in table.pairs:
        for side, forms in enumerate((term, opposite)):
            for form in forms:
                (m,) = table.find(form, language=language)
                assert (m.text.lower(), m.side) == (form, side)


def _write(tmp_path, body: str):
    path = tmp_path / "antonyms.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_reader_refuses_bad_files(tmp_path):
    with pytest.raises(ValueError, match=r"\[en\] pair 1: expected \[term, opposite, domain\]"):
        read_antonyms(_write(tmp_path, '[en]\npairs = [["regular", "irregular"]]\n'))
    with pytest.raises(ValueError, match=r"unknown language table\(s\) \['de'\]"):
        read_antonyms(_write(tmp_path, '[de]\npairs = [["regulär", "irregulär", "x"]]\n'))
    with pytest.raises(ValueError, match="empty form"):
        read_antonyms(_write(tmp_path, '[en]\npairs = [["regular||x", "irregular", "x"]]\n'))
    with pytest.raises(ValueError, match="pair 2: 'abnormal' is already in pair 1"):
        read_antonyms(
            _write(
                tmp_path,
                '[en]\npairs = [["normal", "abnormal", "x"], ["abnormal", "fine", "x"]]\n',
            )
        )
    with pytest.raises(ValueError, match="not valid TOML"):
        read_antonyms(_write(tmp_path, "[en\n"))
    with pytest.raises(ValueError, match="no pairs"):
        read_antonyms(_write(tmp_path, "[en]\n"))


def test_the_same_word_may_be_in_pairs_of_both_languages(tmp_path):
    path = _write(
        tmp_path,
        '[da]\npairs = [["normal", "abnorm", "x"]]\n[en]\npairs = [["normal", "abnormal", "x"]]\n',
    )
    table = read_antonyms(path)
    assert table.opposite("normal", "abnorm", language="da")
    assert table.opposite("normal", "abnormal", language="en")


def test_bad_language_and_text_are_refused():
    table = load_antonyms()
    with pytest.raises(ValueError, match="language must be"):
        table.find("regular", language="sv")
    with pytest.raises(TypeError, match="text must be a str"):
        table.find(None, language="en")
