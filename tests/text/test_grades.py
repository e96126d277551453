"""Tests of grades, scales, intensity words and presence words."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evalkit.text.grades import GRADE_KINDS, Grade, find_grades, same_grade


def _only(text: str, language: str | None) -> Grade:
    found = find_grades(text, language=language)
    assert len(found) == 1, [(g.text, g.kind) for g in found]
    return found[0]


# (text, language, kind, value, high, text of the mention): hand-computed
GRADE_SPELLINGS = [
    ("VAS 6", "da", "pain", 6, None, "VAS 6"),
    ("VAS: 6", "da", "pain", 6, None, "VAS: 6"),
    ("VAS 60", "da", "pain", 6, None, "VAS 60"),
    ("VAS 60/100", "en", "pain", 6, None, "VAS 60/100"),
    ("NRS 3/10", "en", "pain", 3, None, "NRS 3/10"),
    ("NRS 3", "da", "pain", 3, None, "NRS 3"),
    ("pain 8 out of 10", "en", "pain", 8, None, "pain 8 out of 10"),
    ("pain score of 8", "en", "pain", 8, None, "pain score of 8"),
    ("smerter 7 ud af 10", "da", "pain", 7, None, "smerter 7 ud af 10"),
    ("smertescore 4", "da", "pain", 4, None, "smertescore 4"),
    ("8/10", "en", "pain", 8, None, "8/10"),
    ("seven out of ten", "en", "pain", 7, None, "seven out of ten"),
    ("grade II/VI systolic murmur", "en", "murmur", 2, None, "grade II/VI"),
    ("II/VI", "en", "murmur", 2, None, "II/VI"),
    ("2/6 systolic murmur", "en", "murmur", 2, None, "2/6"),
    ("systolisk mislyd 3/6", "da", "murmur", 3, None, "3/6"),
    ("diastolisk mislyd grad 1/4", "da", "murmur", 1, None, "grad 1/4"),
    ("reflexes 2+", "en", "plus", 2, None, "2+"),
    ("NYHA-klasse III", "da", "grade", 3, None, "NYHA-klasse III"),
    ("NYHA class IV", "en", "grade", 4, None, "NYHA class IV"),
    ("patellarrefleks 3+", "da", "plus", 3, None, "3+"),
    ("1+ pitting oedema", "en", "plus", 1, None, "1+"),
    ("protein ++", "da", "plus", 2, None, "++"),
    ("NYHA III", "da", "grade", 3, None, "NYHA III"),
    ("NYHA class II", "en", "grade", 2, None, "NYHA class II"),
    ("grad 2", "da", "grade", 2, None, "grad 2"),
    ("grade 3", "en", "grade", 3, None, "grade 3"),
    ("stage 3b", "en", "stage", 3.2, None, "stage 3b"),
    ("stadie IV", "da", "stage", 4, None, "stadie IV"),
    ("power 4/5", "en", "power", 4, None, "4/5"),
    ("mild", "en", "intensity", 1, None, "mild"),
    ("mildly", "en", "intensity", 1, None, "mildly"),
    ("slight", "en", "intensity", 1, None, "slight"),
    ("moderate", "en", "intensity", 2, None, "moderate"),
    ("moderately", "en", "intensity", 2, None, "moderately"),
    ("severe", "en", "intensity", 3, None, "severe"),
    ("marked swelling", "en", "intensity", 3, None, "marked"),
    ("trace", "en", "intensity", 0, None, "trace"),
    ("mild to moderate", "en", "intensity", 1, 2, "mild to moderate"),
    ("let", "da", "intensity", 1, None, "let"),
    ("lette smerter", "da", "intensity", 1, None, "lette"),
    ("lettere", "da", "intensity", 1, None, "lettere"),
    ("mildt", "da", "intensity", 1, None, "mildt"),
    ("moderat", "da", "intensity", 2, None, "moderat"),
    ("moderate smerter", "da", "intensity", 2, None, "moderate"),
    ("middelsvær", "da", "intensity", 2, None, "middelsvær"),
    ("svær", "da", "intensity", 3, None, "svær"),
    ("svære", "da", "intensity", 3, None, "svære"),
    ("svært nedsat", "da", "intensity", 3, None, "svært"),
    ("kraftigt", "da", "intensity", 3, None, "kraftigt"),
    ("udtalte", "da", "intensity", 3, None, "udtalte"),
    ("let til moderat", "da", "intensity", 1, 2, "let til moderat"),
    ("minimal", "da", "intensity", 0, None, "minimal"),
]


@pytest.mark.parametrize(("text", "language", "kind", "value", "high", "span"), GRADE_SPELLINGS)
def test_grade_normal_forms(text, language, kind, value, high, span):
    g = _only(text, language)
    assert (g.kind, g.value, g.high, g.text) == (kind, pytest.approx(value), high, span)
    assert text[g.start : g.end] == g.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("svært ved at gå", "da"),  # difficulty, not severity
        ("let at forstå", "da"),  # easy
        ("pain in the knee for 3 days", "en"),  # a duration, not a score
        ("set 2/6", "da"),  # a date without a murmur word
        ("morgen + aften", "da"),  # a single plus joins words
        ("marked by fatigue", "en"),
        ("", "en"),
    ],
)
def test_words_that_are_not_grades(text, language):
    assert find_grades(text, language=language) == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("VAS 6", "NRS 6/10", True),
        ("VAS 6", "pain 6 out of 10", True),
        ("VAS 60", "6/10", True),
        ("VAS 6", "VAS 3", False),
        ("grade II/VI murmur", "2/6 murmur", True),
        ("grade II/VI murmur", "grade IV/VI murmur", False),
        ("2+", "++", True),
        ("2+", "3+", False),
        ("moderate", "moderat", True),
        ("mild", "svær", False),
        ("mild to moderate", "mild", False),
        ("VAS 6", "moderate", None),
        ("NYHA II", "stage 2", None),
    ],
)
def test_same_grade(a, b, expected):
    (ga,) = find_grades(a)
    (gb,) = find_grades(b)
    assert same_grade(ga, gb) is expected


@given(st.integers(0, 10), st.sampled_from(["VAS {}", "NRS {}/10", "pain {} out of 10", "{}/10"]))
def test_pain_spellings_agree(score, spelling):
    (g,) = find_grades(spelling.format(score), language="en")
    (ref,) = find_grades(f"VAS {score}", language="en")
    assert g.kind == "pain" and same_grade(g, ref)


@given(st.integers(1, 6), st.booleans(), st.booleans())
def test_murmur_roman_and_digits_agree(grade, roman_value, roman_max):
    numerals = ["I", "II", "III", "IV", "V", "VI"]
    value = numerals[grade - 1] if roman_value else str(grade)
    top = "VI" if roman_max else "6"
    (g,) = find_grades(f"grade {value}/{top} systolic murmur", language="en")
    assert (g.kind, g.value) == ("murmur", grade)


# pieces of grade mentions, intensity words and range words, glued into texts below
_GRADE_PIECES = [
    "VAS",
    "NRS",
    "smerter",
    "pain",
    "score",
    "of",
    "til",
    "to",
    "out",
    "ud",
    "af",
    "/",
    "-",
    "grade",
    "grad",
    "NYHA",
    "stage",
    "class",
    "II",
    "iv",
    "VI",
    "i",
    "b",
    "1",
    "2",
    "4",
    "6",
    "10",
    "+",
    "++",
    "2+",
    "mild",
    "moderate",
    "moderat",
    "let",
    "svær",
    "svære",
    "severe",
    "markant",
    "intens",
    "intensitet",
    "eller",
    "or",
    "murmur",
    "mislyd",
    ":",
    ",",
    ".",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_GRADE_PIECES), st.sampled_from(["", " ", "  ", "\t", "\n"])),
        max_size=12,
    ),
    st.sampled_from([None, "da", "en"]),
    st.sets(st.sampled_from(GRADE_KINDS)),
)
def test_grades_of_some_kinds_are_those_of_the_full_search(pieces, language, kinds):
    text = "".join(p + gap for p, gap in pieces)
    full = find_grades(text, language=language)
    assert find_grades(text, language=language, kinds=kinds) == [g for g in full if g.kind in kinds]


@given(st.text(max_size=60), st.sampled_from([None, "da", "en"]))
def test_grades_lie_inside_the_text_and_do_not_overlap(text, language):
    found = find_grades(text, language=language)
    for g in found:
        assert g.kind in GRADE_KINDS and text[g.start : g.end] == g.text
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


# --- presence ----------------------------------------------------------------------


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize("function", [find_grades])
def test_bad_input_is_refused(function):
    with pytest.raises(ValueError, match="language must be"):
        function("VAS 6", language="de")
    with pytest.raises(TypeError, match="text must be a str"):
        function(6)


def test_same_grade_refuses_other_objects():
    with pytest.raises(TypeError, match="must be a Grade"):
        same_grade("VAS 6", find_grades("VAS 6")[0])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("VAS 6, smerter 7/10, systolisk mislyd grad II/VI, NYHA III.", "da"),
        ("Pain 8 out of 10. Reflexes 2+ bilaterally. Power 4/5 left.", "en"),
        ("Kraft 5/5, smerte score 3 af 10, stadie 2b.", "da"),
    ],
)
def test_numbers_given_give_the_same_grades(text, language):
    from evalkit.text.numbers import find_numbers

    numbers = find_numbers(text, language=language)
    assert find_grades(text, language=language, numbers=numbers) == find_grades(
        text, language=language
    )


def test_numbers_given_are_the_ones_read():
    # muscle power "4/5" comes from the number finder only: no numbers, no power grade
    text = "Power 4/5 left."
    assert [g.kind for g in find_grades(text, language="en")] == ["power"]
    assert [g.kind for g in find_grades(text, language="en", numbers=[])] == []


_SCALE_TEXT = st.lists(
    st.sampled_from(
        ["VAS", "nrs", "Smerter", "ſmerte", "pain", "score", "grad", "Grade", "NYHA", "ſtage"]
        + ["KLASSE", "\u212alasse", "ckd", "ii", "IV", "ı", "İ", "vi", "6", "4", "2", "10", "/"]
        + ["af", "ud af", "out of", "til", ":", "b", "3b", " ", "\t", ".", "x"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_SCALE_TEXT)
def test_scale_regexes_match_as_without_their_first_letter_lookahead(text):
    import re

    import evalkit.text.grades as g

    for pattern, first in (
        (g._PAIN_SCALE, g._PAIN_FIRST),
        (g._MURMUR, g._MURMUR_FIRST),
        (g._GRADE, g._GRADE_FIRST),
    ):
        assert pattern.pattern.startswith(first)
        plain = re.compile(pattern.pattern.removeprefix(first), pattern.flags)
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)
        ]


_LATIN1_SCALE_TEXT = st.lists(
    st.sampled_from(
        ["VAS", "nrs", "Smerter", "smerte", "pain", "score", "grad", "Grade", "NYHA", "Stage"]
        + ["KLASSE", "klasse", "ckd", "ii", "IV", "vi", "6", "4", "2", "10", "3,5", "/", "ét"]
        + ["af", "ud af", "out of", "til", "på", ":", "b", "3b", "2C", " ", "\t", "\n", "."]
        + ["x", "æ", "Ø", "_", "-", "mislyd", "ten", "Ti", "vasen", "pvas", "5mg"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_LATIN1_SCALE_TEXT)
@example("VAS 6 VAS 7/10 smerter 3 af 10 SMERTE: 2 Pain score 4 out of TEN")
@example("grad II/VI, 3/6 mislyd, NYHA III, stadie 2b, Klasse 4, GOLD 2C")
def test_lower_case_scans_find_the_matches_of_a_search(text):
    """Cross-check: on Latin-1 text each scan's hits are the scale regex's matches and groups."""
    import evalkit.text.grades as g

    lowered = g._latin1_lower(text)
    assert lowered is not None
    for scale, scan in (
        (g._PAIN_SCALE, g._PAIN_LOWER_SCAN),
        (g._MURMUR, g._MURMUR_LOWER_SCAN),
        (g._GRADE, g._GRADE_LOWER_SCAN),
    ):
        found = [
            (start, end, {k: v and v.lower() for k, v in m.groupdict().items() if k != "hit"})
            for start, end, m in g._scale_matches(scale, scan, text, lowered)
        ]
        assert found == [
            (m.start(), m.end(), {k: v and v.lower() for k, v in m.groupdict().items()})
            for m in scale.finditer(text)
        ]
