"""Who may do what after selection — small predicates that say why not (None means allowed).

The programme operator keeps the project records, inspects and judges integrity flags; the auditor
(전문감리기관) of the programme inspects too; the project's own organisation (and its processor) records
its evidence — meetings, completions, labour — and sees its obligations; sanctions are the operator's or the
agency's.
"""

from __future__ import annotations

from mfgdata.web.accounts.models import Role, Scope, User
from mfgdata.web.accounts.selectors import has_role, organisation_of
from mfgdata.web.core.errors import Refused
from mfgdata.web.programs.models import Application, Status
from mfgdata.web.programs.permissions import is_programme_operator


def _role(user: User, role: str, programme_id: str) -> bool:
    return has_role(user=user, role=role, scope=Scope.PROGRAMME, programme_id=programme_id)


def why_not_project(application: Application) -> Refused | None:
    """Only a selected application is a project with obligations."""
    if application.status != Status.SELECTED:
        return Refused("not-a-project", "선정된 과제가 아닙니다.", "This application was not selected.")
    return None


def why_not_operate(*, user: User, programme_id: str) -> Refused | None:
    if not is_programme_operator(user=user, programme_id=programme_id):
        return Refused("not-programme-operator", "사업 운영기관만 할 수 있습니다.", "Only the programme operator can.")
    return None


def why_not_inspect(*, user: User, application: Application) -> Refused | None:
    """수시점검 and 활용점검: the programme operator or the programme's auditor, of a selected project."""
    programme_id = application.call.programme_id
    if not (is_programme_operator(user=user, programme_id=programme_id) or _role(user, Role.AUDITOR, programme_id)):
        return Refused(
            "not-inspector",
            "점검은 사업 운영기관 또는 전문감리기관만 기록할 수 있습니다.",
            "Only the programme operator or the auditor can record an inspection.",
        )
    return why_not_project(application)


def is_project_member(*, user: User, application: Application) -> bool:
    """A member of the selected organisation or of its processor."""
    own = organisation_of(user=user)
    return own is not None and own.pk in {application.organisation_id, application.processor_id}


def why_not_record_evidence(*, user: User, application: Application) -> Refused | None:
    """The project's organisations record their own evidence; the operator may record it for them."""
    allowed = is_project_member(user=user, application=application) or is_programme_operator(
        user=user, programme_id=application.call.programme_id
    )
    if not allowed:
        return Refused(
            "not-your-project",
            "이 과제의 참여기관 또는 사업 운영기관만 기록할 수 있습니다.",
            "Only the project's organisations or the programme operator can record this.",
        )
    return why_not_project(application)


def why_not_see_project(*, user: User, application: Application) -> Refused | None:
    programme_id = application.call.programme_id
    if is_project_member(user=user, application=application) or is_programme_operator(
        user=user, programme_id=programme_id
    ):
        return None
    if _role(user, Role.AUDITOR, programme_id) or _role(user, Role.AGENCY, programme_id):
        return None
    return Refused("not-your-project", "볼 수 없는 과제입니다.", "You cannot see this project.")


def why_not_sanction(*, user: User, programme_id: str) -> Refused | None:
    """Measures on a confirmed flag: the programme operator or the agency."""
    if is_programme_operator(user=user, programme_id=programme_id) or _role(user, Role.AGENCY, programme_id):
        return None
    return Refused(
        "not-sanctioning",
        "환수·참여배제·형사고발은 사업 운영기관 또는 전담기관만 결정합니다.",
        "Only the programme operator or the agency decides recovery, exclusion or a criminal complaint.",
    )
