"""Medical terms beyond the lexicon, and when two forms of a term are the same concept.

The lexicon matcher (:mod:`evalkit.lexicon.matcher`) finds the terms it
lists. :class:`OpenVocabulary` finds more in the words it left, by rules that
need no list of the terms themselves:

* **Latin anatomy**: an abbreviation or Latin name of a structure followed by
  Latin words (``m. supraspinatus``, ``lig. collaterale mediale``,
  ``nervus ulnaris``), category ``anatomy``, source ``latin``;
* **vertebral levels and dermatomes** (``C6``, ``Th10``, ``L5-S1``),
  ``anatomy``, source ``level``;
* **Danish compounds**: a word that splits into a modifier and a known head
  (a single-word lexicon term, or one of the clinical heads of
  :data:`CLINICAL_HEADS`) is a term of the head's category, source
  ``compound``; a word that splits into two common words is a plain word;
* **clinical word endings** (``-itis``, ``-ectomy``/``-ektomi``,
  ``-scopy``/``-skopi``, ``-algia``/``-algi``, ...), source ``suffix``;
* **rare content words**: a word of at least :data:`MIN_RARE_LENGTH` letters
  whose stem is not among the common words of the language (``wordfreq``
  frequencies at or above :data:`COMMON_ZIPF`) and that is no participle or
  adverb (:data:`NON_TERM_ENDINGS`), category ``other``, source
  ``frequency``; a word with a derivational ending (:data:`DERIVED_ENDINGS`:
  ``ambulation``, ``laxity``) is judged by its own frequency, since its stem
  is often common. Capitalised words inside a sentence (names) are left out;
* **initialisms**: two to five capitals, perhaps with a plural ``s``
  (``ACL``, ``DTRs``), not a common word and not on a heading line,
  category ``other``, source ``initialism``.

Concept equivalence (:meth:`OpenVocabulary.present`) decides whether the
draft holds a term in another form: the same word stems (inflection, verb
and noun forms that share a stem), a synonym of the curated table
``data/synonyms.txt`` (lay and clinical forms, abbreviations), the Latin
abbreviation against the full word (``m.`` and ``musculus``), and a compound
against its parts (``meniskruptur`` and ``ruptur af menisken``), and an
initialism against the words it spells, either way round (``ROM`` and
``range of motion``, ``DTRs`` and ``deep tendon reflexes``).

Everything that depends only on the language (common words, heads, the
synonym table) is built once per process; what depends on the notes
(decisions per distinct word, stems) lives in a :class:`OpenVocabulary` that
the terms family builds once per batch.
"""

from __future__ import annotations

import csv
import functools
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import snowballstemmer

from evalkit.lexicon.loaders import DATA_DIR
from evalkit.lexicon.model import Lexicon
from evalkit.schema import check_language
from evalkit.text.initialisms import find_spelled, initialism_letters

COMMON_ZIPF = 3.0
"""Zipf frequency (log10 of uses per billion words) at or above which a word is common."""

MIN_RARE_LENGTH = 5
"""Fewest letters of a word the frequency fallback reports."""

MIN_PART = 3
"""Fewest letters of each part when a Danish compound is split."""

MIN_HEAD = 4
"""Fewest letters of the head (last part) of a Danish compound."""

PHRASE_SLACK = 3
"""Extra draft words allowed between the words of a multi-word term that is still present."""

MIN_SPELLED = 3
"""Fewest letters of an initialism that stands for the words it spells (two match by chance)."""

SPELLED_REACH = 80
"""Characters either side of a term searched for the words of a draft initialism."""

INITIALISM_COMMON_ZIPF = 4.5
"""Zipf frequency at or above which an all-capital word is an ordinary word (``OK``, ``AM``).

Higher than :data:`COMMON_ZIPF`: ``wordfreq`` folds case, so clinical
initialisms (``ACL`` 3.4, ``CBC`` 3.5) are frequent as folded words.
"""

SYNONYMS_PATH = DATA_DIR / "synonyms.txt"
"""The curated synonym table (group, language, phrase)."""

LINKING_LETTERS = ("s", "e")
"""Danish linking letters between the parts of a compound (``lyske|smerter``)."""

CLINICAL_HEADS: dict[str, dict[str, str]] = {
    "da": {
        "smerte": "symptom",
        "smerter": "symptom",
        "pine": "symptom",
        "stivhed": "finding",
        "skyhed": "symptom",
        "anæstesi": "procedure",
        "undersøgelse": "procedure",
        "behandling": "procedure",
        "operation": "procedure",
        "monitorering": "procedure",
        "træning": "procedure",
        "skopi": "procedure",
        "fraktur": "diagnosis",
        "brud": "diagnosis",
        "betændelse": "diagnosis",
        "infektion": "diagnosis",
        "blødning": "finding",
        "refleks": "finding",
        "respons": "finding",
        "muskel": "anatomy",
        "muskler": "anatomy",
        "knogle": "anatomy",
        "led": "anatomy",
        "sene": "anatomy",
    },
    "en": {},
}
"""Clinical heads of Danish compounds and their category (besides lexicon terms)."""

OPEN_COMPOUND_HEADS: dict[str, dict[str, str]] = {
    "da": {},
    "en": {
        "training": "procedure", "therapy": "procedure", "exercises": "procedure",
        "injection": "procedure", "injections": "procedure", "repair": "procedure",
        "replacement": "procedure", "reconstruction": "procedure", "precautions": "procedure",
        "drainage": "procedure", "removal": "procedure", "block": "procedure",
        "infusion": "procedure", "panel": "lab", "culture": "lab", "collection": "lab",
        "studies": "lab",
        "fraction": "finding", "refill": "finding", "raise": "finding", "reflex": "finding",
        "reflexes": "finding", "sign": "finding", "murmur": "finding", "sounds": "finding",
        "tone": "finding", "test": "procedure", "tests": "procedure", "testing": "procedure",
        "maneuver": "procedure", "manoeuvre": "procedure", "screen": "procedure",
        "screening": "procedure", "diet": "procedure", "sense": "finding",
        "strength": "finding", "entry": "finding", "criteria": "procedure", "rules": "procedure",
        "score": "procedure",
    },
}  # fmt: skip
"""Heads of English open compounds (two words, ``gait training``) and the category they give.

English writes as two words what Danish writes as one (``gangtræning``):
the word in front makes the head specific, so the draft holds the term only
when the two stand together. Heads that add nothing to the word in front
(``cholesterol levels`` is ``cholesterol``, ``platelet count`` is
``platelets``) are not listed.
"""

CLINICAL_SUFFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "da": (
        ("ektomi", "procedure"),
        ("tomi", "procedure"),
        ("skopi", "procedure"),
        ("grafi", "procedure"),
        ("plastik", "procedure"),
        ("itis", "diagnosis"),
        ("algi", "symptom"),
        ("ose", "diagnosis"),
        ("emi", "finding"),
        ("pati", "diagnosis"),
    ),
    "en": (
        ("ectomy", "procedure"),
        ("otomy", "procedure"),
        ("oscopy", "procedure"),
        ("ography", "procedure"),
        ("ogram", "procedure"),
        ("plasty", "procedure"),
        ("itis", "diagnosis"),
        ("algia", "symptom"),
        ("osis", "diagnosis"),
        ("emia", "finding"),
        ("pathy", "diagnosis"),
        ("edema", "finding"),
    ),
}
"""Word endings that mark a clinical term, with the category they give."""

