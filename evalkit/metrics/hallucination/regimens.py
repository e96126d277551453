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

from typing import Any

from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.index import TextIndex
from evalkit.metrics.hallucination.state import draft_state, quote
from evalkit.text.regimen import Regimen, compare, find_regimens

__all__ = ["RegimenChecker", "agreeing_spans"]


def _regimens(index: TextIndex, text: str, language: str) -> dict[str, list[tuple[int, Regimen]]]:
    """``concept_id -> [(unit, regimen), ...]`` of the drugs named in an index's units."""
    found: list[tuple[int, int, int, str]] = []
    last_end = -1
    for ui, u in enumerate(index.units):
        for m in u.mentions:
            if getattr(m, "category", "") != "medication" or m.start < last_end:
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


def agreeing_spans(context: CheckContext, pair: Any) -> list[tuple[int, int]]:
    """Draft offsets of regimen parts the final note states the same for the same drug.

    "2 gange dagligt" against "x 2 dgl.", "three times a day" against "TID":
    the number check does not report such a value as missing from the final
    note. Computed once per note (kept in ``context.indexes``).
    """
    found = context.indexes.get("regimen_agree")
    if found is not None:
        return found
    st = draft_state(context, pair)
    out: list[tuple[int, int]] = []
    if st.final is not None:
        drafts = _regimens(st.draft, pair.ai_note, context.language)
        finals = _regimens(st.final, pair.final_note, context.language) if drafts else {}
        for cid, items in drafts.items():
            refs = finals.get(cid)
            if not refs or len({r for _, r in refs}) > 1:
                continue
            ref = refs[0][1]
            for _, regimen in items:
                for part, start, end in regimen.spans:
                    if getattr(regimen, part) == getattr(ref, part):
                        out.append((start, end))
    context.indexes["regimen_agree"] = out
    return out


class RegimenChecker:
    """Dosing regimens of drugs both notes name, compared part by part.

    Raises ``dose`` (amount, count, frequency, route, schedule, maximum) and
    ``number`` (duration) flags, sourced from the final note.
    """

    name = "regimens"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        st = draft_state(context, pair)
        final = st.final
        if final is None or not any(
            getattr(m, "category", "") == "medication"
            for ui, u in enumerate(st.draft.units)
            if not st.endorsed[ui]
            for m in u.mentions
        ):
            return []
        drafts = _regimens(st.draft, pair.ai_note, context.language)
        if not drafts:
            return []
        finals = _regimens(final, pair.final_note, context.language)
        flags: list[Flag] = []
        for cid, items in drafts.items():
            refs = finals.get(cid)
            if not refs or len({r for _, r in refs}) > 1:
                continue  # not named in the final note, or several regimens (a taper)
            ref = refs[0][1]
            for ui, regimen in items:
                if st.endorsed[ui] or regimen == ref:
                    continue
                for d in compare(ref, regimen):
                    if d.change == "removed":
                        continue  # the draft leaves a part out: an omission, not a claim
                    if d.reference_start is not None:
                        theirs = quote(pair.final_note, d.reference_start, d.reference_end)
                    else:
                        theirs = quote(pair.final_note, ref.start, ref.end)
                    what = (
                        "final note has " + theirs
                        if d.change == "changed"
                        else (f"final note has no {d.part.replace('_', ' ')} here: {theirs}")
                    )
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
