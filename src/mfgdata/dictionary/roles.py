"""Column roles (개념화): what each column is for, decided from the profile alone, with the reason.

A role is one of `ROLES`. Rules are tried in order and the first that fits decides, so a column that is
the profile's time axis is never also called a measurement. Every decision carries a short reason in
Korean and English, written into the contract, so a person can disagree and edit it there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mfgdata.dictionary.facts import TableFacts, table_facts
from mfgdata.dictionary.names import BUSINESS, CALENDAR, first_token_match, has_token, is_binary, tokens
from mfgdata.dictionary.sensitivity import Sensitivity, looks_like_person_names, sensitivity_of

ROLES = (
    "timestamp",
    "entity",
    "lot",
    "measurement",
    "setpoint",
    "spec_limit",
    "label",
    "feature",
    "identifier",
    "free_text",
)

_ROW_ID = re.compile(r"^(index|idx|no|num|number|seq|row|id|udi|uid|record.?id|순번|번호|일련번호|연번)$", re.I)
_PRODUCT = re.compile(r"product|part|item|제품|품번|품목|부품|모델", re.I)
_EQUIPMENT_WORDS = {"equipment", "machine", "device", "unit", "engine", "line", "press", "mc", "station"}
_EQUIPMENT_KO = re.compile(r"설비|장비|호기|라인|기계|기기")
_LOT_WORDS = {"lot", "lotno", "batch", "로트", "배치"}
_FREE_TEXT = re.compile(
    r"비고|메모|내용|설명|조치|의견|특이사항|remark|comment|note|memo|description|text|message", re.I
)
_SETPOINT_WORDS = {"sv", "sp", "set", "setpoint", "setting", "target", "설정", "설정값", "목표", "목표값"}
_MEASURE_WORDS = {
    "pv",
    "temp",
    "temperature",
    "pressure",
    "press",
    "speed",
    "velocity",
    "current",
    "voltage",
    "volt",
    "ph",
    "humidity",
    "torque",
    "wear",
    "weight",
    "flow",
    "level",
    "vibration",
    "power",
    "force",
    "thickness",
    "rpm",
    "load",
    "frequency",
    "amp",
    "density",
    "viscosity",
    "time",
    "tq",
    "insp",
}
_MEASURE_KO = re.compile(r"온도|압력|속도|전류|전압|습도|토크|마모|무게|중량|유량|진동|전력|두께|농도|점도|회전수|측정")
_CATEGORY_WORDS = {"type", "kind", "class", "grade", "category", "종류", "유형", "구분", "등급"}
FREE_TEXT_LENGTH = 40


def _first_match(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return found.group(0) if found else None


def _is_equipment_name(name: str) -> bool:
    return has_token(name, _EQUIPMENT_WORDS) or bool(_EQUIPMENT_KO.search(name))


@dataclass(frozen=True)
class RoleVerdict:
    """A role and its reason in both languages."""

    role: str
    reason_ko: str
    reason_en: str


@dataclass(frozen=True)
class ColumnRole:
    """One column of the data dictionary: name, role, sensitivity and the reasons for both."""

    name: str
    role: str
    reason_ko: str
    reason_en: str
    sensitivity: str
    sensitivity_reason_ko: str
    sensitivity_reason_en: str


Rule = Callable[[dict[str, Any], TableFacts], RoleVerdict | None]


def _provenance(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    if column["name"] != "source_file" or not facts.combined:
        return None
    return RoleVerdict(
        "identifier",
        "여러 파일을 합치며 추가된 열: 각 행이 나온 원본 파일 이름",
        "added when files were combined: the raw file each row came from",
    )


def _time_axis(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    axis = facts.time_axes.get(column["name"])
    if axis is not None and axis["axis"] == "sequence":
        entity = axis["entity_column"]
        return RoleVerdict(
            "timestamp",
            f"프로파일의 순서 축: '{entity}'마다 1씩 늘어나는 정수 카운터(사이클)",
            f"the profile's sequence axis: an integer counter (cycle) counting up within each '{entity}'",
        )
    if axis is not None:
        return RoleVerdict("timestamp", "프로파일이 찾은 시간축", "the time axis the profile found")
    if column["type"] in ("timestamp", "date", "time"):
        kind = column["type"]
        return RoleVerdict("timestamp", f"값이 시각/날짜({kind})입니다", f"values are {kind}s")
    return None


def _entity(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    series = facts.entity_series.get(column["name"])
    if series is None:
        return None
    if _PRODUCT.search(column["name"]) and not _is_equipment_name(column["name"]):
        return RoleVerdict(
            "identifier",
            f"제품 코드: 프로파일의 시계열 {series}개를 제품별로 나누지만 설비는 아닙니다",
            f"product code: it separates the profile's {series} series by product, not by equipment",
        )
    return RoleVerdict(
        "entity",
        f"프로파일의 시계열 {series}개를 나누는 설비·단위 구분 열",
        f"separates the profile's {series} series: the equipment or unit each row belongs to",
    )


def _label(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    entry = facts.labels.get(column["name"])
    if entry is not None:
        count = len(entry["columns"])
        group = f" ({count}개 열이 한 라벨)" if count > 1 else ""
        group_en = f" ({count} columns form one label)" if count > 1 else ""
        return RoleVerdict(
            "label",
            f"프로파일의 라벨({entry['kind']}){group}: {entry['reason']}",
            f"a label in the profile ({entry['kind']}){group_en}: {entry['reason']}",
        )
    owner = facts.label_flags.get(column["name"])
    if owner is not None:
        return RoleVerdict(
            "label",
            f"라벨 '{owner}' 바로 뒤의 0/1 열: 그 고장·불량 유형 표시",
            f"a 0/1 flag right after label '{owner}': one of its failure or defect modes",
        )
    return None


def _spec_limit(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    limit = facts.spec_limits.get(column["name"])
    if limit is None:
        return None
    side_ko = "하한" if limit.side == "min" else "상한"
    side_en = "lower" if limit.side == "min" else "upper"
    return RoleVerdict(
        "spec_limit",
        f"'{limit.base}'의 규격 {side_ko} (이름 끝 {column['name'][len(limit.base) :]})",
        f"the {side_en} specification limit of '{limit.base}' (name ends in {column['name'][len(limit.base) :]})",
    )


def _lot(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    if column["type"] not in ("integer", "string") or not has_token(column["name"], _LOT_WORDS):
        return None
    return RoleVerdict(
        "lot",
        f"이름이 로트/배치를 뜻하고 값이 {column['distinct']}가지입니다",
        f"the name reads as lot or batch; {column['distinct']} distinct values",
    )


def _row_id(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    name = column["name"]
    unique_text = column["type"] == "string" and name in facts.single_keys
    if _ROW_ID.match(name) and column["type"] in ("integer", "string"):
        return RoleVerdict("identifier", "이름이 행 번호·ID를 뜻합니다", "the name reads as a row number or record id")
    if unique_text:
        return RoleVerdict(
            "identifier",
            "모든 행에서 값이 다르고 비어 있지 않은 텍스트(후보 키): 특성이 아니라 ID입니다",
            "text that is unique and present in every row (a candidate key): an id, not a feature",
        )
    return None


def _equipment_name(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    distinct = column["distinct"]
    if column["type"] not in ("integer", "string") or not _is_equipment_name(column["name"]):
        return None
    if not 2 <= distinct <= max(2, facts.rows // 5):
        return None
    return RoleVerdict(
        "entity",
        f"이름이 설비·라인을 뜻하고 값이 {distinct}가지입니다",
        f"the name reads as equipment or line; {distinct} distinct values",
    )


def _person(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    if column["type"] != "string":
        return None
    level = sensitivity_of(column)
    if level.level != "personal" and not looks_like_person_names(column):
        return None
    return RoleVerdict("identifier", "사람을 가리키는 값(개인정보)", "values identify a person (personal data)")


def _free_text(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    if column["type"] != "string":
        return None
    longest = (column.get("length") or {}).get("max") or 0
    varied = column["distinct"] > max(50, column["count"] // 2)
    if _FREE_TEXT.search(column["name"]) or (longest >= FREE_TEXT_LENGTH and varied):
        return RoleVerdict(
            "free_text",
            f"자유롭게 쓴 글 (최대 {longest}자, 값 {column['distinct']}가지)",
            f"free text (up to {longest} characters, {column['distinct']} distinct values)",
        )
    return None


def _setpoint(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    if column["type"] not in ("integer", "float") or not has_token(column["name"], _SETPOINT_WORDS):
        return None
    return RoleVerdict("setpoint", "이름이 설정값(SV/SP/set)을 뜻합니다", "the name reads as a setpoint (SV/SP/set)")


def _measurement(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    if column["type"] not in ("integer", "float"):
        return None
    name, unit, group = column["name"], column.get("unit"), column.get("group")
    if unit:
        return RoleVerdict("measurement", f"단위 {unit}가 있는 수치", f"a number with a unit ({unit})")
    if group and group.lower() in ("sensor", "sensors", "process", "measurement", "센서", "공정"):
        return RoleVerdict(
            "measurement", f"헤더 그룹 '{group}' 아래의 수치", f"a number under the header group '{group}'"
        )
    word = first_token_match(name, _MEASURE_WORDS) or _first_match(_MEASURE_KO, name)
    if word:
        return RoleVerdict(
            "measurement", f"이름이 물리량을 뜻합니다 ({word})", f"the name reads as a physical quantity ({word})"
        )
    if facts.time_axes and not is_binary(column):
        return RoleVerdict("measurement", "시간축을 따라 기록된 수치", "numbers recorded along the time axis")
    return None


def _category_code(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    if not has_token(column["name"], _CATEGORY_WORDS) or column["distinct"] > 50:
        return None
    return RoleVerdict(
        "feature",
        f"이름이 종류·유형을 뜻하는 범주 코드 ({column['distinct']}가지)",
        f"a category code: the name reads as a type or kind ({column['distinct']} values)",
    )


def _business_or_calendar(column: dict[str, Any], facts: TableFacts) -> RoleVerdict | None:
    name = column["name"]
    if BUSINESS.search(name):
        return RoleVerdict(
            "feature", "수주·수요 같은 업무 수량 (센서값 아님)", "a business quantity such as orders or demand"
        )
    if CALENDAR.match(name):
        return RoleVerdict("feature", "달력 속성 (요일·월)", "a calendar attribute (day of week, month)")
    return None


def _feature(column: dict[str, Any], facts: TableFacts) -> RoleVerdict:
    name = column["name"]
    if is_binary(column) and len(tokens(name)) > 1:
        return RoleVerdict("feature", "0/1 표시 열 (원-핫 인코딩의 한 칸일 수 있음)", "a 0/1 indicator (maybe one-hot)")
    if column["type"] == "string":
        distinct = column["distinct"]
        return RoleVerdict("feature", f"범주값 {distinct}가지", f"a category with {distinct} values")
    return RoleVerdict("feature", "단위 없는 속성값", "an attribute without a unit")


RULES: tuple[Rule, ...] = (
    _provenance,
    _time_axis,
    _entity,
    _label,
    _spec_limit,
    _lot,
    _free_text,
    _row_id,
    _equipment_name,
    _person,
    _business_or_calendar,
    _setpoint,
    _category_code,
    _measurement,
)


def role_of(column: dict[str, Any], facts: TableFacts) -> RoleVerdict:
    """The role of one profile column: the first rule in `RULES` that fits, else `feature`."""
    for rule in RULES:
        verdict = rule(column, facts)
        if verdict is not None:
            return verdict
    return _feature(column, facts)


def _combine(column: dict[str, Any], verdict: RoleVerdict, level: Sensitivity) -> ColumnRole:
    return ColumnRole(
        name=column["name"],
        role=verdict.role,
        reason_ko=verdict.reason_ko,
        reason_en=verdict.reason_en,
        sensitivity=level.level,
        sensitivity_reason_ko=level.reason_ko,
        sensitivity_reason_en=level.reason_en,
    )


def assign_roles(profile: dict[str, Any]) -> list[ColumnRole]:
    """Role and sensitivity of every column of a profiled table, in file order (empty for images)."""
    facts = table_facts(profile)
    return [_combine(column, role_of(column, facts), sensitivity_of(column)) for column in profile.get("columns", [])]


def roles_by_name(roles: list[ColumnRole]) -> dict[str, ColumnRole]:
    """The roles keyed by column name."""
    return {role.name: role for role in roles}
