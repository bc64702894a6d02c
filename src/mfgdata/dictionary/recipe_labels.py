"""Recipe steps that make the label a model learns: from defect counts, one-hot columns, a side file of
defective lots, or the remaining useful life of run-to-failure series.

Expressions are DuckDB SQL over the column names as they are after the recipe's renames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from mfgdata.dataset.relation import quote
from mfgdata.dictionary.names import has_token

DEFECT_LABEL = "passorfail"
CLASS_LABEL = "defect_type"
_DATE_IN_NAME = r"\d{4}[._-]\d{2}[._-]\d{2}"


@dataclass
class Draft:
    """Steps drafted so far, and the renames later steps must follow."""

    names: list[str]
    steps: list[dict[str, Any]] = field(default_factory=list)
    renames: dict[str, str] = field(default_factory=dict)

    def now(self, name: str) -> str:
        """A column's name after the renames."""
        return self.renames.get(name, name)

    def add(self, step_type: str, settings: dict[str, Any], why_ko: str, why_en: str) -> None:
        """Append one step with its reason in both languages."""
        self.steps.append({"type": step_type, **settings, "why": f"{why_ko} / {why_en}"})

    def free_name(self, wanted: str) -> str:
        """`wanted`, or `wanted_2` … when a column of that name (ignoring case, as DuckDB does) exists."""
        taken = {self.now(name).lower() for name in self.names}
        candidate, number = wanted, 2
        while candidate.lower() in taken:
            candidate, number = f"{wanted}_{number}", number + 1
        return candidate


def label_from_group(draft: Draft, label: dict[str, Any]) -> str | None:
    """A single label column derived from a group of count or one-hot columns; its name, or None."""
    columns = [draft.now(name) for name in label["columns"]]
    if len(columns) < 2 or label["kind"] not in ("count", "one_hot"):
        return None
    if label["kind"] == "count":
        name = draft.free_name(DEFECT_LABEL)
        total = " + ".join(f"coalesce({quote(column)}, 0)" for column in columns)
        draft.add(
            "derive",
            {
                "column": name,
                "expression": f"CASE WHEN {total} > 0 THEN 1 ELSE 0 END",
                "role": "label",
                "description": {"ko": "불량 여부 라벨: 불량 1, 양품 0", "en": "Defect label: 1 defective, 0 good"},
            },
            f"불량 개수 열 {len(columns)}개 중 하나라도 0보다 크면 불량(1), 아니면 양품(0)인 라벨 하나를 만듭니다",
            f"one label from {len(columns)} defect-count columns: 1 when any count is above 0, else 0",
        )
        return name
    name = draft.free_name(CLASS_LABEL)
    cases = " ".join(f"WHEN {quote(column)} = 1 THEN '{column}'" for column in columns)
    draft.add(
        "derive",
        {
            "column": name,
            "expression": f"CASE {cases} END",
            "role": "label",
            "description": {"ko": "불량 유형 라벨 (클래스 이름)", "en": "Defect type label (class name)"},
        },
        f"원-핫 열 {len(columns)}개를 클래스 이름 하나의 라벨 열로 합칩니다",
        f"one class-name label from {len(columns)} one-hot columns",
    )
    return name


def _date_expression(profile: dict[str, Any], draft: Draft) -> str | None:
    files = (profile.get("source") or {}).get("files") or []
    dated = files and all(entry.get("date_from_name") for entry in files)
    if dated and "source_file" in draft.names:
        found = f"regexp_extract({quote('source_file')}, '{_DATE_IN_NAME}')"
        return f"CAST(regexp_replace({found}, '[._]', '-', 'g') AS DATE)"
    axis = next((s for s in profile.get("timeseries", []) if s["axis"] == "timestamp"), None)
    if axis is None:
        return None
    return f"CAST(timezone('Asia/Seoul', {quote(draft.now(axis['time_column']))}) AS DATE)"


def _side_keys(side: dict[str, Any]) -> tuple[str | None, str | None]:
    columns = side.get("columns", [])
    date = next((c["name"] for c in columns if c["type"] in ("date", "timestamp")), None)
    lot = next((c["name"] for c in columns if has_token(c["name"], {"lot", "batch", "로트"})), None)
    return date, lot


