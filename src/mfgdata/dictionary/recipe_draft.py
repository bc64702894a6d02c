"""A first recipe.yaml: suggested preparation steps, each with why, from the profile and the contract.

Only the step types of the recipe step library are used: rename, drop, normalize-text, drop-duplicates,
sort, limits, derive, pseudonymise, drop-sensitive, split, join-labels. Roles and sensitivity are read
from the contract (so a person's edits there count); counts and the time axis from the profile. The order
is: names, text, privacy, duplicates, constant columns, labels, spec limits, order, split.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from open_data_contract_standard.model import OpenDataContractStandard

from mfgdata.dictionary.contract import custom_value
from mfgdata.dictionary.facts import spec_pairs, table_facts
from mfgdata.dictionary.recipe_labels import (
    Draft,
    join_side_labels,
    label_from_group,
    remaining_useful_life,
    series_id,
)
from mfgdata.dictionary.sensitivity import CONTACT
from mfgdata.dictionary.yamltext import commented

RATIOS = {"train": 0.7, "valid": 0.15, "test": 0.15}
SEED = 42
_GENERIC = re.compile(r"^column_\d+$")
_HEADER = [
    "전처리 레시피 초안 — mfgdata init이 제안한 단계입니다. 단계마다 why를 읽고 맞지 않으면 고치거나 지우세요.",
    "Draft preparation recipe suggested by mfgdata init. Read each step's `why`; edit or remove what does not fit.",
    "inputs는 이 프로젝트 폴더 기준 경로입니다 / inputs are relative to this project folder.",
]


def _contract_columns(contract: OpenDataContractStandard | dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(contract, OpenDataContractStandard):
        data = contract.model_dump(by_alias=True, exclude_none=True)
    else:
        data = contract
    tables = data.get("schema") or [{}]
    return [
        {
            "name": prop["name"],
            "role": custom_value(prop, "role", "feature"),
            "classification": prop.get("classification", "internal"),
            "logicalType": prop.get("logicalType"),
        }
        for prop in tables[0].get("properties") or []
    ]


def _relative(path: str, project_dir: Path | None) -> str:
    if project_dir is None:
        return str(path)
    return os.path.relpath(Path(path).resolve(), Path(project_dir).resolve())


def _axis_renames(profile: dict[str, Any]) -> dict[str, str]:
    """Headerless files name their columns `column_N`; the time axis and the entity get real names."""
    renames: dict[str, str] = {}
    for series in profile.get("timeseries", []):
        entity, time = series["entity_column"], series["time_column"]
        if entity and _GENERIC.match(entity):
            renames[entity] = "unit"
        if _GENERIC.match(time):
            renames[time] = "cycle" if series["axis"] == "sequence" else "time"
    return renames


def _clash_renames(profile: dict[str, Any], sides: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Columns whose names differ from a label file's column only by case (DuckDB would take them as one)."""
    side_names = {c["name"].lower(): c["name"] for side in sides.values() for c in side.get("columns", [])}
    renames: dict[str, str] = {}
    for column in profile.get("columns", []):
        other = side_names.get(column["name"].lower())
        if other is not None and other != column["name"]:
            renames[column["name"]] = f"{column['name'].lower()}_no"
    return renames


def _rename(draft: Draft, profile: dict[str, Any], sides: dict[str, dict[str, Any]]) -> None:
    axis, clash = _axis_renames(profile), _clash_renames(profile, sides)
    if not axis and not clash:
        return
    why_ko, why_en = [], []
    if axis:
        why_ko.append(f"머리글 없는 파일의 축 열에 이름을 줍니다 ({', '.join(axis)})")
        why_en.append(f"name the axis columns of a headerless file ({', '.join(axis)})")
    if clash:
        why_ko.append(f"라벨 파일의 열과 대소문자만 다른 이름({', '.join(clash)})은 DuckDB에서 같은 이름이 됩니다")
        why_en.append(f"names differing from a label file's only by case ({', '.join(clash)}) clash in DuckDB")
    draft.renames.update(axis | clash)
    draft.add("rename", {"columns": axis | clash}, "; ".join(why_ko), "; ".join(why_en))


