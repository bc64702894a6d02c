"""`mfgdata serve` and `mfgdata demo`: the site and its database worker in one command.

The web server is Django's threaded WSGI server with the static files handler (assets installed by `make`
into the package's static folder; nothing is fetched at run time). The django-tasks database worker runs as
a child process and is stopped with the server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mfgdata.web.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def start_worker() -> subprocess.Popen[bytes]:
    """The django-tasks database worker, as a child process on the same database."""
    command = [sys.executable, "-m", "mfgdata.web.manage", "db_worker", "--interval", "1", "--no-reload"]
    return subprocess.Popen(command, env=os.environ.copy())


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _serve_forever(host: str, port: int) -> None:
    """Django's threaded WSGI server (as `django.core.servers.basehttp.run`), with Nagle's algorithm off: the
    server writes a response's head and body separately, and with Nagle on, a keep-alive client's delayed
    acknowledgement held every response back ~40 ms (a quarter of each 32 MiB upload chunk's time)."""
    import socketserver

    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
    from django.core.wsgi import get_wsgi_application

    handler = type("RequestHandler", (WSGIRequestHandler,), {"disable_nagle_algorithm": True})
    server_class = type("WSGIServer", (socketserver.ThreadingMixIn, WSGIServer), {"daemon_threads": True})
    httpd = server_class((host, port), handler, ipv6=False)
    httpd.set_app(StaticFilesHandler(get_wsgi_application()))
    httpd.serve_forever()


def run_server(port: int, host: str = "127.0.0.1", say: Callable[[str], None] = print) -> None:
    """Serve until interrupted, with the worker running beside the server."""
    worker = start_worker()
    signal.signal(signal.SIGTERM, _stop)  # `kill` stops the worker too
    say(f"http://{host}:{port}/")
    try:
        _serve_forever(host, port)
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def demo(*, load_only: bool, port: int, say: Callable[[str], None] = print) -> None:
    """Migrate, load the demo data (with KAMP listings when the shared data folder exists), then serve."""
    setup_django()
    migrate()
    from django.test.utils import override_settings

    from mfgdata.web.demo.loader import load_demo

    _demo_pseudonym_key(say)
    shared = Path(os.environ.get("MFGDATA_SHARED_DATA", Path(__file__).resolve().parents[3].parent / "shared" / "data"))
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):  # no demo mail flood
        load_demo(say, shared_data=shared if shared.is_dir() else None)
    if not load_only:
        run_server(port, say=say)


def _demo_pseudonym_key(say: Callable[[str], None]) -> None:
    """The demo seller's pseudonymisation key: theirs when configured, else one made once in the var folder.

    Packaging pseudonymises identifiers in samples; a real seller keeps their own key (see
    `mfgdata.prep.pseudonym_key`). The demo must run on a fresh machine, so it keeps a demo key beside the
    site's other generated secrets, never in the repository or a package.
    """
    import secrets

    from django.conf import settings

    from mfgdata.prep.pseudonym_key import ENVIRONMENT_VARIABLE, key_file

    if os.environ.get(ENVIRONMENT_VARIABLE) or key_file().is_file():
        return
    path = Path(settings.VAR_DIR) / "demo-pseudonym.key"
    if not path.is_file():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
        say(f"데모 가명처리 키를 만들었습니다 (demo pseudonymisation key): {path}")
    os.environ[ENVIRONMENT_VARIABLE] = path.read_text(encoding="utf-8").strip()


def serve(*, port: int, say: Callable[[str], None] = print) -> None:
    setup_django()
    migrate()
    run_server(port, say=say)
