"""Price recommendation for data products: cost approach, market approach and value factors, price plans
(one-off, annual subscription, per-call API) with VAT shown apart, and purchase-support quotes read from
the programme definitions when they are installed."""

from mfgdata.pricing.recommend import price_project, recommend_price

__all__ = ["price_project", "recommend_price"]
