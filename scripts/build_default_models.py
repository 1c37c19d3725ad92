"""Build stancekit's bundled default models (stance and sentiment, German and English).

Rerun with ``python scripts/build_default_models.py``. Training data:

* the authored stancekit corpus (all splits; the benchmark suite measures on
  its test split with models trained on the train split only),
* real statements from ``../shared/data/realnews`` whose terms allow training
  (kremlin.ru CC BY 4.0, White House public domain, GerNTSA CC BY 4.0; not
  10kGNAD, which is non-commercial),
* for sentiment also VADER's NYT editorial snippets (MIT) and GerNTSA news
  sentences (CC BY 4.0).

Both heads share one feature transformer. The output, with its model card
and the SHA-256 manifest, goes to ``stancekit/data/models/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import data as shared  # noqa: E402
from stancekit import SentimentClassifier, StanceClassifier, save_model  # noqa: E402
from stancekit.datasets import load_corpus  # noqa: E402
from stancekit.features import StatementFeatures  # noqa: E402
from stancekit.persistence import DEFAULT_MODEL_FILE, fingerprint  # noqa: E402

MODELS = ROOT / "stancekit" / "data" / "models"
#: Weight of the sentence-level sentiment sets against statement-level data.
AUX_SENTIMENT_WEIGHT = 0.3
#: Hyper-parameters chosen by cross-validation (benchmarks report the CV runs).
STANCE_C = 4.0
SENTIMENT_C = 2.0
MAX_FEATURES = 20000


def training_sets(include_test: bool = True, realnews: list | None = None, aux: bool = True):
    """Return (stance_records, stance_labels, sentiment_records, sentiment_labels, weights, sources)."""
    corpus = load_corpus() if include_test else load_corpus(split="train")
    st_X = [dict(r) for r in corpus]
    st_y = [r["stance"] for r in corpus]
    se_X = list(st_X)
    se_y = [r["sentiment"] for r in corpus]
    se_w = [1.0] * len(se_X)
    sources = {"stancekit corpus": len(corpus)}
    if realnews is None and shared.available():
        realnews = shared.realnews_trainable(shared.realnews())
    if realnews:
        st_X += realnews
        st_y += [r["stance"] for r in realnews]
        se_X += realnews
        se_y += [r["sentiment"] for r in realnews]
        se_w += [1.0] * len(realnews)
        sources["realnews (kremlin.ru, White House, GerNTSA records)"] = len(realnews)
    if aux and shared.available():
        extra = shared.vader_nyt() + shared.gerntsa()
        se_X += extra
        se_y += [r["sentiment"] for r in extra]
        se_w += [AUX_SENTIMENT_WEIGHT] * len(extra)
        sources["VADER NYT snippets + GerNTSA sentences"] = len(extra)
    return st_X, st_y, se_X, se_y, se_w, sources


def fit_pair(st_X, st_y, se_X, se_y, se_w):
    """Fit one shared feature transformer and the two heads."""
    feats = StatementFeatures(max_features=MAX_FEATURES, min_df=2)
    union = {id(r): r for r in st_X + se_X}
    feats.fit(list(union.values()))
    stance = StanceClassifier(features=feats, refit_features=False, C=STANCE_C).fit(st_X, st_y)
    sentiment = SentimentClassifier(features=feats, refit_features=False, C=SENTIMENT_C).fit(se_X, se_y, sample_weight=se_w)
    return stance, sentiment


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scores", help="JSON file of benchmark scores to put in the model card")
    args = ap.parse_args(argv)
    st_X, st_y, se_X, se_y, se_w, sources = training_sets()
    stance, sentiment = fit_pair(st_X, st_y, se_X, se_y, se_w)
    scores = json.loads(Path(args.scores).read_text()) if args.scores else {}
    cards = {}
    for task, model, X in (("stance", stance, st_X), ("sentiment", sentiment, se_X)):
        cards[task] = {
            "task": task, "languages": ["de", "en"], "labels": [str(c) for c in model.classes_],
            "training_data": {"sources": sources, "fingerprint": fingerprint([{"text": r["text"]} for r in X]),
                              "n": len(X)},
            "hyperparameters": {"C": model.C, "max_features": MAX_FEATURES},
            "scores": scores.get(task, {}),
        }
    bundle = {"stance": stance, "sentiment": sentiment, "cards": cards}
    out = MODELS / DEFAULT_MODEL_FILE
    header = save_model(bundle, out, card={"task": "stance+sentiment", "languages": ["de", "en"],
                                           "labels": {t: c["labels"] for t, c in cards.items()},
                                           "training_data": {t: c["training_data"] for t, c in cards.items()},
                                           "scores": {t: c["scores"] for t, c in cards.items()},
                                           "estimator": "dict(stance=StanceClassifier, sentiment=SentimentClassifier)"})
    manifest = {"_about": "SHA-256 of the payload of each model file shipped with stancekit; load_model checks it.",
                "files": {DEFAULT_MODEL_FILE: {"sha256": header["payload"]["sha256"], "bytes": header["payload"]["bytes"]}}}
    (MODELS / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB); stance n={len(st_X)}, sentiment n={len(se_X)}")
    print(json.dumps(sources, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
