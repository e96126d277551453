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
the templates in ``evalkit/datasets/templates_da/`` (TOML, read and checked by
:mod:`evalkit.datasets.demo_templates`) with :class:`random.Random`, so the same
seed gives byte-identical files. Run it with::

    python -m evalkit.datasets.make_demo [--out DIR] [--seed N]

How it works
------------
Each presenting problem (:class:`~evalkit.datasets.demo_model.Problem`) is data:
slots with their possible values (drugs with doses, vital signs, sides,
severities, negated findings) and *facts*, each one note sentence (in one or
more phrasings) plus the dialogue that states it in the transcript. A
consultation draws the slot values and renders the true note once. The AI draft
and the final note are then rendered from the same sentences, each side with its
own phrasing, its own slot text and its own set of sentences, which is how
errors (the draft shows another value), fabrications (a sentence only in the
draft), omissions (a sentence only in the final note) and benign edits (another
phrasing, an abbreviation, a reordering, number formatting) are produced while
keeping track of exact offsets. The chances of each error and edit are the
fields of :class:`DraftErrors`.
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
from evalkit.datasets.demo_model import Fact, Num, Problem, Value
from evalkit.datasets.demo_templates import load_templates
from evalkit.schema import CRITICAL_TYPES

DEFAULT_SEED = 2026
"""Seed of the committed demo files."""

# --------------------------------------------------------------------------------------
# The templates (data files)
# --------------------------------------------------------------------------------------

TEMPLATES = load_templates()
"""The shipped templates; see :func:`evalkit.datasets.demo_templates.load_templates`."""

PROBLEMS: tuple[Problem, ...] = TEMPLATES.problems
COMMON_SLOTS = TEMPLATES.common_slots
ADULT_HISTORY: tuple[Fact, ...] = TEMPLATES.adult_history
GENERAL_EXAM: Fact = TEMPLATES.general_exam
GENERIC_FABRICATIONS = TEMPLATES.generic_fabrications
AI_BOILERPLATE = TEMPLATES.ai_boilerplate
CLINICIAN_ADDITIONS = TEMPLATES.clinician_additions
ABBREVIATIONS = TEMPLATES.abbreviations
HEADINGS = TEMPLATES.headings
GREETINGS = TEMPLATES.greetings
CLOSINGS = TEMPLATES.closings
REMOTE_EXAM = TEMPLATES.remote_exam
BACKCHANNELS = TEMPLATES.backchannels
HESITATIONS = TEMPLATES.hesitations
SMALL_TALK = TEMPLATES.small_talk

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
        turns.extend(
            (patient if who == "P" else SPEAKERS[who], text) for who, text in rng.choice(SMALL_TALK)
        )
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
    consultation: Consultation,
    error_type: str,
    corrected: bool,
    rng: random.Random,
    *,
    errors: DraftErrors | None = None,
) -> Injected | None:
    """Put one error of ``error_type`` in the draft; ``None`` if the note offers no site.

    ``errors`` gives the chance of an invented rather than a replaced diagnosis
    (default :data:`DRAFT_ERRORS`).
    """
    p_invented = (errors or DRAFT_ERRORS).invented_diagnosis
    problem = consultation.problem
    if error_type == "fabrication" or (error_type == "diagnosis" and rng.random() < p_invented):
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

