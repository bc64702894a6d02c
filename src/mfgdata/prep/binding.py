"""Bind a recipe to opened data: every step planned and its SQL checked by the engine, before any work.

Each step's SQL becomes a view over the previous one. Views are only bound, never run, so a typo in a
`filter` condition or a `derive` expression is reported with its line in a moment, even for gigabytes of
input. The engine's column types replace the planned ones (a derived column's type is known here).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from mfgdata.dataset import Dataset
from mfgdata.dataset.model import FILE_ROW, NUMBERED_RELATION
from mfgdata.errors import InputError
from mfgdata.prep.engine import engine_error
from mfgdata.prep.errors import StepError
from mfgdata.prep.recipe import Recipe, RecipeStep
from mfgdata.prep.schema import ROW, Field, Schema, quote
from mfgdata.prep.steps.base import ExtraInput, StepContext

INPUT = "__mfgdata_input"


@dataclass(frozen=True)
class BoundStep:
    """A recipe step with the schema it receives and the schema it produces."""

    recipe_step: RecipeStep
    schema_in: Schema
    schema_out: Schema


@dataclass(frozen=True)
class BoundRecipe:
    """A recipe checked against its data: steps with schemas, and the extra files steps read."""

    recipe: Recipe
    input_schema: Schema
    steps: tuple[BoundStep, ...]
    extra_inputs: tuple[ExtraInput, ...]

    @property
    def output_schema(self) -> Schema:
        return self.steps[-1].schema_out if self.steps else self.input_schema


def input_schema(dataset: Dataset) -> Schema:
    """The schema of an opened dataset: its columns, types and units."""
    units = {column.name: column.unit for column in dataset.columns}
    fields = tuple(Field(name, kind, units.get(name), origin=name) for name, kind in dataset.types().items())
    files = dataset.source.files
    return Schema(fields, file_date=files[0].date_from_name if len(files) == 1 else None)


def _describe(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    return {row[0]: str(row[1]) for row in con.execute(f"DESCRIBE {relation}").fetchall() if row[0] != ROW}


def _refine(planned: Schema, described: dict[str, str]) -> Schema:
    """The engine's names and types, with the units and origins the plan tracked."""
    by_name = {f.name: f for f in planned.fields}

    def field(name: str, kind: str) -> Field:
        known = by_name.get(name)
        return Field(name, kind, known.unit if known else None, known.origin if known else None)

    return planned.with_fields(field(name, kind) for name, kind in described.items())


def _bind_step(recipe_step: RecipeStep, schema: Schema, source: str, context: StepContext) -> Schema:
    step = recipe_step.step
    step.prepare(context)
    planned = step.plan(schema)
    view = context.relation_name("plan")
    try:
        context.con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {step.sql(source, schema)}")
    except duckdb.Error as error:
        raise engine_error(error, step.sql_setting) from None
    return _refine(planned, _describe(context.con, view))


def _numbered_input(dataset: Dataset) -> str:
    """The input rows numbered from 1 in file order, in ROW: by the file itself when it can (one Parquet file),
    else by a window over the scan (DuckDB keeps insertion order here, so the window follows the files)."""
    if dataset.numbered:
        return f"SELECT * EXCLUDE ({quote(FILE_ROW)}), {quote(FILE_ROW)} AS {quote(ROW)} FROM {NUMBERED_RELATION}"
    return f"SELECT *, row_number() OVER () AS {quote(ROW)} FROM {dataset.relation}"


def bind_recipe(recipe: Recipe, dataset: Dataset, project_dir: Path) -> BoundRecipe:
    """Check every step of `recipe` against `dataset`; raise a RecipeError naming the line otherwise."""
    con = dataset.con
    con.execute(f"CREATE OR REPLACE TEMP VIEW {INPUT} AS {_numbered_input(dataset)}")
    start = input_schema(dataset)
    schema, source = start, INPUT
    extra: list[ExtraInput] = []
    bound: list[BoundStep] = []
    for recipe_step in recipe.steps:
        context = StepContext(con, project_dir, recipe_step.index, extra)
        try:
            planned = _bind_step(recipe_step, schema, source, context)
        except StepError as error:
            raise recipe.error(recipe_step, error) from None
        except InputError as error:
            located = StepError(error.code, error.one_line("ko"), error.one_line("en"))
            raise recipe.error(recipe_step, located) from None
        bound.append(BoundStep(recipe_step, schema, planned))
        schema, source = planned, context.relation_name("plan")
    return BoundRecipe(recipe, start, tuple(bound), tuple(extra))


def describe_schema(schema: Schema) -> list[dict[str, Any]]:
    """The schema as plain data: name, type and unit of each column."""
    return [{"name": f.name, "type": f.type, "unit": f.unit} for f in schema.fields]
