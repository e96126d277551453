"""The provenance record written next to every report: ``manifest.json``.

It answers "what produced these numbers?": the evalkit version and signature
string, the input file (name, size, sha256), row counts, every parameter and
the seed, metric and lexicon versions, Python and package versions. Timings
are kept in their own field, ``timings_seconds``, because they differ between
runs while everything else is reproducible.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from evalkit._files import atomic_path
from evalkit._version import __version__
from evalkit.metrics.registry import metric_configs, metric_versions
from evalkit.text.normalize import NORMALIZATION_ID

MANIFEST_SCHEMA = "evalkit-report-manifest/1"

PACKAGES: tuple[str, ...] = (
    "numpy",
    "pandas",
    "pyarrow",
    "scipy",
    "statsmodels",
    "matplotlib",
    "jinja2",
    "rapidfuzz",
    "jiwer",
    "pyahocorasick",
    "snowballstemmer",
    "PyStemmer",
    "wordfreq",
    "typer",
)
"""Packages whose versions the manifest records."""


def file_fingerprint(path: str | Path, *, chunk_bytes: int = 1 << 20) -> dict[str, Any]:
    """Name, size in bytes and SHA-256 of a file, read in chunks.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "notes.csv"
    >>> _ = p.write_bytes(b"abc")
    >>> fp = file_fingerprint(p)
    >>> fp["name"], fp["size_bytes"], fp["sha256"][:16]
    ('notes.csv', 3, 'ba7816bf8f01cfea')
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"input file {str(path)!r} does not exist or is not a file; pass the path the "
            "notes or scores were read from, or input_path=None"
        )
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk_bytes):
            digest.update(block)
    return {"name": path.name, "size_bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def package_versions(packages: Iterable[str] = PACKAGES) -> dict[str, str | None]:
    """Installed versions of ``packages`` (``None`` when not installed).

    Examples
    --------
    >>> package_versions(["numpy", "surely-not-installed-pkg"])["surely-not-installed-pkg"] is None
    True
    """
    versions: dict[str, str | None] = {}
    for name in packages:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def signature_string(
    *,
    n_boot: int,
    seed: int,
    min_cell: int,
    lexicon: str | None = None,
    families: Mapping[str, str] | None = None,
) -> str:
    """The short string that identifies how a report's numbers were made.

    Same inputs and same signature give the same numbers (timings aside).

    Parameters
    ----------
    n_boot, seed, min_cell : int
        Bootstrap replicates, seed and small-cell threshold.
    lexicon : str, optional
        Lexicon version(s), joined by ``+``.
    families : mapping, optional
        ``{family: version}``; default the registered metric families.

    Examples
    --------
    >>> signature_string(n_boot=2000, seed=12345, min_cell=5, lexicon="da-2026.1",
    ...                  families={"edit": "1"})
    'evalkit:...|norm:...|edit:1|lex:da-2026.1|bs:2000|seed:12345|k:5'
    """
    fams = metric_versions() if families is None else dict(families)
    parts = [f"evalkit:{__version__}", f"norm:{NORMALIZATION_ID}"]
    parts += [f"{name}:{version}" for name, version in fams.items()]
    if lexicon:
        parts.append(f"lex:{lexicon}")
    parts += [f"bs:{n_boot}", f"seed:{seed}", f"k:{min_cell}"]
    return "|".join(parts)


def build_manifest(
    *,
    signature: str,
    parameters: Mapping[str, Any],
    rows: Mapping[str, int | None],
    input_path: str | Path | None = None,
    lexicon_versions: Mapping[str, str] | None = None,
    timings_seconds: Mapping[str, float] | None = None,
    outputs: Iterable[str] = (),
) -> dict[str, Any]:
    """Assemble the manifest as a JSON-ready dict.

    Parameters
    ----------
    signature : str
        From :func:`signature_string`.
    parameters : mapping
        Every parameter of the run, the seed included.
    rows : mapping
        ``read``, ``scored``, ``quarantined`` (and any other counts).
    input_path : path, optional
        The input file; fingerprinted with :func:`file_fingerprint`.
    lexicon_versions : mapping, optional
        ``{language: version}`` of the lexicons used.
    timings_seconds : mapping, optional
        Wall-clock seconds per step.
    outputs : iterable of str
        Files written, relative to the report folder.

    Returns
    -------
    dict

    Examples
    --------
    >>> m = build_manifest(signature="evalkit:0.1.0", parameters={"seed": 1},
    ...                    rows={"read": 3, "scored": 3, "quarantined": 0})
    >>> m["evalkit_version"] == __version__, m["rows"]["read"], m["input"]
    (True, 3, None)
    """
    return {
        "schema": MANIFEST_SCHEMA,
        "evalkit_version": __version__,
        "signature": signature,
        "input": None if input_path is None else file_fingerprint(input_path),
        "rows": {key: (None if value is None else int(value)) for key, value in rows.items()},
        "parameters": _jsonable(dict(parameters)),
        "metric_versions": metric_versions(),
        "metric_configs": metric_configs(),
        "normalization": NORMALIZATION_ID,
        "lexicon_versions": dict(lexicon_versions or {}),
        "outputs": sorted(outputs),
        "environment": {
            "python": sys.version.split()[0],
            "implementation": platform.python_implementation(),
            "platform": platform.platform(terse=True),
            "packages": package_versions(),
        },
        "timings_seconds": {k: round(float(v), 3) for k, v in (timings_seconds or {}).items()},
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def write_manifest(manifest: Mapping[str, Any], path: str | Path) -> Path:
    """Write ``manifest`` as indented UTF-8 JSON with sorted keys.

    Examples
    --------
    >>> import tempfile
    >>> p = write_manifest({"b": 1, "a": "ø"}, Path(tempfile.mkdtemp()) / "manifest.json")
    >>> p.read_text(encoding="utf-8")
    '{\\n  "a": "ø",\\n  "b": 1\\n}\\n'
    """
    path = Path(path)
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    with atomic_path(path, "the manifest") as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path
