"""Seeded generator of the bundled synthetic Danish general-practice pilot.

The generator writes two files:

``notes.csv``
    One row per consultation in the input contract of ``docs/data-format.md``:
    AI-assisted consultations with a transcript, the AI draft (``ai_note``) and
    the signed note (``final_note``), and control consultations documented
    without AI (``ai_assisted=False``, empty ``ai_note`` and transcript).
``labels.csv``
    Every error and omission injected into the AI drafts, with character
    offsets into the normalised note (NFC, ``\\n`` line endings).

Everything is synthetic: the people, clinics, dates and findings are drawn from
the templates in this module with :class:`random.Random`, so the same seed gives
byte-identical files. Run it with::

    python -m evalkit.datasets.make_demo [--out DIR] [--seed N]

How it works
------------
Each presenting problem (:class:`Problem`) is data: slots with their possible
values (drugs with doses, vital signs, sides, severities, negated findings) and
*facts*, each one note sentence (in one or more phrasings) plus the dialogue
that states it in the transcript. A consultation draws the slot values and
renders the true note once. The AI draft and the final note are then rendered
from the same sentences, each side with its own phrasing, its own slot text and
its own set of sentences, which is how errors (the draft shows another value),
fabrications (a sentence only in the draft), omissions (a sentence only in the
final note) and benign edits (another phrasing, an abbreviation, a reordering,
number formatting) are produced while keeping track of exact offsets.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from evalkit.datasets.demo import LABEL_COLUMNS, LABELS_FILE, NOTE_COLUMNS, NOTES_FILE

DEFAULT_SEED = 2026
"""Seed of the committed demo files."""

CRITICAL_TYPES = frozenset({"medication", "dose", "negation", "laterality", "diagnosis"})
"""Label types graded critical; number, severity, fabrication and omission are non-critical."""

# --------------------------------------------------------------------------------------
# Danish numbers as spoken
# --------------------------------------------------------------------------------------

_ONES = (
    "nul",
    "en",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "syv",
    "otte",
    "ni",
    "ti",
    "elleve",
    "tolv",
    "tretten",
    "fjorten",
    "femten",
    "seksten",
    "sytten",
    "atten",
    "nitten",
)
_TENS = {
    20: "tyve",
    30: "tredive",
    40: "fyrre",
    50: "halvtreds",
    60: "tres",
    70: "halvfjerds",
    80: "firs",
    90: "halvfems",
}


def number_words(n: int) -> str:
    """Spell a non-negative integer below one million the way it is said in Danish.

    Parameters
    ----------
    n : int
        The number, ``0 <= n < 1_000_000``.

    Returns
    -------
    str
        The number in words, units before tens ("otteogtredive").

    Examples
    --------
    >>> number_words(38), number_words(90), number_words(142)
    ('otteogtredive', 'halvfems', 'hundrede og toogfyrre')
    >>> number_words(2500)
    'to tusind fem hundrede'
    """
    if not 0 <= n < 1_000_000:
        raise ValueError(f"number_words handles 0 <= n < 1000000, got {n}")
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens * 10] if unit == 0 else f"{_ONES[unit]}og{_TENS[tens * 10]}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "hundrede" if hundreds == 1 else f"{_ONES[hundreds]} hundrede"
        return head if rest == 0 else f"{head} og {number_words(rest)}"
    thousands, rest = divmod(n, 1000)
    head = "tusind" if thousands == 1 else f"{number_words(thousands)} tusind"
    if rest == 0:
        return head
    return f"{head} og {number_words(rest)}" if rest < 100 else f"{head} {number_words(rest)}"


def decimal_words(value: float, decimals: int) -> str:
    """Say a decimal number in Danish ("otteogtredive komma fem").

    Examples
    --------
    >>> decimal_words(38.5, 1), decimal_words(7.0, 0), decimal_words(0.5, 1)
    ('otteogtredive komma fem', 'syv', 'nul komma fem')
    """
    text = f"{value:.{decimals}f}"
    whole, _, frac = text.partition(".")
    spoken = number_words(int(whole))
    if frac and int(frac):
        spoken += " komma " + number_words(int(frac.rstrip("0") or "0"))
    return spoken


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
        spoken = decimal_words(value, self.decimals)
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
        spoken = f"{number_words(sys_)} over {number_words(dia)}"
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
            f"{number_words(k)} ud af ti",
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


def fact(*note: str, talk: Talk = (), omit: str | None = None, where: str = "any") -> Fact:
    """Shorthand constructor for :class:`Fact`; repeated phrasings are dropped."""
    return Fact(tuple(dict.fromkeys(note)), talk, omit, where)


def exam(*note: str, talk: Talk = (), omit: str | None = None) -> Fact:
    """A physical-examination fact, only in in-person consultations."""
    return fact(*note, talk=talk, omit=omit, where="in-person")


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


# Slots shared by many problems.
TEMP = Num(38.0, 39.8, 0.1, "temperatur", (0.7, 1.4), (35.5, 41.5), decimals=1)
TEMP_NORMAL = Num(36.5, 37.4, 0.1, "temperatur", (1.2, 2.0), (35.5, 41.5), decimals=1)
PULSE = Num(58, 112, 1, "puls", (14, 30), (40, 160))
SAT = Num(93, 99, 1, "saturation", (3, 6), (80, 100))
DAYS = Num(2, 7, 1, "varighed", (2, 5), (2, 21))
WEEKS = Num(2, 8, 1, "varighed", (2, 4), (2, 20))
CRP = Num(5, 95, 1, "CRP", (25, 60), (1, 300))
BP = BloodPressure()
BP_HIGH = BloodPressure(systolic=(138, 172), diastolic=(84, 104))
PAIN = PainScore()
DURATION_SEVERITY = Scale(
    (("lette", "lidt"), ("moderate", "en del"), ("svære", "rigtig meget")), "smerter"
)

ALLERGY = Term(
    (
        ("penicillinallergi", "jeg tåler ikke penicillin"),
        ("allergi over for sulfonamider", "jeg er allergisk over for sulfa", "sulfonamidallergi"),
        ("NSAID-overfølsomhed", "jeg kan ikke tåle ibuprofen og den slags"),
    )
)
FEVER_NEG = Negatable(
    "feber", "Ingen feber", "Feber", "Nej, ingen feber.", "Ja, jeg har haft lidt feber."
)

VITALS = exam(
    "Temp {temp}, p {puls}.",
    "Temp. {temp}, puls {puls}.",
    talk=(("L", "Temperaturen er {temp}, og pulsen er {puls}."),),
)
VITALS_SAT = exam(
    "Temp {temp}, p {puls}, SAT {sat} %.",
    "Temp. {temp}, puls {puls}, saturation {sat} %.",
    talk=(
        ("L", "Du har {temp} i temperatur, pulsen er {puls}, og iltmætningen er {sat} procent."),
    ),
)
ALLERGY_FACT = fact(
    "Kendt med {allergy}.",
    "Oplyser {allergy}.",
    talk=(("L", "Er du allergisk over for noget medicin?"), ("P", "Ja, {allergy}.")),
    omit="allergy",
)
SAFETY_NET = fact(
    "Ctr. ved forværring eller manglende bedring.",
    "Genhenvender sig ved forværring eller manglende bedring.",
    talk=(
        ("L", "Hvis det bliver værre, eller det ikke går over, så ringer du igen."),
        ("P", "Det gør jeg."),
    ),
)

_PENICILLIN_DOSES = (
    ("1 mio. IE x 4 dgl. i 10 dage", "en million enheder fire gange dagligt i ti dage"),
    (
        "1,2 mio. IE x 4 dgl. i 7 dage",
        "en komma to millioner enheder fire gange om dagen i syv dage",
    ),
    ("2 mio. IE x 4 dgl. i 10 dage", "to millioner enheder fire gange dagligt i ti dage"),
    ("1 mio. IE x 2 dgl. i 10 dage", "en million enheder to gange dagligt i ti dage"),
)
_IBUPROFEN_DOSES = (
    ("400 mg x 3 dgl.", "fire hundrede milligram tre gange dagligt"),
    ("200 mg x 3 dgl.", "to hundrede milligram tre gange om dagen"),
    ("800 mg x 3 dgl.", "otte hundrede milligram tre gange dagligt"),
    ("400 mg x 6 dgl.", "fire hundrede milligram seks gange dagligt"),
)
ANALGESIC = Drug(("ibuprofen", "naproxen"), ("ibuprofen", "diclofenac", "tramadol"))
ANALGESIC_DOSE = Dose(
    _IBUPROFEN_DOSES,
    "NSAID-dosis",
    by_drug={
        "naproxen": (
            ("500 mg x 2 dgl.", "fem hundrede milligram to gange dagligt"),
            ("250 mg x 2 dgl.", "to hundrede og halvtreds milligram to gange om dagen"),
            ("500 mg x 4 dgl.", "fem hundrede milligram fire gange dagligt"),
            ("1000 mg x 2 dgl.", "tusind milligram to gange dagligt"),
        )
    },
)
PARACETAMOL_PLAN = fact(
    "Supplerende paracetamol 1 g x 4 dgl. ved behov.",
    "Tbl. paracetamol 1 g op til x 4 dgl. ved behov.",
    talk=(("L", "Du kan supplere med panodil, et gram op til fire gange om dagen."),),
)

COMMON_SLOTS: Mapping[str, Spec] = {
    "alcohol": Num(0, 14, 1, "alkoholforbrug", (6, 10), (0, 60)),
    "chronic": Term(
        (
            ("atorvastatin", "atorvastatin for kolesterollet"),
            ("levothyroxin", "levothyroxin for stofskiftet"),
            ("p-piller", "p-piller"),
            ("losartan", "losartan for blodtrykket"),
            ("pantoprazol", "pantoprazol for maven"),
        )
    ),
}
"""Slots of the history facts every adult consultation may include."""

ADULT_HISTORY: tuple[Fact, ...] = (
    fact(
        "Ryger ikke. Alkohol {alcohol} genstande/uge.",
        "Ikke-ryger, alkohol ca. {alcohol} genstande om ugen.",
        talk=(
            ("L", "Ryger du, og hvor meget drikker du om ugen?"),
            ("P", "Jeg ryger ikke. Måske {alcohol} genstande."),
        ),
    ),
    fact(
        "Fast medicin: {chronic}.",
        "Fast medicin omfatter {chronic}.",
        talk=(("L", "Tager du fast medicin?"), ("P", "Kun {chronic}.")),
        omit="chronic",
    ),
)
"""Social and medication history added to some adult consultations."""

GENERAL_EXAM = exam(
    "Alment upåvirket.",
    "AT: upåvirket.",
    talk=(("L", "Du virker ikke påvirket."),),
)

PROBLEMS: tuple[Problem, ...] = (
    Problem(
        key="tonsillitis",
        reason="ondt i halsen",
        complaint="Jeg har så ondt i halsen, og det gør ondt at synke.",
        slots={
            "days": DAYS,
            "temp": TEMP,
            "puls": PULSE,
            "allergy": ALLERGY,
            "fever": FEVER_NEG,
            "cough": Negatable(
                "hoste",
                "Ingen hoste",
                "Let hoste",
                "Nej, jeg hoster ikke.",
                "Jo, jeg hoster lidt.",
                0.25,
            ),
            "sev": Scale(
                (("lette", "lidt"), ("moderate", "ret meget"), ("svære", "helt vildt")),
                "synkesmerter",
            ),
            "drug": Drug(
                ("phenoxymethylpenicillin",), ("amoxicillin", "dicloxacillin", "clarithromycin")
            ),
            "dose": Dose(_PENICILLIN_DOSES, "penicillindosis"),
            "dx": Diagnosis(
                (
                    ("akut tonsillitis", "halsbetændelse"),
                    ("streptokok-tonsillitis", "streptokok-halsbetændelse"),
                ),
                ("peritonsillær absces", "mononukleose"),
            ),
        },
        history=(
            fact(
                "Halssmerter i {days} dage med {sev} synkesmerter.",
                "{days} dages ondt i halsen, {sev} synkesmerter.",
                talk=(
                    ("L", "Hvor længe har det stået på?"),
                    ("P", "Nu i {days} dage. Det gør {sev} ondt at synke."),
                ),
            ),
            fact("{fever}.", talk=(("L", "Har du haft feber?"), ("P", "{fever}"))),
            fact("{cough}.", talk=(("L", "Hoster du?"), ("P", "{cough}"))),
            ALLERGY_FACT,
        ),
        exam=(
            VITALS,
            exam(
                "Svælg: rødt med belægninger på tonsillerne. Ømme lymfeknuder på halsen.",
                "Rødt svælg, belægninger på begge tonsiller, ømme glandler på halsen.",
                talk=(
                    (
                        "L",
                        "Luk munden op og sig a. Ja, der er belægninger på "
                        "mandlerne, og kirtlerne er ømme.",
                    ),
                ),
            ),
            exam(
                "Strep A-test positiv.",
                "Positiv streptokok-test.",
                talk=(("L", "Streptokoktesten er positiv."),),
            ),
        ),
        assessment=(fact("{dx}.", talk=(("L", "Det er en {dx}."),)),),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Opstartes {drug} {dose}.",
                talk=(("L", "Jeg udskriver {drug}, {dose}."),),
            ),
            PARACETAMOL_PLAN,
            SAFETY_NET,
        ),
        fabrications=(
            ("Nakkestivhed", "nakkestivhed"),
            ("Petekkier på ganen", "petekkier"),
            ("Trismus", "trismus"),
            ("Hepatosplenomegali", "hepatosplenomegali"),
        ),
        invented_diagnoses=("mononukleose", "peritonsillær absces"),
        ages=(16, 55),
    ),
    Problem(
        key="cystitis",
        reason="svie ved vandladning",
        complaint="Det svier, når jeg tisser, og jeg skal hele tiden på toilettet.",
        slots={
            "days": DAYS,
            "allergy": ALLERGY,
            "temp": TEMP_NORMAL,
            "flank": Negatable(
                "flankesmerter",
                "Ingen flankesmerter",
                "Ømhed i flanken",
                "Nej, ikke ondt i ryggen.",
                "Jo, jeg har lidt ondt i siden af ryggen.",
                0.1,
            ),
            "fever": FEVER_NEG,
            "drug": Drug(
                ("pivmecillinam", "sulfamethizol"),
                ("nitrofurantoin", "trimethoprim", "ciprofloxacin"),
            ),
            "dose": Dose(
                (
                    (
                        "400 mg x 3 dgl. i 3 dage",
                        "fire hundrede milligram tre gange dagligt i tre dage",
                    ),
                    ("1 g x 2 dgl. i 3 dage", "et gram to gange dagligt i tre dage"),
                    (
                        "200 mg x 3 dgl. i 3 dage",
                        "to hundrede milligram tre gange dagligt i tre dage",
                    ),
                    (
                        "400 mg x 3 dgl. i 10 dage",
                        "fire hundrede milligram tre gange dagligt i ti dage",
                    ),
                ),
                "antibiotikadosis",
                n_true=1,
                by_drug={
                    "sulfamethizol": (
                        ("1 g x 2 dgl. i 3 dage", "et gram to gange dagligt i tre dage"),
                        ("1 g x 4 dgl. i 3 dage", "et gram fire gange dagligt i tre dage"),
                        (
                            "500 mg x 2 dgl. i 3 dage",
                            "fem hundrede milligram to gange dagligt i tre dage",
                        ),
                    )
                },
            ),
            "dx": Diagnosis(
                (("ukompliceret cystitis", "blærebetændelse"),), ("pyelonefritis", "urethritis")
            ),
        },
        history=(
            fact(
                "Dysuri og pollakisuri i {days} dage.",
                "{days} dage med svie ved vandladning og hyppig vandladning.",
                talk=(
                    ("L", "Hvor længe har det varet?"),
                    ("P", "Det begyndte for {days} dage siden."),
                ),
            ),
            fact("{flank}.", talk=(("L", "Har du ondt i ryggen eller i siden?"), ("P", "{flank}"))),
            fact("{fever}.", talk=(("L", "Feber?"), ("P", "{fever}"))),
            ALLERGY_FACT,
        ),
        exam=(
            exam("Temp {temp}.", "Temp. {temp}.", talk=(("L", "Temperaturen er {temp}."),)),
            exam(
                "Urinstix: leukocytter 2+, nitrit positiv, ingen blod.",
                "U-stix: leuk. 2+, nitrit pos., blod neg.",
                talk=(("L", "Urinprøven viser hvide blodlegemer og nitrit, men ikke blod."),),
            ),
            exam(
                "Ingen ømhed over nyrelogerne.",
                "Nyrelogerne uømme.",
                talk=(("L", "Gør det ondt, når jeg banker her? Nej, godt."),),
            ),
        ),
        assessment=(fact("{dx}.", talk=(("L", "Det er en {dx}."),)),),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Opstartes {drug} {dose}.",
                talk=(("L", "Du får {drug}, {dose}."),),
            ),
            fact(
                "Urin sendt til dyrkning.",
                "Urin til D+R.",
                talk=(("L", "Jeg sender urinen til dyrkning, så vi er sikre på bakterien."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Makroskopisk hæmaturi", "hæmaturi"),
            ("Udflåd fra skeden", "udflåd"),
            ("Suprapubisk udfyldning", "blæreretention"),
        ),
        invented_diagnoses=("pyelonefritis", "nyresten"),
        ages=(18, 75),
        remote_share=0.6,
    ),
    Problem(
        key="bronkitis",
        reason="hoste",
        complaint="Jeg har hostet i lang tid nu og kan ikke rigtig komme af med det.",
        slots={
            "days": Num(5, 21, 1, "varighed", (4, 8), (2, 60)),
            "temp": TEMP,
            "puls": PULSE,
            "sat": SAT,
            "sputum": Negatable(
                "ekspektoration",
                "Ingen ekspektoration",
                "Gulligt ekspektorat",
                "Nej, der kommer ikke noget op.",
                "Ja, der kommer noget gult slim op.",
                0.5,
            ),
            "dyspnoea": Negatable(
                "dyspnø",
                "Ingen åndenød",
                "Let åndenød ved anstrengelse",
                "Nej, jeg får fint luft.",
                "Lidt, når jeg går op ad trapper.",
                0.3,
            ),
            "crp": CRP,
            "dx": Diagnosis(
                (("akut bronkitis", "en bronkitis"), ("virusinfektion i luftvejene", "en virus")),
                ("pneumoni", "astma"),
            ),
        },
        history=(
            fact(
                "Hoste i {days} dage.",
                "{days} dages hoste.",
                talk=(("L", "Hvor længe har du hostet?"), ("P", "Det er vel {days} dage.")),
            ),
            fact(
                "{sputum}.", talk=(("L", "Kommer der noget op, når du hoster?"), ("P", "{sputum}"))
            ),
            fact(
                "{dyspnoea}.", talk=(("L", "Har du svært ved at få vejret?"), ("P", "{dyspnoea}"))
            ),
        ),
        exam=(
            VITALS_SAT,
            exam(
                "St.p.: vesikulær respiration bilat., ingen ral eller rhonchi.",
                "Lunger: normal respiration, ingen bilyde.",
                talk=(("L", "Jeg lytter lige på lungerne. Tag en dyb indånding. Det lyder fint."),),
            ),
            exam("CRP {crp}.", talk=(("L", "Din CRP er {crp}."),)),
        ),
        assessment=(
            fact(
                "{dx}.",
                "{dx}, ikke tegn på pneumoni.",
                talk=(("L", "Det lyder som {dx}, ikke lungebetændelse."),),
            ),
        ),
        plan=(
            fact(
                "Ingen antibiotika.",
                "Antibiotika ikke indiceret.",
                talk=(("L", "Antibiotika vil ikke hjælpe her."),),
            ),
            fact(
                "Rådgivet om hostesaft, væske og hvile.",
                "Råd om væske, hvile og evt. hostesaft.",
                talk=(("L", "Drik rigeligt, hvil dig, og du kan tage lidt hostesaft."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Krepitation basalt", "krepitation"),
            ("Hæmoptyse", "hæmoptyse"),
            ("Natlig sved og vægttab", "vægttab"),
        ),
        invented_diagnoses=("pneumoni", "KOL i exacerbation"),
    ),
    Problem(
        key="pneumoni",
        reason="hoste og feber",
        complaint="Jeg har haft høj feber og hoster meget, og det stikker, når jeg trækker vejret.",
        slots={
            "days": DAYS,
            "temp": TEMP,
            "puls": PULSE,
            "sat": SAT,
            "crp": Num(60, 180, 1, "CRP", (40, 80), (1, 400)),
            "side": Side("lungeside"),
            "allergy": ALLERGY,
            "pleura": Negatable(
                "pleurasmerter",
                "Ingen respirationsbetingede smerter",
                "Stikkende smerter ved dyb indånding",
                "Nej, det gør ikke ondt at trække vejret.",
                "Ja, det stikker, når jeg trækker vejret dybt.",
                0.6,
            ),
            "drug": Drug(
                ("phenoxymethylpenicillin", "amoxicillin"), ("clarithromycin", "dicloxacillin")
            ),
            "dose": Dose(
                _PENICILLIN_DOSES,
                "antibiotikadosis",
                by_drug={
                    "amoxicillin": (
                        (
                            "750 mg x 3 dgl. i 7 dage",
                            "syv hundrede og halvtreds milligram tre gange dagligt i syv dage",
                        ),
                        (
                            "500 mg x 3 dgl. i 7 dage",
                            "fem hundrede milligram tre gange dagligt i syv dage",
                        ),
                        (
                            "750 mg x 1 dgl. i 7 dage",
                            "syv hundrede og halvtreds milligram en gang dagligt i syv dage",
                        ),
                        (
                            "1500 mg x 3 dgl. i 7 dage",
                            "femten hundrede milligram tre gange dagligt i syv dage",
                        ),
                    )
                },
            ),
            "dx": Diagnosis((("pneumoni", "lungebetændelse"),), ("lungeemboli", "akut bronkitis")),
        },
        history=(
            fact(
                "Feber og hoste i {days} dage.",
                "{days} dage med feber og produktiv hoste.",
                talk=(("L", "Hvor længe har du været syg?"), ("P", "I {days} dage.")),
            ),
            fact(
                "{pleura}.", talk=(("L", "Gør det ondt, når du trækker vejret?"), ("P", "{pleura}"))
            ),
            ALLERGY_FACT,
        ),
        exam=(
            VITALS_SAT,
            exam(
                "St.p.: krepitation basalt på {side} side.",
                "Lunger: krepitationer {side} basalt.",
                talk=(("L", "Der er nogle knitrelyde nederst på {side} side."),),
            ),
            exam("CRP {crp}.", talk=(("L", "CRP er {crp}, så der er en betændelse."),)),
        ),
        assessment=(
            fact(
                "{dx} {side} side.",
                "{dx} på {side} side.",
                talk=(("L", "Det er en {dx} på {side} side."),),
            ),
        ),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Opstartes {drug} {dose}.",
                talk=(("L", "Du skal have {drug}, {dose}."),),
            ),
            fact(
                "Ctr. om 2 dage mhp. vurd. af effekt.",
                "Kontrol i klinikken om 2 dage.",
                talk=(("L", "Jeg vil gerne se dig igen om to dage."),),
            ),
        ),
        fabrications=(
            ("Hæmoptyse", "hæmoptyse"),
            ("Cyanose", "cyanose"),
            ("Konfusion", "konfusion"),
        ),
        invented_diagnoses=("lungeemboli", "sepsis"),
        ages=(30, 85),
        remote_share=0.15,
    ),
    Problem(
        key="hypertension",
        reason="kontrol af forhøjet blodtryk",
        complaint="Jeg skulle komme til blodtrykskontrol.",
        slots={
            "bp": BP_HIGH,
            "home": BP,
            "puls": Num(56, 92, 1, "puls", (12, 25), (40, 160)),
            "drug": Drug(
                ("amlodipin", "losartan", "ramipril"),
                ("amilorid", "lisinopril", "enalapril", "metoprolol"),
            ),
            "dose": Dose(
                (
                    ("5 mg x 1 dgl.", "fem milligram en gang dagligt"),
                    ("10 mg x 1 dgl.", "ti milligram en gang dagligt"),
                    ("2,5 mg x 1 dgl.", "to komma fem milligram en gang om dagen"),
                    ("5 mg x 2 dgl.", "fem milligram to gange om dagen"),
                ),
                "antihypertensiv dosis",
                by_drug={
                    "losartan": (
                        ("50 mg x 1 dgl.", "halvtreds milligram en gang dagligt"),
                        ("100 mg x 1 dgl.", "hundrede milligram en gang dagligt"),
                        ("25 mg x 1 dgl.", "femogtyve milligram en gang om dagen"),
                        ("50 mg x 2 dgl.", "halvtreds milligram to gange om dagen"),
                    )
                },
            ),
            "side_effects": Negatable(
                "bivirkninger",
                "Ingen bivirkninger",
                "Let ankelødem",
                "Nej, jeg har ikke mærket noget.",
                "Mine ankler hæver lidt om aftenen.",
                0.2,
            ),
            "smoke": Term(
                (
                    ("ryger 10 cigaretter dgl.", "jeg ryger stadig ti om dagen", "rygning"),
                    ("tidligere ryger", "jeg holdt op med at ryge for flere år siden", "rygning"),
                )
            ),
            "dx": Diagnosis(
                (("essentiel hypertension", "forhøjet blodtryk"),), ("hjertesvigt", "atrieflimren")
            ),
        },
        history=(
            fact(
                "Hjemme-BT gns. {home}.",
                "Hjemmemålinger gennemsnitligt {home}.",
                talk=(("L", "Hvad har du målt hjemme?"), ("P", "Det ligger sådan omkring {home}.")),
            ),
            fact(
                "Er i beh. med {drug} {dose}.",
                "Tager {drug} {dose}.",
                talk=(("L", "Du tager stadig {drug}?"), ("P", "Ja, {dose}.")),
            ),
            fact(
                "{side_effects}.",
                talk=(("L", "Har du haft nogen bivirkninger?"), ("P", "{side_effects}")),
            ),
            fact(
                "Pt. er {smoke}.",
                "Rygning: {smoke}.",
                talk=(("L", "Hvad med rygning?"), ("P", "{smoke}.")),
                omit="smoke",
            ),
        ),
        exam=(
            exam(
                "BT {bp}, p {puls} reg.",
                "BT {bp}, puls {puls}, regelmæssig.",
                talk=(("L", "Dit blodtryk er {bp} her, og pulsen er {puls} og regelmæssig."),),
            ),
        ),
        assessment=(
            fact(
                "{dx}, ikke tilfredsstillende reguleret.",
                "{dx}, endnu ikke i mål.",
                talk=(("L", "Dit blodtryk er stadig lidt for højt, det er {dx}."),),
            ),
        ),
        plan=(
            fact(
                "Fortsætter {drug} {dose}.",
                "{drug} {dose} uændret.",
                talk=(("L", "Vi fortsætter med {drug}, {dose}."),),
            ),
            fact(
                "Blodprøver: kreatinin, kalium, lipider.",
                "BP: krea, K, lipidprofil.",
                talk=(("L", "Jeg tager lige nogle blodprøver for nyretal, kalium og kolesterol."),),
            ),
            fact(
                "Ny ctr. om 3 mdr.",
                "Kontrol igen om 3 måneder.",
                talk=(("L", "Vi ses igen om tre måneder."),),
            ),
        ),
        fabrications=(
            ("Systolisk mislyd", "mislyd"),
            ("Tidligere apopleksi", "apopleksi"),
            ("Brystsmerter ved anstrengelse", "angina"),
        ),
        invented_diagnoses=("hjertesvigt", "atrieflimren"),
        ages=(45, 85),
        remote_share=0.35,
    ),
    Problem(
        key="diabetes",
        reason="årskontrol af type 2-diabetes",
        complaint="Jeg er her til min sukkersygekontrol.",
        slots={
            "hba1c": Num(44, 78, 1, "HbA1c", (8, 18), (20, 150)),
            "weight": Num(68, 128, 1, "vægt", (6, 15), (30, 250)),
            "bp": BP,
            "drug": Drug(("metformin",), ("metoprolol", "sitagliptin", "glimepirid")),
            "dose": Dose(
                (
                    ("1 g x 2 dgl.", "et gram to gange dagligt"),
                    ("500 mg x 2 dgl.", "fem hundrede milligram to gange om dagen"),
                    ("850 mg x 3 dgl.", "otte hundrede og halvtreds milligram tre gange dagligt"),
                    ("1 g x 3 dgl.", "et gram tre gange dagligt"),
                ),
                "metformindosis",
            ),
            "drug2": Drug(
                ("empagliflozin", "semaglutid"), ("dapagliflozin", "liraglutid", "insulin glargin")
            ),
            "feet": Negatable(
                "neuropati",
                "Ingen føleforstyrrelser i fødderne",
                "Nedsat følesans på fodsålerne",
                "De har det fint.",
                "Jeg har lidt prikken i fødderne.",
                0.25,
            ),
            "hypo": Negatable(
                "hypoglykæmi",
                "Ingen hypoglykæmier",
                "Enkelte lette hypoglykæmier",
                "Nej, aldrig.",
                "Et par gange har jeg rystet lidt og måttet spise noget.",
                0.15,
            ),
        },
        history=(
            fact(
                "I beh. med {drug} {dose} samt {drug2}.",
                "Tager {drug} {dose} og {drug2}.",
                talk=(
                    ("L", "Du tager {drug}, {dose}, og {drug2}, ikke?"),
                    ("P", "Jo, det passer."),
                ),
                omit="drug2",
            ),
            fact("{hypo}.", talk=(("L", "Har du haft lavt blodsukker?"), ("P", "{hypo}"))),
            fact("{feet}.", talk=(("L", "Hvordan har fødderne det?"), ("P", "{feet}"))),
        ),
        exam=(
            fact(
                "HbA1c {hba1c} mmol/mol.",
                "HbA1c: {hba1c} mmol/mol.",
                talk=(("L", "Dit langtidsblodsukker er {hba1c}."),),
            ),
            exam(
                "Vægt {weight} kg, BT {bp}.",
                "Vægt {weight} kg. BT {bp}.",
                talk=(("L", "Du vejer {weight} kilo, og blodtrykket er {bp}."),),
            ),
            exam(
                "Fødder: gode perifere pulse, ingen sår.",
                "Fodundersøgelse: pulse palp., ingen sår.",
                talk=(("L", "Jeg kan mærke pulsen i fødderne, og der er ingen sår."),),
            ),
        ),
        assessment=(
            fact(
                "Type 2-diabetes, acceptabelt reguleret.",
                "T2DM, rimeligt reguleret.",
                talk=(("L", "Dit sukker er nogenlunde velreguleret."),),
            ),
        ),
        plan=(
            fact(
                "Uændret medicin.",
                "Medicin fortsættes uændret.",
                talk=(("L", "Vi fortsætter med den samme medicin."),),
            ),
            fact(
                "Henvist til øjenlæge mhp. screening.",
                "Henv. til øjenscreening.",
                talk=(("L", "Jeg henviser dig til øjenlægen til tjek af øjnene."),),
            ),
            fact(
                "Ny ctr. om 6 mdr.",
                "Kontrol om 6 måneder.",
                talk=(("L", "Vi ses om et halvt år."),),
            ),
        ),
        fabrications=(
            ("Diabetisk fodsår", "fodsår"),
            ("Retinopati", "retinopati"),
            ("Mikroalbuminuri", "albuminuri"),
        ),
        invented_diagnoses=("diabetisk nefropati", "type 1-diabetes"),
        ages=(45, 85),
        remote_share=0.3,
    ),
    Problem(
        key="kol",
        reason="forværring af KOL",
        complaint="Jeg har fået mere åndenød og hoster mere end normalt.",
        slots={
            "days": DAYS,
            "sat": Num(88, 95, 1, "saturation", (3, 6), (70, 100)),
            "puls": PULSE,
            "temp": TEMP_NORMAL,
            "sputum": Negatable(
                "purulent ekspektorat",
                "Uændret ekspektorat",
                "Øget gult ekspektorat",
                "Slimet er som det plejer.",
                "Der kommer mere gult slim op.",
                0.6,
            ),
            "drug": Drug(("prednisolon",), ("prednison", "methylprednisolon")),
            "dose": Dose(
                (
                    (
                        "37,5 mg x 1 dgl. i 5 dage",
                        "syvogtredive komma fem milligram en gang dagligt i fem dage",
                    ),
                    ("25 mg x 1 dgl. i 5 dage", "femogtyve milligram om dagen i fem dage"),
                    (
                        "37,5 mg x 1 dgl. i 14 dage",
                        "syvogtredive komma fem milligram dagligt i fjorten dage",
                    ),
                    ("50 mg x 2 dgl. i 5 dage", "halvtreds milligram to gange dagligt i fem dage"),
                ),
                "prednisolondosis",
            ),
            "inhaler": Term((("tiotropium", "spiriva"), ("formoterol/aclidinium", "duaklir"))),
            "dx": Diagnosis(
                (("KOL i exacerbation", "en forværring af din KOL"),), ("pneumoni", "hjertesvigt")
            ),
        },
        history=(
            fact(
                "Tiltagende dyspnø og hoste i {days} dage.",
                "{days} dage med øget åndenød og hoste.",
                talk=(("L", "Hvor længe har det været værre?"), ("P", "I {days} dage.")),
            ),
            fact("{sputum}.", talk=(("L", "Hvordan er slimet?"), ("P", "{sputum}"))),
            fact(
                "Fast beh. med {inhaler} inh.",
                "Bruger {inhaler} inhalation fast.",
                talk=(("L", "Du tager din {inhaler} hver dag?"), ("P", "Ja, hver morgen.")),
                omit="inhaler",
            ),
        ),
        exam=(
            exam(
                "SAT {sat} %, p {puls}, temp {temp}.",
                "SAT {sat} %. Puls {puls}. Temp. {temp}.",
                talk=(
                    (
                        "L",
                        "Iltmætningen er {sat} procent, pulsen {puls}, og temperaturen er {temp}.",
                    ),
                ),
            ),
            exam(
                "St.p.: forlænget eksspirium, spredte rhonchi.",
                "Lunger: forlænget udånding og rhonchi bilat.",
                talk=(("L", "Der er lidt hvæsen, når du puster ud."),),
            ),
        ),
        assessment=(fact("{dx}.", talk=(("L", "Det er {dx}."),)),),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Opstartes {drug} {dose}.",
                talk=(("L", "Du får {drug}, {dose}."),),
            ),
            fact(
                "Salbutamol inh. ved behov.",
                "Ventoline ved behov.",
                talk=(("L", "Brug din ventoline, når du har brug for det."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Ødemer på underbenene", "ødem"),
            ("Brystsmerter", "brystsmerter"),
            ("Hæmoptyse", "hæmoptyse"),
        ),
        invented_diagnoses=("hjertesvigt", "lungekræft"),
        ages=(55, 88),
        remote_share=0.3,
    ),
    Problem(
        key="astma",
        reason="astma",
        complaint="Min astma driller, jeg bruger den blå inhalator meget.",
        slots={
            "weeks": WEEKS,
            "pef": Num(250, 480, 10, "PEF", (60, 120), (50, 900)),
            "sat": SAT,
            "times": Num(3, 10, 1, "anfaldsmedicin pr. uge", (3, 5), (0, 30)),
            "night": Negatable(
                "natlige symptomer",
                "Ingen natlige symptomer",
                "Vågner om natten med hoste",
                "Nej, jeg sover fint.",
                "Jeg vågner tit om natten og hoster.",
                0.4,
            ),
            "drug": Drug(
                ("budesonid/formoterol",), ("beclometason/formoterol", "salmeterol", "montelukast")
            ),
            "dose": Dose(
                (
                    ("160/4,5 µg 2 pust x 2 dgl.", "to pust morgen og aften"),
                    ("160/4,5 µg 1 pust x 2 dgl.", "et pust morgen og aften"),
                    ("320/9 µg 2 pust x 2 dgl.", "to pust af den stærke morgen og aften"),
                ),
                "inhalationsdosis",
            ),
        },
        history=(
            fact(
                "Forværring over {weeks} uger.",
                "Tiltagende symptomer i {weeks} uger.",
                talk=(
                    ("L", "Hvor længe har det været sådan?"),
                    ("P", "Et par uger, vel {weeks} uger."),
                ),
            ),
            fact(
                "Bruger salbutamol {times} gange om ugen.",
                "Anfaldsmedicin {times} gange ugentligt.",
                talk=(("L", "Hvor tit bruger du den blå?"), ("P", "Sådan {times} gange om ugen.")),
            ),
            fact("{night}.", talk=(("L", "Vågner du om natten?"), ("P", "{night}"))),
        ),
        exam=(
            exam(
                "PEF {pef} l/min, SAT {sat} %.",
                "Peak flow {pef} l/min. SAT {sat} %.",
                talk=(("L", "Dit peak flow er {pef}, og iltmætningen er {sat} procent."),),
            ),
            exam(
                "St.p.: spredt pibende respiration.",
                "Lunger: let hvæsende respiration.",
                talk=(("L", "Der piber lidt, når jeg lytter."),),
            ),
        ),
        assessment=(
            fact(
                "Astma, ikke velkontrolleret.",
                "Utilstrækkeligt kontrolleret astma.",
                talk=(("L", "Din astma er ikke godt nok kontrolleret."),),
            ),
        ),
        plan=(
            fact(
                "Opstartes {drug} {dose}.",
                "Rp. {drug} {dose}.",
                talk=(("L", "Du skal tage {drug}, {dose}."),),
            ),
            fact(
                "Instrueret i inhalationsteknik.",
                "Inh.-teknik gennemgået.",
                talk=(("L", "Lad os lige se, hvordan du tager den. Ja, sådan."),),
            ),
            fact("Ctr. om 4 uger.", "Kontrol om 4 uger.", talk=(("L", "Vi ses om fire uger."),)),
        ),
        fabrications=(
            ("Eksem i albuebøjningerne", "eksem"),
            ("Feber", "feber"),
            ("Nasal polypose", "næsepolypper"),
        ),
        invented_diagnoses=("KOL", "pneumoni"),
        ages=(15, 60),
        remote_share=0.35,
    ),
    Problem(
        key="laendesmerter",
        reason="lændesmerter",
        complaint="Jeg har fået helt vildt ondt i lænden.",
        slots={
            "days": DAYS,
            "pain": PAIN,
            "drug": ANALGESIC,
            "dose": ANALGESIC_DOSE,
            "radiation": Negatable(
                "udstråling",
                "Ingen udstråling til benene",
                "Udstråling til benet",
                "Nej, det sidder kun i ryggen.",
                "Ja, det stråler ned i det ene ben.",
                0.0,
            ),
            "bladder": Negatable(
                "blæreforstyrrelser",
                "Ingen blære- eller tarmforstyrrelser",
                "Besvær med at lade vandet",
                "Nej, det fungerer normalt.",
                "Jeg har lidt svært ved at tisse.",
                0.0,
            ),
            "lasegue": Negatable(
                "Lasègue",
                "Lasègue neg. bilat.",
                "Lasègue pos.",
                "Det gør ikke ondt, når jeg løfter benene.",
                "Det gør ondt, når jeg løfter benet.",
                0.0,
            ),
        },
        history=(
            fact(
                "Lændesmerter i {days} dage efter løft, NRS {pain}.",
                "{days} dage med lændesmerter efter tungt løft, NRS {pain}.",
                talk=(
                    ("L", "Hvornår startede det?"),
                    ("P", "For {days} dage siden, da jeg løftede noget tungt."),
                    ("L", "Hvor ondt gør det fra nul til ti?"),
                    ("P", "{pain}."),
                ),
            ),
            fact("{radiation}.", talk=(("L", "Stråler det ned i benene?"), ("P", "{radiation}"))),
            fact(
                "{bladder}.",
                talk=(("L", "Kan du tisse og have afføring som normalt?"), ("P", "{bladder}")),
            ),
        ),
        exam=(
            exam(
                "Ømhed paravertebralt i lænden.",
                "Paravertebral ømhed lumbalt.",
                talk=(("L", "Gør det ondt her langs ryggen? Ja."),),
            ),
            exam(
                "{lasegue}. Normal kraft og sensibilitet i UE.",
                "{lasegue}, normal neurologi i benene.",
                talk=(("L", "Løft benet. {lasegue} Kraft og følesans er normal."),),
            ),
        ),
        assessment=(
            fact(
                "Akutte uspecifikke lændesmerter.",
                "Lumbago uden tegn på nerverodspåvirkning.",
                talk=(
                    ("L", "Det er et hold i ryggen, der er ikke tegn på påvirkning af nerverne."),
                ),
            ),
        ),
        plan=(
            fact(
                "Rp. {drug} {dose} i 5 dage.",
                "Tbl. {drug} {dose} i 5 dage.",
                talk=(("L", "Du kan tage {drug}, {dose} i fem dage."),),
            ),
            fact(
                "Rådgivet om at holde sig i bevægelse.",
                "Råd om fortsat aktivitet.",
                talk=(("L", "Det vigtigste er, at du holder dig i gang."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Ridebukseanæstesi", "ridebukseanæstesi"),
            ("Nedsat kraft i foden", "parese"),
            ("Vægttab", "vægttab"),
        ),
        invented_diagnoses=("diskusprolaps", "cauda equina-syndrom"),
        ages=(22, 70),
        remote_share=0.3,
    ),
    Problem(
        key="depression",
        reason="nedtrykthed",
        complaint="Jeg har haft det rigtig dårligt i et stykke tid, jeg er bare så ked af det.",
        slots={
            "weeks": WEEKS,
            "mdi": Num(22, 38, 1, "MDI-score", (6, 12), (0, 50)),
            "sev": Scale(
                (("let", "lidt"), ("moderat", "en hel del"), ("svær", "helt vildt meget")),
                "depression",
            ),
            "suicide": Negatable(
                "selvmordstanker",
                "Ingen selvmordstanker",
                "Passive dødsønsker",
                "Nej, det har jeg ikke.",
                "Nogle gange tænker jeg, at det ville være lettere ikke at være her.",
                0.15,
            ),
            "drug": Drug(("sertralin", "escitalopram"), ("citalopram", "sertindol", "mirtazapin")),
            "dose": Dose(
                (
                    ("50 mg x 1 dgl.", "halvtreds milligram en gang om dagen"),
                    ("10 mg x 1 dgl.", "ti milligram om dagen"),
                    ("100 mg x 1 dgl.", "hundrede milligram dagligt"),
                    ("20 mg x 2 dgl.", "tyve milligram to gange dagligt"),
                ),
                "antidepressiv dosis",
                n_true=1,
                by_drug={
                    "escitalopram": (
                        ("10 mg x 1 dgl.", "ti milligram om dagen"),
                        ("5 mg x 1 dgl.", "fem milligram om dagen"),
                        ("20 mg x 2 dgl.", "tyve milligram to gange dagligt"),
                        ("50 mg x 1 dgl.", "halvtreds milligram en gang dagligt"),
                    )
                },
            ),
        },
        history=(
            fact(
                "Nedtrykthed og nedsat lyst i {weeks} uger.",
                "{weeks} ugers tristhed og manglende glæde.",
                talk=(
                    ("L", "Hvor længe har du haft det sådan?"),
                    ("P", "I {weeks} uger eller sådan."),
                ),
            ),
            fact(
                "Dårlig søvn og koncentration.",
                "Søvnbesvær og nedsat koncentration.",
                talk=(("P", "Jeg sover dårligt og kan ikke koncentrere mig."),),
            ),
            fact(
                "{suicide}.",
                talk=(("L", "Har du haft tanker om at tage dit eget liv?"), ("P", "{suicide}")),
            ),
        ),
        exam=(
            fact(
                "MDI {mdi}.",
                "MDI-score {mdi}.",
                talk=(("L", "Dit spørgeskema giver {mdi} point."),),
            ),
            exam(
                "Afdæmpet, god kontakt, ikke psykotisk.",
                "Forsænket stemningsleje, god kontakt, ingen psykotiske træk.",
                talk=(),
            ),
        ),
        assessment=(
            fact(
                "{sev} depression.",
                "{sev} depressiv episode.",
                talk=(("L", "Det ligner en {sev} depression."),),
            ),
        ),
        plan=(
            fact(
                "Opstartes {drug} {dose}.",
                "Rp. {drug} {dose}.",
                talk=(("L", "Vi starter {drug}, {dose}."),),
            ),
            fact(
                "Henvist til psykolog.",
                "Henv. til psykolog via sygesikringen.",
                talk=(("L", "Og så henviser jeg dig til psykolog."),),
            ),
            fact(
                "Ctr. om 2 uger.", "Opfølgning om 2 uger.", talk=(("L", "Vi ses igen om to uger."),)
            ),
        ),
        fabrications=(
            ("Hallucinationer", "hallucinationer"),
            ("Alkoholoverforbrug", "alkoholmisbrug"),
            ("Tidligere selvmordsforsøg", "selvmordsforsøg"),
        ),
        invented_diagnoses=("bipolar lidelse", "skizofreni"),
        ages=(18, 70),
        remote_share=0.5,
    ),
    Problem(
        key="angst",
        reason="angst og uro",
        complaint="Jeg har fået de her anfald, hvor hjertet hamrer, og jeg tror, jeg skal dø.",
        slots={
            "weeks": WEEKS,
            "times": Num(2, 6, 1, "anfald pr. uge", (2, 4), (0, 30)),
            "bp": BP,
            "puls": PULSE,
            "chest": Negatable(
                "brystsmerter",
                "Ingen brystsmerter",
                "Trykken i brystet under anfaldene",
                "Nej, ikke ondt i brystet.",
                "Det trykker lidt i brystet, når det sker.",
                0.3,
            ),
            "drug": Drug(("sertralin", "escitalopram"), ("citalopram", "diazepam", "oxazepam")),
            "dose": Dose(
                (
                    ("50 mg x 1 dgl.", "halvtreds milligram en gang om dagen"),
                    ("25 mg x 1 dgl.", "femogtyve milligram dagligt"),
                    ("100 mg x 2 dgl.", "hundrede milligram to gange dagligt"),
                ),
                "dosis",
                by_drug={
                    "escitalopram": (
                        ("5 mg x 1 dgl.", "fem milligram om dagen"),
                        ("10 mg x 1 dgl.", "ti milligram dagligt"),
                        ("20 mg x 2 dgl.", "tyve milligram to gange dagligt"),
                    )
                },
            ),
        },
        history=(
            fact(
                "Anfald af hjertebanken og angst {times} gange ugentligt i {weeks} uger.",
                "{weeks} uger med angstanfald ca. {times} gange om ugen.",
                talk=(
                    ("L", "Hvor tit sker det?"),
                    ("P", "Måske {times} gange om ugen, og det har stået på i {weeks} uger."),
                ),
            ),
            fact("{chest}.", talk=(("L", "Har du ondt i brystet?"), ("P", "{chest}"))),
        ),
        exam=(
            exam(
                "BT {bp}, p {puls}. Cor: regelmæssig aktion, ingen mislyd.",
                "BT {bp}. Puls {puls}. Hjerte u.a.",
                talk=(("L", "Blodtrykket er {bp}, pulsen {puls}, og hjertet lyder normalt."),),
            ),
        ),
        assessment=(
            fact("Panikangst.", "Panikangst.", talk=(("L", "Det lyder som panikangst."),)),
        ),
        plan=(
            fact(
                "Opstartes {drug} {dose}.",
                "Rp. {drug} {dose}.",
                talk=(("L", "Vi kan prøve med {drug}, {dose}."),),
            ),
            fact(
                "Henvist til psykolog.",
                "Henv. psykolog.",
                talk=(("L", "Jeg henviser dig til en psykolog."),),
            ),
            fact("Ctr. om 3 uger.", "Opfølgning om 3 uger.", talk=(("L", "Vi ses om tre uger."),)),
        ),
        fabrications=(("Synkope", "synkope"), ("Tidligere blodprop i hjertet", "myokardieinfarkt")),
        invented_diagnoses=("atrieflimren", "hyperthyreose"),
        ages=(18, 60),
        remote_share=0.5,
    ),
    Problem(
        key="otitis",
        reason="ørepine",
        complaint="Han har haft ondt i øret i nat og har grædt meget.",
        slots={
            "days": Num(2, 3, 1, "varighed", (2, 3), (2, 14)),
            "temp": TEMP,
            "side": Side("øre"),
            "weight": Num(12, 24, 1, "vægt", (5, 10), (3, 80)),
            "drug": Drug(("phenoxymethylpenicillin",), ("amoxicillin", "dicloxacillin")),
            "dose": Dose(
                (
                    (
                        "mikstur 25 mg/kg x 3 dgl. i 5 dage",
                        "femogtyve milligram per kilo tre gange dagligt i fem dage",
                    ),
                    (
                        "mikstur 25 mg/kg x 4 dgl. i 5 dage",
                        "femogtyve milligram per kilo fire gange om dagen i fem dage",
                    ),
                    (
                        "mikstur 50 mg/kg x 3 dgl. i 5 dage",
                        "halvtreds milligram per kilo tre gange dagligt i fem dage",
                    ),
                ),
                "penicillindosis",
            ),
            "discharge": Negatable(
                "ørenflåd",
                "Intet flåd fra øret",
                "Flåd fra øret",
                "Nej, der er ikke løbet noget ud.",
                "Der er løbet noget ud af øret.",
                0.15,
            ),
        },
        history=(
            fact(
                "Ørepine {side} side i {days} døgn.",
                "{days} døgn med smerter i {side} øre.",
                talk=(
                    ("L", "Hvilket øre er det?"),
                    ("P", "Det {side}. Det startede for {days} døgn siden."),
                ),
            ),
            fact(
                "Feber til {temp}.",
                "Febril til {temp}.",
                talk=(("P", "Han havde {temp} i feber i nat."),),
            ),
            fact(
                "{discharge}.", talk=(("L", "Er der løbet noget ud af øret?"), ("P", "{discharge}"))
            ),
        ),
        exam=(
            exam(
                "Otoskopi: {side} trommehinde rød og bombérende.",
                "{side} trommehinde injiceret og buler frem.",
                talk=(("L", "Jeg kigger lige i ørerne. Den {side} trommehinde er rød og buler."),),
            ),
            exam("Vægt {weight} kg.", talk=(("L", "Han vejer {weight} kilo."),)),
        ),
        assessment=(
            fact(
                "Akut mellemørebetændelse {side} side.",
                "Otitis media acuta {side} side.",
                talk=(("L", "Det er en mellemørebetændelse i det {side} øre."),),
            ),
        ),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Opstartes {drug} {dose}.",
                talk=(("L", "Han skal have {drug}, {dose}."),),
            ),
            fact(
                "Paracetamol efter vægt ved behov.",
                "Smertestillende efter vægt ved behov.",
                talk=(("L", "Giv ham panodil efter vægt, hvis han har ondt."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Perforeret trommehinde", "trommehindeperforation"),
            ("Hævelse bag øret", "mastoiditis"),
            ("Nakkestivhed", "nakkestivhed"),
        ),
        invented_diagnoses=("mastoiditis", "meningitis"),
        ages=(1, 8),
        child=True,
        remote_share=0.1,
    ),
    Problem(
        key="eksem",
        reason="kløende udslæt",
        complaint="Jeg har fået det her røde, kløende udslæt, som ikke vil gå væk.",
        slots={
            "weeks": WEEKS,
            "side": Side("arm"),
            "sev": Scale(
                (("let", "lidt"), ("moderat", "en del"), ("svært", "rigtig slemt")), "eksem"
            ),
            "drug": Drug(
                ("hydrokortison", "mometason"), ("betamethason", "clobetasol", "fusidinsyre")
            ),
            "dose": Dose(
                (
                    ("creme x 1 dgl. i 2 uger", "en gang dagligt i to uger"),
                    ("creme x 2 dgl. i 1 uge", "to gange dagligt i en uge"),
                    ("creme x 3 dgl. i 4 uger", "tre gange dagligt i fire uger"),
                ),
                "cremedosering",
            ),
            "itch": Negatable(
                "kløe",
                "Ingen kløe",
                "Udtalt kløe",
                "Det klør faktisk ikke.",
                "Det klør helt vildt.",
                0.85,
            ),
        },
        history=(
            fact(
                "Udslæt på {side} underarm i {weeks} uger.",
                "{weeks} uger med udslæt på {side} underarm.",
                talk=(
                    ("L", "Hvor sidder det?"),
                    ("P", "På min {side} underarm, i {weeks} uger nu."),
                ),
            ),
            fact("{itch}.", talk=(("L", "Klør det?"), ("P", "{itch}"))),
            fact(
                "Atopisk disposition.",
                "Kendt atopi i familien.",
                talk=(("P", "Min mor har også haft eksem og astma."),),
            ),
        ),
        exam=(
            exam(
                "Hud: {sev} eksem med rødme og skæl på {side} underarm, ingen væsken.",
                "{sev} eksematøst udslæt {side} underarm, tør skællende hud, ikke væskende.",
                talk=(
                    (
                        "L",
                        "Det er rødt og skællende på den {side} arm, men "
                        "det væsker ikke. Det er {sev}.",
                    ),
                ),
            ),
        ),
        assessment=(
            fact(
                "Atopisk eksem.",
                "Atopisk dermatitis.",
                talk=(("L", "Det er børneeksem, atopisk eksem."),),
            ),
        ),
        plan=(
            fact("Rp. {drug} {dose}.", "{drug} {dose}.", talk=(("L", "Du får {drug}, {dose}."),)),
            fact(
                "Fugtighedscreme dagligt.",
                "Rådgivet om fed fugtighedscreme.",
                talk=(("L", "Og så skal du smøre med fed fugtighedscreme hver dag."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Væskende læsioner", "væskende eksem"),
            ("Honninggule skorper", "impetiginisering"),
            ("Feber", "feber"),
        ),
        invented_diagnoses=("psoriasis", "impetigo"),
        ages=(15, 60),
        remote_share=0.35,
    ),
    Problem(
        key="migraene",
        reason="hovedpine",
        complaint="Jeg har de her voldsomme hovedpineanfald, hvor jeg må ligge i et mørkt rum.",
        slots={
            "times": Num(2, 6, 1, "anfald pr. måned", (2, 4), (0, 30)),
            "hours": Num(4, 24, 1, "anfaldsvarighed", (6, 12), (1, 72)),
            "side": Side("hovedside"),
            "pain": PAIN,
            "bp": BP,
            "aura": Negatable(
                "aura",
                "Ingen aura",
                "Synsaura forud for anfaldene",
                "Nej, jeg ser ikke noget særligt.",
                "Jeg ser sådan nogle flimrende zigzag-linjer før det kommer.",
                0.35,
            ),
            "neuro": Negatable(
                "neurologiske udfald",
                "Ingen neurologiske udfald",
                "Føleforstyrrelse i ansigtet",
                "Nej, ikke noget med lammelser eller følelsesløshed.",
                "Jeg har haft prikken i ansigtet.",
                0.0,
            ),
            "drug": Drug(("sumatriptan",), ("rizatriptan", "tramadol", "sertralin")),
            "dose": Dose(
                (
                    (
                        "50 mg ved anfald, max 2 tbl. pr. døgn",
                        "halvtreds milligram ved anfald, højst to om dagen",
                    ),
                    (
                        "100 mg ved anfald, max 2 tbl. pr. døgn",
                        "hundrede milligram ved anfald, højst to om dagen",
                    ),
                    ("50 mg x 3 dgl. fast", "halvtreds milligram tre gange dagligt fast"),
                ),
                "triptandosis",
            ),
        },
        history=(
            fact(
                "Halvsidig hovedpine i {side} side {times} gange om "
                "måneden, varighed {hours} timer.",
                "Anfald af {side}-sidig hovedpine ca. {times} gange "
                "månedligt à {hours} timers varighed.",
                talk=(
                    ("L", "Hvor sidder smerten?"),
                    ("P", "I {side} side af hovedet."),
                    ("L", "Hvor tit og hvor længe?"),
                    ("P", "Sådan {times} gange om måneden, og det varer {hours} timer."),
                ),
            ),
            fact(
                "Smerteintensitet NRS {pain} med kvalme og lysfølsomhed.",
                "NRS {pain}, ledsaget af kvalme og fotofobi.",
                talk=(
                    ("L", "Hvor ondt gør det?"),
                    ("P", "{pain}, og jeg får kvalme og kan ikke tåle lys."),
                ),
            ),
            fact("{aura}.", talk=(("L", "Ser du noget, før det kommer?"), ("P", "{aura}"))),
            fact(
                "{neuro}.",
                talk=(("L", "Har du haft lammelser eller følelsesløshed?"), ("P", "{neuro}")),
            ),
        ),
        exam=(
            exam(
                "BT {bp}. Neurologisk us. u.a.",
                "BT {bp}, normal neurologisk undersøgelse.",
                talk=(("L", "Blodtrykket er {bp}, og nerveundersøgelsen er helt normal."),),
            ),
        ),
        assessment=(fact("Migræne.", "Migræne.", talk=(("L", "Det er migræne."),)),),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Opstartes {drug} {dose}.",
                talk=(("L", "Du kan tage {drug}, {dose}."),),
            ),
            fact(
                "Hovedpinedagbog.",
                "Fører hovedpinedagbog.",
                talk=(("L", "Skriv dine anfald ned i en dagbog."),),
            ),
            fact("Ctr. om 2 mdr.", "Kontrol om 2 måneder.", talk=(("L", "Vi ses om to måneder."),)),
        ),
        fabrications=(
            ("Nakkestivhed", "nakkestivhed"),
            ("Papilødem", "papilødem"),
            ("Pludselig tordenskraldshovedpine", "tordenskraldshovedpine"),
        ),
        invented_diagnoses=("subaraknoidalblødning", "hjernetumor"),
        ages=(16, 55),
        remote_share=0.4,
    ),
    Problem(
        key="svimmelhed",
        reason="svimmelhed",
        complaint="Hele rummet drejer rundt, når jeg vender mig i sengen.",
        slots={
            "days": Num(2, 14, 1, "varighed", (3, 6), (2, 60)),
            "side": Side("øre"),
            "bp": BP,
            "seconds": Num(10, 50, 5, "anfaldsvarighed", (20, 40), (1, 300)),
            "hearing": Negatable(
                "høretab",
                "Ingen høretab eller tinnitus",
                "Nedsat hørelse og tinnitus",
                "Nej, jeg hører fint.",
                "Jeg hører lidt dårligere og har susen for øret.",
                0.0,
            ),
            "neuro": Negatable(
                "neurologiske udfald",
                "Ingen neurologiske udfald",
                "Dobbeltsyn",
                "Nej, ikke noget med synet eller talen.",
                "Jeg har set dobbelt et par gange.",
                0.0,
            ),
        },
        history=(
            fact(
                "Drejesvimmelhed i {days} dage ved lejeskift, anfald af {seconds} sek. varighed.",
                "{days} dage med anfaldsvis drejesvimmelhed ved "
                "stillingsskift, varer {seconds} sekunder.",
                talk=(
                    ("L", "Hvornår startede det?"),
                    ("P", "For {days} dage siden. Det varer sådan {seconds} sekunder."),
                ),
            ),
            fact("{hearing}.", talk=(("L", "Hører du dårligere?"), ("P", "{hearing}"))),
            fact(
                "{neuro}.",
                talk=(("L", "Har du set dobbelt eller haft svært ved at tale?"), ("P", "{neuro}")),
            ),
        ),
        exam=(
            exam("BT {bp}.", talk=(("L", "Blodtrykket er {bp}."),)),
            exam(
                "Dix-Hallpike pos. mod {side} med torsionel nystagmus.",
                "Positiv Dix-Hallpike til {side} side, torsionel nystagmus.",
                talk=(
                    (
                        "L",
                        "Når jeg lægger dig ned mod {side} side, kommer "
                        "der nystagmus, øjnene sitrer.",
                    ),
                ),
            ),
        ),
        assessment=(
            fact(
                "BPPV {side} side.",
                "Benign paroksystisk positionel vertigo, {side} side.",
                talk=(("L", "Det er krystalsyge i det {side} øre."),),
            ),
        ),
        plan=(
            fact(
                "Epleys manøvre udført.",
                "Udført Epley-manøvre.",
                talk=(("L", "Jeg laver nu en øvelse, der flytter krystallerne."),),
            ),
            fact(
                "Instrueret i hjemmeøvelser.",
                "Vejledt i øvelser hjemme.",
                talk=(("L", "Du får nogle øvelser med hjem."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Ataksi", "ataksi"),
            ("Facialisparese", "facialisparese"),
            ("Kraftig hovedpine", "hovedpine"),
        ),
        invented_diagnoses=("apopleksi", "Ménières sygdom"),
        ages=(40, 85),
        remote_share=0.2,
    ),
    Problem(
        key="dyspepsi",
        reason="mavesmerter",
        complaint="Jeg har ondt oppe i maven og halsbrand, især efter jeg har spist.",
        slots={
            "weeks": WEEKS,
            "weight": Num(55, 110, 1, "vægt", (6, 12), (30, 250)),
            "alarm": Negatable(
                "vægttab",
                "Intet vægttab",
                "Utilsigtet vægttab",
                "Nej, jeg har ikke tabt mig.",
                "Jeg har tabt nogle kilo uden at prøve.",
                0.0,
            ),
            "blood": Negatable(
                "melæna",
                "Ingen sort afføring",
                "Sort afføring",
                "Nej, den er normal.",
                "Den har været helt sort et par gange.",
                0.0,
            ),
            "drug": Drug(
                ("omeprazol", "pantoprazol"), ("esomeprazol", "ondansetron", "metoclopramid")
            ),
            "dose": Dose(
                (
                    ("20 mg x 1 dgl. i 4 uger", "tyve milligram en gang dagligt i fire uger"),
                    ("40 mg x 1 dgl. i 4 uger", "fyrre milligram dagligt i fire uger"),
                    ("40 mg x 2 dgl. i 8 uger", "fyrre milligram to gange dagligt i otte uger"),
                ),
                "PPI-dosis",
            ),
            "nsaid": Term(
                (
                    ("fast ibuprofen", "jeg tager ibuprofen hver dag for mit knæ", "ibuprofen"),
                    (
                        "fast acetylsalicylsyre",
                        "jeg får en hjertemagnyl hver dag",
                        "acetylsalicylsyre",
                    ),
                )
            ),
        },
        history=(
            fact(
                "Epigastriesmerter og halsbrand i {weeks} uger.",
                "{weeks} ugers smerter i epigastriet med sure opstød.",
                talk=(("L", "Hvor længe har du haft det?"), ("P", "En {weeks} ugers tid.")),
            ),
            fact("{alarm}.", talk=(("L", "Har du tabt dig?"), ("P", "{alarm}"))),
            fact("{blood}.", talk=(("L", "Har afføringen været sort?"), ("P", "{blood}"))),
            fact(
                "Tager {nsaid}.",
                "Medicin: {nsaid}.",
                talk=(("L", "Hvilken medicin tager du?"), ("P", "{nsaid}.")),
                omit="nsaid",
            ),
        ),
        exam=(
            exam(
                "Vægt {weight} kg. Abdomen blødt, let ømhed i epigastriet, ingen udfyldninger.",
                "Vægt {weight} kg. Abd.: blød, let epigastriel ømhed, ingen resistens.",
                talk=(
                    (
                        "L",
                        "Du vejer {weight} kilo. Maven er blød, lidt øm heroppe, men ellers fin.",
                    ),
                ),
            ),
        ),
        assessment=(
            fact(
                "Dyspepsi uden alarmsymptomer.",
                "Dyspepsi, ingen alarmsymptomer.",
                talk=(
                    ("L", "Det lyder som for meget mavesyre, og der er ikke noget alarmerende."),
                ),
            ),
        ),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Opstartes {drug} {dose}.",
                talk=(("L", "Du får {drug}, {dose}."),),
            ),
            fact(
                "Helicobacter pylori-test.",
                "Udåndingstest for H. pylori.",
                talk=(("L", "Vi tester dig for mavesårsbakterien."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Hæmatemese", "hæmatemese"),
            ("Synkebesvær", "dysfagi"),
            ("Palpabel udfyldning i epigastriet", "udfyldning"),
        ),
        invented_diagnoses=("ulcus ventriculi", "ventrikelcancer"),
        ages=(25, 75),
        remote_share=0.35,
    ),
    Problem(
        key="gastroenteritis",
        reason="opkast og diarré",
        complaint="Hun har kastet op og haft tynd mave siden i går.",
        slots={
            "days": Num(2, 3, 1, "varighed", (2, 3), (2, 14)),
            "times": Num(3, 10, 1, "diarré pr. døgn", (3, 6), (0, 30)),
            "temp": TEMP,
            "weight": Num(10, 30, 1, "vægt", (4, 8), (3, 80)),
            "wet": Negatable(
                "diurese",
                "Våde bleer/vandladning som vanligt",
                "Ingen vandladning det sidste døgn",
                "Ja, hun tisser som hun plejer.",
                "Hun har næsten ikke tisset i dag.",
                0.0,
            ),
            "blood": Negatable(
                "blod i afføringen",
                "Intet blod i afføringen",
                "Blod i afføringen",
                "Nej, der er ikke blod.",
                "Der har været lidt blod.",
                0.0,
            ),
        },
        history=(
            fact(
                "Opkastninger og diarré i {days} døgn, {times} tynde afføringer pr. døgn.",
                "{days} døgns opkast og diarré, {times} gange dagligt.",
                talk=(
                    ("L", "Hvor længe har hun været syg?"),
                    ("P", "I {days} døgn. Hun har haft tynd mave {times} gange i dag."),
                ),
            ),
            fact("{blood}.", talk=(("L", "Er der blod i afføringen?"), ("P", "{blood}"))),
            fact("{wet}.", talk=(("L", "Tisser hun?"), ("P", "{wet}"))),
        ),
        exam=(
            exam(
                "Temp {temp}, vægt {weight} kg.",
                "Temp. {temp}. Vægt {weight} kg.",
                talk=(("L", "Hun har {temp} i temperatur og vejer {weight} kilo."),),
            ),
            exam(
                "Upåvirket, fugtige slimhinder, blød uøm abdomen.",
                "Alment upåvirket. Slimhinder fugtige. Abd. blød og uøm.",
                talk=(("L", "Hun virker frisk, munden er fugtig, og maven er blød."),),
            ),
        ),
        assessment=(
            fact(
                "Gastroenteritis uden dehydrering.",
                "Akut gastroenteritis, ikke dehydreret.",
                talk=(("L", "Det er en maveinfektion, og hun er ikke udtørret."),),
            ),
        ),
        plan=(
            fact(
                "Væske i små portioner, evt. væskeerstatning.",
                "Hyppig væske i små mængder, væskeerstatning ved behov.",
                talk=(("L", "Giv hende lidt at drikke ofte, gerne væskeerstatning."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Nedsat hudturgor", "dehydrering"),
            ("Petekkier", "petekkier"),
            ("Nakkestivhed", "nakkestivhed"),
        ),
        invented_diagnoses=("appendicitis", "invagination"),
        ages=(1, 10),
        child=True,
        remote_share=0.5,
    ),
    Problem(
        key="brystsmerter",
        reason="smerter i brystet",
        complaint="Jeg har fået ondt i brystet, og jeg blev lidt bange.",
        slots={
            "days": DAYS,
            "side": Side("brystside"),
            "bp": BP,
            "puls": Num(58, 96, 1, "puls", (15, 30), (40, 160)),
            "sat": SAT,
            "exertion": Negatable(
                "anstrengelsesudløste smerter",
                "Ikke relateret til anstrengelse",
                "Forværres ved anstrengelse",
                "Nej, det har ikke noget med at gå op ad trapper at gøre.",
                "Det bliver værre, når jeg går hurtigt.",
                0.0,
            ),
            "radiation": Negatable(
                "udstråling",
                "Ingen udstråling",
                "Udstråling til venstre arm",
                "Nej, det sidder bare der.",
                "Det stråler ud i armen.",
                0.0,
            ),
            "pain": PAIN,
            "drug": ANALGESIC,
            "dose": ANALGESIC_DOSE,
        },
        history=(
            fact(
                "Smerter i {side} side af brystet i {days} dage, NRS {pain}, værre ved bevægelse.",
                "{days} dages smerter {side} side af thorax, NRS {pain}, bevægelsesafhængige.",
                talk=(
                    ("L", "Hvor gør det ondt?"),
                    ("P", "I {side} side af brystet, i {days} dage."),
                    ("L", "Fra nul til ti?"),
                    ("P", "{pain}. Det er værst, når jeg drejer mig."),
                ),
            ),
            fact(
                "{exertion}.",
                talk=(("L", "Kommer det, når du anstrenger dig?"), ("P", "{exertion}")),
            ),
            fact(
                "{radiation}.", talk=(("L", "Stråler det nogen steder hen?"), ("P", "{radiation}"))
            ),
        ),
        exam=(
            exam(
                "BT {bp}, p {puls}, SAT {sat} %.",
                "BT {bp}. Puls {puls}. SAT {sat} %.",
                talk=(("L", "Blodtrykket er {bp}, pulsen {puls}, og iltmætningen {sat} procent."),),
            ),
            exam(
                "Palpationsømhed over costae på {side} side, reproducerer smerten.",
                "Ømhed ved tryk på ribbenene {side} side, genkender smerten.",
                talk=(
                    (
                        "L",
                        "Gør det ondt, når jeg trykker her på {side} side? Ja, det er den smerte.",
                    ),
                ),
            ),
            exam(
                "EKG: sinusrytme, ingen iskæmi.",
                "EKG normalt, sinusrytme.",
                talk=(("L", "Dit hjertekardiogram er normalt."),),
            ),
        ),
        assessment=(
            fact(
                "Muskuloskeletale brystsmerter.",
                "Torakale muskelsmerter, ikke mistanke om AKS.",
                talk=(("L", "Det kommer fra musklerne og ribbenene, ikke fra hjertet."),),
            ),
        ),
        plan=(
            fact(
                "Rp. {drug} {dose} i 1 uge.",
                "Tbl. {drug} {dose} i en uge.",
                talk=(("L", "Tag {drug}, {dose} i en uge."),),
            ),
            fact(
                "Ring 112 ved trykkende brystsmerter.",
                "Instrueret i at ringe 112 ved trykken i brystet.",
                talk=(("L", "Hvis det trykker i brystet, ringer du 112."),),
            ),
        ),
        fabrications=(
            ("Koldsved", "koldsved"),
            ("Dyspnø i hvile", "dyspnø"),
            ("Tidligere hjerteinfarkt", "myokardieinfarkt"),
        ),
        invented_diagnoses=("akut koronarsyndrom", "lungeemboli"),
        ages=(25, 70),
        remote_share=0.1,
    ),
    Problem(
        key="fnat",
        reason="kløe",
        complaint="Det klør helt vildt, især om natten, og min kæreste klør også.",
        slots={
            "weeks": WEEKS,
            "drug": Drug(("permethrin",), ("ivermectin", "hydrokortison", "benzylbenzoat")),
            "dose": Dose(
                (
                    (
                        "creme 5 % på hele kroppen, gentages efter 1 uge",
                        "smøres på hele kroppen og gentages efter en uge",
                    ),
                    (
                        "creme 5 % på hele kroppen, gentages efter 2 uger",
                        "smøres på hele kroppen og gentages efter to uger",
                    ),
                    ("creme 1 % på hænderne x 1 dgl.", "kun på hænderne en gang dagligt"),
                ),
                "permethrindosering",
                n_true=1,
            ),
            "contacts": Negatable(
                "smittede kontakter",
                "Ingen i husstanden med kløe",
                "Partner har også kløe",
                "Nej, ingen andre klør.",
                "Ja, min kæreste klør også.",
                0.7,
            ),
        },
        history=(
            fact(
                "Intens kløe i {weeks} uger, værst om natten.",
                "{weeks} ugers kløe, tiltagende om natten.",
                talk=(
                    ("L", "Hvor længe har det klødet?"),
                    ("P", "I {weeks} uger, og det er værst om natten."),
                ),
            ),
            fact(
                "{contacts}.",
                talk=(("L", "Er der andre derhjemme, der klør?"), ("P", "{contacts}")),
            ),
        ),
        exam=(
            exam(
                "Gange mellem fingrene og papler ved håndled og i lysken.",
                "Fnatgange interdigitalt samt papler ved håndleddene og ingvinalt.",
                talk=(("L", "Jeg kan se små gange mellem fingrene og knopper ved håndleddene."),),
            ),
        ),
        assessment=(fact("Fnat.", "Scabies.", talk=(("L", "Det er fnat."),)),),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "{drug} {dose}.",
                talk=(("L", "Du skal bruge {drug}, {dose}."),),
            ),
            fact(
                "Samtidig behandling af husstanden, vask af tøj og sengetøj ved 60 grader.",
                "Hele husstanden behandles samtidig; tøj og sengetøj vaskes ved 60 grader.",
                talk=(
                    (
                        "L",
                        "Alle derhjemme skal behandles samtidig, og "
                        "sengetøj vaskes ved tres grader.",
                    ),
                ),
            ),
        ),
        fabrications=(
            ("Feber", "feber"),
            ("Impetiginiserede læsioner", "impetigo"),
            ("Hårtab", "alopeci"),
        ),
        invented_diagnoses=("atopisk eksem", "urticaria"),
        ages=(15, 70),
        remote_share=0.3,
    ),
    Problem(
        key="sinuitis",
        reason="ansigtssmerter og tilstoppet næse",
        complaint="Jeg er helt stoppet til, og det trykker i panden og kinderne.",
        slots={
            "days": Num(7, 20, 1, "varighed", (4, 8), (2, 60)),
            "temp": TEMP,
            "puls": PULSE,
            "side": Side("kindben"),
            "drug": Drug(("phenoxymethylpenicillin",), ("amoxicillin", "clarithromycin")),
            "dose": Dose(_PENICILLIN_DOSES, "penicillindosis"),
            "spray": Term(
                (
                    ("mometason næsespray", "næsespray med binyrebarkhormon", "mometason"),
                    ("xylometazolin næsespray", "den afsvællende næsespray", "xylometazolin"),
                )
            ),
            "sev": Scale(
                (("lette", "lidt"), ("moderate", "en del"), ("udtalte", "rigtig meget")),
                "ansigtssmerter",
            ),
        },
        history=(
            fact(
                "Tilstoppet næse og ansigtssmerter i {days} dage, mest over {side} kindben.",
                "{days} dage med nasal kongestion og smerter over {side} kindben.",
                talk=(
                    ("L", "Hvor længe har det stået på?"),
                    ("P", "{days} dage. Det sidder mest i {side} kind."),
                ),
            ),
            fact(
                "{sev} smerter ved foroverbøjning.",
                "Smerterne er {sev} og forværres ved foroverbøjning.",
                talk=(("P", "Det gør {sev} ondt, når jeg bøjer mig forover."),),
            ),
            fact(
                "Har brugt {spray} uden effekt.",
                "Forsøgt {spray}, ingen bedring.",
                talk=(("L", "Har du prøvet noget?"), ("P", "Ja, {spray}, men det hjalp ikke.")),
                omit="spray",
            ),
        ),
        exam=(
            VITALS,
            exam(
                "Banke- og trykømhed over {side} sinus maxillaris.",
                "Ømhed ved perkussion over {side} kæbehule.",
                talk=(("L", "Gør det ondt, når jeg banker her på {side} side? Ja."),),
            ),
        ),
        assessment=(
            fact(
                "Akut bihulebetændelse {side} side.",
                "Akut sinuitis maxillaris {side} side.",
                talk=(("L", "Du har bihulebetændelse i {side} side."),),
            ),
        ),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Opstartes {drug} {dose}.",
                talk=(("L", "Du får {drug}, {dose}."),),
            ),
            fact(
                "Næseskylning med saltvand.",
                "Saltvandsskylning af næsen.",
                talk=(("L", "Skyl næsen med saltvand."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Periorbital hævelse", "periorbitalt ødem"),
            ("Dobbeltsyn", "diplopi"),
            ("Purulent ørenflåd", "otore"),
        ),
        invented_diagnoses=("orbital cellulitis", "tandabsces"),
        ages=(18, 70),
        remote_share=0.35,
    ),
    Problem(
        key="konjunktivitis",
        reason="rødt øje",
        complaint="Mit øje er rødt og klistret, især om morgenen.",
        slots={
            "days": Num(2, 5, 1, "varighed", (2, 4), (2, 30)),
            "side": Side("øje"),
            "vision": Negatable(
                "synsnedsættelse",
                "Normalt syn",
                "Sløret syn",
                "Nej, jeg ser fint.",
                "Jeg ser lidt sløret.",
                0.0,
            ),
            "pain": Negatable(
                "øjensmerter",
                "Ingen smerter i øjet",
                "Smerter i øjet",
                "Det gør ikke ondt, det klør bare.",
                "Det gør faktisk ondt.",
                0.0,
            ),
            "drug": Drug(("chloramphenicol",), ("fusidinsyre", "dexamethason", "hydrokortison")),
            "dose": Dose(
                (
                    (
                        "øjendråber 1 dråbe x 4 dgl. i 5 dage",
                        "en dråbe fire gange om dagen i fem dage",
                    ),
                    (
                        "øjendråber 2 dråber x 4 dgl. i 5 dage",
                        "to dråber fire gange dagligt i fem dage",
                    ),
                    ("øjensalve x 1 dgl. i 14 dage", "salve en gang dagligt i fjorten dage"),
                ),
                "øjendråbedosering",
            ),
        },
        history=(
            fact(
                "Rødt, klistret {side} øje i {days} dage.",
                "{days} dage med rødme og pus fra {side} øje.",
                talk=(
                    ("L", "Hvilket øje?"),
                    ("P", "Det {side}. Det startede for {days} dage siden."),
                ),
            ),
            fact("{vision}.", talk=(("L", "Ser du normalt?"), ("P", "{vision}"))),
            fact("{pain}.", talk=(("L", "Gør det ondt?"), ("P", "{pain}"))),
        ),
        exam=(
            exam(
                "Konjunktival injektion og purulent sekret {side} øje. Cornea klar.",
                "{side} øje: rødt med pus, klar hornhinde.",
                talk=(("L", "Det {side} øje er rødt med lidt pus, men hornhinden er klar."),),
            ),
        ),
        assessment=(
            fact(
                "Bakteriel konjunktivitis {side} side.",
                "Bakteriel øjenbetændelse {side} side.",
                talk=(("L", "Det er en bakteriel øjenbetændelse i det {side} øje."),),
            ),
        ),
        plan=(
            fact("Rp. {drug} {dose}.", "{drug} {dose}.", talk=(("L", "Du får {drug}, {dose}."),)),
            fact(
                "Håndhygiejne.",
                "Rådgivet om god håndhygiejne.",
                talk=(("L", "Husk at vaske hænder."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Lysskyhed", "fotofobi"),
            ("Nedsat visus", "visustab"),
            ("Dendritisk ulcus", "herpes keratitis"),
        ),
        invented_diagnoses=("iridocyklitis", "akut glaukom"),
        ages=(15, 70),
        remote_share=0.5,
    ),
    Problem(
        key="ankeldistorsion",
        reason="forstuvet ankel",
        complaint="Jeg vred om på foden til fodbold i går, og den er hævet.",
        slots={
            "days": Num(2, 4, 1, "varighed", (2, 3), (2, 30)),
            "side": Side("ankel"),
            "pain": PAIN,
            "weight": Negatable(
                "støtteevne",
                "Kan støtte på foden",
                "Kan ikke støtte på foden",
                "Ja, jeg kan godt gå på den.",
                "Nej, jeg kan slet ikke stå på den.",
                0.0,
            ),
            "sev": Scale(
                (("let", "lidt"), ("moderat", "en del"), ("betydelig", "meget")), "hævelse"
            ),
            "drug": ANALGESIC,
            "dose": ANALGESIC_DOSE,
        },
        history=(
            fact(
                "Inversionstraume af {side} ankel for {days} døgn siden, NRS {pain}.",
                "Vred om på {side} fod for {days} døgn siden. Smerter NRS {pain}.",
                talk=(
                    ("L", "Hvilken fod?"),
                    ("P", "Den {side}, for {days} døgn siden."),
                    ("L", "Hvor ondt?"),
                    ("P", "{pain}."),
                ),
            ),
            fact("{weight}.", talk=(("L", "Kan du gå på den?"), ("P", "{weight}"))),
        ),
        exam=(
            exam(
                "{sev} hævelse lateralt på {side} ankel, ømhed over ATFL.",
                "{side} ankel: {sev} hævelse lateralt, ømhed svarende til ATFL.",
                talk=(
                    (
                        "L",
                        "Der er {sev} hævelse på ydersiden af {side} ankel, "
                        "og det er ømt her ved ledbåndet.",
                    ),
                ),
            ),
            exam(
                "Ingen knogleømhed, Ottawa-regler neg.",
                "Ingen ossøs ømhed, Ottawa ankle rules negative.",
                talk=(("L", "Knoglerne er ikke ømme, så du skal ikke røntgenfotograferes."),),
            ),
        ),
        assessment=(
            fact(
                "Distorsion af {side} ankel.",
                "Forstuvning {side} fodled.",
                talk=(("L", "Du har forstuvet din {side} ankel."),),
            ),
        ),
        plan=(
            fact(
                "Rp. {drug} {dose} i 5 dage.",
                "{drug} {dose} i 5 dage.",
                talk=(("L", "Tag {drug}, {dose} i fem dage."),),
            ),
            fact(
                "Is, kompression og elevation.",
                "Rådgivet om RICE.",
                talk=(("L", "Læg is på, brug en elastikbind og hold foden højt."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Fejlstilling", "fejlstilling"),
            ("Nedsat sensibilitet på foden", "føleforstyrrelse"),
            ("Ømhed over malleolen", "malleolfraktur"),
        ),
        invented_diagnoses=("malleolfraktur", "achillesseneruptur"),
        ages=(14, 60),
        remote_share=0.1,
    ),
    Problem(
        key="skulder",
        reason="skuldersmerter",
        complaint="Jeg har haft ondt i skulderen i lang tid, især når jeg løfter armen.",
        slots={
            "weeks": Num(3, 12, 1, "varighed", (3, 5), (2, 52)),
            "side": Side("skulder"),
            "pain": PAIN,
            "night": Negatable(
                "natlige smerter",
                "Ingen natlige smerter",
                "Natlige smerter",
                "Nej, jeg sover fint.",
                "Jeg vågner af det om natten.",
                0.5,
            ),
            "drug": Drug(("methylprednisolon",), ("triamcinolon", "betamethason")),
            "dose": Dose(
                (
                    ("40 mg", "fyrre milligram"),
                    ("80 mg", "firs milligram"),
                    ("20 mg", "tyve milligram"),
                ),
                "injektionsdosis",
                n_true=1,
            ),
        },
        history=(
            fact(
                "Smerter i {side} skulder i {weeks} uger, NRS {pain}.",
                "{weeks} ugers smerter i {side} skulder, NRS {pain}.",
                talk=(
                    ("L", "Hvilken skulder?"),
                    ("P", "Den {side}, i {weeks} uger."),
                    ("L", "Fra nul til ti?"),
                    ("P", "{pain}."),
                ),
            ),
            fact("{night}.", talk=(("L", "Gør det ondt om natten?"), ("P", "{night}"))),
        ),
        exam=(
            exam(
                "{side} skulder: smertefuld bue 60-120 grader, normal passiv bevægelighed.",
                "Smertefuld abduktionsbue {side} skulder, passiv ROM normal.",
                talk=(
                    (
                        "L",
                        "Løft den {side} arm til siden. Det gør ondt fra cirka tres til "
                        "hundrede og tyve grader, men jeg kan bevæge den frit.",
                    ),
                ),
            ),
        ),
        assessment=(
            fact(
                "Impingement af {side} skulder.",
                "Subakromielt impingement {side}.",
                talk=(("L", "Det er en klemt sene i {side} skulder."),),
            ),
        ),
        plan=(
            fact(
                "Injektion {drug} {dose} subakromielt {side} skulder.",
                "Subakromiel injektion med {drug} {dose} i {side} skulder.",
                talk=(
                    ("L", "Jeg giver dig en indsprøjtning med {drug}, {dose}, i {side} skulder."),
                ),
            ),
            fact(
                "Henvist til fysioterapi.",
                "Henv. til fysioterapeut.",
                talk=(("L", "Og du skal til fysioterapeut."),),
            ),
            fact("Ctr. om 6 uger.", "Kontrol om 6 uger.", talk=(("L", "Vi ses om seks uger."),)),
        ),
        fabrications=(
            ("Nedsat kraft ved udadrotation", "rotator cuff-ruptur"),
            ("Hævet og varm skulder", "artritis"),
            ("Traume mod skulderen", "traume"),
        ),
        invented_diagnoses=("frossen skulder", "rotator cuff-ruptur"),
        ages=(35, 75),
        remote_share=0.1,
    ),
    Problem(
        key="hypothyreose",
        reason="kontrol af stofskifte",
        complaint="Jeg skulle have svar på mine stofskifteprøver.",
        slots={
            "tsh": Num(0.8, 9.5, 0.1, "TSH", (2.0, 4.0), (0.01, 100), decimals=1),
            "t4": Num(10, 22, 1, "frit T4", (5, 9), (1, 80)),
            "weight": Num(55, 105, 1, "vægt", (6, 12), (30, 250)),
            "drug": Drug(("levothyroxin",), ("liothyronin", "carbimazol", "lamotrigin")),
            "dose": Dose(
                (
                    ("75 µg x 1 dgl.", "femoghalvfjerds mikrogram om morgenen"),
                    ("100 µg x 1 dgl.", "hundrede mikrogram om morgenen"),
                    ("50 µg x 1 dgl.", "halvtreds mikrogram om morgenen"),
                    ("175 µg x 1 dgl.", "hundrede og femoghalvfjerds mikrogram om morgenen"),
                ),
                "levothyroxindosis",
            ),
            "tired": Negatable(
                "træthed",
                "Ingen træthed",
                "Fortsat træt",
                "Nej, jeg har meget mere energi nu.",
                "Jeg er stadig meget træt.",
                0.4,
            ),
        },
        history=(
            fact(
                "I beh. med {drug} {dose}.",
                "Tager {drug} {dose}.",
                talk=(("L", "Du tager {drug}, {dose}?"), ("P", "Ja, hver morgen.")),
            ),
            fact("{tired}.", talk=(("L", "Hvordan er energien?"), ("P", "{tired}"))),
        ),
        exam=(
            fact(
                "TSH {tsh}, frit T4 {t4}.",
                "Blodprøver: TSH {tsh} mIE/l, fT4 {t4} pmol/l.",
                talk=(("L", "Dit TSH er {tsh}, og frit T4 er {t4}."),),
            ),
            exam("Vægt {weight} kg.", talk=(("L", "Du vejer {weight} kilo."),)),
        ),
        assessment=(
            fact(
                "Hypothyreose, substitueret.",
                "Behandlet hypothyreose.",
                talk=(("L", "Dit stofskifte er behandlet."),),
            ),
        ),
        plan=(
            fact(
                "Dosis justeres efter TSH.",
                "Dosisjustering efter TSH-niveau.",
                talk=(("L", "Vi justerer dosis efter prøverne."),),
            ),
            fact(
                "Ny blodprøve om 6 uger.",
                "Ny TSH om 6 uger.",
                talk=(("L", "Ny blodprøve om seks uger."),),
            ),
        ),
        fabrications=(
            ("Struma", "struma"),
            ("Takykardi", "takykardi"),
            ("Exophthalmus", "exophthalmus"),
        ),
        invented_diagnoses=("hyperthyreose", "Graves' sygdom"),
        ages=(30, 80),
        remote_share=0.6,
    ),
    Problem(
        key="hoefeber",
        reason="høfeber",
        complaint="Jeg nyser hele tiden og mine øjne løber, det er ligesom hvert forår.",
        slots={
            "weeks": WEEKS,
            "drug": Drug(("cetirizin", "desloratadin"), ("loratadin", "clemastin", "prednisolon")),
            "dose": Dose(
                (
                    ("10 mg x 1 dgl.", "ti milligram en gang dagligt"),
                    ("20 mg x 1 dgl.", "tyve milligram om dagen"),
                    ("10 mg x 3 dgl.", "ti milligram tre gange dagligt"),
                ),
                "antihistamindosis",
                n_true=1,
                by_drug={
                    "desloratadin": (
                        ("5 mg x 1 dgl.", "fem milligram om dagen"),
                        ("10 mg x 1 dgl.", "ti milligram en gang dagligt"),
                        ("5 mg x 3 dgl.", "fem milligram tre gange dagligt"),
                    )
                },
            ),
            "asthma": Negatable(
                "astmasymptomer",
                "Ingen astmasymptomer",
                "Let pibende vejrtrækning",
                "Nej, vejrtrækningen er fin.",
                "Jeg piber lidt, når jeg trækker vejret.",
                0.15,
            ),
            "sev": Scale(
                (("lette", "lidt"), ("moderate", "en del"), ("svære", "rigtig meget")),
                "allergisymptomer",
            ),
        },
        history=(
            fact(
                "Nysen, kløe i øjnene og løbende næse i {weeks} uger, årligt forår.",
                "{weeks} uger med rhinoré, nysen og kløende øjne, sæsonbetonet.",
                talk=(
                    ("L", "Hvor længe har du haft det?"),
                    ("P", "I {weeks} uger, og det er hvert forår."),
                ),
            ),
            fact(
                "{sev} gener i hverdagen.",
                "Generne beskrives som {sev}.",
                talk=(("P", "Det generer mig {sev}."),),
            ),
            fact("{asthma}.", talk=(("L", "Piber det, når du trækker vejret?"), ("P", "{asthma}"))),
        ),
        exam=(
            exam(
                "Blege, hævede næseslimhinder, let konjunktival rødme.",
                "Ødematøs næseslimhinde, lette røde øjne.",
                talk=(("L", "Slimhinderne i næsen er hævede, og øjnene er lidt røde."),),
            ),
        ),
        assessment=(
            fact(
                "Allergisk rhinokonjunktivitis.",
                "Sæsonbetinget allergisk rhinitis.",
                talk=(("L", "Det er høfeber."),),
            ),
        ),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Tbl. {drug} {dose}.",
                talk=(("L", "Du kan tage {drug}, {dose}."),),
            ),
            fact(
                "Evt. henvisning til allergolog mhp. priktest.",
                "Overvejer henv. til allergologisk udredning.",
                talk=(("L", "Måske skal du til allergiudredning senere."),),
            ),
        ),
        fabrications=(
            ("Feber", "feber"),
            ("Purulent næsesekret", "purulent sekret"),
            ("Næsepolypper", "næsepolypper"),
        ),
        invented_diagnoses=("astma", "sinuitis"),
        ages=(15, 55),
        remote_share=0.6,
    ),
    Problem(
        key="urinsyregigt",
        reason="hævet storetå",
        complaint=(
            "Min storetå er blevet rød og hævet, og den gør så "
            "ondt, at jeg ikke kan have en sok på."
        ),
        slots={
            "days": Num(2, 4, 1, "varighed", (2, 3), (2, 30)),
            "side": Side("storetå"),
            "temp": TEMP_NORMAL,
            "urate": Num(0.38, 0.62, 0.01, "urat", (0.1, 0.2), (0.1, 1.2), decimals=2),
            "drug": Drug(("naproxen", "colchicin"), ("allopurinol", "probenecid", "ibuprofen")),
            "dose": Dose(
                (
                    (
                        "500 mg x 2 dgl. i 5 dage",
                        "fem hundrede milligram to gange dagligt i fem dage",
                    ),
                    (
                        "500 mg x 4 dgl. i 5 dage",
                        "fem hundrede milligram fire gange dagligt i fem dage",
                    ),
                    (
                        "250 mg x 2 dgl. i 5 dage",
                        "to hundrede og halvtreds milligram to gange dagligt i fem dage",
                    ),
                ),
                "dosis",
                n_true=1,
                by_drug={
                    "colchicin": (
                        (
                            "0,5 mg x 3 dgl. i 3 dage",
                            "et halvt milligram tre gange om dagen i tre dage",
                        ),
                        ("1 mg x 3 dgl. i 3 dage", "et milligram tre gange dagligt i tre dage"),
                        ("5 mg x 3 dgl. i 3 dage", "fem milligram tre gange dagligt i tre dage"),
                    )
                },
            ),
            "previous": Negatable(
                "tidligere anfald",
                "Første anfald",
                "Tidligere lignende anfald",
                "Nej, det er første gang.",
                "Ja, jeg havde det samme sidste år.",
                0.4,
            ),
        },
        history=(
            fact(
                "Akut smerte, rødme og hævelse af {side} storetå i {days} døgn.",
                "{days} døgn med hævet, rød og øm {side} storetå.",
                talk=(
                    ("L", "Hvilken fod?"),
                    ("P", "Den {side}, det startede for {days} døgn siden."),
                ),
            ),
            fact("{previous}.", talk=(("L", "Har du haft det før?"), ("P", "{previous}"))),
        ),
        exam=(
            exam(
                "Temp {temp}. MTP 1-led {side} side rødt, hævet og meget ømt.",
                "Temp. {temp}. Rødme, hævelse og udtalt ømhed af {side} storetåsgrundled.",
                talk=(
                    (
                        "L",
                        "Du har {temp} i temperatur. Grundleddet i {side} "
                        "storetå er rødt, hævet og meget ømt.",
                    ),
                ),
            ),
            exam(
                "Se-urat {urate} mmol/l.",
                "P-urat {urate} mmol/l.",
                talk=(("L", "Din urinsyre er {urate}."),),
            ),
        ),
        assessment=(
            fact(
                "Urinsyregigt i {side} storetå.",
                "Podagra {side} side.",
                talk=(("L", "Det er urinsyregigt i {side} storetå."),),
            ),
        ),
        plan=(
            fact(
                "Rp. {drug} {dose}.",
                "Opstartes {drug} {dose}.",
                talk=(("L", "Du får {drug}, {dose}."),),
            ),
            fact(
                "Rådgivet om alkohol og kost.",
                "Kostvejledning og begrænsning af alkohol.",
                talk=(("L", "Drik mindre alkohol og spis mindre rødt kød."),),
            ),
            SAFETY_NET,
        ),
        fabrications=(
            ("Feber og kulderystelser", "feber"),
            ("Tophi på ørerne", "tophi"),
            ("Sår over leddet", "sår"),
        ),
        invented_diagnoses=("septisk artritis", "reumatoid artritis"),
        ages=(40, 80),
        remote_share=0.15,
    ),
    Problem(
        key="impetigo",
        reason="sår i ansigtet",
        complaint="Han har fået nogle sår omkring munden med gule skorper.",
        slots={
            "days": Num(2, 7, 1, "varighed", (2, 4), (2, 30)),
            "count": Num(2, 6, 1, "antal læsioner", (3, 5), (1, 30)),
            "drug": Drug(
                ("fusidinsyre", "retapamulin"), ("hydrokortison", "mupirocin", "dicloxacillin")
            ),
            "dose": Dose(
                (
                    ("creme x 3 dgl. i 7 dage", "tre gange om dagen i en uge"),
                    ("creme x 1 dgl. i 14 dage", "en gang om dagen i fjorten dage"),
                    ("creme x 6 dgl. i 7 dage", "seks gange om dagen i en uge"),
                ),
                "dosering",
                n_true=1,
                by_drug={
                    "retapamulin": (
                        ("salve x 2 dgl. i 5 dage", "to gange dagligt i fem dage"),
                        ("salve x 1 dgl. i 14 dage", "en gang dagligt i fjorten dage"),
                        ("salve x 4 dgl. i 5 dage", "fire gange dagligt i fem dage"),
                    )
                },
            ),
            "fever": FEVER_NEG,
        },
        history=(
            fact(
                "Sår omkring munden i {days} dage.",
                "{days} dage med sår perioralt.",
                talk=(("L", "Hvor længe har han haft dem?"), ("P", "I {days} dage.")),
            ),
            fact("{fever}.", talk=(("L", "Har han feber?"), ("P", "{fever}"))),
        ),
        exam=(
            exam(
                "{count} læsioner perioralt med honninggule skorper.",
                "Perioralt {count} sår med gule skorper.",
                talk=(("L", "Der er {count} små sår med gule skorper omkring munden."),),
            ),
        ),
        assessment=(fact("Impetigo.", "Børnesår.", talk=(("L", "Det er børnesår."),)),),
        plan=(
            fact("Rp. {drug} {dose}.", "{drug} {dose}.", talk=(("L", "Smør med {drug}, {dose}."),)),
            fact(
                "Hjemme fra institution til sårene er tørre.",
                "Holdes hjemme fra børnehave indtil tørre sår.",
                talk=(("L", "Han skal blive hjemme fra børnehaven, til sårene er tørre."),),
            ),
        ),
        fabrications=(
            ("Hævede lymfeknuder på halsen", "lymfadenopati"),
            ("Udbredt udslæt på kroppen", "udslæt"),
            ("Blærer i munden", "stomatitis"),
        ),
        invented_diagnoses=("herpes simplex", "erysipelas"),
        ages=(2, 9),
        child=True,
        remote_share=0.4,
    ),
)

GENERIC_FABRICATIONS: tuple[tuple[str, str], ...] = (
    ("Kendt med atrieflimren", "atrieflimren"),
    ("Ryger 20 cigaretter dagligt", "rygning"),
    ("Tidligere lungeemboli", "lungeemboli"),
    ("Let ødem på underbenene", "ødem"),
    ("Familiær disposition til hjertesygdom", "hjertesygdom"),
)
"""Findings the AI may invent in any consultation (history or examination)."""

AI_BOILERPLATE: tuple[str, ...] = (
    "Patienten blev grundigt informeret om diagnose og behandling.",
    "Patienten havde ikke yderligere spørgsmål.",
    "Konsultationen forløb i god ro og orden.",
    "Patienten var enig i den lagte plan.",
)
"""Filler sentences an AI scribe tends to add and clinicians often delete."""

CLINICIAN_ADDITIONS: tuple[str, ...] = (
    "Pt. informeret og indforstået.",
    "Aftalt at pt. ringer ved spørgsmål.",
    "Pt. har selv booket tid.",
    "Sygemelding ikke aktuelt.",
)
"""Non-clinical sentences clinicians add; they carry no medical terms."""

ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("Pt.", "Patienten"),
    ("pt.", "patienten"),
    ("Ctr.", "Kontrol"),
    ("ctr.", "kontrol"),
    ("Tbl.", "Tablet"),
    ("beh.", "behandling"),
    ("Henv.", "Henvisning"),
    ("evt.", "eventuelt"),
    ("ca.", "cirka"),
    ("mhp.", "med henblik på"),
    ("inh.", "inhalation"),
    ("reg.", "regelmæssig"),
    ("St.p.", "Stetoskopi"),
    ("Vurd.:", "Vurdering:"),
    ("gns.", "gennemsnitligt"),
    ("mdr.", "måneder"),
    ("bilat.", "bilateralt"),
    ("u.a.", "uden anmærkninger"),
    ("Temp.", "Temperatur"),
    ("dgl.", "dagligt"),
    ("vurd.", "vurdering"),
    ("us.", "undersøgelse"),
)
"""Abbreviation and full form; a benign edit swaps one for the other."""

HEADINGS: Mapping[str, tuple[str, str, str, str]] = {
    "soap": ("S:", "O:", "A:", "P:"),
    "long": ("Anamnese:", "Objektivt:", "Vurdering:", "Plan:"),
}

ERROR_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("medication", 0.13),
    ("dose", 0.14),
    ("number", 0.15),
    ("negation", 0.14),
    ("laterality", 0.30),
    ("diagnosis", 0.10),
    ("fabrication", 0.14),
    ("severity", 0.25),
)
"""Relative weight of each injected error type when the note offers a place for it.

