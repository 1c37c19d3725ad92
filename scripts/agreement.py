"""Agreement between the corpus labels and the blind second labelling pass (Cohen's kappa, nltk).

``python scripts/agreement.py`` reads ``stancekit/data/corpus/agreement/second_pass.jsonl`` and
writes the figures into the data card ``stancekit/data/corpus/CARD.json``.
"""

import json
import sys
from pathlib import Path

from nltk.metrics.agreement import AnnotationTask

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from stancekit.datasets import load_corpus  # noqa: E402

CORPUS = ROOT / "stancekit" / "data" / "corpus"


def main() -> int:
    first = {r["id"]: r for r in load_corpus()}
    second = [json.loads(l) for l in (CORPUS / "agreement" / "second_pass.jsonl").read_text().splitlines() if l.strip()]
    figures = {}
    for label in ("stance", "sentiment"):
        for lang in ("de", "en", "all"):
            pairs = [(first[s["id"]][label], s[label]) for s in second
                     if s["id"] in first and lang in ("all", first[s["id"]]["lang"])]
            data = [("first", i, a) for i, (a, _) in enumerate(pairs)] + [("second", i, b) for i, (_, b) in enumerate(pairs)]
            figures[f"{label}_{lang}"] = {"kappa": round(AnnotationTask(data=data).kappa(), 3), "n": len(pairs),
                                          "raw_agreement": round(sum(a == b for a, b in pairs) / len(pairs), 3)}
    card_path = CORPUS / "CARD.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card.setdefault("agreement", {})["figures"] = figures
    card_path.write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
