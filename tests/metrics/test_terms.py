"""Tests for evalkit.metrics.terms (missing and added terms) and the labelled set."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import evalkit
from evalkit.lexicon.matcher import Matcher, Mention
from evalkit.lexicon.model import Lexicon, LexiconEntry
from evalkit.metrics.registry import get_metric, list_families
from evalkit.metrics.terms import TermScore, compare_mentions, score_terms
from evalkit.text.normalize import normalize_text

REPO = Path(__file__).resolve().parents[2]


def _load_cases_module():
    path = REPO / "tests" / "labelled" / "terms_cases.py"
    spec = importlib.util.spec_from_file_location("evalkit_terms_cases", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


CASES = _load_cases_module()
LEX = CASES.fixture_lexicon()
MATCHERS = {lang: Matcher(LEX, language=lang) for lang in ("da", "en")}


def _missing(final, draft, language="da"):
    s = score_terms(final, draft, language=language, matcher=MATCHERS[language])
    return [(t["concept_id"], t["negated"]) for t in s.missing_terms]


@pytest.mark.parametrize(
    ("final", "draft", "expected"),
    [
        ("Ingen feber. Hoste.", "Hoste.", [("sym:fever", True)]),
        ("Feber og hoste.", "Ingen feber. Hoste.", [("sym:fever", False)]),
        ("Pamol 1 g x 4.", "Paracetamol 1 g x 4.", []),
        ("BT 140/90.", "Blodtrykket er 140/90.", []),
        ("KOL.", "Kronisk obstruktiv lungesygdom.", []),
        ("Ondt i halsen, ingen feber.", "Halssmerter. Ingen feber.", []),
        ("Hoste, feber, kvalme.", "Kvalme.", [("sym:cough", False), ("sym:fever", False)]),
        ("", "Feber.", []),
    ],
)
def test_missing_terms_hand_computed(final, draft, expected):
    assert _missing(final, draft) == expected


def test_items_carry_offsets_into_the_normalised_final_note():
    final = "Plan:\r\nIpren 400 mg og Pamol."
    s = score_terms(final, "Plan: Pamol.", matcher=MATCHERS["da"])
    (item,) = s.missing_terms
    norm = normalize_text(final)
    assert norm[item["start"] : item["end"]] == item["term"] == "Ipren"
    assert item == {
        "term": "Ipren",
        "concept_id": "med:ibuprofen",
        "category": "medication",
        "start": 6,
        "end": 11,
        "negated": False,
        "source": "lexicon",
    }
    assert (s.n_missing_terms, s.n_final_terms, s.term_recall) == (1, 2, 0.5)


def test_added_terms_point_into_the_draft():
    s = score_terms("Hoste.", "Hoste og ingen feber.", matcher=MATCHERS["da"])
    assert s.missing_terms == []
    assert [(t["term"], t["start"], t["negated"]) for t in s.added_terms] == [("feber", 15, True)]


def test_word_order_and_composition_are_not_omissions():
    assert _missing("Known allergies to penicillin.", "Penicillin allergy.", "en") == []
    lex = Lexicon(
        [
            LexiconEntry("penicillin allergy", "dx:penicillin_allergy", "diagnosis", "en", "t"),
            LexiconEntry("penicillin", "med:penicillin", "medication", "en", "t"),
            LexiconEntry("allergy", "dx:allergy", "diagnosis", "en", "t"),
        ]
    )
    both = [
        score_terms(a, b, language="en", lexicon=lex).n_missing_terms
        for a, b in [
            ("Penicillin allergy.", "Allergic? Allergy to penicillin."),
            ("Allergy to penicillin.", "Penicillin allergy."),
        ]
    ]
    assert both == [0, 0]
    assert (
        score_terms(
            "Penicillin allergy.", "Allergy noted.", language="en", lexicon=lex
        ).n_missing_terms
        == 1
    )


WORDS = [
    "feber",
    "hoste",
    "ingen",
    "ikke",
    "Pamol",
    "BT",
    "og",
    "men",
    "i",
    "dag",
    "ondt",
    "halsen",
    "kvalme",
    "uden",
    "lænden",
    "smerter",
    "120/80",
    "38,5",
]
TEXT = st.lists(st.sampled_from(WORDS), max_size=20).map(" ".join)
SEPARATED = st.tuples(TEXT, st.sampled_from([". ", ", ", "\n", " "]), TEXT).map("".join)


@settings(max_examples=150, deadline=None)
@given(SEPARATED)
def test_unchanged_note_has_no_missing_terms(text):
    s = score_terms(text, text, matcher=MATCHERS["da"])
    assert s.missing_terms == [] and s.added_terms == [] and s.term_recall == 1.0


@settings(max_examples=150, deadline=None)
@given(SEPARATED, SEPARATED)
@example(". ondt i halsen", ". halsen")  # a longer term held only as its part, both ways
@example(". ondt i halsen feber", ". halsen")  # and the items in text order both ways
def test_missing_and_added_are_mirror_images(final, draft):
    forward = score_terms(final, draft, matcher=MATCHERS["da"])
    backward = score_terms(draft, final, matcher=MATCHERS["da"])
    assert forward.missing_terms == backward.added_terms
    assert forward.added_terms == backward.missing_terms
    assert 0.0 <= forward.term_recall <= 1.0
    assert forward.n_missing_terms == len(forward.missing_terms) <= forward.n_final_terms
    if forward.n_final_terms:
        assert forward.term_recall == pytest.approx(
            1 - forward.n_missing_terms / forward.n_final_terms
        )


def test_compare_mentions_counts_concept_and_polarity_once():
    fever = Mention(0, 5, "feber", "sym:fever", "symptom", False)
    again = Mention(10, 15, "Feber", "sym:fever", "symptom", False)
    negated = Mention(20, 25, "feber", "sym:fever", "symptom", True)
    s = compare_mentions([fever, again, negated], [again])
    assert isinstance(s, TermScore)
    assert (s.n_final_terms, s.n_missing_terms, s.term_recall) == (2, 1, 0.5)
    assert s.missing_terms[0]["start"] == 20


def test_family_is_registered_after_edit_with_cards_and_item_fields():
    families = {f.name: f for f in list_families()}
    assert families["terms"].order == 20 and families["terms"].order > families["edit"].order
    for name in ("missing_terms", "n_missing_terms", "n_final_terms", "term_recall", "added_terms"):
        info = get_metric(name)
        assert info.family == "terms"
        assert (REPO / "docs" / "metrics" / f"{info.card}.md").is_file()
    assert dict(get_metric("missing_terms").item_fields)["negated"] == "bool"
    assert get_metric("term_recall").direction == "higher"


def test_score_note_uses_options_and_the_pair_language():
    en = evalkit.score_note(
        "No fever. Cough.", "Cough.", language="en", families=["terms"], lexicon=LEX
    )
    assert [t["concept_id"] for t in en.terms.missing_terms] == ["sym:fever"]
    da = evalkit.score_note(
        "Ingen feber.", "", language="da", families=["terms"], matcher=MATCHERS["da"]
    )
    assert da.terms.n_missing_terms == 1
    # An English matcher given for a Danish note is rebuilt for Danish from its lexicon.
    mixed = evalkit.score_note(
        "Ingen feber.", "", language="da", families=["terms"], matcher=MATCHERS["en"]
    )
    assert mixed.terms.n_missing_terms == 1


def test_lexicon_files_option_adds_user_terms(tmp_path):
    user = tmp_path / "local.tsv"
    user.write_text(
        "term\tconcept_id\tcategory\tlanguage\tsource\n"
        "zyxopril\tmed:zyxopril\tmedication\tda\tlocal\n",
        encoding="utf-8",
    )
    pair = evalkit.metrics.NotePair.from_raw("Start zyxopril 5 mg.", "Start 5 mg.", language="da")
    scored = evalkit.metrics.score_pair(
        pair, families=["terms"], options={"lexicon_files": (str(user),)}
    )
    assert [t["concept_id"] for t in scored.terms.missing_terms] == ["med:zyxopril"]
    plain = evalkit.metrics.score_pair(pair, families=["terms"], options={})
    # Without the user lexicon the rare word is found only by the frequency fallback.
    assert [(t["concept_id"], t["category"], t["source"]) for t in plain.terms.missing_terms] == [
        ("open:zyxopril", "other", "frequency")
    ]


def test_a_wrong_matcher_option_raises():
    with pytest.raises(TypeError, match="Matcher"):
        evalkit.score_note("a", "b", families=["terms"], matcher="da")


def test_labelled_set_precision_and_recall_with_covering_lexicon(capsys):
    cases = CASES.load_cases()
    assert len(cases) >= 40 and {c["language"] for c in cases} == {"da", "en"}
    quality, errors = CASES.evaluate(cases, MATCHERS)
    with capsys.disabled():
        print(
            f"\nterms labelled set (fixture lexicon): precision={quality.precision:.3f} "
            f"recall={quality.recall:.3f} tp={quality.true_positives} "
            f"fp={quality.false_positives} fn={quality.false_negatives} n={quality.n_cases}"
        )
    assert quality.precision >= 0.85, errors
    assert quality.recall >= 0.85, errors


def test_labelled_set_with_the_shipped_lexicon(capsys):
    shipped = evalkit.load_lexicon()
    if len(shipped) < 1000:
        pytest.skip("shipped lexicon files not present yet")
    matchers = {lang: Matcher(shipped, language=lang) for lang in ("da", "en")}
    cases = CASES.load_cases()
    quality, errors = CASES.evaluate(cases, matchers)
    with capsys.disabled():
        print(
            f"\nterms labelled set (shipped lexicon {shipped.version}): "
            f"precision={quality.precision:.3f} recall={quality.recall:.3f}"
        )
    benign = [c for c in cases if not c["expected_missing"]]
    benign_quality, benign_errors = CASES.evaluate(benign, matchers)
    # Benign rewording must not raise false omissions whatever the lexicon covers.
    assert benign_quality.false_positives <= len(benign) // 10, benign_errors


@pytest.mark.slow
def test_aci_bench_term_recall_ranks_systems_like_medcon(capsys):
    aci = REPO / ".." / "shared" / "datasets" / "aci-bench"
    if not (aci / "tables" / "test1.csv").is_file():
        pytest.skip(
            f"ACI-BENCH not found at {aci.resolve()}; place shared/datasets beside the repo"
        )
    path = REPO / "benchmarks" / "bench_terms.py"
    spec = importlib.util.spec_from_file_location("evalkit_bench_terms", path)
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    rows, rho, _ = bench.bench_aci()
    with capsys.disabled():
        for r in rows:
            print(
                f"\n{r['system']}: term_recall={r['mean_term_recall']:.3f} fact={r['fact']}", end=""
            )
        print(f"\nSpearman rho={rho:.3f}")
    assert len(rows) == 8 and all(r["notes"] == 40 for r in rows)
    assert all(0.0 <= r["mean_term_recall"] <= 1.0 for r in rows)
    # Both measure how much of the reference's medical content a system note keeps.
    assert rho > 0.5


# --- Modifier-aware and count-aware comparison (issue 23) -------------------
# A small hand-written lexicon: each case below is checked by hand.
_MOD_LEX = Lexicon(
    [
        LexiconEntry("artery", "anat:artery", "anatomy", "en", "test"),
        LexiconEntry("coronary artery disease", "dx:cad", "diagnosis", "en", "test"),
        LexiconEntry("legs", "anat:leg", "anatomy", "en", "test"),
        LexiconEntry("lower extremity", "anat:leg", "anatomy", "en", "test"),
        LexiconEntry("ibuprofen", "med:ibuprofen", "medication", "en", "test"),
        LexiconEntry("Motrin", "med:ibuprofen", "medication", "en", "test"),
    ]
)


def _missing_en(final, draft):
    return [
        t["term"] for t in score_terms(final, draft, language="en", lexicon=_MOD_LEX).missing_terms
    ]


def test_a_longer_term_held_only_as_a_scattered_part_is_missing_en():
    # The draft keeps "artery" elsewhere, "coronary" and "disease" far from it.
    final = "Coronary artery disease suspected. The artery was patent. No disease of the heart."
    draft = "The artery was patent. No disease of the heart. Coronary flow is good."
    assert _missing_en(final, draft) == ["Coronary artery disease"]


def test_a_longer_term_reworded_with_its_words_together_is_present():
    final = "Coronary artery disease suspected."
    draft = "Suspect disease of the coronary artery."
    assert _missing_en(final, draft) == []


def test_a_concept_named_more_often_in_another_form_is_missing_en():
    # "lower extremity" once plus "legs" twice against "legs" twice.
    final = "Numb legs. Weak legs. Lower extremity strength is reduced."
    draft = "Numb legs. Weak legs."
    assert "Lower extremity" in _missing_en(final, draft)


def test_a_synonym_in_place_of_the_term_is_not_missing_en():
    # One mention each side: the reworded mention pairs off.
    assert _missing_en("She takes Motrin 800 mg.", "She takes ibuprofen 800 mg.") == []
    assert _missing_en("Lower extremity strength 5/5.", "Strength in the legs 5/5.") == []


def _missing_shipped_en(final, draft):
    missing = score_terms(final, draft, language="en").missing_terms
    return [(t["term"], t["source"]) for t in missing]


def test_an_anatomy_and_finding_pair_held_apart_is_missing_en():
    # The draft names the calf and tenderness, but not together: the site is lost.
    final = "Right calf pain. Calf tenderness. Tenderness over the ankle."
    draft = "Right calf pain. Tenderness over the ankle."
    assert ("Calf tenderness", "pair") in _missing_shipped_en(final, draft)


@pytest.mark.parametrize(
    ("final", "draft"),
    [
        ("Calf tenderness on the right.", "Tenderness of the right calf."),
        ("Knee effusion noted.", "There is an effusion of the knee."),
        ("Lower extremity strength 5/5.", "Strength in the legs 5/5."),  # a synonym site
        ("Deep tendon reflexes are 2+.", "DTRs are 2+."),  # held as an initialism
    ],
)
def test_a_reworded_pair_is_present_en(final, draft):
    assert _missing_shipped_en(final, draft) == []


def test_an_everyday_finding_said_of_a_site_is_a_pair_en():
    # "tender" is stoplisted (an everyday word): said of a site, it is a finding
    final = "Leg cramps. Both calves are tender on squeeze. Calves look normal."
    draft = "Leg cramps. Calves look normal."
    assert ("calves are tender", "pair") in _missing_shipped_en(final, draft)
    assert _missing_shipped_en(final, "Leg cramps. Tender calves. Calves look normal.") == []
    # a word that is no everyday lexicon finding makes no pair
    final = "Leg cramps. Both calves are short. Calves look normal."
    assert _missing_shipped_en(final, draft) == []


def test_a_lost_site_before_a_lost_head_word_reports_the_finding_en():
    final = "Gait normal. Lower extremity strength is good."
    missing = _missing_shipped_en(final, "Gait normal.")
    assert ("Lower extremity strength", "pair") in missing


def test_a_specific_modifier_the_draft_never_uses_is_missing_en():
    final = "History of seasonal allergies. Allergies controlled with cetirizine."
    draft = "Allergies controlled with cetirizine."
    assert ("seasonal allergies", "modifier") in _missing_shipped_en(final, draft)
    # a generic modifier is not reported
    assert _missing_shipped_en("Her current allergies.", "Allergies.") == []


def test_a_specific_modifier_is_held_as_an_initialism_with_its_term_en():
    # a modifier the draft uses elsewhere is held (rare verbs such as
    # "denies" would be reported before every symptom otherwise)
    final = "Seasonal allergies. Seasonal rhinitis in spring."
    assert _missing_shipped_en(final, "Allergies. Seasonal rhinitis in spring.") == []
    final = "Admitted for intravenous antibiotics."
    assert _missing_shipped_en(final, "Antibiotics were given intravenously.") == []
    # an initialism that shortens the modifier, with the term
    assert _missing_shipped_en(final, "Admitted for IV antibiotics.") == []
    draft = "Admitted for antibiotics. Seen by the IV team."
    assert ("intravenous antibiotics", "modifier") in _missing_shipped_en(final, draft)


def test_a_clinical_modifier_makes_a_term_of_the_next_word_en():
    # "anterior" modifies many lexicon terms: "anterior drawer" is one term
    final = "Knee pain. Positive anterior drawer. Anterior knee swelling."
    draft = "Knee pain. Anterior knee swelling."
    assert ("anterior drawer", "compound") in _missing_shipped_en(final, draft)
    # held when the two stand together in the draft, in any order
    reworded = "Knee pain. Drawer test anterior positive. Anterior knee swelling."
    assert _missing_shipped_en(final, reworded) == []
    # a participle is no head; a common modifier makes no term
    assert _missing_shipped_en("Renal stone passed.", "Stone passed.") != []
    assert _missing_shipped_en("The anterior located.", "The located.") == []
    assert _missing_shipped_en("Severe drawer.", "Drawer.") == []


def test_a_number_and_unit_before_a_test_name_a_protocol_en():
    final = "A 24-hour urine was ordered. Urine sample sent."
    assert ("24-hour urine", "modifier") in _missing_shipped_en(final, "Urine sample sent.")
    final = "She will wear a 48-hour Holter monitor."
    missing = _missing_shipped_en(final, "She will wear a Holter monitor.")
    assert missing == [("48-hour Holter monitor", "modifier")]
    # the same number with the test, hyphenated or not, in any order: held
    assert _missing_shipped_en(final, "Holter monitor for 48 hours.") == []
    assert _missing_shipped_en("A 24 hour urine.", "A 24-hour urine.") == []
    # a very common word after the unit is no test; a lexicon term that
    # holds the number is the lexicon's ("12-lead ECG" is an ECG there)
    assert _missing_shipped_en("A 3-day history of cough.", "Cough.") == []
    assert _missing_shipped_en("12-lead ECG normal.", "ECG normal.") == []


def test_an_open_compound_held_apart_is_missing_en():
    final = "Continue physical therapy. Start gait training. Gait is slow."
    draft = "Continue physical therapy. Gait is slow. Training in the gym."
    assert ("gait training", "compound") in _missing_shipped_en(final, draft)
    reworded = "Continue physical therapy. Gait is slow. Training of gait to start."
    assert _missing_shipped_en(final, reworded) == []


# ---- options["matchers"] and the mentions handed on through previous --------------------


class _CountingMatcher(Matcher):
    """A real matcher that counts the texts it is asked to match."""

    def __init__(self, lexicon, *, language):
        super().__init__(lexicon, language=language)
        self.seen: list[str] = []

    def find(self, text):
        self.seen.append(text)
        return super().find(text)


def test_terms_read_the_batch_matchers_from_options():
    from evalkit.lexicon.matcher import Matchers
    from evalkit.metrics.note import NotePair, score_pair

    matchers = Matchers()
    matchers._built["da"] = MATCHERS["da"]  # the fixture lexicon stands in for the shipped one
    pair = NotePair.from_raw("Ingen feber. Pamol.", "Pamol.", None, "da")
    via_options = score_pair(pair, families=["terms"], options={"matchers": matchers}).terms
    direct = score_terms("Ingen feber. Pamol.", "Pamol.", matcher=MATCHERS["da"])
    assert via_options == direct
    assert [t["concept_id"] for t in via_options.missing_terms] == ["sym:fever"]


def test_terms_score_keeps_what_it_matched_for_later_families():
    final, draft = normalize_text("Ingen feber. Hoste."), normalize_text("Feber.")
    matcher = MATCHERS["da"]
    score = score_terms(final, draft, matcher=matcher)
    (f, d) = score.matched
    assert (f.matcher, f.text, list(f.mentions)) == (matcher, final, matcher.find(final))
    assert (d.matcher, d.text, list(d.mentions)) == (matcher, draft, matcher.find(draft))
    assert "matched" not in score.as_columns()
    assert score == compare_mentions(matcher.find(final), matcher.find(draft))  # not compared


def test_terms_match_a_repeated_final_note_once_per_batch():
    from evalkit.metrics.terms import TermVocabularies

    matcher = _CountingMatcher(LEX, language="da")
    batch = TermVocabularies()
    final = normalize_text("Ingen feber. Hoste.")
    drafts = [normalize_text(t) for t in ("Feber.", "Hoste.", "Ingen feber. Hoste.", "")]
    scores = [score_terms(final, d, matcher=matcher, vocabularies=batch) for d in drafts]
    assert matcher.seen.count(final) == 1  # the unchanged draft reuses it too
    fresh = [score_terms(final, d, matcher=MATCHERS["da"]) for d in drafts]
    assert scores == fresh


def test_terms_refuse_a_matchers_option_of_the_wrong_type():
    from evalkit.metrics.note import NotePair, score_pair

    pair = NotePair.from_raw("Feber.", "Feber.", None, "da")
    with pytest.raises(TypeError, match=r"options\['matchers'\] must be an evalkit Matchers"):
        score_pair(pair, families=["terms"], options={"matchers": MATCHERS})


_PAIR_WORDS_POOL = ["renal", "Renal", "RENAL", "renally", "anterior", "cyst", "drawer", "x2"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_PAIR_WORDS_POOL),
            st.sampled_from([" ", "  ", "\t", "\n", "-", ", ", ". ", "1", "é", "ß"]),
            st.text(alphabet="aRnlé -\t", max_size=4),
        ),
        max_size=14,
    )
)
@example(["renal", " ", "cyst", " ", "renally", " ", "drawer"])
def test_modifier_pairs_match_the_filtered_pair_pattern(pieces):
    # Cross-check against the pair pattern run at every word, then filtered.
    from evalkit.metrics.terms import _CLINICAL_PAIR, _modifier_pairs

    text = "".join(pieces)
    modifiers = {"renal": "finding", "anterior": "finding", "renally": "x"}
    expected = [
        m.span(1) + m.span(2)
        for m in _CLINICAL_PAIR.finditer(text)
        if m.group(1).casefold() in modifiers
    ]
    assert [m.span(1) + m.span(2) for m in _modifier_pairs(text, modifiers)] == expected


# ---- issue 23, fourth round: heads of tests, diets, senses; modalities; equivalence -------


@pytest.mark.parametrize(
    ("final", "draft", "expected"),
    [
        # a named test or sign: a capitalised eponym in front of a test head
        ("Knee pain. Positive Lachman test.", "Knee pain.", [("Lachman test", "compound")]),
        # a diet, a hyphen-joined modifier included
        ("Advised a low-salt diet.", "Advised.", [("low-salt diet", "compound")]),
        ("Start a bland diet.", "Start.", [("bland diet", "compound")]),
        # a sensory modality and an exam finding of common words
        (
            "Reduced vibration sense at the toes.",
            "Reduced at the toes.",
            [("vibration sense", "compound")],
        ),
        ("Grip strength is 4/5.", "Exam done.", [("Grip strength", "compound")]),
        # a decision rule
        ("X-ray per the Ottawa rules.", "X-ray done.", [("Ottawa rules", "compound")]),
    ],
)
def test_open_compound_heads_of_tests_diets_and_senses_en(final, draft, expected):
    assert _missing_shipped_en(final, draft) == expected


@pytest.mark.parametrize(
    ("final", "draft"),
    [
        ("Positive Lachman test.", "Lachman test positive."),  # reordered
        ("Advised a low-salt diet.", "Advised a low salt diet."),  # hyphenation
        ("Reduced vibration sense at the toes.", "Vibration sense reduced at the toes."),
        ("Grip strength is 4/5.", "Strength of grip 4/5."),  # reworded with "of"
        ("Full strength in both arms.", "Arms: normal power."),  # a generic word makes no term
        ("Additional Testing: none.", "None."),  # an inline label is no term
    ],
)
def test_open_compound_heads_benign_counterparts_en(final, draft):
    assert _missing_shipped_en(final, draft) == []


def test_a_sensory_modality_is_a_finding_of_its_own_en():
    final = "Decreased sensation to light touch in both feet."
    draft = "Decreased sensation in both feet."
    assert _missing_shipped_en(final, draft) == [("light touch", "modality")]
    # held with its words together, in any order or phrasing
    assert _missing_shipped_en(final, "Light touch sensation decreased in both feet.") == []
    # "to" with no sense before it names no modality; a stop word ends one
    assert _missing_shipped_en("Pupils reactive to light.", "Pupils reactive.") == []
    final = "Sensation intact to touch in the hand."
    assert _missing_shipped_en(final, "Sensation intact in the hand.") == [("touch", "modality")]


@pytest.mark.parametrize(
    ("final", "draft"),
    [
        ("Abdomen is nontender and nondistended.", "Abdomen is non-tender and non-distended."),
        ("Tympanic membranes are intact.", "TMs intact."),
    ],
)
def test_hyphenation_and_two_letter_initialisms_hold_a_term_en(final, draft):
    assert _missing_shipped_en(final, draft) == []


def test_a_two_letter_initialism_the_final_note_uses_itself_holds_nothing_en():
    # "TM" stands for something else in the final note: the term is missing
    final = "TM 2 cm. Tympanic membranes are intact."
    assert ("Tympanic membranes", "lexicon") in _missing_shipped_en(final, "TM 2 cm.")