def _text(draft: Draft, columns: list[dict[str, Any]]) -> None:
    text = [draft.now(c["name"]) for c in columns if c["logicalType"] == "string" and c["name"] != "source_file"]
    text = [name for name in text if name not in _private(columns)]
    if text:
        draft.add(
            "normalize-text",
            {"columns": text, "trim": True},
            "앞뒤 공백 때문에 같은 값이 다른 값으로 세어지지 않게 합니다",
            "stray spaces would make one value count as two",
        )


def _private(columns: list[dict[str, Any]]) -> set[str]:
    return {c["name"] for c in columns if c["classification"] in ("personal", "confidential")}


def _privacy(draft: Draft, columns: list[dict[str, Any]]) -> None:
    personal = [c for c in columns if c["classification"] == "personal"]
    keyed = [draft.now(c["name"]) for c in personal if c["role"] != "free_text" and not CONTACT.search(c["name"])]
    dropped = [draft.now(c["name"]) for c in personal if draft.now(c["name"]) not in keyed]
    secret = [draft.now(c["name"]) for c in columns if c["classification"] == "confidential"]
    if keyed:
        draft.add(
            "pseudonymise",
            {"columns": keyed},
            "사람을 가리키는 값(개인정보)을 키 해시로 바꿔, 같은 사람끼리는 묶이되 누구인지는 알 수 없게 합니다",
            "values that identify a person become keyed hashes: still groupable, no longer identifying",
        )
    if dropped:
        draft.add(
            "drop-sensitive",
            {"columns": dropped},
            "사람에 대한 자유 기술·연락처는 가명처리로 충분하지 않아 뺍니다",
            "free text or contact details about people cannot be pseudonymised safely",
        )
    if secret:
        draft.add(
            "drop-sensitive",
            {"columns": secret},
            "가격·거래처 같은 영업 비밀입니다. 판매기업이 동의할 때만 남기세요",
            "prices and business partners are confidential; keep them only if the seller agrees",
        )


def _duplicates_and_constants(draft: Draft, profile: dict[str, Any], columns: list[dict[str, Any]]) -> None:
    duplicates = int(profile.get("duplicate_rows") or 0)
    if duplicates:
        draft.add(
            "drop-duplicates",
            {},
            f"모든 열이 같은 행 {duplicates:,}개가 있습니다",
            f"{duplicates:,} rows repeat an earlier row exactly",
        )
    roles = {c["name"]: c["role"] for c in columns}
    constant = [
        draft.now(c["name"])
        for c in profile.get("columns", [])
        if c["distinct"] <= 1 and roles.get(c["name"]) in ("measurement", "feature", "setpoint")
    ]
    if constant:
        draft.add(
            "drop",
            {"columns": constant},
            "모든 행의 값이 같거나 비어 있어 정보가 없는 열입니다 (규격 한계와 라벨 열은 남김)",
            "columns with one value (or none) in every row carry no information (limits and labels are kept)",
        )


def _labels(draft: Draft, profile: dict[str, Any], columns: list[dict[str, Any]], sides: dict[str, Any]) -> str | None:
    """Derive the label to learn; its name, or a single-column label's name, or None."""
    for label in profile.get("labels", []):
        derived = label_from_group(draft, label)
        if derived:
            return derived
    single = next((label["columns"][0] for label in profile.get("labels", []) if len(label["columns"]) == 1), None)
    if single:
        return draft.now(single)
    lot = next((c["name"] for c in columns if c["role"] == "lot"), None)
    for path, side in sides.items():
        joined = join_side_labels(draft, profile, lot, path, side)
        if joined:
            return joined
    return None


