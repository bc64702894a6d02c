"""보완 요청: during 요건검토 the operator asks the applicant for a supplement by a deadline.

The submitted application stays immutable: the applicant answers with a new version (services.
`application_supplement`, then `application_submit`, which supersedes the original once the new version is in
on time). A deadline that passes without a supplement makes the application ineligible, with that reason —
`supplement_deadlines_enforce` does it (run by the operator's and applicant's pages and by the
`programmes_deadlines` command, so nothing waits on someone opening a page).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.services import notification_send
from mfgdata.web.core.statemachine import transition
from mfgdata.web.core.templatetags.site_format import seoul as seoul_text
from mfgdata.web.programs import permissions
from mfgdata.web.programs.models import Application, Status, SupplementOutcome, SupplementRequest
from mfgdata.web.programs.states import TRANSITIONS


def _validate(items: str, due_at: datetime, now: datetime) -> None:
    if not items.strip():
        raise SiteError("supplement-needs-items", "보완할 내용을 적으세요.", "Say what the applicant must supplement.")
    if timezone.is_naive(due_at):
        raise SiteError("deadline-naive", "기한에 시간대가 없습니다.", "The deadline has no time zone.")
    if due_at <= now:
        raise SiteError(
            "supplement-deadline-past",
            "보완 기한은 지금보다 뒤여야 합니다.",
            "The supplement deadline must be in the future.",
        )


@transaction.atomic
def supplement_request(
    *, user: User, application: Application, items: str, due_at: datetime, now: datetime | None = None
) -> SupplementRequest:
    """The operator asks for a supplement by `due_at` (Asia/Seoul shown); the applicant is told what and when."""
    require(permissions.why_not_operate(user=user, programme_id=application.call.programme_id))
    _validate(items, due_at, now or timezone.now())
    if application.status == Status.SUBMITTED:
        application = transition(instance=application, action="start_review", table=TRANSITIONS, actor=user)
    due = seoul_text(due_at)
    application = transition(
        instance=application, action="request_supplement", table=TRANSITIONS, actor=user, comment=f"{due}: {items}"
    )
    request = SupplementRequest.objects.create(application=application, items=items, due_at=due_at, requested_by=user)
    if application.created_by is not None:
        notification_send(
            user=application.created_by,
            subject=f"보완 요청: {due}까지 보완본을 제출하세요",
            body=items,
            link=f"/programs/applications/{application.pk}/",
        )
    return request


def open_request(application: Application) -> SupplementRequest | None:
    """The supplement request awaiting the applicant's answer, if any."""
    return application.supplement_requests.filter(outcome=SupplementOutcome.OPEN).first()


def refuse_late_answer(previous: Application, received_at: datetime) -> SupplementRequest:
    """A supplement answering a request must arrive before its deadline (received at the deadline is late)."""
    request = previous.supplement_requests.order_by("-requested_at", "-id").first()
    if request is None:
        raise SiteError("no-supplement-request", "보완 요청이 없습니다.", "There is no supplement request.")
    if request.outcome != SupplementOutcome.OPEN or received_at >= request.due_at:
        raise SiteError(
            "supplement-late",
            f"보완 기한({seoul_text(request.due_at)})이 지나 제출할 수 없습니다.",
            f"The supplement deadline ({seoul_text(request.due_at)}) has passed.",
        )
    return request


def supplement_answered(*, user: User, request: SupplementRequest, answer: Application, at: datetime) -> None:
    """The new version is in on time: the original is superseded and the request closed."""
    transition(instance=request.application, action="supersede", table=TRANSITIONS, actor=user, comment="보완 제출")
    request.outcome, request.answered_by, request.closed_at = SupplementOutcome.ANSWERED, answer, at
    request.save(update_fields=["outcome", "answered_by", "closed_at"])


@transaction.atomic
def supplement_deadlines_enforce(*, now: datetime | None = None) -> int:
    """Every request whose deadline passed unanswered: the application fails 요건검토 with that reason."""
    now = now or timezone.now()
    due = SupplementRequest.objects.select_for_update().filter(outcome=SupplementOutcome.OPEN, due_at__lte=now)
    missed = 0
    for request in due.select_related("application"):
        ko = f"보완 기한({seoul_text(request.due_at)})까지 보완본을 제출하지 않았습니다: {request.items}"
        en = f"No supplement was submitted by the deadline ({seoul_text(request.due_at)}): {request.items}"
        application = transition(
            instance=request.application, action="supplement_missed", table=TRANSITIONS, actor=None, comment=ko
        )
        application.eligibility = {
            **application.eligibility,
            "passed": False,
            "reasons_ko": [*application.eligibility.get("reasons_ko", []), ko],
            "reasons_en": [*application.eligibility.get("reasons_en", []), en],
            "decision": {"eligible": False, "overridden": False, "reason": ko},
        }
        application.save(update_fields=["eligibility"])
        request.outcome, request.closed_at = SupplementOutcome.MISSED, now
        request.save(update_fields=["outcome", "closed_at"])
        if application.created_by is not None:
            notification_send(
                user=application.created_by, subject="요건검토 결과: 부적합", body=ko, link="/programs/mine/"
            )
        missed += 1
    return missed
