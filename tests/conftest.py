"""Shared fixtures: the third-party data in ../shared is optional (a user's clone may lack it)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("STANCEKIT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
ROOT = Path(__file__).resolve().parents[1]

needs_shared = pytest.mark.skipif(
    not (SHARED / "data").is_dir(),
    reason=f"third-party data not found at {SHARED} (set STANCEKIT_SHARED); CI provides it",
)


def _toks(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def overlap_match(a: str, b: str, threshold: float = 0.6) -> bool:
    """Gold matching rule: the shorter's tokens are >= 60 % contained in the longer."""
    ta, tb = _toks(a), _toks(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    pool = set(long_)
    return sum(t in pool for t in short) / len(short) >= threshold
