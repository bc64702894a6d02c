"""Reading raw manufacturing data: delimited text in any Korean encoding, Excel, Parquet, JSON Lines,
signal recordings and image collections."""

from mfgdata.dataset.model import Column, Dataset, Source, SourceFile, Unparsed
from mfgdata.dataset.opener import open_dataset, open_source

__all__ = ["Column", "Dataset", "Source", "SourceFile", "Unparsed", "open_dataset", "open_source"]
