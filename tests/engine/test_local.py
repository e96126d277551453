"""Tests of in-process and pooled scoring (evalkit/engine/local.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import evalkit.engine.local as local
from evalkit.engine.local import (
    SCORING_ERROR,
    assemble,
    iter_scored,
    metric_columns,
    score_chunk,
    split_failures,
)
from evalkit.io.contract import TEXT_COLUMNS
from evalkit.io.errors import InputError
from evalkit.io.validate import QUARANTINE_COLUMNS
from evalkit.metrics.note import score_note
from evalkit.metrics.registry import list_metrics


def _chunk() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "note_id": ["a", "b", "c", "d"],
            "final_note": ["Ingen feber.", "Hoste i 3 dage.", "Skrevet uden AI.", "BT 120/80."],
            "ai_note": ["Feber.", "Hoste i 3 dage.", "", "BT 130/80."],
            "ai_assisted": [True, None, False, pd.NA],
            "language": ["da", "en", "da", "da"],
        },
        index=[10, 11, 12, 13],
    )


# ---- metric columns ----------------------------------------------------------------------


def test_metric_columns_follow_the_registry_order():
    assert metric_columns() == list_metrics()
    edit = metric_columns(["edit"])
    assert edit and {m.family for m in edit} == {"edit"}
    assert [m.name for m in edit] == [m.name for m in list_metrics("edit")]
    assert metric_columns([]) == []


# ---- score_chunk -------------------------------------------------------------------------


def test_score_chunk_equals_the_per_note_scorer_and_keeps_the_index():
    chunk = _chunk()
    scored = score_chunk(chunk, families=("edit", "terms"))
    assert scored.index.tolist() == [10, 11, 12, 13]
    assert list(scored.columns) == [m.name for m in metric_columns(["edit", "terms"])]
    for label in (10, 11, 13):
        row = chunk.loc[label]
        expected = score_note(
            row.final_note, row.ai_note, language=row.language, families=["edit", "terms"]
        )
        got = scored.loc[label].to_dict()
        for name, value in expected.as_columns().items():
            assert got[name] == value, (label, name)


def test_control_notes_get_empty_metric_columns():
    scored = score_chunk(_chunk(), families=("edit",))
    assert scored.loc[12].isna().all()
    # missing ai_assisted (None or NA) counts as AI-assisted
    assert scored.loc[[10, 11, 13], "wer"].notna().all()


def test_metric_dtypes_are_nullable():
    scored = score_chunk(_chunk(), families=("edit",))
    dtypes = {m.name: m.dtype for m in metric_columns(["edit"])}
    for name, dtype in dtypes.items():
        expected = {"int": "Int64", "float": "float64", "bool": "boolean"}[dtype]
        assert str(scored[name].dtype) == expected, name


def test_score_chunk_does_not_mutate_its_input():
    chunk = _chunk()
    before = chunk.copy()
    score_chunk(chunk, families=("edit",))
    pd.testing.assert_frame_equal(chunk, before)


def test_a_failing_note_gets_a_reason_without_its_text(monkeypatch):
    real = local.score_pair

    def failing(pair, **kwargs):
        if "130" in pair.ai_note:
            raise ValueError(f"cannot score {pair.ai_note}")
        return real(pair, **kwargs)

    monkeypatch.setattr(local, "score_pair", failing)
    scored = score_chunk(_chunk(), families=("edit",))
    reasons = scored[SCORING_ERROR]
    assert reasons.loc[[10, 11, 12]].isna().all()
    assert "ValueError" in reasons.loc[13] and "130" not in reasons.loc[13]
    assert scored.loc[13].drop(SCORING_ERROR).isna().all()


# ---- failures, assembly, splitting -------------------------------------------------------


def test_split_failures_moves_failed_rows_to_quarantine():
    valid = pd.DataFrame({"note_id": ["a", "b", "c"]}, index=[0, 1, 2])
    scored = pd.DataFrame({"wer": [0.1, None, 0.3], SCORING_ERROR: [None, "KeyError", None]})
    kept, kept_scores, quarantined = split_failures(valid, scored)
    assert kept["note_id"].tolist() == ["a", "c"]
    assert list(kept_scores.columns) == ["wer"] and kept_scores["wer"].tolist() == [0.1, 0.3]
    assert list(quarantined.columns) == list(QUARANTINE_COLUMNS)
    assert quarantined.to_dict("records") == [
        {
            "row_number": 2,
            "note_id": "b",
            "column": "",
            "reason": "evalkit failed to score this note (KeyError); the other rows were scored. "
            "Please report it with the note_id",
            "reason_code": "scoring_failed",
            "reason_params": '{"error": "KeyError"}',
        }
    ]


def test_split_failures_without_failures_changes_nothing():
    valid = pd.DataFrame({"note_id": ["a"]})
    scored = pd.DataFrame({"wer": [0.0]})
    kept, kept_scores, quarantined = split_failures(valid, scored)
    assert kept is valid and kept_scores is scored
    assert quarantined.empty and list(quarantined.columns) == list(QUARANTINE_COLUMNS)


@pytest.mark.parametrize("drop_text", [False, True])
def test_assemble_puts_input_columns_first(drop_text):
    valid = _chunk().assign(transcript="Læge: Hej.", wer=-1.0)
    metrics = score_chunk(valid, families=("edit",))
    table = assemble(valid, metrics, drop_text=drop_text)
    inputs = [c for c in valid.columns if c != "wer" and not (drop_text and c in TEXT_COLUMNS)]
    assert list(table.columns) == inputs + list(metrics.columns)
    # a metric column replaces an input column of the same name
    assert (table["wer"].dropna() >= 0).all()


@given(st.integers(0, 40), st.integers(1, 6))
def test_split_pieces_rebuild_the_chunk(n, parts):
    chunk = pd.DataFrame({"x": range(n)})
    pieces = local._split(chunk, parts)
    pd.testing.assert_frame_equal(pd.concat(pieces), chunk)
    assert len(pieces) <= parts
    if parts > 1 and n >= 2 * parts:
        assert len(pieces) == parts or len(pieces) == math.ceil(n / math.ceil(n / parts))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (pd.NA, None), (float("nan"), None), ("", None), ("  \n", None), ("Hej", "Hej")],
)
def test_text_or_none(value, expected):
    assert local._text_or_none(value) == expected


# ---- iter_scored -------------------------------------------------------------------------


def test_iter_scored_in_process_yields_each_chunk_in_order():
    chunks = [_chunk().iloc[:2], _chunk().iloc[2:]]
    counted = []
    out = list(iter_scored(chunks, families=("edit",), on_rows=counted.append))
    assert [c.index.tolist() for c, _ in out] == [[10, 11], [12, 13]]
    assert counted == [2, 2]
    pd.testing.assert_frame_equal(out[0][1], score_chunk(chunks[0], families=("edit",)))


def test_iter_scored_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="engine 'spark' is unknown; use 'local' or 'dask'"):
        list(iter_scored([_chunk()], engine="spark"))


def test_iter_scored_with_a_pool_gives_the_same_scores():
    chunks = [_chunk().iloc[:2], _chunk().iloc[2:]]
    one = list(iter_scored(chunks, families=("edit",)))
    two = list(iter_scored(chunks, jobs=2, families=("edit",)))
    for (_, a), (_, b) in zip(one, two, strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_iter_scored_of_nothing_yields_nothing():
    assert list(iter_scored([], jobs=2)) == []


# ---- moved from tests/engine/test_run.py -------------------------------------------------


def test_matchers_are_built_for_the_first_chunks_languages(monkeypatch):
    """Before forking, the parent builds the matchers of the chunk's languages (no guessing)."""
    from evalkit.engine.local import _warm_matchers

    built = []

    def record(language, extra=()):
        built.append((language, extra))

    monkeypatch.setattr("evalkit.lexicon.matcher.get_matcher", record)
    chunk = pd.DataFrame({"language": ["en", None, "en"]})
    _warm_matchers(chunk, None, {"lexicon_files": ("x.tsv",)})
    assert built == [("en", ("x.tsv",))]
    built.clear()
    _warm_matchers(pd.DataFrame({"note_id": ["a"]}), ("terms",), {})
    assert built == []
    built.clear()
    _warm_matchers(pd.DataFrame({"language": ["en"]}), ("edit",), {})
    _warm_matchers(pd.DataFrame({"language": ["en"]}), None, {"matcher": object()})
    assert built == []


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, "", "fr"])
def test_score_chunk_refuses_a_row_without_a_supported_language(missing):
    chunk = _chunk()
    chunk["language"] = chunk["language"].astype(object)
    chunk.loc[chunk.index[1], "language"] = missing
    with pytest.raises(InputError, match=r"1 row\(s\) \(index 11\).*'language'"):
        score_chunk(chunk, families=("edit",))


