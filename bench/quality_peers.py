"""The 15 checks of `quality_bench.py` written for the peer tools: Soda Core on DuckDB, Great Expectations
(pandas and SQL on DuckDB) and pandera on Polars (lazy). Runs in the benchmark virtualenv (.venv-bench),
never in the project's: one tool per process, the verdict of every check printed as a JSON list on the last
line, in the suite's order, so `quality_bench.py` can compare it with mfgdata and the hand-written SQL.

    .venv-bench/bin/python bench/quality_peers.py soda|gx-pandas|gx-sql|pandera-polars FILE.parquet WORKDIR

Each tool is given the checks in its own idiom. Where it has no per-entity time check (Great Expectations on
pandas, pandera), the per-machine lag is computed with the tool's own dataframe library inside the timed run.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

# pandera validates only the schema of a LazyFrame unless asked to check the data too.
os.environ.setdefault("PANDERA_VALIDATION_DEPTH", "SCHEMA_AND_DATA")

RECIPES = ["PA6-GF30", "PC-ABS", "PP-T20", "POM"]
RANGES = {"temperature_c": (-20, 150), "pressure_bar": (0, 20), "humidity_pct": (0, 100), "spindle_rpm": (0, 5000)}

# Per-machine time order (file order) and gaps over 1.5 s (time order), as SQL over a view with `file_row`.
ORDER_SQL = (
    "SELECT * FROM (SELECT ts, LAG(ts) OVER (PARTITION BY machine_id ORDER BY file_row) AS p FROM {t}) WHERE ts < p"
)
GAPS_SQL = (
    "SELECT * FROM (SELECT ts, LAG(ts) OVER (PARTITION BY machine_id ORDER BY ts) AS p FROM {t}) "
    "WHERE epoch(ts) - epoch(p) > 1.5"
)
RULE_SQL = "SELECT * FROM {t} WHERE NOT (power_kw >= 0 AND current_a >= 0)"


def _duckdb_view(parquet: Path, database: str = ":memory:") -> Any:
    """A DuckDB connection (of the peer venv's duckdb, imported here) with the `sensors` view over the file."""
    import duckdb

    con = duckdb.connect(database)
    con.execute("SET memory_limit = '1GB'")
    con.execute(
        f"CREATE OR REPLACE VIEW sensors AS SELECT *, file_row_number AS file_row "
        f"FROM read_parquet('{parquet}', file_row_number = true)"
    )
    return con


def soda(parquet: Path, work: Path) -> list[bool]:
    """SodaCL checks on a DuckDB view of the Parquet file; failed-rows checks for the per-machine SQL."""
    from soda.execution.check_outcome import CheckOutcome
    from soda.scan import Scan

    ranges = [(f"invalid_count({c}) = 0", {"valid min": lo, "valid max": hi}) for c, (lo, hi) in RANGES.items()]
    suite: list[tuple[str, dict[str, object]]] = [
        ("row_count >= 1", {}),
        ("missing_count(ts) = 0", {}),
        ("missing_count(machine_id) = 0", {}),
        ("missing_percent(temperature_c) <= 1", {}),
        ("invalid_count(recipe) = 0", {"valid values": RECIPES}),
        ("invalid_count(lot_id) = 0", {"valid regex": "^LOT-[0-9]{6}$"}),
        *ranges,
        ("duplicate_count(machine_id, ts) = 0", {}),
        ("failed rows", {"fail query": ORDER_SQL.format(t="sensors")}),
        ("failed rows", {"fail query": GAPS_SQL.format(t="sensors")}),
        ("failed rows", {"fail query": RULE_SQL.format(t="sensors")}),
        ("invalid_count(defect) = 0", {"valid values": [0, 1], "missing values": []}),
        ("missing_count(defect) = 0", {}),
    ]
    # Every check is named by its place in the suite: Soda reports them in its own order.
    body = {"checks for sensors": [{check: {**config, "name": f"c{i:02d}"}} for i, (check, config) in enumerate(suite)]}
    scan = Scan()
    scan.set_data_source_name("duckdb")
    scan.add_duckdb_connection(_duckdb_view(parquet), data_source_name="duckdb")
    scan.add_sodacl_yaml_str(json.dumps(body))
    scan.execute()
    outcome = {check.name: check.outcome == CheckOutcome.PASS for check in scan._checks}
    passed = [outcome[f"c{i:02d}"] for i in range(len(suite))]
    # The last two are one check of the suite (label classes: only known values, none missing).
    return [*passed[:-2], passed[-2] and passed[-1]]


def _gx_suite_common(gx: Any) -> list[Any]:
    """The twelve checks GX states the same way on pandas and on SQL (`gx` is the module, imported by the caller)."""
    e = gx.expectations
    expectations = [
        e.ExpectTableRowCountToBeBetween(min_value=1),
        e.ExpectColumnValuesToNotBeNull(column="ts"),
        e.ExpectColumnValuesToNotBeNull(column="machine_id"),
        e.ExpectColumnValuesToNotBeNull(column="temperature_c", mostly=0.99),
        e.ExpectColumnValuesToBeInSet(column="recipe", value_set=RECIPES),
        e.ExpectColumnValuesToMatchRegex(column="lot_id", regex=r"^LOT-[0-9]{6}$"),
    ]
    expectations += [
        e.ExpectColumnValuesToBeBetween(column=c, min_value=lo, max_value=hi) for c, (lo, hi) in RANGES.items()
    ]
    expectations.append(e.ExpectCompoundColumnsToBeUnique(column_list=["machine_id", "ts"]))
    return expectations


def _gx_verdicts(suite: Any, results: list[Any]) -> list[bool]:
    """GX returns results in its own order: put them back in the suite's."""
    by_id = {r.expectation_config.id: bool(r.success) for r in results}
    return [by_id[e.id] for e in suite.expectations]


def gx_pandas(parquet: Path, work: Path) -> list[bool]:
    """Great Expectations 1.x on a pandas DataFrame; per-machine lags computed with pandas in the run."""
    import great_expectations as gx
    import pandas as pd

    frame = pd.read_parquet(parquet)
    by_machine = frame.groupby("machine_id", sort=False)["ts"]
    frame["ts_step_file"] = (frame["ts"] - by_machine.shift()).dt.total_seconds()
    ordered = frame.sort_values(["machine_id", "ts"], kind="stable")
    frame["ts_step_time"] = (ordered["ts"] - ordered.groupby("machine_id", sort=False)["ts"].shift()).dt.total_seconds()
    frame["rule_ok"] = (frame["power_kw"] >= 0) & (frame["current_a"] >= 0)
    e = gx.expectations
    expectations = [
        *_gx_suite_common(gx),
        e.ExpectColumnValuesToBeBetween(column="ts_step_file", min_value=0),
        e.ExpectColumnValuesToBeBetween(column="ts_step_time", max_value=1.5),
        e.ExpectColumnValuesToBeInSet(column="rule_ok", value_set=[True]),
        e.ExpectColumnValuesToBeInSet(column="defect", value_set=[0, 1]),
    ]
    context = gx.get_context(mode="ephemeral")
    batch = (
        context.data_sources.add_pandas("pandas")
        .add_dataframe_asset("sensors")
        .add_batch_definition_whole_dataframe("all")
        .get_batch(batch_parameters={"dataframe": frame})
    )
    suite = context.suites.add(gx.ExpectationSuite(name="sensors", expectations=expectations))
    passed = _gx_verdicts(suite, batch.validate(suite, result_format="BOOLEAN_ONLY").results)
    not_null_defect = bool(frame["defect"].notna().all())
    return [*passed[:-1], passed[-1] and not_null_defect]


class _DialectName(str):
    """A dialect name GX can compare like its own enum members (they carry the name in `.value`)."""

    @property
    def value(self) -> str:
        return str(self)


def gx_sql(parquet: Path, work: Path) -> list[bool]:
    """Great Expectations 1.x on DuckDB through SQLAlchemy (duckdb-engine), the per-machine checks as SQL."""
    import great_expectations as gx
    from great_expectations.execution_engine import sqlalchemy_execution_engine as engine

    # GX reads a result after closing its connection, which duckdb-engine answers with no rows; GX keeps one
    # connection open for SQLite and SQL Server, and does so for DuckDB here too.
    engine._PERSISTED_CONNECTION_DIALECTS = (*engine._PERSISTED_CONNECTION_DIALECTS, _DialectName("duckdb"))
    database = work / "gx.duckdb"
    database.unlink(missing_ok=True)
    _duckdb_view(parquet, str(database)).close()
    e = gx.expectations
    expectations = _gx_suite_common(gx)
    # "Regex is not supported for dialect duckdb": the regex check as the SQL a GX user would write instead.
    expectations[5] = e.UnexpectedRowsExpectation(
        unexpected_rows_query="SELECT * FROM {batch} WHERE NOT regexp_full_match(lot_id, 'LOT-" + "[0-9]" * 6 + "')"
    )
    expectations += [
        e.UnexpectedRowsExpectation(unexpected_rows_query=ORDER_SQL.format(t="{batch}")),
        e.UnexpectedRowsExpectation(unexpected_rows_query=GAPS_SQL.format(t="{batch}")),
        e.UnexpectedRowsExpectation(unexpected_rows_query=RULE_SQL.format(t="{batch}")),
        e.UnexpectedRowsExpectation(
            unexpected_rows_query="SELECT * FROM {batch} WHERE defect IS NULL OR defect NOT IN (0, 1)"
        ),
    ]
    context = gx.get_context(mode="ephemeral")
    batch = (
        context.data_sources.add_sql("duckdb", connection_string=f"duckdb:///{database}")
        .add_table_asset("sensors", table_name="sensors")
        .add_batch_definition_whole_table("all")
        .get_batch()
    )
    suite = context.suites.add(gx.ExpectationSuite(name="sensors", expectations=expectations))
    return _gx_verdicts(suite, batch.validate(suite, result_format="BOOLEAN_ONLY").results)


def pandera_polars(parquet: Path, work: Path) -> list[bool]:
    """pandera on a Polars LazyFrame: one schema per check, so each verdict is known (lazy=True collects all)."""
    import pandera.polars as pa
    import polars as pl

    frame = pl.scan_parquet(parquet).with_row_index("file_row")
    lag = pl.col("ts").shift().over("machine_id")
    checks: list[pa.DataFrameSchema] = [
        pa.DataFrameSchema(checks=[pa.Check(lambda d: d.lazyframe.select(pl.len() >= 1))]),
        pa.DataFrameSchema({"ts": pa.Column(nullable=False)}),
        pa.DataFrameSchema({"machine_id": pa.Column(nullable=False)}),
        pa.DataFrameSchema(
            checks=[pa.Check(lambda d: d.lazyframe.select(pl.col("temperature_c").is_null().mean() <= 0.01))]
        ),
        pa.DataFrameSchema({"recipe": pa.Column(str, pa.Check.isin(RECIPES))}),
        pa.DataFrameSchema({"lot_id": pa.Column(str, pa.Check.str_matches(r"^LOT-[0-9]{6}$"))}),
        *[
            pa.DataFrameSchema({c: pa.Column(nullable=True, checks=pa.Check.in_range(lo, hi))})
            for c, (lo, hi) in RANGES.items()
        ],
        pa.DataFrameSchema(unique=["machine_id", "ts"]),
        pa.DataFrameSchema(
            checks=[pa.Check(lambda d: d.lazyframe.sort("file_row").select((pl.col("ts") >= lag) | lag.is_null()))]
        ),
        pa.DataFrameSchema(
            checks=[
                pa.Check(
                    lambda d: d.lazyframe.sort("machine_id", "ts").select(
                        ((pl.col("ts") - lag).dt.total_milliseconds() <= 1500) | lag.is_null()
                    )
                )
            ]
        ),
        pa.DataFrameSchema(
            checks=[pa.Check(lambda d: d.lazyframe.select((pl.col("power_kw") >= 0) & (pl.col("current_a") >= 0)))]
        ),
        pa.DataFrameSchema({"defect": pa.Column(nullable=False, checks=pa.Check.isin([0, 1]))}),
    ]
    verdicts = []
    for schema in checks:
        try:
            schema.validate(frame, lazy=True).collect()
            verdicts.append(True)
        except (pa.errors.SchemaError, pa.errors.SchemaErrors):
            verdicts.append(False)
    return verdicts


TOOLS = {"soda": soda, "gx-pandas": gx_pandas, "gx-sql": gx_sql, "pandera-polars": pandera_polars}


def main() -> int:
    tool, parquet, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    print(json.dumps(TOOLS[tool](parquet, work)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
