"""Training and evaluation on labelled corpora: the functions behind ``stancekit train`` and ``evaluate``."""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterator, Sequence

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, make_scorer, precision_recall_fscore_support
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from .classifiers import StanceClassifier
from .exceptions import CorpusError
from .features import StatementFeatures
from .io import read_records

__all__ = ["iter_labelled", "load_labelled", "metrics", "cross_validate", "fit_model", "MIN_PER_CLASS"]

#: Fewest examples per class for stratified cross-validation to be meaningful.
MIN_PER_CLASS = 3


def iter_labelled(paths: Sequence[str], text_col: str = "text", label_col: str = "label", *,
                  sentence_col: str | None = None, lang_col: str | None = None, cue_col: str | None = None,
                  group_col: str | None = None, encoding: str | None = None) -> Iterator[tuple[dict, str, Any]]:
    r"""Yield ``(record, label, group)`` from labelled corpus files, one row at a time (memory stays flat).

    A missing column raises :class:`CorpusError` listing the available ones;
    an empty label raises it with the row number.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = p.write_text("quote,stance\nWe will respond,threatening\n")
    >>> next(iter_labelled([p], "quote", "stance"))
    ({'text': 'We will respond'}, 'threatening', None)
    """
    for path in paths:
        for i, row in enumerate(read_records(path, encoding)):
            for col in (text_col, label_col, sentence_col, lang_col, group_col, cue_col):
                if col and col not in row:
                    raise CorpusError(
                        f"{path}: no column {col!r}; available columns: {sorted(row)}. "
                        "Name the right ones with --text-col / --label-col / --sentence-col / --lang-col / --group-col"
                    )
            label = row[label_col]
            if label is None or str(label).strip() == "":
                raise CorpusError(f"{path}: row {i + 1} has an empty label in column {label_col!r}")
            rec = {"text": str(row[text_col])}
            if sentence_col:
                rec["sentence"] = row[sentence_col]
            if lang_col:
                rec["lang"] = row[lang_col]
            if cue_col:
                rec["cue"] = row[cue_col]
            yield rec, str(label).strip(), row[group_col] if group_col else None


def load_labelled(paths: Sequence[str], text_col: str = "text", label_col: str = "label", *,
                  sentence_col: str | None = None, lang_col: str | None = None, cue_col: str | None = None,
                  group_col: str | None = None, encoding: str | None = None) -> tuple[list[dict], list[str], list]:
    r"""Read and validate labelled corpus files (concatenated) into memory.

    Returns
    -------
    records, labels, groups

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
    >>> _ = p.write_text('{"text": "Wir sind bereit", "y": "cooperative"}\n')
    >>> load_labelled([p], label_col="y")
    ([{'text': 'Wir sind bereit'}], ['cooperative'], [None])
    """
    rows = list(iter_labelled(paths, text_col, label_col, sentence_col=sentence_col, lang_col=lang_col,
                              cue_col=cue_col, group_col=group_col, encoding=encoding))
    if not rows:
        raise CorpusError(f"the corpus {', '.join(map(str, paths))} has no rows")
    records, labels, groups = (list(x) for x in zip(*rows))
    return records, labels, groups


def check_labels(labels: Sequence[str], n_splits: int) -> None:
    """Raise a clear error for a single class or too few examples of a class."""
    counts = Counter(str(v) for v in labels)
    if len(counts) < 2:
        raise CorpusError(f"the corpus has one label only ({next(iter(counts))!r}); a classifier needs two or more")
    few = {k: v for k, v in counts.items() if v < max(MIN_PER_CLASS, n_splits)}
    if few:
        raise CorpusError(
            f"too few examples of {few} for {n_splits}-fold cross-validation; label at least "
            f"{max(MIN_PER_CLASS, n_splits)} per class, or merge or drop the rare labels"
        )


def metrics(y_true, y_pred, labels=None, average_labels=None) -> dict:
    """Macro-F1, per-class P/R/F1, confusion matrix and optionally F_avg over chosen labels.

    Examples
    --------
    >>> m = metrics(["FAVOR", "AGAINST", "NONE", "AGAINST"], ["FAVOR", "NONE", "NONE", "AGAINST"],
    ...             average_labels=["FAVOR", "AGAINST"])
    >>> m["accuracy"], m["labels"], m["confusion_matrix"], m["f_avg"]
    (0.75, ['AGAINST', 'FAVOR', 'NONE'], [[1, 0, 1], [0, 1, 0], [0, 0, 1]], 0.8333)
    """
    y_true, y_pred = [str(v) for v in y_true], [str(v) for v in y_pred]  # plain strings in the JSON output
    labels = [str(v) for v in labels] if labels is not None else sorted(set(y_true) | set(y_pred))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    out = {
        "n": int(len(y_true)),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)), 4),
        "accuracy": round(float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), 4),
        "per_class": {lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                            "f1": round(float(f[i]), 4), "support": int(s[i])} for i, lab in enumerate(labels)},
        "labels": labels,
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }
    if average_labels:
        out["f_avg"] = round(float(np.mean([f[labels.index(lab)] if lab in labels else 0.0 for lab in average_labels])), 4)
        out["f_avg_labels"] = list(average_labels)
    return out


