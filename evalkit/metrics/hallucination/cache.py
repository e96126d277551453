"""What the hallucination index keeps between notes, with a per-batch lifetime.

An :class:`IndexCache` holds the stems of the words met (:class:`StemTable`,
one per language) and the indexes of the last final notes and transcripts.
The engine makes one per chunk of rows (``options["index_cache"]``, see
:func:`evalkit.engine.local.score_chunk`) and drops it with the chunk; a call
of :func:`~evalkit.metrics.hallucination.score_hallucination` without one
gets a fresh cache of its own. Nothing is kept at module level, so two runs
in one process never share state, and what a cache holds never changes a
score: a stem is a function of its word, and a kept index is the index that
would be built again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import snowballstemmer

from evalkit.metrics.hallucination.config import CONFIG
from evalkit.metrics.hallucination.words import LANG_STEMMER
from evalkit.schema import check_language

if TYPE_CHECKING:
    from evalkit.metrics.hallucination.index import TextIndex

__all__ = ["IndexCache", "StemTable"]


class StemTable:
    """``word -> "s:<stem>"`` for one language, filled as words are met.

    The index looks up every word of a note; a plain dict read (``keys``) is
    cheaper than a call, and the key string is built once per word.

    Examples
    --------
    >>> table = StemTable("da")
    >>> table.key("feber"), table.keys
    ('s:feb', {'feber': 's:feb'})
    """

    __slots__ = ("keys", "language", "max_words", "word_keys", "_stem_word")

    def __init__(self, language: str, max_words: int = CONFIG.stem_cache_size) -> None:
        self.language = language
        self.max_words = max_words
        self.keys: dict[str, str] = {}
        self.word_keys: dict[str, str] = {}
        """``"s:<stem>" -> "w:<stem>"``: the word key of a stem key, built once."""
        check_language(language, what="StemTable(language)")
        self._stem_word = snowballstemmer.stemmer(LANG_STEMMER[language]).stemWord

    def key(self, word: str) -> str:
        """The stem key of a lower-case word."""
        found = self.keys.get(word)
        if found is None:
            found = self.keys[word] = "s:" + self._stem_word(word)
        return found

    def trim(self) -> None:
        """Start over when more than ``max_words`` words are kept (bounds the memory)."""
        if len(self.keys) > self.max_words:
            self.keys = {}
            self.word_keys = {}


class IndexCache:
    """Stems and reference indexes shared by the notes of one batch.

    Parameters
    ----------
    size : int
        Final-note and transcript indexes kept (the most recently used);
        0 keeps none.
    stem_words : int
        Words per language whose stems are kept.

    Notes
    -----
    When several drafts are scored against the same consultation (several
    systems or versions of one, as in ACI-Bench), the final note and the
    transcript are the same for each, and so is their index: it is built once
    and reused while it is among the last ``size`` used. The engine scores
    the rows of a chunk grouped by final note and transcript, so repeats meet
    here. The cache is safe to share between threads; a pickled cache (sent
    to a worker process) arrives empty.

    Examples
    --------
    >>> cache = IndexCache(size=1)
    >>> cache.stems("en").key("fevers")
    's:fever'
    >>> cache.keep(("k", 1), "index 1"); cache.keep(("k", 2), "index 2")
    >>> cache.reference(("k", 1)) is None, cache.reference(("k", 2))
    (True, 'index 2')
    """

    def __init__(
        self, *, size: int = CONFIG.reference_index_size, stem_words: int = CONFIG.stem_cache_size
    ) -> None:
        if size < 0 or stem_words < 0:
            raise ValueError(
                f"IndexCache sizes must be 0 or more, got size={size}, stem_words={stem_words}"
            )
        self.size = size
        self.stem_words = stem_words
        self._stems: dict[str, StemTable] = {}
        self._indexes: OrderedDict[tuple[Any, ...], TextIndex] = OrderedDict()
        self._lock = threading.Lock()

    def __reduce__(self) -> tuple[Any, ...]:
        # the lock cannot be pickled, and a worker builds its own indexes anyway
        return (_empty_cache, (self.size, self.stem_words))

    def __len__(self) -> int:
        return len(self._indexes)

    def stems(self, language: str) -> StemTable:
        """The stem table of ``language``, trimmed to its size."""
        table = self._stems.get(language)
        if table is None:
            with self._lock:
                table = self._stems.setdefault(language, StemTable(language, self.stem_words))
        table.trim()
        return table

    def reference(self, key: tuple[Any, ...]) -> TextIndex | None:
        """The index kept under ``key``, marked as just used; ``None`` if not kept."""
        with self._lock:
            index = self._indexes.get(key)
            if index is not None:
                self._indexes.move_to_end(key)
            return index

    def keep(self, key: tuple[Any, ...], index: TextIndex) -> None:
        """Keep ``index`` under ``key``, dropping the least recently used beyond ``size``."""
        if self.size <= 0:
            return
        with self._lock:
            self._indexes[key] = index
            while len(self._indexes) > self.size:
                self._indexes.popitem(last=False)


def _empty_cache(size: int, stem_words: int) -> IndexCache:
    return IndexCache(size=size, stem_words=stem_words)
