"""Where the client's token comes from: `MFGDATA_TOKEN`, or the user's credentials file (mode 0600).

The credentials file is `$XDG_CONFIG_HOME/mfgdata/credentials.json` (`~/.config/...` by default) and maps a
server URL to its token. Like ssh, a file others can read is refused rather than used: a token is a password.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from mfgdata.errors import ErrorText, MfgdataError

TOKEN_ENV = "MFGDATA_TOKEN"


class ConfigError(MfgdataError):
    """The token cannot be found or the credentials file is unsafe or unreadable."""


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "mfgdata"


def credentials_path() -> Path:
    return config_dir() / "credentials.json"


def normalise_server(server: str) -> str:
    """`http://host:8000/` and `http://host:8000` name the same server."""
    server = server.strip().rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise ConfigError(
            "bad-server-url",
            ErrorText(
                ko=f"서버 주소는 http:// 또는 https:// 로 시작해야 합니다: {server}",
                en=f"The server URL must start with http:// or https://: {server}",
            ),
        )
    return server


def _read_credentials(path: Path) -> dict[str, str]:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(
            "credentials-file-unsafe",
            ErrorText(
                ko=f"토큰 파일을 다른 사용자가 읽을 수 있습니다. `chmod 600 {path}` 후 다시 실행하세요.",
                en=f"The token file is readable by others; run `chmod 600 {path}` and try again.",
            ),
            path,
        )
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(
            "credentials-file-broken",
            ErrorText(ko="토큰 파일을 읽을 수 없습니다.", en="The token file cannot be read."),
            path,
        ) from error
    tokens = document.get("tokens") if isinstance(document, dict) else None
    return {str(k): str(v) for k, v in tokens.items()} if isinstance(tokens, dict) else {}


def token_for(server: str) -> str | None:
    """The token to use for `server`: the environment first, then the credentials file; None if neither."""
    server = normalise_server(server)
    from_env = os.environ.get(TOKEN_ENV, "").strip()
    if from_env:
        return from_env
    path = credentials_path()
    if not path.is_file():
        return None
    return _read_credentials(path).get(server)


def save_token(server: str, token: str) -> Path:
    """Store `token` for `server` in the credentials file, created with mode 0600 (never wider)."""
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tokens = _read_credentials(path) if path.is_file() else {}
    tokens[normalise_server(server)] = token.strip()
    text = json.dumps({"tokens": tokens}, ensure_ascii=False, indent=2)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path
