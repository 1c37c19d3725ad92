"""The benchmark suite's quick run works and writes valid results (figures are not asserted here)."""

import json
import os
import subprocess
import sys

from .conftest import ROOT, SHARED

SHARED_SECTIONS = ("seed", "realnews_extraction", "attribution", "realnews_classification", "vader_nyt", "gerntsa")


def _unit(x):
    return isinstance(x, (int, float)) and 0.0 <= x <= 1.0


def _check_prf(d):
    assert all(_unit(d[k]) for k in ("precision", "recall", "f1")), d
    assert d["n_found"] >= 0 and d["n_gold"] >= 0


def test_quick_benchmark_writes_results(tmp_path):
    r = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--out", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr[-2000:]
    res = json.loads((tmp_path / "quick.json").read_text())
    assert res["meta"]["mode"] == "quick"
    for key in ("articles", "corpus", "speed", "scaling", "peer") + SHARED_SECTIONS:
        assert key in res, key
    assert all(0.0 <= res["corpus"]["stance"][lang]["model"]["macro_f1"] <= 1.0 for lang in ("de", "en"))
    # scaling: two runs per n_jobs setting, positive speeds
    rows = res["scaling"]["rows"]
    assert [r["n_jobs"] for r in rows] == [1, 1, 2, 2] and all(r["articles_per_s"] > 0 for r in rows)
    assert set(res["scaling"]["best_speedup"]) == {"n_jobs=1", "n_jobs=2"}
    # adversarial inputs are measured at the same byte sizes as ordinary text
    sc = res["speed"]["scaling"]
    for name in ("quote_marks", "no_sentence_end", "nested_quotes"):
        for adv, ordinary in zip(sc[name], sc["ordinary"]):
            assert abs(adv["bytes"] - ordinary["bytes"]) <= 16  # cut at a character boundary
    assert "skipped" in res["peer"] or "corpus" in res["peer"]
    if (SHARED / "data").is_dir():
        att = res["attribution"]
        for corpus in ("polnear", "spkatt2023", "redewiedergabe"):
            a = att[corpus]["all"]
            for part in ("statements", "speaker", "cue"):
                _check_prf(a[part])
            assert a["docs"] > 0 and att[corpus]["data"] and att[corpus]["sample"].startswith("quick")
        g = res["gerntsa"]
        for key in ("recipe_with_gerntsa_train", "lexicon_rules", "majority"):
            assert _unit(g[key]["macro_f1"])
        assert g["n_test"] > 0 and "data" in g
    md = (tmp_path / "quick.md").read_text()
    assert md.startswith("# stancekit benchmark report")
    for key in res:
        if key != "meta":
            assert f'<a id="{key}"></a>' in md, key
    for plot in ("scaling", "accuracy"):  # a quick run prefixes its plots; the report links them by that name
        assert (tmp_path / f"quick-{plot}.png").stat().st_size > 0 and f"](quick-{plot}.png)" in md


def test_sections_skip_cleanly_without_shared(tmp_path):
    env = dict(os.environ, STANCEKIT_SHARED=str(tmp_path / "no-such-dir"))
    only = ",".join(SHARED_SECTIONS)
    r = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--only", only, "--out", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    res = json.loads((tmp_path / f"quick-{only.replace(',', '-')}.json").read_text())
    assert res["meta"]["shared"] is None
    for key in SHARED_SECTIONS:
        assert "not found" in res[key]["skipped"], key
    assert "Skipped: third-party data not found" in (tmp_path / f"quick-{only.replace(',', '-')}.md").read_text()


def test_attribution_scoring_on_a_made_up_document():
    sys.path.insert(0, str(ROOT))
    from benchmarks.attribution import detokenise, score_docs

    text, offs = detokenise(["Er", "sagte", ":", "„", "Wir", "kommen", "“", "."])
    assert text == "Er sagte: „Wir kommen“." and text[offs[4][0]:offs[4][1]] == "Wir"
    text = "»Wir sind zu Gesprächen bereit«, sagte Kremlsprecher Dmitri Peskow. Das Wetter war gut."
    q = text.index("Wir")
    gold = [{"content": [(q, q + len("Wir sind zu Gesprächen bereit"))], "kind": "direct",
             "source": [(text.index("Dmitri"), text.index(". Das"))], "cue": [(text.index("sagte"), text.index("sagte") + 5)]}]
    res = score_docs([{"id": "d", "lang": "de", "text": text, "gold": gold, "meta": {}}])
    assert res["statements"]["f1"] == 1.0 and res["speaker"]["f1"] == 1.0 and res["cue"]["f1"] == 1.0
    assert res["recall_by_gold_kind"]["direct"]["recall"] == 1.0
