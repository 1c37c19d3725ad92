"""Corpus-scale analysis: chunked, parallel, resumable, every document accounted for.

A run reads documents lazily (:func:`stancekit.io.iter_documents`), cuts them
into chunks of ``chunk_size`` documents in input order, analyses the chunks
(in worker processes with ``n_jobs > 1``) and writes each chunk's rows to
``part-NNNNNN.<fmt>`` in a parts directory. Each part is written to a
temporary file and renamed; then a small ``part-NNNNNN.done.json`` marker
records the chunk's document count and a fingerprint of its document ids.
A chunk counts as finished only when its marker exists, so a run killed at
any moment leaves no half-written part, and ``resume=True`` skips exactly
the finished chunks. Memory stays flat: only a few chunks are in flight.

Every input document yields statement rows or one error row (a document
that cannot be read, decoded or analysed, or whose worker process died),
and the :class:`BatchSummary` counts them all.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import os
import shutil
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ._version import __version__
from .exceptions import CorpusError, StancekitError

__all__ = ["BatchSummary", "run_batch", "read_results", "flat_row", "FLAT_FIELDS", "FORMATS",
           "analyze_documents"]

#: Output formats of a batch run and their file suffixes (parquet needs pyarrow).
FORMATS = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}
#: Columns of the flat (CSV / Parquet) output; score dicts and metadata are JSON strings.
FLAT_FIELDS = ("doc", "date", "speaker", "role", "actor", "actor_id", "actor_source", "target", "target_ids",
               "kind", "cue", "lang", "stance", "stance_p", "sentiment", "sentiment_p", "confidence",
               "is_question", "start", "end", "text", "sentence", "stance_scores", "sentiment_scores", "meta",
               "error")
_INT_FIELDS = ("start", "end")
_FLOAT_FIELDS = ("stance_p", "sentiment_p", "confidence")
_JSON_FIELDS = ("stance_scores", "sentiment_scores", "meta")
#: Chunks submitted ahead of the one being written, per worker: bounds memory.
_IN_FLIGHT_PER_JOB = 2
_DONE = ".done.json"
_RUN_FILE = "run.json"


@dataclass
class BatchSummary:
    """What a batch run did: every input document is counted once.

    Attributes
    ----------
    documents : int
        Input documents, including those of chunks finished by an earlier run.
    statements : int
        Statement rows written.
    errors : int
        Documents that yielded an error row instead of statements.
    resumed_documents : int
        Documents skipped because an earlier run had finished their chunk.
    chunks : int
        Chunks written (or found finished).
    seconds : float
        Wall time of this run.
    output : str
        Where the results are.

    Examples
    --------
    >>> BatchSummary(documents=3, statements=7, errors=1).line()
    'stancekit: 3 documents, 7 statements, 1 errors'
    """

    documents: int = 0
    statements: int = 0
    errors: int = 0
    resumed_documents: int = 0
    chunks: int = 0
    seconds: float = 0.0
    output: str = ""

    def line(self) -> str:
        """One summary line for logs and the CLI."""
        resumed = f" ({self.resumed_documents} from an earlier run)" if self.resumed_documents else ""
        timing = f" in {self.seconds:.{1 if self.seconds >= 10 else 2}f} s" if self.seconds else ""
        return (f"stancekit: {self.documents} documents{resumed}, {self.statements} statements, "
                f"{self.errors} errors{timing}")

    def to_dict(self) -> dict:
        return asdict(self)


# ----------------------------------------------------------------------------- rows


def _error_row(meta: dict, exc: BaseException | str) -> dict:
    message = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return {"doc": meta.get("id"), "meta": dict(meta), "error": message}


def analyze_documents(analyzer, docs: Iterable[tuple[str | None, dict, BaseException | None]],
                      lang: str | None = None, explain: bool = False) -> list[dict]:
    """Analyse ``(text, meta, error)`` documents into rows; never raises for one bad document.

    Each statement becomes ``Statement.to_dict()`` plus ``doc`` (the document
    id); a document that failed to read or to analyse becomes one row with
    ``error``.

    Examples
    --------
    >>> from stancekit import Analyzer
    >>> rows = analyze_documents(Analyzer(classify=False), [("»Wir sind bereit«, sagte Scholz.", {"id": "a"}, None),
    ...                                                    ("", {"id": "b"}, None)])
    >>> [(r["doc"], r.get("speaker"), "error" in r) for r in rows]
    [('a', 'Scholz', False), ('b', None, True)]
    """
    from .analyzer import Analyzer

    docs = list(docs)
    readable = [(text, meta) for text, meta, err in docs if err is None]
    if isinstance(analyzer, Analyzer) and type(analyzer).analyze is Analyzer.analyze:
        # one classification pass for the whole chunk (a subclass that overrides analyze() is called per text)
        results = iter(analyzer.analyze_each([t for t, _ in readable], lang, [m for _, m in readable]))
    else:
        results = iter([_analyze_one(analyzer, t, lang, m) for t, m in readable])
    rows: list[dict] = []
    for _, meta, err in docs:
        statements = next(results) if err is None else err
        explained = None
        if explain and statements and not isinstance(statements, Exception) and analyzer.classify:
            try:
                explained = analyzer.explain(statements, 4)
            except Exception as exc:  # noqa: BLE001 - a failing document becomes an error row
                statements = exc
        if isinstance(statements, Exception):
            rows.append(_error_row(meta, statements))
            continue
        for i, st in enumerate(statements):
            row = st.to_dict()
            row["doc"] = meta.get("id")
            if explained:
                row["explain"] = explained[i]
            rows.append(row)
    return rows


def _analyze_one(analyzer, text: str, lang, meta: dict):
    try:
        return analyzer.analyze(text, lang, meta=meta)
    except Exception as exc:  # noqa: BLE001 - a failing document becomes an error row
        return exc


def flat_row(row: dict) -> dict:
    """One output row as the flat columns of :data:`FLAT_FIELDS` (CSV, Parquet).

    Examples
    --------
    >>> r = flat_row({"doc": "a", "text": "Wir sind bereit", "stance": "cooperative",
    ...               "stance_scores": {"cooperative": 0.9, "neutral": 0.1}, "meta": {"date": "2025-03-01"}})
    >>> r["stance_p"], r["date"], r["meta"]
    (0.9, '2025-03-01', '{"date": "2025-03-01"}')
    """
    out: dict[str, Any] = {}
    meta = row.get("meta") or {}
    for name in FLAT_FIELDS:
        value = row.get(name)
        if name == "date":
            value = meta.get("date")
        elif name in ("stance_p", "sentiment_p"):
            scores = row.get(name[:-2] + "_scores") or {}
            value = scores.get(row.get(name[:-2])) if scores else None
        elif name in _JSON_FIELDS:
            value = json.dumps(value or {}, ensure_ascii=False, default=str)
        out[name] = None if value is None else value
    for name in ("doc", "date"):
        if out[name] is not None:
            out[name] = str(out[name])
    return out


def _unflatten(row: dict) -> dict:
    """Undo :func:`flat_row` for rows read back from CSV or Parquet (empty text stays ``''``)."""
    out = {}
    for k, v in row.items():
        empty = v is None or v == ""
        if k in _JSON_FIELDS:
            v = {} if empty else json.loads(v) if isinstance(v, str) else v
        elif k in _INT_FIELDS:
            v = None if empty else int(v)
        elif k in _FLOAT_FIELDS:
            v = None if empty else float(v)
        elif k == "is_question":
            v = None if empty else (v == "True") if isinstance(v, str) else bool(v)
        elif k in ("error", "date", "doc") and empty:
            continue  # absent, as in JSONL rows
        elif v is None:
            v = ""
        out[k] = v
    return out


# ----------------------------------------------------------------------------- writing


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise StancekitError(f"unknown output format {fmt!r}; choose one of {sorted(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise StancekitError("parquet output needs pyarrow: pip install 'stancekit[parquet]', "
                                 "or choose --format jsonl or csv") from None


def _encode(rows: list[dict], fmt: str) -> bytes:
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=FLAT_FIELDS, extrasaction="ignore")
        w.writeheader()
        w.writerows(flat_row(r) for r in rows)
        return buf.getvalue().encode("utf-8")
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {**{f: pa.string() for f in FLAT_FIELDS}, **{f: pa.int64() for f in _INT_FIELDS},
             **{f: pa.float64() for f in _FLOAT_FIELDS}, "is_question": pa.bool_()}
    schema = pa.schema([(f, types[f]) for f in FLAT_FIELDS])
    table = pa.Table.from_pylist([flat_row(r) for r in rows], schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never half-written.

    A failure (full disk, permissions) removes the temporary file and raises
    :class:`StancekitError` naming the file and the fix.
    """
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StancekitError(
            f"could not write {str(path)!r}: {exc.strerror or exc}; free disk space or fix permissions, then "
            "rerun with --resume (Python: resume=True): finished chunks are kept"
        ) from None


