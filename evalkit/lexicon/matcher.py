"""Finding lexicon terms in a note: one Aho–Corasick automaton per language.

How a note is matched:

1. **Folding.** The normalised note is case-folded and NFKC-normalised, then
   split into words at every run of non-word characters, so hyphens,
   punctuation and line breaks all become single spaces (``COVID-19`` and
   ``covid 19`` fold alike). An offset map leads back to the normalised note.
2. **One pass.** The folded words, joined by single spaces, go through one
   automaton holding every folded lexicon term and every negation cue, so
   matching time grows with the note, not with the lexicon.
3. **Word boundaries.** A term must start at a word start and end at a word
   end, or be followed by an inflectional ending of its language
   (:mod:`evalkit.lexicon.inflection`: ``blodtrykket``, ``tabletterne``,
   ``allergies``). A Danish term may also be the head (last part) of a
   compound word (``lændesmerter`` → ``smerte``); the mention then spans the
   whole compound.
4. **Longest match wins.** Of overlapping candidates the longest span is
   kept; on a tie, the longer lexicon term, then the leftmost.
5. **Negated terms.** A lexicon term made of a negation cue and another
   term (``no fever`` when ``fever`` is a term) is left out: polarity is a
   property of the mention, so ``no fever`` is a negated mention of
   ``fever``.
6. **Stoplist.** Terms listed in a stoplist (everyday words such as ``tid``,
   one-letter abbreviations such as ``p``) match only whole words written
   exactly as in the lexicon, and lower-case ones only when the next word
   is a number (``p 72``).
7. **Polarity.** Each mention gets ``negated`` from the cues
   (:mod:`evalkit.lexicon.polarity`).

When one surface form belongs to several concepts (a combination product
listed once per substance), the mention is reported once per concept.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np

from evalkit.lexicon.inflection import (
    MIN_COMPOUND_HEAD,
    MIN_COMPOUND_MODIFIER,
    MIN_INFLECTED_LENGTH,
    accepts_ending,
    stem_variants,
)
from evalkit.lexicon.loaders import load_lexicon
from evalkit.lexicon.model import Lexicon, LexiconEntry
from evalkit.lexicon.polarity import negated_flags, negation_cues
from evalkit.schema import DEFAULT_LANGUAGE, check_language
from evalkit.text.normalize import normalize_text
from evalkit.text.segment import CLAUSE_END

# Characters whose NFKC case fold is not their lower case: all beyond
# Latin-1 and a few in it ("µ", "ß", "ª", "²", "½", the no-break space).
_OWN_FOLD = re.compile(
    "["
    + "".join(
        chr(c)
        for c in range(0x80, 0x100)
        if unicodedata.normalize("NFKC", chr(c)).casefold() != chr(c).lower()
    )
    + "\u0100-\U0010ffff]"
)
# Kinds of automaton value: a negation cue, a term, a term matched only as a
# whole word (stored with the space after it).
_CUE = 0
_TERM = 1
_WHOLE_WORD = 2
_UNSEEN = object()
# Scope boundaries (see _boundaries). A word character is a letter or digit of
# the Basic Multilingual Plane: in a regular expression, [^\W_] less the planes
# beyond it. Latin-1 text is coded one byte per character instead: B for ";"
# and line breaks, P for ".!?", w for word characters.
_BOUNDARY = re.compile(r"[.!?;\n](?:(?<=[;\n])|(?![^\W_\U00010000-\U0010FFFF]))")
_BOUNDARY_CODES = bytes(
    66 if c in (10, 59) else 80 if c in (33, 46, 63) else 119 if chr(c).isalnum() else 32
    for c in range(256)
)
_COLON = re.compile(":")
_MAX_ENDINGS_KEPT = 64
"""Most word endings remembered per automaton key (the first ones met)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a lexicon concept in a normalised note.

    Attributes
    ----------
    start, end : int
        Character offsets into the normalised note (``text[start:end]``).
    text : str
        The surface text at those offsets.
    concept_id : str
        The concept matched.
    category : str
        The concept's category.
    negated : bool
        True when a negation cue governs the mention (``ingen feber``).
    parts : tuple of str
        Concepts of shorter lexicon terms inside this mention (``med:penicillin``
        and ``dx:allergy`` inside ``penicillin allergy``); empty for most.
    """

    start: int
    end: int
    text: str
    concept_id: str
    category: str
    negated: bool
    parts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Pattern:
    entry: LexiconEntry
    last_word: str
    required: frozenset[str] | None
    inflectable: bool
    compoundable: bool
    stoplisted: bool
    inverse: bool = False
    """The term names the absence of a concept ("uøm", "non-tender"): its mention
    is that concept, negated (see :func:`_inverse_base`)."""
    concept_id: str = field(init=False)
    category: str = field(init=False)

    def __post_init__(self) -> None:
        # Copied from the entry so that building a mention reads one attribute.
        object.__setattr__(self, "concept_id", self.entry.concept_id)
        object.__setattr__(self, "category", self.entry.category)


# Building a mention field by field through the slot descriptors makes the
# same object as Mention(...) at two thirds of the cost: the frozen dataclass's
# __init__ goes through object.__setattr__ for every field.
_MENTION_SETTERS = tuple(getattr(Mention, name).__set__ for name in Mention.__slots__)


_new_object = object.__new__
_first = itemgetter(0)


def fold(text: str) -> str:
    """Fold a term or text the way the matcher compares them.

    Case-folds, applies NFKC and turns every run of characters that are not
    letters or digits into one space.

    Examples
    --------
    >>> fold("COVID-19 (Ondt i  halsen)")
    'covid 19 ondt i halsen'
    >>> fold("u.a.")
    'u a'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


