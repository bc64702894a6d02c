"""`join-labels`: bring label columns from another file (a defect list, an inspection result) onto the rows.

The file (`path`, relative to the project folder) is opened like any raw input and copied into the
build's connection. `on` pairs the columns that must match (`{date: Date, Lot: LoT}`); `columns` lists
what to bring (or maps it to new names); `indicator` adds a true/false column saying whether the row has
a label row — for lists that only name the bad lots. Keys must be unique in the label file, so no row is
ever duplicated; label rows with a missing key are ignored (they cannot match).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from mfgdata.dataset import open_dataset
from mfgdata.prep.engine import one_row
from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import NUMERIC, ROW, UNKNOWN, Field, Schema, kind_ko, quote, refuse_taken, select_list
from mfgdata.prep.steps.base import ExtraInput, MadeColumn, Step, StepContext

_MATCH = "__mfgdata_match"


@dataclass(frozen=True)
class JoinLabelsSettings:
    """path: the label file, relative to the project folder; on: row column → label-file column;
    columns: label-file columns to bring (a list, or a mapping to new names); how: left (keep every row)
    or inner (keep labelled rows only); indicator: name of a true/false column 'has a label row'."""

    path: str
    on: dict[str, str]
    columns: tuple[str, ...] | dict[str, str] = ()
    how: Literal["left", "inner"] = "left"
    indicator: str | None = None


class JoinLabels(Step[JoinLabelsSettings]):
    """Join columns of a label file."""

    type = "join-labels"
    settings_type = JoinLabelsSettings

    def __init__(self, settings: JoinLabelsSettings) -> None:
        super().__init__(settings)
        self.labels: Schema | None = None
        self.relation: str | None = None

    @property
    def brought(self) -> dict[str, str]:
        """Label-file column → name in the output."""
        columns = self.settings.columns
        return dict(columns) if isinstance(columns, dict) else {name: name for name in columns}

    def prepare(self, context: StepContext) -> None:
        path = Path(self.settings.path)
        path = path if path.is_absolute() else context.project_dir / path
        with open_dataset([path]) as labels:
            table = labels.to_arrow()
            units = {c.name: c.unit for c in labels.columns}
            self.labels = Schema(tuple(Field(n, t, units.get(n)) for n, t in labels.types().items()))
            source = labels.source.files[0]
        self.relation = context.relation_name("labels")
        context.con.register("__mfgdata_arrow", table)
        context.con.execute(f"CREATE OR REPLACE TABLE {self.relation} AS SELECT * FROM __mfgdata_arrow")
        context.con.unregister("__mfgdata_arrow")
        context.extra_inputs.append(ExtraInput(path, source.sha256, source.bytes, table.num_rows, context.index))
        self._refuse_repeated_keys(context)

    def _refuse_repeated_keys(self, context: StepContext) -> None:
        if self.labels is None or any(self.labels.find(r) is None for r in self.settings.on.values()):
            return  # plan names the missing column
        keys = ", ".join(quote(r) for r in self.settings.on.values())
        complete = " AND ".join(f"{quote(r)} IS NOT NULL" for r in self.settings.on.values())
        row = one_row(
            context.con,
            f"SELECT count(*) FROM (SELECT {keys} FROM {self.relation} WHERE {complete} "
            f"GROUP BY {keys} HAVING count(*) > 1) AS repeated",
        )
        if row and row[0]:
            raise StepError(
                "repeated-label-keys",
                f"라벨 파일에 같은 키({keys})로 된 줄이 둘 이상인 키가 {row[0]}개 있습니다. 그대로 붙이면 행이 "
                "늘어나므로, 키마다 한 줄만 남기도록 라벨 파일을 고치세요.",
                f"{row[0]} keys ({keys}) appear more than once in the label file; rows would be duplicated. "
                "Keep one label row per key.",
                "on",
            )

    def plan(self, schema: Schema) -> Schema:
        if not self.settings.on:
            raise StepError("no-keys", "'on'에 맞춰 볼 열을 적으세요.", "List the columns to match in 'on'.", "on")
        fields = list(schema.fields)
        for left, right in self.settings.on.items():
            _compatible(schema.require(left, "on"), self._label_field(right, "on"))
        for right, new in self.brought.items():
            refuse_taken(schema.with_fields(fields), new, "columns")
            fields.append(replace(self._label_field(right, "columns"), name=new))
        if self.settings.indicator:
            refuse_taken(schema.with_fields(fields), self.settings.indicator, "indicator")
            fields.append(Field(self.settings.indicator, "BOOLEAN"))
        return schema.with_fields(fields)

    def made_column(self, name: str) -> MadeColumn:
        source = self.settings.path
        if name == self.settings.indicator:
            return MadeColumn(
                "label",
                f"라벨 파일 {source}에 맞는 행이 있으면 참입니다.",
                f"True where the label file {source} has a matching row.",
            )
        right = next((r for r, new in self.brought.items() if new == name), name)
        return MadeColumn(
            "label",
            f"라벨 파일 {source}의 '{right}' 열을 맞춰 붙였습니다.",
            f"Column '{right}' of the label file {source}, matched onto the rows.",
        )

    def _label_field(self, name: str, setting: str) -> Field:
        if self.labels is None:
            return Field(name, UNKNOWN)  # planned without the file: checked when the recipe is bound
        try:
            return self.labels.require(name, setting)
        except StepError as error:
            raise StepError(error.code, "라벨 파일에 " + error.ko, "In the label file: " + error.en, setting) from error

    def follows_row_order(self) -> bool:
        return False  # label keys are unique: each row meets at most one label row, whatever the order

    def fuses_with_row_wise(self) -> bool:
        return True

    def sql(self, source: str, schema: Schema) -> str:
        right_columns = [*self.settings.on.values(), *(c for c in self.brought if c not in self.settings.on.values())]
        complete = " AND ".join(f"{quote(r)} IS NOT NULL" for r in self.settings.on.values())
        selected = ", ".join(quote(c) for c in right_columns)
        labels = f"SELECT {selected}, TRUE AS {_MATCH} FROM {self.relation} WHERE {complete}"
        condition = " AND ".join(f"l.{quote(left)} = r.{quote(right)}" for left, right in self.settings.on.items())
        pairs = [(name, f"l.{quote(name)}") for name in schema.names]
        pairs += [(new, f"r.{quote(right)}") for right, new in self.brought.items()]
        if self.settings.indicator:
            pairs.append((self.settings.indicator, f"(r.{_MATCH} IS NOT NULL)"))
        join = "LEFT JOIN" if self.settings.how == "left" else "INNER JOIN"
        return (
            f"SELECT {select_list(pairs, f'l.{quote(ROW)}')} FROM {source} AS l {join} ({labels}) AS r ON {condition}"
        )


def _compatible(left: Field, right: Field) -> None:
    kinds = {left.kind, right.kind}
    if "unknown" in kinds or len(kinds) == 1 or kinds <= NUMERIC:
        return
    raise StepError(
        "join-type-mismatch",
        f"'{left.name}' 열({kind_ko(left.kind)})과 라벨 파일의 '{right.name}' 열({kind_ko(right.kind)})은 종류가 달라 "
        '맞춰 볼 수 없습니다. 앞에 derive나 cast 단계로 같은 종류로 맞추세요(예: 시각 → 날짜 CAST("Time" AS DATE)).',
        f"Column '{left.name}' ({left.kind}) and label column '{right.name}' ({right.kind}) cannot be matched. "
        'Make them the same kind with a derive or cast step first (e.g. CAST("Time" AS DATE)).',
        "on",
    )
