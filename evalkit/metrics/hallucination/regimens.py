"""The regimen check: a drug kept with another dose, frequency, schedule or duration.

For every drug the draft and the final note both name, the regimen written
with it (:func:`evalkit.text.regimen.find_regimens`: amount, tablets or puffs,
times per day in any spelling, route, duration, as needed or fixed, daily
maximum) is compared part by part (:func:`evalkit.text.regimen.compare`).
"500 mg three times daily" against "500 mg once daily" is a ``dose`` flag on
the frequency, "i 5 dage" against "i 10 dage" a ``number`` flag on the
duration, "p.n." against "fast" a ``dose`` flag on the schedule; equivalent
spellings ("TID", "t.i.d.", "x 3 dgl.", "q8h") compare equal.

The check reads the final note, and the talk only for a regimen the
clinician kept (an explicit contradiction, see
:mod:`evalkit.metrics.hallucination.grounding`): when the clinician's
statements give the drug one regimen, with the same amount, and
another frequency or interval ("morfin 10 mg hver sjette time" against a kept
"Morfin 10 mg hver 4. time"), the kept frequency gets a non-critical ``dose``
flag. A drug the final note does not name is the concept check's business,
and a drug the final note or the talk gives several regimens (a taper, an old
and a new dose) is not compared.
"""

from __future__ import annotations

import re
from typing import Any

from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.index import TextIndex
from evalkit.metrics.hallucination.state import draft_state, quote
from evalkit.text.regimen import Regimen, compare, find_regimens

__all__ = ["RegimenChecker", "agreeing_spans"]

_SCHEDULE = re.compile(
    r"(?i)(?<![^\W\d_])(?:p\.?\s?n|prn|p\.r\.n|behov|fast|daily|dagligt|dgl|t\.?i\.?d|b\.?i\.?d|"
    r"q\.?i\.?d|q\d+h|hver|every|weekly|ugentlig\w*|morgen\w*|aften\w*|nightly|needed|"
    r"regularly|scheduled)(?![^\W\d_])"
)


def _regimens(
    index: TextIndex,
    text: str,
    language: str,
    *,
    units: set[int] | None = None,
    concepts: set[str] | None = None,
) -> dict[str, list[tuple[int, Regimen]]]:
    """``concept_id -> [(unit, regimen), ...]`` of the drugs named in an index's units.

    ``units`` and ``concepts`` limit the drugs read (the draft's clauses the
    clinician did not keep; the final note's drugs those name).
    """
    found: list[tuple[int, int, int, str]] = []
    last_end = -1
    for ui, u in enumerate(index.units):
        if units is not None and ui not in units:
            continue
        for m in u.mentions:
            if getattr(m, "category", "") != "medication" or m.start < last_end:
                continue
            if concepts is not None and m.concept_id not in concepts:
                continue
            found.append((m.start, m.end, ui, m.concept_id))
            last_end = m.end
    if not found:
        return {}
    regimens = find_regimens(
        text,
        [(s, e) for s, e, _, _ in found],
        language=language if language in ("da", "en") else None,
    )
    out: dict[str, list[tuple[int, Regimen]]] = {}
    for (_, _, ui, cid), regimen in zip(found, regimens, strict=True):
        if not regimen.is_empty:
            out.setdefault(cid, []).append((ui, regimen))
    return out


def _pairs(context: CheckContext, pair: Any) -> list[tuple[Regimen, list[Regimen], int]]:
    """``(final regimen, [draft regimens], unit)`` per drug both notes name once per note.

    Only drugs in draft clauses the clinician did not keep word for word, and
    only when the final note gives the drug one regimen. Kept in
    ``context.indexes`` for the regimen and number checks.
    """
    found = context.indexes.get("regimen_pairs")
    if found is not None:
        return found
    st = draft_state(context, pair)
    out: list[tuple[Regimen, list[Regimen], int]] = []
    final_drugs = st.final.present if st.final is not None else set()
    open_units = {
        ui
        for ui, u in enumerate(st.draft.units)
        if not st.endorsed[ui]
        and any(
            getattr(m, "category", "") == "medication" and m.concept_id in final_drugs
            for m in u.mentions
        )
        # a regimen has a number or a schedule word ("Pamol p.n.", "morgen og aften")
        and (u.numbers or _SCHEDULE.search(pair.ai_note, u.start, u.end) is not None)
    }
    if st.final is not None and open_units:
        drafts = _regimens(st.draft, pair.ai_note, context.language, units=open_units)
        finals = (
            _regimens(st.final, pair.final_note, context.language, concepts=set(drafts))
            if drafts
            else {}
        )
        for cid, items in drafts.items():
            refs = finals.get(cid)
            if not refs or len({r for _, r in refs}) > 1:
                continue  # not named in the final note, or several regimens (a taper)
            for ui, regimen in items:
                out.append((refs[0][1], [regimen], ui))
    context.indexes["regimen_pairs"] = out
    return out


