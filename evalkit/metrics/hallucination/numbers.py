"""The number check: doses, frequencies, vitals, labs, durations, ages and scores."""

from __future__ import annotations

import re
from typing import Any

from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.grounding import (
    anchored_values,
    claim,
    conditional,
    nearest_mention,
)
from evalkit.metrics.hallucination.index import TextIndex, _num_key
from evalkit.metrics.hallucination.regimens import agreeing_spans
from evalkit.metrics.hallucination.state import draft_state, flag_source, quote
from evalkit.metrics.hallucination.words import FUTURE_WORDS, NORMAL_CUES, WORD
from evalkit.text.numbers import NumberMention, duration_days, values_match

__all__ = ["NumberChecker", "called_normal", "full_normal_score"]

_UNIT_DROPPED = frozenset({"vital", "lab", "blood_pressure"})
"""Kinds whose unit speech often drops ("it was thirty-eight five")."""

# kinds of quantity a consultation usually states once, so another value of
# the same unit anywhere in the transcript contradicts a kept one (not
# frequencies or doses: "ti om dagen" may be cigarettes; not durations or blood
# pressures: "for 7 uger siden" and "om fire uger", home and clinic readings)
_STATED_ONCE = frozenset({"score", "vital", "lab"})


_MEASURED = frozenset({"vital", "lab"})
"""Kinds (and lexicon categories) of measurements: a kept one the talk gives another value
for is contradicted when the two are clearly apart (:func:`_clearly_different`)."""

_ONE_READING_UNITS = frozenset({"%", "°C", "/min", "kg"})
"""Units of a measurement a consultation usually reads once (saturation, temperature, pulse,
weight); sizes, pounds lost and the like come in several values."""


def _one_other_reading(index: TextIndex, n: NumberMention) -> NumberMention | None:
    """The one value the talk gives in ``n``'s unit and kind, when it is clearly another.

    Examples
    --------
    >>> from evalkit.metrics.hallucination.index import build_index
    >>> from evalkit.text.numbers import find_numbers
    >>> talk = build_index("Læge: Du vejer otteogfirs kilo.", "da", transcript=True)
    >>> _one_other_reading(talk, find_numbers("74 kg", language="da")[0]).value
    88.0
    >>> _one_other_reading(talk, find_numbers("87 kg", language="da")[0]) is None
    True
    """
    said = [
        x
        for values in index.numbers.values()
        for x in values
        if x.unit == n.unit and x.kind == n.kind
    ]
    if len({_num_key(x.value) for x in said}) != 1 or not _clearly_different(n, said[0]):
        return None
    return said[0]


def _ahead(text: str, n: NumberMention) -> bool:
    """Whether the word before a duration puts it ahead ("in 2 weeks", "om 3 mdr.").

    Examples
    --------
    >>> from evalkit.text.numbers import find_numbers
    >>> text = "Hoste i 3 dage. Kontrol om 2 uger."
    >>> [_ahead(text, n) for n in find_numbers(text, language="da")]
    [False, True]
    """
    before = WORD.findall(text, max(0, n.start - 24), n.start)
    return bool(before) and before[-1].lower() in FUTURE_WORDS


def _durations(index: TextIndex, ahead: bool) -> list[NumberMention]:
    """The single durations of a text stated as facts, either ahead or not."""
    return [
        x
        for v in index.units
        if v.statement and not v.question
        for x in v.numbers
        if x.kind == "duration"
        and x.value_high is None
        and duration_days(x) is not None
        and _ahead(index.text, x) == ahead
        and _AND_A_HALF.match(index.text, x.end) is None
    ]


_AND_A_HALF = re.compile(r"(?i)\s+(?:and|og)\s+(?:a|an|en|et)\s+(?:half|halv)(?![^\W\d_])")
"""After a duration: "a year and a half" is not "a year"."""


