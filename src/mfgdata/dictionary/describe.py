"""Draft descriptions of columns in Korean and English, for the data dictionary.

A description says what the column is in both languages: the header's words translated where a small
glossary knows them (`Air temperature` → `공기 온도`, `수주량` → `order quantity`), the role, the unit and,
where the profile knows it, the range or the classes. It is a draft for a person to improve; words the
glossary does not know are kept as written rather than guessed.
"""

from __future__ import annotations

import re
from typing import Any

from mfgdata.dictionary.names import tokens
from mfgdata.dictionary.roles import ColumnRole

ROLE_NAMES: dict[str, tuple[str, str]] = {
    "timestamp": ("시각", "time"),
    "entity": ("설비 구분", "equipment id"),
    "lot": ("로트", "lot"),
    "measurement": ("측정값", "measurement"),
    "setpoint": ("설정값", "setpoint"),
    "spec_limit": ("규격 한계", "specification limit"),
    "label": ("라벨(예측 대상)", "label (the outcome to predict)"),
    "feature": ("속성", "attribute"),
    "identifier": ("식별자", "identifier"),
    "free_text": ("자유 기술", "free text"),
}

_EN_TO_KO = {
    "air": "공기",
    "process": "공정",
    "temperature": "온도",
    "temp": "온도",
    "pressure": "압력",
    "speed": "속도",
    "velocity": "속도",
    "rotational": "회전",
    "current": "전류",
    "voltage": "전압",
    "humidity": "습도",
    "torque": "토크",
    "tool": "공구",
    "wear": "마모",
    "machine": "기계",
    "failure": "고장",
    "time": "시간",
    "thickness": "두께",
    "force": "힘",
    "weight": "무게",
    "melt": "용융",
    "melting": "용해",
    "furnace": "로",
    "coolant": "냉각수",
    "factory": "공장",
    "spray": "스프레이",
    "casting": "주조",
    "cylinder": "실린더",
    "clamping": "형체",
    "product": "제품",
    "type": "유형",
    "number": "번호",
    "cycle": "사이클",
    "shot": "샷",
    "defect": "불량",
    "defects": "불량",
    "crack": "균열",
    "scratch": "긁힘",
    "bubble": "기포",
    "min": "하한",
    "max": "상한",
    "motor": "모터",
    "motorspeed": "모터 속도",
    "flow": "유량",
    "level": "수위",
    "power": "전력",
    "vibration": "진동",
    "date": "날짜",
    "lot": "로트",
    "index": "순번",
    "id": "ID",
    "high": "고속",
    "rise": "상승",
    "rapid": "급속",
    "biscuit": "비스킷",
    "steel": "강",
    "plate": "판",
    "ph": "pH",
}
_KO_TO_EN = {
    "수주량": "order quantity",
    "예정": "scheduled",
    "예상": "forecast",
    "작년": "last year's",
    "온도": "temperature",
    "압력": "pressure",
    "속도": "speed",
    "전류": "current",
    "전압": "voltage",
    "습도": "humidity",
    "작업자": "operator",
    "담당자": "person in charge",
    "불량": "defect",
    "설비": "equipment",
    "제품": "product",
    "로트": "lot",
    "시간": "time",
    "일시": "date and time",
    "날짜": "date",
    "수량": "quantity",
    "재고": "stock",
    "생산량": "output",
    "라인": "line",
    "호기": "machine no.",
    "비고": "remarks",
    "이름": "name",
    "성명": "name",
    "고객": "customer",
    "단가": "unit price",
    "가격": "price",
}


_DAY_T = re.compile(r"^T([+-]\d+)?일$")


def _lookup(word: str, glossary: dict[str, str]) -> str | None:
    day = _DAY_T.match(word)
    if day and glossary is _KO_TO_EN:
        return f"day T{day.group(1) or ''}"
    return glossary.get(word.lower().strip("."))


def _translate(name: str, glossary: dict[str, str]) -> str | None:
    """The header with known words translated, or None when no word is known."""
    words = [word for word in name.replace("_", " ").split() if word]
    known = False
    out = []
    for word in words:
        hit = _lookup(word, glossary) or next((v for k, v in glossary.items() if k in tokens(word)), None)
        known = known or hit is not None
        out.append(hit or word)
    return " ".join(out) if known else None


def _facts_ko(column: dict[str, Any]) -> str:
    if column["type"] in ("integer", "float") and column["min"] is not None:
        return f"범위 {column['min']} ~ {column['max']}"
    if column["type"] in ("timestamp", "date") and column["min"]:
        return f"{column['min']} ~ {column['max']}"
    return f"값 {column['distinct']:,}가지" if column["distinct"] else "값 없음"


def _facts_en(column: dict[str, Any]) -> str:
    if column["type"] in ("integer", "float") and column["min"] is not None:
        return f"range {column['min']} to {column['max']}"
    if column["type"] in ("timestamp", "date") and column["min"]:
        return f"{column['min']} to {column['max']}"
    return f"{column['distinct']:,} distinct values" if column["distinct"] else "no values"


def describe_column(column: dict[str, Any], role: ColumnRole) -> tuple[str, str]:
    """`(Korean, English)` draft description of one profile column with its role."""
    name = column["name"]
    role_ko, role_en = ROLE_NAMES[role.role]
    gloss_ko = _translate(name, _EN_TO_KO)
    gloss_en = _translate(name, _KO_TO_EN)
    unit = column.get("unit_label") or column.get("unit")
    head_ko = f"{name} ({gloss_ko})" if gloss_ko and gloss_ko != name else name
    head_en = f"{name} ({gloss_en})" if gloss_en and gloss_en != name else name
    unit_ko = f", 단위 {unit}" if unit else ""
    unit_en = f", unit {unit}" if unit else ""
    ko = f"{head_ko}: {role_ko}{unit_ko}; {_facts_ko(column)}. {role.reason_ko}."
    en = f"{head_en}: {role_en}{unit_en}; {_facts_en(column)}. {role.reason_en[:1].upper()}{role.reason_en[1:]}."
    return ko, en
