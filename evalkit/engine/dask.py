"""Scale-out on a dask.distributed cluster (the ``evalkit[dask]`` extra).

The driver reads the input in chunks, sends each chunk to the cluster to be
scored by :func:`evalkit.engine.local.score_chunk`, and writes the results in
input order, so the output is byte-identical to the local engine's. Workers
need evalkit installed in the same version; they read no files.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def dask_client(scheduler: str | None) -> Iterator[Any]:
    """A ``distributed.Client`` connected to ``scheduler``.

    Parameters
    ----------
    scheduler : str
        Address such as ``tcp://10.0.0.5:8786`` (from ``dask scheduler``), or a
        running ``distributed.Client``/``LocalCluster`` object's address.
    """
    try:
        from distributed import Client
    except ImportError:
        raise ImportError(
            "The Dask engine needs dask.distributed: pip install 'evalkit[dask]'"
        ) from None
    if not scheduler:
        raise ValueError(
            "--engine dask needs --scheduler ADDRESS (for example tcp://127.0.0.1:8786); "
            "start one with `dask scheduler` and `dask worker ADDRESS`"
        )
    client = Client(scheduler, set_as_default=False)
    try:
        yield client
    finally:
        client.close()
