"""Reads about listings."""

from __future__ import annotations

from django.db.models import QuerySet

from mfgdata.web.accounts.business_number import normalise_business_number
from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.core.errors import SiteError
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


def seller_for_business_number(user: User, business_number: str) -> Organisation | None:
    """The seller a registration request names: the user's own organisation, or (for a processor registering on
    a manufacturer's behalf) the organisation with that business registration number."""
    if not business_number:
        return organisation_of(user=user)
    seller = Organisation.objects.filter(business_number=normalise_business_number(business_number)).first()
    if seller is None:
        raise SiteError(
            "seller-not-found", "그 사업자등록번호의 기관이 없습니다.", "No organisation has that business number."
        )
    return seller
