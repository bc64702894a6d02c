"""The built-in sandbox gateway for the demo and the tests: a provider with its own ledger (`SandboxCharge`).

Test cards (any expiry, any CVC):
- `4242 4242 4242 4242` approves,
- `4000 0000 0000 0002` is declined (카드사 거절),
- `4000 0000 0000 0119` times out (the charge is still recorded, as a real provider might have done it).
Real-time transfer (실시간 계좌이체): any account approves except `000-000-000000` (잔액 부족).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from typing import TYPE_CHECKING

from django.conf import settings

from mfgdata.web.payments.gateways.base import GatewayResult, GatewayTimeout, PaymentRequest, ProviderPayment

if TYPE_CHECKING:
    from mfgdata.web.payments.models import SandboxCharge

APPROVE_CARD = "4242424242424242"
DECLINE_CARD = "4000000000000002"
TIMEOUT_CARD = "4000000000000119"
DECLINE_ACCOUNT = "000000000000"
SIGNATURE_HEADER = "X-Sandbox-Signature"


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def webhook_signature(body: bytes) -> str:
    """HMAC-SHA256 of the raw body with the sandbox webhook secret (what the sandbox 'provider' sends)."""
    secret = settings.MFGDATA_SANDBOX_WEBHOOK_SECRET.encode()
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def webhook_body(*, provider_reference: str, status: str, event_id: str | None = None) -> bytes:
    """A sandbox webhook body (for the tests and the demo)."""
    event = {"id": event_id or uuid.uuid4().hex, "type": "payment.status", "reference": provider_reference}
    return json.dumps({**event, "status": status}).encode()


class SandboxGateway:
    """Behaves like a provider; nothing leaves the machine."""

    id = "sandbox"

    def authorize(self, request: PaymentRequest) -> GatewayResult:
        from mfgdata.web.payments.models import SandboxCharge

        declined = (request.method == "card" and _digits(request.card_number) != APPROVE_CARD) or (
            request.method == "transfer" and _digits(request.bank_account) == DECLINE_ACCOUNT
        )
        if request.method == "card" and _digits(request.card_number) == TIMEOUT_CARD:
            SandboxCharge.objects.create(
                reference=f"sbx_{uuid.uuid4().hex}",
                order_reference=request.order_reference,
                amount_krw=request.amount_krw,
                method=request.method,
                status="authorized",
            )
            raise GatewayTimeout("sandbox timeout card")
        if declined:
            code = "card-declined" if request.method == "card" else "insufficient-balance"
            return GatewayResult(status="declined", amount_krw=request.amount_krw, error_code=code)
        charge = SandboxCharge.objects.create(
            reference=f"sbx_{uuid.uuid4().hex}",
            order_reference=request.order_reference,
            amount_krw=request.amount_krw,
            method=request.method,
            status="authorized",
        )
        return GatewayResult(status="authorized", amount_krw=charge.amount_krw, provider_reference=charge.reference)

    def capture(self, *, provider_reference: str, order_reference: str, amount_krw: int) -> GatewayResult:
        charge = self._charge(provider_reference)
        if charge.order_reference != order_reference or charge.amount_krw != amount_krw:
            return GatewayResult(status="failed", amount_krw=amount_krw, error_code="amount-mismatch")
        if charge.status == "authorized":
            charge.status = "captured"
            charge.save(update_fields=["status"])
        return GatewayResult(status="captured", amount_krw=charge.amount_krw, provider_reference=charge.reference)

    def refund(
        self, *, provider_reference: str, amount_krw: int, reason: str, idempotency_key: str = ""
    ) -> GatewayResult:
        charge = self._charge(provider_reference)
        if charge.status != "captured" or amount_krw > charge.amount_krw - charge.refunded_krw:
            return GatewayResult(status="failed", amount_krw=amount_krw, error_code="not-refundable")
        charge.refunded_krw += amount_krw
        charge.status = "refunded" if charge.refunded_krw == charge.amount_krw else "captured"
        charge.save(update_fields=["refunded_krw", "status"])
        return GatewayResult(status="refunded", amount_krw=amount_krw, provider_reference=charge.reference)

    def void(self, *, provider_reference: str, reason: str) -> GatewayResult:
        charge = self._charge(provider_reference)
        if charge.status != "authorized":
            return GatewayResult(status="failed", amount_krw=0, error_code="not-voidable")
        charge.status = "voided"
        charge.save(update_fields=["status"])
        return GatewayResult(status="voided", amount_krw=charge.amount_krw, provider_reference=charge.reference)

    def fetch(self, *, provider_reference: str) -> ProviderPayment:
        charge = self._charge(provider_reference)
        return ProviderPayment(
            provider_reference=charge.reference,
            order_reference=charge.order_reference,
            status=charge.status,  # type: ignore[arg-type]
            amount_krw=charge.amount_krw,
            balance_krw=charge.amount_krw - charge.refunded_krw,
            method=charge.method,
        )

    @staticmethod
    def _charge(reference: str) -> SandboxCharge:
        from mfgdata.web.payments.models import SandboxCharge

        return SandboxCharge.objects.select_for_update().get(reference=reference)

    def charges_for(self, order_reference: str) -> list[ProviderPayment]:
        """Every charge the sandbox holds for an order (used to settle a timed-out attempt)."""
        from mfgdata.web.payments.models import SandboxCharge

        refs = SandboxCharge.objects.filter(order_reference=order_reference).values_list("reference", flat=True)
        return [self.fetch(provider_reference=r) for r in refs]