NON_TERM_ENDINGS = {"da": ("ende", "endes", "vis", "mæssig", "mæssigt"), "en": ("ly",)}
"""Endings of participles and adverbs (``recidiverende``, ``reportedly``): rare, but not terms."""

DERIVED_ENDINGS = {"da": (), "en": ("ation", "ition", "ity", "ment", "ing")}
"""Derivational endings: a word with one is judged by its own frequency, not by its stem's.

A noun or gerund made from a common stem is often a clinical term in its
own right (``ambulation``, ``urination``, ``laxity``, ``impingement``): the
stem (``ambul``, ``urin``, ``lax``) is common, the derived word is not.
"""

SPECIFIC_ZIPF: dict[str, float] = {"en": 4.0}
"""Zipf frequency below which a modifier in front of a term is specific (``seasonal``, ``lateral``).

Generic modifiers (``current``, ``other``, ``mild``, ``new``) are more
frequent; the severity and time words they include belong to the
hallucination checks, not to the list of missing terms. A language without
an entry has no specific modifiers: Danish writes them into compounds
(``sæsonallergi``), which the compound rule reads, and on the Danish
development cases the rule found nothing and raised one false alarm.
"""

MIN_MODIFIER_TERMS = 3
"""Fewest multi-word lexicon terms a word must modify to be a clinical modifier.

A specific word (rarer than :data:`SPECIFIC_ZIPF`) that the lexicon uses in
front of other words in at least this many terms (``anterior``, ``renal``,
``diabetic``) makes the word after it in a note a clinical term of its own
(``anterior drawer``, ``diabetic shoes``), whatever that word is.
"""

ADJECTIVE_ENDINGS = {
    "en": ("al", "ar", "ary", "ic", "ical", "ous", "ior", "ive", "oid", "ile", "ent", "eal"),
}
"""Endings of English adjectives (``renal``, ``lumbar``, ``diabetic``, ``venous``, ``anterior``).

A clinical modifier must have one: a noun the lexicon puts in front of
others (``acne``, ``asthma``) is a term itself, and what follows it in a
note is more often a verb or a preposition (``acne located``).
"""

MIN_REGISTER_TERMS = 10
"""Fewest lexicon terms that must use a word's stem for the word to be of the clinical register.

A word of the final note that is common enough for the frequency fallback
to pass over (Zipf ≥ :data:`COMMON_ZIPF`) but rarer than
:data:`SPECIFIC_ZIPF` is reported when the lexicon's terms use its stem this
often (``dysfunction``, ``irregular``, ``tender``) and the draft lacks it in
every form.
"""

PLAIN_PREFIXES = {"da": (), "en": ("re",)}
"""Prefixes that make a plain word of a common one (``reevaluate``, ``reschedule``)."""

FINDING_HEADS: dict[str, frozenset[str]] = {
    "da": frozenset(),
    "en": frozenset(
        (
            "tenderness", "swelling", "effusion", "weakness", "strength", "spasm",
            "spasms", "stiffness", "crepitus", "laxity", "deformity", "atrophy", "edema",
            "erythema", "pulses", "pulse", "reflexes", "reflex", "instability", "numbness",
            "injury", "injuries", "sensation", "ecchymosis", "bruising",
        )
    ),
}  # fmt: skip
"""Head nouns of an exam finding that an anatomical word in front of them makes specific.

An anatomy term followed by one of these (or by a lexicon finding or
symptom) is one finding (``calf tenderness``, ``knee effusion``): the draft
holds it only when the two stand together, not when it names the site in
one sentence and the finding in another. Danish writes such findings as
compounds (``knæhævelse``), which the compound rule handles.
"""

LATIN_PREFIXES = {
    "m": "musculus",
    "mm": "musculus",
    "musculus": "musculus",
    "musculi": "musculus",
    "n": "nervus",
    "nn": "nervus",
    "nervus": "nervus",
    "a": "arteria",
    "aa": "arteria",
    "arteria": "arteria",
    "v": "vena",
    "vv": "vena",
    "vena": "vena",
    "lig": "ligamentum",
    "ligg": "ligamentum",
    "ligamentum": "ligamentum",
    "proc": "processus",
    "processus": "processus",
    "tuberositas": "tuberositas",
    "epicondylus": "epicondylus",
}
"""Abbreviations and names that start a Latin anatomical term, to their full form."""