# --------------------------------------------------------------------------------------
# The chances of each kind of draft error and edit
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftErrors:
    """The chances of every error, omission and edit put into an AI draft, in one place.

    A draft is first given an editing *kind*: ``"unchanged"`` (the GP signs it
    as it is), ``"heavy"`` or ``"light"``, with the chances of the GP's
    :class:`EditingProfile`. The fields below then decide what the draft gets
    wrong and what the GP changes. The bundled demo uses the defaults
    (:data:`DRAFT_ERRORS`); changing any of them changes the generated files.

    Attributes
    ----------
    error_weights : tuple of (type, weight)
        Relative weight of each injected error type when the note offers a
        place for it. Sides and severities occur in fewer problems, so their
        weights are higher.
    tries_per_error : int
        Error types drawn per error; the first one the note has a place for is used.
    unchanged_error : float
        Chance that a draft the GP signs unchanged carries one (uncorrected) error.
    light_error_thresholds, heavy_error_thresholds : tuple of float
        A uniform draw at or above each threshold adds one error: with
        ``(0.55, 0.86, 0.97)`` a lightly edited draft has 0, 1, 2 or 3 errors
        with chances 0.55, 0.31, 0.11 and 0.03.
    invented_diagnosis : float
        Chance that a ``"diagnosis"`` error adds an invented diagnosis instead of
        replacing the working one.
    light_omission, heavy_omission : float
        Chance that the draft leaves out a sentence the final note keeps.
    light_filler_deleted, heavy_filler_deleted : float
        Chance that the GP deletes the AI's filler sentence.
    light_benign_counts : tuple of int
        Number of benign edits of a light edit, drawn uniformly from this tuple.
    heavy_benign_range : (int, int)
        Inclusive range of the number of benign edits of a heavy edit.
    benign_kinds : tuple of str
        The benign edit kinds, in the order of the two weight tuples.
    light_benign_weights, heavy_benign_weights : tuple of float
        Light editors mostly touch abbreviations and number formats; heavy
        editors rephrase and reorder.
    benign_tries_per_edit : int
        Edit kinds drawn per wanted benign edit (a kind may find no place).
    light_clinician_addition : float
        Chance that a light editor adds a non-clinical sentence (heavy editors always do).
    unchanged_trailing_newline : float
        Chance that an unchanged draft is signed with a trailing newline.
    p_unchanged_range, p_heavy_range, vigilance_range, verbosity_range : (float, float)
        Ranges of each GP's :class:`EditingProfile`, drawn uniformly.
    """

    error_weights: tuple[tuple[str, float], ...] = (
        ("medication", 0.13),
        ("dose", 0.14),
        ("number", 0.15),
        ("negation", 0.14),
        ("laterality", 0.30),
        ("diagnosis", 0.10),
        ("fabrication", 0.14),
        ("severity", 0.25),
    )
    tries_per_error: int = 4
    unchanged_error: float = 0.08
    light_error_thresholds: tuple[float, ...] = (0.55, 0.86, 0.97)
    heavy_error_thresholds: tuple[float, ...] = (0.35, 0.7, 0.9)
    invented_diagnosis: float = 0.5
    light_omission: float = 0.18
    heavy_omission: float = 0.3
    light_filler_deleted: float = 0.25
    heavy_filler_deleted: float = 0.9
    light_benign_counts: tuple[int, ...] = (1, 1, 2)
    heavy_benign_range: tuple[int, int] = (5, 9)
    benign_kinds: tuple[str, ...] = ("rephrase", "abbreviation", "number", "reorder")
    light_benign_weights: tuple[float, ...] = (0.25, 0.45, 0.25, 0.05)
    heavy_benign_weights: tuple[float, ...] = (0.4, 0.25, 0.15, 0.2)
    benign_tries_per_edit: int = 4
    light_clinician_addition: float = 0.08
    unchanged_trailing_newline: float = 0.12
    p_unchanged_range: tuple[float, float] = (0.1, 0.43)
    p_heavy_range: tuple[float, float] = (0.02, 0.25)
    vigilance_range: tuple[float, float] = (0.78, 0.98)
    verbosity_range: tuple[float, float] = (0.1, 0.6)

    def __post_init__(self) -> None:
        shares = {
            name: getattr(self, name)
            for name in (
                "unchanged_error",
                "invented_diagnosis",
                "light_omission",
                "heavy_omission",
                "light_filler_deleted",
                "heavy_filler_deleted",
                "light_clinician_addition",
                "unchanged_trailing_newline",
            )
        }
        for name in ("p_unchanged_range", "p_heavy_range", "vigilance_range", "verbosity_range"):
            low, high = getattr(self, name)
            shares[f"{name}[0]"], shares[f"{name}[1]"] = low, high
            if low > high:
                raise ValueError(f"DraftErrors.{name} must be (low, high), got {(low, high)}")
        for name, value in shares.items():
            if not 0 <= value <= 1:
                raise ValueError(
                    f"DraftErrors.{name} is a probability and must lie in [0, 1], got {value}"
                )
        for name in ("light_error_thresholds", "heavy_error_thresholds"):
            thresholds = getattr(self, name)
            if list(thresholds) != sorted(thresholds) or not all(0 <= t <= 1 for t in thresholds):
                raise ValueError(f"DraftErrors.{name} must rise within [0, 1], got {thresholds}")
        for name in ("light_benign_weights", "heavy_benign_weights"):
            if len(getattr(self, name)) != len(self.benign_kinds):
                raise ValueError(
                    f"DraftErrors.{name} needs one weight per benign kind "
                    f"{self.benign_kinds}, got {getattr(self, name)}"
                )
        unknown = set(self.benign_kinds) - set(BENIGN_EDITS)
        if unknown:
            raise ValueError(
                f"DraftErrors.benign_kinds has unknown kinds {sorted(unknown)}; "
                f"known: {sorted(BENIGN_EDITS)}"
            )


