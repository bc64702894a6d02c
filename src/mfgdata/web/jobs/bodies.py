"""What each job does. Library parts that live on other branches are imported lazily, inside the job:
when absent, the job ends as `not_run` saying so, and nothing else breaks."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from mfgdata.web.jobs.models import JobKind, JobRun, JobStatus

Outcome = tuple[str, str]


def _library(module: str) -> object | None:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def verify_package(run: JobRun) -> Outcome:
    from mfgdata.web.jobs.services import job_enqueue
    from mfgdata.web.listings.upload_services import upload_verify

    upload = upload_verify(upload_id=run.upload_id)
    if upload.state != "valid":
        return JobStatus.FAILED, upload.error_message
    job_enqueue(kind=JobKind.VERIFY_QUALITY, upload_id=upload.pk)
    if any(f["path"] == "quality/certificate.json" for f in (upload.contents or {}).get("files", [])):
        job_enqueue(kind=JobKind.COUNTERSIGN, upload_id=upload.pk)
    return JobStatus.DONE, "manifest sha256 verified"


def verify_quality(run: JobRun) -> Outcome:
    """Recompute quality with `mfgdata.quality` (lead wires the call after merging the quality branch)."""
    quality = _library("mfgdata.quality")
    if quality is None or not hasattr(quality, "verify_package"):
        return JobStatus.NOT_RUN, "mfgdata.quality is not installed here: quality could not be recomputed"
    result = quality.verify_package(_path(run))
    return (JobStatus.DONE if getattr(result, "valid", False) else JobStatus.FAILED), str(getattr(result, "stats", ""))


def productize(run: JobRun) -> Outcome:
    """Run `productize` with defaults on raw files (lead wires it after merging the packaging branch)."""
    packaging = _library("mfgdata.packaging")
    if packaging is None or not hasattr(packaging, "productize"):
        return JobStatus.NOT_RUN, "mfgdata.packaging is not installed here: raw files could not be productized"
    packaging.productize(_path(run))
    return JobStatus.DONE, "productized"


def countersign(run: JobRun) -> Outcome:
    quality = _library("mfgdata.quality")
    if quality is None or not hasattr(quality, "countersign"):
        return JobStatus.NOT_RUN, "mfgdata.quality is not installed here: the certificate could not be countersigned"
    quality.countersign(_path(run))
    return JobStatus.DONE, "countersigned"


def _path(run: JobRun) -> object:
    from mfgdata.web.listings.upload_services import upload_file_path

    return upload_file_path(run.upload)


BODIES: dict[str, Callable[[JobRun], Outcome]] = {
    JobKind.VERIFY_PACKAGE: verify_package,
    JobKind.VERIFY_QUALITY: verify_quality,
    JobKind.PRODUCTIZE: productize,
    JobKind.COUNTERSIGN: countersign,
}
