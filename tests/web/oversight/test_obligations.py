"""Processing obligations of a selected 상품가공 project: registration and the 1-year listing obligation,
linked consulting, AAS education and in-kind labour evidence, each done / due / overdue at its deadline."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from claim_factories import make_paid_order
from programme_factories import PURCHASE, SEOUL, pdf

from mfgdata.rules import get_programme
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.models import AuditEvent
from mfgdata.web.core.statemachine import record_event
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.services import listing_act
from mfgdata.web.oversight.obligations import project_obligations, project_period
from mfgdata.web.oversight.selectors import listing_kept_until, obligations_due
from mfgdata.web.oversight.services import (
    completion_record,
    consulting_meeting_record,
    labour_evidence_record,
    project_listing_link,
)
from mfgdata.web.programs.claim_services import claim_submit
from mfgdata.web.programs.money_models import Agreement

LISTED = datetime(2026, 6, 10, 23, 30, tzinfo=SEOUL)  # late evening in Seoul: the Seoul day counts


def _states(project, today: date) -> dict[str, str]:
    return {row.obligation_id: row.state for row in project_obligations(project, today)}


def test_the_project_runs_four_months_from_selection(make_project, maker) -> None:
    project = make_project(maker)
    start, end = project_period(project, get_programme(project.call.programme_id))
    assert (start, end) == (date(2026, 4, 1), date(2026, 7, 31))


def test_a_fresh_project_has_its_obligations_due_by_the_end_and_overdue_the_day_after(make_project, maker) -> None:
    project = make_project(maker)
    assert _states(project, date(2026, 7, 31)) == {"consulting": "due", "aas_education": "due", "listing_kept": "due"}
    assert set(_states(project, date(2026, 8, 1)).values()) == {"overdue"}


def test_a_listed_product_stays_until_listing_day_plus_a_year_minus_one(make_project, maker, make_listing) -> None:
    project = make_project(maker)
    listing = make_listing(maker, listed_at=LISTED)
    project_listing_link(user=maker, application=project, listing=listing)
    assert Listing.objects.get(pk=listing.pk).programme_funded is True
    row = next(r for r in project_obligations(project, date(2027, 6, 9)) if r.obligation_id == "listing_kept")
    assert (row.due_on, row.state) == (date(2027, 6, 9), "due")
    assert _states(project, date(2027, 6, 10))["listing_kept"] == "done"
    assert listing_kept_until(Listing.objects.get(pk=listing.pk)) == date(2027, 6, 9)


def test_delisting_is_refused_through_the_last_day_and_allowed_the_day_after(
    make_project, maker, make_listing, monkeypatch
) -> None:
    project = make_project(maker)
    listing = make_listing(maker, listed_at=LISTED)
    project_listing_link(user=maker, application=project, listing=listing)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2027, 6, 9))
    with pytest.raises(Refused) as refused:
        listing_act(user=maker, listing=Listing.objects.get(pk=listing.pk), action="delist")
    assert refused.value.code == "minimum-listing-period" and "2027-06-10" in refused.value.text.ko
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2027, 6, 10))
    assert listing_act(user=maker, listing=Listing.objects.get(pk=listing.pk), action="delist").status == "delisted"


def test_a_product_delisted_before_its_last_day_is_overdue(make_project, maker, make_listing, people) -> None:
    project = make_project(maker)
    listing = make_listing(maker, listed_at=LISTED)
    project_listing_link(user=maker, application=project, listing=listing)
    event = record_event(target=listing, action="delist", actor=people["market"])
    AuditEvent.objects.filter(pk=event.pk).update(created_at=LISTED + timedelta(days=100))
    assert _states(project, date(2028, 1, 1))["listing_kept"] == "overdue"


def test_consulting_is_done_when_all_three_topics_are_held(make_project, maker) -> None:
    project = make_project(maker)
    for topic in ("trade_contract", "quality_check"):
        consulting_meeting_record(user=maker, application=project, topic=topic, held_on=date(2026, 5, 2), file=None)
    row = next(r for r in project_obligations(project, date(2026, 5, 3)) if r.obligation_id == "consulting")
    assert row.state == "due" and "이익 배분 가이드" in row.detail_ko
    consulting_meeting_record(
        user=maker, application=project, topic="profit_sharing", held_on=date(2026, 6, 1), file=None
    )
    row = next(r for r in project_obligations(project, date(2026, 9, 1)) if r.obligation_id == "consulting")
    assert (row.state, row.done_on) == ("done", date(2026, 6, 1))


def test_aas_education_is_done_once_someone_completes_it(make_project, maker) -> None:
    project = make_project(maker)
    completion_record(
        user=maker,
        application=project,
        person_name="홍길동",
        completed_on=date(2026, 5, 20),
        certificate=pdf("aas.pdf"),
    )
    assert _states(project, date(2026, 9, 1))["aas_education"] == "done"


def test_in_kind_labour_evidence_is_asked_of_a_consortium_with_both_files(make_project, maker, make_member) -> None:
    processor = make_member("미래가공", is_processor=True).membership.organisation
    project = make_project(maker, processor=processor)
    _agreement(project, in_kind_krw=2_000_000)
    assert _states(project, date(2026, 5, 1))["in_kind_evidence"] == "due"
    with pytest.raises(SiteError) as missing:
        labour_evidence_record(
            user=maker,
            application=project,
            person_name="김철수",
            month=date(2026, 5, 1),
            person_months=Decimal("0.5"),
            monthly_pay_krw=4_000_000,
            pay_record=pdf(),
            work_log=None,
        )
    assert missing.value.code == "labour-evidence-incomplete"
    labour_evidence_record(
        user=maker,
        application=project,
        person_name="김철수",
        month=date(2026, 5, 17),
        person_months=Decimal("0.5"),
        monthly_pay_krw=4_000_000,
        pay_record=pdf("pay.pdf"),
        work_log=pdf("log.pdf"),
    )
    assert _states(project, date(2026, 5, 20))["in_kind_evidence"] == "done"
    with pytest.raises(SiteError) as again:
        labour_evidence_record(
            user=maker,
            application=project,
            person_name="김철수",
            month=date(2026, 5, 1),
            person_months=Decimal("0.5"),
            monthly_pay_krw=4_000_000,
            pay_record=pdf(),
            work_log=pdf(),
        )
    assert again.value.code == "labour-month-duplicate"


def _agreement(project, *, in_kind_krw: int) -> Agreement:
    return Agreement.objects.create(
        application=project,
        call=project.call,
        organisation=project.organisation,
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 7, 31),
        government_krw=40_000_000,
        cash_krw=10_000_000 - in_kind_krw,
        in_kind_krw=in_kind_krw,
    )


def _labour(project, user, name: str, month: date, person_months: str, pay: int) -> None:
    labour_evidence_record(
        user=user,
        application=project,
        person_name=name,
        month=month,
        person_months=Decimal(person_months),
        monthly_pay_krw=pay,
        pay_record=pdf("pay.pdf"),
        work_log=pdf("log.pdf"),
    )


def test_labour_evidence_is_done_only_once_it_covers_the_agreements_in_kind_amount(
    make_project, maker, make_member
) -> None:
    processor = make_member("미래가공", is_processor=True).membership.organisation
    project = make_project(maker, processor=processor)
    _agreement(project, in_kind_krw=9_000_000)
    # given 0.5 M/M × 4,000,000원 + 1 M/M × 3,000,000원 = 5,000,000원 of the 9,000,000원 agreed in kind
    _labour(project, maker, "김철수", date(2026, 5, 1), "0.5", 4_000_000)
    _labour(project, maker, "이영희", date(2026, 5, 1), "1", 3_000_000)
    row = next(r for r in project_obligations(project, date(2026, 7, 31)) if r.obligation_id == "in_kind_evidence")
    # then it is still due, naming the gap; overdue after the end
    assert row.state == "due" and "4,000,000원 부족" in row.detail_ko and "4,000,000 KRW short" in row.detail_en
    assert _states(project, date(2026, 8, 1))["in_kind_evidence"] == "overdue"
    # when June's labour brings it to exactly the in-kind amount, it is done
    _labour(project, maker, "이영희", date(2026, 6, 1), "1", 4_000_000)
    assert _states(project, date(2026, 8, 1))["in_kind_evidence"] == "done"


def test_labour_evidence_needs_the_months_pay(make_project, maker, make_member) -> None:
    project = make_project(maker, processor=make_member("미래가공", is_processor=True).membership.organisation)
    with pytest.raises(SiteError) as refused:
        _labour(project, maker, "김철수", date(2026, 5, 1), "0.5", 0)
    assert refused.value.code == "monthly-pay-missing"


def test_a_solo_project_has_no_in_kind_labour(make_project, maker) -> None:
    project = make_project(maker)
    assert "in_kind_evidence" not in _states(project, date(2026, 5, 1))
    with pytest.raises(SiteError) as refused:
        labour_evidence_record(
            user=maker,
            application=project,
            person_name="김철수",
            month=date(2026, 5, 1),
            person_months=Decimal("1"),
            monthly_pay_krw=4_000_000,
            pay_record=pdf(),
            work_log=pdf(),
        )
    assert refused.value.code == "no-in-kind-labour"


def test_only_the_projects_own_products_are_linked_and_only_by_its_people(
    make_project, maker, make_member, make_listing
) -> None:
    project = make_project(maker)
    stranger = make_member("남의기업", is_manufacturer=True)
    with pytest.raises(SiteError) as other_seller:
        project_listing_link(user=maker, application=project, listing=make_listing(stranger))
    assert other_seller.value.code == "listing-of-another-seller"
    with pytest.raises(Refused):
        project_listing_link(user=stranger, application=project, listing=make_listing(maker))


def test_a_purchase_project_links_no_product_and_has_its_own_consulting(make_project, maker, make_listing) -> None:
    project = make_project(maker, programme_id=PURCHASE)
    with pytest.raises(SiteError) as refused:
        project_listing_link(user=maker, application=project, listing=make_listing(maker))
    assert refused.value.code == "not-a-processing-project"
    for topic in ("trade_contract", "quality_check"):
        consulting_meeting_record(user=maker, application=project, topic=topic, held_on=date(2026, 5, 2), file=None)
    assert _states(project, date(2026, 5, 3)) == {"consulting": "done", "subsidy_claim": "due"}


def test_a_purchase_projects_paid_orders_are_due_for_a_claim_by_the_end_of_their_year(
    make_project, maker, make_member, make_listing
) -> None:
    project = make_project(maker, programme_id=PURCHASE)
    agreement = _agreement(project, in_kind_krw=0)
    Agreement.objects.filter(pk=agreement.pk).update(status="signed", government_krw=8_000_000, cash_krw=2_000_000)
    row = next(r for r in project_obligations(project, date(2026, 5, 1)) if r.obligation_id == "subsidy_claim")
    assert (row.due_on, row.state, row.detail_ko) == (date(2026, 7, 31), "due", "구매·지급요청 없음")
    # given an order paid on 10 June 2026 and not claimed: due by 31 December, overdue from 1 January
    seller = make_member("판매기업", is_manufacturer=True)
    order = make_paid_order(maker, make_listing(seller), supply_krw=3_000_000, paid_at=LISTED)
    row = next(r for r in project_obligations(project, date(2026, 12, 31)) if r.obligation_id == "subsidy_claim")
    assert (row.due_on, row.state) == (date(2026, 12, 31), "due") and "3,000,000원" in row.detail_ko
    assert _states(project, date(2027, 1, 1))["subsidy_claim"] == "overdue"
    # when it is claimed, the obligation is done
    claim_submit(user=maker, agreement=agreement, orders=[order], now=datetime(2026, 6, 15, 10, tzinfo=SEOUL))
    assert _states(project, date(2027, 1, 1))["subsidy_claim"] == "done"


def test_obligations_due_lists_open_ones_earliest_first(make_project, maker, make_member) -> None:
    make_project(maker)
    other = make_member("늦은기업", is_manufacturer=True)
    make_project(other, selected_at=datetime(2026, 5, 1, 10, 0, tzinfo=SEOUL))
    rows = obligations_due(programme_id="productization-2026", today=date(2026, 4, 2))
    assert [r.due_on for r in rows] == sorted(r.due_on for r in rows)
    assert rows[0].due_on == date(2026, 7, 31) and rows[-1].due_on == date(2026, 8, 31)
