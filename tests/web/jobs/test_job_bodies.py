"""Jobs whose library lives on another branch end as `not_run`, saying which library is missing."""

from __future__ import annotations

import hashlib
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


def test_raw_files_queue_productize_which_reports_when_the_library_is_absent(
    seller, draft, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from mfgdata.web.listings.models import UploadKind, UploadState
    from mfgdata.web.listings.upload_services import upload_chunk_receive, upload_complete, upload_start

    monkeypatch.setitem(sys.modules, "mfgdata.packaging", None)
    raw = "시간,온도\n2026-01-01 00:00,21.5\n".encode()
    upload = upload_start(user=seller, listing=draft, filename="raw.csv", total_bytes=len(raw), kind=UploadKind.RAW)
    upload_chunk_receive(user=seller, upload=upload, index=0, data=raw, sha256=hashlib.sha256(raw).hexdigest())
    with django_capture_on_commit_callbacks(execute=True):
        done = upload_complete(user=seller, upload=upload)
    assert done.state == UploadState.RAW_RECEIVED
    run = JobRun.objects.get(upload=upload)
    assert run.kind == JobKind.PRODUCTIZE and run.status == JobStatus.NOT_RUN
