"""What a package is made from: a built product project, read once into plain, typed facts.

```
DIR/product.yaml, DIR/contract.yaml (or DIR/build/contract.yaml, preferred: it describes the built data),
DIR/build/data/<slug>.parquet|.csv (and data/images/<split>/<class>/… for image products),
DIR/build/lineage.json, DIR/build/metadata/…, DIR/build/quality/…, DIR/build/price.json
```
`profile.json` is never read for a package: it holds raw top values.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

from mfgdata.packaging.errors import package_error
from mfgdata.packaging.licences import Licence, licence_of

BUILD = "build"
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$")


@dataclass(frozen=True)
class Column:
    """One output column with what the contract says about it."""

    name: str
    type: str
    role: str
    unit: str | None = None
    description_ko: str = ""
    description_en: str = ""
    classification: str = "internal"
    semantic_id: str | None = None


@dataclass(frozen=True)
class Table:
    """One output table: its Parquet and CSV files (relative to build/), rows and columns."""

    name: str
    parquet: str
    csv: str | None
    rows: int
    columns: tuple[Column, ...]

    def with_role(self, *roles: str) -> list[Column]:
        return [column for column in self.columns if column.role in roles]


@dataclass(frozen=True)
class Project:
    """A built product project, as packaging and pricing see it."""

    folder: Path
    product: dict[str, Any]
    contract: dict[str, Any]
    contract_path: Path
    licence: Licence
    tables: tuple[Table, ...]
    kind: str
    lineage: dict[str, Any] = field(default_factory=dict)

    @property
    def build(self) -> Path:
        return self.folder / BUILD

    @property
    def slug(self) -> str:
        return self.folder.name

    @property
    def version(self) -> str:
        return str(self.product.get("version", "0.1.0"))

    def text(self, key: str, language: str) -> str:
        value = self.product.get(key) or {}
        return str(value.get(language) or value.get("en") or "") if isinstance(value, dict) else str(value)

    def period(self) -> tuple[str, str] | None:
        when = (self.product.get("data") or {}).get("period") or {}
        return (str(when["from"]), str(when["to"])) if when.get("from") else None

    def pseudonymised_columns(self) -> set[str]:
        """Columns a recipe step replaced by keyed hashes."""
        names: set[str] = set()
        for step in self.lineage.get("steps", []):
            if step.get("type") == "pseudonymise":
                names.update((step.get("settings") or {}).get("columns") or [])
        return names


def _yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise package_error(
            "project-file-missing",
            path,
            "상품 프로젝트 파일이 없습니다. 'mfgdata init RAW -o DIR'로 프로젝트를 만드세요.",
            "A product project file is missing. Create the project with 'mfgdata init RAW -o DIR'.",
        )
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


def contract_path(folder: Path) -> Path:
    """build/contract.yaml (the built data's contract) when present, else the project's contract.yaml."""
    built = folder / BUILD / "contract.yaml"
    return built if built.is_file() else folder / "contract.yaml"


def _custom(entry: dict[str, Any]) -> dict[str, Any]:
    return {item.get("property"): item.get("value") for item in entry.get("customProperties") or []}


def _described_columns(contract: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Contract properties by output name and by original name (DIR/contract.yaml names raw columns)."""
    found: dict[str, dict[str, Any]] = {}
    for schema in contract.get("schema") or []:
        for entry in schema.get("properties") or []:
            custom = _custom(entry)
            found.setdefault(str(entry.get("name")), entry | {"_custom": custom})
            if custom.get("originalName"):
                found.setdefault(str(custom["originalName"]), entry | {"_custom": custom})
    return found


_LABEL_NAME = re.compile(r"passorfail|pass_fail|label|defect|failure|불량|양불|판정", re.IGNORECASE)


def _derived_role(name: str) -> str:
    """Role of a column a recipe step made (until build/contract.yaml describes them, by its name)."""
    if name == "split":
        return "split"
    if name.endswith("_out_of_limits"):
        return "flag"
    if _LABEL_NAME.search(name):
        return "label"
    return "derived"


def _renamed(lineage: dict[str, Any]) -> dict[str, str]:
    """Output name → the name the contract knows, following the recipe's rename steps."""
    back: dict[str, str] = {}
    for step in lineage.get("steps") or []:
        if step.get("type") == "rename":
            for old, new in ((step.get("settings") or {}).get("columns") or {}).items():
                back[str(new)] = back.get(str(old), str(old))
    return back


def _column(name: str, type_: str, described: dict[str, dict[str, Any]], renamed: dict[str, str]) -> Column:
    entry = described.get(name) or described.get(renamed.get(name, name))
    if entry is None:
        return Column(name, type_, _derived_role(name))
    custom = entry["_custom"]
    return Column(
        name,
        type_,
        str(custom.get("role") or "feature"),
        custom.get("unit"),
        str(entry.get("description") or ""),
        str(custom.get("descriptionEn") or ""),
        str(entry.get("classification") or "internal"),
        custom.get("semanticId"),
    )


def _tables(build: Path, contract: dict[str, Any], lineage: dict[str, Any]) -> tuple[Table, ...]:
    described = _described_columns(contract)
    renamed = _renamed(lineage)
    tables = []
    for parquet in sorted((build / "data").glob("*.parquet")):
        con = duckdb.connect()
        try:
            rows = con.execute("SELECT count(*) FROM read_parquet(?)", [str(parquet)]).fetchone()
            layout = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(parquet)]).fetchall()
        finally:
            con.close()
        csv = parquet.with_suffix(".csv")
        columns = tuple(_column(str(name), str(type_), described, renamed) for name, type_, *_ in layout)
        tables.append(
            Table(
                parquet.stem,
                f"data/{parquet.name}",
                f"data/{csv.name}" if csv.is_file() else None,
                int(rows[0]) if rows else 0,
                columns,
            )
        )
    return tuple(tables)


def _check_version(version: str, where: Path) -> None:
    if not SEMVER.match(version):
        raise package_error(
            "version-not-semantic",
            where,
            f"버전 '{version}'이 유의적 버전(예: 1.0.0)이 아닙니다. product.yaml의 version을 고치세요.",
            f"Version '{version}' is not a semantic version (e.g. 1.0.0); fix 'version' in product.yaml.",
        )


def load_project(folder: Path) -> Project:
    """Read a built project; PackageError when it is not built, has no licence or a bad version."""
    folder = Path(folder).resolve()
    product = _yaml(folder / "product.yaml")
    licence = licence_of(product, folder / "product.yaml")
    _check_version(str(product.get("version", "")), folder / "product.yaml")
    data = folder / BUILD / "data"
    if not data.is_dir() or not any(data.glob("*.parquet")):
        raise package_error(
            "project-not-built",
            folder,
            "빌드된 데이터가 없습니다. 먼저 'mfgdata build DIR'을 실행하세요.",
            "No built data. Run 'mfgdata build DIR' first.",
        )
    path = contract_path(folder)
    contract = _yaml(path)
    lineage_file = folder / BUILD / "lineage.json"
    lineage = json.loads(lineage_file.read_text(encoding="utf-8")) if lineage_file.is_file() else {}
    kind = "images" if (data / "images").is_dir() else "table"
    tables = _tables(folder / BUILD, contract, lineage)
    return Project(folder, product, contract, path, licence, tables, kind, lineage)
