"""The operator's review: automatic checklist, price band warning, self-approval, notifications."""

from __future__ import annotations

import pytest
from django.core import mail
from factories import package_files, upload_bytes

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.listings.models import Listing, Status
from mfgdata.web.listings.services import listing_act, listing_create
from mfgdata.web.listings.upload_services import upload_verify
from mfgdata.web.review.requirements import requirement_checklist
from mfgdata.web.review.services import review_decide, review_item_add

pytestmark = pytest.mark.django_db


def _outcomes(listing: Listing) -> dict[str, str]:
    return {r.id: r.outcome for r in requirement_checklist(listing)}


def _submit(seller, build_package, capture, files=None, **files_kw) -> Listing:
    listing = listing_create(
        user=seller, seller=seller.membership.organisation, title_ko="x", category="quality_prediction"
    )
    with capture(execute=True):
        upload_bytes(seller, listing, build_package(files=files or package_files(**files_kw)).read_bytes())
    return listing_act(user=seller, listing=Listing.objects.get(pk=listing.pk), action="submit")


def test_a_good_package_passes_every_automatic_requirement(submitted) -> None:
    assert set(_outcomes(submitted).values()) == {"passed"}
    assert list(_outcomes(submitted)) == [
        "organisation-verified",
        "training-current",
        "package-valid",
        "quality-passed",
        "licence-terms",
        "sample-safe",
        "no-unprotected-sensitive",
        "price-band",
    ]


