"""Preparation: recipe steps applied reproducibly to raw tabular data, with lineage.

`build_recipe(project_dir)` reads `recipe.yaml`, checks it whole against the opened inputs, runs the
steps in DuckDB and writes `build/data/<slug>.parquet|csv` and `build/lineage.json`.

The names below are imported when first used, so that a module needing only `mfgdata.prep.errors` or
`mfgdata.prep.settings` (the quality checks do) does not pay for the build and everything it imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mfgdata.lazy_names import names_from

if TYPE_CHECKING:
    from mfgdata.prep.build import BuildResult, build_recipe
    from mfgdata.prep.errors import RecipeError, StepError
    from mfgdata.prep.outputs import OutputFile
    from mfgdata.prep.recipe import Recipe, RecipeStep, load_recipe, plan_recipe
    from mfgdata.prep.registry import build_step, step_types
    from mfgdata.prep.run import StepReport
    from mfgdata.prep.schema import Field, Schema

_HOMES = {
    "BuildResult": "build",
    "build_recipe": "build",
    "RecipeError": "errors",
    "StepError": "errors",
    "OutputFile": "outputs",
    "Recipe": "recipe",
    "RecipeStep": "recipe",
    "load_recipe": "recipe",
    "plan_recipe": "recipe",
    "build_step": "registry",
    "step_types": "registry",
    "StepReport": "run",
    "Field": "schema",
    "Schema": "schema",
}

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

__getattr__ = names_from(__name__, _HOMES)