_LATIN_ENDINGS = (
    "us", "is", "um", "ae", "ii", "alis", "aris", "ior", "ius", "eus", "ale", "are",
    "ium", "ia", "ata", "osa", "ica", "ensis", "ans", "ens",
)  # fmt: skip
_LATIN = re.compile(
    r"\b(?P<prefix>(?:mm?|nn?|aa?|vv?|ligg?|proc)\.|(?:musculi|musculus|nervus|arteria|vena|"
    r"ligamentum|processus|tuberositas|epicondylus)\b)\s*"
    r"(?P<words>[a-zæøå]{3,}(?:\s+[a-zæøå]{3,}){0,2})",
    re.IGNORECASE,
)
_LEVEL = re.compile(
    r"\b(?:(?:dermatom(?:e|er|erne)?|niveau|level)\s+)?"
    r"(?:C[1-8]|Th?(?:1[0-2]|[1-9])|L[1-5]|S[1-5])"
    r"(?:\s*[-–/]\s*(?:C[1-8]|Th?(?:1[0-2]|[1-9])|L[1-5]|S[1-5]))?\b"
)
# Cheap first looks: the full patterns run only on notes where these match.
_LATIN_TRIGGERS = (
    " m.", " n.", " a.", " v.", " mm.", " lig.", "proc.", "muscul", "nervus",
    "arteria", "vena ", "ligament", "processus", "tuberositas", "epicondyl",
)  # fmt: skip
# The triggers that are a space, one word and a point (" m.", " lig.") and the
# word, and the others.
_LATIN_WORD_TRIGGERS = tuple(
    (t, t[1:-1]) for t in _LATIN_TRIGGERS if t[:1] == " " and t[-1:] == "." and t[1:-1].isalpha()
)
_LATIN_TEXT_TRIGGERS = tuple(t for t in _LATIN_TRIGGERS if (t, t[1:-1]) not in _LATIN_WORD_TRIGGERS)
_MAY_BE_LEVEL = re.compile(r"[CTLS]h?\d")
# Two to five capitals, perhaps a plural s, not inside a word or after a
# hyphen: the pattern starts with the capital (so the regex engine skips to
# candidate characters) and looks behind it for the character before.
_INITIALISM_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
_INITIALISM = re.compile(r"[A-ZÆØÅ](?<![\w-].)[A-ZÆØÅ]{1,4}s?(?![\w-])")
_WORD = re.compile(r"\w+")
_WORD_OR_BREAK = re.compile(r"\n|[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_LETTERS = re.compile(r"[^\W_]+")
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
_LEVEL_PART = re.compile(r"[A-Za-z]+\d+")
_STEMMERS = {"da": "danish", "en": "english"}


@dataclass(frozen=True, slots=True)
class OpenTerm:
    """A term found outside the lexicon.

    Attributes
    ----------
    start, end : int
        Offsets into the normalised note.
    text : str
        The surface text.
    category : str
        ``anatomy``, the head's or suffix's category, or ``other``.
    source : str
        The rule: ``latin``, ``level``, ``compound``, ``suffix`` or ``frequency``.
    key : tuple of str
        The folded words the draft must hold (in some form) for the term to be present.
    """

    start: int
    end: int
    text: str
    category: str
    source: str
    key: tuple[str, ...]

    @property
    def letters(self) -> str | None:
        """The letters the term spells when it is an initialism, else None."""
        return initialism_letters(self.text) if self.source == "initialism" else None

    def as_dict(self, negated: bool = False) -> dict[str, Any]:
        """The item shape of ``missing_terms``, with ``source``."""
        return {
            "term": self.text,
            "concept_id": "open:" + " ".join(self.key),
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "negated": negated,
            "source": self.source,
        }


@functools.lru_cache(maxsize=4)
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(_STEMMERS[check_language(language, what="stemmer language")])


@functools.lru_cache(maxsize=4)
def common_stems(language: str) -> frozenset[str]:
    """Stems of the words of ``language`` that are common in general text.

    From ``wordfreq``'s frequency table (shipped in its wheel, read offline):
    every word at or above :data:`COMMON_ZIPF`, folded and stemmed.

    Examples
    --------
    >>> "patient" in common_stems("en"), "papilledema" in common_stems("en")
    (True, False)
    """
    import wordfreq

    threshold = 10 ** (COMMON_ZIPF - 9)
    stem = _stemmer(language).stemWord
    table = wordfreq.get_frequency_dict(language)
    return frozenset(stem(w) for w, f in table.items() if f >= threshold and w.isalpha())


@functools.lru_cache(maxsize=4)
def common_words(language: str) -> frozenset[str]:
    """The words of ``language`` at or above :data:`COMMON_ZIPF`, as ``wordfreq`` spells them.

    Examples
    --------
    >>> "the" in common_words("en")
    True
    """
    import wordfreq

    threshold = 10 ** (COMMON_ZIPF - 9)
    return frozenset(w for w, f in wordfreq.get_frequency_dict(language).items() if f >= threshold)


@functools.lru_cache(maxsize=4)
def synonym_groups(language: str) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The synonym table of ``language``: stemmed phrase → group, group → phrases.

    Returns ``(phrase_group, group_phrases)`` with phrases as space-joined stems.

    Examples
    --------
    >>> by_phrase, by_group = synonym_groups("da")
    >>> by_phrase[stem_phrase("næseblod", "da")]
    'epistaxis'
    """
    phrase_group: dict[str, str] = {}
    group_phrases: dict[str, set[str]] = {}
    with SYNONYMS_PATH.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        header = next(rows)
        if header != ["group", "language", "phrase"]:
            raise ValueError(
                f"{SYNONYMS_PATH.name}: header must be group, language, phrase; found {header}"
            )
        for number, row in enumerate(rows, start=2):
            if len(row) != 3:
                raise ValueError(
                    f"{SYNONYMS_PATH.name} row {number}: expected 3 tab-separated fields, "
                    f"found {len(row)}"
                )
            group, lang, phrase = row
            if lang != language:
                continue
            stemmed = stem_phrase(phrase, language)
            phrase_group[stemmed] = group
            group_phrases.setdefault(group, set()).add(stemmed)
    return phrase_group, {g: frozenset(p) for g, p in group_phrases.items()}


def stem_phrase(phrase: str, language: str) -> str:
    """The folded words of ``phrase``, each stemmed, joined by single spaces.

    Examples
    --------
    >>> stem_phrase("Kastet op", "da") == stem_phrase("kaster op", "da")
    True
    """
    stem = _stemmer(language).stemWord
    return " ".join(stem(w) for w in _LETTERS.findall(phrase.casefold()))


class OpenVocabulary:
    """Open-vocabulary terms and concept equivalence for one language, built once per batch.

    Parameters
    ----------
    lexicon : Lexicon
        Its single-word terms of ``language`` serve as compound heads.
    language : {"da", "en"}

    Examples
    --------
    >>> from evalkit.lexicon.model import Lexicon, LexiconEntry
    >>> lex = Lexicon([LexiconEntry("smerte", "sym:pain", "symptom", "da", "demo")])
    >>> ov = OpenVocabulary(lex, language="da")
    >>> [(t.text, t.category, t.source) for t in ov.find("Ømhed over m. supraspinatus, L5-S1.")]
    [('m. supraspinatus', 'anatomy', 'latin'), ('L5-S1', 'anatomy', 'level')]
    >>> ov.present(("meniskruptur",), "Ruptur af menisken.")
    True
    """

    def __init__(self, lexicon: Lexicon, *, language: str) -> None:
        self.language = language
        self._stem = _stemmer(language).stemWord
        self._common = common_stems(language)
        self._common_words = common_words(language)
        heads: dict[str, str] = {}
        if language == "da":
            for entry in lexicon.entries:
                if entry.language == language and entry.term.isalpha() and len(entry.term) >= 4:
                    heads.setdefault(entry.term.casefold(), entry.category)
            heads.update(CLINICAL_HEADS.get(language, {}))
        self._heads = heads
        self._suffixes = CLINICAL_SUFFIXES.get(language, ())
        self._suffix_endings = tuple(suffix for suffix, _ in self._suffixes)
        self._phrase_group, self._group_phrases = synonym_groups(language)
        self._stems: dict[str, str] = {}
        self._decisions: dict[str, Any] = {}
        # The words find has decided are no term (a decision of None), kept
        # as a set too: one set difference then drops them from a note's
        # words, where a lookup per word in _decisions would be a loop.
        self._no_term: set[str] = set()
        modifiers, register_stems, lexicon_words = _lexicon_tables(lexicon, language)
        self.clinical_modifiers = dict(modifiers)
        # Everyday words that are lexicon findings only in an exam's words
        # (stoplisted: "tender", "pale"), for the predicative pair rule.
        stopped = lexicon.stoplist.get(language, frozenset())
        self.everyday_findings = frozenset(
            e.term
            for e in lexicon.entries
            if e.language == language
            and e.term in stopped
            and e.term.isalpha()
            and e.term.islower()
            and e.category in ("finding", "symptom")
        )
        self._register_stems, self._lexicon_words = register_stems, lexicon_words

    def stem(self, word: str) -> str:
        """The stem of a folded word, remembered for the batch."""
        found = self._stems.get(word)
        if found is None:
            found = self._stems[word] = self._stem(word)
        return found

    def find(
        self, text: str, covered: bytearray | None = None, *, note_words: DraftWords | None = None
    ) -> list[OpenTerm]:
        """Open-vocabulary terms of a normalised note, left to right.

        Parameters
        ----------
        text : str
            The normalised note.
        covered : bytearray, optional
            One byte per character of ``text``, non-zero where a lexicon term
            was found; those characters are not analysed again.
        note_words : DraftWords, optional
            :meth:`draft_stems` of ``text`` when already made: its
            initialisms and words are read from it rather than found again.
        """
        if not text:
            return []
        covered = covered if covered is not None else bytearray(len(text))
        found: list[OpenTerm] = []
        taken = bytearray(covered)
        if note_words is not None and note_words.source is not text:
            note_words = None
        # the note's words hold the folded text already (DraftWords.text)
        folded = text.casefold() if note_words is None else note_words.text
        # Most words are common in their exact form: one set difference drops them.
        # Without an underscore the words are the draft words' letter runs.
        if note_words is not None and "_" not in folded:
            text_words = note_words.words
        else:
            text_words = set(word_runs(folded))
        spaced = " " + folded
        latin = _LATIN.finditer(text) if _latin_triggered(spaced, text_words) else ()
        for m in latin:
            if taken.find(1, m.start(), m.end()) >= 0:
                continue
            words = m.group("words").split()
            latin_words = [w for w in words if w.casefold().endswith(_LATIN_ENDINGS)]
            if not latin_words or not words[0].casefold().endswith(_LATIN_ENDINGS):
                continue
            words = words[: next(i for i, w in enumerate(words + [""]) if w not in latin_words)]
            end = m.start("words")
            end = text.find(words[-1], end) + len(words[-1])
            found.append(self._latin(text, m.start(), end, m.group("prefix"), words))
            taken[m.start() : end] = b"\x01" * (end - m.start())
        levels = _LEVEL.finditer(text) if _MAY_BE_LEVEL.search(text) else ()
        for m in levels:
            if taken.find(1, m.start(), m.end()) < 0:
                levels = tuple(p.casefold() for p in _LEVEL_PART.findall(m.group()))
                found.append(OpenTerm(m.start(), m.end(), m.group(), "anatomy", "level", levels))
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        if note_words is None:
            initialisms = _initialism_matches(text)
        else:
            initialisms = note_words.initialism_matches
        for start, end, surface, letters in initialisms:
            if (
                letters is None
                or taken.find(1, start, end) >= 0
                or self._ordinary_capitals(surface)
                or is_label(text, start, end)
            ):
                continue
            found.append(OpenTerm(start, end, surface, "other", "initialism", (letters,)))
            taken[start:end] = b"\x01" * (end - start)
        # Words already decided to be no term go in the same way.
        candidates = text_words - self._common_words - self._no_term
        decisions = self._decisions
        free = _free_text(folded, taken)
        for word in candidates:
            decision = decisions.get(word, _UNSEEN)
            if decision is _UNSEEN:
                # too short, or not all letters: no term, whatever the word
                short = len(word) < MIN_RARE_LENGTH or not word.isalpha()
                decision = decisions[word] = None if short else self._decide_new(word)
                if decision is None:
                    self._no_term.add(word)
            if decision is None:
                continue
            at = _first_free_in(folded, free, word)
            if at < 0:
                continue
            category, source = decision
            if source == "frequency" and _inside_sentence_capital(text, at):
                continue
            end = at + len(word)
            found.append(OpenTerm(at, end, text[at:end], category, source, (word,)))
        # Words common enough for the frequency fallback to pass over, but
        # rarer than a specific modifier, whose stem the lexicon's terms use
        # again and again: the clinical register ("dysfunction", "irregular").
        if self._register_stems:
            for word in text_words & self._common_words:
                if not self._is_register(word):
                    continue
                at = _first_free_in(folded, free, word)
                if at < 0 or _inside_sentence_capital(text, at):
                    continue
                end = at + len(word)
                if is_label(text, at, end):
                    continue  # a heading or an inline label ("Respiratory: ...")
                found.append(OpenTerm(at, end, text[at:end], "other", "register", (word,)))
        found.sort(key=lambda t: t.start)
        return found

    def _is_register(self, word: str) -> bool:
        key = "\x03" + word
        found = self._decisions.get(key)
        if found is None:
            found = self._decisions[key] = (
                len(word) >= MIN_RARE_LENGTH
                and word.isalpha()
                and not word.endswith(NON_TERM_ENDINGS.get(self.language, ()))
                # an adjective alone names no term ("lateral", "respiratory");
                # in front of a word, the clinical modifier rule reads it
                and not word.endswith(ADJECTIVE_ENDINGS.get(self.language, ()) + ("ory",))
                and self.zipf(word) < SPECIFIC_ZIPF[self.language]
                and self.stem(word) in self._register_stems
                and any(form in self._lexicon_words for form in _singulars(word))
            )
        return bool(found)

    def is_specific(self, word: str) -> bool:
        """Whether a folded word is a specific modifier (rarer than :data:`SPECIFIC_ZIPF`).

        Participles and adverbs (:data:`NON_TERM_ENDINGS`: ``recidiverende``)
        are not: they are reworded freely (``tilbagevendende``).

        Examples
        --------
        >>> ov = OpenVocabulary(Lexicon([]), language="en")
        >>> ov.is_specific("seasonal"), ov.is_specific("current")
        (True, False)
        """
        limit = SPECIFIC_ZIPF.get(self.language)
        if limit is None or len(word) < MIN_PART + 1 or not word.isalpha():
            return False
        if word.endswith(NON_TERM_ENDINGS.get(self.language, ())):
            return False
        key = "\x01" + word
        found = self._decisions.get(key)
        if found is None:
            import wordfreq

            found = self._decisions[key] = wordfreq.zipf_frequency(word, self.language) < limit
        return bool(found)

    def zipf(self, word: str) -> float:
        """``wordfreq``'s Zipf frequency of a folded word, remembered for the batch.

        Examples
        --------
        >>> ov = OpenVocabulary(Lexicon([]), language="en")
        >>> ov.zipf("the") > 7 > ov.zipf("drawer")
        True
        """
        key = "\x02" + word
        found = self._decisions.get(key)
        if found is None:
            import wordfreq

            found = self._decisions[key] = wordfreq.zipf_frequency(word, self.language)
        return float(found)

    def word_in(self, word: str, draft: DraftWords) -> bool:
        """Whether the draft holds the folded ``word`` in some form (stem, compound part)."""
        return self._word_present(word, draft)

    def _ordinary_capitals(self, word: str) -> bool:
        # An ordinary word or unit in capitals ("OK", "AM", "PLAN").
        key = "\x00" + word
        found = self._decisions.get(key)
        if found is None:
            import wordfreq

            zipf = wordfreq.zipf_frequency(word.casefold(), self.language)
            found = self._decisions[key] = zipf >= INITIALISM_COMMON_ZIPF
        return bool(found)

    def _latin(self, text: str, start: int, end: int, prefix: str, words: list[str]) -> OpenTerm:
        full = LATIN_PREFIXES[prefix.rstrip(".").casefold()]
        key = tuple(w.casefold() for w in words)
        if full in ("tuberositas", "epicondylus", "processus"):
            key = (full, *key)
        return OpenTerm(start, end, text[start:end], "anatomy", "latin", key)

    def _decide_new(self, word: str) -> tuple[str, str] | None:
        plain = word
        if len(plain) < MIN_RARE_LENGTH:
            return None
        if any(
            word.startswith(p) and word[len(p) :] in self._common_words
            for p in PLAIN_PREFIXES.get(self.language, ())
        ):
            return None
        derived = word.endswith(DERIVED_ENDINGS.get(self.language, ()))
        if not derived and self.stem(plain) in self._common:
            return None
        for suffix, category in self._suffixes:
            if word.endswith(suffix) and len(word) >= len(suffix) + MIN_PART:
                return category, "suffix"
        if word.endswith(NON_TERM_ENDINGS.get(self.language, ())):
            return None
        if self.language == "da":
            split = self._split(plain)
            if split == _PLAIN:
                return None
            if isinstance(split, tuple):  # a compound with a known head
                return split
        return "other", "frequency"

    def _split(self, word: str) -> tuple[str, str] | str | None:
        # A Danish compound: the longest known clinical head decides the
        # category; two common parts make a plain word ("fodboldspiller").
        # Parts are compared in their base forms (endings stripped), no stemming.
        heads = self._heads
        common = self._common_words
        plain = False
        for i in range(MIN_PART, len(word) - MIN_HEAD + 1):
            head = word[i:]
            forms = _base_forms(head)
            for form in forms:
                category = heads.get(form)
                if category is not None:
                    return category, "compound"
            if (
                not plain
                and len(head) >= MIN_PART  # the head is common (_is_common), from its forms
                and any(form in common for form in forms)
                and self._is_common_modifier(word[:i])
            ):
                plain = True
        return _PLAIN if plain else None

    def _is_common(self, part: str) -> bool:
        common = self._common_words
        return len(part) >= MIN_PART and any(form in common for form in _base_forms(part))

    def _is_common_modifier(self, modifier: str) -> bool:
        if self._is_common(modifier):
            return True
        return modifier[-1:] in LINKING_LETTERS and self._is_common(modifier[:-1])

    def draft_stems(self, draft: str) -> DraftWords:
        """The words of a draft, for :meth:`present` (stems are computed only when asked)."""
        return DraftWords(self, draft)

    def present(self, key: Iterable[str], draft: str, stems: DraftWords | None = None) -> bool:
        """Whether the draft holds the concept of ``key`` (folded words) in any form.

        ``stems`` is :meth:`draft_stems` of the draft, when already computed.
        """
        words = tuple(key)
        found = stems if stems is not None else self.draft_stems(draft)
        if len(words) == 1:
            present = self._word_present(words[0], found)
        else:
            present = self._phrase_present(words, found)
        return present or self._synonym_present(words, found)

    def term_present(self, term: OpenTerm, draft: DraftWords) -> bool:
        """Whether the draft holds an open-vocabulary term in any form (an initialism as words)."""
        if self.present(term.key, draft.text, draft):
            return True
        letters = term.letters
        return letters is not None and draft.spells(letters)

    def spelled_spans(
        self, text: str, draft: DraftWords, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int]]:
        """Spans of ``text[start:end]`` whose words spell an initialism of the draft (``DTRs``).

        A term of the final note inside such a span is written in the
        draft as the initialism; offsets into ``text``.

        Examples
        --------
        >>> ov = OpenVocabulary(Lexicon([]), language="en")
        >>> ov.spelled_spans("Deep tendon reflexes 2+.", ov.draft_stems("DTRs 2+."))
        [(0, 20)]
        """
        letters = [x for x in draft.initialisms if len(x) >= MIN_SPELLED]
        if not letters:
            return []
        end = len(text) if end is None else end
        part = text[start:end]
        found = [r for r in find_spelled(letters, _words_with_breaks(part)).values() if r]
        if not found:
            return []
        matches = list(_WORD_OR_BREAK.finditer(part))
        return sorted(
            (start + matches[i].start(), start + matches[j - 1].end())
            for runs in found
            for i, j in runs
        )

    def held_as_initialism(
        self, text: str, start: int, end: int, draft: DraftWords, *, two_letters: bool = False
    ) -> bool:
        """Whether ``text[start:end]`` is written in the draft as an initialism.

        True when it overlaps a run of words that spells an initialism of the
        draft (:meth:`spelled_spans`, looked for in the term's line, at most
        :data:`SPELLED_REACH` characters either side) and its other words are
        in the draft: "Full range of motion" against "Full ROM" (``range of
        motion`` is spelled, ``full`` is in the draft). With ``two_letters``
        (for a lexicon term), a term of exactly two words is also held by the
        two-letter initialism they spell, unless ``text`` uses that initialism.

        Examples
        --------
        >>> ov = OpenVocabulary(Lexicon([]), language="en")
        >>> ov.held_as_initialism("Full range of motion.", 0, 20, ov.draft_stems("Full ROM."))
        True
        >>> tms = ov.draft_stems("TMs intact.")
        >>> text = "Tympanic membranes intact."
        >>> ov.held_as_initialism(text, 0, 18, tms)
        False
        >>> ov.held_as_initialism(text, 0, 18, tms, two_letters=True)
        True
        """
        if not draft.initialisms:
            return False
        words = _LETTERS.findall(text[start:end]) if two_letters else ()
        if len(words) == 2:
            # With ``two_letters`` (a lexicon term: "tympanic membranes"), the
            # two letters its two words spell ("TMs"): two letters match a run
            # of words by chance, but seldom the two words of one term; not
            # when the note itself uses the initialism for something else.
            letters = (words[0][0] + words[1][0]).casefold()
            if letters in draft.initialisms and letters.upper() not in text:
                return True
        line_start = max(text.rfind("\n", 0, start) + 1, start - SPELLED_REACH)
        line_end = text.find("\n", end)
        line_end = min(len(text) if line_end < 0 else line_end, end + SPELLED_REACH)
        spans = self.spelled_spans(text, draft, line_start, line_end)
        inside = [(s, e) for s, e in spans if s < end and start < e]
        if not inside:
            return False
        for m in _LETTERS.finditer(text, start, end):
            if any(s <= m.start() and m.end() <= e for s, e in inside):
                continue
            if not self._word_present(m.group().casefold(), draft):
                return False
        return True

    def _phrase_present(self, words: tuple[str, ...], draft: DraftWords) -> bool:
        # The words of a multi-word term must stand together in the draft:
        # every one within PHRASE_SLACK extra words of the others, in any
        # order ("antibiotics given intravenously" for "intravenous
        # antibiotics"), not scattered over the note ("coronary" in one
        # sentence, "artery" and "disease" in others).
        if not all(self._word_present(w, draft) for w in words):
            return False
        spots = [self._positions(w, draft) for w in words if w not in LATIN_PREFIXES]
        if len(spots) < 2:
            return True
        width = len(spots) + PHRASE_SLACK
        for start in spots[0]:
            if all(any(abs(p - start) < width for p in spot) for spot in spots[1:]):
                return True
        return False

    def near(
        self, first: Iterable[int], second: Iterable[int], words: int, draft: DraftWords
    ) -> bool:
        """Whether two token positions of the draft stand in one sentence, a term's width apart.

        The width is that of a multi-word term of ``words`` words
        (``words + PHRASE_SLACK``).
        """
        width = words + PHRASE_SLACK
        later = sorted(second)
        sentence = draft.sentence_of
        return any(abs(p - q) < width and sentence(p) == sentence(q) for p in first for q in later)

    def word_positions(self, word: str, draft: DraftWords) -> list[int]:
        """Token positions of the draft where the folded ``word`` stands in some form."""
        return self._positions(word, draft)

    def _positions(self, word: str, draft: DraftWords) -> list[int]:
        # Token positions of the draft where ``word`` stands in some form:
        # the word itself, a word of the same stem, or (five letters or
        # more) a longer word that holds it (a compound, an inflection).
        # Read from the draft's index of distinct words, not token by token.
        by_word = draft.positions
        forms = set(draft.words_of_stem(self.stem(word)))
        if word in by_word:
            forms.add(word)
        if len(word) >= MIN_RARE_LENGTH and word in draft.text:
            forms.update(t for t in by_word if word in t)
        if len(forms) == 1:
            return by_word[forms.pop()]
        return sorted(i for t in forms for i in by_word[t])

    def _word_present(self, word: str, draft: DraftWords) -> bool:
        # A word of five letters or more inside the draft's text is there
        # (perhaps inside a compound): one substring search, no tokenising.
        if len(word) >= MIN_RARE_LENGTH and (word in draft.text or word in draft.hyphen_joined):
            return True
        if word in LATIN_PREFIXES or word in draft.words:
            return True
        # A clinical ending names another concept than its stem does
        # ("epicondylitis" is not "epicondyle"): no match by stem then.
        if not word.endswith(self._suffix_endings) and draft.has_stem(self.stem(word)):
            return True
        if self.language != "da" or len(word) < 2 * MIN_PART:
            return False
        # A compound against its parts: both parts (the modifier perhaps with a
        # linking letter) are in the draft, perhaps inflected; substring
        # searches only, no stemming.
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head, modifier = word[i:], word[:i]
            if not _part_in(head, draft):
                continue
            if _part_in(modifier, draft):
                return True
            if modifier[-1:] in LINKING_LETTERS and _part_in(modifier[:-1], draft):
                return True
        return False

    def _synonym_present(self, words: tuple[str, ...], draft: DraftWords) -> bool:
        group = self._phrase_group.get(" ".join(self.stem(w) for w in words))
        if group is None:
            return False
        joined = draft.joined_stems()
        return any(f" {p} " in joined for p in self._group_phrases[group])

    def equivalent_present(self, surface: str, draft: DraftWords) -> bool:
        """Whether the draft holds a lexicon term's surface text in another form.

        An initialism (``ROM``) is also held by the words it spells.
        """
        words = tuple(_LETTERS.findall(surface.casefold()))
        if not words:
            return False
        if self.present(words, "", draft):
            return True
        letters = initialism_letters(surface)
        return letters is not None and draft.spells(letters)


class DraftWords:
    """The folded words of one draft; their stems are computed only when a check needs them.

    Examples
    --------
    >>> from evalkit.lexicon.model import Lexicon
    >>> d = OpenVocabulary(Lexicon([]), language="da").draft_stems("Kastet op.")
    >>> d.has_stem("kast"), d.joined_stems()
    (True, ' kast op ')
    """

    __slots__ = (
        "_barred", "_breaks", "_sorted", "_by_stem", "_initialisms", "_initialism_matches",
        "_joined", "_positions", "_source", "_spelled", "_starts", "_tokens", "_hyphen_joined",
        "_vocabulary", "_words", "text",
    )  # fmt: skip

    def __init__(self, vocabulary: OpenVocabulary, draft: str) -> None:
        self._vocabulary = vocabulary
        self._source = draft
        self.text = draft.casefold()
        self._initialisms: frozenset[str] | None = None
        self._initialism_matches: list[tuple[int, int, str, str | None]] | None = None
        self._spelled: dict[str, bool] = {}
        self._starts: list[int] | None = None
        self._breaks: list[int] | None = None
        self._barred: list[str] | None = None
        self._positions: dict[str, list[int]] | None = None
        self._by_stem: dict[str, list[str]] | None = None
        self._words: set[str] | None = None
        self._tokens: list[str] | None = None
        self._sorted: list[str] | None = None
        self._joined: str | None = None
        self._hyphen_joined: frozenset[str] | None = None

    @property
    def hyphen_joined(self) -> frozenset[str]:
        """The draft's hyphenated words written solid (``non-tender`` as ``nontender``).

        Found on first use; a set, so a word is looked up, not searched for.
        """
        if self._hyphen_joined is None:
            text = self.text
            self._hyphen_joined = frozenset(w.replace("-", "") for w in hyphenated_words(text))
        return self._hyphen_joined

    @property
    def tokens(self) -> list[str]:
        """The draft's folded words in order (split on first use)."""
        if self._tokens is None:
            self._tokens = letter_runs(self.text)
        return self._tokens

    @property
    def positions(self) -> dict[str, list[int]]:
        """Each distinct folded word of the draft and its positions in :attr:`tokens`."""
        if self._positions is None:
            self._positions = {}
            for i, token in enumerate(self.tokens):
                self._positions.setdefault(token, []).append(i)
        return self._positions

    def words_of_stem(self, stem: str) -> list[str]:
        """The draft's distinct words with this stem (the index is built on first use)."""
        if self._by_stem is None:
            of = self._vocabulary.stem
            self._by_stem = {}
            for token in self.positions:
                self._by_stem.setdefault(of(token), []).append(token)
        return self._by_stem.get(stem, [])

    def token_index(self, offset: int) -> int:
        """The position in :attr:`tokens` of the word at or after character ``offset``."""
        return bisect_left(self._token_starts(), offset)

    def sentence_of(self, position: int) -> int:
        """The number of sentence ends (``.``, ``!``, ``?``, a line break) before a token."""
        if self._breaks is None:
            self._breaks = [m.start() for m in _SENTENCE_END.finditer(self.text)]
        starts = self._token_starts()
        at = starts[position] if position < len(starts) else len(self.text)
        return bisect_left(self._breaks, at)

    def _token_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [m.start() for m in _LETTERS.finditer(self.text)]
        return self._starts

    @property
    def words(self) -> set[str]:
        """The draft's distinct folded words (split on first use)."""
        if self._words is None:
            self._words = set(self.tokens)
        return self._words

    def has_stem(self, stem: str) -> bool:
        """Whether a draft word has this stem (Snowball stems keep a word's first letters)."""
        if stem in self.words:
            return True
        # The words to stem are those with the stem's first _PREFIX letters,
        # a run of the sorted words (a shorter stem: only itself, tested above).
        prefix = stem[:_PREFIX]
        if len(prefix) < _PREFIX:
            return False
        if self._sorted is None:
            self._sorted = sorted(self.words)
        ordered = self._sorted
        of = self._vocabulary.stem
        for i in range(bisect_left(ordered, prefix), len(ordered)):
            word = ordered[i]
            if not word.startswith(prefix):
                return False
            if of(word) == stem:
                return True
        return False

    @property
    def initialisms(self) -> frozenset[str]:
        """The letters of the draft's initialisms (``DTRs`` gives ``dtr``), found on first use."""
        if self._initialisms is None:
            found = self.initialism_matches
            self._initialisms = frozenset(f[3] for f in found if f[3] is not None)
        return self._initialisms

    @property
    def initialism_matches(self) -> list[tuple[int, int, str, str | None]]:
        """``(start, end, text, letters)`` of each initialism-shaped word of the draft."""
        if self._initialism_matches is None:
            self._initialism_matches = _initialism_matches(self._source)
        return self._initialism_matches

    @property
    def source(self) -> str:
        """The draft as given (not folded)."""
        return self._source

    def spells(self, letters: str) -> bool:
        """Whether the draft holds the initialism ``letters`` or a run of words spelling it."""
        found = self._spelled.get(letters)
        if found is None:
            found = letters in self.initialisms
            # Two letters are spelled by chance too often ("has returned").
            if not found and len(letters) >= MIN_SPELLED:
                if self._barred is None:
                    self._barred = _words_with_breaks(self.text)
                found = bool(find_spelled([letters], self._barred)[letters])
            self._spelled[letters] = found
        return found

    def joined_stems(self) -> str:
        """Every word of the draft stemmed, in order, with a space at both ends."""
        if self._joined is None:
            of = self._vocabulary.stem
            self._joined = " " + " ".join(of(w) for w in self.tokens) + " "
        return self._joined


_PREFIX = 3


_PLAIN = "plain"


_UNSEEN = object()


def _lexicon_tables(
    lexicon: Lexicon, language: str
) -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    # What OpenVocabulary reads from a lexicon's entries alone (the clinical
    # modifiers, the register stems and the lexicon's words), read once per
    # lexicon object rather than once per batch: for the English lexicon this
    # is a pass over some 19,000 entries and a wordfreq lookup per candidate.
    # A Lexicon is immutable and hashed by identity; the bound keeps few alive.
    # The settings the two readers use are part of the key, so a changed
    # setting (a test's monkeypatch) is read again.
    settings = (
        MIN_REGISTER_TERMS,
        MIN_MODIFIER_TERMS,
        MIN_RARE_LENGTH,
        MIN_PART,
        SPECIFIC_ZIPF.get(language),
        ADJECTIVE_ENDINGS.get(language),
        DERIVED_ENDINGS.get(language),
    )
    return _read_lexicon_tables(lexicon, language, settings)


@functools.lru_cache(maxsize=8)
def _read_lexicon_tables(
    lexicon: Lexicon, language: str, settings: tuple[Any, ...]
) -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    stems, words = _register_stems(lexicon, language, _stemmer(language).stemWord)
    return _clinical_modifiers(lexicon, language), stems, words


def _register_stems(
    lexicon: Lexicon, language: str, stem: Any
) -> tuple[frozenset[str], frozenset[str]]:
    # The stems used in at least MIN_REGISTER_TERMS terms of the lexicon,
    # and the words of its terms (a register word must be one of them, or
    # its plural: "abnormalities"; an inflected verb of the same stem,
    # "reviewing" beside "medication review", is not).
    if language not in SPECIFIC_ZIPF:
        return frozenset(), frozenset()
    counts: dict[str, int] = {}
    for entry in lexicon.entries:
        if entry.language != language:
            continue
        for word in set(_LETTERS.findall(entry.term.casefold())):
            if len(word) >= MIN_RARE_LENGTH:
                counts[word] = counts.get(word, 0) + 1
    by_stem: dict[str, int] = {}
    for word, n in counts.items():
        key = stem(word)
        by_stem[key] = by_stem.get(key, 0) + n
    stems = frozenset(k for k, n in by_stem.items() if n >= MIN_REGISTER_TERMS)
    return stems, frozenset(counts)


def _singulars(word: str) -> tuple[str, ...]:
    # The word and the singulars an English plural may have.
    if word.endswith("ies"):
        return (word, word[:-3] + "y", word[:-1])
    if word.endswith("es"):
        return (word, word[:-2], word[:-1])
    if word.endswith("s"):
        return (word, word[:-1])
    return (word,)


def _clinical_modifiers(lexicon: Lexicon, language: str) -> dict[str, str]:
    # Folded words the lexicon uses in front of other words in at least
    # MIN_MODIFIER_TERMS multi-word terms, rare in general language, with
    # the commonest category of those terms (a diagnosis's modifier makes a
    # finding: "renal" + a word is not a diagnosis by itself).
    limit = SPECIFIC_ZIPF.get(language)
    if limit is None:
        return {}
    counts: dict[str, dict[str, int]] = {}
    for entry in lexicon.entries:
        if entry.language != language or " " not in entry.term:
            continue
        words = entry.term.casefold().split()
        for word in set(words[:-1]):
            if len(word) > MIN_PART and word.isalpha():
                by_category = counts.setdefault(word, {})
                by_category[entry.category] = by_category.get(entry.category, 0) + 1
    import wordfreq

    found = {}
    for word, by_category in counts.items():
        if sum(by_category.values()) < MIN_MODIFIER_TERMS:
            continue
        if not word.endswith(ADJECTIVE_ENDINGS.get(language, ())) or word.endswith(
            DERIVED_ENDINGS.get(language, ())
        ):
            continue  # not shaped like an adjective, or a derived noun ("impingement")
        if wordfreq.zipf_frequency(word, language) >= limit:
            continue
        category = max(sorted(by_category), key=by_category.__getitem__)
        found[word] = "finding" if category == "diagnosis" else category
    return found


def _part_in(part: str, draft: DraftWords) -> bool:
    # A part of four letters or more anywhere in the draft's text (so its
    # inflected forms count); a shorter one only as a whole word.
    if len(part) > MIN_PART:
        return part in draft.text
    return len(part) == MIN_PART and part in draft.words


_DA_ENDINGS = ("erne", "ene", "ne", "en", "et", "er", "e", "n", "r", "t", "s")
_DA_ENDINGS_BY_LENGTH = tuple(
    (length, frozenset(e for e in _DA_ENDINGS if len(e) == length))
    for length in sorted({len(e) for e in _DA_ENDINGS}, reverse=True)
)


def _base_forms(part: str) -> list[str]:
    # The part and the part less one Danish inflectional ending, longest
    # ending first: the part's last four, three, two, one letters looked up
    # (of one length, at most one ending fits).
    forms = [part]
    size = len(part)
    for length, endings in _DA_ENDINGS_BY_LENGTH:
        if size - length >= MIN_PART and part[-length:] in endings:
            forms.append(part[:-length])
    return forms


# Latin-1 bytes to themselves where the character is a letter or a digit
# (``[^\W_]``, exactly ``str.isalnum``), to a space elsewhere; the second
# table keeps the underscore too (``\w``).
_LATIN1_LETTERS = bytes(c if chr(c).isalnum() else 32 for c in range(256))
_LATIN1_WORD = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(256))


