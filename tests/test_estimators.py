"""The estimator contract: scikit-learn's checks for the head, our own suite for text estimators."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV
from sklearn.utils.estimator_checks import parametrize_with_checks

from stancekit import (InputTypeError, LinearHead, NotFittedError, SentimentClassifier, StanceClassifier,
                       load_model, save_model)
from stancekit.datasets import load_corpus
from stancekit.streaming import StreamingStatementClassifier


@parametrize_with_checks([LinearHead()])
def test_head_passes_sklearn_checks(estimator, check):
    check(estimator)


@pytest.fixture(scope="module")
def corpus():
    recs = load_corpus(split="train")[::6]
    return recs, [r["stance"] for r in recs]


TEXT_ESTIMATORS = [StanceClassifier, SentimentClassifier, StreamingStatementClassifier]


@pytest.mark.parametrize("Est", TEXT_ESTIMATORS)
def test_clone_and_params_round_trip(Est):
    est = Est()
    params = est.get_params()
    assert clone(est).get_params().keys() == params.keys()
    est.set_params(**{k: v for k, v in params.items() if "__" not in k})


@pytest.mark.parametrize("Est", TEXT_ESTIMATORS)
def test_unfitted_use_raises(Est):
    with pytest.raises(NotFittedError, match="not fitted"):
        Est().predict(["text"])


@pytest.mark.parametrize("Est", TEXT_ESTIMATORS)
def test_fit_returns_self_and_is_deterministic(Est, corpus):
    X, y = corpus
    a = Est()
    assert a.fit(X, y) is a
    b = Est().fit(X, y)
    np.testing.assert_allclose(a.predict_proba(X[:50]), b.predict_proba(X[:50]))


@pytest.mark.parametrize("Est", TEXT_ESTIMATORS)
def test_save_load_round_trip(Est, corpus, tmp_path):
    X, y = corpus
    est = Est().fit(X, y)
    path = tmp_path / "m.skm"
    save_model(est, path)
    loaded = load_model(path, trusted=True)
    assert list(loaded.predict(X[:40])) == list(est.predict(X[:40]))


@pytest.mark.parametrize("Est", TEXT_ESTIMATORS)
def test_german_english_and_empty_input(Est, corpus):
    est = Est().fit(*corpus)
    out = est.predict(["Wir drohen mit Vergeltung.", "We welcome the agreement."])
    assert len(out) == 2 and set(out) <= set(est.classes_)
    assert len(est.predict([])) == 0


@pytest.mark.parametrize("Est", TEXT_ESTIMATORS)
def test_single_string_rejected(Est, corpus):
    est = Est().fit(*corpus)
    with pytest.raises(InputTypeError, match="single string"):
        est.predict("We welcome the agreement.")


def test_any_label_set_and_explain(corpus):
    X, _ = corpus
    y = ["FAVOR" if r["stance"] == "cooperative" else "AGAINST" if r["stance"] == "threatening" else "NONE" for r in X]
    clf = StanceClassifier().fit(X, y)
    assert set(clf.classes_) == {"FAVOR", "AGAINST", "NONE"}
    expl = clf.explain(["We will retaliate with force against any aggression."], k=3)
    assert len(expl[0]) <= 3 and all(isinstance(f, str) and w > 0 for f, w in expl[0])


def test_grid_search_over_text_classifier(corpus):
    X, y = corpus
    gs = GridSearchCV(StanceClassifier(), {"C": [1.0, 4.0]}, cv=3, scoring="f1_macro").fit(X, y)
    assert gs.best_params_["C"] in (1.0, 4.0)


def test_grouped_classifier_searches_the_given_grid_per_group(corpus):
    from stancekit.features import StatementFeatures
    from stancekit.grouped import GroupedClassifier

    recs, y = corpus
    groups = [r["lang"] for r in recs]
    grid = {"C": [0.5, 2.0], "features__lexicon": [False, True]}
    clf = GroupedClassifier(StanceClassifier(features=StatementFeatures()), fast=False, param_grid=grid)
    clf.fit(recs, y, groups=groups)
    assert sorted(clf.models_) == ["de", "en"]
    for model in clf.models_.values():
        assert model.C in grid["C"] and model.features.lexicon in grid["features__lexicon"]
    assert clone(clf).get_params()["param_grid"] == grid
    assert set(clf.predict(recs[:4], groups=groups[:4])) <= set(clf.classes_)


def test_default_models_share_features():
    from stancekit import load_default

    st, se = load_default("stance"), load_default("sentiment")
    assert st.features_ is se.features_
    assert set(st.classes_) == {"cooperative", "neutral", "threatening"}
    assert set(se.classes_) == {"positive", "negative", "neutral"}
    assert "scores" in st.model_card_ and "training_data" in st.model_card_


def test_prior_shift_moves_one_language_only(corpus):
    X, y = corpus
    base = StanceClassifier().fit(X, y)
    shifted = StanceClassifier(prior_shift={"de": {"neutral": 3.0}}).fit(X, y)
    de = [r for r in X if r["lang"] == "de"]
    en = [r for r in X if r["lang"] == "en"]
    col = list(base.classes_).index("neutral")
    assert (shifted.predict_proba(de)[:, col] >= base.predict_proba(de)[:, col] - 1e-9).all()
    assert (shifted.predict(de) == "neutral").sum() > (base.predict(de) == "neutral").sum()
    np.testing.assert_allclose(shifted.predict_proba(en), base.predict_proba(en))
    np.testing.assert_allclose(shifted.predict_proba(de).sum(axis=1), 1.0)
    assert clone(shifted).get_params()["prior_shift"] == {"de": {"neutral": 3.0}}


def test_single_label_error_names_plain_label():
    from stancekit.exceptions import CorpusError

    with pytest.raises(CorpusError, match=r"label 'neutral';"):
        StanceClassifier().fit(["a b", "c d"], np.array(["neutral", "neutral"]))


def test_lexicon_punitive_and_sentiment_features():
    from stancekit.features import _lexicon_counts

    en = _lexicon_counts("The administration imposed new sanctions; this is not good.", "en")
    assert en["lex:punitive"] > 0 and en["lex:sent_negative"] > 0 and en["lex:sent_positive"] == 0
    de = _lexicon_counts("Die EU verhängte ein Embargo, das Ergebnis ist nicht schlecht.", "de")
    assert de["lex:punitive"] > 0 and de["lex:sent_positive"] > 0
