"""Where the pseudonymisation key comes from: never the project, never an output.

`MFGDATA_PSEUDONYM_KEY` in the environment, else the file `$XDG_CONFIG_HOME/mfgdata/pseudonym.key`
(`~/.config/mfgdata/pseudonym.key` when XDG_CONFIG_HOME is not set). The same key gives the same
pseudonyms across builds and products, so keep it safe and keep it the same.
"""

from __future__ import annotations

import os
from pathlib import Path

from mfgdata.prep.errors import StepError

ENVIRONMENT_VARIABLE = "MFGDATA_PSEUDONYM_KEY"
MIN_LENGTH = 16


def key_file() -> Path:
    """The key file in the user's config folder."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "mfgdata" / "pseudonym.key"


def load_key() -> bytes:
    """The key as bytes; StepError saying how to set one when there is none or it is too short."""
    text = os.environ.get(ENVIRONMENT_VARIABLE)
    where = f"${ENVIRONMENT_VARIABLE}"
    if not text:
        path = key_file()
        text = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
        where = str(path)
    if not text:
        path = key_file()
        raise StepError(
            "pseudonym-key-missing",
            f"가명처리 키가 없습니다. 환경변수 {ENVIRONMENT_VARIABLE}에 비밀값을 넣거나 {path} 파일에 저장하세요. "
            f'예: mkdir -p {path.parent} && python -c "import secrets; print(secrets.token_hex(32))" > {path} '
            "— 이 키는 프로젝트나 상품에 넣지 말고 안전하게 보관하세요.",
            f"No pseudonymisation key. Set the environment variable {ENVIRONMENT_VARIABLE} "
            f"or write a secret to {path}, "
            f'e.g. mkdir -p {path.parent} && python -c "import secrets; print(secrets.token_hex(32))" > {path}. '
            "Keep it out of projects and packages.",
            "columns",
        )
    if len(text) < MIN_LENGTH:
        raise StepError(
            "pseudonym-key-short",
            f"가명처리 키({where})가 너무 짧습니다. {MIN_LENGTH}자 이상(권장 64자)의 임의 값을 쓰세요.",
            f"The pseudonymisation key ({where}) is too short. Use a random value of at least {MIN_LENGTH} "
            "characters (64 recommended).",
            "columns",
        )
    return text.encode("utf-8")
