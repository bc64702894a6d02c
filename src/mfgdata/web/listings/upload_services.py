"""Writes about uploads: chunked, resumable, each chunk checked against its sha256, then re-verified.

A client starts an upload (name, size), sends chunks `0…n-1` in any order (a resend of a received chunk with
the same digest is accepted, so a broken connection resumes), then completes it; the site assembles nothing —
chunks are written in place — and hands the file to a background job that verifies the whole package.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import shutil
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mfgdata.hashing import sha256_of
from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event
from mfgdata.web.listings import upload_stream
from mfgdata.web.listings.models import Listing, PackageUpload, UploadChunk, UploadKind, UploadState
from mfgdata.web.listings.package_reader import PackageError, PackageLimits, read_package
from mfgdata.web.listings.permissions import why_not_edit_listing
from mfgdata.web.listings.raw_archive import is_archive, unpack_raw_archive
from mfgdata.web.listings.services import listing_fill_from_package
from mfgdata.web.listings.states import EDITABLE

logger = logging.getLogger("mfgdata.web.uploads")


def upload_file_path(upload: PackageUpload) -> Path:
    return Path(settings.MEDIA_ROOT) / upload.storage_path


def _digest_key(upload: PackageUpload) -> tuple[int, str]:
    return upload.pk, upload.created_at.isoformat()


def _too_large(total_bytes: int) -> SiteError:
    limit = settings.MFGDATA_MAX_UPLOAD_BYTES
    return SiteError(
        "upload-too-large",
        f"파일이 올릴 수 있는 크기({limit:,}바이트)를 넘습니다. 운영기관에 문의하세요.",
        f"The file exceeds the upload limit ({limit:,} bytes); contact the operator.",
    )


@transaction.atomic
def upload_start(
    *,
    user: User,
    listing: Listing,
    filename: str,
    total_bytes: int,
    kind: str = UploadKind.PACKAGE,
    chunk_bytes: int | None = None,
) -> PackageUpload:
    """Open an upload for a draft listing; refuses files over `MFGDATA_MAX_UPLOAD_BYTES`. The chunk size is the
    site's (`MFGDATA_UPLOAD_CHUNK_BYTES`, what a browser holds in memory) unless the caller streams chunks."""
    require(why_not_edit_listing(user=user, listing=listing))
    if total_bytes <= 0:
        raise SiteError("upload-empty", "빈 파일은 올릴 수 없습니다.", "An empty file cannot be uploaded.")
    if total_bytes > settings.MFGDATA_MAX_UPLOAD_BYTES:
        logger.warning("refused upload of %s bytes for listing %s by %s", total_bytes, listing.pk, user)
        raise _too_large(total_bytes)
    if kind == UploadKind.PACKAGE and not filename.lower().endswith(".zip"):
        raise SiteError(
            "upload-not-zip", "상품 패키지는 .zip 파일이어야 합니다.", "A product package must be a .zip file."
        )
    upload = PackageUpload.objects.create(
        listing=listing,
        uploaded_by=user,
        kind=kind,
        filename=Path(filename).name[:255],
        total_bytes=total_bytes,
        chunk_bytes=chunk_bytes or settings.MFGDATA_UPLOAD_CHUNK_BYTES,
    )
    path = upload_file_path(upload)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(total_bytes)
    return upload


def _expected_size(upload: PackageUpload, index: int) -> int:
    if index == upload.chunk_count - 1:
        return upload.total_bytes - index * upload.chunk_bytes
    return upload.chunk_bytes


