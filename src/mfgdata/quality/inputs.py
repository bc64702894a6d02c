"""What `verify` reads: a product project (its built tables and contract) or a raw file or folder.

- A project folder (with `contract.yaml` or `product.yaml`): the tables in `build/data/` (Parquet; CSV
  only where no Parquet of the same name exists) and `build/contract.yaml`, else `contract.yaml`.
- A raw table file or folder: read as `mfgdata profile` reads it (any Korean encoding, workbooks …) and
  staged once as Parquet in a temporary folder, so every engine reads the same rows in the same order.
  A single Parquet file is typed already and is read as it is (no copy).
- A folder of images: one row per image file (path, split, label, format, mode, width, height, bytes,
  error, sha256), staged the same way.
Tables get the 1-based data row number `__row` when registered with an engine.
"""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from mfgdata.dataset.row_numbers import numbered_rows, sql_text
from mfgdata.hashing import sha256_of
from mfgdata.quality.dialect import ROW
from mfgdata.quality.errors import quality_error

PROJECT_FILES = ("contract.yaml", "product.yaml")


_HASHING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mfgdata-sha256")


def hashed_later(path: Path) -> Future[str]:
    """The file's sha256, computed in a thread while the engine runs the checks (hashlib releases the GIL)."""
    return _HASHING.submit(sha256_of, path)


@dataclass(frozen=True)
class DataInput:
    """One table to verify: its contract name, what is reported as its path, and the Parquet to read."""

    name: str
    display: str
    source: Path
    digest: Future[str] | str
    parquet: Path
    kind: str = "table"

    @property
    def sha256(self) -> str:
        """The source file's sha256 (waiting for the hashing thread if needed)."""
        return self.digest if isinstance(self.digest, str) else self.digest.result()


@dataclass
class Inputs:
    """Everything verify reads, and where it writes (`out_dir`)."""

    tables: list[DataInput]
    contract_path: Path | None
    out_dir: Path
    project_dir: Path | None
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="mfgdata-quality-")))

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def is_project(path: Path) -> bool:
    """Whether `path` is a product project folder."""
    return path.is_dir() and any((path / name).is_file() for name in PROJECT_FILES)


def project_contract(project: Path) -> Path | None:
    """The contract describing the built data: build/contract.yaml, else contract.yaml."""
    for candidate in (project / "build" / "contract.yaml", project / "contract.yaml"):
        if candidate.is_file():
            return candidate
    return None


def _built_tables(project: Path) -> list[Path]:
    data = project / "build" / "data"
    files = sorted(p for p in data.glob("*.parquet")) if data.is_dir() else []
    stems = {p.stem for p in files}
    files += sorted(p for p in data.glob("*.csv") if p.stem not in stems) if data.is_dir() else []
    if not files:
        raise quality_error(
            "not-built",
            "검증할 데이터가 없습니다. 먼저 'mfgdata build'로 상품 데이터를 만드세요.",
            "There is no built data to verify. Run 'mfgdata build' first.",
            project / "build" / "data",
        )
    return files


def _as_parquet(path: Path, workdir: Path) -> Path:
    if path.suffix.lower() == ".parquet":
        return path
    target = workdir / f"{path.stem}.parquet"
    con = duckdb.connect()
    try:
        source = str(path).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM read_csv('{source}', header = true)) TO '{target}' (FORMAT parquet)")
    finally:
        con.close()
    return target


def project_inputs(project: Path, contract: Path | None) -> Inputs:
    """The built tables of a project."""
    inputs = Inputs([], contract or project_contract(project), project / "build" / "quality", project)
    for path in _built_tables(project):
        display = path.relative_to(project / "build").as_posix()
        parquet = _as_parquet(path, inputs.workdir)
        inputs.tables.append(DataInput(path.stem, display, path, hashed_later(path), parquet))
    return inputs


def _write_image_table(collection: Any, target: Path) -> None:
    """One row per image file of an ImageCollection, with its sha256, as Parquet."""
    import pyarrow as pa  # only image collections need it
    import pyarrow.parquet as pq

    rows = [
        {
            "path": r.path, "split": r.split, "label": r.label, "format": r.format, "mode": r.mode,
            "width": r.width, "height": r.height, "bytes": r.bytes, "error": r.error,
            "sha256": sha256_of(collection.root / r.path),
        }
        for r in collection.records
    ]  # fmt: skip
    schema = pa.schema(
        [("path", pa.string()), ("split", pa.string()), ("label", pa.string()), ("format", pa.string()),
         ("mode", pa.string()), ("width", pa.int32()), ("height", pa.int32()), ("bytes", pa.int64()),
         ("error", pa.string()), ("sha256", pa.string())]
    )  # fmt: skip
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), target)


def raw_inputs(path: Path, contract: Path | None, out_dir: Path) -> Inputs:
    """A raw file or folder, read like `mfgdata profile` and staged as Parquet."""
    from mfgdata.dictionary.identity import table_name

    inputs = Inputs([], contract, out_dir, None)
    if path.is_file() and path.suffix.lower() == ".parquet":
        name = table_name({"source": {"paths": [str(path)]}})
        inputs.tables.append(DataInput(name, path.name, path, hashed_later(path), path))
        return inputs
    from mfgdata.dataset.images import ImageCollection  # the readers of every other format
    from mfgdata.dataset.opener import open_source

    source = open_source([path])
    if isinstance(source, ImageCollection):
        target = inputs.workdir / "images.parquet"
        _write_image_table(source, target)
        digest = sha256_of(target)
        name = table_name({"source": {"paths": [str(path)]}})
        inputs.tables.append(DataInput(name, path.name, path, digest, target, kind="images"))
        return inputs
    try:
        target = inputs.workdir / "table.parquet"
        source.con.execute(f"COPY (SELECT * FROM {source.relation}) TO '{target}' (FORMAT parquet)")
        name = table_name({"source": {"paths": [str(path)]}, "kind": source.kind})
        digest = source.source.files[0].sha256 if len(source.source.files) == 1 else sha256_of(target)
    finally:
        source.close()
    inputs.tables.append(DataInput(name, path.name, path, digest, target))
    return inputs


def stage_numbered(con: duckdb.DuckDBPyConnection, table: DataInput, workdir: Path) -> Path:
    """A copy of the table's Parquet with `__row` as first column, for engines that cannot number rows (and
    for files with their own `file_row_number` column); `con` must keep insertion order (the default)."""
    target = workdir / f"{table.name}-numbered.parquet"
    con.execute(f"COPY ({numbered_rows(con, table.parquet, ROW, first=1)}) TO {sql_text(str(target))} (FORMAT parquet)")
    return target
