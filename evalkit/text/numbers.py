"""Numbers with their units in Danish and English clinical text.

Clinical notes write numbers as digits (``38,5``, ``1.000 mg``, ``120/80``);
transcripts of a consultation say them as words (``otteogtredive komma fem``,
``twenty-one``, ``to en halv``). :func:`find_numbers` turns both into
:class:`NumberMention` items with a numeric value, so the hallucination checks
can compare a draft's ``38,5 °C`` with a spoken ``otteogtredive komma fem grader``.

Rules for separators in digit strings:

* a comma or point followed by 1, 2 or 4+ digits is a decimal mark
  (``38,5`` and ``38.5`` are both 38.5);
* a separator followed by exactly three digits is a thousands separator when
  it is the language's grouping mark (point in Danish, comma in English),
  otherwise a decimal mark (``2.500`` is 2500 in Danish, 2.5 in English);
* with both marks present the last one is the decimal mark (``1.234,5``).

Dates (``25.11.2026``, ``2026-11-25``) and times (``14:30``) are skipped;
digits glued to letters (``HbA1c``, ``B12``, ``COVID-19``) are not numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import cast

__all__ = [
    "NumberMention",
    "danish_decimal_words",
    "danish_number_words",
    "duration_days",
    "find_numbers",
    "parse_number_words",
    "values_match",
]

KINDS = (
    "dose",
    "frequency",
    "duration",
    "age",
    "vital",
    "lab",
    "score",
    "blood_pressure",
    "count",
)
"""The ``kind`` values a :class:`NumberMention` can have."""


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number (or range) and its unit, located in a text.

    Attributes
    ----------
    start, end : int
        Character offsets of the whole mention (number, range and unit).
    text : str
        ``text[start:end]`` of the searched text.
    value : float
        The number; the low end of a range; systolic pressure for blood pressure;
        the score for ``3/10``.
    value_high : float or None
        High end of a range, diastolic pressure, or ``None``.
    unit : str or None
        Canonical unit (``mg``, ``°C``, ``mmHg``, ``/min``, ``/day``, ``day``,
        ``/10`` …) or ``None`` for a bare number.
    kind : str
        One of :data:`KINDS`: ``dose``, ``frequency``, ``duration``, ``age``,
        ``vital``, ``lab``, ``score``, ``blood_pressure`` or ``count`` (no unit).
    """

    start: int
    end: int
    text: str
    value: float
    value_high: float | None
    unit: str | None
    kind: str

    def as_dict(self) -> dict:
        """The mention as a plain dict (for tables and JSON)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "kind": self.kind,
        }


# --- number words -----------------------------------------------------------------

_DA_UNITS = {
    "nul": 0,
    "en": 1,
    "et": 1,
    "én": 1,
    "ét": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
    "tretten": 13,
    "fjorten": 14,
    "femten": 15,
    "seksten": 16,
    "sytten": 17,
    "atten": 18,
    "nitten": 19,
}
_DA_TENS = {
    "tyve": 20,
    "tredive": 30,
    "tredve": 30,
    "fyrre": 40,
    "fyrretyve": 40,
    "halvtreds": 50,
    "halvtredsindstyve": 50,
    "tres": 60,
    "tresindstyve": 60,
    "halvfjerds": 70,
    "halvfjerdsindstyve": 70,
    "firs": 80,
    "firsindstyve": 80,
    "halvfems": 90,
    "halvfemsindstyve": 90,
}
_EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "once": 1,
    "twice": 2,
    "a": 1,
    "an": 1,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_MULTIPLIERS = {
    "hundrede": 100,
    "hundred": 100,
    "tusind": 1000,
    "tusinde": 1000,
    "thousand": 1000,
    "mio": 1_000_000,
    "mill": 1_000_000,
    "million": 1_000_000,
    "millioner": 1_000_000,
    "millions": 1_000_000,
}
_AND = {"og", "and"}
_POINT = {"komma": "da", "point": "en"}
_HALF = {"halv": "da", "halvt": "da", "half": "en"}
_HALF_ARTICLE = {"en", "et", "a"}
# Words that are usually not numbers: accepted only inside a longer number
# phrase or directly before a unit.
_AMBIGUOUS = {"da": {"en", "et", "ni"}, "en": {"one", "once", "a", "an"}}
_ARTICLES = {"a", "an"}  # "a week" is one week; "a" before any other unit is not a number
_CROSS_AMBIGUOUS = {"to", "fire", "ten", "en", "et", "ni", "one", "once", "tre", "a", "an"}

_DA_COMPOUND = re.compile(
    r"^(en|et|to|tre|fire|fem|seks|syv|otte|ni)og("
    + "|".join(sorted(_DA_TENS, key=len, reverse=True))
    + r")$"
)


@lru_cache(maxsize=4)
def _word_table(language: str | None) -> dict[str, float]:
    table: dict[str, float] = {}
    if language in (None, "da"):
        table.update(_DA_UNITS)
        table.update(_DA_TENS)
        table["halvanden"] = 1.5
    if language in (None, "en"):
        table.update(_EN_UNITS)
        table.update(_EN_TENS)
    return table


def _word_value(word: str, language: str | None) -> float | None:
    table = _word_table(language)
    if word in table:
        return float(table[word])
    if language in (None, "da"):
        m = _DA_COMPOUND.match(word)
        if m:
            return float(_DA_UNITS[m.group(1)] + _DA_TENS[m.group(2)])
    return None


# The first spelling of each value in the tables above is the standard one
# ("en" before "et", "tredive" before "tredve", "fyrre" before "fyrretyve").
_DA_SPELLING = {
    int(value): word for word, value in reversed([*_DA_UNITS.items(), *_DA_TENS.items()])
}


def danish_number_words(n: int) -> str:
    """Spell a non-negative integer below one million the way it is said in Danish.

    The words come from the same tables :func:`parse_number_words` reads, so
    ``parse_number_words(danish_number_words(n), language="da") == n``.

    Parameters
    ----------
    n : int
        The number, ``0 <= n < 1_000_000``.

    Returns
    -------
    str
        The number in words, units before tens ("otteogtredive").

    Raises
    ------
    ValueError
        If ``n`` is negative or one million or more.

    Examples
    --------
    >>> danish_number_words(38), danish_number_words(90), danish_number_words(142)
    ('otteogtredive', 'halvfems', 'hundrede og toogfyrre')
    >>> danish_number_words(2500)
    'to tusind fem hundrede'
    """
    if not 0 <= n < 1_000_000:
        raise ValueError(
            f"danish_number_words handles whole numbers 0 <= n < 1000000, got {n}; "
            "write larger numbers as digits"
        )
    if n < 20:
        return _DA_SPELLING[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        tens_word = _DA_SPELLING[tens * 10]
        return tens_word if unit == 0 else f"{_DA_SPELLING[unit]}og{tens_word}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "hundrede" if hundreds == 1 else f"{_DA_SPELLING[hundreds]} hundrede"
        return head if rest == 0 else f"{head} og {danish_number_words(rest)}"
    thousands, rest = divmod(n, 1000)
    head = "tusind" if thousands == 1 else f"{danish_number_words(thousands)} tusind"
    if rest == 0:
        return head
    if rest < 100:
        return f"{head} og {danish_number_words(rest)}"
    return f"{head} {danish_number_words(rest)}"


def danish_decimal_words(value: float, decimals: int) -> str:
    """Say a number rounded to ``decimals`` places in Danish ("otteogtredive komma fem").

    Trailing zeros of the decimals are not said; a zero fraction is left out.

    Parameters
    ----------
    value : float
        The number, ``0 <= value < 1_000_000``.
    decimals : int
        Decimal places to round to before spelling.

    Returns
    -------
    str
        The whole part, then "komma" and the fraction's digits as one number.

    Examples
    --------
    >>> danish_decimal_words(38.5, 1), danish_decimal_words(7.0, 0)
    ('otteogtredive komma fem', 'syv')
    >>> danish_decimal_words(0.5, 1), danish_decimal_words(36.0, 1)
    ('nul komma fem', 'seksogtredive')
    """
    text = f"{value:.{decimals}f}"
    whole, _, fraction = text.partition(".")
    spoken = danish_number_words(int(whole))
    if fraction and int(fraction):
        spoken += " komma " + danish_number_words(int(fraction.rstrip("0") or "0"))
    return spoken


# --- units ---------------------------------------------------------------------

# (pattern, canonical unit, kind). Patterns are matched case-insensitively right
# after the number; longer patterns are tried first.
_UNIT_TABLE: list[tuple[str, str, str]] = [
    # frequency
    (r"x\s?dgl\.?", "/day", "frequency"),
    (r"x\s?daglig(?:t)?", "/day", "frequency"),
    (r"gange\s+(?:dagligt|daglig|om\s+dagen|i\s+døgnet|pr\.?\s+dag)", "/day", "frequency"),
    (r"times\s+(?:a|per)\s+day", "/day", "frequency"),
    (r"times\s+daily", "/day", "frequency"),
    (r"x\s?/\s?(?:dag|d|døgn|day)", "/day", "frequency"),
    (r"(?:a|per)\s+day|daily|dagligt|daglig|dgl\.?|om\s+dagen|i\s+døgnet", "/day", "frequency"),
    (r"gange\s+(?:om\s+ugen|ugentligt|pr\.?\s+uge)", "/week", "frequency"),
    (r"times\s+(?:a|per)\s+week", "/week", "frequency"),
    (r"x\s?ugentligt", "/week", "frequency"),
    # blood pressure and vitals
    (r"mm\s?hg", "mmHg", "vital"),
    (r"°\s?c", "°C", "vital"),
    (r"°", "°C", "vital"),
    (r"grader(?:\s+celsius)?", "°C", "vital"),
    (r"degrees(?:\s+(?:celsius|c|fahrenheit|f))?", "°C", "vital"),
    (r"slag\s+(?:i|pr\.?|per)\s+minut(?:tet)?", "/min", "vital"),
    (r"slag/min", "/min", "vital"),
    (r"beats\s+(?:per|a)\s+minute", "/min", "vital"),
    (r"bpm", "/min", "vital"),
    (r"/\s?min", "/min", "vital"),
    (r"per\s+minute", "/min", "vital"),
    (r"%", "%", "vital"),
    (r"procent", "%", "vital"),
    (r"per\s?cent", "%", "vital"),
    (r"kg", "kg", "vital"),
    (r"kilo(?:gram)?s?", "kg", "vital"),
    (r"kilograms?", "kg", "vital"),
    (r"cm", "cm", "vital"),
    (r"centimeters?", "cm", "vital"),
    (r"pounds|lbs?", "lb", "vital"),
    # lab
    (r"mmol\s?/\s?l", "mmol/l", "lab"),
    (r"mmol\s?/\s?mol", "mmol/mol", "lab"),
    (r"[µu]mol\s?/\s?l", "µmol/l", "lab"),
    (r"mg\s?/\s?dl", "mg/dl", "lab"),
    (r"mg\s?/\s?l", "mg/l", "lab"),
    (r"g\s?/\s?l", "g/l", "lab"),
    (r"u\s?/\s?l", "U/l", "lab"),
    (r"ml\s?/\s?min(?:/1[.,]73\s?m2)?", "ml/min", "lab"),
    (r"x\s?10\^?9\s?/\s?l", "10^9/l", "lab"),
    (r"mia\.?\s?/\s?l", "10^9/l", "lab"),
    # dose
    (r"mg\s?/\s?kg", "mg/kg", "dose"),
    (r"mg", "mg", "dose"),
    (r"milligrams?", "mg", "dose"),
    (r"milligram", "mg", "dose"),
    (r"mcg|µg|ug|mikrogram|micrograms?", "µg", "dose"),
    (r"g", "g", "dose"),
    (r"grams?|gram", "g", "dose"),
    (r"ml", "ml", "dose"),
    (r"milliliters?|millilitres?|milliliter", "ml", "dose"),
    (r"ie|iu|enheder|units", "IE", "dose"),
    (r"tabletter|tabletten|tablet(?:s)?|tabl\.?|tbl\.?|tabs?\.?|pills?|piller?", "tablet", "dose"),
    (r"kapsler|kapsel|capsules?", "capsule", "dose"),
    (r"pust|puffs?|sug", "puff", "dose"),
    (r"dråber|drops", "drop", "dose"),
    # age (before duration so "år gammel" wins over "år")
    (r"-?\s?årig(?:e)?", "year", "age"),
    (r"år\s+gammel", "year", "age"),
    (r"-?\s?years?[-\s]old", "year", "age"),
    (r"-?\s?yo\b", "year", "age"),
    # duration
    (r"døgn", "day", "duration"),
    (r"dage|dag|days?", "day", "duration"),
    (r"uger|uge|weeks?|wks?", "week", "duration"),
    (r"måneder|måned|mdr\.?|months?", "month", "duration"),
    (r"år|years?|yrs?", "year", "duration"),
    (r"timer|hours?|hrs?", "hour", "duration"),
    (r"minutter|minut|minutes?|mins?", "minute", "duration"),
    (r"sekunder|seconds?", "second", "duration"),
]
_DA_ONLY_UNITS = {"time"}
_UNIT_RE = re.compile(
    r"[ \t\u00a0]{0,2}(?:"
    + "|".join(f"(?P<u{i}>{p})" for i, (p, _, _) in enumerate(_UNIT_TABLE))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_DA_HOUR_RE = re.compile(r"[ \t\u00a0]{1,2}time(?![^\W\d_])", re.IGNORECASE)
# _UNIT_RE without its groups, for lower-cased Latin-1 text (every pattern of the
# table is in lower case): the same matches at about a sixth of the time, as the
# regex engine no longer records a group for every alternative it tries. Which
# alternative matched is then read from the matched text (_unit_row).
_UNIT_RE_LOWER = re.compile(
    r"[ \t\u00a0]{0,2}(?:" + "|".join(f"(?:{p})" for p, _, _ in _UNIT_TABLE) + r")(?![^\W\d_])"
)


# Each row's pattern, to match exactly the rest of a probe but its last
# character, or exactly the rest of it (see _unit_row).
_UNIT_ROWS_BEFORE_CHAR = [re.compile(rf"(?:{p})(?=[\s\S]\Z)") for p, _, _ in _UNIT_TABLE]
_UNIT_ROWS_AT_END = [re.compile(rf"(?:{p})\Z") for p, _, _ in _UNIT_TABLE]


@lru_cache(maxsize=2048)
def _unit_row(matched: str, after: str) -> int:
    """The row of ``_UNIT_TABLE`` whose group ``_UNIT_RE`` fills when it matches ``matched``.

    ``after`` is the character after the match (``""`` at the end of the text).
    ``_UNIT_RE`` takes the first alternative, with as many leading spaces as it
    can, that matches at all there; any alternative that matches exactly
    ``matched`` would match, so that one is the first alternative, after the
    most spaces, that matches the rest of ``matched`` exactly. It is checked
    with ``after`` behind it, for an alternative that looks at the next
    character (``yo\b``).
    """
    spaces = len(matched) - len(matched.lstrip(" \t\u00a0"))
    probe, rows = matched + after, _UNIT_ROWS_BEFORE_CHAR if after else _UNIT_ROWS_AT_END
    for k in range(min(spaces, 2), -1, -1):
        for row, exact in enumerate(rows):
            if exact.match(probe, k) is not None:
                return row
    raise AssertionError(f"no unit pattern matches {matched!r}")  # never: _UNIT_RE matched it


_SCORE_TAIL = re.compile(
    r"\s{0,2}(?:/|ud\s+af|out\s+of|af)\s{0,2}(?P<den>10|5|100|ti|ten|fem|five)(?![\d,.]\d)",
    re.IGNORECASE,
)
_OVER = re.compile(r"\s{0,2}(?:/|over)\s{0,2}", re.IGNORECASE)
_RANGE_SEP = re.compile(r"\s{0,2}(?:-|–|—|til|to|or|eller)\s{0,2}", re.IGNORECASE)


def _parse_digits(s: str, language: str | None) -> float:
    s = s.replace("\u00a0", "").replace("\u202f", "")
    has_comma, has_point = "," in s, "." in s
    if has_comma and has_point:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        group = "." if decimal == "," else ","
        return float(s.replace(group, "").replace(decimal, "."))
    sep = "," if has_comma else "." if has_point else None
    if sep is None:
        return float(s)
    parts = s.split(sep)
    if len(parts) > 2:
        return float("".join(parts))
    grouping = {"da": ".", "en": ","}.get(language or "", ",")
    if len(parts[1]) == 3 and sep == grouping and 1 <= len(parts[0]) <= 3:
        return float("".join(parts))
    return float(parts[0] + "." + parts[1])


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    kind: str  # num, word, mult, and, point, half, other, date
    value: float
    low: str


def _tokenise(text: str, language: str | None) -> tuple[list[_Tok], str | None]:
    """The tokens of ``text``, and the text lower-cased when it was read so (see _token_spans)."""
    toks: list[_Tok] = []
    lowered, spans = _token_spans(text)
    for g, a, b in spans:
        if g == "num":
            s = text[a:b]
            try:
                value = _parse_digits(s, language)
            except ValueError:
                # "1.000,5.000": separators that make no one number (a list
                # written without spaces); not read as a quantity
                toks.append(_Tok(a, b, "other", 0.0, s))
                continue
            toks.append(_Tok(a, b, "num", value, s))
            continue
        if g != "word":
            toks.append(_Tok(a, b, "other", 0.0, text[a:b]))
            continue
        # the lowered text has every character where the text has it (see _token_spans)
        low = lowered[a:b] if lowered is not None else text[a:b].lower()
        if low not in _VOCABULARY and not (
            len(low) > 6 and "og" in low and low.endswith(_DA_TENS_SUFFIXES)
        ):
            continue  # most words are not numbers: skip them without a token
        if low in _MULTIPLIERS and (language is None or _lang_of_word(low) in (None, language)):
            toks.append(_Tok(a, b, "mult", float(_MULTIPLIERS[low]), low))
        elif low in _AND:
            toks.append(_Tok(a, b, "and", 0.0, low))
        elif low in _POINT and (language is None or _POINT[low] == language):
            toks.append(_Tok(a, b, "point", 0.0, low))
        elif low in _HALF and (language is None or _HALF[low] == language):
            toks.append(_Tok(a, b, "half", 0.5, low))
        else:
            v = _word_value(low, language)
            toks.append(_Tok(a, b, "word" if v is not None else "other", v or 0.0, low))
    return toks, lowered


_VOCABULARY = frozenset(
    set(_DA_UNITS)
    | set(_DA_TENS)
    | set(_EN_UNITS)
    | set(_EN_TENS)
    | set(_MULTIPLIERS)
    | _AND
    | set(_POINT)
    | set(_HALF)
    | _HALF_ARTICLE
    | {"halvanden"}
)
_DA_TENS_SUFFIXES = tuple(_DA_TENS)


def _prefix_tree(words: frozenset[str]) -> str:
    """A regex matching exactly ``words``, written as a prefix tree.

    ``a``, ``an``, ``and`` and ``atten`` become ``a(?:n(?:d)?|tten)?`` instead of
    ``atten|and|an|a``: at a word start the regex engine then tests a few first
    letters instead of every word, which matters under ``re.IGNORECASE``.
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            body = branches[0]
        else:
            body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(tree)


