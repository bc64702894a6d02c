"""Quality verification: checks declared in the contract, run on DuckDB or Spark, scored and certified."""

from mfgdata.quality.verify import Verification, verify

__all__ = ["Verification", "verify"]
