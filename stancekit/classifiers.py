"""Stance and sentiment classifiers: scikit-learn estimators over statements.

:class:`LinearHead` is a classifier over feature matrices (balanced,
regularised logistic regression with explanations); it passes
scikit-learn's estimator checks. :class:`StanceClassifier` and
:class:`SentimentClassifier` put :class:`~stancekit.features.StatementFeatures`
in front of a head, take statements (strings, :class:`~stancekit.Statement`
objects or mappings), and learn any label set.

Two classifiers may share one fitted feature transformer (``features`` set to
the same fitted object and ``refit_features=False``): then
:class:`~stancekit.Analyzer` computes the features once for both heads.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.utils.extmath import softmax
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

from ._inputs import as_records, check_nonempty
from .exceptions import CorpusError, NotFittedError
from .features import StatementFeatures

__all__ = ["LinearHead", "StatementClassifier", "StanceClassifier", "SentimentClassifier",
           "STANCE_LABELS", "SENTIMENT_LABELS"]

STANCE_LABELS = ("cooperative", "neutral", "threatening")
SENTIMENT_LABELS = ("negative", "neutral", "positive")


class LinearHead(ClassifierMixin, BaseEstimator):
    """Multinomial logistic regression with class balancing and explanations.

    Parameters
    ----------
    C : float, default=4.0
        Inverse regularisation strength.
    class_weight : 'balanced', dict or None, default='balanced'
        'balanced' keeps rare classes (threatening) from being sacrificed.
    max_iter : int, default=2000
    random_state : int or None, default=0

    Attributes
    ----------
    classes_ : ndarray
    coef_ : ndarray of shape (n_classes, n_features)
    intercept_ : ndarray
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0., 1.], [1., 0.], [0., 2.], [2., 0.]])
    >>> LinearHead().fit(X, ["a", "b", "a", "b"]).predict([[0., 3.]]).tolist()
    ['a']
    """

    def __init__(self, C=4.0, class_weight="balanced", max_iter=2000, random_state=0):
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Fit the head on a feature matrix."""
        X, y = validate_data(self, X, y, accept_sparse="csr")
        check_classification_targets(y)
        self.classes_ = np.unique(y)
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
                                         random_state=self.random_state)
        # L-BFGS works on vectors of a few 100k entries: threaded BLAS only adds
        # overhead there (10x slower fits on a busy 2-core machine), so use one thread.
        with threadpool_limits(limits=1, user_api="blas"):
            self.model_.fit(X, y, sample_weight=sample_weight)
        self.coef_ = self.model_.coef_
        self.intercept_ = self.model_.intercept_
        self.n_iter_ = self.model_.n_iter_
        return self

    def _check(self, X):
        check_is_fitted(self)
        return validate_data(self, X, accept_sparse="csr", reset=False)

    def _scores(self, X):
        """Decision scores; a fitted head's own CSR feature matrix skips input validation.

        :class:`StatementFeatures` hands over such matrices for every batch, and for a few
        statements scikit-learn's validation costs more than the product. The arithmetic is
        :class:`~sklearn.linear_model.LogisticRegression`'s.
        """
        if type(X) is sp.csr_matrix and hasattr(self, "model_") and X.shape[1] == self.n_features_in_ \
                and X.dtype == np.float64:
            scores = X @ self.coef_.T + self.intercept_
            return scores.ravel() if scores.shape[1] == 1 else scores
        X = self._check(X)  # raises NotFittedError before model_ is touched
        return self.model_.decision_function(X)

    def decision_function(self, X):
        return self._scores(X)

    def predict_proba(self, X):
        scores = self._scores(X)
        if scores.ndim == 1:  # two classes, as scikit-learn: a logistic on one score
            p = expit(scores)
            return np.vstack([1 - p, p]).T
        return softmax(scores, copy=False)

    def predict(self, X):
        scores = self._scores(X)
        return self.classes_[(scores > 0).astype(int) if scores.ndim == 1 else scores.argmax(axis=1)]

    def contributions(self, X):
        """Per-feature contribution to each row's predicted class (a sparse row-wise product)."""
        X = self._check(X)
        pred = self.predict(X)
        rows = np.searchsorted(self.classes_, pred)
        W = self.coef_ if self.coef_.shape[0] > 1 else np.vstack([-self.coef_[0], self.coef_[0]])
        return pred, rows, W

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


