"""Writes about listings: create, edit, fill from the package, and every state move through `listing_act`."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from mfgdata.dictionary.category import CATEGORIES
from mfgdata.dictionary.process import PROCESSES
from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.services import notification_send
from mfgdata.web.core.statemachine import transition
from mfgdata.web.listings.models import Listing, RegisteredAs, Status
from mfgdata.web.listings.permissions import why_not_act, why_not_create_listing, why_not_edit_listing
from mfgdata.web.listings.states import TRANSITIONS

logger = logging.getLogger("mfgdata.web.listings")
PROCESS_IDS = {kind.id for kind in PROCESSES}
EDITABLE_FIELDS = (
    "title_ko",
    "title_en",
    "description_ko",
    "description_en",
    "category",
    "process",
    "keywords",
    "data_period_start",
    "data_period_end",
    "equipment",
    "licence_id",
    "licence_name",
    "price_plans",
)


def _validate_basics(fields: dict[str, Any]) -> None:
    if "category" in fields and fields["category"] not in CATEGORIES:
        raise SiteError(
            "unknown-category", "공고의 상품 구분 중에서 고르세요.", "Choose a category from the notice's list."
        )
    if fields.get("process") and fields["process"] not in PROCESS_IDS:
        raise SiteError("unknown-process", "목록에 있는 공정을 고르세요.", "Choose a process from the list.")
    start, end = fields.get("data_period_start"), fields.get("data_period_end")
    if isinstance(start, date) and isinstance(end, date) and start > end:
        raise SiteError(
            "bad-data-period", "데이터 기간의 시작이 끝보다 늦습니다.", "The data period starts after it ends."
        )
    for plan in fields.get("price_plans") or []:
        if not isinstance(plan.get("price_krw"), int) or plan["price_krw"] < 0:
            raise SiteError(
                "bad-price", "판매금액은 0원 이상의 정수(원)여야 합니다.", "Prices must be whole won, 0 or more."
            )


def _unique_slug(title: str) -> str:
    base = slugify(title, allow_unicode=True)[:100] or "product"
    slug, n = base, 1
    while Listing.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def listing_create(
    *,
    user: User,
    seller: Organisation,
    title_ko: str,
    category: str,
    manufacturer_share_percent: int = 100,
    programme_funded: bool = False,
    **basics: Any,
) -> Listing:
    """Start a registration request (draft) for `seller`, by the seller itself or a processor on its behalf."""
    require(why_not_create_listing(user=user, seller=seller))
    own = organisation_of(user=user)
    if not 0 <= manufacturer_share_percent <= 100:
        raise SiteError(
            "bad-revenue-share", "수익 배분율은 0–100% 사이여야 합니다.", "The revenue share must be 0–100 %."
        )
    fields = {"title_ko": title_ko, "category": category, **{k: v for k, v in basics.items() if k in EDITABLE_FIELDS}}
    _validate_basics(fields)
    listing = Listing.objects.create(
        seller=seller,
        registered_by_org=own,
        registered_by=user,
        registered_as=RegisteredAs.MANUFACTURER if seller == own else RegisteredAs.PROCESSOR,
        manufacturer_share_percent=100 if seller == own else manufacturer_share_percent,
        programme_funded=programme_funded,
        slug=_unique_slug(basics.get("title_en") or title_ko),
        **fields,
    )
    transaction.on_commit(lambda: _reindex(listing.pk))
    return listing


@transaction.atomic
def listing_update(*, user: User, listing: Listing, **fields: Any) -> Listing:
    """Change the basic information of a draft (or a listing whose changes were requested)."""
    require(why_not_edit_listing(user=user, listing=listing))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise SiteError(
            "unknown-field", "고칠 수 없는 항목입니다.", f"Fields cannot be edited: {', '.join(sorted(unknown))}."
        )
    _validate_basics(fields)
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    transaction.on_commit(lambda: _reindex(locked.pk))
    return locked


def _period(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def basics_from_package(contents: dict[str, Any]) -> dict[str, Any]:
    """The listing fields a verified package supplies (manifest product, price.json plans)."""
    product = contents.get("manifest", {}).get("product", {})
    title, description = product.get("title") or {}, product.get("description") or {}
    licence, period = product.get("licence") or {}, product.get("data_period") or {}
    category = (product.get("category") or {}).get("id", "")
    plans = [p for p in ((contents.get("price") or {}).get("plans") or []) if isinstance(p, dict)]
    found = {
        "title_ko": title.get("ko", ""),
        "title_en": title.get("en", ""),
        "description_ko": description.get("ko", ""),
        "description_en": description.get("en", ""),
        "category": category if category in CATEGORIES else "",
        "process": product.get("process") or "",
        "keywords": [str(k) for k in product.get("keywords") or []][:30],
        "data_period_start": _period(period.get("start")),
        "data_period_end": _period(period.get("end")),
        "licence_id": licence.get("id", ""),
        "licence_name": licence.get("name", ""),
        "price_plans": plans,
    }
    if found["process"] not in PROCESS_IDS:
        found["process"] = ""
    return {k: v for k, v in found.items() if v not in ("", None, [])}


@transaction.atomic
def listing_fill_from_package(*, listing: Listing, contents: dict[str, Any]) -> Listing:
    """Fill the fields still empty from a verified package; the version always follows the manifest."""
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    for name, value in basics_from_package(contents).items():
        if not getattr(locked, name):
            setattr(locked, name, value)
    locked.version = str(contents.get("manifest", {}).get("product", {}).get("version") or locked.version)[:30]
    locked.save()
    transaction.on_commit(lambda: _reindex(locked.pk))
    return locked


def _check_delist(listing: Listing) -> None:
    """A programme-funded product stays listed through its obligation's last day (listed on X: X + 1 year − 1)."""
    from mfgdata.web.oversight.selectors import listing_kept_until

    last_day = listing_kept_until(listing)
    if last_day is not None and timezone.localdate() <= last_day:
        earliest = last_day + timedelta(days=1)
        raise Refused(
            "minimum-listing-period",
            f"지원사업 상품은 등록 후 1년이 지나야 등록 해제할 수 있습니다 ({earliest:%Y-%m-%d}부터 가능).",
            f"Programme-funded products stay listed for a year (delisting possible from {earliest:%Y-%m-%d}).",
        )