def letter_runs(text: str) -> list[str]:
    """The runs of letters and digits of ``text`` (``_LETTERS.findall(text)``).

    A Latin-1 text is split with one ``bytes.translate`` (every other
    character to a space) and a split, far faster than the pattern; other
    text goes through the pattern.

    Examples
    --------
    >>> letter_runs("Knæ-smerter, 2x_dgl.")
    ['Knæ', 'smerter', '2x', 'dgl']
    """
    return _runs(text, _LATIN1_LETTERS, _LETTERS)


def word_runs(text: str) -> list[str]:
    """The runs of word characters of ``text`` (``_WORD.findall(text)``, the underscore kept).

    Examples
    --------
    >>> word_runs("Knæ-smerter, 2x_dgl.")
    ['Knæ', 'smerter', '2x_dgl']
    """
    return _runs(text, _LATIN1_WORD, _WORD)


def _runs(text: str, table: bytes, pattern: re.Pattern[str]) -> list[str]:
    try:
        coded = text.encode("latin-1")
    except UnicodeEncodeError:
        # A few characters beyond Latin-1 (a case-folded "µ" is the Greek
        # "μ"): each is coded as "?", which the table makes a space, and the
        # letters and digits among them are put back before the split. A
        # character beyond Latin-1 is a word character exactly when it is a
        # letter or digit (the underscore is Latin-1), and none of those is
        # white space, so the split gives the pattern's runs.
        spaced = text.encode("latin-1", "replace").translate(table).decode("latin-1")
        pieces = []
        last = 0
        for match in _BEYOND_LATIN1.finditer(text):
            char = match.group()
            if char.isalnum():
                at = match.start()
                pieces.append(spaced[last:at])
                pieces.append(char)
                last = at + 1
        if pieces:
            pieces.append(spaced[last:])
            spaced = "".join(pieces)
        return spaced.split()
    return coded.translate(table).decode("latin-1").split()


