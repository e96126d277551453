"""Loaders for public datasets and the bundled synthetic Danish demo pilot.

The demo generator is the module :mod:`evalkit.datasets.make_demo` (its function
has the same name: ``from evalkit.datasets.make_demo import make_demo``). It is
not imported here, so that ``python -m evalkit.datasets.make_demo`` runs cleanly.
"""

from evalkit.datasets.demo import demo_path, load_demo, load_demo_labels
from evalkit.datasets.public import (
    aci_bench_systems,
    load_aci_bench,
    load_aci_bench_published,
    load_primock57,
)

__all__ = [
    "aci_bench_systems",
    "demo_path",
    "load_aci_bench",
    "load_aci_bench_published",
    "load_demo",
    "load_demo_labels",
    "load_primock57",
]
