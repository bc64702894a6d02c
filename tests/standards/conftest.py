"""Product projects for the standards tests: a small generated one, and real ones built once per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mfgdata.dictionary.init import init_project
from mfgdata.prep.build import build_recipe

REPO = Path(__file__).resolve().parents[2]


def _shared_data() -> Path:
    """Where tests/conftest.py looks: `$MFGDATA_SHARED_DATA`, else `../shared/data` beside the repository."""
    configured = os.environ.get("MFGDATA_SHARED_DATA")
    return Path(configured) if configured else REPO.parent / "shared" / "data"


def make_project(raw: Path, out: Path) -> Path:
    """`mfgdata init` + `mfgdata build`, as a person would run them."""
    init_project([raw], out)
    build_recipe(out)
    return out


def small_csv(folder: Path, rows: int = 120) -> Path:
    """A machining log with units in the headers, like ai4i-2020 but small."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["UDI,Air temperature [K],Torque [Nm],Rotational speed [rpm],Tool wear [min],Machine failure"]
    for index in range(rows):
        failure = 1 if index % 10 == 0 else 0
        temperature, torque = f"{298.1 + index % 7 * 0.3:.1f}", 40 + index % 13 * 0.5
        lines.append(f"{index + 1},{temperature},{torque},{1400 + index % 50},{index % 200},{failure}")
    path = folder / "machining.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    raw = small_csv(tmp_path / "raw")
    return make_project(raw, tmp_path / "machining")


@pytest.fixture(scope="session")
def built_ai4i(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(REPO / "data" / "open" / "ai4i-2020", tmp_path_factory.mktemp("real") / "ai4i")


@pytest.fixture(scope="session")
def built_diecasting(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = _shared_data() / "kamp-diecasting-quality"
    if not raw.is_dir():
        pytest.skip(f"shared datasets absent: {raw} does not exist (set MFGDATA_SHARED_DATA)")
    return make_project(raw, tmp_path_factory.mktemp("real") / "diecasting")


@pytest.fixture
def copy_project(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """A fresh copy of a built project at the same folder depth (its recipe's relative inputs still resolve)."""

    def copy(project: Path) -> Path:
        target = tmp_path_factory.mktemp("copy") / project.name
        shutil.copytree(project, target)
        return target

    return copy


def fill_equipment(project: Path, ratings: str = "{max_pressure: 25 MPa, max_torque: 80 N*m, power: 15 kW}") -> None:
    """Fill the skeleton equipment.yaml as a person would from the machine's nameplate."""
    path = project / "equipment.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("manufacturer: ''", "manufacturer: 한빛기계"),
        ("model: ''", "model: HB-350"),
        ("serial: ''", "serial: SN-2019-0042"),
        ("year: null", "year: 2019"),
        ("ratings: {}", f"ratings: {ratings}"),
    ):
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def _exported_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mfgdata.standards.aas.export import export_aas
    from mfgdata.standards.standardize import standardize_project

    folder = tmp_path_factory.mktemp("exported")
    project = make_project(small_csv(folder / "raw"), folder / "machining")
    standardize_project(project)
    fill_equipment(project)
    export_aas(project)
    return folder


@pytest.fixture
def exported_project(_exported_once: Path, tmp_path: Path) -> Path:
    """The small project standardized, its equipment filled in and its AAS exported (a fresh copy per test)."""
    shutil.copytree(_exported_once, tmp_path / "exported")
    return tmp_path / "exported" / "machining"