# Latin-1 bytes to "C" for the capitals _INITIALISM starts with, "." for the rest.
_CAPITALS_CODED = bytes(67 if chr(c) in _INITIALISM_CAPITALS else 46 for c in range(256))


def _latin_triggered(spaced: str, words: set[str]) -> bool:
    """Whether ``spaced`` (a space, then the folded note) holds one of ``_LATIN_TRIGGERS``.

    ``words`` are the note's folded words (letter or word runs). A trigger
    such as " m." stands only where "m" is a word of the note, so it is
    looked up there before the text is searched for it.

    Examples
    --------
    >>> _latin_triggered(" smerter i m. deltoideus", {"smerter", "i", "m", "deltoideus"})
    True
    >>> _latin_triggered(" ømhed ved ca. 3 cm", {"ømhed", "ved", "ca", "3", "cm"})
    False
    """
    return any(t in spaced for t in _LATIN_TEXT_TRIGGERS) or any(
        word in words and t in spaced for t, word in _LATIN_WORD_TRIGGERS
    )


def _initialism_matches(text: str) -> list[tuple[int, int, str, str | None]]:
    """Each match of ``_INITIALISM`` in ``text``: its span, its text and the letters it spells.

    The matches of ``_INITIALISM.finditer``, found without running the
    pattern at every capital: a match starts with two capitals, so the
    text is coded one byte a character ("C" a capital, a character beyond
    Latin-1 coded "?" and so no capital) and the pattern is tried only
    where "CC" stands, never before the end of the last match.

    Examples
    --------
    >>> [m[2:] for m in _initialism_matches("Pt med KOL og DTRs, non-ABC. OK")]
    [('KOL', 'kol'), ('DTRs', 'dtr'), ('OK', 'ok')]
    """
    coded = text.encode("latin-1", "replace").translate(_CAPITALS_CODED)
    found = []
    end = 0
    at = coded.find(b"CC")
    while at >= 0:
        if at >= end:
            m = _INITIALISM.match(text, at)
            if m is not None:
                word = m.group()
                found.append((at, m.end(), word, initialism_letters(word)))
                end = m.end()
        at = coded.find(b"CC", at + 1)
    return found


