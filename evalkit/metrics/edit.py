"""Edit metrics between the clinician's final note and the AI draft.

The reference is always ``final_note`` and the hypothesis ``ai_note``, so a
*deletion* is a word the clinician wrote that the draft lacks, and an
*insertion* a draft word the clinician removed (the ASR convention jiwer uses).
Both notes are normalised with :func:`evalkit.text.normalize_text` first;
case, punctuation and spacing count because the clinician had to type them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from rapidfuzz.distance import LCSseq, Levenshtein

from evalkit.metrics.registry import MetricInfo, register_family, register_metric
from evalkit.text.normalize import normalize_text

VERSION = "1"


@dataclass(frozen=True, slots=True)
class EditScore:
    """Edit metrics of one note pair.

    Attributes
    ----------
    char_distance : int
        Character Levenshtein distance (unit costs).
    char_distance_norm : float
        ``char_distance / max(len(final), len(draft))``; 0 when both are empty.
    wer : float
        Word error rate ``(S + D + I) / (H + S + D)`` with the final note as the
        reference. When the final note has no words it is 0 if the draft has none
        either, else 1 (the clinician deleted the whole draft).
    word_substitutions, word_deletions, word_insertions, word_hits : int
        Counts from the word alignment.
    unchanged : bool
        The notes are equal after collapsing whitespace runs and stripping ends.
    unchanged_exact : bool
        The normalised notes are identical.
    kept_ratio : float
        Share of draft characters kept in the final note: the longest common
        subsequence of characters divided by the draft length. 1 when both notes
        are empty, 0 when only the draft is.
    length_change : int
        Final-note characters minus draft characters.
    """

    char_distance: int
    char_distance_norm: float
    wer: float
    word_substitutions: int
    word_deletions: int
    word_insertions: int
    word_hits: int
    unchanged: bool
    unchanged_exact: bool
    kept_ratio: float
    length_change: int

    def as_columns(self) -> dict[str, Any]:
        """The scores as ``{column: value}``."""
        # dataclasses.asdict deep-copies recursively; the fields are scalars, so read them directly.
        return {name: getattr(self, name) for name in _EDIT_FIELDS}


_EDIT_FIELDS = tuple(f.name for f in fields(EditScore))


def word_counts(final_words: list[str], draft_words: list[str]) -> tuple[int, int, int, int]:
    """Substitutions, deletions, insertions and hits aligning two token lists.

    Uses the same minimal Levenshtein alignment as ``jiwer.process_words``.

    Examples
    --------
    >>> word_counts(["BT", "120/80", "p", "72"], ["BT", "130/80", "p"])
    (1, 1, 0, 2)
    """
    return _op_counts(Levenshtein.editops(final_words, draft_words).as_list(), len(final_words))


def _op_counts(ops: list[Any], n_final: int) -> tuple[int, int, int, int]:
    # Substitutions, deletions, insertions and hits from the word edit operations
    # (Editops.as_list(): (tag, i, j) tuples, though rapidfuzz's stub says Editop).
    subs = dels = ins = 0
    for op in ops:
        tag = op[0]
        if tag == "replace":
            subs += 1
        elif tag == "delete":
            dels += 1
        else:
            ins += 1
    return subs, dels, ins, n_final - subs - dels


def _edited_chars(ops: list[Any], final_words: list[str], draft_words: list[str]) -> int:
    """An upper bound of the character distance from the word operations, when they are all.

    A substituted word costs at most its longer spelling, a deleted or
    inserted word its letters and one separator. When the notes differ in
    their white space too the bound can fall short; it only serves as
    rapidfuzz's ``score_hint``, which never changes the distance found (a
    hint below the distance is doubled until it holds), and a close hint
    selects the fast banded computation.

    Examples
    --------
    >>> ops = Levenshtein.editops(["BT", "120/80", "p", "72"], ["BT", "130/80", "p"]).as_list()
    >>> _edited_chars(ops, ["BT", "120/80", "p", "72"], ["BT", "130/80", "p"])
    9
    """
    total = 0
    for tag, i, j in ops:
        if tag == "replace":
            a, b = len(final_words[i]), len(draft_words[j])
            total += a if a > b else b
        elif tag == "delete":
            total += len(final_words[i]) + 1
        else:
            total += len(draft_words[j]) + 1
    return total


def _word_edit_hint(final_words: list[str], draft_words: list[str], edits: int) -> int:
    # The character distance is at most the characters of the edited words plus
    # their separators; a close hint lets rapidfuzz use its fast banded path.
    if edits == 0:
        return 0
    return edits * (1 + max(map(len, final_words + draft_words), default=1))


def score_edit(final_note: str, ai_note: str) -> EditScore:
    """Compute every edit metric for one note pair.

    Parameters
    ----------
    final_note : str
        The note the clinician signed (the reference).
    ai_note : str
        The AI draft (the hypothesis).

    Returns
    -------
    EditScore

    Examples
    --------
    >>> s = score_edit("Pt har ondt i halsen.\\nPlan: Pamol", "Pt har ondt i halsen. Plan: Pinex")
    >>> s.char_distance, s.word_substitutions, s.wer, s.unchanged
    (5, 1, 0.14285714285714285, False)
    >>> score_edit("", "").char_distance_norm
    0.0
    """
    final = normalize_text(final_note)
    draft = normalize_text(ai_note)
    final_words = final.split()
    draft_words = draft.split()
    ops = Levenshtein.editops(final_words, draft_words).as_list()
    subs, dels, ins, hits = _op_counts(ops, len(final_words))
    longest = max(len(final), len(draft))
    # The characters of the edited words: a closer hint than _word_edit_hint's
    # (about 1.3 times the distance on 1,500-character notes, against 4).
    distance, wer = _distance_and_wer(
        final,
        draft,
        final_words,
        draft_words,
        subs + dels + ins,
        _edited_chars(ops, final_words, draft_words),
    )
    if draft:
        # The longest common subsequence is at least (len(final) + len(draft))
        # / 2 - distance (a substitution is one deletion and one insertion, so
        # the insert/delete distance, len(final) + len(draft) - 2 * LCS, is
        # at most twice the distance). As score_cutoff that bound changes no
        # result (a similarity at or above it is returned as it is) and lets
        # rapidfuzz compute only a band of the table.
        floor = (len(final) + len(draft) - 2 * distance + 1) // 2
        kept = LCSseq.similarity(final, draft, score_cutoff=max(floor, 0)) / len(draft)
    else:
        kept = 1.0 if not final else 0.0
    return EditScore(
        char_distance=distance,
        char_distance_norm=distance / longest if longest else 0.0,
        wer=wer,
        word_substitutions=subs,
        word_deletions=dels,
        word_insertions=ins,
        word_hits=hits,
        unchanged=final_words == draft_words,
        unchanged_exact=final == draft,
        kept_ratio=kept,
        length_change=len(final) - len(draft),
    )


def edit_core(final_note: str, ai_note: str) -> tuple[int, float, bool]:
    """``(char_distance, wer, unchanged)`` of :func:`score_edit`, without the other columns.

    The same values as :func:`score_edit` at less cost (no word alignment, no
    longest common subsequence): for callers that score many small pieces,
    such as the sections of a note.

    Examples
    --------
    >>> edit_core("Pt har ondt i halsen.\\nPlan: Pamol", "Pt har ondt i halsen. Plan: Pinex")
    (5, 0.14285714285714285, False)
    """
    final = normalize_text(final_note)
    draft = normalize_text(ai_note)
    final_words = final.split()
    draft_words = draft.split()
    if final_words == draft_words:
        edits, hint = 0, None
    else:
        # the word operations (as many as the word distance) also give a close hint
        ops = Levenshtein.editops(final_words, draft_words).as_list()
        edits, hint = len(ops), _edited_chars(ops, final_words, draft_words)
    distance, wer = _distance_and_wer(final, draft, final_words, draft_words, edits, hint)
    return distance, wer, final_words == draft_words


def _distance_and_wer(
    final: str,
    draft: str,
    final_words: list[str],
    draft_words: list[str],
    edits: int,
    hint: int | None = None,
) -> tuple[int, float]:
    """Character distance and WER of normalised texts, given the word edits.

    ``hint`` is the expected character distance for rapidfuzz (by default
    :func:`_word_edit_hint`); the distance is the same whatever the hint.
    """
    if final == draft:
        distance = 0
    else:
        if hint is None:
            hint = _word_edit_hint(final_words, draft_words, edits)
        distance = Levenshtein.distance(final, draft, score_hint=hint or 1)
    if final_words:
        wer = edits / len(final_words)
    else:
        wer = 0.0 if not draft_words else 1.0
    return distance, wer


def char_distance(final_note: str, ai_note: str) -> int:
    """Character Levenshtein distance between the normalised notes.

    Examples
    --------
    >>> char_distance("halssmerter", "halsmerter")
    1
    """
    return score_edit(final_note, ai_note).char_distance


def wer(final_note: str, ai_note: str) -> float:
    """Word error rate of the draft against the final note (lower is better, 0 best).

    Examples
    --------
    >>> wer("ingen feber", "feber")
    0.5
    """
    return score_edit(final_note, ai_note).wer


def _compute(pair: Any, options: dict[str, Any], previous: dict[str, Any]) -> EditScore:
    return score_edit(pair.final_note, pair.ai_note)


_CARD = "edit"
for _info in (
    MetricInfo(
        "char_distance",
        "edit",
        "Character Levenshtein distance between final note and draft",
        (0, None),
        "lower",
        VERSION,
        "int",
        0,
        "char_distance",
    ),
    MetricInfo(
        "char_distance_norm",
        "edit",
        "char_distance / max(len(final), len(draft)); 0 if both empty",
        (0, 1),
        "lower",
        VERSION,
        "float",
        0.0,
        "char_distance_norm",
    ),
    MetricInfo(
        "wer",
        "edit",
        "Word error rate (S+D+I)/(H+S+D), final note as reference, whitespace tokens",
        (0, None),
        "lower",
        VERSION,
        "float",
        0.0,
        "wer",
    ),
    MetricInfo(
        "word_substitutions",
        "edit",
        "Words substituted in the alignment",
        (0, None),
        "lower",
        VERSION,
        "int",
        0,
        "wer",
    ),
    MetricInfo(
        "word_deletions",
        "edit",
        "Final-note words missing from the draft",
        (0, None),
        "lower",
        VERSION,
        "int",
        0,
        "wer",
    ),
    MetricInfo(
        "word_insertions",
        "edit",
        "Draft words the clinician removed",
        (0, None),
        "lower",
        VERSION,
        "int",
        0,
        "wer",
    ),
    MetricInfo(
        "word_hits",
        "edit",
        "Words kept unchanged in the alignment",
        (0, None),
        "none",
        VERSION,
        "int",
        None,
        "wer",
    ),
    MetricInfo(
        "unchanged",
        "edit",
        "Notes equal after collapsing whitespace and stripping the ends",
        (0, 1),
        "higher",
        VERSION,
        "bool",
        True,
        "unchanged",
    ),
    MetricInfo(
        "unchanged_exact",
        "edit",
        "Normalised notes identical character for character",
        (0, 1),
        "higher",
        VERSION,
        "bool",
        True,
        "unchanged",
    ),
    MetricInfo(
        "kept_ratio",
        "edit",
        "Share of draft characters kept in the final note (LCS / draft length)",
        (0, 1),
        "higher",
        VERSION,
        "float",
        1.0,
        "kept_ratio",
    ),
    MetricInfo(
        "length_change",
        "edit",
        "Final-note characters minus draft characters",
        (None, None),
        "none",
        VERSION,
        "int",
        0,
        "length_change",
    ),
):
    register_metric(_info)

register_family("edit", _compute, order=10, version=VERSION, reads_transcript=False)
