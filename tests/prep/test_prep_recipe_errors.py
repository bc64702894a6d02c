"""A wrong recipe is refused before any work, with the file, the line and what to do, in Korean and English."""

from __future__ import annotations

import pytest

from mfgdata.errors import InputError
from mfgdata.prep import RecipeError, StepError, build_recipe, build_step, load_recipe, plan_recipe, step_types
from mfgdata.prep.schema import Field, Schema

DATA = {"data.csv": "id,temp,pH,lot\n1,20.5,2.1,L1\n2,21.0,2.3,L2\n"}


def _error(make_project, steps: str) -> RecipeError:
    project = make_project("version: 1\ninputs: [sources/data.csv]\nsteps:\n" + steps, DATA)
    with pytest.raises(RecipeError) as raised:
        build_recipe(project)
    assert not (project / "build").exists()
    return raised.value


def test_the_registry_knows_every_documented_step_type() -> None:
    assert set(step_types()) == {
        "select", "drop", "rename", "cast", "parse-datetime", "convert-unit", "normalize-text", "drop-duplicates",
        "sort", "filter", "limits", "impute", "resample", "derive", "join-labels", "pseudonymise",
        "drop-sensitive", "split", "resize-images", "convert-images", "strip-exif",
    }  # fmt: skip


def test_the_registry_refuses_an_unknown_type_listing_the_known_ones() -> None:
    with pytest.raises(StepError) as raised:
        build_step({"type": "fillter", "where": "x > 0"})
    assert raised.value.code == "unknown-step"
    assert "Did you mean 'filter'?" in raised.value.en
    assert all(name in raised.value.en for name in step_types())


def test_an_unknown_step_names_its_line(make_project) -> None:
    error = _error(make_project, "  - type: rename\n    columns: {temp: t}\n  - type: smooth\n    window: 3\n")
    assert error.code == "unknown-step"
    assert error.line == 6
    assert error.text.ko.startswith("recipe.yaml 6번째 줄: 2번째 단계(smooth)")
    assert error.text.en.startswith("recipe.yaml line 6: step 2 (smooth)")


def test_an_unknown_setting_names_its_own_line_and_a_close_name(make_project) -> None:
    error = _error(make_project, "  - type: select\n    colums: [id]\n")
    assert (error.code, error.line) == ("unknown-setting", 5)
    assert "'columns'" in error.text.en


def test_a_missing_column_is_found_before_any_step_runs(make_project) -> None:
    # the first step alone would stop the build for losing rows; the plan finds the typo in step 2 first
    steps = "  - type: filter\n    where: id > 5\n  - type: drop\n    columns: [Temp]\n"
    error = _error(make_project, steps)
    assert (error.code, error.line) == ("missing-column", 7)
    assert "'Temp' 열이 없습니다" in error.text.ko
    assert "temp" in error.text.en


def test_a_column_renamed_away_is_missing_for_later_steps(make_project) -> None:
    error = _error(make_project, "  - type: rename\n    columns: {temp: t}\n  - type: sort\n    by: [temp]\n")
    assert (error.code, error.line) == ("missing-column", 7)


def test_an_unknown_unit_names_both_units_and_the_line(make_project) -> None:
    steps = "  - type: convert-unit\n    column: temp\n    from: degC\n    to: furlongs_per_fortnight\n"
    error = _error(make_project, steps)
    assert (error.code, error.line) == ("unknown-unit", 7)
    assert "furlongs_per_fortnight" in error.text.ko
    assert "degC" in error.text.en


def test_units_measuring_different_things_are_refused(make_project) -> None:
    error = _error(make_project, "  - type: convert-unit\n    column: temp\n    from: degC\n    to: MPa\n")
    assert error.code == "incompatible-units"
    assert "'degC'" in error.text.en
    assert "'MPa'" in error.text.en


def test_a_column_without_a_known_unit_asks_for_from(make_project) -> None:
    error = _error(make_project, "  - type: convert-unit\n    column: temp\n    to: K\n")
    assert error.code == "unit-unknown-for-column"
    assert "from:" in error.text.ko


def test_split_ratios_that_do_not_add_up_are_refused_at_their_line(make_project) -> None:
    steps = "  - type: split\n    by: group\n    column: lot\n    ratios: {train: 0.8, test: 0.3}\n"
    error = _error(make_project, steps)
    assert (error.code, error.line) == ("split-ratios-sum", 7)
    assert "0.8 + 0.3 = 1.1" in error.text.en


def test_a_split_named_twice_is_refused(make_project) -> None:
    steps = "  - type: split\n    by: group\n    column: lot\n    ratios: {train: 0.5, train: 0.5}\n"
    error = _error(make_project, steps)
    assert (error.code, error.line) == ("repeated-key", 7)


def test_a_wrong_column_type_says_what_the_step_needs(make_project) -> None:
    error = _error(make_project, "  - type: normalize-text\n    columns: [temp]\n")
    assert error.code == "wrong-column-type"
    assert "문자열" in error.text.ko


def test_a_bad_setting_value_is_refused(make_project) -> None:
    error = _error(make_project, "  - type: limits\n    column: pH\n    min: low\n")
    assert (error.code, error.line) == ("bad-setting-value", 6)


def test_broken_sql_in_a_filter_points_at_the_condition(make_project) -> None:
    error = _error(make_project, "  - type: filter\n    why: 음수 제거\n    where: pH >> > 0\n")
    assert (error.code, error.line) == ("sql-error", 6)


def test_an_expression_naming_a_missing_column_is_refused_before_work(make_project) -> None:
    error = _error(make_project, "  - type: derive\n    column: x\n    expression: pressure * 2\n")
    assert (error.code, error.line) == ("sql-error", 6)
    assert "pressure" in error.text.en


def test_allow_row_loss_must_be_a_share(make_project) -> None:
    error = _error(make_project, "  - type: filter\n    where: id > 1\n    allow_row_loss: 40\n")
    assert (error.code, error.line) == ("bad-allow-row-loss", 6)


def test_a_recipe_without_version_or_inputs_is_refused(make_project) -> None:
    project = make_project("inputs: [sources/data.csv]\nsteps: []\n", DATA)
    with pytest.raises(InputError) as raised:
        build_recipe(project)
    assert raised.value.code == "recipe-version"


def test_yaml_syntax_errors_name_the_line(make_project) -> None:
    project = make_project("version: 1\ninputs: [sources/data.csv\nsteps: []\n", DATA)
    with pytest.raises(RecipeError) as raised:
        load_recipe(project / "recipe.yaml")
    assert raised.value.code == "recipe-not-yaml"
    assert raised.value.line is not None


def test_plan_recipe_checks_columns_without_any_data(make_project) -> None:
    project = make_project("version: 1\ninputs: [x]\nsteps:\n  - type: select\n    columns: [b]\n", {})
    recipe = load_recipe(project / "recipe.yaml")
    schema = Schema((Field("a", "BIGINT"),))
    with pytest.raises(RecipeError) as raised:
        plan_recipe(recipe, schema)
    assert raised.value.line == 5
    planned = plan_recipe(recipe, Schema((Field("a", "BIGINT"), Field("b", "VARCHAR"))))
    assert planned[-1].names == ["b"]


def test_sql_failing_on_a_value_while_running_names_the_step_line(make_project) -> None:
    error = _error(make_project, "  - type: derive\n    column: lot_number\n    expression: CAST(lot AS INTEGER)\n")
    assert (error.code, error.line) == ("sql-error", 6)
    assert "L1" in error.text.en
