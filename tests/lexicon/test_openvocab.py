"""Open-vocabulary terms and concept equivalence (evalkit/lexicon/openvocab.py)."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.lexicon import openvocab
from evalkit.lexicon.matcher import get_matcher
from evalkit.lexicon.model import Lexicon, LexiconEntry
from evalkit.lexicon.openvocab import (
    OpenVocabulary,
    common_stems,
    is_label,
    stem_phrase,
    synonym_groups,
)
from evalkit.metrics.terms import TermVocabularies, score_terms

LEX = Lexicon(
    [
        LexiconEntry("smerte", "sym:pain", "symptom", "da", "test"),
        LexiconEntry("hovedpine", "sym:headache", "symptom", "da", "test"),
        LexiconEntry("pain", "sym:pain", "symptom", "en", "test"),
    ]
)
DA = OpenVocabulary(LEX, language="da")
EN = OpenVocabulary(LEX, language="en")


def _found(vocabulary, text):
    return [(t.text, t.category, t.source) for t in vocabulary.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ømhed over m. supraspinatus.", [("m. supraspinatus", "anatomy", "latin")]),
        ("Øm ved lig. collaterale mediale.", [("lig. collaterale mediale", "anatomy", "latin")]),
        ("Puls i a. radialis", [("a. radialis", "anatomy", "latin")]),
        ("Prolaps L5-S1 og C6.", [("L5-S1", "anatomy", "level"), ("C6", "anatomy", "level")]),
        # the head of the compound is a lexicon term: its category
        ("Klager over klyngehovedpine.", [("klyngehovedpine", "symptom", "compound")]),
        # a curated clinical head
        ("Anlagt infiltrationsanæstesi.", [("infiltrationsanæstesi", "procedure", "compound")]),
        # two common words make a plain compound, no term
        ("Han er fodboldspiller.", []),
        # common words are never terms
        ("Patienten har det godt i dag.", []),
    ],
)
def test_danish_open_terms_hand_computed(text, expected):
    assert _found(DA, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Signs of papilledema.", [("papilledema", "finding", "suffix")]),
        ("Tenderness at T10.", [("T10", "anatomy", "level")]),
        ("She saw Dr. Gutierrez today.", []),  # a capitalised word inside a sentence: a name
        ("The patient is doing well.", []),
    ],
)
def test_english_open_terms_hand_computed(text, expected):
    assert _found(EN, text) == expected


def test_covered_characters_are_not_analysed_again():
    text = "Ømhed over m. supraspinatus."
    covered = bytearray(len(text))
    covered[11:27] = b"\x01" * 16
    assert DA.find(text, covered) == []


@pytest.mark.parametrize(
    ("key", "draft", "present"),
    [
        (("meniskruptur",), "Ruptur af menisken.", True),  # compound against its parts
        (("musculus", "deltoideus"), "Ømhed over m. deltoideus.", True),  # abbreviation
        (("hyperkeratosen",), "Tiltagende hyperkeratose.", True),  # inflection
        (("epistaxis",), "Tilbagevendende næseblod.", True),  # lay synonym
        (("opkastning",), "Har kastet op i nat.", True),  # noun against verb phrase
        (("epistaxis",), "Hovedpine.", False),
        (("meniskruptur",), "Ruptur af sene.", False),
    ],
)
def test_danish_equivalence_hand_computed(key, draft, present):
    assert DA.present(key, draft) is present


def test_english_equivalence_hand_computed():
    assert EN.present(("vomiting",), "She vomited twice.")
    assert EN.present(("range", "of", "motion"), "Full ROM.")
    assert not EN.present(("papilledema",), "No swelling.")


def test_synonym_table_is_grouped_by_stems():
    by_phrase, by_group = synonym_groups("da")
    assert by_phrase[stem_phrase("Kastede op", "da")] == "vomiting"
    assert stem_phrase("opkastning", "da") in by_group["vomiting"]


def test_a_bad_synonym_row_says_where(tmp_path, monkeypatch):
    bad = tmp_path / "synonyms.tsv"
    bad.write_text("group\tlanguage\tphrase\nx\tda\n", encoding="utf-8")
    monkeypatch.setattr(openvocab, "SYNONYMS_PATH", bad)
    synonym_groups.cache_clear()
    try:
        with pytest.raises(ValueError, match="row 2: expected 3"):
            synonym_groups("da")
    finally:
        synonym_groups.cache_clear()


@pytest.mark.parametrize(("language", "name"), [("da", "danish"), ("en", "english")])
def test_the_stemmer_in_use_gives_the_pure_python_snowball_stems(language, name):
    # PyStemmer (compiled) is what snowballstemmer hands out when installed;
    # the scores must not depend on which one runs. Reference: the pure
    # Python stemmer of the same algorithm, on wordfreq's common words.
    import importlib

    import wordfreq

    reference = importlib.import_module(f"snowballstemmer.{name}_stemmer")
    pure = getattr(reference, f"{name.capitalize()}Stemmer")().stemWord
    used = openvocab._stemmer(language).stemWord
    words = wordfreq.top_n_list(language, 20000)
    assert [w for w in words if used(w) != pure(w)] == []


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåé", min_size=1, max_size=14))
@settings(max_examples=300, deadline=None)
def test_the_stemmer_in_use_agrees_with_the_pure_python_one_on_any_word(word):
    from snowballstemmer.danish_stemmer import DanishStemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    assert openvocab._stemmer("da").stemWord(word) == DanishStemmer().stemWord(word)
    assert openvocab._stemmer("en").stemWord(word) == EnglishStemmer().stemWord(word)


def test_word_frequencies_load_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("network used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    common_stems.cache_clear()
    stems = common_stems("da")
    assert "patient" in stems and len(stems) > 1000


def test_decisions_are_remembered_per_batch():
    vocabulary = OpenVocabulary(LEX, language="da")
    vocabulary.find("Klyngehovedpine og klyngehovedpine.")
    assert vocabulary._decisions["klyngehovedpine"] == ("symptom", "compound")


_WORDS = st.sampled_from(
    [
        "hyperkeratose",
        "knæartroskopi",
        "m. supraspinatus",
        "L5-S1",
        "lyskesmerter",
        "feber",
        "hoste",
        "klyngehovedpine",
        "paræstesier",
        "og",
        "i dag",
        "ingen",
    ]
)
_ENDINGS = st.sampled_from(["", "n", "en", "er", "erne"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8), st.lists(_WORDS, max_size=8))
def test_a_term_present_verbatim_in_both_notes_is_never_missing(shared, extra):
    final = ". ".join(shared) + "."
    draft = ". ".join(extra + shared) + "."
    matcher = get_matcher("da")
    score = score_terms(final, draft, language="da", matcher=matcher)
    assert score.n_missing_terms == 0


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["hyperkeratose", "knæartroskopi", "lyskesmerte", "paræstesi"]), _ENDINGS)
def test_an_inflection_of_a_present_term_is_never_missing(word, ending):
    if word.endswith("e") and ending.startswith("e"):
        ending = ending[1:]  # hyperkeratose-n, not -en
    elif not word.endswith("e") and not ending.startswith("e"):
        ending = "e" + ending if ending else ""  # knæartroskopi-en, not -n
    vocabularies = TermVocabularies()
    score = score_terms(
        f"Der ses {word}{ending}.", f"Der ses {word}.", language="da", vocabularies=vocabularies
    )
    assert score.n_missing_terms == 0


def test_multiword_key_needs_its_words_together():
    from evalkit.lexicon.model import Lexicon as _Lex
    from evalkit.lexicon.openvocab import OpenVocabulary as _OV

    ov = _OV(_Lex([]), language="en")
    scattered = "The ejection was fast. Later a small fraction of the dose was given."
    assert not ov.present(("ejection", "fraction"), scattered)
    assert ov.present(("ejection", "fraction"), "Reduced ejection fraction.")
    # Another order within the slack is the same phrase.
    assert ov.present(("intravenous", "antibiotics"), "Antibiotics given intravenous today.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a derived noun is judged by its own frequency, not its common stem's
        ("Pain on ambulation.", [("ambulation", "other", "frequency")]),
        ("Mild laxity.", [("laxity", "other", "frequency")]),
        # re- and a common word is a plain word
        ("Plan to reevaluate.", []),
        # a derived word that is common itself is no term
        ("Good mobility.", []),
    ],
)
def test_derived_words_hand_computed(text, expected):
    assert _found(EN, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MRI shows a torn ACL.", [("MRI", "other", "initialism"), ("ACL", "other", "initialism")]),
        ("DTRs 2+ and symmetric.", [("DTRs", "other", "initialism")]),
        ("HPI\nDoing well.", []),  # a heading line
        ("ROS: negative.", []),  # an inline label
        ("Feeling OK today.", []),  # an ordinary word in capitals
    ],
)
def test_initialism_terms_hand_computed(text, expected):
    assert _found(EN, text) == expected


def test_an_initialism_and_its_words_are_one_concept_both_ways():
    draft = EN.draft_stems("Anterior cruciate ligament torn.")
    (acl,) = EN.find("Torn ACL.")
    assert EN.term_present(acl, draft)
    assert not EN.term_present(acl, EN.draft_stems("Knee swollen, all cells normal."))
    # the draft's initialism holds the final note's words
    text = "Full range of motion."
    draft = EN.draft_stems("Full ROM.")
    assert EN.spelled_spans(text, draft) == [(5, 20)]
    assert EN.held_as_initialism(text, 0, 20, draft)
    assert not EN.held_as_initialism(text, 0, 20, EN.draft_stems("Limited ROM."))
    # the words of an initialism are looked for in the term's line only
    assert not EN.held_as_initialism("Full range\nof motion.", 0, 10, draft)
    # two letters are spelled by chance too often to count
    assert EN.spelled_spans("Heart rate 80.", EN.draft_stems("HR 80.")) == []


def test_equivalent_present_reads_an_initialism_surface():
    assert EN.equivalent_present("SOB", EN.draft_stems("Shortness of breath at night."))
    assert not EN.equivalent_present("SOB", EN.draft_stems("Short walks only."))


def test_a_clinical_ending_is_not_matched_by_its_stem():
    # "epicondylitis" (a disease) is not "epicondyle" (a structure), though they share a stem.
    assert not EN.present(("epicondylitis",), "Tender lateral epicondyle.")
    assert EN.present(("epicondylitis",), "Lateral epicondylitis, right.")
    assert DA.present(("hyperkeratosen",), "Tiltagende hyperkeratose.")


@pytest.mark.parametrize("language", ["sv", "xx", ""])
def test_an_unknown_language_is_an_error_not_danish_stems(language):
    with pytest.raises(ValueError, match=r"stemmer language .* is not supported; use one of"):
        OpenVocabulary(Lexicon([]), language=language)


def test_clinical_modifiers_hand_computed():
    entries = [
        LexiconEntry(term, f"dx:{i}", category, "en", "test")
        for i, (term, category) in enumerate(
            [
                ("anterior uveitis", "diagnosis"),
                ("anterior chamber", "anatomy"),
                ("anterior knee pain", "symptom"),  # "anterior" and "knee" modify
                ("knee pain", "symptom"),
                ("knee effusion", "finding"),
                ("severe pain", "symptom"),  # "severe" is common
                ("severe asthma", "diagnosis"),
                ("severe sepsis", "diagnosis"),
                ("acne vulgaris", "diagnosis"),  # a noun, not shaped like an adjective
                ("acne scars", "finding"),
                ("acne rosacea", "diagnosis"),
                ("renal colic", "symptom"),
                ("renal failure", "diagnosis"),
            ]
        )
    ]
    modifiers = OpenVocabulary(Lexicon(entries), language="en").clinical_modifiers
    # three terms: anterior (diagnosis, anatomy, symptom: the first in name
    # order of the tied categories, a diagnosis giving a finding); renal has two
    assert modifiers == {"anterior": "anatomy"}
    assert OpenVocabulary(Lexicon(entries), language="da").clinical_modifiers == {}


def test_register_words_hand_computed(monkeypatch):
    # "dysfunction" (Zipf 3.5) is too common for the frequency fallback; the
    # lexicon's terms use it often enough to make it a clinical word
    monkeypatch.setattr(openvocab, "MIN_REGISTER_TERMS", 2)
    lex = Lexicon(
        [
            LexiconEntry("erectile dysfunction", "dx:ed", "diagnosis", "en", "test"),
            LexiconEntry("thyroid dysfunction", "dx:td", "diagnosis", "en", "test"),
            LexiconEntry("lateral epicondylitis", "dx:le", "diagnosis", "en", "test"),
            LexiconEntry("lateral meniscus tear", "dx:lm", "diagnosis", "en", "test"),
            LexiconEntry("medication review", "proc:mr", "procedure", "en", "test"),
            LexiconEntry("annual review", "proc:ar", "procedure", "en", "test"),
        ]
    )
    ov = OpenVocabulary(lex, language="en")
    found = [(t.text, t.source) for t in ov.find("Pumping dysfunction. Lateral view. Reviewing.")]
    # an adjective alone ("lateral") and another form of a lexicon word's
    # stem ("reviewing") are not register words
    assert found == [("dysfunction", "register")]
    assert openvocab._singulars("abnormalities") == ("abnormalities", "abnormality", "abnormalitie")
    # a heading or an inline label is not a term
    assert ov.find("DYSFUNCTION\nnone") == [] and ov.find("Dysfunction: none") == []
    monkeypatch.setattr(openvocab, "MIN_REGISTER_TERMS", 3)
    assert OpenVocabulary(lex, language="en").find("Pumping dysfunction.") == []


@pytest.mark.parametrize("language", ["da", "en"])
def test_lexicon_tables_are_read_once_and_equal_a_fresh_read(language):
    # The tables kept per lexicon object against the functions that read them,
    # and a batch's vocabulary cannot change what the next batch gets.
    lexicon = get_matcher(language).lexicon
    stem = openvocab._stemmer(language).stemWord
    fresh = (
        openvocab._clinical_modifiers(lexicon, language),
        *openvocab._register_stems(lexicon, language, stem),
    )
    assert openvocab._lexicon_tables(lexicon, language) == fresh
    first = OpenVocabulary(lexicon, language=language)
    first.clinical_modifiers["zzz"] = "finding"
    second = OpenVocabulary(lexicon, language=language)
    assert "zzz" not in second.clinical_modifiers
    assert second.clinical_modifiers == fresh[0]
    assert (second._register_stems, second._lexicon_words) == fresh[1:]


_OLD_INITIALISM = r"(?<![\w-])[A-ZÆØÅ]{2,5}s?(?![\w-])"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ABCÆØÅsab1-_ .\n", max_size=30))
def test_initialism_pattern_matches_the_lookbehind_first_form(text):
    # Cross-check against the pattern written with its lookbehind first.
    import re

    old = [m.span() for m in re.finditer(_OLD_INITIALISM, text)]
    assert [m.span() for m in openvocab._INITIALISM.finditer(text)] == old


def test_a_word_is_held_by_its_hyphenated_spelling():
    draft = EN.draft_stems("Abdomen non-tender, non-distended.")
    assert draft.hyphen_joined == {"nontender", "nondistended"}
    assert EN.present(("nondistended",), "", draft)
    assert not EN.present(("nondistended",), "", EN.draft_stems("Abdomen soft."))
    assert EN.draft_stems("No hyphen here.").hyphen_joined == frozenset()


@given(st.text(alphabet="ab1æ-_ .\n²", max_size=40))
def test_hyphenated_words_are_the_patterns_findall(text):
    # Cross-check against the pattern scanned over the whole text.
    import re

    expected = re.findall(r"[^\W_]+(?:-[^\W_]+)+", text)
    assert openvocab.hyphenated_words(text) == expected


_RUN_TEXT = st.text(alphabet="aZæ1²½ª_-. \n\xa0\x85ĀΩ\U0001d400", max_size=40)


@given(_RUN_TEXT)
def test_letter_and_word_runs_are_the_patterns_findall(text):
    # Cross-check the translate fast path (and the fallback) against the patterns.
    import re

    assert openvocab.letter_runs(text) == re.findall(r"[^\W_]+", text)
    assert openvocab.word_runs(text) == re.findall(r"\w+", text)


@given(st.text(alphabet="ab_ .\n?μ–•\u2028\u3000Ω\U0001d400\U0001f600\ud800", max_size=40))
def test_runs_beyond_latin1_are_the_patterns_findall(text):
    # The path for text beyond Latin-1 ("?" stands for every such character
    # before the letters and digits among them are put back): a literal "?",
    # non-word characters beyond Latin-1 (dashes, bullets, white space), a
    # lone surrogate, and letters of other planes.
    import re

    assert openvocab.letter_runs(text) == re.findall(r"[^\W_]+", text)
    assert openvocab.word_runs(text) == re.findall(r"\w+", text)


def _first_free_reference(folded, word, taken):
    # The first whole-word occurrence of ``word`` with no taken character, searched directly.
    at = folded.find(word)
    while at >= 0:
        end = at + len(word)
        whole = (at == 0 or not folded[at - 1].isalnum()) and (
            end == len(folded) or not folded[end].isalnum()
        )
        if whole and taken.find(1, at, end) < 0:
            return at
        at = folded.find(word, at + 1)
    return -1


@given(
    st.lists(st.sampled_from(["ab", "abab", "ba", "a", " ", "-", "æ1", "\n", "Ωa"]), max_size=12),
    st.sampled_from(["ab", "ba", "a", "abab"]),
    st.data(),
)
def test_first_free_occurrence_matches_a_direct_search(parts, word, data):
    # Latin-1 text (the masked-integer path) and other text (runs of taken
    # characters); ``taken`` may be longer or shorter than the text.
    folded = "".join(parts)
    size = data.draw(st.sampled_from([len(folded), max(0, len(folded) - 1), len(folded) + 2]))
    taken = bytearray(data.draw(st.lists(st.sampled_from([0, 1, 2]), min_size=size, max_size=size)))
    free = openvocab._free_text(folded, taken)
    assert free[: len(folded)].replace("\x00", "") == "".join(
        c for c, t in zip(folded, bytes(taken) + b"\x00" * len(folded), strict=False) if t != 1
    )
    assert openvocab._first_free_in(folded, free, word) == _first_free_reference(
        folded, word, taken
    )


@given(
    st.lists(
        st.sampled_from(["kast", "kastet", "kaster", "ka", "cry", "cries", "en", "ene"]), max_size=6
    ),
    st.sampled_from(["kast", "ka", "cri", "en", "kas", "k"]),
    st.sampled_from([DA, EN]),
)
def test_has_stem_matches_stemming_every_word_with_its_first_letters(words, stem, vocabulary):
    # The reference: a word of the draft is the stem, or has it and begins with its first letters.
    draft = vocabulary.draft_stems(" ".join(words))
    prefix = stem[: openvocab._PREFIX]
    expected = stem in words or any(
        vocabulary.stem(w) == stem and w[: openvocab._PREFIX] == prefix for w in words
    )
    assert draft.has_stem(stem) == expected


def test_two_letters_hold_a_two_word_term_only_when_asked_and_unused_in_the_note():
    tms = EN.draft_stems("TMs intact.")
    text = "Tympanic membranes intact."
    assert EN.held_as_initialism(text, 0, 18, tms, two_letters=True)
    assert not EN.held_as_initialism(text, 0, 18, tms)
    # the note uses "TM" itself; a three-word term is not two letters
    assert not EN.held_as_initialism("TM 2 cm. " + text, 9, 27, tms, two_letters=True)
    assert not EN.held_as_initialism("Tympanic membrane perforation.", 0, 29, tms, two_letters=True)


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Additional Testing: none.", 0, 18, True),
        ("PLAN\nRest.", 0, 4, True),
        ("A test.", 2, 6, False),
    ],
)
def test_is_label_reads_headings_and_inline_labels(text, start, end, expected):
    assert is_label(text, start, end) is expected


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["KOL", "DTRs", "knæartroskopi", "smerte", "m. supraspinatus", "L5-S1", "a_b",
             "Hyperkeratose", "OK", "\n", ". ", " ", ": ", "paræstesi", "ROM"]
        ),
        max_size=12,
    ),
    st.sampled_from([DA, EN]),
)  # fmt: skip
def test_find_reads_the_same_terms_from_the_notes_words(parts, vocabulary):
    # The note's words and initialisms passed in (note_words) change nothing found.
    text = "".join(parts)
    alone = vocabulary.find(text)
    assert vocabulary.find(text, note_words=vocabulary.draft_stems(text)) == alone
    # words of another text are not used
    assert vocabulary.find(text, note_words=vocabulary.draft_stems(text + " x")) == alone


@given(st.text(alphabet="abenrtsi", max_size=10))
def test_base_forms_strip_the_endings_in_their_listed_order(part):
    # Reference: every ending of _DA_ENDINGS tried in its order (longest first).
    expected = [part] + [
        part[: -len(e)]
        for e in openvocab._DA_ENDINGS
        if part.endswith(e) and len(part) - len(e) >= openvocab.MIN_PART
    ]
    assert openvocab._base_forms(part) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ABCKLØÆÅsab1-_ .\n?μ\u0130\U0001d400", max_size=40))
def test_initialism_matches_are_the_patterns_finditer(text):
    # Cross-check the "CC" scan against the pattern run over the whole text.
    from evalkit.text.initialisms import initialism_letters

    expected = [
        (m.start(), m.end(), m.group(), initialism_letters(m.group()))
        for m in openvocab._INITIALISM.finditer(text)
    ]
    assert openvocab._initialism_matches(text) == expected


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                " m.",
                "m",
                " mm.",
                "lig.",
                " lig",
                "a.",
                " v",
                ".",
                " ",
                "_",
                "\n",
                "vena ",
                "proc.",
                "xm.",
                "ø",
                "µ",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_latin_triggered_is_a_search_for_every_trigger(folded):
    # The word lookup before the search must not change the answer.
    spaced = " " + folded
    expected = any(t in spaced for t in openvocab._LATIN_TRIGGERS)
    for words in (set(openvocab.letter_runs(folded)), set(openvocab.word_runs(folded))):
        assert openvocab._latin_triggered(spaced, words) == expected
