"""The command-line interface: a thin layer over the library, with clear errors and exit codes."""

import json
from collections import Counter
import subprocess
import sys

import pytest

from stancekit.cli import main

from .conftest import ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "stancekit", *args], capture_output=True, text=True, cwd=ROOT)


def test_analyze_example_table():
    r = run("analyze", "examples/article_en.txt", "--format", "table")
    assert r.returncode == 0, r.stderr
    assert "SPEAKER" in r.stdout and "STANCE" in r.stdout
    assert "documents, " in r.stderr


def test_analyze_jsonl_and_explain(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(ROOT / "examples" / "article_de.txt"), "--format", "jsonl", "-o", str(out), "--explain"]) == 0
    rows = [json.loads(l) for l in out.read_text().splitlines()]
    assert rows and all({"speaker", "actor", "stance", "sentiment", "explain"} <= set(r) for r in rows)


def test_missing_input_is_exit_1():
    r = run("analyze", "does-not-exist.txt")
    assert r.returncode == 1 and "does not exist" in r.stderr and "Traceback" not in r.stderr


def test_usage_error_is_exit_2():
    assert run("analyze").returncode == 2


def test_train_and_evaluate_round_trip(tmp_path):
    from stancekit.datasets import load_corpus

    recs = load_corpus("en", "train")[:300]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"t": r["text"], "y": r["stance"]}) + "\n" for r in recs))
    model = tmp_path / "m.skm"
    assert main(["train", str(corpus), "--text-col", "t", "--label-col", "y", "--fast", "--folds", "3",
                 "-o", str(model)]) == 0
    metrics = tmp_path / "metrics.json"
    assert main(["evaluate", str(model), str(corpus), "--text-col", "t", "--label-col", "y", "--trust-model",
                 "-o", str(metrics)]) == 0
    assert json.loads(metrics.read_text())["macro_f1"] > 0.5
    # without --trust-model the file is refused with the reason
    r = run("evaluate", str(model), str(corpus), "--text-col", "t", "--label-col", "y")
    assert r.returncode == 1 and "trusted=True" in r.stderr


def test_wrong_column_lists_available(tmp_path, capsys):
    corpus = tmp_path / "c.csv"
    corpus.write_text("text,label\nWe warn them,threatening\n")
    assert main(["train", str(corpus), "--text-col", "body", "-o", str(tmp_path / "m.skm")]) == 1
    assert "available columns: ['label', 'text']" in capsys.readouterr().err


def test_malformed_jsonl_reports_line(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "a", "label": "x"}\n{broken\n')
    assert main(["train", str(corpus), "-o", str(tmp_path / "m.skm")]) == 1
    assert ":2: not valid JSON" in capsys.readouterr().err


def test_bad_encoding_names_the_fix(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_bytes("»Wir sind bereit«, sagte die Ministerin.".encode("cp1252", errors="replace") + b"\x81\xff")
    assert main(["analyze", str(f), "--format", "jsonl"]) == 1
    assert "--encoding" in capsys.readouterr().out


def test_streaming_train_reads_files_in_passes_and_scores_progressively(tmp_path):
    from stancekit.datasets import load_corpus
    from stancekit.persistence import read_card

    corpus = tmp_path / "big.jsonl"
    with open(corpus, "w", encoding="utf-8") as fh:
        for r in load_corpus()[:1500]:
            fh.write(json.dumps({"quote": r["text"], "sentence": r["sentence"], "stance": r["stance"]}) + "\n")
    model = tmp_path / "stream.skm"
    assert main(["train", str(corpus), "--streaming", "--batch-size", "500", "--text-col", "quote",
                 "--sentence-col", "sentence", "--label-col", "stance", "-o", str(model)]) == 0
    card = read_card(model)
    assert card["label_counts"] == dict(Counter(r["stance"] for r in load_corpus()[:1500]))
    assert card["scores"]["method"].startswith("progressive validation")
    assert card["scores"]["n"] == 1000, "the first of three batches is learned before anything is scored"
    assert card["training_data"]["n"] == 1500 and len(card["training_data"]["sha256"]) == 64
    out = tmp_path / "scores.json"
    assert main(["evaluate", str(model), str(corpus), "--text-col", "quote", "--label-col", "stance",
                 "--trust-model", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["macro_f1"] > 0.5
