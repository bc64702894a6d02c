"""Gateways by id; which ones are switched on comes from settings (`MFGDATA_PAYMENT_GATEWAYS`)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mfgdata.web.core.errors import SiteError
from mfgdata.web.payments.gateways.base import PaymentGateway


def _sandbox() -> PaymentGateway:
    from mfgdata.web.payments.gateways.sandbox import SandboxGateway

    return SandboxGateway()


def _toss() -> PaymentGateway:
    from mfgdata.web.payments.gateways.toss import TossPaymentsGateway, UrllibTransport

    return TossPaymentsGateway(
        secret_key=settings.MFGDATA_TOSS_SECRET_KEY,
        api_base=settings.MFGDATA_TOSS_API_BASE,
        transport=UrllibTransport(timeout_seconds=settings.MFGDATA_TOSS_TIMEOUT_SECONDS),
    )


FACTORIES: dict[str, Callable[[], PaymentGateway]] = {"sandbox": _sandbox, "toss": _toss}
_overrides: dict[str, PaymentGateway] = {}
LABELS = {"sandbox": _("시험 결제 (샌드박스)"), "toss": _("토스페이먼츠")}


def enabled_gateway_ids() -> list[str]:
    return [g for g in settings.MFGDATA_PAYMENT_GATEWAYS if g in FACTORIES]


def gateway_choices() -> list[tuple[str, str]]:
    """(id, label) of the gateways switched on, for the buyer to choose from."""
    return [(g, str(LABELS.get(g, g))) for g in enabled_gateway_ids()]


def gateway_for(gateway_id: str) -> PaymentGateway:
    """The gateway with this id, refused when unknown or not switched on in settings."""
    if gateway_id not in enabled_gateway_ids():
        raise SiteError(
            "gateway-not-enabled",
            f"'{gateway_id}' 결제수단은 사용할 수 없습니다. 다른 결제수단을 고르세요.",
            f"Payment gateway '{gateway_id}' is not enabled; choose another.",
        )
    return _overrides.get(gateway_id) or FACTORIES[gateway_id]()


def gateway_override(gateway_id: str, gateway: PaymentGateway | None) -> None:
    """Tests put a gateway with a fake transport in place (None removes it)."""
    if gateway is None:
        _overrides.pop(gateway_id, None)
    else:
        _overrides[gateway_id] = gateway
