"""Statements as a pandas DataFrame (pandas is optional)."""

from __future__ import annotations

from typing import Iterable

from .statement import Statement

__all__ = ["to_frame"]


def to_frame(statements: Iterable[Statement]):
    """Return statements as a :class:`pandas.DataFrame`, one row each.

    Score dicts become columns ``stance_<label>`` and ``sentiment_<label>``;
    metadata keys become ``meta_<key>`` columns.

    Parameters
    ----------
    statements : iterable of Statement
        For example the output of :func:`stancekit.analyze`.

    Returns
    -------
    pandas.DataFrame
        One row per statement, one column per :class:`Statement` field (scores
        and metadata flattened as above). Empty input gives an empty frame.

    Raises
    ------
    ImportError
        pandas is not installed (``pip install 'stancekit[frame]'``).

    Examples
    --------
    >>> to_frame([Statement("Wir sind bereit", speaker="Anna Berg")]).loc[0, "speaker"]
    'Anna Berg'

    Scores and metadata become columns:

    >>> st = Statement("We will respond", stance="threatening",
    ...                stance_scores={"cooperative": 0.1, "neutral": 0.2, "threatening": 0.7}, meta={"id": "doc-1"})
    >>> df = to_frame([st])
    >>> float(df.loc[0, "stance_threatening"]), df.loc[0, "meta_id"]
    (0.7, 'doc-1')
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame needs pandas: pip install 'stancekit[frame]'") from exc
    rows = []
    for st in statements:
        d = st.to_dict()
        for task in ("stance", "sentiment"):
            for label, p in d.pop(f"{task}_scores").items():
                d[f"{task}_{label}"] = p
        for k, v in d.pop("meta").items():
            d[f"meta_{k}"] = v
        rows.append(d)
    return pd.DataFrame(rows)
