"""Hypothesis properties for the metric invariants and fuzzing of the readers."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import evalkit
from evalkit.io import InputError, read_notes
from evalkit.metrics.edit import score_edit
from evalkit.text import normalize_text

CHARS = st.sampled_from(list("abæøå ÆØÅ.,;:-\n\t\r\x00") + ["\u030a", "\u0301", "😀", "\ufeff"])
TEXT = st.lists(CHARS, max_size=30).map("".join)

PHRASES = [
    "ondt i halsen",
    "halssmerter",
    "ingen feber",
    "feber 38,5",
    "hoste i 3 dage",
    "BT 130/85",
    "p 72",
    "Pamol 1 g x 4 dgl.",
    "Ipren 400 mg",
    "smerter i højre knæ",
    "venstre skulder",
    "KOL",
    "astma",
    "sore throat",
    "no fever",
    "paracetamol 1 g",
    "left knee pain",
    "blood pressure 140/90",
    "denies cough",
    "Obj: u.a.",
    "Plan: kontrol om 1 uge",
    "let hævelse",
    "svær dyspnø",
    "pneumoni",
    "cystitis",
]
NOTE = st.lists(st.sampled_from(PHRASES), min_size=0, max_size=8).map(lambda ps: ". ".join(ps))


@settings(max_examples=400, deadline=None)
@given(a=TEXT, b=TEXT)
def test_distance_zero_iff_equal_after_normalisation(a, b):
    s = score_edit(a, b)
    assert (s.char_distance == 0) == (normalize_text(a) == normalize_text(b))
    assert (s.char_distance == 0) == s.unchanged_exact


@settings(max_examples=400, deadline=None)
@given(a=TEXT, b=TEXT)
def test_symmetry_and_bounds(a, b):
    ab, ba = score_edit(a, b), score_edit(b, a)
    assert ab.char_distance == ba.char_distance
    assert ab.char_distance_norm == ba.char_distance_norm
    assert ab.unchanged == ba.unchanged
    assert 0.0 <= ab.char_distance_norm <= 1.0
    assert 0.0 <= ab.kept_ratio <= 1.0
    assert ab.wer >= 0.0
    assert ab.word_hits + ab.word_substitutions + ab.word_deletions == len(
        normalize_text(a).split()
    )
    assert ab.word_hits + ab.word_substitutions + ab.word_insertions == len(
        normalize_text(b).split()
    )


@settings(max_examples=300, deadline=None)
@given(a=TEXT, b=TEXT, c=TEXT)
def test_triangle_inequality(a, b, c):
    d = lambda x, y: score_edit(x, y).char_distance  # noqa: E731
    assert d(a, c) <= d(a, b) + d(b, c)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(final=NOTE, draft=NOTE, lang=st.sampled_from(["da", "en"]))
def test_offsets_slice_to_their_text(final, draft, lang):
    row = evalkit.score_note(final, draft, language=lang).as_columns()
    f, d = normalize_text(final), normalize_text(draft)
    for item in row.get("missing_terms", []):
        assert f[item["start"] : item["end"]] == item["term"]
    for item in row.get("added_terms", []):
        assert d[item["start"] : item["end"]] == item["term"]
    for flag in row.get("hallucination_flags", []):
        assert d[flag["start"] : flag["end"]] == flag["text"]
        assert flag["severity"] in ("critical", "non-critical")


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), ext=st.sampled_from([".csv", ".tsv", ".jsonl", ".parquet"]))
def test_readers_raise_only_defined_errors_on_random_bytes(tmp_path_factory, data, ext):
    path = tmp_path_factory.mktemp("fuzz") / f"f{ext}"
    path.write_bytes(data)
    try:
        read_notes(path)
    except InputError:
        pass


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(st.text(max_size=12), TEXT, TEXT), min_size=0, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
    bom=st.booleans(),
    crlf=st.booleans(),
)
def test_random_csv_dialects_read_or_fail_cleanly(
    tmp_path_factory, rows, delimiter, quoting, bom, crlf
):
    buf = io.StringIO()
    writer = csv.writer(
        buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n" if crlf else "\n"
    )
    writer.writerow(["note_id", "ai_note", "final_note"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("dialect") / "n.csv"
    path.write_text(buf.getvalue(), encoding="utf-8-sig" if bom else "utf-8")
    try:
        df = read_notes(path)
    except InputError:
        return
    assert list(df.columns[:3]) == ["note_id", "ai_note", "final_note"]
    out = evalkit.score(df, families=["edit"])
    assert len(out) + len(out.attrs["quarantine"]) == len(df)
    assert isinstance(out, pd.DataFrame)
