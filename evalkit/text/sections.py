"""Note sections in Danish and English, mapped to canonical SOAP sections and aligned.

A note is cut at its headings (``S:``, ``Objektivt:``, ``Vurdering``, ``PLAN``,
``HISTORY OF PRESENT ILLNESS``, ``PHYSICAL EXAM:``, ...). Each heading is looked up
in a *section map*, which sends it to one canonical section (``subjective``,
``objective``, ``assessment``, ``plan``) or to a compound such as
``assessment+plan`` for a heading that covers two. Text before the first heading
is ``other``. The map ships as ``evalkit/lexicon/data/sections.toml`` and is
extended with user files of the same shape (:func:`load_section_map`).

Only mapped labels start a section: ``Cor:``, ``BT: 120/80``, ``Neck:`` or
``Medical Reasoning:`` stay inside the section they are in.

:func:`align_sections` pairs the sections of a final note and a draft:

* by canonical section when both notes have headings, whatever the heading's
  wording (``Obj:`` in one, ``Objektivt`` in the other); a compound heading on
  either side (``ASSESSMENT AND PLAN``) merges the parts it covers on both sides;
* by content when one note has unheaded text (no headings at all, or text before
  its first heading) that the other note has under headings: the unheaded text
  is cut into sentences and each sentence goes to the other note's section it is
  most similar to (:func:`rapidfuzz.fuzz.token_set_ratio`), keeping the sections
  in the other note's order.

All offsets refer to the text passed in (the normalised note, see
:func:`evalkit.text.normalize_text`).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from evalkit.io.errors import InputError
from evalkit.text.segment import split_sentences

__all__ = [
    "CANONICAL_SECTIONS",
    "SECTIONS_FILE",
    "AlignedSection",
    "NoteSection",
    "SectionMap",
    "align_sections",
    "classify_heading",
    "find_sections",
    "heading_key",
    "load_section_map",
]

CANONICAL_SECTIONS: tuple[str, ...] = ("subjective", "objective", "assessment", "plan", "other")
"""Canonical sections in note order; compounds join parts with ``+`` in this order."""

SECTIONS_FILE = Path(__file__).resolve().parents[1] / "lexicon" / "data" / "sections.toml"
"""The shipped heading → section map."""

_ORDER = {name: i for i, name in enumerate(CANONICAL_SECTIONS)}
_BULLET = re.compile(r"^[\s•*·\-–]+")
_SPACES = re.compile(r"\s+")
# A candidate heading at a line start: an optional bullet, a label of letters
# (and . / & ' ( ) - spaces, no digits), then a colon or the end of the line.
_CANDIDATE = re.compile(
    r"^[ \t]*(?:[•*·\-–][ \t]*)?"
    r"(?P<label>[^\W\d_](?:[^\W\d_]|[ \t./&'()+\-]){0,48}?)[ \t]*(?P<end>:|\.?[ \t]*$)",
    re.MULTILINE,
)


def heading_key(label: str) -> str:
    """The form a heading is looked up by: lower case, no bullet, colon, full stop or extra spaces.

    Examples
    --------
    >>> heading_key("• Obj.:"), heading_key("HISTORY OF  PRESENT ILLNESS"), heading_key("A/P")
    ('obj', 'history of present illness', 'a/p')
    """
    key = _BULLET.sub("", label).strip().rstrip(":").strip().rstrip(".").strip()
    return _SPACES.sub(" ", key).lower()


@dataclass(frozen=True)
class SectionMap:
    """Headings (as :func:`heading_key` gives them) and the section each starts.

    Attributes
    ----------
    headings : mapping of str to str
        ``{"objektivt": "objective", "assessment and plan": "assessment+plan", ...}``.
    version : str
        Version of the shipped map, with ``+user`` when user files were added.
    files : tuple of str
        The user files merged in, in order.
    """

    headings: Mapping[str, str]
    version: str
    files: tuple[str, ...] = ()

    def lookup(self, label: str) -> str | None:
        """The section a heading starts, or ``None`` when it is not a known heading.

        Examples
        --------
        >>> load_section_map().lookup("Vurd.:")
        'assessment'
        """
        return self.headings.get(heading_key(label))


def _check_section_name(name: str, where: str) -> str:
    parts = name.split("+")
    bad = [p for p in parts if p not in _ORDER]
    if bad or len(set(parts)) != len(parts):
        raise InputError(
            f"{where}: section {name!r} is not a canonical section; use one of "
            f"{', '.join(CANONICAL_SECTIONS)} or parts joined by '+' (assessment+plan)."
        )
    return "+".join(sorted(parts, key=_ORDER.__getitem__))


def _read_map_file(path: Path) -> tuple[dict[str, str], str | None]:
    if not path.is_file():
        raise InputError(
            f"section map file {str(path)!r} does not exist; check the --sections path."
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"section map file {path.name} is not valid UTF-8 TOML ({exc}); see "
            "evalkit/lexicon/data/sections.toml for the shape."
        ) from None
    version = data.pop("version", None)
    headings: dict[str, str] = {}
    for name, table in data.items():
        where = f"{path.name} [{name}]"
        section = _check_section_name(name, where)
        if not isinstance(table, dict):
            raise InputError(
                f'{where} must be a table of heading lists (da = ["..."]); found '
                f"{type(table).__name__}."
            )
        for lang, items in table.items():
            if not isinstance(items, list) or not all(isinstance(h, str) for h in items):
                raise InputError(f"{where} {lang} must be a list of strings (headings).")
            for heading in items:
                key = heading_key(heading)
                if not key:
                    raise InputError(f"{where} {lang}: an empty heading; remove it.")
                if headings.get(key, section) != section:
                    raise InputError(
                        f"{where} {lang}: heading {heading!r} is already mapped to "
                        f"{headings[key]!r} in this file; keep one."
                    )
                headings[key] = section
    return headings, version if isinstance(version, str) else None


@functools.lru_cache(maxsize=8)
def _load(files: tuple[str, ...]) -> SectionMap:
    headings, version = _read_map_file(SECTIONS_FILE)
    for file in files:
        extra, _ = _read_map_file(Path(file))
        headings.update(extra)
    version = version or "unknown"
    return SectionMap(headings, version + ("+user" if files else ""), files)


def load_section_map(files: Iterable[str | Path] = ()) -> SectionMap:
    """The shipped section map, extended by user files (later files win).

    Parameters
    ----------
    files : iterable of path
        TOML files shaped like ``evalkit/lexicon/data/sections.toml``: one table
        per section (``[objective]``, ``["assessment+plan"]``) with lists of
        headings. Loaded maps are cached.

    Returns
    -------
    SectionMap

    Raises
    ------
    InputError
        A file is missing, not TOML, names an unknown section, or maps one
        heading to two sections.

    Examples
    --------
    >>> m = load_section_map()
    >>> m.lookup("Objektivt"), m.lookup("ASSESSMENT AND PLAN:"), m.lookup("Cor")
    ('objective', 'assessment+plan', None)
    """
    return _load(tuple(str(Path(f)) for f in files))


def _resolve(section_map: SectionMap | None) -> SectionMap:
    if section_map is None:
        return _load(())
    if not isinstance(section_map, SectionMap):
        raise TypeError(
            f"section_map must be a SectionMap (from load_section_map); got "
            f"{type(section_map).__name__}"
        )
    return section_map


def classify_heading(line: str, section_map: SectionMap | None = None) -> str | None:
    """The section a line starts when it is a heading, else ``None``.

    A heading is a known label alone on the line, or followed by a colon.

    Examples
    --------
    >>> classify_heading("PHYSICAL EXAM"), classify_heading("S: ondt i halsen")
    ('objective', 'subjective')
    >>> classify_heading("BT: 120/80"), classify_heading("Plan er at ringe")
    (None, None)
    """
    smap = _resolve(section_map)
    m = _CANDIDATE.match(line.split("\n", 1)[0])
    return None if m is None else smap.lookup(m.group("label"))


@dataclass(frozen=True, slots=True)
class NoteSection:
    """One section of a note.

    Attributes
    ----------
    section : str
        Canonical section (``objective``) or compound (``assessment+plan``);
        ``other`` for text before the first heading.
    heading : str or None
        The heading as written (``None`` for text before the first heading).
    start : int
        Where the section starts (its heading included).
    body_start : int
        Where the text after the heading starts.
    end : int
        Where the section ends (the next heading, or the end of the note).
    """

    section: str
    heading: str | None
    start: int
    body_start: int
    end: int


def find_sections(text: str, section_map: SectionMap | None = None) -> list[NoteSection]:
    """Cut a note at its headings.

    Text before the first heading becomes a section ``other`` with no heading
    (left out when it is blank). A note without headings is one ``other``
    section.

    Examples
    --------
    >>> note = "Telefonkonsultation.\\nS: ondt i halsen\\nCor: ua.\\nVurd.: tonsillitis"
    >>> note += "\\nPLAN\\nPenicillin"
    >>> [(s.section, s.heading) for s in find_sections(note)]
    [('other', None), ('subjective', 'S'), ('assessment', 'Vurd.'), ('plan', 'PLAN')]
    """
    smap = _resolve(section_map)
    heads = []
    lookup = smap.headings.get
    for m in _CANDIDATE.finditer(text):
        label = m.group("label")
        # The pattern has taken the bullet, the colon and the spaces around the label:
        # what heading_key would still do is case, a final full stop and inner runs of spaces.
        key = label.lower().rstrip(" \t.")
        if "  " in key or "\t" in key:
            key = _SPACES.sub(" ", key)
        section = lookup(key)
        if section is not None:
            heads.append((m.start(), m.end(), section, label.strip()))
    sections: list[NoteSection] = []
    first = heads[0][0] if heads else len(text)
    if text[:first].strip():
        sections.append(NoteSection("other", None, 0, 0, first))
    for i, (start, body_start, section, label) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(NoteSection(section, label, start, body_start, end))
    return sections


@dataclass(frozen=True)
class AlignedSection:
    """One section of a final note and the draft's text for the same section.

    Attributes
    ----------
    section : str
        Canonical section, or compound (``assessment+plan``) when one note's
        heading covers several; ``other`` for unheaded text neither note places.
    final_spans, draft_spans : tuple of (int, int)
        Where the section's text lies in each note (headings included), in order.
    final_text, draft_text : str
        The section's text in each note without the headings, pieces joined by
        a line break.
    alignment : {"heading", "content", "final_only", "draft_only", "none"}
        How the two were paired: by headings; partly by content (unheaded text
        placed by similarity); the section is in one note only; or neither note
        has headings (the whole notes, as ``other``).
    """

    section: str
    final_spans: tuple[tuple[int, int], ...]
    draft_spans: tuple[tuple[int, int], ...]
    final_text: str
    draft_text: str
    alignment: str


def _section_rank(section: str) -> int:
    return _ORDER[section.split("+", 1)[0]]


class _Groups:
    """Union of canonical parts linked by compound headings on either side."""

    def __init__(self, labels: Iterable[str]) -> None:
        self.parent: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        for label in labels:
            parts = label.split("+")
            for p in parts:
                self.parent.setdefault(p, p)
            for p in parts[1:]:
                self.parent[self._root(p)] = self._root(parts[0])

    def _root(self, part: str) -> str:
        while self.parent[part] != part:
            part = self.parent[part]
        return part

    def key(self, label: str) -> str:
        key = self._keys.get(label)
        if key is None:
            root = self._root(label.split("+", 1)[0])
            parts = [p for p in self.parent if self._root(p) == root]
            key = self._keys[label] = "+".join(sorted(parts, key=_ORDER.__getitem__))
        return key


def _assign_by_content(
    text: str, start: int, end: int, targets: Sequence[str], target_texts: Sequence[str]
) -> list[tuple[str, int, int]]:
    """Place the sentences of ``text[start:end]`` in the target sections, keeping their order."""
    sentences = split_sentences(text[start:end])
    if not sentences:
        return []
    if len(targets) == 1:
        return [(targets[0], start + sentences[0].start, start + sentences[-1].end)]
    sim = process.cdist(
        [s.text for s in sentences], list(target_texts), scorer=fuzz.token_set_ratio, workers=1
    ).astype(float)
    # Best monotone assignment: sentence i goes to section j >= the section of i - 1.
    best = np.empty_like(sim)
    back = np.zeros(sim.shape, dtype=int)
    best[0] = sim[0]
    for i in range(1, len(sentences)):
        run_arg = np.zeros(sim.shape[1], dtype=int)
        for j in range(1, sim.shape[1]):
            run_arg[j] = j if best[i - 1, j] > best[i - 1, run_arg[j - 1]] else run_arg[j - 1]
        best[i] = sim[i] + best[i - 1, run_arg]
        back[i] = run_arg
    j = int(np.argmax(best[-1]))
    chosen = [0] * len(sentences)
    for i in range(len(sentences) - 1, -1, -1):
        chosen[i] = j
        j = int(back[i, j])
    pieces: list[tuple[str, int, int]] = []
    for sent, j in zip(sentences, chosen, strict=True):
        if pieces and pieces[-1][0] == targets[j]:
            pieces[-1] = (targets[j], pieces[-1][1], start + sent.end)
        else:
            pieces.append((targets[j], start + sent.start, start + sent.end))
    return pieces


def _body(text: str, sec: NoteSection) -> str:
    return text[sec.body_start : sec.end].strip()


def align_sections(
    final_note: str, ai_note: str, *, section_map: SectionMap | None = None
) -> list[AlignedSection]:
    """Pair the sections of a final note and its draft.

    Parameters
    ----------
    final_note : str
        The signed note (reference).
    ai_note : str
        The AI draft.
    section_map : SectionMap, optional
        Default: the shipped map (:func:`load_section_map`).

    Returns
    -------
    list of AlignedSection
        One per section found in either note, in canonical order
        (subjective, objective, assessment, plan, then ``other``).

    Examples
    --------
    >>> final = "Anamnese: ondt i halsen i 3 dage\\nObjektivt: røde tonsiller\\nPlan: penicillin"
    >>> draft = "S: ondt i halsen i tre dage\\nO: røde tonsiller"
    >>> [(a.section, a.alignment) for a in align_sections(final, draft)]
    [('subjective', 'heading'), ('objective', 'heading'), ('plan', 'final_only')]
    >>> draft = "Ondt i halsen i tre dage. Røde tonsiller. Penicillin."
    >>> [(a.section, a.draft_text) for a in align_sections(final, draft)]
    [('subjective', 'Ondt i halsen i tre dage.'), ('objective', 'Røde tonsiller.'),
     ('plan', 'Penicillin.')]
    """
    smap = _resolve(section_map)
    notes = (final_note, ai_note)
    found = (find_sections(final_note, smap), find_sections(ai_note, smap))
    headed = [[s for s in secs if s.heading is not None] for secs in found]
    if not headed[0] and not headed[1]:
        spans = tuple(((0, len(t)),) if t.strip() else () for t in notes)
        return [
            AlignedSection("other", spans[0], spans[1], final_note.strip(), ai_note.strip(), "none")
        ]
    groups = _Groups(s.section for side in headed for s in side)
    # pieces[side]: (group, start, end, body text, by_content)
    pieces: list[list[tuple[str, int, int, str, bool]]] = [[], []]
    for side in (0, 1):
        other = 1 - side
        text = notes[side]
        preamble = found[side][0] if found[side] and found[side][0].heading is None else None
        other_has_preamble = bool(found[other]) and found[other][0].heading is None
        if preamble is not None and headed[other] and not (other_has_preamble and headed[side]):
            # Unheaded text placed by content: all of a note without headings, or the
            # text before the first heading when the other note has none there.
            targets: list[str] = []
            target_texts: dict[str, list[str]] = {}
            for sec in found[other]:
                key = "other" if sec.heading is None else groups.key(sec.section)
                if key not in target_texts:
                    targets.append(key)
                    target_texts[key] = []
                target_texts[key].append(_body(notes[other], sec))
            placed = _assign_by_content(
                text,
                preamble.start,
                preamble.end,
                targets,
                ["\n".join(target_texts[t]) for t in targets],
            )
            for key, start, end in placed:
                pieces[side].append((key, start, end, text[start:end].strip(), True))
        elif preamble is not None:
            pieces[side].append(
                ("other", preamble.start, preamble.end, _body(text, preamble), False)
            )
        for sec in headed[side]:
            pieces[side].append(
                (groups.key(sec.section), sec.start, sec.end, _body(text, sec), False)
            )
    keys = sorted({p[0] for side in pieces for p in side}, key=_section_rank)
    aligned = []
    for key in keys:
        final_p = [p for p in pieces[0] if p[0] == key]
        draft_p = [p for p in pieces[1] if p[0] == key]
        if any(p[4] for p in final_p + draft_p):
            how = "content"
        elif final_p and draft_p:
            how = "heading"
        else:
            how = "final_only" if final_p else "draft_only"
        aligned.append(
            AlignedSection(
                key,
                tuple((p[1], p[2]) for p in final_p),
                tuple((p[1], p[2]) for p in draft_p),
                "\n".join(p[3] for p in final_p if p[3]),
                "\n".join(p[3] for p in draft_p if p[3]),
                how,
            )
        )
    return aligned
