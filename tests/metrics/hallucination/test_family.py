"""Tests of the hallucination family as a whole: every flag type, benign edits, invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evalkit.metrics.checkers import FLAG_TYPES
from evalkit.metrics.hallucination import (
    build_index,
    evaluate_flags,
    hallucination_flags,
    score_hallucination,
)
from evalkit.metrics.note import NotePair, score_note
from evalkit.metrics.registry import get_metric, list_families
from tests.metrics.hallucination.conftest import _flags, standin_matcher


@pytest.mark.parametrize(
    ("final", "draft", "language", "flag_type", "flagged_text"),
    [
        (
            "Plan: Pamol 1 g.",
            "Plan: Pamol 1 g. Startet på Amoxicillin.",
            "da",
            "medication",
            "Amoxicillin",
        ),
        ("Metformin 500 mg x 2 dgl.", "Metformin 850 mg x 2 dgl.", "da", "dose", "850 mg"),
        ("Temp 37,9.", "Temp 39,1.", "da", "number", "39,1"),
        ("Har feber.", "Ingen feber.", "da", "negation", "feber"),
        ("Smerter i højre hofte.", "Smerter i venstre hofte.", "da", "laterality", "venstre"),
        ("Vurderes som hypertension.", "Vurderes som diabetes.", "da", "diagnosis", "diabetes"),
        ("Hoste.", "Hoste. Desuden kvalme.", "da", "fabrication", "kvalme"),
        ("Lette smerter i ryggen.", "Svære smerter i ryggen.", "da", "severity", "Svære"),
        ("Blood pressure 120/80.", "Blood pressure 160/80.", "en", "number", "160/80"),
        ("Mild headache.", "Severe headache.", "en", "severity", "Severe"),
        ("Pain in the left ankle.", "Pain in the right ankle.", "en", "laterality", "right"),
        ("No chest pain.", "Chest pain.", "en", "negation", "Chest pain"),
    ],
)
def test_each_type_is_flagged_and_located(final, draft, language, flag_type, flagged_text):
    flags = _flags(final, draft, language=language)
    start = draft.index(flagged_text)
    end = start + len(flagged_text)
    hits = [f for f in flags if f["start"] < end and start < f["end"]]
    assert [f["type"] for f in hits] == [flag_type]
    flag = hits[0]
    assert draft[flag["start"] : flag["end"]] == flag["text"]
    assert flag["source"] == "final_note"
    assert 0 < len(flag["evidence"]) <= 200


@pytest.mark.parametrize(
    ("final", "draft", "language"),
    [
        ("Temp 38,5. BT 130/80.", "Temp 38.5. BT 130/80.", "da"),  # number formatting
        ("Blodtryk 130/80.", "BT 130/80.", "da"),  # abbreviation
        ("Ingen feber. Hoste i 2 uger.", "Hoste i 2 uger. Ingen feber.", "da"),  # reorder
        ("Hoste og snue. Ingen feber.", "Hoste og snue, men ingen feber.", "da"),  # merge
        ("Halssmerter i 4 dage.", "Ondt i halsen i 4 dage.", "da"),  # lay synonym
        ("Pamol 1 g 3 gange dagligt.", "Pamol 1 g x 3 dgl.", "da"),  # frequency wording
        ("Cough for two weeks, no fever.", "Cough for 2 weeks. No fever.", "en"),  # split, words
        ("Weight 1,200 g.", "Weight 1200 g.", "en"),  # thousands separator
    ],
)
def test_benign_edits_get_no_flag(final, draft, language):
    assert _flags(final, draft, language=language) == []


def test_identical_notes_have_no_flags_and_best_values():
    note = "Ondt i halsen i 4 dage. Temp 38,5. Ingen hoste. Plan: Pamol 1 g x 4 dgl."
    score = score_hallucination(NotePair.from_raw(note, note), {"matcher": standin_matcher("da")})
    cols = score.as_columns()
    for name in (
        "n_hallucination_flags",
        "n_critical_flags",
        "hallucination_free",
        "hallucination_flags",
    ):
        assert cols[name] == get_metric(name).best


def test_empty_draft_and_missing_references_give_no_flags():
    assert _flags("Hoste.", "") == []
    assert hallucination_flags("", "Hoste og feber.", matcher=None) == []


def test_family_is_registered_after_terms_and_edit():
    orders = {f.name: f.order for f in list_families()}
    assert orders["hallucination"] == 30
    assert orders["edit"] < orders["hallucination"]


def test_score_note_outputs_all_columns():
    s = score_note(
        "Har feber.", "Ingen feber.", families=["hallucination"], matcher=standin_matcher("da")
    )
    cols = s.as_columns()
    assert cols["n_hallucination_flags"] == len(cols["hallucination_flags"]) == 1
    assert cols["n_critical_flags"] == 1
    assert cols["hallucination_free"] is False


_sentences = st.sampled_from(
    [
        "Hoste i 3 dage.",
        "Ingen feber.",
        "Temp 38,5.",
        "BT 130/80.",
        "Smerter i højre knæ.",
        "Pamol 1 g x 4 dgl.",
        "Lette smerter i skulderen.",
        "Vurderes som pneumoni.",
        "Kvalme.",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_sentences, min_size=1, max_size=6, unique=True), st.randoms(use_true_random=False))
def test_reordering_the_sentences_of_the_final_note_never_flags(sentences, rnd):
    draft = " ".join(sentences)
    shuffled = sentences[:]
    rnd.shuffle(shuffled)
    assert _flags(" ".join(shuffled), draft) == []


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_sentences, min_size=1, max_size=5, unique=True),
    st.lists(_sentences, min_size=0, max_size=4, unique=True),
)
def test_flags_are_valid_and_sorted(final_sents, draft_sents):
    draft = " ".join(draft_sents)
    flags = _flags(" ".join(final_sents), draft)
    assert [(f["start"], f["end"]) for f in flags] == sorted((f["start"], f["end"]) for f in flags)
    for f in flags:
        assert draft[f["start"] : f["end"]] == f["text"]
        assert f["type"] in FLAG_TYPES
        assert f["severity"] in ("critical", "non-critical")


DEMO_DIR = Path(__file__).resolve().parents[3] / "evalkit" / "datasets" / "demo_da"


@pytest.mark.slow
def test_demo_dataset_injected_errors_are_found():
    """Recall/precision on the demo pilot's labelled errors, with the shipped lexicon.

    Every AI-assisted demo note, with its transcript. The demo also holds errors the
    clinician did not correct, which only the transcript can reveal. Measured on
    26 November 2026: recall 0.871, critical recall 0.914, precision 0.889, 407 of 424
    notes without labelled errors flag-free. Version 3 (7 December 2026) flags a kept
    statement only on an explicit contradiction by the talk, so some uncorrected demo
    errors that a loose question match used to reveal are no longer flagged: recall
    0.835, critical recall 0.866, precision 0.850. Later on 7 December: a single shared
    word flipped between two clauses no longer counts when the negation also covers
    words the other clause lacks ("Tidligere rask" / "Ingen tidligere sygdomme"), and
    version 4 (issue 22) looks for a removed clause's counterpart anywhere in the final
    note (reordered, split, merged, abbreviated). Both: recall 0.830, critical recall
    0.858, precision 0.908, benign demo notes flag-free 0.955.
    """
    import pandas as pd

    notes_path, labels_path = DEMO_DIR / "notes.csv", DEMO_DIR / "labels.csv"
    if not (notes_path.exists() and labels_path.exists()):
        pytest.skip(f"demo data not found in {DEMO_DIR}")
    from evalkit.lexicon.matcher import get_matcher

    try:
        matcher = get_matcher("da")
    except Exception as exc:  # noqa: BLE001 - the shipped lexicon may be mid-build
        pytest.skip(f"shipped Danish lexicon unavailable: {type(exc).__name__}")
    notes = pd.read_csv(notes_path, keep_default_na=False)
    labels = pd.read_csv(labels_path, keep_default_na=False)
    labels = labels[(labels["kind"] == "error") & (labels["field"] == "ai_note")]
    notes = notes[notes["ai_note"].str.len() > 0]
    predicted, labelled = {}, {}
    for row in notes.itertuples(index=False):
        pair = NotePair.from_raw(
            row.final_note, row.ai_note, row.transcript or None, row.language or "da"
        )
        predicted[row.note_id] = [
            f.as_dict() for f in score_hallucination(pair, {"matcher": matcher}).flags
        ]
        mine = labels[labels["note_id"] == row.note_id]
        labelled[row.note_id] = [
            {"type": r.type, "start": int(r.start), "end": int(r.end)}
            for r in mine.itertuples(index=False)
        ]
    table = evaluate_flags(predicted, labelled)
    assert table.loc["overall", "recall"] >= 0.82
    assert table.loc["overall", "precision"] >= 0.85
    assert table.loc["critical", "recall"] >= 0.85
    benign = [k for k, v in labelled.items() if not v]
    assert sum(not predicted[k] for k in benign) / len(benign) >= 0.90


_fuzz_pieces = st.sampled_from(
    list("abcæøå ABC.,;:?!-/%°\n0123456789[]")
    + [
        "ingen ",
        "feber ",
        "højre ",
        "mg ",
        "x dgl. ",
        "Læge: ",
        "Patient: ",
        "komma ",
        "to ",
        "og ",
        "ikke ",
        "normalt ",
        "n't ",
        "a ",
        "over ",
        "Vurdering:\n",
        "BT ",
    ]
)


_fuzz_text = st.lists(_fuzz_pieces, max_size=50).map("".join)


@settings(max_examples=60, deadline=None)
@given(_fuzz_text, _fuzz_text, st.one_of(st.none(), _fuzz_text), st.sampled_from(["da", "en"]))
# found by Hypothesis: a post-position cue as the text's last word before a dash
@example(final="", draft="feber ikke -", transcript=None, language="da")
def test_any_text_gives_valid_flags(final, draft, transcript, language):
    """Property: arbitrary text never raises and every flag slices the normalised draft."""
    pair = NotePair.from_raw(final, draft, transcript, language)
    for lexicon in (True, False):
        flags = _flags(final, draft, transcript=transcript, language=language, lexicon=lexicon)
        for f in flags:
            assert pair.ai_note[f["start"] : f["end"]] == f["text"]
            assert len(f["evidence"]) <= 200


_SENTENCE_POOL = {
    "da": [
        "Anamnese: 20-årig kvinde med ondt i halsen.",
        "Ingen feber, men hoste i 3 dage.",
        "Smerter i højre knæ.",
        "Smerter i venstre knæ.",
        "Plan: Pamol 1 g x 4 dgl.",
        "Phenoxymethylpenicillin 1 mio. IE x 3 dgl. i 7 dage.",
        "Phenoxymethylpenicillin 1 mio. IE x 4 dgl. i 10 dage.",
        "Temp. 38,5, BT 130/85.",
        "Temp. 37,2, BT 120/80.",
        "VURDERING",
        "Objektivt:",
        "Ryger ikke.",
        "Lette smerter, værre om natten.",
        "Svære smerter.",
        "Sulfamethizol 400 mg x 2 dgl.",
        "Hjerte uden anmærkninger.",
        "Kontrol ved forværring.",
    ],
    "en": [
        "She denies chest pain, fever, or vomiting.",
        "Cough for 3 days, but no fever.",
        "Pain in the right knee.",
        "Pain in the left knee.",
        "PLAN",
        "Assessment:",
        "Ibuprofen 400 mg three times daily.",
        "Ibuprofen 600 mg twice daily.",
        "Blood pressure 130/85, temperature 38.5.",
        "Mild pain, worse at night.",
        "Severe pain.",
        "Chest x-ray is normal.",
        "Follow up in 2 weeks.",
    ],
}


class _NoFlags:
    """A plug-in checker that finds nothing; with it the draft is indexed in full."""

    name = "none"

    def check(self, pair, context):
        return []


@st.composite
def _kept_and_changed(draw):
    language = draw(st.sampled_from(["da", "en"]))
    pool = _SENTENCE_POOL[language]
    final = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8))
    draft = draw(
        st.lists(st.one_of(st.sampled_from(final), st.sampled_from(pool)), min_size=1, max_size=8)
    )
    join = draw(st.sampled_from([" ", "\n", "\n\n"]))
    return language, join.join(final), join.join(draft)


@settings(max_examples=150, deadline=None)
@given(_kept_and_changed())
def test_leaving_kept_sentences_out_of_the_draft_index_changes_no_flag(case):
    """Property: without a transcript the draft index skips the sentences the final note
    has word for word; the flags equal those of the full index (forced by a plug-in)."""
    language, final, draft = case
    pair = NotePair.from_raw(final, draft, None, language)
    matcher = standin_matcher(language)
    fast = score_hallucination(pair, {"matcher": matcher}).flags
    full = score_hallucination(pair, {"matcher": matcher, "checkers": [_NoFlags()]}).flags
    assert fast == full


def test_a_draft_the_clinician_only_added_to_has_no_flags_and_needs_no_final_index(monkeypatch):
    import evalkit.metrics.hallucination.family as h

    final = "Ondt i halsen i 3 dage. Ingen feber.\nPlan: Pamol 1 g x 4 dgl. Kontrol om 1 uge."
    draft = "Ondt i halsen i 3 dage.\nPlan: Pamol 1 g x 4 dgl."
    calls = []
    real = h.build_index

    def counting(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(h, "build_index", counting)
    pair = NotePair.from_raw(final, draft, None, "da")
    assert score_hallucination(pair, {"matcher": standin_matcher("da")}).flags == ()
    assert calls == [pair.ai_note]  # the final note was never indexed
    # the full index agrees that nothing is flagged
    full = {"matcher": standin_matcher("da"), "checkers": [_NoFlags()]}
    assert score_hallucination(pair, full).flags == ()


def test_a_drug_named_by_its_dose_in_a_kept_sentence_still_counts_as_present(monkeypatch):
    import evalkit.metrics.hallucination.family as h

    seen = {}
    real = h.CheckContext

    def capture(language, options, previous, indexes):
        seen["draft"] = indexes["draft"]
        return real(language, options, previous, indexes)

    monkeypatch.setattr(h, "CheckContext", capture)
    final = "Xylotramin 400 mg x 2 dgl.\nKontrol om 1 uge."
    draft = "Xylotramin 400 mg x 2 dgl.\nKontrol om 2 uger."
    pair = NotePair.from_raw(final, draft, None, "da")
    score_hallucination(pair, {"matcher": standin_matcher("da")})
    fast = seen["draft"]
    assert len(fast.units) == 1  # only the changed sentence is indexed
    full = build_index(pair.ai_note, "da", standin_matcher("da"))
    assert "drug:xylotramin" in full.present
    assert fast.present == full.present


# ---- the terms family's mentions reach this family through previous -----------------------


def _counting_matcher(language):
    from evalkit.lexicon.matcher import Matcher, get_matcher

    class Counting(Matcher):
        def find(self, text):
            self.seen.append(text)
            return super().find(text)

    matcher = Counting(get_matcher(language).lexicon, language=language)
    matcher.seen = []
    return matcher


@pytest.mark.parametrize(
    ("final", "draft", "transcript", "language"),
    [
        ("Ingen feber. Pamol 1 g x 4.", "Feber. Pamol 1 g x 3.", None, "da"),
        ("Smerter i venstre knæ.", "Smerter i højre knæ. Ingen feber.", None, "da"),
        (
            "No fever. Knee pain.",
            "Fever. Knee pain, right side.",
            "Doctor: Any fever?\nPatient: No, I don't.",
            "en",
        ),
    ],
)
def test_hallucination_reuses_the_terms_mentions_and_flags_the_same(
    final, draft, transcript, language
):
    from evalkit.lexicon.matcher import Matchers
    from evalkit.metrics.note import score_pair

    pair = NotePair.from_raw(final, draft, transcript, language)
    matcher = _counting_matcher(language)
    matchers = Matchers()
    matchers._built[language] = matcher
    both = score_pair(pair, families=["terms", "hallucination"], options={"matchers": matchers})
    # every text matched once: the final note and the draft by the terms family only
    assert sorted(matcher.seen) == sorted(
        {pair.final_note, pair.ai_note} | {pair.transcript} - {None}
    )
    alone = score_hallucination(pair, {"matcher": _counting_matcher(language)})
    assert both.hallucination.as_columns() == alone.as_columns()


def test_hallucination_ignores_mentions_of_another_matcher():
    from evalkit.lexicon.matcher import Matched
    from evalkit.metrics.terms import TermScore

    pair = NotePair.from_raw("Ingen feber.", "Feber.", None, "da")
    matcher = _counting_matcher("da")
    # mentions of another matcher (here: none found) must not stand in for this one's
    other = _counting_matcher("da")
    stale = TermScore([], 0, 0, 1.0, [], matched=(Matched(other, pair.ai_note, ()),))
    with_stale = score_hallucination(pair, {"matcher": matcher}, {"terms": stale})
    assert pair.ai_note in matcher.seen
    assert with_stale.as_columns() == score_hallucination(pair, {"matcher": matcher}).as_columns()


@pytest.mark.parametrize("previous", [{}, {"terms": None}, {"terms": object()}, None])
def test_hallucination_without_usable_previous_matches_itself(previous):
    pair = NotePair.from_raw("Ingen feber.", "Feber.", None, "da")
    matcher = _counting_matcher("da")
    found = score_hallucination(pair, {"matcher": matcher}, previous)
    assert pair.ai_note in matcher.seen
    assert [f.type for f in found.flags] == ["negation"]


@pytest.mark.parametrize("language", ["sv", "xx", "", None])
def test_an_unknown_language_is_an_error_not_a_danish_fallback(language):
    """A pair that bypassed NotePair's check still gets no Danish word lists."""
    from types import SimpleNamespace

    pair = SimpleNamespace(
        final_note="Ingen feber.", ai_note="Feber.", transcript=None, language=language
    )
    with pytest.raises(
        ValueError, match=r"score_hallucination: the pair's language .* use one of da, en"
    ):
        score_hallucination(pair, {"matcher": None})
    with pytest.raises(ValueError, match=r"is not supported; use one of da, en"):
        hallucination_flags("Ingen feber.", "Feber.", language=language, matcher=None)


