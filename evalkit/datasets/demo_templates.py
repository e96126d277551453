"""Read and check the templates of the synthetic Danish demo pilot.

The templates are TOML files in ``evalkit/datasets/templates_da/`` (shipped with
the package; their layout is described in the folder's ``README.md``):

``shared.toml``
    The order of the presenting problems, dose lists, slots and facts that
    several problems share, the slots drawn for every consultation, the adult
    history facts and the general examination.
``problems/<key>.toml``
    One presenting problem: reason, complaint, ages, slots and the facts of the
    four note sections.
``phrases.toml``
    Sentences and dialogue that belong to no problem: fillers, clinicians'
    additions, abbreviations, headings, greetings, closings, small talk.

:func:`load_templates` turns them into the objects of
:mod:`evalkit.datasets.demo_model` and checks them on the way: every key is
known and of the right type, every ``{slot}`` of a sentence or dialogue turn is
a slot of the problem, every ``shared`` name exists, and so on. A broken file
raises :class:`TemplateError` naming the file, the place in it and the fix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evalkit.datasets.demo_model import (
    BloodPressure,
    Diagnosis,
    Dose,
    Drug,
    Fact,
    Negatable,
    Num,
    PainScore,
    Problem,
    Scale,
    Side,
    Spec,
    Talk,
    Term,
)

__all__ = ["DemoTemplates", "TemplateError", "default_template_dir", "load_templates"]

CONSULTATION_TYPES = ("in-person", "video", "phone")
SPEAKERS = ("L", "P")
WHERE = ("any", "in-person", "remote")
SECTIONS = ("history", "exam", "assessment", "plan")
SLOT_KINDS = (
    "term",
    "number",
    "blood_pressure",
    "scale",
    "pain_score",
    "side",
    "negatable",
    "drug",
    "dose",
    "diagnosis",
)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_MISSING = object()


class TemplateError(ValueError):
    """A demo template file breaks a rule; the message says where and how to fix it."""


@dataclass(frozen=True)
class DemoTemplates:
    """Everything the demo generator draws from, as read from the template files.

    Attributes
    ----------
    problems : tuple of Problem
        The presenting problems, in the order of ``shared.toml``'s ``problems``.
    common_slots : mapping of str to Spec
        Slots drawn for every consultation, after the problem's own slots.
    adult_history : tuple of Fact
        History facts each added to some adult consultations.
    general_exam : Fact
        The general examination put first in some examinations.
    generic_fabrications : tuple of (sentence, concept)
        Findings the AI may invent in any consultation.
    ai_boilerplate, clinician_additions : tuple of str
        Filler the AI adds; non-clinical sentences clinicians add.
    abbreviations : tuple of (abbreviation, full form)
        Pairs a benign edit swaps.
    headings : mapping of str to 4-tuple of str
        Section headings by layout name.
    greetings, remote_exam : mapping of str to tuple of str
        The GP's first words and a remote consultation's first examination
        sentence, by consultation type.
    closings : Talk
        The last turns of every transcript.
    small_talk : tuple of Talk
        Exchanges near the start of some consultations.
    backchannels, hesitations : tuple of str
        The GP's short replies; openings of some patient turns.
    """

    problems: tuple[Problem, ...]
    common_slots: Mapping[str, Spec]
    adult_history: tuple[Fact, ...]
    general_exam: Fact
    generic_fabrications: tuple[tuple[str, str], ...]
    ai_boilerplate: tuple[str, ...]
    clinician_additions: tuple[str, ...]
    abbreviations: tuple[tuple[str, str], ...]
    headings: Mapping[str, tuple[str, str, str, str]]
    greetings: Mapping[str, tuple[str, ...]]
    remote_exam: Mapping[str, tuple[str, ...]]
    closings: Talk
    small_talk: tuple[Talk, ...]
    backchannels: tuple[str, ...]
    hesitations: tuple[str, ...]


def default_template_dir() -> Path:
    """The package folder that holds the shipped demo templates."""
    return Path(__file__).resolve().parent / "templates_da"


# --------------------------------------------------------------------------------------
# Typed access to one TOML table, with the place for error messages
# --------------------------------------------------------------------------------------


class _Table:
    """A TOML table being read: typed getters, and a check that no key is left over."""

    def __init__(self, data: object, file: str, path: str = "") -> None:
        self.file, self.path = file, path
        where = f"{file}, {path}" if path else file
        if not isinstance(data, dict):
            raise TemplateError(
                f"{where}: expected a table (key = value lines), found {_kind(data)}. "
                "Write it as a [table] or [[array of tables]] entry."
            )
        self.data: dict[str, Any] = data
        self.where = where
        self.used: set[str] = set()

    def at(self, key: str) -> str:
        """The place of ``key`` in this table, as a dotted TOML path."""
        return f"{self.file}, {self.path}.{key}" if self.path else f"{self.file}, {key}"

    def _child_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, default: object = _MISSING) -> Any:
        self.used.add(key)
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise TemplateError(
                f"{self.where}: key {key!r} is required but missing; found keys: "
                f"{', '.join(self.data) or 'none'}. Add {key} = ... to this table."
            )
        return default

    def text(self, key: str, default: object = _MISSING) -> Any:
        value = self.raw(key, default)
        return value if value is default else _text(value, self.at(key))

    def number(self, key: str, default: object = _MISSING) -> Any:
        value = self.raw(key, default)
        return value if value is default else _number(value, self.at(key))

    def integer(self, key: str, default: object = _MISSING) -> Any:
        value = self.raw(key, default)
        return value if value is default else _integer(value, self.at(key))

    def share(self, key: str, default: object = _MISSING) -> Any:
        value = self.number(key, default)
        if value is not default and not 0 <= value <= 1:
            raise TemplateError(
                f"{self.at(key)}: a probability must lie in [0, 1], found {value}. "
                "Write it as a share, e.g. 0.25."
            )
        return value

    def texts(self, key: str, default: object = _MISSING) -> Any:
        value = self.raw(key, default)
        return value if value is default else _texts(value, self.at(key))

    def rows(self, key: str, width: int | tuple[int, ...], default: object = _MISSING) -> Any:
        value = self.raw(key, default)
        return value if value is default else _rows(value, self.at(key), width)

    def span(self, key: str, default: object = _MISSING, *, whole: bool = False) -> Any:
        value = self.raw(key, default)
        return value if value is default else _span(value, self.at(key), whole=whole)

    def table(self, key: str) -> _Table:
        return _Table(self.raw(key), self.file, self._child_path(key))

    def tables(self, key: str) -> list[_Table]:
        value = self.raw(key, [])
        if not isinstance(value, list):
            raise TemplateError(
                f"{self.at(key)}: expected an array of tables, found {_kind(value)}. "
                f"Write each entry under its own [[{key}]] header."
            )
        path = self._child_path(key)
        return [_Table(item, self.file, f"{path}[{i}]") for i, item in enumerate(value)]

    def done(self) -> None:
        unknown = [key for key in self.data if key not in self.used]
        if unknown:
            raise TemplateError(
                f"{self.where}: unknown key {unknown[0]!r}; allowed here: "
                f"{', '.join(sorted(self.used))}. Check the spelling or remove it."
            )


def _kind(value: object) -> str:
    names = {dict: "a table", list: "an array", str: "a string", bool: "a boolean"}
    return names.get(type(value), f"a {type(value).__name__}") + f" ({value!r:.60})"


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(
            f"{where}: expected a non-empty string, found {_kind(value)}. Put the text in quotes."
        )
    return value


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TemplateError(
            f"{where}: expected a number, found {_kind(value)}. Write it without quotes."
        )
    return value


def _integer(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TemplateError(
            f"{where}: expected a whole number, found {_kind(value)}. Write it without "
            "quotes or decimals."
        )
    return value


def _texts(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise TemplateError(
            f"{where}: expected a non-empty array of strings, found {_kind(value)}. "
            'Write it as ["...", "..."].'
        )
    items = tuple(_text(item, f"{where}[{i}]") for i, item in enumerate(value))
    for i, item in enumerate(items):
        if item in items[:i]:
            raise TemplateError(
                f"{where}[{i}]: {item!r} repeats an earlier entry. Remove the repetition."
            )
    return items


def _rows(value: object, where: str, width: int | tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
    widths = (width,) if isinstance(width, int) else width
    shape = " or ".join(f"{n} strings" for n in widths)
    if not isinstance(value, list) or not value:
        raise TemplateError(
            f"{where}: expected a non-empty array of [{shape}], found {_kind(value)}."
        )
    rows = []
    for i, row in enumerate(value):
        if not isinstance(row, list) or len(row) not in widths:
            raise TemplateError(
                f"{where}[{i}]: expected [{shape}], found {_kind(row)}. "
                'Write it as ["note text", "spoken text"] (see the README of the templates).'
            )
        rows.append(tuple(_text(item, f"{where}[{i}][{j}]") for j, item in enumerate(row)))
    return tuple(rows)


def _span(value: object, where: str, *, whole: bool) -> tuple[Any, Any]:
    read = _integer if whole else _number
    if not isinstance(value, list) or len(value) != 2:
        raise TemplateError(
            f"{where}: expected [low, high], found {_kind(value)}. Write two numbers."
        )
    low, high = read(value[0], f"{where}[0]"), read(value[1], f"{where}[1]")
    if low > high:
        raise TemplateError(f"{where}: low {low} is above high {high}. Swap them.")
    return low, high


def _talk(value: object, where: str) -> Talk:
    if not isinstance(value, list):
        raise TemplateError(
            f"{where}: expected an array of [speaker, text] turns, found {_kind(value)}."
        )
    turns = []
    for i, turn in enumerate(value):
        if not isinstance(turn, list) or len(turn) != 2 or turn[0] not in SPEAKERS:
            raise TemplateError(
                f"{where}[{i}]: expected [speaker, text] with speaker 'L' (the GP) or 'P' "
                f"(the patient or parent), found {_kind(turn)}."
            )
        turns.append((turn[0], _text(turn[1], f"{where}[{i}][1]")))
    return tuple(turns)


# --------------------------------------------------------------------------------------
# Slots and facts
# --------------------------------------------------------------------------------------


def _number_spec(t: _Table) -> Num:
    kwargs: dict[str, Any] = {
        "lo": t.number("lo"),
        "hi": t.number("hi"),
        "step": t.number("step"),
        "concept": t.text("concept"),
        "delta": t.span("delta"),
    }
    if t.has("bounds"):
        kwargs["bounds"] = t.span("bounds")
    if t.has("decimals"):
        kwargs["decimals"] = t.integer("decimals")
    if kwargs["lo"] > kwargs["hi"] or kwargs["step"] <= 0:
        raise TemplateError(
            f"{t.where}: needs lo <= hi and step > 0, found lo={kwargs['lo']}, "
            f"hi={kwargs['hi']}, step={kwargs['step']}."
        )
    bounds = kwargs.get("bounds", (0, 10_000))
    if not bounds[0] <= kwargs["lo"] <= kwargs["hi"] <= bounds[1]:
        raise TemplateError(
            f"{t.at('bounds')}: [{kwargs['lo']}, {kwargs['hi']}] must lie within the bounds "
            f"{list(bounds)} that wrong values are kept in. Widen the bounds."
        )
    return Num(**kwargs)


def _dose_options(value: object, where: str, dose_lists: Mapping[str, Any]) -> Any:
    if isinstance(value, str):
        if value not in dose_lists:
            raise TemplateError(
                f"{where}: {value!r} is not a dose list of shared.toml; known: "
                f"{', '.join(dose_lists)}. Use one of them or write the list here."
            )
        return dose_lists[value]
    return _rows(value, where, 2)


def _dose_spec(t: _Table, dose_lists: Mapping[str, Any]) -> Dose:
    kwargs: dict[str, Any] = {
        "options": _dose_options(t.raw("options"), t.at("options"), dose_lists),
        "concept": t.text("concept"),
    }
    if t.has("n_true"):
        kwargs["n_true"] = t.integer("n_true")
        if kwargs["n_true"] < 1:
            raise TemplateError(
                f"{t.at('n_true')}: at least one dose must be drawable as the true dose, "
                f"found {kwargs['n_true']}. Use 1 or more."
            )
    if t.has("drug_slot"):
        kwargs["drug_slot"] = t.text("drug_slot")
    if t.has("by_drug"):
        by_drug = t.table("by_drug")
        kwargs["by_drug"] = {
            drug: _dose_options(by_drug.raw(drug), by_drug.at(drug), dose_lists)
            for drug in list(by_drug.data)
        }
    return Dose(**kwargs)


def _slot(t: _Table, dose_lists: Mapping[str, Any]) -> Spec:
    kind = t.raw("kind")
    spec: Spec
    if kind == "term":
        spec = Term(t.rows("options", (2, 3)))
    elif kind == "number":
        spec = _number_spec(t)
    elif kind == "blood_pressure":
        kwargs = {k: t.span(k, whole=True) for k in ("systolic", "diastolic") if t.has(k)}
        spec = BloodPressure(**kwargs)
    elif kind == "scale":
        spec = Scale(t.rows("levels", 2), t.text("concept"))
        if len(spec.levels) < 2:
            raise TemplateError(
                f"{t.at('levels')}: a scale needs at least two levels to get wrong. Add one."
            )
    elif kind == "pain_score":
        kwargs = {k: t.integer(k) for k in ("lo", "hi") if t.has(k)}
        spec = PainScore(**kwargs)
    elif kind == "side":
        spec = Side(t.text("concept"))
    elif kind == "negatable":
        texts = ("concept", "absent", "present", "said_absent", "said_present")
        spec = Negatable(*(t.text(k) for k in texts), **_optional_share(t, "p_present"))
    elif kind == "drug":
        spec = Drug(t.texts("options"), t.texts("confusions"))
    elif kind == "dose":
        spec = _dose_spec(t, dose_lists)
    elif kind == "diagnosis":
        spec = Diagnosis(t.rows("options", 2), t.texts("confusions"))
    else:
        raise TemplateError(
            f"{t.at('kind')}: unknown slot kind {kind!r}; known kinds: "
            f"{', '.join(SLOT_KINDS)}. Use one of them."
        )
    t.done()
    return spec


def _optional_share(t: _Table, key: str) -> dict[str, Any]:
    return {key: t.share(key)} if t.has(key) else {}


def _fact(t: _Table) -> Fact:
    note = t.texts("note")
    talk = _talk(t.raw("talk", []), t.at("talk"))
    omit = t.text("omit", None)
    where = t.raw("where", "any")
    if where not in WHERE:
        raise TemplateError(
            f"{t.at('where')}: found {where!r}; use one of {', '.join(WHERE)} "
            "('in-person' for a physical examination)."
        )
    slots = [set(_PLACEHOLDER.findall(phrasing)) for phrasing in note]
    if omit is not None and not all(omit in found for found in slots):
        raise TemplateError(
            f"{t.at('omit')}: the omitted slot {{{omit}}} must appear in every phrasing of "
            "'note'. Add it or change 'omit'."
        )
    t.done()
    return Fact(note, talk, omit, where)


def _placeholders(fact: Fact) -> Iterator[tuple[str, str]]:
    for i, phrasing in enumerate(fact.note):
        for slot in _PLACEHOLDER.findall(phrasing):
            yield f"note[{i}]", slot
    for i, (_, template) in enumerate(fact.talk):
        for slot in _PLACEHOLDER.findall(template):
            yield f"talk[{i}]", slot


def _check_placeholders(fact: Fact, where: str, known: Mapping[str, Spec]) -> None:
    for place, slot in _placeholders(fact):
        if slot not in known:
            raise TemplateError(
                f"{where}, {place}: placeholder {{{slot}}} is not a slot here; known slots: "
                f"{', '.join(known)}. Add a [[slots]] entry named {slot!r} or fix the name."
            )


# --------------------------------------------------------------------------------------
# The three kinds of file
# --------------------------------------------------------------------------------------


def _read_toml(root: Path, name: str) -> _Table:
    path = root / name
    where = f"{root.name}/{name}"
    if not path.is_file():
        raise TemplateError(
            f"{where}: file not found at {path}. Restore it from the repository or fix "
            "the folder passed to load_templates."
        )
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise TemplateError(f"{where}: not valid TOML ({err}). Fix the syntax there.") from err
    return _Table(data, where)


@dataclass(frozen=True)
class _Shared:
    dose_lists: Mapping[str, tuple[tuple[str, str], ...]]
    slots: Mapping[str, Spec]
    facts: Mapping[str, Fact]


def _named(t: _Table, key: str, build: Callable[[_Table], Any]) -> dict[str, Any]:
    """Build each entry of the table ``t[key]``, keeping the file's order."""
    table = t.table(key)
    return {
        name: build(_Table(table.raw(name), table.file, table._child_path(name)))
        for name in list(table.data)
    }


