"""Tests for evalkit.lexicon.loaders: shipped files, user files, SKS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evalkit.lexicon import loaders
from evalkit.lexicon.loaders import load_lexicon, load_sks, read_lexicon_file
from evalkit.lexicon.matcher import Matcher

REPO = Path(__file__).resolve().parents[2]
SKS = REPO / ".." / "shared" / "datasets" / "sks"
HEADER = "term\tconcept_id\tcategory\tlanguage\tsource\n"


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    """A private data folder standing in for evalkit/lexicon/data."""
    (tmp_path / "da_clinical.tsv").write_text(
        "# group: test rows; source: written for the test\n"
        + HEADER
        + "feber\tsym:fever\tsymptom\tda\tt\nBT\tvital:blood_pressure\tvital\tda\tt\n",
        encoding="utf-8",
    )
    (tmp_path / "da_medications.tsv").write_text(
        HEADER + "Pamol\tmed:paracetamol\tmedication\tda\tt\n", encoding="utf-8"
    )
    (tmp_path / "en_core.tsv").write_text(
        HEADER + "fever\tsym:fever\tsymptom\ten\tt\n", encoding="utf-8"
    )
    (tmp_path / "da_stoplist.txt").write_text("# everyday\ntid\n", encoding="utf-8")
    (tmp_path / "da_medications_stoplist.txt").write_text(
        "ilt  # oxygen vs 'ilt'\n", encoding="utf-8"
    )
    monkeypatch.setattr(loaders, "DATA_DIR", tmp_path)
    loaders._shipped.cache_clear()
    yield tmp_path
    loaders._shipped.cache_clear()


def test_every_language_file_and_stoplist_is_picked_up(data_dir):
    da = load_lexicon("da")
    assert sorted(e.term for e in da) == ["BT", "Pamol", "feber"]
    assert da.version == "da-2026.1"
    assert da.stoplist["da"] == frozenset({"tid", "ilt"})
    both = load_lexicon()
    assert both.languages == ("da", "en") and len(both) == 4


def test_user_lexicon_is_appended_and_versioned(data_dir, tmp_path_factory):
    user = tmp_path_factory.mktemp("user") / "mine.csv"
    user.write_text(
        "term,concept_id,category,language,source\n"
        "hjertesvigt,dx:heart_failure,diagnosis,da,local\n",
        encoding="utf-8",
    )
    lex = load_lexicon("da", extra=[user])
    assert lex.entries[-1].term == "hjertesvigt"
    assert re.fullmatch(r"da-2026\.1\+user:[0-9a-f]{8}", lex.version)
    only = load_lexicon("da", extra=[user], include_shipped=False)
    assert [e.term for e in only] == ["hjertesvigt"]


def test_file_with_wrong_language_row_is_rejected(data_dir):
    (data_dir / "da_bad.tsv").write_text(
        HEADER + "fever\tsym:fever\tsymptom\ten\tt\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"da_bad.tsv, line 2: .*en_\*\.tsv"):
        load_lexicon("da")


def test_read_tsv_with_comments_and_defaults(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text(
        "# my terms\n\nterm\tconcept_id\tcategory\n# group\nBT\tvital:bp\tvital\n", encoding="utf-8"
    )
    lex = read_lexicon_file(path, language="da")
    (entry,) = lex.entries
    assert (entry.term, entry.language, entry.source) == ("BT", "da", "user:x.tsv")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("term,concept_id\nfeber,sym:fever\n", r"line 1: header lacks column\(s\) category"),
        ("term,concept_id,category\nfeber,sym:fever,symptom,extra\n", r"line 2: 4 fields"),
        ("term,concept_id,category\nfeber,fever,symptom\n", r"line 2: concept_id 'fever'"),
        ("term,concept_id,category\nfeber,sym:fever,sign\n", r"line 2: category 'sign'"),
        ("# c\nterm,concept_id,category\n,sym:fever,symptom\n", r"line 3: empty term"),
    ],
)
def test_bad_rows_name_the_line_and_the_fix(tmp_path, body, message):
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_lexicon_file(path, language="da")


def test_missing_language_column_needs_an_argument(tmp_path):
    path = tmp_path / "nolang.csv"
    path.write_text("term,concept_id,category\nfeber,sym:fever,symptom\n", encoding="utf-8")
    with pytest.raises(ValueError, match="language"):
        read_lexicon_file(path)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        read_lexicon_file(tmp_path / "nope.tsv")


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="language must be one of"):
        load_lexicon("sv")


def test_shipped_files_load_with_both_languages():
    lex = load_lexicon()
    if not len(lex):
        pytest.skip("no shipped lexicon files in evalkit/lexicon/data yet")
    assert set(lex.languages) <= {"da", "en"}
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*:\S+", e.concept_id) for e in lex)
    assert load_lexicon("da").version.startswith("da-")


def test_sks_latin1_file_and_group_codes(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(
        '"Kode";"Tekst"\n"D";"Klassifikation"\n"DJ03";"Akut halsbetændelse"\n'
        '"DJ039";"Akut halsbetændelse UNS"\n'.encode("latin-1")
    )
    lex = load_sks(path, kind="diagnoses")
    assert [(e.term, e.concept_id) for e in lex] == [
        ("Akut halsbetændelse", "sks:DJ03"),
        ("Akut halsbetændelse UNS", "sks:DJ039"),
        ("Akut halsbetændelse", "sks:DJ039"),
    ]
    assert lex.version.startswith("sks:")
    with pytest.raises(ValueError, match="no SKS atc codes"):
        load_sks(path, kind="atc")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,text\n", encoding="utf-8")
    with pytest.raises(ValueError, match="SKS header"):
        load_sks(bad)


@pytest.fixture(scope="module")
def sks_dir():
    if not (SKS / "sks_diagnoses.csv").is_file():
        pytest.skip(
            f"SKS extracts not found at {SKS.resolve()}; place shared/datasets beside the repo"
        )
    return SKS


def test_sks_diagnoses_extract(sks_dir):
    lex = load_sks(sks_dir / "sks_diagnoses.csv")
    codes = {e.concept_id for e in lex}
    assert "sks:DJ03" in codes and len(codes) > 15000
    assert all(e.category == "diagnosis" and e.language == "da" for e in lex)
    found = Matcher(lex, language="da").find("Vurderes som akut halsbetændelse, ikke kolera.")
    assert ("sks:DJ03", False) in {(m.concept_id, m.negated) for m in found}


def test_sks_atc_extract_keeps_substances_only(sks_dir):
    lex = load_sks(sks_dir / "sks_atc.csv", kind="atc")
    by_term = {e.term.lower(): e.concept_id for e in lex}
    assert by_term["paracetamol"] == "atc:N02BE01"
    assert all(len(e.concept_id) == len("atc:N02BE01") for e in lex)
