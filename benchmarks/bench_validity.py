"""Validity of evalkit's detection on real text: one command, every figure.

Each section lives in a module of its own under ``benchmarks/validity/`` with
two functions, ``run(args) -> dict`` (the figures, JSON-serialisable) and
``show(result) -> None`` (prints them as tables). Sections:

``benign``
    Faithful public notes scored against their own transcripts (ACI-Bench
    train/valid/test1 reference notes, PriMock57 clinicians' notes): every
    hallucination flag there is a false alarm.
``labelled``
    The hand-written labelled cases in ``tests/labelled``: recall and
    precision per flag type and source.
``danish_benign``
    The Danish benign consultations of ``tests/labelled``: notes without a flag.
``omission``
    Missing medical terms on seeded deletions (ACI-Bench train/valid) and the
    Danish development cases: recall and precision per category.

Usage::

    python benchmarks/bench_validity.py                  # every section
    python benchmarks/bench_validity.py benign omission  # some sections
    python benchmarks/bench_validity.py --json validity.json

The public datasets are read from ``--shared`` (default ``../shared`` beside
the repository); a section whose data is missing says so and is skipped.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

SECTIONS = ("benign", "labelled", "danish_benign", "omission")


def available_sections() -> list[str]:
    """The sections whose module exists, in :data:`SECTIONS` order."""
    here = REPO / "benchmarks" / "validity"
    return [name for name in SECTIONS if (here / f"{name}.py").exists()]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sections", nargs="*", help=f"sections to run (default all): {SECTIONS}")
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="folder holding datasets/ (default: ../shared beside the repository)",
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="at most this many notes per corpus"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    present = available_sections()
    wanted = args.sections or present
    unknown = [s for s in wanted if s not in present]
    if unknown:
        parser.error(f"unknown section(s) {unknown}; available: {present}")
    results = {}
    for name in wanted:
        module = importlib.import_module(f"validity.{name}")
        started = time.perf_counter()
        result = module.run(args)
        result["seconds"] = round(time.perf_counter() - started, 1)
        print(f"\n=== {name} ({result['seconds']:.0f} s) ===")
        module.show(result)
        results[name] = result
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
