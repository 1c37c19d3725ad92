"""Feature extraction for statements: n-grams, character n-grams and lexicon cues.

:class:`StatementFeatures` is a scikit-learn transformer over statement
records (see :func:`stancekit._inputs.as_records`). It joins

* word n-grams of the statement (TF-IDF),
* character n-grams within word boundaries (TF-IDF; they carry German
  compounds and inflection: ``Vergeltungsmaßnahmen`` shares ``vergelt``),
* word n-grams of the surrounding sentence, prefixed ``ctx:`` (what the
  reporter wrote around the quotation: "drohte", "warned"),
* :class:`LexiconFeatures`: counts of cue-lexicon categories with negation
  scope, the reporting verb's signal, quote kind and language.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from ._inputs import as_records, iter_texts
from ._resources import LANGUAGES, load_json, words
from .lang import detect_language

__all__ = ["StatementFeatures", "LexiconFeatures", "lexicon_feature_names"]

#: Tokens after a negation word that it still governs ("will not hesitate to").
NEGATION_SCOPE = 3
_TOKEN = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)
_CATEGORIES = ("cooperation", "threat", "consequence", "conditional", "negation", "hedge", "positive", "negative")


#: Categories whose entries are ';'-separated phrases rather than word stems.
_PHRASE_CATEGORIES = ("consequence", "negated_threat", "hedge")


@functools.lru_cache(maxsize=None)
def _lexicon(lang: str) -> dict:
    raw = load_json("lexicons", f"stance_{lang}.json")
    lex = {}
    for cat in _CATEGORIES + ("negated_threat",):
        if cat in _PHRASE_CATEGORIES:
            lex[cat] = tuple(p.strip() for p in raw[cat].split(";") if p.strip())
        else:
            lex[cat] = tuple(sorted(set(raw[cat].split())))
    return lex


def lexicon_feature_names() -> list[str]:
    """Names of the columns :class:`LexiconFeatures` produces."""
    names = [f"lex:{c}" for c in _CATEGORIES]
    names += ["lex:negated_threat", "lex:negated_cooperation", "lex:conditional_threat", "lex:question",
              "lex:first_person", "lex:exclamation", "lex:polarity"]
    names += ["cue:threat", "cue:coop", "cue:none", "cue:missing"]
    names += ["kind:direct", "kind:partial", "kind:indirect"]
    names += [f"lang:{lang}" for lang in LANGUAGES]
    return names


def _cue_signal(cue: str, sentence: str, lang: str) -> str:
    from .extract.lexicon import language_data

    data = language_data(lang)
    if cue:
        for form in (cue, cue.split()[0]):
            for c in data.cues_for(form):
                return c.signal
        for lemma, spec in load_json("lexicons", f"cues_{lang}.json")["verbs"].items():
            if lemma == cue:
                return spec["signal"]
        return "none"
    best = ""
    for tok in _TOKEN.findall(sentence):
        for c in data.cues_for(tok):
            if c.signal != "none":
                return c.signal
            best = "none"
    return best or "missing"


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Dense, named lexicon features for statement records.

    Parameters
    ----------
    scale : float, default=1.0
        Multiplier applied to every column, to weigh the block against the
        TF-IDF blocks in a :class:`~sklearn.pipeline.FeatureUnion`.

    Examples
    --------
    >>> lf = LexiconFeatures().fit([{"text": "Wir werden nicht zögern, Vergeltung zu üben", "lang": "de"}])
    >>> row = lf.transform([{"text": "Wir werden nicht zögern, Vergeltung zu üben", "lang": "de"}]).toarray()[0]
    >>> bool(dict(zip(lf.get_feature_names_out(), row))["lex:negated_threat"] > 0)
    True
    """

    def __init__(self, scale: float = 1.0):
        self.scale = scale

    def fit(self, X, y=None):
        """Record the feature names; nothing is learned."""
        as_records(X)
        self.feature_names_ = np.array(lexicon_feature_names(), dtype=object)
        self.n_features_out_ = len(self.feature_names_)
        return self

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "feature_names_")
        return self.feature_names_

    def transform(self, X):
        check_is_fitted(self, "feature_names_")
        recs = as_records(X)
        rows = np.zeros((len(recs), self.n_features_out_), dtype=np.float64)
        index = {name: i for i, name in enumerate(self.feature_names_)}
        for r, rec in enumerate(recs):
            lang = rec["lang"] if rec["lang"] in LANGUAGES else _safe_lang(rec["text"] + " " + rec["sentence"])
            for name, value in _lexicon_counts(rec["text"], lang).items():
                rows[r, index[name]] = value
            rows[r, index["cue:" + _cue_signal(rec["cue"], rec["sentence"], lang)]] = 1.0
            if rec["kind"] in ("direct", "partial", "indirect"):
                rows[r, index["kind:" + rec["kind"]]] = 1.0
            rows[r, index["lang:" + lang]] = 1.0
        return sp.csr_matrix(rows * self.scale)


def _safe_lang(text: str) -> str:
    try:
        return detect_language(text)
    except ValueError:
        return "en"