class Matcher:
    """Find the terms of one language of a lexicon in normalised notes.

    Build it once per batch (building takes time proportional to the
    lexicon); :meth:`find` then takes time proportional to the note.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon; only entries of ``language`` are used.
    language : {"da", "en"}
        Decides the inflection rules, compounds and negation cues.

    Examples
    --------
    >>> from evalkit.lexicon.model import Lexicon, LexiconEntry
    >>> lex = Lexicon([
    ...     LexiconEntry("feber", "sym:fever", "symptom", "da", "demo"),
    ...     LexiconEntry("blodtryk", "vital:blood_pressure", "vital", "da", "demo"),
    ...     LexiconEntry("smerte", "sym:pain", "symptom", "da", "demo"),
    ... ])
    >>> m = Matcher(lex, language="da")
    >>> found = m.find("Ingen feber. Blodtrykket ok, lændesmerter.")
    >>> [(x.text, x.concept_id, x.negated) for x in found]
    [('feber', 'sym:fever', True), ('Blodtrykket', 'vital:blood_pressure', False),
     ('lændesmerter', 'sym:pain', False)]
    """

    def __init__(self, lexicon: Lexicon, *, language: str) -> None:
        if not isinstance(lexicon, Lexicon):
            raise TypeError(
                f"Matcher needs a Lexicon, got {type(lexicon).__name__}; "
                "build one with evalkit.load_lexicon()"
            )
        self.language = language
        self.lexicon = lexicon
        self.version = lexicon.version
        stop_raw = lexicon.stoplist.get(language, frozenset())
        stop_folded = {fold(t) for t in stop_raw}
        cues = negation_cues(language)
        pre_cues = tuple(cue + " " for cue, kind in cues.items() if kind == "pre")
        keys: dict[str, list[_Pattern]] = {}
        anchored: dict[str, bool] = {}
        modifiers: dict[str, _Pattern] = {}
        folded_terms = {e.term: fold(e.term) for e in lexicon.entries if e.language == language}
        # a negated form stays a term of its own when its base is stoplisted
        # ("non-tender": "tender" alone is an everyday word the matcher skips)
        known = {f for t, f in folded_terms.items() if f not in stop_folded and t not in stop_raw}
        n_terms = 0
        concepts = {e.concept_id for e in lexicon.entries if e.language == language}
        for entry in lexicon.entries:
            if entry.language != language:
                continue
            base = _inverse_base(entry.concept_id, concepts)
            if base is not None:
                entry = dataclasses.replace(entry, concept_id=base)
            inverse = base is not None
            folded = folded_terms[entry.term]
            if not folded or _is_negated_form(folded, pre_cues, known):
                continue
            n_terms += 1
            words = folded.split(" ")
            last = words[-1]
            stoplisted = folded in stop_folded or entry.term in stop_raw
            inflectable = (
                not stoplisted
                and len(last) >= MIN_INFLECTED_LENGTH
                and not any(c.isupper() or c.isdigit() for c in entry.term[1:])
            )
            compoundable = (
                language == "da"
                and inflectable
                and len(words) == 1
                and len(folded) >= MIN_COMPOUND_HEAD
            )
            if compoundable or (language == "da" and inflectable and len(words) == 1):
                modifiers.setdefault(
                    folded,
                    _Pattern(entry, last, None, inflectable, compoundable, stoplisted, inverse),
                )
            forms: list[tuple[str, frozenset[str] | None]] = [(folded, None)]
            if inflectable:
                head = folded[: len(folded) - len(last)]
                forms += [(head + stem, req) for stem, req in stem_variants(last, language)]
            for form, required in forms:
                key = form if compoundable else " " + form
                keys.setdefault(key, []).append(
                    _Pattern(entry, last, required, inflectable, compoundable, stoplisted, inverse)
                )
                anchored[key] = not compoundable
        automaton = ahocorasick.Automaton()
        cue_keys = {f" {cue} ": kind for cue, kind in cues.items()}
        for key, patterns in keys.items():
            length = len(key) - 1 if anchored[key] else len(key)
            # For the common case, a hit that is a whole word (no ending, no
            # compound), the candidate's patterns are precomputed.
            whole = tuple(_distinct_concepts(p for p in patterns if p.required is None))
            whole_has_stop = any(p.stoplisted for p in whole)
            flexible = any(p.inflectable or p.required is not None for p in patterns)
            if anchored[key] and not flexible and key + " " not in cue_keys:
                # A term that only ever matches whole words is stored with the
                # space after it, so the automaton does not report it inside
                # longer words (a third of all hits otherwise).
                automaton.add_word(key + " ", (_WHOLE_WORD, length, length, whole, whole_has_stop))
                continue
            # The second item takes a hit's end back to the start of the term.
            automaton.add_word(
                key,
                (
                    _TERM,
                    len(key) - 1 - anchored[key],
                    anchored[key],
                    length,
                    tuple(patterns),
                    whole,
                    flexible,
                    whole_has_stop,
                    {},
                ),
            )
        for key, kind in cue_keys.items():
            automaton.add_word(key, (_CUE, len(key), kind))
        if len(automaton):
            automaton.make_automaton()
        self._automaton = automaton if len(automaton) else None
        self._modifiers = modifiers
        self._max_key = max(map(len, keys), default=0)
        self.n_terms = n_terms

    def __repr__(self) -> str:
        return (
            f"Matcher(language={self.language!r}, terms={self.n_terms}, lexicon={self.version!r})"
        )

    def find(self, text: str) -> list[Mention]:
        """All concept mentions in a normalised note, left to right.

        Parameters
        ----------
        text : str
            The note after :func:`evalkit.text.normalize_text`; offsets refer
            to it.

        Returns
        -------
        list of Mention
            Sorted by ``start``. Spans do not overlap, except that a surface
            form listed under several concepts (a combination product) gives
            one mention per concept with the same span.
        """
        automaton = self._automaton
        if not text or automaton is None:
            return []
        folded, offsets = _fold_with_offsets(text)
        joined, word_starts, folded_starts = _split_words(folded)
        if not word_starts:
            return []
        # The words themselves are needed only by stoplisted terms and cues.
        words: list[str] | None = None
        language = self.language

        # A candidate is (rank, start, end, patterns, head start, has stoplisted
        # pattern). The rank orders candidates as the longest span first, then
        # the longer lexicon term, then the leftmost, in one integer.
        candidates: list[tuple[int, int, int, tuple[_Pattern, ...], int, bool]] = []
        cues: list[tuple[int, int, str]] = []
        width = len(joined) + 1
        depth = self._max_key + 1
        for end, value in automaton.iter(joined):
            kind = value[0]
            if kind == _WHOLE_WORD:
                start = end - value[1]
                candidates.append(
                    (
                        ((start - end) * depth - value[2]) * width + start,
                        start,
                        end,
                        value[3],
                        start,
                        value[4],
                    )
                )
            elif kind:
                start = end - value[1]
                stop = end + 1
                if joined[stop] == " " and (value[2] or joined[start - 1] == " "):
                    if value[5]:
                        candidates.append(
                            (
                                ((start - stop) * depth - value[3]) * width + start,
                                start,
                                stop,
                                value[5],
                                start,
                                value[7],
                            )
                        )
                    continue
                if not value[6]:
                    continue
                compound = joined[start - 1] != " "
                if compound:
                    word_start = joined.rfind(" ", 0, start) + 1
                    if start - word_start < MIN_COMPOUND_MODIFIER:
                        continue
                else:
                    word_start = start
                if joined[stop] == " ":
                    word_end, rest = stop, ""
                else:
                    word_end = joined.find(" ", stop)
                    rest = joined[stop:word_end]
                # Which patterns accept the rest of the word depends only on the
                # key and the rest (an unanchored key holds only compoundable
                # patterns), so the answer is kept per key.
                by_rest = value[8]
                accepted = by_rest.get(rest, _UNSEEN)
                if accepted is _UNSEEN:
                    accepted = _accepting(value[4], rest, compound, language)
                    if len(by_rest) < _MAX_ENDINGS_KEPT:
                        by_rest[rest] = accepted
                if accepted is not None:
                    candidates.append(
                        (
                            ((word_start - word_end) * depth - value[3]) * width + word_start,
                            word_start,
                            word_end,
                            accepted[0],
                            start,
                            accepted[1],
                        )
                    )
            else:
                cues.append((end - value[1] + 2, end, value[2]))
        if not candidates:
            return []

        def word_index(pos: int) -> int:
            return bisect_right(word_starts, pos) - 1

        def to_folded(pos: int) -> int:
            i = bisect_right(word_starts, pos) - 1
            return folded_starts[i] + pos - word_starts[i]

        def spans_of(items: list[tuple[int, int, Any]]) -> list[tuple[int, int, int, int]]:
            # Joined-text spans to folded-text (start, end, first word, end
            # word), the fields of Span, as plain tuples.
            spans = []
            for item in items:
                start = item[0]
                last = item[1] - 1
                first = bisect_right(word_starts, start) - 1
                final = bisect_right(word_starts, last, first) - 1
                spans.append(
                    (
                        folded_starts[first] + start - word_starts[first],
                        folded_starts[final] + last - word_starts[final] + 1,
                        first,
                        final + 1,
                    )
                )
            return spans

        taken = bytearray(len(joined))
        chosen: list[tuple[int, int, tuple[_Pattern, ...]]] = []
        rejected: set[int] = set()
        for candidate in sorted(candidates, key=_first):
            _, start, end, patterns, head_start, has_stop = candidate
            if taken.find(1, start, end) >= 0:
                rejected.add(id(candidate))
                continue
            if has_stop:
                if words is None:
                    words = joined[1:-1].split(" ")
                patterns = tuple(
                    p
                    for p in patterns
                    if not p.stoplisted
                    or self._stop_ok(
                        text,
                        offsets,
                        to_folded(start),
                        to_folded(end - 1) + 1,
                        p,
                        words,
                        word_index(end - 1),
                    )
                )
                if not patterns:
                    rejected.add(id(candidate))
                    continue
            taken[start:end] = b"\x01" * (end - start)
            if head_start > start:
                modifier = self._compound_modifier(joined[start:head_start])
                if modifier is not None:
                    chosen.append((start, head_start, (modifier,)))
                    start = head_start
            chosen.append((start, end, patterns))
        chosen.sort(key=_first)
        # Candidates that were kept cannot be nested in another kept one.
        parts = (
            self._nested_concepts(chosen, [c for c in candidates if id(c) in rejected], joined)
            if len(candidates) > len(chosen)
            else None
        )

        spans = spans_of(chosen)
        flags = None
        if cues:
            kept = []
            if len(cues) > 1:
                taken_cues = bytearray(len(joined))
                for cue in sorted(cues, key=lambda c: (c[0] - c[1], c[0])):
                    start, end, kind = cue
                    if taken_cues.find(1, start, end) >= 0:
                        continue
                    taken_cues[start:end] = b"\x01" * (end - start)
                    if kind != "pseudo":
                        kept.append(cue)
            elif cues[0][2] != "pseudo":
                kept = cues
            if any(kind != "terminator" for _, _, kind in kept):
                boundaries = _boundaries(folded)
                pre: list[tuple[int, int, int, int]] = []
                post: list[tuple[int, int, int, int]] = []
                for span, (_, _, kind) in zip(spans_of(kept), kept, strict=True):
                    if kind == "terminator":
                        boundaries.append(span[0])
                    else:
                        (pre if kind == "pre" else post).append(span)
                boundaries.sort()
                if words is None:
                    words = joined[1:-1].split(" ")
                trailing = _trailing_cues(folded, pre, spans, language)
                if "," in folded:
                    # "ryger ikke, alkohol …": a pre cue right before a comma
                    # closes its clause ("ikke" after the verb it negates)
                    pre = [c for c in pre if folded[c[1] : c[1] + 1] != ","]
                adjacent = _adjacent_cues(language)
                if adjacent:
                    # "non smoker" negates the smoker; "non-healing ulcer" not the ulcer
                    firsts = {sp[2] for sp in spans}
                    pre = [c for c in pre if folded[c[0] : c[1]] not in adjacent or c[3] in firsts]
                colons = [m.start() for m in _COLON.finditer(folded)] if ":" in folded else None
                commas = _positions(folded, ",") if post else None
                flags = negated_flags(
                    spans,
                    pre,
                    post,
                    boundaries,
                    words,
                    language,
                    pre_boundaries=colons,
                    commas=commas,
                )
                for i in trailing:
                    flags[i] = True

        # Mentions are built through the slot setters (see _MENTION_SETTERS).
        set_start, set_end, set_text, set_concept, set_category, set_negated, set_parts = (
            _MENTION_SETTERS
        )
        new = _new_object
        mentions: list[Mention] = []
        append = mentions.append
        if flags is None:
            flags = [False] * len(spans)
        if parts is None:
            parts = [()] * len(spans)
        for span, item, negated, nested in zip(spans, chosen, flags, parts, strict=True):
            if offsets is None:
                start, end = span[0], span[1]
            else:
                start, end = offsets[span[0]], offsets[span[1] - 1] + 1
            surface = text[start:end]
            for pattern in item[2]:
                mention = new(Mention)
                set_start(mention, start)
                set_end(mention, end)
                set_text(mention, surface)
                set_concept(mention, pattern.concept_id)
                set_category(mention, pattern.category)
                set_negated(mention, negated or pattern.inverse)
                set_parts(mention, nested)
                append(mention)
        return mentions

    def _nested_concepts(
        self,
        chosen: list[tuple[int, int, tuple[_Pattern, ...]]],
        candidates: list[tuple[int, int, int, tuple[_Pattern, ...], int, bool]],
        joined: str,
    ) -> list[tuple[str, ...]]:
        # Concepts of the shorter terms inside each kept mention ("penicillin"
        # and "allergy" in "penicillin allergy"), used to compare notes by parts.
        starts = [c[0] for c in chosen]
        nested: dict[int, dict[str, None]] = {}
        for _, start, end, patterns, head_start, _ in candidates:
            k = bisect_right(starts, start) - 1
            if k < 0 or chosen[k][1] < end or patterns is chosen[k][2]:
                continue
            found = nested.setdefault(k, {})
            for p in patterns:
                if not p.stoplisted:
                    found[p.entry.concept_id] = None
            if head_start > start:
                modifier = self._compound_modifier(joined[start:head_start])
                if modifier is not None:
                    found[modifier.entry.concept_id] = None
        result: list[tuple[str, ...]] = [()] * len(chosen)
        for k, found in nested.items():
            for p in chosen[k][2]:
                found.pop(p.entry.concept_id, None)
            result[k] = tuple(found)
        return result

    def _compound_modifier(self, modifier: str) -> _Pattern | None:
        # The first part of a compound, with or without a linking -s/-e
        # (lænde|smerter, penicillin|allergi, nyre|sten).
        found = self._modifiers.get(modifier)
        if found is None and modifier[-1:] in ("s", "e"):
            found = self._modifiers.get(modifier[:-1])
        return found

    @staticmethod
    def _stop_ok(
        text: str,
        offsets: list[int] | None,
        f_start: int,
        f_end: int,
        pattern: _Pattern,
        words: list[str],
        last_word_index: int,
    ) -> bool:
        # Stoplisted terms: exact lexicon spelling, and lower-case ones only
        # before a number (vital-sign context such as "p 72").
        if offsets is not None:
            f_start, f_end = offsets[f_start], offsets[f_end - 1] + 1
        term = pattern.entry.term
        if text[f_start:f_end] != term:
            return False
        if any(c.isupper() for c in term):
            return True
        following = words[last_word_index + 1] if last_word_index + 1 < len(words) else ""
        return following[:1].isdigit()


