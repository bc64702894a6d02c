"""`init`: a product project folder from raw files — conceptualization and classification in one go.

Profiles the inputs and writes, into the project folder: profile.json, contract.yaml, product.yaml,
equipment.yaml, recipe.yaml and sources.yaml. Raw files are referenced (absolute paths with their sha256),
never copied. Side files the reader left out (`source.other_files`) that read as defect lists are profiled
too, so the recipe can join them. Nothing here uses the network.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from mfgdata.dictionary.category import classify
from mfgdata.dictionary.contract import load_contract, write_contract
from mfgdata.dictionary.evidence import gather_evidence
from mfgdata.dictionary.product import equipment_yaml, product_yaml, write_text
from mfgdata.dictionary.recipe_draft import draft_recipe
from mfgdata.dictionary.roles import assign_roles
from mfgdata.dictionary.yamltext import commented
from mfgdata.errors import InputError, input_error
from mfgdata.profiling import profile_paths, write_json

PROJECT_FILES = ("product.yaml", "contract.yaml", "recipe.yaml", "equipment.yaml", "sources.yaml", "profile.json")


def _silent(_step: str) -> None:
    return None


def _refuse_existing(out_dir: Path, force: bool) -> None:
    if force or not (out_dir / "product.yaml").exists():
        return
    raise input_error(
        "project-exists",
        out_dir,
        "이 폴더에는 이미 상품 프로젝트(product.yaml)가 있습니다. 다른 폴더를 고르거나 --force로 덮어쓰세요.",
        "This folder already holds a product project (product.yaml). Choose another folder or overwrite with --force.",
    )


def label_side_profiles(profile: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Profiles of the side files that read as defect lists (`Error Lot list.csv`), keyed by path.

    A side file that cannot be read is skipped: the category still counts it by name, and the recipe
    simply has no join for it.
    """
    wanted = set(gather_evidence(profile).label_files)
    found: dict[str, dict[str, Any]] = {}
    for path in (profile.get("source") or {}).get("other_files", []):
        if Path(path.split("#")[0]).name not in wanted:
            continue
        try:
            found[path] = profile_paths([path])
        except InputError:
            continue
    return found


def _file_entries(profile: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"path": str(Path(entry["path"]).resolve()), "bytes": entry["bytes"], "sha256": entry["sha256"]}
        for entry in (profile.get("source") or {}).get("files", [])
    ]


def sources_yaml(raw_paths: list[Path], profile: dict[str, Any], sides: dict[str, dict[str, Any]]) -> str:
    """The text of sources.yaml: what was read (absolute paths) and each file's sha256."""
    source = profile.get("source") or {}
    data = {
        "inputs": [str(Path(path).resolve()) for path in raw_paths],
        "format": source.get("format"),
        "encoding": source.get("encoding"),
        "files": _file_entries(profile),
        "label_files": [entry for side in sides.values() for entry in _file_entries(side)],
        "other_files": [str(Path(path).resolve()) for path in source.get("other_files", [])],
    }
    header = [
        "원천 파일 — 복사하지 않고 참조합니다. 원천이 바뀌었는지 build가 알 수 있게 sha256을 적어 둡니다.",
        "Raw files, referenced (not copied) with their sha256 so a build can tell when they change.",
    ]
    return commented([(header, data)])


def _suggest_quality(profile: dict[str, Any], contract_path: Path) -> None:
    """Fill the contract's quality sections with the suggested suite (a person edits it afterwards)."""
    from mfgdata.quality.suggest import fill_contract, suggest

    contract = yaml.safe_load(contract_path.read_text(encoding="utf-8"))
    fill_contract(contract_path, suggest(profile, contract))


def init_project(
    raw_paths: list[Path],
    out_dir: Path,
    force: bool = False,
    on_step: Callable[[str], None] = _silent,
) -> Path:
    """Create a product project in `out_dir` from raw files and return the folder.

    Refuses a folder that already has product.yaml unless `force`; raises InputError for unreadable input.
    `on_step` is told what is being done (for a progress display), in Korean and English.
    """
    out_dir = Path(out_dir)
    _refuse_existing(out_dir, force)
    profile = profile_paths(raw_paths, on_step)
    on_step("개념화와 분류 중 (conceptualizing and classifying)")
    sides = label_side_profiles(profile)
    roles = assign_roles(profile)
    classification = classify(profile, roles)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_json(profile, out_dir / "profile.json")
    contract_path = write_contract(profile, out_dir / "contract.yaml", roles, classification)
    _suggest_quality(profile, contract_path)
    contract = load_contract(contract_path)
    write_text(out_dir / "product.yaml", product_yaml(profile, roles, classification))
    write_text(out_dir / "equipment.yaml", equipment_yaml(profile, roles, classification))
    write_text(out_dir / "recipe.yaml", draft_recipe(profile, contract, out_dir, sides))
    write_text(out_dir / "sources.yaml", sources_yaml(raw_paths, profile, sides))
    return out_dir
