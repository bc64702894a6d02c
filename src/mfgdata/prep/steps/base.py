"""What every preparation step is: a stable `type`, documented settings, a plan and one SQL statement.

`plan(schema)` checks the settings against the columns the step receives and returns the columns it
produces — without data, so a whole recipe is checked before any work. `sql(source, schema)` returns ONE
`SELECT … FROM <source>` over the input schema; it keeps the hidden row number (`schema.ROW`). The SQL is
portable where possible so another engine (Spark) can run the same steps; DuckDB-only functions are named
in each step's docstring.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

import duckdb

from mfgdata.prep.schema import Schema

S = TypeVar("S")


@dataclass(frozen=True)
class ExtraInput:
    """A file a step reads besides the recipe's inputs (a label list), recorded in the lineage."""

    path: Path
    sha256: str
    bytes: int
    rows: int
    step: int


@dataclass(frozen=True)
class MadeColumn:
    """How a step describes a column it made, for the contract of the built data."""

    role: str
    description_ko: str
    description_en: str


@dataclass
class StepContext:
    """What a step may need while the recipe is bound to an engine: the connection and the project."""

    con: duckdb.DuckDBPyConnection
    project_dir: Path
    index: int
    extra_inputs: list[ExtraInput] = field(default_factory=list)

    def relation_name(self, purpose: str) -> str:
        """A name for a table this step creates in the connection, unique per step."""
        return f"__mfgdata_{purpose}_{self.index}"


class Step(Generic[S]):
    """Base of all steps; subclasses set `type`, `settings_type` and implement `plan` and `sql`."""

    type: ClassVar[str]
    settings_type: ClassVar[type]
    aggregates_rows: ClassVar[bool] = False  # fewer rows out is the point (resample): no row-loss guard
    sql_setting: ClassVar[str | None] = None  # the setting holding user SQL, where engine errors point

    def __init__(self, settings: S) -> None:
        self.settings = settings

    def prepare(self, context: StepContext) -> None:
        """Set up what the SQL needs in the engine (a table, a function). Most steps need nothing."""

    def plan(self, schema: Schema) -> Schema:
        """Check the settings against `schema` and return the output schema; raise StepError if they do not fit."""
        raise NotImplementedError

    def sql(self, source: str, schema: Schema) -> str:
        """One `SELECT … FROM source` producing the output, given the input `schema`."""
        raise NotImplementedError

    def is_row_wise(self) -> bool:
        """True when each output row comes from one input row alone (or is dropped), with no window or join.

        Consecutive row-wise steps are fused: run as one query over views instead of one table each.
        """
        return False

    def follows_row_order(self) -> bool:
        """True when the result depends on the rows' order or their hidden row numbers (keep first, forward
        fill, a window, a later sort's ties).

        A `sort` followed only by steps that answer False needs no renumbering: its order is applied once,
        when the last table is stored (see :func:`mfgdata.prep.run.deferred_sort`). Row-wise steps answer
        False; the others True unless they say otherwise.
        """
        return not self.is_row_wise()

    def fuses_with_row_wise(self) -> bool:
        """True when this (not row-wise) step runs about as fast over views as over a table: then the row-wise
        steps before it are fused with it instead of being stored as a table of their own.

        Joins and groupings are; a window over all rows is not (DuckDB ranks views several times slower).
        """
        return False

    def sort_keys(self) -> tuple[str, ...] | None:
        """The columns this step orders the rows by, when ordering is all it does (`sort`); None otherwise."""
        return None

    def repeats_in_parallel(self) -> bool:
        """True when running this step's SQL on several threads gives the same values every time.

        Row-wise expressions, sorting, ranking and integer counts do; sums and means of floats do not (the
        addition order changes with scheduling), so steps that aggregate floats answer False and run on
        one thread.
        """
        return True

    def changed_columns(self, schema: Schema) -> tuple[str, ...]:
        """Columns (present before and after) whose values this step may change, for the lineage counts."""
        return ()

    def counts(self, schema: Schema) -> dict[str, str]:
        """Extra figures for the lineage: name → SQL aggregate over the output (`schema` is the output)."""
        return {}

    def made_column(self, name: str) -> MadeColumn:
        """The role and description of a column this step added (or replaced with new values)."""
        return MadeColumn(
            "feature",
            f"'{self.type}' 전처리 단계가 만든 열입니다.",
            f"Made by the '{self.type}' preparation step.",
        )

    def renamed_columns(self) -> dict[str, str]:
        """Old name → new name for columns this step renames (their values are untouched)."""
        return {}

    def column_notes(self, schema: Schema) -> dict[str, dict[str, Any]]:
        """Custom properties this step adds to columns it kept (name → {property: value}); `schema` is the output."""
        return {}
