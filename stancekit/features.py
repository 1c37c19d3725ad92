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

import array
import functools
import math
import re

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l1, inplace_csr_row_normalize_l2
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
_PHRASE_CATEGORIES = ("consequence", "negated_threat", "hedge", "conditional_phrases")


@functools.lru_cache(maxsize=None)
def _lexicon(lang: str) -> dict:
    raw = load_json("lexicons", f"stance_{lang}.json")
    lex = {}
    for cat in _CATEGORIES + ("negated_threat", "conditional_phrases"):
        if cat in _PHRASE_CATEGORIES:
            lex[cat] = tuple(p.strip() for p in raw.get(cat, "").split(";") if p.strip())
        else:
            lex[cat] = tuple(sorted(set(raw[cat].split())))
    return lex


def lexicon_feature_names() -> list[str]:
    """Names of the columns :class:`LexiconFeatures` produces.

    Examples
    --------
    >>> names = lexicon_feature_names()
    >>> "lex:negated_threat" in names, names[-2:]
    (True, ['lang:de', 'lang:en'])
    """
    names = [f"lex:{c}" for c in _CATEGORIES]
    names += ["lex:negated_threat", "lex:negated_cooperation", "lex:conditional_threat", "lex:question",
              "lex:first_person", "lex:exclamation", "lex:polarity"]
    names += list(_EXTRA_NAMES)
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
        return self._transform_records(as_records(X))

    def _transform_records(self, recs):
        index = {name: i for i, name in enumerate(self.feature_names_)}
        lex_cols = np.array([index[n] for n in _NAMES])
        rows = np.zeros((len(recs), self.n_features_out_), dtype=np.float64)
        lex_rows = np.empty((len(recs), len(_NAMES)), dtype=np.float64)
        extra_r, extra_c = [], []
        for r, rec in enumerate(recs):
            lang = rec["lang"] if rec["lang"] in LANGUAGES else _safe_lang(rec["text"] + " " + rec["sentence"])
            m = _matcher(lang)
            sentence = rec["sentence"]
            lex_rows[r] = m.row(rec["text"]) + (m.context_row(sentence) if sentence and sentence != rec["text"]
                                                  else _NO_CONTEXT)
            cols = [index["cue:" + _cue_signal(rec["cue"], rec["sentence"], lang)], index["lang:" + lang]]
            if rec["kind"] in ("direct", "partial", "indirect"):
                cols.append(index["kind:" + rec["kind"]])
            extra_r.extend([r] * len(cols))
            extra_c.extend(cols)
        rows[:, lex_cols] = lex_rows
        rows[extra_r, extra_c] = 1.0
        if self.scale != 1.0:
            rows *= self.scale
        return sp.csr_matrix(rows)


_NO_CONTEXT = [0.0, 0.0, 0.0]


def _safe_lang(text: str) -> str:
    try:
        return detect_language(text)
    except ValueError:
        return "en"


#: Categories matched as token prefixes (stems); "conditional" (index 4) is matched as whole tokens.
_WORD_CATS = ("cooperation", "threat", "positive", "negative", "conditional")
_NAMES = tuple(f"lex:{c}" for c in _CATEGORIES) + (
    "lex:negated_threat", "lex:negated_cooperation", "lex:conditional_threat", "lex:question",
    "lex:first_person", "lex:exclamation", "lex:polarity") + (
    "lex:punitive", "lex:sent_positive", "lex:sent_negative", "lex:sent_polarity",
    "lex:ctx_punitive", "lex:ctx_threat", "lex:ctx_cooperation")
#: Columns added after the original 15 (punitive measures, the sentiment lexicon, cues in the sentence around).
_EXTRA_NAMES = _NAMES[15:]
_FIRST_PERSON = {"de": frozenset(("wir", "ich", "uns", "unser")), "en": frozenset(("we", "i", "us", "our"))}
#: Bound on the per-language token -> categories caches.
_CACHE_MAX = 200_000


def _star_lexicon(entries: str) -> tuple[frozenset, tuple]:
    """Whole words and prefixes (entries ending in '*') of a space-separated lexicon entry list."""
    items = entries.split()
    return (frozenset(w for w in items if not w.endswith("*")),
            tuple(sorted({w[:-1] for w in items if w.endswith("*")})))


@functools.lru_cache(maxsize=None)
def _sentiment_lexicon(lang: str) -> dict:
    raw = load_json("lexicons", f"sentiment_{lang}.json")
    return {"positive": _star_lexicon(raw["positive"]), "negative": _star_lexicon(raw["negative"])}