ABSENCES_PATH = Path(__file__).resolve().parent / "data" / "absences.toml"


@functools.lru_cache(maxsize=1)
def absences() -> dict[str, str]:
    """The table of ``data/absences.toml``: concept → the concept it is the absence of."""
    with ABSENCES_PATH.open("rb") as f:
        table = tomllib.load(f).get("absence_of", {})
    for key, value in table.items():
        if not (isinstance(value, str) and ":" in key and ":" in value):
            raise ValueError(
                f"{ABSENCES_PATH}: [absence_of] {key!r} = {value!r} must map one concept id "
                "to another (kind:name = kind:name)"
            )
    return dict(table)


def _inverse_base(concept_id: str, concepts: set[str]) -> str | None:
    """The concept ``concept_id`` names the absence of, if the lexicon has it.

    From the table of ``data/absences.toml`` ("afebril" is no fever), or by
    name: ``<kind>:no_<name>`` is the absence of ``<kind>:<name>``. "uøm" and
    "non-tender" (``find:no_tenderness``) then compare equal to "ikke øm" and
    "not tender" (``find:tenderness``, negated).

    Examples
    --------
    >>> _inverse_base("find:no_tenderness", {"find:tenderness"})
    'find:tenderness'
    >>> _inverse_base("find:afebrile", {"sym:fever"})
    'sym:fever'
    >>> _inverse_base("find:no_abnormality", {"find:tenderness"}) is None
    True
    """
    listed = absences().get(concept_id)
    if listed is not None:
        return listed if listed in concepts else None
    kind, sep, name = concept_id.partition(":")
    if not sep or not name.startswith("no_"):
        return None
    base = f"{kind}:{name[3:]}"
    return base if base in concepts else None


