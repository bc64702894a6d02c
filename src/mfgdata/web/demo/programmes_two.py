"""Demo of programmes II (after selection): a cost accountant, a selected 상품가공 consortium project with a
signed agreement and its linked listing (so its obligations show), and a 구매지원 agreement with a subsidy
claim built from a real marketplace order (checkout and sandbox card payment).

Selection itself is not replayed: the two applications are drafted and filled through the services, then
written as selected with a `select` audit event that says so (the evaluation pages and
`tests/web/programs/test_full_call.py` show the real procedure). Idempotent: an organisation that already
has an agreement in a programme is left as it is.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping

from allauth.account.models import EmailAddress
from django.utils import timezone

from mfgdata.web.accounts.business_number import with_check_digit
from mfgdata.web.accounts.models import Organisation, Role, Scope, SizeClass, User
from mfgdata.web.accounts.services import organisation_register, role_grant
from mfgdata.web.core.statemachine import record_event
from mfgdata.web.listings.models import Listing, Status
from mfgdata.web.orders.models import Order
from mfgdata.web.orders.services import order_checkout, terms_of
from mfgdata.web.oversight.services import project_listing_link
from mfgdata.web.payments.services import payment_pay
from mfgdata.web.programs.agreement_services import agreement_create, agreement_sign
from mfgdata.web.programs.claim_services import claim_submit
from mfgdata.web.programs.models import Agreement, Application, Call
from mfgdata.web.programs.models import Status as ApplicationStatus
from mfgdata.web.programs.rule_inputs import programme_of
from mfgdata.web.programs.services import application_create, application_update

COST_ACCOUNTANT_EMAIL = "cost@demo.mfgdata.kr"
SANDBOX_CARD = "4242 4242 4242 4242"


def cost_accountant(password: str, programme_ids: list[str]) -> User:
    """The 원가계산기관 user, with the cost-accountant role in every programme (adjusts government amounts)."""
    user = User.objects.filter(email=COST_ACCOUNTANT_EMAIL).first()
    if user is None:
        user = User.objects.create_user(COST_ACCOUNTANT_EMAIL, password)
        organisation_register(
            user=user,
            business_number=with_check_digit("101821234"),
            name="한결회계법인 (원가계산기관)",
            representative="정원가",
            address="서울특별시 영등포구 국제금융로 10",
            size_class=SizeClass.SME,
            business_type="서비스업",
            business_item="회계, 원가계산",
        )
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    for programme_id in programme_ids:
        role_grant(
            granted_by=None, user=user, role=Role.COST_ACCOUNTANT, scope=Scope.PROGRAMME, programme_id=programme_id
        )
    return user


def _selected(user: User, call: Call, operator: User, **fields: object) -> Application:
    """A draft filled through the services, then marked selected (the procedure is not replayed here)."""
    application = application_create(user=user, call=call)
    application = application_update(user=user, application=application, **fields)  # type: ignore[arg-type]
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SELECTED, submitted_at=timezone.now())
    record_event(
        target=application,
        action="select",
        actor=operator,
        to_state=ApplicationStatus.SELECTED,
        comment="데모 데이터: 선정 절차(요건검토·평가·현장확인)는 생략",
    )
    return Application.objects.select_related("call", "organisation").get(pk=application.pk)


def _has_agreement(organisation: Organisation, call: Call) -> bool:
    return Agreement.objects.filter(organisation=organisation, call=call).exists()


def processing_project(users: Mapping[str, User], call: Call, listing: Listing) -> Agreement | None:
    """The seller and the processor as a consortium: 정부 4,000만원, 현금 500만원, 현물 500만원 (total
    5,000만원: 80 % / 20 %, cash a half of the company share), signed, with the seller's listing linked."""
    seller, operator = users["seller@demo.mfgdata.kr"], users["operator@demo.mfgdata.kr"]
    organisation = seller.membership.organisation
    if _has_agreement(organisation, call):
        return None
    processor = users["processor@demo.mfgdata.kr"].membership.organisation
    application = _selected(
        seller, call, operator, participation="consortium", processor=processor, requested_krw=40_000_000
    )
    agreement = agreement_create(
        user=operator,
        application=application,
        starts_on=timezone.localdate(),
        government_krw=40_000_000,
        cash_krw=5_000_000,
        in_kind_krw=5_000_000,
    )
    agreement = agreement_sign(user=seller, agreement=agreement)
    project_listing_link(user=seller, application=application, listing=listing)
    return agreement


def _paid_order(buyer: User, listing: Listing) -> Order:
    plan = listing.price_plans[0]
    order = order_checkout(
        user=buyer,
        listing=listing,
        plan_id=plan["id"],
        method="card",
        accepted_terms_sha256=terms_of(listing)[1],
        idempotency_key=uuid.uuid4().hex,
    )
    payment_pay(
        user=buyer, order=order, gateway_id="sandbox", idempotency_key=uuid.uuid4().hex, card_number=SANDBOX_CARD
    )
    return Order.objects.select_related("listing").get(pk=order.pk)


def purchase_project(users: Mapping[str, User], call: Call, listing: Listing) -> Agreement | None:
    """The buyer's 구매지원 agreement (정부 800만원, 현금 200만원), signed, one order bought and paid by card
    on the marketplace, and a claim for it waiting for the operator's decision."""
    buyer, operator = users["buyer@demo.mfgdata.kr"], users["operator@demo.mfgdata.kr"]
    organisation = buyer.membership.organisation
    if _has_agreement(organisation, call):
        return None
    application = _selected(buyer, call, operator, products=[listing], requested_krw=8_000_000)
    agreement = agreement_create(
        user=operator,
        application=application,
        starts_on=timezone.localdate(),
        government_krw=8_000_000,
        cash_krw=2_000_000,
    )
    agreement = agreement_sign(user=buyer, agreement=agreement)
    claim_submit(user=buyer, agreement=agreement, orders=[_paid_order(buyer, listing)])
    return agreement


def load_programmes_two(users: Mapping[str, User], password: str, say: Callable[[str], None] = print) -> None:
    """The cost accountant, then the two projects (skipped without a demo product for sale)."""
    calls = {call.programme_id: call for call in Call.objects.order_by("id")}
    accountant = cost_accountant(password, sorted(calls))
    say(f"  원가계산기관 (cost accountant)  {accountant.email}")
    seller = users["seller@demo.mfgdata.kr"].membership.organisation
    listing = (
        Listing.objects.filter(seller=seller, status=Status.LISTED, not_for_sale=False).exclude(price_plans=[]).first()
    )
    if listing is None:
        say("  ! 판매 중인 데모 상품이 없어 협약·지급요청 데모를 건너뜁니다.")
        return
    makers = {"productization": processing_project, "purchase": purchase_project}
    for programme_id, call in calls.items():
        make = makers.get(programme_of(programme_id).kind)
        agreement = make(users, call, listing) if make is not None else None
        if agreement is not None:
            say(
                f"  협약 (agreement): {agreement.organisation.name} · {call.title} · "
                f"/programs/agreements/{agreement.pk}/"
            )
