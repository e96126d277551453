"""Hallucination flags: typed, located, graded, explained and grounded.

For each note the family ``hallucination`` (order 30) returns
``hallucination_flags`` (a list of dicts ``{type, severity, start, end, text,
evidence, source}`` with offsets into the normalised ``ai_note``),
``n_hallucination_flags``, ``n_critical_flags`` and ``hallucination_free``.

How a draft is checked
----------------------
Every text is indexed once (:func:`build_index`, :mod:`.index`): split into units (clauses of
a note, sentences within speaker turns of a transcript), with per unit the
*content keys* (lexicon concept ids, Snowball stems of the remaining content
words, numbers), side words, intensity words and a negation cue marker, plus
postings ``key -> units``. A draft clause is then aligned to the final note's
clauses that share most keys with it (two at most, so split or merged sentences
still align) and to related transcript sentences; no clause is compared with
every transcript sentence, so the cost grows linearly with text length.

Draft items are checked against the references:

* concept mentions (lexicon): present with the same polarity → supported;
  present only with the opposite polarity → ``negation``; absent from every
  reference → ``medication`` / ``diagnosis`` / ``fabrication`` by category;
* numbers (:func:`evalkit.text.numbers.find_numbers`): the same value in a
  reference (``38,5`` = ``38.5`` = "otteogtredive komma fem") → supported;
  else a different value of the same kind nearby → ``dose`` (doses and
  frequencies), ``severity`` (scores such as 3/10) or ``number``;
* side words (højre/venstre, right/left) and intensity words (let/svær,
  mild/severe) in aligned units that differ → ``laterality`` / ``severity``;
* with no lexicon match, an aligned clause whose negation differs →
  ``negation``; a clause with no counterpart in any reference →
  ``fabrication``.

Content the clinician kept in the final note is endorsed: it is never flagged
critical. Which reference decided is recorded in ``source``.

Modules
-------
``config``      the thresholds (:class:`HallucinationConfig`), named once
``words``       word lists (stop words, negation cues, sides, grades …)
``cache``       :class:`IndexCache`: stems and reference indexes of one batch
``index``       :class:`Unit`, :class:`TextIndex`, :func:`build_index`
``transcript``  turns, questions and their yes/no answers
``state``       per-note alignment shared by the checks
``concepts``    :class:`ConceptChecker` (negation, medication, diagnosis, fabrication)
``numbers``     :class:`NumberChecker` (dose, number, severity scores)
``grades``      :class:`LateralityChecker`, :class:`SeverityChecker`, :class:`QualityChecker`
``clauses``     :class:`ClauseChecker` (clause-level negation and fabrication)
``family``      :func:`score_hallucination`, the columns and their registration
``evaluation``  :func:`evaluate_flags`, :func:`flag_confusion` on labelled cases
"""

from __future__ import annotations

from evalkit.metrics.hallucination.cache import IndexCache, StemTable
from evalkit.metrics.hallucination.clauses import ClauseChecker
from evalkit.metrics.hallucination.concepts import ConceptChecker
from evalkit.metrics.hallucination.config import CONFIG, HallucinationConfig, config_hash
from evalkit.metrics.hallucination.evaluation import evaluate_flags, flag_confusion
from evalkit.metrics.hallucination.family import (
    BUILTIN_CHECKERS,
    FLAG_ITEM_FIELDS,
    INDEX_CACHE_OPTION,
    VERSION,
    HallucinationScore,
    hallucination_flags,
    score_hallucination,
)
from evalkit.metrics.hallucination.grades import (
    LateralityChecker,
    QualityChecker,
    SeverityChecker,
)
from evalkit.metrics.hallucination.grounding import transcript_verdict
from evalkit.metrics.hallucination.index import TextIndex, Unit, build_index
from evalkit.metrics.hallucination.numbers import NumberChecker

__all__ = [
    "transcript_verdict",
    "BUILTIN_CHECKERS",
    "CONFIG",
    "ClauseChecker",
    "ConceptChecker",
    "FLAG_ITEM_FIELDS",
    "HallucinationConfig",
    "HallucinationScore",
    "INDEX_CACHE_OPTION",
    "IndexCache",
    "LateralityChecker",
    "NumberChecker",
    "QualityChecker",
    "SeverityChecker",
    "StemTable",
    "TextIndex",
    "Unit",
    "VERSION",
    "build_index",
    "config_hash",
    "evaluate_flags",
    "flag_confusion",
    "hallucination_flags",
    "score_hallucination",
]