Sides and severities occur in fewer problems, so their weights are higher."""

# --------------------------------------------------------------------------------------
# Rendering both sides of a note with exact offsets
# --------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")


@dataclass
class Sentence:
    """One sentence as it appears in the AI draft and in the final note."""

    template: str
    values: Mapping[str, Value]
    fact: Fact | None = None
    draft_template: str = ""
    final_template: str = ""
    draft_text: dict[str, str] = field(default_factory=dict)
    final_text: dict[str, str] = field(default_factory=dict)
    in_draft: bool = True
    in_final: bool = True
    edited: bool = False

    def __post_init__(self) -> None:
        self.draft_template = self.draft_template or self.template
        self.final_template = self.final_template or self.template

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The fact's alternative phrasings; empty for sentences without a fact."""
        return self.fact.note if self.fact is not None else ()

    @property
    def omit_slot(self) -> str | None:
        """The slot of a term the draft may omit, if any."""
        return self.fact.omit if self.fact is not None else None

    def slots(self, side: str) -> list[str]:
        template = self.draft_template if side == "draft" else self.final_template
        return _SLOT.findall(template)

    def render(self, side: str) -> tuple[str, dict[str, tuple[int, int]]]:
        """Return the sentence text on ``side`` and the span of each slot in it."""
        template = self.draft_template if side == "draft" else self.final_template
        overrides = self.draft_text if side == "draft" else self.final_text
        out: list[str] = []
        spans: dict[str, tuple[int, int]] = {}
        pos = 0
        for i, chunk in enumerate(_SLOT.split(template)):
            if i % 2:
                text = overrides.get(chunk, self.values[chunk].note)
                if pos == 0:
                    text = text[:1].upper() + text[1:]
                spans[chunk] = (pos, pos + len(text))
            else:
                text = chunk
                if text.startswith(".") and out and out[-1].endswith("."):
                    text = text[1:]  # a value ending in "dgl." closes the sentence itself
            out.append(text)
            pos += len(text)
        return "".join(out), spans


