"""Checks of a contract document against the `open-data-contract-standard` package.

The package's pydantic model refuses unknown keys only at the top level and does not check its enums, so
the enums, the required keys and the keys of schema objects and properties are checked here against the
package's own JSON schema and model fields. Each problem is one sentence in Korean and in English.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import pydantic
from open_data_contract_standard.model import OpenDataContractStandard, SchemaObject, SchemaProperty

Problem = tuple[str, str]


@cache
def odcs_json_schema() -> dict[str, Any]:
    """The JSON schema shipped with the installed package."""
    return json.loads(files("open_data_contract_standard").joinpath("schema.json").read_text(encoding="utf-8"))


def supported_api_versions() -> list[str]:
    """The `apiVersion` values the installed package accepts."""
    return list(odcs_json_schema()["properties"]["apiVersion"].get("enum", []))


def _logical_types() -> set[str]:
    return set(odcs_json_schema()["$defs"]["SchemaBaseProperty"]["properties"]["logicalType"]["enum"])


def _fields(model: type[pydantic.BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def _top_problems(data: dict[str, Any]) -> list[Problem]:
    problems = [
        (f"필수 항목 '{key}'이(가) 없습니다.", f"The required key '{key}' is missing.")
        for key in odcs_json_schema().get("required", [])
        if key not in data
    ]
    if "kind" in data and data["kind"] != "DataContract":
        problems.append(
            (f"kind는 DataContract여야 합니다: {data['kind']}", f"kind must be DataContract: {data['kind']}")
        )
    versions = supported_api_versions()
    if "apiVersion" in data and data["apiVersion"] not in versions:
        listed = ", ".join(versions)
        problems.append(
            (
                f"apiVersion {data['apiVersion']}은(는) 지원하지 않습니다 ({listed}).",
                f"apiVersion {data['apiVersion']} is not supported ({listed}).",
            )
        )
    return problems


def _unknown_keys(where: str, item: dict[str, Any], known: set[str]) -> list[Problem]:
    return [(f"{where}: 알 수 없는 항목 '{key}'", f"{where}: unknown key '{key}'") for key in item if key not in known]


def _property_problems(table: str, prop: dict[str, Any], logical: set[str]) -> list[Problem]:
    where = f"schema '{table}' / '{prop.get('name')}'"
    problems = _unknown_keys(where, prop, _fields(SchemaProperty))
    if not prop.get("name"):
        problems.append((f"{where}: name이 없습니다.", f"{where}: the property has no name."))
    if "logicalType" in prop and prop["logicalType"] not in logical:
        kind = prop["logicalType"]
        problems.append(
            (f"{where}: logicalType '{kind}'은(는) 없는 형식입니다.", f"{where}: unknown logicalType '{kind}'.")
        )
    for custom in prop.get("customProperties") or []:
        if not isinstance(custom, dict) or "property" not in custom or "value" not in custom:
            problems.append(
                (
                    f"{where}: customProperties 항목에 property와 value가 필요합니다.",
                    f"{where}: each customProperties entry needs property and value.",
                )
            )
    return problems


def _schema_problems(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    logical = _logical_types()
    for table in data.get("schema") or []:
        if not isinstance(table, dict):
            return [("schema의 항목은 객체여야 합니다.", "Each schema entry must be an object.")]
        problems += _unknown_keys(f"schema '{table.get('name')}'", table, _fields(SchemaObject))
        for prop in table.get("properties") or []:
            problems += _property_problems(str(table.get("name")), prop, logical)
    return problems


def contract_problems(data: Any) -> list[Problem]:
    """Everything wrong with a contract document, as `(Korean, English)` sentences; empty when valid."""
    if not isinstance(data, dict):
        return [("계약 파일의 최상위가 YAML 매핑이 아닙니다.", "The contract file's top level is not a YAML mapping.")]
    try:
        OpenDataContractStandard.model_validate(data)
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return [(f"ODCS 형식 오류 ({where}): {first['msg']}", f"Not valid ODCS ({where}): {first['msg']}")]
    return _top_problems(data) + _schema_problems(data)
