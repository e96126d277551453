"""Reading lexicons: the shipped files, user TSV/CSV files and the official SKS extracts.

Shipped files live in ``evalkit/lexicon/data/``: every ``<lang>_*.tsv`` with
the header ``term, concept_id, category, language, source`` (``#`` lines are
comments) and ``<lang>_*stoplist.txt`` files with one term per line.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
from collections.abc import Iterable
from pathlib import Path

from evalkit.lexicon.model import (
    CATEGORIES,
    LANGUAGES,
    SHIPPED_RELEASE,
    Lexicon,
    LexiconEntry,
    entries_hash,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
"""Folder of the shipped lexicon files."""

COLUMNS = ("term", "concept_id", "category", "language", "source")
_CONCEPT_ID = re.compile(r"^[a-z][a-z0-9_]*:\S+$")
_SKS_QUALIFIERS = re.compile(r"(,\s*uspecificeret|\s+UNS)\s*$", re.IGNORECASE)


def read_lexicon_file(
    path: str | os.PathLike[str], *, language: str | None = None, source: str | None = None
) -> Lexicon:
    """Read a user lexicon in TSV or CSV.

    The first non-comment line is the header. ``term``, ``concept_id`` and
    ``category`` are required; ``language`` and ``source`` may be left out
    when given as arguments. Lines starting with ``#`` and blank lines are
    skipped. The delimiter is a tab when the header line contains one,
    otherwise a comma.

    Parameters
    ----------
    path : path-like
        The file.
    language : {"da", "en"}, optional
        Language of every row when the file has no ``language`` column.
    source : str, optional
        Source tag of every row when the file has no ``source`` column
        (default ``user:<file name>``).

    Returns
    -------
    Lexicon
        Version ``user:<sha8>``.

    Raises
    ------
    ValueError
        On a missing column or a bad row, naming the file, line and fix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "mine.csv").write_text(
    ...     "term,concept_id,category\\nhjertesvigt,dx:heart_failure,diagnosis\\n",
    ...     encoding="utf-8")
    >>> lex = read_lexicon_file(d / "mine.csv", language="da")
    >>> lex.entries[0].concept_id, lex.entries[0].source
    ('dx:heart_failure', 'user:mine.csv')
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"Lexicon file {str(path)!r} does not exist; pass the path of a TSV or CSV lexicon"
        )
    entries = _parse_table(
        path, default_language=language, default_source=source or f"user:{path.name}"
    )
    return Lexicon(entries, version=f"user:{entries_hash(entries)}")


def load_lexicon(
    language: str | None = None,
    *,
    extra: Iterable[str | os.PathLike[str]] = (),
    include_shipped: bool = True,
) -> Lexicon:
    """Load the shipped lexicon of one or all languages, plus user lexicon files.

    Parameters
    ----------
    language : {"da", "en"}, optional
        Keep only this language (default: every language).
    extra : iterable of path-like
        User lexicons (TSV or CSV, see :func:`read_lexicon_file`), appended
        after the shipped entries. A user term spelled like a shipped one
        adds its concept to the mention; it does not replace the shipped one
        (use ``include_shipped=False`` for that).
    include_shipped : bool
        Set to False to use only the ``extra`` files.

    Returns
    -------
    Lexicon
        With a version such as ``da-2026.1+user:1a2b3c4d``.

    Examples
    --------
    >>> lex = load_lexicon("da")
    >>> lex.version.startswith("da-")
    True
    """
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
    langs = [language] if language else list(LANGUAGES)
    parts: list[Lexicon] = []
    if include_shipped:
        parts.extend(_shipped(lang) for lang in langs)
    user_entries: list[LexiconEntry] = []
    for path in extra:
        lex = read_lexicon_file(path, language=language)
        user_entries.extend(e for e in lex.entries if language is None or e.language == language)
    entries: list[LexiconEntry] = []
    stop: dict[str, frozenset[str]] = {}
    version_parts: list[str] = []
    for part in parts:
        entries.extend(part.entries)
        stop.update(part.stoplist)
        version_parts.append(part.version)
    if user_entries:
        entries.extend(user_entries)
        version_parts.append(f"user:{entries_hash(user_entries)}")
    return Lexicon(entries, stoplist=stop, version="+".join(version_parts) or "empty")


@functools.cache
def _shipped(language: str) -> Lexicon:
    entries: list[LexiconEntry] = []
    for path in sorted(DATA_DIR.glob(f"{language}_*.tsv")):
        entries.extend(
            _parse_table(
                path, default_language=None, default_source=None, expected_language=language
            )
        )
    stop: set[str] = set()
    for path in sorted(DATA_DIR.glob(f"{language}_*stoplist.txt")):
        stop.update(read_stoplist(path))
    return Lexicon(entries, stoplist={language: stop}, version=f"{language}-{SHIPPED_RELEASE}")


@functools.cache
def drug_class_ids() -> frozenset[str]:
    """Concept ids of the shipped lexicons that name a drug class, not one substance.

    The shipped Danish medication file marks class rows with a ``classes``
    source; the concept ids are shared with the English files.

    Examples
    --------
    >>> "med:nsaid" in drug_class_ids(), "med:ibuprofen" in drug_class_ids()
    (True, False)
    """
    return frozenset(
        e.concept_id for e in _shipped("da").entries if "-classes-" in (e.source or "")
    )


def read_stoplist(path: str | os.PathLike[str]) -> set[str]:
    """Terms of a stoplist file: one per line, ``#`` comments and blank lines skipped.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "da_stoplist.txt"
    >>> _ = p.write_text("# everyday words\\ntid\\np\\n", encoding="utf-8")
    >>> sorted(read_stoplist(p))
    ['p', 'tid']
    """
    terms = set()
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            term = line.split("#", 1)[0].strip() if not line.startswith("#") else ""
            if term:
                terms.add(term)
    return terms


