"""Reading raw manufacturing data: delimited text in any Korean encoding, Excel, Parquet, JSON Lines,
signal recordings and image collections.

The names below are imported when first used, so that a module needing one small part of this package
(`row_numbers`, `headers`) does not pay for every reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mfgdata.lazy_names import names_from

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

__getattr__ = names_from(__name__, _HOMES)