class StatementClassifier(ClassifierMixin, BaseEstimator):
    """A classifier over statements: features, then a :class:`LinearHead`.

    Parameters
    ----------
    features : StatementFeatures or None
        The feature transformer; a fresh :class:`StatementFeatures` when None.
    refit_features : bool, default=True
        When False and ``features`` is already fitted, it is used as it is
        (shared between classifiers).
    C : float, default=4.0
    class_weight : 'balanced', dict or None, default='balanced'
    random_state : int, default=0
    prior_shift : dict or None, default=None
        Additive log-odds corrections per language, ``{lang: {label: offset}}``
        (``lang`` None or ``"*"`` for every language). They move the class
        priors the model learned (e.g. from a balanced authored corpus) toward
        those of the text it will see (mostly neutral real news); probabilities
        stay normalised (the Bayes prior-shift correction). Applied to the
        head's weights of the ``lang:`` lexicon columns (or its intercept for
        ``"*"``), so every prediction path sees them.

    Attributes
    ----------
    features_ : StatementFeatures
    head_ : LinearHead
    classes_ : ndarray

    Examples
    --------
    Any label set works, e.g. a two-label threat detector:

    >>> from stancekit.datasets import load_corpus
    >>> corpus = load_corpus("en")[:300]
    >>> y = ["threat" if r["stance"] == "threatening" else "other" for r in corpus]
    >>> clf = StatementClassifier().fit(corpus, y)
    >>> clf.classes_.tolist(), clf.predict(["We will retaliate with full force if they cross the line."]).tolist()
    (['other', 'threat'], ['threat'])
    >>> clf.predict_proba(["We welcome the agreement."]).shape
    (1, 2)
    """

    def __init__(self, features=None, refit_features=True, C=4.0, class_weight="balanced", random_state=0,
                 prior_shift=None):
        self.features = features
        self.refit_features = refit_features
        self.C = C
        self.class_weight = class_weight
        self.random_state = random_state
        self.prior_shift = prior_shift

    # -- fitting
    def fit(self, X, y, sample_weight=None):
        """Fit on statements ``X`` with labels ``y``.

        Parameters
        ----------
        X : list of str, Statement or mapping
        y : array-like of labels (any label set)
        sample_weight : array-like, optional

        Returns
        -------
        self : object
            The fitted classifier.
        """
        recs = as_records(X)
        check_nonempty(recs)
        y = np.asarray(list(y), dtype=object)
        if len(y) != len(recs):
            raise CorpusError(f"got {len(recs)} statements but {len(y)} labels; they must match one to one")
        if any(v is None or (isinstance(v, float) and np.isnan(v)) or str(v) == "" for v in y):
            raise CorpusError("some labels are empty; remove those statements or label them")
        y = y.astype(str)
        labels = np.unique(y)
        if len(labels) < 2:
            raise CorpusError(f"all statements have the label {str(labels[0])!r}; a classifier needs at least two labels")
        if self.features is not None and not self.refit_features and _is_fitted(self.features):
            self.features_ = self.features
            Xf = self.features_.transform(recs)
        else:
            self.features_ = clone(self.features) if self.features is not None else StatementFeatures()
            Xf = self.features_.fit_transform(recs)
        self.head_ = LinearHead(C=self.C, class_weight=self.class_weight, random_state=self.random_state)
        self.head_.fit(Xf, y, sample_weight=sample_weight)
        self.classes_ = self.head_.classes_
        if self.prior_shift:
            _apply_prior_shift(self.head_, self.features_, self.prior_shift)
        return self

    # -- prediction
    def _features(self, X):
        if not hasattr(self, "head_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' with statements and "
                "labels first, or load a fitted model with stancekit.load_default()."
            )
        recs = as_records(X)
        return self.features_.transform(recs) if recs else None

    def predict(self, X):
        """Predict a label per statement."""
        Xf = self._features(X)
        return np.array([], dtype=object) if Xf is None else self.head_.predict(Xf)

    def predict_proba(self, X):
        """Class probabilities per statement (columns in ``classes_`` order)."""
        Xf = self._features(X)
        return np.zeros((0, len(self.classes_))) if Xf is None else self.head_.predict_proba(Xf)

    def decision_function(self, X):
        """Signed scores per class."""
        Xf = self._features(X)
        return np.zeros((0, len(self.classes_))) if Xf is None else self.head_.decision_function(Xf)

    def explain(self, X, k: int = 5) -> list[list[tuple[str, float]]]:
        """For each statement, the ``k`` features that pushed its prediction most.

        Returns
        -------
        list of list of (feature, weight)
            Feature names are prefixed by block: ``word:`` statement n-grams,
            ``char:`` character n-grams, ``ctx:`` sentence n-grams, ``lex:`` and
            ``cue:`` lexicon features. Weight = value x coefficient of the
            predicted class (minus the mean over the other classes).
        """
        Xf = self._features(X)
        if Xf is None:
            return []
        return explain_matrix(self.head_, self.features_.get_feature_names_out(), Xf, k)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags


