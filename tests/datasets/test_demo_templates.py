"""Tests of reading and checking the demo templates (evalkit/datasets/templates_da)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from evalkit.datasets.demo_model import Dose, Num
from evalkit.datasets.demo_templates import (
    TemplateError,
    default_template_dir,
    load_templates,
)

SHIPPED = default_template_dir()


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """A writable copy of the shipped templates, in a folder named like the original."""
    folder = tmp_path / "templates_da"
    shutil.copytree(SHIPPED, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _error(folder: Path) -> str:
    with pytest.raises(TemplateError) as caught:
        load_templates(folder)
    return str(caught.value)


# ---- the shipped templates ----------------------------------------------------------------


def test_shipped_templates_load():
    loaded = load_templates()
    assert len(loaded.problems) == 27
    assert [p.key for p in loaded.problems][:3] == ["tonsillitis", "cystitis", "bronkitis"]
    assert set(loaded.greetings) == {"in-person", "video", "phone"}
    assert set(loaded.remote_exam) == {"video", "phone"}
    assert loaded.headings["soap"] == ("S:", "O:", "A:", "P:")


def test_every_problem_file_is_listed_once():
    listed = [p.key for p in load_templates().problems]
    on_disk = sorted(p.stem for p in (SHIPPED / "problems").glob("*.toml"))
    assert sorted(listed) == on_disk
    assert len(set(listed)) == len(listed)


def test_a_copy_loads_the_same(templates):
    assert load_templates(templates) == load_templates()


def test_toml_number_types_are_kept():
    # step = 1 draws whole numbers, step = 0.1 decimals: the type of the file is kept.
    shared = {p.key: p for p in load_templates().problems}["tonsillitis"].slots
    pulse, temp = shared["puls"], shared["temp"]
    assert isinstance(pulse, Num) and isinstance(pulse.step, int)
    assert isinstance(temp, Num) and isinstance(temp.step, float) and temp.decimals == 1


def test_shared_dose_list_and_by_drug():
    problems = {p.key: p for p in load_templates().problems}
    dose = problems["tonsillitis"].slots["dose"]
    assert isinstance(dose, Dose) and dose.options[0][0] == "1 mio. IE x 4 dgl. i 10 dage"
    cystitis = problems["cystitis"].slots["dose"]
    assert isinstance(cystitis, Dose) and cystitis.n_true == 1
    assert cystitis.by_drug["sulfamethizol"][0][0] == "1 g x 2 dgl. i 3 dage"


def test_every_placeholder_names_a_slot():
    templates = load_templates()
    for problem in templates.problems:
        known = set(problem.slots) | set(templates.common_slots)
        for section in (problem.history, problem.exam, problem.assessment, problem.plan):
            for fact in section:
                texts = [*fact.note, *(text for _, text in fact.talk)]
                used = {slot for text in texts for slot in re.findall(r"\{(\w+)\}", text)}
                assert used <= known, (problem.key, used - known)


# ---- broken templates: what, where, fix ------------------------------------------------


def test_missing_file(templates):
    (templates / "phrases.toml").unlink()
    message = _error(templates)
    assert "templates_da/phrases.toml: file not found" in message
    assert "Restore it" in message


def test_invalid_toml(templates):
    _edit(templates / "problems" / "otitis.toml", 'key = "otitis"', 'key = "otitis')
    message = _error(templates)
    assert "templates_da/problems/otitis.toml: not valid TOML" in message
    assert "line" in message


def test_misspelt_key(templates):
    _edit(
        templates / "problems" / "cystitis.toml",
        'said_absent = "Nej, ikke',
        'said_absnt = "Nej, ikke',
    )
    message = _error(templates)
    assert "problems/cystitis.toml, slots[3]" in message
    assert "said_absent" in message and "required but missing" in message


def test_unknown_extra_key(templates):
    _edit(
        templates / "problems" / "cystitis.toml",
        "p_present = 0.1\n",
        'p_present = 0.1\ncolour = "red"\n',
    )
    message = _error(templates)
    assert "problems/cystitis.toml, slots[3]: unknown key 'colour'" in message
    assert "Check the spelling" in message


def test_unknown_slot_kind(templates):
    _edit(templates / "problems" / "cystitis.toml", 'kind = "negatable"', 'kind = "negated"')
    message = _error(templates)
    assert "slots[3].kind: unknown slot kind 'negated'" in message
    assert "negatable" in message


def test_placeholder_without_slot(templates):
    _edit(
        templates / "problems" / "cystitis.toml",
        'note = ["Temp {temp}.",',
        'note = ["Temp {tmep}.",',
    )
    message = _error(templates)
    assert "problems/cystitis.toml, exam[0], note[0]: placeholder {tmep} is not a slot" in message
    assert "temp" in message and "Add a [[slots]] entry" in message


def test_unknown_shared_slot(templates):
    _edit(templates / "problems" / "cystitis.toml", 'shared = "temp_normal"', 'shared = "temp_low"')
    message = _error(templates)
    assert "slots[2].shared: 'temp_low' is not a slot of shared.toml" in message
    assert "temp_normal" in message


def test_unknown_shared_fact(templates):
    _edit(templates / "problems" / "cystitis.toml", 'shared = "safety_net"', 'shared = "safetynet"')
    assert "plan[2].shared: 'safetynet' is not a fact of shared.toml" in _error(templates)


def test_unknown_dose_list(templates):
    _edit(
        templates / "problems" / "tonsillitis.toml",
        'options = "penicillin"',
        'options = "penicilin"',
    )
    message = _error(templates)
    assert "'penicilin' is not a dose list of shared.toml; known: penicillin, ibuprofen" in message


def test_unlisted_problem_file(templates):
    shutil.copy(templates / "problems" / "otitis.toml", templates / "problems" / "otitis2.toml")
    message = _error(templates)
    assert "problems/otitis2.toml: the file is not listed" in message


def test_listed_problem_without_file(templates):
    (templates / "problems" / "kol.toml").unlink()
    assert "templates_da/problems/kol.toml: file not found" in _error(templates)


def test_key_and_file_name_disagree(templates):
    _edit(templates / "problems" / "otitis.toml", 'key = "otitis"', 'key = "otitis_media"')
    message = _error(templates)
    assert "problems/otitis.toml, key: found 'otitis_media'" in message
    assert "Make the key and the file name agree" in message


def test_bad_speaker(templates):
    _edit(templates / "problems" / "cystitis.toml", '[["L", "Feber?"]', '[["Læge", "Feber?"]')
    message = _error(templates)
    assert "history[2].talk[0]" in message and "speaker 'L'" in message


def test_probability_out_of_range(templates):
    _edit(templates / "problems" / "cystitis.toml", "remote_share = 0.6", "remote_share = 60")
    message = _error(templates)
    assert (
        "problems/cystitis.toml, remote_share: a probability must lie in [0, 1], found 60"
        in message
    )


def test_number_written_as_text(templates):
    _edit(templates / "shared.toml", "lo = 38.0", 'lo = "38,0"')
    message = _error(templates)
    assert "shared.toml, slots.temp.lo: expected a number" in message
    assert "without quotes" in message


def test_range_upside_down(templates):
    _edit(templates / "problems" / "cystitis.toml", "ages = [18, 75]", "ages = [75, 18]")
    assert "cystitis.toml, ages: low 75 is above high 18. Swap them." in _error(templates)


def test_number_outside_its_bounds(templates):
    _edit(templates / "shared.toml", "bounds = [40, 160]", "bounds = [60, 160]")
    message = _error(templates)
    assert "slots.pulse.bounds" in message and "Widen the bounds" in message


def test_repeated_phrasing(templates):
    _edit(
        templates / "problems" / "cystitis.toml",
        'note = ["Temp {temp}.", "Temp. {temp}."]',
        'note = ["Temp {temp}.", "Temp {temp}."]',
    )
    assert "exam[0].note[1]: 'Temp {temp}.' repeats an earlier entry" in _error(templates)


def test_dose_before_its_drug(templates):
    path = templates / "problems" / "cystitis.toml"
    text = path.read_text(encoding="utf-8")
    drug = text[text.index('[[slots]]\nname = "drug"') : text.index('[[slots]]\nname = "dose"')]
    path.write_text(text.replace(drug, ""), encoding="utf-8")
    message = _error(templates)
    assert "(dose): the dose depends on slot 'drug'" in message
    assert "Move the drug slot up" in message


def test_omitted_slot_must_be_in_every_phrasing(templates):
    _edit(templates / "shared.toml", '"Oplyser {allergy}."', '"Oplyser allergi."')
    message = _error(templates)
    assert "shared.toml, facts.allergy.omit: the omitted slot {allergy}" in message


def test_bad_where(templates):
    _edit(
        templates / "shared.toml",
        'where = "in-person"\n\n[facts.vitals_sat]',
        'where = "clinic"\n\n[facts.vitals_sat]',
    )
    message = _error(templates)
    assert "facts.vitals.where: found 'clinic'" in message and "in-person" in message


def test_slot_name_clashes_with_a_common_slot(templates):
    _edit(templates / "problems" / "cystitis.toml", 'name = "flank"', 'name = "alcohol"')
    message = _error(templates)
    assert "slot name 'alcohol' is already used by a common slot" in message


def test_layout_needs_four_headings(templates):
    _edit(
        templates / "phrases.toml", 'soap = ["S:", "O:", "A:", "P:"]', 'soap = ["S:", "O:", "A:"]'
    )
    message = _error(templates)
    assert "phrases.toml, headings.soap: a layout needs exactly 4 headings" in message


def test_missing_consultation_type(templates):
    _edit(templates / "phrases.toml", "\n[remote_exam]\nvideo = ", "\n[remote_exam]\nvidio = ")
    message = _error(templates)
    assert "remote_exam" in message and "'video' is required but missing" in message


def test_scale_needs_two_levels(templates):
    path = templates / "shared.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[slots.duration_severity]")
    levels = text.index("levels", start)
    end = text.index("\n\n", levels)
    path.write_text(text[:levels] + 'levels = [["lette", "lidt"]]' + text[end:], encoding="utf-8")
    assert "slots.duration_severity.levels: a scale needs at least two levels" in _error(templates)


def test_template_error_is_a_value_error():
    assert issubclass(TemplateError, ValueError)
