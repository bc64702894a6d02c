"""DuckDB/Parquet column types in the words of each metadata format."""

from __future__ import annotations

_INTEGER = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
_NUMBER = ("FLOAT", "DOUBLE", "REAL", "DECIMAL")


def kind_of(duckdb_type: str) -> str:
    """One of integer, number, boolean, datetime, date, time, string."""
    upper = duckdb_type.upper()
    if upper in _INTEGER:
        return "integer"
    if upper.startswith(_NUMBER):
        return "number"
    if upper == "BOOLEAN":
        return "boolean"
    if upper.startswith("TIMESTAMP"):
        return "datetime"
    if upper == "DATE":
        return "date"
    if upper.startswith("TIME"):
        return "time"
    return "string"


FRICTIONLESS = {
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "datetime": "datetime",
    "date": "date",
    "time": "time",
    "string": "string",
}
CROISSANT = {
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "datetime": "sc:DateTime",
    "date": "sc:Date",
    "time": "sc:Text",
    "string": "sc:Text",
}
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".parquet": "application/vnd.apache.parquet",
    ".json": "application/json",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".aasx": "application/asset-administration-shell-package",
}