def _user_lexicon():
    from evalkit.lexicon.model import Lexicon, LexiconEntry

    # a made-up diagnosis that no shipped lexicon holds
    return Lexicon(
        [LexiconEntry("zorbitis", "dx:zorbitis", "diagnosis", "en", "test-user")],
        version="user-1",
    )


def test_a_user_lexicon_is_read_by_both_families_through_one_matcher(monkeypatch):
    """options["lexicon"]: the hallucination family uses the terms family's matcher and mentions."""
    from evalkit.lexicon.matcher import Matcher, lexicon_matcher
    from evalkit.metrics.note import score_pair

    lexicon = _user_lexicon()
    pair = NotePair.from_raw("No zorbitis.", "Zorbitis.", None, "en")
    seen: list[tuple[int, str]] = []
    find = Matcher.find

    def counting(self, text):
        seen.append((id(self), text))
        return find(self, text)

    monkeypatch.setattr(Matcher, "find", counting)
    both = score_pair(pair, families=["terms", "hallucination"], options={"lexicon": lexicon})
    user = lexicon_matcher(lexicon, "en")
    # the user's matcher, each note matched once (by the terms family), no other matcher
    assert sorted(seen) == sorted({(id(user), pair.final_note), (id(user), pair.ai_note)})
    assert [t["concept_id"] for t in both.terms.as_columns()["missing_terms"]] == ["dx:zorbitis"]
    flags = both.hallucination.flags
    assert [(f.type, pair.ai_note[f.start : f.end].lower()) for f in flags] == [
        ("negation", "zorbitis")
    ]
    alone = score_hallucination(pair, {"lexicon": lexicon})
    assert alone.as_columns() == both.hallucination.as_columns()


@pytest.mark.parametrize("bad", ["zorbitis", 3, {"zorbitis": "dx"}])
def test_a_lexicon_option_that_is_not_a_lexicon_is_refused(bad):
    pair = NotePair.from_raw("No fever.", "Fever.", None, "en")
    with pytest.raises(TypeError, match=r"option 'lexicon' must be an evalkit Lexicon, got"):
        score_hallucination(pair, {"lexicon": bad})