def _add_date(draft: Draft, date_sql: str) -> str:
    name = draft.free_name("date")
    draft.add(
        "derive",
        {"column": name, "expression": date_sql},
        "불량 목록과 날짜로 잇기 위해 각 행의 날짜를 만듭니다 (파일 이름 또는 시각에서)",
        "a date for each row (from the file name or the time) to join the defect list by date",
    )
    return name


def join_side_labels(
    draft: Draft, profile: dict[str, Any], lot_column: str | None, path: str, side: dict[str, Any]
) -> str | None:
    """Steps that join a side file of defective (date, lot) pairs and turn a match into a 0/1 label.

    The side file's lot column comes along as the marker of a match and is dropped after the label is
    derived. A data column whose name differs from it only by case (`Lot` / `LoT`) is renamed first.
    """
    side_date, side_lot = _side_keys(side)
    date_sql = _date_expression(profile, draft)
    if side_date is None or side_lot is None or date_sql is None:
        return None
    on = {_add_date(draft, date_sql): side_date}
    if lot_column is not None:
        on[draft.now(lot_column)] = side_lot
    shown = PurePath(path).name
    draft.add(
        "join-labels",
        {"path": path, "on": on, "columns": [side_lot]},
        f"'{shown}'에 있는 (날짜, 로트)가 불량 로트입니다",
        f"'{shown}' lists the defective (date, lot) pairs",
    )
    label = draft.free_name(DEFECT_LABEL)
    draft.add(
        "derive",
        {
            "column": label,
            "expression": f"CASE WHEN {quote(side_lot)} IS NULL THEN 0 ELSE 1 END",
            "role": "label",
            "description": {
                "ko": "불량 여부 라벨: 불량 목록에 있는 로트 1, 나머지 0",
                "en": "Defect label: 1 for lots in the defect list, else 0",
            },
        },
        "불량 목록에 있는 로트의 행은 불량(1), 나머지는 양품(0)",
        "rows of a lot in the defect list are defective (1), the others good (0)",
    )
    draft.add(
        "drop",
        {"columns": [side_lot]},
        "결합 표시로만 쓴 불량 목록의 로트 열",
        "the defect list's lot column, used only to mark a match",
    )
    return label


def remaining_useful_life(draft: Draft, series: dict[str, Any], other_files: list[str]) -> str:
    """RUL = the series' last cycle minus this cycle, per entity (and per file when ids repeat across files)."""
    cycle, entity = quote(draft.now(series["time_column"])), quote(draft.now(series["entity_column"]))
    partition = f"{quote('source_file')}, {entity}" if series["entity_per_file"] else entity
    rul_files = [name for name in other_files if "rul" in name.lower()]
    note_ko = f" 끝까지 가지 않은 시계열은 {', '.join(rul_files)}의 값을 더해야 합니다." if rul_files else ""
    note_en = f" Series cut short before failure need the values in {', '.join(rul_files)} added." if rul_files else ""
    name = draft.free_name("RUL")
    draft.add(
        "derive",
        {
            "column": name,
            "expression": f"max({cycle}) OVER (PARTITION BY {partition}) - {cycle}",
            "role": "label",
            "description": {
                "ko": "잔여수명(RUL): 고장까지 남은 사이클 수",
                "en": "Remaining useful life (RUL): cycles left until failure",
            },
        },
        f"고장까지 남은 사이클(잔여수명): 시계열의 마지막 사이클 - 현재 사이클.{note_ko}",
        f"remaining useful life: the series' last cycle minus this cycle.{note_en}",
    )
    return name


def series_id(draft: Draft, series: dict[str, Any]) -> str:
    """The column that names one series: the entity, or `source_file / entity` when ids repeat per file."""
    entity = draft.now(series["entity_column"])
    if not series["entity_per_file"]:
        return entity
    name = draft.free_name("series")
    draft.add(
        "derive",
        {
            "column": name,
            "expression": f"{quote('source_file')} || ' / ' || CAST({quote(entity)} AS VARCHAR)",
            "role": "entity",
            "description": {"ko": "시계열 구분: 파일 / 설비 번호", "en": "Series id: file / unit number"},
        },
        "같은 번호가 파일마다 다른 단위이므로 파일과 번호로 시계열을 구분합니다",
        "the same id is a different unit in each file, so a series is file and id together",
    )
    return name
