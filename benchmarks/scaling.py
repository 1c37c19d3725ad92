"""Batch analysis scaling: :meth:`stancekit.Analyzer.analyze_many` with n_jobs = 1, 2."""

from __future__ import annotations

import os
import time

from stancekit import Analyzer
from stancekit.datasets import load_articles


def bench_n_jobs(quick: bool, settings=(1, 2)) -> dict:
    """Articles/s per n_jobs setting; parallel settings run twice: cold (worker start-up) and warm."""
    arts = load_articles()
    reps = 3 if quick else 25
    texts = [a["text"] for a in arts] * reps
    mb = sum(len(t.encode()) for t in texts) / 1e6
    an = Analyzer()
    an.analyze(texts[0])  # warm caches (lexicons, gazetteer) before timing
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    rows = []
    for n_jobs in settings:
        for run in ("cold", "warm") if n_jobs > 1 else ("-",):
            t = time.perf_counter()
            res = an.analyze_many(texts, n_jobs=n_jobs)
            dt = time.perf_counter() - t
            rows.append({"n_jobs": n_jobs, "run": run, "seconds": round(dt, 2),
                         "articles_per_s": round(len(texts) / dt, 1), "mb_per_s": round(mb / dt, 3),
                         "statements": sum(len(r) for r in res)})
    base = rows[0]["seconds"]
    for r in rows:
        r["speedup"] = round(base / r["seconds"], 2)
    return {"articles": len(texts), "mb": round(mb, 2), "cpu_count": os.cpu_count(),
            "load_avg_1min_before": load_before, "rows": rows,
            "data": f"stancekit authored articles (80, de + en) repeated {reps} times; language detected per text; "
                    f"joblib processes (batch_size 64); 'cold' includes starting the workers and shipping the "
                    f"models, 'warm' reuses them; other work on the machine lowers the speed-up"}