def agreeing_spans(context: CheckContext, pair: Any) -> list[tuple[int, int]]:
    """Draft offsets of regimen parts the final note states the same for the same drug.

    "2 gange dagligt" against "x 2 dgl.", "three times a day" against "TID":
    the number check does not report such a value as missing from the final
    note.
    """
    out = []
    for ref, regimens, _ in _pairs(context, pair):
        for regimen in regimens:
            for part, start, end in regimen.spans:
                if getattr(regimen, part) == getattr(ref, part):
                    out.append((start, end))
    return out


_TALK_PARTS = ("frequency",)
"""Regimen parts a kept regimen is compared with the talk on: how often (amounts are
spoken without units or decimals, so a spoken amount is no explicit contradiction)."""


def _kept_against_talk(context: CheckContext, pair: Any) -> list[Flag]:
    """Kept regimens whose frequency the clinician's statements in the talk give otherwise."""
    st = draft_state(context, pair)
    transcript = st.transcript
    if transcript is None:
        return []
    # only clauses with a drug and an amount: the talk must give the same amount
    kept = {ui for ui, u in enumerate(st.draft.units) if st.endorsed[ui] and _dosed_drug(u)}
    if not kept:
        return []
    drugs = {
        m.concept_id
        for ui in kept
        for m in st.draft.units[ui].mentions
        if getattr(m, "category", "") == "medication"
    }
    said = {
        i
        for i, v in enumerate(transcript.units)
        if v.role == "clinician"
        and not v.question
        and v.statement
        and _dosed_drug(v)
        and any(m.concept_id in drugs for m in v.mentions)
    }
    if not said:
        return []
    drafts = _regimens(st.draft, pair.ai_note, context.language, units=kept)
    if not drafts:
        return []
    talk = _regimens(
        transcript, transcript.text, context.language, units=said, concepts=set(drafts)
    )
    out: list[Flag] = []
    for cid, items in drafts.items():
        theirs = [r for _, r in talk.get(cid, ())]
        if not theirs or any(compare(theirs[0], r) for r in theirs[1:]):
            continue  # not said, or several regimens (an old and a new dose)
        if any(_several_doses(transcript.units[ti]) for ti, _ in talk[cid]):
            continue  # "før 400 mg to gange, nu 400 mg tre gange": which one?
        ref = theirs[0]
        for _, regimen in items:
            if ref.amount is None or ref.amount != regimen.amount:
                # the same amount said with it ties the talk to this dose; another
                # amount, or none, may be about another dose or another drug's
                continue
            diffs = compare(ref, regimen)
            for d in diffs:
                if d.part not in _TALK_PARTS or d.change != "changed":
                    continue
                out.append(
                    make_flag(
                        pair.ai_note,
                        d.start,
                        d.end,
                        d.type,
                        f"transcript has {quote(transcript.text, ref.start, ref.end)}; "
                        "kept in the final note",
                        "transcript",
                        severity="non-critical",
                        checker="regimens",
                    )
                )
    return out


def _dosed_drug(u: Any) -> bool:
    """Whether a unit names a drug and states an amount."""
    return any(getattr(n, "kind", "") == "dose" for n in u.numbers) and any(
        getattr(m, "category", "") == "medication" for m in u.mentions
    )


def _several_doses(u: Any) -> bool:
    """Whether a unit states more than one amount or more than one frequency."""
    kinds = [getattr(n, "kind", "") for n in u.numbers]
    return kinds.count("dose") > 1 or kinds.count("frequency") > 1


class RegimenChecker:
    """Dosing regimens of drugs both notes name, compared part by part.

    Raises ``dose`` (amount, count, frequency, route, schedule, maximum) and
    ``number`` (duration) flags, sourced from the final note; and non-critical
    ``dose`` flags on kept frequencies the talk gives otherwise.
    """

    name = "regimens"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        flags: list[Flag] = _kept_against_talk(context, pair)
        for ref, regimens, _ in _pairs(context, pair):
            for regimen in regimens:
                if regimen == ref:
                    continue
                for d in compare(ref, regimen):
                    if d.change == "removed":
                        continue  # the draft leaves a part out: an omission, not a claim
                    if d.reference_start is not None and d.reference_end is not None:
                        theirs = quote(pair.final_note, d.reference_start, d.reference_end)
                    else:
                        theirs = quote(pair.final_note, ref.start, ref.end)
                    if d.change == "changed":
                        what = "final note has " + theirs
                    else:
                        what = f"final note has no {d.part.replace('_', ' ')} here: {theirs}"
                    flags.append(
                        make_flag(
                            pair.ai_note,
                            d.start,
                            d.end,
                            d.type,
                            what,
                            "final_note",
                            checker=self.name,
                        )
                    )
        return flags
