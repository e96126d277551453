"""The concept check: lexicon mentions whose polarity flips or that no reference has."""

from __future__ import annotations

import re
from typing import Any

from evalkit.lexicon.certainty import find_hedge
from evalkit.lexicon.loaders import drug_class_ids
from evalkit.lexicon.polarity import find_presence
from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.grounding import (
    anchored_values,
    claim,
    conditional,
    note_unsupported,
    section_kind,
    transcript_verdict,
    turn_quote,
)
from evalkit.metrics.hallucination.index import SPOKEN_POLAR_CATEGORIES, TextIndex, Unit
from evalkit.metrics.hallucination.state import (
    DraftState,
    draft_state,
    flag_source,
    local_polarity,
    polarity_span,
    quote,
)
from evalkit.metrics.hallucination.support import span_supported
from evalkit.metrics.hallucination.words import ASSESSMENT_SECTIONS, EPISODIC, WORD

__all__ = ["POLAR_CATEGORIES", "ConceptChecker"]

POLAR_CATEGORIES = frozenset({"symptom", "finding", "diagnosis", "medication"})
# categories where a kept mention the transcript replaces by another concept of
# the same category is worth a (non-critical) flag; not diagnoses, which are
# often written without being said and discussed as differentials
_SWAP_CATEGORIES = frozenset({"medication"})
_CATEGORY_TYPE = {
    "medication": "medication",
    "diagnosis": "diagnosis",
    "symptom": "fabrication",
    "finding": "fabrication",
    "procedure": "fabrication",
    "lab": "fabrication",
    "vital": "fabrication",
}


