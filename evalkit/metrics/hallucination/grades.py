"""Grade checks: side, intensity and evaluative words, and grades on scales, that differ.

The word-grade checks compare marked words of aligned units (sides,
intensity, evaluations). :class:`ScaleChecker` compares grades and scores
read by :func:`evalkit.text.grades.find_grades` (pain scales, murmur grades,
plus grades, NYHA/GOLD classes and stages, muscle power): a grade the aligned
final-note clause gives another value on the same scale is a ``severity``
flag; the same value in another spelling (``II/VI`` = ``2/6``, ``VAS 6`` =
``6/10``) is none.
"""

from __future__ import annotations

import re
from typing import Any

from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.grounding import anchored_values, claim, nearest_mention
from evalkit.metrics.hallucination.index import TextIndex, Unit
from evalkit.metrics.hallucination.state import draft_state, flag_source, quote
from evalkit.text.grades import Grade, find_grades, same_grade

__all__ = [
    "LateralityChecker",
    "QualityChecker",
    "ScaleChecker",
    "SeverityChecker",
    "drop_numbers_in_grades",
]


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
            aligned = st.aligned[ui] if st.coverage[ui] >= CONFIG.aligned_coverage else []
            marks_f = self._marks(final, aligned)
            swapped = self._swapped(pair.ai_note, marks, final, aligned, st.coverage[ui])
            for value, (s, e) in marks.items():
                spoken = self._contradicted(transcript, u, value, s, e)
                ref_f = marks_f
                if swapped:
                    # each side of a swapped pair against the other side (both
                    # flagged: "Højre … , venstre ua." / "Venstre … , højre ua.")
                    ref_f = {k: v for k, v in marks_f.items() if k != value}
                elif value in ref_f or st.endorsed[ui]:
                    if (
                        spoken is not None
                        and transcript is not None
                        and self._said_anywhere(transcript, value)
                    ):
                        spoken = None  # the talk gives this side or grade too
                    # kept by the clinician: at most non-critical, and only when the
                    # talk gives the same thing another side or grade
                    if spoken is not None and transcript is not None:
                        ts, te = spoken
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
                    elif transcript is not None and self.attr == "sides":
                        if not self._said_anywhere(transcript, value):
                            st.unsupported.append(
                                claim(s, e, "side", "side not stated in transcript")
                            )
                    continue
                diff_f = bool(ref_f)
                diff_t = spoken is not None
                if not (diff_f or diff_t):
                    continue
                parts = []
                if diff_f and final is not None:
                    k, (fs, fe) = next(iter(ref_f.items()))
                    parts.append(
                        f"final note has {quote(final.text, fs, fe)}: "
                        f"{quote(final.text, *self._unit_span(final, fs))}"
                    )
                if spoken is not None and transcript is not None:  # diff_t
                    ts, te = spoken
                    parts.append(f"transcript has {quote(transcript.text, ts, te)}")
                flags.append(
                    make_flag(
                        pair.ai_note,
                        s,
                        e,
                        self.flag_type,
                        "; ".join(parts),
                        flag_source(diff_f, diff_t, final is not None, transcript is not None),
                        severity=None,
                        checker=self.name,
                    )
                )
        return flags

    _OPPOSITE_SIDE = {"R": "L", "L": "R"}

    def _swapped(
        self,
        draft_text: str,
        marks: dict,
        final: TextIndex | None,
        aligned: list[int],
        coverage: float,
    ) -> bool:
        """Right and left named in one sentence of both notes, in the opposite order.

        "Højre trommehinde rød og bulende, venstre ua." against "Venstre
        trommehinde rød og bulende, højre ua.": both sides are in both notes,
        but each finding goes with the other side. Only for one aligned
        sentence whose words are nearly all the same (``CONFIG.swap_coverage``).
        """
        if (
            self.attr != "sides"
            or final is None
            or len(aligned) != 1
            or coverage < CONFIG.swap_coverage
            or set(marks) != {"R", "L"}
        ):
            return False
        theirs = getattr(final.units[aligned[0]], self.attr)
        if set(theirs) != {"R", "L"}:
            return False
        # each side goes with the words the other side has in the final note (a
        # reordering that keeps each side's words is no swap)
        mine = {k: _word_after(draft_text, e) for k, (_, e) in marks.items()}
        other = {k: _word_after(final.text, e) for k, (_, e) in theirs.items()}
        return mine["R"] != mine["L"] and mine["R"] == other["L"] and mine["L"] == other["R"]

    def _opposite_in_related(
        self, transcript: TextIndex, u: Unit, value: Any
    ) -> tuple[int, int] | None:
        """The opposite side in a related statement, when the talk never says this side.

        For marks the lexicon cannot tie to a concept ("i højre side af maven").
        Only sides, and only right against left.
        """
        opposite = self._OPPOSITE_SIDE.get(value) if self.attr == "sides" else None
        if opposite is None or self._said_anywhere(transcript, value):
            return None
        probe = u.keys | u.stems
        for i, _ in transcript.related(probe, k=3, min_shared=min(2, len(probe))):
            v = transcript.units[i]
            for j in (i, v.answered_by):
                w = transcript.units[j] if j is not None else None
                if w is not None and not w.question and w.statement and opposite in w.sides:
                    return w.sides[opposite]
        return None

    def _said_anywhere(self, index: TextIndex, value: Any) -> bool:
        key = f"said:{self.attr}"
        said = index.cache.get(key)
        if said is None:
            said = index.cache[key] = {k for v in index.units for k in getattr(v, self.attr)}
        return value in said

    def _contradicted(
        self, transcript: TextIndex | None, u: Unit, value: Any, s: int, e: int
    ) -> tuple[int, int] | None:
        """Where the talk gives the thing this mark belongs to another side or grade.

        Sides contradict only right against left ("bilateral" in the note and
        "right" in the talk may both be true); a grade contradicts any other
        grade. The talk must never give the note's value for the same thing.
        """
        if transcript is None:
            return None
        anchor = nearest_mention(u.mentions, s, e)
        if anchor is None or not anchored_values(transcript, anchor.concept_id, self.attr):
            return self._opposite_in_related(transcript, u, value)
        said = anchored_values(transcript, anchor.concept_id, self.attr)
        if not said or any(v == value for v, _ in said):
            return None
        for v, i in said:
            if self.attr == "sides" and v != self._OPPOSITE_SIDE.get(value):
                continue
            where = getattr(transcript.units[i], self.attr).get(v)
            if where is not None:
                return where
        return None

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


