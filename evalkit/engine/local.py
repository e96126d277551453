"""Scoring many notes: in-process or over a local process pool.

The engine takes validated rows (see :class:`evalkit.io.validate.Validator`),
runs every registered metric family on each AI-assisted note, and returns the
metric columns aligned with the input rows. Control notes (``ai_assisted`` is
false) get empty metric columns.
"""

from __future__ import annotations

import gc
import itertools
import math
import multiprocessing
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

import pandas as pd

from evalkit.io.errors import InputError
from evalkit.io.reasons import Reason
from evalkit.io.validate import QUARANTINE_COLUMNS
from evalkit.lexicon.matcher import MATCHERS_OPTION, Matchers
from evalkit.metrics.note import NotePair, score_pair
from evalkit.metrics.registry import list_families, list_metrics
from evalkit.schema import LANGUAGES, TEXT_COLUMNS, MetricInfo

_PANDAS_DTYPES = {"int": "Int64", "float": "float64", "bool": "boolean", "list": "object"}


def metric_columns(families: Iterable[str] | None = None) -> list[MetricInfo]:
    """Registered metrics of the chosen families, in output order."""
    chosen = None if families is None else set(families)
    return [m for m in list_metrics() if chosen is None or m.family in chosen]


def _is_control(value: Any) -> bool:
    # ai_assisted is True, False or missing (NA: treated as AI-assisted).
    return value is not None and value is not pd.NA and not bool(value)