def _is_negated_form(folded: str, pre_cues: tuple[str, ...], known: set[str]) -> bool:
    # "no fever" when "fever" is also a term: polarity belongs to the mention.
    # "ikke-steroid antiinflammatorisk" stays, since its rest is no term.
    for cue in pre_cues:
        if folded.startswith(cue) and folded[len(cue) :] in known:
            return True
    return False


def _accepting(
    patterns: tuple[_Pattern, ...], rest: str, compound: bool, language: str
) -> tuple[tuple[_Pattern, ...], bool] | None:
    # The patterns of a key that accept ``rest`` (the rest of the word after
    # the key), one per concept, and whether one of them is stoplisted.
    valid: list[_Pattern] = []
    seen: set[str] = set()
    has_stop = False
    for pattern in patterns:
        if compound and not pattern.compoundable:
            continue
        if pattern.required is not None:
            if rest not in pattern.required:
                continue
        elif rest and not (
            pattern.inflectable and accepts_ending(pattern.last_word, rest, language)
        ):
            continue
        if pattern.concept_id not in seen:
            seen.add(pattern.concept_id)
            valid.append(pattern)
            has_stop = has_stop or pattern.stoplisted
    return (tuple(valid), has_stop) if valid else None


def _distinct_concepts(patterns: Iterable[_Pattern]) -> list[_Pattern]:
    seen: dict[str, _Pattern] = {}
    for p in patterns:
        seen.setdefault(p.entry.concept_id, p)
    return list(seen.values())


