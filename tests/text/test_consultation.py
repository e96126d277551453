"""The consultation model: utterances, roles, questions and their answers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.text import consultation
from evalkit.text.consultation import (
    answer_polarity,
    dialogue_cues,
    is_hypothetical,
    load_dialogue_cues,
    parse_consultation,
)
from evalkit.text.segment import split_sentences, split_turns

DA, EN = dialogue_cues("da"), dialogue_cues("en")


@pytest.mark.parametrize(
    "reply, language, expected",
    [
        ("Nej.", "da", "no"),
        ("Nej, ikke rigtigt.", "da", "no"),
        ("Ikke rigtigt.", "da", "no"),
        ("Det har jeg ikke.", "da", "no"),
        ("Ja, et par gange.", "da", "yes"),
        ("Et par gange, ja.", "da", "yes"),
        ("Jeg vågner tit.", "da", None),  # an echo: for the caller
        ("no .", "en", "no"),
        ("not really .", "en", "no"),
        ("i do n't think so .", "en", "no"),
        ("I haven't, no.", "en", "no"),
        ("Yeah, no, not at all.", "en", "no"),
        ("yeah , a few times .", "en", "yes"),
        ("Sometimes.", "en", "yes"),
        ("It started on Monday.", "en", None),
        ("", "en", None),
    ],
)
def test_answer_polarity(reply, language, expected):
    assert answer_polarity(reply, dialogue_cues(language)) == expected


def test_acibench_style_turns_and_answers():
    c = parse_consultation(
        "[doctor] any chest pain ?\n[patient] no .\n[doctor] how long has the cough lasted ?\n"
        "[patient] three days .\n[doctor] so no chest pain .",
        "en",
    )
    got = [(u.role, u.question, u.open_question, u.answer, u.summary) for u in c.utterances]
    assert got == [
        ("clinician", True, False, "no", False),
        ("patient", False, False, None, False),
        ("clinician", True, True, None, False),
        ("patient", False, False, None, False),
        ("clinician", False, False, None, True),
    ]
    assert c.utterances[0].answered_by == 1 and c.utterances[2].answered_by == 3
    assert c.labelled


def test_consecutive_turns_of_one_speaker_are_one_turn():
    # PriMock57 writes several utterances of one speaker as separate lines
    c = parse_consultation("Doctor: Any fever?\nDoctor: At all?\nPatient: No.", "en")
    assert [u.turn for u in c.utterances] == [0, 0, 1]
    # the reply answers the last question, not the first
    assert c.utterances[0].answer is None and c.utterances[1].answer == "no"


def test_unpunctuated_questions_are_found_by_their_opening():
    c = parse_consultation("Læge: Har du haft feber\nPatient: Nej", "da")
    assert c.utterances[0].question and c.utterances[0].answer == "no"


def test_patient_questions_get_no_answer():
    c = parse_consultation("Patient: Er det farligt?\nLæge: Nej.", "da")
    assert c.utterances[0].answer is None


def test_unlabelled_text_is_one_speaker_other():
    c = parse_consultation("Har du feber? Nej. Hoster du? Ja.", "da")
    assert {u.role for u in c.utterances} == {"other"} and not c.labelled
    assert [u.answer for u in c.utterances if u.question] == ["no", "yes"]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("If you get a fever, call us.", "en", True),
        ("Hvis du får feber, så ring.", "da", True),
        ("Hold øje med tegn på infektion.", "da", True),
        ("No fever.", "en", False),
        ("Ingen feber.", "da", False),
    ],
)
def test_hypothetical(text, language, expected):
    assert is_hypothetical(text, dialogue_cues(language)) is expected


def test_other_person():
    c = parse_consultation("Patient: My mother had breast cancer.", "en")
    assert c.utterances[0].other_person and not c.utterances[0].statement


def test_bad_cue_file_gives_a_clear_error():
    with pytest.raises(ValueError, match=r"\[da\]\.yes must be a list"):
        load_dialogue_cues({"da": {"yes": "ja"}}, "da")
    with pytest.raises(ValueError, match="no table"):
        load_dialogue_cues({}, "de")
    table = {
        f: ["x"]
        for f in (
            "yes",
            "no",
            "yes_phrases",
            "no_phrases",
            "question_openers",
            "summary_openers",
            "hypothetical",
            "other_person",
        )
    }
    with pytest.raises(ValueError, match="unknown fields"):
        load_dialogue_cues({"da": {**table, "maybe": ["x"]}}, "da")


_line = st.tuples(
    st.sampled_from(["Læge", "Patient", "Doctor", "Mor"]),
    st.text(alphabet="abc æøå?.,!\n", min_size=0, max_size=30),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_line, max_size=8), st.sampled_from(["da", "en"]))
def test_utterances_are_ordered_in_bounds_and_answers_point_forward(lines, language):
    text = "\n".join(f"{who}: {said}" for who, said in lines)
    c = parse_consultation(text, language)
    last = -1
    for i, u in enumerate(c.utterances):
        assert 0 <= u.start < u.end <= len(text) and u.start >= last
        last = u.end
        assert c.utterance_at(u.start) == i
        if u.answered_by is not None:
            assert u.answered_by > i and u.question
        if u.answer is not None:
            assert u.answer in ("yes", "no") and u.answered_by is not None


@pytest.mark.parametrize(
    "question, is_open",
    [
        ("Doctor: How long has it lasted?", True),
        ("Doctor: And when did it start?", True),
        # a question word later starts a clause, the question is still yes/no
        ("Doctor: Do you get dizzy when you stand up?", False),
        ("Læge: Gør det ondt, når du går?", False),
        # a request for a description is no yes/no question
        ("Doctor: Can you show me where it hurts?", True),
        ("Læge: Kan du vise mig, hvor det gør ondt?", True),
        ("Doctor: Can you walk on it?", False),
    ],
)
def test_open_questions(question, is_open):
    language = "da" if question.startswith("Læge") else "en"
    assert parse_consultation(question, language).utterances[0].open_question is is_open


def test_qualified_and_corrected_replies():
    c = parse_consultation("[doctor] a cough ?\n[patient] yes , but it's not barky .", "en")
    assert c.utterances[0].answer == "yes" and c.utterances[0].qualified
    c = parse_consultation(
        "[doctor] any fever ?\n[patient] no . well , actually , i had 101 .", "en"
    )
    assert c.utterances[0].answer is None
    c = parse_consultation("Læge: Har du feber?\nPatient: Nej, ikke rigtigt.", "da")
    assert c.utterances[0].answer == "no" and not c.utterances[0].qualified


def test_advice_and_family_questions_get_no_answer():
    c = parse_consultation("Doctor: If you keep a diary, okay?\nPatient: Yep.", "en")
    assert c.utterances[0].answer is None
    c = parse_consultation("Doctor: Any family history of diabetes?\nPatient: Yes.", "en")
    assert c.utterances[0].answer is None


@pytest.mark.parametrize(
    ("reply", "answer"),
    [
        # a reply that says yes and then no is no answer
        ("Patient: Yes, absolutely.\nPatient: No, not, no, nothing.", None),
        ("Patient: Nej.\nPatient: Jo, lidt.", None),
        # the same answer twice is that answer
        ("Patient: No.\nPatient: No, nothing.", "no"),
    ],
)
def test_a_reply_that_answers_both_ways_is_no_answer(reply, answer):
    c = parse_consultation(f"Doctor: Any neck pain at all?\n{reply}", "en")
    assert c.utterances[0].answer == answer


# A straightforward reference of the parser: every sentence lowered on its
# own, every cue phrase tried in turn, every cue regex searched in every
# sentence (how parse_consultation read a transcript before it lowered the
# whole text once, looked phrases up by first word and scanned for cue anchors
# once per transcript). The fast parser must give the same utterances.
_REF_WORDS = re.compile(r"n't|[^\W_]+?(?=n't)|[^\W_]+(?:[-'’][^\W_]+)*")
_REF_FILLERS = {"and", "og", "so", "så", "okay", "ok", "um", "uh", "øh", "altså", "well"}
_REF_OPENING_FILLERS = {"and", "og", "well", "um", "uh", "øh", "hmm", "oh", "åh", "altså", "jamen"}


def _ref_words(text):
    return _REF_WORDS.findall(text.lower().replace("’", "'"))


def _ref_regex(phrases):
    return re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(r"[^\w']+".join(re.escape(w) for w in p) for p in phrases)
        + r")(?![^\W_])"
    )


def _ref_starts_with(words, phrases, skip):
    firsts = {p[0] for p in phrases if p}
    for offset in range(min(skip + 1, len(words))):
        if offset and words[offset - 1] not in _REF_FILLERS:
            break
        if words[offset] not in firsts:
            continue
        if any(tuple(words[offset : offset + len(p)]) == p for p in phrases):
            return True
    return False


def _ref_opening(words, phrases):
    best, offset = 0, 0
    while offset < min(3, len(words)):
        for p in phrases:
            if len(p) > best and tuple(words[offset : offset + len(p)]) == p:
                best = len(p)
        if words[offset] not in _REF_OPENING_FILLERS:
            break
        offset += 1
    return best


def _ref_polarity(text, cues):
    words = _ref_words(text)
    if not words:
        return None
    yes_len = _ref_opening(words, cues.yes_phrases)
    no_len = _ref_opening(words, cues.no_phrases)
    if words[0] in cues.yes:
        yes_len = max(yes_len, 1)
    if words[0] in cues.no or (len(words) > 1 and words[1] in cues.no and words[0] in cues.yes):
        no_len = max(no_len, 2 if words[0] in cues.yes else 1)
    plain_yes = set("ja jo jah yes yeah yep yup ya yea".split())
    plain_no = set("nej næ næh no nope nah".split())
    if no_len == yes_len:
        return None
    if no_len > yes_len and any(w in plain_yes for w in words[no_len : no_len + 8]):
        return None
    if yes_len > no_len and any(w in plain_no for w in words[yes_len : yes_len + 8]):
        return None
    return "no" if no_len > yes_len else "yes"


def _reference_parse(text, language, sentences):
    from evalkit.text.consultation import _LEAD_FILLERS, _QUALIFIERS, _REQUESTS, _WH, Utterance
    from evalkit.text.segment import speaker_role

    cues = dialogue_cues(language)
    wh = _WH.get(language, frozenset())
    correction = consultation._CORRECTION_PHRASES  # same data, read its own way
    labelled = any(speaker for _, _, speaker in sentences)
    hypothetical, other = _ref_regex(cues.hypothetical), _ref_regex(cues.other_person)
    out, turn_no, last_speaker = [], -1, None
    for start, end, speaker in sentences:
        if speaker != last_speaker:
            turn_no += 1
        last_speaker = speaker
        raw = text[start:end]
        low = raw.lower().replace("’", "'")
        if re.search(r"[^\W_]", low) is None:
            continue
        head = _REF_WORDS.findall(low[:80])
        u = Utterance(start, end, turn_no, speaker, speaker_role(speaker) if speaker else "other")
        if raw.rstrip().endswith("?"):
            u.question = True
        elif raw.rstrip()[-1:] in ".!":
            u.question = False
        else:
            u.question = _ref_starts_with(head, cues.question_openers, 2)
        if u.question:
            words = _REF_WORDS.findall(low)
            lead = [w for w in words[:4] if w not in _LEAD_FILLERS]
            request = tuple(lead[:2]) in _REQUESTS and any(w in wh for w in words)
            u.open_question = request or any(w in wh for w in lead[:2])
        else:
            u.summary = u.role != "patient" and _ref_starts_with(head, cues.summary_openers, 0)
        u.hypothetical = hypothetical.search(low) is not None
        u.other_person = other.search(low) is not None
        out.append(u)
    n = len(out)

    def said(j):
        return text[out[j].start : out[j].end]

    for i, u in enumerate(out):
        if not u.question or u.role == "patient":
            continue
        for j in range(i + 1, min(n, i + 4)):
            v = out[j]
            if labelled and v.turn == u.turn:
                if v.question:
                    break
                continue
            if not labelled and j != i + 1:
                break
            if not (u.open_question or u.other_person or u.hypothetical):
                u.answer = _ref_polarity(said(j), cues)
                same_turn = j + 1 < n and out[j + 1].turn == v.turn
                if u.answer is not None and same_turn:
                    other_answer = _ref_polarity(said(j + 1), cues)
                    if _ref_opening(_ref_words(said(j + 1)), correction) > 0 or (
                        other_answer is not None and other_answer != u.answer
                    ):
                        u.answer = None
                u.qualified = u.answer is not None and any(
                    w in _QUALIFIERS for w in _ref_words(said(j))
                )
            u.answered_by = j
            break
    return out


def _cue_pieces(language):
    cues = dialogue_cues(language)
    phrases = (
        cues.yes_phrases
        + cues.no_phrases
        + cues.question_openers
        + cues.summary_openers
        + cues.hypothetical
        + cues.other_person
    )
    return [" ".join(p) for p in phrases] + sorted(cues.yes | cues.no)


_FILLER_PIECES = [
    "feber", "hoster", "mor", "morgen", "ringe", "familie", "ikke", "so", "Så", "hvis",
    "IF", "My Mother", "n't", "do n't", "don’t", "İstanbul", "ΣΑΣ", "?", ".", "!", ",",
    "  ", "\n", "x", "7", "_", "-",
]  # fmt: skip


def _transcript(language):
    piece = st.sampled_from(_cue_pieces(language) + _FILLER_PIECES)
    sentence = st.lists(piece, max_size=8).map(" ".join)
    line = st.tuples(st.sampled_from(["Læge", "Patient", "Doctor", "Mor", ""]), sentence)
    return st.lists(line, max_size=10).map(
        lambda lines: "\n".join(f"{who}: {said}" if who else said for who, said in lines)
    )


def _fields(utterances):
    return [tuple(getattr(u, f) for f in u.__slots__) for u in utterances]


@settings(max_examples=300, deadline=None)
@given(st.data(), st.sampled_from(["da", "en"]))
def test_fast_parser_matches_the_per_sentence_reference(data, language):
    text = data.draw(_transcript(language))
    sentences = [
        (t.start + x.start, t.start + x.end, t.speaker)
        for t in split_turns(text)
        for x in split_sentences(t.text)
    ]
    got = parse_consultation(text, language)
    assert _fields(got.utterances) == _fields(_reference_parse(text, language, sentences))


@settings(max_examples=200, deadline=None)
@given(st.data(), st.sampled_from(["da", "en"]))
def test_cue_scan_finds_every_sentence_with_a_cue(data, language):
    from evalkit.text.consultation import _cue_sentences, _language_plan, _lowered

    text = data.draw(_transcript(language))
    sentences = [
        (t.start + x.start, t.start + x.end, t.speaker)
        for t in split_turns(text)
        for x in split_sentences(t.text)
    ]
    low = _lowered(text)
    if low is None:
        return  # the parser lowers each sentence and searches it on its own
    plan = _language_plan(language)
    found = _cue_sentences(low, sentences, plan)
    for k, (start, end, _) in enumerate(sentences):
        assert low[start:end] == text[start:end].lower().replace("’", "'")
        if plan.either.search(low[start:end]) is not None:
            assert k in found


def test_reference_parser_agrees_on_the_examples():
    # the cross-check's reference reads the hand-checked examples above as the parser does
    text = "[doctor] any chest pain ?\n[patient] no .\n[doctor] so no chest pain ."
    got = _reference_parse(
        text,
        "en",
        [
            (t.start + x.start, t.start + x.end, t.speaker)
            for t in split_turns(text)
            for x in split_sentences(t.text)
        ],
    )
    assert [(u.question, u.answer, u.summary) for u in got] == [
        (True, "no", False),
        (False, None, False),
        (False, None, True),
    ]
