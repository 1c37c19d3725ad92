"""The stancekit corpus: authored statements and articles, shipped with the package.

Loaders follow scikit-learn's dataset conventions: they read package data
offline and return records, or a pandas DataFrame with ``as_frame=True``.
The data card (:func:`corpus_card`) says how the corpus was written and
labelled, its counts, and the agreement of a second labelling pass.
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterator

from ._resources import data_path, load_json

__all__ = ["load_corpus", "load_articles", "corpus_card"]


#: Share of story clusters held out as the test split.
TEST_SHARE = 0.2


def split_of(cluster: str) -> str:
    """The split of a story cluster: a stable hash sends about 20 % of clusters to test.

    The split depends on the cluster id only, so adding statements to other
    clusters never moves existing ones between train and test.

    Parameters
    ----------
    cluster : str
        A story-cluster id (the ``cluster`` field of a corpus record).

    Returns
    -------
    {'train', 'test'}

    Examples
    --------
    >>> split_of("en9-c001") in ("train", "test")
    True
    >>> split_of("en9-c001") == split_of("en9-c001")
    True
    """
    return "test" if hashlib.sha1(cluster.encode("utf-8")).digest()[0] < TEST_SHARE * 256 else "train"


def _jsonl(node) -> Iterator[dict]:
    for i, line in enumerate(node.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield json.loads(line)


def load_corpus(lang: str | None = None, split: str | None = None, *, as_frame: bool = False):
    """Load the authored, labelled statements.

    Parameters
    ----------
    lang : {'de', 'en'}, optional
    split : {'train', 'test'}, optional
        Splits are by story cluster: statements about one invented event never
        cross the split.
    as_frame : bool, default=False
        Return a pandas DataFrame (needs pandas).

    Returns
    -------
    list of dict or DataFrame
        Fields: id, lang, text, sentence, speaker, role, actor, target, kind,
        cue, stance, sentiment, topic, cluster, style, hard_case, hard_type,
        note, split.

    See Also
    --------
    corpus_card : How the corpus was made, counts and agreement.

    Examples
    --------
    >>> recs = load_corpus("de", "train")
    >>> {r["lang"] for r in recs}, {r["split"] for r in recs}
    ({'de'}, {'train'})

    The records go straight into a classifier:

    >>> sorted({r["stance"] for r in recs})
    ['cooperative', 'neutral', 'threatening']
    >>> df = load_corpus("en", as_frame=True)
    >>> df["lang"].unique().tolist()
    ['en']
    """
    folder = data_path("corpus", "statements")
    recs = []
    for node in sorted(folder.iterdir(), key=lambda n: n.name):
        if node.name.endswith(".jsonl"):
            recs.extend(_jsonl(node))
    for r in recs:
        r.setdefault("split", split_of(r["cluster"]))
    recs = [r for r in recs if (lang is None or r["lang"] == lang) and (split is None or r["split"] == split)]
    if as_frame:
        import pandas as pd

        return pd.DataFrame(recs)
    return recs


def load_articles(lang: str | None = None) -> list[dict]:
    """Load the authored news articles with their gold statements.

    Parameters
    ----------
    lang : {'de', 'en'}, optional
        One language; both when omitted (German first).

    Returns
    -------
    list of dict
        ``{"id", "lang", "text", "statements": [gold records with offsets]}``.

    Examples
    --------
    >>> arts = load_articles("en")
    >>> all(a["text"][s["start"]:s["end"]] == s["text"] for a in arts for s in a["statements"])
    True
    """
    out = []
    for lg in (lang,) if lang else ("de", "en"):
        folder = data_path("corpus", "articles", lg)
        for node in sorted(folder.iterdir(), key=lambda n: n.name):
            if node.name.endswith(".txt"):
                gold = folder / node.name.replace(".txt", ".gold.jsonl")
                out.append({"id": node.name[:-4], "lang": lg, "text": node.read_text(encoding="utf-8"),
                            "statements": list(_jsonl(gold))})
    return out


def corpus_card() -> dict:
    """The corpus data card: how it was made, counts, agreement.

    Returns
    -------
    dict
        The contents of ``stancekit/data/corpus/CARD.json``: ``name``,
        ``licence``, ``how_written``, ``labels``, ``splits``, ``agreement``
        (method, Cohen's kappa per task and language, adjudication),
        ``counts`` per language, ``total`` and ``articles``. The data card in
        ``docs/data_card.md`` explains it.

    Examples
    --------
    >>> card = corpus_card()
    >>> card["total"] == len(load_corpus())
    True
    >>> sorted(card["counts"])
    ['de', 'en']
    """
    return load_json("corpus", "CARD.json")