_TENS = "|".join(sorted(_DA_TENS, key=len, reverse=True))


# Only digits and number words become tokens; the regex engine skips every
# other word, so the Python loop runs once per candidate, not once per word.
# Dates and numbers start with a digit, glued words and number words with a
# letter after a non-letter: the two groups are tried only where they can
# start, and the number words form a prefix tree (about 3× faster than one
# flat alternative per word, same matches). A glued word's letters are taken
# possessively: giving one back can never let a digit follow, and a word with
# no digit then fails at once instead of retrying at every letter.
def _word_pattern(*, og_compounds: bool, letter: str) -> str:
    og = letter + r"+og(?:" + _TENS + r")|" if og_compounds else ""
    return r"(?:" + og + _prefix_tree(_VOCABULARY) + r")(?!" + letter + r")"


def _token_pattern(*, og_compounds: bool, letter: str = r"[^\W\d_]", digit: str = r"\d") -> str:
    return (
        r"(?=" + digit + r")(?:"
        r"(?P<date>\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b)"
        r"|(?P<num>(?<!" + letter + r")(?<!" + letter + r"-)"
        r"(?<![\d.,])\d+(?:[.,\u00a0\u202f]\d+)*))"
        r"|(?<!" + letter + r")(?=" + letter + r")(?:"
        r"(?P<glued>" + letter + r"++\d\w*)"
        r"|(?P<word>" + _word_pattern(og_compounds=og_compounds, letter=letter) + r"))"
    )


