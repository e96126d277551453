"""Sentences, clauses, sections and speaker turns in Danish and English text.

Every function returns :class:`Span` items whose ``start``/``end`` are offsets
into the text passed in, so callers can map a finding back to the note.

* :func:`split_sections` finds headed sections (``Objektivt:``, ``PLAN``,
  ``HISTORY OF PRESENT ILLNESS``).
* :func:`split_sentences` splits at ``.!?`` and line breaks, but not after
  common abbreviations (``f.eks.``, ``dgl.``, ``pt.``, ``e.g.``, ``Dr.``),
  ordinals (``2. gang``) or decimal marks (``38.5``).
* :func:`split_clauses` splits sentences further at ``;``, at a colon that
  ends a label, and before a comma followed by a conjunction
  (``, men``, ``, but``). Comma lists stay together so a negation such as
  "ingen feber, hoste eller snue" keeps its scope. :func:`clauses_of` does
  the same for some of a text's sentences only.
* :func:`split_turns` splits a transcript at speaker labels (``Læge:``,
  ``Patient:``, ``Mor:``, ``[doctor]``, ``D:``, ``P:``) and gives each turn a
  role: ``clinician``, ``patient`` or ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import repeat

__all__ = [
    "CLAUSE_END",
    "Span",
    "Turn",
    "split_sections",
    "split_sentences",
    "sentence_bounds",
    "split_clauses",
    "clauses_of",
    "split_turns",
    "speaker_role",
]


CLAUSE_END = frozenset(".,;:!?\n")
"""Characters that end a clause: after a cue word they mean the cue stands last ("Ryger ikke.")."""


@dataclass(frozen=True, slots=True)
class Span:
    """A located piece of text.

    Attributes
    ----------
    start, end : int
        Offsets into the text that was split.
    text : str
        ``text[start:end]``.
    label : str or None
        The section heading for sections, else ``None``.
    """

    start: int
    end: int
    text: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker turn of a transcript.

    Attributes
    ----------
    start, end : int
        Offsets of the spoken text (the label excluded).
    text : str
        The spoken text.
    speaker : str
        The label as written (``"Mor"``, ``"doctor"``), or ``""`` when the
        transcript has no labels.
    role : {"clinician", "patient", "other"}
        What the label means.
    """

    start: int
    end: int
    text: str
    speaker: str
    role: str


_ABBREVIATIONS = frozenset(
    """f.eks bl.a dgl pt pt's ca evt mht jf hhv iflg kl nr tbl tabl dr mr mrs ms obs u.a mm stk
    dvs p.n ift vha inkl ekskl max min sv tlf pga vedr ang e.g i.e vs approx etc no b.i.d t.i.d
    q.d p.r.n prn st sc i.v i.m p.o s.c mg ml hr dept fig temp beh ctr henv obj us inh gns rp
    pos neg bilat mdr md ugl""".split()
)
# Abbreviations that often end a sentence ("x 2 dgl.", "Lasègue pos.", "Cor: u.a."):
# followed by a capital letter they end it ("x 1 dgl. Ingen bivirkninger.").
# Others ("f.eks. Pamol", "Rp. Amoxicillin", "Dr. Hansen") never do.
_ENDING_ABBREVIATIONS = frozenset(
    "dgl mdr md pos neg bilat u.a us inh stk tbl tabl mg ml ugl".split()
)
# A sentence ends at a run of ".!?" before white space, or at a run of line
# breaks. Written to start with one character class, so the regex engine jumps
# between candidate characters instead of trying both alternatives everywhere.
# The empty group marks the one match that may not end a sentence: a single
# "." before white space, perhaps after an abbreviation (the third branch would
# match the same, taking no further "!?.").
_SENT_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|(?<=\.)(?=\s)()|[.!?]*(?=\s))")
_WORD_BEFORE = re.compile(r"([^\s()]+)$")


_ABBREVIATION_KIND: dict[str, int] = {w: 1 for w in _ABBREVIATIONS}
_ABBREVIATION_KIND.update({w: 2 for w in _ENDING_ABBREVIATIONS})
"""``1`` for an abbreviation, ``2`` for one that may end a sentence (which wins)."""


