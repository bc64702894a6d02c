"""Reading a vendor's or IDTA's AAS (.aasx with a JSON or XML part, or .json) into BaSyx objects, strictly.

BaSyx 2.2 reads the metamodel 3.1 XML namespace only. A 3.0 XML part (the official AASX templates) is read
after moving it to the 3.1 namespace — 3.1 only adds to 3.0 — and the result says so. Any other version,
or a file that yields no object at all, is refused naming the metamodel version found: an import never
silently gives an empty result.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from basyx.aas import model
from basyx.aas.adapter.json import read_aas_json_file
from basyx.aas.adapter.xml import read_aas_xml_file

from mfgdata.standards.aas.packages import aas_part
from mfgdata.standards.errors import standards_error

NAMESPACE_30, NAMESPACE_31 = "https://admin-shell.io/aas/3/0", "https://admin-shell.io/aas/3/1"


@dataclass(frozen=True)
class ReadAas:
    """The objects of an AAS file, the metamodel version found and how it was read."""

    objects: model.DictIdentifiableStore
    version: str
    notes: tuple[str, ...] = ()


def _parse(text: str, kind: str, version: str, path: Path) -> model.DictIdentifiableStore:
    try:
        if kind == "json":
            return read_aas_json_file(io.StringIO(text), failsafe=False)
        return read_aas_xml_file(io.BytesIO(text.encode("utf-8")), failsafe=False)
    except Exception as error:  # BaSyx raises many types (KeyError, ValueError, TypeError …) for bad content
        raise standards_error(
            "aas-unreadable",
            path,
            f"메타모델 {version} AAS를 읽을 수 없습니다: {type(error).__name__}: {str(error)[:200]}",
            f"Cannot read the AAS (metamodel {version}): {type(error).__name__}: {str(error)[:200]}",
        ) from error


def read_aas(path: Path) -> ReadAas:
    """All objects of an .aasx or .json AAS file; refuses versions it cannot read and empty results."""
    path = Path(path)
    notes: tuple[str, ...] = ()
    if path.suffix.lower() == ".json":
        kind, version, text = "json", "3.x", path.read_text(encoding="utf-8-sig")
    else:
        part = aas_part(path)
        kind, version, text = part.format, part.version, part.text
    if kind == "xml" and version == "3.0":
        text = text.replace(NAMESPACE_30, NAMESPACE_31)
        notes = ("메타모델 3.0 XML을 3.1로 읽었습니다 / metamodel 3.0 XML read as 3.1",)
    elif kind == "xml" and version != "3.1":
        raise standards_error(
            "aas-version",
            path,
            f"메타모델 {version} AAS입니다. 3.0 또는 3.1로 변환해 다시 가져오세요.",
            f"The AAS is metamodel {version}; only 3.0 and 3.1 are read. Convert it and import again.",
        )
    objects = _parse(text, kind, version, path)
    if not len(objects):
        raise standards_error(
            "aas-empty",
            path,
            f"메타모델 {version} AAS에서 객체를 하나도 읽지 못했습니다.",
            f"No AAS object could be read from this metamodel {version} file.",
        )
    return ReadAas(objects, version, notes)