def _token_regex(*, og_compounds: bool, flags: int) -> re.Pattern[str]:
    return re.compile(_token_pattern(og_compounds=og_compounds), flags)


_TOKEN = _token_regex(og_compounds=True, flags=re.IGNORECASE)
# Latin-1 text (nearly every Danish or English note) is matched lower-cased,
# without re.IGNORECASE: the same matches, since lower-casing Latin-1 keeps
# every character in place and no character outside Latin-1 is left to fold
# onto a letter of the pattern. It takes about half the time. The branch for
# Danish compound number words ("femogtyve") backtracks through every word,
# so the scan leaves it out, and the words ending in "og" and a tens word are
# matched on their own (_with_compounds).
_TOKEN_LOWER = _token_regex(og_compounds=True, flags=0)
_OG_TENS = re.compile(r"og(?:" + _TENS + r")(?![^\W\d_])")


def _latin1_set(pattern: str) -> str:
    """The Latin-1 characters that ``pattern`` (one character) matches, as a character set."""
    matches = re.compile(pattern).fullmatch
    runs: list[list[int]] = []
    for code in range(256):
        if matches(chr(code)) is None:
            continue
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(re.escape(chr(lo)) + "-" + re.escape(chr(hi)) for lo, hi in runs) + "]"


# The scan regexes find the tokens of _TOKEN's search, but never fail at a
# position and retry at the next one, which is where a search spends its time
# (once per character of the text). Each match first takes, possessively, the
# stretch before the next token: runs of characters that are neither letters
# nor digits, and whole words that are no token (not followed by a digit, nor a
# number word), whose letters after the first cannot start one. The token
# after that stretch is a named group; where a digit starts no token (".5",
# "x-5") the match takes that digit as ``junk``, and at the end of the text it
# takes what is left. So each match begins where the previous one ended and
# the tokens are the ones the search finds, at the same offsets.
def _scan_regex(
    *, og_compounds: bool, flags: int, letter: str, other: str, digit: str
) -> re.Pattern[str]:
    word = _word_pattern(og_compounds=og_compounds, letter=letter)
    skip = r"(?:" + other + r"++|(?!" + word + r")" + letter + r"++(?!" + digit + r"))*+"
    token = _token_pattern(og_compounds=og_compounds, letter=letter, digit=digit)
    return re.compile(skip + r"(?:" + token + r"|(?P<junk>" + digit + r")|\Z)", flags)


