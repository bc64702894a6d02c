"""What each job does: the site calls the library (quality recomputation, productize, countersigning)
and never re-implements it. Library errors end the job as failed with their message (see the runner)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mfgdata.web.jobs.models import JobKind, JobRun, JobStatus

Outcome = tuple[str, str]


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
    """Recompute the package's quality with its own contract (`mfgdata.quality.package_check`)."""
    from mfgdata.quality.package_check import verify_package as recompute

    result = recompute(Path(str(_path(run))))
    summary = f"grade {result.grade}, {result.stats}"
    if not result.agrees_with_seller:
        return JobStatus.FAILED, f"recomputed verdict differs from the seller's results: {summary}"
    return (JobStatus.DONE if result.valid else JobStatus.FAILED), summary


def productize(run: JobRun) -> Outcome:
    """Run `productize` with defaults on uploaded raw files (`mfgdata.packaging.productize`)."""
    from mfgdata.packaging.productize import productize as run_productize

    source = Path(str(_path(run)))
    licence = run.upload.listing.licence_id or None  # refused by productize, with its message, when empty
    result = run_productize([source], source.parent / f"{source.stem}-product", licence=licence)
    return JobStatus.DONE, f"productized: {result.package}"


def countersign(run: JobRun) -> Outcome:
    """Check the seller's certificate against the package and sign it with the marketplace's key."""
    from mfgdata.quality.package_check import countersign as sign_certificate

    return JobStatus.DONE, f"countersigned: {sign_certificate(Path(str(_path(run)))).name}"


def _path(run: JobRun) -> object:
    from mfgdata.web.listings.upload_services import upload_file_path

    return upload_file_path(run.upload)


BODIES: dict[str, Callable[[JobRun], Outcome]] = {
    JobKind.VERIFY_PACKAGE: verify_package,
    JobKind.VERIFY_QUALITY: verify_quality,
    JobKind.PRODUCTIZE: productize,
    JobKind.COUNTERSIGN: countersign,
}
