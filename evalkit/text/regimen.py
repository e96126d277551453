"""Dosing regimens in Danish and English: parse, normalise and compare.

A prescription in a note states several things at once: how much per
administration (``500 mg``, ``2 tbl.``), how often (``x 3 dgl.``, ``TID``,
``q8h``, ``hver 6. time``), by which route (``p.o.``, ``i.v.``), for how long
(``i 5 dage``, ``for 10 days``), whether it is taken as needed (``p.n.``,
``PRN``) or on a fixed schedule (``fast``), and a daily maximum
(``max 4 g dgl.``). :func:`parse_regimen` reads these parts from a text span
near a drug mention into a :class:`Regimen` whose values are normal forms, so
equivalent spellings compare equal:

* amounts in ``mg`` (``1 g`` = ``1000 mg``), ``ml``, ``IE`` …; dosage units
  (tablets, capsules, puffs, drops) as a separate ``count``;
* frequency as administrations per day: ``TID`` = ``t.i.d.`` = ``3 times a
  day`` = ``x 3 dgl.`` = ``tre gange om dagen`` = ``q8h`` = ``hver 8. time`` =
  ``morgen, middag og aften`` (3); weekly is ``1/7``, every other day ``0.5``;
* durations in days (``1 uge`` = ``7 days``, ``48 hours`` = 2).

:func:`compare` lists the parts in which two regimens differ, each typed
(:data:`PART_TYPES`: ``dose`` for amount or frequency, ``number`` for
duration) and located by offsets. Numbers are read with
:func:`evalkit.text.numbers.find_numbers` (digits and spoken numbers of both
languages); this module adds the regimen words around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from evalkit.text.numbers import NumberMention, find_numbers

__all__ = [
    "PARTS",
    "PART_TYPES",
    "Quantity",
    "Regimen",
    "RegimenDifference",
    "compare",
    "find_regimens",
    "parse_regimen",
]

PARTS = (
    "amount",
    "count",
    "frequency",
    "route",
    "duration",
    "as_needed",
    "fixed",
    "max_dose",
)
"""The compared parts of a :class:`Regimen`, in reading order."""

PART_TYPES = {
    "amount": "dose",
    "count": "dose",
    "frequency": "dose",
    "route": "dose",
    "as_needed": "dose",
    "fixed": "dose",
    "max_dose": "dose",
    "duration": "number",
}
"""Flag type of a difference in each part: a changed amount, frequency or
schedule is a dosing error (``dose``); a changed duration is a ``number``."""

ROUTES = (
    "oral",
    "intravenous",
    "intramuscular",
    "subcutaneous",
    "rectal",
    "sublingual",
    "inhaled",
    "topical",
    "nasal",
    "ophthalmic",
    "transdermal",
)
"""The normal forms of :attr:`Regimen.route`."""

_PRECISION = 9  # digits kept after the point, so 24/168 and 1/7 compare equal


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value or range with its normal unit.

    Attributes
    ----------
    value : float
        The value, or the low end of a range.
    high : float or None
        The high end of a range (``1-2 tbl.``), else ``None``.
    unit : str
        Normal unit: ``mg``, ``ml``, ``IE``, ``mg/kg`` … for amounts,
        ``unit`` for dosage units, ``/day`` for frequency, ``day`` for duration.

    Examples
    --------
    >>> Quantity(3, None, "/day")
    Quantity(value=3.0, high=None, unit='/day')
    >>> Quantity(2, 1, "unit")
    Traceback (most recent call last):
    ...
    ValueError: Quantity range must not fall: value 2.0, high 1.0 ...
    """

    value: float
    high: float | None
    unit: str

    def __post_init__(self) -> None:
        value = round(float(self.value), _PRECISION)
        high = None if self.high is None else round(float(self.high), _PRECISION)
        if high is not None and high < value:
            raise ValueError(
                f"Quantity range must not fall: value {value}, high {high} ({self.unit}); "
                "give the low end first"
            )
        if high == value:
            high = None
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "high", high)

    def scaled(self, factor: float, unit: str) -> Quantity:
        """The same quantity multiplied by ``factor`` (inverting a range when ``factor < 0``)."""
        low = self.value * factor
        high = None if self.high is None else self.high * factor
        return Quantity(low, high, unit)

    def __str__(self) -> str:
        def num(x: float) -> str:
            return f"{x:g}"

        span = num(self.value) if self.high is None else f"{num(self.value)}-{num(self.high)}"
        return f"{span} {self.unit}"


