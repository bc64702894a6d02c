"""Reading and rewriting a product project's YAML files while keeping their leading comment block."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from mfgdata.dictionary.yamltext import dump
from mfgdata.standards.errors import standards_error

CONTRACT_FILE = "contract.yaml"
BUILT_CONTRACT = Path("build") / "contract.yaml"


def read_yaml(path: Path) -> dict[str, Any]:
    """A project YAML file as a mapping; a missing or broken one is refused naming it."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise standards_error(
            "project-file-missing",
            path,
            "파일이 없습니다. 먼저 mfgdata init으로 상품 프로젝트를 만드세요.",
            "The file is missing. Create the product project with mfgdata init first.",
        ) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" {mark.line + 1}" if mark else ""
        raise standards_error(
            "project-file-broken", path, f"YAML을 읽을 수 없습니다(줄{line}).", f"Broken YAML (line{line}): {error}"
        ) from error
    if not isinstance(document, dict):
        raise standards_error("project-file-broken", path, "YAML 매핑이 아닙니다.", "The file is not a YAML mapping.")
    return document


def leading_comments(path: Path) -> str:
    """The comment lines at the top of a file (kept when the file is rewritten)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def rewrite_yaml(path: Path, document: dict[str, Any]) -> None:
    """Write `document` to `path` atomically, after the file's original leading comments."""
    text = leading_comments(path) + dump(document)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


def contract_path(project: Path) -> Path:
    """The contract describing the built data: build/contract.yaml when a build wrote one, else contract.yaml."""
    built = project / BUILT_CONTRACT
    return built if built.is_file() else project / CONTRACT_FILE