def test_score_chunk_refuses_rows_without_a_language_column():
    with pytest.raises(InputError, match="needs a 'language' column"):
        score_chunk(_chunk().drop(columns="language"), families=("edit",))


def test_score_chunk_does_not_need_a_language_for_control_rows():
    chunk = _chunk()
    chunk["language"] = chunk["language"].astype(object)
    chunk["ai_assisted"] = [True, False, True, True]
    chunk.loc[chunk.index[1], "language"] = None
    assert score_chunk(chunk, families=("edit",))["wer"].isna().tolist()[1]


def test_transcripts_are_skipped_only_when_no_family_reads_them(monkeypatch):
    from evalkit.metrics.registry import list_families

    assert {f.name: f.reads_transcript for f in list_families()} == {
        "edit": False,
        "terms": False,
        "hallucination": True,
        "sections": False,
    }
    chunk = pd.DataFrame(
        {
            "final_note": ["Ondt i halsen. Ingen feber.", "Hoste i 3 dage."],
            "ai_note": ["Ondt i halsen. Feber.", "Hoste i 3 dage."],
            "transcript": ["Læge: Har du feber? Patient: Nej.", None],
            "language": ["da", "da"],
        }
    )
    seen = []
    real = local.NotePair.from_raw

    def recording(final, draft, transcript=None, language="da"):
        seen.append(transcript)
        return real(final, draft, transcript, language)

    monkeypatch.setattr(local.NotePair, "from_raw", recording)
    edit_terms = local.score_chunk(chunk, families=("edit", "terms"))
    assert seen == [None, None]
    seen.clear()
    everything = local.score_chunk(chunk)
    assert seen[0] is not None
    # the edit and terms columns do not depend on the transcript
    without = local.score_chunk(chunk.drop(columns="transcript"), families=("edit", "terms"))
    pd.testing.assert_frame_equal(edit_terms, without)
    pd.testing.assert_frame_equal(edit_terms, everything[edit_terms.columns])