_SCAN = _scan_regex(
    og_compounds=True, flags=re.IGNORECASE, letter=r"[^\W\d_]", other=r"[\W_]", digit=r"\d"
)
# For lower-cased Latin-1 text the classes are spelled out as Latin-1 sets,
# which the regex engine tests as one bit each (the same characters, since no
# other character occurs; [^\W\d_] looks up every character's Unicode
# category). About twice as fast again.
_SCAN_LATIN1 = _scan_regex(
    og_compounds=False,
    flags=0,
    letter=_latin1_set(r"[^\W\d_]"),
    other=_latin1_set(r"[\W_]"),
    digit="[0-9]",
)


def _scan_spans(scan: re.Pattern[str], text: str) -> list[tuple[str, int, int]]:
    """``(group, start, end)`` of the tokens a scan regex finds in ``text``."""
    spans = []
    for m in scan.finditer(text):
        g = m.lastgroup
        if g is not None and g != "junk":
            a, b = m.span(g)
            spans.append((g, a, b))
    return spans


def _token_spans(text: str) -> tuple[str | None, list[tuple[str, int, int]]]:
    """``(group, start, end)`` of each match of ``_TOKEN`` in ``text``, in order.

    Also the lower-cased text when it was scanned lower-cased (Latin-1 text,
    where lower-casing keeps every character in place), else ``None``.
    """
    if not text.isascii():
        try:
            text.encode("latin-1")
        except UnicodeEncodeError:
            return None, _scan_spans(_SCAN, text)
    lowered = text.lower()
    compounds = list(_OG_TENS.finditer(lowered))
    plain = _scan_spans(_SCAN_LATIN1, lowered)
    if compounds:
        plain = _with_compounds(lowered, plain, compounds)
    return lowered, plain


