"""Writes for calls and applications: open a call, keep the processor pool and registers, write a draft,
upload documents, submit on time (Asia/Seoul, via `mfgdata.rules`), supplement with a new version.

Order in every service: authorize → validate → lock → change → record an event → side effects after commit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from mfgdata.rules.documents import check_documents
from mfgdata.rules.windows import check_received
from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event, transition
from mfgdata.web.listings.models import Listing
from mfgdata.web.programs import permissions
from mfgdata.web.programs.models import (
    Application,
    ApplicationDocument,
    Call,
    CallRound,
    PlanSection,
    ProcessorPoolEntry,
    Status,
)
from mfgdata.web.programs.rule_inputs import applicant_kind, as_site_error, programme_of, uploaded_documents
from mfgdata.web.programs.states import EDITABLE, TRANSITIONS
from mfgdata.web.programs.supplement_services import refuse_late_answer, supplement_answered


@transaction.atomic
def call_open(*, user: User, programme_id: str, title: str = "", budget_krw: int | None = None) -> Call:
    """The agency opens a call from a definition; its rounds and default budget come from the definition."""
    require(permissions.why_not_open_call(user=user, programme_id=programme_id))
    programme = programme_of(programme_id)
    call = Call.objects.create(
        programme_id=programme_id,
        title=title or programme.title.ko,
        budget_krw=programme.budget.total_krw if budget_krw is None else budget_krw,
        opened_by=user,
    )
    CallRound.objects.bulk_create([CallRound(call=call, round_id=r.id) for r in programme.rounds])
    record_event(target=call, action="open", actor=user, comment=programme_id)
    return call


@transaction.atomic
def processor_pool_add(*, user: User, programme_id: str, organisation: Organisation) -> ProcessorPoolEntry:
    """The operator lists a processing company (가공기업) in the pool applicants choose from."""
    require(permissions.why_not_operate(user=user, programme_id=programme_id))
    if not organisation.is_processor:
        raise SiteError(
            "not-a-processor",
            f"{organisation.name}은(는) 가공기업으로 등록되어 있지 않습니다.",
            f"{organisation.name} is not registered as a processing company.",
        )
    entry, _ = ProcessorPoolEntry.objects.update_or_create(
        organisation=organisation, defaults={"published": True, "added_by": user}
    )
    record_event(target=entry, action="pool_add", actor=user)
    return entry


@transaction.atomic
def application_create(*, user: User, call: Call, round_id: str | None = None) -> Application:
    """A member of a verified organisation starts a draft in a round of the call."""
    organisation = organisation_of(user=user)
    if organisation is None or not organisation.is_verified:
        raise SiteError(
            "organisation-not-verified",
            "기관 확인을 받은 사업자만 신청할 수 있습니다.",
            "Only a verified organisation can apply.",
        )
    programme = programme_of(call.programme_id)
    chosen = programme.round(round_id).id
    application = Application.objects.create(call=call, round_id=chosen, organisation=organisation, created_by=user)
    record_event(target=application, action="create", actor=user)
    return application


def _locked_draft(user: User, application: Application) -> Application:
    require(permissions.why_not_edit_application(user=user, application=application))
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status not in EDITABLE:
        raise SiteError(
            "application-immutable",
            "제출한 신청서는 고칠 수 없습니다. 보완이 필요하면 보완본을 만드세요.",
            "A submitted application cannot be changed. Create a supplement (a new version) instead.",
        )
    return locked


def _check_facts(programme_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    """Declared facts must be the definition's, each of its type (a date as ISO text)."""
    programme = programme_of(programme_id)
    checked: dict[str, Any] = {}
    for fact_id, value in facts.items():
        fact = programme.fact(fact_id)
        valid = fact is not None and (
            (fact.type == "bool" and isinstance(value, bool))
            or (fact.type == "choice" and value in (fact.choices or []))
            or (fact.type == "date" and isinstance(value, str) and _is_iso_date(value))
        )
        if not valid:
            raise SiteError(
                "fact-invalid",
                f"신고 사항 '{fact_id}'의 값 {value!r}이(가) 맞지 않습니다.",
                f"The declared fact '{fact_id}' has an invalid value {value!r}.",
            )
        checked[fact_id] = date.fromisoformat(value) if fact.type == "date" else value  # type: ignore[union-attr]
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in checked.items()}


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_form(programme_id: str, participation: str, processor: Organisation | None) -> None:
    form = programme_of(programme_id).form(participation)
    if form is None:
        raise SiteError(
            "participation-unknown",
            f"참여형태 '{participation}'는 이 사업에 없습니다.",
            f"'{participation}' is not a participation form of this programme.",
        )
    in_pool = ProcessorPoolEntry.objects.filter(organisation=processor, published=True)
    if form.partner == "processor" and processor is not None and not in_pool.exists():
        raise SiteError(
            "processor-not-in-pool",
            "가공기업은 가공기업 Pool에서 선택하세요.",
            "Choose the processor from the processor pool.",
        )