def _limits(draft: Draft, profile: dict[str, Any], columns: list[dict[str, Any]]) -> None:
    limit_columns = {c["name"] for c in columns if c["role"] == "spec_limit"}
    for base, low, high in spec_pairs(table_facts(profile)):
        if {low, high} <= limit_columns:
            draft.add(
                "limits",
                {
                    "column": draft.now(base),
                    "min_column": draft.now(low),
                    "max_column": draft.now(high),
                    "action": "flag",
                },
                f"'{base}'이(가) 같은 행의 규격 하한·상한({low}, {high})을 벗어나면 표시합니다",
                f"flag rows where '{base}' is outside its limits in the same row ({low}, {high})",
            )


def _order_and_split(draft: Draft, profile: dict[str, Any], label: str | None) -> None:
    series = (profile.get("timeseries") or [None])[0]
    split: dict[str, Any] | None = None
    if series is not None and series["axis"] == "sequence" and series["entity_column"]:
        other = [Path(p).name for p in (profile.get("source") or {}).get("other_files", [])]
        remaining_useful_life(draft, series, other)
        split = {"by": "group", "column": series_id(draft, series)}
        why = (
            "한 단위의 시계열이 학습·시험에 나뉘지 않게 단위별로 나눕니다",
            "split by unit so no series is in two parts",
        )
    elif series is not None:
        if series["out_of_order_rows"]:
            keys = [draft.now(series["entity_column"])] if series["entity_column"] else []
            draft.add(
                "sort",
                {"by": [*keys, draft.now(series["time_column"])]},
                f"시간 순서가 뒤바뀐 행이 {series['out_of_order_rows']:,}개 있습니다",
                f"{series['out_of_order_rows']:,} rows are out of time order",
            )
        split = {"by": "time", "column": draft.now(series["time_column"])}
        why = (
            "미래 데이터가 학습에 새지 않게 시간으로 나눕니다",
            "split by time so the future does not leak into training",
        )
    elif label is not None:
        split = {"by": "stratified", "column": label}
        why = ("라벨 비율을 세 부분에서 같게 나눕니다", "keep the label's class balance in every part")
    if split is not None:
        draft.add("split", {**split, "ratios": dict(RATIOS), "seed": SEED}, *why)


def _image_split(draft: Draft, profile: dict[str, Any]) -> None:
    classes = (profile.get("images") or {}).get("classes") or []
    if len(classes) >= 2:
        draft.add(
            "split",
            {"by": "stratified", "column": "label", "ratios": dict(RATIOS), "seed": SEED},
            f"이미지 목록(manifest)을 클래스 {len(classes)}개의 비율을 유지하며 나눕니다",
            f"split the image manifest keeping the balance of its {len(classes)} classes",
        )


def draft_recipe(
    profile: dict[str, Any],
    contract: OpenDataContractStandard | dict[str, Any],
    project_dir: Path | None = None,
    side_profiles: dict[str, dict[str, Any]] | None = None,
) -> str:
    """The text of recipe.yaml: `version: 1`, `inputs`, and the suggested `steps`, each with `why`.

    `side_profiles` maps a side file (from `source.other_files`) to its profile when it holds labels;
    `project_dir` makes input paths relative to the project folder (else they stay as given).
    """
    sides = {_relative(path, project_dir): side for path, side in (side_profiles or {}).items()}
    columns = _contract_columns(contract)
    draft = Draft(names=[c["name"] for c in columns])
    inputs = [_relative(path, project_dir) for path in (profile.get("source") or {}).get("paths", [])]
    if profile.get("kind") == "images":
        _image_split(draft, profile)
        return commented([(_HEADER, {"version": 1, "inputs": inputs, "steps": draft.steps})])
    _rename(draft, profile, sides)
    _text(draft, columns)
    _privacy(draft, columns)
    _duplicates_and_constants(draft, profile, columns)
    label = _labels(draft, profile, columns, sides)
    _limits(draft, profile, columns)
    _order_and_split(draft, profile, label)
    return commented([(_HEADER, {"version": 1, "inputs": inputs, "steps": draft.steps})])
