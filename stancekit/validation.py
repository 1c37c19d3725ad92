"""Validate the model on your own corpus: a stratified sample to hand-code, then the scores against the codes.

The workflow the field expects before it trusts a classifier: draw a sample
of the statements stancekit found (stratified, so rare labels are seen often
enough), have one or two people code it blind, then compare. :func:`sample`
writes the coding sheet without the model's labels and a separate key file
with them; :func:`validate` joins the two and reports accuracy, macro-F1,
per-class scores and the confusion matrix, and, where two coders coded,
their agreement (Cohen's kappa and Krippendorff's alpha via ``nltk.metrics``).
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from pathlib import Path

import numpy as np

from .exceptions import CorpusError

__all__ = ["sample", "write_sample", "validate", "SHEET_FIELDS"]

#: Columns of the coding sheet shown to coders (the model's labels are not among them).
SHEET_FIELDS = ("sample_id", "doc", "date", "speaker", "actor", "target", "kind", "text", "sentence")
#: Empty columns the coders fill in.
CODE_FIELDS = ("code_1", "code_2", "note")


def sample(rows: list[dict], n: int = 200, stratify: str | None = "stance", *, seed: int = 0,
           allocation: str = "equal") -> list[dict]:
    """Draw a stratified random sample of statement rows.

    Parameters
    ----------
    rows : list of dict
        Statement rows (e.g. from :func:`stancekit.report.load_statements`).
    n : int
        Sample size (fewer if there are fewer rows).
    stratify : str or None
        Field whose values form the strata (``stance``, ``sentiment``, ``actor``...).
    allocation : {'equal', 'proportional'}
        ``equal`` gives each stratum the same number (rare labels get enough
        examples to estimate their precision); ``proportional`` follows the
        strata's sizes. A stratum smaller than its share gives all its rows
        and the rest goes to the others.

    Examples
    --------
    >>> rows = [{"text": str(i), "stance": "threatening" if i < 10 else "neutral"} for i in range(100)]
    >>> s = sample(rows, n=20)
    >>> sorted(r["stance"] for r in s).count("threatening")
    10
    """
    if n < 1:
        raise ValueError(f"n must be positive, got {n}")
    if allocation not in ("equal", "proportional"):
        raise ValueError(f"allocation must be 'equal' or 'proportional', got {allocation!r}")
    rng = np.random.default_rng(seed)
    strata: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        strata[str(r.get(stratify)) if stratify else ""].append(i)
    if stratify and list(strata) == ["None"]:
        raise CorpusError(f"the rows have no {stratify!r} field to stratify by")
    n = min(n, len(rows))
    quota = {k: 0 for k in strata}
    left = n
    open_ = sorted(strata)
    while left and open_:  # hand out the sample; strata that run dry pass their share on
        weights = np.array([1.0 if allocation == "equal" else len(strata[k]) for k in open_])
        share = np.floor(weights / weights.sum() * left).astype(int)
        share[: left - share.sum()] += 1
        for k, s in zip(open_, share):
            quota[k] += min(int(s), len(strata[k]) - quota[k])
        left = n - sum(quota.values())
        open_ = [k for k in open_ if quota[k] < len(strata[k])]
    chosen = []
    for k in sorted(strata):
        chosen += list(rng.choice(strata[k], size=quota[k], replace=False))
    rng.shuffle(chosen)
    return [rows[int(i)] for i in chosen]


def write_sample(rows: list[dict], path: str | os.PathLike, *, key_path: str | os.PathLike | None = None,
                 blind: bool = True, tasks: tuple[str, ...] = ("stance", "sentiment")) -> tuple[Path, Path]:
    """Write the coding sheet (CSV) and the key file with the model's labels.

    The sheet has :data:`SHEET_FIELDS` and empty ``code_1``, ``code_2``, ``note``
    columns; with ``blind=False`` the model's labels are also in the sheet.
    The key (default ``<sheet>.key.csv``) maps ``sample_id`` to ``model_<task>``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> sheet, key = write_sample([{"doc": "a", "text": "Wir sind bereit", "stance": "cooperative"}], d / "s.csv")
    >>> sheet.read_text().splitlines()[0]
    'sample_id,doc,date,speaker,actor,target,kind,text,sentence,code_1,code_2,note'
    >>> key.name, key.read_text().splitlines()[1]
    ('s.key.csv', '1,a,cooperative,')
    """
    path = Path(path)
    key_path = Path(key_path) if key_path else path.with_name(path.stem + ".key.csv")
    model_cols = [f"model_{t}" for t in tasks]
    with open(path, "w", encoding="utf-8", newline="") as sheet, \
            open(key_path, "w", encoding="utf-8", newline="") as key:
        ws = csv.DictWriter(sheet, fieldnames=list(SHEET_FIELDS) + ([] if blind else model_cols)
                            + list(CODE_FIELDS), extrasaction="ignore")
        wk = csv.DictWriter(key, fieldnames=["sample_id", "doc"] + model_cols, extrasaction="ignore")
        ws.writeheader()
        wk.writeheader()
        for i, r in enumerate(rows, 1):
            row = {f: r.get(f) or "" for f in SHEET_FIELDS}
            row["date"] = r.get("date") or (r.get("meta") or {}).get("date") or ""
            row["sample_id"] = i
            for t in tasks:
                row[f"model_{t}"] = r.get(t) or ""
            ws.writerow(row)
            wk.writerow(row)
    return path, key_path


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        raise CorpusError(f"{str(path)!r} does not exist")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def validate(coded: str | os.PathLike, *, key: str | os.PathLike | None = None, task: str = "stance",
             coder_cols: tuple[str, ...] = ("code_1", "code_2"), gold_col: str | None = None) -> dict:
    r"""Score the model against hand codes; report agreement between coders.

    Parameters
    ----------
    coded : path
        The coding sheet from :func:`write_sample`, filled in.
    key : path, optional
        The key file (default ``<sheet>.key.csv``); not needed when the sheet
        has a ``model_<task>`` column.
    task : str
        Which model label to score (``stance`` or ``sentiment``).
    coder_cols : tuple of str
        Code columns; empty cells are "not coded yet".
    gold_col : str, optional
        Reference column (e.g. adjudicated codes); default: the first coder.

    Returns
    -------
    dict
        ``n``, ``accuracy``, ``macro_f1``, ``per_class``, ``labels``,
        ``confusion_matrix`` (rows: reference, columns: model), ``not_coded``,
        ``per_coder`` and, with two coders, ``agreement``
        (``n``, ``percent``, ``cohen_kappa``, ``krippendorff_alpha``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "coded.csv"
    >>> _ = p.write_text("sample_id,text,model_stance,code_1,code_2\n1,a,neutral,neutral,neutral\n"
    ...                  "2,b,threatening,neutral,threatening\n3,c,cooperative,cooperative,cooperative\n4,d,neutral,,\n")
    >>> res = validate(p)
    >>> res["n"], res["accuracy"], res["not_coded"], res["agreement"]["percent"]
    (3, 0.6667, 1, 0.6667)
    """
    from .training import metrics

    coded = Path(coded)
    rows = _read_csv(coded)
    model_col = f"model_{task}"
    if rows and model_col not in rows[0]:
        key = Path(key) if key else coded.with_name(coded.stem + ".key.csv")
        if not key.exists() and coded.stem.endswith("_coded"):
            key = coded.with_name(coded.stem[: -len("_coded")] + ".key.csv")
        keyed = {r["sample_id"]: r for r in _read_csv(key)}
        if rows and model_col not in next(iter(keyed.values()), {}):
            raise CorpusError(f"neither {str(coded)!r} nor {str(key)!r} has a {model_col!r} column")
        for r in rows:
            if r.get("sample_id") not in keyed:
                raise CorpusError(f"sample_id {r.get('sample_id')!r} of {str(coded)!r} is not in the key "
                                  f"{str(key)!r}; pass the key written with this sheet (--key)")
            r[model_col] = keyed[r["sample_id"]][model_col]
    if not rows:
        raise CorpusError(f"{str(coded)!r} has no rows")
    present = [c for c in coder_cols if c in rows[0]]
    ref = gold_col or (present[0] if present else None)
    if ref is None or ref not in rows[0]:
        raise CorpusError(f"no code column found; expected one of {list(coder_cols)} or --gold-col; "
                          f"available columns: {sorted(rows[0])}")
    done = [r for r in rows if (r.get(ref) or "").strip()]
    if not done:
        raise CorpusError(f"no row of {str(coded)!r} is coded yet (column {ref!r} is empty)")
    y_true = [r[ref].strip() for r in done]
    y_pred = [r[model_col].strip() for r in done]
    out = {"reference": ref, "task": task, **metrics(y_true, y_pred), "not_coded": len(rows) - len(done)}
    out["per_coder"] = {}
    for c in present:
        sub = [r for r in rows if (r.get(c) or "").strip()]
        if sub:
            m = metrics([r[c].strip() for r in sub], [r[model_col].strip() for r in sub])
            out["per_coder"][c] = {"n": m["n"], "accuracy": m["accuracy"], "macro_f1": m["macro_f1"]}
    if len(present) >= 2:
        a, b = present[:2]
        both = [r for r in rows if (r.get(a) or "").strip() and (r.get(b) or "").strip()]
        if both:
            out["agreement"] = agreement([r[a].strip() for r in both], [r[b].strip() for r in both])
            out["agreement"]["coders"] = [a, b]
    return out


def agreement(codes_a: list[str], codes_b: list[str]) -> dict:
    """Percent agreement, Cohen's kappa and Krippendorff's alpha of two coders (``nltk.metrics``).

    Examples
    --------
    >>> agreement(["a", "b", "a", "a"], ["a", "b", "b", "a"])["percent"]
    0.75
    """
    from nltk.metrics.agreement import AnnotationTask

    task = AnnotationTask(data=[(coder, i, lab) for i, pair in enumerate(zip(codes_a, codes_b))
                                for coder, lab in zip(("a", "b"), pair)])
    same = float(np.mean([x == y for x, y in zip(codes_a, codes_b)]))
    try:
        kappa, alpha = task.kappa(), task.alpha()
    except ZeroDivisionError:  # one label only: chance agreement is total, the coefficients are undefined
        kappa = alpha = float("nan")
    return {"n": len(codes_a), "percent": round(same, 4), "cohen_kappa": round(float(kappa), 4),
            "krippendorff_alpha": round(float(alpha), 4)}