def _check_products(programme_id: str, products: Sequence[Listing]) -> None:
    """Only a purchase programme (one with claims) names the marketplace products it will buy."""
    if products and programme_of(programme_id).claims is None:
        raise SiteError(
            "products-not-applicable",
            "이 사업의 신청서에는 구매할 상품을 적지 않습니다.",
            "Applications to this programme do not name products to buy.",
        )


@transaction.atomic
def application_update(
    *,
    user: User,
    application: Application,
    participation: str | None = None,
    processor: Organisation | None = None,
    requested_krw: int | None = None,
    facts: Mapping[str, Any] | None = None,
    claimed_bonuses: Sequence[str] | None = None,
    plan_sections: Mapping[str, str] | None = None,
    plan_file: UploadedFile | None = None,
    products: Sequence[Listing] | None = None,
) -> Application:
    """Save (autosave) a draft: only what is given changes, each part checked against the definition."""
    locked = _locked_draft(user, application)
    programme_id = locked.call.programme_id
    programme = programme_of(programme_id)
    if participation is not None:
        _check_form(programme_id, participation, processor)
        locked.participation = participation
        locked.processor = processor if programme.form(participation).partner else None  # type: ignore[union-attr]
    if requested_krw is not None:
        locked.requested_krw = requested_krw
    if facts is not None:
        locked.facts = _check_facts(programme_id, facts)
    if claimed_bonuses is not None:
        unknown = [b for b in claimed_bonuses if programme.bonus(b) is None]
        if unknown:
            raise SiteError("bonus-unknown", f"없는 가점: {unknown}", f"Unknown bonus: {unknown}")
        locked.claimed_bonuses = list(claimed_bonuses)
    if plan_file is not None:
        locked.plan_file = plan_file
    locked.save()
    if products is not None:
        _check_products(programme_id, products)
        locked.products.set(products)
    for section_id, text in (plan_sections or {}).items():
        if programme.section(section_id) is None:
            raise SiteError("plan-section-unknown", f"없는 항목: {section_id}", f"Unknown section: {section_id}")
        PlanSection.objects.update_or_create(application=locked, section_id=section_id, defaults={"text": text})
    return locked


@transaction.atomic
def application_document_add(
    *, user: User, application: Application, number: int, file: UploadedFile, issued_on: date | None
) -> ApplicationDocument:
    """Upload a required document under its number in the notice, with its issue date."""
    locked = _locked_draft(user, application)
    if number not in {d.number for d in programme_of(locked.call.programme_id).documents}:
        raise SiteError(
            "document-unknown", f"{number}번 서류는 공고에 없습니다.", f"Document {number} is not in the notice."
        )
    return ApplicationDocument.objects.create(application=locked, number=number, file=file, issued_on=issued_on)


def _round_closed_at(application: Application) -> datetime | None:
    found = CallRound.objects.filter(call=application.call, round_id=application.round_id).first()
    return found.budget_spent_at if found else None


