"""`mfgdata publish`: register a package as a registration request, upload it resumably, submit it for review.

The client keeps, per server and package digest, which listing and upload it made (a small JSON file in the
user's cache folder), so a re-run after a broken connection continues: it asks the server which chunks it
already holds and sends only the others, in order. Nothing is submitted until the server has re-verified the
whole package itself; a package the server refuses is reported with the server's reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from mfgdata.client.http import ApiClient, ApiError
from mfgdata.errors import ErrorText, InputError, input_error

EDITABLE = {"draft", "changes_requested"}
VERIFYING = {"receiving", "verifying"}
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PublishResult:
    listing_id: int
    status: str
    review_url: str
    resumed_chunks: int
    sent_chunks: int


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mfgdata" / "publish"


def package_for(target: Path) -> tuple[Path, str]:
    """The package to publish for `target` and how it was found: a zip as given; for a product project folder
    the zip its `package` step wrote, made again (`packaged`) when missing or older than the project's files."""
    from mfgdata.packaging import package_project
    from mfgdata.packaging.project import load_project

    if target.is_file():
        return target, "given"
    if not target.is_dir():
        raise input_error(
            "no-such-package", target, "패키지 파일이나 상품 프로젝트 폴더가 없습니다.", "No such package or project."
        )
    project = load_project(target)
    built = project.build / f"{project.slug}-{project.version}.zip"
    sources = [project.folder / "product.yaml", project.contract_path, *(project.build / "data").glob("*")]
    newest = max((p.stat().st_mtime for p in sources if p.is_file()), default=0.0)
    if built.is_file() and built.stat().st_mtime >= newest:
        return built, "built"
    return package_project(target).zip_path, "packaged"


def listing_basics(package: Path) -> dict[str, Any]:
    """The registration request's basic information, from the package's manifest (the server re-reads it)."""
    try:
        with zipfile.ZipFile(package) as archive:
            manifest = json.loads(archive.read("manifest.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise input_error(
            "not-a-package",
            package,
            "상품 패키지(zip, manifest.json 포함)가 아닙니다. `mfgdata package`로 만드세요.",
            "Not a product package (a zip with manifest.json); make one with `mfgdata package`.",
        ) from error
    product = manifest.get("product") or {}
    title, description = product.get("title") or {}, product.get("description") or {}
    basics = {
        "title_ko": title.get("ko") or title.get("en") or product.get("slug") or package.stem,
        "title_en": title.get("en", ""),
        "description_ko": description.get("ko", ""),
        "description_en": description.get("en", ""),
        "category": (product.get("category") or {}).get("id", ""),
        "process": product.get("process") or "",
        "keywords": [str(k) for k in product.get("keywords") or []][:30],
    }
    return {k: v for k, v in basics.items() if v not in ("", [])}


class PublishState:
    """What this machine already did for one package file (path, size, modification time) on one server."""

    def __init__(self, folder: Path, server: str, package: Path) -> None:
        info = package.stat()
        identity = f"{server}\n{package.resolve()}\n{info.st_size}\n{info.st_mtime_ns}"
        self.path = folder / f"{hashlib.sha256(identity.encode()).hexdigest()[:32]}.json"
        self.data: dict[str, Any] = {"server": server, "package": str(package.resolve())}
        if self.path.is_file():
            with contextlib.suppress(ValueError):
                self.data.update(json.loads(self.path.read_text(encoding="utf-8")))

    def save(self, **changes: Any) -> None:
        self.data.update(changes)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.data), encoding="utf-8")


def _existing_listing(client: ApiClient, state: PublishState) -> dict[str, Any] | None:
    listing_id = state.data.get("listing_id")
    if not listing_id:
        return None
    try:
        return client.call("GET", f"/listings/{listing_id}")
    except ApiError as error:
        if error.status in (403, 404):  # gone, or a token of another organisation: start afresh
            return None
        raise


def _open_upload(client: ApiClient, listing_id: int, state: PublishState, package: Path) -> dict[str, Any]:
    """The upload to continue (still receiving, or already closed for this digest) or a new one."""
    upload_id = state.data.get("upload_id")
    if upload_id:
        try:
            upload = client.call("GET", f"/listings/{listing_id}/uploads/{upload_id}")
        except ApiError as error:
            if error.status not in (403, 404):
                raise
        else:
            if upload["state"] != "invalid":
                return upload
    body = {"filename": package.name, "size": package.stat().st_size}
    upload = client.call("POST", f"/listings/{listing_id}/uploads", json=body, retry=False)
    state.save(upload_id=upload["id"])
    return upload


class _Reader:
    """Reads the package once, in order: the whole file's sha256 (which the server compares at the end) and, for
    each chunk the server lacks, the chunk and its own sha256. The next chunk is read and hashed in a background
    thread while the current one is sent (hashing and sockets release the GIL), the two digests on two threads.

    Chunks are read into two reused buffers, taking turns (chunk `i` is sent from one while `i+1` is read into
    the other), and sent as views of them: no copy per chunk, memory bounded by two chunks."""

    def __init__(self, stream: BinaryIO, chunk_bytes: int, skip: set[int], size: int) -> None:
        self.stream, self.skip, self.whole = stream, skip, hashlib.sha256()
        self.buffers = [memoryview(bytearray(max(1, min(chunk_bytes, size)))) for _ in range(2)]

    def _fill(self, buffer: memoryview) -> memoryview:
        filled = 0
        while filled < len(buffer):
            got = self.stream.readinto(buffer[filled:])
            if not got:
                break
            filled += got
        return buffer[:filled]

    def read(self, index: int, hasher: ThreadPoolExecutor) -> tuple[memoryview, str]:
        data = self._fill(self.buffers[index % 2])
        whole = hasher.submit(self.whole.update, data)
        digest = "" if index in self.skip else hashlib.sha256(data).hexdigest()
        whole.result()
        return data, digest

    def chunks(self, count: int) -> Iterator[tuple[int, memoryview, str]]:
        with ThreadPoolExecutor(max_workers=1) as pool, ThreadPoolExecutor(max_workers=1) as hasher:
            pending = pool.submit(self.read, 0, hasher)
            for index in range(count):
                data, digest = pending.result()
                if index + 1 < count:
                    pending = pool.submit(self.read, index + 1, hasher)
                yield index, data, digest


