"""Jobs whose library lives on another branch end as `not_run`, saying which library is missing."""

from __future__ import annotations

import sys

import pytest
from factories import upload_bytes

from mfgdata.web.jobs.models import JobKind, JobRun, JobStatus
from mfgdata.web.jobs.services import job_enqueue
from mfgdata.web.jobs.tasks import run_job

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "library"), [(JobKind.PRODUCTIZE, "mfgdata.packaging"), (JobKind.COUNTERSIGN, "mfgdata.quality")]
)
def test_absent_library_means_not_run(
    seller, draft, build_package, monkeypatch, kind: str, library: str, django_capture_on_commit_callbacks
) -> None:
    monkeypatch.setitem(sys.modules, library, None)  # importing it now raises ImportError
    with django_capture_on_commit_callbacks(execute=True):
        upload = upload_bytes(seller, draft, build_package().read_bytes())
        run = job_enqueue(kind=kind, upload_id=upload.pk)
    run.refresh_from_db()
    assert run.status == JobStatus.NOT_RUN and library in run.message


def test_a_job_runs_once_even_when_the_task_is_delivered_twice(
    seller, draft, build_package, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        upload = upload_bytes(seller, draft, build_package().read_bytes())
    run = JobRun.objects.get(upload=upload, kind=JobKind.VERIFY_PACKAGE)
    assert run_job.call(run.pk) == "already-run"
