"""Integrity signals gathered from the site: each signal on a constructed case, none on a clean market; the
operator's decision; measures on a confirmed flag, the exclusion feeding a later application's review."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from programme_factories import ON_TIME, PRODUCTIZATION, PURCHASE, SEOUL, clean_facts, pdf

from mfgdata.rules import get_programme
from mfgdata.rules.documents import applicable_documents
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.listings.models import PackageUpload, UploadState
from mfgdata.web.orders.models import DocumentKind, SalesDocument
from mfgdata.web.oversight.integrity_services import (
    complaint_record,
    exclusion_decide,
    flag_decide,
    integrity_scan,
    recovery_decide,
)
from mfgdata.web.oversight.models import IntegrityFlag, Measure
from mfgdata.web.oversight.services import organisation_contact_record
from mfgdata.web.programs.evaluation_services import application_review_run
from mfgdata.web.programs.models import SanctionEntry
from mfgdata.web.programs.money_models import Agreement, Claim, ClaimLine
from mfgdata.web.programs.rule_inputs import registers_for
from mfgdata.web.programs.services import (
    application_create,
    application_document_add,
    application_submit,
    application_update,
    call_open,
)

PAID = datetime(2026, 5, 4, 11, 0, tzinfo=SEOUL)


@pytest.fixture
def market(make_member, make_project, make_listing):
    """A buyer with a selected purchase project and two unrelated sellers, each with a product."""
    buyer = make_member("구매기업", is_manufacturer=True)
    seller = make_member("판매기업", is_manufacturer=True)
    other = make_member("다른기업", is_manufacturer=True)
    project = make_project(buyer, programme_id=PURCHASE)
    buyer.membership.organisation.representative = "최구매"
    buyer.membership.organisation.address = "인천 연수구 송도동 1"
    buyer.membership.organisation.save()
    return {
        "buyer": buyer,
        "seller": seller,
        "other": other,
        "project": project,
        "listing": make_listing(seller),
        "other_listing": make_listing(other),
    }


def _kinds(flags) -> list[str]:
    return sorted(f.kind for f in flags)


def test_a_clean_market_raises_no_flag(market, make_order, pm) -> None:
    make_order(market["buyer"], market["listing"], PAID)
    make_order(market["other"], market["listing"], PAID)
    assert integrity_scan(user=pm, programme_id=PURCHASE) == []


def test_a_buyer_and_seller_sharing_a_bank_account_are_flagged_once(market, make_order, pm) -> None:
    make_order(market["buyer"], market["listing"], PAID)
    for member, account in ((market["buyer"], "110-123-456789"), (market["seller"], "110 123 456789")):
        organisation_contact_record(
            user=pm, organisation=member.membership.organisation, programme_id=PURCHASE, bank_account=account
        )
    flags = integrity_scan(user=pm, programme_id=PURCHASE)
    assert _kinds(flags) == ["shared_identity"]
    assert "계좌번호" in flags[0].evidence_ko and flags[0].organisations.count() == 2
    assert integrity_scan(user=pm, programme_id=PURCHASE) == []  # the same case is not raised twice
    assert events_of(flags[0]).get().action == "detect"


def test_the_same_representative_is_flagged(market, make_order, pm) -> None:
    seller = market["seller"].membership.organisation
    seller.representative = "최구매"
    seller.save()
    make_order(market["buyer"], market["listing"], PAID)
    assert _kinds(integrity_scan(user=pm, programme_id=PURCHASE)) == ["shared_identity"]


def test_a_buyer_sharing_an_address_with_the_processor_that_registered_the_product_is_flagged(
    market, make_order, make_listing, make_member, pm
) -> None:
    processor = make_member("가공랩", is_processor=True).membership.organisation
    processor.address = "인천 연수구 송도동 1"  # the buyer's address
    processor.save()
    listing = make_listing(market["seller"], registered_as="processor", registered_by_org=processor)
    make_order(market["buyer"], listing, PAID)
    flags = integrity_scan(user=pm, programme_id=PURCHASE)
    assert _kinds(flags) == ["shared_identity"]
    assert "가공기업 가공랩" in flags[0].evidence_ko and "주소" in flags[0].evidence_ko
    assert set(flags[0].organisations.values_list("name", flat=True)) == {"구매기업", "가공랩"}


def test_circular_purchases_are_flagged(market, make_order, make_listing, pm) -> None:
    make_order(market["buyer"], market["listing"], PAID)
    make_order(market["seller"], make_listing(market["buyer"]), datetime(2026, 6, 1, tzinfo=SEOUL))
    flags = integrity_scan(user=pm, programme_id=PURCHASE)
    assert _kinds(flags) == ["circular_purchase"] and "28일 간격" in flags[0].evidence_ko


def test_a_refund_within_30_days_of_a_claim_is_flagged(market, make_order, pm) -> None:
    order = make_order(market["buyer"], market["listing"], PAID, refunded_at=datetime(2026, 6, 20, tzinfo=SEOUL))
    buyer = market["buyer"].membership.organisation
    agreement = Agreement.objects.create(
        application=market["project"],
        call=market["project"].call,
        organisation=buyer,
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 7, 31),
        government_krw=8_000_000,
    )
    claim = Claim.objects.create(
        agreement=agreement,
        organisation=buyer,
        subsidy_krw=800_000,
        price_krw=1_000_000,
        remaining_cap_krw=9_200_000,
        submitted_at=datetime(2026, 6, 1, 9, tzinfo=SEOUL),
    )
    document = SalesDocument.objects.create(
        order=order, kind=DocumentKind.TAX_INVOICE, number="T-1", issue_date=PAID.date(), content={}
    )
    ClaimLine.objects.create(claim=claim, order=order, document=document, price_krw=1_000_000, subsidy_krw=800_000)
    flags = integrity_scan(user=pm, programme_id=PURCHASE)
    assert _kinds(flags) == ["refund_after_claim"]
    assert "19일 만" in flags[0].evidence_ko and "포함되어 있습니다" in flags[0].evidence_ko


def test_signals_of_organisations_outside_the_programme_are_left_out(market, make_order, make_member, pm) -> None:
    outsider = make_member("외부기업", is_manufacturer=True)
    organisation = outsider.membership.organisation
    organisation.representative = market["seller"].membership.organisation.representative
    organisation.save()
    make_order(outsider, market["listing"], PAID)
    assert integrity_scan(user=pm, programme_id=PURCHASE) == []


def test_only_the_operator_scans_and_decisions_need_a_reason(market, make_order, pm, people) -> None:
    with pytest.raises(Refused):
        integrity_scan(user=people["auditor"], programme_id=PURCHASE)
    make_order(market["buyer"], market["listing"], PAID)
    make_order(market["seller"], market["other_listing"], PAID)
    make_order(market["other"], market["listing"], PAID)
    organisation_contact_record(
        user=pm, organisation=market["buyer"].membership.organisation, programme_id=PURCHASE, phone="010-1111-2222"
    )
    organisation_contact_record(
        user=pm, organisation=market["seller"].membership.organisation, programme_id=PURCHASE, phone="01011112222"
    )
    flag = integrity_scan(user=pm, programme_id=PURCHASE)[0]
    with pytest.raises(SiteError) as no_reason:
        flag_decide(user=pm, flag=flag, confirm=False, note=" ")
    assert no_reason.value.code == "decision-needs-reason"
    dismissed = flag_decide(user=pm, flag=flag, confirm=False, note="같은 건물 입주 기업, 거래 정상")
    assert dismissed.status == "dismissed"
    with pytest.raises(SiteError) as again:
        flag_decide(user=pm, flag=dismissed, confirm=True, note="재검토")
    assert again.value.code == "transition-not-allowed"


def _confirmed(market, make_order, pm) -> IntegrityFlag:
    make_order(market["buyer"], market["listing"], PAID)
    seller = market["seller"].membership.organisation
    seller.address = "인천 연수구 송도동 1"
    seller.save()
    flag = integrity_scan(user=pm, programme_id=PURCHASE)[0]
    return flag_decide(user=pm, flag=flag, confirm=True, note="현장 확인 결과 페이백 정황")


def test_measures_follow_only_a_confirmed_flag(market, make_order, pm) -> None:
    make_order(market["buyer"], market["listing"], PAID)
    organisation_contact_record(
        user=pm, organisation=market["buyer"].membership.organisation, programme_id=PURCHASE, phone="02-555-0000"
    )
    organisation_contact_record(
        user=pm, organisation=market["seller"].membership.organisation, programme_id=PURCHASE, phone="025550000"
    )
    open_flag = integrity_scan(user=pm, programme_id=PURCHASE)[0]
    with pytest.raises(SiteError) as refused:
        recovery_decide(
            user=pm,
            flag=open_flag,
            organisation=market["buyer"].membership.organisation,
            amount_krw=800_000,
            decided_on=date(2026, 7, 1),
            note="환수",
        )
    assert refused.value.code == "flag-not-confirmed"
    assert not Measure.objects.exists()


def test_recovery_and_complaint_are_recorded_as_audit_events(market, make_order, pm, people) -> None:
    flag = _confirmed(market, make_order, pm)
    buyer = market["buyer"].membership.organisation
    recovery = recovery_decide(
        user=people["agency"],
        flag=flag,
        organisation=buyer,
        amount_krw=800_000,
        decided_on=date(2026, 7, 1),
        note="정부지원금 환수",
    )
    complaint = complaint_record(
        user=pm,
        flag=flag,
        organisation=buyer,
        filed_on=date(2026, 7, 2),
        reference="혁신협-2026-77",
        note="사기 혐의 고발",
    )
    assert (recovery.amount_krw, complaint.reference) == (800_000, "혁신협-2026-77")
    assert [e.action for e in events_of(flag)][-2:] == ["measure_recovery", "measure_criminal_complaint"]
    assert events_of(buyer).filter(action="measure_recovery").exists()
    with pytest.raises(SiteError) as outsider:
        recovery_decide(
            user=pm,
            flag=flag,
            organisation=market["other"].membership.organisation,
            amount_krw=1,
            decided_on=date(2026, 7, 1),
            note="x",
        )
    assert outsider.value.code == "organisation-not-in-flag"
    with pytest.raises(Refused):
        recovery_decide(
            user=people["auditor"], flag=flag, organisation=buyer, amount_krw=1, decided_on=date(2026, 7, 1), note="x"
        )


def test_an_exclusion_enters_the_sanctions_register_the_review_reads(market, make_order, pm) -> None:
    flag = _confirmed(market, make_order, pm)
    buyer = market["buyer"].membership.organisation
    with pytest.raises(SiteError) as backwards:
        exclusion_decide(
            user=pm,
            flag=flag,
            organisation=buyer,
            starts_on=date(2026, 8, 1),
            ends_on=date(2026, 7, 1),
            note="참여배제",
        )
    assert backwards.value.code == "exclusion-period"
    measure = exclusion_decide(
        user=pm,
        flag=flag,
        organisation=buyer,
        starts_on=date(2026, 8, 1),
        ends_on=date(2029, 7, 31),
        note="부정수급 3년 참여배제",
    )
    entry = SanctionEntry.objects.get(organisation=buyer)
    assert measure.sanction == entry and entry.kind == "participation_ban" and entry.scope == "smart_factory"
    register = registers_for(buyer).sanctions
    assert register.active(str(buyer.pk), date(2027, 1, 29), scopes=["smart_factory"])
    assert not register.active(str(buyer.pk), date(2029, 8, 1))


def _submitted(member, call):
    """A complete solo application to `call`, submitted on time (documents from the definition itself)."""
    programme = get_programme(call.programme_id)
    draft = application_create(user=member, call=call)
    application_update(
        user=member,
        application=draft,
        participation="solo",
        requested_krw=40_000_000,
        facts=clean_facts(call.programme_id),
        plan_sections={s.id: "계획" for s in programme.evaluation.sections},
    )
    for document in applicable_documents(programme, participation="solo", applicant="sme", bonus_claimed=False):
        application_document_add(
            user=member,
            application=draft,
            number=document.number,
            file=pdf(),
            issued_on=ON_TIME.date() - timedelta(days=5),
        )
    return application_submit(user=member, application=draft, received_at=ON_TIME)


def test_an_exclusion_from_a_confirmed_flag_fails_a_later_applications_review(market, make_order, pm, people) -> None:
    flag = _confirmed(market, make_order, pm)
    buyer = market["buyer"]
    exclusion_decide(
        user=pm,
        flag=flag,
        organisation=buyer.membership.organisation,
        starts_on=date(2026, 1, 15),
        ends_on=date(2029, 1, 14),
        note="부정수급 3년 참여배제",
    )
    later = _submitted(buyer, call_open(user=people["agency"], programme_id=PRODUCTIZATION))
    reviewed = application_review_run(user=pm, application=later)
    assert reviewed.eligibility["passed"] is False
    assert {i["check"]: i["passed"] for i in reviewed.eligibility["items"]}["exclusion:6"] is False


def _with_package(listing, rows: int) -> None:
    PackageUpload.objects.create(
        listing=listing,
        uploaded_by=listing.registered_by,
        filename="p.zip",
        total_bytes=1,
        chunk_bytes=1,
        state=UploadState.VALID,
        contents={"manifest": {"product": {"rows": rows, "kind": "tabular"}}, "files": []},
    )


def test_a_price_per_row_above_three_times_the_median_is_flagged(market, make_order, make_listing, pm) -> None:
    for _ in range(3):
        _with_package(make_listing(market["other"]), rows=10_000)  # 100 KRW per row
    dear = make_listing(market["seller"], price_plans=[{"id": "one", "kind": "one_off", "price_krw": 3_000_001}])
    _with_package(dear, rows=10_000)
    make_order(market["buyer"], dear, PAID)
    flags = integrity_scan(user=pm, programme_id=PURCHASE)
    assert _kinds(flags) == ["price_outlier"]
    assert "행당 300.00원" in flags[0].evidence_ko and flags[0].details["listing_ids"] == [str(dear.pk)]


def test_a_price_of_exactly_three_times_the_median_is_not_flagged(market, make_order, make_listing, pm) -> None:
    for _ in range(3):
        _with_package(make_listing(market["other"]), rows=10_000)
    fair = make_listing(market["seller"], price_plans=[{"id": "one", "kind": "one_off", "price_krw": 3_000_000}])
    _with_package(fair, rows=10_000)
    make_order(market["buyer"], fair, PAID)
    assert integrity_scan(user=pm, programme_id=PURCHASE) == []


def _claim(market, status: str, subsidy_krw: int = 800_000) -> Claim:
    buyer = market["buyer"].membership.organisation
    agreement = Agreement.objects.filter(application=market["project"]).first() or Agreement.objects.create(
        application=market["project"],
        call=market["project"].call,
        organisation=buyer,
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 7, 31),
        government_krw=8_000_000,
    )
    return Claim.objects.create(
        agreement=agreement,
        organisation=buyer,
        status=status,
        subsidy_krw=subsidy_krw,
        price_krw=subsidy_krw * 10 // 8,
        remaining_cap_krw=0,
        submitted_at=datetime(2026, 6, 1, 9, tzinfo=SEOUL),
    )


def test_a_recovery_names_its_claim_and_takes_back_no_more_than_its_approved_subsidy(market, make_order, pm) -> None:
    flag = _confirmed(market, make_order, pm)
    buyer = market["buyer"].membership.organisation
    approved, waiting = _claim(market, "approved", 800_000), _claim(market, "submitted", 500_000)

    def recover(amount: int, claim: Claim, organisation=buyer) -> Measure:
        return recovery_decide(
            user=pm,
            flag=flag,
            organisation=organisation,
            amount_krw=amount,
            decided_on=date(2026, 7, 1),
            note="페이백 환수",
            claim=claim,
        )

    with pytest.raises(SiteError) as over:
        recover(800_001, approved)
    assert over.value.code == "recovery-over-claim" and "800,001원" in over.value.text.ko
    assert "800,000원" in over.value.text.ko
    first = recover(500_000, approved)
    assert (first.claim, first.amount_krw) == (approved, 500_000)
    # a second recovery from the same claim is held to what is left of it (300,000원)
    with pytest.raises(SiteError, match="300,000"):
        recover(300_001, approved)
    assert recover(300_000, approved).amount_krw == 300_000
    with pytest.raises(SiteError) as not_paid:
        recover(1, waiting)
    assert not_paid.value.code == "recovery-claim-not-approved"
    with pytest.raises(SiteError) as not_theirs:
        recover(1, approved, organisation=market["seller"].membership.organisation)
    assert not_theirs.value.code == "recovery-claim-other"
    assert Measure.objects.filter(kind="recovery").count() == 2
