"""Out-of-core training for corpora larger than memory: hashing features + ``partial_fit``."""

from __future__ import annotations

from typing import Iterable, Iterator

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier

from ._inputs import as_records
from .classifiers import explain_matrix
from .exceptions import NotFittedError
from .features import LexiconFeatures

__all__ = ["StreamingStatementClassifier"]


class StreamingStatementClassifier(ClassifierMixin, BaseEstimator):
    """A statement classifier that learns batch by batch in constant memory.

    Word and character n-grams are hashed (no vocabulary is kept), joined
    with :class:`~stancekit.features.LexiconFeatures`, and a logistic SGD
    model learns with ``partial_fit``. It has the API of the other
    classifiers: ``predict``, ``predict_proba``, ``explain`` (hashed features
    are named by the n-grams seen in the explained statements).

    Parameters
    ----------
    n_features : int, default=2**20
    alpha : float, default=1e-5
    batch_size : int, default=5000
    random_state : int, default=0

    Examples
    --------
    >>> import random
    >>> from stancekit.datasets import load_corpus
    >>> corpus = load_corpus()
    >>> random.Random(0).shuffle(corpus)  # SGD learns best from batches in random order, not sorted by source
    >>> clf = StreamingStatementClassifier(batch_size=1000)
    >>> batches = clf.iter_batches(iter(corpus), "stance")  # any iterator: a file read line by line
    >>> clf = clf.fit_stream(batches, classes=["cooperative", "neutral", "threatening"])
    >>> clf.predict(["Wir werden jeden Angriff hart vergelten."]).tolist()
    ['threatening']
    """

    def __init__(self, n_features=2 ** 20, alpha=1e-5, batch_size=5000, random_state=0):
        self.n_features = n_features
        self.alpha = alpha
        self.batch_size = batch_size
        self.random_state = random_state

    def _vectorizers(self):
        word = HashingVectorizer(n_features=self.n_features, ngram_range=(1, 2), alternate_sign=False, norm="l2")
        char = HashingVectorizer(n_features=self.n_features, analyzer="char_wb", ngram_range=(3, 5),
                                 alternate_sign=False, norm="l2")
        return word, char

    def _transform(self, recs):
        word, char = self._vectorizers()
        texts = [r["text"] for r in recs]
        lex = self.lexicon_.transform(recs)
        return sp.hstack([word.transform(texts), char.transform(texts), lex], format="csr")

    def partial_fit(self, X, y, classes=None):
        """Learn from one batch; pass ``classes`` on the first call."""
        recs = as_records(X)
        if not hasattr(self, "model_"):
            self.lexicon_ = LexiconFeatures().fit(recs[:1] or [{"text": ""}])
            self.model_ = SGDClassifier(loss="log_loss", alpha=self.alpha, random_state=self.random_state)
        self.model_.partial_fit(self._transform(recs), np.asarray(list(y), dtype=object), classes=classes)
        self.classes_ = self.model_.classes_
        return self

    def fit(self, X, y):
        """Fit from in-memory lists, in batches (see :meth:`fit_stream` for iterators)."""
        recs = as_records(X)
        y = list(y)
        return self.fit_stream(((recs[i:i + self.batch_size], y[i:i + self.batch_size])
                                for i in range(0, len(recs), self.batch_size)), classes=sorted(set(y)))

    def fit_stream(self, batches: Iterable[tuple[list, list]], classes) -> "StreamingStatementClassifier":
        """Fit from an iterator of ``(statements, labels)`` batches (memory stays flat)."""
        for k in ("model_", "lexicon_"):
            if hasattr(self, k):
                delattr(self, k)
        for Xb, yb in batches:
            self.partial_fit(Xb, yb, classes=list(classes))
        return self

    def _check(self):
        if not hasattr(self, "model_"):
            raise NotFittedError("This StreamingStatementClassifier instance is not fitted yet. Call 'fit' first.")

    def predict(self, X):
        self._check()
        recs = as_records(X)
        return self.model_.predict(self._transform(recs)) if recs else np.array([], dtype=object)

    def predict_proba(self, X):
        self._check()
        recs = as_records(X)
        return self.model_.predict_proba(self._transform(recs)) if recs else np.zeros((0, len(self.classes_)))

    def decision_function(self, X):
        self._check()
        recs = as_records(X)
        return self.model_.decision_function(self._transform(recs)) if recs else np.zeros((0, len(self.classes_)))

    def explain(self, X, k: int = 5):
        """Top contributing features, named by the n-grams of the statements themselves."""
        self._check()
        recs = as_records(X)
        Xf = self._transform(recs)
        names = self._names(recs, Xf.shape[1])
        head = _SGDHead(self.model_)
        return explain_matrix(head, names, Xf, k)

    def _names(self, recs, width) -> np.ndarray:
        word, char = self._vectorizers()
        names = np.empty(width, dtype=object)
        names[:] = "hash"
        for prefix, vec, offset in (("word", word, 0), ("char", char, self.n_features)):
            analyzer = vec.build_analyzer()
            for r in recs:
                for gram in analyzer(r["text"]):
                    col = vec.transform([gram]).indices if prefix == "word" else None
                    if col is not None and len(col):
                        names[offset + col[0]] = f"{prefix}:{gram}"
        base = 2 * self.n_features
        names[base:] = self.lexicon_.get_feature_names_out()
        return names

    def iter_batches(self, records: Iterable[dict], label_field: str) -> Iterator[tuple[list, list]]:
        """Group a record iterator into ``(statements, labels)`` batches."""
        buf: list = []
        for r in records:
            buf.append(r)
            if len(buf) == self.batch_size:
                yield buf, [b[label_field] for b in buf]
                buf = []
        if buf:
            yield buf, [b[label_field] for b in buf]


class _SGDHead:
    """Adapter giving an SGD model the ``contributions`` interface of LinearHead."""

    def __init__(self, model):
        self.model = model
        self.classes_ = model.classes_
        self.coef_ = model.coef_

    def contributions(self, X):
        pred = self.model.predict(X)
        rows = np.searchsorted(self.classes_, pred)
        W = self.coef_ if self.coef_.shape[0] > 1 else np.vstack([-self.coef_[0], self.coef_[0]])
        return pred, rows, W
