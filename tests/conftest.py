"""Shared fixtures: paths to the repo and to ../shared/datasets."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
DATASETS = SHARED / "datasets"


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    """``../shared/datasets``; tests using it skip when it is absent."""
    if not DATASETS.is_dir():
        pytest.skip(
            f"public datasets not found at {DATASETS}; place the shared/ folder beside the repo"
        )
    return DATASETS
