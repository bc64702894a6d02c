"""Agreements: budget plans checked against the definition (the notice's worked example and every boundary),
the support period, the call's budget, the cost accountant's adjustment, and the agreement's states."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from factories import make_organisation, make_user
from programme_factories import PURCHASE, pdf

from mfgdata.web.accounts.models import SizeClass, User
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.programs.agreement_services import (
    agreement_budget_update,
    agreement_create,
    agreement_government_adjust,
    agreement_move,
    agreement_sign,
)
from mfgdata.web.programs.models import Agreement, AgreementStatus, Application, Call
from mfgdata.web.programs.services import call_open

START = date(2026, 4, 1)


def _create(
    pm: User, application: Application, government: int, cash: int, in_kind: int = 0, **kw: object
) -> Agreement:
    return agreement_create(
        user=pm,
        application=application,
        starts_on=kw.pop("starts_on", START),  # type: ignore[arg-type]
        government_krw=government,
        cash_krw=cash,
        in_kind_krw=in_kind,
        **kw,  # type: ignore[arg-type]
    )


def test_the_notices_worked_example(pm: User, selected: Application) -> None:
    # given 총 6,250만원 = 정부 5,000만원 + 기업 1,250만원, of which 현물 1,125만원 (the most allowed)
    agreement = _create(pm, selected, 50_000_000, 1_250_000, 11_250_000)
    # then it is accepted and runs the 4-month support period
    assert (agreement.total_krw, agreement.company_krw) == (62_500_000, 12_500_000)
    assert (agreement.starts_on, agreement.ends_on) == (START, date(2026, 7, 31))
    assert agreement.status == AgreementStatus.DRAFT


def test_exactly_80_percent_passes_and_one_won_more_names_the_rule_and_the_numbers(
    pm: User, selected: Application
) -> None:
    assert _create(pm, selected, 40_000_000, 10_000_000).government_krw == 40_000_000
    Agreement.objects.all().delete()
    with pytest.raises(SiteError) as refused:
        _create(pm, selected, 40_000_001, 10_000_000)
    assert refused.value.code == "budget-rule-broken"
    assert "40,000,001원" in refused.value.text.ko and "80%" in refused.value.text.ko
    assert "50,000,001원" in refused.value.text.ko
    assert not Agreement.objects.exists()


def test_the_government_cap(pm: User, selected: Application) -> None:
    with pytest.raises(SiteError, match="50,000,000"):
        _create(pm, selected, 50_000_001, 12_500_001)


def test_in_kind_cap_plus_one_won(pm: User, selected: Application) -> None:
    with pytest.raises(SiteError) as refused:
        _create(pm, selected, 50_000_000, 1_250_000, 11_250_001)
    assert "11,250,001원" in refused.value.text.ko and "11,250,000원" in refused.value.text.ko


def test_cash_under_a_tenth_of_the_company_share(pm: User, selected: Application) -> None:
    with pytest.raises(SiteError, match="cash 1,000,000 KRW"):
        _create(pm, selected, 40_000_000, 1_000_000, 9_000_001)


def test_a_solo_applicant_with_in_kind_labour(
    pm: User, applicant: User, call: Call, make_selected: Callable[..., Application]
) -> None:
    solo = make_selected(applicant, call, participation="solo")
    with pytest.raises(SiteError) as refused:
        _create(pm, solo, 40_000_000, 9_000_000, 1_000_000)
    assert "단독 참여 시 현물 인건비(1,000,000원)" in refused.value.text.ko
    assert _create(pm, solo, 40_000_000, 10_000_000).in_kind_krw == 0


def test_the_period_is_the_support_period(pm: User, selected: Application) -> None:
    with pytest.raises(SiteError) as refused:
        _create(pm, selected, 40_000_000, 10_000_000, ends_on=date(2026, 9, 30))
    assert refused.value.code == "agreement-period" and "4개월" in refused.value.text.ko


def test_only_a_selected_application_and_only_once(
    pm: User, selected: Application, applicant: User, call: Call
) -> None:
    Application.objects.filter(pk=selected.pk).update(status="evaluated")
    with pytest.raises(SiteError, match="application-not-selected"):
        _create(pm, Application.objects.get(pk=selected.pk), 40_000_000, 10_000_000)
    Application.objects.filter(pk=selected.pk).update(status="selected")
    _create(pm, selected, 40_000_000, 10_000_000)
    with pytest.raises(SiteError, match="agreement-exists"):
        _create(pm, selected, 40_000_000, 10_000_000)


def test_the_calls_budget_is_not_exceeded(pm: User, call: Call, make_selected: Callable[..., Application]) -> None:
    Call.objects.filter(pk=call.pk).update(budget_krw=60_000_000)
    call.refresh_from_db()
    users = [make_user() for _ in range(2)]
    for user in users:
        make_organisation(user, verified_by=pm, is_manufacturer=True)
    users = [User.objects.get(pk=user.pk) for user in users]
    _create(pm, make_selected(users[0], call), 40_000_000, 10_000_000)
    with pytest.raises(SiteError) as refused:
        _create(pm, make_selected(users[1], call), 40_000_000, 10_000_000)
    assert "20,000,000원" in refused.value.text.ko


def test_only_the_operator_drafts_an_agreement(applicant: User, selected: Application) -> None:
    with pytest.raises(Refused):
        _create(applicant, selected, 40_000_000, 10_000_000)


def test_the_cost_accountant_adjusts_the_government_amount_with_a_reason(
    pm: User, selected: Application, cost_accountant: User
) -> None:
    agreement = _create(pm, selected, 50_000_000, 1_250_000, 11_250_000)
    adjusted = agreement_government_adjust(
        user=cost_accountant, agreement=agreement, government_krw=45_000_000, reason="원가계산 결과 인건비 단가 조정"
    )
    assert adjusted.government_krw == 45_000_000
    adjustment = adjusted.adjustments.get()
    assert (adjustment.previous_krw, adjustment.government_krw) == (50_000_000, 45_000_000)
    event = events_of(adjusted).get(action="adjust_government")
    assert "50,000,000원 → 45,000,000원" in event.comment and "인건비 단가" in event.comment
    assert event.actor == cost_accountant


def test_an_adjustment_needs_the_role_a_reason_and_a_valid_plan(
    pm: User, selected: Application, cost_accountant: User
) -> None:
    agreement = _create(pm, selected, 40_000_000, 10_000_000)
    with pytest.raises(Refused):
        agreement_government_adjust(user=pm, agreement=agreement, government_krw=30_000_000, reason="조정")
    with pytest.raises(SiteError, match="reason-missing"):
        agreement_government_adjust(user=cost_accountant, agreement=agreement, government_krw=30_000_000, reason=" ")
    with pytest.raises(SiteError, match="80%"):
        agreement_government_adjust(user=cost_accountant, agreement=agreement, government_krw=40_000_001, reason="x")
    assert Agreement.objects.get(pk=agreement.pk).government_krw == 40_000_000


def test_signing_starting_completing_and_editing_after_signing(
    pm: User, applicant: User, selected: Application
) -> None:
    agreement = _create(pm, selected, 40_000_000, 10_000_000)
    agreement = agreement_budget_update(
        user=applicant, agreement=agreement, government_krw=36_000_000, cash_krw=9_000_000
    )
    signed = agreement_sign(user=applicant, agreement=agreement)
    assert signed.status == AgreementStatus.SIGNED and signed.signed_by == applicant
    with pytest.raises(SiteError, match="agreement-signed"):
        agreement_budget_update(user=applicant, agreement=signed, government_krw=40_000_000, cash_krw=10_000_000)
    running = agreement_move(user=pm, agreement=signed, action="start")
    done = agreement_move(user=pm, agreement=running, action="complete")
    assert done.status == AgreementStatus.COMPLETED
    with pytest.raises(SiteError, match="terminate"):
        agreement_move(user=pm, agreement=done, action="terminate", reason="중도 포기")
    assert [e.action for e in events_of(done)] == ["create", "budget_update", "sign", "start", "complete"]


def test_termination_needs_a_reason_and_another_organisation_cannot_sign(
    pm: User, selected: Application, make_applicant: Callable[..., User]
) -> None:
    agreement = _create(pm, selected, 40_000_000, 10_000_000)
    with pytest.raises(Refused):
        agreement_sign(user=make_applicant(), agreement=agreement)
    with pytest.raises(SiteError, match="reason-missing"):
        agreement_move(user=pm, agreement=agreement, action="terminate")
    assert agreement_move(user=pm, agreement=agreement, action="terminate", reason="협약 포기").status == "terminated"


def test_purchase_nonprofit_gets_100_percent_with_no_company_share(
    pm: User, purchase_call: Call, make_applicant: Callable[..., User], make_selected: Callable[..., Application]
) -> None:
    user = make_user()
    make_organisation(user, verified_by=pm, size_class=SizeClass.NONPROFIT, nonprofit_proof=pdf("nonprofit.pdf"))
    application = make_selected(User.objects.get(pk=user.pk), purchase_call)
    agreement = agreement_create(
        user=pm, application=application, starts_on=date(2023, 8, 1), government_krw=10_000_000, cash_krw=0
    )
    assert agreement.ends_on == date(2023, 11, 30)
    company = make_selected(make_applicant(), purchase_call)
    with pytest.raises(SiteError, match="company contribution 0 KRW"):
        agreement_create(
            user=pm, application=company, starts_on=date(2023, 8, 1), government_krw=10_000_000, cash_krw=0
        )


def test_one_company_shares_the_purchase_cap_across_its_agreements(
    pm: User,
    agency: User,
    purchase_call: Call,
    make_applicant: Callable[..., User],
    make_selected: Callable[..., Application],
) -> None:
    # given a buyer with a 6백만원 purchase agreement in one call of purchase-2023
    buyer = make_applicant()
    first = make_selected(buyer, purchase_call)
    agreement_create(
        user=pm, application=first, starts_on=date(2023, 8, 1), government_krw=6_000_000, cash_krw=1_500_000
    )
    # when it is selected in the second call of the same programme and asks for 5백만원 more
    second_call = call_open(user=agency, programme_id=PURCHASE)
    second = make_selected(buyer, second_call)
    with pytest.raises(SiteError) as refused:
        agreement_create(
            user=pm, application=second, starts_on=date(2023, 9, 1), government_krw=5_000_000, cash_krw=1_250_000
        )
    # then the 1천만원 per company is named with what is already agreed
    assert "10,000,000원" in refused.value.text.ko and "6,000,000원" in refused.value.text.ko
    assert (
        agreement_create(
            user=pm, application=second, starts_on=date(2023, 9, 1), government_krw=4_000_000, cash_krw=1_000_000
        ).government_krw
        == 4_000_000
    )
