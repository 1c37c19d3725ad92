"""The example notebooks run from top to bottom, offline, and draw their plots.

Each notebook is executed with nbclient in a temporary copy of the repository
(so nothing it writes lands in the checkout), with the notebook's folder as
the working directory. Notebooks are stored without outputs; cells tagged
``plot`` must produce a PNG image.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from .conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
pytest.importorskip("pandas")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TIMEOUT = 300  # seconds per cell; each notebook takes well under a minute
IGNORE = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".pytest_cache", ".ipynb_checkpoints", "*.skm.tmp")


def test_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    assert {"01_quickstart.ipynb", "02_retrain.ipynb", "03_benchmarks.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, \
                f"{path.name} is stored with outputs; clear them before committing"


@pytest.fixture(scope="module")
def workcopy(tmp_path_factory):
    """A copy of the repository without .git: notebooks may write next to themselves."""
    dest = tmp_path_factory.mktemp("nbrepo") / "stancekit"
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    return dest


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, workcopy, monkeypatch):
    # The kernel inherits this environment: no proxy that could reach the network, the inline
    # matplotlib backend (MPLBACKEND=Agg would swallow the images), one BLAS thread
    # (threads competing for two busy cores slow the logistic regression down many times).
    for var in ("MPLBACKEND", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("no_proxy", "localhost,127.0.0.1")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    monkeypatch.setenv("MKL_NUM_THREADS", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    nb_path = workcopy / "notebooks" / path.name
    nb = nbformat.read(nb_path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", allow_errors=True,
                                     resources={"metadata": {"path": str(nb_path.parent)}})
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    print(f"{path.name}: executed in {elapsed:.1f} s")

    errors = [(i, o.get("ename"), o.get("evalue")) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: cells raised {errors}"

    plot_cells = [(i, cell) for i, cell in enumerate(nb.cells) if "plot" in cell.metadata.get("tags", [])]
    assert plot_cells, f"{path.name} has no cell tagged 'plot'"
    for i, cell in plot_cells:
        images = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        assert images, f"{path.name}: plot cell {i} produced no image/png output"
    assert elapsed < TIMEOUT
