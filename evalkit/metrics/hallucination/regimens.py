"""The regimen check: a drug kept with another dose, frequency, schedule or duration.

For every drug the draft and the final note both name, the regimen written
with it (:func:`evalkit.text.regimen.find_regimens`: amount, tablets or puffs,
times per day in any spelling, route, duration, as needed or fixed, daily
maximum) is compared part by part (:func:`evalkit.text.regimen.compare`).
"500 mg three times daily" against "500 mg once daily" is a ``dose`` flag on
the frequency, "i 5 dage" against "i 10 dage" a ``number`` flag on the
duration, "p.n." against "fast" a ``dose`` flag on the schedule; equivalent
spellings ("TID", "t.i.d.", "x 3 dgl.", "q8h") compare equal.

The check reads the final note only: what the talk says about doses is left
to the number check's anchored comparison (a kept regimen needs an explicit
contradiction, see :mod:`evalkit.metrics.hallucination.grounding`). A drug
the final note does not name is the concept check's business, and a drug the
final note gives several regimens (a taper) is not compared.
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


class RegimenChecker:
    """Dosing regimens of drugs both notes name, compared part by part.

    Raises ``dose`` (amount, count, frequency, route, schedule, maximum) and
    ``number`` (duration) flags, sourced from the final note.
    """

    name = "regimens"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        flags: list[Flag] = []
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
