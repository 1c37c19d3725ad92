"""Reading labelled corpora and documents: CSV, TSV, JSONL, text files, with clear errors."""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import os
from pathlib import Path
from typing import Iterator

from .exceptions import CorpusError, EncodingError, InputTooLargeError, InputTypeError

__all__ = ["read_records", "read_text_file", "iter_documents", "record_document", "text_files", "TEXT_SUFFIXES"]

csv.field_size_limit(2**31 - 1)


def read_text_file(path: str | os.PathLike, encoding: str | None = None, max_bytes: int | None = None) -> str:
    """Read a text file; undecodable bytes raise :class:`EncodingError` naming the fix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("Größe".encode("cp1252"))
    >>> read_text_file(p, encoding="cp1252")
    'Größe'
    >>> read_text_file(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    stancekit.exceptions.EncodingError: '...a.txt' is not valid utf-8 (byte 2: b'\xf6\xdfe'); pass its encoding, e.g. --encoding cp1252 (Python: encoding='cp1252')
    """
    size = os.path.getsize(path)
    if max_bytes is not None and size > max_bytes:  # refuse before reading: no memory blow-up on huge files
        raise InputTooLargeError(f"{str(path)!r} has {size:,} bytes, over the limit of {max_bytes:,}; split it into "
                                 "articles, or raise the limit with --max-chars (Python: Analyzer(max_chars=...))")
    data = Path(path).read_bytes()
    enc = encoding or "utf-8"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{str(path)!r} is not valid {enc} (byte {exc.start}: {data[exc.start:exc.start + 4]!r}); "
            "pass its encoding, e.g. --encoding cp1252 (Python: encoding='cp1252')"
        ) from None
    except LookupError:
        raise EncodingError(f"unknown encoding {enc!r}; use a Python codec name such as utf-8 or cp1252") from None
    return text.lstrip("\ufeff")


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".tsv", ".tab", ".txt"):
        return "tsv"
    return "csv"


class _Lines:
    """Iterate a text file's lines lazily, turning a decoding failure into :class:`EncodingError`."""

    def __init__(self, path: Path, encoding: str | None):
        self.path, self.encoding = path, encoding or "utf-8-sig"
        self.lineno = 0

    def __iter__(self) -> Iterator[str]:
        try:
            decoder = codecs.getincrementaldecoder(self.encoding)()
        except LookupError:
            raise EncodingError(
                f"unknown encoding {self.encoding!r}; use a Python codec name such as utf-8 or cp1252") from None
        pending = ""
        with open(self.path, "rb") as fh:
            # decode line by line so that an undecodable byte is reported with its line number
            for raw in itertools.chain(fh, [b""]):
                try:
                    pending += decoder.decode(raw, final=not raw)
                except UnicodeDecodeError as exc:
                    raise EncodingError(
                        f"{str(self.path)!r} is not valid {self.encoding} near line {self.lineno + 1} "
                        f"({exc.reason}); pass its encoding, e.g. --encoding cp1252 (Python: encoding='cp1252')"
                    ) from None
                *lines, pending = pending.split("\n")
                for line in lines:
                    self.lineno += 1
                    yield line + "\n"
        if pending:
            self.lineno += 1
            yield pending