def _parse_table(
    path: Path,
    *,
    default_language: str | None,
    default_source: str | None,
    expected_language: str | None = None,
) -> list[LexiconEntry]:
    text = path.read_text(encoding="utf-8-sig")
    numbered = [
        (no, line)
        for no, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        return []
    header_no, header_line = numbered[0]
    delimiter = "\t" if "\t" in header_line else ","
    rows = list(
        csv.reader(io.StringIO("\n".join(line for _, line in numbered)), delimiter=delimiter)
    )
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in ("term", "concept_id", "category") if c not in header]
    if "language" not in header and default_language is None:
        missing.append("language")
    if "source" not in header and default_source is None:
        missing.append("source")
    if missing:
        raise ValueError(
            f"{path.name}, line {header_no}: header lacks column(s) {', '.join(missing)}; "
            f"found {', '.join(header) or 'nothing'}. The header must be "
            f"'{chr(9).join(COLUMNS)}' (tab- or comma-separated); language and source may be "
            "left out when given as arguments"
        )
    index = {name: header.index(name) for name in COLUMNS if name in header}
    entries = []
    for (line_no, _), row in zip(numbered[1:], rows[1:], strict=True):
        where = f"{path.name}, line {line_no}"
        if len(row) != len(header):
            raise ValueError(
                f"{where}: {len(row)} fields, expected {len(header)} ({', '.join(header)}); "
                "check for a missing or extra delimiter"
            )
        values = {name: row[i].strip() for name, i in index.items()}
        term = values["term"]
        concept_id = values["concept_id"]
        category = values["category"].lower()
        language = values.get("language") or default_language or ""
        source = values.get("source") or default_source or ""
        if not term:
            raise ValueError(f"{where}: empty term; write the surface form or delete the row")
        if not _CONCEPT_ID.match(concept_id):
            raise ValueError(
                f"{where}: concept_id {concept_id!r} is not '<prefix>:<name>'; "
                "use e.g. sym:fever or med:paracetamol"
            )
        if category not in CATEGORIES:
            raise ValueError(
                f"{where}: category {category!r} is not one of {', '.join(CATEGORIES)}; "
                "pick the closest of these"
            )
        if language not in LANGUAGES:
            raise ValueError(
                f"{where}: language {language!r} is not one of {', '.join(LANGUAGES)}; "
                "fix the language column"
            )
        if expected_language is not None and language != expected_language:
            raise ValueError(
                f"{where}: language {language!r} in a {expected_language!r} file; "
                f"move the row to a {language}_*.tsv file"
            )
        entries.append(LexiconEntry(term, concept_id, category, language, source))
    return entries


def load_sks(path: str | os.PathLike[str], *, kind: str | None = None) -> Lexicon:
    """Read an official SKS extract (semicolon CSV with header ``"Kode";"Tekst"``).

    D-codes (diagnoses, the Danish ICD-10) become ``diagnosis`` entries with
    concept ``sks:<code>``; M-codes of ATC substances (``M`` plus seven
    characters) become ``medication`` entries with concept ``atc:<code>``.
    Group codes (``M``, ``MA01``, ``D``) are skipped. A trailing
    ``, uspecificeret`` or ``UNS`` is dropped as an extra, shorter synonym.
    Files in UTF-8 and in Latin-1 (as distributed) are both read.

    Parameters
    ----------
    path : path-like
        The SKS file.
    kind : {"diagnoses", "atc"}, optional
        Which codes to keep; by default both D- and M-codes.

    Returns
    -------
    Lexicon
        Danish entries, version ``sks:<sha8>``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "atc.csv"
    >>> _ = p.write_text(
    ...     '"Kode";"Tekst"\\n"MN02B";"andre analgetika"\\n"MN02BE01";"paracetamol"\\n',
    ...     encoding="utf-8")
    >>> [(e.term, e.concept_id) for e in load_sks(p)]
    [('paracetamol', 'atc:N02BE01')]
    """
    if kind not in (None, "diagnoses", "atc"):
        raise ValueError(f"kind must be 'diagnoses', 'atc' or None; got {kind!r}")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"SKS file {str(path)!r} does not exist; download the extract from "
            "Sundhedsdatastyrelsen and pass its path"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header[:2]] != ["kode", "tekst"]:
        raise ValueError(
            f'{path.name}, line 1: expected the SKS header "Kode";"Tekst", found {header!r}; '
            "pass an SKS extract (semicolon-separated)"
        )
    entries: list[LexiconEntry] = []
    for line_no, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) < 2:
            raise ValueError(
                f'{path.name}, line {line_no}: expected "Kode";"Tekst", found {len(row)} field(s)'
            )
        code, label = row[0].strip(), row[1].strip()
        if not label:
            continue
        if code.startswith("D") and len(code) >= 4 and kind in (None, "diagnoses"):
            concept, category, src = f"sks:{code}", "diagnosis", "sks-diagnoses"
        elif code.startswith("M") and len(code) == 8 and kind in (None, "atc"):
            concept, category, src = f"atc:{code[1:]}", "medication", "sks-atc"
        else:
            continue
        entries.append(LexiconEntry(label, concept, category, "da", src))
        shorter = _SKS_QUALIFIERS.sub("", label)
        if shorter != label and shorter:
            entries.append(LexiconEntry(shorter, concept, category, "da", src))
    if not entries:
        raise ValueError(
            f"{path.name}: no SKS {kind or 'D- or M-'} codes found; check that this is an SKS "
            "diagnosis (D-codes) or ATC (M-codes) extract"
        )
    return Lexicon(entries, version=f"sks:{entries_hash(entries)}")
