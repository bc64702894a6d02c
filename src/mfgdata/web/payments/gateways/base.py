"""The small protocol every payment gateway speaks, over frozen dataclasses with integer KRW.

`authorize` starts a payment, `capture` takes the money, `refund` gives it back (after capture), `void` cancels
an authorization that was never captured, `fetch` re-reads a payment from the provider (webhooks never decide
anything on their own: the payment is always re-read). Amounts are whole 원 (`int`), never floats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

Method = Literal["card", "transfer"]
ResultStatus = Literal["authorized", "captured", "pending", "declined", "refunded", "voided", "failed"]


class GatewayTimeout(Exception):
    """The provider did not answer in time: the outcome is unknown and must be re-read before retrying."""


@dataclass(frozen=True)
class PaymentRequest:
    """What the marketplace asks a gateway to charge; `order_reference` is the provider-facing order id."""

    order_reference: str
    amount_krw: int
    method: Method
    description: str = ""
    card_number: str = ""
    bank_account: str = ""


@dataclass(frozen=True)
class GatewayResult:
    """The provider's answer to one call."""

    status: ResultStatus
    amount_krw: int
    provider_reference: str = ""
    error_code: str = ""
    message: str = ""
    secret: str = ""
    raw: Mapping[str, object] = field(default_factory=dict)

    @property
    def succeeded(self) -> bool:
        return self.status in ("authorized", "captured", "pending", "refunded", "voided")


@dataclass(frozen=True)
class ProviderPayment:
    """A payment as the provider currently knows it (the truth a webhook is checked against)."""

    provider_reference: str
    order_reference: str
    status: ResultStatus
    amount_krw: int
    balance_krw: int
    method: str = ""
    secret: str = ""


class PaymentGateway(Protocol):
    """What `payments.services` needs from a provider; adapters live beside this module."""

    id: str

    def authorize(self, request: PaymentRequest) -> GatewayResult: ...

    def capture(self, *, provider_reference: str, order_reference: str, amount_krw: int) -> GatewayResult: ...

    def refund(
        self, *, provider_reference: str, amount_krw: int, reason: str, idempotency_key: str = ""
    ) -> GatewayResult: ...

    def void(self, *, provider_reference: str, reason: str) -> GatewayResult: ...

    def fetch(self, *, provider_reference: str) -> ProviderPayment: ...