def test_approval_lists_the_product_and_notifies_the_seller(
    submitted, operator, seller, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(operator=operator, listing=submitted, decision="approve", comment="좋습니다")
    listing = Listing.objects.get(pk=submitted.pk)
    assert listing.status == Status.LISTED and listing.listed_at is not None
    assert seller.notifications.filter(subject__startswith="[승인]").exists()
    assert any(seller.email in m.to for m in mail.outbox)


def test_an_operator_cannot_approve_their_own_organisations_product(
    operator, build_package, django_capture_on_commit_callbacks, complete_training_fixture
) -> None:
    from mfgdata.web.accounts.models import Role, Scope
    from mfgdata.web.accounts.services import organisation_verify, role_grant

    second = User.objects.create_user("second-operator@example.kr", "x-long-password")
    role_grant(granted_by=None, user=second, role=Role.MARKETPLACE_OPERATOR, scope=Scope.MARKETPLACE)
    organisation_verify(operator=second, organisation=operator.membership.organisation, approve=True)
    complete_training_fixture(User.objects.get(pk=operator.pk))
    own = _submit(User.objects.get(pk=operator.pk), build_package, django_capture_on_commit_callbacks)
    with pytest.raises(Refused) as refused:
        review_decide(operator=User.objects.get(pk=operator.pk), listing=own, decision="approve")
    assert refused.value.code == "own-organisation-listing"
    assert Listing.objects.get(pk=own.pk).status == Status.SUBMITTED


def test_a_seller_cannot_approve(submitted, seller) -> None:
    with pytest.raises(Refused) as refused:
        review_decide(operator=seller, listing=submitted, decision="approve")
    assert refused.value.code == "not-marketplace-operator"


def test_failed_quality_and_sensitive_columns_block_approval(
    seller, operator, build_package, django_capture_on_commit_callbacks
) -> None:
    listing = _submit(seller, build_package, django_capture_on_commit_callbacks, valid_quality=False, sensitive=True)
    outcomes = _outcomes(listing)
    assert outcomes["quality-passed"] == "failed"
    assert outcomes["no-unprotected-sensitive"] == "failed" and outcomes["sample-safe"] == "failed"
    with pytest.raises(SiteError) as refused:
        review_decide(operator=operator, listing=listing, decision="approve")
    assert refused.value.code == "requirements-not-met"


def test_quality_the_site_recomputes_as_failing_blocks_approval_whatever_the_seller_says(
    seller, operator, build_package, django_capture_on_commit_callbacks
) -> None:
    # given a package whose results say valid, but whose data has an empty 온도 the contract forbids
    files = package_files()
    files["data/plating.csv"] = "\ufeff공정,온도,작업자\n도금,21.5,p01\n도금,,p02\n".encode()
    listing = _submit(seller, build_package, django_capture_on_commit_callbacks, files=files)
    # then the checklist shows the site's verdict, not the seller's, and approval is refused
    quality = next(r for r in requirement_checklist(listing) if r.id == "quality-passed")
    assert quality.outcome == "failed" and quality.text_ko.startswith("사이트가 다시 계산한 품질이 통과가 아님")
    with pytest.raises(SiteError) as refused:
        review_decide(operator=operator, listing=listing, decision="approve")
    assert refused.value.code == "requirements-not-met"


def test_a_certificate_that_does_not_hold_blocks_approval(
    seller, operator, build_package, django_capture_on_commit_callbacks
) -> None:
    # given a package carrying a certificate that binds nothing in it
    files = package_files()
    files["quality/certificate.json"] = b'{"format": "mfgdata-quality-certificate/1", "files": []}'
    listing = _submit(seller, build_package, django_capture_on_commit_callbacks, files=files)
    # then the countersigning job refused it, the checklist says so, and approval is refused
    certificate = next(r for r in requirement_checklist(listing) if r.id == "certificate-countersigned")
    assert certificate.outcome == "failed" and certificate.text_ko.startswith("품질 인증서가 패키지와 맞지 않음")
    with pytest.raises(SiteError) as refused:
        review_decide(operator=operator, listing=listing, decision="approve")
    assert refused.value.code == "requirements-not-met"


def test_approval_waits_for_the_sites_quality_recomputation(seller, operator, build_package) -> None:
    # given a package whose jobs have not run yet (no worker has picked them up)
    listing = listing_create(
        user=seller, seller=seller.membership.organisation, title_ko="x", category="quality_prediction"
    )
    upload = upload_bytes(seller, listing, build_package().read_bytes())
    upload_verify(upload_id=upload.pk)
    quality = next(r for r in requirement_checklist(Listing.objects.get(pk=listing.pk)) if r.id == "quality-passed")
    assert quality.outcome == "failed" and "아직 끝나지 않음" in quality.text_ko


def test_a_price_outside_the_band_needs_an_acknowledged_warning(
    seller, operator, build_package, django_capture_on_commit_callbacks
) -> None:
    listing = _submit(seller, build_package, django_capture_on_commit_callbacks, mid_price=1_000_000, price=6_000_000)
    assert _outcomes(listing)["price-band"] == "warning"
    with pytest.raises(SiteError) as refused:
        review_decide(operator=operator, listing=listing, decision="approve")
    assert refused.value.code == "warning-not-acknowledged"
    review_decide(
        operator=operator,
        listing=Listing.objects.get(pk=listing.pk),
        decision="approve",
        price_warning_acknowledged=True,
    )
    assert Listing.objects.get(pk=listing.pk).status == Status.LISTED


def test_request_changes_then_resubmit(submitted, operator, seller) -> None:
    with pytest.raises(SiteError):
        review_decide(operator=operator, listing=submitted, decision="request_changes", comment="")
    review_decide(
        operator=operator,
        listing=Listing.objects.get(pk=submitted.pk),
        decision="request_changes",
        comment="설명을 보완하세요",
    )
    listing = Listing.objects.get(pk=submitted.pk)
    assert listing.status == Status.CHANGES_REQUESTED
    assert listing_act(user=seller, listing=listing, action="resubmit").status == Status.RESUBMITTED


def test_own_review_items_must_be_met(submitted, operator) -> None:
    review_item_add(operator=operator, listing=submitted, text="계약서 사본 확인")
    with pytest.raises(SiteError) as refused:
        review_decide(operator=operator, listing=Listing.objects.get(pk=submitted.pk), decision="approve")
    assert refused.value.code == "review-items-unmet"