def hyphenated_words(text: str) -> list[str]:
    """The hyphenated words of ``text`` (``_HYPHENATED.findall(text)``), read from its hyphens.

    The same list as the pattern's ``findall``, which tries a match at every
    letter of the text; here a match is tried only at the start of the word
    in front of each hyphen, so a text without hyphens costs one search.

    Examples
    --------
    >>> hyphenated_words("non-tender, 2-3 x daily; - a-b-c")
    ['non-tender', '2-3', 'a-b-c']
    """
    found = []
    end = 0
    at = text.find("-")
    while at >= 0:
        if at >= end:
            # A match starts at the first letter of the run before the
            # hyphen ([^\W_] is exactly str.isalnum), and never before the
            # last match's end.
            start = at
            while start > end and text[start - 1].isalnum():
                start -= 1
            m = _HYPHENATED.match(text, start) if start < at else None
            if m is not None:
                found.append(m.group())
                end = m.end()
        at = text.find("-", at + 1)
    return found


_TAKEN_RUN = re.compile(rb"\x01+")
_KEEP = bytes(0 if b == 1 else 255 for b in range(256))


def _free_text(folded: str, taken: bytearray) -> str:
    r"""``folded`` with each character inside a found term (a 1 in ``taken``) as NUL.

    A word of letters found in it stands nowhere inside a found term.

    Examples
    --------
    >>> _free_text("ab cd ef", bytearray(b"\x00\x00\x00\x01\x01\x00\x00\x00"))
    'ab \x00\x00 ef'
    """
    if 1 not in taken:
        return folded
    try:
        coded = folded.encode("latin-1")
    except UnicodeEncodeError:
        coded = b""
    if len(coded) == len(taken):
        # One byte a character: the text's bytes, as one integer, masked by
        # ``taken`` turned into 0x00 (a 1) and 0xFF (anything else).
        kept = int.from_bytes(coded, "big") & int.from_bytes(taken.translate(_KEEP), "big")
        return kept.to_bytes(len(coded), "big").decode("latin-1")
    pieces = []
    last = 0
    for run in _TAKEN_RUN.finditer(taken):
        at, stop = run.span()
        pieces.append(folded[last:at])
        pieces.append("\x00" * (stop - at))
        last = stop
    pieces.append(folded[last:])
    return "".join(pieces)


