"""The certainty check: a diagnosis the final note hedges that the draft states as certain.

"Mistanke om cystitis" written as "Cystitis", "?UTI" as "UTI", "rule out DVT"
as "DVT", or one of two differentials ("DD hjertesvigt eller KOL") as the
diagnosis: the draft makes a diagnosis the clinician did not make. The
hedges are read by :func:`evalkit.lexicon.certainty.find_hedge` from the
cue files' ``[certainty]`` lists.

Only the final note is compared: talk about diagnoses is loose ("I think it's
a chest infection" states a diagnosis as often as it hedges one), so the
transcript alone never raises this flag.
"""

from __future__ import annotations

from typing import Any

from evalkit.lexicon.certainty import find_hedge, has_hedge
from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.state import draft_state, quote

__all__ = ["CertaintyChecker"]


class CertaintyChecker:
    """Diagnoses stated as certain that every mention in the final note hedges.

    Raises critical ``diagnosis`` flags. A draft diagnosis is flagged when it
    has no hedge of its own, the final note names the same concept, never
    denies it and never states it without a hedge, and one of the hedged
    mentions is in a final-note clause aligned with the draft's.
    """

    name = "certainty"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        st = draft_state(context, pair)
        final = st.final
        language = context.language
        if final is None:
            return []
        if not any(
            st.aligned[ui] and any(m.category == "diagnosis" and not m.negated for m in u.mentions)
            for ui, u in enumerate(st.draft.units)
        ):
            return []  # no affirmed diagnosis in a clause aligned to the final note
        if not has_hedge(final.text, language=language):
            return []
        draft_text = pair.ai_note
        flags: list[Flag] = []
        verdicts: dict[str, tuple[bool, set[int]]] = {}
        for ui, u in enumerate(st.draft.units):
            # a heading too: a problem heading ("KOL:") or a one-word
            # assessment line states the diagnosis
            if not st.aligned[ui]:
                continue
            for m in u.mentions:
                if m.category != "diagnosis" or m.negated:
                    continue
                cid = m.concept_id
                if cid not in verdicts:
                    verdicts[cid] = _final_hedges(final, cid, language)
                all_hedged, hedged_units = verdicts[cid]
                if not all_hedged or not hedged_units & set(st.aligned[ui]):
                    continue
                if find_hedge(draft_text, m.start, m.end, language=language) is not None:
                    continue
                i = min(hedged_units & set(st.aligned[ui]))
                v = final.units[i]
                flags.append(
                    make_flag(
                        draft_text,
                        m.start,
                        m.end,
                        "diagnosis",
                        "stated as certain; final note hedges it: "
                        + quote(final.text, v.start, v.end),
                        "final_note",
                        checker=self.name,
                    )
                )
        return flags


def _final_hedges(final: Any, cid: str, language: str) -> tuple[bool, set[int]]:
    """Whether every mention of ``cid`` in the final note is hedged, and the units holding one.

    ``(False, set())`` when the final note never names it, denies it anywhere or
    states it once without a hedge.
    """
    hedged: set[int] = set()
    for i, v in enumerate(final.units):
        for x in v.mentions:
            if x.concept_id != cid:
                continue
            if x.negated or find_hedge(final.text, x.start, x.end, language=language) is None:
                return False, set()
            hedged.add(i)
    return bool(hedged), hedged
