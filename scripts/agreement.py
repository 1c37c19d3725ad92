"""Agreement between the corpus labels and the blind second labelling pass (Cohen's kappa, nltk).

``python scripts/agreement.py`` reads ``stancekit/data/corpus/agreement/second_pass.jsonl`` and the
adjudication record ``agreement/adjudication.jsonl`` and writes into the data card
``stancekit/data/corpus/CARD.json``:

* ``figures`` -- inter-annotator agreement proper: the primary labels *as they were before
  adjudication* (taken from ``adjudication.jsonl`` for every disagreement, from the records
  otherwise) against the blind second pass;
* ``figures_after_adjudication`` -- the final corpus labels against the second pass. This is not an
  agreement between independent annotators (adjudication saw both labels); it only shows how far
  the final labels moved toward the second pass;
* ``adjudication`` -- how many records disagreed and how many primary labels were changed.
"""

import json
import sys
from collections import Counter
from pathlib import Path

from nltk.metrics.agreement import AnnotationTask

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from stancekit.datasets import load_corpus  # noqa: E402

CORPUS = ROOT / "stancekit" / "data" / "corpus"
LABELS = ("stance", "sentiment")


def _jsonl(path):
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def figures(first: dict, second: list) -> dict:
    """Cohen's kappa and raw agreement per label and language; ``first`` maps id -> labels."""
    out = {}
    for label in LABELS:
        for lang in ("de", "en", "all"):
            pairs = [(first[s["id"]][label], s[label]) for s in second
                     if s["id"] in first and lang in ("all", first[s["id"]]["lang"])]
            data = [("first", i, a) for i, (a, _) in enumerate(pairs)] + [("second", i, b) for i, (_, b) in enumerate(pairs)]
            out[f"{label}_{lang}"] = {"kappa": round(AnnotationTask(data=data).kappa(), 3), "n": len(pairs),
                                      "raw_agreement": round(sum(a == b for a, b in pairs) / len(pairs), 3)}
    return out


def main() -> int:
    final = {r["id"]: r for r in load_corpus()}
    second = _jsonl(CORPUS / "agreement" / "second_pass.jsonl")
    adj_path = CORPUS / "agreement" / "adjudication.jsonl"
    adjudicated = {a["id"]: a for a in _jsonl(adj_path)} if adj_path.exists() else {}
    # primary labels before adjudication
    primary = {i: dict(r) for i, r in final.items()}
    for i, a in adjudicated.items():
        primary[i].update(a["primary"])
    pre, post = figures(primary, second), figures(final, second)
    changed = [a for a in adjudicated.values() if a["changed"]]
    adjudication = {
        "disagreements": sum((primary[s["id"]]["stance"], primary[s["id"]]["sentiment"]) != (s["stance"], s["sentiment"])
                             for s in second),
        "disagreements_stance": sum(primary[s["id"]]["stance"] != s["stance"] for s in second),
        "disagreements_sentiment": sum(primary[s["id"]]["sentiment"] != s["sentiment"] for s in second),
        "adjudicated": len(adjudicated),
        "changed": len(changed),
        "changed_stance": sum(a["primary"]["stance"] != a["final"]["stance"] for a in changed),
        "changed_sentiment": sum(a["primary"]["sentiment"] != a["final"]["sentiment"] for a in changed),
        "final_equals_second": sum(a["final"] == a["second"] for a in adjudicated.values()),
        "final_equals_primary": sum(a["final"] == a["primary"] for a in adjudicated.values()),
        "changes": dict(Counter(f"{a['primary']['stance']}/{a['primary']['sentiment']} -> "
                                f"{a['final']['stance']}/{a['final']['sentiment']}" for a in changed).most_common()),
    }
    card_path = CORPUS / "CARD.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    ag = card.setdefault("agreement", {})
    ag["figures"] = pre
    ag["figures_after_adjudication"] = post
    ag["adjudication"] = adjudication
    card_path.write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"pre": pre, "post": post, "adjudication": adjudication}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
