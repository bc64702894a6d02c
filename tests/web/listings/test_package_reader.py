"""The package reader refuses every unsafe or altered package and reads what the site shows from a good one."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from mfgdata.web.listings.package_reader import PackageError, PackageLimits, read_package


def _rewrite(
    source: Path,
    target: Path,
    change: Callable[[str, bytes], tuple[str, bytes] | None],
    extra: list[tuple[zipfile.ZipInfo, bytes]] = (),
) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            changed = change(info.filename, old.read(info))
            if changed is not None:
                new.writestr(changed[0], changed[1])
        for info, data in extra:
            new.writestr(info, data)
    return target


def test_good_package_is_read_with_manifest_contract_quality_price_and_sample(
    build_package: Callable[..., Path],
) -> None:
    contents = read_package(build_package())
    assert contents.product["title"]["ko"] == "도금 공정 품질 데이터"
    assert contents.quality["valid"] is True
    assert contents.price["recommended"]["mid"] == 1_000_000
    assert contents.contract["schema"][0]["properties"][0]["name"] == "공정"
    assert contents.sample["table"]["header"] == ["공정", "온도", "작업자"]
    assert len(contents.sample["table"]["rows"]) == 3
    assert "TERMS.md" in contents.documents
    assert [f["path"] for f in contents.files] == sorted(f["path"] for f in contents.files)


def test_entries_are_sorted_at_the_root_with_fixed_timestamps(build_package: Callable[..., Path]) -> None:
    with zipfile.ZipFile(build_package()) as archive:
        names = archive.namelist()
        assert names == sorted(names) and "manifest.json" in names
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_changed_file_is_refused_as_hash_mismatch(build_package: Callable[..., Path], tmp_path: Path) -> None:
    altered = _rewrite(
        build_package(),
        tmp_path / "altered.zip",
        lambda name, data: (name, data.replace(b"21.5", b"99.9")) if name == "data/plating.csv" else (name, data),
    )
    with pytest.raises(PackageError) as refused:
        read_package(altered)
    assert refused.value.code == "package-hash-mismatch"
    assert "data/plating.csv" in refused.value.text.ko


@pytest.mark.parametrize("name", ["../evil.txt", "data/../../evil.txt", "/etc/passwd", "C:/evil.txt", "data\\..\\x"])
def test_unsafe_paths_are_refused(build_package: Callable[..., Path], tmp_path: Path, name: str) -> None:
    evil = _rewrite(build_package(), tmp_path / "evil.zip", lambda n, d: (n, d), [(zipfile.ZipInfo(name), b"x")])
    with pytest.raises(PackageError) as refused:
        read_package(evil)
    assert refused.value.code == "package-unsafe-path"


def test_symbolic_links_are_refused(build_package: Callable[..., Path], tmp_path: Path) -> None:
    link = zipfile.ZipInfo("data/link")
    link.external_attr = 0o120777 << 16
    linked = _rewrite(build_package(), tmp_path / "link.zip", lambda n, d: (n, d), [(link, b"/etc/passwd")])
    with pytest.raises(PackageError) as refused:
        read_package(linked)
    assert refused.value.code == "package-link"


def test_a_file_missing_from_the_manifest_is_refused(build_package: Callable[..., Path], tmp_path: Path) -> None:
    extra = _rewrite(
        build_package(), tmp_path / "extra.zip", lambda n, d: (n, d), [(zipfile.ZipInfo("data/more.csv"), b"a")]
    )
    with pytest.raises(PackageError) as refused:
        read_package(extra)
    assert refused.value.code == "package-unlisted-file"


def test_a_listed_file_that_is_absent_is_refused(build_package: Callable[..., Path], tmp_path: Path) -> None:
    missing = _rewrite(build_package(), tmp_path / "missing.zip", lambda n, d: None if n == "price.json" else (n, d))
    with pytest.raises(PackageError) as refused:
        read_package(missing)
    assert refused.value.code == "package-missing-file"


def test_oversize_packages_are_refused_before_hashing(build_package: Callable[..., Path]) -> None:
    with pytest.raises(PackageError) as refused:
        read_package(build_package(), PackageLimits(max_total_bytes=100))
    assert refused.value.code == "package-too-large"


def test_a_zip_bomb_is_refused(build_package: Callable[..., Path], tmp_path: Path) -> None:
    bomb = zipfile.ZipInfo("data/zeros.bin")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    bombed = _rewrite(build_package(), tmp_path / "bomb.zip", lambda n, d: (n, d), [(bomb, b"\0" * 50_000_000)])
    with pytest.raises(PackageError) as refused:
        read_package(bombed)
    assert refused.value.code == "package-bomb"


def test_wrong_format_and_not_a_zip_are_refused(build_package: Callable[..., Path], tmp_path: Path) -> None:
    def old_format(name: str, data: bytes) -> tuple[str, bytes]:
        if name != "manifest.json":
            return name, data
        return name, json.dumps({**json.loads(data), "format": "something-else/9"}).encode()

    with pytest.raises(PackageError) as refused:
        read_package(_rewrite(build_package(), tmp_path / "format.zip", old_format))
    assert refused.value.code == "package-bad-format"
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(PackageError) as refused:
        read_package(junk)
    assert refused.value.code == "package-not-zip"


def _aasx(tree: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as aasx:
        aasx.writestr("aasx/aasx-origin", b"")
        aasx.writestr("aasx/equipment/equipment.json", json.dumps(tree))
    return buffer.getvalue()


def test_the_equipment_aas_is_summarised(build_package: Callable[..., Path]) -> None:
    from factories import package_files

    tree = {
        "assetAdministrationShells": [{"idShort": "PlatingLine1"}],
        "submodels": [
            {
                "idShort": "Nameplate",
                "submodelElements": [
                    {
                        "idShort": "ManufacturerName",
                        "value": [{"language": "en", "text": "ACME"}, {"language": "ko", "text": "한빛정밀"}],
                    },
                    {"idShort": "SerialNumber", "value": "SN-42"},
                ],
            }
        ],
    }
    files = {**package_files(), "metadata/equipment.aasx": _aasx(tree)}
    aas = read_package(build_package(files=files)).aas
    assert aas["shells"] == ["PlatingLine1"] and aas["submodels"] == ["Nameplate"]
    assert aas["nameplate"] == {"ManufacturerName": "한빛정밀", "SerialNumber": "SN-42"}


def test_the_official_nameplate_template_aasx_is_read(shared_data: Path, build_package: Callable[..., Path]) -> None:
    from factories import package_files

    template = shared_data / "aas-templates" / "IDTA_02006-3-0-1_Template_DigitalNameplate.aasx"
    files = {**package_files(), "metadata/equipment.aasx": template.read_bytes()}
    aas = read_package(build_package(files=files)).aas
    assert "Nameplate" in " ".join(aas["submodels"])
