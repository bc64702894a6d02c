"""Integrity signals on constructed cases: each signal fires on its case, and a clean market raises none."""

from __future__ import annotations

from datetime import date

from mfgdata.rules.integrity import (
    ClaimFiled,
    Facts,
    Party,
    PricedProduct,
    Purchase,
    Refund,
    Thresholds,
    concerning,
    detect,
)

DAY = date(2023, 8, 1)


def _parties(**overrides: Party) -> dict[str, Party]:
    parties = {
        "1": Party("1", "한빛정밀", "김대표", "서울 중구 세종대로 110", "02-123-4567", "110-123-456789"),
        "2": Party("2", "대성금속", "이대표", "부산 강서구 녹산로 1", "051-987-6543", "220-987-654321"),
        "3": Party("3", "미래데이터", "박대표", "대전 유성구 대학로 99", "042-111-2222", "330-111-222333"),
    }
    parties.update(overrides)
    return parties


def _buy(order: str, buyer: str, seller: str, on: date = DAY, total: int = 1_100_000) -> Purchase:
    return Purchase(order, buyer, seller, f"L{seller}", on, total)


def _products(price_of_4: int = 1_000_000) -> tuple[PricedProduct, ...]:
    same = [
        PricedProduct(f"L{i}", "2", f"상품 {i}", "quality_prediction", "plating", "row", 10_000, 1_000_000)
        for i in range(1, 4)
    ]
    return (*same, PricedProduct("L4", "3", "상품 4", "quality_prediction", "plating", "row", 10_000, price_of_4))


def _clean() -> Facts:
    return Facts(
        parties=_parties(),
        purchases=(_buy("o1", "1", "2"), _buy("o2", "3", "2")),
        refunds=(Refund("o2", "3", date(2023, 8, 3), 1_100_000),),
        claims=(ClaimFiled("c1", "1", date(2023, 9, 1), ("o1",)),),
        products=_products(),
    )


def test_a_clean_market_raises_no_flag() -> None:
    assert detect(_clean()) == []


def test_a_shared_phone_number_is_flagged_with_its_evidence() -> None:
    facts = _clean()
    same_phone = Party("2", "대성금속", "이대표", "부산 강서구 녹산로 1", "02 123 4567", "220-987-654321")
    flags = detect(Facts(_parties(**{"2": same_phone}), facts.purchases))
    assert [f.kind for f in flags] == ["shared_identity"]
    assert flags[0].organisation_ids == ("1", "2")
    assert "전화번호(02-123-4567)" in flags[0].evidence_ko and "phone number" in flags[0].evidence_en
    assert flags[0].order_ids == ("o1",)


def test_a_shared_representative_address_or_account_is_flagged() -> None:
    for field, value in (
        ("representative", "김대표"),
        ("address", "서울 중구  세종대로 110"),
        ("bank_account", "110123456789"),
    ):
        seller = Party(**{**_parties()["2"].__dict__, field: value})
        flags = detect(Facts(_parties(**{"2": seller}), (_buy("o1", "1", "2"),)))
        assert [f.kind for f in flags] == ["shared_identity"], field


def test_parties_that_never_traded_are_not_compared() -> None:
    twin = Party("3", "미래데이터", "김대표", "서울 중구 세종대로 110", "", "")
    assert detect(Facts(_parties(**{"3": twin}), (_buy("o1", "1", "2"),))) == []


def test_circular_purchases_within_the_window_are_flagged_and_outside_not() -> None:
    facts = Facts(_parties(), (_buy("o1", "1", "2", date(2023, 8, 1)), _buy("o2", "2", "1", date(2024, 7, 31))))
    flags = detect(facts, Thresholds(circular_window_days=365))
    assert [f.kind for f in flags] == ["circular_purchase"]
    assert "365일 간격" in flags[0].evidence_ko
    assert detect(facts, Thresholds(circular_window_days=364)) == []


def test_a_refund_up_to_30_days_after_a_claim_is_flagged_and_on_day_31_not() -> None:
    claim = ClaimFiled("c1", "1", date(2023, 9, 1), ("o1",))
    on_day_30 = Facts(_parties(), (_buy("o1", "1", "2"),), (Refund("o1", "1", date(2023, 10, 1), 1_100_000),), (claim,))
    flags = detect(on_day_30)
    assert [f.kind for f in flags] == ["refund_after_claim"]
    assert "30일 만" in flags[0].evidence_ko and "포함되어 있습니다" in flags[0].evidence_ko
    on_day_31 = Facts(_parties(), on_day_30.purchases, (Refund("o1", "1", date(2023, 10, 2), 1_100_000),), (claim,))
    assert detect(on_day_31) == []


def test_a_price_above_three_times_the_median_per_row_is_flagged_and_exactly_three_times_not() -> None:
    assert detect(Facts(_parties(), products=_products(price_of_4=3_000_000))) == []
    bought = Purchase("o9", "1", "3", "L4", DAY, 3_300_001)
    flags = detect(Facts(_parties(), (bought,), products=_products(price_of_4=3_000_001)))
    assert [f.kind for f in flags] == ["price_outlier"]
    assert flags[0].listing_ids == ("L4",) and flags[0].organisation_ids == ("3", "1")
    assert "행당" in flags[0].evidence_ko and "per row" in flags[0].evidence_en


def test_a_price_is_not_judged_without_enough_comparables() -> None:
    few = _products(price_of_4=9_000_000)[1:]
    assert detect(Facts(_parties(), products=few)) == []


def test_flags_can_be_limited_to_a_programmes_participants() -> None:
    flags = detect(Facts(_parties(), (_buy("o1", "1", "2"), _buy("o2", "2", "1"))))
    assert concerning(flags, {"1"}) == flags
    assert concerning(flags, {"3"}) == []


def test_a_buyer_sharing_an_account_with_the_processor_that_registered_the_product_is_flagged() -> None:
    # given buyer 1 bought seller 2's product that processor 3 registered for it, and 1 and 3 share an account
    shared = Party("3", "미래데이터", "박대표", "대전 유성구 대학로 99", "042-111-2222", "110 123 456789")
    bought = Purchase("o1", "1", "2", "L2", DAY, 1_100_000, processor_id="3")
    flags = detect(Facts(parties=_parties(**{"3": shared}), purchases=(bought,)))
    # then one flag names the processor, not the seller, with the account and the order
    assert [(f.kind, f.organisation_ids, f.order_ids) for f in flags] == [("shared_identity", ("1", "3"), ("o1",))]
    assert "가공기업 미래데이터" in flags[0].evidence_ko and "계좌번호(110-123-456789)" in flags[0].evidence_ko
    assert flags[0].key.endswith(":processor") and flags[0].details["counterpart"] == "processor"


def test_a_processor_registered_purchase_with_nothing_shared_raises_no_flag() -> None:
    bought = Purchase("o1", "1", "2", "L2", DAY, 1_100_000, processor_id="3")
    assert detect(Facts(parties=_parties(), purchases=(bought,))) == []
