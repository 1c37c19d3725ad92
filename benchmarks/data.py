"""Loaders for the third-party evaluation data in ``../shared`` (never copied into the repository).

Each loader returns plain records; callers record in the results which data
produced which figure.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

#: Where the shared data lives: $STANCEKIT_SHARED, else ../shared beside the repository.
SHARED = Path(os.environ.get("STANCEKIT_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))

#: realnews sources whose terms allow training weights that ship (10kGNAD is non-commercial).
TRAINABLE_SOURCES = ("kremlin.ru", "White House", "GerNTSA")


def available() -> bool:
    return (SHARED / "data").is_dir()


def realnews() -> list[dict]:
    """Real labelled statements (development split)."""
    path = SHARED / "data" / "realnews" / "dev.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def realnews_trainable(recs: list[dict]) -> list[dict]:
    return [r for r in recs if any(s in r["src"] for s in TRAINABLE_SOURCES)]


def vader_label(mean: float) -> str:
    """VADER gold: mean rating / 4 split at +-0.05."""
    v = mean / 4.0
    return "positive" if v >= 0.05 else "negative" if v <= -0.05 else "neutral"


#: VADER's four ground-truth sets (file stem -> short name).
VADER_SETS = {"nytEditorialSnippets": "NYT", "tweets": "tweets", "movieReviewSnippets": "movie",
              "amazonReviewSnippets": "Amazon"}


def vader_snippets(name: str = "nytEditorialSnippets") -> list[dict]:
    """One of VADER's human-rated ground-truth sets (see :data:`VADER_SETS`) with 3-class gold."""
    out = []
    path = SHARED / "data" / "sentiment" / "vader" / f"{name}_GroundTruth.txt"
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            out.append({"id": parts[0], "text": parts[2], "lang": "en", "sentiment": vader_label(float(parts[1]))})
    return out


def vader_nyt() -> list[dict]:
    """VADER's human-rated NYT editorial snippets with 3-class gold."""
    return vader_snippets("nytEditorialSnippets")


def gerntsa() -> list[dict]:
    """GerNTSA German news sentences (target-dependent polarity)."""
    data = json.loads((SHARED / "data" / "sentiment" / "gerntsa" / "GerNTSA.json").read_text(encoding="utf-8"))
    return [{"id": d["id"], "text": d["opinion_snippet"], "lang": "de", "sentiment": d["sentiment"]["polarity"],
             "target": d["target"]} for d in data]


def semeval(split: str) -> list[dict]:
    """SemEval-2016 task 6A (Windows-1252): split in train, trial, test."""
    name = {"train": "trainingdata-all-annotations.txt", "trial": "trialdata-all-annotations.txt",
            "test": "testdata-taskA-all-annotations.txt"}[split]
    path = SHARED / "data" / "stance" / "semeval2016" / name
    return path
