"""The support check: draft clauses that neither the final note nor the transcript supports.

A draft clause states something. When the clinician's final note has a
counterpart for its content (the same concepts, words or numbers, anywhere in
the note, so reordered, split and merged sentences count) or the transcript
does, the clause is supported. A clause with clinical content and no
counterpart in either is flagged ``fabrication`` (``diagnosis`` in an
assessment section): an invented symptom, history, test result or
procedure.

The clinician deleting a sentence is the signal: a kept or reworded clause has
a counterpart and is never flagged here. What counts as a counterpart is
lenient on purpose (a wrong flag is worse than no flag): a word is supported
by the same stem, by an abbreviation of it or the word it abbreviates
("abd." / "abdomen"), and by a compound or hyphenated spelling
("lændesmerter" / "smerter i lænden", "nontender" / "non-tender").

Severity is by category (:attr:`HallucinationConfig.support_critical_categories`):
an invented clause naming a drug or a diagnosis is critical, others are not.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from evalkit.metrics.checkers import CheckContext, Flag, make_flag
from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.grades import scale_grades
from evalkit.metrics.hallucination.index import TextIndex, Unit
from evalkit.metrics.hallucination.numbers import called_normal, full_normal_score
from evalkit.metrics.hallucination.state import draft_state, flag_source, trim_span
from evalkit.metrics.hallucination.words import (
    ASSESSMENT_SECTIONS,
    EXAM_SECTIONS,
    META_PREFIXES,
    STOPWORDS,
    WORD,
)
from evalkit.schema import check_language
from evalkit.text.grades import same_grade
from evalkit.text.initialisms import run_initials as _initials

__all__ = ["SupportChecker", "span_supported", "supported_share", "word_supported"]


class SupportChecker:
    """Flags draft clauses with no counterpart in the final note or the transcript.

    A clause is a candidate when the clinician did not keep it (not word for
    word, and its aligned final-note clauses hold less than
    :attr:`~HallucinationConfig.loose_coverage` of its keys). It is flagged
    when, in addition:

    * under :attr:`~HallucinationConfig.support_final_share` of its content
      (concepts, words, numbers) occurs anywhere in the final note, and (with
      a transcript) under :attr:`~HallucinationConfig.transcript_coverage`
      anywhere in the transcript;
    * it has clinical content: a lexicon mention, a number, or it stands in an
      assessment or examination section; or, without any of these, at least
      :attr:`~HallucinationConfig.support_min_words` content words of which
      none occurs in either reference, and it does not talk about the
      consultation itself ("Patienten var enig i planen").

    Clauses that already carry a flag from another check are left alone.

    Examples
    --------
    >>> from evalkit import hallucination_flags
    >>> flags = hallucination_flags(
    ...     "Knæsmerter efter fald.", "Knæsmerter efter fald. Arbejder som frisør.",
    ...     language="da",
    ... )
    >>> [(f["type"], f["text"]) for f in flags]
    [('fabrication', 'Arbejder som frisør')]
    >>> hallucination_flags(
    ...     "Abd. blød og uøm.", "Abdomen er blød og uøm.", language="da"
    ... )
    []
    """

    name = "support"

    def check(self, pair: Any, context: CheckContext, existing: Sequence[Flag] = ()) -> list[Flag]:
        st = draft_state(context, pair)
        final, transcript = st.final, st.transcript
        has_f, has_t = final is not None, transcript is not None
        with_lexicon = context.indexes.get("lexicon", False)
        flags: list[Flag] = []
        for ui, u in enumerate(st.draft.units):
            if u.heading or not u.keys or st.endorsed[ui]:
                continue
            if has_f and st.coverage[ui] >= CONFIG.loose_coverage:
                continue
            if any(f.start < u.end and u.start < f.end for f in existing):
                continue
            if not has_f and (not has_t or len(u.keys) < 3):
                continue
            assessment = u.section in ASSESSMENT_SECTIONS
            clinical = bool(u.mentions or u.numbers) or assessment or u.section in EXAM_SECTIONS
            if len(u.keys) < 2 and not (u.mentions or assessment):
                continue
            if (
                with_lexicon
                and not clinical
                and (
                    len(u.keys) < CONFIG.support_min_words
                    or _is_meta(pair.ai_note[u.start : u.end])
                )
            ):
                continue
            f_share = supported_share(st.draft, u, final) if has_f else 0.0
            if f_share >= CONFIG.support_final_share:
                continue  # said elsewhere in the note: reordered, split or merged
            if final is not None and _grade_kept(st.draft, ui, final, context.language):
                continue  # "Power 5/5 throughout" reworded as "Strength 5/5 in all limbs"
            if (
                final is not None
                and any(full_normal_score(n) for n in u.numbers)
                and called_normal(final, st.aligned[ui])
            ):
                continue  # "Power 5/5 throughout" for "Strength normal in all limbs"
            t_share = 0.0
            if transcript is not None:
                # the plain share first (most supported clauses stop here): the
                # spelled-out counterparts of a long transcript cost more
                t_share = len(u.keys & transcript.postings.keys()) / len(u.keys)
                if t_share < CONFIG.transcript_coverage:
                    t_share = supported_share(st.draft, u, transcript, anywhere=True)
            if t_share >= CONFIG.transcript_coverage:
                continue
            if with_lexicon and not clinical:
                # outside assessment and findings, a removed clause the lexicon
                # finds nothing in is flagged only when none of its words is in
                # either reference and it is not about the consultation itself
                if f_share > 0.0 or t_share > 0.0:
                    continue
            s, e = trim_span(pair.ai_note, u.start, u.end)
            parts = ["clinician removed it from the final note"] if has_f else []
            if has_t:
                parts.append("not supported by the transcript")
            critical = any(
                m.category in CONFIG.support_critical_categories and not m.negated
                for m in u.mentions
            )
            flags.append(
                make_flag(
                    pair.ai_note,
                    s,
                    e,
                    "diagnosis" if assessment else "fabrication",
                    "; ".join(parts),
                    flag_source(False, False, has_f, has_t),
                    severity="critical" if critical else "non-critical",
                    checker=self.name,
                )
            )
        return flags


def supported_share(
    draft: TextIndex, u: Unit, index: TextIndex | None, *, anywhere: bool = False
) -> float:
    """Share of a draft clause's content that one clause of ``index`` (or two in a row) has.

    The best counterpart anywhere in the reference: one clause, or two
    consecutive ones (a split sentence), so reordered, split and merged
    sentences find theirs, while words scattered over unrelated clauses do
    not add up. With ``anywhere`` (for transcripts, where talk spreads one
    fact over several turns) the reference as a whole. Measured over the
    clause's keys (concepts, words, numbers) and over its word stems and
    numbers (the lexicon may code two spellings of one finding as different
    concepts); the larger share is kept. A
    concept or number counts when the reference clause has the same key (a
    number also when it is written as a Roman numeral, "II/VI" for "2/6"); a
    word when :func:`word_supported`, or as an initialism ("DTRs" / "deep
    tendon reflexes", either way round).

    Examples
    --------
    >>> from evalkit.metrics.hallucination.index import build_index
    >>> final = build_index("Smerter i lænden. Abd. blød. SOB. Ikke-ryger.", "da", None)
    >>> draft = build_index(
    ...     "Lændesmerter. Abdomen blødt. Shortness of breath. Ryger 20 cigaretter dagligt.",
    ...     "da",
    ...     None,
    ... )
    >>> [round(supported_share(draft, u, final), 2) for u in draft.units]
    [1.0, 1.0, 1.0, 0.25]
    """
    if index is None or not (u.keys or u.stems):
        return 0.0
    ref = _reference(index)
    spelled = _initialisms(draft, u, ref)
    numbers = {k for k in u.keys if k.startswith("n:")}
    best = 0.0
    for items in (u.keys, u.stems | numbers):
        if not items:
            continue
        where = [ref.units_of(k, spelled.get(k[2:], frozenset())) for k in items]
        counts: dict[int, int] = {}
        for units in where:
            for i in units:
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            continue
        if anywhere:
            best = max(best, sum(1 for units in where if units) / len(items))
            continue
        top = max(counts.values())
        for i in counts:
            pair = sum(1 for units in where if i in units or i + 1 in units)
            top = max(top, pair)
        best = max(best, top / len(items))
    return best


def span_supported(draft: TextIndex, start: int, end: int, index: TextIndex) -> bool:
    """Whether every content word of ``draft.text[start:end]`` has a counterpart in ``index``.

    A counterpart anywhere in the reference, as in :func:`supported_share`
    (the same stem, an abbreviation, a compound part, an initialism): for a
    lexicon mention the reference spells another way.

    Examples
    --------
    >>> from evalkit.metrics.hallucination.index import build_index
    >>> final = build_index("SOB on exertion.", "en", None)
    >>> draft = build_index("Shortness of breath on exertion.", "en", None)
    >>> span_supported(draft, 0, 19, final), span_supported(draft, 0, 5, final)
    (True, True)
    >>> span_supported(draft, 23, 31, build_index("Chest pain.", "en", None))
    False
    """
    u = next((v for v in draft.units if v.start <= start and end <= v.end), None)
    table = draft.stem_table
    if u is None or table is None:
        return False
    stop = STOPWORDS[check_language(table.language, what="the draft's stem table language")]
    words = [w.lower() for w in WORD.findall(draft.text, start, end)]
    stems = {table.key(w) for w in words if w not in stop}
    if not stems:
        return False
    ref = _reference(index)
    # a key with units of its own is supported whatever the clause spells out:
    # the initialisms are read only for a key without
    spelled: dict[str, frozenset[int]] | None = None
    for k in stems:
        if ref.units_of(k, frozenset()):
            continue
        if spelled is None:
            spelled = _initialisms(draft, u, ref)
        if not spelled.get(k[2:]):
            return False
    return True


def word_supported(stem: str, reference: frozenset[str]) -> bool:
    """Whether a stem is in ``reference`` as itself, an abbreviation, or a compound part.

    ``stem`` is supported when it is in ``reference``; when it abbreviates a
    reference stem (a prefix of at least
    :attr:`~HallucinationConfig.support_prefix_chars` letters: "abd" for
    "abdomen") or a reference stem abbreviates it (up to two letters
    shorter: "smoke" for "smoker"); when it is the last part of a reference
    compound and longer than that ("smert" in "lændesmert"); or when it is a compound whose
    parts are reference stems (``lændesmert`` = ``lænd`` + ``smert``: every
    letter but a linking one covered).

    Examples
    --------
    >>> ref = frozenset({"abdomen", "lænd", "smert", "lungelyd", "smoke", "goddag"})
    >>> word_supported("abd", ref), word_supported("lændesmert", ref)
    (True, True)
    >>> word_supported("smoker", ref), word_supported("dag", ref)
    (True, False)
    >>> word_supported("thailand", ref)
    False
    """
    return bool(_matches(stem, reference))


def _matches(stem: str, reference: Iterable[str]) -> list[str]:
    """The reference stems that support ``stem`` (see :func:`word_supported`)."""
    n = CONFIG.support_prefix_chars
    if len(stem) < n:
        return []
    found, parts = [], []
    covered = [False] * len(stem)
    for r in reference:
        if len(r) < n:
            continue
        if r == stem or r.startswith(stem):
            found.append(r)
        elif r.endswith(stem) and len(stem) > n:
            found.append(r)
        elif stem.startswith(r) and len(r) >= len(stem) - 2:
            found.append(r)
        else:
            at = stem.find(r)
            if at >= 0:
                parts.append(r)
            while at >= 0:
                covered[at : at + len(r)] = [True] * len(r)
                at = stem.find(r, at + 1)
    # a compound: its parts cover it but for a linking letter ("lænd-e-smert")
    if len(parts) >= 2 and sum(covered) >= len(stem) - 1:
        found += parts
    return found


class _StemLookup:
    """The stems of one reference, arranged so :func:`_matches` needs no scan of them all.

    ``matches(stem)`` is ``set(_matches(stem, stems))``: the stems that start
    with ``stem`` (a range of the sorted stems) or end with it (a range of the
    sorted reversed stems), its prefixes of at least two letters less (three
    lookups), and the compound parts among its substrings.

    Examples
    --------
    >>> ref = ["abdomen", "lænd", "smert", "lungelyd", "smoke", "goddag"]
    >>> sorted(_StemLookup(ref).matches("lændesmert")), sorted(_matches("lændesmert", ref))
    (['lænd', 'smert'], ['lænd', 'smert'])
    """

    __slots__ = ("backward", "forward", "known", "shortest")

    def __init__(self, stems: Iterable[str]) -> None:
        self.shortest = CONFIG.support_prefix_chars
        self.known = frozenset(r for r in stems if len(r) >= self.shortest)
        self.forward = sorted(self.known)
        self.backward = sorted(r[::-1] for r in self.known)

    def matches(self, stem: str) -> set[str]:
        """The reference stems that support ``stem`` (see :func:`word_supported`)."""
        n, size = self.shortest, len(stem)
        if size < n:
            return set()
        found: set[str] = set()
        forward, backward, known = self.forward, self.backward, self.known
        i = bisect_left(forward, stem)
        while i < len(forward) and forward[i].startswith(stem):
            found.add(forward[i])  # the stem itself, or one it abbreviates
            i += 1
        if size > n:
            tail = stem[::-1]
            i = bisect_left(backward, tail)
            while i < len(backward) and backward[i].startswith(tail):
                found.add(backward[i][::-1])  # a compound ending in it
                i += 1
        for k in range(max(n, size - 2), size):
            if stem[:k] in known:
                found.add(stem[:k])  # it abbreviates a reference stem
        # compound parts: the other reference stems inside it
        parts = {
            stem[a : a + k]
            for k in range(n, size)
            for a in range(size - k + 1)
            if stem[a : a + k] in known
        } - found
        if len(parts) >= 2:
            covered = [False] * size
            for r in parts:
                at = stem.find(r)
                while at >= 0:
                    covered[at : at + len(r)] = [True] * len(r)
                    at = stem.find(r, at + 1)
            if sum(covered) >= size - 1:
                found |= parts
        return found


_ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v", "6": "vi"}


class _Reference:
    """Where each stem, short word and initialism of a reference index stands (its units)."""

    __slots__ = (
        "_initials",
        "_lookup",
        "_short",
        "_spans",
        "_stems",
        "_text",
        "_unit_words",
        "_words",
        "memo",
        "postings",
    )

    def __init__(self, index: TextIndex) -> None:
        # the postings, not the index: the index's cache holds this object, and a
        # reference back would be a cycle only the garbage collector frees
        self.postings = index.postings
        self._stems: set[str] | None = None
        self._lookup: _StemLookup | None = None
        self.memo: dict[str, frozenset[int]] = {}
        self._text = index.text
        self._spans = [(u.start, u.end) for u in index.units]
        # each unit's words when the index kept them (a transcript's are many)
        self._unit_words = index.unit_words()
        self._words: list[list[list[str]]] | None = None
        self._short: dict[str, set[int]] | None = None
        self._initials: tuple[list[str], list[list[int]]] | None = None

    @property
    def stems(self) -> set[str]:
        """The stems of the word and stem keys, read when a key is not in the postings."""
        if self._stems is None:
            self._stems = {key[2:] for key in self.postings if key.startswith(("w:", "s:"))}
        return self._stems

    def stem_units(self, stem: str) -> set[int]:
        """The units of one of :attr:`stems`: those of its word key and its stem key.

        Looked up for the few stems a draft word matches, rather than
        gathered for every stem of the reference.
        """
        postings = self.postings
        return set(postings.get("w:" + stem, ())).union(postings.get("s:" + stem, ()))

    @property
    def words(self) -> list[list[list[str]]]:
        """Each unit's :func:`_runs`, read once for the short words and the initials."""
        if self._words is None:
            if self._unit_words is not None:
                self._words = [_long_runs([w.rstrip(".") for w in ws]) for ws in self._unit_words]
            else:
                self._words = [_runs(self._text, start, end) for start, end in self._spans]
        return self._words

    @property
    def short(self) -> dict[str, set[int]]:
        """Words of two to five letters, as written and without a plural s: their units.

        The words of :attr:`words` (lower case, no trailing dot) that are two to
        five letters, read without lower-casing every word of a long
        transcript: lower-casing never makes a word shorter, and a word with a
        dot is no word of letters only, so a word over five characters as
        written is never one of them.
        """
        if self._short is None:
            short: dict[str, set[int]] = {}
            units = self._unit_words
            if units is None:
                text = self._text
                units = [
                    [w.lower() for w in WORD.findall(text, start, end) if len(w) <= 5]
                    for start, end in self._spans
                ]
            for i, words in enumerate(units):
                for word in words:
                    if len(word) > 5:
                        continue
                    w = word.rstrip(".")
                    if 2 <= len(w) <= 5 and w.isalpha():
                        short.setdefault(w, set()).add(i)
                        short.setdefault(w.rstrip("s"), set()).add(i)
            self._short = short
        return self._short

    def initials(self, letters: str) -> set[int]:
        """The units with a run of two to four words whose initials spell ``letters``.

        The initials of consecutive words are consecutive letters of a unit's
        string of first letters, so a run's initials are a substring of length
        two to four of it: one string per word list (all words, words over
        three letters), the units' parts separated by a space, searched with
        ``str.find`` instead of listing every run of every unit.
        """
        if not 2 <= len(letters) <= 4 or " " in letters:
            return set()
        if self._initials is None:
            texts, starts = [], []
            for which in (0, 1):
                parts, offsets, at = [], [], 0
                for runs in self.words:
                    firsts = "".join([w[0] for w in runs[which]])
                    offsets.append(at)
                    parts.append(firsts)
                    at += len(firsts) + 1
                texts.append(" ".join(parts))
                starts.append(offsets)
            self._initials = (texts, starts)
        texts, starts = self._initials
        out: set[int] = set()
        for text, offsets in zip(texts, starts, strict=True):
            at = text.find(letters)
            while at >= 0:
                out.add(bisect_right(offsets, at) - 1)
                at = text.find(letters, at + 1)
        return out

    def units_of(self, key: str, spelled: frozenset[int]) -> frozenset[int]:
        """The units that support one content key of a draft clause."""
        found = self.memo.get(key)
        if found is None:
            postings = self.postings
            out = set(postings.get(key, ()))
            kind, value = key[:2], key[2:]
            if kind in ("w:", "s:") and not out:
                if self._lookup is None:
                    self._lookup = _StemLookup(self.stems)
                for r in self._lookup.matches(value):
                    out |= self.stem_units(r)
                out |= self.initials(value)
            elif kind == "n:" and value in _ROMAN:
                out.update(postings.get("w:" + _ROMAN[value], ()))
            found = self.memo[key] = frozenset(out)
        return found | spelled if spelled else found


def _reference(index: TextIndex) -> _Reference:
    found = index.cache.get("support:reference")
    if found is None:
        found = index.cache["support:reference"] = _Reference(index)
    return found


def _runs(text: str, start: int, end: int) -> list[list[str]]:
    """The words of ``text[start:end]``, lower case: all of them, and those over three letters."""
    return _long_runs([w.lower().rstrip(".") for w in WORD.findall(text, start, end)])


def _long_runs(words: list[str]) -> list[list[str]]:
    """``[words, the words over three letters]``."""
    return [words, [w for w in words if len(w) > 3]]


def _initialisms(draft: TextIndex, u: Unit, ref: _Reference) -> dict[str, frozenset[int]]:
    """Stems of the draft clause's words that spell out a short word of the reference.

    ``{stem: units}``: "deep tendon reflexes" against "DTRs" gives the stems
    of the three words, each with the units that hold "dtrs".
    """
    table = draft.stem_table
    short = ref.short if table is not None else None
    if table is None or not short:
        return {}
    out: dict[str, set[int]] = {}
    for words in _runs(draft.text, u.start, u.end):
        for letters, i, j in _initials(words):
            units = short.get(letters)
            if units:
                for w in words[i:j]:
                    out.setdefault(table.key(w)[2:], set()).update(units)
    return {k: frozenset(v) for k, v in out.items()}


def _grade_kept(draft: TextIndex, ui: int, final: TextIndex, language: str) -> bool:
    """Whether a grade of the clause is in the final note with the same value on its scale.

    A graded finding the clinician rewrote around the same grade ("Power 5/5
    throughout" / "Strength 5/5 in all four limbs", "Muskelkraft 5/5" / "Kraft
    5/5") has its counterpart in the grade, whatever words the lexicon lacks.

    Examples
    --------
    >>> from evalkit.metrics.hallucination.index import build_index
    >>> draft = build_index("Power 5/5 throughout.", "en")
    >>> _grade_kept(draft, 0, build_index("Strength 5/5 in all limbs.", "en"), "en")
    True
    >>> _grade_kept(draft, 0, build_index("Strength 4/5 in all limbs.", "en"), "en")
    False
    """
    mine = scale_grades(draft, language)[ui]
    if not mine:
        return False
    theirs = [g for grades in scale_grades(final, language) for g in grades]
    return any(same_grade(a, b) for a in mine for b in theirs)


def _is_meta(text: str) -> bool:
    """The clause talks about the consultation itself ("Patienten var enig i planen").

    Such statements are what clinicians most often delete from AI drafts; a
    deleted one is not a clinical claim the references failed to support.
    """
    return any(w.lower().startswith(META_PREFIXES) for w in WORD.findall(text))
