"""Saving and loading models with a model card, integrity and trust checks.

File format (version :data:`FORMAT_VERSION`)::

    b"STANCEKIT-MODEL\\n"            magic line
    8 bytes, big-endian            length of the header
    header                         UTF-8 JSON: format version, model card,
                                   SHA-256 and size of the payload
    payload                        the estimator, serialised with joblib

The header is plain JSON and is read without unpickling anything, so a
model's card can always be inspected safely (:func:`read_card`). The payload
is a pickle, which can run code when loaded; therefore :func:`load_model`
unpickles only

* files shipped with stancekit whose SHA-256 matches the signed-off manifest
  ``stancekit/data/models/MANIFEST.json``, or
* files the caller marks ``trusted=True`` (after checking where they come from).

Every file's payload must also match the SHA-256 in its own header, which
catches truncation and accidental corruption.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import os
import platform
import struct
import warnings
from pathlib import Path
from typing import Any

import joblib

from ._resources import data_path
from .exceptions import LabelMismatchError, ModelFormatError, ModelIntegrityError, UntrustedModelError

__all__ = ["FORMAT_VERSION", "save_model", "load_model", "read_card", "load_default", "fingerprint",
           "VersionMismatchWarning"]

#: Bump on every backward-incompatible change of the file layout or card fields.
FORMAT_VERSION = 1
MAGIC = b"STANCEKIT-MODEL\n"
_LEN = struct.Struct(">Q")
#: Largest header accepted; a bigger one means a corrupt or hostile file.
MAX_HEADER = 10_000_000


class VersionMismatchWarning(UserWarning):
    """The model was saved with other stancekit or scikit-learn versions.

    Predictions may differ slightly; retrain or re-save the model to silence it.

    Examples
    --------
    >>> issubclass(VersionMismatchWarning, UserWarning)
    True
    """


def fingerprint(paths_or_records: Any) -> dict:
    """SHA-256 and size of training data: a list of file paths, or of records.

    Parameters
    ----------
    paths_or_records : list of path or list of dict
        Files are hashed byte for byte (if every path exists); records are
        hashed as canonical JSON (sorted keys).

    Returns
    -------
    dict
        ``{"sha256": hex digest, "bytes": size hashed}``, ready for the
        ``training_data`` field of a model card.

    Examples
    --------
    >>> fp = fingerprint([{"text": "We are ready", "label": "cooperative"}])
    >>> sorted(fp), len(fp["sha256"])
    (['bytes', 'sha256'], 64)
    >>> fp == fingerprint([{"label": "cooperative", "text": "We are ready"}])
    True
    """
    h = hashlib.sha256()
    size = 0
    if isinstance(paths_or_records, (list, tuple)) and paths_or_records and isinstance(paths_or_records[0], (str, os.PathLike)) \
            and all(os.path.exists(str(p)) for p in paths_or_records):
        for p in paths_or_records:
            with open(p, "rb") as fh:  # in blocks: corpora may be larger than memory
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
                    size += len(block)
    else:
        for rec in paths_or_records:
            b = json.dumps(rec, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
            h.update(b)
            size += len(b)
    return {"sha256": h.hexdigest(), "bytes": size}


def _versions() -> dict:
    import numpy
    import sklearn

    from . import __version__

    return {"stancekit": __version__, "scikit-learn": sklearn.__version__, "numpy": numpy.__version__,
            "python": platform.python_version()}


def save_model(model: Any, path: str | os.PathLike, *, card: dict | None = None) -> dict:
    """Save a fitted estimator with its model card.

    Parameters
    ----------
    model : estimator
        Usually a fitted :class:`~stancekit.StanceClassifier` or
        :class:`~stancekit.SentimentClassifier` (any picklable object works).
    path : str or path-like
        File to write; written to a temporary file and renamed, so a crash
        never leaves a half-written model.
    card : dict, optional
        Model card fields: ``task``, ``languages``, ``training_data`` (see
        :func:`fingerprint`), ``scores``, ``description``. Labels and versions
        are filled in.

    Returns
    -------
    dict
        The header written (format version, card, payload digest).

    See Also
    --------
    load_model, read_card

    Examples
    --------
    >>> import os, tempfile
    >>> from stancekit import StanceClassifier
    >>> clf = StanceClassifier().fit(["We will strike back", "We welcome the talks"] * 2, ["threat", "coop"] * 2)
    >>> path = os.path.join(tempfile.mkdtemp(), "my.skm")
    >>> header = save_model(clf, path, card={"task": "stance", "languages": ["en"]})
    >>> header["format_version"], header["card"]["labels"], header["card"]["estimator"]
    (1, ['coop', 'threat'], 'StanceClassifier')
    """
    buf = io.BytesIO()
    joblib.dump(model, buf, compress=3)
    payload = buf.getvalue()
    full_card = dict(card or {})
    labels = getattr(model, "classes_", None)
    if labels is not None:
        full_card.setdefault("labels", [str(c) for c in labels])
    full_card.setdefault("estimator", type(model).__name__)
    full_card["versions"] = _versions()
    full_card.setdefault("created", _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat())
    header = {"format_version": FORMAT_VERSION, "card": full_card,
              "payload": {"sha256": hashlib.sha256(payload).hexdigest(), "bytes": len(payload)}}
    hb = json.dumps(header, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(MAGIC)
        fh.write(_LEN.pack(len(hb)))
        fh.write(hb)
        fh.write(payload)
    os.replace(tmp, path)
    return header


def _read(path: str | os.PathLike) -> tuple[dict, bytes]:
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
    except FileNotFoundError:
        raise ModelFormatError(f"model file {str(path)!r} does not exist") from None
    if not blob.startswith(MAGIC):
        raise ModelFormatError(
            f"{str(path)!r} is not a stancekit model file (it lacks the STANCEKIT-MODEL header); "
            "save models with stancekit.save_model()"
        )
    off = len(MAGIC)
    if len(blob) < off + _LEN.size:
        raise ModelFormatError(f"{str(path)!r} is truncated: the header length is missing")
    (n,) = _LEN.unpack_from(blob, off)
    off += _LEN.size
    if n > MAX_HEADER or len(blob) < off + n:
        raise ModelFormatError(f"{str(path)!r} is truncated or corrupt: the header is incomplete")
    try:
        header = json.loads(blob[off:off + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFormatError(f"{str(path)!r} has a corrupt header: {exc}") from None
    version = header.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ModelFormatError(
            f"{str(path)!r} uses model format version {version!r}; this stancekit reads versions up to "
            f"{FORMAT_VERSION}. Upgrade stancekit (pip install -U stancekit) to load it."
        )
    payload = blob[off + n:]
    digest = hashlib.sha256(payload).hexdigest()
    expected = header.get("payload", {})
    if len(payload) != expected.get("bytes") or digest != expected.get("sha256"):
        raise ModelIntegrityError(
            f"{str(path)!r} is damaged: its payload ({len(payload)} bytes, sha256 {digest[:12]}…) does not match "
            f"its header ({expected.get('bytes')} bytes, sha256 {str(expected.get('sha256'))[:12]}…). "
            "The file was truncated or modified; obtain a fresh copy."
        )
    return header, payload


def read_card(path: str | os.PathLike) -> dict:
    """Return a model file's card without unpickling anything (safe on any file).

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    dict
        The card given to :func:`save_model`, plus ``labels``, ``estimator``,
        ``versions`` and ``created``.

    Raises
    ------
    ModelFormatError
        Not a stancekit model file, truncated, or a newer format.
    ModelIntegrityError
        The payload does not match the digest in the header.

    Examples
    --------
    >>> card = read_card(data_path("models", DEFAULT_MODEL_FILE))
    >>> card["task"], card["languages"], card["labels"]["stance"]
    ('stance+sentiment', ['de', 'en'], ['cooperative', 'neutral', 'threatening'])
    """
    header, _ = _read(path)
    return header["card"]


def _manifest() -> dict:
    try:
        return json.loads(data_path("models", "MANIFEST.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def _shipped_digest(path: Path) -> str | None:
    try:
        models_dir = Path(str(data_path("models"))).resolve()
        rel = path.resolve().relative_to(models_dir)
    except (ValueError, OSError):
        return None
    return _manifest().get("files", {}).get(str(rel), {}).get("sha256", "")


def load_model(path: str | os.PathLike, trusted: bool = False, *, expected_labels=None) -> Any:
    """Load a model saved with :func:`save_model`.

    Parameters
    ----------
    path : str or path-like
    trusted : bool, default=False
        Unpickle a file that is not one of stancekit's shipped models. Only
        set this for files whose origin you trust: unpickling can run code.
    expected_labels : iterable of str, optional
        Raise :class:`LabelMismatchError` unless the model's labels are these.

    Raises
    ------
    ModelFormatError
        Not a stancekit model, truncated, or a newer format version.
    ModelIntegrityError
        The payload does not match its digest, or a shipped file does not
        match the manifest (it was tampered with).
    UntrustedModelError
        A file from elsewhere, loaded without ``trusted=True``.
    LabelMismatchError
        The labels differ from ``expected_labels``.

    Returns
    -------
    estimator
        The saved object, with its card attached as ``model_card_``.

    Warns
    -----
    VersionMismatchWarning
        The file was saved with another stancekit or scikit-learn version.

    Examples
    --------
    A model you saved yourself needs ``trusted=True``:

    >>> import os, tempfile
    >>> from stancekit import StanceClassifier
    >>> clf = StanceClassifier().fit(["We will strike back", "We welcome the talks"] * 2, ["threat", "coop"] * 2)
    >>> path = os.path.join(tempfile.mkdtemp(), "my.skm")
    >>> _ = save_model(clf, path)
    >>> load_model(path)
    Traceback (most recent call last):
    ...
    stancekit.exceptions.UntrustedModelError: refusing to load '...my.skm': ...
    >>> model = load_model(path, trusted=True, expected_labels=["coop", "threat"])
    >>> model.predict(["We will strike back"]).tolist()
    ['threat']
    >>> model.model_card_["estimator"]
    'StanceClassifier'
    """
    path = Path(path)
    header, payload = _read(path)
    shipped = _shipped_digest(path)
    if shipped is not None:
        if header["payload"]["sha256"] != shipped:
            raise ModelIntegrityError(
                f"{str(path)!r} lies among stancekit's shipped models but does not match the manifest "
                "(MANIFEST.json); it was modified. Reinstall stancekit to restore it."
            )
    elif not trusted:
        card = header.get("card", {})
        raise UntrustedModelError(
            f"refusing to load {str(path)!r}: stancekit models contain a pickle, and unpickling a file "
            "can run arbitrary code. This file is not one of stancekit's shipped models "
            f"(card: {card.get('estimator', '?')}, labels {card.get('labels')}, created {card.get('created')}). "
            "If you made it or trust its source, load it with load_model(path, trusted=True) "
            "(CLI: --trust-model). Inspect it first with stancekit.read_card(path)."
        )
    saved = header["card"].get("versions", {})
    now = _versions()
    for lib in ("stancekit", "scikit-learn"):
        if saved.get(lib) and saved[lib] != now[lib]:
            warnings.warn(
                f"{str(path)!r} was saved with {lib} {saved[lib]}; this is {lib} {now[lib]}. "
                "Predictions may differ; retrain or re-save the model to silence this warning.",
                VersionMismatchWarning, stacklevel=2,
            )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*Trying to unpickle estimator.*")
        model = joblib.load(io.BytesIO(payload))
    if not isinstance(model, dict):
        model.model_card_ = header["card"]
    if expected_labels is not None:
        got = sorted(str(c) for c in getattr(model, "classes_", []))
        if got != sorted(expected_labels):
            raise LabelMismatchError(
                f"{str(path)!r} predicts labels {got}, but {sorted(expected_labels)} were expected; "
                "load a model trained for this task."
            )
    return model


#: File of the bundled default models (stance and sentiment share features).
DEFAULT_MODEL_FILE = "default.skm"


def load_default(task: str = "stance") -> Any:
    """Load a bundled default model: ``'stance'`` or ``'sentiment'``.

    The two share one fitted feature transformer, so using both costs one
    feature pass. They take German and English statements alike. The file is
    loaded once per process and cached.

    Parameters
    ----------
    task : {'stance', 'sentiment'}, default='stance'

    Returns
    -------
    StanceClassifier or SentimentClassifier
        Fitted, with its card as ``model_card_`` (docs/model_card.md).

    Examples
    --------
    >>> clf = load_default("stance")
    >>> sorted(clf.classes_.tolist())
    ['cooperative', 'neutral', 'threatening']
    >>> load_default("sentiment").predict(["This is a great success for both our countries"]).tolist()
    ['positive']
    """
    if task not in ("stance", "sentiment"):
        raise ValueError(f"unknown task {task!r}; choose 'stance' or 'sentiment'")
    return _load_defaults()[task]


_DEFAULTS: dict = {}


def _load_defaults() -> dict:
    if not _DEFAULTS:
        path = Path(str(data_path("models", DEFAULT_MODEL_FILE)))
        if not path.exists():
            raise ModelFormatError(
                f"the default models are missing ({path}); rebuild them with "
                "`python scripts/build_default_models.py` or reinstall stancekit"
            )
        bundle = load_model(path)
        for task in ("stance", "sentiment"):
            bundle[task].model_card_ = bundle["cards"][task]
        _DEFAULTS.update(stance=bundle["stance"], sentiment=bundle["sentiment"])
    return _DEFAULTS