_LATIN1_SPACED = bytes(c if chr(c).isalnum() else 32 for c in range(256))
_NON_LATIN1 = re.compile(r"[^\x00-\xff]")


def _split_words(folded: str) -> tuple[str, list[int], list[int]]:
    # Words are runs of letters and digits of the Basic Multilingual Plane.
    # Returns the words joined by single spaces with a space at each end and
    # the start of each word in the joined text and in the folded text. Most
    # notes are Latin-1: one bytes.translate turns every non-word character
    # into a space, where a loop over the characters would take far longer.
    # Other text goes through Latin-1 with "?" for the rest, and the letters
    # and digits among the rest are put back.
    try:
        spaced = folded.encode("latin-1").translate(_LATIN1_SPACED)
    except UnicodeEncodeError:
        text = folded.encode("latin-1", "replace").translate(_LATIN1_SPACED).decode("latin-1")
        pieces = []
        last = 0
        for match in _NON_LATIN1.finditer(folded):
            char = match.group()
            if char.isalnum() and char <= "\uffff":
                i = match.start()
                pieces.append(text[last:i])
                pieces.append(char)
                last = i + 1
        if pieces:
            pieces.append(text[last:])
            text = "".join(pieces)
        spaced = text.encode("latin-1", "replace")
        joined = " " + " ".join(text.split()) + " "
        joined_bytes = joined.encode("latin-1", "replace")
    else:
        joined_bytes = b" " + b" ".join(spaced.split()) + b" "
        joined = joined_bytes.decode("latin-1")
    if len(joined_bytes) == 2:
        return joined, [], []
    word_starts = np.flatnonzero(np.frombuffer(joined_bytes, dtype=np.uint8)[:-1] == 32) + 1
    is_word = np.frombuffer(spaced, dtype=np.uint8) != 32
    folded_starts = (np.flatnonzero(is_word[1:] > is_word[:-1]) + 1).tolist()
    if len(is_word) and is_word[0]:
        folded_starts.insert(0, 0)
    return joined, word_starts.tolist(), folded_starts


