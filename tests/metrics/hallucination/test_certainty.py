"""The certainty check: a hedged diagnosis of the final note stated as certain in the draft."""

from __future__ import annotations

import pytest

from tests.metrics.hallucination.conftest import _flags


def _certainty(final, draft, language="da", transcript=None):
    return [
        (f["type"], f["severity"], f["text"])
        for f in _flags(final, draft, language=language, transcript=transcript)
        if f["evidence"].startswith("stated as certain")
    ]


@pytest.mark.parametrize(
    "final, draft, language, name",
    [
        (
            "Mistanke om cystitis, urin til dyrkning.",
            "Cystitis, urin til dyrkning.",
            "da",
            "Cystitis",
        ),
        ("A: ?pneumoni. Røntgen bestilt.", "A: Pneumoni. Røntgen bestilt.", "da", "Pneumoni"),
        ("Vurdering: DD astma eller KOL.", "Vurdering: KOL.", "da", "KOL"),
        ("Possible migraine; review in 2 weeks.", "Migraine; review in 2 weeks.", "en", "Migraine"),
        (
            "Asthma cannot be excluded, spirometry booked.",
            "Asthma, spirometry booked.",
            "en",
            "Asthma",
        ),
    ],
)
def test_a_dropped_hedge_is_a_critical_diagnosis_flag(final, draft, language, name):
    assert _certainty(final, draft, language) == [("diagnosis", "critical", name)]


@pytest.mark.parametrize(
    "final, draft, language",
    [
        # the hedge kept in other words, or after the name
        ("Mistanke om cystitis.", "Mulig cystitis.", "da"),
        ("Possible migraine.", "Migraine suspected.", "en"),
        # the final note states it too, somewhere: the clinician made the diagnosis
        (
            "?Pneumoni. Plan: pneumoni behandles med penicillin.",
            "Pneumoni. Plan: penicillin.",
            "da",
        ),
        # the final note states it, the draft hedges: no more certain than the clinician
        ("Cystitis.", "Mistanke om cystitis.", "da"),
        # the final note denies it: another check's business
        ("Ingen mistanke om pneumoni.", "Pneumoni.", "da"),
        # the final note never names it
        ("Ondt i halsen.", "Pneumoni.", "da"),
    ],
)
def test_no_certainty_flag(final, draft, language):
    assert _certainty(final, draft, language) == []


def test_the_transcript_alone_never_raises_it():
    talk = "Læge: Det kunne være en lungebetændelse.\nPatient: Okay."
    assert _certainty("", "Pneumoni.", transcript=talk) == []