class ConceptChecker:
    """Lexicon concepts: polarity flips and concepts no reference mentions.

    Raises ``negation``, ``medication``, ``diagnosis`` and ``fabrication`` flags.
    """

    name = "concepts"

    def check(self, pair: Any, context: CheckContext) -> list[Flag]:
        st = draft_state(context, pair)
        draft_text = pair.ai_note
        final, transcript = st.final, st.transcript
        has_f, has_t = final is not None, transcript is not None
        flags: list[Flag] = []
        contradicted: set[tuple[str, int | None]] = set()
        for ui, u in enumerate(st.draft.units):
            if u.heading:
                continue
            for m in u.mentions:
                cid, neg = m.concept_id, bool(m.negated)
                pol_f = final.concepts.get(cid, set()) if final is not None else set()
                pol_t = transcript.concepts.get(cid, set()) if transcript is not None else set()
                in_f = final is not None and cid in final.present
                in_t = transcript is not None and cid in transcript.present
                support_f, support_t = neg in pol_f, neg in pol_t
                polar = m.category in POLAR_CATEGORIES
                # a flip needs the opposite polarity in the clauses about the same
                # thing, not anywhere ("no covid exposure" / "covid vaccinations")
                near_f = local_polarity(final, st.aligned[ui], cid) if final is not None else set()
                if neg and final is not None and False not in near_f and not support_f:
                    # "No fever or cough" against "Productive cough": the aligned
                    # clause affirms a narrower finding that names the denied one
                    if _narrower_affirmed(final, st.aligned[ui], m):
                        near_f = near_f | {False}
                # what the consultation says about the concept: an explicit
                # statement, or a yes/no question with its reply, by the person
                # who knows (see transcript_verdict)
                verdict_t, said_at = (None, None)
                if (
                    transcript is not None
                    and polar
                    and m.category in SPOKEN_POLAR_CATEGORIES
                    and not conditional(draft_text, u, context.language)
                ):
                    kept = support_f or st.endorsed[ui]
                    kind = section_kind(u.section)
                    # "Occasionally, she feels dizzy": a "no" to "are you dizzy?" is
                    # about today, not about the episodes the clinician kept
                    episodic = kept and not neg and _episodic(draft_text, u.start, u.end)
                    # a diagnosis, though, is what an assessment states (a plan
                    # names what to look for): the clinician ruling it out in the
                    # talk contradicts it, unless the note hedges it ("migraine
                    # less likely")
                    problem = kind == "problem" and not (
                        m.category == "diagnosis"
                        and u.section in ASSESSMENT_SECTIONS
                        and find_hedge(draft_text, m.start, m.end, language=context.language)
                        is None
                    )
                    if not (kept and problem) and not episodic:
                        # an assessment or plan names problems, not how the
                        # patient is today ("Lightheadedness - on meclizine" against
                        # "any dizziness?" - "no, I feel fine"); an examination
                        # finding is the clinician's word, not the patient's
                        category = "finding" if kind == "exam" else m.category
                        verdict_t, said_at = transcript_verdict(
                            transcript,
                            cid,
                            neg,
                            category,
                            kept=kept,
                        )
                        if verdict_t == "contradicts" and (cid, said_at) in contradicted:
                            verdict_t = None  # one turn, one flag: the first mention
                        elif verdict_t == "contradicts":
                            contradicted.add((cid, said_at))
                if verdict_t == "supports":
                    support_t = True
                elif verdict_t == "contradicts":
                    support_t = False
                # an affirmed mention in a clause with a negation cue the matcher did
                # not attach ("Antibiotika ikke indiceret") has uncertain polarity
                certain = neg or u.negation is None
                flip_f = certain and polar and bool(near_f) and neg not in near_f and not support_f
                flip_t = certain and polar and verdict_t == "contradicts"
                if support_f and not flip_t:
                    if transcript is not None and not in_t and m.category in _SWAP_CATEGORIES:
                        other = self._kept_but_swapped(st, ui, m, context.language)
                        if other is not None:
                            x = self._swapped_regimen(st, u, m)
                            if x is not None:
                                flags.append(
                                    make_flag(
                                        draft_text,
                                        m.start,
                                        m.end,
                                        _CATEGORY_TYPE[m.category],
                                        "transcript gives a dose of "
                                        f"{quote(transcript.text, x.start, x.end)} instead; "
                                        "kept in the final note",
                                        "transcript",
                                        severity="non-critical",
                                        checker=self.name,
                                    )
                                )
                            else:
                                st.unsupported.append(claim(m.start, m.end, "concept", other))
                            continue
                    note_unsupported(st, m, in_t, context.language)
                    continue
                if flip_f or flip_t:
                    if support_t and not flip_f:
                        continue
                    severity: str | None = "non-critical" if support_f or support_t else "critical"
                    where = []
                    if flip_f and final is not None:
                        where.append(f"final note states the opposite{self._near(final, cid)}")
                    if flip_t and transcript is not None and said_at is not None:
                        where.append(
                            f"transcript states the opposite: {turn_quote(transcript, said_at)}"
                        )
                    # the flag shows the presence word that was turned around too
                    # ("Murphy's sign *positive*"), not only the finding's name
                    start, end = polarity_span(draft_text, u, m.start, m.end, context.language)
                    flags.append(
                        make_flag(
                            draft_text,
                            start,
                            end,
                            "negation",
                            "; ".join(where),
                            flag_source(flip_f, flip_t, has_f, has_t),
                            severity=severity,
                            checker=self.name,
                        )
                    )
                    continue
                if in_f and not in_t:
                    note_unsupported(st, m, in_t, context.language)
                if in_f or in_t or m.category not in _CATEGORY_TYPE:
                    continue
                if (final is not None and final.supports_words(m.text, context.language)) or (
                    transcript is not None and transcript.supports_words(m.text, context.language)
                ):
                    continue
                if (
                    final is not None
                    and m.category != "medication"
                    and span_supported(st.draft, m.start, m.end, final)
                ):
                    # the final note spells it another way: a compound, an
                    # abbreviation or an initialism ("SOB", "lændesmerter");
                    # not drugs, whose names share stems across different drugs
                    continue
                if m.category in ("lab", "vital") and u.numbers:
                    continue
                if (
                    final is not None
                    and m.category in _SPELLED_CATEGORIES
                    and _spelled_out(
                        context.indexes.get("matcher"), m.concept_id, final, st.aligned[ui]
                    )
                ):
                    # "KOL med akut forværring" spells out "KOL-forværring", a
                    # name of the draft's "exacerbation af KOL"
                    continue
                if (
                    _CATEGORY_TYPE[m.category] == "fabrication"
                    and has_f
                    and st.coverage[ui] >= CONFIG.aligned_coverage
                    and not st.endorsed[ui]
                ):
                    # a new symptom inside a statement the clinician kept and
                    # reworded is more often a synonym the lexicon lacks than an
                    # invention; whole new statements are what gets flagged
                    continue
                if _CATEGORY_TYPE[m.category] == "fabrication" and (
                    (final is not None and _derived_in(m.text, final, st.aligned[ui]))
                    or (
                        transcript is not None and _derived_in(m.text, transcript, st.related_t[ui])
                    )
                ):
                    # "rødme" reworded as "rød", "opkastninger" as "opkast"
                    continue
                flag_type, severity = _CATEGORY_TYPE[m.category], None
                if neg:
                    # an invented pertinent negative ("no thyromegaly") asserts
                    # nothing present: a minor fabrication
                    flag_type, severity = "fabrication", "non-critical"
                evidence = self._absent_evidence(st, ui, m, has_f, has_t)
                flags.append(
                    make_flag(
                        draft_text,
                        m.start,
                        m.end,
                        flag_type,
                        evidence,
                        flag_source(False, False, has_f, has_t),
                        severity=severity,
                        checker=self.name,
                    )
                )
        if transcript is not None and transcript.any_of:
            flags += self._denies_a_yes_list(st, draft_text)
        if has_t:
            flags += self._test_results(st, draft_text, context.language, flags)
        return flags

    def _test_results(
        self, st: DraftState, draft_text: str, language: str, found: list[Flag]
    ) -> list[Flag]:
        """A test result ("positive", "negativ") the clinician states the other way in the talk.

        Talk about tests is loose, so only a clinician's statement (not a
        question) naming the same lab concept with a presence word after it
        ("the pregnancy test came back *positive*", "Graviditetstesten er
        *positiv*") counts, and only when every such statement has the opposite
        result. Kept results get a non-critical flag.
        """
        transcript = st.transcript
        if transcript is None:
            return []
        said: dict[str, set[str]] = {}
        for v in transcript.units:
            if v.question or not v.statement or v.role != "clinician":
                continue
            for x in v.mentions:
                if x.category == "lab":
                    result = _result_after(transcript.text, x.end, v.end, language)
                    if result is not None:
                        said.setdefault(x.concept_id, set()).add(result)
        out: list[Flag] = []
        if not said:
            return out
        for ui, u in enumerate(st.draft.units):
            for m in u.mentions:
                theirs = said.get(m.concept_id)
                if m.category != "lab" or not theirs or len(theirs) != 1:
                    continue
                mine = _result_after(draft_text, m.end, u.end, language)
                if mine is None or mine in theirs:
                    continue
                start, end = polarity_span(draft_text, u, m.start, m.end, language)
                if any(f.start < end and start < f.end for f in found + out):
                    continue
                kept = st.endorsed[ui] or (
                    st.final is not None and m.concept_id in st.final.present
                )
                out.append(
                    make_flag(
                        draft_text,
                        start,
                        end,
                        "negation",
                        f"transcript gives the result as {next(iter(theirs))}",
                        "transcript",
                        severity="non-critical" if kept else None,
                        checker=self.name,
                    )
                )
        return out

    def _denies_a_yes_list(self, st: DraftState, draft_text: str) -> list[Flag]:
        """A draft clause denying every item of a list the patient said yes to.

        "Any numbness or tingling?" - "Yes, in my toes" against "No numbness or
        tingling": whichever item the yes was about, the clause denies it.
        """
        transcript = st.transcript
        if transcript is None:
            return []
        out = []
        for ui, u in enumerate(st.draft.units):
            denied = {m.concept_id: m for m in u.mentions if m.negated}
            if len(denied) < 2:
                continue
            for qi, cids in transcript.any_of:
                if cids <= denied.keys():
                    first = min((denied[c] for c in cids), key=lambda m: m.start)
                    out.append(
                        make_flag(
                            draft_text,
                            first.start,
                            first.end,
                            "negation",
                            "transcript states the opposite: " + turn_quote(transcript, qi),
                            "transcript",
                            severity="non-critical" if st.endorsed[ui] else None,
                            checker=self.name,
                        )
                    )
                    break
        return out

    def _kept_but_swapped(self, st: DraftState, ui: int, m: Any, language: str) -> str | None:
        """A kept drug the transcript never names while it names another substance.

        Not a flag: the talk does not contradict the drug, it only never names
        it. The reviewer still sees it among the unsupported claims, with the
        substance the talk was about ("desloratadin" in both notes,
        "cetirizin" in the consultation).
        """
        transcript = st.transcript
        if transcript is None or transcript.supports_words(m.text, language):
            return None
        classes = drug_class_ids()
        if m.concept_id in classes:  # "NSAID" is not contradicted by "ibuprofen"
            return None
        named = st.draft.present | (st.final.present if st.final is not None else set())
        related = st.related_t[ui]
        seen = set(related)
        units = related + [i for i in range(len(transcript.units)) if i not in seen]
        for i in units:
            for x in transcript.units[i].mentions:
                if (
                    x.category == m.category
                    and x.concept_id not in named
                    and x.concept_id not in classes
                    and not _same_substance(m.text, x.text)
                ):
                    return f"transcript has {quote(transcript.text, x.start, x.end)} instead"
        return None

    @staticmethod
    def _swapped_regimen(st: DraftState, u: Unit, m: Any) -> Any | None:
        """A kept drug with a dose that the talk replaces by another drug with a dose.

        Explicit enough for a (non-critical) flag: the talk never names the
        draft's drug, and gives a dose for one other drug that neither note
        names ("Du kan tage bilastin, tyve milligram" against "loratadin 10 mg").
        """
        if m.concept_id.startswith("drug:") or not any(
            n.kind in ("dose", "frequency") for n in u.numbers
        ):
            return None  # a word before a dose is a drug name only by its position
        transcript = st.transcript
        if transcript is None:
            return None
        named = st.draft.present | (st.final.present if st.final is not None else set())
        excluded = named | drug_class_ids()  # built once, not per mention
        others = {
            x.concept_id: x
            for v in transcript.units
            for x in v.mentions
            if x.category == m.category
            and x.concept_id not in excluded
            and not x.concept_id.startswith("drug:")
            and not _same_substance(m.text, x.text)
        }
        dosed = [
            x
            for cid, x in others.items()
            if any(
                getattr(n, "kind", "") in ("dose", "frequency", "count")
                for n, _ in anchored_values(transcript, cid, "numbers")
            )
        ]
        return dosed[0] if len(dosed) == 1 else None

    @staticmethod
    def _near(index: TextIndex, cid: str) -> str:
        for u in index.units:
            for m in u.mentions:
                if m.concept_id == cid:
                    return ": " + quote(index.text, u.start, u.end)
        return ""

    @staticmethod
    def _absent_evidence(st: DraftState, ui: int, m: Any, has_f: bool, has_t: bool) -> str:
        parts = []
        if has_f and st.final is not None:
            instead = [
                x
                for i in st.aligned[ui]
                if st.coverage[ui] >= CONFIG.loose_coverage
                for x in st.final.units[i].mentions
                if x.category == m.category and x.concept_id not in st.draft.present
            ]
            if instead:
                x = instead[0]
                parts.append(f"final note has {quote(st.final.text, x.start, x.end)} instead")
            else:
                parts.append("not in final note")
        if has_t:
            parts.append("not mentioned in transcript")
        return "; ".join(parts)


