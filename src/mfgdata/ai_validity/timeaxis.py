"""Time and group keys of a built table as plain numbers, for splitting and for counting failure events."""

from __future__ import annotations

import numpy as np

from mfgdata.ai_validity.product import BuiltProduct


def as_seconds(values: np.ndarray) -> np.ndarray:
    """Timestamps (or dates, or cycle counters) as float seconds / counts; NaN where missing."""
    if values.dtype.kind == "M":
        microseconds = values.astype("datetime64[us]")
        seconds = microseconds.astype(np.int64).astype(float) / 1e6
        return np.where(np.isnat(microseconds), np.nan, seconds)
    if values.dtype.kind in "iuf":
        return values.astype(float)
    parsed = np.array([np.datetime64(v) if v is not None else np.datetime64("NaT") for v in values])
    return as_seconds(parsed)


def time_column(product: BuiltProduct) -> str | None:
    """The first column with role `timestamp`, if any."""
    columns = product.roles("timestamp")
    return columns[0].name if columns else None


def group_column(product: BuiltProduct) -> str | None:
    """The first entity column (engine, machine), else the first lot column, if any."""
    for role in ("entity", "lot"):
        columns = product.roles(role)
        if columns:
            return columns[0].name
    return None


def group_keys(values: np.ndarray) -> np.ndarray:
    """Group values as text keys (so ints, floats and strings compare alike; missing is its own group)."""
    return np.array(["" if v is None else str(v) for v in values], dtype=object)