_LETTER = re.compile(r"[^\W\d_]")


def _with_compounds(
    lowered: str, plain: list[tuple[str, int, int]], compounds: list[re.Match[str]]
) -> list[tuple[str, int, int]]:
    """The tokens of ``_TOKEN_LOWER`` in ``lowered``, found without its backtracking branch.

    ``plain`` are the tokens found without that branch (the Danish compound
    number words) and ``compounds`` the ``_OG_TENS`` matches of ``lowered``
    (each ends a word ending in "og" and a tens word). The compound branch can
    match only at the first letter of such a word, and there it takes that
    word, which no other match of the regex overlaps; elsewhere
    ``_TOKEN_LOWER`` matches what the scan without it does. So the plain
    tokens are kept, and ``_TOKEN_LOWER`` is tried only at the first letters
    of those words that no plain token starts at or runs over.
    """
    starts = [start for _, start, _ in plain]
    extra: list[tuple[str, int, int]] = []
    for hit in compounds:
        head = hit.start()
        while head > 0 and _LETTER.match(lowered, head - 1) is not None:
            head -= 1
        k = bisect_right(starts, head) - 1
        if k >= 0 and head < plain[k][2]:
            continue  # a plain token starts at the word or runs over it
        found = _TOKEN_LOWER.match(lowered, head)
        if found is not None:
            extra.append((cast(str, found.lastgroup), found.start(), found.end()))
    if not extra:
        return plain
    return sorted(plain + extra, key=itemgetter(1))