def _ids_fingerprint(docs: list) -> str:
    h = hashlib.sha1()
    for _, meta, _ in docs:
        h.update(repr(meta.get("id")).encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


class _Parts:
    """The parts directory of one run: chunk files, their markers, the run settings."""

    def __init__(self, directory: Path, fmt: str, chunk_size: int, resume: bool, source: str):
        self.dir, self.fmt = directory, fmt
        self.dir.mkdir(parents=True, exist_ok=True)
        run_file = self.dir / _RUN_FILE
        self.done = {int(p.name[5:11]): json.loads(p.read_text()) for p in self.dir.glob("part-*" + _DONE)}
        if run_file.exists():
            run = json.loads(run_file.read_text())
            if self.done and not resume:
                raise StancekitError(
                    f"{str(self.dir)!r} holds {len(self.done)} finished chunks of an earlier run; pass --resume "
                    "(Python: resume=True) to continue it, or write to a new output")
            if resume and (run["format"] != fmt or run["chunk_size"] != chunk_size):
                raise StancekitError(
                    f"{str(self.dir)!r} was started with format {run['format']!r} and chunk size "
                    f"{run['chunk_size']}; resume with the same settings")
        if not resume:
            self.done = {}
            for p in list(self.dir.glob("part-*")):
                p.unlink()
        write_atomic(run_file, json.dumps({"format": fmt, "chunk_size": chunk_size, "source": source,
                                           "stancekit": __version__}).encode())

    def path(self, k: int) -> Path:
        return self.dir / f"part-{k:06d}{FORMATS[self.fmt]}"

    def finished(self, k: int, docs: list) -> dict | None:
        marker = self.done.get(k)
        if marker is None:
            return None
        if marker["ids"] != _ids_fingerprint(docs) or not self.path(k).exists():
            raise StancekitError(
                f"the input changed since the interrupted run (chunk {k} holds other documents); rerun without "
                "--resume into a new output")
        return marker

    def commit(self, k: int, docs: list, rows: list[dict]) -> dict:
        write_atomic(self.path(k), _encode(rows, self.fmt))
        marker = {"chunk": k, "documents": len(docs), "ids": _ids_fingerprint(docs),
                  "statements": sum("error" not in r for r in rows), "errors": sum("error" in r for r in rows)}
        write_atomic(self.dir / f"part-{k:06d}{_DONE}", json.dumps(marker).encode())
        return marker

    def merge(self, target: Path) -> None:
        """Join the parts into one file (through a temporary file) and remove the parts directory."""
        parts = sorted(self.dir.glob("part-*" + FORMATS[self.fmt]))
        tmp = target.with_name(target.name + ".tmp")
        try:
            if self.fmt == "parquet":
                import pyarrow.parquet as pq

                writer = None
                for p in parts:
                    table = pq.read_table(p)
                    writer = writer or pq.ParquetWriter(tmp, table.schema)
                    writer.write_table(table)
                if writer is None:
                    tmp.write_bytes(_encode([], "parquet"))
                else:
                    writer.close()
            else:
                with open(tmp, "wb") as out:
                    if self.fmt == "csv":
                        out.write(_encode([], "csv"))
                    for p in parts:
                        with open(p, "rb") as fh:
                            if self.fmt == "csv":
                                fh.readline()  # each part repeats the header
                            shutil.copyfileobj(fh, out)
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StancekitError(f"could not write {str(target)!r}: {exc.strerror or exc}; free disk space and "
                                 "rerun with --resume: the parts are kept") from None
        shutil.rmtree(self.dir)


# ----------------------------------------------------------------------------- workers

#: Analyzers built in this process, keyed by their spec (one model load per worker process).
_ANALYZERS: dict = {}
#: How many analyzers this process has built (checked by the Dask test: once per worker).
_LOADS = [0]
_LOCK = threading.Lock()


def worker_analyzer(spec_or_analyzer):
    """The analyzer for a spec, built once per process; an :class:`Analyzer` passes through."""
    if not isinstance(spec_or_analyzer, tuple):
        return spec_or_analyzer
    with _LOCK:  # threaded workers (Dask) share one analyzer per process
        return _build(spec_or_analyzer)


def _build(spec_or_analyzer):
    if spec_or_analyzer not in _ANALYZERS:
        from .analyzer import Analyzer

        stance, sentiment, trust, actors, max_chars, classify = spec_or_analyzer
        _ANALYZERS[spec_or_analyzer] = Analyzer(stance, sentiment, trust_models=trust, actors=actors,
                                                max_chars=max_chars, classify=classify)
        _LOADS[0] += 1
    return _ANALYZERS[spec_or_analyzer]


def _work(spec, docs, lang, explain):
    return analyze_documents(worker_analyzer(spec), docs, lang, explain)


def _crash_types() -> tuple:
    from concurrent.futures.process import BrokenProcessPool

    from joblib.externals.loky.process_executor import TerminatedWorkerError

    return (TerminatedWorkerError, BrokenProcessPool)


def _isolated(spec, docs, lang, explain) -> list[dict]:
    """Analyse a chunk whose worker died one document at a time, so one bad document costs only itself."""
    from joblib.externals.loky import get_reusable_executor

    rows: list[dict] = []
    for doc in docs:
        try:
            rows.extend(get_reusable_executor(max_workers=1).submit(_work, spec, [doc], lang, explain).result())
        except _crash_types() as exc:
            rows.append(_error_row(doc[1], f"WorkerCrashed: the process analysing this document died "
                                           f"({type(exc).__name__}); the document was skipped"))
    return rows


def _chunked(docs: Iterator, size: int) -> Iterator[list]:
    while True:
        chunk = list(itertools.islice(docs, size))
        if not chunk:
            return
        yield chunk


def _results(chunks: Iterator[tuple[int, list, dict | None]], spec, n_jobs: int, lang, explain):
    """Yield ``(k, docs, rows or None if already finished)`` in input order."""
    if n_jobs == 1:
        analyzer = worker_analyzer(spec)
        for k, docs, marker in chunks:
            yield k, docs, None if marker else analyze_documents(analyzer, docs, lang, explain)
        return
    from joblib.externals.loky import get_reusable_executor

    crashes = _crash_types()
    window: list = []
    chunks = iter(chunks)
    exhausted = False
    while window or not exhausted:
        while not exhausted and len(window) < n_jobs * _IN_FLIGHT_PER_JOB:
            item = next(chunks, None)
            if item is None:
                exhausted = True
                break
            k, docs, marker = item
            future = None if marker else get_reusable_executor(max_workers=n_jobs).submit(
                _work, spec, docs, lang, explain)
            window.append((k, docs, future))
        if not window:
            break
        k, docs, future = window.pop(0)
        if future is None:
            yield k, docs, None
            continue
        try:
            rows = future.result()
        except crashes:
            rows = _isolated(spec, docs, lang, explain)
        yield k, docs, rows


def _progress_bar(enabled: bool | None, total: int | None):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a convenience; the summary line still reports everything
        return None
    return tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)


