"""`parse-datetime`: read a text column the reader did not recognise as times → TIMESTAMPTZ in Asia/Seoul.

`formats` are strptime layouts (`%Y-%m-%d %H:%M:%S`), tried in order. Without formats the factory layouts
the reader knows are used (Korean 오전/오후, `2020 10 30 00:00:04`, `2021년 9월 6일 …`, ISO).
`date_from_file_name: true` completes times of day with the date in the file name (the `source_file`
column of a combined folder, or the single input's name). Values that do not parse become missing and
are counted. DuckDB-specific: `try_strptime` with a list of formats, `timezone()`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mfgdata.dataset.relation import SOURCE_FILE
from mfgdata.dataset.timeparse import TIMEZONE, TimeFormat, file_date_sql, timestamp_sql
from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import Schema, literal, quote, select_list
from mfgdata.prep.steps.base import Step

TIMESTAMPTZ = "TIMESTAMP WITH TIME ZONE"


@dataclass(frozen=True)
class ParseDatetimeSettings:
    """column: the text column; formats: strptime layouts tried in order (none: the factory layouts);
    date_from_file_name: take the date from the file name (for values that are only a time of day)."""

    column: str
    formats: tuple[str, ...] = ()
    date_from_file_name: bool = False


def _date_sql(schema: Schema) -> str:
    source = schema.find(SOURCE_FILE)
    if source is not None and source.kind == "string":
        return file_date_sql(quote(SOURCE_FILE))
    if schema.file_date is not None:
        return f"DATE {literal(schema.file_date)}"
    raise StepError(
        "no-date-in-file-name",
        "파일 이름에 날짜가 없어 시각에 붙일 날짜를 알 수 없습니다. 파일 이름에 날짜(예: 2021.09.06)를 넣거나 "
        "date_from_file_name을 지우세요.",
        "No file name carries a date to complete the times of day. Put the date in the file names "
        "(e.g. 2021.09.06) or remove date_from_file_name.",
        "date_from_file_name",
    )


def _check_formats(formats: tuple[str, ...], from_name: bool) -> bool:
    """Whether the formats carry their own offset (%z); all or none must, and never with a file date."""
    zoned = ["%z" in f or "%Z" in f for f in formats]
    if any(zoned) and not all(zoned):
        raise StepError(
            "mixed-offsets",
            "시간대(%z)가 있는 형식과 없는 형식을 섞을 수 없습니다. 단계를 둘로 나누세요.",
            "Formats with and without an offset (%z) cannot be mixed. Split them into two steps.",
            "formats",
        )
    if any(zoned) and from_name:
        raise StepError(
            "offset-with-file-date",
            "시간대(%z)가 있는 값에는 파일 이름의 날짜를 붙이지 않습니다. date_from_file_name을 지우세요.",
            "Values with an offset (%z) are not completed with a file date. Remove date_from_file_name.",
            "date_from_file_name",
        )
    return any(zoned)


class ParseDatetime(Step[ParseDatetimeSettings]):
    """Parse a text column to timestamps in Asia/Seoul."""

    type = "parse-datetime"
    settings_type = ParseDatetimeSettings

    def is_row_wise(self) -> bool:
        return True

    def plan(self, schema: Schema) -> Schema:
        s = self.settings
        field = schema.find(s.column)
        if field is not None and field.kind in {"timestamp", "date"}:
            raise StepError(
                "already-time",
                f"'{s.column}' 열은 이미 {field.type} 형식입니다. 이 단계를 지우세요.",
                f"Column '{s.column}' is already {field.type}. Remove this step.",
                "column",
            )
        field = schema.require(s.column, "column", {"string", "integer"})
        _check_formats(s.formats, s.date_from_file_name)
        if s.date_from_file_name:
            _date_sql(schema)
        return schema.replaced(s.column, replace(field, type=TIMESTAMPTZ, unit=None))

    def _expression(self, schema: Schema) -> str:
        s = self.settings
        text = f"CAST({quote(s.column)} AS VARCHAR)"
        date_sql = _date_sql(schema) if s.date_from_file_name else None
        if not s.formats:
            return timestamp_sql(text, TimeFormat(not s.date_from_file_name, True, ()), date_sql)
        parsed = f"try_strptime({text}, [{', '.join(literal(f) for f in s.formats)}])"
        if _check_formats(s.formats, s.date_from_file_name):
            return f"CAST({parsed} AS TIMESTAMPTZ)"
        if date_sql is not None:
            parsed = f"({date_sql} + CAST({parsed} AS TIME))"
        return f"timezone({literal(TIMEZONE)}, CAST({parsed} AS TIMESTAMP))"

    def sql(self, source: str, schema: Schema) -> str:
        overrides = {self.settings.column: self._expression(schema)}
        return f"SELECT {select_list(schema.passthrough(overrides))} FROM {source}"

    def changed_columns(self, schema: Schema) -> tuple[str, ...]:
        return (self.settings.column,)
