"""`mfgdata aas import`: vendor AAS prefills equipment.yaml; official templates import; bad packages refused."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from mfgdata.standards.aas.importer import import_equipment
from mfgdata.standards.aas.reader import read_aas
from mfgdata.standards.errors import StandardsError

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "mfgdata" / "standards" / "data" / "templates"


def _machine(project: Path) -> dict:
    return yaml.safe_load((project / "equipment.yaml").read_text(encoding="utf-8"))["equipment"][0]


def _rewrite_zip(source: Path, target: Path, change: dict[str, tuple[str, str]]) -> Path:
    """A copy of a zip with `old` replaced by `new` in the named entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(buffer, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename in change:
                old, new = change[info.filename]
                data = data.replace(old.encode(), new.encode())
            copy.writestr(info, data)
    target.write_bytes(buffer.getvalue())
    return target


def test_a_vendor_aas_prefills_an_empty_equipment_yaml(
    exported_project: Path, small_project: Path, tmp_path: Path
) -> None:
    vendor = tmp_path / "vendor.aasx"
    vendor.write_bytes((exported_project / "build" / "metadata" / "equipment.aasx").read_bytes())
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "equipment.yaml").write_text(
        "# 설비 / equipment\nequipment:\n- id: equipment-1\n  manufacturer: ''\n  model: ''\n"
        "  serial: ''\n  year: null\n  ratings: {}\n",
        encoding="utf-8",
    )
    result = import_equipment(vendor, fresh)
    machine = _machine(fresh)
    assert machine["manufacturer"] == "한빛기계" and machine["model"] == "HB-350"
    assert machine["serial"] == "SN-2019-0042" and machine["year"] == 2019
    assert machine["ratings"]["max_pressure"] == "25000000.0 Pa"
    assert {"manufacturer", "serial", "ratings"} <= set(result.filled)
    assert (fresh / "equipment.yaml").read_text(encoding="utf-8").startswith("# 설비 / equipment")


def test_values_already_in_equipment_yaml_are_kept_and_reported(exported_project: Path) -> None:
    machine_file = exported_project / "equipment.yaml"
    machine_file.write_text(machine_file.read_text("utf-8").replace("SN-2019-0042", "SN-OTHER"), encoding="utf-8")
    result = import_equipment(exported_project / "build" / "metadata" / "equipment.aas.json", exported_project)
    assert _machine(exported_project)["serial"] == "SN-OTHER"
    assert any("kept 'SN-OTHER'" in note and "SN-2019-0042" in note for note in result.notes)


@pytest.mark.parametrize(
    ("name", "version", "submodel"),
    [
        ("IDTA_02006-3-0-1_Template_DigitalNameplate.json", "3.x", "Nameplate"),
        ("IDTA_02003-2-0-1_Template_TechnicalData.json", "3.x", "TechnicalData"),
        ("IDTA_02008-1-1-1_Template_TimeSeriesData.json", "3.x", "TimeSeries"),
        ("IDTA_02002-1-0-1_Template_ContactInformation.json", "3.x", "ContactInformations"),
    ],
)
def test_official_json_templates_import(name: str, version: str, submodel: str, small_project: Path) -> None:
    result = import_equipment(TEMPLATES / name, small_project)
    assert result.version == version and any(s.startswith(submodel) for s in result.submodels)


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "version", "objects"),
    [
        ("IDTA_02006-3-0-1_Template_DigitalNameplate.aasx", "3.0", 32),
        ("IDTA_02008-1-1-1_Template_TimeSeriesData.aasx", "3.0", 26),
        ("IDTA_02008-1-1-1_Template_TimeSeriesData_forAASMetamodelV3.1.aasx", "3.1", 26),
    ],
)
def test_official_aasx_templates_of_both_metamodels_import(
    shared_data: Path, name: str, version: str, objects: int, small_project: Path
) -> None:
    read = read_aas(shared_data / "aas-templates" / name)
    assert read.version == version and len(read.objects) == objects  # never an empty result
    assert bool(read.notes) == (version == "3.0")
    result = import_equipment(shared_data / "aas-templates" / name, small_project)
    if "Nameplate" in name:
        assert "country" in result.filled  # the template's example values
    else:
        assert any("no nameplate values" in note for note in result.notes)


def test_old_relationship_types_are_refused_naming_the_line(exported_project: Path, tmp_path: Path) -> None:
    old = _rewrite_zip(
        exported_project / "build" / "metadata" / "equipment.aasx",
        tmp_path / "old.aasx",
        {"_rels/.rels": ("http://admin-shell.io/aasx/", "http://www.admin-shell.io/aasx/")},
    )
    with pytest.raises(StandardsError) as caught:
        import_equipment(old, exported_project)
    assert caught.value.code == "old-aasx-relationships"
    assert caught.value.text.en.startswith("_rels/.rels line ")


def test_another_metamodel_version_is_refused_naming_it(tmp_path: Path) -> None:
    part = '<environment xmlns="https://admin-shell.io/aas/2/0"><submodels/></environment>'
    package = tmp_path / "v2.aasx"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Type="http://admin-shell.io/aasx/relationships/aasx-origin" '
            'Target="/aasx/aasx-origin" Id="r"/>'
            "</Relationships>",
        )
        archive.writestr("aasx/aasx-origin", "")
        archive.writestr(
            "aasx/_rels/aasx-origin.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Type="http://admin-shell.io/aasx/relationships/aas-spec" Target="/aasx/env.xml" Id="s"/>'
            "</Relationships>",
        )
        archive.writestr("aasx/env.xml", part)
    with pytest.raises(StandardsError, match=r"metamodel 2\.0") as caught:
        read_aas(package)
    assert caught.value.code == "aas-version"


def test_an_empty_environment_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    with pytest.raises(StandardsError) as caught:
        read_aas(empty)
    assert caught.value.code == "aas-empty"


def test_cli_import(exported_project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mfgdata", "aas", "import",
         str(TEMPLATES / "IDTA_02003-2-0-1_Template_TechnicalData.json"), str(exported_project)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "no nameplate values" in done.stderr
