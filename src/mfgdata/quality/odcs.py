"""Read the checks of an ODCS v3 contract's `quality` sections (table level and column level).

- Library metrics (`metric:`, or `rule:` as in ODCS 3.0): `rowCount`, `nullValues`, `missingValues`,
  `duplicateValues`, `invalidValues` (with `arguments.validValues` or `arguments.pattern`), judged by
  `mustBe`, `mustBeLessThan`, `mustBeLessOrEqualTo`, `mustBeGreaterThan`, `mustBeGreaterOrEqualTo`,
  `mustBeBetween` with `unit: rows` (default) or `percent`.
- Our own checks: `type: custom`, `engine: mfgdata`, `implementation: {type: <check type>, …settings}`;
  `mostly` and `max_failing` may be given in the implementation. A column-level check gets the column
  (`column: <property name>`) unless it names one.
- `severity`: block (also error, critical, high) or warn (also warning, info, low, medium); default block.
- `type: text` items describe and are not run; `type: sql` is not run here (write a `sql-rule`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import yaml

from mfgdata.quality.errors import quality_error
from mfgdata.quality.model import CheckSpec, Severity

_BLOCK = {"block", "error", "critical", "high", "blocker"}
_WARN = {"warn", "warning", "info", "low", "medium", "minor"}
COMMON_KEYS = ("type", "mostly", "max_failing")


def severity_of(value: Any, where: str) -> Severity:
    """The suite severity for an ODCS severity word."""
    word = str(value or "block").strip().lower()
    if word in _BLOCK:
        return "block"
    if word in _WARN:
        return "warn"
    raise quality_error(
        "bad-severity",
        f"{where}: severity '{value}'를 알 수 없습니다. block 또는 warn으로 적으세요.",
        f"{where}: unknown severity '{value}'. Write block or warn.",
    )


def _count_threshold(item: dict[str, Any], where: str) -> tuple[float, int | None]:
    """(mostly, max_failing) from an ODCS threshold on a count of failing rows."""
    percent = str(item.get("unit") or "rows").lower() in ("percent", "%")
    for key, inclusive in (("mustBe", True), ("mustBeLessOrEqualTo", True), ("mustBeLessThan", False)):
        if key in item:
            limit = float(item[key])
            if key == "mustBe" and limit != 0:
                break
            if percent:
                return max(0.0, 1.0 - limit / 100.0), None
            return 1.0, int(limit) if inclusive else max(0, int(limit) - 1)
    if not any(key.startswith("must") for key in item):
        return 1.0, 0
    raise quality_error(
        "bad-threshold",
        f"{where}: 실패 건수에는 mustBe: 0, mustBeLessThan, mustBeLessOrEqualTo만 쓸 수 있습니다.",
        f"{where}: a count of failing rows takes mustBe: 0, mustBeLessThan or mustBeLessOrEqualTo.",
    )


def _row_count_limits(item: dict[str, Any]) -> dict[str, Any]:
    if "mustBe" in item:
        return {"min": int(item["mustBe"]), "max": int(item["mustBe"])}
    if "mustBeBetween" in item:
        low, high = item["mustBeBetween"]
        return {"min": int(low), "max": int(high)}
    limits: dict[str, Any] = {"min": None, "max": None}
    if "mustBeGreaterThan" in item:
        limits["min"] = int(item["mustBeGreaterThan"]) + 1
    if "mustBeGreaterOrEqualTo" in item:
        limits["min"] = int(item["mustBeGreaterOrEqualTo"])
    if "mustBeLessThan" in item:
        limits["max"] = int(item["mustBeLessThan"]) - 1
    if "mustBeLessOrEqualTo" in item:
        limits["max"] = int(item["mustBeLessOrEqualTo"])
    return limits if limits != {"min": None, "max": None} else {"min": 1}


def _library(item: dict[str, Any], table: str, column: str | None, where: str) -> tuple[str, dict[str, Any]]:
    metric = item.get("metric") or item.get("rule")
    arguments = item.get("arguments") or {}
    if metric == "rowCount":
        return "row-count", _row_count_limits(item)
    if metric in ("nullValues", "missingValues") and column:
        return "not-null", {"column": column}
    if metric == "duplicateValues":
        columns = [column] if column else list(arguments.get("properties") or [])
        return "unique", {"columns": columns}
    if metric == "invalidValues" and column and "validValues" in arguments:
        return "allowed-values", {"column": column, "values": list(arguments["validValues"])}
    if metric == "invalidValues" and column and "pattern" in arguments:
        return "regex", {"column": column, "pattern": str(arguments["pattern"])}
    raise quality_error(
        "unknown-metric",
        f"{where}: 라이브러리 지표 '{metric}'를 이 위치에서 쓸 수 없습니다 (rowCount, nullValues, missingValues, "
        "duplicateValues, invalidValues).",
        f"{where}: library metric '{metric}' cannot be used here (rowCount, nullValues, missingValues, "
        "duplicateValues, invalidValues).",
    )


def _implementation(item: dict[str, Any], where: str) -> dict[str, Any]:
    body = item.get("implementation")
    if isinstance(body, str):
        body = yaml.safe_load(body)
    if not isinstance(body, dict) or not body.get("type"):
        raise quality_error(
            "bad-implementation",
            f"{where}: custom 검사의 implementation에 'type'이 있는 설정을 적으세요 (예: type: range).",
            f"{where}: a custom check needs an implementation mapping with a 'type' (e.g. type: range).",
        )
    return dict(body)


def spec_of(item: dict[str, Any], table: str, column: str | None, index: int) -> CheckSpec | None:
    """The check spec of one quality item (None for items that describe rather than check)."""
    where = f"{table}{'.' + column if column else ''} quality #{index + 1}"
    kind = str(item.get("type") or ("library" if (item.get("metric") or item.get("rule")) else "text")).lower()
    if kind in ("text", "sql"):
        return None
    mostly, max_failing = 1.0, None
    if kind == "library":
        check_type, settings = _library(item, table, column, where)
        if check_type != "row-count":
            mostly, max_failing = _count_threshold(item, where)
    elif kind == "custom":
        body = _implementation(item, where)
        check_type = str(body.pop("type"))
        mostly = float(body.pop("mostly", 1.0))
        max_failing = body.pop("max_failing", None)
        settings = body
        if column and "column" not in settings and "columns" not in settings:
            settings["column"] = column
    else:
        raise quality_error(
            "unknown-quality-type",
            f"{where}: 품질 항목 type '{kind}'를 알 수 없습니다 (library, custom, text).",
            f"{where}: unknown quality item type '{kind}' (library, custom, text).",
        )
    check_id = str(item.get("id") or item.get("name") or "")
    return CheckSpec(
        id=check_id,
        type=check_type,
        table=table,
        settings=settings,
        severity=severity_of(item.get("severity"), where),
        mostly=mostly,
        max_failing=int(max_failing) if max_failing is not None else None,
        reason_ko=item.get("description"),
    )


def contract_specs(contract: dict[str, Any]) -> list[CheckSpec]:
    """Every runnable check of a contract, in document order, each with a unique id."""
    found: list[CheckSpec | None] = []
    for table in contract.get("schema") or []:
        name = str(table.get("name") or "")
        found.extend(spec_of(item, name, None, index) for index, item in enumerate(table.get("quality") or []))
        for prop in table.get("properties") or []:
            column = str(prop.get("name"))
            found.extend(spec_of(item, name, column, index) for index, item in enumerate(prop.get("quality") or []))
    return unique_ids([spec for spec in found if spec is not None])


def unique_ids(specs: list[CheckSpec]) -> list[CheckSpec]:
    """Give every spec an id: its own, or `<table>.<column>.<type>`, numbered when repeated."""
    seen: dict[str, int] = {}
    named: list[CheckSpec] = []
    for spec in specs:
        column = spec.settings.get("column") or ",".join(spec.settings.get("columns") or []) or None
        base = spec.id or ".".join(part for part in (spec.table, column, spec.type) if part)
        seen[base] = seen.get(base, 0) + 1
        named.append(replace(spec, id=base if seen[base] == 1 else f"{base}-{seen[base]}"))
    return named