_GC_LOCK = threading.Lock()
_GC_PAUSES = [0, False]  # pauses in progress; whether the collector was on before the first


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while notes are scored.

    Indexing a note allocates many small sets, dicts and lists that live until
    the note is done and form no reference cycles (a test checks that scoring
    leaves no cyclic garbage), so the collector would scan them over and over
    and free nothing: with 5,000-word transcripts that scanning took about a
    fifth of the time. Reference counting still frees everything as usual.
    Pauses may nest and overlap between threads; the collector is switched
    back on when the last one ends, and only if it was on before the first.
    """
    with _GC_LOCK:
        if _GC_PAUSES[0] == 0:
            _GC_PAUSES[1] = gc.isenabled()
            gc.disable()
        _GC_PAUSES[0] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_PAUSES[0] -= 1
            if _GC_PAUSES[0] == 0 and _GC_PAUSES[1]:
                gc.enable()


def score_chunk(
    chunk: pd.DataFrame,
    *,
    families: tuple[str, ...] | None = None,
    options: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """Metric columns for validated rows; the index is kept.

    Parameters
    ----------
    chunk : pandas.DataFrame
        Rows with ``final_note``, ``ai_note`` and optionally ``transcript``,
        ``language`` and ``ai_assisted``.
    families : tuple of str, optional
        Families to run (default all).
    options : dict, optional
        Passed to every family (e.g. ``lexicon_files``). The families' batch
        objects (``FamilyInfo.batch_options``, e.g. the hallucination
        family's ``index_cache``) are added for this chunk, unless given.

    Returns
    -------
    pandas.DataFrame
        One column per registered metric.
    """
    metrics = metric_columns(families)
    names = [m.name for m in metrics]
    family_list = None if families is None else list(families)
    n = len(chunk)
    finals = chunk["final_note"].tolist()
    drafts = chunk["ai_note"].tolist()
    selected = [f for f in list_families() if family_list is None or f.name in family_list]
    if "transcript" in chunk.columns and any(f.reads_transcript for f in selected):
        transcripts = chunk["transcript"].tolist()
    else:
        transcripts = [None] * n  # no family reads it: do not normalise it
    assisted = chunk["ai_assisted"].tolist() if "ai_assisted" in chunk.columns else [True] * n
    languages = _row_languages(chunk, assisted)
    options = _with_batch_objects(options or {}, selected, languages, assisted)
    labels = chunk.index.tolist()
    # Control notes and notes that failed keep None in every column.
    values: dict[str, list[Any]] = {name: [None] * n for name in names}
    errors: dict[Any, str] = {}  # row label -> the exception's type name
    with cyclic_gc_paused():
        for i in _grouped_by_reference(finals, transcripts):
            if _is_control(assisted[i]):
                continue
            pair = NotePair.from_raw(
                finals[i], drafts[i], _text_or_none(transcripts[i]), languages[i]
            )
            try:
                row = score_pair(pair, families=family_list, options=options).as_columns()
            except Exception as exc:  # noqa: BLE001 - one note must not stop a run of millions
                # the exception's message may quote the note, so only its type is kept
                errors[labels[i]] = type(exc).__name__
                continue
            for name in names:
                values[name][i] = row[name]
    out = pd.DataFrame(index=chunk.index)
    for metric in metrics:
        out[metric.name] = pd.Series(
            values[metric.name], index=chunk.index, dtype=_PANDAS_DTYPES[metric.dtype]
        )
    if errors:
        out[SCORING_ERROR] = pd.Series(errors, dtype=object).reindex(chunk.index)
    return out


def _row_languages(chunk: pd.DataFrame, assisted: list[Any]) -> list[Any]:
    """Each row's ``language``; raises if a row to be scored has none we support.

    Rows are never scored in a guessed language: the reader
    (:class:`evalkit.io.validate.Validator`) fills and records the run's
    language, so a gap here means the rows skipped that step.
    """
    if "language" not in chunk.columns:
        raise InputError(
            "score_chunk needs a 'language' column (da or en) in the rows it scores; found "
            f"columns: {', '.join(map(str, chunk.columns))}. Pass the rows through "
            "evalkit.io.validate.Validator(default_language=...) or add the column."
        )
    languages = chunk["language"].tolist()
    bad = [
        pos
        for pos, (lang, ai) in enumerate(zip(languages, assisted, strict=True))
        if not _is_control(ai) and not (isinstance(lang, str) and lang in LANGUAGES)
    ]
    if bad:
        rows = ", ".join(str(chunk.index[pos]) for pos in bad[:5])
        raise InputError(
            f"score_chunk: {len(bad)} row(s) (index {rows}{', ...' if len(bad) > 5 else ''}) "
            f"have no supported language in column 'language'; use one of "
            f"{', '.join(LANGUAGES)} (Validator(default_language=...) fills missing ones)."
        )
    return languages


def _with_batch_objects(
    options: dict[str, Any], families: list[Any], languages: list[Any], assisted: list[Any]
) -> dict[str, Any]:
    """``options`` plus the objects the families share within one chunk (a new dict).

    For families that read the lexicon, the chunk's :class:`Matchers` (the
    shipped lexicon plus ``options["lexicon_files"]``), with the matchers of
    the languages of the rows to score built here, once for the chunk.
    """
    out = dict(options)
    for family in families:
        if family.batch_options is not None:
            for key, value in family.batch_options().items():
                out.setdefault(key, value)
    given = out.get(MATCHERS_OPTION)
    if given is not None and not isinstance(given, Matchers):
        # one bad option would fail every note of the run: refuse it before the first
        raise TypeError(
            f"options[{MATCHERS_OPTION!r}] must be an evalkit Matchers, got "
            f"{type(given).__name__}; leave it out and the engine builds one per chunk"
        )
    if any(f.reads_lexicon for f in families) and given is None:
        matchers = Matchers(out.get("lexicon_files") or ())
        for language in sorted(
            {lang for lang, ai in zip(languages, assisted, strict=True) if not _is_control(ai)}
        ):
            matchers.get(language)
        out[MATCHERS_OPTION] = matchers
    return out


def _grouped_by_reference(finals: list[Any], transcripts: list[Any]) -> Iterable[int]:
    """Row positions with rows of the same final note and transcript next to each other.

    Several drafts of one consultation (several systems, or versions of one)
    then meet their shared final-note and transcript indexes while these are
    still kept (see ``evalkit.metrics.hallucination.cache``). Each group starts where
    its first row is; the scores are put back in input order.
    """
    first: dict[tuple[Any, Any], int] = {}
    pairs = zip(finals, transcripts, strict=True)
    group = [first.setdefault(key, i) for i, key in enumerate(pairs)]
    if len(first) == len(group):
        return range(len(group))
    return sorted(range(len(group)), key=group.__getitem__)


SCORING_ERROR = "_scoring_error"
"""Column :func:`score_chunk` adds, only when some note failed, with the exception's type
name per failed row (never its message, which may quote the note)."""


def split_failures(
    valid: pd.DataFrame, scored: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Move the rows :func:`score_chunk` could not score to quarantine rows.

    Returns ``(valid, scored, quarantined)`` without the failed rows in the first
    two; ``quarantined`` has the quarantine columns (row numbers are 1-based,
    like the validator's).
    """
    if SCORING_ERROR not in scored.columns:
        return valid, scored, pd.DataFrame(columns=list(QUARANTINE_COLUMNS))
    failed = scored[SCORING_ERROR].notna()
    reasons = [Reason("scoring_failed", {"error": e}) for e in scored.loc[failed, SCORING_ERROR]]
    quarantined = pd.DataFrame(
        {
            "row_number": [int(i) + 1 for i in valid.index[failed]],
            "note_id": valid.loc[failed, "note_id"].astype(str).tolist(),
            "column": "",
            "reason": [r.text for r in reasons],
            "reason_code": [r.code for r in reasons],
            "reason_params": [r.params_json() for r in reasons],
        },
        columns=list(QUARANTINE_COLUMNS),
    )
    return valid[~failed], scored.loc[~failed].drop(columns=SCORING_ERROR), quarantined


def _text_or_none(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, str) and value.strip() else None