def _one_other_duration(
    draft: TextIndex, index: TextIndex, n: NumberMention, related: list[int]
) -> NumberMention | None:
    """The one duration the talk gives, when it is clearly another length than the note's one.

    Both the note and the talk must state a single length in that direction
    (ahead, "om 2 uger", or not, "i 3 dage"): with several, which one a value
    belongs to is unknown ("cough for two years, worse for a week"). A length
    that is not ahead must be in a talk sentence related to the note's clause
    (or the reply after one): a consultation sets one follow-up, but says how
    long each complaint has lasted. The two must be more than
    :data:`_DURATION_SHARE` apart ("6 mdr." is "et halvt år").
    """
    ahead = _ahead(draft.text, n)
    mine = {duration_days(x) for x in _durations(draft, ahead)}
    said = _durations(index, ahead)
    if mine != {duration_days(n)} or len({duration_days(x) for x in said}) != 1:
        return None
    near = {id(x) for i in related for x in index.units[i].numbers}
    if not ahead and not any(id(x) in near for x in said):
        return None  # a follow-up is set once; how long something lasted, per thing
    a, b = duration_days(n), duration_days(said[0])
    if a is None or b is None:
        return None  # _durations gives lengths only
    return said[0] if abs(a - b) > _DURATION_SHARE * max(a, b) else None


_DURATION_SHARE = 0.1
"""Durations closer than this share of the longer are one length written two ways
("6 mdr." / "et halvt år", "a month" / "4 weeks")."""


_FULL_IS_NORMAL = frozenset({"/5"})
"""Score units whose top value is the normal finding: muscle power out of 5 (5/5 = full
strength). Not pain scales, whose top is the worst."""


def full_normal_score(n: NumberMention) -> bool:
    """Whether a score is at the top of a scale whose top is normal ("5/5" muscle power).

    Examples
    --------
    >>> from evalkit.text.numbers import find_numbers
    >>> [full_normal_score(find_numbers(t, language="en")[0]) for t in ("5/5", "4/5", "10/10")]
    [True, False, False]
    """
    return (
        n.kind == "score"
        and n.unit in _FULL_IS_NORMAL
        and n.value_high is None
        and abs(n.value - float(n.unit[1:])) < 1e-9
    )


def called_normal(index: TextIndex, units: list[int]) -> bool:
    """Whether one of the units has a normal cue word ("normal", "normalt", "unremarkable")."""
    return any(
        w.group().lower() in NORMAL_CUES
        for i in units
        for w in WORD.finditer(index.text, index.units[i].start, index.units[i].end)
    )


def _full_and_normal(n: NumberMention, index: TextIndex, aligned: list[int]) -> bool:
    """A score at the normal top of its scale where an aligned clause calls the finding normal.

    Examples
    --------
    >>> from evalkit.metrics.hallucination.index import build_index
    >>> from evalkit.text.numbers import find_numbers
    >>> final = build_index("Strength normal in all limbs.", "en")
    >>> full, weak = (find_numbers(t, language="en")[0] for t in ("5/5", "4/5"))
    >>> _full_and_normal(full, final, [0]), _full_and_normal(weak, final, [0])
    (True, False)
    """
    return full_normal_score(n) and called_normal(index, aligned)


_ROUNDING_SHARE = 0.05
"""Two spoken and written values closer than this share of the larger are taken as one
value rounded in speech ("about seventy" for 68 is not another heart rate)."""


def _dose_of_a_new_drug(u: Any, n: NumberMention, final: TextIndex, language: str) -> str | None:
    """The concept id of the drug named right before ``n`` in its unit, if the final note never
    names it.

    Examples
    --------
    >>> from types import SimpleNamespace as M
    >>> from evalkit.metrics.hallucination.index import TextIndex, Unit
    >>> final = TextIndex("Lisinopril 10 mg.", [Unit(0, 17)], {}, {}, {"c:lis"}, {})
    >>> hctz = M(concept_id="c:hctz", category="medication", text="hctz", start=0, end=4)
    >>> dose = M(start=5, end=12)
    >>> _dose_of_a_new_drug(M(mentions=[hctz]), dose, final, "en")
    'c:hctz'
    >>> lis = M(concept_id="c:lis", category="medication", text="lisinopril", start=0, end=10)
    >>> _dose_of_a_new_drug(M(mentions=[lis]), M(start=11, end=16), final, "en") is None
    True
    """
    before = [m for m in u.mentions if m.end <= n.start]
    if not before:
        return None
    drug = max(before, key=lambda m: m.end)
    if getattr(drug, "category", "") != "medication" or drug.concept_id in final.present:
        return None
    return None if final.supports_words(drug.text, language) else drug.concept_id


