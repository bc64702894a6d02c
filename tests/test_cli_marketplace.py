"""`mfgdata publish|search|buy|download` refusing bad input before any upload: exit 2, a message in Korean and
English, no traceback (the commands against a live server are tested in tests/web/api/test_client_end_to_end.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path


def _run(*args: str | Path, home: Path, token: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    env.pop("MFGDATA_TOKEN", None)
    if token:
        env["MFGDATA_TOKEN"] = token
    command = [sys.executable, "-m", "mfgdata", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def test_publish_without_a_token_says_where_to_get_one(tmp_path: Path) -> None:
    package = tmp_path / "p.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("manifest.json", "{}")
    result = _run("publish", package, "--server", "http://127.0.0.1:9", home=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "token-missing" in result.stderr and "MFGDATA_TOKEN" in result.stderr and "mfgdata login" in result.stderr


def test_publish_of_a_file_that_is_not_a_package_is_refused_before_any_upload(tmp_path: Path) -> None:
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("not a zip", encoding="utf-8")
    result = _run("publish", not_zip, "--server", "http://127.0.0.1:9", home=tmp_path, token="mfg_x_y")
    assert result.returncode == 2 and "not-a-package" in result.stderr and "Traceback" not in result.stderr
    missing = _run("publish", tmp_path / "nope", "--server", "http://127.0.0.1:9", home=tmp_path, token="mfg_x_y")
    assert missing.returncode == 2 and "no-such-package" in missing.stderr


def test_a_server_address_without_a_scheme_is_a_clear_error(tmp_path: Path) -> None:
    result = _run("search", "도금", "--server", "127.0.0.1:8000", home=tmp_path)
    assert result.returncode == 2 and "bad-server-url" in result.stderr and "http://" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_world_readable_token_file_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config" / "mfgdata"
    config.mkdir(parents=True)
    (config / "credentials.json").write_text('{"tokens": {"http://127.0.0.1:9": "mfg_x_y"}}', encoding="utf-8")
    os.chmod(config / "credentials.json", 0o644)
    result = _run("download", "some-product", "--server", "http://127.0.0.1:9", home=tmp_path)
    assert result.returncode == 2 and "credentials-file-unsafe" in result.stderr and "chmod 600" in result.stderr