def _problem(t: _Table, shared: _Shared, common_slots: Mapping[str, Spec]) -> Problem:
    slots: dict[str, Spec] = {}
    for entry in t.tables("slots"):
        name = entry.text("name")
        where = f"{entry.where} ({name})"
        if name in slots or name in common_slots:
            raise TemplateError(
                f"{where}: slot name {name!r} is already used "
                f"{'in this problem' if name in slots else 'by a common slot of shared.toml'}. "
                "Rename one of them."
            )
        if entry.has("shared"):
            ref = entry.text("shared")
            if ref not in shared.slots:
                raise TemplateError(
                    f"{entry.at('shared')}: {ref!r} is not a slot of shared.toml; known: "
                    f"{', '.join(shared.slots)}. Fix the name or define the slot here."
                )
            entry.done()
            slots[name] = shared.slots[ref]
        else:
            slots[name] = _slot(entry, shared.dose_lists)
        spec = slots[name]
        if isinstance(spec, Dose) and spec.by_drug and spec.drug_slot not in slots:
            raise TemplateError(
                f"{where}: the dose depends on slot {spec.drug_slot!r}, which must be a slot "
                "listed before it. Move the drug slot up or set drug_slot."
            )
    known = {**slots, **common_slots}
    sections: dict[str, Any] = {}
    for section in SECTIONS:
        facts = []
        for entry in t.tables(section):
            if entry.has("shared"):
                ref = entry.text("shared")
                if ref not in shared.facts:
                    raise TemplateError(
                        f"{entry.at('shared')}: {ref!r} is not a fact of shared.toml; known: "
                        f"{', '.join(shared.facts)}. Fix the name or write the fact here."
                    )
                entry.done()
                fact = shared.facts[ref]
            else:
                fact = _fact(entry)
            _check_placeholders(fact, entry.where, known)
            facts.append(fact)
        sections[section] = tuple(facts)
    if not sections["history"] or not sections["assessment"]:
        raise TemplateError(
            f"{t.where}: a problem needs at least one [[history]] and one [[assessment]] "
            "fact. Add them."
        )
    kwargs: dict[str, Any] = {}
    if t.has("child"):
        child = t.raw("child")
        if not isinstance(child, bool):
            raise TemplateError(f"{t.at('child')}: expected true or false, found {_kind(child)}.")
        kwargs["child"] = child
    if t.has("remote_share"):
        kwargs["remote_share"] = t.share("remote_share")
    problem = Problem(
        key=t.text("key"),
        reason=t.text("reason"),
        complaint=t.text("complaint"),
        slots=slots,
        fabrications=tuple((a, b) for a, b in t.rows("fabrications", 2)),
        invented_diagnoses=t.texts("invented_diagnoses"),
        ages=t.span("ages", whole=True),
        **sections,
        **kwargs,
    )
    t.done()
    return problem