@dataclass(frozen=True, slots=True)
class Regimen:
    """A dosing regimen in normal form, with where each part was written.

    Two regimens are equal (``==``) when their parts are equal; offsets,
    the source spelling and the interval are not compared, so ``TID`` and
    ``q8h`` give equal regimens.

    Attributes
    ----------
    amount : Quantity or None
        Amount per administration in ``mg``, ``ml``, ``IE``, ``mg/kg`` ….
    count : Quantity or None
        Dosage units per administration (tablets, capsules, puffs, drops).
    frequency : Quantity or None
        Administrations per day (``/day``); from an interval when only one is given.
    route : str or None
        One of :data:`ROUTES`.
    duration : Quantity or None
        Length of the course in days.
    as_needed : bool
        ``p.n.``, ``efter behov``, ``PRN``, ``as needed``.
    fixed : bool
        ``fast``, ``regularly``, ``scheduled``.
    max_dose : Quantity or None
        Maximum amount per day (``max 4 g dgl.``).
    interval_hours : Quantity or None
        The interval as written (``q8h``: 8), not compared.
    spans : tuple of (part, start, end)
        Offsets of each part found, into the parsed text.
    start, end : int
        Offsets from the first to the last part found (of the parsed span when
        no part is found).
    """

    amount: Quantity | None = None
    count: Quantity | None = None
    frequency: Quantity | None = None
    route: str | None = None
    duration: Quantity | None = None
    as_needed: bool = False
    fixed: bool = False
    max_dose: Quantity | None = None
    interval_hours: Quantity | None = field(default=None, compare=False)
    spans: tuple[tuple[str, int, int], ...] = field(default=(), compare=False)
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    def span_of(self, part: str) -> tuple[int, int] | None:
        """Offsets of ``part`` (one of :data:`PARTS`), or ``None`` when it was not written."""
        for name, start, end in self.spans:
            if name == part:
                return start, end
        return None

    def normal_form(self) -> dict[str, str | bool | None]:
        """The compared parts as plain values (quantities as text), for tables and tests.

        Examples
        --------
        >>> parse_regimen("500 mg t.i.d. p.o.", language="en").normal_form()["frequency"]
        '3 /day'
        """
        out: dict[str, str | bool | None] = {}
        for part in PARTS:
            value = getattr(self, part)
            out[part] = str(value) if isinstance(value, Quantity) else value
        return out

    @property
    def is_empty(self) -> bool:
        """Whether no part was found."""
        return all(getattr(self, p) in (None, False) for p in PARTS)


@dataclass(frozen=True, slots=True)
class RegimenDifference:
    """One part in which a draft's regimen differs from the reference's.

    Attributes
    ----------
    part : str
        One of :data:`PARTS`.
    type : str
        Flag type of the part (:data:`PART_TYPES`): ``dose`` or ``number``.
    change : {"changed", "added", "removed"}
        ``added``: only the draft states the part; ``removed``: only the reference.
    reference, draft : Quantity, str, bool or None
        The part's normal form on each side.
    start, end : int
        Offsets in the draft: of the part, or of the whole draft regimen when
        the draft does not state it.
    reference_start, reference_end : int or None
        Offsets of the part in the reference, or ``None`` when it is not stated there.
    """

    part: str
    type: str
    change: str
    reference: Quantity | str | bool | None
    draft: Quantity | str | bool | None
    start: int
    end: int
    reference_start: int | None
    reference_end: int | None


# --- word tables ------------------------------------------------------------------

