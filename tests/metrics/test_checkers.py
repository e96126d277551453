"""Tests of the pluggable checker interface."""

from __future__ import annotations

import pytest

from evalkit.metrics.checkers import (
    EVIDENCE_MAX_CHARS,
    CheckContext,
    Checker,
    Flag,
    make_flag,
    merge_flags,
    resolve_checkers,
    validate_flag,
)
from evalkit.metrics.note import NotePair, score_note
from evalkit.text.segment import split_sentences


class UnsupportedSentenceChecker:
    """Example plug-in: a stand-in for a locally run NLI model.

    It scores each draft sentence by the share of its words found in the
    reference (transcript if any, else the final note) and flags sentences
    below a threshold. A real NLI checker would replace ``_entailment``.
    """

    name = "toy-nli"

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold

    @staticmethod
    def _entailment(premise: str, hypothesis: str) -> float:
        words = [w.strip(".,;:").lower() for w in hypothesis.split()]
        known = set(w.strip(".,;:").lower() for w in premise.split())
        return sum(w in known for w in words) / max(1, len(words))

    def check(self, pair, context):
        premise = pair.transcript or pair.final_note
        source = "transcript" if pair.transcript else "final_note"
        flags = []
        for sent in split_sentences(pair.ai_note):
            score = self._entailment(premise, sent.text)
            if score < self.threshold:
                flags.append(
                    make_flag(
                        pair.ai_note,
                        sent.start,
                        sent.end,
                        "unsupported",
                        f"toy-nli entailment {score:.2f} < {self.threshold}",
                        source,
                        severity="non-critical",
                        checker=self.name,
                    )
                )
        return flags


def test_example_checker_satisfies_the_protocol():
    assert isinstance(UnsupportedSentenceChecker(), Checker)


def test_plugin_flags_merge_into_the_output():
    final = "Hoste i 3 dage."
    draft = "Hoste i 3 dage. Rejst til Thailand sidste måned."
    cols = score_note(
        final,
        draft,
        families=["hallucination"],
        matcher=None,
        checkers=[UnsupportedSentenceChecker()],
    ).as_columns()
    got = {(f["type"], f["text"]) for f in cols["hallucination_flags"]}
    # the plug-in's own type sits next to the built-in fallback's flag
    assert ("unsupported", "Rejst til Thailand sidste måned.") in got
    assert ("fabrication", "Rejst til Thailand sidste måned") in got
    assert cols["n_hallucination_flags"] == len(cols["hallucination_flags"])


def test_plugin_receives_context_with_indexes():
    seen = {}

    class Spy:
        name = "spy"

        def check(self, pair, context):
            seen["language"] = context.language
            seen["indexes"] = sorted(k for k in context.indexes if not k.startswith("_"))
            return []

    score_note(
        "Feber.",
        "Feber.",
        transcript="Læge: Feber?",
        language="da",
        families=["hallucination"],
        matcher=None,
        checkers=[Spy()],
    )
    assert seen["language"] == "da"
    assert {"draft", "final", "transcript"} <= set(seen["indexes"])


def test_bad_plugins_fail_loudly():
    class ReturnsDicts:
        name = "dicts"

        def check(self, pair, context):
            return [{"type": "x"}]

    class BadOffsets:
        name = "offsets"

        def check(self, pair, context):
            return [Flag("fabrication", "critical", 0, 999, "x", "e", "final_note", "offsets")]

    with pytest.raises(TypeError, match="must return a list of Flag"):
        score_note("a", "b", families=["hallucination"], matcher=None, checkers=[ReturnsDicts()])
    with pytest.raises(ValueError, match="outside the draft"):
        score_note("a", "b", families=["hallucination"], matcher=None, checkers=[BadOffsets()])
    with pytest.raises(TypeError, match="not a checker"):
        resolve_checkers([object()])


def test_make_flag_shortens_evidence_and_takes_text_from_draft():
    draft = "Ingen feber."
    flag = make_flag(draft, 6, 11, "negation", "x " * 300, "both")
    assert flag.text == "feber"
    assert len(flag.evidence) == EVIDENCE_MAX_CHARS and flag.evidence.endswith("…")
    assert flag.severity == "critical"


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        (Flag("dose", "major", 0, 2, "BT", "", "both"), "severity"),
        (Flag("dose", "critical", 0, 2, "BT", "", "llm"), "source"),
        (Flag("", "critical", 0, 2, "BT", "", "both"), "type"),
        (Flag("dose", "critical", 0, 2, "XX", "", "both"), "differs"),
        (Flag("dose", "critical", 2, 2, "", "", "both"), "outside"),
    ],
)
def test_validate_flag(flag, message):
    with pytest.raises(ValueError, match=message):
        validate_flag(flag, "BT 120/80")


def test_merge_keeps_critical_duplicate_and_sorts():
    a = Flag("number", "non-critical", 3, 9, "120/80", "e", "final_note")
    b = Flag("number", "critical", 3, 6, "120", "e", "both")
    c = Flag("laterality", "critical", 0, 2, "BT", "e", "both")
    merged = merge_flags([a, b, c])
    assert [(f.type, f.severity, f.start) for f in merged] == [
        ("laterality", "critical", 0),
        ("number", "critical", 3),
    ]


def test_context_defaults():
    ctx = CheckContext("en")
    assert (ctx.options, ctx.previous, ctx.indexes) == ({}, {}, {})
    pair = NotePair.from_raw("a", "b")
    assert UnsupportedSentenceChecker().check(pair, ctx)[0].source == "final_note"
