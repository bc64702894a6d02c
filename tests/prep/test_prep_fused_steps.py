"""Consecutive row-wise steps run fused into one table; a person sees the same outputs, counts and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mfgdata.dataset import open_dataset
from mfgdata.prep import RecipeError, build_recipe
from mfgdata.prep import run as run_module
from mfgdata.prep.binding import bind_recipe
from mfgdata.prep.recipe import load_recipe

DATA = "machine,temp_c,pressure,name\n" + "".join(
    f"M{i % 3},{20 + i % 7}.5,{(i % 5) - 1},{'  x  ' if i % 4 == 0 else 'y'}\n" for i in range(60)
)
RECIPE = """\
version: 1
inputs: [sources/data.csv]
steps:
  - type: rename
    columns: {temp_c: temperature}
  - type: filter
    where: pressure >= 0
    allow_row_loss: 0.5
  - type: convert-unit
    column: temperature
    from: degC
    to: K
  - type: normalize-text
    columns: [name]
    trim: true
  - type: limits
    column: temperature
    max: 297
  - type: sort
    by: [machine]
  - type: derive
    column: hot
    expression: temperature > 296
"""
DEDUP = """\
  - type: drop-duplicates
    keys: [machine, name]
    allow_row_loss: 0.99
"""
SPLIT = """\
  - type: split
    by: group
    column: name
    ratios: {train: 0.5, test: 0.5}
"""
# a drop-duplicates fused with the row-wise steps before it; the sort left until after the split
DEDUP_SORT_SPLIT = RECIPE.replace("  - type: sort\n", DEDUP + "  - type: sort\n") + SPLIT


def _lineage(project: Path) -> dict:
    return json.loads((project / "build" / "lineage.json").read_text(encoding="utf-8"))


def _files(project: Path) -> dict[str, bytes]:
    folder = project / "build" / "data"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _groups(make_project, recipe: str) -> list[list[str]]:
    project = make_project(recipe, {"data.csv": DATA})
    loaded = load_recipe(project / "recipe.yaml")
    with open_dataset(loaded.input_paths(project)) as dataset:
        bound = bind_recipe(loaded, dataset, project)
    return [[b.recipe_step.step.type for b in group] for group in run_module.segments(bound.steps)]


def test_row_wise_steps_and_a_sort_nothing_later_depends_on_are_fused(make_project) -> None:
    # the derive after the sort neither follows the order nor touches `machine`: the sort is left to the end
    groups = _groups(make_project, RECIPE)
    assert groups == [["rename", "filter", "convert-unit", "normalize-text", "limits", "sort", "derive"]]


def test_a_sort_that_a_later_step_follows_gets_its_own_table(make_project) -> None:
    # keep: first depends on the sorted order, so the sort renumbers the rows where it stands;
    # drop-duplicates without order_by joins the row-wise steps before it, a window (order_by) does not
    recipe = RECIPE.replace(
        "  - type: derive\n",
        "  - type: drop-duplicates\n    keys: [machine]\n    allow_row_loss: 0.99\n"
        "  - type: rename\n    columns: {name: label}\n"
        "  - type: drop-duplicates\n    keys: [label]\n    order_by: [temperature]\n    allow_row_loss: 0.99\n"
        "  - type: derive\n",
    )
    groups = _groups(make_project, recipe)
    assert groups == [
        ["rename", "filter", "convert-unit", "normalize-text", "limits"],
        ["sort"],
        ["drop-duplicates"],
        ["rename"],
        ["drop-duplicates"],
        ["derive"],
    ]


def test_a_sort_whose_column_a_later_step_changes_is_not_left_to_the_end(make_project) -> None:
    negated = "    column: temperature\n    expression: -temperature\n"
    recipe = RECIPE.replace("    by: [machine]\n", "    by: [temperature]\n").replace(
        "    column: hot\n    expression: temperature > 296\n", negated
    )
    assert _groups(make_project, recipe)[-2:] == [["sort"], ["derive"]]


@pytest.mark.parametrize("recipe", [RECIPE, DEDUP_SORT_SPLIT], ids=["row-wise", "dedup-sort-split"])
def test_fusing_changes_neither_the_files_nor_the_counts(
    make_project, monkeypatch: pytest.MonkeyPatch, recipe: str
) -> None:
    # given the same recipe built fused (the sort left to the end) and step by step (the sort renumbering rows)
    fused = make_project(recipe, {"data.csv": DATA}, name="fused")
    build_recipe(fused)
    alone = make_project(recipe, {"data.csv": DATA}, name="alone")
    monkeypatch.setattr(run_module, "segments", lambda steps: [(step,) for step in steps])
    monkeypatch.setattr(run_module, "deferred_sort", lambda steps: None)
    build_recipe(alone)
    # then the files are byte for byte the same and so is every step's report
    assert _files(fused) == {name.replace("alone", "fused"): data for name, data in _files(alone).items()}
    steps = _lineage(fused)["steps"]
    assert steps == _lineage(alone)["steps"]
    by_type = {step["type"]: step for step in steps}
    assert by_type["filter"]["rows_in"] == 60 and by_type["filter"]["rows_out"] == 48
    assert by_type["convert-unit"]["values_changed"] == 48
    assert by_type["normalize-text"]["values_changed"] == 12
    assert by_type["limits"]["values_out_of_limits"] > 0
    if recipe == DEDUP_SORT_SPLIT:  # one row per (machine, name); both names' rows in one split each
        assert by_type["drop-duplicates"]["rows_out"] == 6
        assert sorted([by_type["split"]["rows_train"], by_type["split"]["rows_test"]]) == [3, 3]


def test_a_fused_step_that_fails_while_running_is_named_by_its_line(make_project) -> None:
    recipe = """\
version: 1
inputs: [sources/data.csv]
steps:
  - type: rename
    columns: {temp_c: temperature}
  - type: derive
    column: bad
    expression: CAST(name AS INTEGER)
  - type: filter
    where: pressure >= 0
    allow_row_loss: 0.5
"""
    project = make_project(recipe, {"data.csv": DATA})
    with pytest.raises(RecipeError) as raised:
        build_recipe(project)
    assert raised.value.line == 8  # the expression
    assert "step 2 (derive)" in raised.value.text.en