_MASS = {"mg": 1.0, "g": 1000.0, "µg": 0.001}
_DOSAGE_UNITS = {"tablet", "capsule", "puff", "drop"}
_DURATION_DAYS = {"day": 1.0, "week": 7.0, "month": 30.0, "year": 365.0, "hour": 1 / 24}
_HOURS = {
    "h": 1.0,
    "t": 1.0,
    "time": 1.0,
    "timer": 1.0,
    "hour": 1.0,
    "hours": 1.0,
    "hr": 1.0,
    "hrs": 1.0,
    "d": 24.0,
    "dag": 24.0,
    "dage": 24.0,
    "døgn": 24.0,
    "day": 24.0,
    "days": 24.0,
    "uge": 168.0,
    "uger": 168.0,
    "week": 168.0,
    "weeks": 168.0,
    "wk": 168.0,
    "måned": 720.0,
    "month": 720.0,
}
_ORDINALS = {
    "anden": 2,
    "andet": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "syvende": 7,
    "ottende": 8,
    "niende": 9,
    "tiende": 10,
    "tolvte": 12,
    "other": 2,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "twelfth": 12,
}
# Latin and British abbreviations → administrations per day.
_LATIN = {
    "qd": 1.0,
    "qam": 1.0,
    "qpm": 1.0,
    "qhs": 1.0,
    "qn": 1.0,
    "bid": 2.0,
    "bd": 2.0,
    "tid": 3.0,
    "tds": 3.0,
    "qid": 4.0,
    "qds": 4.0,
    "qod": 0.5,
    "qw": 1 / 7,
    "qwk": 1 / 7,
}
_LATIN_WORDS = {"nocte": 1.0, "mane": 1.0}
_ROUTE_WORDS: dict[str, tuple[str, ...]] = {
    "oral": (
        r"p\.o\.?",
        r"po",
        r"per\s+os",
        r"(?:per)?oralt",
        r"orally",
        r"oral",
        r"by\s+mouth",
        r"gennem\s+munden",
    ),
    "intravenous": (r"i\.v\.?", r"iv", r"intravenøst?", r"intravenous(?:ly)?"),
    "intramuscular": (r"i\.m\.?", r"im", r"intramuskulært?", r"intramuscular(?:ly)?"),
    "subcutaneous": (
        r"s\.c\.?",
        r"sc",
        r"s\.q\.?",
        r"subkutant?",
        r"subcutaneous(?:ly)?",
        r"subcut",
        r"sub-?q",
    ),
    "rectal": (r"rektalt?", r"rectal(?:ly)?", r"p\.r\.", r"per\s+rectum"),
    "sublingual": (
        r"s\.l\.?",
        r"sublingualt?",
        r"sublingual(?:ly)?",
        r"under\s+tungen",
        r"under\s+the\s+tongue",
    ),
    "inhaled": (r"inhaleret", r"inhalation", r"inhaled", r"som\s+inhalation"),
    "topical": (r"udvortes", r"kutant", r"topical(?:ly)?", r"på\s+huden", r"on\s+the\s+skin"),
    "nasal": (r"(?:intra)?nasalt?", r"intranasally", r"nasally", r"i\s+næsen"),
    "ophthalmic": (r"i\s+øjn?e[nt]", r"in\s+the\s+eyes?"),
    "transdermal": (r"transdermalt?", r"transdermally"),
}
_SLOTS_DA = (
    r"morgen(?:en)?|formiddag(?:en)?|middag(?:en)?|eftermiddag(?:en)?|aften(?:en)?|nat(?:ten)?"
    r"|sengetid"
)
_SLOTS_EN = r"morning|noon|midday|lunch(?:time)?|afternoon|evening|night|bedtime"

# --- regular expressions ----------------------------------------------------------

