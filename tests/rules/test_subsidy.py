"""Purchase subsidy (notice 001): 80 % up to 1천만원 per company, 100 % for non-profits, integer won."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from mfgdata.rules import Programme, purchase_subsidy
from mfgdata.rules.errors import RulesError
from mfgdata.rules.subsidy import full_subsidy_price, subsidy_summary


@pytest.mark.parametrize(
    ("price", "buyer", "used", "subsidy"),
    [
        (12_500_000, "sme", 0, 10_000_000),  # the full subsidy exactly at 1,250만원
        (12_499_999, "sme", 0, 9_999_999),  # 80 % of it is 9,999,999.2: rounded down to the won
        (20_000_000, "midsize", 0, 10_000_000),  # capped
        (5_000_000, "sme", 8_000_000, 2_000_000),  # what is left of the cap
        (5_000_000, "sme", 10_000_000, 0),
        (5_000_000, "sme", 12_000_000, 0),
        (10_000_000, "nonprofit", 0, 10_000_000),  # 100 %
        (10_000_001, "nonprofit", 0, 10_000_000),
        (0, "sme", 0, 0),
    ],
)
def test_subsidy_amounts(purchase: Programme, price: int, buyer: str, used: int, subsidy: int) -> None:
    quote = purchase_subsidy(purchase, price_krw=price, buyer=buyer, already_used_krw=used)  # type: ignore[arg-type]
    assert quote.subsidy_krw == subsidy
    assert quote.buyer_pays_krw == price - subsidy
    assert quote.cap_krw == 10_000_000 and quote.programme_id == "purchase-2023"


def test_quote_explains_itself_in_both_languages(purchase: Programme) -> None:
    quote = purchase_subsidy(purchase, price_krw=15_000_000, buyer="sme")
    assert quote.ratio == Decimal("0.80")
    assert (
        "80%" in quote.explanation_ko
        and "10,000,000원" in quote.explanation_ko
        and "5,000,000원" in quote.explanation_ko
    )
    assert "subsidy 10,000,000 KRW" in quote.explanation_en and "buyer pays 5,000,000 KRW" in quote.explanation_en


def test_full_subsidy_prices(purchase: Programme) -> None:
    assert full_subsidy_price(purchase, "sme") == 12_500_000
    assert full_subsidy_price(purchase, "nonprofit") == 10_000_000


def test_nonprofit_buying_a_processors_product_is_refused(purchase: Programme) -> None:
    with pytest.raises(RulesError) as caught:
        purchase_subsidy(purchase, price_krw=1_000_000, buyer="nonprofit", registered_by="processor")
    assert caught.value.code == "rules-product-registrant"
    assert purchase_subsidy(purchase, price_krw=1_000_000, buyer="nonprofit", registered_by="manufacturer").subsidy_krw
    assert (
        purchase_subsidy(purchase, price_krw=1_000_000, buyer="sme", registered_by="processor").subsidy_krw == 800_000
    )


@pytest.mark.parametrize("price", [-1, 1.5, True])
def test_bad_prices_are_refused(purchase: Programme, price: object) -> None:
    with pytest.raises(RulesError):
        purchase_subsidy(purchase, price_krw=price, buyer="sme")  # type: ignore[arg-type]


def test_a_productization_programme_has_no_purchase_subsidy(productization: Programme) -> None:
    with pytest.raises(RulesError) as caught:
        purchase_subsidy(productization, price_krw=1_000_000, buyer="sme")
    assert caught.value.code == "rules-not-purchase"


def test_a_price_sheet_block_quotes_every_buyer_kind(purchase: Programme) -> None:
    block = subsidy_summary(purchase, 15_000_000)
    assert json.loads(json.dumps(block, ensure_ascii=False)) == block
    quotes = {q["buyer"]: q for q in block["quotes"]}  # type: ignore[union-attr]
    assert {b: q["subsidy_krw"] for b, q in quotes.items()} == {
        "sme": 10_000_000,
        "midsize": 10_000_000,
        "nonprofit": 10_000_000,
    }
    assert quotes["sme"]["buyer_pays_krw"] == 5_000_000 and quotes["nonprofit"]["registered_by"] == ["manufacturer"]
    assert block["notice"] == {"number": "중소벤처기업부 공고 제2023-382호", "published_on": "2023-06-30"}
