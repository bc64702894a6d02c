"""Writes about selected projects: link product listings, record consulting meetings, completions, in-kind
labour evidence, the consortium's agreed share, organisations' contact facts, and inspections.

Order in every service: authorize → validate → lock → change → record an event → side effects after commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event
from mfgdata.web.listings.models import Listing, RegisteredAs
from mfgdata.web.oversight import permissions
from mfgdata.web.oversight.models import (
    Completion,
    ConsortiumShare,
    ConsultingMeeting,
    ConsultingTopic,
    Inspection,
    InspectionFile,
    InspectionKind,
    InspectionOutcome,
    LabourEvidence,
    OrganisationContact,
    ProjectListing,
)
from mfgdata.web.programs.models import Application, ApplicationDocument
from mfgdata.web.programs.rule_inputs import programme_of


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def project_listing_link(*, user: User, application: Application, listing: Listing) -> ProjectListing:
    """A 상품가공 project names the listing it produced; the listing becomes programme-funded (kept 1 year)."""
    require(permissions.why_not_record_evidence(user=user, application=application))
    if programme_of(application.call.programme_id).kind != "productization":
        raise SiteError(
            "not-a-processing-project",
            "상품가공지원 과제만 상품을 연결합니다.",
            "Only productization projects link their products.",
        )
    if listing.seller_id != application.organisation_id:
        raise SiteError(
            "listing-of-another-seller",
            f"'{listing.title_ko}'은(는) 이 과제 수행기업이 판매하는 상품이 아닙니다.",
            f"'{listing.title_ko}' is not sold by this project's company.",
        )
    _check_share(application, listing)
    locked = _locked(application)
    link, created = ProjectListing.objects.get_or_create(
        application=locked, listing=listing, defaults={"linked_by": user}
    )
    if created:
        Listing.objects.filter(pk=listing.pk).update(programme_funded=True)
        record_event(target=locked, action="link_listing", actor=user, comment=f"listing {listing.pk}")
    return link


def _check_share(application: Application, listing: Listing) -> None:
    """A consortium's listing carries the revenue share of its consortium agreement, once it is recorded."""
    agreed = ConsortiumShare.objects.filter(application=application).first()
    if application.processor_id is None or agreed is None:
        return
    if listing.registered_as != RegisteredAs.PROCESSOR or listing.registered_by_org_id != application.processor_id:
        raise SiteError(
            "listing-not-by-processor",
            "컨소시엄 과제의 상품은 컨소시엄 가공기업이 대리 등록해야 합니다.",
            "A consortium project's product must be registered by its processor.",
        )
    if listing.manufacturer_share_percent != agreed.manufacturer_share_percent:
        raise SiteError(
            "share-differs-from-agreement",
            f"상품의 제조기업 배분율 {listing.manufacturer_share_percent}%가 컨소시엄 협약의 "
            f"{agreed.manufacturer_share_percent}%와 다릅니다. 상품 정보를 협약대로 고치세요.",
            f"The listing's manufacturer share {listing.manufacturer_share_percent}% differs from the consortium "
            f"agreement's {agreed.manufacturer_share_percent}%. Correct the listing to match the agreement.",
        )


@transaction.atomic
def consortium_share_record(
    *, user: User, application: Application, manufacturer_share_percent: int
) -> ConsortiumShare:
    """The operator records the manufacturer's share written in the consortium agreement (the uploaded one)."""
    require(permissions.why_not_operate(user=user, programme_id=application.call.programme_id))
    require(permissions.why_not_project(application))
    if application.processor_id is None:
        raise SiteError("not-a-consortium", "컨소시엄 과제가 아닙니다.", "This is not a consortium project.")
    if not 0 < manufacturer_share_percent <= 100:
        raise SiteError(
            "share-out-of-range",
            "제조기업 배분율은 1~100% 사이여야 합니다.",
            "The manufacturer's share must be between 1 and 100 %.",
        )
    numbers = [d.number for d in programme_of(application.call.programme_id).documents if "consortium" in d.id]
    document = ApplicationDocument.objects.filter(application=application, number__in=numbers).last()
    locked = _locked(application)
    share, _ = ConsortiumShare.objects.update_or_create(
        application=locked,
        defaults={
            "manufacturer_share_percent": manufacturer_share_percent,
            "agreement_document": document,
            "recorded_by": user,
        },
    )
    record_event(target=locked, action="record_share", actor=user, comment=f"{manufacturer_share_percent}%")
    return share


@transaction.atomic
def consulting_meeting_record(
    *, user: User, application: Application, topic: str, held_on: date, notes: str = "", file: UploadedFile | None
) -> ConsultingMeeting:
    """A linked consulting meeting (trade contract, quality check, profit-sharing guide) held for a project."""
    require(permissions.why_not_record_evidence(user=user, application=application))
    if topic not in ConsultingTopic.values:
        raise SiteError("consulting-topic-unknown", f"없는 컨설팅 주제: {topic}", f"Unknown consulting topic: {topic}")
    meeting = ConsultingMeeting.objects.create(
        application=_locked(application), topic=topic, held_on=held_on, notes=notes, file=file or "", recorded_by=user
    )
    record_event(target=application, action="consulting_meeting", actor=user, comment=f"{topic} {held_on}")
    return meeting


@transaction.atomic
def completion_record(
    *, user: User, application: Application, person_name: str, completed_on: date, certificate: UploadedFile | None
) -> Completion:
    """A person's AAS education completion for the project."""
    require(permissions.why_not_record_evidence(user=user, application=application))
    if not person_name.strip():
        raise SiteError("person-name-missing", "이수자 이름을 입력하세요.", "Enter the person's name.")
    completion = Completion.objects.create(
        application=_locked(application),
        obligation_id="aas_education",
        person_name=person_name.strip(),
        completed_on=completed_on,
        certificate=certificate or "",
        recorded_by=user,
    )
    record_event(target=application, action="aas_education", actor=user, comment=f"{person_name} {completed_on}")
    return completion