@dataclass
class Section:
    sentences: list[Sentence]
    final_order: list[int] = field(default_factory=list)

    def ordered(self, side: str) -> list[Sentence]:
        if side == "final" and self.final_order:
            return [self.sentences[i] for i in self.final_order]
        return list(self.sentences)


@dataclass(frozen=True)
class Layout:
    """How a clinic's notes look: heading style and what follows a heading."""

    headings: tuple[str, str, str, str]
    after_heading: str


def render_note(
    sections: Sequence[Section], side: str, layout: Layout
) -> tuple[str, dict[tuple[int, str], tuple[int, int]]]:
    """Render ``side`` ("draft" or "final") and the absolute span of every slot.

    Spans are keyed by ``(id(sentence), slot)``.
    """
    lines: list[str] = []
    spans: dict[tuple[int, str], tuple[int, int]] = {}
    offset = 0
    for heading, section in zip(layout.headings, sections, strict=True):
        line = heading + layout.after_heading
        first = True
        for sentence in section.ordered(side):
            if not (sentence.in_draft if side == "draft" else sentence.in_final):
                continue
            text, local = sentence.render(side)
            if not first:
                line += " "
            first = False
            for slot, (start, end) in local.items():
                base = offset + len(line)
                spans[(id(sentence), slot)] = (base + start, base + end)
            line += text
        lines.append(line)
        offset += len(line) + 1
    return "\n".join(lines), spans


