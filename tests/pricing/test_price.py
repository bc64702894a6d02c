"""`mfgdata price`: the figures a seller shows an operator, and the plans the licence forbids."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from mfgdata.packaging import package_project
from mfgdata.packaging.errors import PackageError
from mfgdata.pricing import price_project

from ..packaging.conftest import set_product


def _price(project: Path) -> dict:
    path, document = price_project(project)
    assert json.loads(path.read_text(encoding="utf-8")) == document
    return document


def test_price_json_has_the_shared_format_in_integer_krw_with_vat_apart(ai4i: Path) -> None:
    document = _price(ai4i)
    assert document["format"] == "mfgdata-price/1" and document["currency"] == "KRW" and document["vat_excluded"]
    low, mid, high = (document["recommended"][k] for k in ("low", "mid", "high"))
    assert 0 < low < mid < high and all(isinstance(v, int) for v in (low, mid, high))
    assert [plan["kind"] for plan in document["plans"]] == ["one_off", "subscription", "api"]
    for plan in document["plans"]:
        assert plan["vat_krw"] == plan["price_krw"] // 10 and plan["total_krw"] == plan["price_krw"] + plan["vat_krw"]
    subsidy = document["subsidy"]  # read from the shipped 2023 purchase-support definition, not from pricing code
    assert subsidy["programme_id"] == "purchase-2023"
    quotes = {quote["buyer"]: quote for quote in subsidy["quotes"]}
    price = quotes["sme"]["price_krw"]
    assert (
        quotes["sme"]["subsidy_krw"] == price * 8 // 10 and quotes["sme"]["buyer_pays_krw"] == price - price * 8 // 10
    )
    assert quotes["nonprofit"]["subsidy_krw"] == price and quotes["nonprofit"]["buyer_pays_krw"] == 0
    assert all(reason["ko"] and reason["en"] for reason in document["reasons"])
    assert any("예시 단가표" in reason["ko"] for reason in document["reasons"])  # the example table says so


def test_cost_follows_the_users_daily_rate_and_person_days(ai4i: Path) -> None:
    set_product(
        ai4i,
        pricing={
            "daily_rate_krw": 500000,
            "person_days": {"preparation": 10},
            "expected_sales": 2,
            "infrastructure_krw": 0,
            "verification_krw": 0,
            "margin": 0,
        },
    )
    cost = _price(ai4i)["approaches"]["cost"]
    days = sum(cost["person_days"].values())
    assert cost["person_days"]["preparation"] == 10 and cost["person_days_given"] == ["preparation"]
    assert cost["labour_krw"] == round(days * 500000)
    assert cost["per_sale_krw"] == round(cost["labour_krw"] / 2)
    assert cost["daily_rate_source"] == "product.yaml"
    assert not any(
        "예시 단가표" in r["ko"] and "노임" in r["ko"] and "product.yaml" in r["ko"] for r in _price(ai4i)["reasons"]
    )


def test_market_approach_normalises_comparables_per_row(ai4i: Path) -> None:
    catalog = {
        "source": "test catalog",
        "products": [
            {
                "id": "a",
                "category": "predictive_maintenance",
                "process": "machining",
                "price_krw": 2_000_000,
                "rows": 20_000,
            },
            {
                "id": "b",
                "category": "predictive_maintenance",
                "process": "machining",
                "price_krw": 600_000,
                "rows": 5_000,
            },
            {
                "id": "c",
                "category": "predictive_maintenance",
                "process": "machining",
                "price_krw": 9_000_000,
                "rows": 30_000,
            },
            {"id": "other", "category": "vision_inspection", "process": "casting", "price_krw": 99_000_000, "rows": 1},
        ],
    }
    (ai4i / "comparables.yaml").write_text(yaml.safe_dump(catalog), encoding="utf-8")
    set_product(ai4i, pricing={"catalog": "comparables.yaml"})
    market = _price(ai4i)["approaches"]["market"]
    assert market["comparables"] == ["a", "b", "c"] and market["matched_on"] == "category+process"
    assert market["per_basis"]["rows"]["unit_krw"] == 120  # median of 100, 120, 300 KRW per row
    assert market["estimate_krw"] == 1_200_000  # × 10,000 rows


def test_value_factors_use_the_quality_grade_when_verified(ai4i: Path) -> None:
    before = _price(ai4i)
    quality = ai4i / "build" / "quality"
    quality.mkdir()
    (quality / "results.json").write_text(json.dumps({"score": {"grade": "A"}, "stats": {"checks": 10}}), "utf-8")
    after = _price(ai4i)
    factor = next(f for f in after["approaches"]["value"]["factors"] if f["id"] == "quality")
    assert factor["multiplier"] > 1 and "A" in factor["ko"]
    assert after["recommended"]["mid"] > before["recommended"]["mid"]


@pytest.mark.parametrize("price", [0, -5000, "free"])
def test_a_plan_with_no_positive_price_is_refused(ai4i: Path, price: object) -> None:
    set_product(ai4i, price_plans=[{"id": "one-off", "kind": "one_off", "price_krw": price}])
    with pytest.raises(PackageError) as error:
        price_project(ai4i)
    assert error.value.code == "price-not-positive"


def test_a_commercial_plan_on_non_commercial_data_is_refused(ai4i: Path) -> None:
    set_product(ai4i, licence="CC-BY-NC-4.0", price_plans=[{"id": "biz", "kind": "one_off", "price_krw": 100000}])
    with pytest.raises(PackageError) as error:
        price_project(ai4i)
    assert error.value.code == "commercial-plan-non-commercial-data"
    # a non-commercial plan is accepted, and drafted plans are non-commercial
    set_product(ai4i, price_plans=[{"id": "lab", "kind": "one_off", "price_krw": 100000, "use": "non_commercial"}])
    assert _price(ai4i)["plans"][0]["use"] == "non_commercial"
    set_product(ai4i, price_plans=[])
    assert {plan["use"] for plan in _price(ai4i)["plans"]} == {"non_commercial"}


def test_no_price_plan_for_data_that_allows_no_derivatives(ai4i: Path) -> None:
    set_product(ai4i, licence="CC-BY-NC-ND-4.0")
    with pytest.raises(PackageError) as error:
        price_project(ai4i)
    assert error.value.code == "licence-not-distributable"
    assert not (ai4i / "build" / "price.json").exists()
    result = package_project(ai4i)  # still packages for local testing, marked as such
    assert result.manifest["product"]["licence"]["distributable"] is False
    assert "not distributable" in (result.folder / "README.md").read_text(encoding="utf-8")


@dataclass(frozen=True)
class _Quote:
    programme_id: str
    price_krw: int
    subsidy_krw: int
    buyer_pays_krw: int
    ratio: Decimal
    cap_krw: int
    explanation_ko: str
    explanation_en: str


def _fake_rules(ratio: Decimal, cap: int) -> types.ModuleType:
    module = types.ModuleType("mfgdata.rules")

    def find_programme(kind: str, year: int | None = None) -> object:
        return {"id": "purchase-test", "kind": kind}

    def purchase_subsidy(programme: dict, *, price_krw: int, buyer: str, already_used_krw: int = 0) -> _Quote:
        share = Decimal(1) if buyer == "nonprofit" else ratio
        subsidy = min(int(price_krw * share), cap)
        return _Quote(programme["id"], price_krw, subsidy, price_krw - subsidy, share, cap, "설명", "explanation")

    module.find_programme = find_programme  # type: ignore[attr-defined]
    module.purchase_subsidy = purchase_subsidy  # type: ignore[attr-defined]
    return module


def test_subsidy_is_read_from_the_programme_definition(ai4i: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mfgdata.rules", _fake_rules(Decimal("0.5"), 100_000))
    document = _price(ai4i)
    one_off = document["plans"][0]["price_krw"]
    sme, nonprofit = document["subsidy"]["quotes"]
    assert document["subsidy"]["programme_id"] == "purchase-test"
    assert sme["subsidy_krw"] == min(one_off // 2, 100_000) and sme["ratio"] == "0.5"
    assert nonprofit["buyer"] == "nonprofit" and nonprofit["buyer_pays_krw"] == one_off - nonprofit["subsidy_krw"]


def test_price_json_travels_in_the_package(ai4i: Path) -> None:
    _price(ai4i)
    result = package_project(ai4i)
    assert json.loads((result.folder / "price.json").read_text(encoding="utf-8"))["format"] == "mfgdata-price/1"
