"""Exceptions raised by stancekit.

Every error a user can cause derives from :class:`StancekitError` and from the
built-in exception that describes its nature (``ValueError`` or ``TypeError``),
so ``except ValueError`` keeps working for callers that do not know stancekit.
Messages name the problem and the fix.
"""

from __future__ import annotations

__all__ = [
    "StancekitError",
    "InputTypeError",
    "EmptyInputError",
    "InputTooLargeError",
    "UnsupportedLanguageError",
    "EncodingError",
    "CorpusError",
    "ModelFormatError",
    "ModelIntegrityError",
    "UntrustedModelError",
    "LabelMismatchError",
    "NotFittedError",
]


class StancekitError(Exception):
    """Base class of every error stancekit raises on purpose.

    Catch it to handle any stancekit error in one place; each subclass is also
    a ``ValueError`` or ``TypeError``.

    Examples
    --------
    >>> import stancekit
    >>> try:
    ...     stancekit.analyze("   ")
    ... except StancekitError as exc:
    ...     print(type(exc).__name__)
    EmptyInputError
    """


class InputTypeError(StancekitError, TypeError):
    """The input has the wrong type (``None``, bytes, a single string where a list is expected).

    Examples
    --------
    >>> import stancekit
    >>> stancekit.analyze(b"bytes, not text")
    Traceback (most recent call last):
    ...
    stancekit.exceptions.InputTypeError: text is bytes; decode it first, e.g. data.decode('utf-8'), or pass a str
    >>> issubclass(InputTypeError, TypeError)
    True
    """


class EmptyInputError(StancekitError, ValueError):
    """The input is empty or only whitespace.

    Examples
    --------
    >>> import stancekit
    >>> stancekit.analyze("")
    Traceback (most recent call last):
    ...
    stancekit.exceptions.EmptyInputError: text is empty or only whitespace; nothing to analyse
    """


class InputTooLargeError(StancekitError, ValueError):
    """The input exceeds the configured size limit.

    Examples
    --------
    >>> import stancekit
    >>> stancekit.clean_text("x" * 20, max_chars=10)
    Traceback (most recent call last):
    ...
    stancekit.exceptions.InputTooLargeError: text has 20 characters, over the limit of 10; ...
    """


class UnsupportedLanguageError(StancekitError, ValueError):
    """The text's language is not one stancekit has data for.

    Also raised when a text is too short to tell; pass ``lang`` then.

    Examples
    --------
    >>> import stancekit
    >>> stancekit.detect_language("Danke, gut")
    Traceback (most recent call last):
    ...
    stancekit.exceptions.UnsupportedLanguageError: could not recognise German or English in the text ...
    """


class EncodingError(StancekitError, ValueError):
    """A file could not be decoded with the given or detected encoding.

    The message names the offending bytes and suggests ``--encoding`` /
    ``encoding=``.

    Examples
    --------
    >>> issubclass(EncodingError, ValueError)
    True
    """


class CorpusError(StancekitError, ValueError):
    """A labelled corpus is malformed: missing column, bad row, too few examples.

    Examples
    --------
    >>> import stancekit
    >>> stancekit.StanceClassifier().fit(["We are ready", "Wir sind bereit"], ["neutral", "neutral"])
    Traceback (most recent call last):
    ...
    stancekit.exceptions.CorpusError: all statements have the label ...; a classifier needs at least two labels
    """


class ModelFormatError(StancekitError, ValueError):
    """A model file is not a stancekit model, is truncated, or has an unknown format version.

    Examples
    --------
    >>> import stancekit
    >>> stancekit.read_card("no-such-model.skm")
    Traceback (most recent call last):
    ...
    stancekit.exceptions.ModelFormatError: model file 'no-such-model.skm' does not exist
    """


class ModelIntegrityError(StancekitError, ValueError):
    """A model file does not match its recorded SHA-256 digest.

    Raised for any file whose payload differs from the digest in its own
    header (truncated or modified), and for a shipped model that differs from
    ``stancekit/data/models/MANIFEST.json``.

    Examples
    --------
    >>> issubclass(ModelIntegrityError, ValueError)
    True
    """


class UntrustedModelError(StancekitError, ValueError):
    """A model file would need unpickling, which can run code, and was not marked trusted.

    Load the file with ``load_model(path, trusted=True)`` (CLI:
    ``--trust-model``) only if you know where it comes from.

    Examples
    --------
    >>> import os, tempfile, stancekit
    >>> clf = stancekit.StanceClassifier().fit(["We will strike", "We welcome talks"] * 2, ["threat", "coop"] * 2)
    >>> path = os.path.join(tempfile.mkdtemp(), "m.skm")
    >>> _ = stancekit.save_model(clf, path)
    >>> stancekit.load_model(path)
    Traceback (most recent call last):
    ...
    stancekit.exceptions.UntrustedModelError: refusing to load '...m.skm': stancekit models contain a pickle, ...
    """


class LabelMismatchError(StancekitError, ValueError):
    """A model was trained on other labels than the caller expects.

    Raised by ``load_model(..., expected_labels=...)``.

    Examples
    --------
    >>> import stancekit
    >>> path = stancekit.persistence.data_path("models", "default.skm")
    >>> stancekit.load_model(str(path), expected_labels=["FAVOR", "AGAINST", "NONE"])
    Traceback (most recent call last):
    ...
    stancekit.exceptions.LabelMismatchError: ...
    """


class NotFittedError(StancekitError, ValueError, AttributeError):
    """An estimator was used before ``fit``.

    Subclasses scikit-learn's convention (``ValueError`` and ``AttributeError``)
    so that :func:`sklearn.utils.validation.check_is_fitted` callers catch it.

    Examples
    --------
    >>> import stancekit
    >>> stancekit.StanceClassifier().predict(["We are ready"])
    Traceback (most recent call last):
    ...
    stancekit.exceptions.NotFittedError: This StanceClassifier instance is not fitted yet. ...
    """