def explain_matrix(head: LinearHead, names, Xf, k: int) -> list[list[tuple[str, float]]]:
    """Top ``k`` contributions of each row of a feature matrix to its predicted class."""
    pred, rows, W = head.contributions(Xf)
    Xf = Xf.tocsr()
    out = []
    for r in range(Xf.shape[0]):
        lo, hi = Xf.indptr[r], Xf.indptr[r + 1]
        idx, vals = Xf.indices[lo:hi], Xf.data[lo:hi]
        c = rows[r]
        w = W[c, idx] - (W[:, idx].sum(axis=0) - W[c, idx]) / max(W.shape[0] - 1, 1)
        contrib = vals * w
        order = np.argsort(-contrib)[:k]
        out.append([(str(names[idx[o]]), round(float(contrib[o]), 4)) for o in order if contrib[o] > 0])
    return out


def _apply_prior_shift(head: LinearHead, features, shift: dict) -> None:
    """Add per-language log-odds offsets to a fitted head (see ``StatementClassifier.prior_shift``)."""
    names = None
    model = head.model_
    coef = model.coef_.copy()
    intercept = np.array(model.intercept_, dtype=float, copy=True)
    classes = [str(c) for c in head.classes_]
    for lang, offsets in shift.items():
        vec = np.array([float(offsets.get(c, 0.0)) for c in classes])
        if coef.shape[0] == 1:  # binary: one row scores classes_[1] against classes_[0]
            vec = np.array([vec[1] - vec[0]])
        if lang in (None, "*"):
            intercept += vec
            continue
        if names is None:
            names = {str(n): i for i, n in enumerate(features.get_feature_names_out())}
        col = names.get(f"lang:{lang}")
        if col is None:
            raise ValueError(f"prior_shift for language {lang!r} needs the lexicon features' lang:{lang} column")
        scale = getattr(features, "lexicon_scale", 1.0) or 1.0
        coef[:, col] += vec / scale
    model.coef_ = coef
    model.intercept_ = intercept
    head.coef_ = coef
    head.intercept_ = intercept


def _is_fitted(est) -> bool:
    try:
        check_is_fitted(est)
        return True
    except Exception:
        return False


class StanceClassifier(StatementClassifier):
    """Stance of a statement: ``cooperative``, ``threatening`` or ``neutral`` (or any label set).

    See :class:`StatementClassifier` for parameters.

    Examples
    --------
    >>> X = ["We will retaliate with force", "We welcome closer cooperation",
    ...      "The meeting took place on Monday", "They will pay a heavy price",
    ...      "We are ready to work together", "The talks were described as routine"]
    >>> y = ["threatening", "cooperative", "neutral"] * 2
    >>> clf = StanceClassifier().fit(X, y)
    >>> clf.classes_.tolist()
    ['cooperative', 'neutral', 'threatening']
    """


class SentimentClassifier(StatementClassifier):
    """Sentiment of a statement: ``positive``, ``negative`` or ``neutral`` (or any label set).

    See :class:`StatementClassifier` for parameters.

    Examples
    --------
    >>> X = ["This is a great success", "This is a disaster", "The meeting is on Monday"] * 2
    >>> SentimentClassifier().fit(X, ["positive", "negative", "neutral"] * 2).predict(["a great success"]).tolist()
    ['positive']
    """
