"""The antonym check: a finding written as its opposite ("regular" / "irregular").

Findings are often negated without a negation cue: by an antonym ("tender" /
"non-tender", "øm" / "uøm", "regelmæssig" / "uregelmæssig") or a presence
word. The pairs are data (``evalkit/lexicon/data/antonyms.toml``, read by
:mod:`evalkit.lexicon.antonyms`). A draft clause the clinician did not keep
word for word that writes one side of a pair where an aligned final-note
clause writes the other, and never the draft's side, is a ``negation`` flag
with the final note as evidence.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from evalkit.lexicon.antonyms import Antonyms, load_antonyms
from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.state import draft_state, quote
from evalkit.metrics.hallucination.words import NEGATION_CUES, WORD

__all__ = ["AntonymChecker"]


def _negated_at(text: str, start: int, language: str) -> bool:
    """Whether one of the two words before ``start`` is a negation cue ("ikke øm", "not tender").

    Examples
    --------
    >>> _negated_at("Abdomen ikke øm.", 13, "da"), _negated_at("Abdomen øm.", 8, "da")
    (True, False)
    """
    before = [w.lower() for w in WORD.findall(text, max(0, start - 30), start)][-2:]
    cues = NEGATION_CUES.get(language, frozenset())
    return any(w in cues for w in before)


@cache
def _table() -> Antonyms:
    return load_antonyms()


class AntonymChecker:
    """Antonym pairs turned around between the draft and the final note."""

    name = "antonyms"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        language = context.language
        if language not in ("da", "en"):
            return []
        st = draft_state(context, pair)
        final = st.final
        if final is None:
            return []
        units = st.draft.units
        if all(
            st.endorsed[ui] or st.coverage[ui] < CONFIG.loose_coverage for ui in range(len(units))
        ):
            return []  # no clause the clinician reworded: nothing to compare
        table = _table()
        mine = table.find(pair.ai_note, language=language)
        if not mine:
            return []
        theirs: list[Any] | None = None  # the final note's, read for the first reworded clause
        flags: list[Flag] = []
        for a in mine:
            ui = next((i for i, u in enumerate(units) if u.start <= a.start < u.end), None)
            if ui is None or st.endorsed[ui] or st.coverage[ui] < CONFIG.loose_coverage:
                continue
            if theirs is None:
                theirs = table.find(pair.final_note, language=language)
            if not theirs:
                return []
            near = [final.units[i] for i in st.aligned[ui]]
            # "ikke øm" is "uøm": a negation cue right before a word turns its side
            mine_side = a.side ^ _negated_at(pair.ai_note, a.start, language)
            sides = {
                b.side ^ _negated_at(pair.final_note, b.start, language): b
                for b in theirs
                if b.pair == a.pair and any(v.start <= b.start < v.end for v in near)
            }
            if mine_side in sides or (1 - mine_side) not in sides:
                continue
            b = sides[1 - a.side]
            flags.append(
                make_flag(
                    pair.ai_note,
                    a.start,
                    a.end,
                    "negation",
                    f"final note has the opposite: {quote(pair.final_note, b.start, b.end)}",
                    "final_note",
                    checker=self.name,
                )
            )
        return flags
