"""Queueing jobs and recording how they ended."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from mfgdata.web.jobs.models import JobRun, JobStatus


@transaction.atomic
def job_enqueue(*, kind: str, upload_id: int) -> JobRun:
    """Record a job and hand it to the task backend (the database worker of `mfgdata serve`)."""
    from mfgdata.web.jobs.tasks import run_job

    run = JobRun.objects.create(kind=kind, upload_id=upload_id)
    transaction.on_commit(lambda: run_job.enqueue(run.pk))
    return run


@transaction.atomic
def job_finish(*, run_id: int, status: str, message: str = "") -> JobRun:
    run = JobRun.objects.select_for_update().get(pk=run_id)
    run.status, run.message, run.finished_at = status, message[:4000], timezone.now()
    run.save(update_fields=["status", "message", "finished_at"])
    return run


def job_start(*, run_id: int) -> JobRun | None:
    """Claim a queued job; None when it already ran (a retry, or the demo loader ran it inline)."""
    claimed = JobRun.objects.filter(pk=run_id, status=JobStatus.QUEUED).update(status=JobStatus.RUNNING)
    return JobRun.objects.select_related("upload").get(pk=run_id) if claimed else None


def job_progress(*, run_id: int, stage: str, index: int, total: int) -> None:
    """Record which stage (`index` of `total`) a job is in; written at once, so the page polling it sees it."""
    JobRun.objects.filter(pk=run_id).update(stage=stage[:40], stage_index=index, stages_total=total)
