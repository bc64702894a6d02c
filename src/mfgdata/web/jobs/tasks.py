"""The django-tasks entry point: one task that runs a recorded job by its id."""

from __future__ import annotations

import logging

from django_tasks import task

from mfgdata.errors import MfgdataError
from mfgdata.web.jobs.bodies import BODIES
from mfgdata.web.jobs.models import JobStatus
from mfgdata.web.jobs.services import job_finish, job_start

logger = logging.getLogger("mfgdata.web.jobs")


@task()
def run_job(run_id: int) -> str:
    """Run the job; a library error becomes a failed job with its message, never a crashed worker."""
    run = job_start(run_id=run_id)
    if run is None:
        return "already-run"
    try:
        status, message = BODIES[run.kind](run)
    except MfgdataError as error:
        status, message = JobStatus.FAILED, error.one_line()
    except Exception as error:  # the job's last line of defence: recorded, then re-raised for the worker's log
        job_finish(run_id=run_id, status=JobStatus.FAILED, message=f"{type(error).__name__}: {error}")
        raise
    job_finish(run_id=run_id, status=status, message=message)
    return status