_NARROWER_CATEGORIES = frozenset({"symptom", "finding"})
_SPELLED_CATEGORIES = frozenset({"diagnosis", "symptom", "finding"})
_NAME_PART = re.compile(r"[^\W\d_]{2,}")


def _spelled_out(matcher: Any, cid: str, index: TextIndex, units: list[int]) -> bool:
    """Whether an aligned clause without a negation holds every part of a name of ``cid``.

    A lexicon name of two or more words or compound parts ("KOL-forværring",
    "forværring af KOL") is spelled out when each of its parts has a word of the
    same family in the clause ("KOL med akut forværring"): the clause names the
    concept in words the matcher does not join.

    Examples
    --------
    >>> from evalkit.lexicon.matcher import get_matcher
    >>> from evalkit.metrics.hallucination.index import TextIndex, Unit
    >>> text = "KOL med akut forværring."
    >>> ix = TextIndex(text, [Unit(0, 24)], {}, {}, set(), {})
    >>> _spelled_out(get_matcher("da"), "dx:copd_exacerbation", ix, [0])
    True
    >>> _spelled_out(get_matcher("da"), "dx:copd_exacerbation", ix, [])
    False
    """
    if matcher is None or not units:
        return False
    lexicon = getattr(matcher, "lexicon", None)
    if lexicon is None:
        return False
    try:
        names = lexicon.synonyms(cid)
    except KeyError:
        return False  # a concept the index made up ("drug:…" before a dose)
    theirs = {
        w.group().lower()
        for i in units
        if index.units[i].negation is None
        for w in WORD.finditer(index.text, index.units[i].start, index.units[i].end)
        if len(w.group()) >= 2
    }
    if not theirs:
        return False
    for name in names:
        parts = [p.lower() for p in _NAME_PART.findall(name)]
        if len(parts) >= 2 and all(any(_same_family(a, b) for b in theirs) for a in parts):
            return True
    return False