def _clearly_different(a: NumberMention, b: NumberMention) -> bool:
    """Two single values too far apart to be one value rounded in speech.

    Examples
    --------
    >>> from evalkit.text.numbers import find_numbers
    >>> x, y, z = (find_numbers(t, language="en")[0] for t in ("68", "a hundred and ten", "70"))
    >>> _clearly_different(x, y), _clearly_different(x, z)
    (True, False)
    """
    if a.value_high is not None or b.value_high is not None:
        return False
    whole = (f"{a.value:g}", f"{b.value:g}")
    if whole[0] != whole[1] and (whole[0].endswith(whole[1]) or whole[1].endswith(whole[0])):
        return False  # "one thirty" for 130, read short or parsed as its last part
    gap = abs(a.value - b.value)
    return gap >= 1 and gap >= _ROUNDING_SHARE * max(abs(a.value), abs(b.value))


def _same_duration(index: TextIndex, n: NumberMention) -> bool:
    """Whether the text gives a duration of the same length in days anywhere."""
    days = duration_days(n)
    if days is None or n.value_high is not None:
        return False
    return any(
        x.kind == "duration" and x.value_high is None and duration_days(x) == days
        for values in index.numbers.values()
        for x in values
    )


def _both_precise(a: NumberMention, b: NumberMention) -> bool:
    """Two values with decimals, neither a rounding of the other (38,9 against
    "niogtredive komma otte"): speech that says a decimal gives the value exactly.

    Examples
    --------
    >>> from evalkit.text.numbers import find_numbers
    >>> x, y, z = (find_numbers(t, language="da")[0] for t in ("38,9", "39,8", "39"))
    >>> _both_precise(x, y), _both_precise(x, z), _both_precise(x, x)
    (True, False, False)
    """
    if a.value_high is not None or b.value_high is not None:
        return False
    frac = (a.value % 1, b.value % 1)
    return all(f > 1e-9 for f in frac) and abs(a.value - b.value) > 0.15