def test_scoring_pauses_the_cyclic_collector_and_restores_it(monkeypatch):
    import gc

    states = []
    real = local.score_pair

    def recording(pair, **kwargs):
        states.append(gc.isenabled())
        return real(pair, **kwargs)

    monkeypatch.setattr(local, "score_pair", recording)
    chunk = pd.DataFrame(
        {
            "final_note": ["Hoste.", "Feber."],
            "ai_note": ["Hoste.", "Ingen feber."],
            "language": ["da", "da"],
        }
    )
    assert gc.isenabled()
    local.score_chunk(chunk, families=("edit",))
    assert states == [False, False] and gc.isenabled()
    # a caller that had switched the collector off keeps it off
    gc.disable()
    try:
        local.score_chunk(chunk, families=("edit",))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_switch_the_collector_back_on_after_the_last():
    import gc
    import threading

    from evalkit.engine.local import cyclic_gc_paused

    inside, release = threading.Event(), threading.Event()

    def other_thread():
        with cyclic_gc_paused():
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=other_thread)
    with cyclic_gc_paused():
        worker.start()
        assert inside.wait(10)
    # this thread's pause ended first; the other thread's still holds
    assert not gc.isenabled()
    release.set()
    worker.join(10)
    assert gc.isenabled()


def test_scoring_leaves_no_cyclic_garbage():
    """While the collector is paused only reference counting frees memory, so
    scoring must not build reference cycles (they would pile up over a chunk)."""
    import gc

    from evalkit.datasets import load_demo
    from evalkit.engine.local import score_chunk

    demo = load_demo().head(60)
    english = pd.DataFrame(
        {
            "final_note": ["Denies fever. Knee pain, left side. Ibuprofen 400 mg."],
            "ai_note": ["Reports fever. Knee pain, right side. Ibuprofen 800 mg."],
            "transcript": ["[doctor] any fever ?\n[patient] no . my left knee hurts ."],
            "language": ["en"],
        }
    )
    score_chunk(demo.head(2))  # build the matchers outside the count
    gc.collect()
    gc.disable()
    try:
        score_chunk(demo)
        score_chunk(english)
        assert gc.collect() == 0
    finally:
        gc.enable()