def _send_chunks(
    client: ApiClient, path: str, upload: dict[str, Any], package: Path, progress: Progress
) -> tuple[int, str]:
    """Send, in order, every chunk the server does not hold yet; returns how many were sent and the file's sha256."""
    size, chunk_bytes = package.stat().st_size, int(upload["chunk_bytes"])
    received, sent, done = set(upload.get("received") or []), 0, 0
    with package.open("rb") as stream:
        reader = _Reader(stream, chunk_bytes, received, size)
        for index, data, digest in reader.chunks(int(upload["chunk_count"])):
            if index not in received:
                headers = {
                    "Content-Type": "application/octet-stream",
                    "X-Chunk-Sha256": digest,
                    "X-Chunk-Offset": str(index * chunk_bytes),
                }
                client.call("PUT", f"{path}/chunks/{index}", data=data, headers=headers)
                sent += 1
            done += len(data)
            progress(done, size)
    return sent, reader.whole.hexdigest()


def _await_verification(client: ApiClient, path: str, wait_seconds: float) -> dict[str, Any]:
    deadline = time.monotonic() + wait_seconds
    while True:
        upload = client.call("GET", path)
        if upload["state"] not in VERIFYING or time.monotonic() >= deadline:
            return upload
        client.sleep(1.0)


@dataclass(frozen=True)
class UploadResult:
    path: str
    resumed_chunks: int
    sent_chunks: int


def upload_package(
    client: ApiClient, listing_id: int, package: Path, state: PublishState, progress: Progress
) -> UploadResult:
    """Open (or continue) the upload of `package`, send the chunks the server lacks, and close it."""
    upload = _open_upload(client, listing_id, state, package)
    path = f"/listings/{listing_id}/uploads/{upload['id']}"
    resumed = len(upload.get("received") or [])
    if upload["state"] != "receiving":  # closed by an earlier run whose answer was lost
        return UploadResult(path, resumed, 0)
    sent, digest = _send_chunks(client, path, upload, package, progress)
    try:
        client.call("POST", f"{path}/complete", json={"sha256": digest})
    except ApiError as error:
        if error.code == "upload-hash-mismatch":
            state.save(upload_id=None)  # the next run starts a fresh upload
        raise
    return UploadResult(path, resumed, sent)


def _refused(upload: dict[str, Any]) -> ApiError:
    return ApiError(
        upload.get("error_code") or "package-invalid",
        ErrorText(
            ko=f"서버가 패키지를 검증하지 못해 제출하지 않았습니다: {upload.get('error') or ''}",
            en=f"The server refused the package, so nothing was submitted: {upload.get('error') or ''}",
        ),
    )


def publish_package(
    client: ApiClient,
    package: Path,
    *,
    registration: dict[str, Any] | None = None,
    listing_id: int | None = None,
    state_folder: Path | None = None,
    wait_seconds: float = 600.0,
    progress: Progress = lambda done, total: None,
) -> PublishResult:
    """Create (or continue) the registration request for `package`, upload it, and submit it once verified.

    With `listing_id` the package goes to that existing listing (a new version after the operator requested
    changes) instead of a new registration request."""
    state = PublishState(state_folder or cache_dir(), client.server, package)
    if listing_id is not None and state.data.get("listing_id") != listing_id:
        state.save(listing_id=listing_id, upload_id=None)
        listing = client.call("GET", f"/listings/{listing_id}")
    else:
        listing = _existing_listing(client, state)
    if listing is None:
        body = {**listing_basics(package), **(registration or {})}
        listing = client.call("POST", "/listings", json=body, retry=False)
        state.save(listing_id=listing["id"], upload_id=None)
    if listing["status"] not in EDITABLE:
        return PublishResult(listing["id"], listing["status"], client.site_url(listing["review_url"]), 0, 0)
    uploaded = upload_package(client, listing["id"], package, state, progress)
    upload = _await_verification(client, uploaded.path, wait_seconds)
    if upload["state"] == "invalid":
        state.save(upload_id=None)
        raise _refused(upload)
    if upload["state"] != "valid":
        raise _still_verifying()
    listing = client.call("POST", f"/listings/{listing['id']}/submit", json={})
    review_url = client.site_url(listing["review_url"])
    return PublishResult(listing["id"], listing["status"], review_url, uploaded.resumed_chunks, uploaded.sent_chunks)


def _still_verifying() -> InputError:
    return InputError(
        "package-still-verifying",
        ErrorText(
            ko="서버가 아직 패키지를 검증하고 있습니다. 잠시 뒤 같은 명령을 다시 실행하면 제출합니다.",
            en="The server is still verifying the package; run the same command again later to submit it.",
        ),
    )
