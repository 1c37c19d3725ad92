"""Corpus-scale batch work: every document accounted for, parallel = serial, resumable after faults."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from stancekit import Analyzer
from stancekit.batch import read_results, run_batch
from stancekit.datasets import load_articles
from stancekit.exceptions import StancekitError

from .conftest import ROOT


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


def _corpus_dir(path, n):
    """``n`` articles (the authored ones, repeated) plus the awkward documents batch work meets."""
    arts = load_articles()
    path.mkdir()
    for i in range(n):
        (path / f"{i:04d}.txt").write_text(arts[i % len(arts)]["text"], encoding="utf-8")
    (path / "empty.txt").write_text("   \n")
    (path / "latin1.txt").write_bytes("»Wir sind bereit«, sagte der Minister. Größe".encode("latin-1"))
    (path / "page.html").write_text("<html><body><p>»Wir drohen niemandem«, sagte die Sprecherin.</p></body></html>")
    return n + 3


def _key(row):
    return (row["doc"], row.get("start") or 0, row.get("text") or "", row.get("error") or "")


def test_every_document_is_accounted_for(tmp_path, analyzer):
    n = _corpus_dir(tmp_path / "in", 6)
    summary = run_batch(tmp_path / "in", tmp_path / "out.jsonl", analyzer=analyzer, chunk_size=4, progress=False)
    rows = list(read_results(tmp_path / "out.jsonl"))
    assert summary.documents == n and summary.errors == 2
    assert summary.statements == sum("error" not in r for r in rows) > 0
    errors = {r["doc"]: r["error"] for r in rows if "error" in r}
    assert errors["empty.txt"].startswith("EmptyInputError")
    assert errors["latin1.txt"].startswith("EncodingError") and "--encoding" in errors["latin1.txt"]
    html = [r for r in rows if r["doc"] == "page.html"]
    assert html and html[0]["text"] == "Wir drohen niemandem"
    assert not (tmp_path / "out.jsonl.parts").exists(), "parts are joined and removed after a complete run"
    assert summary.line().startswith(f"stancekit: {n} documents, {summary.statements} statements, 2 errors")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_formats_read_back_alike(tmp_path, analyzer, fmt):
    pytest.importorskip("pyarrow") if fmt == "parquet" else None
    _corpus_dir(tmp_path / "in", 3)
    run_batch(tmp_path / "in", tmp_path / "ref.jsonl", analyzer=analyzer, progress=False)
    run_batch(tmp_path / "in", tmp_path / f"out.{fmt}", analyzer=analyzer, chunk_size=2, progress=False)
    ref = sorted(read_results(tmp_path / "ref.jsonl"), key=_key)
    got = sorted(read_results(tmp_path / f"out.{fmt}"), key=_key)
    assert [_key(r) for r in got] == [_key(r) for r in ref]
    for a, b in zip(ref, got):
        if "error" not in a:
            assert (a["speaker"], a["actor"], a["stance"], a["stance_scores"], a["meta"]) == \
                (b["speaker"], b["actor"], b["stance"], b["stance_scores"], b["meta"])


def test_parallel_equals_serial_and_directory_output_keeps_parts(tmp_path, analyzer):
    _corpus_dir(tmp_path / "in", 10)
    one = run_batch(tmp_path / "in", tmp_path / "one.jsonl", analyzer=analyzer, chunk_size=3, progress=False)
    two = run_batch(tmp_path / "in", tmp_path / "two", analyzer=analyzer, chunk_size=3, n_jobs=2, progress=False)
    assert (one.documents, one.statements, one.errors) == (two.documents, two.statements, two.errors)
    assert len(list((tmp_path / "two").glob("part-*.jsonl"))) == two.chunks == 5
    a = [json.dumps(r, sort_keys=True) for r in read_results(tmp_path / "one.jsonl")]
    b = [json.dumps(r, sort_keys=True) for r in read_results(tmp_path / "two")]
    assert a == b


def test_rerun_into_a_started_output_needs_resume(tmp_path, analyzer):
    _corpus_dir(tmp_path / "in", 2)
    run_batch(tmp_path / "in", tmp_path / "out", analyzer=analyzer, progress=False)
    with pytest.raises(StancekitError, match="--resume"):
        run_batch(tmp_path / "in", tmp_path / "out", analyzer=analyzer, progress=False)
    again = run_batch(tmp_path / "in", tmp_path / "out", analyzer=analyzer, resume=True, progress=False)
    assert again.resumed_documents == again.documents == 5


def test_full_disk_then_resume(tmp_path, analyzer, monkeypatch):
    _corpus_dir(tmp_path / "in", 12)
    ref = run_batch(tmp_path / "in", tmp_path / "ref.jsonl", analyzer=analyzer, chunk_size=3, progress=False)
    calls = [0]
    real_fsync = os.fsync

    def full_disk(fd):
        calls[0] += 1
        if calls[0] == 8:  # run.json, then part and marker of chunks 0-2: fails writing chunk 3
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr("stancekit.batch.os.fsync", full_disk)
    with pytest.raises(StancekitError, match="No space left on device.*--resume"):
        run_batch(tmp_path / "in", tmp_path / "out.jsonl", analyzer=analyzer, chunk_size=3, progress=False)
    parts = tmp_path / "out.jsonl.parts"
    assert not list(parts.glob("*.tmp")), "no temporary file is left behind"
    assert not (tmp_path / "out.jsonl").exists(), "no half-written result"
    assert len(list(parts.glob("*.done.json"))) == 3
    monkeypatch.setattr("stancekit.batch.os.fsync", real_fsync)
    done = run_batch(tmp_path / "in", tmp_path / "out.jsonl", analyzer=analyzer, chunk_size=3, resume=True,
                     progress=False)
    assert done.resumed_documents == 9 and done.documents == ref.documents
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "ref.jsonl").read_bytes()


def test_killed_run_resumes_without_duplicates_or_losses(tmp_path):
    n = _corpus_dir(tmp_path / "in", 240)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "stancekit", "analyze", str(tmp_path / "in"), "-o", str(out), "--chunk-size", "6",
           "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE)
    parts = tmp_path / "out.jsonl.parts"
    deadline = time.time() + 300
    while len(list(parts.glob("*.done.json"))) < 3 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.fail(f"the run ended before it could be killed: {proc.stderr.read().decode()[-500:]}")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not out.exists()
    finished = len(list(parts.glob("*.done.json")))
    resumed = subprocess.run(cmd + ["--resume"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"stancekit: {n} documents (" in resumed.stderr
    assert int(resumed.stderr.split("documents (")[1].split()[0]) >= finished * 6
    ref = run_batch(tmp_path / "in", tmp_path / "ref.jsonl", chunk_size=50, progress=False)
    got = [_key(r) for r in read_results(out)]
    assert len(got) == len(set(got)), "no statement twice"
    assert sorted(got) == sorted(_key(r) for r in read_results(tmp_path / "ref.jsonl"))
    assert ref.documents == n


class _Faulty(Analyzer):
    """An analyzer whose worker dies on one document and which raises on another."""

    def __init__(self):
        super().__init__(classify=False)
        self.spec = None

    def analyze(self, text, lang=None, *, meta=None):
        if "KILL-THE-WORKER" in text:
            os._exit(3)
        if "RAISE-PLEASE" in text:
            raise RuntimeError("a bug met this document")
        return super().analyze(text, lang, meta=meta)


def test_killed_worker_and_raising_document_are_accounted_for(tmp_path):
    src = tmp_path / "in"
    n = _corpus_dir(src, 8)
    (src / "0003.txt").write_text("KILL-THE-WORKER " + (src / "0003.txt").read_text())
    (src / "0005.txt").write_text("RAISE-PLEASE")
    summary = run_batch(src, tmp_path / "out.jsonl", analyzer=_Faulty(), chunk_size=2, n_jobs=2, progress=False)
    rows = list(read_results(tmp_path / "out.jsonl"))
    errors = {r["doc"]: r["error"] for r in rows if "error" in r}
    assert summary.documents == n
    assert errors["0003.txt"].startswith("WorkerCrashed")
    assert errors["0005.txt"] == "RuntimeError: a bug met this document"
    assert set(errors) == {"0003.txt", "0005.txt", "empty.txt", "latin1.txt"} and summary.errors == 4
    serial = run_batch(src, tmp_path / "serial.jsonl", analyzer=Analyzer(classify=False), progress=False)
    expected = {r["doc"] for r in read_results(tmp_path / "serial.jsonl") if "error" not in r} - set(errors)
    assert expected == {r["doc"] for r in rows if "error" not in r}, "every other document keeps its statements"


def test_batch_argument_errors(tmp_path, analyzer):
    with pytest.raises(StancekitError, match="needs an output"):
        run_batch([("x", {})], resume=True, analyzer=analyzer)
    with pytest.raises(StancekitError, match="chunk_size"):
        run_batch([("x", {})], chunk_size=0, analyzer=analyzer)
    with pytest.raises(StancekitError, match="ends in .csv but the format is 'jsonl'"):
        run_batch([("x", {})], tmp_path / "a.csv", fmt="jsonl", analyzer=analyzer)
    with pytest.raises(StancekitError, match="unknown output format"):
        run_batch([("x", {})], tmp_path / "d", fmt="xlsx", analyzer=analyzer)


def test_iterable_source_with_sink_and_metadata(analyzer):
    got = []
    docs = [("»Wir sind zu Gesprächen bereit«, sagte die Ministerin.", {"id": 7, "date": "2025-05-01",
                                                                         "outlet": "Beispielblatt"}), (None, {"id": 8})]
    summary = run_batch(docs, analyzer=analyzer, sink=got.extend, progress=False)
    assert (summary.documents, summary.statements, summary.errors) == (2, 1, 1)
    assert got[0]["meta"] == {"id": 7, "date": "2025-05-01", "outlet": "Beispielblatt"}
    assert got[1]["doc"] == 8 and got[1]["error"].startswith("InputTypeError")


def test_oversized_file_is_refused_unread(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "small.txt").write_text("»Wir kommen«, sagte Scholz.")
    (src / "huge.txt").write_text("x" * 5000)
    rows = []
    summary = run_batch(src, analyzer=Analyzer(classify=False, max_chars=1000), sink=rows.extend, progress=False)
    assert summary.errors == 1 and summary.statements == 1
    err = next(r["error"] for r in rows if r["doc"] == "huge.txt")
    assert err.startswith("InputTooLargeError") and "5,000 bytes, over the limit of 4,000" in err
    assert "--max-chars" in err
