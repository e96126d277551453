"""The building blocks of the synthetic demo pilot: slot values, facts, problems.

The templates themselves are data (``evalkit/datasets/demo_templates/``, read by
:mod:`evalkit.datasets.demo_templates`); this module defines what they turn into.
A :class:`Problem` has slots, each drawn by a :class:`Spec` into a
:class:`Value`, and facts (:class:`Fact`), each one note sentence in one or
more phrasings plus the dialogue that states it. Spoken numbers are spelled by
:func:`evalkit.text.numbers.danish_number_words`, the inverse of the parser the
metrics use.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from evalkit.text.numbers import danish_decimal_words, danish_number_words


def note_number(value: float, decimals: int) -> str:
    """Format a number as a Danish note does: decimal comma, no thousands separator.

    Examples
    --------
    >>> note_number(38.5, 1), note_number(7.0, 0)
    ('38,5', '7')
    """
    return f"{value:.{decimals}f}".replace(".", ",")


# --------------------------------------------------------------------------------------
# Slot values: what a note sentence says, how it is said, and how the AI can get it wrong
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A drawn slot value.

    ``note`` is the text in the note, ``spoken`` the text in the transcript,
    ``error_type`` the label type of a wrong value (``None``: never wrong),
    ``wrongs`` the erroneous note texts the AI may write instead,
    ``alt_format`` a benign reformatting (``38,5`` → ``38.5``),
    ``spoken_digits`` the spoken number as a speech recogniser that writes
    digits would transcribe it (``None``: always words).
    """

    note: str
    spoken: str
    concept: str
    error_type: str | None = None
    wrongs: tuple[str, ...] = ()
    alt_format: str | None = None
    spoken_digits: str | None = None


class Spec:
    """How to draw a value for one slot; ``drawn`` holds the slots drawn before it."""

    def draw(
        self, rng: random.Random, drawn: Mapping[str, Value] | None = None
    ) -> Value:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass(frozen=True)
class Term(Spec):
    """A medical term (history, allergy, chronic drug) that the draft may omit.

    Options are ``(note, spoken)`` or ``(note, spoken, concept)``; the concept
    defaults to the note text.
    """

    options: tuple[tuple[str, ...], ...]

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        note, spoken, *concept = rng.choice(self.options)
        return Value(note, spoken, concept=concept[0] if concept else note)


@dataclass(frozen=True)
class Num(Spec):
    """A measured or reported number: vital sign, lab value, duration, age.

    The value is drawn on a grid ``lo, lo+step, ..., hi``; a wrong value differs
    by ``delta`` (min, max) in either direction and stays inside ``bounds``.
    """

    lo: float
    hi: float
    step: float
    concept: str
    delta: tuple[float, float]
    bounds: tuple[float, float] = (0, 10_000)
    decimals: int = 0

    def _grid(self, value: float) -> float:
        return round(round(value / self.step) * self.step, self.decimals)

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        n_steps = int(round((self.hi - self.lo) / self.step))
        value = self._grid(self.lo + self.step * rng.randint(0, n_steps))
        wrongs = []
        for _ in range(3):
            for _attempt in range(20):
                shift = self._grid(rng.uniform(*self.delta)) * rng.choice((-1, 1))
                wrong = round(value + shift, self.decimals)
                if shift and self.bounds[0] <= wrong <= self.bounds[1]:
                    wrongs.append(note_number(wrong, self.decimals))
                    break
        note = note_number(value, self.decimals)
        spoken = danish_decimal_words(value, self.decimals)
        alt = note.replace(",", ".") if "," in note else None
        unique_wrongs = tuple(dict.fromkeys(wrongs))
        return Value(note, spoken, self.concept, "number", unique_wrongs, alt, spoken_digits=note)


@dataclass(frozen=True)
class BloodPressure(Spec):
    """Blood pressure ``sys/dia``; a wrong value shifts the systolic pressure."""

    systolic: tuple[int, int] = (112, 168)
    diastolic: tuple[int, int] = (68, 102)

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        sys_ = rng.randint(*self.systolic)
        dia = min(rng.randint(*self.diastolic), sys_ - 30)
        wrongs = tuple(f"{sys_ + s}/{dia}" for s in rng.sample((-30, -22, -15, 15, 22, 30), 2))
        spoken = f"{danish_number_words(sys_)} over {danish_number_words(dia)}"
        return Value(
            f"{sys_}/{dia}",
            spoken,
            "blodtryk",
            "number",
            wrongs,
            alt_format=f"{sys_}/{dia} mmHg",
            spoken_digits=f"{sys_} over {dia}",
        )


@dataclass(frozen=True)
class Scale(Spec):
    """An ordered scale of severities ``(note, spoken)``; a wrong value is another level."""

    levels: tuple[tuple[str, str], ...]
    concept: str

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        i = rng.randrange(len(self.levels))
        wrongs = tuple(self.levels[j][0] for j in range(len(self.levels)) if abs(j - i) >= 1)
        return Value(self.levels[i][0], self.levels[i][1], self.concept, "severity", wrongs)


