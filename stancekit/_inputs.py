"""Normalise classifier input: strings, Statements or mappings -> records."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .exceptions import EmptyInputError, InputTypeError
from .statement import Statement

__all__ = ["as_records", "FIELDS"]

#: Fields a statement record may carry for the classifiers.
FIELDS = ("text", "sentence", "cue", "lang", "kind")


def as_records(X: Any) -> list[dict]:
    """Return a list of dicts with :data:`FIELDS` for a batch of statements.

    Each element may be a ``str`` (the statement text), a :class:`Statement`,
    or a mapping with ``text`` and optional ``sentence``, ``cue``, ``lang``,
    ``kind``. Missing ``lang`` is detected; a missing ``cue`` is looked up in
    the sentence.

    Parameters
    ----------
    X : iterable of str, Statement or mapping, or a pandas DataFrame
        A DataFrame is read row by row (it needs a ``text`` column).

    Returns
    -------
    list of dict
        One dict per statement with exactly the keys in :data:`FIELDS`;
        missing or ``None`` values become ``""``.

    Raises
    ------
    InputTypeError
        ``None``, a single string, a non-iterable, an element of another
        type, or a mapping without ``text``.

    Examples
    --------
    >>> as_records(["We are ready", {"text": "Wir sind bereit", "lang": "de"}])
    [{'text': 'We are ready', 'sentence': '', 'cue': '', 'lang': '', 'kind': ''}, {'text': 'Wir sind bereit', 'sentence': '', 'cue': '', 'lang': 'de', 'kind': ''}]
    >>> as_records("We are ready")
    Traceback (most recent call last):
    ...
    stancekit.exceptions.InputTypeError: expected a list of statements, got a single string; wrap it in a list: [text]
    """
    if X is None:
        raise InputTypeError("expected a list of statements, got None")
    if isinstance(X, (str, bytes)):
        raise InputTypeError(
            "expected a list of statements, got a single string; wrap it in a list: [text]"
        )
    if hasattr(X, "to_dict") and hasattr(X, "columns"):  # a pandas DataFrame
        X = X.to_dict("records")
    try:
        items = list(X)
    except TypeError as exc:
        raise InputTypeError(f"expected a list of statements, got {type(X).__name__}") from exc
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            rec = {"text": item}
        elif isinstance(item, Statement):
            rec = {k: getattr(item, k) for k in FIELDS}
        elif isinstance(item, Mapping):
            if "text" not in item:
                raise InputTypeError(f"statement {i} has no 'text' field; its fields are {sorted(item)}")
            rec = {k: item.get(k) for k in FIELDS}
        else:
            raise InputTypeError(
                f"statement {i} is a {type(item).__name__}; expected str, Statement or a mapping with 'text'"
            )
        if not isinstance(rec["text"], str):
            raise InputTypeError(f"statement {i}: 'text' must be a str, got {type(rec['text']).__name__}")
        out.append({k: ("" if rec.get(k) is None else str(rec.get(k))) for k in FIELDS})
    return out


def check_nonempty(records: list[dict]) -> None:
    """Raise if the batch is empty.

    Parameters
    ----------
    records : list of dict
        Output of :func:`as_records`.

    Raises
    ------
    EmptyInputError
        ``records`` is empty.

    Examples
    --------
    >>> check_nonempty([{"text": "We are ready"}])
    >>> check_nonempty([])
    Traceback (most recent call last):
    ...
    stancekit.exceptions.EmptyInputError: the list of statements is empty; pass at least one statement
    """
    if not records:
        raise EmptyInputError("the list of statements is empty; pass at least one statement")


def iter_texts(records: Iterable[dict], field: str) -> list[str]:
    """Return one field of every record.

    Parameters
    ----------
    records : iterable of dict
    field : str
        Key to read; missing or empty values give ``""``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> iter_texts([{"text": "a", "cue": "say"}, {"text": "b"}], "cue")
    ['say', '']
    """
    return [r.get(field, "") or "" for r in records]
