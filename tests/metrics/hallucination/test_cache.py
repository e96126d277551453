"""Tests of IndexCache and StemTable: per-batch lifetime, same flags with and without sharing."""

from __future__ import annotations

import pickle
import threading

import pytest
import snowballstemmer

from evalkit.engine.local import score_chunk
from evalkit.metrics.hallucination import IndexCache, StemTable, score_hallucination
from evalkit.metrics.hallucination import family as family_module
from evalkit.metrics.note import NotePair
from tests.metrics.hallucination.conftest import TRANSCRIPT_DA, standin_matcher


@pytest.mark.parametrize(("language", "stemmer"), [("da", "danish"), ("en", "english")])
def test_stem_keys_are_snowball_stems(language, stemmer):
    reference = snowballstemmer.stemmer(stemmer)
    table = StemTable(language)
    for word in ("feber", "hoster", "smerterne", "coughing", "fevers", "knees"):
        assert table.key(word) == "s:" + reference.stemWord(word)
    assert len(table.keys) == 6


def test_a_full_stem_table_starts_over():
    table = StemTable("da", max_words=2)
    for word in ("a1", "b2", "c3"):
        table.key(word)
    table.trim()
    assert table.keys == {}
    assert table.key("feber") == "s:feb"


def test_reference_indexes_are_kept_most_recent_first():
    cache = IndexCache(size=2)
    for k in "abc":
        cache.keep((k,), k)
    assert cache.reference(("a",)) is None and len(cache) == 2
    assert cache.reference(("b",)) == "b"  # now the most recent
    cache.keep(("d",), "d")
    assert cache.reference(("c",)) is None and cache.reference(("b",)) == "b"


def test_size_zero_keeps_nothing_and_negative_sizes_are_refused():
    cache = IndexCache(size=0)
    cache.keep(("a",), "a")
    assert len(cache) == 0
    with pytest.raises(ValueError, match="sizes must be 0 or more, got size=-1"):
        IndexCache(size=-1)


def test_a_pickled_cache_arrives_empty_with_its_sizes():
    cache = IndexCache(size=3, stem_words=10)
    cache.keep(("a",), "a")
    cache.stems("da").key("feber")
    copy = pickle.loads(pickle.dumps(cache))
    assert (copy.size, copy.stem_words, len(copy)) == (3, 10, 0)
    assert copy.stems("da").keys == {}


def test_threads_share_one_stem_table_per_language():
    cache = IndexCache()
    found = []
    threads = [threading.Thread(target=lambda: found.append(cache.stems("da"))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(t is found[0] for t in found)


def _pairs():
    final = "Feber 38,5. Halssmerter i 3 dage. Ingen hoste."
    drafts = ["Feber 39,5. Halssmerter.", "Ingen feber. Hoste.", "Halssmerter i venstre side."]
    return [NotePair.from_raw(final, d, TRANSCRIPT_DA, "da") for d in drafts]


def test_sharing_a_cache_between_notes_changes_no_flag_and_builds_references_once(monkeypatch):
    matcher = standin_matcher("da")
    alone = [score_hallucination(p, {"matcher": matcher}).flags for p in _pairs()]
    built = []
    real = family_module.build_index

    def counting(text, *args, **kwargs):
        built.append(kwargs.get("transcript", False))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(family_module, "build_index", counting)
    cache = IndexCache()
    shared = [
        score_hallucination(p, {"matcher": matcher, "index_cache": cache}).flags for p in _pairs()
    ]
    assert shared == alone
    assert any(alone)
    assert built.count(True) == 1  # one transcript index for the three drafts
    assert len(cache) == 2  # the final note's index and the transcript's


def test_a_wrong_index_cache_option_is_refused():
    with pytest.raises(
        TypeError, match=r"options\['index_cache'\] must be an IndexCache, got dict"
    ):
        score_hallucination(_pairs()[0], {"matcher": None, "index_cache": {}})


def test_the_engine_makes_a_cache_per_chunk_and_keeps_a_callers_own():
    import pandas as pd

    rows = pd.DataFrame(
        {
            "final_note": ["Feber 38,5."] * 3,
            "ai_note": ["Feber 39,5.", "Feber 38,5. Hoste.", "Feber."],
            "language": ["da"] * 3,
        }
    )
    mine = IndexCache()
    with_mine = score_chunk(rows, options={"index_cache": mine})
    assert len(mine) == 1  # the engine used the caller's cache
    pd.testing.assert_frame_equal(with_mine, score_chunk(rows))


@pytest.mark.parametrize("language", ["xx", "sv", "", None, "Da"])
def test_a_stem_table_of_an_unknown_language_is_an_error_not_danish(language):
    with pytest.raises(ValueError, match=r"StemTable\(language\) .* is not supported; use one of"):
        StemTable(language)
    with pytest.raises(ValueError, match=r"not supported; use one of da, en"):
        IndexCache().stems(language)