class NumberChecker:
    """Numbers: doses, frequencies, vitals, labs, durations, ages and scores.

    Raises ``dose``, ``number`` and ``severity`` (for scores like 3/10) flags.
    """

    name = "numbers"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        st = draft_state(context, pair)
        final, transcript = st.final, st.transcript
        has_f, has_t = final is not None, transcript is not None
        flags: list[Flag] = []
        for ui, u in enumerate(st.draft.units):
            if u.heading:
                continue
            medication_unit = any(getattr(m, "category", "") == "medication" for m in u.mentions)
            for n in u.numbers:
                if transcript is not None and self._stated(
                    transcript, n, st.related_t[ui], spoken=True
                ):
                    continue
                # the talk contradicts a value only when it gives another value
                # for the same thing: the drug, test or vital the number belongs to
                spoken = None
                anchor = None
                if transcript is not None and not conditional(pair.ai_note, u, context.language):
                    # (advice is no statement: "cough can persist for up to a month")
                    anchor = nearest_mention(u.mentions, n.start, n.end)
                    if anchor is not None:
                        spoken = self._anchored_other(transcript, anchor.concept_id, n)
                    if spoken is None and n.kind == "score":
                        spoken = self._only_score(transcript, n)
                if st.endorsed[ui] or (
                    final is not None and self._stated(final, n, st.aligned[ui][:1])
                ):
                    # kept by the clinician: endorsed, so only a non-critical flag
                    # when the transcript states another value for the same thing,
                    # with the same unit (speech drops units and decimals:
                    # "seven" for "7.1" is no explicit contradiction)
                    if spoken is None and transcript is not None and n.kind == "duration":
                        # the one duration of the talk, when the note has one too, of
                        # the same direction ("om fjorten dage" / "Kontrol om 1 uge")
                        spoken = _one_other_duration(st.draft, transcript, n, st.related_t[ui])
                    if spoken is None and transcript is not None and n.unit in _ONE_READING_UNITS:
                        # a measurement the talk gives once, in the same unit, with
                        # another value ("Vægt 74 kg" / "du vejer otteogfirs kilo")
                        spoken = _one_other_reading(transcript, n)
                    measured = anchor is not None and anchor.category in _MEASURED
                    if spoken is not None and not (
                        (n.unit is not None and spoken.unit == n.unit)
                        # a vital or lab value read out without its unit, far from
                        # the kept one ("heart rate 68" / "a hundred and ten")
                        or (
                            measured
                            and n.unit is None
                            and spoken.unit is None
                            and _clearly_different(n, spoken)
                        )
                        or (
                            n.kind == "score"
                            and spoken.kind == "score"
                            and transcript is not None
                            and not transcript.supports_number(n)
                        )
                        or (n.kind == "duration" and spoken.kind == "duration")
                        or _both_precise(n, spoken)
                    ):
                        spoken = None
                    if spoken is not None and transcript is not None:
                        flags.append(
                            make_flag(
                                pair.ai_note,
                                n.start,
                                n.end,
                                self._type(n, medication_unit),
                                "transcript has "
                                f"{quote(transcript.text, spoken.start, spoken.end)}; "
                                "kept in the final note",
                                "transcript",
                                severity="non-critical",
                                checker=self.name,
                            )
                        )
                    elif has_t:
                        st.unsupported.append(
                            claim(n.start, n.end, "number", "value not stated in transcript")
                        )
                    continue
                other_f = self._counterpart(
                    final, st.aligned[ui] if st.coverage[ui] >= CONFIG.loose_coverage else [], n
                )
                if (
                    other_f is not None
                    and final is not None
                    and _dose_of_a_new_drug(u, n, final, context.language)
                ):
                    # "… and add hydrochlorothiazide 12.5 mg": the dose of a drug the
                    # final note never names is no changed dose of the drug it does
                    # name; it is a value not found there
                    other_f = None
                other_t = spoken if n.kind != "count" else None
                if n.kind == "count" and other_f is None and other_t is None:
                    continue
                if (
                    other_f is None
                    and other_t is None
                    and medication_unit
                    and any(a < n.end and n.start < b for a, b in agreeing_spans(context, pair))
                ):
                    continue  # "2 gange dagligt" is "x 2 dgl.": the regimens agree
                flag_type = self._type(n, medication_unit)
                contradicted = other_f is not None or other_t is not None
                critical = contradicted and (
                    flag_type == "dose" or n.kind in ("vital", "lab", "blood_pressure")
                )
                parts = []
                if other_f is not None and final is not None:
                    parts.append(f"final note has {quote(final.text, other_f.start, other_f.end)}")
                if other_t is not None and transcript is not None:
                    parts.append(
                        f"transcript has {quote(transcript.text, other_t.start, other_t.end)}"
                    )
                if not parts and final is not None and _full_and_normal(n, final, st.aligned[ui]):
                    continue  # "Power 5/5 throughout" for "Strength normal"
                if not parts:
                    parts.append(
                        "value not found in "
                        + " or ".join(
                            x for x, has in (("final note", has_f), ("transcript", has_t)) if has
                        )
                    )
                flags.append(
                    make_flag(
                        pair.ai_note,
                        n.start,
                        n.end,
                        flag_type,
                        "; ".join(parts),
                        flag_source(other_f is not None, other_t is not None, has_f, has_t),
                        severity="critical" if critical else "non-critical",
                        checker=self.name,
                    )
                )
        return flags

    @staticmethod
    def _only_score(index: TextIndex, n: NumberMention) -> Any | None:
        """The one score the talk gives ("fire ud af ti"), when it is another value."""
        scores = [
            x
            for i, v in enumerate(index.units)
            if v.statement and not v.question
            for x in v.numbers
            if x.kind == "score"
        ]
        values = {_num_key(x.value) for x in scores}
        if len(values) == 1 and not values_match(n, scores[0]):
            return scores[0]
        return None

    @staticmethod
    def _anchored_other(index: TextIndex, concept_id: str, n: NumberMention) -> Any | None:
        """Another value the talk gives for the concept of ``n``, if it never gives ``n``."""
        said = [x for x, _ in anchored_values(index, concept_id, "numbers")]
        if not said:
            return None
        if any(values_match(n, x) for x in said):
            return None
        if n.kind == "duration" and any(
            x.kind == "duration" and duration_days(x) == duration_days(n) for x in said
        ):
            return None  # "7 dage" is "en uge"
        if n.kind == "duration":
            # "for tre uger siden" against "i 3 dage"; only when the talk gives the
            # thing one duration (a cough "for two years, worse the past weeks" has two)
            spans = [
                x
                for x in said
                if x.kind == "duration"
                and duration_days(x) is not None
                and _AND_A_HALF.match(index.text, x.end) is None
            ]
            if len({duration_days(x) for x in spans}) == 1 and duration_days(
                spans[0]
            ) != duration_days(n):
                return spans[0]
            return None
        for x in said:
            same_kind = x.kind == n.kind and (x.unit == n.unit or n.kind in ("count", "score"))
            # speech often drops the unit: "it was thirty-eight five"
            same_kind = same_kind or (x.kind == "count" and n.kind in _UNIT_DROPPED)
            if same_kind:
                return x
        return None

    @staticmethod
    def _type(n: NumberMention, medication_unit: bool) -> str:
        if n.kind == "score":
            return "severity"
        if n.kind in ("dose", "frequency") or (medication_unit and n.kind == "count"):
            return "dose"
        return "number"

    @classmethod
    def _stated(
        cls, index: TextIndex, n: NumberMention, near: list[int], *, spoken: bool = False
    ) -> bool:
        """The text states this value.

        The same value with a unit anywhere counts. A bare number counts for a
        dose only in the related clauses (``near``): "5 mg" is not supported by
        "5 genstande" elsewhere. In speech, which drops units, a bare number
        anywhere counts for other quantities, except that a score, vital or lab
        value the talk gives with its unit and another value ("seks ud af ti")
        is not supported by a stray "tre".
        """
        if n.kind == "duration" and _same_duration(index, n):
            return True  # "7 days" is "a week"
        if not index.supports_number(n):
            return False
        if n.unit is None:
            return True
        keys = {_num_key(n.value)} | (set() if n.value_high is None else {_num_key(n.value_high)})
        if any(
            x.unit is not None and (x.unit == n.unit or values_match(n, x))
            for key in keys
            for x in index.numbers.get(key, ())
        ):
            return True  # the value, or an end of the range, with a unit
        if n.kind == "dose" or not spoken:
            return any(
                x.unit is None and values_match(n, x) for i in near for x in index.units[i].numbers
            )
        if n.kind == "duration" and any(
            x.kind == "duration" and x.unit is not None and duration_days(x) != duration_days(n)
            for key in keys
            for x in index.numbers.get(key, ())
        ):
            return False  # "tre uger" does not state "3 dage"
        if n.kind in _STATED_ONCE:
            return cls._same_unit_anywhere(index, n) is None
        return True

    @staticmethod
    def _same_unit_anywhere(index: TextIndex, n: NumberMention) -> NumberMention | None:
        if n.kind == "duration" and any(
            duration_days(x) == duration_days(n)
            for values in index.numbers.values()
            for x in values
            if x.kind == "duration"
        ):
            return None  # "7 dage" is "en uge"
        for values in index.numbers.values():
            for x in values:
                if x.unit == n.unit and x.kind == n.kind and not values_match(n, x):
                    return x
        return None

    @staticmethod
    def _counterpart(
        index: TextIndex | None,
        units: list[int],
        n: NumberMention,
        *,
        spoken: bool = False,
    ) -> NumberMention | None:
        if index is None:
            return None
        for i in units:
            for x in index.units[i].numbers:
                if n.kind == "duration" == x.kind and None not in (
                    duration_days(n),
                    duration_days(x),
                ):
                    if duration_days(n) != duration_days(x):
                        return x  # "for 7 days" against "for 2 weeks"
                    continue
                same_kind = x.kind == n.kind and (x.unit == n.unit or n.kind in ("count", "score"))
                # speech often drops the unit: "it was thirty-eight five"
                same_kind = same_kind or (spoken and x.kind == "count" and n.kind in _UNIT_DROPPED)
                if same_kind and not values_match(n, x):
                    return x
        return None
