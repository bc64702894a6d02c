"""Drafted recipes build real products: `init_project` then `build_recipe`, facts checked on the output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from mfgdata.dictionary.init import init_project
from mfgdata.prep.build import build_recipe


def _product(raw: Path, tmp_path: Path) -> tuple[Path, dict[str, Any], list[dict[str, Any]]]:
    project = init_project([raw], tmp_path / raw.name)
    result = build_recipe(project)
    parquet = next(project / "build" / o.path for o in result.outputs if o.path.endswith(".parquet"))
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{parquet}')").fetchall()
    columns = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()
    names = [c[0] for c in columns]
    product = yaml.safe_load((project / "product.yaml").read_text(encoding="utf-8"))
    return project, product, [dict(zip(names, row, strict=True)) for row in rows]


def _count(rows: list[dict[str, Any]], column: str) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    for row in rows:
        counts[row[column]] = counts.get(row[column], 0) + 1
    return counts


def test_ai4i_predictive_maintenance_with_balanced_splits(open_data: Path, tmp_path: Path) -> None:
    _, product, rows = _product(open_data / "ai4i-2020", tmp_path)
    assert product["category"]["id"] == "predictive_maintenance"
    assert len(rows) == 10_000
    failures = {split: sum(r["Machine failure"] for r in rows if r["split"] == split) for split in ("train", "test")}
    sizes = _count(rows, "split")
    assert abs(failures["train"] / sizes["train"] - 0.0339) < 0.005
    assert abs(failures["test"] / sizes["test"] - 0.0339) < 0.01


def test_cmapss_remaining_useful_life_and_no_engine_in_two_splits(open_data: Path, tmp_path: Path) -> None:
    _, product, rows = _product(open_data / "nasa-cmapss-fd001" / "train_FD001.txt", tmp_path)
    assert product["category"]["id"] == "predictive_maintenance"
    assert len(rows) == 20_631
    rul = next(name for name in rows[0] if name.upper() == "RUL")
    splits_of: dict[int, set[str]] = {}
    for row in rows:
        splits_of.setdefault(row["unit"], set()).add(row["split"])
    assert len(splits_of) == 100 and all(len(s) == 1 for s in splits_of.values())
    last = {}
    for row in rows:
        last[row["unit"]] = min(last.get(row["unit"], 10**9), row[rul])
    assert set(last.values()) == {0}


def test_die_casting_limits_flag_without_changing_values(shared_data: Path, tmp_path: Path) -> None:
    _, product, rows = _product(shared_data / "kamp-diecasting-quality", tmp_path)
    assert product["category"]["id"] == "quality_prediction"
    assert len(rows) == 7_535
    assert _count(rows, "passorfail") == {0: 5_846, 1: 1_689}
    temps = [r["Factory_Temp"] for r in rows if r["Factory_Temp"] is not None]
    assert len(temps) == 7_445 and min(temps) >= 27 and max(temps) <= 37  # measured values untouched
    assert sum(1 for r in rows if r["Factory_Temp_out_of_limits"]) == 7_445  # all outside the 18–22 spec


def test_plating_error_lots_become_the_label(shared_data: Path, tmp_path: Path) -> None:
    _, product, rows = _product(shared_data / "kamp-chromate-plating", tmp_path)
    assert product["category"]["id"] == "quality_prediction"
    assert len(rows) == 50_094
    defective = {(r["date"], r["lot_no"]) for r in rows if r["passorfail"] == 1}
    assert len(defective) == 13  # the non-empty lines of Error Lot list.csv
    assert _count(rows, "passorfail")[1] == 897


@pytest.mark.parametrize(
    ("folder", "category"),
    [("kamp-extrusion-quality", "quality_prediction"), ("kamp-injection-supply-chain", "factory_operations")],
)
def test_other_kamp_products_build(shared_data: Path, tmp_path: Path, folder: str, category: str) -> None:
    _, product, rows = _product(shared_data / folder, tmp_path)
    assert product["category"]["id"] == category
    assert rows and {"train", "valid", "test"} <= set(_count(rows, "split"))


def test_ai4i_temperatures_normalised_from_kelvin(open_data: Path, tmp_path: Path) -> None:
    # given the drafted project, with the processor's own step added: kelvin headers to degrees Celsius
    project = init_project([open_data / "ai4i-2020"], tmp_path / "ai4i")
    recipe = project / "recipe.yaml"
    extra = "".join(
        f"- type: convert-unit\n  column: {name}\n  to: degC\n" for name in ("Air temperature", "Process temperature")
    )
    recipe.write_text(recipe.read_text(encoding="utf-8") + extra, encoding="utf-8")
    # when it is built
    result = build_recipe(project)
    parquet = next(project / "build" / o.path for o in result.outputs if o.path.endswith(".parquet"))
    low, high = duckdb.sql(f'SELECT min("Air temperature"), max("Air temperature") FROM \'{parquet}\'').fetchall()[0]
    # then 295.3–304.5 K reads as 22.15–31.35 °C, and the lineage counts every value changed
    assert (round(low, 2), round(high, 2)) == (22.15, 31.35)
    assert result.steps[-1].values_changed == 10_000