@transaction.atomic
def labour_evidence_record(
    *,
    user: User,
    application: Application,
    person_name: str,
    month: date,
    person_months: Decimal,
    monthly_pay_krw: int,
    pay_record: UploadedFile | None,
    work_log: UploadedFile | None,
) -> LabourEvidence:
    """In-kind labour of one person in one month: both the pay record and the work log are required, and
    the month's pay, so the labour shown (person-months × pay) can be set against the in-kind amount."""
    require(permissions.why_not_record_evidence(user=user, application=application))
    _check_labour(
        application, person_name, person_months, has_both_files=pay_record is not None and work_log is not None
    )
    if monthly_pay_krw <= 0:
        raise SiteError(
            "monthly-pay-missing",
            "급여 지급 증빙에 적힌 그 달의 급여(원)를 입력하세요.",
            "Enter the month's pay (KRW) shown on the pay record.",
        )
    locked = _locked(application)
    first_day = month.replace(day=1)
    if LabourEvidence.objects.filter(application=locked, person_name=person_name, month=first_day).exists():
        raise SiteError(
            "labour-month-duplicate",
            f"{person_name}의 {first_day:%Y-%m} 증빙이 이미 있습니다.",
            f"There is already evidence for {person_name} in {first_day:%Y-%m}.",
        )
    evidence = LabourEvidence.objects.create(
        application=locked,
        person_name=person_name,
        month=first_day,
        person_months=person_months,
        monthly_pay_krw=monthly_pay_krw,
        pay_record=pay_record,
        work_log=work_log,
        recorded_by=user,
    )
    comment = f"{person_name} {first_day:%Y-%m} {person_months} M/M × {monthly_pay_krw:,}원"
    record_event(target=locked, action="labour_evidence", actor=user, comment=comment)
    return evidence


def _check_labour(application: Application, person_name: str, person_months: Decimal, *, has_both_files: bool) -> None:
    if application.processor_id is None:
        raise SiteError(
            "no-in-kind-labour",
            "단독 과제는 현물(인건비) 부담이 없어 증빙을 받지 않습니다.",
            "A solo project has no in-kind labour, so there is no evidence to record.",
        )
    if not person_name.strip():
        raise SiteError("person-name-missing", "참여인력 이름을 입력하세요.", "Enter the staff member's name.")
    if not has_both_files:
        raise SiteError(
            "labour-evidence-incomplete",
            "급여 지급 증빙(입금확인증 등)과 수행일지를 모두 올리세요.",
            "Upload both the pay record (e.g. a transfer confirmation) and the work log.",
        )
    if not Decimal("0") < person_months <= Decimal("1"):
        raise SiteError(
            "person-months-out-of-range",
            "한 사람의 한 달 참여율은 0 초과 1 이하(M/M)입니다.",
            "One person's share of one month is more than 0 and at most 1 person-month.",
        )


@transaction.atomic
def organisation_contact_record(
    *, user: User, organisation: Organisation, programme_id: str, phone: str = "", bank_account: str = ""
) -> OrganisationContact:
    """The operator records an organisation's phone and bank account (from its agreement papers)."""
    require(permissions.why_not_operate(user=user, programme_id=programme_id))
    contact, _ = OrganisationContact.objects.update_or_create(
        organisation=organisation,
        defaults={"phone": phone.strip(), "bank_account": bank_account.strip(), "updated_by": user},
    )
    record_event(target=organisation, action="record_contact", actor=user)
    return contact


@transaction.atomic
def inspection_record(
    *,
    user: User,
    application: Application,
    kind: str,
    inspected_on: date,
    findings: str,
    outcome: str = "",
    files: Sequence[UploadedFile] = (),
) -> Inspection:
    """수시점검 (no outcome) or 활용점검 (정상수행 / 실패, with evidence files) of a selected project."""
    require(permissions.why_not_inspect(user=user, application=application))
    _check_inspection(kind, findings, outcome, has_files=bool(files))
    locked = _locked(application)
    inspection = Inspection.objects.create(
        application=locked,
        kind=kind,
        inspected_on=inspected_on,
        findings=findings.strip(),
        outcome=outcome if kind == InspectionKind.USAGE else "",
        inspector=user,
    )
    for file in files:
        InspectionFile.objects.create(inspection=inspection, file=file)
    record_event(target=locked, action=f"inspection_{kind}", actor=user, comment=f"{inspected_on} {outcome}".strip())
    return inspection


def _check_inspection(kind: str, findings: str, outcome: str, *, has_files: bool) -> None:
    if kind not in InspectionKind.values:
        raise SiteError("inspection-kind-unknown", f"없는 점검 구분: {kind}", f"Unknown inspection kind: {kind}")
    if not findings.strip():
        raise SiteError("findings-missing", "점검 내용을 적으세요.", "Write what the inspection found.")
    if kind == InspectionKind.USAGE and outcome not in (InspectionOutcome.COMPLETED, InspectionOutcome.FAILED):
        raise SiteError(
            "usage-outcome-missing",
            "활용점검은 결과(정상수행 또는 실패)를 골라야 합니다.",
            "A usage check needs its outcome: completed or failed.",
        )
    if kind == InspectionKind.USAGE and not has_files:
        raise SiteError(
            "usage-evidence-missing",
            "활용점검에는 증빙 파일을 하나 이상 올리세요.",
            "Upload at least one evidence file for a usage check.",
        )
