"""Drafts of product.yaml (what is sold) and equipment.yaml (what collected the data).

The title and description are drafted from the profile in Korean and English — process, subject, period
and size, e.g. "도금 공정·품질 데이터 (2021-09-06 ~ 2021-10-27, 50,094행)". The category carries its reasons
and every rule considered; licence, seller and price plans are placeholders a person fills in.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from mfgdata.dictionary.category import Classification
from mfgdata.dictionary.describe import ROLE_NAMES
from mfgdata.dictionary.identity import contract_id
from mfgdata.dictionary.roles import ColumnRole
from mfgdata.dictionary.summary import period, summary_ko_en
from mfgdata.dictionary.yamltext import Section, commented

LICENCE_PLACEHOLDER = "to be chosen"
_SUBJECTS = {
    "vision_inspection": ("제품 검사 이미지", "product inspection images"),
    "quality_prediction": ("공정·품질 데이터", "process and quality data"),
    "process_optimization": ("공정 센서 데이터", "process sensor data"),
    "predictive_maintenance": ("설비 상태·고장 데이터", "equipment condition and failure data"),
    "know_how": ("작업 기록 데이터", "work record data"),
    "factory_operations": ("수주·생산 운영 데이터", "order and production operations data"),
    "ai_solution": ("AI 학습 데이터", "AI training data"),
}


def _span(when: tuple[str, str] | None) -> tuple[str, str]:
    if when is None:
        return "", ""
    if when[0] == when[1]:
        return f"{when[0]}, ", f"{when[0]}, "
    return f"{when[0]} ~ {when[1]}, ", f"{when[0]} – {when[1]}, "


def draft_title(profile: dict[str, Any], classification: Classification) -> tuple[str, str]:
    """`(Korean, English)` title: process, subject, then period and size in brackets."""
    subject_ko, subject_en = _SUBJECTS[classification.category]
    timed = any(series["axis"] == "timestamp" for series in profile.get("timeseries", []))
    if classification.category == "quality_prediction" and timed:
        subject_ko, subject_en = "센서·품질 데이터", "sensor and quality data"
    process = classification.process
    known = process.id != "unknown"
    prefix_ko = f"{process.name_ko} " if known else "제조 "
    prefix_en = f"{process.name_en[:1].upper()}{process.name_en[1:]} " if known else "Manufacturing "
    rows = int(profile.get("rows") or 0)
    size_ko = f"{rows:,}장" if profile.get("kind") == "images" else f"{rows:,}행"
    size_en = f"{rows:,} images" if profile.get("kind") == "images" else f"{rows:,} rows"
    span_ko, span_en = _span(period(profile))
    return (
        f"{prefix_ko}{subject_ko} ({span_ko}{size_ko})",
        f"{prefix_en}{subject_en} ({span_en}{size_en})",
    )


def _role_counts(roles: list[ColumnRole]) -> tuple[str, str]:
    counts: dict[str, int] = {}
    for role in roles:
        counts[role.role] = counts.get(role.role, 0) + 1
    listed_ko = ", ".join(f"{ROLE_NAMES[name][0]} {count}" for name, count in counts.items())
    listed_en = ", ".join(f"{ROLE_NAMES[name][1]} {count}" for name, count in counts.items())
    return f"열 역할: {listed_ko}.", f"Column roles: {listed_en}."


def draft_description(
    profile: dict[str, Any], roles: list[ColumnRole], classification: Classification
) -> tuple[str, str]:
    """`(Korean, English)` description: summary, roles, why this category, which process and why."""
    summary_ko, summary_en = summary_ko_en(profile)
    roles_ko, roles_en = _role_counts(roles) if roles else ("", "")
    why_ko = " / ".join(classification.reasons_ko)
    why_en = " / ".join(classification.reasons_en)
    process = classification.process
    ko = f"{summary_ko} {roles_ko} 상품 구분 {classification.name_ko}: {why_ko}. 공정: {process.reason_ko}"
    en = f"{summary_en} {roles_en} Category {classification.name_en}: {why_en}. Process: {process.reason_en}"
    return ko.replace("  ", " "), en.replace("  ", " ")


def _category_section(classification: Classification) -> dict[str, Any]:
    return {
        "category": {
            "id": classification.category,
            "name": {"ko": classification.name_ko, "en": classification.name_en},
            "score": classification.score,
            "reasons": {"ko": list(classification.reasons_ko), "en": list(classification.reasons_en)},
            "considered": [asdict(outcome) for outcome in classification.considered],
        }
    }


def _process_section(classification: Classification) -> dict[str, Any]:
    process = classification.process
    return {
        "process": {
            "id": process.id,
            "name": {"ko": process.name_ko, "en": process.name_en},
            "evidence": list(process.evidence),
            "reason": {"ko": process.reason_ko, "en": process.reason_en},
        }
    }


def _data_section(profile: dict[str, Any]) -> dict[str, Any]:
    when = period(profile)
    return {
        "data": {
            "kind": profile.get("kind"),
            "rows": int(profile.get("rows") or 0),
            "columns": len(profile.get("columns", [])),
            "period": {"from": when[0], "to": when[1]} if when else None,
            "labels": [label["columns"] for label in profile.get("labels", [])],
            "contract": "contract.yaml",
            "recipe": "recipe.yaml",
            "equipment": "equipment.yaml",
            "sources": "sources.yaml",
        }
    }


_PRODUCT_HEADER = (
    "제조데이터 상품 초안 — mfgdata init이 프로파일에서 작성했습니다. 모든 항목을 확인하고 고치세요.",
    "Data product draft written by mfgdata init from the profile. Check and edit every field.",
)
_CATEGORY_NOTE = (
    "상품 구분 (공고의 7가지): 고른 규칙의 근거와 검토한 모든 규칙. 다르면 id를 바꾸세요.",
    "Product category (the notice's seven kinds): reasons of the chosen rules and every rule considered.",
)
_PARTY_NOTE = (
    "판매기업(제조기업)·가공기업: 상호, 사업자등록번호(brn, 숫자 10자리), 담당자 연락처",
    "Seller (manufacturer) and processor: name, business registration number (10 digits), contact",
)


def _party() -> dict[str, Any]:
    return {"organisation": "", "brn": "", "contact": {"name": "", "email": "", "phone": ""}}


def product_yaml(profile: dict[str, Any], roles: list[ColumnRole], classification: Classification) -> str:
    """The text of product.yaml, with comments that say what to check and fill in."""
    title_ko, title_en = draft_title(profile, classification)
    description_ko, description_en = draft_description(profile, roles, classification)
    sections: list[Section] = [
        (_PRODUCT_HEADER, {"id": contract_id(profile), "version": "0.1.0"}),
        ([], {"title": {"ko": title_ko, "en": title_en}}),
        ([], {"description": {"ko": description_ko, "en": description_en}}),
        (_CATEGORY_NOTE, _category_section(classification)),
        (["공정 추정 / process guess"], _process_section(classification)),
        ([], _data_section(profile)),
        (
            ["라이선스: 판매 조건에 맞게 고르세요 / licence: choose one that fits the terms of sale"],
            {"licence": LICENCE_PLACEHOLDER},
        ),
        (_PARTY_NOTE, {"seller": _party(), "processor": _party()}),
        (["가격 정책: mfgdata price가 추천합니다 / price plans: mfgdata price recommends them"], {"price_plans": []}),
    ]
    return commented(sections)


def _entity_values(profile: dict[str, Any], roles: list[ColumnRole]) -> tuple[str | None, list[str], int]:
    """The equipment column, its values (the profile's series names, else its top values) and how many exist."""
    entity = next((role.name for role in roles if role.role == "entity"), None)
    if entity is None:
        return None, [], 0
    for series in profile.get("timeseries", []):
        if series["entity_column"] == entity and series.get("per_entity"):
            return entity, [str(item["entity"]) for item in series["per_entity"]], int(series["entities"])
    column = next(column for column in profile["columns"] if column["name"] == entity)
    return entity, [str(item["value"]) for item in column.get("top_values") or []], int(column["distinct"])


def _piece(number: int, entity: str | None, process: str) -> dict[str, Any]:
    return {
        "id": f"equipment-{number}",
        "entity": entity,
        "process": process,
        "name": "",
        "manufacturer": "",
        "model": "",
        "serial": "",
        "year": None,
        "ratings": {},
    }


def equipment_yaml(profile: dict[str, Any], roles: list[ColumnRole], classification: Classification) -> str:
    """The text of equipment.yaml: one piece per entity value found, else one piece."""
    column, values, total = _entity_values(profile, roles)
    process = classification.process.id
    pieces = [_piece(i, value, process) for i, value in enumerate(values, start=1)] or [_piece(1, None, process)]
    where_ko = f"'{column}' 열의 값마다 한 대 ({len(values)}대)" if column else "설비 구분 열이 없어 한 대"
    where_en = f"one piece per value of column '{column}' ({len(values)})" if column else "no equipment column: one"
    header = [
        "데이터수집 장비 — 제조사·모델·시리얼·제조연도·정격(ratings)을 채우세요. AAS 내보내기에 쓰입니다.",
        "Data-collecting equipment: fill in manufacturer, model, serial, year and ratings (used for the AAS).",
        f"{where_ko} / {where_en}",
        *(
            [f"{total}대 중 자주 나온 {len(values)}대만 적었습니다 / only {len(values)} of {total} listed"]
            if total > len(values)
            else []
        ),
        "ratings 예 / example: {power: 15 kW, max_pressure: 25 MPa}",
    ]
    return commented([(header, {"entity_column": column, "equipment": pieces})])


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
