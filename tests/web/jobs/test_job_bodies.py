"""Jobs call the library; what it refuses ends the job as failed with its message."""

from __future__ import annotations

import hashlib

import pytest
from factories import upload_bytes

from mfgdata.web.jobs.models import JobKind, JobRun, JobStatus
from mfgdata.web.jobs.services import job_enqueue
from mfgdata.web.jobs.tasks import run_job

pytestmark = pytest.mark.django_db


def test_countersigning_a_package_without_a_certificate_fails_saying_so(
    seller, draft, build_package, django_capture_on_commit_callbacks
) -> None:
    # the job calls the quality library, which refuses to countersign what has no certificate
    with django_capture_on_commit_callbacks(execute=True):
        upload = upload_bytes(seller, draft, build_package().read_bytes())
        run = job_enqueue(kind=JobKind.COUNTERSIGN, upload_id=upload.pk)
    run.refresh_from_db()
    assert run.status == JobStatus.FAILED and "certificate" in run.message


def test_a_job_runs_once_even_when_the_task_is_delivered_twice(
    seller, draft, build_package, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        upload = upload_bytes(seller, draft, build_package().read_bytes())
    run = JobRun.objects.get(upload=upload, kind=JobKind.VERIFY_PACKAGE)
    assert run_job.call(run.pk) == "already-run"


def test_raw_files_queue_productize_which_refuses_a_listing_without_a_licence(
    seller, draft, django_capture_on_commit_callbacks
) -> None:
    from mfgdata.web.listings.models import UploadKind, UploadState
    from mfgdata.web.listings.upload_services import upload_chunk_receive, upload_complete, upload_start

    draft.licence_id = ""
    draft.save(update_fields=["licence_id"])
    raw = "시간,온도\n2026-01-01 00:00,21.5\n".encode()
    upload = upload_start(user=seller, listing=draft, filename="raw.csv", total_bytes=len(raw), kind=UploadKind.RAW)
    upload_chunk_receive(user=seller, upload=upload, index=0, data=raw, sha256=hashlib.sha256(raw).hexdigest())
    with django_capture_on_commit_callbacks(execute=True):
        done = upload_complete(user=seller, upload=upload)
    assert done.state == UploadState.RAW_RECEIVED
    run = JobRun.objects.get(upload=upload)
    assert run.kind == JobKind.PRODUCTIZE and run.status == JobStatus.FAILED
    assert "라이선스가 정해지지 않아" in run.message
    upload.refresh_from_db()
    assert upload.state == UploadState.INVALID and "기본정보에서 라이선스를 고른 뒤" in upload.error_message
