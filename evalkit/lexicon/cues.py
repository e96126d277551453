"""Cue words per language, read from ``evalkit/lexicon/data/cues_<lang>.toml``.

The cue files hold the words that the logic of evalkit reads by their role:
stop words, negation cues, answer words (yes/no), side words, intensity and
evaluative words, function words and section headings. One negation model
serves both of its consumers: the lexicon matcher's polarity
(:mod:`evalkit.lexicon.polarity`) reads the phrase cues ``pre``, ``post``,
``pseudo``, ``terminator`` and ``connectors``, the hallucination index the
word cues ``scope_words``, ``after_words``, ``normal`` and ``no_remarks``.

Every file is checked on load: the tables and keys it must have, lists of
lower-case strings, and no word in two grades of one scale; a file that breaks
a rule raises :class:`CueFileError` naming the file, the key and the fix.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from evalkit.schema import LANGUAGES

__all__ = [
    "CUE_LANGUAGES",
    "CueFileError",
    "LanguageCues",
    "NegationCues",
    "cue_file",
    "language_cues",
    "read_cue_file",
]

DATA_DIR = Path(__file__).resolve().parent / "data"

CUE_LANGUAGES = LANGUAGES
"""Languages with a shipped cue file."""

SCHEMA: dict[str, tuple[str, ...]] = {
    "negation": (
        "pre",
        "post",
        "pseudo",
        "terminator",
        "connectors",
        "adjacent",
        "scope_words",
        "after_words",
        "normal",
        "no_remarks",
        "state_words",
        "presence",
        "absence",
        "existence",
        "nonexistence",
    ),
    "answers": ("yes", "no"),
    "sides": ("right", "left", "both", "ambiguous", "nouns", "prepositions"),
    "intensity": ("mild", "moderate", "severe", "not_before"),
    "quality": ("better", "worse"),
    "words": (
        "copulas",
        "list",
        "but",
        "wh",
        "you",
        "other",
        "subordinators",
        "episodic",
        "determiners",
        "meta_prefixes",
        "dose",
        "not_drug_endings",
        "future",
    ),
    "sections": ("assessment", "exam"),
    "certainty": ("before", "after", "alternatives", "differential"),
}
"""Tables of a cue file and their word lists (besides ``language`` and ``stopwords``)."""

_SCALES: dict[str, tuple[str, ...]] = {
    "sides": ("right", "left", "both"),
    "intensity": ("mild", "moderate", "severe"),
}
_SCALES["quality"] = ("better", "worse")


class CueFileError(ValueError):
    """A cue file breaks the schema; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class NegationCues:
    """The negation model of one language.

    Attributes
    ----------
    pre, post, pseudo, terminator : tuple of str
        Phrase cues of the lexicon matcher, folded (``"u a"``), in file order.
    connectors : frozenset of str
        Words that join the mentions of one negated list ("ingen feber eller hoste").
    adjacent : frozenset of str
        Pre cues that negate only a mention right after them: "non smoker", but
        not the ulcer of "non-healing ulcer".
    scope_words : frozenset of str
        Word cues of the hallucination index that open a scope.
    after_words : frozenset of str
        Word cues that negate the word right before them ("hoster ikke").
    normal : frozenset of str
        Words marking a normal finding ("normalt", "unremarkable").
    no_remarks : frozenset of str
        Words that after "uden" mark a normal finding ("uden anmærkninger").
    state_words : frozenset of str
        Words that after a copula deny the whole subject ("Straight leg raise is
        negative", "Strep A er negativ").
    presence, absence : tuple of str
        Phrases written with a finding that say it is there ("present", "til
        stede", "påvist") or not ("absent", "not detected", "ikke påvist"):
        :func:`evalkit.lexicon.polarity.find_presence` reads them as a polarity.
    existence : tuple of str
        The presence phrases that only say a finding is there ("present",
        "til stede", "intact"), not that a test or sign is abnormal
        ("positive"): for what is normally there (bowel sounds, pulses,
        reflexes) they say the same as "normal".
    nonexistence : tuple of str
        The absence phrases that only say a finding is not there ("absent",
        "fraværende"), not that a test is normal ("negative"): for what is
        normally there (bowel sounds, pulses) the opposite of "normal".
    """

    pre: tuple[str, ...]
    post: tuple[str, ...]
    pseudo: tuple[str, ...]
    terminator: tuple[str, ...]
    connectors: frozenset[str]
    adjacent: frozenset[str]
    scope_words: frozenset[str]
    after_words: frozenset[str]
    normal: frozenset[str]
    no_remarks: frozenset[str]
    state_words: frozenset[str]
    presence: tuple[str, ...] = ()
    absence: tuple[str, ...] = ()
    existence: tuple[str, ...] = ()
    nonexistence: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguageCues:
    """Everything in one cue file.

    ``sides`` maps a side word to ``"R"``, ``"L"`` or ``"B"``; ``intensity`` a
    word to its grade 1–3; ``quality`` an evaluative word to ``1`` (better)
    or ``-1`` (worse). ``words`` and ``sections`` map the list names of the
    schema to frozensets; ``answers`` has ``yes`` and ``no``. ``certainty``
    maps ``before``, ``after``, ``alternatives`` and ``differential`` to the
    hedge phrases of :mod:`evalkit.lexicon.certainty`, in file order.
    """

    language: str
    stopwords: frozenset[str]
    negation: NegationCues
    answers: MappingProxyType[str, frozenset[str]]
    sides: MappingProxyType[str, str]
    ambiguous_sides: frozenset[str]
    side_nouns: frozenset[str]
    side_prepositions: frozenset[str]
    intensity: MappingProxyType[str, int]
    intensity_not_before: frozenset[str]
    quality: MappingProxyType[str, int]
    words: MappingProxyType[str, frozenset[str]]
    sections: MappingProxyType[str, frozenset[str]]
    certainty: MappingProxyType[str, tuple[str, ...]]


