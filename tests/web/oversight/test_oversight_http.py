"""HTTP: the project page and its forms, the operator's dashboard and XLSX, flags and measures — who sees
what, and bad input refused with a clear reason and nothing saved lost."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from programme_factories import PRODUCTIZATION, PURCHASE, SEOUL, pdf

from mfgdata.web.listings.models import RegisteredAs
from mfgdata.web.oversight.models import ConsultingMeeting, Inspection, IntegrityFlag, Measure
from mfgdata.web.programs.models import Agreement, Claim, SanctionEntry

pytestmark = pytest.mark.django_db


def test_the_project_page_shows_obligations_and_their_deadlines(client, make_project, maker) -> None:
    project = make_project(maker)
    client.force_login(maker)
    page = client.get(f"/oversight/projects/{project.pk}/").content.decode()
    assert "2026-07-31" in page and 'data-obligation="aas_education"' in page and "AAS 교육 이수" in page


def test_the_project_page_is_in_english_when_chosen(client, make_project, maker) -> None:
    project = make_project(maker)
    client.force_login(maker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "AAS education after selection" in client.get(f"/oversight/projects/{project.pk}/").content.decode()


def test_strangers_do_not_see_a_project(client, make_project, maker, make_member) -> None:
    project = make_project(maker)
    client.force_login(make_member("남의기업"))
    assert client.get(f"/oversight/projects/{project.pk}/").status_code == 403


def test_a_meeting_is_recorded_and_a_bad_date_is_refused_in_korean(client, make_project, maker) -> None:
    project = make_project(maker)
    client.force_login(maker)
    url = f"/oversight/projects/{project.pk}/meetings/"
    ok = client.post(url, {"topic": "quality_check", "held_on": "2026-05-02", "notes": "품질확인", "file": pdf()})
    assert ok.status_code == 302 and ConsultingMeeting.objects.count() == 1
    bad = client.post(url, {"topic": "quality_check", "held_on": "5월 2일"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.content.decode()
    assert ConsultingMeeting.objects.count() == 1


def test_only_the_operator_or_auditor_inspects_over_http(client, make_project, maker, people) -> None:
    project = make_project(maker, programme_id=PURCHASE)
    url = f"/oversight/projects/{project.pk}/inspections/"
    form = {
        "kind": "usage",
        "inspected_on": "2026-06-01",
        "findings": "학습 확인",
        "outcome": "completed",
        "files": pdf("evidence.pdf"),
    }
    client.force_login(maker)
    refused = client.post(url, form)
    assert refused.status_code == 403 and "전문감리기관" in refused.content.decode()
    client.force_login(people["auditor"])
    assert client.post(url, {**form, "files": pdf("evidence.pdf")}).status_code == 302
    assert Inspection.objects.get().get_outcome_display() == "정상수행"
    assert "정상수행" in client.get(f"/oversight/projects/{project.pk}/").content.decode()


def test_the_dashboard_and_the_obligations_export_are_the_operators(client, make_project, maker, pm) -> None:
    make_project(maker)
    client.force_login(maker)
    assert client.get(f"/oversight/programmes/{PRODUCTIZATION}/obligations.xlsx").status_code == 403
    client.force_login(pm)
    assert "한빛정밀" in client.get(f"/oversight/programmes/{PRODUCTIZATION}/").content.decode()
    response = client.get(f"/oversight/programmes/{PRODUCTIZATION}/obligations.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("수행기관", "사업자등록번호", "가공기업")
    assert {r[4] for r in rows[1:]} >= {"과제선정 이후 AAS 교육 이수"}
    assert all(r[5].date() == date(2026, 7, 31) for r in rows[1:])


def test_an_unknown_programme_is_refused_clearly(client, pm) -> None:
    client.force_login(pm)
    response = client.get("/oversight/programmes/nothing-2020/")
    assert response.status_code == 400 and "nothing-2020" in response.content.decode()


def test_the_organisation_page_has_an_obligations_section(client, make_project, maker, make_member) -> None:
    project = make_project(maker)
    organisation = maker.membership.organisation
    client.force_login(maker)
    page = client.get("/programs/organisation/").content.decode()
    assert 'id="obligations"' in page and "2026-07-31" in page
    assert f"/oversight/projects/{project.pk}/" in page and 'data-section="agreements"' in page
    client.force_login(make_member("남의기업"))
    assert client.get(f"/programs/organisations/{organisation.pk}/").status_code == 403


def test_scan_confirm_and_exclude_over_http(client, make_project, make_member, make_listing, make_order, pm) -> None:
    buyer, seller = make_member("구매기업"), make_member("판매기업")
    make_project(buyer, programme_id=PURCHASE)
    make_order(buyer, make_listing(seller), datetime(2026, 5, 4, tzinfo=SEOUL))
    client.force_login(pm)
    for member in (buyer, seller):
        client.post(
            f"/oversight/programmes/{PURCHASE}/contacts/",
            {"business_number": member.membership.organisation.business_number, "phone": "031-000-1234"},
        )
    assert client.post(f"/oversight/programmes/{PURCHASE}/flags/").status_code == 302
    flag = IntegrityFlag.objects.get()
    assert "전화번호" in client.get(f"/oversight/programmes/{PURCHASE}/flags/").content.decode()
    assert client.post(f"/oversight/flags/{flag.pk}/decide/", {"action": "confirm", "note": ""}).status_code == 400
    client.post(f"/oversight/flags/{flag.pk}/decide/", {"action": "confirm", "note": "대표전화 공유, 페이백 확인"})
    target = buyer.membership.organisation.pk
    bad = client.post(
        f"/oversight/flags/{flag.pk}/measures/",
        {"kind": "recovery", "organisation": target, "amount_krw": "팔십만", "on": "2026-07-01", "note": "환수"},
    )
    assert bad.status_code == 400 and "원 단위" in bad.content.decode()
    client.post(
        f"/oversight/flags/{flag.pk}/measures/",
        {
            "kind": "exclusion",
            "organisation": target,
            "on": "2026-08-01",
            "ends_on": "2029-07-31",
            "note": "참여배제 3년",
        },
    )
    assert SanctionEntry.objects.get().ends_on == date(2029, 7, 31)
    assert Measure.objects.get().kind == "exclusion"
    assert "참여배제" in client.get(f"/oversight/flags/{flag.pk}/").content.decode()


def test_a_consortium_project_page_shows_the_share_check_and_labour_form(
    client, make_project, maker, make_member, make_listing, pm
) -> None:
    processor_user = make_member("미래가공", is_processor=True)
    processor = processor_user.membership.organisation
    project = make_project(maker, processor=processor)
    client.force_login(pm)
    assert (
        client.post(f"/oversight/projects/{project.pk}/share/", {"manufacturer_share_percent": "칠십"}).status_code
        == 400
    )
    client.post(f"/oversight/projects/{project.pk}/share/", {"manufacturer_share_percent": "70"})
    client.force_login(maker)
    listing = make_listing(
        maker,
        manufacturer_share_percent=65,
        registered_by_org=processor,
        registered_by=processor_user,
        registered_as=RegisteredAs.PROCESSOR,
    )
    refused = client.post(f"/oversight/projects/{project.pk}/listings/", {"listing": listing.pk})
    assert refused.status_code == 400 and "65%" in refused.content.decode()
    page = client.get(f"/oversight/projects/{project.pk}/").content.decode()
    assert "70%" in page and 'name="work_log"' in page and 'data-obligation="in_kind_evidence"' in page


def test_labour_evidence_is_posted_with_the_months_pay_and_a_bad_amount_is_a_400(
    client, make_project, maker, make_member
) -> None:
    project = make_project(maker, processor=make_member("미래가공", is_processor=True).membership.organisation)
    client.force_login(maker)

    def post(pay: str):  # type: ignore[no-untyped-def]
        fields = {"person_name": "김철수", "month": "2026-05", "person_months": "0.5", "monthly_pay_krw": pay}
        files = {"pay_record": pdf("pay.pdf"), "work_log": pdf("log.pdf")}
        return client.post(f"/oversight/projects/{project.pk}/labour/", fields | files)

    bad = post("사백만")
    assert bad.status_code == 400 and "원 단위 정수" in bad.content.decode()
    assert post("4,000,000").status_code == 302
    assert "4,000,000원" in client.get(f"/oversight/projects/{project.pk}/").content.decode()


def test_a_recovery_from_a_claim_over_http_is_held_to_the_claims_approved_subsidy(
    client, make_project, make_member, make_listing, make_order, pm
) -> None:
    buyer, seller = make_member("구매기업"), make_member("판매기업")
    project = make_project(buyer, programme_id=PURCHASE)
    make_order(buyer, make_listing(seller), datetime(2026, 5, 4, tzinfo=SEOUL))
    organisation = buyer.membership.organisation
    seller.membership.organisation.representative = organisation.representative
    seller.membership.organisation.save()
    agreement = Agreement.objects.create(
        application=project,
        call=project.call,
        organisation=organisation,
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 7, 31),
        government_krw=8_000_000,
        cash_krw=2_000_000,
    )
    claim = Claim.objects.create(
        agreement=agreement,
        organisation=organisation,
        status="approved",
        subsidy_krw=800_000,
        price_krw=1_000_000,
        remaining_cap_krw=7_200_000,
        submitted_at=datetime(2026, 5, 10, tzinfo=SEOUL),
    )
    client.force_login(pm)
    client.post(f"/oversight/programmes/{PURCHASE}/flags/")
    flag = IntegrityFlag.objects.get()
    client.post(f"/oversight/flags/{flag.pk}/decide/", {"action": "confirm", "note": "대표자 동일, 페이백 확인"})
    assert f'<option value="{claim.pk}">' in client.get(f"/oversight/flags/{flag.pk}/").content.decode()
    form = {"kind": "recovery", "organisation": organisation.pk, "on": "2026-07-01", "note": "환수", "claim": claim.pk}
    over = client.post(f"/oversight/flags/{flag.pk}/measures/", form | {"amount_krw": "800,001"})
    assert over.status_code == 400 and "800,000원" in over.content.decode()
    assert client.post(f"/oversight/flags/{flag.pk}/measures/", form | {"amount_krw": "800,000"}).status_code == 302
    assert Measure.objects.get().claim == claim
