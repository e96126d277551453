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
    path = tmp_path / "antonyms.tsv"
    path.write_text("language\tterm\topposite\tdomain\n" + body, encoding="utf-8")
    return path


def test_reader_refuses_bad_files(tmp_path):
    with pytest.raises(ValueError, match="line 2: 3 column"):
        read_antonyms(_write(tmp_path, "en\tregular\tirregular\n"))
    with pytest.raises(ValueError, match="language must be 'da' or 'en', got 'de'"):
        read_antonyms(_write(tmp_path, "de\tregulär\tirregulär\tx\n"))
    with pytest.raises(ValueError, match="empty form"):
        read_antonyms(_write(tmp_path, "en\tregular||x\tirregular\tx\n"))
    with pytest.raises(ValueError, match="already in the pair of line 2"):
        read_antonyms(_write(tmp_path, "en\tnormal\tabnormal\tx\nen\tabnormal\tfine\tx\n"))
    headless = tmp_path / "headless.tsv"
    headless.write_text("en\tregular\tirregular\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header must be"):
        read_antonyms(headless)


def test_bad_language_and_text_are_refused():
    table = load_antonyms()
    with pytest.raises(ValueError, match="language must be"):
        table.find("regular", language="sv")
    with pytest.raises(TypeError, match="text must be a str"):
        table.find(None, language="en")