@transaction.atomic
def upload_chunk_receive(*, user: User, upload: PackageUpload, index: int, data: bytes, sha256: str) -> UploadChunk:
    """Store chunk `index` after checking its size and its digest; a resent identical chunk is accepted."""
    require(why_not_edit_listing(user=user, listing=upload.listing))
    if upload.state != UploadState.RECEIVING:
        raise SiteError(
            "upload-closed", "이미 끝난 업로드입니다. 새로 올리세요.", "This upload is finished; start a new one."
        )
    if not 0 <= index < upload.chunk_count or len(data) != _expected_size(upload, index):
        raise SiteError("chunk-bad-size", "조각의 번호나 크기가 맞지 않습니다.", "The chunk number or size is wrong.")
    if hashlib.sha256(data).hexdigest() != sha256.lower():
        raise _hash_mismatch(upload, index)
    existing = UploadChunk.objects.filter(upload=upload, index=index).first()
    if existing is not None and existing.sha256 == sha256.lower():
        return existing
    upload_stream.running_digest_forget(_digest_key(upload))
    with upload_stream.locked_file(upload_file_path(upload)) as fd:
        upload_stream.write_all(fd, memoryview(data), index * upload.chunk_bytes)
    chunk, _ = UploadChunk.objects.update_or_create(
        upload=upload, index=index, defaults={"sha256": sha256.lower(), "size": len(data)}
    )
    return chunk


def next_missing_chunk(upload: PackageUpload) -> int | None:
    """The first chunk index not yet received (None when every chunk is in)."""
    received = set(received_chunks(upload))
    return next((i for i in range(upload.chunk_count) if i not in received), None)


def _check_ordered_chunk(*, user: User, upload: PackageUpload, index: int, offset: int, size: int) -> None:
    """The rules of an ordered upload (the API): open, index in range, offset matching it, the chunk's exact
    size, and no skipping ahead of the first missing chunk."""
    require(why_not_edit_listing(user=user, listing=upload.listing))
    if upload.state != UploadState.RECEIVING:
        raise SiteError(
            "upload-closed", "이미 끝난 업로드입니다. 새로 올리세요.", "This upload is finished; start a new one."
        )
    if not 0 <= index < upload.chunk_count or size != _expected_size(upload, index):
        raise SiteError("chunk-bad-size", "조각의 번호나 크기가 맞지 않습니다.", "The chunk number or size is wrong.")
    if offset != index * upload.chunk_bytes:
        raise SiteError(
            "chunk-bad-offset",
            f"조각 {index}의 시작 위치는 {index * upload.chunk_bytes}바이트여야 합니다 (받은 값 {offset}).",
            f"Chunk {index} must start at byte {index * upload.chunk_bytes} (got {offset}).",
        )
    expected = next_missing_chunk(upload)
    if expected is not None and index > expected:
        raise SiteError(
            "chunk-out-of-order",
            f"조각을 순서대로 보내세요: 다음에 보낼 조각은 {expected}번입니다.",
            f"Send chunks in order: the next chunk expected is {expected}.",
        )


def _hash_mismatch(upload: PackageUpload, index: int) -> SiteError:
    logger.warning("chunk %s of upload %s: sha256 mismatch", index, upload.pk)
    return SiteError(
        "chunk-hash-mismatch",
        "조각의 sha256이 맞지 않습니다. 그 조각을 다시 보내세요.",
        "The chunk's sha256 does not match; send that chunk again.",
    )


def _cut_short() -> SiteError:
    return SiteError(
        "chunk-bad-size", "조각이 끝까지 오지 않았습니다. 다시 보내세요.", "The chunk was cut short; resend it."
    )


def _chunk_differs(index: int) -> SiteError:
    return SiteError(
        "chunk-differs",
        f"조각 {index}은(는) 이미 다른 내용으로 받았습니다. 파일이 바뀌었다면 새 업로드를 시작하세요.",
        f"Chunk {index} was already received with other content; if the file changed, start a new upload.",
    )


