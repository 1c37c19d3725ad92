"""The whole path: text -> statements -> stance and sentiment."""

from __future__ import annotations

import html
import os
import re
from typing import Any, Iterable, Iterator

import numpy as np

from .exceptions import EmptyInputError, InputTooLargeError, InputTypeError
from .extract.statements import extract_statements
from .persistence import load_default, load_model
from .statement import Statement

__all__ = ["Analyzer", "analyze", "clean_text", "DEFAULT_MAX_CHARS"]

#: Largest text analysed in one piece (characters): a 50 MB article file fits.
DEFAULT_MAX_CHARS = 60_000_000
_TAG = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]{0,2000}>", re.S | re.I)
_HTML_HINT = re.compile(r"<(?:p|div|br|span|html|body|a|h[1-6]|script|style)\b", re.I)


def clean_text(text: Any, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Validate input text and strip HTML if it looks like HTML.

    Offsets of the statements refer to the cleaned text; block tags become
    blank lines so paragraphs survive.

    Raises
    ------
    InputTypeError
        ``None``, bytes or another non-string.
    EmptyInputError
        Empty or whitespace-only text.
    InputTooLargeError
        Longer than ``max_chars``.

    Examples
    --------
    >>> clean_text("<p>»Wir sind bereit«, sagte sie.</p><p>Mehr folgt.</p>").split()
    ['»Wir', 'sind', 'bereit«,', 'sagte', 'sie.', 'Mehr', 'folgt.']
    >>> clean_text(b"bytes")
    Traceback (most recent call last):
    ...
    stancekit.exceptions.InputTypeError: text is bytes; decode it first, e.g. data.decode('utf-8'), or pass a str
    """
    if text is None:
        raise InputTypeError("text is None; pass a str with the article's text")
    if isinstance(text, (bytes, bytearray)):
        raise InputTypeError("text is bytes; decode it first, e.g. data.decode('utf-8'), or pass a str")
    if not isinstance(text, str):
        raise InputTypeError(f"text must be a str, got {type(text).__name__}")
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"text has {len(text):,} characters, over the limit of {max_chars:,}; split it into articles, "
            "or raise the limit with --max-chars (Python: Analyzer(max_chars=...))"
        )
    if _HTML_HINT.search(text[:100_000]):
        text = re.sub(r"</?(?:p|div|br|h[1-6]|li|tr|blockquote)\b[^>]{0,2000}>", "\n\n", text, flags=re.I)
        text = html.unescape(_TAG.sub(" ", text))
    if not text.strip():
        raise EmptyInputError("text is empty or only whitespace; nothing to analyse")
    return text


class Analyzer:
    """Load models once, analyse many texts.

    Parameters
    ----------
    stance_model, sentiment_model : estimator, str or None
        Fitted classifiers, paths to saved models, or None for the bundled
        defaults. Paths other than the bundled ones need ``trust_models=True``.
    trust_models : bool, default=False
        Allow unpickling model files that are not shipped with stancekit.
    actors : str, optional
        Extra gazetteer file (JSON) for actor resolution.
    max_chars : int
        Largest text accepted.
    classify : bool, default=True
        Set False to only extract statements.

    Examples
    --------
    >>> an = Analyzer()
    >>> st = an.analyze("»Wir werden jeden Angriff hart vergelten«, drohte der russische Verteidigungsminister.")[0]
    >>> st.actor, st.stance
    ('Russia', 'threatening')
    """

    def __init__(self, stance_model=None, sentiment_model=None, *, trust_models: bool = False,
                 actors: str | None = None, max_chars: int = DEFAULT_MAX_CHARS, classify: bool = True):
        self.classify = classify
        self.actors = actors
        self.max_chars = max_chars
        # How a worker process can rebuild this analyzer cheaply (models given by path or default);
        # None when models were passed as objects, which then travel by pickle.
        by_path = all(m is None or isinstance(m, (str, os.PathLike)) for m in (stance_model, sentiment_model))
        self.spec = (tuple(None if m is None else str(m) for m in (stance_model, sentiment_model))
                     + (trust_models, actors, max_chars, classify)) if by_path else None
        self.stance_model = _load(stance_model, "stance", trust_models) if classify else None
        self.sentiment_model = _load(sentiment_model, "sentiment", trust_models) if classify else None

    def extract(self, text: str, lang: str | None = None) -> list[Statement]:
        """Statements without labels (see :func:`stancekit.extract_statements`).

        Examples
        --------
        >>> [s.speaker for s in Analyzer(classify=False).extract("»Wir kommen«, sagte Scholz.")]
        ['Scholz']
        """
        text = clean_text(text, max_chars=self.max_chars)
        return list(extract_statements(text, lang, actors=self.actors))

    def label(self, statements: list[Statement]) -> list[Statement]:
        """Add stance and sentiment to extracted statements (one shared feature pass).

        Examples
        --------
        >>> an = Analyzer()
        >>> an.label(an.extract("»Wir werden jeden Angriff vergelten«, drohte der Minister."))[0].stance
        'threatening'
        """
        if not statements or not self.classify:
            return list(statements)
        out = {}
        shared = self.stance_model.features_ is self.sentiment_model.features_
        Xf = self.stance_model.features_.transform(statements) if shared else None
        for task, model in (("stance", self.stance_model), ("sentiment", self.sentiment_model)):
            if shared:
                proba = model.head_.predict_proba(Xf)
            else:
                proba = model.predict_proba(statements)
            out[task] = (model.classes_, proba)
        labelled = []
        for i, st in enumerate(statements):
            fields = {}
            for task, (classes, proba) in out.items():
                row = proba[i]
                fields[task] = str(classes[int(np.argmax(row))])
                fields[f"{task}_scores"] = {str(c): round(float(p), 4) for c, p in zip(classes, row)}
            labelled.append(st.replace(**fields))
        return labelled

    def analyze(self, text: str, lang: str | None = None, *, meta: dict | None = None) -> list[Statement]:
        """Extract and label the statements of one text.

        Parameters
        ----------
        text : str
        lang : {'de', 'en'}, optional
        meta : dict, optional
            Document metadata (id, date, outlet, URL) carried into every statement.

        Examples
        --------
        >>> an = Analyzer()
        >>> st = an.analyze("»Wir sind zu Gesprächen bereit«, sagte Bundeskanzler Olaf Scholz.", meta={"id": "a1"})[0]
        >>> st.speaker, st.role, st.actor, st.stance, st.meta
        ('Olaf Scholz', 'Bundeskanzler', 'Germany', 'cooperative', {'id': 'a1'})
        """
        return _with_meta(self.label(self.extract(text, lang)), meta)

    def analyze_each(self, texts: Iterable[str], lang: str | None = None,
                     metas: Iterable[dict | None] | None = None) -> list[list[Statement] | Exception]:
        """Analyse texts with one classification pass for all their statements; never raises for one text.

        Classifying the statements of many texts together is much faster than
        one call per text (the feature pass has a fixed cost per call). A text
        that cannot be analysed yields its exception in its place, so batch
        work can report it and go on.

        Examples
        --------
        >>> out = Analyzer(classify=False).analyze_each(["»Wir kommen«, sagte Scholz.", None])
        >>> [s.speaker for s in out[0]], type(out[1]).__name__
        (['Scholz'], 'InputTypeError')
        """
        texts = list(texts)
        metas = list(metas) if metas is not None else [None] * len(texts)
        found: list = []
        for text, meta in zip(texts, metas):
            try:
                found.append(_with_meta(self.extract(text, lang), meta))
            except Exception as exc:  # noqa: BLE001 - returned in place of the text's statements
                found.append(exc)
        flat = [s for f in found if not isinstance(f, Exception) for s in f]
        try:
            labelled = iter(self.label(flat))
        except Exception:  # noqa: BLE001 - isolate the text whose statements break labelling
            return [f if isinstance(f, Exception) else self._label_or_error(f) for f in found]
        return [f if isinstance(f, Exception) else [next(labelled) for _ in f] for f in found]

    def _label_or_error(self, statements: list[Statement]):
        try:
            return self.label(statements)
        except Exception as exc:  # noqa: BLE001
            return exc

    def analyze_many(self, texts: Iterable[str], lang: str | None = None, n_jobs: int = 1,
                     batch_size: int = 64) -> list[list[Statement]]:
        """Analyse many texts; with ``n_jobs > 1`` in parallel processes (joblib).

        Returns one list of statements per input text, in order. For corpora
        on disk, :func:`stancekit.run_batch` adds chunked, resumable output.

        Examples
        --------
        >>> texts = ["»Wir kommen«, sagte Scholz.", "Kein Zitat hier."]
        >>> [len(s) for s in Analyzer(classify=False).analyze_many(texts)]
        [1, 0]
        """
        texts = list(texts)
        if n_jobs == 1 or len(texts) < 2:
            return _raise_first(self.analyze_each(texts, lang))
        from joblib import Parallel, delayed

        # a plain Analyzer travels as its spec and is rebuilt once per worker process; others travel pickled
        shipped = self.spec if type(self) is Analyzer and self.spec else self
        chunks = [texts[i:i + batch_size] for i in range(0, len(texts), batch_size)]
        parts = Parallel(n_jobs=n_jobs)(delayed(_analyze_chunk)(shipped, c, lang) for c in chunks)
        return [r for part in parts for r in part]

    def explain(self, statements: list[Statement], k: int = 5) -> list[dict]:
        """Top features behind each statement's stance and sentiment.

        Returns one dict per statement: ``{"stance": [(feature, weight), ...],
        "sentiment": [...]}``, the ``k`` features that pushed each predicted
        label most.

        Examples
        --------
        >>> an = Analyzer()
        >>> ex = an.explain(an.analyze("»Wir werden jeden Angriff vergelten«, drohte der Minister."), k=2)[0]
        >>> sorted(ex), len(ex["stance"])
        (['sentiment', 'stance'], 2)
        """
        if not statements:
            return []
        st = self.stance_model.explain(statements, k)
        se = self.sentiment_model.explain(statements, k)
        return [{"stance": a, "sentiment": b} for a, b in zip(st, se)]


def _analyze_chunk(shipped, texts: list[str], lang) -> list[list[Statement]]:
    from .batch import worker_analyzer

    return _raise_first(worker_analyzer(shipped).analyze_each(texts, lang))


def _with_meta(statements: list[Statement], meta: dict | None) -> list[Statement]:
    return [s.replace(meta=dict(meta)) for s in statements] if meta else statements


def _raise_first(results: list) -> list[list[Statement]]:
    for r in results:
        if isinstance(r, Exception):
            raise r
    return results


def _load(model, task: str, trusted: bool):
    if model is None:
        return load_default(task)
    if isinstance(model, str) or hasattr(model, "__fspath__"):
        return load_model(model, trusted=trusted)
    return model


_DEFAULT_ANALYZER: list = []


def analyze(text: str, lang: str | None = None) -> list[Statement]:
    """Find every attributed statement in ``text`` and label its stance and sentiment.

    Parameters
    ----------
    text : str
        A news article in German or English (plain text or HTML).
    lang : {'de', 'en'}, optional
        Detected when not given.

    Returns
    -------
    list of Statement

    Examples
    --------
    >>> st = analyze('"We are ready to deepen our partnership," the Japanese foreign minister said.')[0]
    >>> st.speaker, st.actor, st.kind, st.stance
    ('the Japanese foreign minister', 'Japan', 'direct', 'cooperative')
    """
    if not _DEFAULT_ANALYZER:
        _DEFAULT_ANALYZER.append(Analyzer())
    return _DEFAULT_ANALYZER[0].analyze(text, lang)


def iter_analyze(analyzer: Analyzer, docs: Iterable[tuple[str, dict]], lang=None) -> Iterator[tuple[dict, Any]]:
    """Yield ``(meta, statements or exception)`` per document; never stops on a bad document."""
    for text, meta in docs:
        try:
            yield meta, analyzer.analyze(text, lang, meta=meta)
        except Exception as exc:  # noqa: BLE001 - batch work records every failure
            yield meta, exc