def swap_abbreviation(template: str, rng: random.Random) -> str | None:
    """Swap one abbreviation for its full form (or back) in the literal text of ``template``.

    Returns ``None`` when the template has nothing to swap.

    Examples
    --------
    >>> swap_abbreviation("Ctr. om 2 dage.", random.Random(0))
    'Kontrol om 2 dage.'

    A full stop that ends the sentence is kept exactly once:

    >>> swap_abbreviation("{dose} x 3 dagligt.", random.Random(0))
    '{dose} x 3 dgl.'
    >>> swap_abbreviation("{dose} x 3 dgl.", random.Random(0))
    '{dose} x 3 dagligt.'
    """
    candidates: list[tuple[int, int, str]] = []
    pos = 0
    for i, chunk in enumerate(_SLOT.split(template)):
        if i % 2 == 0:
            for short, full in ABBREVIATIONS:
                for a, b in ((short, full), (full, short)):
                    for m in re.finditer(r"(?<!\w)" + re.escape(a) + r"(?!\w)", chunk):
                        candidates.append((pos + m.start(), pos + m.end(), b))
            pos += len(chunk)
        else:
            pos += len(chunk) + 2
    if not candidates:
        return None
    start, end, replacement = rng.choice(candidates)
    if replacement.endswith(".") and template[end : end + 1] == ".":
        end += 1  # "dagligt." -> "dgl.": the abbreviation's stop ends the sentence
    elif template[start:end].endswith(".") and end == len(template):
        replacement += "."  # "dgl." ending the sentence -> "dagligt."
    return template[:start] + replacement + template[end:]