def cue_file(language: str) -> Path:
    """Path of the shipped cue file of ``language``."""
    return DATA_DIR / f"cues_{language}.toml"


@functools.cache
def language_cues(language: str) -> LanguageCues:
    """The shipped cues of ``language`` (read once per process).

    Raises
    ------
    KeyError
        ``language`` has no cue file.

    Examples
    --------
    >>> cues = language_cues("da")
    >>> "ikke" in cues.negation.scope_words, cues.sides["venstre"], cues.intensity["svær"]
    (True, 'L', 3)
    >>> language_cues("en").negation.pre[:3]
    ('no', 'not', 'nil')
    """
    if language not in CUE_LANGUAGES:
        raise KeyError(
            f"no cue file for language {language!r}; shipped: {', '.join(CUE_LANGUAGES)}"
        )
    return read_cue_file(cue_file(language))


def read_cue_file(path: str | Path) -> LanguageCues:
    """Read and check one cue file.

    Raises
    ------
    CueFileError
        The file is missing, is not valid TOML, or breaks the schema.
    """
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CueFileError(
            f"cue file {path} is missing; reinstall evalkit or restore the file"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise CueFileError(f"cue file {path} is not valid TOML: {exc}; fix the syntax") from None
    where = path.name
    language = raw.get("language")
    if not isinstance(language, str) or not language:
        raise CueFileError(f'{where}: "language" is required, e.g. language = "da"')
    unknown = sorted(set(raw) - {"language", "stopwords", *SCHEMA})
    if unknown:
        raise CueFileError(
            f"{where}: unknown top-level key(s) {', '.join(unknown)}; "
            f"allowed: language, stopwords, {', '.join(SCHEMA)}"
        )
    stopwords = _word_list(raw, "stopwords", where)
    tables: dict[str, dict[str, tuple[str, ...]]] = {}
    for table, keys in SCHEMA.items():
        found = raw.get(table)
        if not isinstance(found, dict):
            raise CueFileError(
                f"{where}: table [{table}] is missing; add it with the lists {', '.join(keys)}"
            )
        extra = sorted(set(found) - set(keys))
        if extra:
            raise CueFileError(
                f"{where}: [{table}] has unknown key(s) {', '.join(extra)}; "
                f"allowed: {', '.join(keys)}"
            )
        tables[table] = {key: _word_list(found, key, f"{where} [{table}]") for key in keys}
    for table, grades in _SCALES.items():
        seen: dict[str, str] = {}
        for grade in grades:
            for word in tables[table][grade]:
                if word in seen and seen[word] != grade:
                    raise CueFileError(
                        f"{where}: [{table}] lists {word!r} under both {seen[word]!r} and "
                        f"{grade!r}; keep it in one"
                    )
                seen[word] = grade
    neg, sides, inten = tables["negation"], tables["sides"], tables["intensity"]
    side_codes = {"right": "R", "left": "L", "both": "B"}
    return LanguageCues(
        language=language,
        stopwords=frozenset(stopwords),
        negation=NegationCues(
            pre=neg["pre"],
            post=neg["post"],
            pseudo=neg["pseudo"],
            terminator=neg["terminator"],
            connectors=frozenset(neg["connectors"]),
            adjacent=frozenset(neg["adjacent"]),
            scope_words=frozenset(neg["scope_words"]),
            after_words=frozenset(neg["after_words"]),
            normal=frozenset(neg["normal"]),
            no_remarks=frozenset(neg["no_remarks"]),
            state_words=frozenset(neg["state_words"]),
            presence=neg["presence"],
            absence=neg["absence"],
            existence=neg["existence"],
            nonexistence=neg["nonexistence"],
        ),
        answers=MappingProxyType({k: frozenset(v) for k, v in tables["answers"].items()}),
        sides=MappingProxyType(
            {w: side_codes[k] for k in ("right", "left", "both") for w in sides[k]}
        ),
        ambiguous_sides=frozenset(sides["ambiguous"]),
        side_nouns=frozenset(sides["nouns"]),
        side_prepositions=frozenset(sides["prepositions"]),
        intensity=MappingProxyType(
            {w: g for g, k in enumerate(("mild", "moderate", "severe"), 1) for w in inten[k]}
        ),
        intensity_not_before=frozenset(inten["not_before"]),
        quality=MappingProxyType(
            {w: v for v, k in ((1, "better"), (-1, "worse")) for w in tables["quality"][k]}
        ),
        words=MappingProxyType({k: frozenset(v) for k, v in tables["words"].items()}),
        sections=MappingProxyType({k: frozenset(v) for k, v in tables["sections"].items()}),
        certainty=MappingProxyType(dict(tables["certainty"])),
    )


def _word_list(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    if key not in table:
        raise CueFileError(f'{where}: "{key}" is missing; add {key} = [] if it has no words')
    value = table[key]
    if not isinstance(value, list):
        raise CueFileError(
            f'{where}: "{key}" must be a list of strings, found {type(value).__name__}; '
            f'write {key} = ["word", ...]'
        )
    for i, word in enumerate(value):
        if not isinstance(word, str) or not word.strip():
            raise CueFileError(
                f'{where}: "{key}" item {i + 1} must be a non-empty string, found {word!r}'
            )
        if word != word.lower() or word != word.strip():
            raise CueFileError(
                f'{where}: "{key}" item {i + 1} {word!r} must be lower case without '
                "surrounding spaces (texts are lower-cased before lookup); "
                f"write {word.strip().lower()!r}"
            )
    return tuple(value)
