"""Reads about listings."""

from __future__ import annotations

from django.db.models import QuerySet

from mfgdata.web.accounts.models import Organisation
from mfgdata.web.listings.models import Listing, PackageUpload, Status


def listings_of_organisation(*, organisation: Organisation) -> QuerySet[Listing]:
    """Listings the organisation sells or registered on someone's behalf."""
    return (
        Listing.objects.filter(seller=organisation) | Listing.objects.filter(registered_by_org=organisation)
    ).distinct()


def listed() -> QuerySet[Listing]:
    return Listing.objects.filter(status=Status.LISTED).select_related("seller")


def review_queue() -> QuerySet[Listing]:
    """What operators have to look at, oldest first."""
    waiting = [Status.SUBMITTED, Status.RESUBMITTED, Status.UNDER_REVIEW]
    return Listing.objects.filter(status__in=waiting).select_related("seller").order_by("updated_at")


def latest_upload(*, listing: Listing) -> PackageUpload | None:
    return listing.uploads.order_by("-id").first()
