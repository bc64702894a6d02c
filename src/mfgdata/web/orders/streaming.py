"""Serve a file with HTTP Range support (one range per request, as download managers ask for)."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator
from pathlib import Path

from django.http import HttpResponse, StreamingHttpResponse

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
BLOCK = 256 * 1024


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single `bytes=` range; None for no/unsupported header; ValueError if unsatisfiable."""
    match = RANGE.match(header.strip()) if header else None
    if match is None:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        length = int(last)
        if length == 0:
            raise ValueError("empty suffix range")
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        raise ValueError("range outside the file")
    return start, end


def _blocks(path: Path, start: int, end: int) -> Iterator[bytes]:
    with path.open("rb") as stream:
        stream.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            block = stream.read(min(BLOCK, remaining))
            if not block:
                return
            remaining -= len(block)
            yield block


def stream_file(path: Path, range_header: str, download_name: str) -> HttpResponse | StreamingHttpResponse:
    size = path.stat().st_size
    try:
        wanted = parse_range(range_header, size)
    except ValueError:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    start, end = wanted if wanted else (0, size - 1)
    response = StreamingHttpResponse(_blocks(path, start, end), status=206 if wanted else 200)
    response["Content-Type"] = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    response["Content-Length"] = str(end - start + 1 if size else 0)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{download_name}"
    response["Cache-Control"] = "private, no-store"
    if wanted:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response