DRAFT_ERRORS = DraftErrors()
"""The chances the bundled demo was generated with."""


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


def _error_count(rng: random.Random, profile_kind: str, errors: DraftErrors) -> int:
    r = rng.random()
    if profile_kind == "unchanged":
        return 1 if r < errors.unchanged_error else 0
    if profile_kind == "light":
        thresholds = errors.light_error_thresholds
    else:
        thresholds = errors.heavy_error_thresholds
    return sum(r >= t for t in thresholds)


def make_draft(
    consultation: Consultation,
    profile: EditingProfile,
    rng: random.Random,
    layout: Layout,
    *,
    errors: DraftErrors = DRAFT_ERRORS,
) -> DraftOutcome:
    """Inject errors, omissions and benign edits, then render both notes with labels.

    ``errors`` holds the chances of each kind of error and edit.
    """
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
        p_deleted = errors.heavy_filler_deleted if kind == "heavy" else errors.light_filler_deleted
        if kind != "unchanged" and rng.random() < p_deleted:
            filler.in_final = False

    injected: list[Injected] = []
    types = [t for t, _ in errors.error_weights]
    weights = [w for _, w in errors.error_weights]
    for _ in range(_error_count(rng, kind, errors)):
        corrected = kind != "unchanged" and rng.random() < profile.vigilance
        for error_type in rng.choices(types, weights, k=errors.tries_per_error):
            item = inject_error(consultation, error_type, corrected, rng, errors=errors)
            if item is not None:
                injected.append(item)
                break
    p_omission = errors.heavy_omission if kind == "heavy" else errors.light_omission
    if kind != "unchanged" and rng.random() < p_omission:
        item = inject_omission(consultation, rng)
        if item is not None:
            injected.append(item)

    if kind != "unchanged":
        if kind == "light":
            n_benign = rng.choice(errors.light_benign_counts)
            benign_weights = errors.light_benign_weights
        else:
            n_benign = rng.randint(*errors.heavy_benign_range)
            benign_weights = errors.heavy_benign_weights
        done = 0
        tries = errors.benign_tries_per_edit * n_benign
        for benign in rng.choices(errors.benign_kinds, benign_weights, k=tries):
            done += apply_benign_edit(consultation, rng, benign)
            if done >= n_benign:
                break
        if kind == "heavy" or rng.random() < errors.light_clinician_addition:
            plan.sentences.append(Sentence(rng.choice(CLINICIAN_ADDITIONS), {}, in_draft=False))

    ai_note, draft_spans = render_note(consultation.sections, "draft", layout)
    final_note, final_spans = render_note(consultation.sections, "final", layout)
    if kind == "unchanged" and rng.random() < errors.unchanged_trailing_newline:
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


def make_clinicians(rng: random.Random, *, errors: DraftErrors = DRAFT_ERRORS) -> list[Clinician]:
    """Draw the 18 GPs of 14 clinics with their speed and editing habits.

    The editing profiles are drawn within the ranges of ``errors``.
    """
    clinicians = []
    number = 0
    for c in range(1, N_CLINICS + 1):
        clinic_id = f"C{c:02d}"
        layout = Layout(HEADINGS[rng.choice(("soap", "long"))], rng.choice((" ", "\n")))
        remote_bias = rng.uniform(0.6, 1.5)
        for _ in range(2 if c <= TWO_GP_CLINICS else 1):
            number += 1
            profile = EditingProfile(
                p_unchanged=rng.uniform(*errors.p_unchanged_range),
                p_heavy=rng.uniform(*errors.p_heavy_range),
                vigilance=rng.uniform(*errors.vigilance_range),
                verbosity=rng.uniform(*errors.verbosity_range),
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
