"""Where the client's token comes from, and that the credentials file stays private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mfgdata.client.config import ConfigError, credentials_path, save_token, token_for


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("MFGDATA_TOKEN", raising=False)


def test_a_saved_token_is_private_and_found_for_its_server_only() -> None:
    path = save_token("http://127.0.0.1:8000/", "mfg_abc_secret")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert token_for("http://127.0.0.1:8000") == "mfg_abc_secret"
    assert token_for("http://other.example:8000") is None


def test_the_environment_wins_over_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    save_token("http://127.0.0.1:8000", "from-file")
    monkeypatch.setenv("MFGDATA_TOKEN", "from-env")
    assert token_for("http://127.0.0.1:8000") == "from-env"


def test_a_credentials_file_others_can_read_is_refused() -> None:
    save_token("http://127.0.0.1:8000", "secret")
    os.chmod(credentials_path(), 0o644)
    with pytest.raises(ConfigError) as refused:
        token_for("http://127.0.0.1:8000")
    assert refused.value.code == "credentials-file-unsafe" and "chmod 600" in refused.value.one_line()


def test_a_server_address_without_a_scheme_is_refused() -> None:
    with pytest.raises(ConfigError) as refused:
        token_for("127.0.0.1:8000")
    assert refused.value.code == "bad-server-url"