class _LexiconMatcher:
    """One language's lexicon, with a token -> categories cache (prefix matching done once per token)."""

    def __init__(self, lang: str):
        lex = _lexicon(lang)
        self.prefixes = [(k, lex[c]) for k, c in enumerate(_WORD_CATS[:4])]
        self.conditional = frozenset(lex["conditional"])
        self.negation = frozenset(w for w in lex["negation"] if not w.startswith("n'"))
        # "n't" matches as a suffix: don't, won't, isn't
        self.negation_suffixes = tuple(w for w in lex["negation"] if w.startswith("n'"))
        self.conditional_phrases = lex["conditional_phrases"]
        self.consequence = lex["consequence"]
        self.hedge = lex["hedge"]
        self.negated_threat = lex["negated_threat"]
        self.first_person = _FIRST_PERSON.get(lang, _FIRST_PERSON["en"])
        phrases = self.consequence + self.hedge + self.negated_threat + self.conditional_phrases
        # one pass finds whether any phrase occurs; counting runs only then
        self.any_phrase = re.compile("|".join(map(re.escape, phrases))) if phrases else None
        raw = load_json("lexicons", f"stance_{lang}.json")
        sent = _sentiment_lexicon(lang)
        # categories 5.. : punitive measures, sentiment positive, sentiment negative
        self.star = [(5, _star_lexicon(raw.get("punitive", ""))), (6, sent["positive"]), (7, sent["negative"])]
        self.cache: dict[str, tuple] = {}

    def cats(self, tok: str) -> tuple:
        hit = self.cache.get(tok)
        if hit is None:
            if tok in self.negation or (self.negation_suffixes and tok.endswith(self.negation_suffixes)):
                hit = (-1,)
            else:
                hit = tuple(k for k, pre in self.prefixes if tok.startswith(pre))
                if tok in self.conditional:
                    hit += (4,)
                for k, (exact, pre) in self.star:
                    if tok in exact or (pre and tok.startswith(pre)):
                        hit += (k,)
            if len(self.cache) > _CACHE_MAX:
                self.cache.clear()
            self.cache[tok] = hit
        return hit

    def row(self, text: str) -> list[float]:
        """The ``lex:`` values of :data:`_NAMES` computed on the statement itself, in order."""
        low = text.lower()
        toks = _TOKEN.findall(low)
        wc = [0.0] * 8  # counts of _WORD_CATS, punitive, sentiment positive / negative
        negation = negated_coop = 0.0
        neg_until = -1
        first_person = 0.0
        fp = self.first_person
        cats = self.cats
        for i, tok in enumerate(toks):
            c = cats(tok)
            if not c:
                if not first_person and tok in fp:
                    first_person = 1.0
                continue
            if c[0] == -1:
                negation += 1
                neg_until = i + NEGATION_SCOPE
                continue
            negated = i <= neg_until
            for k in c:
                if k == 0 and negated:
                    negated_coop += 1
                elif k >= 6 and negated:
                    wc[13 - k] += 1  # "not good" counts as negative, "not bad" as positive
                else:
                    wc[k] += 1
            if not first_person and tok in fp:
                first_person = 1.0
        if self.any_phrase is not None and self.any_phrase.search(low):
            consequence = float(sum(low.count(p) for p in self.consequence))
            hedge = float(sum(low.count(p) for p in self.hedge))
            negated_threat = float(sum(low.count(p) for p in self.negated_threat))
            wc[4] += sum(low.count(p) for p in self.conditional_phrases)
        else:
            consequence = hedge = negated_threat = 0.0
        coop, threat, pos, neg, cond, punitive, spos, sneg = wc
        log1p = math.log1p
        norm = math.sqrt(max(len(toks), 1))
        return [log1p(coop), log1p(threat), log1p(consequence), log1p(cond), log1p(negation), log1p(hedge),
                log1p(pos), log1p(neg), log1p(negated_threat), log1p(negated_coop),
                float(cond > 0 and (threat + consequence) > 0), float(text.rstrip().endswith("?")),
                first_person, float("!" in text), (pos - neg) / norm,
                log1p(punitive), log1p(spos), log1p(sneg), (spos - sneg) / norm]

    def context_row(self, sentence: str) -> list[float]:
        """Punitive, threat and cooperation cues in the sentence around the statement (3 values)."""
        counts = [0, 0, 0]
        cats = self.cats
        for tok in _TOKEN.findall(sentence.lower()):
            for k in cats(tok):
                if k == 5:
                    counts[0] += 1
                elif k == 1:
                    counts[1] += 1
                elif k == 0:
                    counts[2] += 1
        return [math.log1p(c) for c in counts]


@functools.lru_cache(maxsize=None)
def _matcher(lang: str) -> _LexiconMatcher:
    return _LexiconMatcher(lang)