_F = re.IGNORECASE
_PER_DAY = (
    r"(?:dagligt|daglig|dgl\.?|om\s+dagen|i\s+døgnet|pr\.?\s+(?:dag|døgn)|per\s+(?:dag|døgn|day)"
    r"|a\s+day|daily|/\s?(?:dag|døgn|d|day)(?![^\W\d_]))"
)
_PER_WEEK = (
    r"(?:ugentligt|ugentlig|om\s+ugen|pr\.?\s+uge|per\s+(?:uge|week)|a\s+week|weekly"
    r"|/\s?(?:uge|week|wk)(?![^\W\d_]))"
)
_PER_MONTH = r"(?:om\s+måneden|månedligt|pr\.?\s+måned|per\s+(?:måned|month)|a\s+month|monthly)"
_END = r"(?![^\W\d_])"
_FREQ_TAIL = re.compile(
    r"[ \t]*(?:(?:x|×|gange|gang|times|time)[ \t]*)?(?:(?P<day>"
    + _PER_DAY
    + r")|(?P<week>"
    + _PER_WEEK
    + r")|(?P<month>"
    + _PER_MONTH
    + r"))"
    + _END,
    _F,
)
_X_GLUED = re.compile(
    r"(?<![^\W\d_])[x×](?P<n>\d+)(?:[ \t]*(?:(?P<day>"
    + _PER_DAY
    + r")|(?P<week>"
    + _PER_WEEK
    + r")))?"
    + _END
    + r"(?![ \t]*(?:dage?|døgn|days?|uger?|weeks?|mdr|måneder|months?)"
    + _END
    + r")",
    _F,
)
_TIMES_TAIL = re.compile(r"[ \t]*(?:x|×)[ \t]*(?=\d|[^\W\d_])", _F)
_X_BEFORE = re.compile(r"(?:^|[\s(,])(?:x|×)[ \t]*$", _F)
_COUNT_TAIL = re.compile(
    r"[ \t]+(?:tabletter|tabletten|tablets?|tabl\.?|tbl\.?|tabs?\.?|pills?|piller?|kapsler|kapsel"
    r"|capsules?|caps?\.?|pust|puffs?|sug|dråber|drops|stk\.?|doser|doses?)" + _END,
    _F,
)
_INTERVAL_CUE = re.compile(r"(?:^|[^\w])(?:hver|hvert|every|each)[ \t]+$", _F)
_INTERVAL_UNIT_TAIL = re.compile(
    r"\.?[ \t]*(?P<u>time|timer|t|hours?|hrs?|h|døgn|dage?|days?|uger?|weeks?)" + _END, _F
)
_NOT_COURSE_BEFORE = re.compile(
    r"(?:^|[^\w])(?:om|in|after|efter|within|inden\s+for|since|siden|fra|from|ago|sidste|last"
    r"|past|de\s+seneste|the\s+past|hver|hvert|every|each|q)[ \t]+$",
    _F,
)
_AGO_AFTER = re.compile(r"[ \t]+(?:siden|ago|tidligere|earlier)" + _END, _F)
_MAX_BEFORE = re.compile(
    r"(?:^|[^\w])(?:max(?:imum|imalt)?\.?|maks(?:imalt|imum)?\.?|højst|up\s+to|not\s+more\s+than"
    r"|no\s+more\s+than|not\s+to\s+exceed|op\s+til)[ \t]*$",
    _F,
)
_MAX_TAIL = re.compile(
    r"[ \t]*(?:" + _PER_DAY + r"|in\s+24\s+(?:hours|h)|på\s+24\s+timer|/\s?24\s?(?:h|t))" + _END,
    _F,
)
_Q_INTERVAL = re.compile(
    r"(?<![^\W\d_])q\.?[ \t]?(?P<n>\d+(?:[.,]\d+)?)(?:[ \t]?[-–][ \t]?(?P<n2>\d+))?[ \t]?\.?"
    r"(?P<u>hours?|hrs?|h|days?|d|weeks?|wk)" + _END + r"\.?",
    _F,
)
_HVER_INTERVAL = re.compile(
    r"(?<![^\W\d_])(?:hver|hvert)[ \t]+(?P<n>\d+)\.?(?:[ \t]?[-–][ \t]?(?P<n2>\d+)\.?)?[ \t]*"
    r"(?P<u>time|timer|t|døgn|dage?|uger?)" + _END,
    _F,
)
_WORD_INTERVAL = re.compile(
    r"(?<![^\W\d_])(?:hver|hvert|every|each)[ \t]+(?:(?P<ord>"
    + "|".join(_ORDINALS)
    + r")[ \t]+)?(?P<u>time|døgn|dag|uge|måned|hour|day|week|month)"
    + _END,
    _F,
)
_LATIN_RE = re.compile(
    r"(?<![^\W\d_])(?P<abbr>"
    + "|".join(
        r"\.?".join(re.escape(c) for c in word) for word in sorted(_LATIN, key=len, reverse=True)
    )
    + r")\.?(?![^\W\d_])|(?<![^\W\d_])(?P<word>"
    + "|".join(_LATIN_WORDS)
    + r")"
    + _END,
    _F,
)
_BARE_PER = re.compile(
    r"(?<![^\W\d_])(?:(?P<day>dagligt|daglig|dgl\.?|daily|om\s+dagen|i\s+døgnet)"
    r"|(?P<week>ugentligt|ugentlig|weekly|om\s+ugen))" + _END,
    _F,
)
_SLOT = r"(?:(?:om|til|ved|in\s+the|at|every|hver)[ \t]+)?(?:" + _SLOTS_DA + "|" + _SLOTS_EN + ")"
_SLOTS_RE = re.compile(
    r"(?<![^\W\d_])(?P<all>" + _SLOT + r"(?:[ \t]*(?:,|\+|&|og|and)[ \t]*" + _SLOT + r")*)" + _END,
    _F,
)
_SLOT_WORD = re.compile(r"(?<![^\W\d_])(?:" + _SLOTS_DA + "|" + _SLOTS_EN + r")" + _END, _F)
_ONE_OFF_BEFORE = re.compile(
    r"(?:^|[^\w])(?:i|tomorrow|this|tonight|last|sidste|yesterday|i\s+går)[ \t]+$", _F
)
_AS_NEEDED = re.compile(
    r"(?<![^\W\d_])(?:p\.?[ \t]?n\.?|e\.?[ \t]?b\.|efter[ \t]+behov|ved[ \t]+behov|p\.?r\.?n\.?"
    r"|as[ \t]+needed|when[ \t]+needed|if[ \t]+needed|as[ \t]+required|when[ \t]+required"
    r"|as[ \t]+necessary|on[ \t]+demand)" + _END + r"\.?",
    _F,
)
_FIXED = re.compile(
    r"(?<![^\W\d_])(?:fast(?:[ \t]+dosering)?(?![ \t]+føde)|regularly|regular|scheduled"
    r"|a?round[ \t]+the[ \t]+clock)" + _END,
    _F,
)
_ROUTE_RE = re.compile(
    "|".join(
        r"(?<![^\W\d_])(?P<r" + str(i) + ">" + "|".join(words) + r")(?![^\W\d_])(?:(?<=\.)|\.?)"
        for i, words in enumerate(_ROUTE_WORDS.values())
    ),
    _F,
)
_ROUTE_NAMES = tuple(_ROUTE_WORDS)
# Short undotted abbreviations that are ordinary words in some language
# ("tid" is Danish for time, "bid" a bite, "im"/"iv" roman numerals): read in
# lower case only in English text.
_LOWER_ONLY_EN = {"tid", "bid", "bd", "qd", "qn", "po", "iv", "im", "sc"}


