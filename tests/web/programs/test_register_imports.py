"""Importing the registers the review consults — the agency's sanctions register and the operator's consulting
register — from UTF-8 (BOM) or cp949 CSV and XLSX; a file with any bad row imports nothing and names each bad
row and column. Then the review uses them: a sanction excludes, a completed external consulting grants +3, and
a trade record on the marketplace grants the trade bonus."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from programme_factories import ON_TIME, PRODUCTIZATION, SEOUL

from mfgdata.web.accounts.business_number import format_business_number, with_check_digit
from mfgdata.web.core.errors import Refused
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.orders.models import TradeKind, TradeRecord
from mfgdata.web.programs.evaluation_services import application_review_run
from mfgdata.web.programs.models import ConsultingRecord, RegisterImport, SanctionEntry
from mfgdata.web.programs.register_files import RegisterFileError
from mfgdata.web.programs.register_services import consulting_import, sanctions_import
from mfgdata.web.programs.services import application_submit

pytestmark = pytest.mark.django_db
STRANGER = with_check_digit("220810001")  # a company not (yet) on the site
SANCTION_HEADER = "사업자등록번호,기업명,구분,대상사업,시작일,종료일,사유"
CONSULTING = "consulting-2025-rolling"


def _brn(user) -> str:
    return user.membership.organisation.business_number


def _csv(lines: list[str], encoding: str = "utf-8-sig", name: str = "register.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\r\n".join(lines).encode(encoding), content_type="text/csv")


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("register.xlsx", buffer.getvalue())


def test_a_bom_csv_imports_known_and_unknown_companies_and_the_review_excludes(
    agency, pm, applicant, submitted_application
) -> None:
    # given the agency's register names the applicant (hyphenated) and a company not on the site
    rows = [
        SANCTION_HEADER,
        f"{format_business_number(_brn(applicant))},한빛정밀,참여제한,스마트공장,2025-01-01,2027-01-01,부정수급",
        f"{STRANGER},미가입기업,제재처분,제조데이터,2025.3.1,,협약 위반",
    ]
    record = sanctions_import(user=agency, file=_csv(rows))
    assert (record.rows, record.created) == (2, 2)
    assert [e.action for e in events_of(record)] == ["import_sanctions"]
    own = SanctionEntry.objects.get(business_number=_brn(applicant))
    assert own.organisation == applicant.membership.organisation and own.kind == "participation_ban"
    stranger = SanctionEntry.objects.get(business_number=STRANGER)
    assert stranger.organisation is None and stranger.starts_on == date(2025, 3, 1) and stranger.ends_on is None
    # then the review of the applicant fails on the sanctions exclusion
    reviewed = application_review_run(user=pm, application=submitted_application)
    assert reviewed.eligibility["passed"] is False
    assert any("제재" in reason for reason in reviewed.eligibility["reasons_ko"])


def test_importing_the_same_file_twice_changes_nothing(agency) -> None:
    rows = [SANCTION_HEADER, f"{STRANGER},미가입기업,제재처분,스마트공장,2025-01-01,2025-12-31,사유"]
    sanctions_import(user=agency, file=_csv(rows))
    again = sanctions_import(user=agency, file=_csv(rows))
    assert again.created == 0 and SanctionEntry.objects.count() == 1


def test_cp949_csv_and_xlsx_with_excel_dates_are_read(agency) -> None:
    cp949 = [SANCTION_HEADER, f"{STRANGER},가나다,참여제한,스마트공장,2024-06-01,2026-05-31,"]
    sanctions_import(user=agency, file=_csv(cp949, encoding="cp949"))
    other = with_check_digit("220810002")
    header = SANCTION_HEADER.split(",")
    sanctions_import(
        user=agency,
        file=_xlsx([header, [int(other), "라마바", "제재처분", "제조데이터", datetime(2025, 2, 3), None, "사유"]]),
    )
    assert SanctionEntry.objects.get(business_number=other).starts_on == date(2025, 2, 3)
    assert SanctionEntry.objects.filter(business_number=STRANGER, kind="participation_ban").exists()


def test_bad_rows_are_all_named_and_nothing_is_imported(agency) -> None:
    rows = [
        SANCTION_HEADER,
        f"{STRANGER},정상행,제재처분,스마트공장,2025-01-01,,",
        "123-45-67890,번호 틀림,제재처분,스마트공장,2025-01-01,,",
        f"{STRANGER},날짜 틀림,참여제한,스마트공장,2025-13-01,,",
        f"{STRANGER},구분 틀림,경고,스마트공장,2025-01-01,,",
        f"{STRANGER},기간 거꾸로,참여제한,제조데이터,2025-05-01,2025-04-01,",
    ]
    with pytest.raises(RegisterFileError) as refused:
        sanctions_import(user=agency, file=_csv(rows))
    found = {(e.row, e.column) for e in refused.value.errors}
    assert found == {(3, "사업자등록번호"), (4, "시작일"), (5, "구분")}
    assert "3행 '사업자등록번호' 열" in refused.value.text.ko
    assert SanctionEntry.objects.count() == 0 and RegisterImport.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("사업자등록번호,구분\n".encode(), (1, "대상사업")),
        (b"\x00\xff\xfe binary \x81\x00", (1, "-")),
        (b"", (1, "-")),
    ],
)
def test_a_file_without_the_columns_or_unreadable_is_refused(agency, content, expected) -> None:
    with pytest.raises(RegisterFileError) as refused:
        sanctions_import(user=agency, file=SimpleUploadedFile("r.csv", content))
    assert expected in {(e.row, e.column) for e in refused.value.errors}


def test_a_backwards_period_and_a_repeated_row_are_refused(agency) -> None:
    row = f"{STRANGER},기업,참여제한,제조데이터,2025-05-01,2025-04-01,"
    with pytest.raises(RegisterFileError) as backwards:
        sanctions_import(user=agency, file=_csv([SANCTION_HEADER, row]))
    assert [(e.row, e.column) for e in backwards.value.errors] == [(2, "종료일")]
    same = f"{STRANGER},기업,참여제한,제조데이터,2025-01-01,,"
    with pytest.raises(RegisterFileError) as repeated:
        sanctions_import(user=agency, file=_csv([SANCTION_HEADER, same, same]))
    assert [e.row for e in repeated.value.errors] == [3]


def test_only_the_agency_imports_sanctions(pm, applicant) -> None:
    for user in (pm, applicant):
        with pytest.raises(Refused):
            sanctions_import(user=user, file=_csv([SANCTION_HEADER]))


def test_the_consulting_register_grants_the_bonus_but_not_linked_consulting(
    pm, make_applicant, call, complete_draft
) -> None:
    done, linked = make_applicant(name="완료기업"), make_applicant(name="연계기업")
    rows = [
        "사업자등록번호,기업명,완료일,상품가공 연계",
        f"{_brn(done)},완료기업,2025-11-01,아니오",
        f"{_brn(linked)},연계기업,2025-10-01,예",
        f"{STRANGER},미가입기업,,",
    ]
    record = consulting_import(user=pm, programme_id=PRODUCTIZATION, consulting_programme=CONSULTING, file=_csv(rows))
    assert record.rows == 3 and ConsultingRecord.objects.get(business_number=STRANGER).completed_on is None
    bonus = {}
    for user in (done, linked):
        draft = complete_draft(user, call, claimed_bonuses=["consulting_2025"])
        reviewed = application_review_run(
            user=pm, application=application_submit(user=user, application=draft, received_at=ON_TIME)
        )
        bonus[user.pk] = reviewed.bonus_points
    assert bonus == {done.pk: 3, linked.pk: 0}


def test_a_consulting_programme_no_bonus_names_is_refused(pm) -> None:
    rows = ["사업자등록번호,완료일", f"{STRANGER},2025-11-01"]
    with pytest.raises(RegisterFileError):
        consulting_import(user=pm, programme_id=PRODUCTIZATION, consulting_programme="other", file=_csv(rows))
    assert ConsultingRecord.objects.count() == 0


def test_trade_records_before_the_notice_date_grant_the_trade_bonus(
    pm, applicant, call, complete_draft, submitted
) -> None:
    organisation, listing = applicant.membership.organisation, submitted
    notice_day = datetime(2026, 1, 29, 23, 0, tzinfo=SEOUL)
    record = {"organisation": organisation, "listing": listing}
    TradeRecord.objects.create(**record, kind=TradeKind.REFUND, occurred_at=notice_day)
    TradeRecord.objects.create(**record, kind=TradeKind.SALE, occurred_at=notice_day + timedelta(hours=1))
    draft = complete_draft(applicant, call, claimed_bonuses=["library_trade"])
    reviewed = application_review_run(
        user=pm, application=application_submit(user=applicant, application=draft, received_at=ON_TIME)
    )
    assert reviewed.bonus_points == 0  # a refund is not a trade; the sale came after the notice date
    TradeRecord.objects.create(**record, kind=TradeKind.SALE, occurred_at=notice_day)
    assert application_review_run(user=pm, application=reviewed).bonus_points == 3


def test_the_agency_uploads_through_the_page_and_sees_each_bad_row(agency, applicant) -> None:
    client = Client()
    client.force_login(agency)
    bad = [SANCTION_HEADER, f"{STRANGER},기업,참여제한,스마트공장,어제,,"]
    response = client.post("/programs/registers/sanctions/", {"file": _csv(bad)})
    assert response.status_code == 400
    assert "2행 &#x27;시작일&#x27; 열" in response.content.decode()
    good = [SANCTION_HEADER, f"{STRANGER},기업,참여제한,스마트공장,2025-01-01,,"]
    assert client.post("/programs/registers/sanctions/", {"file": _csv(good)}).status_code == 302
    SanctionEntry.objects.create(  # a ban decided on the site (참여배제) names the organisation, not its number
        organisation=applicant.membership.organisation,
        kind="participation_ban",
        scope="smart_factory",
        starts_on=date(2026, 1, 1),
    )
    page = client.get("/programs/registers/sanctions/").content.decode()
    assert f'data-brn="{STRANGER}"' in page and f'data-brn="{_brn(applicant)}"' in page
    assert "스마트공장 보급·확산" in page
    member = Client()
    member.force_login(applicant)
    assert member.get("/programs/registers/sanctions/").status_code == 403


def test_the_registers_are_linked_for_those_who_keep_them(agency, pm, applicant, call) -> None:
    pages = {}
    for user in (agency, pm, applicant):
        client = Client()
        client.force_login(user)
        pages[user.email] = client.get("/programs/").content.decode()
    assert "/programs/registers/sanctions/" in pages[agency.email]
    assert f"/programs/registers/consulting/{PRODUCTIZATION}/" in pages[pm.email]
    assert "/programs/registers/" not in pages[applicant.email]


def test_the_operator_imports_consulting_through_the_page(pm, applicant) -> None:
    client = Client()
    client.force_login(pm)
    url = f"/programs/registers/consulting/{PRODUCTIZATION}/"
    rows = ["사업자등록번호,기업명,완료일,상품가공 연계", f"{_brn(applicant)},한빛정밀,2025-11-01,어쩌면"]
    refused = client.post(url, {"consulting_programme": CONSULTING, "file": _csv(rows)})
    assert refused.status_code == 400 and "2행 &#x27;상품가공 연계&#x27; 열" in refused.content.decode()
    rows[1] = rows[1].replace("어쩌면", "아니오")
    assert client.post(url, {"consulting_programme": CONSULTING, "file": _csv(rows)}).status_code == 302
    assert ConsultingRecord.objects.get().organisation == applicant.membership.organisation


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("register.xlsx", b"PK\x03\x04 truncated workbook", "엑셀 파일이 손상되었거나"),
        ("register.csv", b"a" * (5 * 1024 * 1024 + 1), "5MB"),
    ],
)
def test_a_broken_workbook_or_a_huge_file_is_refused_with_a_reason(agency, name, content, says) -> None:
    with pytest.raises(RegisterFileError) as refused:
        sanctions_import(user=agency, file=SimpleUploadedFile(name, content))
    assert says in refused.value.text.ko and SanctionEntry.objects.count() == 0
