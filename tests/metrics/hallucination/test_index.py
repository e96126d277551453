"""Tests of build_index: units, headings, negation scope, dose-named drugs, left-out sentences."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evalkit.metrics.hallucination import (
    build_index,
)
from evalkit.metrics.hallucination.index import _is_heading
from tests.metrics.hallucination.conftest import _flags, standin_matcher


def test_speaker_labels_are_not_content():
    ix = build_index(
        "[doctor] any fever ?\n[patient] no .", "en", standin_matcher("en"), transcript=True
    )
    assert all(not any(k.endswith(("doctor", "patient")) for k in u.keys) for u in ix.units)
    assert ix.concepts["sym:fever"] == {True}


def test_unknown_word_before_a_dose_is_a_drug():
    # "fantasimycin" is in no lexicon; a strength after it makes it a drug
    flags = _flags(
        "Cystitis. Rp. Selexid 400 mg x 3 dgl.", "Cystitis. Rp. fantasimycin 400 mg x 3 dgl."
    )
    assert ("medication", "fantasimycin") in {(f["type"], f["text"]) for f in flags}
    # the same unknown word in both notes is endorsed
    assert _flags("Rp. fantasimycin 400 mg.", "Rp. fantasimycin 400 mg.") == []


def test_a_value_in_capitals_is_not_a_heading():
    flags = _flags("SAT 97 %. Hoste.", "SAT 91 %. Hoste.")
    assert [(f["type"], f["text"]) for f in flags] == [("number", "91 %")]


def _is_heading_reference(text):
    # The heading rule written out step by step, without the cheap first exit.
    if text.count(" ") > 40:
        return False
    body = text.rstrip(": \t")
    words = body.split()
    if not words or len(words) > 6:
        return False
    if text.rstrip().endswith(":"):
        return True
    if not body.isupper() or any(c.isdigit() for c in body):
        return False
    return sum(c.isalpha() for c in body) > 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aBcÆø PLAN:\t\n.1", max_size=40))
def test_heading_rule_matches_its_reference(text):
    """Property: the cheap first exit of _is_heading changes no answer."""
    assert _is_heading(text) == _is_heading_reference(text)


def test_negation_scope_runs_through_a_list():
    ix = build_index(
        "She denies chest pain, shortness of breath, nausea, or vomiting. No fever, but a cough.",
        "en",
        standin_matcher("en"),
    )
    first, *rest = ix.units
    assert all(p == {True} for p in first.polarity.values())
    assert rest[-1].polarity["s:cough"] == {False}


def test_a_heading_in_a_kept_sentence_still_starts_the_section():
    text = "Anamnese: ondt i halsen.\nVURDERING\nHalsbetændelse.\nPLAN\nPamol."
    full = build_index(text, "da")
    part = build_index(text, "da", leave_out={"VURDERING", "PLAN", "Anamnese: ondt i halsen."})
    assert [u.section for u in part.units] == ["vurdering", "plan"]
    assert [(u.start, u.end, u.section, u.keys) for u in part.units] == [
        (u.start, u.end, u.section, u.keys) for u in full.units if not u.heading and u.start > 30
    ]


def test_a_number_running_over_a_left_out_sentence_break_covers_its_unit():
    # "1 mio." ends a sentence; "IE" belongs to the number in the sentence before
    text = "Plan: Penicillin 1 mio. IE x 2 dgl. i 10 dage."
    full = build_index(text, "da")
    part = build_index(text, "da", leave_out={"Plan: Penicillin 1 mio."})
    assert "w:ie" not in part.units[0].keys
    assert part.units[0].keys == full.units[-1].keys


def _polarity(text: str, language: str) -> dict[str, set[bool]]:
    (unit,) = build_index(text, language).units
    return unit.polarity


@pytest.mark.parametrize(
    "text, language, negated, affirmed",
    [
        # an absence word right after its subject denies all of it, whatever follows
        ("Knee jerks absent bilaterally.", "en", {"s:knee", "s:jerk"}, set()),
        ("Akillesreflekser fraværende på begge sider.", "da", {"s:akillesrefleks"}, set()),
        ("Blod ikke påvist i fæces.", "da", {"s:blod"}, set()),
        ("Clonus not present.", "en", {"s:clonus"}, set()),
        # a post cue ending a coordinated subject denies every member
        ("Fever and chills denied.", "en", {"s:fever", "s:chill"}, set()),
        ("Feber og kulderystelser benægtes.", "da", {"s:feb", "s:kulderyst"}, set()),
        # a state word that takes an object negates the object, not the subject
        ("Urine negative for nitrites.", "en", {"s:nitrit"}, {"s:urin"}),
        # a presence word affirms its subject; the place after it has no polarity
        ("Clonus present at both ankles.", "en", set(), {"s:clonus"}),
        # before its noun an absence word still opens a scope forward
        ("Absent knee jerks.", "en", {"s:knee", "s:jerk"}, set()),
    ],
)
def test_presence_and_absence_words_after_their_subject(text, language, negated, affirmed):
    polarity = _polarity(text, language)
    assert {k for k, p in polarity.items() if p == {True}} == negated
    assert {k for k, p in polarity.items() if p == {False}} == affirmed


@pytest.mark.parametrize(
    "text, language",
    [
        ("Blod ikke påvist i fæces, ødem til stede, Babinski negativ.", "da"),
        ("Pulses not present, clonus present; Murphy's sign positive.", "en"),
        ("Reflexes absent bilaterally. Leukocytes not  detected.", "en"),
    ],
)
def test_presence_phrases_match_find_presence(text, language):
    # the index's word-by-word lookup against the cue module's regex
    from evalkit.lexicon.polarity import find_presence
    from evalkit.metrics.hallucination.index import _presence_phrases
    from evalkit.metrics.hallucination.words import WORD

    found = _presence_phrases(text, language, list(WORD.finditer(text)))
    expected = {w.start: (w.end, w.polarity) for w in find_presence(text, language=language)}
    assert found == expected


@pytest.mark.parametrize("language", ["sv", "xx", ""])
@pytest.mark.parametrize("transcript", [False, True])
def test_build_index_refuses_an_unknown_language(language, transcript):
    with pytest.raises(ValueError, match=r"build_index\(language\) .* use one of da, en"):
        build_index("Læge: Har du feber?\nPatient: Nej.", language, transcript=transcript)


@pytest.mark.parametrize(
    "final, draft, language",
    [
        ("Dyb venetrombose kan ikke udelukkes.", "Kan ikke udelukke dyb venetrombose.", "da"),
        ("DVT to be ruled out.", "Rule out DVT.", "en"),
    ],
)
def test_a_pseudo_negation_cue_opens_no_negation_scope(final, draft, language):
    from evalkit import hallucination_flags

    assert hallucination_flags(final, draft, language=language) == []
    # a plain negation still does
    flags = hallucination_flags(
        final, "Ingen dyb venetrombose." if language == "da" else "No DVT.", language=language
    )
    assert [f["type"] for f in flags] == ["negation"]


def _related_reference(postings, keys, k, min_shared):
    # TextIndex.related written out: count shared keys per unit, most first, ties by unit.
    counts = {}
    for key in keys:
        for u in postings.get(key, []):
            counts[u] = counts.get(u, 0) + 1
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(u, c) for u, c in best[:k] if c >= min_shared]


@given(
    st.dictionaries(
        st.sampled_from(["w:a", "w:b", "s:c", "c:d", "n:1", "s:e"]),
        st.lists(st.integers(0, 12), unique=True, max_size=10),
    ),
    st.sets(st.sampled_from(["w:a", "w:b", "s:c", "c:d", "n:1", "s:x"])),
    st.integers(1, 5),
    st.integers(1, 3),
)
def test_related_matches_its_reference(postings, keys, k, min_shared):
    ix = build_index("", "da")
    ix.postings = postings
    assert ix.related(keys, k=k, min_shared=min_shared) == _related_reference(
        postings, keys, k, min_shared
    )


@given(st.integers(0, 50), st.integers(0, 50), st.sampled_from(["", "Læge", "patient"]))
def test_blank_unit_is_the_dataclass_default(start, end, speaker):
    """Cross-check: the index's fast constructor gives Unit's defaults in every field."""
    from evalkit.metrics.hallucination.index import Unit, _blank_unit

    fast = _blank_unit(start, end, speaker)
    assert fast == Unit(start, end, speaker=speaker)  # compares every field; unset ones raise
    # fresh containers, not shared between units; the marks share a read-only empty one
    other = _blank_unit(start, end, speaker)
    assert all(
        getattr(fast, f) is not getattr(other, f)
        for f in ("keys", "stems", "mentions", "numbers", "polarity", "concept_polarity")
    )
    for f in ("sides", "grades", "quality"):
        with pytest.raises(TypeError):
            getattr(fast, f)[1] = (0, 1)


def _in_pseudo_reference(language, lowered, wi):
    # The pseudo-cue rule written out: every phrase tried at every start that can hold word wi.
    from evalkit.lexicon.cues import language_cues

    phrases = [p.split() for p in language_cues(language).negation.pseudo]
    bare = [w.rstrip(".") for w in lowered]
    return any(
        bare[start : start + len(p)] == p
        for p in phrases
        for start in range(max(0, wi - len(p) + 1), wi + 1)
        if start + len(p) <= len(bare)
    )


def _pseudo_pieces(language):
    # whole pseudo cues, their words one by one, and other words
    from evalkit.lexicon.cues import language_cues

    phrases = [p.split() for p in language_cues(language).negation.pseudo]
    words = sorted({w for p in phrases for w in p}) + ["feber", "ikke", "no", "pain", ""]
    return sorted(phrases) + [[w] for w in words]


@settings(max_examples=500, deadline=None)
@given(st.data(), st.sampled_from(["da", "en"]))
def test_in_pseudo_matches_its_reference(data, language):
    from evalkit.metrics.hallucination.index import _in_pseudo

    piece = st.sampled_from(_pseudo_pieces(language))
    words = [w for p in data.draw(st.lists(piece, min_size=1, max_size=5)) for w in p]
    dots = data.draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    lowered = [w + "." if dot else w for w, dot in zip(words, dots, strict=True)]
    wi = data.draw(st.integers(0, len(lowered) - 1))
    assert _in_pseudo(language, lowered, wi) == _in_pseudo_reference(language, lowered, wi)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=10),
    st.integers(0, 50),
    st.integers(1, 10),
)
def test_reaches_matches_a_scan_of_every_span(spans, start, length):
    from itertools import accumulate

    from evalkit.metrics.hallucination.index import _reaches

    spans = sorted((a, a + n) for a, n in spans)
    end = start + length
    reach = list(accumulate((b for _, b in spans), max))
    expected = any(a < end and start < b for a, b in spans)
    assert _reaches([a for a, _ in spans], reach, start, end) == expected


_PIECES = ["Læge:", "Patient:", "feber", "u.a.", "u.a", "hmm.ok", "Abd.", "İs", "ja", "nej"]
_PIECES += ["?", ".", ",", "3", "mg.", "x.y.z", "\n", "Ingen", "hoste", "dr.", "ca.5"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", "  ", "\n"])), max_size=20
    ),
    st.booleans(),
    st.sampled_from(["da", "en"]),
)
def test_unit_words_are_the_words_searched_in_each_unit(pieces, transcript, language):
    from evalkit.metrics.hallucination.words import WORD

    text = "".join(p + gap for p, gap in pieces)
    ix = build_index(text, language, None, transcript=transcript)
    expected = [[w.lower() for w in WORD.findall(ix.text, u.start, u.end)] for u in ix.units]
    found = ix.unit_words()
    assert found is None or found == expected
    if len(ix.units) == 1 and ix.units[0].start == 0 and ix.units[0].end == len(ix.text):
        assert found == expected  # one unit over the whole text: no word can cross


def test_unit_words_refuse_a_word_cut_by_a_unit():
    from evalkit.metrics.hallucination.index import Unit

    ix = build_index("feber hoste", "da")
    assert ix.unit_words() == [["feber", "hoste"]]
    ix.units = [Unit(0, 3), Unit(3, 11)]  # "feber" runs out of the first unit
    assert ix.unit_words() is None
    ix.units = [Unit(0, 5), Unit(8, 11)]  # "hoste" runs into the second
    assert ix.unit_words() is None


_TALK = ["Læge:", "Patient:", "feber", "hoste", "ondt", "i", "knæet", "ikke", "ingen", "uden"]
_TALK += ["anmærkninger", "bemærkning.", "normalt", "men", "ja", "nej", "til", "stede", "og"]
_TALK += ["fraværende", "venstre", "højre", "let", "svær", "godt", "3", "dage", "er", "non"]
_TALK += ["fever", "no", "not", "denies", "cough", "right", "knee", "but", "mild", "is", "any"]
_TALK += ["kan", "udelukkes", "påvist", "absent", "present", "negative", "for", "tender", "u.a."]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_TALK), st.sampled_from([" ", " ", ", ", ". ", "? ", "\n", "-"])),
        max_size=40,
    ),
    st.sampled_from(["da", "en"]),
)
def test_a_transcript_index_is_the_same_when_every_scope_is_followed(pieces, language):
    """Cross-check: following the negation scope only where it is read changes no unit.

    The reference follows it in every unit of the transcript, as notes do.
    """
    from unittest import mock

    from evalkit.metrics.hallucination import index

    text = "".join(p + gap for p, gap in pieces)
    matcher = standin_matcher(language)
    fast = build_index(text, language, matcher, transcript=True)
    every = mock.patch.object(index, "_remark_units", lambda units, *_: set(range(len(units))))
    with every:
        reference = build_index(text, language, matcher, transcript=True)
    assert fast.units == reference.units
    assert (fast.postings, fast.concepts, fast.statements) == (
        reference.postings,
        reference.concepts,
        reference.statements,
    )


_SECTION_PIECES = ["Anamnese:", "VURDERING", "PLAN", "S:", "Obj: feber", "Pamol 1 g.", "hoste,"]
_SECTION_PIECES += ["ingen feber.", "BT 120/80", "KONTROL OM 2 UGER", "men", "\n", ". ", ": "]


@settings(max_examples=300, deadline=None)
@example(["Anamnese:", "Obj: feber", "\n", "Pamol 1 g."], [True, False])  # two in one sentence
@given(
    st.lists(st.sampled_from(_SECTION_PIECES), max_size=24),
    st.lists(st.booleans(), max_size=24),
)
def test_gap_headings_give_the_sections_of_every_left_out_heading(pieces, drop):
    from evalkit.metrics.hallucination.index import _is_heading, _mark_sections, _split_units
    from evalkit.text.segment import clauses_of, split_sentences

    text = " ".join(pieces)
    sentences = split_sentences(text)
    leave_out = {s.text for s, out in zip(sentences, drop, strict=False) if out}
    units, _, _, outside = _split_units(
        text, transcript=False, leave_out=leave_out, sentences=sentences
    )
    # the reference: every heading among the left-out sentences' clauses
    every = [
        (c.start, c.text.strip().rstrip(":. ").lower())
        for c in clauses_of(text, [s for s in sentences if s.text in leave_out])
        if _is_heading(c.text)
    ]
    again = [type(u)(u.start, u.end) for u in units]
    _mark_sections(units, text, transcript=False, outside_headings=outside)
    _mark_sections(again, text, transcript=False, outside_headings=every)
    assert [u.section for u in units] == [u.section for u in again]
    assert set(outside) <= set(every)
