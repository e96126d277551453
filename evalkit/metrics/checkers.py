"""The pluggable checker interface of the ``hallucination`` family.

A *checker* looks at one note pair and returns :class:`Flag` items: located,
typed, graded statements that a part of the AI draft is not supported by the
references (the transcript and/or the clinician's final note). The built-in
checks in :mod:`evalkit.metrics.hallucination` are checkers too; a user adds
their own, for example a locally run NLI model or LLM judge, by passing an
object that satisfies :class:`Checker`::

    score_note(final, draft, transcript=t, checkers=[MyChecker()])
    # or, in the batch layer: options["checkers"] = [MyChecker()]

Its flags are validated (offsets inside the draft, ``text`` equal to the
draft slice, known severity and source) and merged into the same
``hallucination_flags`` column. Checkers receive a :class:`CheckContext` with
the texts already split and indexed, so a checker never re-reads raw input.
See ``docs/checkers.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from evalkit.schema import CRITICAL_TYPES

__all__ = [
    "CRITICAL_TYPES",
    "Checker",
    "CheckContext",
    "FLAG_TYPES",
    "Flag",
    "SEVERITIES",
    "SOURCES",
    "EVIDENCE_MAX_CHARS",
    "make_flag",
    "merge_flags",
    "resolve_checkers",
    "validate_flag",
]

FLAG_TYPES = (
    "medication",
    "dose",
    "number",
    "negation",
    "laterality",
    "diagnosis",
    "fabrication",
    "severity",
)
"""The built-in flag types. Plug-in checkers may add their own type names."""

SEVERITIES = ("critical", "non-critical")
SOURCES = ("transcript", "final_note", "both")
EVIDENCE_MAX_CHARS = 200
"""Evidence longer than this is cut with an ellipsis: it is shown in reports."""


@dataclass(frozen=True, slots=True)
class Flag:
    """One located problem in the AI draft.

    Attributes
    ----------
    type : str
        One of :data:`FLAG_TYPES` (or a plug-in checker's own type).
    severity : {"critical", "non-critical"}
    start, end : int
        Offsets into the normalised ``ai_note``.
    text : str
        ``ai_note[start:end]``.
    evidence : str
        What the reference says instead, or that nothing supports it
        (at most :data:`EVIDENCE_MAX_CHARS` characters).
    source : {"transcript", "final_note", "both"}
        Which reference the decision rests on.
    checker : str
        Name of the checker that raised it (not part of the output columns).
    """

    type: str
    severity: str
    start: int
    end: int
    text: str
    evidence: str
    source: str
    checker: str = "builtin"

    def as_dict(self) -> dict[str, Any]:
        """The flag as the dict stored in ``hallucination_flags``."""
        return {
            "type": self.type,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "evidence": self.evidence,
            "source": self.source,
        }


class CheckContext:
    """What a checker may use besides the pair: language, options, indexes.

    Attributes
    ----------
    language : str
        ``"da"`` or ``"en"``.
    options : dict
        The scoring options (shared, pre-built objects such as ``matcher``).
    previous : dict
        Results of the families that ran before (``previous["terms"]``).
    indexes : dict
        Built lazily by the hallucination family: ``"draft"``, ``"final"`` and
        (when there is a transcript) ``"transcript"`` text indexes. Plug-in
        checkers may read them; their layout is documented in
        :mod:`evalkit.metrics.hallucination`.
    """

    __slots__ = ("language", "options", "previous", "indexes")

    def __init__(
        self,
        language: str,
        options: dict[str, Any] | None = None,
        previous: dict[str, Any] | None = None,
        indexes: dict[str, Any] | None = None,
    ) -> None:
        self.language = language
        self.options = options or {}
        self.previous = previous or {}
        self.indexes = indexes or {}


@runtime_checkable
class Checker(Protocol):
    """A source of hallucination flags.

    Attributes
    ----------
    name : str
        Short identifier, recorded with each flag it raises.

    Methods
    -------
    check(pair, context) -> list of Flag
        ``pair`` is the normalised :class:`~evalkit.metrics.note.NotePair`;
        offsets refer to ``pair.ai_note``. Build flags with :func:`make_flag`.

    Examples
    --------
    >>> class Shouting:
    ...     name = "shouting"
    ...     def check(self, pair, context):
    ...         i = pair.ai_note.find("!!")
    ...         if i < 0:
    ...             return []
    ...         return [make_flag(pair.ai_note, i, i + 2, "fabrication",
    ...                           "no reference uses '!!'", "final_note", checker=self.name)]
    >>> isinstance(Shouting(), Checker)
    True
    """

    name: str

    def check(self, pair: Any, context: CheckContext) -> list[Flag]: ...


def default_severity(flag_type: str) -> str:
    """``critical`` for :data:`CRITICAL_TYPES`, else ``non-critical``.

    Examples
    --------
    >>> default_severity("negation"), default_severity("fabrication")
    ('critical', 'non-critical')
    """
    return "critical" if flag_type in CRITICAL_TYPES else "non-critical"


def _shorten(evidence: str) -> str:
    evidence = " ".join(evidence.split())
    if len(evidence) <= EVIDENCE_MAX_CHARS:
        return evidence
    return evidence[: EVIDENCE_MAX_CHARS - 1] + "…"


def make_flag(
    draft: str,
    start: int,
    end: int,
    flag_type: str,
    evidence: str,
    source: str,
    *,
    severity: str | None = None,
    checker: str = "builtin",
) -> Flag:
    """Build a validated :class:`Flag` over ``draft[start:end]``.

    Parameters
    ----------
    draft : str
        The normalised AI draft.
    start, end : int
        Offsets of the flagged text.
    flag_type : str
        The flag type.
    evidence : str
        Short explanation; whitespace is collapsed and it is cut to
        :data:`EVIDENCE_MAX_CHARS` characters.
    source : {"transcript", "final_note", "both"}
    severity : {"critical", "non-critical"}, optional
        Defaults to :func:`default_severity` of the type.
    checker : str
        Name of the raising checker.

    Examples
    --------
    >>> f = make_flag("Ingen feber.", 0, 11, "negation", "final note: feber", "final_note")
    >>> f.text, f.severity
    ('Ingen feber', 'critical')
    """
    flag = Flag(
        type=flag_type,
        severity=severity or default_severity(flag_type),
        start=start,
        end=end,
        text=draft[start:end] if 0 <= start <= end <= len(draft) else "",
        evidence=_shorten(evidence),
        source=source,
        checker=checker,
    )
    validate_flag(flag, draft)
    return flag


def validate_flag(flag: Flag, draft: str) -> None:
    """Raise ``ValueError`` if ``flag`` does not fit ``draft`` or uses unknown values.

    Examples
    --------
    >>> validate_flag(Flag("dose", "major", 0, 2, "BT", "", "both"), "BT 120/80")
    Traceback (most recent call last):
    ...
    ValueError: Flag severity must be one of ('critical', 'non-critical'); got 'major' ...
    """
    who = f"from checker {flag.checker!r}"
    if not isinstance(flag.type, str) or not flag.type:
        raise ValueError(f"Flag type must be a non-empty string; got {flag.type!r} {who}.")
    if flag.severity not in SEVERITIES:
        raise ValueError(
            f"Flag severity must be one of {SEVERITIES}; got {flag.severity!r} {who}. "
            "Use 'critical' or 'non-critical'."
        )
    if flag.source not in SOURCES:
        raise ValueError(
            f"Flag source must be one of {SOURCES}; got {flag.source!r} {who}. "
            "Name the reference the decision rests on."
        )
    if not (0 <= flag.start < flag.end <= len(draft)):
        raise ValueError(
            f"Flag offsets ({flag.start}, {flag.end}) {who} are outside the draft "
            f"(length {len(draft)}) or empty. Offsets must index the normalised ai_note."
        )
    if flag.text != draft[flag.start : flag.end]:
        raise ValueError(
            f"Flag text {who} differs from ai_note[{flag.start}:{flag.end}]. "
            "Build flags with make_flag() so text is taken from the draft."
        )
    if len(flag.evidence) > EVIDENCE_MAX_CHARS:
        raise ValueError(
            f"Flag evidence {who} has {len(flag.evidence)} characters; the limit is "
            f"{EVIDENCE_MAX_CHARS}. Shorten it (make_flag() does this)."
        )


def merge_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Sort flags by position and drop duplicates.

    Two flags of the same type whose spans overlap are one finding: the
    critical one (else the first found) is kept.

    Examples
    --------
    >>> a = Flag("negation", "critical", 0, 11, "Ingen feber", "e", "both")
    >>> b = Flag("negation", "non-critical", 6, 11, "feber", "e", "final_note")
    >>> c = Flag("number", "non-critical", 13, 17, "38,5", "e", "both")
    >>> [(f.type, f.start) for f in merge_flags([c, b, a])]
    [('negation', 0), ('number', 13)]
    """
    kept: list[Flag] = []
    rank = {"critical": 0, "non-critical": 1}
    for flag in sorted(flags, key=lambda f: (rank[f.severity], f.start, f.end)):
        if any(k.type == flag.type and k.start < flag.end and flag.start < k.end for k in kept):
            continue
        kept.append(flag)
    return sorted(kept, key=lambda f: (f.start, f.end, f.type))


def resolve_checkers(spec: Any) -> list[Checker]:
    """Validate ``options["checkers"]``: ``None`` or an iterable of :class:`Checker` objects.

    Examples
    --------
    >>> resolve_checkers(None)
    []
    >>> resolve_checkers(["nli"])
    Traceback (most recent call last):
    ...
    TypeError: options['checkers'][0] is a str, not a checker: ...
    """
    if spec is None:
        return []
    if isinstance(spec, Checker):
        spec = [spec]
    out: list[Checker] = []
    for i, checker in enumerate(spec):
        if not isinstance(checker, Checker) or not callable(getattr(checker, "check", None)):
            raise TypeError(
                f"options['checkers'][{i}] is a {type(checker).__name__}, not a checker: it needs "
                "a 'name' attribute and a check(pair, context) method. See docs/checkers.md."
            )
        out.append(checker)
    return out