def _lang_of_word(word: str) -> str | None:
    return {
        "hundrede": "da",
        "tusind": "da",
        "tusinde": "da",
        "millioner": "da",
        "hundred": "en",
        "thousand": "en",
        "millions": "en",
    }.get(word)


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    return len(gap) <= 2 and gap.strip(" -\u00a0") == ""


def _parse_sequence(text: str, toks: list[_Tok], i: int) -> tuple[float, int, bool]:
    """Parse a number starting at token ``i``; return value, index after it, multi-token."""
    t = toks[i]
    n = len(toks)

    def nxt(j: int, last: _Tok) -> _Tok | None:
        return toks[j] if j < n and _adjacent(text, last, toks[j]) else None

    if t.low in _HALF_ARTICLE:
        h = nxt(i + 1, t)
        if h is not None and h.kind == "half":
            return 0.5, i + 2, True
    if t.kind == "mult":
        current, total = t.value, 0.0
    else:
        current, total = t.value, 0.0
    j, last = i + 1, t
    while True:
        c = nxt(j, last)
        if c is None:
            break
        if c.kind == "mult" and (t.kind != "num" or c.value >= 1_000_000):
            current = (current or 1.0) * c.value
            if c.value >= 1000:
                total, current = total + current, 0.0
            j, last = j + 1, c
            continue
        if c.kind == "word" and c.value < 100 and last.kind == "mult":
            current += c.value
            j, last = j + 1, c
            continue
        if (
            c.kind == "word"
            and 1 <= c.value < 10
            and last.kind == "word"
            and last.low in _EN_TENS
            and current % 10 == 0
        ):
            current += c.value
            j, last = j + 1, c
            continue
        if c.kind == "and":
            d = nxt(j + 1, c)
            if d is not None and d.kind == "word" and d.value < 100 and last.kind == "mult":
                current += d.value
                j, last = j + 2, d
                continue
            e = nxt(j + 2, d) if d is not None else None
            if d is not None and d.low in _HALF_ARTICLE and e is not None and e.kind == "half":
                current += 0.5
                j, last = j + 3, e
                continue
            break
        if c.low in _HALF_ARTICLE and c.kind in ("word", "other"):
            d = nxt(j + 1, c)
            if d is not None and d.kind == "half":
                current += 0.5
                j, last = j + 2, d
                continue
            break
        if c.kind == "point":
            digits: list[str] = []
            k, lk = j + 1, c
            while True:
                d = nxt(k, lk)
                if d is None:
                    break
                if d.kind == "num" and not digits and float(d.value).is_integer():
                    digits.append(d.low)
                    k, lk = k + 1, d
                    break
                if d.kind == "word" and d.value < 10 and float(d.value).is_integer():
                    digits.append(str(int(d.value)))
                    k, lk = k + 1, d
                    continue
                break
            if digits:
                current += float("0." + "".join(digits))
                j, last = k, lk
                m = nxt(j, last)
                if m is not None and m.kind == "mult" and m.value >= 1_000_000:
                    current *= m.value
                    j, last = j + 1, m
            break
        break
    return total + current, j, j - i > 1


def parse_number_words(phrase: str, *, language: str | None = None) -> float | None:
    """Value of a number written in words or digits, or ``None``.

    Parameters
    ----------
    phrase : str
        For example ``"otteogtredive komma fem"`` or ``"twenty-one"``.
    language : {"da", "en"} or None
        Restricts the word tables; ``None`` accepts both languages.

    Examples
    --------
    >>> parse_number_words("otteogtredive komma fem", language="da")
    38.5
    >>> parse_number_words("to en halv", language="da")
    2.5
    >>> parse_number_words("one hundred and twenty", language="en")
    120.0
    >>> parse_number_words("ingenting") is None
    True
    """
    mentions = find_numbers(phrase, language=language, accept_ambiguous=True)
    if len(mentions) != 1:
        return None
    return mentions[0].value


