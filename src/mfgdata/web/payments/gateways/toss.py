"""Toss Payments (토스페이먼츠) adapter, following its published v1 REST API.

- The buyer authorizes in Toss's payment window in the browser; Toss redirects to our success URL with
  `paymentKey`, `orderId` and `amount`. We compare the amount with the order, then **confirm** (our `capture`):
  `POST /v1/payments/confirm {paymentKey, orderId, amount}`.
- **Cancel** (our `refund`): `POST /v1/payments/{paymentKey}/cancel {cancelReason, cancelAmount}` with an
  `Idempotency-Key` header, so a retried refund is not paid twice.
- **Re-read** (our `fetch`): `GET /v1/payments/{paymentKey}`.
- Authentication: HTTP Basic with the secret key as user name and an empty password (`base64(secretKey + ":")`).
- Webhooks (`PAYMENT_STATUS_CHANGED`, `DEPOSIT_CALLBACK`) carry no signature for payments; Toss documents the
  payment's `secret` (returned on confirm) for deposit callbacks, and we always re-read the payment by
  `paymentKey` before acting on any webhook (see `payments.webhooks`).
Nothing here runs unless `toss` is listed in `MFGDATA_PAYMENT_GATEWAYS`; the tests use a fake transport.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import quote

from mfgdata.web.payments.gateways.base import (
    GatewayResult,
    GatewayTimeout,
    PaymentRequest,
    ProviderPayment,
    ResultStatus,
)

STATUS_MAP: dict[str, ResultStatus] = {
    "READY": "pending",
    "IN_PROGRESS": "authorized",
    "WAITING_FOR_DEPOSIT": "pending",
    "DONE": "captured",
    "CANCELED": "refunded",
    "PARTIAL_CANCELED": "captured",
    "ABORTED": "failed",
    "EXPIRED": "failed",
}


class Transport(Protocol):
    """One HTTP exchange: returns the status code and the body; raises `GatewayTimeout` on a timeout."""

    def __call__(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None) -> tuple[int, bytes]: ...


class UrllibTransport:
    """The standard library's HTTP client (used only when Toss is switched on in settings)."""

    def __init__(self, *, timeout_seconds: float) -> None:
        self.timeout_seconds = timeout_seconds

    def __call__(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None) -> tuple[int, bytes]:
        request = urllib.request.Request(url, data=body, headers=dict(headers), method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except TimeoutError as error:
            raise GatewayTimeout(str(error)) from error


def payment_from_json(data: Mapping[str, Any]) -> ProviderPayment:
    """A Toss Payment object → our `ProviderPayment`."""
    return ProviderPayment(
        provider_reference=str(data.get("paymentKey", "")),
        order_reference=str(data.get("orderId", "")),
        status=STATUS_MAP.get(str(data.get("status")), "failed"),
        amount_krw=int(data.get("totalAmount") or 0),
        balance_krw=int(data.get("balanceAmount") or 0),
        method=str(data.get("method") or ""),
        secret=str(data.get("secret") or ""),
    )


class TossPaymentsGateway:
    id = "toss"

    def __init__(self, *, secret_key: str, api_base: str, transport: Transport) -> None:
        self.api_base = api_base.rstrip("/")
        self.transport = transport
        token = base64.b64encode(f"{secret_key}:".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}", "Content-Type": "application/json"}

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None, **headers: str) -> tuple[int, dict]:
        payload = json.dumps(body).encode() if body is not None else None
        status, raw = self.transport(method, self.api_base + path, {**self.headers, **headers}, payload)
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            data = {"code": "INVALID_RESPONSE", "message": raw[:200].decode("utf-8", "replace")}
        return status, data if isinstance(data, dict) else {}

    @staticmethod
    def _result(status: int, data: dict, amount_krw: int, ok_status: ResultStatus) -> GatewayResult:
        if status >= 400:
            return GatewayResult(
                status="declined" if status < 500 else "failed",
                amount_krw=amount_krw,
                error_code=str(data.get("code", "")),
                message=str(data.get("message", "")),
                raw=data,
            )
        payment = payment_from_json(data)
        return GatewayResult(
            status=ok_status if payment.status != "failed" else "failed",
            amount_krw=payment.amount_krw,
            provider_reference=payment.provider_reference,
            secret=payment.secret,
            raw=data,
        )

    def authorize(self, request: PaymentRequest) -> GatewayResult:
        """Authorization happens in Toss's window in the browser; the order waits for the success redirect."""
        return GatewayResult(status="pending", amount_krw=request.amount_krw)

    def capture(self, *, provider_reference: str, order_reference: str, amount_krw: int) -> GatewayResult:
        body = {"paymentKey": provider_reference, "orderId": order_reference, "amount": amount_krw}
        status, data = self._call(
            "POST", "/v1/payments/confirm", body, **{"Idempotency-Key": f"confirm-{order_reference}"}
        )
        result = self._result(status, data, amount_krw, "captured")
        if result.status == "captured" and result.amount_krw != amount_krw:
            return GatewayResult(status="failed", amount_krw=result.amount_krw, error_code="amount-mismatch", raw=data)
        return result

    def refund(
        self, *, provider_reference: str, amount_krw: int, reason: str, idempotency_key: str = ""
    ) -> GatewayResult:
        """Cancel `amount_krw` (all or part); the key must differ per refund, or Toss answers the first again."""
        body = {"cancelReason": reason[:200] or "refund", "cancelAmount": amount_krw}
        path = f"/v1/payments/{quote(provider_reference, safe='')}/cancel"
        key = f"cancel-{idempotency_key or f'{provider_reference}-{amount_krw}'}"[:300]
        status, data = self._call("POST", path, body, **{"Idempotency-Key": key})
        result = self._result(status, data, amount_krw, "refunded")
        return GatewayResult(**{**result.__dict__, "amount_krw": amount_krw}) if result.succeeded else result

    def void(self, *, provider_reference: str, reason: str) -> GatewayResult:
        """Before confirm Toss holds nothing to cancel: the window's authorization simply expires."""
        return GatewayResult(status="voided", amount_krw=0, provider_reference=provider_reference)

    def fetch(self, *, provider_reference: str) -> ProviderPayment:
        status, data = self._call("GET", f"/v1/payments/{quote(provider_reference, safe='')}")
        if status >= 400:
            raise GatewayTimeout(f"toss fetch failed: {status} {data.get('code', '')}")
        return payment_from_json(data)
