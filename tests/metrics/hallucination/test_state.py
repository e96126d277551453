"""Tests of the per-note state's helpers (evalkit/metrics/hallucination/state.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.metrics.hallucination.state import _flat
from evalkit.metrics.hallucination.words import STRIP_PUNCT

_CHARS = st.sampled_from(list("aZæØ9_ %/°.,;:-\n\t\u00a0\u2028\x1cİǀ\u0307") + ["ß", "ﬁ", "ǅ"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_CHARS, max_size=40).map("".join) | st.text(max_size=40))
def test_flat_matches_the_substitution_it_replaces(text):
    # the reference: substitute every run of other characters by a space, then normalise spaces
    assert _flat(text) == " ".join(STRIP_PUNCT.sub(" ", text.lower()).split())


def test_flat_keeps_units_and_sentence_marks():
    assert _flat("Temp 38,5 °C.\u01c0 BT 120/80 -- 5 %") == "temp 38 5 °c ǀ bt 120/80 5 %"
