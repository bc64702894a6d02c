"""Upload benchmark: a large package through the API (`mfgdata publish`'s upload) against copying it locally.

It migrates a fresh SQLite site in a scratch folder, loads the demo people (a verified, trained seller) and
gives the seller a `sell` token, writes a package of `--mb` MiB (incompressible data, stored), starts
`mfgdata serve` on loopback and times, with the client library the CLI uses:

- the chunked upload: one pass over the file by the client (each chunk's sha256 and the whole file's), every
  chunk sent in order, hashed and streamed to disk by the server,
- `complete`: the server compares the whole file's sha256 it kept while the chunks arrived, then queues the
  verification job,

against `cp` of the same file on the same disk and a copy in Python (the median of three each; page cache warm,
`sync` before every timed step). Target: upload ≤ 2× the copy.
The figures go into docs/benchmarks.md between the `upload_bench` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- upload_bench:start -->", "<!-- upload_bench:end -->"
BLOCK = 8 * 1024 * 1024


def write_package(path: Path, megabytes: int) -> Path:
    """A package-shaped zip: one stored, incompressible data file of `megabytes` MiB and a manifest."""
    import hashlib
    import json

    digest = hashlib.sha256()
    data = path.with_suffix(".data")
    with data.open("wb") as sink:
        for _ in range(megabytes // 8):
            block = os.urandom(BLOCK)
            digest.update(block)
            sink.write(block)
    manifest = {
        "format": "mfgdata-package/1",
        "product": {"slug": "upload-bench", "version": "1.0.0", "title": {"ko": "업로드 벤치"}},
        "files": [{"path": "data/blob.bin", "sha256": digest.hexdigest(), "bytes": data.stat().st_size}],
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        archive.write(data, "data/blob.bin")
        archive.writestr("manifest.json", json.dumps(manifest))
    data.unlink()
    return path


def prepare_site(var_dir: Path) -> str:
    """Migrate, load the demo people and return a new `sell` token of the demo seller."""
    os.environ["MFGDATA_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mfgdata.web.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from mfgdata.web.accounts.models import User
    from mfgdata.web.api.services import access_token_create
    from mfgdata.web.demo.loader import load_people

    load_people(lambda _line: None)
    seller = User.objects.get(email="seller@demo.mfgdata.kr")
    return access_token_create(user=seller, name="upload bench", scopes=["sell"]).secret


def start_server(var_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MFGDATA_VAR_DIR": str(var_dir), "PYTHONPATH": str(ROOT / "src")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen([sys.executable, "-m", "mfgdata", "serve", "--port", str(port)], env=env)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not start")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far (Linux `/proc`; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, float] = {}  # CPU seconds of the last run of each step: a figure the machine's load barely moves


def time_copy(package: Path, target: Path) -> float:
    os.sync()  # every timed step starts with no dirty pages left by the one before
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run(["cp", str(package), str(target)], check=True)
    elapsed = time.perf_counter() - started
    CPU["cp"] = children_cpu() - cpu
    target.unlink()
    return elapsed


def time_python_copy(package: Path, target: Path) -> float:
    """A copy in user space, 1 MiB at a time (what any streaming receiver pays; `cp` copies inside the kernel)."""
    os.sync()
    started = time.perf_counter()
    with package.open("rb") as source, target.open("wb") as sink:
        for block in iter(lambda: source.read(1 << 20), b""):
            sink.write(block)
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


def time_sha256(package: Path) -> float:
    """One sha256 pass over the file (page cache warm): the unit of the upload's floor — each byte is hashed four
    times (chunk and whole file, on each side), which no transfer design removes while both digests are kept."""
    import hashlib

    started, digest = time.perf_counter(), hashlib.sha256()
    with package.open("rb") as source:
        for block in iter(lambda: source.read(8 << 20), b""):
            digest.update(block)
    return time.perf_counter() - started


def time_upload(server: str, token: str, package: Path, state: Path, server_pid: int) -> dict[str, float]:
    """The upload as `mfgdata publish` does it: one pass over the file (chunk and whole-file sha256 while
    sending), then `complete` (the server compares the whole-file sha256 it kept as the chunks arrived)."""
    from mfgdata.client import ApiClient
    from mfgdata.client.publish import PublishState, upload_package

    client = ApiClient(server, token, timeout=600)
    listing = client.call("POST", "/listings", json={"title_ko": "업로드 벤치", "category": "quality_prediction"})
    marks: list[float] = []
    os.sync()
    started, client_cpu, server_cpu = time.perf_counter(), own_cpu(), process_cpu(server_pid)
    upload_package(
        client,
        listing["id"],
        package,
        PublishState(state, client.server, package),
        lambda done, total: marks.append(time.perf_counter()) if done == total else None,
    )
    done = time.perf_counter()
    CPU["client"], CPU["server"] = own_cpu() - client_cpu, process_cpu(server_pid) - server_cpu
    return {"chunks sent": marks[-1] - started, "complete": done - marks[-1], "total": done - started}


def section(
    command: str,
    megabytes: int,
    copy_s: float,
    python_copy_s: float,
    sha_s: float,
    upload: dict[str, float],
    load: str,
) -> str:
    size = megabytes * 1024 * 1024
    ratio = upload["total"] / copy_s
    rows = [
        "| step | seconds | MiB/s |",
        "| --- | ---: | ---: |",
        f"| `cp` (local copy) | {copy_s:.2f} | {size / copy_s / 2**20:.0f} |",
        f"| copy in Python, 1 MiB blocks (reference) | {python_copy_s:.2f} | {size / python_copy_s / 2**20:.0f} |",
        f"| one sha256 pass over the file (reference) | {sha_s:.2f} | {size / sha_s / 2**20:.0f} |",
        *(f"| upload: {name} | {secs:.2f} | {size / secs / 2**20:.0f} |" for name, secs in upload.items()),
    ]
    verdict = "met" if ratio <= 2 else "**MISSED**"
    return "\n".join(
        [
            START,
            "## Package upload through the API against a local copy",
            "",
            f"Finished {dt.datetime.now(dt.UTC):%Y-%m-%dT%H:%M+00:00} with:",
            "",
            "```",
            command,
            "```",
            "",
            f"{megabytes} MiB package (stored, incompressible); copies: median of three; `sync` before each step; "
            "`mfgdata serve` (Django's threaded WSGI server, Nagle off) on loopback, SQLite (write-ahead log); "
            "32 MiB chunks streamed to disk in 4 MiB blocks; on each side every byte hashed twice (chunk and "
            "whole file, on two threads); "
            f"load average at the start: {load}.",
            "",
            *rows,
            "",
            f"- upload total / `cp` = {ratio:.2f}× — target ≤ 2× {verdict}",
            f"- upload total / copy in Python = {upload['total'] / python_copy_s:.2f}×",
            f"- CPU seconds (user + system; the load barely moves them): `cp` {CPU.get('cp', 0):.2f}, upload "
            f"{CPU.get('client', 0) + CPU.get('server', 0):.2f} (client {CPU.get('client', 0):.2f}, "
            f"server {CPU.get('server', 0):.2f})",
            END,
        ]
    )


def record(text: str) -> None:
    current = DOC.read_text(encoding="utf-8")
    if START in current and END in current:
        head, rest = current.split(START, 1)
        current = head + text + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n" + text + "\n"
    DOC.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=512, help="package size in MiB (a multiple of 8)")
    parser.add_argument("--port", type=int, default=8121)
    parser.add_argument("--no-record", action="store_true", help="print, do not write docs/benchmarks.md")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory(prefix="upload-bench-") as scratch:
        work = Path(scratch)
        token = prepare_site(work / "var")
        package = write_package(work / "upload-bench-1.0.0.zip", args.mb)
        load = "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
        server = start_server(work / "var", args.port)
        try:
            copy_s = statistics.median(time_copy(package, work / "copy.zip") for _ in range(3))
            python_copy_s = statistics.median(time_python_copy(package, work / "copy.zip") for _ in range(3))
            sha_s = statistics.median(time_sha256(package) for _ in range(3))
            upload = time_upload(f"http://127.0.0.1:{args.port}", token, package, work / "state", server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work / "var", ignore_errors=True)
    command = f".venv/bin/python bench/upload_bench.py --mb {args.mb}"
    text = section(command, args.mb, copy_s, python_copy_s, sha_s, upload, load)
    print(text)
    if not args.no_record:
        record(text)


if __name__ == "__main__":
    main()