def upload_chunk_stream(
    *, user: User, upload: PackageUpload, index: int, offset: int, size: int, stream: BinaryIO, sha256: str
) -> UploadChunk:
    """Receive chunk `index` of an ordered upload straight from the request stream into the file (constant memory,
    so chunks may be larger than a request body the site keeps in memory), advancing the running whole-file
    digest (`upload_stream`). A chunk already received is only compared (a client resending after a lost
    answer); one that differs from it is refused, never written over.

    Not one transaction: on SQLite an open write transaction would hold the database lock while the bytes stream
    in; the file's lock is held instead, and the chunk row is written last, so a chunk counts as received only
    once all of it is on disk.
    """
    _check_ordered_chunk(user=user, upload=upload, index=index, offset=offset, size=size)
    sha256 = sha256.lower()
    with upload_stream.locked_file(upload_file_path(upload)) as fd:
        existing = UploadChunk.objects.filter(upload=upload, index=index).first()
        if existing is not None and existing.sha256 != sha256:
            raise _chunk_differs(index)
        whole = None if existing is not None else upload_stream.running_digest_for(_digest_key(upload), index)
        digest = upload_stream.stream_chunk(
            stream=stream,
            size=size,
            fd=None if existing is not None else fd,
            offset=offset,
            whole=whole,
            cut_short=_cut_short,
        )
        if digest != sha256:
            raise _hash_mismatch(upload, index)
        if existing is not None:
            return existing
        chunk, created = UploadChunk.objects.get_or_create(
            upload=upload, index=index, defaults={"sha256": sha256, "size": size}
        )
    if created and whole is not None:
        upload_stream.running_digest_advance(_digest_key(upload), index, whole)
    return chunk


def received_chunks(upload: PackageUpload) -> list[int]:
    """Indexes already received — what a resuming client skips."""
    return sorted(upload.chunks.values_list("index", flat=True))


@transaction.atomic
def upload_complete(*, user: User, upload: PackageUpload, expected_sha256: str = "") -> PackageUpload:
    """Close the upload once every chunk is in, and queue the package's verification.

    With `expected_sha256` (the client's digest of the whole file) a file that arrived different is refused (the
    client starts a new upload); chunk digests alone cannot catch a client reading a file that changed meanwhile.
    Completing an upload already closed returns it as it is, so a client whose response was lost can retry.
    """
    require(why_not_edit_listing(user=user, listing=upload.listing))
    locked = PackageUpload.objects.select_for_update().get(pk=upload.pk)
    if locked.state != UploadState.RECEIVING:
        return locked
    missing = upload.chunk_count - locked.chunks.count()
    if missing:
        raise SiteError(
            "upload-incomplete", f"아직 받지 못한 조각이 {missing}개 있습니다.", f"{missing} chunks are still missing."
        )
    # the digest kept while the chunks arrived in order (this process), else a read of the assembled file
    running = upload_stream.running_digest_take(_digest_key(locked), locked.chunk_count)
    digest = running or sha256_of(upload_file_path(locked))
    if expected_sha256 and digest != expected_sha256.lower():
        raise SiteError(
            "upload-hash-mismatch",
            "받은 파일의 sha256이 보낸 파일과 다릅니다. 처음부터 다시 올리세요.",
            "The received file's sha256 differs from the file sent; upload it again from the start.",
        )
    locked.sha256 = digest
    locked.state = UploadState.VERIFYING if locked.kind == UploadKind.PACKAGE else UploadState.RAW_RECEIVED
    locked.save(update_fields=["sha256", "state"])
    record_event(
        target=locked.listing, action="upload", actor=user, comment=f"{locked.filename} sha256 {locked.sha256}"
    )
    from mfgdata.web.jobs.services import job_enqueue

    job = "verify_package" if locked.kind == UploadKind.PACKAGE else "productize"
    transaction.on_commit(lambda: job_enqueue(kind=job, upload_id=locked.pk))
    return locked


@transaction.atomic
def upload_verify(*, upload_id: int) -> PackageUpload:
    """Re-verify a received package (never trusting it) and fill the listing from it when valid."""
    upload = PackageUpload.objects.select_for_update().select_related("listing").get(pk=upload_id)
    limits = PackageLimits(max_total_bytes=settings.MFGDATA_MAX_UPLOAD_BYTES * 4)
    try:
        contents = dataclasses.asdict(read_package(upload_file_path(upload), limits))
    except PackageError as error:
        logger.warning("package of upload %s refused: %s", upload.pk, error.code)
        upload.state, upload.error_code, upload.error_message = UploadState.INVALID, error.code, error.one_line()
        upload.save(update_fields=["state", "error_code", "error_message"])
        record_event(target=upload.listing, action="package-refused", actor=None, comment=error.one_line())
        return upload
    upload.state, upload.contents, upload.verified_at = UploadState.VALID, contents, timezone.now()
    upload.error_code = upload.error_message = ""
    upload.save(update_fields=["state", "contents", "verified_at", "error_code", "error_message"])
    record_event(target=upload.listing, action="package-verified", actor=None, comment=upload.sha256)
    listing_fill_from_package(listing=upload.listing, contents=contents)
    return upload


