"""Purchase subsidy claims: orders in the agreement period, listed products, payment rules, the shared cap."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from mfgdata.rules import Programme
from mfgdata.rules.claims import ClaimLine, check_claim, claim_deadline
from mfgdata.rules.errors import RulesError
from mfgdata.rules.obligations import missing_obligations, obligation_due
from mfgdata.rules.schema_evaluation import Claims

AGREEMENT = (date(2023, 8, 1), date(2023, 11, 30))


def _line(order: str, price: int, **changes: object) -> ClaimLine:
    values: dict[str, object] = {
        "order_id": order,
        "price_krw": price,
        "ordered_on": date(2023, 9, 1),
        "payment_method": "card",
        "registered_by": "manufacturer",
        "listed_on": date(2023, 7, 1),
    } | changes
    return ClaimLine(**values)  # type: ignore[arg-type]


def test_several_orders_hit_the_cap(purchase: Programme) -> None:
    lines = [_line("o1", 6_000_000), _line("o2", 5_000_000), _line("o3", 3_000_000)]
    check = check_claim(purchase, lines, buyer="sme", agreement=AGREEMENT, claimed_on=date(2023, 10, 1))
    assert check.valid
    assert [r.subsidy_krw for r in check.lines] == [4_800_000, 4_000_000, 1_200_000]
    assert (check.subsidy_krw, check.remaining_cap_krw) == (10_000_000, 0)


def test_an_earlier_claim_reduces_the_cap(purchase: Programme) -> None:
    check = check_claim(
        purchase,
        [_line("o1", 5_000_000)],
        buyer="sme",
        agreement=AGREEMENT,
        claimed_on=date(2023, 10, 1),
        already_used_krw=7_000_000,
    )
    assert (check.subsidy_krw, check.remaining_cap_krw) == (3_000_000, 0)


def test_lines_that_break_the_rules(purchase: Programme) -> None:
    lines = [
        _line("outside", 1_000_000, ordered_on=date(2023, 12, 1)),
        _line("unlisted", 1_000_000, listed_on=None),
        _line("transfer", 1_000_000, payment_method="realtime_transfer"),
        _line("invoice", 1_000_000, payment_method="realtime_transfer", has_tax_invoice=True),
        _line("cash", 1_000_000, payment_method="cash"),
    ]
    check = check_claim(purchase, lines, buyer="sme", agreement=AGREEMENT, claimed_on=date(2023, 12, 20))
    problems = {r.order_id: r.problems_ko for r in check.lines}
    assert not check.valid and check.subsidy_krw == 800_000
    assert "협약기간" in problems["outside"][0]
    assert "등록된 상품이 아닙니다" in problems["unlisted"][0]
    assert "세금계산서" in problems["transfer"][0] and problems["invoice"] == ()
    assert "결제수단" in problems["cash"][0]


def test_a_claim_after_the_purchase_year_and_a_nonprofit_buying_a_processors_product(purchase: Programme) -> None:
    assert claim_deadline(purchase, date(2023, 9, 1)) == date(2023, 12, 31)
    late = check_claim(
        purchase, [_line("o1", 1_000_000)], buyer="sme", agreement=AGREEMENT, claimed_on=date(2024, 1, 1)
    )
    assert "2023-12-31" in late.lines[0].problems_ko[0]
    processor = check_claim(
        purchase,
        [_line("o1", 1_000_000, registered_by="processor")],
        buyer="nonprofit",
        agreement=AGREEMENT,
        claimed_on=date(2023, 10, 1),
    )
    assert not processor.valid and "제조기업이 등록한" in processor.lines[0].problems_ko[0]


def test_the_same_order_twice_is_refused(purchase: Programme) -> None:
    with pytest.raises(RulesError):
        check_claim(
            purchase, [_line("o1", 1), _line("o1", 2)], buyer="sme", agreement=AGREEMENT, claimed_on=date(2023, 10, 1)
        )


def test_a_listing_is_kept_for_one_year(productization: Programme) -> None:
    assert obligation_due(productization, "listing_kept", date(2026, 7, 1)) == date(2027, 6, 30)
    assert obligation_due(productization, "aas_education", date(2026, 7, 1)) is None


def test_obligations_due_at_application(productization: Programme, purchase: Programme) -> None:
    assert [o.id for o in missing_obligations(productization, "application", [])] == ["consulting_application"]
    assert missing_obligations(productization, "application", ["consulting_application"]) == []
    assert [o.id for o in missing_obligations(productization, "after_selection", [])] == ["aas_education"]
    assert [o.id for o in missing_obligations(purchase, "application", [])] == ["product_listed_before_evaluation"]


def _simple_line(order: str, price: int) -> ClaimLine:
    return ClaimLine(order, price, date(2023, 9, 1), "card", "manufacturer", date(2023, 7, 1))


def test_the_agreements_amount_lowers_the_cap(purchase: Programme) -> None:
    lines = [_simple_line("o1", 5_000_000), _simple_line("o2", 5_000_000)]
    check = check_claim(
        purchase, lines, buyer="sme", agreement=AGREEMENT, claimed_on=date(2023, 10, 1), cap_krw=6_000_000
    )
    assert [r.subsidy_krw for r in check.lines] == [4_000_000, 2_000_000]
    assert check.remaining_cap_krw == 0


def test_a_higher_agreement_amount_does_not_raise_the_definitions_cap(purchase: Programme) -> None:
    check = check_claim(
        purchase,
        [_simple_line("o1", 20_000_000)],
        buyer="sme",
        agreement=AGREEMENT,
        claimed_on=date(2023, 10, 1),
        cap_krw=30_000_000,
    )
    assert check.subsidy_krw == 10_000_000


def test_a_claim_window_in_days_is_read_from_the_definition(purchase: Programme) -> None:
    assert purchase.claims is not None
    assert claim_deadline(purchase, date(2023, 9, 1)) == date(2023, 12, 31)
    within_60 = purchase.model_copy(
        update={"claims": purchase.claims.model_copy(update={"deadline": "days_after_purchase", "deadline_days": 60})}
    )
    assert claim_deadline(within_60, date(2023, 9, 1)) == date(2023, 10, 31)
    late = check_claim(
        within_60, [_simple_line("o1", 1_000_000)], buyer="sme", agreement=AGREEMENT, claimed_on=date(2023, 11, 1)
    )
    assert not late.valid and "2023-10-31" in late.lines[0].problems_ko[0]


def test_a_days_window_needs_its_number_of_days(purchase: Programme) -> None:
    assert purchase.claims is not None
    data = purchase.claims.model_dump() | {"deadline": "days_after_purchase"}
    with pytest.raises(ValidationError, match="deadline_days"):
        Claims.model_validate(data)
