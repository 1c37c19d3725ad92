"""One model per group (e.g. per SemEval target), behind one estimator."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone

from ._inputs import as_records
from .exceptions import CorpusError, NotFittedError

__all__ = ["GroupedClassifier"]


class GroupedClassifier(ClassifierMixin, BaseEstimator):
    """Fit a clone of ``estimator`` per group; route predictions by group.

    Parameters
    ----------
    estimator : StatementClassifier
    fast : bool, default=True
        Fit each group's model with the estimator's parameters as they are
        (False: choose ``C`` and the word n-gram range by cross-validation per
        group, see :func:`stancekit.training.fit_model`).
    average_labels : list of str, optional
        With ``fast=False``, choose by F_avg over these labels (the mean of
        their F1s, e.g. ``["FAVOR", "AGAINST"]`` as SemEval-2016 scores)
        rather than by macro-F1 over every label.
    param_grid : dict, optional
        With ``fast=False``, the grid searched per group (see
        :func:`stancekit.training.fit_model`).

    Attributes
    ----------
    models_ : dict
        Group -> fitted estimator.
    classes_ : ndarray

    Examples
    --------
    One model per target, as in SemEval-2016 task A:

    >>> from stancekit.datasets import load_corpus
    >>> corpus = load_corpus("en")[:400]
    >>> groups = [r["topic"] if r["topic"] in ("sanctions", "trade") else "other" for r in corpus]
    >>> clf = GroupedClassifier().fit(corpus, [r["stance"] for r in corpus], groups=groups)
    >>> sorted(clf.models_)
    ['other', 'sanctions', 'trade']
    >>> clf.predict(["We will impose further sanctions."], groups=["sanctions"]).shape
    (1,)
    """

    def __init__(self, estimator=None, fast=True, average_labels=None, param_grid=None):
        self.estimator = estimator
        self.fast = fast
        self.average_labels = average_labels
        self.param_grid = param_grid

    def fit(self, X, y, groups=None):
        """Fit one model per group; ``groups`` gives each statement's group."""
        from .classifiers import StanceClassifier
        from .training import fit_model

        recs = as_records(X)
        if groups is None or len(groups) != len(recs):
            raise CorpusError("GroupedClassifier.fit needs groups=[...], one group per statement")
        y = np.asarray(list(y), dtype=object)
        groups = np.asarray(list(groups), dtype=object)
        base = self.estimator if self.estimator is not None else StanceClassifier()
        self.models_ = {}
        for g in sorted(set(groups)):
            idx = np.flatnonzero(groups == g)
            Xg = [recs[i] for i in idx]
            if self.fast:
                self.models_[g] = clone(base).fit(Xg, y[idx])
            else:
                self.models_[g], _ = fit_model(Xg, list(y[idx]), estimator=clone(base), n_splits=5,
                                              average_labels=self.average_labels, param_grid=self.param_grid)
        self.classes_ = np.unique(y)
        return self

    def predict(self, X, groups=None):
        """Predict with each statement's group model."""
        if not hasattr(self, "models_"):
            raise NotFittedError("This GroupedClassifier instance is not fitted yet. Call 'fit' first.")
        recs = as_records(X)
        if groups is None or len(groups) != len(recs):
            raise CorpusError("GroupedClassifier.predict needs groups=[...], one group per statement")
        out = np.empty(len(recs), dtype=object)
        groups = np.asarray(list(groups), dtype=object)
        for g in set(groups):
            if g not in self.models_:
                raise CorpusError(f"no model for group {g!r}; trained groups are {sorted(self.models_)}")
            idx = np.flatnonzero(groups == g)
            out[idx] = self.models_[g].predict([recs[i] for i in idx])
        return out
