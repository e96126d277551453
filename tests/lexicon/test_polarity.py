"""Tests for evalkit.lexicon.polarity through the matcher (Danish and English cues)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.lexicon.matcher import Matcher
from evalkit.lexicon.model import Lexicon, LexiconEntry
from evalkit.lexicon.polarity import (
    POST_WINDOW,
    PRE_WINDOW,
    Span,
    _connectors,
    find_presence,
    negated_flags,
    negation_cues,
)

DA_TERMS = [
    "feber",
    "hoste",
    "åndenød",
    "pneumoni",
    "brystsmerter",
    "kvalme",
    "cor",
    "pulm",
    "infektion",
    "hjertebanken",
    "strep A",
    "allergi",
    "halsbetændelse",
]
EN_TERMS = [
    "fever",
    "cough",
    "chest pain",
    "shortness of breath",
    "pneumonia",
    "chest x-ray",
    "pulmonary embolism",
    "nausea",
    "rash",
    "asthma",
    "wound",
    "infection",
]


def _matcher(terms, language):
    lex = Lexicon(
        [LexiconEntry(t, f"sym:{t.replace(' ', '_')}", "symptom", language, "t") for t in terms]
    )
    return Matcher(lex, language=language)


DA = _matcher(DA_TERMS, "da")
EN = _matcher(EN_TERMS, "en")


def _polarity(matcher, text):
    return [(m.text, m.negated) for m in matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ingen feber.", [("feber", True)]),
        ("Feber.", [("Feber", False)]),
        ("Har ikke haft feber i dag.", [("feber", True)]),
        ("Benægter åndenød.", [("åndenød", True)]),
        (
            "Ingen feber, hoste eller åndenød.",
            [("feber", True), ("hoste", True), ("åndenød", True)],
        ),
        ("Ingen feber. Hoste.", [("feber", True), ("Hoste", False)]),
        ("Ingen feber\nHoste i 3 dage", [("feber", True), ("Hoste", False)]),
        ("Ingen feber, men hoste.", [("feber", True), ("hoste", False)]),
        ("Ingen feber; hoste.", [("feber", True), ("hoste", False)]),
        ("Hoste uden feber.", [("Hoste", False), ("feber", True)]),
        ("Pneumoni kan udelukkes.", [("Pneumoni", True)]),
        ("Pneumoni kan ikke udelukkes.", [("Pneumoni", False)]),
        ("Ikke tegn på pneumoni.", [("pneumoni", True)]),
        ("Negativ for strep A.", [("strep A", True)]),
        ("Strep A negativ.", [("Strep A", True)]),
        ("Cor og pulm u.a.", [("Cor", True), ("pulm", True)]),
        ("Ikke kun hoste, også feber.", [("hoste", False), ("feber", False)]),
        ("Ingen bedring af hoste.", [("hoste", False)]),
        (
            "Afkræfter brystsmerter og hjertebanken.",
            [("brystsmerter", True), ("hjertebanken", True)],
        ),
        ("Ingen feber i sidste uge, hoste nu.", [("feber", True), ("hoste", False)]),
        ("Kvalme. Allergi: nej.", [("Kvalme", False), ("Allergi", True)]),
        # a colon starts a new field: it ends a pre cue's scope, not a post cue's
        ("Ryger ikke, kendt med: pneumoni.", [("pneumoni", False)]),
        # "ikke" right before a comma negates the verb before it, not what follows
        ("Ryger ikke, alkohol 2 genstande, kvalme.", [("kvalme", False)]),
    ],
)
def test_danish_polarity(text, expected):
    assert _polarity(DA, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No fever.", [("fever", True)]),
        (
            "Denies chest pain or shortness of breath.",
            [("chest pain", True), ("shortness of breath", True)],
        ),
        ("Patient doesn't have asthma.", [("asthma", True)]),
        ("No cough, but has a rash.", [("cough", True), ("rash", False)]),
        ("Pulmonary embolism was ruled out.", [("Pulmonary embolism", True)]),
        ("Pulmonary embolism cannot be ruled out.", [("Pulmonary embolism", False)]),
        ("No evidence of pneumonia on chest x-ray.", [("pneumonia", True), ("chest x-ray", False)]),
        ("No signs of infection in the wound.", [("infection", True), ("wound", False)]),
        ("Without nausea. Rash present.", [("nausea", True), ("Rash", False)]),
        ("No change in the rash.", [("rash", False)]),
        ("Fever, cough; no rash.", [("Fever", False), ("cough", False), ("rash", True)]),
    ],
)
def test_english_polarity(text, expected):
    assert _polarity(EN, text) == expected


def test_pre_cue_window_limits_the_scope():
    far = "Ingen " + "meget " * (PRE_WINDOW + 1) + "feber"
    near = "Ingen " + "meget " * (PRE_WINDOW - 1) + "feber"
    assert _polarity(DA, far) == [("feber", False)]
    assert _polarity(DA, near) == [("feber", True)]


def test_cue_tables_cover_the_documented_cues():
    da = negation_cues("da")
    for cue in (
        "ikke",
        "ingen",
        "intet",
        "uden",
        "aldrig",
        "benægter",
        "afkræfter",
        "negativ for",
        "ikke tegn på",
        "kan udelukkes",
        "u a",
    ):
        assert cue in da, cue
    en = negation_cues("en")
    for cue, kind in [
        ("no", "pre"),
        ("denies", "pre"),
        ("without", "pre"),
        ("negative for", "pre"),
        ("no evidence of", "pre"),
        ("ruled out", "post"),
        ("but", "terminator"),
    ]:
        assert en[cue] == kind
    assert negation_cues("xx") == {}


def test_negated_flags_directly():
    # "feber og hoste ikke": post cue at word 3 reaches back over the list.
    mentions = [Span(0, 5, 0, 1), Span(9, 14, 2, 3)]
    post = [Span(15, 25, 3, 5)]
    words = ["feber", "og", "hoste", "kan", "udelukkes"]
    assert negated_flags(mentions, [], post, [], words, "da") == [True, True]
    assert negated_flags(mentions, [], post, [14], words, "da") == [False, False]


def test_lexicon_terms_made_of_a_cue_and_a_term_become_negated_mentions():
    lex = Lexicon(
        [
            LexiconEntry("no fever", "find:afebrile", "finding", "en", "t"),
            LexiconEntry("fever", "sym:fever", "symptom", "en", "t"),
            LexiconEntry("no abnormality detected", "find:normal", "finding", "en", "t"),
        ]
    )
    found = Matcher(lex, language="en").find("No fever. No abnormality detected.")
    assert [(m.concept_id, m.negated) for m in found] == [
        ("sym:fever", True),
        ("find:normal", False),
    ]
    da = Lexicon(
        [LexiconEntry("ikke-steroid antiinflammatorisk", "med:nsaid", "medication", "da", "t")]
    )
    (mention,) = Matcher(da, language="da").find("Ikke-steroid antiinflammatorisk behandling.")
    assert (mention.concept_id, mention.negated) == ("med:nsaid", False)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(DA_TERMS),
    st.sampled_from(["Ingen", "Ikke", "Benægter", "Uden"]),
    st.sampled_from(DA_TERMS),
    st.sampled_from([". ", "; ", ", men ", "\n"]),
)
def test_a_pre_cue_negates_its_clause_and_no_further(term, cue, other, boundary):
    found = DA.find(f"{cue} {term}{boundary}{other}")
    assert [m.negated for m in found] == [True, False]
    assert DA.find(f"{term}{boundary}{other}")[0].negated is False


def _reference_flags(mentions, pre, post, boundaries, words, language):
    # The rules written out directly: scan every mention for every cue.
    connectors = _connectors(language)

    def same_clause(left, right):
        return not any(left <= b < right for b in boundaries)

    def listed(gap):
        return all(w in connectors for w in gap)

    flags = [False] * len(mentions)
    for cue in pre:
        previous = None
        for i, m in enumerate(mentions):
            if m.start < cue.end:
                continue
            if not same_clause(cue.end, m.start):
                break
            if previous is None and m.first_word - cue.end_word > PRE_WINDOW:
                break
            if previous is not None and not listed(words[previous.end_word : m.first_word]):
                break
            flags[i] = True
            previous = m
    for cue in post:
        following = None
        for i in range(len(mentions) - 1, -1, -1):
            m = mentions[i]
            if m.end > cue.start:
                continue
            if not same_clause(m.end, cue.start):
                break
            if following is None and cue.first_word - m.end_word > POST_WINDOW:
                break
            if following is not None and not listed(words[m.end_word : following.first_word]):
                break
            flags[i] = True
            following = m
    return flags


@st.composite
def _cue_layout(draw):
    # Words of two letters each plus a space: word k spans [3k, 3k + 2).
    words = draw(st.lists(st.sampled_from(["og", "xx", "or", "yy", "på"]), min_size=1, max_size=30))

    def spans(max_len):
        out = []
        for _ in range(draw(st.integers(0, 8))):
            first = draw(st.integers(0, len(words) - 1))
            end = draw(st.integers(first + 1, min(len(words), first + max_len)))
            out.append(Span(3 * first, 3 * end - 1, first, end))
        return out

    mentions = sorted(spans(3), key=lambda s: s.start)
    boundaries = sorted(draw(st.lists(st.integers(0, 3 * len(words)), max_size=6)))
    return mentions, spans(2), spans(2), boundaries, words


@settings(max_examples=300, deadline=None)
@given(_cue_layout(), st.sampled_from(["da", "en"]))
def test_negated_flags_agree_with_scanning_every_mention(layout, language):
    # Includes overlapping mentions, whose ends are not sorted.
    mentions, pre, post, boundaries, words = layout
    assert negated_flags(mentions, pre, post, boundaries, words, language) == _reference_flags(
        mentions, pre, post, boundaries, words, language
    )


def test_adjacent_cue_negates_only_the_next_word():
    from evalkit.lexicon.matcher import get_matcher

    m = get_matcher("en")
    assert [(x.text, x.negated) for x in m.find("Non smoker.")] == [("smoker", True)]
    assert ("ulcer", False) in [(x.text, x.negated) for x in m.find("Non-healing ulcer.")]
    assert [(x.text, x.negated) for x in m.find("nil smoker")] == [("smoker", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "ua" is about the left side, not about the eardrum before the comma
        ("Højre trommehinde rød og bulende, venstre ua.", [("trommehinde", False)]),
        # a list before a post cue is still negated over its commas
        (
            "Feber, hoste og ondt i halsen benægtes.",
            [("Feber", True), ("hoste", True), ("ondt i halsen", True)],
        ),
        ("St.p.: Hjerte, lunger ua.", [("Hjerte", True), ("lunger", True)]),
    ],
)
def test_a_post_cue_does_not_reach_back_over_a_comma_to_other_words(text, expected):
    from evalkit.lexicon import get_matcher

    assert [(m.text, m.negated) for m in get_matcher("da").find(text)] == expected


# --- presence words (cue data: presence, absence) -----------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Ødem til stede", "da", [("til stede", "present")]),
        ("Ødem ikke til stede", "da", [("ikke til stede", "absent")]),
        ("Blod påvist i urinen", "da", [("påvist", "present")]),
        ("Blod ikke påvist", "da", [("ikke påvist", "absent")]),
        ("Strep A positiv", "da", [("positiv", "present")]),
        ("Strep A negativ", "da", [("negativ", "absent")]),
        ("Pulsen fraværende", "da", [("fraværende", "absent")]),
        ("Edema present", "en", [("present", "present")]),
        ("Edema not present", "en", [("not present", "absent")]),
        ("Bowel sounds absent", "en", [("absent", "absent")]),
        (
            "Nitrites positive, leukocytes negative",
            "en",
            [
                ("positive", "present"),
                ("negative", "absent"),
            ],
        ),
        ("Blood not detected", "en", [("not detected", "absent")]),
        (
            "Nitrit positiv, leukocytter negativ",
            None,
            [("positiv", "present"), ("negativ", "absent")],
        ),
        ("No words here", "en", []),
    ],
)
def test_presence_polarity(text, language, expected):
    found = find_presence(text, language=language)
    assert [(w.text, w.polarity) for w in found] == expected
    for w in found:
        assert text[w.start : w.end] == w.text


def test_presence_words_are_the_cue_files_lists():
    from evalkit.lexicon.cues import language_cues

    for language in ("da", "en"):
        neg = language_cues(language).negation
        assert neg.presence and neg.absence
        for phrase in neg.presence + neg.absence:
            (word,) = find_presence(f"X {phrase}.", language=language)
            assert word.text == phrase
            assert word.polarity == ("absent" if phrase in neg.absence else "present")


def test_find_presence_refuses_bad_input():
    with pytest.raises(ValueError, match="language must be"):
        find_presence("Edema present", language="de")
    with pytest.raises(TypeError, match="text must be a str"):
        find_presence(6)
