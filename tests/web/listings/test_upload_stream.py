"""Ordered (API) uploads: chunks streamed in one pass, the whole file's sha256 kept as they arrive in order, and
the file read again at `complete` whenever that running digest does not cover every chunk."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest

from mfgdata.web.core.errors import SiteError
from mfgdata.web.listings import upload_services, upload_stream
from mfgdata.web.listings.models import PackageUpload
from mfgdata.web.listings.upload_services import (
    received_chunks,
    upload_chunk_receive,
    upload_chunk_stream,
    upload_complete,
    upload_file_path,
    upload_start,
)

pytestmark = pytest.mark.django_db


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Sliced(io.RawIOBase):
    """A stream that hands out at most 1000 bytes per read, like a socket (and has `readinto`)."""

    def __init__(self, data: bytes) -> None:
        self.inner = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(min(len(buffer), 1000))
        buffer[: len(data)] = data
        return len(data)


def _open(seller: Any, draft: Any, data: bytes) -> tuple[PackageUpload, list[bytes]]:
    upload = upload_start(user=seller, listing=draft, filename="p.zip", total_bytes=len(data), chunk_bytes=64_000)
    size = upload.chunk_bytes
    return upload, [data[i * size : (i + 1) * size] for i in range(upload.chunk_count)]


def _send(
    seller: Any, upload: PackageUpload, index: int, body: bytes, sha256: str = "", sliced: bool = False, size: int = 0
) -> None:
    stream = _Sliced(body) if sliced else io.BytesIO(body)
    upload_chunk_stream(
        user=seller,
        upload=upload,
        index=index,
        offset=index * upload.chunk_bytes,
        size=size or len(body),
        stream=stream,
        sha256=sha256 or _sha(body),
    )


@pytest.fixture
def data() -> bytes:
    return bytes(range(256)) * 700 + b"tail"  # 179 204 bytes: three chunks of 64 000, the last one short


def test_an_ordered_upload_completes_from_the_running_digest_without_reading_the_file(
    seller, draft, data, monkeypatch
) -> None:
    upload, chunks = _open(seller, draft, data)
    for index, chunk in enumerate(chunks):
        _send(seller, upload, index, chunk, sliced=index == 1)
    _send(seller, upload, 0, chunks[0])  # a resend after a lost answer changes nothing
    monkeypatch.setattr(upload_services, "sha256_of", lambda path: pytest.fail("the file was read again"))
    done = upload_complete(user=seller, upload=upload, expected_sha256=_sha(data))
    assert done.sha256 == _sha(data) and upload_file_path(done).read_bytes() == data


def test_a_refused_chunk_never_enters_the_running_digest(seller, draft, data) -> None:
    upload, chunks = _open(seller, draft, data)
    _send(seller, upload, 0, chunks[0])
    garbage = b"x" * len(chunks[1])
    with pytest.raises(SiteError) as mismatch:
        _send(seller, upload, 1, garbage, sha256=_sha(chunks[1]))
    assert mismatch.value.code == "chunk-hash-mismatch"
    with pytest.raises(SiteError) as cut:
        _send(seller, upload, 1, chunks[1][:100], sha256=_sha(chunks[1]), size=len(chunks[1]))  # connection lost
    assert cut.value.code == "chunk-bad-size"
    assert received_chunks(upload) == [0]
    for index in (1, 2):
        _send(seller, upload, index, chunks[index])
    done = upload_complete(user=seller, upload=upload, expected_sha256=_sha(data))
    assert done.sha256 == _sha(data)


def test_a_wrong_whole_file_digest_is_still_refused(seller, draft, data) -> None:
    upload, chunks = _open(seller, draft, data)
    for index, chunk in enumerate(chunks):
        _send(seller, upload, index, chunk)
    with pytest.raises(SiteError) as refused:
        upload_complete(user=seller, upload=upload, expected_sha256=_sha(data + b"changed"))
    assert refused.value.code == "upload-hash-mismatch"


def test_after_a_restart_complete_reads_the_file_and_finds_a_damaged_one(seller, draft, data) -> None:
    upload, chunks = _open(seller, draft, data)
    _send(seller, upload, 0, chunks[0])
    upload_stream._running.clear()  # the server restarted between chunks: the running digest is gone
    for index in (1, 2):
        _send(seller, upload, index, chunks[index])
    with upload_file_path(upload).open("r+b") as handle:  # the disk lost a byte meanwhile
        handle.write(b"!")
    with pytest.raises(SiteError) as refused:
        upload_complete(user=seller, upload=upload, expected_sha256=_sha(data))
    assert refused.value.code == "upload-hash-mismatch"


def test_site_form_chunks_mixed_with_the_apis_still_complete_with_the_right_digest(seller, draft, data) -> None:
    upload, chunks = _open(seller, draft, data)
    _send(seller, upload, 0, chunks[0])
    upload_chunk_receive(user=seller, upload=upload, index=2, data=chunks[2], sha256=_sha(chunks[2]))
    _send(seller, upload, 1, chunks[1])
    done = upload_complete(user=seller, upload=upload, expected_sha256=_sha(data))
    assert done.sha256 == _sha(data) and upload_file_path(done).read_bytes() == data