def _match_unit(
    text: str, pos: int, language: str | None, lowered: str | None = None
) -> tuple[int, str, str] | None:
    # ``lowered``: ``text`` lower-cased when that keeps every character in place (Latin-1)
    if lowered is not None:
        m = _UNIT_RE_LOWER.match(lowered, pos)
        if m is not None:
            end = m.end()
            _, unit, kind = _UNIT_TABLE[_unit_row(m.group(), lowered[end : end + 1])]
            return end, unit, kind
    else:
        m = _UNIT_RE.match(text, pos)
        if m is not None:
            idx = int(cast(str, m.lastgroup)[1:])  # every alternative is a named group
            _, unit, kind = _UNIT_TABLE[idx]
            return m.end(), unit, kind
    if language in (None, "da"):
        h = _DA_HOUR_RE.match(text, pos)
        if h is not None:
            return h.end(), "hour", "duration"
    return None


def _is_ambiguous(tok: _Tok, language: str | None) -> bool:
    if language is None:
        return tok.low in _CROSS_AMBIGUOUS
    return tok.low in _AMBIGUOUS.get(language, set())


def find_numbers(
    text: str, *, language: str | None = None, accept_ambiguous: bool = False
) -> list[NumberMention]:
    """Find numbers, ranges, blood pressures and scores with their units.

    Parameters
    ----------
    text : str
        Normalised text (a note or a transcript).
    language : {"da", "en"} or None
        Language of ``text``; ``None`` uses both word tables and is stricter
        with words that are numbers in one language and common words in the
        other (``to``, ``fire``).
    accept_ambiguous : bool
        Accept ``en``/``et``/``one`` as 1 even without a unit after them.

    Returns
    -------
    list of NumberMention
        In text order, non-overlapping.

    Examples
    --------
    >>> [(m.value, m.unit, m.kind) for m in find_numbers("Temp 38,5 °C, BT 120/80.", language="da")]
    [(38.5, '°C', 'vital'), (120.0, 'mmHg', 'blood_pressure')]
    >>> m = find_numbers("Pamol 500 mg 2-3 x dgl. i 5 dage", language="da")
    >>> [(x.value, x.value_high, x.unit) for x in m]
    [(500.0, None, 'mg'), (2.0, 3.0, '/day'), (5.0, None, 'day')]
    >>> [(x.value, x.unit) for x in find_numbers("pain is seven out of ten", language="en")]
    [(7.0, '/10')]
    >>> [(x.value, x.value_high) for x in find_numbers("one forty-two over eighty-eight")]
    [(142.0, 88.0)]
    """
    if language not in (None, "da", "en"):
        raise ValueError(
            f"language must be 'da', 'en' or None, got {language!r}; pass the note's language code"
        )
    toks, lowered = _tokenise(text, language)
    out: list[NumberMention] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        starts = t.kind in ("num", "word", "mult") or (
            t.low in _HALF_ARTICLE and i + 1 < n and toks[i + 1].kind == "half"
        )
        if not starts:
            i += 1
            continue
        value, j, multi = _parse_sequence(text, toks, i)
        if t.kind == "word" and value in (1.0, 2.0) and j < n and toks[j].kind == "word":
            value, j = _spoken_systolic(text, toks, j, value)
        start, end = t.start, toks[j - 1].end
        if toks[j - 1].low in ("mio", "mill") and text[end : end + 1] == ".":
            end += 1
        high: float | None = None
        unit: str | None = None
        kind = "count"
        # blood pressure and scores: "120/80", "120 over 80", "3/10", "tre ud af ti"
        sm = _SCORE_TAIL.match(text, end)
        om = _OVER.match(text, end)
        if sm is not None:
            den = (
                parse_number_words(sm.group("den"), language=None)
                if not sm.group("den").isdigit()
                else float(sm.group("den"))
            )
            if den is not None and value <= den:
                out.append(
                    NumberMention(
                        start,
                        sm.end(),
                        text[start : sm.end()],
                        value,
                        None,
                        f"/{int(den)}",
                        "score",
                    )
                )
                i = _skip_to(toks, i, sm.end())
                continue
        k = _token_at(toks, j, om.end()) if om is not None else None
        if k is not None and toks[k].kind in ("num", "word"):
            dia, j2, _ = _parse_sequence(text, toks, k)
            if 50 <= value <= 300 and 20 <= dia <= 200 and dia < value:
                bp_end = toks[j2 - 1].end
                u = _match_unit(text, bp_end, language, lowered)
                if u is not None and u[1] == "mmHg":
                    bp_end = u[0]
                out.append(
                    NumberMention(
                        start, bp_end, text[start:bp_end], value, dia, "mmHg", "blood_pressure"
                    )
                )
                i = _skip_to(toks, i, bp_end)
                continue
        rm = _RANGE_SEP.match(text, end)
        k = _token_at(toks, j, rm.end()) if rm is not None and rm.end() > end else None
        if (
            k is not None
            and toks[k].kind in ("num", "word")
            and rm is not None
            and not (rm.group().strip().lower() == "to" and language == "da")
        ):
            hi, j2, _ = _parse_sequence(text, toks, k)
            if hi > value and (
                _match_unit(text, toks[j2 - 1].end, language, lowered) is not None
                or rm.group().strip() in "-–—"
                or t.kind == toks[k].kind
            ):
                high, j, end = hi, j2, toks[j2 - 1].end
                multi = True
        u = _match_unit(text, end, language, lowered)
        if u is not None and not multi and t.low in _ARTICLES and u[2] != "duration":
            u = None
        if u is not None:
            end, unit, kind = u
        elif (
            not multi and t.kind != "num" and (_is_ambiguous(t, language) and not accept_ambiguous)
        ):
            i = j
            continue
        out.append(_new_mention(start, end, text[start:end], value, high, unit, kind))
        i = _skip_to(toks, j, end)
    return out


