"""Packaging test helpers: a built AI4I project (made once), and the three metadata validators.

The validators are the reference tools themselves — frictionless-py, mlcroissant and pyshacl with the
DCAT-AP 3.0.1 shapes shipped in `mfgdata/packaging/shapes/` — run offline.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
import yaml

from mfgdata.dictionary.init import init_project
from mfgdata.prep.build import build_recipe

KEY = "test-key-0123456789abcdef0123456789"


@pytest.fixture(autouse=True)
def pseudonym_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MFGDATA_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796050800")  # 2026-12-01T00:00:00+09:00


def set_product(project: Path, **fields: object) -> None:
    """Change top-level fields of product.yaml."""
    path = project / "product.yaml"
    product = yaml.safe_load(path.read_text(encoding="utf-8"))
    product.update(fields)
    path.write_text(yaml.safe_dump(product, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="session")
def built_ai4i(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """AI4I 2020 initialised and built once, licensed CC BY 4.0."""
    folder = tmp_path_factory.mktemp("built") / "ai4i"
    init_project([Path(__file__).resolve().parents[2] / "data" / "open" / "ai4i-2020"], folder)
    build_recipe(folder)
    set_product(folder, licence="CC-BY-4.0")
    return folder


@pytest.fixture
def ai4i(built_ai4i: Path, tmp_path: Path) -> Path:
    """A private copy of the built AI4I project, to change freely."""
    target = tmp_path / "ai4i"
    shutil.copytree(built_ai4i, target)
    return target


def frictionless_errors(folder: Path, limit_rows: int | None = None) -> list[str]:
    """Frictionless validation messages (schema, hashes, rows up to `limit_rows`); empty when valid."""
    from frictionless import Package

    report = Package(str(folder / "datapackage.json")).validate(limit_rows=limit_rows)
    return [error.message for task in report.tasks for error in task.errors] + [e.message for e in report.errors]


def croissant_records(folder: Path, limit: int | None = None) -> dict[str, int]:
    """Rows per RecordSet loaded with mlcroissant (validation happens when the dataset is opened).

    mlcroissant builds each record in time quadratic in the number of fields, so wide real tables are
    loaded up to `limit` records.
    """
    import mlcroissant as mlc

    dataset = mlc.Dataset(str(folder / "metadata" / "croissant.json"))
    document = json.loads((folder / "metadata" / "croissant.json").read_text(encoding="utf-8"))
    return {
        rs["@id"]: sum(1 for _ in itertools.islice(dataset.records(rs["@id"]), limit)) for rs in document["recordSet"]
    }


def dcat_conforms(path: Path) -> tuple[bool, str]:
    from pyshacl import validate
    from rdflib import Graph

    shapes = resources.files("mfgdata.packaging").joinpath("shapes/dcat-ap-3.0.1-shapes.ttl")
    shacl = Graph().parse(data=shapes.read_text(encoding="utf-8"), format="turtle")
    data = Graph().parse(data=path.read_text(encoding="utf-8"), format="json-ld")
    conforms, _graph, text = validate(data, shacl_graph=shacl, inference="none", do_owl_imports=False)
    return bool(conforms), str(text)


@pytest.fixture
def validators() -> dict[str, Callable[..., object]]:
    return {"frictionless": frictionless_errors, "croissant": croissant_records, "dcat": dcat_conforms}


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
