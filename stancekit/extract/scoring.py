"""Scoring extracted statements against gold records (used by tests and benchmarks).

A found statement matches a gold record when the tokens of the shorter of the
two texts are at least :data:`MATCH_THRESHOLD` contained in the other: a partial
quotation's words and the whole reported clause around them both match.
"""

from __future__ import annotations

import re
from typing import Iterable

from .statements import extract_statements

__all__ = ["MATCH_THRESHOLD", "overlap_match", "score_articles"]

#: Share of the shorter text's tokens that must occur in the longer one.
MATCH_THRESHOLD = 0.6
_WORD = re.compile(r"\w+")


def overlap_match(a: str, b: str, threshold: float = MATCH_THRESHOLD) -> bool:
    """Whether two statement texts match under the containment rule.

    Examples
    --------
    >>> overlap_match("einen Preis", "Nordkorea werde »einen Preis« zahlen")
    True
    >>> overlap_match("We welcome the deal", "They reject it")
    False
    """
    ta, tb = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    pool = set(long_)
    return sum(t in pool for t in short) / len(short) >= threshold


def score_articles(articles: Iterable[dict], lang: str) -> dict:
    """Precision, recall and speaker accuracy of extraction over gold-annotated articles.

    Parameters
    ----------
    articles : iterable of dict
        ``{"id", "text", "statements": [gold records with "text", "speaker"]}``
        as returned by :func:`stancekit.datasets.load_articles`.
    lang : {'de', 'en'}

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1``, ``speaker_acc_of_found`` (the gold
        speaker's last name within the found speaker), ``gold`` and ``misses``
        (article id and the start of each missed gold text).

    Examples
    --------
    >>> art = {"id": "x", "text": "»Wir kommen«, sagte Außenministerin Anna Berg. Das Wetter war gut.",
    ...        "statements": [{"text": "Wir kommen", "speaker": "Anna Berg"}]}
    >>> r = score_articles([art], "de")
    >>> r["precision"], r["recall"], r["speaker_acc_of_found"], r["misses"]
    (1.0, 1.0, 1.0, [])
    """
    tp = fn = fp = speaker_ok = 0
    misses = []
    for art in articles:
        found = list(extract_statements(art["text"], lang))
        used: set[int] = set()
        for g in art["statements"]:
            hits = [i for i, s in enumerate(found) if overlap_match(g["text"], s.text)]
            if not hits:
                fn += 1
                misses.append(f"{art['id']}: {g['text'][:60]}")
                continue
            tp += 1
            used.update(hits)
            last = g["speaker"].split()[-1].lower() if g["speaker"] else ""
            speaker_ok += bool(last) and last in found[hits[0]].speaker.lower()
        fp += len(found) - len(used)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / max(p + r, 1e-9), 3),
            "speaker_acc_of_found": round(speaker_ok / max(tp, 1), 3), "gold": tp + fn, "misses": misses}
