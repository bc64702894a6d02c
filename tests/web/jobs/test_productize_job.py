"""Raw files → the real `productize` → a package attached to the listing and re-verified like an upload."""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from typing import Any

import pytest
from factories import upload_bytes

from mfgdata.web.accounts.models import User
from mfgdata.web.core.models import Notification
from mfgdata.web.jobs.models import JobKind, JobRun, JobStatus
from mfgdata.web.jobs.tasks import run_job
from mfgdata.web.listings.models import Listing, PackageUpload, UploadKind, UploadState
from mfgdata.web.listings.services import listing_act
from mfgdata.web.listings.upload_services import upload_chunk_receive, upload_complete, upload_start
from mfgdata.web.review.requirements import requirement_checklist

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pseudonym_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seller's pseudonymisation key, which packaging needs for identifiers in the public sample."""
    monkeypatch.setenv("MFGDATA_PSEUDONYM_KEY", "test-key-0123456789abcdef0123456789")


def _line_csv(rows: int = 120) -> bytes:
    rng = random.Random(3)
    lines = ["측정시각,설비번호,온도(℃),압력(bar),불량"]
    for i in range(rows):
        lines.append(
            f"2026-01-{1 + i // 24:02d} {i % 24:02d}:00:00,M{1 + i % 3},"
            f"{20 + rng.random() * 5:.2f},{1 + rng.random():.3f},{int(rng.random() < 0.1)}"
        )
    return ("\n".join(lines) + "\n").encode()


def _licensed(listing: Listing) -> None:
    listing.licence_id = "CC-BY-4.0"
    listing.save(update_fields=["licence_id"])


def _upload_raw(seller: User, listing: Listing, data: bytes, filename: str, capture: Any) -> PackageUpload:
    upload = upload_start(user=seller, listing=listing, filename=filename, total_bytes=len(data), kind=UploadKind.RAW)
    upload_chunk_receive(user=seller, upload=upload, index=0, data=data, sha256=hashlib.sha256(data).hexdigest())
    with capture(execute=True):
        return upload_complete(user=seller, upload=upload)


def test_raw_files_become_the_listings_package_verified_like_an_upload(
    seller: User, draft: Listing, django_capture_on_commit_callbacks: Any
) -> None:
    # given a draft with a licence and a small sensor log uploaded as raw files
    _licensed(draft)
    raw = _upload_raw(seller, draft, _line_csv(), "line.csv", django_capture_on_commit_callbacks)
    # then productize ran every stage and its package is the listing's current package
    run = JobRun.objects.get(upload=raw, kind=JobKind.PRODUCTIZE)
    assert run.status == JobStatus.DONE, run.message
    assert (run.stage, run.stage_index, run.stages_total) == ("package", 6, 6)
    listing = Listing.objects.get(pk=draft.pk)
    package = listing.current_package
    assert package is not None and package.kind == UploadKind.PACKAGE and package.pk != raw.pk
    assert package.filename == f"{listing.slug}-0.1.0.zip" and package.state == UploadState.VALID
    # and it went through the same re-verification as an uploaded package
    kinds = dict(JobRun.objects.filter(upload=package).values_list("kind", "status"))
    assert kinds[JobKind.VERIFY_PACKAGE] == JobStatus.DONE
    assert kinds[JobKind.VERIFY_QUALITY] == JobStatus.DONE
    assert {f["path"] for f in package.contents["files"]} >= {
        "quality/results.json",
        "quality/certificate.json",
        "TERMS.md",
    }
    assert listing.price_plans, "the listing's price plans come from the package's pricing"
    # and its certificate holds and was countersigned, so the operator's checklist passes both items
    assert kinds[JobKind.COUNTERSIGN] == JobStatus.DONE
    outcomes = {r.id: r.outcome for r in requirement_checklist(listing)}
    assert outcomes["quality-passed"] == outcomes["certificate-countersigned"] == "passed"


def test_the_listing_page_shows_the_productize_stages(
    client: Any, seller: User, draft: Listing, django_capture_on_commit_callbacks: Any
) -> None:
    _licensed(draft)
    _upload_raw(seller, draft, _line_csv(), "line.csv", django_capture_on_commit_callbacks)
    client.force_login(seller)
    page = client.get(f"/jobs/listing/{draft.pk}/").content.decode()
    assert "원천 파일 상품화" in page and "6단계 중 6단계: 패키지 작성" in page


