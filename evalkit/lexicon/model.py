"""The lexicon model: an immutable table of medical terms grouped into concepts.

A lexicon is a table of entries ``term, concept_id, category, language,
source``. Entries that share a ``concept_id`` are synonyms: ``blodtryk`` and
``BT`` are two surface forms of ``vital:blood_pressure``. The matcher
(:mod:`evalkit.lexicon.matcher`) turns a lexicon into one automaton per
language; metrics compare notes by concept, never by surface form.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from evalkit.schema import LANGUAGES as LANGUAGES

CATEGORIES = (
    "symptom",
    "finding",
    "diagnosis",
    "medication",
    "procedure",
    "anatomy",
    "lab",
    "vital",
)
"""The allowed values of :attr:`LexiconEntry.category`."""

SHIPPED_RELEASE = "2026.1"
"""Release tag of the lexicon files shipped in ``evalkit/lexicon/data``."""


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One surface form of one concept.

    Attributes
    ----------
    term : str
        The surface form in its base form (singular, indefinite); abbreviations
        keep their usual case (``BT``, ``CRP``).
    concept_id : str
        Language-neutral identifier shared by synonyms, e.g. ``med:paracetamol``.
    category : str
        One of :data:`CATEGORIES`.
    language : str
        ``"da"`` or ``"en"``.
    source : str
        Short tag naming where the entry comes from.

    Examples
    --------
    >>> LexiconEntry("Pamol", "med:paracetamol", "medication", "da", "demo").concept_id
    'med:paracetamol'
    """

    term: str
    concept_id: str
    category: str
    language: str
    source: str


class Lexicon:
    """An immutable table of :class:`LexiconEntry` rows plus per-language stoplists.

    Parameters
    ----------
    entries : iterable of LexiconEntry
        The rows. Entries sharing a ``concept_id`` are synonyms; a surface
        form listed under several concepts gives one mention per concept.
    stoplist : mapping of str to iterable of str, optional
        ``{language: terms}``; terms that are also everyday words. The matcher
        matches them only in their exact lexicon case, and one- or two-letter
        lower-case ones only before a number (``p 72``).
    version : str, optional
        Version string recorded in signatures; by default derived from a hash
        of the entries (``custom:<sha8>``).

    Examples
    --------
    >>> lex = Lexicon([
    ...     LexiconEntry("blodtryk", "vital:blood_pressure", "vital", "da", "demo"),
    ...     LexiconEntry("BT", "vital:blood_pressure", "vital", "da", "demo"),
    ...     LexiconEntry("feber", "sym:fever", "symptom", "da", "demo"),
    ... ], version="demo-1")
    >>> len(lex), lex.languages, lex.version
    (3, ('da',), 'demo-1')
    >>> lex.concepts()
    ['sym:fever', 'vital:blood_pressure']
    >>> lex.synonyms("vital:blood_pressure"), lex.category_of("sym:fever")
    (['blodtryk', 'BT'], 'symptom')
    """

    __slots__ = ("_entries", "_stoplist", "_version", "_by_concept")

    def __init__(
        self,
        entries: Iterable[LexiconEntry],
        *,
        stoplist: Mapping[str, Iterable[str]] | None = None,
        version: str | None = None,
    ) -> None:
        rows = tuple(entries)
        for i, entry in enumerate(rows):
            if not isinstance(entry, LexiconEntry):
                raise TypeError(
                    f"Lexicon entry {i} is a {type(entry).__name__}, expected LexiconEntry; "
                    "build entries with LexiconEntry(term, concept_id, category, language, source)"
                )
        self._entries = rows
        self._stoplist = {
            lang: frozenset(t.strip() for t in terms if t.strip())
            for lang, terms in (stoplist or {}).items()
        }
        self._version = version if version is not None else f"custom:{entries_hash(rows)}"
        by_concept: dict[str, list[LexiconEntry]] = {}
        for entry in rows:
            by_concept.setdefault(entry.concept_id, []).append(entry)
        self._by_concept = by_concept

    @property
    def entries(self) -> tuple[LexiconEntry, ...]:
        """All entries, in file order."""
        return self._entries

    @property
    def version(self) -> str:
        """Version string such as ``da-2026.1+user:1a2b3c4d``."""
        return self._version

    @property
    def languages(self) -> tuple[str, ...]:
        """Sorted languages that have at least one entry."""
        return tuple(sorted({e.language for e in self._entries}))

    @property
    def stoplist(self) -> dict[str, frozenset[str]]:
        """``{language: frozenset of stoplisted terms}`` as written in the stoplist files."""
        return dict(self._stoplist)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self._entries)

    def __repr__(self) -> str:
        return (
            f"Lexicon({len(self._entries)} entries, {len(self._by_concept)} concepts, "
            f"languages={self.languages}, version={self._version!r})"
        )

    def concepts(self) -> list[str]:
        """Sorted distinct concept identifiers."""
        return sorted(self._by_concept)

    def category_of(self, concept_id: str) -> str:
        """Category of a concept (taken from its first entry)."""
        return self._entries_of(concept_id)[0].category

    def synonyms(self, concept_id: str) -> list[str]:
        """Every surface form of a concept, in lexicon order, without duplicates."""
        return list(dict.fromkeys(e.term for e in self._entries_of(concept_id)))

    def for_language(self, language: str) -> Lexicon:
        """The entries and stoplist of one language, as a new lexicon."""
        rows = [e for e in self._entries if e.language == language]
        stop = {language: self._stoplist.get(language, frozenset())}
        return Lexicon(rows, stoplist=stop, version=self._version)

    def merge(self, other: Lexicon, *, version: str | None = None) -> Lexicon:
        """This lexicon's entries followed by ``other``'s (which therefore lose ties)."""
        stop: dict[str, set[str]] = {}
        for source in (self._stoplist, other._stoplist):
            for lang, terms in source.items():
                stop.setdefault(lang, set()).update(terms)
        return Lexicon(
            self._entries + other._entries,
            stoplist=stop,
            version=version or f"{self._version}+{other._version}",
        )

    def to_frame(self) -> Any:
        """The entries as a :class:`pandas.DataFrame` with the five lexicon columns."""
        import pandas as pd

        return pd.DataFrame(
            [(e.term, e.concept_id, e.category, e.language, e.source) for e in self._entries],
            columns=["term", "concept_id", "category", "language", "source"],
        )

    def _entries_of(self, concept_id: str) -> list[LexiconEntry]:
        try:
            return self._by_concept[concept_id]
        except KeyError:
            raise KeyError(
                f"concept {concept_id!r} is not in this lexicon "
                f"({len(self._by_concept)} concepts); "
                "list them with Lexicon.concepts()"
            ) from None


def entries_hash(entries: Iterable[LexiconEntry]) -> str:
    """First eight hex digits of a SHA-256 over the entries, for version strings.

    Examples
    --------
    >>> len(entries_hash([LexiconEntry("feber", "sym:fever", "symptom", "da", "x")]))
    8
    """
    digest = hashlib.sha256()
    for e in entries:
        digest.update("\t".join((e.term, e.concept_id, e.category, e.language, e.source)).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:8]
