"""The drafted recipe uses only the step library's types, says why, and its SQL works on the real data."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from mfgdata.dataset import open_dataset
from mfgdata.dataset.relation import quote
from mfgdata.dictionary import build_contract, draft_recipe
from mfgdata.dictionary.init import label_side_profiles
from mfgdata.profiling import profile_paths

OPEN_DATA = Path(__file__).resolve().parents[2] / "data" / "open"
STEP_TYPES = {
    "rename", "drop", "normalize-text", "drop-duplicates", "sort", "limits", "derive",
    "pseudonymise", "drop-sensitive", "split", "join-labels",
}  # fmt: skip


@functools.cache
def _profile(path: str) -> dict[str, Any]:
    return profile_paths([Path(path)])


def _recipe(path: Path, project_dir: Path | None = None) -> dict[str, Any]:
    profile = _profile(str(path))
    sides = label_side_profiles(profile)
    return yaml.safe_load(draft_recipe(profile, build_contract(profile), project_dir, sides))


def _steps(recipe: dict[str, Any], step_type: str) -> list[dict[str, Any]]:
    return [step for step in recipe["steps"] if step["type"] == step_type]


def _evaluate(path: Path, renames: dict[str, str], select: str) -> list[tuple[Any, ...]]:
    """Run a SELECT over the dataset after the recipe's renames (a stand-in for the step library)."""
    with open_dataset([path]) as dataset:
        renamed = ", ".join(f"{quote(old)} AS {quote(new)}" for old, new in renames.items())
        source = f"(SELECT * RENAME ({renamed}) FROM {dataset.relation})" if renames else dataset.relation
        return dataset.con.execute(select.replace("{source}", source)).fetchall()


@pytest.fixture(scope="module")
def ai4i_recipe(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    project = tmp_path_factory.mktemp("project")
    return _recipe(OPEN_DATA / "ai4i-2020", project), project


def test_recipe_shape_inputs_and_reasons(ai4i_recipe: tuple[dict[str, Any], Path]) -> None:
    recipe, project = ai4i_recipe
    assert recipe["version"] == 1
    (source,) = recipe["inputs"]
    assert not Path(source).is_absolute()
    assert (project / source).resolve() == (OPEN_DATA / "ai4i-2020").resolve()
    for step in recipe["steps"]:
        assert step["type"] in STEP_TYPES
        assert " / " in step["why"]


def test_ai4i_split_keeps_the_failure_balance(ai4i_recipe: tuple[dict[str, Any], Path]) -> None:
    (split,) = _steps(ai4i_recipe[0], "split")
    assert (split["by"], split["column"], split["seed"]) == ("stratified", "Machine failure", 42)
    assert split["ratios"] == {"train": 0.7, "valid": 0.15, "test": 0.15}


def test_cmapss_names_axes_drops_constants_and_derives_remaining_life() -> None:
    path = OPEN_DATA / "nasa-cmapss-fd001"
    recipe = _recipe(path)
    (rename,) = _steps(recipe, "rename")
    assert rename["columns"] == {"column_1": "unit", "column_2": "cycle"}
    (drop,) = _steps(recipe, "drop")
    assert {"column_5", "column_6", "column_10"} <= set(drop["columns"])
    rul = next(step for step in _steps(recipe, "derive") if step["column"] == "RUL")
    assert "RUL_FD001.txt" in rul["why"]
    (split,) = _steps(recipe, "split")
    assert split["by"] == "group"
    series = next(step for step in _steps(recipe, "derive") if step["column"] == split["column"])
    inner = f"SELECT {rul['expression']} AS rul, {series['expression']} AS s FROM {{source}}"
    select = f"SELECT count(*) FILTER (WHERE rul = 0), count(DISTINCT s), min(rul) FROM ({inner})"
    # every one of the 200 series ends at remaining life 0, and no row has a negative one
    assert _evaluate(path, rename["columns"], select) == [(200, 200, 0)]


def test_diecasting_limits_and_pass_fail_from_defect_counts(shared_data: Path) -> None:
    path = shared_data / "kamp-diecasting-quality"
    recipe = _recipe(path)
    limits = {step["column"]: step for step in _steps(recipe, "limits")}
    assert set(limits) == {"Air_Pressure", "Coolant_Temp", "Factory_Temp", "Factory_Humidity"}
    assert limits["Factory_Temp"]["min_column"] == "Factory_Temp_Min"
    assert limits["Factory_Temp"]["max_column"] == "Factory_Temp_Max"
    assert {step["action"] for step in limits.values()} == {"flag"}
    (derive,) = _steps(recipe, "derive")
    assert derive["column"] == "passorfail"
    select = f"SELECT sum({derive['expression']}) FROM {{source}}"
    assert _evaluate(path, {}, select) == [(1689,)]  # the profile counts 1,689 rows with any defect
    (split,) = _steps(recipe, "split")
    assert (split["by"], split["column"]) == ("stratified", "passorfail")


def test_plating_joins_the_error_lot_list_by_date_and_lot(shared_data: Path, tmp_path: Path) -> None:
    path = shared_data / "kamp-chromate-plating"
    recipe = _recipe(path, tmp_path)
    (rename,) = _steps(recipe, "rename")
    assert rename["columns"] == {"Lot": "lot_no"}
    (join,) = _steps(recipe, "join-labels")
    assert (tmp_path / join["path"]).resolve() == (path / "Error Lot list.csv").resolve()
    assert join["on"] == {"date": "Date", "lot_no": "LoT"}
    date, label = _steps(recipe, "derive")
    assert (date["column"], label["column"]) == ("date", "passorfail")
    days = _evaluate(path, rename["columns"], f"SELECT count(DISTINCT {date['expression']}) FROM {{source}}")
    assert days == [(33,)]
    side = (path / "Error Lot list.csv").as_posix()
    dated = f"SELECT *, {date['expression']} AS date FROM {{source}}"
    joined = f"({dated}) AS l LEFT JOIN read_csv('{side}') AS r ON l.date = r.Date AND l.lot_no = r.LoT"
    # 13 (date, lot) pairs in the list, 69 readings per lot
    assert _evaluate(path, rename["columns"], f"SELECT sum({label['expression']}) FROM {joined}") == [(897,)]
    assert _steps(recipe, "split")[0]["by"] == "time"


def test_injection_duplicates_and_out_of_order_rows(shared_data: Path) -> None:
    recipe = _recipe(shared_data / "kamp-injection-supply-chain")
    assert "2 rows" in _steps(recipe, "drop-duplicates")[0]["why"]
    (sort,) = _steps(recipe, "sort")
    assert sort["by"] == ["Product_Number", "DateTime"]
    (split,) = _steps(recipe, "split")
    assert (split["by"], split["column"]) == ("time", "DateTime")
