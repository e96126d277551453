"""Tests for evalkit.lexicon.matcher (folding, boundaries, inflection, compounds, stoplist)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.lexicon.matcher import (
    Matcher,
    Mention,
    _boundaries,
    _fold_with_offsets,
    _split_words,
    find_terms,
    fold,
    get_matcher,
)
from evalkit.lexicon.model import Lexicon, LexiconEntry
from evalkit.text.normalize import normalize_text

DA = [
    ("feber", "sym:fever", "symptom"),
    ("hoste", "sym:cough", "symptom"),
    ("blodtryk", "vital:blood_pressure", "vital"),
    ("BT", "vital:blood_pressure", "vital"),
    ("forhøjet blodtryk", "dx:hypertension", "diagnosis"),
    ("tablet", "med:tablet_form", "medication"),
    ("halsbetændelse", "dx:pharyngitis", "diagnosis"),
    ("ondt i halsen", "sym:sore_throat", "symptom"),
    ("smerte", "sym:pain", "symptom"),
    ("lænd", "anat:lower_back", "anatomy"),
    ("muskel", "anat:muscle", "anatomy"),
    ("tand", "anat:tooth", "anatomy"),
    ("arm", "anat:arm", "anatomy"),
    ("tarm", "anat:bowel", "anatomy"),
    ("Pamol", "med:paracetamol", "medication"),
    ("Zarator", "med:atorvastatin", "medication"),
    ("Combi", "med:amlodipine", "medication"),
    ("Combi", "med:valsartan", "medication"),
    ("COVID-19", "dx:covid_19", "diagnosis"),
    ("p", "vital:pulse", "vital"),
    ("tid", "find:time_placeholder", "finding"),
    ("CRP", "lab:crp", "lab"),
]
EN = [
    ("fever", "sym:fever", "symptom"),
    ("allergy", "dx:allergy", "diagnosis"),
    ("chest pain", "sym:chest_pain", "symptom"),
    ("pain", "sym:pain", "symptom"),
    ("rash", "find:rash", "finding"),
    ("ache", "sym:ache", "symptom"),
]


def _lexicon(rows=DA, language="da", stop=("p", "tid")):
    return Lexicon(
        [LexiconEntry(t, c, k, language, "test") for t, c, k in rows],
        stoplist={language: list(stop)},
        version="test",
    )


DA_MATCHER = Matcher(_lexicon(), language="da")
EN_MATCHER = Matcher(_lexicon(EN, "en", ()), language="en")


def _found(matcher, text):
    return [(m.text, m.concept_id) for m in matcher.find(normalize_text(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Blodtrykket er højt", [("Blodtrykket", "vital:blood_pressure")]),
        ("Tabletterne virker", [("Tabletterne", "med:tablet_form")]),
        ("halsbetændelsen er væk", [("halsbetændelsen", "dx:pharyngitis")]),
        ("HALSBETÆNDELSER", [("HALSBETÆNDELSER", "dx:pharyngitis")]),
        ("Hostens varighed", [("Hostens", "sym:cough")]),
        ("musklerne er ømme", [("musklerne", "anat:muscle")]),
        ("ondt i\n  halsen", [("ondt i\n  halsen", "sym:sore_throat")]),
        ("forhøjet blodtryk", [("forhøjet blodtryk", "dx:hypertension")]),
        ("lændesmerter", [("lænde", "anat:lower_back"), ("smerter", "sym:pain")]),
        ("hovedsmerterne", [("hovedsmerterne", "sym:pain")]),
        ("tarmen og armen", [("tarmen", "anat:bowel"), ("armen", "anat:arm")]),
        ("afstand til bordet", []),
        ("hostesaft", []),
        ("feberfri", []),
        ("covid 19 og COVID-19", [("covid 19", "dx:covid_19"), ("COVID-19", "dx:covid_19")]),
        ("CRP'en er 5", [("CRP", "lab:crp")]),
        ("crp 5, BT 120/80", [("crp", "lab:crp"), ("BT", "vital:blood_pressure")]),
        ("bt er fin", [("bt", "vital:blood_pressure")]),
        ("pamol og Pamol", [("pamol", "med:paracetamol"), ("Pamol", "med:paracetamol")]),
    ],
)
def test_danish_inflection_compounds_and_boundaries(text, expected):
    assert _found(DA_MATCHER, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p 72, BT 120/80", [("p", "vital:pulse"), ("BT", "vital:blood_pressure")]),
        ("se p. 3 i bogen", [("p", "vital:pulse")]),
        ("se s. p og tid", []),
        ("P 72", []),
        ("tid 3", [("tid", "find:time_placeholder")]),
    ],
)
def test_stoplisted_terms_need_exact_case_and_a_number(text, expected):
    assert _found(DA_MATCHER, text) == expected


def test_a_combination_product_gives_one_mention_per_concept():
    found = DA_MATCHER.find("Combi 5/80 mg")
    assert [(m.text, m.start, m.end) for m in found] == [("Combi", 0, 5), ("Combi", 0, 5)]
    assert {m.concept_id for m in found} == {"med:amlodipine", "med:valsartan"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fevers and allergies", [("fevers", "sym:fever"), ("allergies", "dx:allergy")]),
        ("chest pains", [("chest pains", "sym:chest_pain")]),
        ("painful rashes", [("rashes", "find:rash")]),
        ("aches", [("aches", "sym:ache")]),
        ("headache", []),
        ("allergyx", []),
    ],
)
def test_english_plurals_and_no_compounds(text, expected):
    assert _found(EN_MATCHER, text) == expected


def test_offsets_survive_folding_that_changes_length():
    # "ß" folds to "ss" and the ligature "ﬁ" to "fi": offsets still point into the input.
    lex = Lexicon(
        [
            LexiconEntry("fiber", "find:fiber", "finding", "da", "t"),
            LexiconEntry("feber", "sym:fever", "symptom", "da", "t"),
        ]
    )
    text = "Straße: ﬁber og FEBER"
    found = Matcher(lex, language="da").find(text)
    assert [(m.text, m.start, m.end) for m in found] == [("ﬁber", 8, 12), ("FEBER", 16, 21)]


def test_fold_matches_lexicon_and_text_alike():
    assert fold("Ondt-i-HALSEN!") == fold("ondt i halsen") == "ondt i halsen"
    assert fold("ＣＲＰ") == "crp"


def _regex_reference(terms, text):
    # Reference: leftmost-longest whole-word alternation over the same folding.
    alternation = "|".join(
        re.escape(fold(t)).replace(r"\ ", r"\W+") for t in sorted(terms, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


REF_TERMS = ["cough", "sore throat", "blood pressure", "otitis media", "nausea", "rash"]
FILLER = ["the", "patient", "has", "a", "mild", "and", "today", "with", "since", "monday"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(REF_TERMS + FILLER), max_size=25),
    st.lists(st.sampled_from([" ", ", ", ".\n", "  ", " - ", "; "]), min_size=25, max_size=25),
    st.lists(st.booleans(), min_size=25, max_size=25),
)
def test_whole_word_matches_agree_with_a_regex_reference(words, seps, upper):
    text = "".join((w.upper() if u else w) + s for w, s, u in zip(words, seps, upper, strict=False))
    lex = Lexicon(
        [LexiconEntry(t, f"sym:{i}", "symptom", "en", "t") for i, t in enumerate(REF_TERMS)]
    )
    found = Matcher(lex, language="en").find(text)
    assert [(m.start, m.end) for m in found] == _regex_reference(REF_TERMS, text)
    for m in found:
        assert m.text == text[m.start : m.end]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_mentions_are_sorted_in_bounds_and_slices_of_the_text(text):
    text = normalize_text(text)
    found = DA_MATCHER.find(text)
    assert found == sorted(found, key=lambda m: m.start)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.text == text[m.start : m.end]


def test_get_matcher_is_cached_and_find_terms_normalises():
    assert get_matcher("da") is get_matcher("da")
    lex = _lexicon()
    found = find_terms("Feber\r\nhoste", language="da", lexicon=lex)
    assert [(m.text, m.start) for m in found] == [("Feber", 0), ("hoste", 6)]


def test_matcher_needs_a_lexicon():
    with pytest.raises(TypeError, match="load_lexicon"):
        Matcher(["feber"], language="da")  # type: ignore[arg-type]


def test_empty_text_and_empty_lexicon():
    assert DA_MATCHER.find("") == []
    assert Matcher(Lexicon([]), language="da").find("feber") == []


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["feber", "Blodtrykket", "ondt i halsen", "CRP"]),
            st.text(alphabet="aßﬁµ½ÆØÅé ,.-\n", max_size=6),
        ),
        max_size=12,
    )
)
def test_offsets_point_at_the_terms_whatever_characters_surround_them(pieces):
    # The noise alphabet cannot spell a term or a cue, so exactly the injected terms are found,
    # in order, even where folding changes the length ("ß" → "ss", "½" → "1⁄2").
    concept = {
        "feber": "sym:fever",
        "Blodtrykket": "vital:blood_pressure",
        "ondt i halsen": "sym:sore_throat",
        "CRP": "lab:crp",
    }
    text = normalize_text(" ".join(pieces))
    found = DA_MATCHER.find(text)
    assert [m.concept_id for m in found] == [concept[p] for p in pieces if p in concept]
    for m in found:
        assert m.text == text[m.start : m.end] and m.text in concept


# The fast paths of find() against plain per-character reference versions.


def _reference_fold(text):
    # Every character NFKC-normalised and case-folded on its own, with the map
    # from folded position back to text position.
    pieces = [unicodedata.normalize("NFKC", c).casefold() for c in text]
    offsets = [i for i, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), offsets


def _reference_split(folded):
    # Word characters are letters and digits of the Basic Multilingual Plane.
    spaced = "".join(c if c.isalnum() and ord(c) < 0x10000 else " " for c in folded)
    starts = [m.start() for m in re.finditer(r"\S+", spaced)]
    words = spaced.split()
    joined = " " + " ".join(words) + " "
    joined_starts = [m.start() for m in re.finditer(r"\S+", joined)]
    return joined, joined_starts, starts


FOLD_ALPHABET = st.one_of(
    st.sampled_from(list("aZæøåÆØÅßµ½²ªﬁİΣé\u0301\u00a0\n.,;-_ 09!?\U00020000")),
    st.characters(blacklist_categories=("Cs",)),
)


LATIN1_OR_ANY = st.one_of(
    st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=60),
    st.text(alphabet=FOLD_ALPHABET, max_size=60),
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=FOLD_ALPHABET, max_size=60))
def test_fold_with_offsets_agrees_with_folding_each_character(text):
    folded, offsets = _fold_with_offsets(text)
    if offsets is None:
        # Folding kept every character in place: a one-to-one map.
        assert len(folded) == len(text)
        if not unicodedata.is_normalized("NFKC", text):
            assert folded == _reference_fold(text)[0]
    else:
        assert (folded, offsets) == _reference_fold(text)


@settings(max_examples=300, deadline=None)
@given(LATIN1_OR_ANY)
def test_split_words_agrees_with_a_per_character_reference(folded):
    assert _split_words(folded) == _reference_split(folded)


@settings(max_examples=300, deadline=None)
@given(LATIN1_OR_ANY)
def test_boundaries_agree_with_a_per_character_reference(folded):
    def is_word(c):
        return c.isalnum() and ord(c) < 0x10000

    expected = [
        i
        for i, c in enumerate(folded)
        if c in ";\n" or (c in ".!?" and (i + 1 == len(folded) or not is_word(folded[i + 1])))
    ]
    assert _boundaries(folded) == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "ingen feber",
                "hoste",
                "BT 120/80",
                "p 72",
                "lændesmerter",
                "tabletterne",
                "Combi",
                "µg",
                "men",
                "ikke",
                ".",
                ",",
                "\n",
                "kan udelukkes",
                "ingen tegn på",
                "halsbetændelse",
                "ß",
            ]
        ),
        max_size=20,
    )
)
def test_mentions_equal_ones_built_by_the_constructor(pieces):
    text = normalize_text(" ".join(pieces))
    for m in DA_MATCHER.find(text):
        rebuilt = Mention(m.start, m.end, m.text, m.concept_id, m.category, m.negated, m.parts)
        assert type(m) is Mention
        assert m == rebuilt and hash(m) == hash(rebuilt) and repr(m) == repr(rebuilt)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Danish "ikke" after the verb it negates, at the end of the clause
        ("Ryger ikke.", [("Ryger", True)]),
        ("Hoster ikke, feber ikke målt.", [("Hoster", True), ("feber", False)]),
        # only the mention right before it, not a list
        ("Har feber og hoster ikke.", [("feber", False), ("hoster", True)]),
        # "ikke" before a word is a pre cue as before
        ("Nej, det klør ikke.", [("klør", True)]),
        ("Feber: ikke målt.", [("Feber", False)]),
        ("Hoster ikke meget om natten.", [("Hoster", False)]),
    ],
)
def test_a_clause_final_ikke_negates_the_mention_before_it(text, expected):
    found = [(m.text, m.negated) for m in get_matcher("da").find(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Hun har kastet op to gange.", "sym:vomiting"),
        ("Det klør.", "sym:itch"),
        ("Kløende udslæt.", "sym:itch"),
        ("Jeg ryger 20 om dagen.", "dx:smoking"),
        ("Smerterne udstråler til armen.", "sym:radiating_pain"),
    ],
)
def test_spoken_danish_forms_name_the_symptom(text, concept):
    assert concept in {m.concept_id for m in get_matcher("da").find(text)}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # the absence of a concept is that concept, negated
        ("da", "Abdomen uøm.", ("uøm", "find:tenderness", True)),
        ("da", "Abdomen ikke øm.", ("øm", "find:tenderness", True)),
        # a negated form stays a term when its base is an everyday word
        ("en", "Abdomen soft, non-tender.", ("non-tender", "find:tenderness", True)),
        ("en", "Abdomen nontender.", ("nontender", "find:tenderness", True)),
    ],
)
def test_a_term_for_an_absence_is_its_concept_negated(language, text, expected):
    found = [(m.text, m.concept_id, m.negated) for m in get_matcher(language).find(text)]
    assert expected in found


# ---- the batch's matchers (options["matchers"]) and mentions shared through previous -----


def test_matchers_build_each_language_once_and_agree_with_get_matcher():
    from evalkit.lexicon.matcher import Matchers

    matchers = Matchers()
    da = matchers.get("da")
    assert matchers.get("da") is da
    assert da is get_matcher("da")  # the shipped lexicon's, built once per process
    text = normalize_text("Ingen feber. Blodtrykket er forhøjet.")
    assert da.find(text) == get_matcher("da").find(text)


def test_matchers_with_a_user_lexicon_use_its_terms(tmp_path):
    from evalkit.lexicon.matcher import Matchers

    user = tmp_path / "mine.tsv"
    user.write_text("term\tconcept_id\tcategory\nzorblax\tmed:zorblax\tmedication\n", "utf-8")
    matchers = Matchers([user])
    assert matchers.lexicon_files == (str(user),)
    assert [m.concept_id for m in matchers.get("da").find("Start zorblax.")] == ["med:zorblax"]
    assert get_matcher("da").find("Start zorblax.") == []


def test_matchers_pickle_as_their_files_only():
    import pickle

    from evalkit.lexicon.matcher import Matchers

    matchers = Matchers(["a.tsv"])
    copy = pickle.loads(pickle.dumps(matchers))
    assert copy.lexicon_files == ("a.tsv",)
    assert copy._built == {}
    assert len(pickle.dumps(Matchers())) < 200  # no automaton goes to the workers


@pytest.mark.parametrize("language", ["sv", "", None, "DA", 1])
def test_matchers_refuse_an_unknown_language(language):
    from evalkit.lexicon.matcher import Matchers, batch_matcher

    with pytest.raises(ValueError, match=r"not supported; use one of da, en"):
        Matchers().get(language)
    with pytest.raises(ValueError, match=r"not supported; use one of da, en"):
        batch_matcher({}, language)


def test_batch_matcher_reads_options_and_refuses_a_wrong_type():
    from evalkit.lexicon.matcher import Matchers, batch_matcher

    matchers = Matchers()
    assert batch_matcher({"matchers": matchers}, "en") is matchers.get("en")
    assert batch_matcher({}, "en") is get_matcher("en")
    with pytest.raises(TypeError, match=r"options\['matchers'\] must be an evalkit Matchers"):
        batch_matcher({"matchers": {"da": get_matcher("da")}}, "da")


def test_matched_gives_mentions_only_for_its_matcher_and_text():
    from evalkit.lexicon.matcher import Matched

    m = Matcher(_lexicon(), language="da")
    text = normalize_text("Ingen feber, hoste.")
    found = m.find(text)
    seen = Matched(m, text, tuple(found))
    assert seen.mentions_of(m, text) == found
    assert seen.mentions_of(m, text) is not seen.mentions_of(m, text)  # a fresh list each time
    assert seen.mentions_of(m, text + " ") is None
    assert (
        seen.mentions_of(Matcher(_lexicon(), language="da"), text) is None
    )  # an equal matcher is not the one


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="feberhostindgl .,", max_size=40))
def test_find_gives_the_same_mentions_on_every_call(text):
    # with no cache of recent texts inside the matcher, each call matches afresh
    m = Matcher(_lexicon(), language="da")
    assert m.find(text) == m.find(text) == Matcher(_lexicon(), language="da").find(text)


def test_resolve_matcher_follows_one_order_matcher_then_lexicon_then_batch():
    from evalkit.lexicon.matcher import Matchers, lexicon_matcher, resolve_matcher

    lex = Lexicon([LexiconEntry("fever", "sym:fever", "symptom", "en", "t")], version="t1")
    own = Matcher(lex, language="en")
    assert resolve_matcher({"matcher": own, "lexicon": object()}, "en") is own
    # a matcher of another language: its lexicon, for the pair's language
    da = resolve_matcher({"matcher": own}, "da")
    assert da.language == "da" and da.lexicon is lex
    assert resolve_matcher({"lexicon": lex}, "en") is lexicon_matcher(lex, "en")
    matchers = Matchers()
    assert resolve_matcher({"matchers": matchers}, "en") is matchers.get("en")
    with pytest.raises(ValueError, match="use one of da, en"):
        resolve_matcher({"lexicon": lex}, "sv")


def test_lexicon_matcher_cache_is_bounded_and_keyed_by_the_object():
    from evalkit.lexicon import matcher as module

    lexicons = [
        Lexicon([LexiconEntry(f"term{i}", f"sym:t{i}", "symptom", "en", "t")], version=str(i))
        for i in range(module._LEXICON_MATCHERS_MAX + 5)
    ]
    built = [module.lexicon_matcher(lex, "en") for lex in lexicons]
    assert len(module._LEXICON_MATCHERS) <= module._LEXICON_MATCHERS_MAX
    assert all(m.lexicon is lex for m, lex in zip(built, lexicons, strict=True))
    # the newest is still cached; an equal but distinct lexicon object gets its own matcher
    assert module.lexicon_matcher(lexicons[-1], "en") is built[-1]
    twin = Lexicon(list(lexicons[-1].entries), version=lexicons[-1].version)
    assert module.lexicon_matcher(twin, "en") is not built[-1]
