"""Tests of the regimen model: normal forms, round-trips, comparison, windows, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.text.regimen import (
    PART_TYPES,
    PARTS,
    Quantity,
    Regimen,
    compare,
    find_regimens,
    parse_regimen,
)


def day(n: float, high: float | None = None) -> Quantity:
    return Quantity(n, high, "/day")


def mg(n: float) -> Quantity:
    return Quantity(n, None, "mg")


def units(n: float, high: float | None = None) -> Quantity:
    return Quantity(n, high, "unit")


def days(n: float) -> Quantity:
    return Quantity(n, None, "day")


# Each spelling with its normal form computed by hand.
FREQUENCY_SPELLINGS = [
    ("TID", "en", day(3)),
    ("t.i.d.", "en", day(3)),
    ("tid", "en", day(3)),
    ("3 times a day", "en", day(3)),
    ("three times daily", "en", day(3)),
    ("q8h", "en", day(3)),
    ("q 8 h", "en", day(3)),
    ("every 8 hours", "en", day(3)),
    ("every eight hours", "en", day(3)),
    ("BID", "en", day(2)),
    ("b.i.d.", "en", day(2)),
    ("bd", "en", day(2)),
    ("twice a day", "en", day(2)),
    ("twice daily", "en", day(2)),
    ("every 12 hours", "en", day(2)),
    ("morning and evening", "en", day(2)),
    ("QID", "en", day(4)),
    ("q.i.d.", "en", day(4)),
    ("qds", "en", day(4)),
    ("every 6 hours", "en", day(4)),
    ("q4-6h", "en", day(4, 6)),
    ("every 4 to 6 hours", "en", day(4, 6)),
    ("once daily", "en", day(1)),
    ("once a day", "en", day(1)),
    ("daily", "en", day(1)),
    ("q.d.", "en", day(1)),
    ("at night", "en", day(1)),
    ("nocte", "en", day(1)),
    ("every other day", "en", day(0.5)),
    ("once weekly", "en", day(1 / 7)),
    ("once a week", "en", day(1 / 7)),
    ("twice a week", "en", day(2 / 7)),
    ("x 3 dgl.", "da", day(3)),
    ("x3 dgl", "da", day(3)),
    ("3 x dgl.", "da", day(3)),
    ("3 gange dagligt", "da", day(3)),
    ("tre gange om dagen", "da", day(3)),
    ("3 gange i døgnet", "da", day(3)),
    ("hver 8. time", "da", day(3)),
    ("hver 8 timer", "da", day(3)),
    ("hver ottende time", "da", day(3)),
    ("morgen, middag og aften", "da", day(3)),
    ("T.I.D.", "da", day(3)),
    ("x 1 dgl.", "da", day(1)),
    ("1 gang dagligt", "da", day(1)),
    ("en gang om dagen", "da", day(1)),
    ("dagligt", "da", day(1)),
    ("til natten", "da", day(1)),
    ("hver morgen", "da", day(1)),
    ("2 gange dagligt", "da", day(2)),
    ("to gange daglig", "da", day(2)),
    ("morgen og aften", "da", day(2)),
    ("hver 12. time", "da", day(2)),
    ("hver 6. time", "da", day(4)),
    ("hver sjette time", "da", day(4)),
    ("x 4", "da", day(4)),
    ("hver 4.-6. time", "da", day(4, 6)),
    ("2-3 x dgl.", "da", day(2, 3)),
    ("hver anden dag", "da", day(0.5)),
    ("1 gang om ugen", "da", day(1 / 7)),
    ("ugentligt", "da", day(1 / 7)),
    ("2 gange om ugen", "da", day(2 / 7)),
]


@pytest.mark.parametrize(("text", "language", "expected"), FREQUENCY_SPELLINGS)
def test_frequency_normal_forms(text, language, expected):
    regimen = parse_regimen(text, language=language)
    assert regimen.frequency == expected
    start, end = regimen.span_of("frequency")
    assert text[start:end].strip() == text.strip()


@pytest.mark.parametrize(
    ("text", "language", "part", "expected"),
    [
        ("500 mg", "en", "amount", mg(500)),
        ("0.5 g", "en", "amount", mg(500)),
        ("0,5 g", "da", "amount", mg(500)),
        ("1.000 mg", "da", "amount", mg(1000)),
        ("1 g", "da", "amount", mg(1000)),
        ("250 mikrogram", "da", "amount", mg(0.25)),
        ("10 IE", "da", "amount", Quantity(10, None, "IE")),
        ("5 ml", "en", "amount", Quantity(5, None, "ml")),
        ("1 tbl.", "da", "count", units(1)),
        ("en tablet", "da", "count", units(1)),
        ("a tablet", "en", "count", units(1)),
        ("two capsules", "en", "count", units(2)),
        ("1-2 tabletter", "da", "count", units(1, 2)),
        ("2 pust", "da", "count", units(2)),
        ("i 5 dage", "da", "duration", days(5)),
        ("i fem dage", "da", "duration", days(5)),
        ("i 1 uge", "da", "duration", days(7)),
        ("i to uger", "da", "duration", days(14)),
        ("for 10 days", "en", "duration", days(10)),
        ("for a week", "en", "duration", days(7)),
        ("for 48 hours", "en", "duration", days(2)),
        ("x 7 dage", "da", "duration", days(7)),
        ("max 4 g dgl.", "da", "max_dose", mg(4000)),
        ("maks. 8 tbl. i døgnet", "da", "max_dose", units(8)),
        ("up to 3 g per day", "en", "max_dose", mg(3000)),
        ("p.o.", "en", "route", "oral"),
        ("po", "en", "route", "oral"),
        ("by mouth", "en", "route", "oral"),
        ("oralt", "da", "route", "oral"),
        ("i.v.", "da", "route", "intravenous"),
        ("intravenøst", "da", "route", "intravenous"),
        ("s.c.", "da", "route", "subcutaneous"),
        ("subcutaneously", "en", "route", "subcutaneous"),
        ("i.m.", "en", "route", "intramuscular"),
        ("rektalt", "da", "route", "rectal"),
        ("under tungen", "da", "route", "sublingual"),
        ("p.n.", "da", "as_needed", True),
        ("pn", "da", "as_needed", True),
        ("efter behov", "da", "as_needed", True),
        ("ved behov", "da", "as_needed", True),
        ("PRN", "en", "as_needed", True),
        ("p.r.n.", "en", "as_needed", True),
        ("as needed", "en", "as_needed", True),
        ("fast", "da", "fixed", True),
        ("regularly", "en", "fixed", True),
    ],
)
def test_part_normal_forms(text, language, part, expected):
    regimen = parse_regimen(text, language=language)
    assert getattr(regimen, part) == expected
    found = [name for name, _, _ in regimen.spans]
    assert found == [part]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("i morgen", "da"),  # tomorrow, not a morning dose
        ("i aften", "da"),
        ("for 3 dage siden", "da"),  # three days ago
        ("kontrol om 3 mdr.", "da"),  # follow-up, not a course length
        ("seen 2 weeks ago", "en"),
        ("in 2 weeks", "en"),
        ("på samme tid", "da"),  # Danish 'tid' is time, not t.i.d.
        ("et bid", "da"),
        ("fast føde", "da"),  # solid food
        ("fast", "en"),  # English 'fast' is not the Danish 'fixed'
        ("Patienten har det godt.", "da"),
        ("", "en"),
    ],
)
def test_words_that_are_not_regimen_parts(text, language):
    assert parse_regimen(text, language=language).is_empty


def test_equivalent_spellings_give_equal_regimens():
    variants = [
        ("500 mg TID", "en"),
        ("0.5 g t.i.d.", "en"),
        ("500 mg every 8 hours", "en"),
        ("500 mg q8h", "en"),
        ("500 mg x 3 dgl.", "da"),
        ("500 mg 3 gange dagligt", "da"),
        ("0,5 g tre gange om dagen", "da"),
        ("500 mg hver 8. time", "da"),
    ]
    parsed = [parse_regimen(t, language=lang) for t, lang in variants]
    assert all(p == parsed[0] for p in parsed)
    assert parsed[0] == Regimen(amount=mg(500), frequency=day(3))


def test_a_full_regimen():
    text = "Amoxicillin 500 mg p.o. x 3 dgl. i 7 dage"
    r = parse_regimen(text, language="da")
    assert r == Regimen(amount=mg(500), frequency=day(3), route="oral", duration=days(7))
    assert text[slice(*r.span_of("amount"))] == "500 mg"
    assert text[slice(*r.span_of("route"))] == "p.o."
    assert text[slice(*r.span_of("frequency"))] == "x 3 dgl."
    assert text[slice(*r.span_of("duration"))] == "7 dage"


def test_interval_is_kept_but_not_compared():
    q8 = parse_regimen("q8h", language="en")
    tid = parse_regimen("TID", language="en")
    assert q8.interval_hours == Quantity(8, None, "h")
    assert tid.interval_hours is None
    assert q8 == tid


def test_first_occurrence_of_a_part_wins():
    r = parse_regimen("1 g x 4 dgl., derefter 500 mg x 2 dgl.", language="da")
    assert r.amount == mg(1000) and r.frequency == day(4)


def test_tablets_and_strength_are_separate_parts():
    r = parse_regimen("Pamol 500 mg 2 x 4", language="da")
    assert (r.amount, r.count, r.frequency) == (mg(500), units(2), day(4))


# --- comparison --------------------------------------------------------------------


def _diff(final: str, draft: str, language: str) -> list[tuple[str, str, str, str]]:
    a = parse_regimen(final, language=language)
    b = parse_regimen(draft, language=language)
    return [(d.part, d.type, d.change, draft[d.start : d.end]) for d in compare(a, b)]


@pytest.mark.parametrize(
    ("final", "draft", "language", "expected"),
    [
        (
            "500 mg three times daily",
            "500 mg once daily",
            "en",
            [("frequency", "dose", "changed", "once daily")],
        ),
        (
            "1 tbl. 2 gange dagligt",
            "1 tbl. dagligt",
            "da",
            [("frequency", "dose", "changed", "dagligt")],
        ),
        ("1 g x 4 dgl.", "500 mg x 4 dgl.", "da", [("amount", "dose", "changed", "500 mg")]),
        ("for 2 days", "for 10 days", "en", [("duration", "number", "changed", "10 days")]),
        ("q6h", "q8h", "en", [("frequency", "dose", "changed", "q8h")]),
        (
            "1 g p.n.",
            "1 g fast",
            "da",
            [("as_needed", "dose", "removed", "1 g fast"), ("fixed", "dose", "added", "fast")],
        ),
        ("PRN", "", "en", [("as_needed", "dose", "removed", "")]),
        ("5 mg p.o.", "5 mg i.v.", "en", [("route", "dose", "changed", "i.v.")]),
        (
            "methotrexate 15 mg once weekly",
            "15 mg daily",
            "en",
            [("frequency", "dose", "changed", "daily")],
        ),
        ("500 mg TID", "0.5 g every 8 hours", "en", []),
        ("1 tbl. x 2 dgl.", "en tablet morgen og aften", "da", []),
    ],
)
def test_compare_types_and_locates_differences(final, draft, language, expected):
    assert _diff(final, draft, language) == expected


def test_a_removed_part_is_located_at_the_draft_regimen():
    final = "Ventoline 2 pust efter behov."
    draft = "Ventoline 2 pust 4 gange dagligt."
    (a,) = find_regimens(final, [(0, 9)], language="da")
    (b,) = find_regimens(draft, [(0, 9)], language="da")
    removed = [d for d in compare(a, b) if d.change == "removed"]
    assert [(d.part, draft[d.start : d.end]) for d in removed] == [
        ("as_needed", "2 pust 4 gange dagligt")
    ]


def test_a_full_stop_inside_a_dose_does_not_end_the_regimen():
    note = "Penicillin 1 mio. IE x 4 dgl. i 7 dage."
    (r,) = find_regimens(note, [(0, 10)], language="da")
    assert r.amount == Quantity(1_000_000, None, "IE") and r.frequency == day(4)
    assert r.duration == days(7)


def test_compare_records_reference_offsets():
    final, draft = "Pamol 1 g x 4 dgl.", "Pamol 1 g x 2 dgl."
    (d,) = compare(parse_regimen(final, language="da"), parse_regimen(draft, language="da"))
    assert final[d.reference_start : d.reference_end] == "x 4 dgl."
    assert (d.reference, d.draft) == (day(4), day(2))


def test_every_part_has_a_type():
    assert set(PART_TYPES) == set(PARTS)
    assert set(PART_TYPES.values()) == {"dose", "number"}


# --- round-trips ---------------------------------------------------------------------

_DA_WORDS = {1: "en", 2: "to", 3: "tre", 4: "fire"}
_EN_TIMES = {1: "once", 2: "twice", 3: "three times", 4: "four times"}
_LATIN = {1: ["q.d.", "QD"], 2: ["BID", "b.i.d."], 3: ["TID", "t.i.d."], 4: ["QID", "q.i.d."]}


def _amount_spellings(value: float, language: str) -> list[str]:
    mark = "," if language == "da" else "."
    out = [f"{value:g} mg".replace(".", mark), f"{value:g}mg".replace(".", mark)]
    if value >= 100:
        out.append(f"{value / 1000:g} g".replace(".", mark))
    return out


def _frequency_spellings(per_day: float, language: str) -> list[str]:
    if per_day == 0.5:
        return ["hver anden dag"] if language == "da" else ["every other day", "every second day"]
    if per_day == 1 / 7:
        return ["1 gang om ugen", "ugentligt"] if language == "da" else ["once weekly", "weekly"]
    n = int(per_day)
    hours = 24 // n
    if language == "da":
        return [
            f"x {n} dgl.",
            f"{n} x dgl.",
            f"{n} gange dagligt" if n > 1 else "1 gang dagligt",
            f"{_DA_WORDS[n]} {'gange' if n > 1 else 'gang'} om dagen",
            f"hver {hours}. time",
            f"hver {hours} timer",
        ]
    return [
        f"{n} times a day",
        f"{_EN_TIMES[n]} daily",
        f"every {hours} hours",
        f"q{hours}h",
        *_LATIN[n],
    ]


_ROUTE_SPELLINGS = {
    "da": {"oral": ["p.o.", "oralt"], "intravenous": ["i.v.", "intravenøst"]},
    "en": {"oral": ["p.o.", "orally", "by mouth"], "intravenous": ["i.v.", "IV"]},
}


def _duration_spellings(n_days: int, language: str) -> list[str]:
    if language == "da":
        out = [f"i {n_days} dage", f"i {n_days} døgn"]
        if n_days % 7 == 0:
            weeks = n_days // 7
            out.append(f"i {weeks} {'uge' if weeks == 1 else 'uger'}")
        return out
    out = [f"for {n_days} days"]
    if n_days % 7 == 0:
        weeks = n_days // 7
        out.append(f"for {weeks} {'week' if weeks == 1 else 'weeks'}")
    return out


@st.composite
def rendered_regimens(draw):
    language = draw(st.sampled_from(["da", "en"]))
    amount = draw(st.none() | st.sampled_from([2.5, 5, 10, 20, 40, 75, 250, 400, 500, 1000]))
    per_day = draw(st.none() | st.sampled_from([1, 2, 3, 4, 0.5, 1 / 7]))
    route = draw(st.none() | st.sampled_from(["oral", "intravenous"]))
    n_days = draw(st.none() | st.sampled_from([3, 5, 7, 10, 14, 21, 28]))
    schedule = draw(st.sampled_from([None, "as_needed", "fixed"]))
    expected = Regimen(
        amount=None if amount is None else mg(amount),
        frequency=None if per_day is None else day(per_day),
        route=route,
        duration=None if n_days is None else days(n_days),
        as_needed=schedule == "as_needed",
        fixed=schedule == "fixed",
    )
    head = [draw(st.sampled_from(_amount_spellings(amount, language)))] if amount else []
    tail = []
    if per_day is not None:
        tail.append(draw(st.sampled_from(_frequency_spellings(per_day, language))))
    if route is not None:
        tail.append(draw(st.sampled_from(_ROUTE_SPELLINGS[language][route])))
    if n_days is not None:
        tail.append(draw(st.sampled_from(_duration_spellings(n_days, language))))
    if schedule == "as_needed":
        words = ["p.n.", "efter behov", "ved behov"] if language == "da" else ["PRN", "as needed"]
        tail.append(draw(st.sampled_from(words)))
    elif schedule == "fixed":
        tail.append("fast" if language == "da" else "regularly")
    tail = draw(st.permutations(tail))
    separator = draw(st.sampled_from([" ", ", "]))
    drug = "Pamol" if language == "da" else "Paracetamol"
    return language, " ".join([drug, *head]) + " " + separator.join(tail), expected


@given(rendered_regimens())
def test_rendered_regimens_parse_back_equal(case):
    language, text, expected = case
    (parsed,) = find_regimens(text, [(0, text.index(" "))], language=language)
    assert parsed == expected


@given(rendered_regimens(), rendered_regimens())
def test_compare_is_empty_exactly_when_regimens_are_equal(a, b):
    ra = parse_regimen(a[1], language=a[0])
    rb = parse_regimen(b[1], language=b[0])
    assert (compare(ra, rb) == []) == (ra == rb)
    assert {d.part for d in compare(ra, rb)} == {d.part for d in compare(rb, ra)}


@given(st.text(max_size=80), st.sampled_from([None, "da", "en"]))
def test_any_text_parses_to_spans_inside_it(text, language):
    r = parse_regimen(text, language=language)
    for _, start, end in r.spans:
        assert 0 <= start < end <= len(text)


# --- windows near drug mentions -----------------------------------------------------


def test_find_regimens_splits_at_the_next_drug_and_sentence():
    note = "Pamol 1 g x 4 dgl. p.n., Ibumetin 400 mg x 3 i 5 dage. Kontrol om 3 mdr."
    pamol, ibumetin = find_regimens(note, [(0, 5), (25, 33)], language="da")
    assert pamol == Regimen(amount=mg(1000), frequency=day(4), as_needed=True)
    assert ibumetin == Regimen(amount=mg(400), frequency=day(3), duration=days(5))


def test_find_regimens_reads_an_amount_before_the_drug():
    note = "Started 500 mg amoxicillin three times daily for 7 days."
    (r,) = find_regimens(note, [(15, 26)], language="en")
    assert r == Regimen(amount=mg(500), frequency=day(3), duration=days(7))
    assert note[slice(*r.span_of("amount"))] == "500 mg"


def test_find_regimens_keeps_an_abbreviation_before_a_capital():
    note = "Pamol 1 tbl. Dagligt."
    (r,) = find_regimens(note, [(0, 5)], language="da")
    assert r.count == units(1) and r.frequency == day(1)


# --- bad input ------------------------------------------------------------------------


def test_bad_language_is_refused():
    with pytest.raises(ValueError, match="language must be 'da', 'en' or None"):
        parse_regimen("500 mg", language="sv")


def test_span_outside_text_is_refused():
    with pytest.raises(ValueError, match="outside the text of length 6"):
        parse_regimen("500 mg", start=2, end=20)


def test_non_text_is_refused():
    with pytest.raises(TypeError, match="text must be a str"):
        parse_regimen(None)  # type: ignore[arg-type]


def test_bad_drug_spans_are_refused():
    with pytest.raises(ValueError, match="outside the text"):
        find_regimens("Pamol 1 g", [(0, 50)], language="da")
    with pytest.raises(ValueError, match="in text order"):
        find_regimens("Pamol og Ibumetin", [(9, 17), (0, 5)], language="da")


def test_compare_refuses_other_objects():
    with pytest.raises(TypeError, match="must be a Regimen"):
        compare("500 mg", Regimen())  # type: ignore[arg-type]


def test_falling_range_is_refused():
    with pytest.raises(ValueError, match="must not fall"):
        Quantity(6, 4, "/day")
