"""The thresholds of the hallucination checks, named once.

Every number a check compares against lives in :class:`HallucinationConfig`;
the checks read the one instance :data:`CONFIG`. Its :func:`config_hash` is
recorded next to the family version in the registry (and so in the run
manifest), so two runs with the same version and hash used the same
thresholds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

__all__ = ["CONFIG", "HallucinationConfig", "config_hash"]


@dataclass(frozen=True, slots=True)
class HallucinationConfig:
    """Thresholds and sizes of the hallucination checks.

    Attributes
    ----------
    negation_window : int
        Content words (stop words not counted) after a negation cue that stand
        in its scope ("ingen feber eller hoste").
    normal_cue_window : int
        Content words after a "normal" cue in its scope ("normalt syn").
    list_scope : int
        Content words a scope is extended by when a list goes on after it
        ("denies chest pain, fever, chills").
    final_k : int
        Final-note clauses a draft clause is aligned to (two, so split or
        merged sentences still align).
    transcript_k : int
        Transcript sentences related to a draft clause (before adding the
        sentence after each, where the answer to a question usually is).
    transcript_min_shared : int
        Content keys a transcript sentence must share with the draft clause
        (fewer when the clause has fewer).
    aligned_coverage : float
        Share of a draft clause's keys found in its aligned final-note clauses
        above which the clauses say the same thing: side and grade words are
        compared, a new symptom in it is taken as rewording, and a polarity
        flip against it is critical.
    swap_coverage : float
        Share of a draft sentence's keys in its one aligned final-note sentence
        above which right and left named in the opposite order are a swap
        (laterality), not a rewrite.
    loose_coverage : float
        Share above which the aligned final-note clauses are taken as the
        clause's counterpart for numbers, for "has X instead" evidence and for
        clause-level fabrication.
    transcript_coverage : float
        Share of a clause's keys anywhere in the transcript above which the
        transcript supports it (clause-level fabrication).
    support_final_share : float
        Share of a clause's content found anywhere in the final note (any
        clause: reordered, split and merged sentences) at or above which the
        note is its counterpart and the support check leaves it alone.
    support_min_words : int
        Content words a clause without lexicon mentions or numbers needs
        before the support check flags it (none of them in either reference).
    support_prefix_chars : int
        Shortest stem that counts as an abbreviation or a compound part
        ("abd" for "abdomen").
    support_critical_categories : tuple of str
        Lexicon categories that make an unsupported clause critical.
    answer_head_words : int
        Words at the start of an answer in which a "no" decides it.
    echo_words : int
        Words at the start of an answer searched for an echo of the question.
    answer_lookahead : int
        Sentences after a question searched for its answer.
    quote_chars : int
        Longest quoted evidence, in characters.
    reference_index_size : int
        Final-note and transcript indexes an :class:`IndexCache` keeps.
    stem_cache_size : int
        Words per language an :class:`IndexCache` keeps stems of before it
        starts over.
    """

    negation_window: int = 3
    normal_cue_window: int = 1
    list_scope: int = 2
    final_k: int = 2
    transcript_k: int = 3
    transcript_min_shared: int = 2
    aligned_coverage: float = 0.5
    loose_coverage: float = 0.34
    swap_coverage: float = 0.8
    transcript_coverage: float = 0.5
    support_final_share: float = 0.5
    support_min_words: int = 2
    support_prefix_chars: int = 3
    support_critical_categories: tuple[str, ...] = ("medication", "diagnosis")
    answer_head_words: int = 8
    echo_words: int = 12
    answer_lookahead: int = 2
    quote_chars: int = 60
    reference_index_size: int = 16
    stem_cache_size: int = 200_000


CONFIG = HallucinationConfig()
"""The configuration the checks use."""


def config_hash(config: HallucinationConfig = CONFIG) -> str:
    """A short, stable hash of a configuration's values.

    Examples
    --------
    >>> config_hash() == config_hash(HallucinationConfig())
    True
    >>> config_hash(HallucinationConfig(negation_window=4)) == config_hash()
    False
    >>> len(config_hash())
    8
    """
    blob = json.dumps(asdict(config), sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:8]
