"""equipment.yaml: the data-collecting equipment — read for the AAS, written by the AAS import.

A field the Digital Nameplate requires (manufacturer, model) that is still empty is refused naming the
file and line, since an AAS with a blank manufacturer would pass for a real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mfgdata.standards.errors import standards_error

EQUIPMENT_FILE = "equipment.yaml"
REQUIRED = ("manufacturer", "model")


@dataclass(frozen=True)
class Equipment:
    """One machine, as equipment.yaml describes it."""

    id: str
    name: str = ""
    manufacturer: str = ""
    model: str = ""
    serial: str = ""
    year: int | str | None = None
    process: str = ""
    order_code: str = ""
    article_number: str = ""
    product_uri: str = ""
    country: str = ""
    city: str = ""
    street: str = ""
    zip_code: str = ""
    hardware_version: str = ""
    firmware_version: str = ""
    software_version: str = ""
    ratings: dict[str, Any] = field(default_factory=dict)


_FIELDS = {name for name in Equipment.__dataclass_fields__}


def _lines(text: str) -> list[dict[str, int]]:
    """Per equipment entry, the line of each key (1-based)."""
    root = yaml.compose(text)
    lines: list[dict[str, int]] = []
    for key, value in getattr(root, "value", []):
        if key.value == "equipment" and isinstance(value, yaml.SequenceNode):
            for entry in value.value:
                lines.append({k.value: k.start_mark.line + 1 for k, _ in getattr(entry, "value", [])})
    return lines


def read_equipment(project: Path, *, require: bool = True) -> list[Equipment]:
    """The equipment of a project; with `require`, empty nameplate fields are refused naming their line."""
    path = Path(project) / EQUIPMENT_FILE
    if not path.is_file():
        raise standards_error(
            "equipment-missing",
            path,
            "equipment.yaml이 없습니다. mfgdata init이 만듭니다.",
            "equipment.yaml is missing.",
        )
    text = path.read_text(encoding="utf-8")
    entries = (yaml.safe_load(text) or {}).get("equipment") or []
    lines = _lines(text)
    machines = []
    for index, entry in enumerate(entries):
        values = {key: ("" if value is None and key not in ("year",) else value) for key, value in entry.items()}
        values = {key: value for key, value in values.items() if key in _FIELDS}
        machine = Equipment(**{**values, "id": str(entry.get("id") or f"equipment-{index + 1}")})
        if require:
            _require(machine, path, lines[index] if index < len(lines) else {})
        machines.append(machine)
    return machines


def _require(machine: Equipment, path: Path, lines: dict[str, int]) -> None:
    for name in REQUIRED:
        if not str(getattr(machine, name) or "").strip():
            line = lines.get(name) or lines.get("id")
            raise standards_error(
                "equipment-incomplete",
                path,
                f"{line}번째 줄: 설비 '{machine.id}'의 {name}이(가) 비어 있습니다. 명판대로 채우거나 "
                "mfgdata aas import로 제조사 AAS에서 가져오세요.",
                f"line {line}: '{name}' of equipment '{machine.id}' is empty. Fill it from the nameplate or "
                "import the vendor's AAS with mfgdata aas import.",
            )
