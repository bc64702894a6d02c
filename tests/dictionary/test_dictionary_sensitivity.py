"""Personal and confidential columns are found by name and by value, and the recipe protects them."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from mfgdata.dictionary import assign_roles, build_contract, contract_yaml, draft_recipe
from mfgdata.profiling import profile_paths

WORKERS = ["김민수", "이서연", "박지훈", "최유진", "정다은"]
PARTNERS = ["대성정밀", "한빛금속", "세진산업"]


def _rows(count: int) -> list[str]:
    rows = ["일시,작업자,담당,거래처,단가,상태,제품이름,비고,온도"]
    for i in range(count):
        worker = WORKERS[i % len(WORKERS)]
        helper = WORKERS[(i + 2) % len(WORKERS)]
        note = f"{i}번째 로트 금형 교체 후 첫 샷 외관 확인, 버 발생 여부 점검 및 조치 완료"
        state = "정상" if i % 7 else "이상"
        product = f"브래킷-{i % 4}"
        rows.append(
            f"2024-03-{1 + i // 48:02d} {i % 24:02d}:{i % 60:02d}:00,{worker},{helper},"
            f"{PARTNERS[i % 3]},{1200 + i % 5},{state},{product},{note},{20 + (i % 10) / 10}"
        )
    return rows


@pytest.fixture(scope="module")
def staffed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("staffed") / "press_log.csv"
    path.write_text("\n".join(_rows(240)) + "\n", encoding="utf-8")
    return profile_paths([path])


def test_worker_names_are_personal_by_header_and_by_value(staffed: dict[str, Any]) -> None:
    roles = {role.name: role for role in assign_roles(staffed)}
    assert roles["작업자"].sensitivity == "personal"
    assert "작업자" in roles["작업자"].sensitivity_reason_ko
    # '담당' is not a person word on its own: the values (Korean personal names) give it away
    assert roles["담당"].sensitivity == "personal"
    assert "Korean personal names" in roles["담당"].sensitivity_reason_en


def test_partner_companies_and_prices_are_confidential(staffed: dict[str, Any]) -> None:
    roles = {role.name: role for role in assign_roles(staffed)}
    assert roles["거래처"].sensitivity == "confidential"
    assert roles["단가"].sensitivity == "confidential"
    assert "price" in roles["단가"].sensitivity_reason_en


def test_status_words_and_product_names_are_not_people(staffed: dict[str, Any]) -> None:
    roles = {role.name: role for role in assign_roles(staffed)}
    assert roles["상태"].sensitivity == "internal"
    assert roles["제품이름"].sensitivity == "internal"
    assert roles["온도"].sensitivity == "internal"
    assert roles["비고"].role == "free_text"


def test_contract_marks_personal_columns_and_never_shows_their_values(staffed: dict[str, Any]) -> None:
    contract = build_contract(staffed)
    props = {prop["name"]: prop for prop in contract["schema"][0]["properties"]}
    assert props["작업자"]["classification"] == "personal"
    assert "examples" not in props["작업자"]
    assert "examples" not in props["거래처"]
    text = contract_yaml(contract)
    assert not any(name in text for name in WORKERS + PARTNERS)


def test_recipe_pseudonymises_people_and_drops_business_secrets(staffed: dict[str, Any]) -> None:
    recipe = yaml.safe_load(draft_recipe(staffed, build_contract(staffed)))
    by_type: dict[str, list[dict[str, Any]]] = {}
    for step in recipe["steps"]:
        by_type.setdefault(step["type"], []).append(step)
    (pseudonymise,) = by_type["pseudonymise"]
    assert set(pseudonymise["columns"]) == {"작업자", "담당"}
    dropped = {column for step in by_type["drop-sensitive"] for column in step["columns"]}
    assert dropped == {"거래처", "단가"}
    assert "작업자" not in by_type["normalize-text"][0]["columns"]