def read_records(path: str | os.PathLike, encoding: str | None = None) -> Iterator[dict]:
    r"""Yield the rows of a CSV, TSV or JSONL file as dicts, streaming (memory stays flat).

    Malformed rows raise :class:`CorpusError` with the file and line number.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "docs.jsonl"
    >>> _ = p.write_text('{"id": 1, "text": "Hallo"}\n\n{"id": 2, "text": "Welt"}\n')
    >>> [r["id"] for r in read_records(p)]
    [1, 2]
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus file {str(path)!r} does not exist")
    if path.is_dir():
        raise CorpusError(f"{str(path)!r} is a directory; pass a CSV, TSV or JSONL file")
    lines = _Lines(path, encoding)
    if _format(path) == "jsonl":
        for line in lines:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(
                    f"{path}:{lines.lineno}: not valid JSON ({exc.msg}); each line must be one JSON object") from None
            if not isinstance(rec, dict):
                raise CorpusError(f"{path}:{lines.lineno}: expected a JSON object, got {type(rec).__name__}")
            yield rec
        return
    reader = csv.reader(lines, delimiter="\t" if _format(path) == "tsv" else ",")
    header = None
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CorpusError(f"{path}:{lines.lineno}: malformed row ({exc}); check quoting") from None
        if header is None:
            header = row
        elif not row:
            continue
        elif len(row) != len(header):
            raise CorpusError(
                f"{path}:{lines.lineno}: expected {len(header)} fields as in the header, got {len(row)}; "
                "check quoting and the delimiter"
            )
        else:
            yield dict(zip(header, row))


#: File suffixes read as one document each (a directory yields every such file).
TEXT_SUFFIXES = (".txt", ".html", ".htm", ".md")


def text_files(path: str | os.PathLike) -> list[Path]:
    """The documents of a directory (its :data:`TEXT_SUFFIXES` files, sorted, recursive), or the file itself.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.html", "notes.csv"):
    ...     _ = (d / name).write_text("x")
    >>> [p.name for p in text_files(d)]
    ['a.html', 'b.txt']
    """
    path = Path(path)
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)


def iter_documents(path: str | os.PathLike, *, text_col: str = "text", id_col: str | None = None,
                   date_col: str | None = None, encoding: str | None = None, max_bytes: int | None = None
                   ) -> Iterator[tuple[str | None, dict, Exception | None]]:
    r"""Yield ``(text, meta, error)`` for each document of a file or directory, lazily.

    A directory yields each text/HTML file (sorted, recursive); a CSV/TSV/JSONL
    file yields each row, its other columns becoming the document's metadata
    (``id`` from ``id_col``, else the row number; ``date`` from ``date_col``).
    A document that cannot be read yields an error instead of a text, so batch
    work accounts for it; a wrong ``text_col`` raises :class:`CorpusError`
    listing the available columns. A text file over ``max_bytes`` yields an
    :class:`InputTooLargeError` without being read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "docs.csv"
    >>> _ = p.write_text("url,body,day\nu1,Hallo Welt,2025-01-02\n")
    >>> [(t, m["id"], m["date"]) for t, m, e in iter_documents(p, text_col="body", id_col="url", date_col="day")]
    [('Hallo Welt', 'u1', '2025-01-02')]
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"input {str(path)!r} does not exist")
    if path.is_dir() or path.suffix.lower() in TEXT_SUFFIXES:
        for p in text_files(path):
            meta = {"id": str(p.relative_to(path)) if path.is_dir() else p.name, "path": str(p)}
            try:
                yield read_text_file(p, encoding, max_bytes), meta, None
            except Exception as exc:  # noqa: BLE001 - the document is reported, the run goes on
                yield None, meta, exc
        return
    for n, rec in enumerate(read_records(path, encoding)):
        for col, flag in ((text_col, "--text-col"), (id_col, "--id-col"), (date_col, "--date-col")):
            if col and col not in rec:
                raise CorpusError(f"{path}: no column {col!r} (row {n + 1}); available columns: {sorted(rec)}. "
                                  f"Use {flag}")
        yield record_document(rec, n, text_col=text_col, id_col=id_col, date_col=date_col)


def record_document(rec: dict, default_id, *, text_col: str = "text", id_col: str | None = None,
                    date_col: str | None = None) -> tuple[str | None, dict, Exception | None]:
    """One table row as ``(text, meta, error)``: the other columns become metadata.

    ``id`` comes from ``id_col``, else an ``id`` column, else ``default_id``;
    ``date`` from ``date_col``. A cell that holds no text yields an
    :class:`InputTypeError` instead of a text, so batch work reports it.

    Examples
    --------
    >>> record_document({"url": "u1", "body": "Hallo", "day": "2025-01-02"}, 0, text_col="body", id_col="url",
    ...                 date_col="day")
    ('Hallo', {'url': 'u1', 'day': '2025-01-02', 'id': 'u1', 'date': '2025-01-02'}, None)
    """
    meta = {k: v for k, v in rec.items() if k != text_col}
    meta["id"] = rec[id_col] if id_col else meta.get("id", default_id)
    if date_col:
        meta["date"] = rec[date_col]
    text = rec[text_col]
    if isinstance(text, str):
        return text, meta, None
    return None, meta, InputTypeError(f"document {meta['id']!r}: column {text_col!r} holds "
                                      f"{type(text).__name__}, not text")
