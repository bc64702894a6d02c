"""Apache Spark as a quality engine: the same SQL text as DuckDB, on a local or remote Spark.

The master comes from `MFGDATA_SPARK_MASTER` (default `local[2]`; `spark://host:7077` for a cluster).
One SparkSession is made per process and reused (`getOrCreate`); the session time zone is Asia/Seoul
like DuckDB's. Spark reads the staged Parquet files that already carry `__row` (the runner stages them
with DuckDB, streaming), so example rows are numbered the same on both engines.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from mfgdata.quality.dialect import ROW, Dialect
from mfgdata.quality.engine import kind_of, plain
from mfgdata.quality.errors import quality_error
from mfgdata.quality.model import ColumnKind


def spark_session() -> Any:
    """The process's SparkSession (made on first use)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise quality_error(
            "spark-missing",
            "Spark 엔진에는 pyspark가 필요합니다. 'pip install mfgdata[spark]'로 설치하세요.",
            "The Spark engine needs pyspark. Install it with 'pip install mfgdata[spark]'.",
        ) from None
    master = os.environ.get("MFGDATA_SPARK_MASTER", "local[2]")
    session = (
        SparkSession.builder.master(master)
        .appName("mfgdata-verify")
        .config("spark.sql.session.timeZone", "Asia/Seoul")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def _aware(value: Any) -> Any:
    return value.astimezone() if isinstance(value, dt.datetime) and value.tzinfo is None else value


class SparkEngine:
    """Spark SQL over temporary views of the staged Parquet files."""

    dialect = Dialect("spark")
    needs_numbered = True

    def __init__(self) -> None:
        self.spark = spark_session()
        self.views: list[str] = []

    def register(self, relation: str, parquet: Path, *, numbered: bool) -> dict[str, ColumnKind]:
        if not numbered:
            raise ValueError("Spark reads staged files that carry the row number")
        frame = self.spark.read.parquet(str(parquet))
        frame.createOrReplaceTempView(relation)
        self.views.append(relation)
        return {
            field.name: kind_of(field.dataType.simpleString()) for field in frame.schema.fields if field.name != ROW
        }

    def fetch(self, sql: str) -> list[tuple[Any, ...]]:
        frame = self.spark.sql(sql)
        # PySpark hands TIMESTAMP (instant) values over as naive datetimes in the Python process's local zone;
        # made aware here, `plain` shows them in Asia/Seoul like DuckDB's TIMESTAMPTZ.
        instants = [field.dataType.simpleString() == "timestamp" for field in frame.schema.fields]
        return [
            tuple(plain(_aware(value) if instant else value) for value, instant in zip(row, instants, strict=True))
            for row in frame.collect()
        ]

    def expression_type(self, relation: str, expression: str) -> str:
        frame = self.spark.sql(f"SELECT ({expression}) AS rule_value FROM {relation} LIMIT 0")
        return str(frame.schema.fields[0].dataType.simpleString())

    def few_valued_columns(self, relation: str) -> frozenset[str]:
        """None known: Spark reads no per-file statistics here, and judges every row."""
        return frozenset()

    def close(self) -> None:
        for view in self.views:
            self.spark.catalog.dropTempView(view)