_NEXT = re.compile(r"\W*(\w+)")


def _word_after(text: str, end: int) -> str:
    """The word after position ``end`` (lower case; "" at the end)."""
    m = _NEXT.match(text, end)
    return m.group(1).lower() if m else ""


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


SCALE_KINDS = frozenset({"pain", "murmur", "plus", "grade", "stage", "power"})
"""Grade kinds the scale check compares (intensity words are the severity check's)."""

_GRADE_HINT = re.compile(r"\d|\+|(?<![^\W\d_])(?:[IV]{1,3}|VI)(?![^\W\d_])")


def scale_grades(index: TextIndex, language: str) -> list[list[Grade]]:
    """The grades on a scale (:data:`SCALE_KINDS`) in each unit of an index, kept in its cache.

    A grade belongs to the unit its start is in.

    Examples
    --------
    >>> from evalkit.metrics.hallucination.index import build_index
    >>> ix = build_index("Mislyd grad 2/6. VAS 6 og NYHA II.", "da")
    >>> [[(g.kind, g.value) for g in gs] for gs in scale_grades(ix, "da")]
    [[('murmur', 2.0)], [('pain', 6.0), ('grade', 2.0)]]
    """
    key = f"scale_grades:{language}"
    found = index.cache.get(key)
    if found is not None:
        return found
    found = [[] for _ in index.units]
    text = index.text
    if _GRADE_HINT.search(text) is not None:
        kept = index.cache.get("numbers:all") or index.cache.get("numbers:units")
        # with sentences left out, the numbers that touch the units: a scale grade
        # never runs over a sentence break, so none of the others can overlap
        # (and so outweigh) a grade that starts in a unit
        numbers = kept[1] if kept is not None and kept[0] == language else None
        grades = find_grades(text, language=language, numbers=numbers, kinds=SCALE_KINDS)
        ui = 0
        for g in grades:
            while ui < len(index.units) and index.units[ui].end <= g.start:
                ui += 1
            if ui < len(index.units) and index.units[ui].start <= g.start:
                found[ui].append(g)
    index.cache[key] = found
    return found


