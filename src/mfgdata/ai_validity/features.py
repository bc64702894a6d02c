"""The feature matrix of a tabular product: numbers as floats, text as category codes (for LightGBM)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mfgdata.ai_validity.product import BuiltProduct


@dataclass(frozen=True)
class Matrix:
    """Rows × features as float64 (NaN for missing), with the names and which ones are categories."""

    values: np.ndarray
    names: tuple[str, ...]
    categorical: tuple[int, ...]


def _text(values: np.ndarray) -> np.ndarray:
    return np.array(["" if v is None else str(v) for v in values], dtype=object)


def text_codes(values: np.ndarray) -> list[str]:
    """The sorted texts of a category column; a value's code is its index here (the model card keeps it)."""
    return [str(value) for value in np.unique(_text(values))]


def _encode(values: np.ndarray) -> tuple[np.ndarray, bool]:
    if values.dtype.kind in "iufb":
        return values.astype(float), False
    text = _text(values)
    missing = np.array([v is None for v in values])
    codes = np.unique(text, return_inverse=True)[1].astype(float)  # sorted values: codes do not depend on labels
    return np.where(missing, np.nan, codes), True


def feature_matrix(product: BuiltProduct, names: tuple[str, ...]) -> Matrix:
    """Encode the chosen feature columns of the built table."""
    columns, categorical = [], []
    for index, name in enumerate(names):
        encoded, is_category = _encode(product.values(name))
        columns.append(encoded)
        if is_category:
            categorical.append(index)
    values = np.column_stack(columns) if columns else np.zeros((product.table.num_rows, 0))
    return Matrix(values, names, tuple(categorical))
