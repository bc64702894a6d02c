"""The data dictionary as an ODCS v3 data contract (contract.yaml).

One schema object (the table) whose properties are the columns. Where ODCS has a field it is used:
`logicalType`, `physicalType` (the DuckDB type), `description` (Korean), `classification` (sensitivity:
personal / confidential / internal / public), `required`, `unique`, `primaryKey`. What ODCS has no field
for is a custom property of the column: `descriptionEn`, `role`, `roleReason`/`roleReasonKo`, `unit` (pint
spelling) and `unitLabel` (as in the header), `originalName`, `group`, `sensitivityReason`/
`sensitivityReasonKo`, and `semanticId` (left empty for the standards step). `quality` is left empty for
the quality step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from open_data_contract_standard.model import OpenDataContractStandard

from mfgdata import __version__
from mfgdata.dictionary.category import Classification, classify
from mfgdata.dictionary.contract_check import contract_problems
from mfgdata.dictionary.describe import describe_column
from mfgdata.dictionary.identity import contract_id, dataset_name, table_name
from mfgdata.dictionary.roles import ColumnRole, assign_roles
from mfgdata.dictionary.summary import summary_ko_en
from mfgdata.errors import input_error

API_VERSION = "v3.0.2"  # accepted by every package release the project allows (>= 3.0.4)
LOGICAL_TYPES = {
    "integer": "integer",
    "float": "number",
    "boolean": "boolean",
    "string": "string",
    "timestamp": "timestamp",
    "date": "date",
    "time": "time",
}
_HEADER = (
    "# ODCS v3 데이터 계약 초안 — mfgdata init이 프로파일에서 작성했습니다.\n"
    "# 열마다 역할·단위·설명·민감도를 확인하세요.\n"
    "# ODCS v3 data contract draft written by mfgdata init from the profile: check each column's role, unit,\n"
    "# description and sensitivity. The quality step fills `quality`; the standards step fills `semanticId`.\n"
)


def custom(name: str, value: Any) -> dict[str, Any]:
    """One ODCS custom property."""
    return {"property": name, "value": value}


def custom_value(item: dict[str, Any], name: str, default: Any = None) -> Any:
    """The value of a custom property of a contract element (a dict), or `default`."""
    for entry in item.get("customProperties") or []:
        if entry.get("property") == name:
            return entry.get("value")
    return default


def _column_customs(column: dict[str, Any], role: ColumnRole, description_en: str) -> list[dict[str, Any]]:
    customs = [
        custom("descriptionEn", description_en),
        custom("role", role.role),
        custom("roleReason", role.reason_en),
        custom("roleReasonKo", role.reason_ko),
        custom("unit", column.get("unit")),
        custom("unitLabel", column.get("unit_label")),
        custom("originalName", column["original_name"]),
        custom("sensitivityReason", role.sensitivity_reason_en),
        custom("sensitivityReasonKo", role.sensitivity_reason_ko),
        custom("semanticId", None),
    ]
    if column.get("group"):
        customs.insert(7, custom("group", column["group"]))
    return customs


def column_property(column: dict[str, Any], role: ColumnRole, rows: int, primary: bool) -> dict[str, Any]:
    """The ODCS property of one profile column."""
    description_ko, description_en = describe_column(column, role)
    exact = not column.get("distinct_approx")
    prop: dict[str, Any] = {
        "name": column["name"],
        "logicalType": LOGICAL_TYPES.get(column["type"], "string"),
        "physicalType": column["physical_type"],
        "description": description_ko,
        "required": column["missing"] == 0,
        "unique": exact and rows > 0 and column["missing"] == 0 and column["distinct"] == rows,
        "classification": role.sensitivity,
    }
    if primary:
        prop["primaryKey"] = True
    shareable = role.sensitivity in ("internal", "public") and not prop["unique"]
    if shareable and column.get("top_values"):
        prop["examples"] = [entry["value"] for entry in column["top_values"][:3]]
    prop["customProperties"] = _column_customs(column, role, description_en)
    return prop


def _image_properties(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """An image collection is described as its manifest: one row per image file."""
    images = profile.get("images") or {}
    classes = [entry["name"] for entry in images.get("classes") or []]
    listed = ", ".join(classes)
    spec = [
        ("path", "string", "VARCHAR", "이미지 파일의 상대 경로", "relative path of the image file", "identifier"),
        ("label", "string", "VARCHAR", f"클래스 (폴더): {listed}", f"class (folder): {listed}", "label"),
        ("split", "string", "VARCHAR", "학습/검증/시험 구분 (폴더)", "train/valid/test split (folder)", "feature"),
        ("width", "integer", "INTEGER", "가로 픽셀 수", "width in pixels", "feature"),
        ("height", "integer", "INTEGER", "세로 픽셀 수", "height in pixels", "feature"),
    ]  # fmt: skip
    return [
        {
            "name": name,
            "logicalType": logical,
            "physicalType": physical,
            "description": ko,
            "required": name != "split",
            "unique": name == "path",
            "classification": "internal",
            "customProperties": [custom("descriptionEn", en), custom("role", role), custom("semanticId", None)],
        }
        for name, logical, physical, ko, en, role in spec
    ]


def _table(profile: dict[str, Any], roles: list[ColumnRole]) -> dict[str, Any]:
    rows = int(profile.get("rows") or 0)
    keys = {key[0] for key in profile.get("candidate_keys", []) if len(key) == 1}
    by_name = {role.name: role for role in roles}
    first_key = next((c["name"] for c in profile.get("columns", []) if c["name"] in keys), None)
    if profile.get("kind") == "images":
        properties = _image_properties(profile)
    else:
        properties = [
            column_property(column, by_name[column["name"]], rows, column["name"] == first_key)
            for column in profile.get("columns", [])
        ]
    summary_ko, summary_en = summary_ko_en(profile)
    return {
        "name": table_name(profile),
        "physicalType": "table",
        "logicalType": "object",
        "businessName": dataset_name(profile),
        "description": summary_ko,
        "customProperties": [
            custom("descriptionEn", summary_en),
            custom("rows", rows),
            custom("kind", profile["kind"]),
        ],
        "properties": properties,
        "quality": [],
    }


def build_contract(
    profile: dict[str, Any], roles: list[ColumnRole] | None = None, classification: Classification | None = None
) -> dict[str, Any]:
    """The contract document (a plain dict in ODCS key order) for a profile."""
    roles = roles if roles is not None else assign_roles(profile)
    classification = classification or classify(profile, roles)
    summary_ko, summary_en = summary_ko_en(profile)
    return {
        "apiVersion": API_VERSION,
        "kind": "DataContract",
        "id": contract_id(profile),
        "name": dataset_name(profile),
        "version": "0.1.0",
        "status": "draft",
        "domain": "manufacturing",
        "dataProduct": contract_id(profile),
        "tags": [tag for tag in (classification.category, classification.process.id) if tag != "unknown"],
        "description": {
            "purpose": f"{summary_ko} 상품 구분: {classification.name_ko} — {' / '.join(classification.reasons_ko)}",
            "customProperties": [
                custom(
                    "purposeEn",
                    f"{summary_en} Category: {classification.name_en}: {' / '.join(classification.reasons_en)}",
                )
            ],
        },
        "schema": [_table(profile, roles)],
        "customProperties": [custom("generator", f"mfgdata {__version__}")],
    }


def contract_yaml(contract: dict[str, Any]) -> str:
    """The contract as YAML text with a header comment (Hangul kept readable, keys in ODCS order)."""
    body = yaml.safe_dump(contract, sort_keys=False, allow_unicode=True, width=120)
    return _HEADER + body


def write_contract(
    profile: dict[str, Any],
    path: Path,
    roles: list[ColumnRole] | None = None,
    classification: Classification | None = None,
) -> Path:
    """Write contract.yaml for a profile (roles and classification are made here when not given).

    The document is validated with the ODCS package before it is written, so a written contract always
    loads back with `load_contract`.
    """
    contract = build_contract(profile, roles, classification)
    problems = contract_problems(contract)
    if problems:
        raise ValueError(f"mfgdata built an invalid contract: {problems[0][1]}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(contract_yaml(contract), encoding="utf-8")
    return path


def load_contract(path: Path) -> OpenDataContractStandard:
    """Read and validate a contract.yaml; raise InputError (Korean and English) when it is not valid ODCS."""
    path = Path(path)
    if not path.is_file():
        raise input_error(
            "contract-missing",
            path,
            "계약 파일(contract.yaml)이 없습니다. `mfgdata init`으로 만들거나 경로를 확인하세요.",
            "The contract file (contract.yaml) does not exist. Create it with `mfgdata init` or check the path.",
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise input_error(
            "contract-yaml",
            path,
            f"계약 파일을 YAML로 읽을 수 없습니다: {error}. 들여쓰기와 따옴표를 확인하세요.",
            f"The contract file is not readable YAML: {error}. Check its indentation and quotes.",
        ) from error
    problems = contract_problems(data)
    if problems:
        ko, en = problems[0]
        more_ko = f" (외 {len(problems) - 1}건)" if len(problems) > 1 else ""
        more_en = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise input_error(
            "contract-invalid",
            path,
            f"ODCS 데이터 계약으로 올바르지 않습니다: {ko}{more_ko} 고친 뒤 다시 실행하세요.",
            f"Not a valid ODCS data contract: {en}{more_en} Fix it and run again.",
        )
    return OpenDataContractStandard.model_validate(data)