def load_templates(folder: str | Path | None = None) -> DemoTemplates:
    """Read and check the demo templates.

    Parameters
    ----------
    folder : str or Path, optional
        A folder laid out like the shipped ``evalkit/datasets/templates_da``
        (the default).

    Returns
    -------
    DemoTemplates
        The problems and phrases, ready for the generator.

    Raises
    ------
    TemplateError
        If a file is missing, is not valid TOML or breaks a rule of the
        templates' README; the message names the file, the place and the fix.

    Examples
    --------
    >>> templates = load_templates()
    >>> len(templates.problems), templates.problems[0].key
    (27, 'tonsillitis')
    """
    root = Path(folder) if folder is not None else default_template_dir()
    shared_file = _read_toml(root, "shared.toml")
    dose_table = shared_file.table("dose_lists")
    dose_lists = {name: dose_table.rows(name, 2) for name in list(dose_table.data)}
    slots = _named(shared_file, "slots", lambda t: _slot(t, dose_lists))
    common_slots = _named(shared_file, "common_slots", lambda t: _slot(t, dose_lists))
    facts = _named(shared_file, "facts", _fact)
    shared = _Shared(dose_lists, slots, facts)
    adult_history = tuple(_fact(t) for t in shared_file.tables("adult_history"))
    for i, fact in enumerate(adult_history):
        _check_placeholders(fact, f"{shared_file.file}, adult_history[{i}]", common_slots)
    general_exam = _fact(shared_file.table("general_exam"))
    _check_placeholders(general_exam, f"{shared_file.file}, general_exam", {})
    order = shared_file.texts("problems")
    shared_file.done()

    problem_dir = root / "problems"
    on_disk = sorted(p.stem for p in problem_dir.glob("*.toml"))
    unlisted = [key for key in on_disk if key not in order]
    if unlisted:
        raise TemplateError(
            f"{root.name}/problems/{unlisted[0]}.toml: the file is not listed in shared.toml's "
            "'problems'. Add its key there (or delete the file)."
        )
    problems = []
    for key in order:
        where = f"{root.name}/problems/{key}.toml"
        problem = _problem(_read_toml(root, f"problems/{key}.toml"), shared, common_slots)
        if problem.key != key:
            raise TemplateError(
                f"{where}, key: found {problem.key!r}, but the file is named {key!r}. "
                "Make the key and the file name agree."
            )
        problems.append(problem)

    phrases = _read_toml(root, "phrases.toml")
    templates = DemoTemplates(
        problems=tuple(problems),
        common_slots=common_slots,
        adult_history=adult_history,
        general_exam=general_exam,
        generic_fabrications=tuple((a, b) for a, b in phrases.rows("generic_fabrications", 2)),
        ai_boilerplate=phrases.texts("ai_boilerplate"),
        clinician_additions=phrases.texts("clinician_additions"),
        abbreviations=tuple((a, b) for a, b in phrases.rows("abbreviations", 2)),
        headings=_layouts(phrases.table("headings")),
        greetings=_by_type(phrases.table("greetings"), CONSULTATION_TYPES),
        remote_exam=_by_type(phrases.table("remote_exam"), CONSULTATION_TYPES[1:]),
        closings=_talk(phrases.raw("closings"), phrases.at("closings")),
        small_talk=_exchanges(phrases.raw("small_talk"), phrases.at("small_talk")),
        backchannels=phrases.texts("backchannels"),
        hesitations=phrases.texts("hesitations"),
    )
    phrases.done()
    return templates


def _layouts(t: _Table) -> dict[str, tuple[str, str, str, str]]:
    layouts = {}
    for name in list(t.data):
        value = t.texts(name)
        if len(value) != len(SECTIONS):
            raise TemplateError(
                f"{t.at(name)}: a layout needs exactly {len(SECTIONS)} headings "
                f"({', '.join(SECTIONS)}), found {len(value)}. Fix the list."
            )
        layouts[name] = (value[0], value[1], value[2], value[3])
    t.done()
    return layouts


def _by_type(t: _Table, types: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    found = {name: t.texts(name) for name in types}
    t.done()
    return found


def _exchanges(value: object, where: str) -> tuple[Talk, ...]:
    if not isinstance(value, list) or not value:
        raise TemplateError(
            f"{where}: expected a non-empty array of exchanges, each an array of "
            f"[speaker, text] turns, found {_kind(value)}."
        )
    return tuple(_talk(item, f"{where}[{i}]") for i, item in enumerate(value))