@dataclass(frozen=True)
class PainScore(Spec):
    """Pain on the numeric rating scale, ``6/10``; a wrong value is 3-4 points off."""

    lo: int = 3
    hi: int = 9

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        k = rng.randint(self.lo, self.hi)
        wrongs = tuple(f"{j}/10" for j in range(1, 11) if 3 <= abs(j - k) <= 4)
        return Value(
            f"{k}/10",
            f"{danish_number_words(k)} ud af ti",
            "smerteintensitet",
            "severity",
            wrongs,
            spoken_digits=f"{k} ud af 10",
        )


@dataclass(frozen=True)
class Side(Spec):
    """Højre or venstre; the wrong value is the other side."""

    concept: str

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        side, other = rng.choice((("højre", "venstre"), ("venstre", "højre")))
        return Value(side, side, self.concept, "laterality", (other,))


@dataclass(frozen=True)
class Negatable(Spec):
    """A finding stated as absent or present.

    ``absent``/``present`` are the note texts, ``said_absent``/``said_present``
    the patient's or doctor's words; ``p_present`` is the chance it is present.
    The wrong value flips the polarity.
    """

    concept: str
    absent: str
    present: str
    said_absent: str
    said_present: str
    p_present: float = 0.2

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        if rng.random() < self.p_present:
            return Value(self.present, self.said_present, self.concept, "negation", (self.absent,))
        return Value(self.absent, self.said_absent, self.concept, "negation", (self.present,))


@dataclass(frozen=True)
class Drug(Spec):
    """A drug name; a wrong value is a look-alike or same-class drug."""

    options: tuple[str, ...]
    confusions: tuple[str, ...]

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        name = rng.choice(self.options)
        wrongs = tuple(d for d in self.confusions + self.options if d != name)
        return Value(name, name, name, "medication", tuple(dict.fromkeys(wrongs)))


@dataclass(frozen=True)
class Dose(Spec):
    """A dose and frequency ``(note, spoken)``; a wrong value is another dose of the list.

    Only the first ``n_true`` options are drawn as the true dose. ``by_drug``
    gives each drug of the slot ``drug_slot`` its own list instead.
    """

    options: tuple[tuple[str, str], ...]
    concept: str
    n_true: int = 2
    by_drug: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    drug_slot: str = "drug"

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        options = self.options
        if drawn and self.drug_slot in drawn:
            options = self.by_drug.get(drawn[self.drug_slot].note, options)
        i = rng.randrange(min(self.n_true, len(options)))
        note, spoken = options[i]
        wrongs = tuple(o[0] for j, o in enumerate(options) if j != i)
        return Value(note, spoken, self.concept, "dose", wrongs)


@dataclass(frozen=True)
class Diagnosis(Spec):
    """The working diagnosis ``(note, spoken)``; a wrong value is a different diagnosis."""

    options: tuple[tuple[str, str], ...]
    confusions: tuple[str, ...]

    def draw(self, rng: random.Random, drawn: Mapping[str, Value] | None = None) -> Value:
        note, spoken = rng.choice(self.options)
        return Value(note, spoken, note, "diagnosis", self.confusions)


# --------------------------------------------------------------------------------------
# Facts and presenting problems
# --------------------------------------------------------------------------------------

Talk = tuple[tuple[str, str], ...]
"""Dialogue turns ``(speaker, template)``; speaker ``L`` is the GP, ``P`` the patient
(or the parent when the patient is a child)."""


@dataclass(frozen=True)
class Fact:
    """One sentence of the note and the dialogue behind it.

    Attributes
    ----------
    note : tuple of str
        Alternative phrasings with ``{slot}`` placeholders; every phrasing uses
        the same slots. The AI and the clinician may pick different ones.
    talk : tuple of (speaker, template)
        Transcript turns stating the fact; slots render as spoken.
    omit : str or None
        A slot holding a medical term the draft may leave out (omission).
    where : str
        ``"any"``, ``"in-person"`` (physical examination) or ``"remote"``.
    """

    note: tuple[str, ...]
    talk: Talk = ()
    omit: str | None = None
    where: str = "any"


@dataclass(frozen=True)
class Problem:
    """A presenting problem as data: slots, facts per section, invented content.

    ``reason`` is the note's reason for contact, ``complaint`` the patient's
    opening words; ``fabrications`` are ``(sentence, concept)`` pairs the AI may
    invent; ``invented_diagnoses`` diagnoses it may add; ``ages`` the patient
    age range; ``child`` makes the parent speak.
    """

    key: str
    reason: str
    complaint: str
    slots: Mapping[str, Spec]
    history: tuple[Fact, ...]
    exam: tuple[Fact, ...]
    assessment: tuple[Fact, ...]
    plan: tuple[Fact, ...]
    fabrications: tuple[tuple[str, str], ...]
    invented_diagnoses: tuple[str, ...]
    ages: tuple[int, int] = (18, 80)
    child: bool = False
    remote_share: float = 0.4