def _spoken_systolic(text: str, toks: list[_Tok], j: int, hundreds: float) -> tuple[float, int]:
    """A blood pressure read out in the spoken way: "one forty-two over eighty-eight".

    ``hundreds`` (one or two) is the word before ``toks[j]``; when a number from 10
    to 99 follows it directly and then "over" or "/" and another number, the two
    read as one systolic value (142). Anything else is left as it was (so "one
    twenty milligram tablet" stays one and twenty).
    """
    if not _adjacent(text, toks[j - 1], toks[j]):
        return hundreds, j
    rest, j2, _ = _parse_sequence(text, toks, j)
    if not 10 <= rest <= 99 or rest != int(rest):
        return hundreds, j
    om = _OVER.match(text, toks[j2 - 1].end)
    k = _token_at(toks, j2, om.end()) if om is not None else None
    if k is None or toks[k].kind not in ("num", "word"):
        return hundreds, j
    return 100 * hundreds + rest, j2


# The common mention is built through the slot descriptors: the same object as
# NumberMention(...) at half the cost (the frozen dataclass's __init__ goes
# through object.__setattr__ for every field).
_SET_START, _SET_END, _SET_TEXT, _SET_VALUE, _SET_HIGH, _SET_UNIT, _SET_KIND = (
    getattr(NumberMention, name).__set__ for name in NumberMention.__slots__
)


def _new_mention(
    start: int, end: int, text: str, value: float, high: float | None, unit: str | None, kind: str
) -> NumberMention:
    mention = object.__new__(NumberMention)
    _SET_START(mention, start)
    _SET_END(mention, end)
    _SET_TEXT(mention, text)
    _SET_VALUE(mention, value)
    _SET_HIGH(mention, high)
    _SET_UNIT(mention, unit)
    _SET_KIND(mention, kind)
    return mention


def _token_at(toks: list[_Tok], i: int, pos: int) -> int | None:
    for k in range(i, min(i + 3, len(toks))):
        if toks[k].start == pos:
            return k
    return None


def _skip_to(toks: list[_Tok], i: int, pos: int) -> int:
    while i < len(toks) and toks[i].start < pos:
        i += 1
    return i


_UNIT_FACTORS = {"g": ("mg", 1000.0), "µg": ("mg", 0.001)}


DAYS_PER_UNIT = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0, "year": 365.0}
"""Days in each duration unit (a month as 30 days, a year as 365)."""


def duration_days(m: NumberMention) -> float | None:
    """A duration in days ("2 uger" and "14 dage" are 14), or None for anything else.

    Examples
    --------
    >>> [duration_days(m) for m in find_numbers("i 2 uger, i 14 dage, 5 mg", language="da")]
    [14.0, 14.0, None]
    """
    factor = DAYS_PER_UNIT.get(m.unit or "") if m.kind == "duration" else None
    return None if factor is None else round(m.value * factor, 3)


def values_match(a: NumberMention, b: NumberMention, *, rel_tol: float = 1e-6) -> bool:
    """Whether two mentions state the same quantity.

    Units must agree when both have one (``g`` and ``mg`` are converted);
    a bare number matches any unit, since speech often drops units.

    Examples
    --------
    >>> x, y = find_numbers("1 g", language="da")[0], find_numbers("1000 mg", language="da")[0]
    >>> values_match(x, y)
    True
    >>> values_match(*find_numbers("38,5 og 38.5 grader", language="da"))
    True
    """
    va, ua = _canonical(a.value, a.unit)
    vb, ub = _canonical(b.value, b.unit)
    if ua is not None and ub is not None and ua != ub:
        return False
    if not _close(va, vb, rel_tol):
        return False
    ha = _canonical(a.value_high, a.unit)[0] if a.value_high is not None else None
    hb = _canonical(b.value_high, b.unit)[0] if b.value_high is not None else None
    if ha is None or hb is None:
        return True
    return _close(ha, hb, rel_tol)


def _canonical(value: float | None, unit: str | None) -> tuple[float, str | None]:
    if value is None:
        return 0.0, unit
    if unit in _UNIT_FACTORS:
        base, factor = _UNIT_FACTORS[unit]
        return value * factor, base
    return value, unit


def _close(x: float, y: float, rel_tol: float) -> bool:
    return abs(x - y) <= rel_tol * max(1.0, abs(x), abs(y))
