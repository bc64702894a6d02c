"""`mfgdata build` for tabular data: open the raw inputs, check the recipe, run it, publish the result.

```
project/
  recipe.yaml
  sources/…
  build/data/<slug>.parquet, build/data/<slug>.csv, build/lineage.json   ← written here
  build/contract.yaml   ← the contract of the built columns (see mfgdata.prep.output_contract)
```

The slug is the project folder's name. The whole recipe is checked before any work; the build stops with
a located error when a step loses more rows than allowed; outputs replace the previous build only when
everything was written; the same inputs and recipe give byte-identical files.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from mfgdata.dataset import Dataset, open_dataset
from mfgdata.prep.binding import BoundRecipe, bind_recipe, input_schema
from mfgdata.prep.engine import converting_column
from mfgdata.prep.lineage import lineage_document, write_lineage
from mfgdata.prep.output_contract import output_contract, write_output_contract
from mfgdata.prep.outputs import CONTRACT, DATA, LINEAGE, OutputFile, publish, write_data
from mfgdata.prep.recipe import Recipe, load_recipe, plan_recipe
from mfgdata.prep.run import Run, StepReport, read_input, run_steps
from mfgdata.prep.schema import Schema

RECIPE_FILE = "recipe.yaml"
BUILD_DIR = "build"


@dataclass(frozen=True)
class BuildResult:
    """What a build (or a dry run) did: per-step reports, the output schema and the files written."""

    steps: tuple[StepReport, ...]
    schema: Schema
    rows_read: int
    outputs: tuple[OutputFile, ...] = ()
    lineage_path: Path | None = None
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def rows_written(self) -> int:
        return self.steps[-1].rows_out if self.steps else self.rows_read


def slug_of(project_dir: Path) -> str:
    """The file name stem of the outputs: the project folder's name."""
    return project_dir.name


def _write(staging: Path, dataset: Dataset, bound: BoundRecipe, run: Run, project_dir: Path) -> tuple[OutputFile, ...]:
    outputs = write_data(
        dataset.con, run.table, bound.output_schema, staging / DATA, slug_of(project_dir), in_row_order=bool(run.steps)
    )
    contract = output_contract(
        con=dataset.con, table=run.table, project_dir=project_dir, bound=bound, schema=bound.output_schema,
        outputs=outputs, rows=run.steps[-1].rows_out if run.steps else run.rows_read,
    )  # fmt: skip
    write_output_contract(staging / CONTRACT, contract)
    document = lineage_document(bound=bound, run=run, source=dataset.source, outputs=outputs, project_dir=project_dir)
    write_lineage(staging / LINEAGE, document)
    return tuple(outputs)


def _bind_and_read(recipe: Recipe, dataset: Dataset, project_dir: Path) -> tuple[BoundRecipe, str]:
    """Check the recipe against the data, then read the input; re-check after re-reading a column as text.

    Types of large files are sniffed from their first rows; when a value far down does not fit, that column
    is re-read as text (as `profile` does) and the recipe is checked again against the new types.
    """
    while True:
        plan_recipe(recipe, input_schema(dataset))
        bound = bind_recipe(recipe, dataset, project_dir)
        try:
            source = read_input(dataset.con, from_file=dataset.numbered)
        except duckdb.ConversionException as error:
            column = converting_column(error)
            if column is None or not dataset.widen_to_text(column):
                raise
            continue
        return bound, source


def build_recipe(
    project_dir: Path,
    *,
    dry_run: bool = False,
    on_step: Callable[[StepReport], None] | None = None,
) -> BuildResult:
    """Build `project_dir/recipe.yaml` into `project_dir/build/`; with `dry_run`, only plan and count.

    `on_step` is called after each step with its report (for progress display). Raises InputError (a
    RecipeError naming the line for recipe problems) when the inputs or the recipe cannot be used.
    """
    started = time.perf_counter()
    project_dir = Path(project_dir).resolve()
    recipe = load_recipe(project_dir / RECIPE_FILE)
    from mfgdata.prep.images.build import build_images, is_image_input  # imports this module: import here

    if is_image_input(recipe.input_paths(project_dir)):
        return build_images(project_dir, recipe, dry_run=dry_run, on_step=on_step, started=started)
    with open_dataset(recipe.input_paths(project_dir)) as dataset:
        bound, source = _bind_and_read(recipe, dataset, project_dir)
        run = run_steps(dataset.con, bound, source=source, stop_on_row_loss=not dry_run, on_step=on_step)
        if dry_run:
            return BuildResult(
                run.steps, bound.output_schema, run.rows_read, dry_run=True, seconds=time.perf_counter() - started
            )
        build_dir = project_dir / BUILD_DIR
        outputs = publish(build_dir, lambda staging: _write(staging, dataset, bound, run, project_dir))
    return BuildResult(
        run.steps,
        bound.output_schema,
        run.rows_read,
        outputs=outputs,
        lineage_path=build_dir / LINEAGE,
        seconds=time.perf_counter() - started,
    )
