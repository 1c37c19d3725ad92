"""The authored corpus: shape, balance, variety and loaders."""

import json
from collections import Counter
from pathlib import Path

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from stancekit.datasets import corpus_card, load_articles, load_corpus, split_of

AGREEMENT = Path(__file__).resolve().parents[1] / "stancekit" / "data" / "corpus" / "agreement"
FIELDS = {"id", "lang", "text", "sentence", "speaker", "role", "actor", "target", "kind", "cue", "stance",
          "sentiment", "topic", "cluster", "style", "hard_case", "hard_type", "note", "split"}
VALUES = {"lang": {"de", "en"}, "kind": {"direct", "partial", "indirect"},
          "stance": {"cooperative", "threatening", "neutral"}, "sentiment": {"positive", "negative", "neutral"},
          "topic": {"diplomacy", "sanctions", "trade", "military", "climate", "energy", "migration", "health",
                    "economy", "domestic"},
          "style": {"agency", "newspaper", "readout", "transcript", "briefing"}, "split": {"train", "test"}}


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_size_and_languages(corpus):
    counts = Counter(r["lang"] for r in corpus)
    assert len(corpus) >= 3000, counts
    assert set(counts) == {"de", "en"}
    assert abs(counts["de"] - counts["en"]) <= 0.01 * len(corpus), counts  # half German, half English


def test_schema(corpus):
    assert len({r["id"] for r in corpus}) == len(corpus)
    for r in corpus:
        assert set(r) == FIELDS, r["id"]
        for field, allowed in VALUES.items():
            assert r[field] in allowed, (r["id"], field, r[field])
        assert r["id"].startswith(r["lang"]) and r["cluster"].startswith(r["id"].split("-")[0]), r["id"]
        assert bool(r["hard_case"]) == bool(r["hard_type"]), r["id"]


@pytest.mark.parametrize("label", ["stance", "sentiment"])
def test_no_class_under_25_percent(corpus, label):
    for lang in ("de", "en"):
        counts = Counter(r[label] for r in corpus if r["lang"] == lang)
        total = sum(counts.values())
        assert min(counts.values()) / total >= 0.25, (lang, counts)


def test_no_near_duplicates(corpus):
    X = TfidfVectorizer().fit_transform([r["text"] for r in corpus])
    S = cosine_similarity(X, dense_output=False).tocoo()
    pairs = [(corpus[i]["id"], corpus[j]["id"], round(v, 2)) for i, j, v in zip(S.row, S.col, S.data) if i < j and v > 0.8]
    assert not pairs, pairs[:10]


def test_split_by_cluster(corpus):
    split = {}
    for r in corpus:
        assert split.setdefault(r["cluster"], r["split"]) == r["split"]
        assert r["split"] == split_of(r["cluster"]), r["id"]  # set by scripts/finalize_corpus.py, not by hand
    train = {r["cluster"] for r in corpus if r["split"] == "train"}
    test = {r["cluster"] for r in corpus if r["split"] == "test"}
    assert not train & test
    assert 0.1 < sum(r["split"] == "test" for r in corpus) / len(corpus) < 0.3


def test_hard_case_share(corpus):
    assert sum(bool(r["hard_case"]) for r in corpus) / len(corpus) >= 0.15
    for lang in ("de", "en"):
        sub = [r for r in corpus if r["lang"] == lang]
        assert sum(bool(r["hard_case"]) for r in sub) / len(sub) >= 0.15, lang


def test_adjudication_consistent(corpus):
    """Every disagreement with the blind second pass is adjudicated, and the records carry the final labels."""
    recs = {r["id"]: r for r in corpus}
    second = {s["id"]: s for s in _jsonl(AGREEMENT / "second_pass.jsonl")}
    adj = _jsonl(AGREEMENT / "adjudication.jsonl")
    by_id = {a["id"]: a for a in adj}
    assert len(by_id) == len(adj), "duplicate adjudication records"
    assert len(second) >= 500 and set(second) <= set(recs)
    for i, a in by_id.items():
        assert i in second and a["lang"] == recs[i]["lang"], i
        assert a["reason"].strip(), i
        for label in ("stance", "sentiment"):
            assert a["second"][label] == second[i][label], (i, label)
            assert a["final"][label] == recs[i][label], (i, label)
            assert a["final"][label] in VALUES[label] and a["primary"][label] in VALUES[label], (i, label)
        assert a["primary"] != a["second"], i  # only disagreements are adjudicated
        assert a["changed"] == (a["final"] != a["primary"]), i
    for i, s in second.items():
        if i not in by_id:  # no disagreement: the primary labels are the record's labels
            assert (recs[i]["stance"], recs[i]["sentiment"]) == (s["stance"], s["sentiment"]), i
    card = corpus_card()["agreement"]["adjudication"]
    assert card["disagreements"] == card["adjudicated"] == len(adj)
    assert card["changed"] == sum(a["changed"] for a in adj)


def test_card_counts_current(corpus):
    """CARD.json counts match the records (re-run scripts/finalize_corpus.py after editing the corpus)."""
    card = corpus_card()
    assert card["total"] == card["totals"]["statements"] == len(corpus)
    assert card["totals"]["split"] == dict(Counter(r["split"] for r in corpus))
    for lang in ("de", "en"):
        sub = [r for r in corpus if r["lang"] == lang]
        c = card["counts"][lang]
        assert c["statements"] == len(sub)
        for field in ("split", "stance", "sentiment", "kind", "topic", "style"):
            assert c[field] == dict(Counter(r[field] for r in sub)), (lang, field)
        assert c["hard_type"] == dict(Counter(r["hard_type"] for r in sub if r["hard_case"])), lang
        assert c["hard_case_share"] == round(sum(bool(r["hard_case"]) for r in sub) / len(sub), 3)


def test_text_in_sentence(corpus):
    assert all(r["text"] in r["sentence"] for r in corpus)


def test_articles_and_card():
    arts = load_articles()
    assert sum(a["lang"] == "de" for a in arts) >= 40 and sum(a["lang"] == "en" for a in arts) >= 40
    assert all(3 <= len(a["statements"]) <= 12 for a in arts)
    card = corpus_card()
    assert card["agreement"]["figures"]["stance_all"]["n"] >= 500


def test_as_frame():
    df = load_corpus("en", as_frame=True)
    assert set(df["lang"]) == {"en"} and "stance" in df.columns
