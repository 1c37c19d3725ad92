"""The authored corpus: shape, balance, variety and loaders."""

from collections import Counter

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from stancekit.datasets import corpus_card, load_articles, load_corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_size_and_languages(corpus):
    counts = Counter(r["lang"] for r in corpus)
    assert counts["de"] >= 1200 and counts["en"] >= 1200


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
    assert 0.1 < sum(r["split"] == "test" for r in corpus) / len(corpus) < 0.3


def test_hard_case_share(corpus):
    assert sum(bool(r["hard_case"]) for r in corpus) / len(corpus) >= 0.15


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