def assemble(
    valid: pd.DataFrame, metrics: pd.DataFrame, *, drop_text: bool = False
) -> pd.DataFrame:
    """Input columns (minus note text if ``drop_text``) followed by the metric columns."""
    keep = [
        c
        for c in valid.columns
        if not (drop_text and c in TEXT_COLUMNS) and c not in metrics.columns
    ]
    return pd.concat([valid[keep], metrics], axis=1)


def _split(chunk: pd.DataFrame, parts: int) -> list[pd.DataFrame]:
    if parts <= 1 or len(chunk) < 2 * parts:
        return [chunk]
    size = math.ceil(len(chunk) / parts)
    return [chunk.iloc[i : i + size] for i in range(0, len(chunk), size)]


def iter_scored(
    chunks: Iterable[pd.DataFrame],
    *,
    jobs: int = 1,
    families: tuple[str, ...] | None = None,
    options: dict[str, Any] | None = None,
    on_rows: Callable[[int], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Yield ``(valid_chunk, metric_columns)`` in input order.

    With ``jobs > 1`` chunks are scored in a pool of worker processes; with
    ``engine="dask"`` on a dask.distributed cluster. Only two chunks are in
    flight at a time, so memory stays bounded however long the input is. The
    output does not depend on ``jobs`` or the engine: every engine runs the
    same :func:`score_chunk` on the same pieces.
    """
    options = options or {}
    if engine == "dask":
        from evalkit.engine.dask import dask_client

        with dask_client(scheduler) as client:
            yield from _pooled(
                client, chunks, max(jobs, _dask_workers(client)), families, options, on_rows
            )
        return
    if engine != "local":
        raise ValueError(f"engine {engine!r} is unknown; use 'local' or 'dask'")
    if jobs <= 1:
        for chunk in chunks:
            scored = score_chunk(chunk, families=families, options=options)
            if on_rows:
                on_rows(len(chunk))
            yield chunk, scored
        return
    list_families()  # load the registry before forking
    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        return
    context = _pool_context()
    if context is not None and context.get_start_method() == "fork":
        _warm_matchers(first, families, options)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from _pooled(pool, itertools.chain([first], chunks), jobs, families, options, on_rows)


def _pool_context() -> Any:
    # Fork on Linux, where it is safe and cheap: workers start with the parent's
    # imports and warmed matchers, shared copy-on-write. Elsewhere the platform
    # default (spawn on macOS and Windows): each worker builds what it needs.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _warm_matchers(
    chunk: pd.DataFrame, families: tuple[str, ...] | None, options: dict[str, Any]
) -> None:
    """Build, in this process, the lexicon matchers that scoring ``chunk`` will use.

    Called before a process pool forks, so that every worker inherits the
    matchers (copy-on-write) instead of building its own (0.2–0.6 s per
    language) inside the run. ``lexicon_files`` are added to the shipped
    lexicon exactly as the families add them, so the cache keys agree.
    Languages met only in later chunks are built by the workers that meet
    them; the scores are the same either way.
    """
    selected = [f for f in list_families() if families is None or f.name in families]
    if not any(f.reads_lexicon for f in selected):
        return
    if "matcher" in options or "lexicon" in options:
        return  # the caller's own matcher or lexicon: nothing shared to build
    matchers = options.get(MATCHERS_OPTION) or Matchers(options.get("lexicon_files") or ())
    found = set(chunk["language"].tolist()) if "language" in chunk.columns else set()
    # only the languages score_chunk accepts; a row without one fails there, not here
    for language in sorted({lang for lang in found if isinstance(lang, str)} & set(LANGUAGES)):
        matchers.get(language)


def _dask_workers(client: Any) -> int:
    return max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))


def _pooled(
    pool: Any,
    chunks: Iterable[pd.DataFrame],
    parts: int,
    families: tuple[str, ...] | None,
    options: dict[str, Any],
    on_rows: Callable[[int], None] | None,
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    # ``pool`` is a concurrent.futures executor or a dask.distributed Client:
    # both have submit() returning futures with result().
    pending: list[tuple[pd.DataFrame, list[Any]]] = []
    for chunk in chunks:
        futures = [
            pool.submit(score_chunk, piece, families=families, options=options, pure=False)
            if hasattr(pool, "scheduler_info")
            else pool.submit(score_chunk, piece, families=families, options=options)
            for piece in _split(chunk, parts)
        ]
        pending.append((chunk, futures))
        while len(pending) > 1:
            yield _collect(pending.pop(0), on_rows)
    while pending:
        yield _collect(pending.pop(0), on_rows)


def _collect(item: tuple[pd.DataFrame, list[Any]], on_rows: Callable[[int], None] | None):
    chunk, futures = item
    scored = pd.concat([f.result() for f in futures])
    if on_rows:
        on_rows(len(chunk))
    return chunk, scored
