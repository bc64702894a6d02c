"""Inspections (only the programme operator or the auditor), usage checks with outcome and evidence, and a
consortium listing's revenue share checked against its consortium agreement."""

from __future__ import annotations

from datetime import date

import pytest
from programme_factories import PURCHASE, pdf

from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.listings.models import RegisteredAs
from mfgdata.web.oversight.models import Inspection
from mfgdata.web.oversight.selectors import share_checks
from mfgdata.web.oversight.services import consortium_share_record, inspection_record, project_listing_link

DAY = date(2026, 6, 1)


def test_the_operator_and_the_auditor_record_inspections(make_project, maker, people) -> None:
    project = make_project(maker, programme_id=PURCHASE)
    inspection_record(user=people["pm"], application=project, kind="adhoc", inspected_on=DAY, findings="서류 확인")
    usage = inspection_record(
        user=people["auditor"],
        application=project,
        kind="usage",
        inspected_on=DAY,
        findings="모델 학습에 사용",
        outcome="completed",
        files=[pdf("photo.pdf")],
    )
    assert usage.get_outcome_display() == "정상수행" and usage.files.count() == 1
    assert Inspection.objects.filter(application=project).count() == 2


@pytest.mark.parametrize("who", ["maker", "agency", "market"])
def test_nobody_else_records_an_inspection(make_project, maker, people, who) -> None:
    project = make_project(maker, programme_id=PURCHASE)
    user = maker if who == "maker" else people[who]
    with pytest.raises(Refused) as refused:
        inspection_record(user=user, application=project, kind="adhoc", inspected_on=DAY, findings="점검")
    assert refused.value.code == "not-inspector"


def test_a_usage_check_needs_its_outcome_and_evidence(make_project, maker, pm) -> None:
    project = make_project(maker, programme_id=PURCHASE)
    with pytest.raises(SiteError) as no_outcome:
        inspection_record(user=pm, application=project, kind="usage", inspected_on=DAY, findings="점검", files=[pdf()])
    assert no_outcome.value.code == "usage-outcome-missing"
    with pytest.raises(SiteError) as no_files:
        inspection_record(
            user=pm, application=project, kind="usage", inspected_on=DAY, findings="점검", outcome="failed"
        )
    assert no_files.value.code == "usage-evidence-missing"
    assert not Inspection.objects.exists()


def test_an_application_not_selected_is_not_inspected(make_project, maker, pm) -> None:
    project = make_project(maker)
    project.status = "not_selected"
    project.save()
    with pytest.raises(Refused) as refused:
        inspection_record(user=pm, application=project, kind="adhoc", inspected_on=DAY, findings="점검")
    assert refused.value.code == "not-a-project"


def test_a_consortium_listing_carries_the_agreed_share(make_project, maker, make_member, make_listing, pm) -> None:
    processor_user = make_member("미래가공", is_processor=True)
    processor = processor_user.membership.organisation
    project = make_project(maker, processor=processor)
    by_processor = {
        "registered_by_org": processor,
        "registered_by": processor_user,
        "registered_as": RegisteredAs.PROCESSOR,
    }
    unchecked = make_listing(maker, manufacturer_share_percent=70, **by_processor)
    project_listing_link(user=maker, application=project, listing=unchecked)
    assert [c.ok for c in share_checks(project)] == [False]  # no agreed share recorded yet
    consortium_share_record(user=pm, application=project, manufacturer_share_percent=70)
    assert [c.ok for c in share_checks(project)] == [True]
    wrong = make_listing(maker, manufacturer_share_percent=60, **by_processor)
    with pytest.raises(SiteError) as refused:
        project_listing_link(user=maker, application=project, listing=wrong)
    assert refused.value.code == "share-differs-from-agreement" and "70%" in refused.value.text.ko
    own = make_listing(maker, manufacturer_share_percent=70)
    with pytest.raises(SiteError) as not_by_processor:
        project_listing_link(user=maker, application=project, listing=own)
    assert not_by_processor.value.code == "listing-not-by-processor"


def test_only_the_operator_records_the_agreed_share_of_a_consortium(make_project, maker, make_member, pm) -> None:
    solo = make_project(maker)
    with pytest.raises(SiteError) as not_consortium:
        consortium_share_record(user=pm, application=solo, manufacturer_share_percent=70)
    assert not_consortium.value.code == "not-a-consortium"
    project = make_project(maker, processor=make_member("미래가공", is_processor=True).membership.organisation)
    with pytest.raises(Refused):
        consortium_share_record(user=maker, application=project, manufacturer_share_percent=70)
    with pytest.raises(SiteError) as out_of_range:
        consortium_share_record(user=pm, application=project, manufacturer_share_percent=0)
    assert out_of_range.value.code == "share-out-of-range"