def comparable(a: Grade, b: Grade) -> bool:
    """Whether two grades are on one scale: the same kind, and no two different scale names.

    Examples
    --------
    >>> nyha, gold, bare = find_grades("NYHA II, GOLD 2, class II", language="en")
    >>> comparable(nyha, bare), comparable(nyha, gold)
    (True, False)
    """
    return a.kind == b.kind and (a.scale is None or b.scale is None or a.scale == b.scale)


class ScaleChecker:
    """Grades and scores on a scale that the aligned final-note clause gives another value.

    A draft grade is flagged (``severity``) when a final-note clause aligned
    to its clause (share of keys at least ``CONFIG.loose_coverage``) has a
    grade on the same scale (:func:`comparable`) and no grade anywhere in the
    final note on that scale has the draft's value: "Grade IV/VI murmur"
    against "Grade II/VI murmur", "NYHA III" against "NYHA II"; not "2/6"
    against "grade II/VI", nor grades the final note only reorders.
    """

    name = "scales"
    flag_type = "severity"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        st = draft_state(context, pair)
        final = st.final
        if final is None or context.language not in ("da", "en"):
            return []
        # a flag needs a draft clause the clinician did not keep, aligned to a final-note
        # clause with a grade: the cheap conditions first, the draft's grades last
        open_units = [
            ui
            for ui in range(len(st.draft.units))
            if not st.endorsed[ui] and st.coverage[ui] >= CONFIG.loose_coverage
        ]
        if not open_units:
            return []
        theirs = scale_grades(final, context.language)
        if not any(theirs[i] for ui in open_units for i in st.aligned[ui]):
            return []
        mine = scale_grades(st.draft, context.language)
        every = [g for gs in theirs for g in gs]
        flags: list[Flag] = []
        for ui in open_units:
            grades = mine[ui]
            if not grades:
                continue
            near = [g for i in st.aligned[ui] for g in theirs[i]]
            for g in grades:
                other = [x for x in near if comparable(g, x)]
                if not other or any(comparable(g, x) and same_value(g, x) for x in every):
                    continue
                x = other[0]
                flags.append(
                    make_flag(
                        pair.ai_note,
                        g.start,
                        g.end,
                        self.flag_type,
                        f"final note has {quote(final.text, x.start, x.end)}",
                        "final_note",
                        checker=self.name,
                    )
                )
        return flags


def same_value(a: Grade, b: Grade) -> bool:
    """Whether two comparable grades state the same value (both ends of a range).

    Examples
    --------
    >>> a, b = find_grades("grade II/VI ... 2/6 systolic murmur", language="en")
    >>> same_value(a, b)
    True
    """
    return bool(same_grade(a, b))


def drop_numbers_in_grades(flags: list[Flag]) -> list[Flag]:
    """The flags without ``number`` flags inside a grade the scale check flagged.

    "Grade 4/6" against "Grade 2/6" is one finding, a changed grade: the
    number check's flag on its "4" says the same thing again.

    Examples
    --------
    >>> from evalkit.metrics.checkers import Flag
    >>> grade = Flag("severity", "non-critical", 0, 9, "Grade 4/6", "e", "final_note",
    ...              checker="scales")
    >>> digit = Flag("number", "non-critical", 6, 7, "4", "e", "final_note")
    >>> other = Flag("number", "non-critical", 20, 22, "38", "e", "final_note")
    >>> [f.text for f in drop_numbers_in_grades([grade, digit, other])]
    ['Grade 4/6', '38']
    """
    grades = [f for f in flags if f.checker == ScaleChecker.name]
    if not grades:
        return flags
    return [
        f
        for f in flags
        if f.type != "number" or not any(g.start <= f.start and f.end <= g.end for g in grades)
    ]