# --- parsing ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    part: str
    value: object
    interval: Quantity | None = None


def _check_language(language: str | None) -> None:
    if language not in (None, "da", "en"):
        raise ValueError(
            f"language must be 'da', 'en' or None, got {language!r}; pass the note's language code"
        )


def _lowercase_allowed(word: str, language: str | None) -> bool:
    plain = word.replace(".", "").replace(" ", "")
    if plain.lower() not in _LOWER_ONLY_EN or "." in word:
        return True
    return plain.isupper() or language == "en"


def _per_day_from_hours(hours: Quantity) -> Quantity:
    if hours.value <= 0:
        raise ValueError(f"an interval of {hours} hours cannot be read as a frequency")
    high = None if hours.high is None else 24.0 / hours.value
    return Quantity(24.0 / (hours.high or hours.value), high, "/day")


def _per_day(value: float, high: float | None, per: str) -> Quantity:
    divisor = {"day": 1.0, "week": 7.0, "month": 30.0}[per]
    return Quantity(value / divisor, None if high is None else high / divisor, "/day")


def _amount(m: NumberMention) -> Quantity:
    unit = m.unit or ""
    if unit in _MASS:
        return Quantity(m.value, m.value_high, "mg").scaled(_MASS[unit], "mg")
    if unit in _DOSAGE_UNITS:
        return Quantity(m.value, m.value_high, "unit")
    return Quantity(m.value, m.value_high, unit)


def _regex_candidates(text: str, start: int, end: int, language: str | None) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _Q_INTERVAL.finditer(text, start, end):
        low = float(m.group("n").replace(",", "."))
        high = float(m.group("n2")) if m.group("n2") else None
        if low <= 0 or (high is not None and high < low):
            continue
        per = _HOURS[m.group("u").lower()]
        hours = Quantity(low, high, "h").scaled(per, "h")
        out.append(_Candidate(m.start(), m.end(), "frequency", _per_day_from_hours(hours), hours))
    for m in _HVER_INTERVAL.finditer(text, start, end):
        low = float(m.group("n"))
        high = float(m.group("n2")) if m.group("n2") else None
        if low <= 0 or (high is not None and high < low):
            continue
        hours = Quantity(low, high, "h").scaled(_HOURS[m.group("u").lower()], "h")
        out.append(_Candidate(m.start(), m.end(), "frequency", _per_day_from_hours(hours), hours))
    for m in _WORD_INTERVAL.finditer(text, start, end):
        every = _ORDINALS[m.group("ord").lower()] if m.group("ord") else 1
        unit = m.group("u").lower()
        hours = Quantity(every * _HOURS.get(unit, 720.0 if unit == "month" else 24.0), None, "h")
        out.append(_Candidate(m.start(), m.end(), "frequency", _per_day_from_hours(hours), hours))
    for m in _X_GLUED.finditer(text, start, end):
        period = "week" if m.group("week") else "day"
        out.append(
            _Candidate(m.start(), m.end(), "frequency", _per_day(int(m.group("n")), None, period))
        )
    for m in _LATIN_RE.finditer(text, start, end):
        word = m.group("abbr") or m.group("word")
        if not _lowercase_allowed(word, language):
            continue
        key = word.replace(".", "").replace(" ", "").lower()
        per_day = _LATIN.get(key, _LATIN_WORDS.get(key))
        if per_day is None:
            continue  # a case-insensitive match the tables lack (the long s "ſ" matches "s")
        out.append(_Candidate(m.start(), m.end(), "frequency", Quantity(per_day, None, "/day")))
    for m in _BARE_PER.finditer(text, start, end):
        per_day = 1.0 if m.group("day") else 1 / 7
        out.append(_Candidate(m.start(), m.end(), "frequency", Quantity(per_day, None, "/day")))
    for m in _SLOTS_RE.finditer(text, start, end):
        if _ONE_OFF_BEFORE.search(text, start, m.start()) or re.match(
            r"(?:i|this|tomorrow)[ \t]", m.group(), _F
        ):
            continue
        n_slots = len(_SLOT_WORD.findall(m.group()))
        out.append(_Candidate(m.start(), m.end(), "frequency", Quantity(n_slots, None, "/day")))
    for m in _AS_NEEDED.finditer(text, start, end):
        if _lowercase_allowed(m.group().rstrip("."), language):
            out.append(_Candidate(m.start(), m.end(), "as_needed", True))
    if language != "en":
        for m in _FIXED.finditer(text, start, end):
            if m.group().lower().startswith("fast"):
                out.append(_Candidate(m.start(), m.end(), "fixed", True))
    if language != "da":
        for m in _FIXED.finditer(text, start, end):
            if not m.group().lower().startswith("fast"):
                out.append(_Candidate(m.start(), m.end(), "fixed", True))
    for m in _ROUTE_RE.finditer(text, start, end):
        if not _lowercase_allowed(m.group(), language):
            continue
        group = m.lastgroup
        if group is None:
            continue  # every alternative of _ROUTE_RE is a named group; never met
        route = _ROUTE_NAMES[int(group[1:])]
        out.append(_Candidate(m.start(), m.end(), "route", route))
    return out


