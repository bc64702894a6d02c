"""Chunked uploads: per-chunk checksums, resuming, the size limit, and re-verification on arrival."""

from __future__ import annotations

import hashlib
import zipfile

import pytest
from factories import upload_bytes

from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.jobs.models import JobKind, JobRun, JobStatus
from mfgdata.web.listings.models import UploadState
from mfgdata.web.listings.upload_services import (
    received_chunks,
    upload_chunk_receive,
    upload_complete,
    upload_file_path,
    upload_start,
)

pytestmark = pytest.mark.django_db


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_chunks_resume_in_any_order_and_the_file_is_reassembled(
    seller, draft, build_package, django_capture_on_commit_callbacks
) -> None:
    data = build_package().read_bytes().ljust(200_000, b"\0")  # four chunks of 64 kB
    upload = upload_start(user=seller, listing=draft, filename="big.zip", total_bytes=len(data))
    size = upload.chunk_bytes
    chunks = [data[i * size : (i + 1) * size] for i in range(upload.chunk_count)]
    assert upload.chunk_count == 4
    for index in (3, 0):
        upload_chunk_receive(user=seller, upload=upload, index=index, data=chunks[index], sha256=_sha(chunks[index]))
    upload_chunk_receive(user=seller, upload=upload, index=0, data=chunks[0], sha256=_sha(chunks[0]))  # resent
    assert received_chunks(upload) == [0, 3]
    with pytest.raises(SiteError) as refused:
        upload_complete(user=seller, upload=upload)
    assert refused.value.code == "upload-incomplete"
    for index in (1, 2):
        upload_chunk_receive(user=seller, upload=upload, index=index, data=chunks[index], sha256=_sha(chunks[index]))
    with django_capture_on_commit_callbacks(execute=True):
        done = upload_complete(user=seller, upload=upload)
    assert upload_file_path(done).read_bytes() == data and done.sha256 == _sha(data)


def test_a_chunk_whose_checksum_differs_is_refused(seller, draft) -> None:
    upload = upload_start(user=seller, listing=draft, filename="p.zip", total_bytes=10)
    with pytest.raises(SiteError) as refused:
        upload_chunk_receive(user=seller, upload=upload, index=0, data=b"0123456789", sha256=_sha(b"something else"))
    assert refused.value.code == "chunk-hash-mismatch"
    assert received_chunks(upload) == []


def test_an_upload_over_the_limit_is_refused_and_logged(seller, draft, settings, caplog) -> None:
    with pytest.raises(SiteError) as refused:
        upload_start(user=seller, listing=draft, filename="huge.zip", total_bytes=settings.MFGDATA_MAX_UPLOAD_BYTES + 1)
    assert refused.value.code == "upload-too-large"
    assert "refused upload" in caplog.text


def test_another_organisation_cannot_upload(draft, operator) -> None:
    with pytest.raises(Refused):
        upload_start(user=operator, listing=draft, filename="p.zip", total_bytes=10)


def test_a_valid_package_is_verified_by_the_job_and_quality_is_left_to_the_library(
    seller, draft, build_package, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        upload = upload_bytes(seller, draft, build_package().read_bytes())
    upload.refresh_from_db()
    assert upload.state == UploadState.VALID and upload.contents["manifest"]["product"]["slug"] == "plating-demo"
    runs = {r.kind: r for r in JobRun.objects.filter(upload=upload)}
    assert runs[JobKind.VERIFY_PACKAGE].status == JobStatus.DONE
    assert runs[JobKind.VERIFY_QUALITY].status in (JobStatus.NOT_RUN, JobStatus.DONE, JobStatus.FAILED)
    if runs[JobKind.VERIFY_QUALITY].status == JobStatus.NOT_RUN:
        assert "mfgdata.quality" in runs[JobKind.VERIFY_QUALITY].message


def test_a_package_with_a_hash_mismatch_is_marked_invalid(
    seller, draft, build_package, tmp_path, django_capture_on_commit_callbacks
) -> None:
    good = build_package()
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data + b"tampered" if info.filename == "data/plating.csv" else data)
    with django_capture_on_commit_callbacks(execute=True):
        upload = upload_bytes(seller, draft, bad.read_bytes(), filename="bad.zip")
    upload.refresh_from_db()
    assert upload.state == UploadState.INVALID and upload.error_code == "package-hash-mismatch"
    assert JobRun.objects.get(upload=upload, kind=JobKind.VERIFY_PACKAGE).status == JobStatus.FAILED