def test_a_file_that_cannot_be_read_is_explained_to_the_seller_in_korean(
    client: Any, seller: User, draft: Listing, django_capture_on_commit_callbacks: Any
) -> None:
    # given a CSV export that has its header but no rows
    _licensed(draft)
    raw = _upload_raw(seller, draft, "측정시각,온도(℃)\n".encode(), "line.csv", django_capture_on_commit_callbacks)
    # then the job failed, nothing was attached, and the reason is in Korean where the seller looks
    run = JobRun.objects.get(upload=raw, kind=JobKind.PRODUCTIZE)
    assert run.status == JobStatus.FAILED and run.message.startswith("원천 파일로 상품을 만들지 못했습니다:")
    raw.refresh_from_db()
    assert raw.state == UploadState.INVALID and raw.error_message and "/" not in raw.error_message.split(":")[0]
    assert Listing.objects.get(pk=draft.pk).current_package is None
    note = Notification.objects.filter(user=seller).latest("id")
    assert "원천 파일로 상품을 만들지 못했습니다" in note.subject and raw.error_message in note.body
    client.force_login(seller)
    assert raw.error_message in client.get(f"/listings/{draft.pk}/").content.decode()


def test_a_package_is_not_attached_to_a_listing_submitted_while_it_was_made(
    seller: User, draft: Listing, build_package: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given a listing with a verified package, raw files uploaded, and the request submitted before the job ran
    _licensed(draft)
    with django_capture_on_commit_callbacks(execute=True):
        first = upload_bytes(seller, draft, build_package().read_bytes())
    data = _line_csv()
    raw = upload_start(user=seller, listing=draft, filename="line.csv", total_bytes=len(data), kind=UploadKind.RAW)
    upload_chunk_receive(user=seller, upload=raw, index=0, data=data, sha256=hashlib.sha256(data).hexdigest())
    with django_capture_on_commit_callbacks() as queued:
        upload_complete(user=seller, upload=raw)
    listing_act(user=seller, listing=Listing.objects.get(pk=draft.pk), action="submit")
    for queue in queued:  # the productize job is queued only now, after the submission
        queue()
    run = JobRun.objects.get(upload=raw, kind=JobKind.PRODUCTIZE)
    # when the worker runs it
    run_job.call(run.pk)
    # then the package under review stays the one submitted, and the seller is told why in Korean
    run.refresh_from_db()
    assert run.status == JobStatus.FAILED and "제출되어 새 패키지를 붙이지 않았습니다" in run.message
    assert Listing.objects.get(pk=draft.pk).current_package.pk == first.pk


def _zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_several_raw_files_uploaded_as_one_zip_become_one_product(
    seller: User, draft: Listing, django_capture_on_commit_callbacks: Any
) -> None:
    # given two monthly exports of one layout, zipped in a folder the way a seller zips them
    header, *rows = _line_csv(96).decode().splitlines()
    january = "\n".join([header, *rows[:48]]) + "\n"
    february = "\n".join([header, *rows[48:]]) + "\n"
    archive = _zipped({"라인1/2026-01.csv": january.encode(), "라인1/2026-02.csv": february.encode()})
    _licensed(draft)
    raw = _upload_raw(seller, draft, archive, "라인1.zip", django_capture_on_commit_callbacks)
    # then one product is made from both and attached
    run = JobRun.objects.get(upload=raw, kind=JobKind.PRODUCTIZE)
    assert run.status == JobStatus.DONE, run.message
    package = Listing.objects.get(pk=draft.pk).current_package
    assert package is not None and package.kind == UploadKind.PACKAGE


def test_a_zip_of_raw_files_that_would_escape_its_folder_is_refused_in_korean(
    seller: User, draft: Listing, django_capture_on_commit_callbacks: Any
) -> None:
    _licensed(draft)
    archive = _zipped({"../../evil.csv": _line_csv(), "ok.csv": _line_csv()})
    raw = _upload_raw(seller, draft, archive, "raw.zip", django_capture_on_commit_callbacks)
    run = JobRun.objects.get(upload=raw, kind=JobKind.PRODUCTIZE)
    assert run.status == JobStatus.FAILED and "안전하지 않은 경로" in run.message
    raw.refresh_from_db()
    assert raw.state == UploadState.INVALID and raw.error_message.startswith(
        "압축 파일에 안전하지 않은 경로가 있습니다"
    )
    assert Listing.objects.get(pk=draft.pk).current_package is None


def test_an_unforeseen_crash_is_told_to_the_seller_without_internals(
    seller: User, draft: Listing, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("segfault-ish internals at 0xdeadbeef")

    monkeypatch.setattr("mfgdata.packaging.productize.productize", crash)
    _licensed(draft)
    raw = _upload_raw(seller, draft, _line_csv(), "line.csv", django_capture_on_commit_callbacks)
    run = JobRun.objects.get(upload=raw, kind=JobKind.PRODUCTIZE)
    raw.refresh_from_db()
    assert run.status == JobStatus.FAILED and f"작업 번호 {run.pk}을(를) 알려 주세요" in raw.error_message
    assert "0xdeadbeef" not in run.message and "0xdeadbeef" not in raw.error_message