def _narrower_affirmed(index: TextIndex, units: list[int], m: Any) -> bool:
    """An affirmed symptom or finding in ``units`` whose name holds every word of ``m``'s.

    "Productive cough" holds "cough": affirming it affirms a cough. Only
    symptoms and findings (a diagnosis named after a symptom, "cough-variant
    asthma", says nothing about today's cough).

    Examples
    --------
    >>> from types import SimpleNamespace as M
    >>> from evalkit.metrics.hallucination.index import TextIndex, Unit
    >>> wet = M(text="Productive cough", concept_id="c2", category="symptom", negated=False)
    >>> ix = TextIndex("", [Unit(0, 16, mentions=[wet])], {}, {}, set(), {})
    >>> _narrower_affirmed(ix, [0], M(text="cough", concept_id="c1", category="symptom"))
    True
    >>> _narrower_affirmed(ix, [0], M(text="dry cough", concept_id="c3", category="symptom"))
    False
    """
    if m.category == "diagnosis":
        return _narrower_diagnosis(index, units, m)
    if m.category not in _NARROWER_CATEGORIES:
        return False
    mine = {w.lower() for w in WORD.findall(m.text) if len(w) >= 3}
    if not mine:
        return False
    for i in units:
        for x in index.units[i].mentions:
            if x.negated or x.concept_id == m.concept_id or x.category not in _NARROWER_CATEGORIES:
                continue
            theirs = {w.lower() for w in WORD.findall(x.text)}
            if mine < theirs:
                return True
    return False