# --------------------------------------------------------------------------------------
# One consultation
# --------------------------------------------------------------------------------------

SPEAKERS = {"L": "Læge", "P": "Patient"}

GREETINGS: Mapping[str, tuple[str, ...]] = {
    "in-person": (
        "Goddag, kom bare ind og sid ned. Hvad kan jeg hjælpe med?",
        "Hej, velkommen. Hvad bringer dig her i dag?",
    ),
    "video": (
        "Hej, kan du se og høre mig? Godt. Hvad drejer det sig om?",
        "Goddag, billedet er fint. Hvad kan jeg gøre for dig?",
    ),
    "phone": (
        "Ja, det er lægen. Hvad kan jeg hjælpe med?",
        "Hej, det er lægen, der ringer tilbage. Hvad drejer det sig om?",
    ),
}
CLOSINGS = (
    ("L", "Har du andre spørgsmål?"),
    ("P", "Nej, det var det. Tak for hjælpen."),
)
REMOTE_EXAM: Mapping[str, tuple[str, ...]] = {
    "video": ("Videokonsultation.", "Videokonsultation, obj. us. begrænset."),
    "phone": ("Telefonkonsultation.", "Telefonkonsultation, obj. us. ikke mulig."),
}


@dataclass
class Consultation:
    """A consultation: its note sections (both sides) and its transcript."""

    problem: Problem
    sections: list[Section]
    transcript: str
    extra_values: list[Mapping[str, Value]] = field(default_factory=list)


