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
    """Base class of every error stancekit raises on purpose."""


class InputTypeError(StancekitError, TypeError):
    """The input has the wrong type (``None``, bytes, a single string where a list is expected)."""


class EmptyInputError(StancekitError, ValueError):
    """The input is empty or only whitespace."""


class InputTooLargeError(StancekitError, ValueError):
    """The input exceeds the configured size limit."""


class UnsupportedLanguageError(StancekitError, ValueError):
    """The text's language is not one stancekit has data for."""


class EncodingError(StancekitError, ValueError):
    """A file could not be decoded with the given or detected encoding."""


class CorpusError(StancekitError, ValueError):
    """A labelled corpus is malformed: missing column, bad row, too few examples."""


class ModelFormatError(StancekitError, ValueError):
    """A model file is not a stancekit model, is truncated, or has an unknown format version."""


class ModelIntegrityError(StancekitError, ValueError):
    """A shipped model file does not match its recorded SHA-256 digest."""


class UntrustedModelError(StancekitError, ValueError):
    """A model file would need unpickling, which can run code, and was not marked trusted."""


class LabelMismatchError(StancekitError, ValueError):
    """A model was trained on other labels than the caller expects."""


class NotFittedError(StancekitError, ValueError, AttributeError):
    """An estimator was used before ``fit``.

    Subclasses scikit-learn's convention (``ValueError`` and ``AttributeError``)
    so that :func:`sklearn.utils.validation.check_is_fitted` callers catch it.
    """