def _narrower_diagnosis(index: TextIndex, units: list[int], m: Any) -> bool:
    """An affirmed diagnosis in ``units`` whose name narrows ``m``'s: a kind of it.

    "Allergi over for penicillin" is an allergy, "type 2-diabetes" a diabetes:
    denying the general diagnosis denies the narrower one. Every word of
    ``m``'s name must have a word of the same family in the other's
    (*allergier* / *allergi*), which has more words; diagnoses only, since a
    diagnosis named after a symptom says nothing about the symptom.

    Examples
    --------
    >>> from types import SimpleNamespace as M
    >>> from evalkit.metrics.hallucination.index import TextIndex, Unit
    >>> pen = M(text="Allergi over for penicillin", concept_id="d2", category="diagnosis",
    ...         negated=False)
    >>> ix = TextIndex("", [Unit(0, 27, mentions=[pen])], {}, {}, set(), {})
    >>> _narrower_diagnosis(ix, [0], M(text="allergier", concept_id="d1", category="diagnosis"))
    True
    >>> _narrower_diagnosis(ix, [0], M(text="astma", concept_id="d3", category="diagnosis"))
    False
    """
    mine = [w.group().lower() for w in WORD.finditer(m.text) if len(w.group()) >= 3]
    if not mine:
        return False
    for i in units:
        for x in index.units[i].mentions:
            if x.negated or x.concept_id == m.concept_id or x.category != "diagnosis":
                continue
            theirs = [w.group().lower() for w in WORD.finditer(x.text) if len(w.group()) >= 3]
            if len(theirs) > len(mine) and all(
                any(_same_family(a, b) for b in theirs) for a in mine
            ):
                return True
    return False


