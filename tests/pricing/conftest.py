"""Pricing tests share the packaging fixtures: a built AI4I project per test."""

from __future__ import annotations

from ..packaging.conftest import ai4i, built_ai4i, pseudonym_key  # noqa: F401  (fixtures)
