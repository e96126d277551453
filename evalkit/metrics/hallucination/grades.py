"""Word-grade checks: side, intensity and evaluative words that differ from the reference."""

from __future__ import annotations

from typing import Any

from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.index import TextIndex
from evalkit.metrics.hallucination.state import draft_state, flag_source, quote

__all__ = ["LateralityChecker", "QualityChecker", "SeverityChecker"]


class _WordGradeChecker:
    """Shared logic of laterality and severity: compare marked words in aligned units."""

    name = ""
    flag_type = ""
    attr = ""

    use_transcript = True

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        st = draft_state(context, pair)
        final = st.final
        transcript = st.transcript if self.use_transcript else None
        flags: list[Flag] = []
        for ui, u in enumerate(st.draft.units):
            marks = getattr(u, self.attr)
            if not marks:
                continue
            ref_f = self._marks(
                final, st.aligned[ui] if st.coverage[ui] >= CONFIG.aligned_coverage else []
            )
            ref_t = self._marks(transcript, st.related_t[ui]) if transcript is not None else {}
            for value, (s, e) in marks.items():
                if value in ref_f or st.endorsed[ui]:
                    # kept by the clinician: at most non-critical, on transcript evidence
                    if ref_t and value not in ref_t:
                        ts, te = next(iter(ref_t.values()))
                        flags.append(
                            make_flag(
                                pair.ai_note,
                                s,
                                e,
                                self.flag_type,
                                f"transcript has {quote(transcript.text, ts, te)}; "
                                "kept in the final note",
                                "transcript",
                                severity="non-critical",
                                checker=self.name,
                            )
                        )
                    continue
                diff_f = bool(ref_f)
                diff_t = bool(ref_t) and value not in ref_t
                if not (diff_f or diff_t):
                    continue
                parts = []
                if diff_f:
                    k, (fs, fe) = next(iter(ref_f.items()))
                    parts.append(
                        f"final note has {quote(final.text, fs, fe)}: "
                        f"{quote(final.text, *self._unit_span(final, fs))}"
                    )
                if diff_t:
                    k, (ts, te) = next(iter(ref_t.items()))
                    parts.append(f"transcript has {quote(transcript.text, ts, te)}")
                flags.append(
                    make_flag(
                        pair.ai_note,
                        s,
                        e,
                        self.flag_type,
                        "; ".join(parts),
                        flag_source(diff_f, diff_t, final is not None, transcript is not None),
                        severity=None if diff_f or value not in ref_t else "non-critical",
                        checker=self.name,
                    )
                )
        return flags

    def _marks(self, index: TextIndex | None, units: list[int]) -> dict:
        out: dict = {}
        if index is None:
            return out
        for i in units:
            for k, v in getattr(index.units[i], self.attr).items():
                out.setdefault(k, v)
        return out

    @staticmethod
    def _unit_span(index: TextIndex, pos: int) -> tuple[int, int]:
        for u in index.units:
            if u.start <= pos < u.end:
                return u.start, u.end
        return pos, pos


class LateralityChecker(_WordGradeChecker):
    """Side words (højre/venstre, right/left, bilateral) that differ from the reference."""

    name = "laterality"
    flag_type = "laterality"
    attr = "sides"


class SeverityChecker(_WordGradeChecker):
    """Intensity words (let/moderat/svær, mild/moderate/severe) that differ from the reference."""

    name = "severity"
    flag_type = "severity"
    attr = "grades"


class QualityChecker(_WordGradeChecker):
    """Evaluative words turned around ("Sover godt" / "Sover dårligt"): a negation flag."""

    name = "quality"
    flag_type = "negation"
    attr = "quality"
    # talk is full of "better", "good" and "fine" about other things
    use_transcript = False