def _output_plan(output: str | os.PathLike, fmt: str | None) -> tuple[Path, Path | None, str]:
    """(parts directory, merged file or None, format) for an output path."""
    out = Path(output)
    suffix_fmt = {v: k for k, v in FORMATS.items()}.get(out.suffix.lower())
    if suffix_fmt:
        if fmt and fmt != suffix_fmt:
            raise StancekitError(f"output {str(out)!r} ends in {out.suffix} but the format is {fmt!r}; "
                                 "make them agree")
        return out.with_name(out.name + ".parts"), out, suffix_fmt
    if out.exists() and not out.is_dir():
        raise StancekitError(f"output {str(out)!r} exists and is not a directory; name a .jsonl, .csv or "
                             ".parquet file or a directory")
    return out, None, fmt or "jsonl"


def run_batch(source, output: str | os.PathLike | None = None, *, analyzer=None, fmt: str | None = None,
              chunk_size: int = 100, n_jobs: int = 1, resume: bool = False, lang: str | None = None,
              text_col: str = "text", id_col: str | None = None, date_col: str | None = None,
              encoding: str | None = None, explain: bool = False, progress: bool | None = None,
              sink: Callable[[list[dict]], None] | None = None) -> BatchSummary:
    """Analyse a corpus: every document yields statement rows or an error row.

    Parameters
    ----------
    source : path or iterable
        A directory of text/HTML files, a CSV/TSV/JSONL file (see
        :func:`stancekit.io.iter_documents`), or an iterable of
        ``(text, meta)`` pairs.
    output : path, optional
        A ``.jsonl`` / ``.csv`` / ``.parquet`` file (parts are kept beside it in
        ``<output>.parts/`` until the run completes, then joined), or a
        directory that keeps the parts. Without an output, rows go to ``sink``.
    analyzer : Analyzer, optional
        Default: the bundled models.
    fmt : {'jsonl', 'csv', 'parquet'}, optional
        Format of a directory output (a file output takes its suffix's).
    chunk_size : int, default=100
        Documents per chunk: the unit of parallel work, of writing and of resuming.
    n_jobs : int, default=1
        Worker processes (-1: one per core). Each worker loads the models once.
    resume : bool, default=False
        Skip the chunks an interrupted run with the same output finished.
    lang, text_col, id_col, date_col, encoding
        As in :func:`stancekit.io.iter_documents` and :meth:`Analyzer.analyze`.
    explain : bool
        Add each label's top features to the rows.
    progress : bool, optional
        Show a progress bar (tqdm); default: when stderr is a terminal.
    sink : callable, optional
        Called with each chunk's rows, in input order (e.g. to print them).

    Returns
    -------
    BatchSummary

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("»Wir sind zu Gesprächen bereit«, sagte der Außenminister.")
    >>> _ = (d / "b.txt").write_text("   ")
    >>> summary = run_batch(d, d / "out.jsonl", progress=False)
    >>> summary.documents, summary.statements, summary.errors
    (2, 1, 1)
    >>> [r["doc"] for r in read_results(d / "out.jsonl")]
    ['a.txt', 'b.txt']
    """
    from .analyzer import Analyzer
    from .io import iter_documents, text_files

    if output is None and resume:
        raise StancekitError("--resume needs an output (-o): the finished chunks are read from it")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise StancekitError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    if n_jobs == -1 or n_jobs is None:
        n_jobs = os.cpu_count() or 1
    if not isinstance(n_jobs, int) or n_jobs < 1:
        raise StancekitError(f"n_jobs must be a positive integer or -1, got {n_jobs!r}")
    started = time.perf_counter()
    analyzer = analyzer if analyzer is not None else Analyzer()
    if isinstance(source, (str, os.PathLike)):
        # a character takes at most 4 bytes in UTF-8: larger files are refused unread
        max_bytes = 4 * analyzer.max_chars if hasattr(analyzer, "max_chars") else None
        docs = iter_documents(source, text_col=text_col, id_col=id_col, date_col=date_col, encoding=encoding,
                              max_bytes=max_bytes)
        total = None
        path = Path(source)
        if path.is_dir():
            total = len(text_files(path))
        label = str(source)
    else:
        docs = ((text, dict(meta or {}), None) for text, meta in source)
        total, label = None, "<iterable>"
    # workers rebuild a plain Analyzer from its spec (one model load each); anything else travels pickled
    spec = analyzer.spec if type(analyzer) is Analyzer and analyzer.spec and n_jobs > 1 else analyzer
    parts = merged = None
    if output is not None:
        parts_dir, merged, fmt = _output_plan(output, fmt)
        _check_format(fmt)
        parts = _Parts(parts_dir, fmt, chunk_size, resume, label)

    summary = BatchSummary(output=str(output or ""))
    chunks = ((k, c, parts.finished(k, c) if parts else None) for k, c in enumerate(_chunked(docs, chunk_size)))
    bar = _progress_bar(progress, total)
    try:
        for k, chunk, rows in _results(chunks, spec, n_jobs, lang, explain):
            summary.documents += len(chunk)
            summary.chunks += 1
            if rows is None:
                marker = parts.done[k]
                summary.resumed_documents += len(chunk)
            elif parts is not None:
                marker = parts.commit(k, chunk, rows)
            else:
                marker = {"statements": sum("error" not in r for r in rows), "errors": sum("error" in r for r in rows)}
            if rows is not None and sink is not None:
                sink(rows)
            summary.statements += marker["statements"]
            summary.errors += marker["errors"]
            if bar is not None:
                bar.update(len(chunk))
                bar.set_postfix(statements=summary.statements, errors=summary.errors, refresh=False)
    finally:
        if bar is not None:
            bar.close()
    if merged is not None:
        parts.merge(merged)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