def _mention_candidates(text: str, start: int, end: int, language: str | None) -> list[_Candidate]:
    window = text[start:end]
    mentions = [
        NumberMention(m.start + start, m.end + start, m.text, m.value, m.value_high, m.unit, m.kind)
        for m in find_numbers(window, language=language, accept_ambiguous=True)
    ]
    out: list[_Candidate] = []
    for i, m in enumerate(mentions):
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        out.extend(_classify(text, start, end, m, following))
    return out


def _classify(
    text: str, start: int, end: int, m: NumberMention, following: NumberMention | None
) -> list[_Candidate]:
    before = text[max(start, m.start - 24) : m.start]
    if m.kind == "dose" and m.unit is not None:
        if _MAX_BEFORE.search(before):
            tail = _MAX_TAIL.match(text, m.end, end)
            return [_Candidate(m.start, tail.end() if tail else m.end, "max_dose", _amount(m))]
        if m.unit in _DOSAGE_UNITS:
            return [_Candidate(m.start, m.end, "count", Quantity(m.value, m.value_high, "unit"))]
        return [_Candidate(m.start, m.end, "amount", _amount(m))]
    if m.kind == "frequency" and m.unit in ("/day", "/week"):
        x = _X_BEFORE.search(before)
        begin = m.start - (len(before) - x.start()) if x else m.start
        if x and before[x.start()] in " \t(,":
            begin += 1
        per = "day" if m.unit == "/day" else "week"
        return [_Candidate(begin, m.end, "frequency", _per_day(m.value, m.value_high, per))]
    if m.kind == "duration" and m.unit in _DURATION_DAYS:
        cue = _INTERVAL_CUE.search(before)
        if cue:
            factor = _DURATION_DAYS[m.unit] * 24.0
            hours = Quantity(m.value, m.value_high, "h").scaled(factor, "h")
            begin = m.start - (len(before) - cue.start())
            if not text[begin].isalpha():
                begin += 1
            return [_Candidate(begin, m.end, "frequency", _per_day_from_hours(hours), hours)]
        if _NOT_COURSE_BEFORE.search(before) or _AGO_AFTER.match(text, m.end, end):
            return []
        days = Quantity(m.value, m.value_high, "day").scaled(_DURATION_DAYS[m.unit], "day")
        return [_Candidate(m.start, m.end, "duration", days)]
    if m.kind != "count":
        return []
    freq = _FREQ_TAIL.match(text, m.end, end)
    if freq is not None:
        per = "day" if freq.group("day") else "week" if freq.group("week") else "month"
        return [_Candidate(m.start, freq.end(), "frequency", _per_day(m.value, m.value_high, per))]
    x = _X_BEFORE.search(before)
    if x is not None:
        begin = m.start - len(before) + x.start() + (before[x.start()] in " \t(,")
        return [_Candidate(begin, m.end, "frequency", Quantity(m.value, m.value_high, "/day"))]
    times = _TIMES_TAIL.match(text, m.end, end)
    if times is not None and following is not None and following.start == times.end():
        if following.kind == "dose":
            return [
                _Candidate(m.start, m.end, "frequency", Quantity(m.value, m.value_high, "/day"))
            ]
        return [_Candidate(m.start, m.end, "count", Quantity(m.value, m.value_high, "unit"))]
    count = _COUNT_TAIL.match(text, m.end, end)
    if count is not None:
        return [_Candidate(m.start, count.end(), "count", Quantity(m.value, m.value_high, "unit"))]
    interval = _INTERVAL_UNIT_TAIL.match(text, m.end, end)
    if interval is not None and _INTERVAL_CUE.search(before):
        hours = Quantity(m.value, m.value_high, "h").scaled(
            _HOURS[interval.group("u").lower()], "h"
        )
        if hours.value > 0:
            return [
                _Candidate(m.start, interval.end(), "frequency", _per_day_from_hours(hours), hours)
            ]
    return []