def draw_values(problem: Problem, rng: random.Random) -> dict[str, Value]:
    """Draw every slot of ``problem`` in a stable order."""
    values: dict[str, Value] = {}
    for name, spec in problem.slots.items():
        values[name] = spec.draw(rng, values)
    return values


def _say(template: str, values: Mapping[str, Value], *, digits: bool = False) -> str:
    def spoken(match: re.Match[str]) -> str:
        value = values[match.group(1)]
        return value.spoken_digits if digits and value.spoken_digits else value.spoken

    text = _SLOT.sub(spoken, template)
    return text[:1].upper() + text[1:]


def build_consultation(
    problem: Problem, consultation_type: str, rng: random.Random, *, with_transcript: bool
) -> Consultation:
    """Draw a patient and slot values and lay out the true note and the transcript."""
    values = draw_values(problem, rng)
    values.update((name, spec.draw(rng)) for name, spec in COMMON_SLOTS.items())
    age = rng.randint(*problem.ages)
    who = ""
    if problem.child:
        who = rng.choice(("dreng", "pige"))
        intros = (
            f"{age}-årig {who}, ses med mor pga. {problem.reason}.",
            f"{age}-årig {who} ledsaget af mor. Kontakt pga. {problem.reason}.",
        )
        if "weight" in values:
            # Children's weight follows age (roughly 2 kg per year plus 8).
            values["weight"] = Num(2 * age + 6, 2 * age + 11, 1, "vægt", (5, 9), (3, 80)).draw(rng)
    else:
        who = rng.choice(("kvinde", "mand"))
        intros = (
            f"{age}-årig {who} henvender sig pga. {problem.reason}.",
            f"{age}-årig {who}, kontakt pga. {problem.reason}.",
        )
    intro = Sentence(rng.choice(intros), values)
    remote = consultation_type != "in-person"

    def sentences(facts: Sequence[Fact]) -> list[Sentence]:
        out = []
        for f in facts:
            if remote and f.where == "in-person":
                continue
            out.append(Sentence(rng.choice(f.note), values, fact=f))
        return out

    history = list(problem.history)
    if age >= 18:
        history[1:1] = [f for f in ADULT_HISTORY if rng.random() < 0.7]
    general = (
        not any("upåvirket" in note for f in problem.exam for note in f.note) and rng.random() < 0.6
    )
    exam_facts = ((GENERAL_EXAM,) if general else ()) + problem.exam
    exam_sentences = sentences(exam_facts)
    if remote:
        exam_sentences.insert(0, Sentence(rng.choice(REMOTE_EXAM[consultation_type]), values))
    sections = [
        Section([intro, *sentences(history)]),
        Section(exam_sentences),
        Section(sentences(problem.assessment)),
        Section(sentences(problem.plan)),
    ]
    transcript = ""
    if with_transcript:
        child = who if problem.child else ""
        transcript = render_transcript(problem, sections, values, consultation_type, child, rng)
    return Consultation(problem, sections, transcript)


