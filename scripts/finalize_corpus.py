"""Assign train/test splits by story cluster and write the corpus data card.

``python scripts/finalize_corpus.py`` rewrites each statements file with a
``split`` field (:func:`stancekit.datasets.split_of`: about 20 % of story
clusters go to test by a stable hash), so statements about one invented event never
cross the split. Then it counts the corpus for ``CARD.json``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "stancekit" / "data" / "corpus"

from stancekit.datasets import split_of  # noqa: E402




def main() -> int:
    recs = []
    for path in sorted((CORPUS / "statements").glob("*.jsonl")):
        lines = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        for r in lines:
            r["split"] = split_of(r["cluster"])
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
        recs.extend(lines)
    card_path = CORPUS / "CARD.json"
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.exists() else {}
    counts = {}
    for lang in ("de", "en"):
        sub = [r for r in recs if r["lang"] == lang]
        counts[lang] = {
            "statements": len(sub),
            "split": dict(Counter(r["split"] for r in sub)),
            "stance": dict(Counter(r["stance"] for r in sub)),
            "sentiment": dict(Counter(r["sentiment"] for r in sub)),
            "kind": dict(Counter(r["kind"] for r in sub)),
            "topic": dict(Counter(r["topic"] for r in sub)),
            "style": dict(Counter(r["style"] for r in sub)),
            "hard_type": dict(Counter(r["hard_type"] for r in sub if r["hard_case"]).most_common()),
            "clusters": len({r["cluster"] for r in sub}),
            "hard_case_share": round(sum(bool(r["hard_case"]) for r in sub) / max(len(sub), 1), 3),
        }
    card["counts"] = counts
    card["total"] = len(recs)
    card["totals"] = {
        "statements": len(recs),
        "split": dict(Counter(r["split"] for r in recs)),
        "clusters": dict(Counter(split for split in {r["cluster"]: r["split"] for r in recs}.values())),
        "hard_case_share": round(sum(bool(r["hard_case"]) for r in recs) / max(len(recs), 1), 3),
    }
    arts = {lang: len(list((CORPUS / "articles" / lang).glob("*.txt"))) for lang in ("de", "en")}
    card["articles"] = arts
    card_path.write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"total": len(recs), "articles": arts}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