def _trailing_cues(
    folded: str, pre: list[tuple[int, int, int, int]], spans: list, language: str
) -> list[int]:
    """Mentions negated by a cue word right after them that ends the clause.

    Danish puts "ikke" after the verb it negates: "Ryger ikke.", "Hoster ikke,
    feber ikke målt". Such a cue (one of the language's ``after_words`` that is
    also a pre cue), directly after a mention and followed by punctuation or
    the end of the text, negates that one mention, not a list before it ("Har
    feber og hoster ikke" negates only the cough).
    """
    after = _after_words(language)
    if not after or not pre:
        return []
    by_end = {sp[3]: i for i, sp in enumerate(spans)}
    out = []
    for cue in pre:
        i = by_end.get(cue[2])
        if i is None or folded[cue[0] : cue[1]] not in after:
            continue
        rest = folded[cue[1] : cue[1] + 2].lstrip(" ")
        if not rest or rest[0] in CLAUSE_END:
            out.append(i)
    return out


def _after_words(language: str) -> frozenset[str]:
    """Cue words that negate the word before them ("hoster ikke"; ``lexicon/cues.py``)."""
    return _negation_words(language, "after_words")


def _adjacent_cues(language: str) -> frozenset[str]:
    """Pre cues that negate only a mention right after them (see ``lexicon/cues.py``)."""
    return _negation_words(language, "adjacent")


@functools.lru_cache(maxsize=16)
def _negation_words(language: str, name: str) -> frozenset[str]:
    """One word list of the language's ``[negation]`` cues (empty without a cue file)."""
    from evalkit.lexicon.cues import CUE_LANGUAGES, language_cues

    if language not in CUE_LANGUAGES:
        return frozenset()
    return getattr(language_cues(language).negation, name)


def _positions(text: str, char: str) -> list[int]:
    """The offsets of ``char`` in ``text``, left to right.

    Examples
    --------
    >>> _positions("a, b, c", ",")
    [1, 4]
    """
    out: list[int] = []
    pos = text.find(char)
    while pos != -1:
        out.append(pos)
        pos = text.find(char, pos + 1)
    return out


def _boundaries(folded: str) -> list[int]:
    # Scope boundaries: ".", "!" or "?" before a non-word character or the end
    # (so not the points in "38.5" or "u.a"), ";" and line breaks. Latin-1
    # text is coded one byte per character (B boundary, P point, w word) and
    # scanned with numpy; a regular expression does the rest.
    try:
        coded = np.frombuffer(folded.encode("latin-1").translate(_BOUNDARY_CODES), dtype=np.uint8)
    except UnicodeEncodeError:
        return [match.start() for match in _BOUNDARY.finditer(folded)]
    point = coded == 80
    point[:-1] &= coded[1:] != 119
    return np.flatnonzero(point | (coded == 66)).tolist()


