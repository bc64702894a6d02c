"""What a buyer would pay under a purchase-support programme — read from `mfgdata.rules`, never here.

When the programme definitions (`mfgdata.rules`) are installed and define a purchase programme, the
one-off price is quoted for an SME buyer and a non-profit buyer with the programme's own ratio and cap.
Without them the subsidy is `None`: no ratio is written into the pricing code.
"""

from __future__ import annotations

import importlib
from typing import Any

BUYERS = ("sme", "nonprofit")


def _rules() -> Any | None:
    try:
        return importlib.import_module("mfgdata.rules")
    except ImportError:
        return None


def subsidy_quotes(price_krw: int, year: int | None = None) -> dict[str, Any] | None:
    """`{"programme_id", "quotes": […]}` for the newest purchase programme, or None when there is none."""
    rules = _rules()
    if rules is None:
        return None
    programme = rules.find_programme("purchase", year)
    if programme is None:
        return None
    quotes, programme_id = [], None
    for buyer in BUYERS:
        quote = rules.purchase_subsidy(programme, price_krw=price_krw, buyer=buyer)
        programme_id = quote.programme_id
        quotes.append(
            {
                "buyer": buyer,
                "price_krw": int(quote.price_krw),
                "subsidy_krw": int(quote.subsidy_krw),
                "buyer_pays_krw": int(quote.buyer_pays_krw),
                "ratio": str(quote.ratio),
                "cap_krw": int(quote.cap_krw),
                "explanation": {"ko": quote.explanation_ko, "en": quote.explanation_en},
            }
        )
    return {"programme_id": programme_id, "quotes": quotes}
