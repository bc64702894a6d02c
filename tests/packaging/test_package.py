"""`package_project`: what a buyer gets, and that it is the same bytes every time."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import duckdb
import pytest

from mfgdata.packaging import check_package, package_project
from mfgdata.packaging.errors import PackageError

from .conftest import croissant_records, dcat_conforms, frictionless_errors, set_product


def test_zip_entries_sorted_dated_1980_and_listed_in_the_manifest(ai4i: Path) -> None:
    result = package_project(ai4i)
    with zipfile.ZipFile(result.zip_path) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        manifest = json.loads(archive.read("manifest.json"))
        digests = {name: hashlib.sha256(archive.read(name)).hexdigest() for name in names}
    assert names == sorted(names)
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert not any(name.startswith("/") or ".." in name for name in names)
    for required in (
        "README.md",
        "TERMS.md",
        "CHANGELOG.md",
        "contract.yaml",
        "data/ai4i.parquet",
        "data/ai4i.csv",
        "sample/ai4i.csv",
        "metadata/datapackage.json",
        "metadata/croissant.json",
        "metadata/dcat.jsonld",
    ):
        assert required in names
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    assert set(listed) == set(names) - {"manifest.json"}
    assert all(digests[path] == digest for path, digest in listed.items())
    assert manifest["product"]["version"] == "0.1.0"
    assert manifest["product"]["licence"] == {
        "id": "CC-BY-4.0",
        "name": "Creative Commons Attribution 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "commercial_use": True,
        "derivatives": True,
        "attribution": True,
        "distributable": True,
    }
    assert manifest["built_at"] == "2026-12-01T00:00:00+09:00"
    assert "profile.json" not in " ".join(names)


def test_packaging_twice_gives_the_same_bytes(ai4i: Path) -> None:
    first = package_project(ai4i).zip_path.read_bytes()
    second = package_project(ai4i).zip_path.read_bytes()
    assert first == second


def test_metadata_passes_frictionless_croissant_and_dcat_ap(ai4i: Path) -> None:
    folder = package_project(ai4i).folder
    assert frictionless_errors(folder) == []
    assert croissant_records(folder) == {"ai4i": 10_000}
    conforms, report = dcat_conforms(folder / "metadata" / "dcat.jsonld")
    assert conforms, report


def test_dcat_validation_fails_without_a_title(ai4i: Path, tmp_path: Path) -> None:
    # the SHACL check is real: a dataset without dct:title does not conform
    document = json.loads((package_project(ai4i).folder / "metadata" / "dcat.jsonld").read_text(encoding="utf-8"))
    del document["@graph"][0]["dct:title"]
    broken = tmp_path / "broken.jsonld"
    broken.write_text(json.dumps(document), encoding="utf-8")
    conforms, report = dcat_conforms(broken)
    assert not conforms and "title" in report


def _sample_rows(folder: Path) -> list[dict[str, str]]:
    text = (folder / "sample" / "ai4i.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_sample_is_stratified_and_hides_identifiers(ai4i: Path) -> None:
    folder = package_project(ai4i).folder
    rows = _sample_rows(folder)
    assert {row["Machine failure"] for row in rows} == {"0", "1"}  # both classes, though 1 is only 3.4 %
    ids = duckdb.sql(
        f"SELECT \"Product ID\", CAST(UDI AS VARCHAR) FROM '{folder / 'data' / 'ai4i.parquet'}'"
    ).fetchall()
    originals = {value for pair in ids for value in pair}
    assert rows and not ({row["Product ID"] for row in rows} | {row["UDI"] for row in rows}) & originals
    assert all(len(row["Product ID"]) == 16 for row in rows)


def test_sample_refuses_to_show_a_pseudonymised_column(ai4i: Path) -> None:
    recipe = ai4i / "recipe.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8") + "- type: pseudonymise\n  columns: [Product ID]\n", "utf-8")
    from mfgdata.prep.build import build_recipe

    build_recipe(ai4i)
    set_product(ai4i, sample={"show_as_is": ["Product ID"]})
    with pytest.raises(PackageError) as error:
        package_project(ai4i)
    assert error.value.code == "sample-reveals-identifier"
    assert "Product ID" in error.value.one_line()


def test_sample_needs_the_pseudonymisation_key(ai4i: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MFGDATA_PSEUDONYM_KEY")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "empty-config"))
    with pytest.raises(PackageError) as error:
        package_project(ai4i)
    assert error.value.code == "pseudonym-key-missing"


@pytest.mark.parametrize("licence", ["to be chosen", "", None])
def test_a_product_without_a_licence_is_refused(ai4i: Path, licence: str | None) -> None:
    set_product(ai4i, licence=licence)
    with pytest.raises(PackageError) as error:
        package_project(ai4i)
    assert error.value.code == "licence-missing"
    assert not list((ai4i / "build").glob("*.zip"))


def test_an_unknown_licence_name_is_refused(ai4i: Path) -> None:
    set_product(ai4i, licence="free for all")
    with pytest.raises(PackageError) as error:
        package_project(ai4i)
    assert error.value.code == "licence-unknown"


def test_a_described_licence_is_carried_into_the_terms(ai4i: Path) -> None:
    set_product(
        ai4i,
        licence={"id": "LicenseRef-acme", "name": "ACME 데이터 이용허락", "commercial_use": True, "derivatives": True},
        terms={"period": "1년", "permitted_uses": ["ai_training"]},
    )
    folder = package_project(ai4i).folder
    terms = (folder / "TERMS.md").read_text(encoding="utf-8")
    assert "ACME 데이터 이용허락" in terms and "이용기간은 1년입니다" in terms
    assert "인공지능 모델의 학습" in terms and "내부의 분석" not in terms
    assert "제3자에게 제공·판매·공개할 수 없습니다" in terms  # a proprietary licence: no redistribution


def test_a_version_that_is_not_semantic_is_refused(ai4i: Path) -> None:
    set_product(ai4i, version="v2")
    with pytest.raises(PackageError) as error:
        package_project(ai4i)
    assert error.value.code == "version-not-semantic"


def test_other_steps_files_are_included_and_the_datasheet_summarises_quality(ai4i: Path) -> None:
    quality = ai4i / "build" / "quality"
    quality.mkdir()
    results = {
        "format": "mfgdata-quality-results/1",
        "valid": True,
        "stats": {"checks": 3, "passed": 2, "failed_block": 0, "failed_warn": 1, "not_run": 0},
        "score": {"conformance_rate": 0.97, "grade": "B"},
        "results": [
            {
                "id": "torque-range",
                "passed": False,
                "severity": "warn",
                "message_ko": "토크 범위 밖 12행",
                "message_en": "12 rows outside the torque range",
            }
        ],
    }
    (quality / "results.json").write_text(json.dumps(results), encoding="utf-8")
    result = package_project(ai4i)
    assert "quality/results.json" in {entry["path"] for entry in result.manifest["files"]}
    assert "quality/report.pdf" in result.missing and "metadata/equipment.aasx" in result.missing
    readme = (result.folder / "README.md").read_text(encoding="utf-8")
    assert "**B**" in readme and "토크 범위 밖 12행" in readme
    assert "no AAS" in readme  # what is missing is said, not hidden


def test_datasheet_without_quality_says_so(ai4i: Path) -> None:
    readme = (package_project(ai4i).folder / "README.md").read_text(encoding="utf-8")
    assert "no quality results" in readme
    assert "| Torque |" in readme and "CC-BY-4.0" in readme


def test_build_contract_is_preferred_over_the_project_contract(ai4i: Path) -> None:
    (ai4i / "build" / "contract.yaml").write_text("apiVersion: v3.0.2\nkind: DataContract\nid: built\n", "utf-8")
    folder = package_project(ai4i).folder
    assert "id: built" in (folder / "contract.yaml").read_text(encoding="utf-8")


def test_check_package_accepts_the_zip_and_the_folder(ai4i: Path) -> None:
    result = package_project(ai4i)
    assert check_package(result.zip_path)["product"]["slug"] == "ai4i"
    assert check_package(result.folder)["product"]["slug"] == "ai4i"
