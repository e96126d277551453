import json
import re

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.report.build import (
    Mark,
    build_report,
    diff_ranges,
    format_value,
    merge_marks,
    neutralise_formula,
    segment,
    select_viewer_notes,
    write_csv_safe,
)
from tests.report.conftest import XSS_SCRIPT, make_notes

N_BOOT = 100


@pytest.fixture(scope="module")
def report_en(pilot_scores, tmp_path_factory):
    out = tmp_path_factory.mktemp("report_en")
    build_report(
        pilot_scores,
        out,
        lang="en",
        n_boot=N_BOOT,
        plan=pd.DataFrame({"n_clinicians": [5, 10, 20], "power": [0.3, 0.6, 0.9]}),
    )
    return out


@pytest.fixture(scope="module")
def report_no_text(pilot_scores, tmp_path_factory):
    out = tmp_path_factory.mktemp("report_no_text")
    build_report(pilot_scores, out, lang="da", no_text=True, n_boot=N_BOOT, figure_formats=("svg",))
    return out


def test_writes_every_output(report_en):
    assert (report_en / "report.html").stat().st_size > 0
    assert (report_en / "scores.parquet").exists()
    manifest = json.loads((report_en / "manifest.json").read_text(encoding="utf-8"))
    for key in manifest["figures"]:
        for ext in ("png", "svg", "pdf"):
            assert (report_en / "figures" / f"{key}.{ext}").exists()
    required = {
        "time_per_note",
        "time_saved_distribution",
        "edit_categories",
        "ecdf_char_distance_norm",
        "ecdf_wer",
        "edit_vs_time",
        "hallucination_flags",
        "missing_terms_by_category",
        "top_missing_terms",
        "power_curve",
    }
    assert required <= set(manifest["figures"])
    for name in ("summary", "per_clinic", "time_saved", "metrics", "hallucinations_by_type"):
        assert (report_en / "tables" / f"{name}.csv").exists()
    assert set(manifest["outputs"]) >= {"report.html", "scores.parquet", "tables/summary.csv"}


def test_manifest_contents(report_en, pilot_scores):
    m = json.loads((report_en / "manifest.json").read_text(encoding="utf-8"))
    assert m["rows"] == {"read": len(pilot_scores), "scored": len(pilot_scores), "quarantined": 0}
    assert m["parameters"]["seed"] == 12345 and m["parameters"]["n_boot"] == N_BOOT
    assert m["parameters"]["min_cell"] == 5 and m["parameters"]["lang"] == "en"
    assert m["signature"].startswith("evalkit:") and "seed:12345" in m["signature"]
    assert m["metric_versions"]["edit"] == "1"
    assert m["environment"]["packages"]["pandas"] == pd.__version__
    assert set(m["timings_seconds"]) >= {"statistics", "figures", "total"}
    assert m["input"] is None


def test_html_is_self_contained(report_en):
    html = (report_en / "report.html").read_text(encoding="utf-8")
    srcs = re.findall(r'(?:src|href)="([^"#][^"]*)"', html)
    assert srcs and all(s.startswith("data:") for s in srcs)
    assert "Content-Security-Policy" in html
    assert "http://" not in html.split("<body>")[1].replace("http-equiv", "")


def test_note_text_is_escaped(report_en):
    html = (report_en / "report.html").read_text(encoding="utf-8")
    assert XSS_SCRIPT not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # The only <script> element is the viewer's own inline script.
    assert html.count("<script") == 1


def test_per_clinic_table_suppresses_small_clinic(report_en):
    table = pd.read_csv(report_en / "tables" / "per_clinic.csv", dtype=str)
    row_c = table[table.iloc[:, 0] == "C"].iloc[0]
    assert row_c.iloc[1] == "<5"
    assert set(row_c.iloc[3:]) == {"—"}
    row_a = table[table.iloc[:, 0] == "A"].iloc[0]
    assert row_a.iloc[1] == "11"  # 14 notes in A, 3 of them controls


def test_no_text_leaves_out_all_note_text(report_no_text, pilot_scores):
    html = (report_no_text / "report.html").read_text(encoding="utf-8")
    assert 'id="viewer"' not in html and "<script" not in html
    for text in [*pilot_scores["final_note"].dropna(), *pilot_scores["ai_note"].dropna()]:
        for sentence in re.split(r"(?<=\.) ", text):
            assert sentence not in html
    assert "ryger 20 cigaretter" not in html  # flagged text is an example in the text report
    table = pq.read_table(report_no_text / "scores.parquet").to_pandas()
    assert not {"ai_note", "final_note", "transcript"} & set(table.columns)
    flags = [f for cell in table["hallucination_flags"].dropna() for f in cell]
    assert flags and all("text" not in f or f["text"] is None for f in flags)
    assert "Resumé" in html  # Danish labels


