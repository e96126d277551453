"""Tests of the demo's slot specs: drawn values, wrong values, spoken numbers."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.datasets.demo_model import (
    BloodPressure,
    Diagnosis,
    Dose,
    Drug,
    Negatable,
    Num,
    PainScore,
    Scale,
    Side,
    Spec,
    Term,
    note_number,
)
from evalkit.datasets.make_demo import COMMON_SLOTS, PROBLEMS, TEMPLATES
from evalkit.text.numbers import find_numbers, parse_number_words


def _all_specs() -> list[tuple[str, Spec]]:
    specs = [(f"{p.key}.{name}", spec) for p in PROBLEMS for name, spec in p.slots.items()]
    specs += [(f"common.{name}", spec) for name, spec in COMMON_SLOTS.items()]
    return specs


def _note_value(note: str) -> float:
    return float(note.replace(",", "."))


def _grid(spec: Num) -> list[float]:
    n_steps = int(round((spec.hi - spec.lo) / spec.step))
    return [spec._grid(spec.lo + spec.step * k) for k in range(n_steps + 1)]


def _child_weights() -> list[Num]:
    # make_demo draws a child's weight from its age: 2 kg per year plus 6 to 11.
    return [
        Num(2 * age + 6, 2 * age + 11, 1, "vægt", (5, 9), (3, 80))
        for problem in PROBLEMS
        if problem.child and "weight" in problem.slots
        for age in range(problem.ages[0], problem.ages[1] + 1)
    ]


# ---- every number the demo spells is parsed back by text/numbers -------------------------


def _spelled_numbers(*, decimals: int) -> list[tuple[str, float, str]]:
    """(concept, value, spoken) for every grid value of the templates' number slots."""
    nums = [spec for _, spec in _all_specs() if isinstance(spec, Num)] + _child_weights()
    out = []
    for spec in nums:
        if spec.decimals != decimals:
            continue
        for value in _grid(spec):
            drawn = Num(value, value, spec.step, spec.concept, spec.delta, spec.bounds,
                        spec.decimals).draw(random.Random(0))  # fmt: skip
            assert drawn.note == note_number(value, spec.decimals)
            out.append((spec.concept, value, drawn.spoken))
    return out


@pytest.mark.parametrize("decimals", [0, 1])
def test_every_spelled_number_of_the_templates_is_parsed_back(decimals):
    spelled = _spelled_numbers(decimals=decimals)
    assert len(spelled) > 100
    wrong = [
        (concept, value, spoken)
        for concept, value, spoken in spelled
        if parse_number_words(spoken, language="da") != pytest.approx(value)
    ]
    assert wrong == []


def test_the_templates_use_no_more_than_two_decimals():
    assert {spec.decimals for _, spec in _all_specs() if isinstance(spec, Num)} == {0, 1, 2}


# Two decimals are said as one number after "komma" ("nul komma otteogtredive",
# urate 0,38 mmol/l); text/numbers reads only single digits after "komma". The
# test fails once the parser learns it, to be turned into a plain test then.
@pytest.mark.xfail(strict=True, reason="parser: 'komma' followed by a two-digit number word")
def test_spelled_numbers_with_two_decimals_are_parsed_back():
    spelled = _spelled_numbers(decimals=2)
    assert spelled
    for _, value, spoken in spelled:
        assert parse_number_words(spoken, language="da") == pytest.approx(value)


def _spelled_pressures() -> list[tuple[int, int, str]]:
    pressures = {spec for _, spec in _all_specs() if isinstance(spec, BloodPressure)}
    assert pressures
    out = []
    for spec in pressures:
        for systolic in range(spec.systolic[0], spec.systolic[1] + 1):
            for diastolic in range(spec.diastolic[0], min(spec.diastolic[1], systolic - 30) + 1):
                rng = random.Random(0)
                value = BloodPressure((systolic, systolic), (diastolic, diastolic)).draw(rng)
                assert value.note == f"{systolic}/{diastolic}"
                out.append((systolic, diastolic, value.spoken))
    return out


def test_every_spelled_blood_pressure_is_parsed_back_number_by_number():
    for systolic, diastolic, spoken in _spelled_pressures():
        said_systolic, said_diastolic = spoken.split(" over ")
        assert parse_number_words(said_systolic, language="da") == systolic
        assert parse_number_words(said_diastolic, language="da") == diastolic


def test_spelled_blood_pressures_below_100_diastolic_are_read_as_pressures():
    for systolic, diastolic, spoken in _spelled_pressures():
        if diastolic >= 100:
            continue
        (mention,) = find_numbers(spoken, language="da")
        assert (mention.value, mention.value_high, mention.kind) == (
            systolic,
            diastolic,
            "blood_pressure",
        )


# "... over hundrede og to" is read as two numbers, not as one pressure: the
# parser pairs a systolic value only with a diastolic below 100.
@pytest.mark.xfail(strict=True, reason="parser: diastolic pressure of 100 or more in words")
def test_spelled_blood_pressures_with_diastolic_100_are_read_as_pressures():
    (mention,) = find_numbers("hundrede og otteogtredive over hundrede og to", language="da")
    assert (mention.value, mention.value_high) == (138, 102)


