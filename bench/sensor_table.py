"""The synthetic sensor table of the profiling benchmark, generated with DuckDB SQL only.

One reading per second per machine (50 machines), 20 columns: a timestamp, machine and lot ids, 13 float
sensors with drift, daily swing, noise and a few nulls, two integers, a recipe and a 0/1 defect label.
Values come from hashes of the row number, so every run writes the same file.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

MACHINES = 50

# (name, base, per-machine offset, daily swing, noise, share of nulls): 13 float sensors.
SENSORS: tuple[tuple[str, float, float, float, float, float], ...] = (
    ("temperature_c", 65.0, 0.3, 4.0, 0.8, 0.002),
    ("pressure_bar", 6.0, 0.02, 0.3, 0.05, 0.001),
    ("vibration_mm_s", 2.5, 0.05, 0.4, 0.3, 0.005),
    ("humidity_pct", 45.0, 0.1, 6.0, 1.5, 0.01),
    ("current_a", 18.0, 0.1, 1.5, 0.4, 0.0),
    ("voltage_v", 380.0, 0.0, 2.0, 1.2, 0.0),
    ("flow_l_min", 12.0, 0.05, 0.8, 0.3, 0.003),
    ("torque_nm", 45.0, 0.2, 3.0, 1.0, 0.002),
    ("power_kw", 7.5, 0.03, 0.6, 0.2, 0.0),
    ("coolant_temp_c", 22.0, 0.05, 1.5, 0.3, 0.004),
    ("oil_pressure_bar", 3.2, 0.01, 0.1, 0.04, 0.02),
    ("acoustic_db", 78.0, 0.1, 2.0, 1.5, 0.001),
    ("tool_wear_mm", 0.1, 0.0, 0.0, 0.01, 0.0),
)


def _uniform(k: int) -> str:
    """A deterministic uniform value in [0, 1) from the row number and a stream number."""
    return f"((hash(i, {k}) % 1000003)::DOUBLE / 1000003)"


def _noise(k: int) -> str:
    """Roughly normal noise with standard deviation 1 (a sum of three uniforms, rescaled)."""
    return f"(({_uniform(k)} + {_uniform(k + 100)} + {_uniform(k + 200)} - 1.5) * 2.0)"


def _sensor(index: int, sensor: tuple[str, float, float, float, float, float]) -> str:
    name, base, offset, swing, noise, nulls = sensor
    value = f"round({base} + {offset} * m + {swing} * sin(s / 13751.0) + {noise} * {_noise(index)}, 3)"
    if name == "tool_wear_mm":
        value = f"round({base} + (s % 28800) / 28800.0 * 0.4 + {noise} * {_noise(index)}, 4)"
    if nulls:
        value = f"CASE WHEN {_uniform(index + 300)} < {nulls} THEN NULL ELSE {value} END"
    return f"{value} AS {name}"


def table_sql(rows: int) -> str:
    """The synthetic sensor table: one reading per second per machine, 20 columns, deterministic."""
    columns = [
        "TIMESTAMP '2024-01-01 00:00:00' + to_seconds(s) AS ts",
        "'M' || lpad((m + 1)::VARCHAR, 2, '0') AS machine_id",
        "'LOT-' || lpad((m * 1000 + s // 3600)::VARCHAR, 6, '0') AS lot_id",
        *(_sensor(index + 1, sensor) for index, sensor in enumerate(SENSORS)),
        f"(1450 + m * 2 + round(30 * {_noise(40)}))::INTEGER AS spindle_rpm",
        "(s // 45)::INTEGER AS cycle_no",
        "(['PA6-GF30', 'PC-ABS', 'PP-T20', 'POM'])[1 + ((s // 7200 + m) % 4)] AS recipe",
        f"(CASE WHEN {_uniform(99)} < 0.03 THEN 1 ELSE 0 END)::TINYINT AS defect",
    ]
    numbers = f"SELECT i, i % {MACHINES} AS m, i // {MACHINES} AS s FROM range({rows}) t(i)"
    return f"SELECT {', '.join(columns)} FROM ({numbers})"


def _copy(con: duckdb.DuckDBPyConnection, rows: int, target: Path, options: str) -> None:
    partial = target.with_name(target.name + ".partial")
    con.execute(f"COPY ({table_sql(rows)}) TO '{partial}' ({options})")
    partial.replace(target)


def ensure_data(out_dir: Path, rows: int, with_csv: bool) -> dict[str, Path]:
    """Parquet (and CSV) files of `rows` rows, generated unless already there (the row count is in the name)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {"parquet": out_dir / f"sensors_{rows}.parquet"}
    if with_csv:
        files["csv"] = out_dir / f"sensors_{rows}.csv"
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET enable_progress_bar = false")
    for fmt, path in files.items():
        if path.exists():
            continue
        started = time.perf_counter()
        _copy(con, rows, path, "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER")
        print(f"generated {path} ({path.stat().st_size / 2**20:,.0f} MiB) in {time.perf_counter() - started:.1f} s")
    con.close()
    return files