def _check_submit(listing: Listing) -> None:
    from mfgdata.web.review.requirements import blocking_for_submit

    problems = blocking_for_submit(listing)
    if problems:
        raise SiteError(
            "listing-incomplete",
            "제출할 수 없습니다: " + "; ".join(p.text_ko for p in problems),
            "Cannot submit: " + "; ".join(p.text_en for p in problems),
        )


@transaction.atomic
def listing_act(*, user: User, listing: Listing, action: str, comment: str = "") -> Listing:
    """The one entry for every state move: authorize, check the action's own rule, move, notify."""
    refusal = why_not_act(user=user, listing=listing, action=action)
    if refusal:
        logger.warning("refused %s on listing %s by %s: %s", action, listing.pk, user, refusal.code)
        raise refusal
    if action in ("submit", "resubmit"):
        _check_submit(listing)
    if action == "delist":
        _check_delist(listing)
    moved = transition(instance=listing, action=action, table=TRANSITIONS, actor=user, comment=comment)
    if moved.status == Status.LISTED and moved.listed_at is None:
        moved.listed_at = timezone.now()
        moved.save(update_fields=["listed_at"])
    transaction.on_commit(lambda: _reindex(moved.pk))
    return moved


def notify_seller(*, listing: Listing, subject: str, body: str) -> None:
    """Tell the registrant (and the seller's admins) about a decision."""
    people = {listing.registered_by}
    people.update(m.user for m in listing.seller.memberships.filter(is_admin=True).select_related("user"))
    for person in people:
        notification_send(user=person, subject=subject, body=body, link=f"/listings/{listing.pk}/")


def _reindex(listing_id: int) -> None:
    from mfgdata.web.catalog.services import search_document_refresh

    search_document_refresh(listing_id=listing_id)
