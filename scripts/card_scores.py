"""Write the model-card scores of the default models from a benchmark results file.

Usage::

    python scripts/card_scores.py benchmarks/results/latest.json > /tmp/scores.json
    python scripts/build_default_models.py --scores /tmp/scores.json

The figures are the default recipe's: the authored test split, the real news
grouped cross-validation (real data held out by document), VADER NYT and the
GerNTSA held-out split, each as the benchmark measured it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def card_scores(results: dict) -> dict:
    """Stance and sentiment score blocks for :func:`build_default_models` from a results dict."""
    sections = results
    corpus = sections.get("corpus", {})
    real = sections.get("realnews_classification", {}).get("grouped_cv_with_real", {})
    meta = results.get("meta", {})
    git = meta.get("git", {})
    git = git.get("commit", "") if isinstance(git, dict) else str(git)
    date = str(meta.get("date", ""))
    source = (f"python -m benchmarks (full run, {date}, git {git}): authored test split, realnews "
              "GroupKFold(5) by document with the default recipe, VADER NYT 5-fold, GerNTSA held-out")
    out = {}
    for task in ("stance", "sentiment"):
        block = {"source": source}
        split = {lang: corpus[task][lang]["model"]["macro_f1"] for lang in ("de", "en")
                 if isinstance(corpus.get(task, {}).get(lang, {}).get("model"), dict)}
        if split:
            block["authored_test_split_macro_f1"] = split
        if task in real:
            block["realnews_grouped_cv_macro_f1"] = {k: v["macro_f1"] for k, v in real[task].items()}
        if task == "stance" and "stance" in real:
            block["realnews_threatening_f1"] = {k: v["per_class"]["threatening"]["f1"]
                                                for k, v in real["stance"].items() if k != "all"}
        if task == "sentiment":
            vader = sections.get("vader_nyt", {}).get("model_5fold", {})
            if "macro_f1" in vader:
                block["vader_nyt_5fold_macro_f1"] = vader["macro_f1"]
            gerntsa = sections.get("gerntsa", {}).get("recipe_with_gerntsa_train", {})
            if "macro_f1" in gerntsa:
                block["gerntsa_heldout_macro_f1"] = gerntsa["macro_f1"]
        out[task] = block
    return out


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/latest.json")
    print(json.dumps(card_scores(json.loads(path.read_text(encoding="utf-8"))), indent=1))
