"""Sections of ``benchmarks/bench_validity.py``: each has ``run(args)`` and ``show(result)``."""
