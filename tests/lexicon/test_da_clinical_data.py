"""Checks of the shipped Danish clinical lexicon (``da_clinical.tsv``) and its stoplist.

The file is data written by hand, so these tests check what a reviewer would:
the shared file convention, the size the project asked for, the synonym
decisions that other code relies on, the stoplist, and that the matcher
actually finds every term. The spelling cross-check reads the SKS diagnosis
extract in ``../shared/datasets`` and skips when it is absent.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.lexicon.loaders import read_lexicon_file, read_stoplist
from evalkit.lexicon.matcher import _inverse_base, fold, get_matcher
from evalkit.lexicon.polarity import negation_cues

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "evalkit" / "lexicon" / "data"
LEXICON = DATA_DIR / "da_clinical.tsv"
STOPLIST = DATA_DIR / "da_clinical_stoplist.txt"
SKS_DIAGNOSES = REPO / ".." / "shared" / "datasets" / "sks" / "sks_diagnoses.csv"

HEADER = ["term", "concept_id", "category", "language", "source"]
PREFIX_CATEGORY = {
    "sym": "symptom",
    "find": "finding",
    "dx": "diagnosis",
    "proc": "procedure",
    "anat": "anatomy",
    "lab": "lab",
    "vital": "vital",
}
CONCEPT_ID = re.compile(r"(sym|find|dx|proc|anat|lab|vital):[a-z0-9]+(?:_[a-z0-9]+)*")
SOURCE_TAG = re.compile(r"evalkit-[a-z]+-da-\d{4}\.\d+")
GROUP_COMMENT = re.compile(r"# group: .+; source: .+")


@dataclass(frozen=True)
class Row:
    line_no: int
    group: str | None
    term: str
    concept_id: str
    category: str
    language: str
    source: str


def _read_lexicon() -> tuple[list[str], int, list[Row], list[list[str]], dict[str, int]]:
    """Header, its line number, rows with their group comment, raw fields, rows per group."""
    header: list[str] | None = None
    header_line = 0
    rows: list[Row] = []
    raw: list[list[str]] = []
    group: str | None = None
    per_group: dict[str, int] = {}
    with LEXICON.open(encoding="utf-8", newline="") as fh:
        for line_no, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                if line.startswith("# group:"):
                    group = line
                    per_group[group] = 0
                continue
            fields = line.split("\t")
            if header is None:
                header, header_line = fields, line_no
                continue
            raw.append(fields)
            if len(fields) == len(HEADER):
                rows.append(Row(line_no, group, *fields))
                if group is not None:
                    per_group[group] += 1
    if header is None:
        raise ValueError(f"{LEXICON} has no header line")
    return header, header_line, rows, raw, per_group


def _read_stoplist() -> tuple[list[tuple[str, str | None]], list[str]]:
    """(term, reason comment in force) per stoplist line, and all comment lines."""
    entries: list[tuple[str, str | None]] = []
    comments: list[str] = []
    reason: str | None = None
    for line in STOPLIST.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            reason = None
            continue
        if line.startswith("#"):
            comments.append(line)
            if line.startswith("# reason:"):
                reason = line
            continue
        entries.append((line.strip(), reason))
    return entries, comments


HEADER_FOUND, HEADER_LINE, ROWS, RAW_FIELDS, ROWS_PER_GROUP = _read_lexicon()
STOP_ENTRIES, STOP_COMMENTS = _read_stoplist()
STOP_TERMS = [term for term, _ in STOP_ENTRIES]
CONCEPT_OF = {row.term: row.concept_id for row in ROWS}


def _concept(term: str) -> str:
    if term not in CONCEPT_OF:
        pytest.fail(f"{term!r} is missing from {LEXICON.name}")
    return CONCEPT_OF[term]


# --- the shared file convention -------------------------------------------------------------


def test_header_is_the_first_line_and_the_shared_header():
    assert HEADER_LINE == 1
    assert HEADER_FOUND == HEADER


def test_every_row_has_five_nonempty_trimmed_fields():
    bad = [f for f in RAW_FIELDS if len(f) != 5 or any(not v or v != v.strip() for v in f)]
    assert bad == []


def test_category_follows_the_concept_prefix_and_language_is_da():
    bad = [
        (r.line_no, r.concept_id, r.category)
        for r in ROWS
        if r.category != PREFIX_CATEGORY.get(r.concept_id.split(":")[0])
    ]
    assert bad == []
    assert {r.language for r in ROWS} == {"da"}


def test_concept_ids_are_prefixed_snake_case():
    bad = sorted({r.concept_id for r in ROWS if not CONCEPT_ID.fullmatch(r.concept_id)})
    assert bad == []


def test_source_tags_are_well_formed():
    bad = sorted({r.source for r in ROWS if not SOURCE_TAG.fullmatch(r.source)})
    assert bad == []


def test_terms_are_nfc_single_spaced_without_control_characters():
    bad = [
        (r.line_no, r.concept_id)
        for r in ROWS
        if unicodedata.normalize("NFC", r.term) != r.term
        or any(unicodedata.category(ch).startswith("C") for ch in r.term)
        or "  " in r.term
    ]
    assert bad == []


def test_no_duplicate_term_concept_pairs():
    seen: dict[tuple[str, str], int] = {}
    duplicates = []
    for r in ROWS:
        key = (r.term, r.concept_id)
        if key in seen:
            duplicates.append((seen[key], r.line_no, r.term))
        seen[key] = r.line_no
    assert duplicates == []


def test_terms_that_the_matcher_folds_alike_are_one_row():
    # Two rows folding to the same key are either a redundant spelling of one
    # concept or, worse, one surface form naming two concepts.
    by_key: dict[str, list[Row]] = defaultdict(list)
    for r in ROWS:
        by_key[fold(r.term)].append(r)
    clashes = {k: [(r.term, r.concept_id) for r in v] for k, v in by_key.items() if len(v) > 1}
    assert clashes == {}


def test_every_row_sits_in_a_group_with_a_source_comment():
    assert [r.line_no for r in ROWS if r.group is None] == []
    bad_groups = sorted(g for g in ROWS_PER_GROUP if not GROUP_COMMENT.fullmatch(g))
    assert bad_groups == []
    assert [g for g, n in ROWS_PER_GROUP.items() if n == 0] == []


def test_the_shipped_loader_reads_every_row_and_the_stoplist():
    lexicon = read_lexicon_file(LEXICON)
    assert len(lexicon.entries) == len(ROWS)
    assert {e.concept_id for e in lexicon.entries} == {r.concept_id for r in ROWS}
    assert read_stoplist(STOPLIST) == set(STOP_TERMS)


# --- size and coverage -------------------------------------------------------------------------


def test_size_of_the_lexicon():
    assert len(ROWS) >= 1800
    concepts: dict[str, set[str]] = defaultdict(set)
    for r in ROWS:
        concepts[r.category].add(r.concept_id)
    for category in ("symptom", "finding", "diagnosis"):
        assert len(concepts[category]) >= 100, category
    for category in ("anatomy", "procedure", "lab", "vital"):
        assert len(concepts[category]) >= 15, category


# Every term the project brief names for this file, grouped as the brief lists them.
BRIEF_TERMS = [
    "ondt i halsen",
    "halssmerter",
    "synkesmerter",
    "hoste",
    "tør hoste",
    "slimhoste",
    "feber",
    "febril",
    "pyreksi",
    "åndenød",
    "dyspnø",
    "hovedpine",
    "cephalalgi",
    "svimmelhed",
    "vertigo",
    "kvalme",
    "opkastning",
    "diarré",
    "tynd mave",
    "forstoppelse",
    "obstipation",
    "brystsmerter",
    "trykken for brystet",
    "ondt i ryggen",
    "lændesmerter",
    "lumbago",
    "træthed",
    "vægttab",
    "hjertebanken",
    "palpitationer",
    "svie ved vandladning",
    "dysuri",
    "hyppig vandladning",
    "pollakisuri",
    "vesikulær respiration",
    "normal respiration",
    "krepitationer",
    "knitren",
    "rhonchi",
    "pibende vejrtrækning",
    "stridor",
    "tonsilbelægninger",
    "hævede tonsiller",
    "rødme",
    "ødem",
    "bensår",
    "trommehinde bombering",
    "ømhed",
    "defense",
    "hepatomegali",
    "pitting ødem",
    "nakkestivhed",
    "udslæt",
    "exanthem",
    "u.a.",
    "KOL",
    "kronisk obstruktiv lungesygdom",
    "COPD",
    "halsbetændelse",
    "tonsillitis",
    "streptokokangina",
    "cystitis",
    "blærebetændelse",
    "UVI",
    "pneumoni",
    "lungebetændelse",
    "otitis media",
    "mellemørebetændelse",
    "hypertension",
    "forhøjet blodtryk",
    "type 2-diabetes",
    "T2DM",
    "DM2",
    "sukkersyge",
    "atrieflimren",
    "AFLI",
    "depression",
    "angst",
    "astma",
    "migræne",
    "hals",
    "svælg",
    "pharynx",
    "mave",
    "abdomen",
    "lyske",
    "ingvinal",
    "knæ",
    "genu",
    "spirometri",
    "EKG",
    "urinstix",
    "podning",
    "Strep A-test",
    "blodprøve",
    "røntgen af thorax",
    "henvisning",
    "ultralyd",
    "24-timers blodtryksmåling",
    "CRP",
    "HbA1c",
    "eGFR",
    "INR",
    "hæmoglobin",
    "Hb",
    "leukocytter",
    "TSH",
    "kreatinin",
    "ALAT",
    "kolesterol",
    "LDL",
    "ferritin",
    "B12",
    "D-vitamin",
    "PSA",
    "blodtryk",
    "BT",
    "puls",
    "p",
    "temperatur",
    "temp",
    "T",
    "saturation",
    "SAT",
    "SpO2",
    "respirationsfrekvens",
    "RF",
    "vægt",
    "højde",
    "BMI",
    "peak flow",
]


def test_every_term_named_in_the_brief_is_present():
    assert [t for t in BRIEF_TERMS if t not in CONCEPT_OF] == []


# --- synonym decisions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "concept_id"),
    [
        (["ondt i halsen", "halssmerter", "synkesmerter"], "sym:sore_throat"),
        (["KOL", "kronisk obstruktiv lungesygdom", "COPD"], "dx:copd"),
        (["blodtryk", "BT"], "vital:blood_pressure"),
        (["feber", "febril", "pyreksi"], "sym:fever"),
        (["åndenød", "dyspnø"], "sym:shortness_of_breath"),
        (["hovedpine", "cephalalgi"], "sym:headache"),
        (["diarré", "tynd mave"], "sym:diarrhoea"),
        (["forstoppelse", "obstipation"], "sym:constipation"),
        (["brystsmerter", "ondt i brystet"], "sym:chest_pain"),
        (["lændesmerter", "lumbago"], "sym:low_back_pain"),
        (["hjertebanken", "palpitationer"], "sym:palpitations"),
        (["svie ved vandladning", "dysuri"], "sym:dysuria"),
        (["hyppig vandladning", "pollakisuri"], "sym:urinary_frequency"),
        (["krepitationer", "knitren"], "find:crackles"),
        (["udslæt", "exanthem"], "find:rash"),
        (["u.a.", "upåfaldende"], "find:no_abnormality"),
        (["halsbetændelse", "tonsillitis"], "dx:tonsillitis"),
        (["cystitis", "blærebetændelse"], "dx:cystitis"),
        (["pneumoni", "lungebetændelse"], "dx:pneumonia"),
        (["otitis media", "mellemørebetændelse"], "dx:otitis_media"),
        (["hypertension", "forhøjet blodtryk"], "dx:hypertension"),
        (["type 2-diabetes", "T2DM", "DM2"], "dx:type_2_diabetes"),
        (["atrieflimren", "AFLI"], "dx:atrial_fibrillation"),
        (["hals", "svælg", "pharynx"], "anat:throat"),
        (["mave", "abdomen"], "anat:abdomen"),
        (["lyske", "ingvinal"], "anat:groin"),
        (["knæ", "genu"], "anat:knee"),
        (["hæmoglobin", "Hb"], "lab:haemoglobin"),
        (["puls", "p"], "vital:heart_rate"),
        (["temperatur", "temp", "T"], "vital:temperature"),
        (["saturation", "SAT", "SpO2"], "vital:oxygen_saturation"),
        (["respirationsfrekvens", "RF"], "vital:respiratory_rate"),
    ],
)
def test_synonyms_share_a_concept(terms, concept_id):
    assert {t: _concept(t) for t in terms} == {t: concept_id for t in terms}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Clinically different, so a draft that swaps one for the other has changed the note.
        ("tør hoste", "slimhoste"),
        ("kvalme", "opkastning"),
        ("svimmelhed", "vertigo"),
        ("cystitis", "UVI"),
        ("sukkersyge", "type 2-diabetes"),
        ("halsbetændelse", "streptokokangina"),
        ("brystsmerter", "trykken for brystet"),
        ("tør hoste", "hoste"),
    ],
)
def test_deliberately_distinct_concepts(first, second):
    assert _concept(first) != _concept(second)


# --- base forms and the matcher ---------------------------------------------------------------


def test_single_words_are_not_in_the_definite_form():
    # Danish definite singular of -else/-ning/-hed/-ion nouns; the matcher inflects base forms.
    definite = re.compile(r"(elsen|ningen|heden|ionen)$")
    bad = [r.term for r in ROWS if " " not in r.term and definite.search(r.term)]
    assert bad == []


def test_no_term_starts_with_a_negation_cue():
    # The matcher drops lexicon terms that start with a negation cue, so such a row is dead.
    pre_cues = [cue for cue, kind in negation_cues("da").items() if kind == "pre"]
    bad = [r.term for r in ROWS if any(fold(r.term).startswith(cue + " ") for cue in pre_cues)]
    assert bad == []


@pytest.fixture(scope="module")
def matcher():
    return get_matcher("da")


def test_the_matcher_finds_every_term_as_its_own_concept(matcher):
    # The number after the term is the context a lower-case stoplisted term needs ("p 72").
    # a term for the absence of a concept ("uøm", find:no_tenderness) is found as
    # that concept, negated (find:tenderness)
    concepts = {r.concept_id for r in ROWS}
    missed = []
    for r in ROWS:
        text = f"Pt. har {r.term} 12 i dag."
        spans = {(text[m.start : m.end], m.concept_id) for m in matcher.find(text)}
        expected = _inverse_base(r.concept_id, concepts) or r.concept_id
        if (r.term.rstrip("."), expected) not in spans:
            missed.append((r.term, r.concept_id, sorted(spans)))
    assert missed == []


FILLERS = ["", "Pt. beretter", "Obj.:", "I dag", "Siden i går", "Tidligere", "Aktuelt"]
ENDINGS = ["", ".", ",", " i 3 dage.", ":", " og i øvrigt velbefindende."]
NOT_STOPLISTED = [r for r in ROWS if fold(r.term) not in {fold(t) for t in STOP_TERMS}]


@settings(max_examples=150, deadline=None)
@given(
    row=st.sampled_from(NOT_STOPLISTED),
    before=st.sampled_from(FILLERS),
    after=st.sampled_from(ENDINGS),
    capitalise=st.booleans(),
)
def test_a_term_is_found_whatever_the_context_and_initial_case(
    matcher, row, before, after, capitalise
):
    term = row.term[:1].upper() + row.term[1:] if capitalise else row.term
    text = f"{before} {term}{after}".strip()
    start = text.index(term)
    end = start + len(term)
    # an absence ("afebril") is found as the concept it is the absence of
    expected = _inverse_base(row.concept_id, {r.concept_id for r in ROWS}) or row.concept_id
    found = matcher.find(text)
    # a filler may join the term into a longer lexicon term ("Tidligere" + "ryger" is
    # an ex-smoker): then a longer match must cover the whole term
    longer = [m for m in found if m.start <= start and m.end >= end and m.end - m.start > len(term)]
    assert expected in {m.concept_id for m in found} or longer


# --- the stoplist ---------------------------------------------------------------------------


def test_stoplist_terms_are_lexicon_terms_listed_once_with_a_reason():
    assert len(STOP_TERMS) == len(set(STOP_TERMS))
    assert [t for t in STOP_TERMS if t not in CONCEPT_OF] == []
    assert [t for t, reason in STOP_ENTRIES if reason is None] == []


def test_short_ascii_abbreviations_are_stoplisted():
    # One or two ASCII characters read as ordinary words, units or initials in running text.
    short = sorted(r.term for r in ROWS if len(r.term) <= 2 and r.term.isascii())
    assert [t for t in short if t not in STOP_TERMS] == []


# Everyday Danish (and a few English) words that an upper-case abbreviation could spell.
EVERYDAY_WORDS = {
    "at",
    "af",
    "og",
    "er",
    "en",
    "et",
    "de",
    "den",
    "det",
    "som",
    "til",
    "med",
    "for",
    "men",
    "kan",
    "vil",
    "var",
    "sat",
    "alt",
    "fit",
    "add",
    "gad",
    "rast",
    "le",
    "ed",
    "ms",
    "ben",
    "is",
    "tid",
    "dag",
    "set",
    "god",
    "mor",
    "far",
    "ved",
    "bad",
    "led",
    "ser",
    "bag",
    "rad",
}


def test_abbreviations_spelling_everyday_words_are_stoplisted():
    bad = sorted(
        r.term
        for r in ROWS
        if r.term.isupper() and r.term.casefold() in EVERYDAY_WORDS and r.term not in STOP_TERMS
    )
    assert bad == []


@pytest.mark.parametrize(
    "term",
    [
        "Ca",
        "ca",
        "AF",
        "SR",
        "K",
        "Mg",
        "dens",
        "ren",
        "os",
        "AT",
        "angina",
        "ulcus",
        "abort",
        "tid",
        "is",
    ],
)
def test_terms_left_out_as_too_ambiguous_are_absent(term):
    assert fold(term) not in {fold(r.term) for r in ROWS}
    start = next(i for i, c in enumerate(STOP_COMMENTS) if "Left out of the lexicon" in c)
    left_out_note = " ".join(STOP_COMMENTS[start:])
    assert re.search(rf"(?<!\w){re.escape(term)}(?!\w)", left_out_note, re.IGNORECASE), (
        "the stoplist comment says why the term is left out"
    )


# --- fact check against SKS ----------------------------------------------------------------------


def test_most_diagnoses_have_a_name_used_in_sks():
    if not SKS_DIAGNOSES.is_file():
        pytest.skip(f"SKS extract not found at {SKS_DIAGNOSES}; place shared/ beside the repo")
    with SKS_DIAGNOSES.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        sks_text = " " + " ".join(fold(text) for _, text in reader) + " "
    terms_by_concept: dict[str, list[str]] = defaultdict(list)
    for r in ROWS:
        if r.category == "diagnosis":
            terms_by_concept[r.concept_id].append(r.term)
    confirmed = [
        c for c, terms in terms_by_concept.items() if any(f" {fold(t)} " in sks_text for t in terms)
    ]
    # Lay names (kyssesyge, vindueskiggersyge) and GP shorthand are not SKS texts, so not all
    # concepts can be confirmed; a drop below this share points at misspelt or invented names.
    assert len(confirmed) / len(terms_by_concept) >= 0.7
