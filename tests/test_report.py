"""`stancekit report`, `sample` and `validate` on batch results of the example corpus: contents, not just files."""

from __future__ import annotations

import csv
import json

import pytest

from stancekit.cli import main
from stancekit.datasets import load_articles
from stancekit.report import dyad_table, events, share_table, timeline


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """The authored articles as a dated JSONL corpus, analysed to CSV results."""
    d = tmp_path_factory.mktemp("corpus")
    with open(d / "articles.jsonl", "w", encoding="utf-8") as fh:
        for i, a in enumerate(load_articles()):
            fh.write(json.dumps({"url": f"https://example.org/{i}", "body": a["text"],
                                 "published": f"2025-{1 + i % 4:02d}-15"}) + "\n")
    out = d / "statements.csv"
    assert main(["analyze", str(d / "articles.jsonl"), "--text-col", "body", "--id-col", "url", "--date-col",
                 "published", "-o", str(out), "--no-progress"]) == 0
    return out


def _csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_report_tables_and_plots(results, tmp_path):
    out = tmp_path / "report"
    assert main(["report", str(results), "-o", str(out), "--bootstrap", "300"]) == 0
    actors = _csv(out / "actors_stance.csv")
    assert actors and {"actor", "n", "cooperative", "cooperative_lo", "cooperative_hi", "net"} <= set(actors[0])
    for a in actors:
        shares = [float(a[k]) for k in ("cooperative", "neutral", "threatening")]
        assert abs(sum(shares) - 1) < 1e-3
        for k in ("cooperative", "neutral", "threatening", "net"):
            assert float(a[f"{k}_lo"]) - 1e-9 <= float(a[k]) <= float(a[f"{k}_hi"]) + 1e-9
    assert sum(int(a["n"]) for a in actors) == len(_csv(results))
    russia = next(a for a in actors if a["actor"] == "Russia")
    assert int(russia["n"]) > 5
    timeline_rows = _csv(out / "timeline.csv")
    assert [t["period"] for t in timeline_rows] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    dyads = _csv(out / "dyads.csv")
    assert dyads and all(d["actor"] != d["target"] for d in dyads)
    ev = _csv(out / "events.csv")
    assert ev and {e["quad_class"] for e in ev} <= {"1", "3"} and all(e["date"].startswith("2025-") for e in ev)
    assert {e["stance"] for e in ev} <= {"cooperative", "threatening"}
    md = (out / "report.md").read_text()
    assert "## Stance by actor" in md and "| Russia |" in md and "![dyads](dyads.png)" in md
    for png in ("actors_stance.png", "dyads.png", "timeline.png"):
        data = (out / png).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_share_table_counts_every_target_and_reports_net():
    rows = [{"doc": 1, "actor": "A", "target": "B, C", "stance": "threatening"},
            {"doc": 2, "actor": "A", "target": "B", "stance": "cooperative"},
            {"doc": 2, "actor": "", "target": "", "stance": "neutral"}]
    by_target = {r["target"]: r for r in share_table(rows, by="target", n_boot=0)}
    assert by_target["B"]["n"] == 2 and by_target["C"]["n"] == 1 and by_target["(unknown)"]["n"] == 1
    assert by_target["B"]["net"] == 0.0 and "net_lo" not in by_target["B"]
    assert [(d["target"], d["n"]) for d in dyad_table(rows)] == [("B", 2), ("C", 1)]
    assert len(events(rows)) == 3 and len(events(rows, include_neutral=True)) == 3
    assert timeline(rows) == []


def test_joint_statement_counts_for_each_actor():
    rows = [{"doc": "a", "actor": "Germany, France", "actor_id": "DEU, FRA", "target": "Russia",
             "target_ids": "RUS", "stance": "threatening"}]
    assert [(e["source_id"], e["target_id"]) for e in events(rows)] == [("DEU", "RUS"), ("FRA", "RUS")]
    assert [(d["actor"], d["target"], d["n"]) for d in dyad_table(rows)] == [
        ("France", "Russia", 1), ("Germany", "Russia", 1)]
    assert {r["actor"] for r in share_table(rows, n_boot=10)} == {"Germany", "France"}


def test_sample_and_validate_workflow(results, tmp_path):
    sheet = tmp_path / "to_code.csv"
    assert main(["sample", str(results), "-n", "60", "--stratify", "stance", "-o", str(sheet)]) == 0
    rows = _csv(sheet)
    key = {r["sample_id"]: r for r in _csv(tmp_path / "to_code.key.csv")}
    assert len(rows) == 60 and "model_stance" not in rows[0], "the sheet is blind"
    labels = [key[r["sample_id"]]["model_stance"] for r in rows]
    assert {labels.count(x) for x in set(labels)} == {20}, "equal allocation over the three labels"
    # coder 1 agrees with the model except on 6 rows; coder 2 differs from coder 1 on 3; 10 rows uncoded
    for i, r in enumerate(rows):
        model = key[r["sample_id"]]["model_stance"]
        r["code_1"] = ("neutral" if model != "neutral" else "cooperative") if i < 6 else model
        r["code_2"] = ("threatening" if r["code_1"] != "threatening" else "neutral") if 6 <= i < 9 else r["code_1"]
        if i >= 50:
            r["code_1"] = r["code_2"] = ""
    with open(sheet, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    report = tmp_path / "scores.json"
    assert main(["validate", str(sheet), "-o", str(report)]) == 0
    res = json.loads(report.read_text())
    assert res["n"] == 50 and res["not_coded"] == 10
    assert res["accuracy"] == pytest.approx(44 / 50)
    assert sum(map(sum, res["confusion_matrix"])) == 50
    assert res["agreement"]["n"] == 50 and res["agreement"]["percent"] == pytest.approx(47 / 50)
    assert 0 < res["agreement"]["cohen_kappa"] < 1


def test_report_errors_are_clear(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.jsonl")]) == 1
    assert "do not exist" in capsys.readouterr().err
    empty = tmp_path / "empty.jsonl"
    empty.write_text(json.dumps({"doc": "a", "error": "EmptyInputError: text is empty"}) + "\n")
    assert main(["report", str(empty), "-o", str(tmp_path / "r")]) == 1
    assert "no statements" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "nothing.csv")]) == 1