#: Word n-grams up to trigrams: on SemEval-2016 6A (per-target models) F_avg 68.65 -> 69.17.
PARAM_GRID = {"C": [1.0, 4.0, 16.0], "features__word_ngram_range": [(1, 1), (1, 3)]}
FAST_GRID = {"C": [4.0]}


def fit_model(records, labels, *, estimator=None, fast: bool = False, n_splits: int = 5, random_state: int = 0,
              scoring: str = "f1_macro", n_jobs: int = 1, average_labels=None, param_grid: dict | None = None):
    """Choose hyper-parameters by stratified k-fold CV and refit on everything.

    Parameters
    ----------
    average_labels : list of str, optional
        Choose by F_avg, the mean F1 over these labels (e.g. ``["FAVOR",
        "AGAINST"]``, SemEval-2016's measure), instead of ``scoring``.
    param_grid : dict, optional
        The grid to search, in :class:`~sklearn.model_selection.GridSearchCV`'s
        form (``{"C": [1.0, 4.0], "features__lexicon": [False, True]}``);
        default ``PARAM_GRID``, or ``FAST_GRID`` with ``fast=True``.

    Returns
    -------
    model, info : fitted estimator and a dict with the chosen parameters and CV score
        (``cv_f1_macro``, or ``cv_f_avg`` with ``average_labels``).

    Examples
    --------
    >>> from stancekit.datasets import load_corpus
    >>> corpus = load_corpus("en")[:240]
    >>> model, info = fit_model(corpus, [r["sentiment"] for r in corpus], fast=True, n_splits=3)
    >>> sorted(info), model.classes_.tolist()
    (['best_params', 'cv_f1_macro', 'n_splits'], ['negative', 'neutral', 'positive'])
    """
    check_labels(labels, n_splits)
    base = estimator if estimator is not None else StanceClassifier(features=StatementFeatures())
    grid = param_grid if param_grid is not None else FAST_GRID if fast else PARAM_GRID
    if average_labels:
        # the mean F1 over the chosen labels, as metrics(..., average_labels=...) reports it
        scoring, scorer = "f_avg", make_scorer(f1_score, labels=[str(v) for v in average_labels], average="macro",
                                                zero_division=0)
    else:
        scorer = scoring
    cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    search = GridSearchCV(base, grid, scoring=scorer, cv=cv, n_jobs=n_jobs, refit=True, error_score="raise")
    search.fit(records, np.asarray(labels))
    return search.best_estimator_, {"best_params": {k: (list(v) if isinstance(v, tuple) else v)
                                                    for k, v in search.best_params_.items()},
                                    "cv_" + scoring: round(float(search.best_score_), 4), "n_splits": n_splits}


def cross_validate(records, labels, *, estimator=None, n_splits: int = 5, random_state: int = 0, groups=None,
                   average_labels=None) -> dict:
    """Out-of-fold predictions and their metrics (stratified, or grouped when ``groups`` given).

    Examples
    --------
    >>> from stancekit.datasets import load_corpus
    >>> corpus = load_corpus("de")[:240]
    >>> cv = cross_validate(corpus, [r["stance"] for r in corpus], n_splits=3,
    ...                     groups=[r["cluster"] for r in corpus])  # no story in two folds
    >>> cv["n"], sorted(cv["per_class"]), 0 < cv["macro_f1"] <= 1
    (240, ['cooperative', 'neutral', 'threatening'], True)
    """
    from sklearn.base import clone
    from sklearn.model_selection import GroupKFold

    check_labels(labels, n_splits)
    y = np.asarray(labels)
    est = estimator if estimator is not None else StanceClassifier()
    if groups is not None and any(g is not None for g in groups):
        splitter = GroupKFold(n_splits=n_splits).split(records, y, groups)
    else:
        splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state).split(records, y)
    pred = np.empty(len(y), dtype=object)
    recs = list(records)
    for tr, te in splitter:
        m = clone(est).fit([recs[i] for i in tr], y[tr])
        pred[te] = m.predict([recs[i] for i in te])
    return metrics(y, pred, average_labels=average_labels)