def _select(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longer first (``twice a week`` beats ``a week``)."""
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def parse_regimen(
    text: str, *, language: str | None = None, start: int = 0, end: int | None = None
) -> Regimen:
    """Read the regimen written in ``text[start:end]``.

    Parameters
    ----------
    text : str
        Normalised text (a note or transcript).
    language : {"da", "en"} or None
        Language of ``text``; ``None`` accepts both.
    start, end : int
        The span to read (typically from a drug mention to the end of its
        clause; see :func:`find_regimens`). Offsets of the result are into ``text``.

    Returns
    -------
    Regimen
        The first occurrence of each part wins; parts not written are ``None``
        (or ``False`` for ``as_needed`` and ``fixed``).

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If ``language`` is unknown or the span lies outside ``text``.

    Examples
    --------
    >>> r = parse_regimen("Pamol 1 g x 4 dgl. p.n. i 5 dage", language="da")
    >>> r.amount, r.frequency, r.as_needed, r.duration
    (Quantity(value=1000.0, high=None, unit='mg'), Quantity(value=4.0, high=None, unit='/day'), \
True, Quantity(value=5.0, high=None, unit='day'))
    >>> parse_regimen("1000 mg q6h", language="en") == r
    False
    >>> parse_regimen("1000 mg q6h PRN for 5 days", language="en") == r
    True
    >>> parse_regimen("hver sjette time", language="da").frequency
    Quantity(value=4.0, high=None, unit='/day')
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}; pass the note text")
    _check_language(language)
    stop = len(text) if end is None else end
    if not (0 <= start <= stop <= len(text)):
        raise ValueError(
            f"span {start}..{end} lies outside the text of length {len(text)}; "
            "pass offsets with 0 <= start <= end <= len(text)"
        )
    chosen = _select(
        [
            *_regex_candidates(text, start, stop, language),
            *_mention_candidates(text, start, stop, language),
        ]
    )
    values: dict[str, object] = {}
    spans: list[tuple[str, int, int]] = []
    interval: Quantity | None = None
    for c in chosen:
        if c.part in values:
            continue
        values[c.part] = c.value
        spans.append((c.part, c.start, c.end))
        if c.part == "frequency":
            interval = c.interval
    if spans:
        start, stop = min(s for _, s, _ in spans), max(e for _, _, e in spans)
    return Regimen(
        **values,  # type: ignore[arg-type]
        interval_hours=interval,
        spans=tuple(spans),
        start=start,
        end=stop,
    )


# --- windows near drug mentions ---------------------------------------------------

_HARD_STOP = re.compile(r"\n|;|(?<=[.!?])[ \t]+(?=[A-ZÆØÅ])(?<!\bp\.n\.\s)")
# "dgl. Max", "b.i.d. IV": a full stop of an abbreviation does not end the regimen
_ABBREVIATION_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:dgl|tbl|tabl|mdr|stk|max|maks|ca|evt|pr|kl|mio|mia)|(?:[^\W\d_]\.)+[^\W\d_])\.$",
    _F,
)
_DOSE_BEFORE_DRUG = re.compile(r"[ \t]*(?:(?:of|af)[ \t]+)?$", _F)


def _window_end(text: str, begin: int, limit: int) -> int:
    for m in _HARD_STOP.finditer(text, begin, limit):
        if m.group() in ("\n", ";"):
            return m.start()
        # "1 tbl. Dagligt" keeps going; a full stop after any other word ends the window
        if not _ABBREVIATION_BEFORE.search(text, max(begin, m.start() - 8), m.start()):
            return m.start()
    return limit


