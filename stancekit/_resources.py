"""Access to the language data shipped in :mod:`stancekit.data`.

Language knowledge (cue verbs, role words, lexicons, the actor gazetteer) is
data, read with :mod:`importlib.resources`, so that adding a language means
adding data files, not code.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from .exceptions import UnsupportedLanguageError

#: Languages for which stancekit ships extraction data.
LANGUAGES = ("de", "en")


def data_path(*parts: str):
    """Return a traversable for a file below ``stancekit/data``."""
    node = resources.files("stancekit.data")
    for part in parts:
        node = node / part
    return node


@functools.lru_cache(maxsize=None)
def load_json(*parts: str) -> Any:
    """Read and cache a JSON data file below ``stancekit/data``."""
    return json.loads(data_path(*parts).read_text(encoding="utf-8"))


def check_lang(lang: str) -> str:
    """Return ``lang`` if stancekit has data for it, else raise a clear error."""
    if lang not in LANGUAGES:
        raise UnsupportedLanguageError(
            f"language {lang!r} is not supported; stancekit has data for "
            f"{', '.join(LANGUAGES)}. Pass lang='de' or lang='en', or add the data "
            "files for a new language (see docs/languages.md)."
        )
    return lang


def words(text: str) -> frozenset[str]:
    """Split a space-separated word list from a data file into a set."""
    return frozenset(text.split())