_PRONOUN_WORD = re.compile(r"\b(?:[Hh]an|[Hh]un|ham|hende)\b")
_PRONOUNS = {
    "dreng": {"Hun": "Han", "hun": "han", "hende": "ham"},
    "pige": {"Han": "Hun", "han": "hun", "ham": "hende"},
}
"""Child problems' dialogue is written with either pronoun; this matches it to the child."""

BACKCHANNELS = ("Mm.", "Okay.", "Ja.", "Nå.", "Ja, ja.", "Det forstår jeg godt.")
HESITATIONS = ("Øh, ", "Altså, ", "Ja, øh, ", "Hm, ")
SMALL_TALK = (
    (("Læge", "Hvordan går det ellers?"), ("P", "Jo tak, det går da.")),
    (
        ("P", "Undskyld, jeg er lidt forsinket, der var ingen parkeringspladser."),
        ("Læge", "Det gør ikke noget."),
    ),
    (("Læge", "Er det en god tid at snakke?"), ("P", "Ja, det passer fint.")),
)


DIGIT_TRANSCRIPT_SHARE = 0.3
"""Share of transcripts whose speech recogniser writes numbers as digits, not words."""


def render_transcript(
    problem: Problem,
    sections: Sequence[Section],
    values: Mapping[str, Value],
    consultation_type: str,
    child: str,
    rng: random.Random,
) -> str:
    """Spoken dialogue stating every fact of the true note, with the fillers of real speech.

    ``child`` is ``"dreng"`` or ``"pige"`` when the mother speaks for a child, else
    ``""``. Fillers (backchannels, hesitations, small talk) carry no clinical content.
    """
    patient = "Mor" if child else "Patient"
    pronouns = _PRONOUNS.get(child, {})
    digits = rng.random() < DIGIT_TRANSCRIPT_SHARE
    turns = [("Læge", rng.choice(GREETINGS[consultation_type]))]
    if rng.random() < 0.3:
        turns.extend((patient if who == "P" else who, text) for who, text in rng.choice(SMALL_TALK))
    complaint = problem.complaint
    if pronouns:
        complaint = _PRONOUN_WORD.sub(lambda m: pronouns.get(m.group(0), m.group(0)), complaint)
    turns.append((patient, complaint))
    for i, section in enumerate(sections):
        if i == 1 and consultation_type == "in-person":
            turns.append(("Læge", "Jeg vil lige undersøge dig."))
        for sentence in section.sentences:
            if sentence.fact is None:
                continue
            for speaker, template in sentence.fact.talk:
                text = _say(template, values, digits=digits)
                if pronouns:
                    text = _PRONOUN_WORD.sub(lambda m: pronouns.get(m.group(0), m.group(0)), text)
                if speaker == "L":
                    turns.append(("Læge", text))
                    continue
                if rng.random() < 0.2:
                    text = rng.choice(HESITATIONS) + text[:1].lower() + text[1:]
                turns.append((patient, text))
                if rng.random() < 0.25:
                    turns.append(("Læge", rng.choice(BACKCHANNELS)))
    turns.extend((SPEAKERS[s] if s == "L" else patient, t) for s, t in CLOSINGS)
    return "\n".join(f"{speaker}: {text}" for speaker, text in turns)


@dataclass(frozen=True)
class EditingProfile:
    """How one clinician handles AI drafts."""

    p_unchanged: float
    p_heavy: float
    vigilance: float
    verbosity: float


@dataclass
class Injected:
    """An injected error or omission waiting for its offsets."""

    sentence: Sentence
    slot: str
    kind: str
    type: str
    corrected: bool
    concept: str
    expected: str


def _error_sites(consultation: Consultation, error_type: str) -> list[tuple[Sentence, str]]:
    sites = []
    for section in consultation.sections:
        for sentence in section.sentences:
            if sentence.fact is None or sentence.edited or not sentence.in_draft:
                continue
            for slot in sentence.slots("draft"):
                value = sentence.values[slot]
                if value.error_type == error_type and value.wrongs:
                    sites.append((sentence, slot))
    return sites


def inject_error(
    consultation: Consultation, error_type: str, corrected: bool, rng: random.Random
) -> Injected | None:
    """Put one error of ``error_type`` in the draft; ``None`` if the note offers no site."""
    problem = consultation.problem
    if error_type == "fabrication" or (error_type == "diagnosis" and rng.random() < 0.5):
        if error_type == "fabrication":
            pool = problem.fabrications + GENERIC_FABRICATIONS
            text, concept = rng.choice(pool)
            present = " ".join(
                s.render("draft")[0] for sec in consultation.sections for s in sec.sentences
            )
            if concept in present.lower() or text.lower() in present.lower():
                return None
            values = {"fab": Value(text, text, concept)}
            sentence = Sentence("{fab}.", values)
            section = consultation.sections[rng.choice((0, 1))]
        else:
            concept = rng.choice(problem.invented_diagnoses)
            if any(
                concept in s.render("draft")[0].lower()
                for sec in consultation.sections
                for s in sec.sentences
            ):
                return None
            values = {"fab": Value(concept, concept, concept)}
            sentence = Sentence(rng.choice(("Mulig {fab}.", "Tillige mistanke om {fab}.")), values)
            section = consultation.sections[2]
        sentence.edited = True
        sentence.in_final = not corrected
        index = rng.randint(1 if section is consultation.sections[0] else 0, len(section.sentences))
        section.sentences.insert(index, sentence)
        consultation.extra_values.append(values)
        return Injected(sentence, "fab", "error", error_type, corrected, concept, "")
    sites = _error_sites(consultation, error_type)
    if not sites:
        return None
    sentence, slot = rng.choice(sites)
    value = sentence.values[slot]
    wrong = rng.choice(value.wrongs)
    sentence.draft_text[slot] = wrong
    if not corrected:
        sentence.final_text[slot] = wrong
    sentence.edited = True
    concept = wrong if error_type in ("medication", "diagnosis") else value.concept
    return Injected(sentence, slot, "error", error_type, corrected, concept, value.note)