def find_regimens(
    text: str, drug_spans: Sequence[tuple[int, int]], *, language: str | None = None
) -> list[Regimen]:
    """The regimen written with each drug mention.

    Each drug's regimen is read from the end of its mention to the first
    line break, semicolon, sentence end or next drug mention, plus an amount
    written right before the drug (``500 mg amoxicillin``, ``2 tablets of
    paracetamol``).

    Parameters
    ----------
    text : str
        Normalised note text.
    drug_spans : sequence of (start, end)
        Offsets of drug mentions (for example from the lexicon matcher), in
        text order and not overlapping.
    language : {"da", "en"} or None
        Language of ``text``.

    Returns
    -------
    list of Regimen
        One per drug span, in the same order (empty regimens included).

    Examples
    --------
    >>> note = "Pamol 1 g x 4 dgl. p.n., Ibumetin 400 mg x 3 i 5 dage. Kontrol om 3 mdr."
    >>> a, b = find_regimens(note, [(0, 5), (25, 33)], language="da")
    >>> a.frequency.value, a.as_needed, a.duration
    (4.0, True, None)
    >>> b.amount.value, b.frequency.value, b.duration.value
    (400.0, 3.0, 5.0)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}; pass the note text")
    _check_language(language)
    spans = [tuple(s) for s in drug_spans]
    previous_end = 0
    for i, (s, e) in enumerate(spans):
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            raise ValueError(
                f"drug span {i} is {s}..{e}, outside the text of length {len(text)}; "
                "pass (start, end) offsets of the drug mentions"
            )
        if s < previous_end:
            raise ValueError(
                f"drug span {i} ({s}..{e}) starts before the previous one ends ({previous_end}); "
                "pass the spans in text order, without overlaps"
            )
        previous_end = e
    out = []
    for i, (s, e) in enumerate(spans):
        limit = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        stop = _window_end(text, e, limit)
        begin = _amount_before(text, s, spans[i - 1][1] if i else 0, language)
        regimen = parse_regimen(text, language=language, start=e, end=stop)
        if begin < s:
            ahead = parse_regimen(text, language=language, start=begin, end=s)
            regimen = _merge(ahead, regimen, begin)
        out.append(regimen)
    return out


def _amount_before(text: str, drug_start: int, floor: int, language: str | None) -> int:
    head_start = max(floor, drug_start - 40)
    mentions = find_numbers(text[head_start:drug_start], language=language)
    if not mentions or mentions[-1].kind != "dose":
        return drug_start
    last = mentions[-1]
    if _DOSE_BEFORE_DRUG.fullmatch(text, head_start + last.end, drug_start) is None:
        return drug_start
    return head_start + last.start


def _merge(ahead: Regimen, after: Regimen, begin: int) -> Regimen:
    values = {p: getattr(after, p) for p in PARTS}
    spans = list(after.spans)
    for part, s, e in ahead.spans:
        if values[part] in (None, False):
            values[part] = getattr(ahead, part)
            spans.append((part, s, e))
    spans.sort(key=lambda t: t[1])
    return Regimen(
        **values,  # type: ignore[arg-type]
        interval_hours=after.interval_hours or ahead.interval_hours,
        spans=tuple(spans),
        start=spans[0][1] if spans else begin,
        end=max(e for _, _, e in spans) if spans else after.end,
    )


# --- comparison -------------------------------------------------------------------


def compare(reference: Regimen, draft: Regimen) -> list[RegimenDifference]:
    """The parts in which ``draft`` differs from ``reference``.

    Parameters
    ----------
    reference : Regimen
        The regimen of the clinician's final note (or the transcript).
    draft : Regimen
        The regimen of the AI draft.

    Returns
    -------
    list of RegimenDifference
        In :data:`PARTS` order; empty when the regimens are equal.

    Examples
    --------
    >>> final = parse_regimen("500 mg three times daily", language="en")
    >>> draft = parse_regimen("500 mg once daily for 10 days", language="en")
    >>> [(d.part, d.type, d.change, d.start, d.end) for d in compare(final, draft)]
    [('frequency', 'dose', 'changed', 7, 17), ('duration', 'number', 'added', 22, 29)]
    >>> compare(final, parse_regimen("500 mg TID", language="en"))
    []
    """
    for name, value in (("reference", reference), ("draft", draft)):
        if not isinstance(value, Regimen):
            raise TypeError(
                f"{name} must be a Regimen, got {type(value).__name__}; "
                "build it with parse_regimen or find_regimens"
            )
    out = []
    for part in PARTS:
        ref, new = getattr(reference, part), getattr(draft, part)
        if ref == new:
            continue
        if ref in (None, False):
            change = "added"
        elif new in (None, False):
            change = "removed"
        else:
            change = "changed"
        where = draft.span_of(part) or (draft.start, draft.end)
        ref_where = reference.span_of(part) or (None, None)
        out.append(
            RegimenDifference(
                part=part,
                type=PART_TYPES[part],
                change=change,
                reference=ref,
                draft=new,
                start=where[0],
                end=where[1],
                reference_start=ref_where[0],
                reference_end=ref_where[1],
            )
        )
    return out
