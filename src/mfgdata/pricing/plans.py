"""Price plans — one-off licence, annual subscription, per-call API — with VAT shown apart, and the
licence rules every plan must meet.

A plan's `use` is `commercial` (the default) or `non_commercial`. Refused: any plan for data whose licence
makes the package not distributable (no derivatives), a commercial plan for non-commercial data, and a
price of zero or less. Prices are integer KRW excluding VAT; VAT is 10 %, 원 미만 절사 (truncated).
"""

from __future__ import annotations

from typing import Any

from mfgdata.packaging.errors import package_error
from mfgdata.packaging.licences import Licence

VAT_PERCENT = 10
KINDS = ("one_off", "subscription", "api")


def vat_of(price_krw: int) -> int:
    """부가세: 10 % of the supply value, truncated to whole 원."""
    return price_krw * VAT_PERCENT // 100


def round_to(value: float, unit: int) -> int:
    """`value` rounded to a multiple of `unit`, at least one unit."""
    return max(unit, round(value / unit) * unit)


def recommended_plans(mid_krw: int, table: dict[str, Any], licence: Licence) -> list[dict[str, Any]]:
    """One-off, annual subscription and per-call API plans derived from the recommended middle price."""
    plans = table.get("plans") or {}
    unit = int(plans.get("rounding_krw", 10000))
    use = "commercial" if licence.commercial_use else "non_commercial"
    subscription = round_to(mid_krw * float(plans.get("subscription_ratio", 0.6)), unit)
    per_call = round_to(mid_krw / max(1, int(plans.get("api_expected_calls", 20000))), 10)
    drafted = [
        {"id": "one-off", "kind": "one_off", "price_krw": mid_krw, "period": None, "unit": None},
        {"id": "annual", "kind": "subscription", "price_krw": subscription, "period": "P1Y", "unit": None},
        {"id": "api", "kind": "api", "price_krw": per_call, "period": None, "unit": "call"},
    ]
    return [plan | {"use": use} for plan in drafted]


def _refuse(code: str, ko: str, en: str, where: str | None) -> Exception:
    return package_error(code, where, ko, en)


def check_plans(plans: list[dict[str, Any]], licence: Licence, where: str | None = None) -> list[dict[str, Any]]:
    """The plans with VAT added; PackageError for a plan the licence or arithmetic does not allow."""
    if plans and not licence.distributable:
        raise _refuse(
            "licence-not-distributable",
            f"라이선스 {licence.id}는 2차적 저작물을 허락하지 않아 이 데이터로 만든 상품은 판매할 수 없습니다. "
            "가격 정책을 만들 수 없습니다(로컬 시험용 패키지만 가능).",
            f"Licence {licence.id} allows no derivatives: a product made from this data cannot be sold, so no price "
            "plan is possible (local test packages only).",
            where,
        )
    checked = []
    for plan in plans:
        name = plan.get("id") or plan.get("kind")
        if plan.get("kind") not in KINDS:
            raise _refuse(
                "plan-kind-unknown",
                f"가격 정책 '{name}'의 kind는 {', '.join(KINDS)} 중 하나여야 합니다.",
                f"Price plan '{name}': kind must be one of {', '.join(KINDS)}.",
                where,
            )
        price = plan.get("price_krw")
        if not isinstance(price, int) or isinstance(price, bool) or price <= 0:
            raise _refuse(
                "price-not-positive",
                f"가격 정책 '{name}'의 가격({price})은 1원 이상의 정수여야 합니다.",
                f"Price plan '{name}': the price ({price}) must be a whole number of KRW above zero.",
                where,
            )
        if plan.get("use", "commercial") == "commercial" and not licence.commercial_use:
            raise _refuse(
                "commercial-plan-non-commercial-data",
                f"가격 정책 '{name}'은 상업적 이용인데 라이선스 {licence.id}는 비상업적 이용만 허락합니다. "
                "use: non_commercial로 바꾸거나 정책을 빼세요.",
                f"Price plan '{name}' is commercial but licence {licence.id} allows non-commercial use only. "
                "Set use: non_commercial or remove the plan.",
                where,
            )
        checked.append(
            plan | {"use": plan.get("use", "commercial"), "vat_krw": vat_of(price), "total_krw": price + vat_of(price)}
        )
    return checked
