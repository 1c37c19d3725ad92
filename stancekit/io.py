"""Reading labelled corpora and documents: CSV, TSV, JSONL, text files, with clear errors."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Iterator

from .exceptions import CorpusError, EncodingError

__all__ = ["read_records", "read_text_file", "iter_documents"]

csv.field_size_limit(2**31 - 1)


def read_text_file(path: str | os.PathLike, encoding: str | None = None) -> str:
    """Read a text file; undecodable bytes raise :class:`EncodingError` naming the fix."""
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


def read_records(path: str | os.PathLike, encoding: str | None = None) -> Iterator[dict]:
    """Yield the rows of a CSV, TSV or JSONL file as dicts.

    Malformed rows raise :class:`CorpusError` with the file and line number.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus file {str(path)!r} does not exist")
    text = read_text_file(path, encoding)
    fmt = _format(path)
    if fmt == "jsonl":
        for i, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{i}: not valid JSON ({exc.msg}); each line must be one JSON object") from None
            if not isinstance(rec, dict):
                raise CorpusError(f"{path}:{i}: expected a JSON object, got {type(rec).__name__}")
            yield rec
        return
    delimiter = "\t" if fmt == "tsv" else ","
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    for i, row in enumerate(reader, 2):
        if not row:
            continue
        if len(row) != len(header):
            raise CorpusError(
                f"{path}:{i}: expected {len(header)} fields as in the header, got {len(row)}; "
                "check quoting and the delimiter"
            )
        yield dict(zip(header, row))


def iter_documents(path: str | os.PathLike, *, text_col: str = "text", id_col: str | None = None,
                   encoding: str | None = None) -> Iterator[tuple[str | None, dict, Exception | None]]:
    """Yield ``(text, meta, error)`` for each document of a file or directory.

    A directory yields each ``.txt``/``.html`` file; a CSV/TSV/JSONL file
    yields each row. A document that cannot be read yields an error instead
    of a text, so batch work accounts for it.
    """
    path = Path(path)
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and p.suffix.lower() in (".txt", ".html", ".htm", ".md"):
                meta = {"id": str(p.relative_to(path)), "path": str(p)}
                try:
                    yield read_text_file(p, encoding), meta, None
                except Exception as exc:  # noqa: BLE001
                    yield None, meta, exc
        return
    if path.suffix.lower() in (".txt", ".html", ".htm", ".md"):
        meta = {"id": path.name, "path": str(path)}
        try:
            yield read_text_file(path, encoding), meta, None
        except Exception as exc:  # noqa: BLE001
            yield None, meta, exc
        return
    for n, rec in enumerate(read_records(path, encoding)):
        if text_col not in rec:
            raise CorpusError(f"{path}: no column {text_col!r}; available columns: {sorted(rec)}. Use --text-col")
        meta = {k: v for k, v in rec.items() if k != text_col}
        meta["id"] = rec.get(id_col) if id_col else meta.get("id", n)
        yield rec[text_col], meta, None
