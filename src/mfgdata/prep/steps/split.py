"""`split`: add a `split` column (train / valid / test …) that a model trainer can trust.

- `by: time` — the earliest share of rows by `column` is the first split, the latest the last (rows with
  the same time stay together), so a model is tested on the future.
- `by: group` — whole groups (engines, lots, machines) go to one split, chosen by a keyed hash of the
  group and `seed`: no group is in two splits, and the same seed gives the same assignment.
- `by: stratified` — within each class of `column`, rows are ranked by a hash of `seed` and their row
  number and shared out, so every split has the class balance of the whole.

Shares are exact up to one row (one group); ratios must add up to 1. Uses `md5` (DuckDB and Spark).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import ROW, Field, Schema, literal, quote, refuse_taken, select_list
from mfgdata.prep.steps.base import MadeColumn, Step

SPLIT_COLUMN = "split"
_POSITION = "__mfgdata_position"
_KEY = "__mfgdata_group_key"
_TOLERANCE = 1e-9
_BY_KO = {"time": "시간 순서", "group": "그룹 단위", "stratified": "라벨 비율 유지(층화)"}


def _default_ratios() -> dict[str, float]:
    return {"train": 0.7, "valid": 0.15, "test": 0.15}


@dataclass(frozen=True)
class SplitSettings:
    """by: time, group or stratified; column: the time, group or label column; ratios: split name → share
    (adding up to 1, in the order the splits are filled); seed: changes the hash-based assignment."""

    by: Literal["time", "group", "stratified"]
    column: str
    ratios: dict[str, float] = field(default_factory=_default_ratios)
    seed: int = 42


def _check_ratios(ratios: dict[str, float]) -> None:
    if len(ratios) < 2 or any(not name.strip() for name in ratios):
        raise StepError(
            "bad-split-names",
            "나눌 이름을 둘 이상 적으세요(예: train, valid, test).",
            "Name at least two splits (e.g. train, valid, test).",
            "ratios",
        )
    if any(share <= 0 for share in ratios.values()):
        raise StepError("bad-split-ratio", "비율은 0보다 커야 합니다.", "Every ratio must be above 0.", "ratios")
    total = sum(ratios.values())
    if abs(total - 1) > _TOLERANCE:
        listed = " + ".join(f"{share:g}" for share in ratios.values())
        raise StepError(
            "split-ratios-sum",
            f"비율의 합이 1이어야 합니다. 지금은 {listed} = {total:g}입니다.",
            f"The ratios must add up to 1; they add up to {listed} = {total:g}.",
            "ratios",
        )


class Split(Step[SplitSettings]):
    """Assign rows to train/valid/test."""

    type = "split"
    settings_type = SplitSettings

    def plan(self, schema: Schema) -> Schema:
        _check_ratios(self.settings.ratios)
        kinds = {"timestamp", "date", "integer", "float"} if self.settings.by == "time" else None
        schema.require(self.settings.column, "column", kinds)
        refuse_taken(schema, SPLIT_COLUMN, "by")
        return schema.with_fields([*schema.fields, Field(SPLIT_COLUMN, "VARCHAR")])

    def _positions(self, keyed: str) -> tuple[str, str]:
        """A narrow query giving each key its place in [0, 1), and the join condition back to the rows.

        Only the key (group, time value, or row number with its class) is ranked, never the whole rows:
        ranking 10M wide rows on one thread ran out of memory at a 1 GB limit.
        """
        column, seed = quote(self.settings.column), literal(str(self.settings.seed))
        if self.settings.by == "time":
            counted = f"SELECT {column} AS t, count(*) AS n FROM {keyed} GROUP BY {column}"
            before = "sum(n) OVER (ORDER BY t ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - n"
            query = f"SELECT t, ({before}) / CAST(sum(n) OVER () AS DOUBLE) AS {_POSITION} FROM ({counted}) AS c"
            return query, f"keyed.{column} IS NOT DISTINCT FROM positions.t"
        if self.settings.by == "group":
            order = f"md5({seed} || '/' || {_KEY}), {_KEY}"
            ranked = f"(row_number() OVER (ORDER BY {order}) - 1) / CAST(count(*) OVER () AS DOUBLE)"
            query = f"SELECT {_KEY}, {ranked} AS {_POSITION} FROM (SELECT DISTINCT {_KEY} FROM {keyed}) AS g"
            return query, f"keyed.{_KEY} = positions.{_KEY}"
        row = quote(ROW)
        order = f"md5({seed} || '/' || CAST({row} AS VARCHAR)), {row}"
        ranked = (
            f"(row_number() OVER (PARTITION BY {column} ORDER BY {order}) - 1) "
            f"/ CAST(count(*) OVER (PARTITION BY {column}) AS DOUBLE)"
        )
        query = f"SELECT {row} AS r, {ranked} AS {_POSITION} FROM {keyed}"
        return query, f"keyed.{row} = positions.r"

    def sql(self, source: str, schema: Schema) -> str:
        names = list(self.settings.ratios)
        cases, cumulative = [], 0.0
        for name in names[:-1]:
            cumulative = round(cumulative + self.settings.ratios[name], 12)  # 0.7 + 0.15 is 0.85, not 0.8500…01
            cases.append(f"WHEN positions.{_POSITION} < {cumulative!r} THEN {literal(name)}")
        label = f"CASE {' '.join(cases)} ELSE {literal(names[-1])} END"
        column = quote(self.settings.column)
        group_key = f"CASE WHEN {column} IS NULL THEN 'null' ELSE 'value:' || CAST({column} AS VARCHAR) END"
        keyed = f"(SELECT *, {group_key} AS {_KEY} FROM {source})"
        positions, condition = self._positions(keyed)
        pairs = [(name, f"keyed.{quote(name)}") for name, _ in schema.passthrough()]
        return (
            f"SELECT {select_list([*pairs, (SPLIT_COLUMN, label)], row=f'keyed.{quote(ROW)}')} "
            f"FROM {keyed} AS keyed JOIN ({positions}) AS positions ON {condition}"
        )

    def follows_row_order(self) -> bool:
        return self.settings.by == "stratified"  # ranks rows by a hash of their row numbers

    def fuses_with_row_wise(self) -> bool:
        return self.settings.by != "stratified"  # ranks only its keys; stratified ranks every row

    def made_column(self, name: str) -> MadeColumn:
        parts = "/".join(self.settings.ratios)
        return MadeColumn(
            "split",
            f"학습·검증·평가 구분({parts}). '{self.settings.column}' 기준 {_BY_KO[self.settings.by]}로 나눴습니다.",
            f"Train/validation/test part ({parts}), split {self.settings.by} on '{self.settings.column}'.",
        )

    def counts(self, schema: Schema) -> dict[str, str]:
        return {
            f"rows_{name}": f"count(*) FILTER (WHERE {quote(SPLIT_COLUMN)} = {literal(name)})"
            for name in self.settings.ratios
        }
