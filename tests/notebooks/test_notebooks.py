"""The notebooks in notebooks/: stored without outputs, and they run from top to bottom.

Each notebook is executed with nbclient in a python3 kernel, with notebooks/ as the
working directory (as Jupyter does) and ``EVALKIT_OUT`` pointing at a temporary folder,
so nothing is written into the repository. A cell that raises fails the test.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
EXPECTED = ("01_quickstart.ipynb", "02_pilot_evaluation.ipynb", "03_public_benchmarks.ipynb")
CELL_TIMEOUT_S = 300
NOTEBOOK_BUDGET_S = 600

_NEEDS = "nbclient and nbformat are needed to check and run the notebooks (pip install -e '.[dev]')"
nbclient = pytest.importorskip("nbclient", reason=_NEEDS)
nbformat = pytest.importorskip("nbformat", reason=_NEEDS)


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _execute(path: Path) -> tuple[nbformat.NotebookNode, float]:
    """Run every cell of ``path`` in a fresh python3 kernel; return the result and seconds."""
    notebook = _read(path)
    client = nbclient.NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    started = time.perf_counter()
    client.execute()
    return notebook, time.perf_counter() - started


def _text_outputs(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


def test_the_three_notebooks_exist():
    assert tuple(p.name for p in _notebooks()) == EXPECTED


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_stored_without_outputs(path):
    notebook = _read(path)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {index} has outputs; strip them"
            assert cell.execution_count is None, f"{path.name} cell {index} has an execution count"


def test_pilot_notebook_has_papermill_parameters():
    notebook = _read(NOTEBOOKS / "02_pilot_evaluation.ipynb")
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), "first code cell must be tagged"
    names = {
        line.split("=", 1)[0].strip()
        for line in code[0].source.splitlines()
        if "=" in line and not line.startswith((" ", "#"))
    }
    assert {"input_path", "lang", "min_cell", "out_dir"} <= names


def test_public_benchmarks_stop_gracefully_without_data(tmp_path, monkeypatch):
    monkeypatch.setenv("EVALKIT_DATA", str(tmp_path / "nothing-here"))
    notebook, _ = _execute(NOTEBOOKS / "03_public_benchmarks.ipynb")
    code = [c for c in notebook.cells if c.cell_type == "code"]
    message = _text_outputs(code[0])
    assert "ACI-Bench: MISSING" in message and "PriMock57: MISSING" in message
    assert "CC BY 4.0" in message and "EVALKIT_DATA" in message
    assert all(_text_outputs(c) == "" for c in code[1:]), "cells after the check should do nothing"


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs(name, tmp_path, monkeypatch):
    out = tmp_path / "report"
    monkeypatch.setenv("EVALKIT_OUT", str(out))
    before = sorted(NOTEBOOKS.rglob("*"))
    notebook, seconds = _execute(NOTEBOOKS / name)
    assert seconds < NOTEBOOK_BUDGET_S, f"{name} took {seconds:.0f} s, over {NOTEBOOK_BUDGET_S} s"
    outputs = [o for c in notebook.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert sorted(NOTEBOOKS.rglob("*")) == before, "the notebook wrote into notebooks/"
    if name == "02_pilot_evaluation.ipynb":
        assert (out / "report.html").is_file() and (out / "manifest.json").is_file()
    if name == "03_public_benchmarks.ipynb" and (REPO / ".." / "shared" / "datasets").is_dir():
        shown = "".join(_text_outputs(c) for c in notebook.cells if c.cell_type == "code")
        assert "320 notes (40 encounters x 8 systems)" in shown
        assert "57 consultations" in shown
