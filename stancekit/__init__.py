"""stancekit: who said what, and in what stance, in German and English news.

Subpackages and modules
-----------------------
extract
    Quotations, speakers, actors (rules over nltk tokens plus data lexicons).
features
    scikit-learn transformers over statements (n-grams, lexicon cues).
classifiers
    :class:`StanceClassifier`, :class:`SentimentClassifier` and their head.
persistence
    Versioned model files with model cards, integrity and trust checks.
datasets
    The authored corpus and articles shipped with stancekit.
training
    Cross-validated training and evaluation used by the CLI.
batch
    Corpus-scale runs: chunked, parallel, resumable, every document accounted for.
report
    Actor-level tables with bootstrap intervals, dyads, timelines, event export, plots.
validation
    Stratified samples for hand-coding and the model's scores against the codes.
dask
    The same analysis over Dask bags and dataframes (optional extra).
"""

from . import exceptions as _exceptions
from ._version import __version__
from .analyzer import Analyzer, analyze, clean_text
from .batch import BatchSummary, read_results, run_batch
from .classifiers import LinearHead, SentimentClassifier, StanceClassifier, StatementClassifier
from .exceptions import (
    CorpusError,
    EmptyInputError,
    EncodingError,
    InputTooLargeError,
    InputTypeError,
    LabelMismatchError,
    ModelFormatError,
    ModelIntegrityError,
    NotFittedError,
    StancekitError,
    UnsupportedLanguageError,
    UntrustedModelError,
)
from .extract.statements import extract_statements
from .features import LexiconFeatures, StatementFeatures
from .frame import to_frame
from .lang import detect_language
from .persistence import load_default, load_model, read_card, save_model
from .report import write_report
from .statement import Statement

__all__ = [
    "__version__",
    "Analyzer",
    "analyze",
    "clean_text",
    "extract_statements",
    "detect_language",
    "Statement",
    "StanceClassifier",
    "SentimentClassifier",
    "StatementClassifier",
    "LinearHead",
    "StatementFeatures",
    "LexiconFeatures",
    "load_default",
    "load_model",
    "save_model",
    "read_card",
    "to_frame",
    "run_batch",
    "read_results",
    "BatchSummary",
    "write_report",
    *_exceptions.__all__,
]