def _fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    # Fast path: case folding kept every character in place, so offsets are
    # the identity (``None``). Otherwise fold per character and keep a map.
    folded = text.casefold()
    if len(folded) == len(text) and (text.isascii() or unicodedata.is_normalized("NFKC", text)):
        return folded, None
    # Fold one by one only the characters whose fold differs from their lower
    # case ("µ" to "μ", "ß" to "ss", "½" to "1⁄2"); the rest fold in place.
    pieces = []
    grown: list[tuple[int, int]] = []
    last = 0
    for match in _OWN_FOLD.finditer(text):
        i = match.start()
        piece = unicodedata.normalize("NFKC", match.group()).casefold()
        pieces.append(text[last:i].lower())
        pieces.append(piece)
        if len(piece) != 1:
            grown.append((i, len(piece)))
        last = i + 1
    pieces.append(text[last:].lower())
    if not grown:
        return "".join(pieces), None
    offsets: list[int] = []
    last = 0
    for i, length in grown:
        offsets.extend(range(last, i))
        offsets.extend([i] * length)
        last = i + 1
    offsets.extend(range(last, len(text)))
    return "".join(pieces), offsets


def get_matcher(language: str, extra: tuple[str, ...] = ()) -> Matcher:
    """The shipped lexicon's matcher for a language, built once and cached.

    Parameters
    ----------
    language : {"da", "en"}
        Language of the notes.
    extra : tuple of str
        Paths of user lexicon files added to the shipped one.

    Examples
    --------
    >>> get_matcher("da") is get_matcher("da", ())
    True
    """
    # one cache key per (language, files), however the files were passed
    return _shipped_matcher(language, tuple(extra))


@functools.lru_cache(maxsize=16)
def _shipped_matcher(language: str, extra: tuple[str, ...]) -> Matcher:
    return Matcher(load_lexicon(language, extra=extra), language=language)


MATCHERS_OPTION = "matchers"
"""The ``options`` key of the batch's :class:`Matchers` (the engine adds it per chunk)."""


class Matchers:
    """The lexicon matchers of one batch: the shipped lexicon plus user files, per language.

    The engine builds one per chunk of rows (``options["matchers"]``, see
    :func:`evalkit.engine.local.score_chunk`) and the metric families read
    their matcher from it, so the terms and hallucination families match a
    note with the same object. A matcher is built on the first
    :meth:`get` of its language (the shipped lexicon's are built once per
    process, see :func:`get_matcher`). Pickled (sent to a worker process),
    it keeps only the file paths and rebuilds its matchers there.

    Parameters
    ----------
    lexicon_files : iterable of path-like
        User lexicon files added to the shipped lexicon (``--lexicon``).

    Examples
    --------
    >>> matchers = Matchers()
    >>> matchers.get("da") is matchers.get("da"), matchers.get("en").language
    (True, 'en')
    >>> matchers.get("sv")
    Traceback (most recent call last):
    ...
    ValueError: Matchers.get(language) 'sv' is not supported; use one of da, en
    """

    def __init__(self, lexicon_files: Iterable[str | Path] = ()) -> None:
        self.lexicon_files = tuple(str(f) for f in lexicon_files)
        self._built: dict[str, Matcher] = {}

    def __repr__(self) -> str:
        return f"Matchers(lexicon_files={self.lexicon_files!r}, built={sorted(self._built)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Matchers, (self.lexicon_files,))

    def get(self, language: str) -> Matcher:
        """The matcher of ``language``, built on first use."""
        found = self._built.get(language)
        if found is None:
            check_language(language, what="Matchers.get(language)")
            found = self._built[language] = get_matcher(language, self.lexicon_files)
        return found


def batch_matcher(options: Mapping[str, Any], language: str) -> Matcher:
    """The matcher of ``language`` for a metric family: from ``options["matchers"]``.

    Without that option (a metric function called directly, as in a
    notebook) the shipped lexicon's matcher is used, plus the user lexicon
    files of ``options["lexicon_files"]``, as the engine would build it.

    Examples
    --------
    >>> matchers = Matchers()
    >>> batch_matcher({"matchers": matchers}, "en") is matchers.get("en")
    True
    >>> batch_matcher({}, "da") is get_matcher("da")
    True
    >>> batch_matcher({"matchers": "da"}, "da")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: options['matchers'] must be an evalkit Matchers, got str; ...
    """
    matchers = options.get(MATCHERS_OPTION)
    if matchers is None:
        check_language(language, what="the matcher's language")
        return get_matcher(language, tuple(str(f) for f in options.get("lexicon_files") or ()))
    if not isinstance(matchers, Matchers):
        raise TypeError(
            f"options[{MATCHERS_OPTION!r}] must be an evalkit Matchers, got "
            f"{type(matchers).__name__}; leave it out to use the shipped lexicon"
        )
    return matchers.get(language)


_LEXICON_MATCHERS: dict[tuple[int, str], tuple[Lexicon, Matcher]] = {}
_LEXICON_MATCHERS_MAX = 32


