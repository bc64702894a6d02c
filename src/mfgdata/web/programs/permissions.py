"""Who may do what in a programme — small predicates that say why not (None means allowed)."""

from __future__ import annotations

from mfgdata.web.accounts.models import Role, RoleGrant, Scope, User
from mfgdata.web.accounts.selectors import has_role, organisation_of
from mfgdata.web.core.errors import Refused
from mfgdata.web.programs.models import Application, Assignment, ConflictDeclaration


def _programme_role(user: User, role: str, programme_id: str) -> bool:
    return has_role(user=user, role=role, scope=Scope.PROGRAMME, programme_id=programme_id)


def is_programme_operator(*, user: User, programme_id: str) -> bool:
    return _programme_role(user, Role.PROGRAMME_OPERATOR, programme_id)


def why_not_open_call(*, user: User, programme_id: str) -> Refused | None:
    """Only the agency (전담기관) of a programme opens its calls."""
    if not _programme_role(user, Role.AGENCY, programme_id):
        return Refused("not-agency", "전담기관만 공고를 열 수 있습니다.", "Only the agency can open a call.")
    return None


def why_not_keep_sanctions(*, user: User) -> Refused | None:
    """The sanctions register is the agency's (전담기관 of any programme)."""
    if (
        not user.is_authenticated
        or not RoleGrant.objects.filter(user=user, role=Role.AGENCY, scope=Scope.PROGRAMME).exists()
    ):
        return Refused(
            "not-agency", "제재 목록은 전담기관만 관리합니다.", "Only the agency keeps the sanctions register."
        )
    return None


def why_not_operate(*, user: User, programme_id: str) -> Refused | None:
    """The programme operator (사업 운영기관) reviews, forms panels, checks sites and selects."""
    if not is_programme_operator(user=user, programme_id=programme_id):
        return Refused(
            "not-programme-operator",
            "사업 운영기관만 할 수 있습니다.",
            "Only the programme operator can do this.",
        )
    return None


def why_not_edit_application(*, user: User, application: Application) -> Refused | None:
    """A member of the applying organisation edits its own application; nobody else does."""
    if organisation_of(user=user) != application.organisation:
        return Refused(
            "not-your-application",
            "다른 기관의 신청서입니다.",
            "This application belongs to another organisation.",
        )
    return None


def why_not_see_application(*, user: User, application: Application) -> Refused | None:
    """The applicant and the programme's operator see an application (evaluators see it via assignments)."""
    if organisation_of(user=user) == application.organisation:
        return None
    return why_not_operate(user=user, programme_id=application.call.programme_id)


def why_not_assign(*, evaluator: User, application: Application) -> Refused | None:
    """An evaluator of the programme, not linked to the applicant or its processor, with no declared conflict."""
    if not _programme_role(evaluator, Role.EVALUATOR, application.call.programme_id):
        return Refused("not-evaluator", "이 사업의 평가위원이 아닙니다.", "This person is not an evaluator here.")
    linked = {application.organisation_id, application.processor_id} - {None}
    own = organisation_of(user=evaluator)
    if own is not None and own.pk in linked:
        return Refused(
            "evaluator-linked",
            "신청기관 또는 가공기업 소속 평가위원은 배정할 수 없습니다.",
            "An evaluator from the applicant or its processor cannot be assigned.",
        )
    if ConflictDeclaration.objects.filter(evaluator=evaluator, organisation_id__in=linked).exists():
        return Refused(
            "evaluator-conflict",
            "이해충돌을 신고한 평가위원은 배정할 수 없습니다.",
            "An evaluator who declared a conflict of interest cannot be assigned.",
        )
    return None


def why_not_score(*, user: User, assignment: Assignment | None) -> Refused | None:
    """An evaluator scores only the applications assigned to them."""
    if assignment is None or assignment.evaluator_id != user.pk:
        return Refused(
            "not-assigned",
            "배정되지 않은 신청서는 평가할 수 없습니다.",
            "You can only score applications assigned to you.",
        )
    return None
