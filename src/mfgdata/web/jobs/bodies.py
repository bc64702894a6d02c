"""What each job does: the site calls the library (quality recomputation, productize, countersigning)
and never re-implements it. Library errors end the job as failed with their message (see the runner)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from mfgdata.errors import MfgdataError
from mfgdata.web.jobs.models import JobKind, JobRun, JobStatus

logger = logging.getLogger("mfgdata.web.jobs")

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


_NO_LICENCE = (
    "라이선스가 정해지지 않아 상품을 만들 수 없습니다. 등록 요청의 기본정보에서 라이선스를 고른 뒤 "
    "원천 파일을 다시 올리세요.",
    "No licence is set, so no product can be made: choose one in the request's basic information, then upload the "
    "raw files again.",
)
_CRASHED = (
    "원천 파일을 처리하다 예상하지 못한 오류가 났습니다. 파일 형식(CSV, XLSX, Parquet 등)을 확인하고, "
    "계속되면 운영기관에 작업 번호 {job}을(를) 알려 주세요.",
    "An unexpected error stopped the processing (job {job}); check the file format, or tell the operator.",
)


def productize(run: JobRun) -> Outcome:
    """Run `productize` with defaults on uploaded raw files, then attach the package it made to the listing.

    The package is verified by the same jobs as an uploaded one. Each stage is recorded as it starts, so the
    listing page shows where the job is; a refusal is told to the seller in Korean, with what to do.
    """
    from mfgdata.packaging.productize import productize as run_productize
    from mfgdata.web.jobs.services import job_progress
    from mfgdata.web.listings.upload_services import productize_folder, raw_source_path, upload_attach_package

    raw = run.upload
    if not raw.listing.licence_id:
        return _productize_failed(run, "licence-missing", *_NO_LICENCE)
    folder = productize_folder(raw)
    shutil.rmtree(folder.parent, ignore_errors=True)  # a job runs once; leftovers are from a crashed worker
    try:
        source = raw_source_path(raw)
        result = run_productize(
            [source],
            folder,
            licence=raw.listing.licence_id,
            on_stage=lambda name, index, total: job_progress(run_id=run.pk, stage=name, index=index, total=total),
        )
    except MfgdataError as error:
        where = f"{Path(error.path).name}: " if error.path else ""
        return _productize_failed(run, error.code, f"{where}{error.text.ko}", error.text.en)
    except Exception:  # unforeseen: logged in full for the operator, told to the seller without internals
        logger.exception("productize job %s failed", run.pk)
        ko, en = _CRASHED
        return _productize_failed(run, "productize-crashed", ko.format(job=run.pk), en.format(job=run.pk))
    try:
        package = upload_attach_package(raw_upload_id=raw.pk, package=result.package)
    except MfgdataError as error:  # the listing moved on (submitted) while the job ran
        return _productize_failed(run, error.code, error.text.ko, error.text.en)
    return JobStatus.DONE, f"상품 패키지({package.filename})를 만들어 재검증을 시작했습니다 / packaged, now verifying"


def _productize_failed(run: JobRun, code: str, ko: str, en: str) -> Outcome:
    from mfgdata.web.listings.upload_services import upload_refuse_raw

    upload_refuse_raw(upload_id=run.upload_id, code=code, message_ko=ko)
    return JobStatus.FAILED, f"원천 파일로 상품을 만들지 못했습니다: {ko} / {en}"


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