@given(st.lists(st.sampled_from(["a", "b", "c", None]), max_size=30), st.randoms())
def test_rows_are_grouped_by_reference_in_order_of_first_appearance(transcripts, rnd):
    from evalkit.engine.local import _grouped_by_reference

    finals = [rnd.choice(["x", "y"]) for _ in transcripts]
    order = list(_grouped_by_reference(finals, transcripts))
    assert sorted(order) == list(range(len(finals)))  # every row once
    keys = [(finals[i], transcripts[i]) for i in order]
    # each reference forms one run, the runs in order of first appearance
    runs = [k for j, k in enumerate(keys) if j == 0 or keys[j - 1] != k]
    assert len(runs) == len(set(keys))
    assert runs == list(dict.fromkeys(zip(finals, transcripts, strict=True)))
    # within a run, input order
    for k in set(keys):
        rows = [i for i in order if (finals[i], transcripts[i]) == k]
        assert rows == sorted(rows)


def test_score_chunk_builds_the_batch_matchers_once_for_the_rows_languages(monkeypatch):
    """Families that read the lexicon get one Matchers per chunk, built for its languages."""
    from evalkit.lexicon.matcher import MATCHERS_OPTION, Matchers
    from evalkit.metrics.registry import list_families

    families = list_families()
    options = local._with_batch_objects(
        {"lexicon_files": ()}, families, ["en", "da", "en", None], [True, True, True, False]
    )
    matchers = options[MATCHERS_OPTION]
    assert isinstance(matchers, Matchers)
    assert sorted(matchers._built) == ["da", "en"]  # the control row's language is not built
    mine = Matchers()
    assert (
        local._with_batch_objects({MATCHERS_OPTION: mine}, families, ["da"], [True])[
            MATCHERS_OPTION
        ]
        is mine
    )
    edit_only = [f for f in families if f.name == "edit"]
    assert MATCHERS_OPTION not in local._with_batch_objects({}, edit_only, ["da"], [True])


def test_score_chunk_scores_the_same_with_the_callers_matchers():
    from evalkit.lexicon.matcher import Matchers

    chunk = _chunk()
    pd.testing.assert_frame_equal(
        score_chunk(chunk), score_chunk(chunk, options={"matchers": Matchers()})
    )
    with pytest.raises(TypeError, match=r"options\['matchers'\] must be an evalkit Matchers"):
        score_chunk(chunk, options={"matchers": "da"}, families=("terms",))