def _refuse_late(application: Application, received_at: datetime) -> None:
    """On time in its round (17:00:00 on the last day is late; a rolling round closes when its budget is spent)."""
    programme = programme_of(application.call.programme_id)
    window = check_received(
        programme, received_at, round_id=application.round_id, closed_at=_round_closed_at(application)
    )
    if not window.on_time:
        raise SiteError("application-late", window.reason_ko, window.reason_en)


@as_site_error
def _refuse_unless_complete(application: Application, received_at: datetime) -> None:
    """A size that may apply, a processor for a consortium, every applicable document there and in date."""
    programme = programme_of(application.call.programme_id)
    kind = applicant_kind(application.organisation)
    if programme.applicant_class(kind) is None:  # type: ignore[arg-type]
        raise SiteError(
            "applicant-kind-not-allowed",
            "이 사업에 신청할 수 없는 기업 규모입니다.",
            "Organisations of this size cannot apply to this programme.",
        )
    form = programme.form(application.participation)
    if form is not None and form.partner and application.processor is None:
        raise SiteError(
            "consortium-without-processor",
            "컨소시엄은 가공기업 Pool에서 가공기업을 선택해야 합니다.",
            "A consortium needs a processor chosen from the processor pool.",
        )
    report = check_documents(
        programme,
        uploaded_documents(application),
        submitted_on=received_at,
        participation=application.participation,
        applicant=kind,  # type: ignore[arg-type]
        bonus_claimed=bool(application.claimed_bonuses),
    )
    if not report.valid:
        raise SiteError(
            "documents-incomplete",
            "; ".join(f.message_ko for f in report.findings),
            "; ".join(f.message_en for f in report.findings),
        )


def _answers_request(application: Application) -> bool:
    previous = application.previous
    return previous is not None and previous.supplement_requests.exists()


@transaction.atomic
def application_submit(*, user: User, application: Application, received_at: datetime | None = None) -> Application:
    """Submit a draft: refused when late (17:00:00 on the last day is late; a requested supplement by its own
    deadline) or incomplete; then immutable. A requested supplement supersedes the version it answers."""
    locked = _locked_draft(user, application)
    received = received_at or timezone.now()
    answering = _answers_request(locked)
    request = refuse_late_answer(locked.previous, received) if answering else None  # type: ignore[arg-type]
    if request is None:
        _refuse_late(locked, received)
    _refuse_unless_complete(locked, received)
    locked = transition(instance=locked, action="submit", table=TRANSITIONS, actor=user)
    locked.submitted_at = received
    locked.save(update_fields=["submitted_at"])
    if request is not None:
        supplement_answered(user=user, request=request, answer=locked, at=received)
    return locked


@transaction.atomic
def application_supplement(*, user: User, application: Application) -> Application:
    """보완: a new draft version copied from a submitted application. Unasked, the old version is superseded at
    once; answering the operator's request, it stays until the new version is submitted (by the deadline)."""
    require(permissions.why_not_edit_application(user=user, application=application))
    existing = Application.objects.filter(previous=application, status=Status.DRAFT).first()
    if existing is not None:
        return existing
    if application.status == Status.SUPPLEMENT_REQUESTED:
        old = Application.objects.select_for_update().get(pk=application.pk)
    else:
        old = transition(instance=application, action="supersede", table=TRANSITIONS, actor=user)
    new = Application.objects.create(
        call=old.call,
        round_id=old.round_id,
        organisation=old.organisation,
        created_by=user,
        version=old.version + 1,
        previous=old,
        participation=old.participation,
        processor=old.processor,
        requested_krw=old.requested_krw,
        facts=old.facts,
        claimed_bonuses=old.claimed_bonuses,
        plan_file=old.plan_file,
    )
    new.products.set(old.products.all())
    PlanSection.objects.bulk_create(
        [PlanSection(application=new, section_id=s.section_id, text=s.text) for s in old.plan_sections.all()]
    )
    ApplicationDocument.objects.bulk_create(
        [
            ApplicationDocument(application=new, number=d.number, file=d.file, issued_on=d.issued_on)
            for d in old.documents.all()
        ]
    )
    record_event(target=new, action="create_supplement", actor=user, comment=f"v{old.version} → v{new.version}")
    return new