def _is_abbreviation(text: str, dot: int) -> bool:
    before = text[dot - 1] if dot else " "
    if before in "()" or (before.isspace() and before != "\n"):
        # No word ends right before the dot ("\n" is left to the regex: "$" also
        # matches before a final line break).
        return False
    if before == "\n":
        m = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
        if m is None:
            return False
        word = m.group(1)
    else:
        # The run of characters other than white space and brackets ending at
        # the dot, at most 20 back: what _WORD_BEFORE finds, without a regex
        # search (the last piece of an rsplit is that of a split; the dot
        # follows no white space here, so there is one)
        word = text[dot - 20 if dot > 20 else 0 : dot].rsplit(None, 1)[-1]
        if "(" in word or ")" in word:
            word = word[max(word.rfind("("), word.rfind(")")) + 1 :]
    word = word.lower().rstrip(".")
    kind = _ABBREVIATION_KIND.get(word)
    if kind == 1:
        return True
    if kind == 2:
        # followed by a capital letter, an abbreviation that may end a sentence ends it
        nxt = text[dot + 1 : dot + 3].strip()
        return not (nxt and nxt[0].isupper())
    if len(word) == 1 and word.isalpha():
        return True
    if word.isdigit():
        # "2. gang": an ordinal when the next word starts in lower case
        nxt = text[dot + 1 : dot + 3].strip()
        return bool(nxt) and nxt[0].islower()
    return False


def _may_be_abbreviation(text: str, dot: int) -> bool:
    """:func:`_is_abbreviation`, with a cheap exit for the dot after a long word.

    Seven letters before the dot make a word longer than any abbreviation
    (six at most), neither a single letter nor a number: a sentence ends there.
    Most dots of running text end such a word.
    """
    if dot >= 7 and text[dot - 7 : dot].isalpha():
        return False
    return _is_abbreviation(text, dot)


# Building a span through the slot descriptors makes the same object as
# Span(...) at about half the cost: the frozen dataclass's __init__ goes through
# object.__setattr__ for every field. Notes have about a hundred spans each.
_SET_START, _SET_END, _SET_TEXT, _SET_LABEL = (
    getattr(Span, name).__set__ for name in Span.__slots__
)
_new_object = object.__new__


def _trim(text: str, start: int, end: int, label: str | None = None) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    span = _new_object(Span)
    _SET_START(span, start)
    _SET_END(span, end)
    _SET_TEXT(span, text[start:end])
    _SET_LABEL(span, label)
    return span


def split_sentences(text: str) -> list[Span]:
    """Split text into sentences; line breaks always end a sentence.

    Examples
    --------
    >>> text = "Pt har haft feber i 2 dg. Tager f.eks. Pamol.\\nBT 120/80"
    >>> [s.text for s in split_sentences(text)]
    ['Pt har haft feber i 2 dg.', 'Tager f.eks. Pamol.', 'BT 120/80']
    >>> [s.text for s in split_sentences("hello . how are you ?")]
    ['hello .', 'how are you ?']
    """
    spans: list[Span] = []
    for start, end in sentence_bounds(text):
        span = _new_object(Span)
        _SET_START(span, start)
        _SET_END(span, end)
        _SET_TEXT(span, text[start:end])
        _SET_LABEL(span, None)
        spans.append(span)
    return spans


