"""Package names imported when first used (PEP 562), so importing one small module of a package does not
import everything its `__init__` re-exports.

A package lists where each name lives and hands the loader to the interpreter as its `__getattr__`:

    __getattr__ = names_from(__name__, {"build_recipe": "build", ...})
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def names_from(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that imports `package.<homes[name]>` and returns its `name`."""

    def load(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{home}"), name)

    return load