def _result_after(text: str, start: int, end: int, language: str) -> str | None:
    """``present`` or ``absent``: the first presence word after a test's name in its unit.

    Examples
    --------
    >>> _result_after("Graviditetstesten er positiv.", 17, 28, "da")
    'present'
    >>> _result_after("Urine test sent off today.", 10, 25, "en") is None
    True
    """
    window = text[start : min(end, start + 60)]
    for w in find_presence(window, language=language)[:1]:
        return w.polarity
    return None


def _derived_in(term: str, index: TextIndex, units: list[int]) -> bool:
    """Every word of ``term`` has a word of the same family in the given units.

    Same family: one word is a prefix of the other (three letters or more:
    *rød* / *rødme*, *opkast* / *opkastninger*, *søvn* / *søvnbesvær*) or the
    two share their first four letters (*hævelse* / *hævet*).
    """
    words = [w.lower() for w in WORD.findall(term) if len(w) >= 3]
    if not words or not units:
        return False
    theirs = {
        w.lower()
        for i in units
        for w in WORD.findall(index.text, index.units[i].start, index.units[i].end)
        if len(w) >= 3
    }
    return all(any(_same_family(a, b) for b in theirs) for a in words)


def _same_family(a: str, b: str) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long.startswith(short) or (len(short) >= 4 and long[:4] == short[:4])


def _same_substance(a: str, b: str) -> bool:
    """Whether one drug name's words are all in the other's ("lidocaine" / "lidocaine viscous").

    Examples
    --------
    >>> _same_substance("lidocaine viscous", "Lidocaine")
    True
    >>> _same_substance("lidocaine", "prilocaine")
    False
    """
    x = {w for w in a.lower().split() if len(w) >= 4}
    y = {w for w in b.lower().split() if len(w) >= 4}
    return bool(x and y) and (x <= y or y <= x)


def _episodic(text: str, start: int, end: int) -> bool:
    """Whether the sentence up to ``end`` calls the statement episodic ("occasionally").

    Examples
    --------
    >>> _episodic("Occasionally, she feels dizzy.", 14, 29), _episodic("Feels dizzy.", 0, 11)
    (True, False)
    """
    lo = max(0, start - 60)
    cut = max(text.rfind(".", lo, start), text.rfind("\n", lo, start))
    return EPISODIC.search(text, cut + 1 if cut >= 0 else lo, end) is not None
