"""Checks of the shipped Danish medication lexicon (``da_medications.tsv``) and its stoplist.

The brand table below was checked by hand against the products' declared active
substances; the spelling check reads the SKS ATC extract in ``../shared/datasets``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "evalkit" / "lexicon" / "data"
LEXICON = DATA_DIR / "da_medications.tsv"
STOPLIST = DATA_DIR / "da_medications_stoplist.txt"
SKS_ATC = REPO / ".." / "shared" / "datasets" / "sks" / "sks_atc.csv"

HEADER = ["term", "concept_id", "category", "language", "source"]
CATEGORIES = {
    "symptom",
    "finding",
    "diagnosis",
    "medication",
    "procedure",
    "anatomy",
    "lab",
    "vital",
}
CONCEPT_ID = re.compile(r"med:[a-z0-9]+(?:_[a-z0-9]+)*")
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


def _read_lexicon() -> tuple[list[str], list[Row], list[list[str]]]:
    """Header, data rows (with the group comment in force) and raw field lists."""
    header: list[str] | None = None
    rows: list[Row] = []
    raw: list[list[str]] = []
    group: str | None = None
    with LEXICON.open(encoding="utf-8", newline="") as fh:
        for line_no, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                if line.startswith("# group:"):
                    group = line
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            raw.append(fields)
            if len(fields) == len(HEADER):
                rows.append(Row(line_no, group, *fields))
    if header is None:
        raise ValueError(f"{LEXICON} has no header line")
    return header, rows, raw


HEADER_FOUND, ROWS, RAW_FIELDS = _read_lexicon()


def _concepts_by_term() -> dict[str, set[str]]:
    mapping: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        mapping[row.term].add(row.concept_id)
    return mapping


def _is_brand(row: Row) -> bool:
    return row.source.startswith("evalkit-brands-")


def test_header_is_the_shared_lexicon_header():
    assert HEADER_FOUND == HEADER


def test_every_row_has_five_nonempty_trimmed_fields():
    bad = [f for f in RAW_FIELDS if len(f) != 5 or any(not v or v != v.strip() for v in f)]
    assert bad == []


def test_category_and_language_are_valid():
    assert {r.category for r in ROWS} <= CATEGORIES
    assert {r.category for r in ROWS} == {"medication"}
    # The shipped-lexicon loader rejects any other language in a da_*.tsv file.
    assert {r.language for r in ROWS} == {"da"}


def test_concept_ids_are_med_snake_case():
    bad = sorted({r.concept_id for r in ROWS if not CONCEPT_ID.fullmatch(r.concept_id)})
    assert bad == []


def test_source_tags_are_well_formed():
    bad = sorted({r.source for r in ROWS if not SOURCE_TAG.fullmatch(r.source)})
    assert bad == []


def test_terms_are_nfc_without_control_characters():
    bad = [
        (r.line_no, r.concept_id)
        for r in ROWS
        if unicodedata.normalize("NFC", r.term) != r.term
        or any(unicodedata.category(ch).startswith("C") for ch in r.term)
        or "  " in r.term
    ]
    assert bad == []


def test_no_duplicate_term_concept_pairs_even_ignoring_case():
    seen: dict[tuple[str, str], int] = {}
    duplicates = []
    for r in ROWS:
        key = (r.term.casefold(), r.concept_id)
        if key in seen:
            duplicates.append((seen[key], r.line_no, r.concept_id))
        seen[key] = r.line_no
    assert duplicates == []


def test_size_of_the_lexicon():
    assert len(ROWS) >= 1000
    assert len({r.term.casefold() for r in ROWS}) >= 1000
    assert len({r.concept_id for r in ROWS}) >= 400


def test_every_row_sits_in_a_group_with_a_source_comment():
    ungrouped = [r.line_no for r in ROWS if r.group is None]
    assert ungrouped == []
    assert all(GROUP_COMMENT.fullmatch(r.group) for r in ROWS if r.group)


def test_each_group_has_one_source_tag():
    tags: dict[str, set[str]] = defaultdict(set)
    for r in ROWS:
        tags[r.group].add(r.source)
    assert {g: t for g, t in tags.items() if len(t) != 1} == {}


def test_no_group_comment_is_left_without_rows():
    comments = [
        line.rstrip("\n")
        for line in LEXICON.read_text(encoding="utf-8").splitlines()
        if line.startswith("# group:")
    ]
    used = {r.group for r in ROWS}
    assert len(comments) == len(set(comments))
    assert [c for c in comments if c not in used] == []


# Hand-checked against each product's declared active substance(s). Combination
# products map to every component.
EXPECTED_BRANDS: dict[str, set[str]] = {
    "Pamol": {"med:paracetamol"},
    "Panodil": {"med:paracetamol"},
    "Pinex": {"med:paracetamol"},
    "Ipren": {"med:ibuprofen"},
    "Ibumetin": {"med:ibuprofen"},
    "Hjertemagnyl": {"med:acetylsalicylic_acid"},
    "Magnyl": {"med:acetylsalicylic_acid"},
    "Kodimagnyl": {"med:acetylsalicylic_acid", "med:codeine"},
    "Treo": {"med:acetylsalicylic_acid", "med:caffeine"},
    "Furix": {"med:furosemide"},
    "Burinex": {"med:bumetanide"},
    "Spirix": {"med:spironolactone"},
    "Centyl": {"med:bendroflumethiazide"},
    "Selexid": {"med:pivmecillinam"},
    "Primcillin": {"med:phenoxymethylpenicillin"},
    "Kåvepenin": {"med:phenoxymethylpenicillin"},
    "Imadrax": {"med:amoxicillin"},
    "Zithromax": {"med:azithromycin"},
    "Doxylin": {"med:doxycycline"},
    "Ventoline": {"med:salbutamol"},
    "Spiriva": {"med:tiotropium"},
    "Bricanyl": {"med:terbutaline"},
    "Pulmicort": {"med:budesonide"},
    "Flixotide": {"med:fluticasone"},
    "Seretide": {"med:salmeterol", "med:fluticasone"},
    "Symbicort": {"med:budesonide", "med:formoterol"},
    "Diclon": {"med:diclofenac"},
    "Voltaren": {"med:diclofenac"},
    "Norspan": {"med:buprenorphine"},
    "Contalgin": {"med:morphine"},
    "Oxynorm": {"med:oxycodone"},
    "Tradolan": {"med:tramadol"},
    "Dolol": {"med:tramadol"},
    "Marevan": {"med:warfarin"},
    "Eliquis": {"med:apixaban"},
    "Xarelto": {"med:rivaroxaban"},
    "Pradaxa": {"med:dabigatran"},
    "Cipramil": {"med:citalopram"},
    "Zoloft": {"med:sertraline"},
    "Lyrica": {"med:pregabalin"},
    "Lantus": {"med:insulin_glargine"},
    "NovoRapid": {"med:insulin_aspart"},
    "Ozempic": {"med:semaglutide"},
    "Victoza": {"med:liraglutide"},
    "Glucophage": {"med:metformin"},
    "Eltroxin": {"med:levothyroxine"},
    "Euthyrox": {"med:levothyroxine"},
    "Zyrtec": {"med:cetirizine"},
    "Aerius": {"med:desloratadine"},
    "Nasonex": {"med:mometasone"},
    "Locoid": {"med:hydrocortisone"},
    "Betnovat": {"med:betamethasone"},
    "Fucidin": {"med:fusidic_acid"},
    "Canesten": {"med:clotrimazole"},
    "Daktacort": {"med:miconazole", "med:hydrocortisone"},
    "Oxapax": {"med:oxazepam"},
    "Sobril": {"med:oxazepam"},
    "Temesta": {"med:lorazepam"},
    "Stesolid": {"med:diazepam"},
    "Imozop": {"med:zopiclone"},
    "Propavan": {"med:propiomazine"},
    "Circadin": {"med:melatonin"},
    "Truxal": {"med:chlorprothixene"},
    "Motilium": {"med:domperidone"},
    "Primperan": {"med:metoclopramide"},
    "Gaviscon": {"med:alginate_antacid"},
    "Losec": {"med:omeprazole"},
    "Pantoloc": {"med:pantoprazole"},
    "Nexium": {"med:esomeprazole"},
    "Movicol": {"med:macrogol"},
    "Laxoberal": {"med:sodium_picosulfate"},
    "Selo-Zok": {"med:metoprolol"},
    "Norvasc": {"med:amlodipine"},
    "Renitec": {"med:enalapril"},
    "Cozaar": {"med:losartan"},
    "Lipitor": {"med:atorvastatin"},
    "Zocor": {"med:simvastatin"},
}

# Left out on purpose: not a current general-practice drug.
EXCLUDED_BRANDS = {"Letigen"}


@pytest.mark.parametrize(("brand", "expected"), sorted(EXPECTED_BRANDS.items()))
def test_brand_maps_to_its_generic(brand, expected):
    rows = [r for r in ROWS if r.term == brand]
    assert rows, f"brand {brand} missing from {LEXICON.name}"
    assert all(_is_brand(r) for r in rows)
    assert {r.concept_id for r in rows} == expected


def test_excluded_brands_are_absent():
    present = {r.term for r in ROWS} & EXCLUDED_BRANDS
    assert present == set()


def test_danish_generic_names_map_to_the_concept_of_their_inn():
    concepts = _concepts_by_term()
    hand_checked = {
        "phenoxymethylpenicillin": "med:phenoxymethylpenicillin",
        "penicillin V": "med:phenoxymethylpenicillin",
        "PcV": "med:phenoxymethylpenicillin",
        "amlodipin": "med:amlodipine",
        "sertralin": "med:sertraline",
        "prednisolon": "med:prednisolone",
        "pivmecillinam": "med:pivmecillinam",
        "acetylsalicylsyre": "med:acetylsalicylic_acid",
        "hydrochlorthiazid": "med:hydrochlorothiazide",
        "levothyroxin": "med:levothyroxine",
        "kodein": "med:codeine",
        "NSAID": "med:nsaid",
        "SSRI": "med:ssri",
        "ACE-hæmmer": "med:ace_inhibitor",
    }
    assert {t: concepts.get(t) for t in hand_checked} == {t: {c} for t, c in hand_checked.items()}


def test_every_brand_concept_also_has_a_generic_name():
    named = {r.concept_id for r in ROWS if not _is_brand(r)}
    orphans = sorted({r.concept_id for r in ROWS if _is_brand(r)} - named)
    assert orphans == []


def test_only_combination_products_carry_several_concepts():
    # A generic name, abbreviation or class term must name exactly one concept;
    # brands and international combination names (co-amoxiclav) may name several.
    multi = {t for t, cs in _concepts_by_term().items() if len(cs) > 1}
    may_combine = {"brands", "intl"}
    offenders = sorted(
        {r.term for r in ROWS if r.term in multi and r.source.split("-")[1] not in may_combine}
    )
    assert offenders == []


def _read_stoplist() -> tuple[list[str], list[int]]:
    """Stoplist terms, and line numbers of terms that have no reason comment above them."""
    terms: list[str] = []
    unexplained: list[int] = []
    has_reason = False
    for line_no, line in enumerate(STOPLIST.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            has_reason = False
        elif line.startswith("#"):
            has_reason = True
        else:
            terms.append(line.strip())
            if not has_reason:
                unexplained.append(line_no)
    return terms, unexplained


def test_stoplist_terms_are_lexicon_terms_with_a_reason():
    terms, unexplained = _read_stoplist()
    assert len(terms) >= 10
    assert len(terms) == len(set(terms))
    assert unexplained == []
    assert sorted(set(terms) - {r.term for r in ROWS}) == []
    assert all("#" not in t for t in terms)


def test_short_ambiguous_abbreviations_are_stoplisted():
    terms, _ = _read_stoplist()
    short_upper = {r.term for r in ROWS if len(r.term) <= 2 and not _is_brand(r)}
    assert sorted(short_upper - set(terms)) == []


# Concepts whose Danish names are absent from the SKS ATC extract as substance texts,
# each with the reason.
NOT_IN_SKS = {
    "med:insulin_human": "SKS writes 'insulin (human)'",
    "med:insulin_isophane": "SKS has no separate code for NPH insulin",
    "med:clavulanic_acid": "SKS lists it only as 'amoxicillin og enzymhæmmer'",
    "med:carbidopa": "SKS lists it only as 'levodopa og decarboxylase-hæmmer'",
    "med:benserazide": "SKS lists it only as 'levodopa og decarboxylase-hæmmer'",
    "med:pancreatin": "SKS writes 'multienzymer (lipase, protease etc.)'",
    "med:simeticone": "SKS has 'siliconepræparater' only as a group",
    "med:zinc_oxide": "SKS has 'zinkoxidpræparater' only as a group",
    "med:caffeine": "the extract has no substance row for coffein",
    "med:ferric_carboxymaltose": "SKS lists iron(III) compounds under other names",
    "med:ferric_derisomaltose": "SKS lists iron(III) compounds under other names",
}


def _sks_substance_names() -> str:
    if not SKS_ATC.is_file():
        pytest.skip(
            f"SKS ATC extract not found at {SKS_ATC.resolve()}; place shared/ beside the repo"
        )
    names = []
    with SKS_ATC.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader, None)
        for row in reader:
            if len(row) >= 2 and row[0].startswith("M") and len(row[0]) == 8:
                names.append(row[1].casefold())
    return "\n".join(names)


def test_danish_generic_spellings_occur_in_sks():
    names = _sks_substance_names()
    terms_by_concept: dict[str, list[str]] = defaultdict(list)
    for r in ROWS:
        if r.source.startswith("evalkit-generics-"):
            terms_by_concept[r.concept_id].append(r.term)

    def in_sks(term: str) -> bool:
        # Whole word, allowing a Danish plural ending (SKS writes 'omega-3-fedtsyrer').
        pattern = r"(?<!\w)" + re.escape(term.casefold()) + r"(?:er|r|e)?(?!\w)"
        return re.search(pattern, names) is not None

    unmatched = sorted(
        c for c, terms in terms_by_concept.items() if not any(in_sks(t) for t in terms)
    )
    assert unmatched == sorted(NOT_IN_SKS)


def test_file_loads_with_the_project_loader():
    loaders = pytest.importorskip("evalkit.lexicon.loaders", reason="lexicon loader not present")
    lexicon = loaders.read_lexicon_file(LEXICON)
    assert [(e.term, e.concept_id, e.source) for e in lexicon.entries] == [
        (r.term, r.concept_id, r.source) for r in ROWS
    ]
    assert loaders.read_stoplist(STOPLIST) == set(_read_stoplist()[0])
