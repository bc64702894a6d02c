"""Inside an AASX package: the relationships from the root to the AAS part, its format and metamodel version.

Relationship types of the old AASX format (`http://www.admin-shell.io/aasx/relationships/…`) are refused
naming the .rels part and line: such a package comes from tools of the AAS 2 era. The metamodel version of
an XML part is its namespace (`https://admin-shell.io/aas/3/0` …).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from mfgdata.standards.errors import standards_error

RELATIONSHIPS = "http://admin-shell.io/aasx/relationships"
OLD_RELATIONSHIPS = "http://www.admin-shell.io/aasx/relationships"
_NAMESPACE = re.compile(r'xmlns(?::\w+)?="(https?://(?:www\.)?admin-shell\.io/aas/(\d+)/(\d+)/?)"')


@dataclass(frozen=True)
class AasPart:
    """The AAS part of a package: its name, format (json/xml), metamodel version (xml only) and text."""

    name: str
    format: str
    version: str
    text: str


def _rels_name(part: str) -> str:
    path = PurePosixPath(part.lstrip("/"))
    return str(path.parent / "_rels" / f"{path.name}.rels") if part.strip("/") else "_rels/.rels"


def _targets(package: zipfile.ZipFile, source: str, wanted: str, path: Path) -> list[str]:
    rels = _rels_name(source)
    try:
        text = package.read(rels).decode("utf-8-sig")
    except KeyError:
        return []
    for number, line in enumerate(text.splitlines(), start=1):
        if OLD_RELATIONSHIPS in line:
            raise standards_error(
                "old-aasx-relationships",
                path,
                f"{rels} {number}번째 줄: 옛 AASX 관계 형식({OLD_RELATIONSHIPS}/…)입니다. "
                "AAS 3 도구로 다시 저장하세요.",
                f"{rels} line {number}: old AASX relationship type ({OLD_RELATIONSHIPS}/…). "
                "Save the package again with an AAS 3 tool.",
            )
    root = ElementTree.fromstring(text)
    return [
        element.get("Target", "").lstrip("/") for element in root if element.get("Type") == f"{RELATIONSHIPS}/{wanted}"
    ]


def xml_version(text: str) -> str:
    """The metamodel version an XML serialisation declares (`3.0`, `3.1`, …), or `unknown`."""
    match = _NAMESPACE.search(text[:4000])
    return f"{match.group(2)}.{match.group(3)}" if match else "unknown"


def aas_part(path: Path) -> AasPart:
    """The (first) AAS part of an AASX package, found through its relationships."""
    try:
        with zipfile.ZipFile(path) as package:
            origins = _targets(package, "", "aasx-origin", path)
            parts = [target for origin in origins for target in _targets(package, origin, "aas-spec", path)]
            if not parts:
                raise standards_error(
                    "aasx-without-aas", path, "AASX에 AAS 파트(aas-spec 관계)가 없습니다.",
                    "The AASX has no AAS part (no aas-spec relationship).",
                )  # fmt: skip
            text = package.read(parts[0]).decode("utf-8-sig")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise standards_error(
            "aasx-broken", path, "AASX 패키지가 손상되었습니다.", f"Broken AASX package: {error}"
        ) from error
    kind = "json" if parts[0].lower().endswith(".json") else "xml"
    return AasPart(parts[0], kind, xml_version(text) if kind == "xml" else "3.x", text)


def aasx_json_part(path: Path) -> str:
    """The JSON text of an AASX's AAS part; an XML part is refused naming its version."""
    part = aas_part(path)
    if part.format != "json":
        raise standards_error(
            "aasx-xml-part", path, f"AAS 파트 {part.name}가 XML(메타모델 {part.version})입니다. JSON만 검사합니다.",
            f"The AAS part {part.name} is XML (metamodel {part.version}); only JSON parts are checked here.",
        )  # fmt: skip
    return part.text