def test_every_spelled_pain_score_is_parsed_back():
    scores = {spec for _, spec in _all_specs() if isinstance(spec, PainScore)}
    assert scores
    for spec in scores:
        for k in range(spec.lo, spec.hi + 1):
            value = PainScore(k, k).draw(random.Random(0))
            (mention,) = find_numbers(value.spoken, language="da")
            assert (mention.value, mention.unit) == (k, "/10")
            assert value.note == f"{k}/10"


# ---- drawn and wrong values --------------------------------------------------------------


@given(st.integers(0, 2**32 - 1))
def test_wrong_numbers_differ_and_stay_in_bounds(seed):
    for name, spec in _all_specs():
        if not isinstance(spec, Num):
            continue
        value = spec.draw(random.Random(seed))
        truth = _note_value(value.note)
        assert spec.lo - 1e-9 <= truth <= spec.hi + 1e-9, name
        assert value.error_type == "number" and value.wrongs, name
        for wrong in value.wrongs:
            shifted = _note_value(wrong)
            assert shifted != truth
            assert spec.bounds[0] <= shifted <= spec.bounds[1], (name, wrong)
            assert spec.delta[0] - spec.step <= abs(shifted - truth) <= spec.delta[1] + spec.step


def test_num_by_hand():
    value = Num(38.5, 38.5, 0.1, "temperatur", (1.0, 1.0), (35.0, 42.0), decimals=1).draw(
        random.Random(1)
    )
    assert (value.note, value.spoken, value.alt_format) == (
        "38,5",
        "otteogtredive komma fem",
        "38.5",
    )
    assert set(value.wrongs) <= {"37,5", "39,5"} and value.wrongs
    assert value.spoken_digits == "38,5"


def test_blood_pressure_by_hand():
    value = BloodPressure((142, 142), (88, 88)).draw(random.Random(0))
    assert value.note == "142/88"
    assert value.spoken == "hundrede og toogfyrre over otteogfirs"
    assert value.spoken_digits == "142 over 88" and value.alt_format == "142/88 mmHg"
    assert len(value.wrongs) == 2
    for wrong in value.wrongs:
        systolic, diastolic = wrong.split("/")
        assert diastolic == "88" and abs(int(systolic) - 142) in (15, 22, 30)


def test_blood_pressure_keeps_a_pulse_pressure_of_thirty():
    for seed in range(200):
        systolic, diastolic = (
            BloodPressure((100, 110), (90, 100)).draw(random.Random(seed)).note.split("/")
        )
        assert int(systolic) - int(diastolic) >= 30


def test_pain_score_wrongs_are_three_to_four_points_off():
    value = PainScore(6, 6).draw(random.Random(0))
    assert value.wrongs == ("2/10", "3/10", "9/10", "10/10")
    assert value.spoken == "seks ud af ti"


@pytest.mark.parametrize("seed", range(5))
def test_side_wrong_is_the_other_side(seed):
    value = Side("øre").draw(random.Random(seed))
    assert {value.note, *value.wrongs} == {"højre", "venstre"}
    assert value.error_type == "laterality"


def test_negatable_flips_polarity():
    spec = Negatable("feber", "Ingen feber", "Feber", "Nej.", "Ja.", p_present=0.0)
    value = spec.draw(random.Random(0))
    assert (value.note, value.spoken, value.wrongs) == ("Ingen feber", "Nej.", ("Feber",))
    present = Negatable("feber", "Ingen feber", "Feber", "Nej.", "Ja.", p_present=1.0)
    assert present.draw(random.Random(0)).wrongs == ("Ingen feber",)


def test_scale_wrongs_are_the_other_levels():
    spec = Scale((("lette", "lidt"), ("moderate", "en del"), ("svære", "meget")), "smerter")
    for seed in range(10):
        value = spec.draw(random.Random(seed))
        assert value.note not in value.wrongs and len(value.wrongs) == 2


def test_drug_wrongs_exclude_the_drug_and_keep_order():
    value = Drug(("amlodipin",), ("amilorid", "amlodipin", "atenolol")).draw(random.Random(0))
    assert value.wrongs == ("amilorid", "atenolol")


def test_dose_follows_the_drug_drawn_before_it():
    naproxen = (("500 mg x 2 dgl.", "fem hundrede milligram to gange dagligt"),)
    spec = Dose((("400 mg x 3 dgl.", "fire hundrede"), ("200 mg", "to hundrede")), "dosis",
                n_true=1, by_drug={"naproxen": naproxen})  # fmt: skip
    drug = Drug(("naproxen",), ("ibuprofen",)).draw(random.Random(0))
    assert spec.draw(random.Random(0), {"drug": drug}).note == "500 mg x 2 dgl."
    other = spec.draw(random.Random(0), {})
    assert other.note == "400 mg x 3 dgl." and other.wrongs == ("200 mg",)


def test_term_and_diagnosis_concepts():
    term = Term((("penicillinallergi", "jeg tåler ikke penicillin", "allergi"),))
    assert term.draw(random.Random(0)).concept == "allergi"
    assert term.draw(random.Random(0)).error_type is None
    diagnosis = Diagnosis((("akut otitis media", "mellemørebetændelse"),), ("ekstern otitis",))
    value = diagnosis.draw(random.Random(0))
    assert (value.concept, value.wrongs) == ("akut otitis media", ("ekstern otitis",))


def test_templates_expose_the_same_problems():
    assert TEMPLATES.problems is PROBLEMS