def sentence_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of ``text[start:end]``, as :func:`split_sentences` splits.

    Offsets are into ``text``. For callers that need only where the sentences
    are (the transcript index): no :class:`Span` and no copy of each sentence.

    Examples
    --------
    >>> text = "Læge: Har du feber? Nej. Tager f.eks. Pamol."
    >>> [text[a:b] for a, b in sentence_bounds(text, 6)]
    ['Har du feber?', 'Nej.', 'Tager f.eks. Pamol.']
    >>> sentence_bounds(text, 6) == [
    ...     (6 + s.start, 6 + s.end) for s in split_sentences(text[6:])
    ... ]
    True
    """
    if end is None:
        end = len(text)
    if start or end != len(text):
        # the abbreviation rule looks at the characters around a dot: read the
        # piece on its own, as split_sentences(text[start:end]) does
        piece = text[start:end]
        return [(start + a, start + b) for a, b in sentence_bounds(piece)]
    bounds: list[tuple[int, int]] = []
    append = bounds.append
    at = 0
    # _may_be_abbreviation and _trimmed written out: this loop runs once per
    # sentence end of every note and transcript
    for m in _SENT_END.finditer(text):
        if m.lastindex is not None:  # a single "." before white space
            dot = m.start()
            if not (dot >= 7 and text[dot - 7 : dot].isalpha()) and _is_abbreviation(text, dot):
                continue
        stop = m.end()
        while at < stop and text[at].isspace():
            at += 1
        b = stop
        while b > at and text[b - 1].isspace():
            b -= 1
        if at < b:
            append((at, b))
        at = stop
    a, b = _trimmed(text, at, len(text))
    if a < b:
        append((a, b))
    return bounds


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` with the white space at both ends left out (``start >= end``: none left)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Every break is one character (";", ":", "," or white space), so the pattern
# starts with their class and checks which one it consumed: the regex engine
# then jumps between candidate characters.
_CLAUSE_BREAK = re.compile(
    r"[;:,\s](?:(?<=;)|(?<=[^\d\s]:)(?=\s)|(?<=,)(?=\s+(?:men|mens|dog|derfor|så|hvorfor|but|while|"
    r"whereas|however|although|though|which|so|and\s+(?:he|she|they|i|we|the|his|her)|og\s+(?:han|"
    r"hun|de|der|pt|patienten))\b)|(?<=\s)(?=(?:men|but|however)\s))",
    re.IGNORECASE,
)


def split_clauses(text: str) -> list[Span]:
    """Split text into clauses (finer than sentences).

    Examples
    --------
    >>> text = "Ingen feber, hoste eller snue; let ondt i halsen, men ingen synkebesvær."
    >>> [c.text for c in split_clauses(text)]
    ['Ingen feber, hoste eller snue;', 'let ondt i halsen,', 'men ingen synkebesvær.']
    >>> [c.text for c in split_clauses("Plan: Pamol 1 g x 4 dgl.")]
    ['Plan:', 'Pamol 1 g x 4 dgl.']
    """
    return clauses_of(text, split_sentences(text))


def clauses_of(text: str, sentences: Iterable[Span]) -> list[Span]:
    """The clauses of some of ``text``'s sentences (spans from :func:`split_sentences`).

    ``clauses_of(text, split_sentences(text))`` is ``split_clauses(text)``;
    a subset of the sentences gives the clauses inside them, with offsets
    into ``text``.
    """
    out: list[Span] = []
    for sent in sentences:
        if _CLAUSE_BREAK.search(text, sent.start, sent.end) is None:
            out.append(sent)  # one clause: the sentence itself (already trimmed)
            continue
        start = sent.start
        for m in _CLAUSE_BREAK.finditer(text, sent.start, sent.end):
            span = _trim(text, start, m.end())
            if span is not None:
                out.append(span)
            start = m.end()
        span = _trim(text, start, sent.end)
        if span is not None:
            out.append(span)
    return out


_HEADING = re.compile(
    r"^[ \t]*(?:(?P<colon>[A-ZÆØÅa-zæøå][A-Za-zÆØÅæøå /&-]{0,40}?)[ \t]*:"
    r"|(?P<caps>[A-ZÆØÅ][A-ZÆØÅ /&-]{2,60}))"
    r"[ \t]*(?:$|(?=\S))",
    re.MULTILINE,
)


def split_sections(text: str) -> list[Span]:
    """Split a note into headed sections; text before the first heading has label ``None``.

    A heading is a line-initial label ending in a colon (``Objektivt:``) or a
    line in capitals (``PHYSICAL EXAM``).

    Examples
    --------
    >>> text = "Subj: ondt i halsen\\nObj: tonsiller røde\\nPLAN\\nPamol"
    >>> [(s.label, s.text) for s in split_sections(text)]
    [('Subj', 'ondt i halsen'), ('Obj', 'tonsiller røde'), ('PLAN', 'Pamol')]
    """
    heads = []
    for m in _HEADING.finditer(text):
        label = m.group("colon") or m.group("caps")
        if m.group("caps") and text[m.end() : m.end() + 1] not in ("", "\n"):
            continue
        heads.append((m.start(), m.end(), label.strip()))
    spans: list[Span] = []
    if not heads:
        span = _trim(text, 0, len(text))
        return [span] if span else []
    pre = _trim(text, 0, heads[0][0])
    if pre is not None:
        spans.append(pre)
    for i, (_, body_start, label) in enumerate(heads):
        body_end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        span = _trim(text, body_start, body_end, label)
        if span is not None:
            spans.append(span)
    return spans


_ROLES = {
    "clinician": """læge lægen doctor dr d doc gp clinician physician sygeplejerske nurse sp l
    behandler provider""".split(),
    "patient": "patient patienten pt p pat pasient".split(),
    "other": """mor far mother father mom dad pårørende relative partner ægtefælle hustru mand
    wife husband datter søn daughter son barn child tolk interpreter guardian caregiver""".split(),
}
_ROLE_OF = {w: role for role, ws in _ROLES.items() for w in ws}
_LABEL = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<colon>[A-Za-zÆØÅæøå][A-Za-zÆØÅæøå .]{0,20}?)[ \t]*:[ \t]*"
    r"|\[(?P<bracket>[A-Za-zÆØÅæøå_ ]{1,20})\][ \t]*"
)


def speaker_role(label: str) -> str:
    """Role of a speaker label: ``clinician``, ``patient`` or ``other``.

    Examples
    --------
    >>> speaker_role("Læge"), speaker_role("[patient]"), speaker_role("Mor"), speaker_role("D")
    ('clinician', 'patient', 'other', 'clinician')
    """
    key = label.strip().strip("[]").strip().lower().rstrip(".")
    key = re.sub(r"[_\s]+\d*$", "", key) or key
    if key in _ROLE_OF:
        return _ROLE_OF[key]
    first = key.split()[0] if key.split() else key
    return _ROLE_OF.get(first, "other")


def _label_matches(transcript: str) -> Iterator[re.Match[str]]:
    """``_LABEL.finditer(transcript)``, read at line starts only when the text has no ``[``.

    Without a bracket only the colon form can match, and only at the start of
    the text or right after a line break; it never runs over a line break, so
    the matches at the line starts are the ones the scan finds. A transcript
    without labels is then a few match attempts instead of a scan of every
    character.
    """
    if "[" in transcript:
        return _LABEL.finditer(transcript)
    found = (
        _LABEL.match(transcript, 0),
        *map(_LABEL.match, repeat(transcript), _after_breaks(transcript)),
    )
    return (m for m in found if m is not None)


def _after_breaks(text: str) -> Iterator[int]:
    """The offsets right after each line break of ``text`` (the starts of lines after the first)."""
    at = text.find("\n")
    while at != -1:
        yield at + 1
        at = text.find("\n", at + 1)


def split_turns(transcript: str) -> list[Turn]:
    """Split a transcript into speaker turns.

    Only labels that name a known role (or any bracketed label) count, so
    ``"Plan: ..."`` in a dictated text is not mistaken for a speaker. Text with
    no labels is one turn with speaker ``""`` and role ``other``.

    Examples
    --------
    >>> text = "Læge: Har du feber?\\nPatient: Nej.\\nMor: Hun hoster."
    >>> [(t.role, t.text) for t in split_turns(text)]
    [('clinician', 'Har du feber?'), ('patient', 'Nej.'), ('other', 'Hun hoster.')]
    >>> [(t.speaker, t.text) for t in split_turns("[doctor] any fever ? [patient] no .")]
    [('doctor', 'any fever ?'), ('patient', 'no .')]
    """
    labels = []
    for m in _label_matches(transcript):
        name = m.group("colon") if m.group("colon") is not None else m.group("bracket")
        if m.group("colon") is not None:
            key = name.strip().lower().rstrip(".")
            if key not in _ROLE_OF and key.split()[0] not in _ROLE_OF:
                continue
        labels.append((m.start(), m.end(), name.strip()))
    if not labels:
        span = _trim(transcript, 0, len(transcript))
        return [Turn(span.start, span.end, span.text, "", "other")] if span else []
    turns: list[Turn] = []
    pre = _trim(transcript, 0, labels[0][0])
    if pre is not None:
        turns.append(Turn(pre.start, pre.end, pre.text, "", "other"))
    for i, (_, text_start, name) in enumerate(labels):
        text_end = labels[i + 1][0] if i + 1 < len(labels) else len(transcript)
        span = _trim(transcript, text_start, text_end)
        if span is not None:
            turns.append(Turn(span.start, span.end, span.text, name, speaker_role(name)))
    return turns
