"""Run stancekit over a Dask bag or dataframe, partition by partition (optional extra ``stancekit[dask]``).

Each worker builds the analyzer once: models given by path or the bundled
defaults travel as a tiny spec and are loaded on first use per worker process
(:func:`stancekit.batch.worker_analyzer`); models passed as objects travel
once per worker as one shared task of the graph. The rows are those of
:func:`stancekit.batch.analyze_documents`: statements, or one error row per
document that failed, so nothing is dropped silently.

Cluster recipe (``pip install 'stancekit[dask]'`` on every machine)::

    # on the scheduler host:  dask scheduler
    # on each worker host:    dask worker tcp://SCHEDULER:8786 --nworkers 4 --nthreads 1
    from dask.distributed import Client
    import dask.bag as db
    from stancekit.dask import analyze_bag

    client = Client("tcp://SCHEDULER:8786")
    docs = db.read_text("s3://archive/2024/*.jsonl").map(json.loads)  # dicts with text, id, date
    rows = analyze_bag(docs)                      # lazy; models load once per worker
    rows.map(json.dumps).to_textfiles("out/part-*.jsonl")

One thread per worker process is the right setting: the work is pure Python
and holds the GIL.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .batch import FLAT_FIELDS, analyze_documents, flat_row, worker_analyzer

__all__ = ["analyze_bag", "analyze_dataframe"]


def _shipping(analyzer):
    """What travels to the workers: a spec (rebuilt there) or the analyzer as one shared graph task."""
    from .analyzer import Analyzer

    analyzer = analyzer if analyzer is not None else Analyzer(classify=True)
    if type(analyzer) is Analyzer and analyzer.spec:
        return analyzer.spec
    import dask

    return dask.delayed(analyzer, pure=True, traverse=False)


def _as_doc(item: Any, text_key: str, id_key: str, n: int) -> tuple:
    if isinstance(item, str):  # a bare text is named by its content, the same on every run and partition
        return item, {"id": hashlib.sha1(item.encode("utf-8", "surrogatepass")).hexdigest()[:16]}, None
    if isinstance(item, dict):
        meta = {k: v for k, v in item.items() if k != text_key}
        meta.setdefault("id", item.get(id_key, n))
        text = item.get(text_key)
        if isinstance(text, str):
            return text, meta, None
        return None, meta, TypeError(f"document has no text in {text_key!r} (keys: {sorted(item)})")
    return None, {"id": n}, TypeError(f"expected a str or a dict, got {type(item).__name__}")


def _bag_partition(items, shipped, lang, text_key, id_key, explain):
    docs = [_as_doc(x, text_key, id_key, i) for i, x in enumerate(items)]
    return analyze_documents(worker_analyzer(shipped), docs, lang, explain)


def analyze_bag(bag, *, analyzer=None, lang: str | None = None, text_key: str = "text", id_key: str = "id",
                explain: bool = False):
    """Analyse a ``dask.bag`` of texts or dicts; return a bag of statement rows (dicts).

    Parameters
    ----------
    bag : dask.bag.Bag
        Items are article texts, or dicts with ``text_key`` and metadata
        (``id``, ``date``, ``outlet``...) that is carried into every row.
    analyzer : Analyzer, optional
        Default: the bundled models.

    Returns
    -------
    dask.bag.Bag
        One dict per statement (``Statement.to_dict()`` plus ``doc``), or one
        error row per document that could not be analysed.

    Examples
    --------
    >>> import dask, dask.bag as db
    >>> docs = db.from_sequence([{"id": "a", "text": "»Wir sind bereit«, sagte Scholz."}], npartitions=1)
    >>> with dask.config.set(scheduler="sync"):
    ...     rows = analyze_bag(docs).compute()
    >>> rows[0]["doc"], rows[0]["speaker"]
    ('a', 'Scholz')
    """
    return bag.map_partitions(_bag_partition, _shipping(analyzer), lang, text_key, id_key, explain)


def _frame_partition(df, shipped, lang, text_col, id_col, date_col):
    import pandas as pd

    from .io import record_document

    docs = []
    for label, rec in zip(df.index, df.to_dict("records")):
        if date_col:  # pandas gives NaN / Timestamp: keep a plain string or None
            rec[date_col] = None if pd.isna(rec[date_col]) else str(rec[date_col])
        docs.append(record_document(rec, label, text_col=text_col, id_col=id_col, date_col=date_col))
    rows = [flat_row(r) for r in analyze_documents(worker_analyzer(shipped), docs, lang)]
    return _typed(pd.DataFrame(rows, columns=list(FLAT_FIELDS)))


def _typed(frame):
    import pandas as pd

    for c in ("start", "end"):
        frame[c] = pd.array(frame[c], dtype="Int64")
    for c in ("stance_p", "sentiment_p", "confidence"):
        frame[c] = frame[c].astype("float64")
    frame["is_question"] = frame["is_question"].astype("boolean")
    for c in FLAT_FIELDS:
        if c not in ("start", "end", "stance_p", "sentiment_p", "confidence", "is_question"):
            frame[c] = frame[c].astype("object")
    return frame


def analyze_dataframe(ddf, *, text_col: str = "text", id_col: str | None = None, date_col: str | None = None,
                      analyzer=None, lang: str | None = None):
    """Analyse a ``dask.dataframe`` with one article per row; return a dataframe of flat statement rows.

    The columns are :data:`stancekit.batch.FLAT_FIELDS` (those of the CSV and
    Parquet outputs); ``meta`` holds the row's other columns as JSON.

    Examples
    --------
    >>> import dask, pandas as pd, dask.dataframe as dd
    >>> ddf = dd.from_pandas(pd.DataFrame({"url": ["u1"], "body": ["»Wir sind bereit«, sagte Scholz."]}),
    ...                      npartitions=1)
    >>> with dask.config.set(scheduler="sync"):
    ...     out = analyze_dataframe(ddf, text_col="body", id_col="url").compute()
    >>> out[["doc", "speaker"]].values.tolist()
    [['u1', 'Scholz']]
    """
    import pandas as pd

    missing = [c for c in (text_col, id_col, date_col) if c and c not in ddf.columns]
    if missing:
        from .exceptions import CorpusError

        raise CorpusError(f"no column {missing[0]!r}; available columns: {sorted(map(str, ddf.columns))}")
    meta = _typed(pd.DataFrame({c: [] for c in FLAT_FIELDS}))
    return ddf.map_partitions(_frame_partition, _shipping(analyzer), lang, text_col, id_col, date_col, meta=meta)
