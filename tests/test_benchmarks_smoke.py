"""The benchmark suite's quick run works and writes valid results (figures are not asserted here)."""

import json
import subprocess
import sys

from .conftest import ROOT


def test_quick_benchmark_writes_results(tmp_path):
    r = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--out", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr[-2000:]
    res = json.loads((tmp_path / "quick.json").read_text())
    assert res["meta"]["mode"] == "quick"
    for key in ("articles", "corpus", "speed"):
        assert key in res
    assert all(0.0 <= res["corpus"]["stance"][lang]["model"]["macro_f1"] <= 1.0 for lang in ("de", "en"))
    assert (tmp_path / "quick.md").read_text().startswith("# stancekit benchmark report")
    assert (tmp_path / "scaling.png").stat().st_size > 0