def test_raw_notes_are_scored_first(tmp_path):
    notes = make_notes()
    notes.loc[0, "final_note"] = None  # quarantined: no final note
    path = tmp_path / "notes.csv"
    notes.to_csv(path, index=False)
    with pytest.warns(DeprecationWarning, match="passing raw notes is deprecated"):
        html = build_report(
            notes, tmp_path / "out", lang="en", n_boot=50, input_path=path, figure_formats=("svg",)
        )
    m = json.loads((html.parent / "manifest.json").read_text(encoding="utf-8"))
    assert m["parameters"]["scored_in_report"] is True
    assert m["rows"]["read"] == len(notes)
    assert m["rows"]["scored"] + m["rows"]["quarantined"] == len(notes)
    assert m["input"]["name"] == "notes.csv" and len(m["input"]["sha256"]) == 64


def test_csv_tables_neutralise_formulas(pilot_scores, tmp_path):
    scores = pilot_scores.copy()
    scores["clinic_id"] = scores["clinic_id"].replace({"A": '=HYPERLINK("x")', "B": "@SUM(1)"})
    build_report(scores, tmp_path, lang="en", n_boot=50, no_text=True, figure_formats=("svg",))
    raw = (tmp_path / "tables" / "per_clinic.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and "'@SUM(1)" in raw
    assert not re.search(r"^[=+\-@]", raw, flags=re.M)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+45 12", "'+45 12"),
        ("-", "'-"),
        ("@x", "'@x"),
        ("a=b", "a=b"),
        (-3, -3),
        (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_write_csv_safe_keeps_numbers(tmp_path):
    path = write_csv_safe(pd.DataFrame({"x": [-1.5, 2.0], "s": ["-2", "ok"]}), tmp_path / "t.csv")
    back = pd.read_csv(path)
    assert back["x"].tolist() == [-1.5, 2.0] and back["s"].tolist() == ["'-2", "ok"]


def test_invalid_arguments_raise_with_fix(pilot_scores, tmp_path):
    with pytest.raises(ValueError, match="--lang da"):
        build_report(pilot_scores, tmp_path, lang="de")
    with pytest.raises(ValueError, match="min_cell"):
        build_report(pilot_scores, tmp_path, min_cell=-1)
    with pytest.raises(ValueError, match="note_id"):
        build_report(pilot_scores.drop(columns="note_id"), tmp_path)
    with pytest.raises(TypeError, match="read_notes"):
        build_report("scores.parquet", tmp_path)


def test_viewer_selection_prefers_findings_and_is_seeded(pilot_scores):
    a = select_viewer_notes(pilot_scores, max_notes=5, seed=1)
    b = select_viewer_notes(pilot_scores, max_notes=5, seed=1)
    assert a["note_id"].tolist() == b["note_id"].tolist()
    findings = (a["n_hallucination_flags"] > 0) | (a["n_missing_terms"] > 0)
    assert findings.all()


text = st.text(alphabet="ab \n<>&", max_size=30)


@settings(max_examples=60, deadline=None)
@given(text, text)
def test_diff_keeps_the_unchanged_text_equal(draft, final):
    removed, added = diff_ranges(draft, final)

    def kept(s, ranges):
        out, pos = [], 0
        for start, end in ranges:
            out.append(s[pos:start])
            pos = end
        out.append(s[pos:])
        return "".join(out)

    assert kept(draft, removed) == kept(final, added)
    if draft == final:
        assert removed == added == []


@settings(max_examples=60, deadline=None)
@given(text, st.lists(st.tuples(st.integers(-2, 32), st.integers(0, 34)), max_size=4))
def test_segments_rebuild_the_text(note, spans):
    marks = merge_marks([Mark(s, e, "flag", [{"label": "x"}]) for s, e in spans], len(note))
    removed, _ = diff_ranges(note, note[::-1])
    chunks = segment(note, removed, marks, "del")
    assert "".join(p["text"] for c in chunks for p in c["parts"]) == note
    marked = "".join(p["text"] for c in chunks if c["mark"] for p in c["parts"])
    assert marked == "".join(note[m.start : m.end] for m in marks)


def test_cli_report_reads_a_scores_file_and_its_quarantine(pilot_scores, tmp_path):
    from typer.testing import CliRunner

    from evalkit.cli import app

    scores = pilot_scores.copy()
    scores.attrs = {}
    path = tmp_path / "scores.parquet"
    scores.to_parquet(path)
    pd.DataFrame(
        {
            "row_number": ["7"],
            "note_id": ["x"],
            "column": ["final_note"],
            "reason": ["final_note is empty; fill it in"],
        }
    ).to_csv(tmp_path / "scores.parquet.quarantine.csv", index=False)
    result = CliRunner().invoke(
        app,
        [
            "report",
            str(path),
            "--out",
            str(tmp_path / "r"),
            "--lang",
            "en",
            "--no-text",
            "--n-boot",
            "50",
        ],
    )
    assert result.exit_code == 0, result.output
    m = json.loads((tmp_path / "r" / "manifest.json").read_text(encoding="utf-8"))
    assert m["rows"]["quarantined"] == 1 and m["input"]["name"] == "scores.parquet"
    assert m["parameters"]["scored_in_report"] is False and m["parameters"]["no_text"] is True
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "final_note is empty" in html


def test_cli_report_rejects_bad_language(tmp_path):
    from typer.testing import CliRunner

    from evalkit.cli import app

    path = tmp_path / "notes.csv"
    make_notes().head(3).to_csv(path, index=False)
    result = CliRunner().invoke(
        app, ["report", str(path), "--out", str(tmp_path / "r"), "--lang", "de"]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "r" / "report.html").exists()


def test_edit_scores_only_without_clinics_or_timing(tmp_path):
    import evalkit

    notes = make_notes()[["note_id", "ai_note", "final_note", "consultation_type"]]
    scores = evalkit.score(notes.dropna(subset=["ai_note"]), families=["edit"])
    html = build_report(scores, tmp_path, lang="en", n_boot=50, figure_formats=("svg",))
    page = html.read_text(encoding="utf-8")
    m = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert "No timing columns" in page
    assert "The terms family did not run" in page and "hallucination family did not run" in page
    # Without clinics the stacked bars and ECDFs are drawn by consultation type.
    assert set(m["figures"]) == {"edit_categories", "ecdf_char_distance_norm", "ecdf_wer"}
    assert 'id="clinic-table"' not in page


@pytest.mark.parametrize(
    ("lang", "statement"),
    [("da", "Ikke vist: hver klinik har færre end 50 notater"), ("en", "Not shown: every clinic")],
)
def test_fully_suppressed_per_clinic_figures_say_why(pilot_scores, tmp_path, lang, statement):
    # Every clinic (14, 12 and 3 notes) is below k = 50.
    out = tmp_path / lang
    html = build_report(
        pilot_scores, out, lang=lang, min_cell=50, n_boot=N_BOOT, figure_formats=("svg", "png")
    ).read_text(encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    per_group = [k for k in ("time_per_note", "edit_categories", "hallucination_flags")]
    assert set(per_group) <= set(manifest["figures"])
    for key in per_group:
        figure = re.search(rf'<figure id="fig-{key}".*?</figure>', html, re.S).group()
        assert statement in " ".join(figure.split()), key
        svg = (out / "figures" / f"{key}.svg").read_text(encoding="utf-8")
        assert statement.split(":")[0] in svg and 'id="xtick_1"' not in svg, key
        assert (out / "figures" / f"{key}.png").stat().st_size > 0


def test_interface_and_notes_language_are_two_parameters(tmp_path):
    notes = pd.DataFrame(
        {
            "note_id": ["a", "b"],
            "final_note": ["No fever.", "BP 120/80"],
            "ai_note": ["Fever.", "BP 130/80"],
        }
    )
    with pytest.warns(DeprecationWarning, match="passing raw notes is deprecated"):
        html = build_report(
            notes, tmp_path, lang="da", notes_lang="en", n_boot=20, figure_formats=("svg",)
        )
    written = pd.read_parquet(tmp_path / "scores.parquet")
    assert written["language"].tolist() == ["en", "en"]
    assert '<html lang="da"' in html.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="notes_lang 'sv' is not supported"):
        build_report(notes, tmp_path / "x", lang="da", notes_lang="sv", n_boot=20)


@pytest.mark.parametrize(
    ("value", "unit", "english", "danish"),
    [
        (0.8512, "", "0.851", "0,851"),
        (4.678, "", "4.68", "4,68"),
        (36.14, "", "36.1", "36,1"),
        (1234.5, "", "1,234", "1\u00a0234"),  # half to even
        (0.1234, "rate", "12.3 %", "12,3 %"),
        (-26.25, "%", "-26.2 %", "-26,2 %"),  # exact in binary: half to even
        (7.25, "s", "7.2 s", "7,2 s"),
        (12345.6, "s", "12,346 s", "12\u00a0346 s"),
        (float("nan"), "", "—", "—"),
        (None, "rate", "—", "—"),
    ],
)
def test_format_value_by_hand(value, unit, english, danish):
    assert format_value(value, unit, "en") == english
    assert format_value(value, unit, "da") == danish


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from(["", "rate"]))
def test_danish_and_english_values_are_the_same_number(value, unit):
    english = format_value(value, unit, "en").removesuffix(" %").replace(",", "")
    danish = format_value(value, unit, "da").removesuffix(" %")
    assert "." not in danish
    assert float(danish.replace("\u00a0", "").replace(",", ".")) == float(english)
