"""Scoring one note pair with every registered metric family."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evalkit.metrics.registry import list_families
from evalkit.schema import DEFAULT_LANGUAGE, check_language
from evalkit.text.normalize import normalize_text


@dataclass(frozen=True, slots=True)
class NotePair:
    """One consultation's texts, normalised.

    Attributes
    ----------
    final_note : str
        The signed note (reference).
    ai_note : str
        The AI draft (hypothesis).
    transcript : str or None
        The consultation transcript, when there is one.
    language : str
        ``"da"`` or ``"en"`` (:data:`evalkit.schema.LANGUAGES`); any other
        value raises ``ValueError``, so no check falls back to another
        language's word lists.

    Examples
    --------
    >>> NotePair("Ingen feber.", "Feber.", language="en").language
    'en'
    >>> NotePair("a", "b", language="sv")
    Traceback (most recent call last):
    ...
    ValueError: the notes' language 'sv' is not supported; use one of da, en
    """

    final_note: str
    ai_note: str
    transcript: str | None = None
    language: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        check_language(self.language, what="the notes' language")

    @classmethod
    def from_raw(
        cls,
        final_note: str | None,
        ai_note: str | None,
        transcript: str | None = None,
        language: str = DEFAULT_LANGUAGE,
    ) -> NotePair:
        """Build a pair from raw text, applying :func:`normalize_text` to each part."""
        return cls(
            normalize_text(final_note),
            normalize_text(ai_note),
            normalize_text(transcript) if transcript else None,
            language,
        )


@dataclass(frozen=True, slots=True)
class NoteScore:
    """All metric results for one note pair, keyed by family name.

    Use :meth:`as_columns` for the flat ``{column: value}`` row the batch
    layer writes, or attribute access (``score.edit.wer``) for one family.
    """

    results: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.results[name]
        except KeyError:
            raise AttributeError(
                f"NoteScore has no family {name!r}; families: {', '.join(self.results)}"
            ) from None

    def as_columns(self) -> dict[str, Any]:
        """Flatten every family's result into one ``{column: value}`` dict."""
        row: dict[str, Any] = {}
        for result in self.results.values():
            row.update(result.as_columns())
        return row


def score_note(
    final_note: str,
    ai_note: str,
    *,
    transcript: str | None = None,
    language: str = DEFAULT_LANGUAGE,
    families: list[str] | None = None,
    **options: Any,
) -> NoteScore:
    """Score one AI draft against the clinician's final note.

    Parameters
    ----------
    final_note : str
        The note the clinician signed (the reference).
    ai_note : str
        The AI draft (the hypothesis).
    transcript : str, optional
        The consultation transcript; used by grounded checks.
    language : {"da", "en"}
        Language of the notes.
    families : list of str, optional
        Metric families to run (default: all registered).
    **options
        Passed to the families (for example ``lexicon=``).

    Returns
    -------
    NoteScore

    Examples
    --------
    >>> s = score_note("BT 120/80. Ingen feber.", "BT 120/80.  Ingen feber.", families=["edit"])
    >>> s.edit.unchanged, s.edit.unchanged_exact
    (True, False)
    """
    pair = NotePair.from_raw(final_note, ai_note, transcript, language)
    return score_pair(pair, families=families, options=options)


def score_pair(
    pair: NotePair, *, families: list[str] | None = None, options: dict[str, Any] | None = None
) -> NoteScore:
    """Score an already-normalised :class:`NotePair` (the batch layer's entry point)."""
    opts = options or {}
    results: dict[str, Any] = {}
    for fam in list_families():
        if families is not None and fam.name not in families:
            continue
        results[fam.name] = fam.compute(pair, opts, results)
    return NoteScore(results)