def _lexicon_counts(text: str, lang: str) -> dict[str, float]:
    lex = _lexicon(lang)
    low = text.lower()
    toks = _TOKEN.findall(low)
    counts = dict.fromkeys([f"lex:{c}" for c in _CATEGORIES], 0.0)
    negated_threat = negated_coop = 0.0
    neg_until = -1
    for i, tok in enumerate(toks):
        if tok in lex["negation"]:
            counts["lex:negation"] += 1
            neg_until = i + NEGATION_SCOPE
            continue
        for cat in ("cooperation", "threat", "positive", "negative", "conditional"):
            if tok.startswith(lex[cat]):
                if i <= neg_until and cat == "cooperation":
                    negated_coop += 1
                else:
                    counts[f"lex:{cat}"] += 1
    for cat in ("consequence", "hedge"):
        counts[f"lex:{cat}"] = float(sum(low.count(p) for p in lex[cat]))
    negated_threat = float(sum(low.count(p) for p in lex["negated_threat"]))
    n = max(len(toks), 1)
    out = {k: np.log1p(v) for k, v in counts.items()}
    out["lex:negated_threat"] = np.log1p(negated_threat)
    out["lex:negated_cooperation"] = np.log1p(negated_coop)
    out["lex:conditional_threat"] = float(counts["lex:conditional"] > 0 and (counts["lex:threat"] + counts["lex:consequence"]) > 0)
    out["lex:question"] = float(text.rstrip().endswith("?"))
    fp = ("wir", "ich", "uns", "unser") if lang == "de" else ("we", "i", "us", "our")
    out["lex:first_person"] = float(any(t in fp for t in toks))
    out["lex:exclamation"] = float("!" in text)
    out["lex:polarity"] = (counts["lex:positive"] - counts["lex:negative"]) / np.sqrt(n)
    return out


def _text_field(records):
    return iter_texts(records, "text")


def _sentence_field(records):
    return [r["sentence"] or r["text"] for r in records]


class StatementFeatures(TransformerMixin, BaseEstimator):
    """Word, character, context and lexicon features for statement records.

    Parameters
    ----------
    word_ngram_range : tuple, default=(1, 2)
    char_ngram_range : tuple, default=(2, 5)
    context : bool, default=True
        Add word n-grams of the surrounding sentence (prefixed ``ctx:``).
    lexicon : bool, default=True
        Add :class:`LexiconFeatures`.
    lexicon_scale : float, default=1.0
    min_df : int, default=2
    max_features : int or None, default=50000
        Per TF-IDF block; keeps saved models small while ``explain`` still
        names real words.
    sublinear_tf : bool, default=True

    Attributes
    ----------
    blocks_ : list of (name, transformer)
        The fitted blocks.
    n_features_out_ : int

    Examples
    --------
    >>> X = [{"text": "We will respond with force", "lang": "en"},
    ...      {"text": "We welcome the talks", "lang": "en"}]
    >>> f = StatementFeatures(min_df=1).fit(X)
    >>> f.transform(X).shape[0]
    2
    """

    def __init__(self, word_ngram_range=(1, 2), char_ngram_range=(2, 5), context=True, lexicon=True,
                 lexicon_scale=1.0, min_df=2, max_features=50000, sublinear_tf=True):
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.context = context
        self.lexicon = lexicon
        self.lexicon_scale = lexicon_scale
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf

    def _make_blocks(self, n_docs: int):
        min_df = self.min_df if n_docs >= 10 * self.min_df else 1
        blocks = [
            ("word", _text_field, TfidfVectorizer(ngram_range=self.word_ngram_range, min_df=min_df,
                                                  max_features=self.max_features, sublinear_tf=self.sublinear_tf,
                                                  lowercase=True, token_pattern=r"(?u)\b\w[\w'-]*\b")),
            ("char", _text_field, TfidfVectorizer(analyzer="char_wb", ngram_range=self.char_ngram_range, min_df=min_df,
                                                  max_features=self.max_features, sublinear_tf=self.sublinear_tf)),
        ]
        if self.context:
            blocks.append(("ctx", _sentence_field, TfidfVectorizer(ngram_range=(1, 2), min_df=min_df,
                                                                   max_features=self.max_features // 2 if self.max_features else None,
                                                                   sublinear_tf=self.sublinear_tf)))
        if self.lexicon:
            blocks.append(("lex", None, LexiconFeatures(scale=self.lexicon_scale)))
        return blocks

    def fit(self, X, y=None):
        """Learn the vocabularies of every block."""
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None):
        recs = _fill_lang(as_records(X))
        blocks = self._make_blocks(len(recs))
        mats = []
        for name, field, tr in blocks:
            data = recs if field is None else field(recs)
            try:
                mats.append(tr.fit_transform(data))
            except ValueError:
                # a tiny corpus may leave a block without vocabulary: keep it empty
                tr = _Empty().fit(data)
                mats.append(tr.transform(data))
            blocks = [(n, f, tr if n == name else t) for n, f, t in blocks]
        self.blocks_ = [(n, f, t) for n, f, t in blocks]
        self.n_features_out_ = sum(m.shape[1] for m in mats)
        return sp.hstack(mats, format="csr")

    def transform(self, X):
        check_is_fitted(self, "blocks_")
        recs = _fill_lang(as_records(X))
        mats = [t.transform(recs if f is None else f(recs)) for _, f, t in self.blocks_]
        return sp.hstack(mats, format="csr")

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "blocks_")
        names = []
        for name, _, t in self.blocks_:
            inner = t.get_feature_names_out()
            if name == "lex":
                names.extend(inner)
            else:
                names.extend(f"{name}:{w}" for w in inner)
        return np.asarray(names, dtype=object)


class _Empty(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        self.n_ = len(X)
        return self

    def transform(self, X):
        return sp.csr_matrix((len(X), 0))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([], dtype=object)


def _fill_lang(recs: list[dict]) -> list[dict]:
    for r in recs:
        if r["lang"] not in LANGUAGES:
            r["lang"] = _safe_lang(r["text"] + " " + r["sentence"])
    return recs
