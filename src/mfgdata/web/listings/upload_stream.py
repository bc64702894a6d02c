"""Receiving a chunk of an ordered upload fast: one pass over the bytes, hashed twice at once, written in place.

The API's chunks arrive in order, so besides each chunk's own sha256 (checked before the chunk counts) the
server keeps a running sha256 of the whole file, advanced by every new chunk in order. `complete` then needs
no second read of the file. The running digest lives in this process's memory only: after a restart, or when
another process received some of the chunks, it does not cover the whole file and `complete` reads the file
as before — it is an optimisation, never a source of truth the file could disagree with.

Why the running digest can be trusted when it covers every chunk: a chunk's bytes are written only while the
file's exclusive lock is held and only when no row for that chunk exists yet (checked inside the lock); a
received chunk is never written again. So the bytes hashed into the running digest are the bytes on disk.

No fsync per chunk (nor at `complete`): a process that dies leaves its written pages in the OS's cache, and
an OS crash loses this memory too, so `complete` falls back to reading the file and compares it with the
client's digest; after `complete` the verification job reads the whole package anyway.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

BLOCK = 4 * 1024 * 1024  # large blocks: hashlib releases the GIL and the syscalls are few
KEEP_DIGESTS = 1024  # running digests kept (an abandoned upload's is dropped eventually)
_HASHERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="upload-sha256")


@dataclass
class _Running:
    next_index: int
    digest: Any  # hashlib's sha256 object


Key = tuple[int, str]  # the upload's id and creation time: an id a database reuses never meets a stale digest
_running: OrderedDict[Key, _Running] = OrderedDict()
_running_lock = threading.Lock()


def running_digest_for(key: Key, index: int) -> Any | None:
    """A copy of the whole-file digest up to chunk `index` (a fresh one for chunk 0), or None if not kept."""
    if index == 0:
        return hashlib.sha256()
    with _running_lock:
        state = _running.get(key)
        return state.digest.copy() if state is not None and state.next_index == index else None


def running_digest_advance(key: Key, index: int, digest: Any) -> None:
    """Record that `digest` covers chunks `0…index`, when it starts the file (chunk 0 is written once per upload)
    or continues what is kept; anything else leaves it alone (and `complete` reads the file)."""
    with _running_lock:
        state = _running.get(key)
        if index == 0 or (state is not None and state.next_index == index):
            _running[key] = _Running(index + 1, digest)
            _running.move_to_end(key)
            while len(_running) > KEEP_DIGESTS:
                _running.popitem(last=False)


def running_digest_forget(key: Key) -> None:
    """Drop the running digest (a chunk was written some other way, out of order)."""
    with _running_lock:
        _running.pop(key, None)


def running_digest_take(key: Key, chunk_count: int) -> str | None:
    """The whole file's sha256 when the running digest covers all `chunk_count` chunks, else None; forgets it."""
    with _running_lock:
        state = _running.pop(key, None)
    if state is None or state.next_index != chunk_count:
        return None
    return state.digest.hexdigest()


@contextmanager
def locked_file(path: Path) -> Iterator[int]:
    """The upload's file opened for writing, under an exclusive lock (one chunk writer at a time, any process)."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # releases the lock


def _block_reader(stream: BinaryIO, size: int) -> Callable[[int], memoryview]:
    """Blocks of `stream` as views: read into one reused buffer when the stream can (`readinto`), else the
    bytes `read` returns, as they are (no second copy)."""
    readinto = getattr(stream, "readinto", None)
    if readinto is None:
        return lambda wanted: memoryview(stream.read(wanted))
    buffer = memoryview(bytearray(min(BLOCK, size) or 1))
    return lambda wanted: buffer[: readinto(buffer[:wanted])]


def stream_chunk(
    *, stream: BinaryIO, size: int, fd: int | None, offset: int, whole: Any | None, cut_short: Callable[[], Exception]
) -> str:
    """Copy `size` bytes of `stream` to `fd` at `offset` (or only read them when `fd` is None), feeding `whole`
    too, and return the bytes' own sha256. The two digests run on two threads (hashlib releases the GIL)."""
    chunk, remaining, position = hashlib.sha256(), size, offset
    read = _block_reader(stream, size)
    while remaining:
        view = read(min(BLOCK, remaining))
        got = len(view)
        if not got:
            raise cut_short()
        pending = _HASHERS.submit(whole.update, view) if whole is not None else None
        chunk.update(view)
        if fd is not None:
            write_all(fd, view, position)
        if pending is not None:
            pending.result()
        remaining, position = remaining - got, position + got
    return chunk.hexdigest()


def write_all(fd: int, view: memoryview, position: int) -> None:
    """Write all of `view` at `position` (pwrite: no seek, so no shared file position to race on)."""
    while view:
        written = os.pwrite(fd, view, position)
        view, position = view[written:], position + written