def lexicon_matcher(lexicon: Lexicon, language: str) -> Matcher:
    """A matcher over a caller's own lexicon, built once per lexicon object and language.

    The families that read the lexicon ask for it with the same object, so
    they get the same matcher and can share its mentions (``previous``).
    At most 32 are kept; a full cache is emptied, never grown.

    Examples
    --------
    >>> from evalkit.lexicon.model import Lexicon, LexiconEntry
    >>> lex = Lexicon([LexiconEntry("fever", "sym:fever", "symptom", "en", "demo")])
    >>> lexicon_matcher(lex, "en") is lexicon_matcher(lex, "en")
    True
    >>> lexicon_matcher("fever", "en")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: option 'lexicon' must be an evalkit Lexicon, got str; ...
    """
    if not isinstance(lexicon, Lexicon):
        raise TypeError(
            f"option 'lexicon' must be an evalkit Lexicon, got {type(lexicon).__name__}; "
            "build one with evalkit.lexicon.load_lexicon, or pass lexicon_files instead"
        )
    check_language(language, what="the matcher's language")
    key = (id(lexicon), language)
    cached = _LEXICON_MATCHERS.get(key)
    if cached is None or cached[0] is not lexicon:
        if len(_LEXICON_MATCHERS) >= _LEXICON_MATCHERS_MAX:
            _LEXICON_MATCHERS.clear()
        cached = (lexicon, Matcher(lexicon, language=language))
        _LEXICON_MATCHERS[key] = cached
    return cached[1]


def resolve_matcher(options: Mapping[str, Any], language: str) -> Matcher:
    """The matcher a metric family uses for ``language``; the one rule every family follows.

    In order: the caller's ``options["matcher"]`` (for another language, a
    matcher over its lexicon), then a matcher over ``options["lexicon"]``
    (:func:`lexicon_matcher`), then the batch's (:func:`batch_matcher`).
    Families that follow it get the same object for the same options, so the
    mentions one family found can be reused by the next.

    Examples
    --------
    >>> from evalkit.lexicon.model import Lexicon, LexiconEntry
    >>> lex = Lexicon([LexiconEntry("fever", "sym:fever", "symptom", "en", "demo")])
    >>> resolve_matcher({"lexicon": lex}, "en") is lexicon_matcher(lex, "en")
    True
    >>> resolve_matcher({}, "da") is get_matcher("da")
    True
    >>> resolve_matcher({"matcher": "da"}, "da")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: option 'matcher' must be an evalkit Matcher, got str
    """
    matcher = options.get("matcher")
    if matcher is not None:
        if not isinstance(matcher, Matcher):
            raise TypeError(
                f"option 'matcher' must be an evalkit Matcher, got {type(matcher).__name__}"
            )
        if matcher.language == language:
            return matcher
        return lexicon_matcher(matcher.lexicon, language)
    lexicon = options.get("lexicon")
    if lexicon is not None:
        return lexicon_matcher(lexicon, language)
    return batch_matcher(options, language)


@dataclass(frozen=True, slots=True)
class Matched:
    """The mentions a matcher found in one text, for a later step to reuse.

    The terms family keeps the final note's and the draft's
    (``TermScore.matched``); the hallucination family, which runs after it,
    reads them through ``previous`` instead of matching the same texts
    again. :meth:`mentions_of` gives them only for the same matcher and the
    same text, so a reader gets what ``matcher.find(text)`` would give.

    Examples
    --------
    >>> m = get_matcher("da")
    >>> seen = Matched(m, "Ingen feber.", tuple(m.find("Ingen feber.")))
    >>> seen.mentions_of(m, "Ingen feber.") == m.find("Ingen feber.")
    True
    >>> seen.mentions_of(m, "Feber."), seen.mentions_of(get_matcher("en"), "Ingen feber.")
    (None, None)
    """

    matcher: Matcher
    text: str
    mentions: tuple[Mention, ...]

    def mentions_of(self, matcher: object, text: str) -> list[Mention] | None:
        """``matcher.find(text)`` if this is what was matched, else ``None``."""
        if matcher is not self.matcher or text != self.text:
            return None
        return list(self.mentions)


def find_terms(
    text: str, *, language: str = DEFAULT_LANGUAGE, lexicon: Lexicon | None = None
) -> list[Mention]:
    """Normalise a note and return its term mentions.

    A convenience for notebooks; for many notes build one :class:`Matcher`
    (or use :func:`get_matcher`) and call :meth:`Matcher.find`.

    Examples
    --------
    >>> from evalkit.lexicon.model import Lexicon, LexiconEntry
    >>> lex = Lexicon([LexiconEntry("fever", "sym:fever", "symptom", "en", "demo")])
    >>> [(m.text, m.negated) for m in find_terms("Denies fevers.", language="en", lexicon=lex)]
    [('fevers', True)]
    """
    matcher = get_matcher(language) if lexicon is None else Matcher(lexicon, language=language)
    return matcher.find(normalize_text(text))


def mentions_as_dicts(mentions: list[Mention]) -> list[dict[str, Any]]:
    """Mentions as plain dicts ``{term, concept_id, category, start, end, negated}``.

    Examples
    --------
    >>> mentions_as_dicts([Mention(0, 5, "feber", "sym:fever", "symptom", False)])
    [{'term': 'feber', 'concept_id': 'sym:fever', 'category': 'symptom',
      'start': 0, 'end': 5, 'negated': False}]
    """
    return [
        {
            "term": m.text,
            "concept_id": m.concept_id,
            "category": m.category,
            "start": m.start,
            "end": m.end,
            "negated": m.negated,
        }
        for m in mentions
    ]
