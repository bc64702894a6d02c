"""Writes around downloads: open a link (authorize, log) — every download, served or refused, is logged."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused
from mfgdata.web.orders.delivery import delivered_file
from mfgdata.web.orders.links import link_open
from mfgdata.web.orders.models import DownloadLog, Entitlement
from mfgdata.web.orders.permissions import why_not_download


def _log_refusal(user: User, path: str, refusal: Refused, entitlement: Entitlement | None, ip: str | None) -> None:
    DownloadLog.objects.create(entitlement=entitlement, user=user, path=path[:300], outcome=refusal.code, ip_address=ip)


def download_open(
    *, user: User, token: str, byte_range: str = "", ip_address: str | None = None
) -> tuple[Path, Entitlement]:
    """The file a valid link names for this user; logs the download and the entitlement's first download."""
    try:
        claim = link_open(token=token, user=user)
    except Refused as refusal:
        _log_refusal(user, "", refusal, None, ip_address)
        raise
    entitlement = Entitlement.objects.select_related("organisation", "order", "listing").get(pk=claim.entitlement_id)
    refusal = why_not_download(user=user, entitlement=entitlement)
    if refusal is not None:
        _log_refusal(user, claim.path, refusal, entitlement, ip_address)
        raise refusal
    path = delivered_file(entitlement=entitlement, path=claim.path)
    _download_record(entitlement=entitlement, user=user, path=claim.path, byte_range=byte_range, ip=ip_address)
    return path, entitlement


@transaction.atomic
def _download_record(*, entitlement: Entitlement, user: User, path: str, byte_range: str, ip: str | None) -> None:
    locked = Entitlement.objects.select_for_update().get(pk=entitlement.pk)
    if locked.first_download_at is None and path.startswith("data/"):
        locked.first_download_at = timezone.now()
        locked.save(update_fields=["first_download_at"])
    DownloadLog.objects.create(
        entitlement=locked, user=user, path=path[:300], byte_range=byte_range[:60], ip_address=ip
    )
