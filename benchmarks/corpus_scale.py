"""Corpus-scale benchmarks: batch analysis with n_jobs 1 and 2, and streaming training in flat memory.

Both work on data generated from stancekit's own authored corpus (no third-party text):

* articles: each generated article is an authored article with its paragraphs
  rotated, so the batch sees many distinct documents of realistic size;
* statements: authored training-split statements with 10 % of their words
  dropped at random, cycled to the requested count, streamed from a generator
  (never held in memory); the model is scored on the untouched test split.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from stancekit.batch import run_batch
from stancekit.datasets import load_articles, load_corpus

SEED = 0


def _rss_mb() -> float:
    """Current resident memory of this process (not the peak), from /proc where available."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError):  # pragma: no cover - not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generated_articles(n: int):
    """``n`` dated articles made from the authored ones by rotating their paragraphs."""
    arts = load_articles()
    for i in range(n):
        a = arts[i % len(arts)]
        paras = a["text"].split("\n\n")
        k = (i // len(arts)) % len(paras)
        yield {"id": f"gen-{i:05d}", "text": "\n\n".join(paras[k:] + paras[:k]),
               "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "lang": a["lang"]}


def bench_batch(n_articles: int, chunk_size: int = 100) -> dict:
    """Time ``run_batch`` over the same generated corpus with n_jobs = 1 and 2."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for a in generated_articles(n_articles):
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
        mb = src.stat().st_size / 1e6
        runs = {}
        for n_jobs in (1, 2):
            out = Path(tmp) / f"out{n_jobs}.jsonl"
            s = run_batch(src, out, n_jobs=n_jobs, chunk_size=chunk_size, id_col="id", date_col="date",
                          progress=False)
            runs[n_jobs] = {"seconds": s.seconds, "articles_per_s": round(s.documents / s.seconds, 1),
                            "mb_per_s": round(mb / s.seconds, 3), "documents": s.documents,
                            "statements": s.statements, "errors": s.errors,
                            "output_mb": round(out.stat().st_size / 1e6, 1)}
        same = (Path(tmp) / "out1.jsonl").read_bytes() == (Path(tmp) / "out2.jsonl").read_bytes()
    return {"articles": n_articles, "input_mb": round(mb, 2), "chunk_size": chunk_size, "runs": runs,
            "speedup_2_jobs": round(runs[1]["seconds"] / runs[2]["seconds"], 2),
            "identical_output": same, "cores": os.cpu_count(),
            "data": f"{n_articles} articles generated from the 80 authored articles (paragraphs rotated); "
                    "stancekit analyze path (run_batch, JSONL output, chunks written through temp files)"}


def generated_statements(n: int, records: list[dict], rng: np.random.Generator):
    """Yield ``n`` labelled statements: authored statements with 10 % of words dropped."""
    for i in range(n):
        r = records[i % len(records)]
        words = r["text"].split()
        keep = rng.random(len(words)) > 0.1
        text = " ".join(w for w, k in zip(words, keep) if k) or r["text"]
        yield {"text": text, "sentence": r["sentence"], "lang": r["lang"], "cue": r.get("cue", ""),
               "kind": r.get("kind", ""), "stance": r["stance"]}


def bench_streaming(n_statements: int) -> dict:
    """Train StreamingStatementClassifier on a generated stream; memory sampled along the way."""
    from sklearn.metrics import f1_score

    from stancekit.persistence import load_model, read_card, save_model
    from stancekit.streaming import StreamingStatementClassifier

    corpus = load_corpus()
    train = [r for r in corpus if r["split"] == "train"]
    test = [r for r in corpus if r["split"] == "test"]
    clf = StreamingStatementClassifier(batch_size=5000, random_state=SEED)
    rng = np.random.default_rng(SEED)
    samples = []
    seen = 0

    def batches():
        nonlocal seen
        for Xb, yb in clf.iter_batches(generated_statements(n_statements, train, rng), "stance"):
            seen += len(Xb)
            if len(samples) < 20 or seen % (n_statements // 10 or 1) < len(Xb):
                samples.append((seen, round(_rss_mb(), 1)))
            yield Xb, yb

    rss_before = round(_rss_mb(), 1)
    t = time.perf_counter()
    clf.fit_stream(batches(), classes=sorted({r["stance"] for r in train}))
    dt = time.perf_counter() - t
    pred = clf.predict(test)
    proba = clf.predict_proba(test[:5])
    explained = clf.explain(test[:1], k=3)[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "streaming.skm"
        save_model(clf, path, card={"task": "stance", "training_data": {"generated_statements": n_statements}})
        card = read_card(path)
        reloaded = load_model(path, trusted=True)
        same = bool((reloaded.predict(test[:50]) == clf.predict(test[:50])).all())
    rss = [m for _, m in samples]
    return {"statements": n_statements, "seconds": round(dt, 1), "statements_per_s": round(n_statements / dt, 1),
            "rss_mb_before": rss_before, "rss_mb_samples": samples,
            "rss_mb_growth_second_half": round(rss[-1] - rss[len(rss) // 2], 1) if rss else None,
            "test_macro_f1": round(float(f1_score([r["stance"] for r in test], pred, average="macro")), 4),
            "api": {"predict_proba_rows_sum_to_1": bool(np.allclose(proba.sum(axis=1), 1)),
                    "explain_example": explained, "model_card_keys": sorted(card),
                    "reloaded_predictions_equal": same},
            "data": f"{n_statements:,} statements generated from the authored corpus train split (10 % word "
                    "dropout), streamed; macro-F1 on the authored test split (stance)"}


def bench_corpus_scale(quick: bool) -> dict:
    batch = bench_batch(300 if quick else 10_000)
    streaming = bench_streaming(50_000 if quick else 1_000_000)
    return {"batch": batch, "streaming": streaming,
            "data": f"{batch['articles']:,} generated articles (batch, n_jobs 1 and 2) and "
                    f"{streaming['statements']:,} generated statements (streaming training), from the authored corpus"}
