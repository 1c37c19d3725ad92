"""Shared fixtures: the third-party data in ../shared is optional (a user's clone may lack it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stancekit.extract.scoring import overlap_match  # noqa: F401  (re-exported for the tests)

SHARED = Path(os.environ.get("STANCEKIT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
ROOT = Path(__file__).resolve().parents[1]

needs_shared = pytest.mark.skipif(
    not (SHARED / "data").is_dir(),
    reason=f"third-party data not found at {SHARED} (set STANCEKIT_SHARED); CI provides it",
)
