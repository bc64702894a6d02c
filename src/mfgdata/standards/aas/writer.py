"""Writing an AAS environment as AASX (one JSON part) and as plain JSON, then reading both back strictly.

`write_all_aas_objects(..., write_json=True)` keeps ConceptDescriptions (plain `write_aas` drops them) and an
XML part would fail the AAS 3.0 test engine. The AASX entries get fixed timestamps so that two exports of
the same build are byte-identical. Reading back uses failsafe off: any object BaSyx cannot read raises,
and the object counts must match what was written.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import zipfile
from pathlib import Path

from basyx.aas import model
from basyx.aas.adapter import aasx
from basyx.aas.adapter.json import read_aas_json_file, write_aas_json_file

from mfgdata.standards.errors import standards_error

AAS_PART = "/aasx/data.json"
_FIXED = (1980, 1, 1, 0, 0, 0)


def _fixed_timestamps(path: Path) -> None:
    """Rewrite the zip with the same entries in the same order, each dated 1980-01-01."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            target.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


def _write_aasx(objects: model.DictIdentifiableStore, path: Path) -> None:
    # Files outside the package part (the Parquet data beside it) are references, not supplementary files:
    # BaSyx warns about each one it cannot embed, which is what we want, so that warning is silenced.
    logger = logging.getLogger("basyx.aas.adapter.aasx")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with aasx.AASXWriter(path) as writer:
            writer.write_all_aas_objects(AAS_PART, objects, aasx.DictSupplementaryFileContainer(), write_json=True)
    finally:
        logger.setLevel(level)
    _fixed_timestamps(path)


def read_back(aasx_path: Path, json_path: Path) -> tuple[int, int]:
    """Object counts of the AASX's JSON part and of the JSON file, each read with failsafe off.

    The part is read from the zip directly: BaSyx's strict AASXReader would also insist on embedding the
    Parquet files the External segments point at, which live beside the AASX in the package on purpose.
    """
    with zipfile.ZipFile(aasx_path) as package:
        part = io.TextIOWrapper(io.BytesIO(package.read(AAS_PART.lstrip("/"))), encoding="utf-8")
        from_part = read_aas_json_file(part, failsafe=False)
    with json_path.open(encoding="utf-8") as handle:
        from_json = read_aas_json_file(handle, failsafe=False)
    return len(from_part), len(from_json)


def write_environment(objects: model.DictIdentifiableStore, aasx_path: Path, json_path: Path) -> int:
    """Write both files atomically, check them by reading back, and return the number of objects."""
    aasx_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=aasx_path.parent, prefix=".aas-") as staging:
        staged_aasx, staged_json = Path(staging) / aasx_path.name, Path(staging) / json_path.name
        _write_aasx(objects, staged_aasx)
        with staged_json.open("w", encoding="utf-8") as handle:
            write_aas_json_file(handle, objects, indent=1)
        counts = read_back(staged_aasx, staged_json)
        if counts != (len(objects), len(objects)):
            raise standards_error(
                "aas-read-back",
                aasx_path,
                f"AAS를 다시 읽으니 객체 수가 다릅니다(쓴 것 {len(objects)}, 읽은 것 {counts}).",
                f"Reading the AAS back gave other object counts (wrote {len(objects)}, read {counts}).",
            )
        os.replace(staged_aasx, aasx_path)
        os.replace(staged_json, json_path)
    return len(objects)