# ----------------------------------------------------------------------------- reading back


def read_results(path: str | os.PathLike) -> Iterator[dict]:
    """Yield the rows of batch results: a JSONL / CSV / Parquet file or a parts directory.

    CSV and Parquet rows come back with their score dicts and metadata decoded,
    so every format reads the same. Error rows carry ``error``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.csv"
    >>> _ = p.write_bytes(_encode([{"doc": "a", "text": "x", "stance": "neutral",
    ...                            "stance_scores": {"neutral": 1.0}, "start": 3}], "csv"))
    >>> row = next(read_results(p)); row["start"], row["stance_scores"]
    (3, {'neutral': 1.0})
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"results {str(path)!r} do not exist; run `stancekit analyze ... -o {path}` first")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.name.startswith("part-") and p.suffix in FORMATS.values())
        if not files:
            raise CorpusError(f"{str(path)!r} holds no result parts (part-*.jsonl/.csv/.parquet)")
        for p in files:
            yield from read_results(p)
        return
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise CorpusError("reading parquet results needs pyarrow: pip install 'stancekit[parquet]'") from None
        for batch in pq.ParquetFile(path).iter_batches():
            for row in batch.to_pylist():
                yield _unflatten(row)
        return
    if suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield _unflatten(row)
        return
    from .io import read_records

    for row in read_records(path):
        for k in _JSON_FIELDS:
            row.setdefault(k, {})
        yield row
