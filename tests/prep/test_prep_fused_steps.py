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


def _lineage(project: Path) -> dict:
    return json.loads((project / "build" / "lineage.json").read_text(encoding="utf-8"))


def _files(project: Path) -> dict[str, bytes]:
    folder = project / "build" / "data"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_row_wise_steps_are_fused_and_the_others_stand_alone(make_project) -> None:
    project = make_project(RECIPE, {"data.csv": DATA})
    recipe = load_recipe(project / "recipe.yaml")
    with open_dataset(recipe.input_paths(project)) as dataset:
        bound = bind_recipe(recipe, dataset, project)
    groups = [[b.recipe_step.step.type for b in group] for group in run_module.segments(bound.steps)]
    assert groups == [["rename", "filter", "convert-unit", "normalize-text", "limits"], ["sort"], ["derive"]]


def test_fusing_changes_neither_the_files_nor_the_counts(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    # given the same recipe built fused and step by step
    fused = make_project(RECIPE, {"data.csv": DATA}, name="fused")
    build_recipe(fused)
    alone = make_project(RECIPE, {"data.csv": DATA}, name="alone")
    monkeypatch.setattr(run_module, "segments", lambda steps: [(step,) for step in steps])
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
