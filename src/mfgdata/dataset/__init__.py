"""Reading raw manufacturing data: delimited text in any Korean encoding, Excel, Parquet, JSON Lines,
signal recordings and image collections.

The names below are imported when first used, so that a module needing one small part of this package
(`row_numbers`, `headers`) does not pay for every reader.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mfgdata.dataset.model import Column, Dataset, Source, SourceFile, Unparsed
    from mfgdata.dataset.opener import open_dataset, open_source

_HOMES = {
    "Column": "model",
    "Dataset": "model",
    "Source": "model",
    "SourceFile": "model",
    "Unparsed": "model",
    "open_dataset": "opener",
    "open_source": "opener",
}

__all__ = ["Column", "Dataset", "Source", "SourceFile", "Unparsed", "open_dataset", "open_source"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
