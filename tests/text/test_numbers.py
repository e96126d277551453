"""Tests of number-and-unit extraction."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from evalkit.text import numbers
from evalkit.text.numbers import (
    NumberMention,
    danish_decimal_words,
    danish_number_words,
    find_numbers,
    parse_number_words,
    values_match,
)


def _one(text: str, language: str | None) -> NumberMention:
    found = find_numbers(text, language=language)
    assert len(found) == 1, [m.as_dict() for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "value", "high", "unit", "kind"),
    [
        ("38,5 °C", "da", 38.5, None, "°C", "vital"),
        ("38.5 grader", "da", 38.5, None, "°C", "vital"),
        ("otteogtredive komma fem grader", "da", 38.5, None, "°C", "vital"),
        ("1.000 mg", "da", 1000.0, None, "mg", "dose"),
        ("1,000 mg", "en", 1000.0, None, "mg", "dose"),
        ("2.500 mg", "en", 2.5, None, "mg", "dose"),
        ("1.234,5 ml", "da", 1234.5, None, "ml", "dose"),
        ("500mg", "da", 500.0, None, "mg", "dose"),
        ("to en halv tablet", "da", 2.5, None, "tablet", "dose"),
        ("halvanden time", "da", 1.5, None, "hour", "duration"),
        ("et hundrede og femogtyve", "da", 125.0, None, None, "count"),
        ("twenty-one days", "en", 21.0, None, "day", "duration"),
        ("two and a half weeks", "en", 2.5, None, "week", "duration"),
        ("one hundred and five", "en", 105.0, None, None, "count"),
        ("thirty-eight point five degrees", "en", 38.5, None, "°C", "vital"),
        ("2-3 x dgl.", "da", 2.0, 3.0, "/day", "frequency"),
        ("2 til 3 gange dagligt", "da", 2.0, 3.0, "/day", "frequency"),
        ("2 to 3 weeks", "en", 2.0, 3.0, "week", "duration"),
        ("120/80", "da", 120.0, 80.0, "mmHg", "blood_pressure"),
        ("hundrede og tyve over firs", "da", 120.0, 80.0, "mmHg", "blood_pressure"),
        ("3/10", "en", 3.0, None, "/10", "score"),
        ("seven out of ten", "en", 7.0, None, "/10", "score"),
        ("fem ud af ti", "da", 5.0, None, "/10", "score"),
        ("45-årig", "da", 45.0, None, "year", "age"),
        ("a 59-year-old", "en", 59.0, None, "year", "age"),
        ("72 slag i minuttet", "da", 72.0, None, "/min", "vital"),
        ("98 %", "da", 98.0, None, "%", "vital"),
        ("48 mmol/mol", "da", 48.0, None, "mmol/mol", "lab"),
        ("twice a day", "en", 2.0, None, "/day", "frequency"),
        ("1,2 mio. IE", "da", 1_200_000.0, None, "IE", "dose"),
        ("en komma to millioner enheder", "da", 1_200_000.0, None, "IE", "dose"),
        ("i 3 uger", "da", 3.0, None, "week", "duration"),
    ],
)
def test_values_units_and_kinds(text, language, value, high, unit, kind):
    m = _one(text, language)
    assert m.value == pytest.approx(value)
    assert (m.value_high is None) == (high is None)
    if high is not None:
        assert m.value_high == pytest.approx(high)
    assert (m.unit, m.kind) == (unit, kind)
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "HbA1c er forhøjet",
        "vitamin B12",
        "COVID-19",
        "den 25.11.2026 kl. 14:30",
        "en patient",
        "going to the clinic",
        "she had a fire at home",
    ],
)
def test_not_numbers(text):
    language = "da" if "patient" in text or "den" in text else "en"
    assert find_numbers(text, language=language) == []


def test_ambiguous_words_need_a_unit_when_language_is_unknown():
    assert find_numbers("to the shop", language=None) == []
    assert [m.value for m in find_numbers("to tabletter", language=None)] == [2.0]


def test_offsets_in_longer_text():
    text = "Temp 38,5 °C, BT 120/80. Pamol 1 g x 4 dgl. i 5 dage."
    found = find_numbers(text, language="da")
    assert [m.text for m in found] == ["38,5 °C", "120/80", "1 g", "4 dgl.", "5 dage"]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_parse_number_words():
    assert parse_number_words("syvogfyrre", language="da") == 47.0
    assert parse_number_words("ninety-nine", language="en") == 99.0
    assert parse_number_words("ingenting", language="da") is None


def test_values_match_units():
    gram, milli = _one("1 g", "da"), _one("1000 mg", "da")
    assert values_match(gram, milli)
    assert not values_match(_one("3 dage", "da"), _one("3 uger", "da"))
    assert values_match(_one("38,5", "da"), _one("38.5 °C", "da"))  # a bare number matches any unit
    assert not values_match(_one("120/80", "da"), _one("120/90", "da"))


def test_rejects_unknown_language():
    with pytest.raises(ValueError, match="language must be"):
        find_numbers("3", language="sv")


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=0, max_value=9))
def test_digits_round_trip_in_both_decimal_styles(whole, tenth):
    """Property: 'W,T' in Danish and 'W.T' in English are the same number (no thousands mark)."""
    da = find_numbers(f"{whole},{tenth} mg", language="da")
    en = find_numbers(f"{whole}.{tenth} mg", language="en")
    assert len(da) == len(en) == 1
    assert da[0].value == pytest.approx(whole + tenth / 10)
    assert values_match(da[0], en[0])


_DA_UNITS = ["nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"]
_DA_TENS = {
    2: "tyve",
    3: "tredive",
    4: "fyrre",
    5: "halvtreds",
    6: "tres",
    7: "halvfjerds",
    8: "firs",
    9: "halvfems",
}


@given(st.integers(min_value=21, max_value=99).filter(lambda n: n % 10))
def test_danish_compound_number_words(n):
    """Property: '<unit>og<tens>' reads as the number, e.g. 'otteogtredive' = 38."""
    word = _DA_UNITS[n % 10] + "og" + _DA_TENS[n // 10]
    assert parse_number_words(word, language="da") == float(n)


# The token regex was rewritten for speed (26 November 2026): the number words as a
# prefix tree, digit and letter alternatives tried only where they can start. The
# original, flat pattern is kept here as the reference; both must find the same tokens.
def _reference_token_regex() -> re.Pattern[str]:
    return re.compile(
        r"(?P<date>\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b)"
        r"|(?P<num>(?<![^\W\d_])(?<![^\W\d_]-)(?<![\d.,])\d+(?:[.,\u00a0\u202f]\d+)*)"
        r"|(?P<glued>(?<![^\W\d_])[^\W\d_]+\d\w*)"
        r"|(?P<word>(?<![^\W\d_])(?:[^\W\d_]+og(?:"
        + "|".join(sorted(numbers._DA_TENS, key=len, reverse=True))
        + r")|"
        + "|".join(re.escape(w) for w in sorted(numbers._VOCABULARY, key=len, reverse=True))
        + r")(?![^\W\d_]))",
        re.IGNORECASE,
    )


_TOKEN_REFERENCE = _reference_token_regex()
_number_text = st.lists(
    st.sampled_from(
        [
            " ",
            "  ",
            "\n",
            ".",
            ",",
            "-",
            "/",
            ":",
            "\u00a0",
            "_",
            "38,5",
            "1.000",
            "2",
            "10",
            "25.11.2026",
            "14:30",
            "HbA1c",
            "B12",
            "COVID-19",
            "x-12",
            "en",
            "EN",
            "Et",
            "én",
            "to",
            "tre",
            "fire",
            "femogtyve",
            "SEKSOGTRESINDSTYVE",
            "ogtyve",
            "bogtyve",
            "ſeks",
            "tyve",
            "halvanden",
            "halv",
            "komma",
            "and",
            "a",
            "an",
            "Atten",
            "twenty",
            "one",
            "hundred",
            "tusind",
            "mio",
            "mg",
            "dage",
            "feber",
            "Pamol",
            "ÆØÅ",
            "İ",
            "µg",
            "FemOgTyve",
            "ı",
            "\u212a",
            "Ö",
            ".5",
            "²",
            "½",
            "ª",
            "5_",
        ]
    ),
    max_size=20,
).map("".join)


@given(_number_text)
@example(
    "Temp 38,5 og 1.000 mg 25.11.2026 kl. 14:30, HbA1c B12 COVID-19 x-12 femogtyve ogtyve "
    "bogtyve ſeks EN halvanden halv komma Atten twenty-one one hundred and a tusind mio."
)
@example("femogtyve2 b12_femogtyve _toogfyrre ogogtyve 3femogtyve x-femogtyve ²ogtyve")
def test_token_regex_finds_what_the_reference_finds(text):
    """Cross-check: the fast token regex gives the reference's spans and groups.

    So does the lower-cased Latin-1 path the tokeniser takes for most notes,
    with and without the branch for Danish compound number words.
    """
    reference = [(m.span(), m.lastgroup) for m in _TOKEN_REFERENCE.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in numbers._TOKEN.finditer(text)] == reference
    assert [((a, b), g) for g, a, b in numbers._token_spans(text)[1]] == reference
    assert [((a, b), g) for g, a, b in numbers._scan_spans(numbers._SCAN, text)] == reference


@given(
    st.sets(st.text(alphabet="abcæø.", min_size=1, max_size=5), min_size=1, max_size=12),
    st.text("abcæøABCÆØ.", max_size=6),
)
def test_prefix_tree_matches_exactly_its_words(words, probe):
    """Property: the prefix-tree regex matches a whole string iff it is one of the words."""
    pattern = re.compile(numbers._prefix_tree(frozenset(words)))
    assert (pattern.fullmatch(probe) is not None) == (probe in words)


@pytest.mark.parametrize("text", ["1.000,5.000", "1,000.5,5", "2.000,000.5 mg"])
def test_separators_that_make_no_number_are_skipped_not_raised(text):
    assert find_numbers(text, language="da") == []
    # the numbers around them are still found
    found = find_numbers(f"Temp 38,5 og {text} og 12 mg", language="da")
    assert [(n.value, n.unit) for n in found] == [(38.5, None), (12.0, "mg")]


# --- spelling Danish numbers ------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nul"), (7, "syv"), (17, "sytten"), (21, "enogtyve"), (38, "otteogtredive"),
        (50, "halvtreds"), (72, "tooghalvfjerds"), (95, "femoghalvfems"), (100, "hundrede"),
        (120, "hundrede og tyve"), (385, "tre hundrede og femogfirs"), (1000, "tusind"),
        (1500, "tusind fem hundrede"), (2005, "to tusind og fem"),
        (999_999, "ni hundrede og nioghalvfems tusind ni hundrede og nioghalvfems"),
    ],
)  # fmt: skip
def test_danish_number_words_by_hand(n, words):
    assert danish_number_words(n) == words


def test_danish_number_words_are_distinct_and_plain():
    spelled = [danish_number_words(n) for n in range(2000)]
    assert len(set(spelled)) == len(spelled)
    assert all(re.fullmatch(r"[a-zæøå ]+", s) for s in spelled)


@pytest.mark.parametrize("n", [-1, 1_000_000, 10**9])
def test_danish_number_words_rejects_out_of_range(n):
    with pytest.raises(ValueError, match=r"danish_number_words handles .* got " + str(n)):
        danish_number_words(n)


@pytest.mark.parametrize(
    ("value", "decimals", "words"),
    [
        (38.5, 1, "otteogtredive komma fem"),
        (37.0, 1, "syvogtredive"),
        (0.5, 1, "nul komma fem"),
        (7.2, 1, "syv komma to"),
        (6.25, 2, "seks komma femogtyve"),
        (6.20, 2, "seks komma to"),
        (12.0, 0, "tolv"),
    ],
)
def test_danish_decimal_words_by_hand(value, decimals, words):
    assert danish_decimal_words(value, decimals) == words


# The parser reads a phrase that opens with a bare "tusind" followed by hundreds
# ("tusind to hundrede", 1200) as tusind × hundrede (100200). The demo spells no
# such number; the test below fails once the parser is fixed, to lift the exclusion.
_TUSIND_HUNDREDS = range(1100, 2000)


def test_every_number_below_three_thousand_is_parsed_back():
    wrong = [
        n
        for n in range(3000)
        if n not in _TUSIND_HUNDREDS
        and parse_number_words(danish_number_words(n), language="da") != n
    ]
    assert wrong == []


@pytest.mark.xfail(strict=True, reason="parser: leading 'tusind' times 'hundrede'")
@pytest.mark.parametrize("n", [1100, 1200, 1999])
def test_tusind_then_hundreds_is_parsed_back(n):
    assert parse_number_words(danish_number_words(n), language="da") == n


@given(st.integers(min_value=0, max_value=999_999).filter(lambda n: n not in _TUSIND_HUNDREDS))
def test_spelled_numbers_are_parsed_back(n):
    assert parse_number_words(danish_number_words(n), language="da") == n


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=9))
def test_spelled_decimals_are_parsed_back(whole, tenth):
    value = whole + tenth / 10
    spoken = danish_decimal_words(value, 1)
    assert parse_number_words(spoken, language="da") == pytest.approx(value)


_ONES = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _en_two_digits(n: int) -> str:
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


@given(
    st.integers(110, 299).filter(lambda s: s % 100 >= 10),
    st.integers(40, 99),
)
def test_a_spoken_blood_pressure_reads_back(systolic, diastolic):
    # "one forty-two over eighty-eight" is 142/88
    hundreds, rest = divmod(systolic, 100)
    dia = _en_two_digits(diastolic)
    spoken = f"blood pressure is {_ONES[hundreds]} {_en_two_digits(rest)} over {dia} today"
    found = [(m.value, m.value_high, m.kind) for m in find_numbers(spoken, language="en")]
    assert found == [(float(systolic), float(diastolic), "blood_pressure")]


@pytest.mark.parametrize(
    "text",
    ["take one twenty milligram tablet", "one forty over there", "one twenty"],
)
def test_one_and_a_tens_word_stay_apart_outside_a_blood_pressure(text):
    assert all(
        m.kind != "blood_pressure" and m.value < 100 for m in find_numbers(text, language="en")
    )


_unit_text = st.lists(
    st.sampled_from(
        [
            " ",
            "  ",
            "\t",
            "\u00a0",
            "\n",
            "-",
            "/",
            ".",
            "x",
            "X ",
            "dgl",
            "Daglig",
            "gange ",
            "om dagen",
            "times a day",
            "mm",
            "Hg",
            "°",
            "C",
            "grader",
            "celsius",
            "slag pr. minut",
            "kg",
            "KILO",
            "mmol",
            "µ",
            "mg",
            "g",
            "l",
            "dl",
            "ml",
            "min",
            "1,73",
            " m2",
            "10^9",
            "tabl",
            "årig",
            "ÅR",
            " gammel",
            "years",
            "old",
            "yo",
            "5",
            "_",
            "dage",
            "uger",
            "mdr",
            "timer",
            "time",
            "a",
            "e",
        ]
    ),
    max_size=8,
).map("".join)


@given(_unit_text)
@example(" yo5")
@example(" mg/kg")
@example("  -årige")
def test_unit_read_lower_cased_is_the_unit_read_as_written(text):
    """Cross-check: the groupless unit regex on lower-cased text finds the unit _UNIT_RE finds."""
    lowered = text.lower()
    for pos in range(len(text) + 1):
        for language in (None, "da", "en"):
            expected = numbers._match_unit(text, pos, language)
            assert numbers._match_unit(text, pos, language, lowered) == expected
