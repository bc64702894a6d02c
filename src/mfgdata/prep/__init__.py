"""Preparation: recipe steps applied reproducibly to raw tabular data, with lineage.

`build_recipe(project_dir)` reads `recipe.yaml`, checks it whole against the opened inputs, runs the
steps in DuckDB and writes `build/data/<slug>.parquet|csv` and `build/lineage.json`.
"""

from mfgdata.prep.build import BuildResult, build_recipe
from mfgdata.prep.errors import RecipeError, StepError
from mfgdata.prep.outputs import OutputFile
from mfgdata.prep.recipe import Recipe, RecipeStep, load_recipe, plan_recipe
from mfgdata.prep.registry import build_step, step_types
from mfgdata.prep.run import StepReport
from mfgdata.prep.schema import Field, Schema

__all__ = [
    "BuildResult",
    "Field",
    "OutputFile",
    "Recipe",
    "RecipeError",
    "RecipeStep",
    "Schema",
    "StepError",
    "StepReport",
    "build_recipe",
    "build_step",
    "load_recipe",
    "plan_recipe",
    "step_types",
]
