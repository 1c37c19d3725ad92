"""Documentation checks: every public function and class has a numpydoc docstring with a doctested example."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import stancekit

PUBLIC_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(stancekit.__path__, "stancekit.")
    if not any(part.startswith("_") for part in m.name.split(".")[1:])
)


def _public_objects():
    seen = set()
    for name in ["stancekit"] + PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__.startswith("stancekit"):
                key = f"{obj.__module__}.{obj.__qualname__}"
                if key not in seen:
                    seen.add(key)
                    yield key, obj


@pytest.mark.parametrize("name,obj", list(_public_objects()), ids=lambda x: x if isinstance(x, str) else "")
def test_public_api_has_an_example(name, obj):
    doc = inspect.getdoc(obj) or ""
    assert doc.strip(), f"{name} has no docstring"
    assert "Examples\n--------" in doc and ">>>" in doc, f"{name}: add a numpydoc 'Examples' section with a doctest"


def test_every_module_has_a_docstring_and_all():
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        assert (module.__doc__ or "").strip(), f"{name} has no module docstring"
        assert hasattr(module, "__all__") or name.endswith("__main__"), f"{name} does not declare __all__"
