"""Exclusion rules with their exceptions, on declared facts and the sanctions register."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from mfgdata.rules import Programme
from mfgdata.rules.conditions import Context, evaluate, parse_condition
from mfgdata.rules.errors import RulesError
from mfgdata.rules.exclusions import check_applicant, evaluate_exclusions
from mfgdata.rules.sanctions import SanctionsRegister
from mfgdata.rules.schema_base import Text
from mfgdata.rules.schema_call import Fact

CLEAN: dict[str, Any] = {
    "dishonoured": False,
    "business_status": "operating",
    "excluded_industry": False,
    "tax_arrears_disposition": False,
    "insolvency_filed": False,
    "externally_audited": False,
    "fully_impaired_capital": False,
    "founded_on": date(2010, 3, 2),
}


def _statuses(programme: Programme, facts: dict[str, Any], **options: Any) -> dict[int, str]:
    report = evaluate_exclusions(programme, facts, organisation_id="org-1", **options)
    return {f.number: f.status for f in report.findings}


def test_a_clean_declaration_is_not_excluded(productization: Programme) -> None:
    report = evaluate_exclusions(productization, CLEAN, organisation_id="org-1", submitted_on=date(2026, 2, 10))
    assert not report.excluded and report.complete


def test_capital_impairment_is_excepted_under_seven_years_on_the_deadline(productization: Programme) -> None:
    # 000:91-92: 완전자본잠식, 단 접수 마감일(2026-02-27) 기준 창업 7년 미만 미해당
    young = {**CLEAN, "fully_impaired_capital": True, "founded_on": date(2019, 2, 28)}
    report = evaluate_exclusions(productization, young, organisation_id="org-1")
    finding = report.findings[4]
    assert finding.status == "excepted" and not report.excluded
    assert any("7년 미만" in r for r in finding.reasons_ko)
    seven_years = {**young, "founded_on": date(2019, 2, 27)}
    assert _statuses(productization, seven_years)[5] == "applies"


def test_tax_arrears_with_and_without_the_restart_exception(productization: Programme) -> None:
    arrears = {**CLEAN, "tax_arrears_disposition": True}
    assert (
        _statuses(productization, {**arrears, "restart_fund_received": False, "rechallenge_guarantee_received": False})[
            2
        ]
        == "applies"
    )
    assert _statuses(productization, {**arrears, "rechallenge_guarantee_received": True})[2] == "excepted"
    assert _statuses(productization, arrears)[2] == "undetermined"  # the exception was not declared


def test_audit_opinion_matters_only_for_audited_companies(productization: Programme) -> None:
    assert _statuses(productization, CLEAN)[4] == "not_applicable"  # no opinion needed when not audited
    audited = {**CLEAN, "externally_audited": True}
    assert _statuses(productization, audited)[4] == "undetermined"
    assert _statuses(productization, {**audited, "audit_opinion": "disclaimer"})[4] == "applies"
    assert _statuses(productization, {**audited, "audit_opinion": "qualified"})[4] == "not_applicable"


def test_closed_business_is_excluded_and_says_why(productization: Programme) -> None:
    report = evaluate_exclusions(productization, {**CLEAN, "business_status": "closed"}, organisation_id="org-1")
    (finding,) = report.applying()
    assert finding.number == 1 and any("closed" in r for r in finding.reasons_ko)


def test_undeclared_facts_leave_the_report_incomplete(productization: Programme) -> None:
    report = evaluate_exclusions(productization, {}, organisation_id="org-1")
    assert not report.excluded and not report.complete
    assert "dishonoured" in report.findings[0].missing_facts


def test_sanctions_in_force_on_the_submission_day(productization: Programme, purchase: Programme) -> None:
    register = SanctionsRegister.from_rows(
        [
            {
                "organisation_id": "org-1",
                "kind": "participation_ban",
                "scope": "smart_factory",
                "starts_on": "2025-03-01",
                "ends_on": "2026-02-10",
                "reason": "부정수급",
            },
            {
                "organisation_id": "org-2",
                "kind": "sanction",
                "scope": "other",
                "starts_on": date(2023, 1, 1),
                "ends_on": None,
                "reason": "기타",
            },
        ]
    )
    on_last_day = _statuses(productization, CLEAN, sanctions=register, submitted_on=date(2026, 2, 10))
    day_after = _statuses(productization, CLEAN, sanctions=register, submitted_on=date(2026, 2, 11))
    assert (on_last_day[6], day_after[6]) == ("applies", "not_applicable")
    # 001:311 counts only smart-factory sanctions; 000:93 counts any.
    other = evaluate_exclusions(
        purchase, CLEAN, organisation_id="org-2", sanctions=register, submitted_on=date(2023, 7, 1)
    )
    assert other.findings[4].status == "not_applicable"
    assert _statuses(productization, CLEAN, sanctions=register, submitted_on=date(2026, 2, 1))[6] == "applies"


def test_a_bad_sanctions_row_is_refused() -> None:
    with pytest.raises(RulesError) as caught:
        SanctionsRegister.from_rows([{"organisation_id": "x", "kind": "fine", "scope": "s", "starts_on": "2023-01-01"}])
    assert caught.value.code == "rules-sanction-kind"
    with pytest.raises(RulesError):
        SanctionsRegister.from_rows([{"organisation_id": "x", "kind": "sanction", "scope": "s", "starts_on": "soon"}])


def test_who_may_apply_and_a_consortium_without_agreement(productization: Programme, purchase: Programme) -> None:
    facts = {"domestic": True, "manufacturer": True, "collects_manufacturing_data": True}
    assert check_applicant(productization, kind="sme", facts=facts, participation="solo").eligible
    without = check_applicant(
        productization, kind="sme", facts=facts, participation="consortium", partner_kind="processor"
    )
    assert not without.eligible and without.reasons_ko == ("가공기업과 컨소시엄 참여: 컨소시엄 협약서가 없습니다",)
    assert check_applicant(
        productization,
        kind="sme",
        facts=facts,
        participation="consortium",
        partner_kind="processor",
        has_consortium_agreement=True,
    ).eligible
    assert not check_applicant(productization, kind="nonprofit", facts=facts, participation="solo").eligible
    assert not check_applicant(
        productization, kind="sme", facts={**facts, "collects_manufacturing_data": False}, participation="solo"
    ).eligible
    research = {"domestic": True, "research_use": True, "nonprofit_evidence": True}
    assert check_applicant(purchase, kind="nonprofit", facts=research, participation="solo").eligible
    assert not check_applicant(purchase, kind="nonprofit", facts=research, participation="consortium").eligible


def test_conditions_combine_with_not_and_report_missing_facts() -> None:
    question = Text(ko="질문", en="question")
    facts = {name: Fact(id=name, type="bool", question=question) for name in ("a", "b")}
    condition = parse_condition({"all": [{"fact": "a"}, {"not": {"fact": "b"}}]}, facts)

    def holds(values: dict[str, Any]) -> tuple[bool, tuple[str, ...]]:
        outcome = evaluate(condition, Context(values, "org", SanctionsRegister(), {}))
        return outcome.holds, outcome.missing

    assert holds({"a": True, "b": False}) == (True, ())
    assert holds({"a": True, "b": True}) == (False, ())
    assert holds({"a": False}) == (False, ())  # already false: b does not matter
    assert holds({"a": True}) == (False, ("b",))