def _lexicon_counts(text: str, lang: str) -> dict[str, float]:
    """The ``lex:`` features of one text, by name."""
    return dict(zip(_NAMES, _matcher(lang).row(text) + _NO_CONTEXT))


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
    char_analyzer : {'char_wb', 'char'}, default='char_wb'
        'char_wb' keeps character n-grams within words (fast path); 'char'
        lets them run across word boundaries and punctuation (hashtags,
        mentions and emoticons in tweets).

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
                 lexicon_scale=1.0, min_df=2, max_features=50000, sublinear_tf=True, char_analyzer="char_wb"):
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.context = context
        self.lexicon = lexicon
        self.lexicon_scale = lexicon_scale
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.char_analyzer = char_analyzer

    def _make_blocks(self, n_docs: int):
        min_df = self.min_df if n_docs >= 10 * self.min_df else 1
        blocks = [
            ("word", _text_field, TfidfVectorizer(ngram_range=self.word_ngram_range, min_df=min_df,
                                                  max_features=self.max_features, sublinear_tf=self.sublinear_tf,
                                                  lowercase=True, token_pattern=r"(?u)\b\w[\w'-]*\b")),
            ("char", _text_field, TfidfVectorizer(analyzer=self.char_analyzer, ngram_range=self.char_ngram_range, min_df=min_df,
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
        self.__dict__.pop("_caches", None)
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
        mats = []
        for name, f, t in self.blocks_:
            if f is None:
                mats.append(t._transform_records(recs) if isinstance(t, LexiconFeatures) else t.transform(recs))
            elif isinstance(t, TfidfVectorizer):
                mats.append(_fast_tfidf(t, f(recs), self._block_cache(name, t)))
            else:
                mats.append(t.transform(f(recs)))
        return sp.hstack(mats, format="csr")

    def _block_cache(self, name: str, vec) -> dict:
        # word -> column indices of its character n-grams; derived from the fitted
        # vectorizer, so it is tied to that object (a refit starts afresh), is not
        # pickled (see __getstate__) and is rebuilt lazily.
        caches = self.__dict__.setdefault("_caches", {})
        owner, cache = caches.get(name, (None, None))
        if owner is not vec or len(cache) > _CACHE_MAX:
            cache = {}
            caches[name] = (vec, cache)
        return cache

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_caches", None)
        return state

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


def _fast_tfidf(vec: TfidfVectorizer, docs: list[str], cache: dict):
    """``vec.transform(docs)``, equal in output, without scikit-learn's per-n-gram Python counting.

    Character n-grams within word boundaries are looked up once per distinct
    word (cached); word n-grams come from the vectorizer's own analyzer. The
    count matrix is built in one go and weighted by the fitted TF-IDF transformer.
    """
    vocab = vec.vocabulary_
    get = vocab.get
    idx = array.array("i")
    indptr = array.array("i", [0])
    simple = (vec.analyzer == "char_wb" and vec.preprocessor is None and vec.strip_accents is None
              and vec.tokenizer is None and vec.input == "content")
    if simple:
        lower = vec.lowercase
        char_ngrams = vec._char_wb_ngrams
        extend = idx.extend
        for doc in docs:
            for w in (doc.lower() if lower else doc).split():
                cols = cache.get(w)
                if cols is None:
                    cols = cache[w] = [c for c in map(get, char_ngrams(w)) if c is not None]
                extend(cols)
            indptr.append(len(idx))
    else:
        analyze = vec.build_analyzer()
        for doc in docs:
            idx.extend([c for c in map(get, analyze(doc)) if c is not None])
            indptr.append(len(idx))
    X = sp.csr_matrix((np.ones(len(idx), dtype=vec.dtype), np.frombuffer(idx, dtype=np.int32),
                       np.frombuffer(indptr, dtype=np.int32)), shape=(len(docs), len(vocab)))
    X.sum_duplicates()
    if vec.binary:
        X.data.fill(1)
    return _apply_tfidf(vec._tfidf, X)


def _apply_tfidf(tfidf, X: sp.csr_matrix) -> sp.csr_matrix:
    """The fitted ``TfidfTransformer``'s weighting of a count matrix, in place, the same arithmetic.

    Called per statement batch, where scikit-learn's input validation costs more than the
    weighting itself.
    """
    if tfidf.sublinear_tf:
        np.log(X.data, X.data)
        X.data += 1.0
    if hasattr(tfidf, "idf_"):
        X.data *= tfidf.idf_[X.indices]
    if tfidf.norm == "l2":
        inplace_csr_row_normalize_l2(X)
    elif tfidf.norm == "l1":
        inplace_csr_row_normalize_l1(X)
    return X


def _fill_lang(recs: list[dict]) -> list[dict]:
    for r in recs:
        if r["lang"] not in LANGUAGES:
            r["lang"] = _safe_lang(r["text"] + " " + r["sentence"])
    return recs
