"""Grades, scales, intensity words and presence words in Danish and English.

A changed grade is a severity error: ``VAS 6`` against ``VAS 3``, ``grade
II/VI`` against ``grade IV/VI``, ``2+`` against ``3+``, ``mild`` against
``severe``. :func:`find_grades` reads them into :class:`Grade` items whose
values are comparable across spellings (``NRS 6/10`` = ``VAS 6`` = ``pain 6
out of 10``; ``II/VI`` = ``2/6``; ``moderat`` = ``moderate`` = ``moderately``),
and :func:`same_grade` compares two of them when they are on the same scale.
Presence words (``present``, ``til stede``, ``påvist``; ``absent``, ``ikke
påvist``) are cue data of the lexicon, read as a polarity by
:func:`evalkit.lexicon.polarity.find_presence`.

Kinds of grade (:data:`GRADE_KINDS`):

``pain``
    Pain scales (VAS, NRS, VRS, "pain 8 out of 10", a bare ``8/10``); value
    on 0–10 (``VAS 60`` without a maximum is read as millimetres, 6).
``murmur``
    Heart murmur grades (``grade II/VI``, ``2/6`` next to a murmur word).
``plus``
    Plus grades of reflexes, oedema, pulses and urine sticks (``2+``, ``+++``).
``grade``, ``stage``
    ``grade 2``, ``grad II``, ``NYHA III``; ``stage 3``, ``stadie IV``
    (a letter adds a tenth: ``stage 3b`` is 3.2).
``power``
    Muscle power out of 5 (``4/5``).
``intensity``
    Ordinal words: 0 minimal/trace, 1 mild, 2 moderate, 3 severe, with
    Danish inflections (``let``/``lette``, ``svær``/``svært``/``svære``)
    and ranges (``mild to moderate``: 1–2).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from evalkit.text.numbers import NumberMention, _latin1_set, find_numbers, parse_number_words

__all__ = [
    "GRADE_KINDS",
    "Grade",
    "find_grades",
    "same_grade",
]

GRADE_KINDS = ("pain", "murmur", "plus", "grade", "stage", "power", "intensity")
"""The ``kind`` values of a :class:`Grade`; grades compare only within a kind."""


@dataclass(frozen=True, slots=True)
class Grade:
    """A grade or score on a scale, located in a text.

    Attributes
    ----------
    start, end : int
        Offsets of the whole mention.
    text : str
        ``text[start:end]``.
    kind : str
        One of :data:`GRADE_KINDS`.
    value : float
        The grade on its scale: 0–10 for pain, 1–6 for murmurs, 0–4 for plus
        grades, 0–3 for intensity words, the number for grades and stages.
    high : float or None
        High end of a range (``mild to moderate``), else ``None``.
    scale : str or None
        Scale name as normalised (``VAS``, ``NRS``, ``NYHA`` …) when written.
    """

    start: int
    end: int
    text: str
    kind: str
    value: float
    high: float | None
    scale: str | None


# --- tables ------------------------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_ROMAN_RE = r"(?:vi|v|iv|iii|ii|i)"
_W = r"(?<![^\W\d_])"
_E = r"(?![^\W\d_])"
_F = re.IGNORECASE

# Intensity stems with their level. Danish adjectives inflect with -e
# (plural, definite) and -t (neuter); the forms that do not follow the rule
# (a doubled consonant) are listed whole.
_INTENSITY_DA = {
    "minimal": 0,
    "sparsom": 0,
    "let": 1,
    "lette": 1,
    "lettere": 1,
    "mild": 1,
    "svag": 1,
    "beskeden": 1,
    "beskedne": 1,
    "moderat": 2,
    "middelsvær": 2,
    "svær": 3,
    "kraftig": 3,
    "udtalt": 3,
    "markant": 3,
    "voldsom": 3,
    "voldsomme": 3,
    "betydelig": 3,
    "intens": 3,
    "stærk": 3,
}
_INTENSITY_EN = {
    "minimal": 0,
    "minimally": 0,
    "trace": 0,
    "mild": 1,
    "mildly": 1,
    "slight": 1,
    "slightly": 1,
    "moderate": 2,
    "moderately": 2,
    "severe": 3,
    "severely": 3,
    "marked": 3,
    "markedly": 3,
    "extreme": 3,
    "excruciating": 3,
}


def _danish_forms(stems: dict[str, int]) -> dict[str, int]:
    forms: dict[str, int] = {}
    for stem, level in stems.items():
        forms.setdefault(stem, level)
        if stem.endswith("e"):
            continue
        forms.setdefault(stem + "e", level)
        if not stem.endswith("t"):
            forms.setdefault(stem + "t", level)
    return forms


_INTENSITY = {"da": _danish_forms(_INTENSITY_DA), "en": dict(_INTENSITY_EN)}
# "let at", "svært ved at": easy, difficult; "marked by": a verb.
_NOT_INTENSITY_AFTER = {
    "da": re.compile(r"[ \t]+(?:at|ved|til\s+at|for)" + _E, _F),
    "en": re.compile(r"[ \t]+(?:by|as|on|with|the|a|for)" + _E, _F),
}
_RANGE_WORD = re.compile(r"[ \t]*(?:-|–|to|til|or|eller|/)[ \t]*", _F)


def _words_regex(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_INTENSITY_RE = {
    lang: re.compile(_W + r"(?:" + _words_regex(table) + r")" + _E, _F)
    for lang, table in _INTENSITY.items()
}

# --- scale regular expressions -----------------------------------------------------

_NUM = r"(?P<num>\d+(?:[.,]\d+)?|[^\W\d_]+(?:[- ][^\W\d_]+)?)"
# Each scale regex opens with a lookahead of the letters its mentions can start with
# (the case variants that IGNORECASE folds to them named too): the same matches,
# but the regex engine jumps between those letters instead of trying the whole
# pattern at every position of the text.
_PAIN_FIRST = "(?=[vnsp\u017f])"
_MURMUR_FIRST = "(?=[gvi1-6\u0130\u0131])"
_GRADE_FIRST = "(?=[gsckn\u017f\u212a])"
_PAIN_SCALE = re.compile(
    _PAIN_FIRST
    + _W
    + r"(?P<name>VAS|NRS|NPRS|VRS|smertescore|smerte[ \t]+score|pain[ \t]+score|smerter|smerte"
    r"|pain)" + _E + r"(?:[ \t]+(?:score|scale|niveau|level|intensitet|intensity))?"
    r"(?:[ \t]*[:=]|[ \t]+(?:på|of|er|is|at|was|var|til|rated|vurderet[ \t]+til"
    r"|angivet[ \t]+til|omkring|around|about))?[ \t]*"
    r"(?P<num>\d+(?:[.,]\d+)?)(?![\d.,]\d)"
    r"(?:[ \t]*(?:/|ud[ \t]+af|out[ \t]+of|af)[ \t]*(?P<max>100|10|ti|ten)" + _E + ")?",
    _F,
)
_MURMUR_WORD = re.compile(
    r"murmur|mislyd|souffle|systolic|systolisk|diastolic|diastolisk|ejection|holosystolic", _F
)
_MURMUR = re.compile(
    _MURMUR_FIRST
    + _W
    + r"(?:(?:grade|grad)[ \t]*)?(?P<v>"
    + _ROMAN_RE
    + r"|[1-6])[ \t]*(?:/|out[ \t]+of|af|ud"
    r"[ \t]+af)[ \t]*(?P<max>vi|iv|6|4)" + _E + r"(?![/\d])",
    _F,
)
_GRADE = re.compile(
    _GRADE_FIRST + _W + r"(?P<name>grade|grad|stage|stadie|stadium|class|klasse|NYHA|GOLD|CCS|CKD)"
    r"(?:(?:[ \t]+|-)(?:class|klasse|stage|stadie))?[ \t]*(?P<v>"
    + _ROMAN_RE
    + r"|\d)(?P<sub>[a-c])?"
    + _E
    + r"(?![/\d])",
    _F,
)


def _lower_case_scan(scale: re.Pattern[str], first: str, *, skip: bool = True) -> re.Pattern[str]:
    """``scale`` for lower-cased Latin-1 text, as a regex that takes the text up to each match.

    ``first`` (a character set's contents, in lower case) holds the characters
    a match of ``scale`` can start with; ``scale`` starts a match only at a
    word's first letter or at a character that is no letter. The regex is
    ``scale`` with its letters in lower case and without ``re.IGNORECASE``
    (on lower-cased Latin-1 text the same matches: lower-casing it keeps
    every character in place), after a possessive run over the text before
    the match: characters neither letters nor in ``first``, words whose first
    letter is not in ``first``, and words or characters of ``first`` where
    ``scale`` does not match. The match itself is the group ``hit`` (none at
    the end of the text). So the hits are the matches of a search for
    ``scale``, with the same groups (in lower case), and the regex engine
    runs over the text in one loop of character sets tested one bit each
    instead of starting a match at every character: about twice as fast.
    With ``skip=False`` the regex is only ``scale`` in lower case as ``hit``.
    """
    # the letters of the pattern in lower case; escapes ("\W", "\d") and "(?P<" as they are
    source = re.sub(
        r"\\.|\(\?P<|[A-Z]+",
        lambda m: m.group() if m.group()[0] in "\\(" else m.group().lower(),
        scale.pattern,
    )
    if not skip:
        return re.compile(rf"(?P<hit>{source})")
    blind = re.sub(r"\(\?P<\w+>", "(?:", source)  # the pattern once more, without group names
    letter = _latin1_set(r"[^\W\d_]")
    other = _latin1_set(rf"(?![{first}])[\W\d_]")
    later = _latin1_set(rf"(?![{first}])[^\W\d_]")
    before = rf"(?:{other}++|{later}{letter}*+|(?!{blind}){letter}++|(?!{blind})[{first}])*+"
    return re.compile(rf"{before}(?P<hit>{source})?")


_PAIN_LOWER_SCAN = _lower_case_scan(_PAIN_SCALE, "vnsp")
# Murmur grades start at words as common as "i", "ved" and "god", where the
# pattern gets furthest before it fails: taking the text up to each match would
# cost more than it saves, so this one is only lower-cased (about 20% faster).
_MURMUR_LOWER_SCAN = _lower_case_scan(_MURMUR, "gvi1-6", skip=False)
_GRADE_LOWER_SCAN = _lower_case_scan(_GRADE, "gsckn")


def _scale_matches(
    scale: re.Pattern[str], scan: re.Pattern[str], text: str, lowered: str | None
) -> list[tuple[int, int, re.Match[str]]]:
    """``(start, end, match)`` of each match of ``scale`` in ``text``.

    ``lowered`` is ``text`` lower-cased when that keeps every character in
    place (Latin-1 text): then ``scan`` reads it, and the groups of each match
    are in lower case.
    """
    if lowered is None:
        return [(m.start(), m.end(), m) for m in scale.finditer(text)]
    found = []
    for m in scan.finditer(lowered):
        start, end = m.span("hit")
        if start >= 0:
            found.append((start, end, m))
    return found


def _latin1_lower(text: str) -> str | None:
    """``text`` lower-cased if it is Latin-1 (then lower-casing keeps every character in place)."""
    if not text.isascii():
        try:
            text.encode("latin-1")
        except UnicodeEncodeError:
            return None
    return text.lower()


_PLUS = re.compile(r"(?<![\w+])(?:(?P<n>[0-4])[ \t]?\+|(?P<p>\+{2,4}))(?![\w+])")
_STAGES = {"stage", "stadie", "stadium", "ckd"}


def _check_language(language: str | None) -> None:
    if language not in (None, "da", "en"):
        raise ValueError(
            f"language must be 'da', 'en' or None, got {language!r}; pass the note's language code"
        )


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}; pass the note text")


def _number(token: str, language: str | None) -> float | None:
    low = token.lower()
    if low in _ROMAN:
        return float(_ROMAN[low])
    if token[0].isdigit():
        return float(token.replace(",", "."))
    return parse_number_words(token, language=language)


def _pain(
    text: str,
    language: str | None,
    numbers: Sequence[NumberMention] | None = None,
    lowered: str | None = None,
) -> list[Grade]:
    out = []
    for start, end, m in _scale_matches(_PAIN_SCALE, _PAIN_LOWER_SCAN, text, lowered):
        value = _number(m.group("num"), language)
        maximum = _number(m.group("max"), language) if m.group("max") else None
        if value is None:
            continue
        if maximum is None:
            maximum = 100.0 if value > 10 else 10.0
        if value > maximum:
            continue
        name = m.group("name").upper()
        scale = name if name in {"VAS", "NRS", "NPRS", "VRS"} else None
        out.append(Grade(start, end, text[start:end], "pain", value * 10 / maximum, None, scale))
    if numbers is None:
        numbers = find_numbers(text, language=language)
    for n in numbers:
        if n.kind == "score" and n.unit in ("/10", "/100"):
            scaled = n.value * 10 / float(n.unit[1:])
            out.append(Grade(n.start, n.end, n.text, "pain", scaled, None, None))
        elif n.kind == "score" and n.unit == "/5":
            out.append(Grade(n.start, n.end, n.text, "power", n.value, None, None))
    return out


def _murmurs(text: str, lowered: str | None = None) -> list[Grade]:
    out = []
    for start, end, m in _scale_matches(_MURMUR, _MURMUR_LOWER_SCAN, text, lowered):
        v, maximum = m.group("v").lower(), m.group("max").lower()
        roman = v in _ROMAN and not v.isdigit()
        written_grade = text[start:end].lower().startswith("grad")
        context = text[max(0, start - 60) : end + 60]
        if not (roman or written_grade or _MURMUR_WORD.search(context)):
            continue  # "2/6" alone may be a date or a count
        value = float(_ROMAN.get(v) or int(v))
        top = float(_ROMAN.get(maximum) or int(maximum))
        if value > top:
            continue
        out.append(Grade(start, end, text[start:end], "murmur", value, None, None))
    return out


def _grades(text: str, lowered: str | None = None) -> list[Grade]:
    out = []
    for start, end, m in _scale_matches(_GRADE, _GRADE_LOWER_SCAN, text, lowered):
        name = m.group("name").lower()
        value = float(_ROMAN.get(m.group("v").lower()) or int(m.group("v")))
        kind = "stage" if name in _STAGES else "grade"
        scale = m.group("name").upper() if name in {"nyha", "gold", "ccs", "ckd"} else None
        if m.group("sub"):
            value += {"a": 0.1, "b": 0.2, "c": 0.3}[m.group("sub").lower()]
        out.append(Grade(start, end, text[start:end], kind, value, None, scale))
    return out


def _plus(text: str) -> list[Grade]:
    out: list[Grade] = []
    if "+" not in text:
        return out  # every plus grade has its plus sign
    for m in _PLUS.finditer(text):
        value = float(m.group("n")) if m.group("n") else float(len(m.group("p")))
        out.append(Grade(m.start(), m.end(), m.group(), "plus", value, None, None))
    return out


def _intensity(text: str, language: str | None) -> list[Grade]:
    langs = ("da", "en") if language is None else (language,)
    found: dict[tuple[int, int], tuple[float, str]] = {}
    for lang in langs:
        for m in _INTENSITY_RE[lang].finditer(text):
            if _NOT_INTENSITY_AFTER[lang].match(text, m.end()):
                continue
            level = float(_INTENSITY[lang][m.group().lower()])
            found.setdefault((m.start(), m.end()), (level, lang))
    spans = sorted(found)
    out = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        level, lang = found[spans[i]]
        high = None
        if i + 1 < len(spans):
            nxt = spans[i + 1]
            gap = _RANGE_WORD.fullmatch(text, end, nxt[0])
            if gap is not None and found[nxt][0] > level:
                high, end = found[nxt][0], nxt[1]
                i += 1
        out.append(Grade(start, end, text[start:end], "intensity", level, high, None))
        i += 1
    return out


def find_grades(
    text: str,
    *,
    language: str | None = None,
    numbers: Sequence[NumberMention] | None = None,
    kinds: Collection[str] | None = None,
) -> list[Grade]:
    """Find pain scores, murmur, plus and stage grades and intensity words.

    Parameters
    ----------
    text : str
        Normalised text.
    language : {"da", "en"} or None
        Language of ``text``; ``None`` uses the words of both.
    numbers : sequence of NumberMention, optional
        ``find_numbers(text, language=language)`` when the caller has it
        already (the hallucination index does); the same grades result.
    kinds : collection of str, optional
        Only grades of these kinds (:data:`GRADE_KINDS`): the grades of those
        kinds that the full search gives. Without ``"intensity"`` the intensity
        words are not looked for; no other kind's mention can overlap one, so
        none of the others changes.

    Returns
    -------
    list of Grade
        In text order, not overlapping (the longest mention wins).

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If ``language`` is unknown.

    Examples
    --------
    >>> found = find_grades("VAS 6, systolisk mislyd grad II/VI", language="da")
    >>> [(g.kind, g.value) for g in found]
    [('pain', 6.0), ('murmur', 2.0)]
    >>> [(g.kind, g.value, g.high) for g in find_grades("mild to moderate pain, reflexes 2+")]
    [('intensity', 1.0, 2.0), ('plus', 2.0, None)]
    >>> [(g.text, g.value) for g in find_grades("svære smerter, NYHA III", language="da")]
    [('svære', 3.0), ('NYHA III', 3.0)]
    """
    _check_text(text)
    _check_language(language)
    lowered = _latin1_lower(text)
    candidates = [
        *_pain(text, language, numbers, lowered),
        *_murmurs(text, lowered),
        *_grades(text, lowered),
        *_plus(text),
        *(_intensity(text, language) if kinds is None or "intensity" in kinds else ()),
    ]
    chosen: list[Grade] = []
    for g in sorted(candidates, key=lambda g: (-(g.end - g.start), g.start)):
        if all(g.end <= c.start or c.end <= g.start for c in chosen):
            chosen.append(g)
    return sorted((g for g in chosen if kinds is None or g.kind in kinds), key=lambda g: g.start)


def same_grade(a: Grade, b: Grade) -> bool | None:
    """Whether two grades state the same value; ``None`` when they are on different scales.

    Pain scores compare on 0–10 whatever the scale name (``VAS 6`` = ``NRS
    6/10`` = ``60/100``); ranges compare both ends.

    Examples
    --------
    >>> vas, nrs, mild = find_grades("VAS 6 ... NRS 6/10 ... mild", language="en")
    >>> same_grade(vas, nrs), same_grade(vas, mild)
    (True, None)
    >>> same_grade(*find_grades("let ... svær", language="da"))
    False
    """
    for name, g in (("a", a), ("b", b)):
        if not isinstance(g, Grade):
            raise TypeError(f"{name} must be a Grade, got {type(g).__name__}; use find_grades")
    if a.kind != b.kind:
        return None
    return (
        abs(a.value - b.value) < 1e-9
        and (a.high is None) == (b.high is None)
        and (a.high is None or b.high is None or abs(a.high - b.high) < 1e-9)
    )