def _first_free_in(folded: str, free: str, word: str) -> int:
    # The first whole-word occurrence of ``word`` (letters only) not inside a
    # found term, or -1, with free = _free_text(folded, taken): an occurrence
    # in ``free`` has no taken character; whether it is a whole word is read
    # in ``folded``.
    at = free.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not folded[at - 1].isalnum()) and (
            end == len(folded) or not folded[end].isalnum()
        ):
            return at
        at = free.find(word, at + 1)
    return -1


def _words_with_breaks(text: str) -> list[str]:
    # The folded words of ``text`` with an empty string at each line break:
    # a barrier that find_spelled's runs do not cross.
    return [w.casefold() if w != "\n" else "" for w in _WORD_OR_BREAK.findall(text)]


def is_label(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a heading or an inline label: it names a section.

    A heading is a line with no lower-case letter (``HPI``, ``ASSESSMENT AND
    PLAN``); an inline label is followed by a colon (``ROS: ...``).

    Examples
    --------
    >>> is_label("Additional Testing: none.", 0, 18), is_label("A test was done.", 2, 6)
    (True, False)
    """
    if text[end : end + 1] == ":" or text[end : end + 2] == " :":
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return not any(c.islower() for c in line)


def _inside_sentence_capital(text: str, start: int) -> bool:
    # A capitalised word that does not start a sentence, line or list item is
    # most often a name; the frequency fallback leaves it out.
    if not text[start].isupper():
        return False
    before = text[:start].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?:\n•-*"
