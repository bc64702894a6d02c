"""Who may do what with agreements and claims — small predicates that say why not (None means allowed)."""

from __future__ import annotations

from mfgdata.web.accounts.models import Organisation, Role, RoleGrant, Scope, User
from mfgdata.web.accounts.selectors import has_role, organisation_of
from mfgdata.web.core.errors import Refused
from mfgdata.web.programs.models import Agreement
from mfgdata.web.programs.permissions import is_programme_operator, why_not_operate


def why_not_adjust_government(*, user: User, agreement: Agreement) -> Refused | None:
    """Only the programme's cost accountant (원가계산기관) changes the government amount after 원가계산."""
    programme_id = agreement.call.programme_id
    if not has_role(user=user, role=Role.COST_ACCOUNTANT, scope=Scope.PROGRAMME, programme_id=programme_id):
        return Refused(
            "not-cost-accountant",
            "정부지원금 조정은 이 사업의 원가계산기관만 할 수 있습니다.",
            "Only the programme's cost accountant can adjust the government amount.",
        )
    return None


def why_not_act_for(*, user: User, organisation: Organisation) -> Refused | None:
    """A member of the organisation signs its agreement and makes its claims; nobody else does."""
    if organisation_of(user=user) != organisation:
        return Refused(
            "not-your-agreement",
            "다른 기관의 협약입니다.",
            "This agreement belongs to another organisation.",
        )
    return None


def why_not_edit_budget(*, user: User, agreement: Agreement) -> Refused | None:
    """The organisation and the programme operator prepare the budget plan before signing."""
    if organisation_of(user=user) == agreement.organisation:
        return None
    return why_not_operate(user=user, programme_id=agreement.call.programme_id)


def why_not_see_agreement(*, user: User, agreement: Agreement) -> Refused | None:
    """The organisation, the programme operator and the programme's cost accountant see an agreement."""
    if why_not_edit_budget(user=user, agreement=agreement) is None:
        return None
    return why_not_adjust_government(user=user, agreement=agreement)


def runs_any_programme(*, user: User) -> bool:
    """Whether the user operates a programme or is its agency (they see every organisation's page)."""
    if not user.is_authenticated:
        return False
    roles = [Role.PROGRAMME_OPERATOR, Role.AGENCY]
    return RoleGrant.objects.filter(user=user, role__in=roles, scope=Scope.PROGRAMME).exists()


def why_not_see_organisation(*, user: User, organisation: Organisation) -> Refused | None:
    """An organisation's programme page: its members, and those who run programmes."""
    if organisation_of(user=user) == organisation or runs_any_programme(user=user):
        return None
    return Refused(
        "not-your-organisation",
        "다른 기관의 지원사업 현황은 볼 수 없습니다.",
        "You cannot see another organisation's programme page.",
    )


__all__ = [
    "is_programme_operator",
    "runs_any_programme",
    "why_not_act_for",
    "why_not_adjust_government",
    "why_not_edit_budget",
    "why_not_operate",
    "why_not_see_agreement",
    "why_not_see_organisation",
]