def raw_source_path(upload: PackageUpload) -> Path:
    """The raw upload as `productize` reads it, beside the stored chunks' file: the file under its own name
    (readers go by the extension), or — for a .zip of raw files — the folder it unpacks to (RawArchiveError
    when that is unsafe)."""
    name = Path(upload.filename).name.strip() or "raw.csv"
    folder = upload_file_path(upload).with_name(f"{upload.pk}-raw")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if is_archive(name):
        limit = settings.MFGDATA_MAX_UPLOAD_BYTES * 4
        return unpack_raw_archive(upload_file_path(upload), folder / Path(name).stem, max_total_bytes=limit)
    shutil.copyfile(upload_file_path(upload), folder / name)
    return folder / name


def productize_folder(upload: PackageUpload) -> Path:
    """Where the productize job builds the product project of a raw upload (named after the listing's slug)."""
    return upload_file_path(upload).with_name(f"{upload.pk}-product") / upload.listing.slug


@transaction.atomic
def upload_attach_package(*, raw_upload_id: int, package: Path) -> PackageUpload:
    """Make the package productize built from a raw upload the listing's next upload, verified like any other.

    It becomes a package upload of the same seller (state `verifying`) and goes through the same
    `verify_package` job as a package a seller uploads: manifest hashes, then quality recomputed, never trusted.
    """
    raw = PackageUpload.objects.select_for_update().select_related("listing").get(pk=raw_upload_id)
    if Listing.objects.select_for_update().get(pk=raw.listing_id).status not in EDITABLE:
        raise SiteError(
            "listing-not-editable",
            "상품을 만드는 동안 등록 요청이 제출되어 새 패키지를 붙이지 않았습니다. "
            "보완 요청을 받은 뒤 원천 파일을 다시 올리세요.",
            "The request was submitted while the product was being made, so the new package was not attached; "
            "upload the raw files again once changes are requested.",
        )
    upload = PackageUpload.objects.create(
        listing=raw.listing,
        uploaded_by=raw.uploaded_by,
        kind=UploadKind.PACKAGE,
        filename=package.name[:255],
        total_bytes=package.stat().st_size,
        chunk_bytes=settings.MFGDATA_UPLOAD_CHUNK_BYTES,
        state=UploadState.VERIFYING,
    )
    path = upload_file_path(upload)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(package, path)
    upload.sha256 = sha256_of(path)
    upload.save(update_fields=["sha256"])
    record_event(
        target=raw.listing,
        action="upload",
        actor=None,
        comment=f"{upload.filename} (productize ← {raw.filename}) sha256 {upload.sha256}",
    )
    from mfgdata.web.jobs.services import job_enqueue

    transaction.on_commit(lambda: job_enqueue(kind="verify_package", upload_id=upload.pk))
    return upload


@transaction.atomic
def upload_refuse_raw(*, upload_id: int, code: str, message_ko: str) -> PackageUpload:
    """Record why raw files could not become a product, and tell the seller who uploaded them (in Korean)."""
    from mfgdata.web.core.services import notification_send

    upload = PackageUpload.objects.select_for_update().select_related("listing", "uploaded_by").get(pk=upload_id)
    upload.state, upload.error_code, upload.error_message = UploadState.INVALID, code[:60], message_ko
    upload.save(update_fields=["state", "error_code", "error_message"])
    record_event(target=upload.listing, action="productize-failed", actor=None, comment=message_ko)
    notification_send(
        user=upload.uploaded_by,
        subject=f"원천 파일로 상품을 만들지 못했습니다: {upload.listing.title_ko}",
        body=f"{upload.filename}: {message_ko}",
        link=reverse("listings:detail", kwargs={"pk": upload.listing_id}),
    )
    return upload
