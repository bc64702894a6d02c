"""Whoever reads a package recomputes every digest: tampered, incomplete or padded packages are refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mfgdata.packaging import check_package, package_project
from mfgdata.packaging.errors import PackageError


def _rewrite(
    source: Path, target: Path, change: dict[str, bytes | None], extra: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    new.writestr(info, change[info.filename])
                continue
            new.writestr(info, old.read(info.filename))
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target


@pytest.fixture
def packaged(ai4i: Path) -> Path:
    return package_project(ai4i).zip_path


def test_a_changed_data_file_is_refused(packaged: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(packaged) as archive:
        text = archive.read("data/ai4i.csv").replace(b"298.1", b"299.9", 1)
    tampered = _rewrite(packaged, tmp_path / "tampered.zip", {"data/ai4i.csv": text})
    with pytest.raises(PackageError) as error:
        check_package(tampered)
    assert error.value.code == "package-file-mismatch" and "data/ai4i.csv" in error.value.one_line()


def test_a_missing_file_and_an_unlisted_file_are_refused(packaged: Path, tmp_path: Path) -> None:
    missing = _rewrite(packaged, tmp_path / "missing.zip", {"TERMS.md": None})
    with pytest.raises(PackageError, match=r"TERMS\.md"):
        check_package(missing)
    padded = _rewrite(packaged, tmp_path / "padded.zip", {}, {"data/extra.csv": b"a,b\n"})
    with pytest.raises(PackageError, match=r"extra\.csv"):
        check_package(padded)


def test_an_entry_climbing_out_of_the_package_is_refused(packaged: Path, tmp_path: Path) -> None:
    unsafe = _rewrite(packaged, tmp_path / "unsafe.zip", {}, {"../evil.sh": b"rm -rf /"})
    with pytest.raises(PackageError) as error:
        check_package(unsafe)
    assert error.value.code == "package-unsafe-entry"


def test_a_changed_file_in_the_unpacked_folder_is_refused(ai4i: Path, tmp_path: Path) -> None:
    folder = shutil.copytree(package_project(ai4i).folder, tmp_path / "unpacked")
    readme = folder / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\n품질 보증 100%\n", encoding="utf-8")
    with pytest.raises(PackageError, match=r"README\.md"):
        check_package(folder)


def test_cli_check_package_reports_one_line_and_exit_code(packaged: Path, tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "mfgdata", "check-package", str(packaged)], capture_output=True, text=True
    )
    assert ok.returncode == 0 and "ok" in ok.stdout
    tampered = _rewrite(packaged, tmp_path / "t.zip", {"TERMS.md": b"anything goes"})
    bad = subprocess.run(
        [sys.executable, "-m", "mfgdata", "check-package", str(tampered)], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "package-file-mismatch" in bad.stderr and "Traceback" not in bad.stderr