def inject_omission(consultation: Consultation, rng: random.Random) -> Injected | None:
    """Leave out of the draft a sentence whose medical term the final note keeps."""
    sites = [
        (s, s.omit_slot)
        for sec in consultation.sections
        for s in sec.sentences
        if s.omit_slot and not s.edited and s.in_draft
    ]
    rng.shuffle(sites)
    for sentence, slot in sites:
        term = sentence.values[slot].note.lower()
        others = (
            o.render("draft")[0].lower()
            for sec in consultation.sections
            for o in sec.sentences
            if o is not sentence
        )
        if not any(term in text for text in others):
            break
    else:
        return None
    sentence.in_draft = False
    sentence.edited = True
    value = sentence.values[slot]
    return Injected(sentence, slot, "omission", "omission", True, value.concept, value.note)


BENIGN_KINDS = ("rephrase", "abbreviation", "number", "reorder")
LIGHT_BENIGN_WEIGHTS = (0.25, 0.45, 0.25, 0.05)
HEAVY_BENIGN_WEIGHTS = (0.4, 0.25, 0.15, 0.2)
"""Light editors mostly touch abbreviations and number formats; heavy editors rephrase
and reorder."""


def _rephrase(consultation: Consultation, present: list[Sentence], rng: random.Random) -> bool:
    options = [s for s in present if len(s.phrasings) > 1 and s.final_template == s.draft_template]
    if not options:
        return False
    sentence = rng.choice(options)
    sentence.final_template = rng.choice(
        [t for t in sentence.phrasings if t != sentence.draft_template]
    )
    return True


def _abbreviate(consultation: Consultation, present: list[Sentence], rng: random.Random) -> bool:
    rng.shuffle(present)
    for sentence in present:
        swapped = swap_abbreviation(sentence.final_template, rng)
        if swapped is not None:
            sentence.final_template = swapped
            return True
    return False


def _reformat_number(
    consultation: Consultation, present: list[Sentence], rng: random.Random
) -> bool:
    options = [
        (s, slot, alt)
        for s in present
        for slot in s.slots("final")
        if (alt := s.values[slot].alt_format) and slot not in s.final_text | s.draft_text
    ]
    if not options:
        return False
    sentence, slot, alt = rng.choice(options)
    sentence.final_text[slot] = alt
    return True


def _reorder(consultation: Consultation, present: list[Sentence], rng: random.Random) -> bool:
    # The first section opens with the patient's age and reason, so it keeps its order.
    sections = [s for s in consultation.sections[1:] if len(s.sentences) >= 2 and not s.final_order]
    if not sections:
        return False
    section = rng.choice(sections)
    order = list(range(len(section.sentences)))
    i = rng.randrange(len(order) - 1)
    order[i], order[i + 1] = order[i + 1], order[i]
    section.final_order = order
    return True


BENIGN_EDITS = {
    "rephrase": _rephrase,
    "abbreviation": _abbreviate,
    "number": _reformat_number,
    "reorder": _reorder,
}
"""Edits of the final note that change no clinical content, by kind."""


def apply_benign_edit(consultation: Consultation, rng: random.Random, kind: str) -> bool:
    """Make one edit of ``kind`` (a key of :data:`BENIGN_EDITS`) to the final note.

    Only sentences in both notes are touched. Returns whether the note offered a
    place for the edit.
    """
    present = [
        s for sec in consultation.sections for s in sec.sentences if s.in_draft and s.in_final
    ]
    return BENIGN_EDITS[kind](consultation, present, rng)


@dataclass
class DraftOutcome:
    ai_note: str
    final_note: str
    labels: list[dict[str, object]]


def _error_count(rng: random.Random, profile_kind: str) -> int:
    r = rng.random()
    if profile_kind == "unchanged":
        return 1 if r < 0.08 else 0
    thresholds = (0.55, 0.86, 0.97) if profile_kind == "light" else (0.35, 0.7, 0.9)
    return sum(r >= t for t in thresholds)


def make_draft(
    consultation: Consultation, profile: EditingProfile, rng: random.Random, layout: Layout
) -> DraftOutcome:
    """Inject errors, omissions and benign edits, then render both notes with labels."""
    r = rng.random()
    kind = (
        "unchanged"
        if r < profile.p_unchanged
        else "heavy"
        if r < profile.p_unchanged + profile.p_heavy
        else "light"
    )
    plan = consultation.sections[3]
    if rng.random() < profile.verbosity:
        filler = Sentence(rng.choice(AI_BOILERPLATE), {})
        plan.sentences.append(filler)
        if kind != "unchanged" and rng.random() < (0.9 if kind == "heavy" else 0.25):
            filler.in_final = False

    injected: list[Injected] = []
    types = [t for t, _ in ERROR_WEIGHTS]
    weights = [w for _, w in ERROR_WEIGHTS]
    for _ in range(_error_count(rng, kind)):
        corrected = kind != "unchanged" and rng.random() < profile.vigilance
        for error_type in rng.choices(types, weights, k=4):
            item = inject_error(consultation, error_type, corrected, rng)
            if item is not None:
                injected.append(item)
                break
    if kind != "unchanged" and rng.random() < (0.3 if kind == "heavy" else 0.18):
        item = inject_omission(consultation, rng)
        if item is not None:
            injected.append(item)

    if kind != "unchanged":
        n_benign = rng.choice((1, 1, 2)) if kind == "light" else rng.randint(5, 9)
        benign_weights = LIGHT_BENIGN_WEIGHTS if kind == "light" else HEAVY_BENIGN_WEIGHTS
        done = 0
        for benign in rng.choices(BENIGN_KINDS, benign_weights, k=4 * n_benign):
            done += apply_benign_edit(consultation, rng, benign)
            if done >= n_benign:
                break
        if kind == "heavy" or rng.random() < 0.08:
            plan.sentences.append(Sentence(rng.choice(CLINICIAN_ADDITIONS), {}, in_draft=False))

    ai_note, draft_spans = render_note(consultation.sections, "draft", layout)
    final_note, final_spans = render_note(consultation.sections, "final", layout)
    if kind == "unchanged" and rng.random() < 0.12:
        final_note += "\n"
    labels: list[dict[str, object]] = []
    for item in injected:
        on_draft = item.kind == "error"
        text = ai_note if on_draft else final_note
        start, end = (draft_spans if on_draft else final_spans)[(id(item.sentence), item.slot)]
        labels.append(
            {
                "kind": item.kind,
                "type": item.type,
                "severity": "critical" if item.type in CRITICAL_TYPES else "non-critical",
                "field": "ai_note" if on_draft else "final_note",
                "start": start,
                "end": end,
                "text": text[start:end],
                "corrected_in_final": item.corrected,
                "concept": item.concept,
                "expected": item.expected,
            }
        )
    return DraftOutcome(ai_note, final_note, labels)


# --------------------------------------------------------------------------------------
# The pilot: clinics, clinicians, dates and timing
# --------------------------------------------------------------------------------------

N_CLINICS = 14
TWO_GP_CLINICS = 4
"""14 clinics, four of them with two GPs: 18 GPs in all."""
PILOT_START = dt.date(2026, 2, 2)
PILOT_WEEKS = 6
TIMEZONE = dt.timezone(dt.timedelta(hours=1))
"""Danish winter time; the pilot weeks lie before the switch to summer time."""
MIN_AI_NOTES = 600
MIN_CONTROL_NOTES = 200
CONSULTATION_TYPES = ("in-person", "video", "phone")
BASE_SECONDS = {"in-person": 330.0, "video": 300.0, "phone": 250.0}
"""Median documentation time of a typical note typed without AI, by consultation type."""
REVIEW_SHARE = 0.6
"""Reading and checking an AI draft takes this share of the typing time before any edit."""
SECONDS_PER_EDITED_CHAR = 0.6
TYPICAL_NOTE_CHARS = 600


@dataclass(frozen=True)
class Clinician:
    clinician_id: str
    clinic_id: str
    layout: Layout
    speed: float
    profile: EditingProfile
    n_ai: int
    n_control: int
    remote_bias: float


def make_clinicians(rng: random.Random) -> list[Clinician]:
    """Draw the 18 GPs of 14 clinics with their speed and editing habits."""
    clinicians = []
    number = 0
    for c in range(1, N_CLINICS + 1):
        clinic_id = f"C{c:02d}"
        layout = Layout(HEADINGS[rng.choice(("soap", "long"))], rng.choice((" ", "\n")))
        remote_bias = rng.uniform(0.6, 1.5)
        for _ in range(2 if c <= TWO_GP_CLINICS else 1):
            number += 1
            profile = EditingProfile(
                p_unchanged=rng.uniform(0.1, 0.43),
                p_heavy=rng.uniform(0.02, 0.25),
                vigilance=rng.uniform(0.78, 0.98),
                verbosity=rng.uniform(0.1, 0.6),
            )
            clinicians.append(
                Clinician(
                    clinician_id=f"GP{number:02d}",
                    clinic_id=clinic_id,
                    layout=layout,
                    speed=rng.lognormvariate(0.0, 0.25),
                    profile=profile,
                    n_ai=rng.randint(22, 52),
                    n_control=rng.randint(8, 17),
                    remote_bias=remote_bias,
                )
            )
    return clinicians


def _pilot_days() -> list[dt.date]:
    days = [PILOT_START + dt.timedelta(days=i) for i in range(PILOT_WEEKS * 7)]
    return [d for d in days if d.weekday() < 5]


def _consultation_type(problem: Problem, clinician: Clinician, rng: random.Random) -> str:
    p_remote = min(0.85, problem.remote_share * clinician.remote_bias)
    if rng.random() >= p_remote:
        return "in-person"
    return "video" if rng.random() < 0.4 else "phone"


SLOTS_PER_DAY = range(8 * 4, 15 * 4 + 2)
"""Quarter-hour consultation slots from 08:00 to 15:30, numbered from midnight."""


def _consultation_slots(
    days: Sequence[dt.date], n: int, rng: random.Random
) -> list[tuple[dt.date, int]]:
    """``n`` distinct (day, slot) pairs: one GP sees one patient per slot."""
    return rng.sample([(day, slot) for day in days for slot in SLOTS_PER_DAY], n)


def _doc_start(day: dt.date, slot: int, rng: random.Random) -> dt.datetime:
    minutes = slot * 15 + rng.randint(8, 16)
    return dt.datetime.combine(day, dt.time(0, 0), TIMEZONE) + dt.timedelta(
        minutes=minutes, seconds=rng.randrange(60)
    )


def _typing_seconds(
    clinician: Clinician, consultation_type: str, n_chars: int, rng: random.Random
) -> float:
    length = (n_chars / TYPICAL_NOTE_CHARS) ** 0.5
    return (
        BASE_SECONDS[consultation_type] * clinician.speed * length * rng.lognormvariate(0.0, 0.25)
    )


def generate(seed: int = DEFAULT_SEED) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Generate the pilot in memory: note rows and label rows (``note_id`` filled in).

    Examples
    --------
    >>> notes, labels = generate(7)
    >>> len(notes) >= 800 and {row["clinic_id"] for row in notes} >= {"C01", "C14"}
    True
    """
    rng = random.Random(seed)
    clinicians = make_clinicians(rng)
    deficit_ai = MIN_AI_NOTES - sum(c.n_ai for c in clinicians)
    deficit_control = MIN_CONTROL_NOTES - sum(c.n_control for c in clinicians)
    if deficit_ai > 0 or deficit_control > 0:
        clinicians = [
            Clinician(
                **{
                    **c.__dict__,
                    "n_ai": c.n_ai + math.ceil(max(deficit_ai, 0) / len(clinicians)),
                    "n_control": c.n_control + math.ceil(max(deficit_control, 0) / len(clinicians)),
                }
            )
            for c in clinicians
        ]
    days = _pilot_days()
    drafted: list[tuple[dt.datetime, str, dict[str, object], list[dict[str, object]]]] = []
    for clinician in clinicians:
        arms = [True] * clinician.n_ai + [False] * clinician.n_control
        slots = _consultation_slots(days, len(arms), rng)
        for ai_assisted, (day, slot) in zip(arms, slots, strict=True):
            problem = rng.choice(PROBLEMS)
            ctype = _consultation_type(problem, clinician, rng)
            consultation = build_consultation(problem, ctype, rng, with_transcript=ai_assisted)
            started = _doc_start(day, slot, rng)
            if ai_assisted:
                outcome = make_draft(consultation, clinician.profile, rng, clinician.layout)
                ai_note, final_note, labels = outcome.ai_note, outcome.final_note, outcome.labels
                distance = Levenshtein.distance(ai_note, final_note)
                review = REVIEW_SHARE * _typing_seconds(clinician, ctype, len(final_note), rng)
                # Even an unchanged draft is open in the editor a few seconds; any edit
                # costs a fixed start-up plus time per edited character.
                active = 3 + (10 + SECONDS_PER_EDITED_CHAR * distance if distance else 0)
                edit = clinician.speed * active * rng.lognormvariate(0.0, 0.45)
                edited = max(1, round(edit))
                doc_seconds = max(15, round(review) + edited)
                edit_seconds: int | None = edited
            else:
                for section in consultation.sections:
                    for sentence in section.sentences:
                        if (
                            sentence.fact is not None
                            and len(sentence.fact.note) > 1
                            and rng.random() < 0.3
                        ):
                            sentence.final_template = rng.choice(sentence.fact.note)
                final_note, _ = render_note(consultation.sections, "final", clinician.layout)
                ai_note, labels = "", []
                doc_seconds = max(
                    30, round(_typing_seconds(clinician, ctype, len(final_note), rng))
                )
                edit_seconds = None
            signed = started + dt.timedelta(seconds=doc_seconds)
            row: dict[str, object] = {
                "note_id": "",
                "clinic_id": clinician.clinic_id,
                "clinician_id": clinician.clinician_id,
                "consultation_type": ctype,
                "language": "da",
                "consultation_date": started.date().isoformat(),
                "ai_assisted": ai_assisted,
                "doc_seconds": doc_seconds,
                "edit_seconds": edit_seconds,
                "doc_started_at": started.isoformat(),
                "doc_signed_at": signed.isoformat(),
                "transcript": consultation.transcript,
                "ai_note": ai_note,
                "final_note": final_note,
            }
            drafted.append((started, clinician.clinician_id, row, labels))
    drafted.sort(key=lambda item: (item[0], item[1]))
    notes: list[dict[str, object]] = []
    all_labels: list[dict[str, object]] = []
    for i, (_, _, row, labels) in enumerate(drafted, start=1):
        note_id = f"demo-{i:04d}"
        row["note_id"] = note_id
        for label in sorted(labels, key=lambda lab: (lab["field"], lab["start"])):
            all_labels.append({"note_id": note_id, **label})
        notes.append(row)
    return notes, all_labels


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> bytes:
    """Serialise rows as UTF-8 CSV with ``\\n`` line endings and minimal quoting.

    Booleans are written ``true``/``false`` and missing values as empty cells.

    Examples
    --------
    >>> to_csv([{"a": True, "b": None, "c": "x,y"}], ["a", "b", "c"])
    b'a,b,c\\ntrue,,"x,y"\\n'
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row[c]) for c in columns])
    return buffer.getvalue().encode("utf-8")


def default_out_dir() -> Path:
    """The package folder that holds the bundled demo files."""
    return Path(__file__).resolve().parent / "demo_da"


def make_demo(out_dir: str | Path | None = None, *, seed: int = DEFAULT_SEED) -> dict[str, Path]:
    """Generate the synthetic Danish pilot and write ``notes.csv`` and ``labels.csv``.

    Parameters
    ----------
    out_dir : str or Path, optional
        Folder to write into (created if missing). Defaults to the bundled
        ``evalkit/datasets/demo_da``.
    seed : int, default 2026
        Seed of :class:`random.Random`; the bundled files use the default.

    Returns
    -------
    dict of str to Path
        ``{"notes": ..., "labels": ...}``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = make_demo(tmp, seed=3)
    ...     sorted(p.name for p in paths.values())
    ['labels.csv', 'notes.csv']
    """
    out = Path(out_dir) if out_dir is not None else default_out_dir()
    out.mkdir(parents=True, exist_ok=True)
    notes, labels = generate(seed)
    paths = {"notes": out / NOTES_FILE, "labels": out / LABELS_FILE}
    paths["notes"].write_bytes(to_csv(notes, NOTE_COLUMNS))
    paths["labels"].write_bytes(to_csv(labels, LABEL_COLUMNS))
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m evalkit.datasets.make_demo [--out DIR] [--seed N]``."""
    parser = argparse.ArgumentParser(
        prog="python -m evalkit.datasets.make_demo",
        description="Write the synthetic Danish GP pilot (notes.csv, labels.csv).",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: the bundled demo_da)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    paths = make_demo(args.out, seed=args.seed)
    for name, path in paths.items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
