"""Demo programmes: one call per shipped definition, the agency and operator accounts, the processor pool.

The agency (agency@demo…) and the programme operator (operator@demo…) get their roles in every shipped
programme, as does the demo evaluator; the demo processor enters the 가공기업 Pool. Idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from allauth.account.models import EmailAddress

from mfgdata.rules import load_programmes
from mfgdata.web.accounts.models import Role, Scope, User
from mfgdata.web.accounts.services import role_grant
from mfgdata.web.programs.models import Call
from mfgdata.web.programs.services import call_open, processor_pool_add

AGENCY_EMAIL = "agency@demo.mfgdata.kr"


def _agency(password: str) -> User:
    user = User.objects.filter(email=AGENCY_EMAIL).first() or User.objects.create_user(AGENCY_EMAIL, password)
    EmailAddress.objects.get_or_create(user=user, email=AGENCY_EMAIL, defaults={"verified": True, "primary": True})
    return user


def load_programme_calls(users: Mapping[str, User], password: str, say: Callable[[str], None] = print) -> None:
    """Roles in every shipped programme, a call per definition (if none is open yet), the processor pool."""
    agency = _agency(password)
    operator = users.get("operator@demo.mfgdata.kr")
    evaluator = users.get("evaluator@demo.mfgdata.kr")
    processor = users.get("processor@demo.mfgdata.kr")
    for programme in load_programmes():
        grants = [(agency, Role.AGENCY), (operator, Role.PROGRAMME_OPERATOR), (evaluator, Role.EVALUATOR)]
        for user, role in grants:
            if user is not None:
                role_grant(granted_by=None, user=user, role=role, scope=Scope.PROGRAMME, programme_id=programme.id)
        if not Call.objects.filter(programme_id=programme.id).exists():
            call_open(user=agency, programme_id=programme.id)
            say(f"  지원사업 공고 (call): {programme.title.ko}")
        membership = getattr(processor, "membership", None)
        if operator is not None and membership is not None and membership.organisation.is_processor:
            processor_pool_add(user=operator, programme_id=programme.id, organisation=membership.organisation)
    say(f"  전담기관 (agency)             {AGENCY_EMAIL}")
