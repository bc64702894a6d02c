"""`sample/`: a small preview that is safe to show publicly.

Tables: a stratified sample — up to 5 rows of each equipment (entity) value × label class (else of each
split), at most 200 rows — chosen by a hash of the row number, so the same data gives the same
sample. Identifiers (roles identifier, entity, lot), personal columns and columns the recipe pseudonymised
are replaced by *sample* pseudonyms: HMAC-SHA256 under the user's pseudonymisation key with a
`sample:` prefix, so they match neither the raw values nor the pseudonyms in the sold data (the same key
gives the same pseudonyms across products; a public preview must not let anyone link them). Confidential
columns (prices, customer companies) are left out. product.yaml `sample.show_as_is` lists columns a seller
wants shown unchanged; naming a pseudonymised or personal column there is refused. Images: thumbnails.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from PIL import Image

from mfgdata.dataset.row_numbers import numbered_rows
from mfgdata.packaging.errors import package_error
from mfgdata.packaging.project import Project, Table
from mfgdata.prep.errors import StepError
from mfgdata.prep.outputs import BOM
from mfgdata.prep.pseudonym_key import load_key

PROTECTED_ROLES = ("identifier", "entity", "lot")
ROWS_PER_GROUP = 5
MAX_ROWS = 200
THUMBNAILS_PER_CLASS = 4
THUMBNAIL_SIZE = 128


@dataclass(frozen=True)
class SamplePlan:
    """For one table: the grouping columns, the columns pseudonymised and the columns dropped."""

    groups: tuple[str, ...]
    pseudonymised: tuple[str, ...]
    dropped: tuple[str, ...]


def _settings(project: Project) -> dict[str, Any]:
    value = project.product.get("sample") or {}
    return value if isinstance(value, dict) else {}


def _refuse_revealing(project: Project, table: Table, shown: set[str]) -> None:
    sensitive = project.pseudonymised_columns() | {c.name for c in table.columns if c.classification == "personal"}
    revealed = sorted(shown & sensitive)
    if revealed:
        raise package_error(
            "sample-reveals-identifier",
            project.folder / "product.yaml",
            f"샘플이 가명처리된(또는 개인) 식별자 {', '.join(revealed)}를 그대로 보여주게 됩니다. 공개 샘플은 "
            "가명 값도 드러내면 안 됩니다(같은 키는 상품 간 같은 가명). product.yaml sample.show_as_is에서 빼세요.",
            f"The sample would show the pseudonymised (or personal) identifier {', '.join(revealed)} as is. A public "
            "sample must not reveal pseudonyms either (one key gives the same pseudonyms across products). Remove "
            "it from sample.show_as_is in product.yaml.",
        )


def plan_sample(project: Project, table: Table) -> SamplePlan:
    """Which columns to group by, pseudonymise and drop; refuses a plan that would reveal an identifier."""
    shown = {str(name) for name in _settings(project).get("show_as_is") or []}
    _refuse_revealing(project, table, shown)
    protected = {c.name for c in table.with_role(*PROTECTED_ROLES)} | project.pseudonymised_columns()
    protected |= {c.name for c in table.columns if c.classification == "personal"}
    names = [c.name for c in table.columns]
    dropped = tuple(c.name for c in table.columns if c.classification == "confidential" and c.name not in shown)
    entity = next((c.name for c in table.columns if c.role == "entity"), None)
    label = next((c.name for c in table.columns if c.role == "label"), None)
    split = next((c.name for c in table.columns if c.role == "split"), None)
    groups = tuple(name for name in (entity, label) if name) or ((split,) if split else ())
    return SamplePlan(groups, tuple(n for n in names if n in protected - shown), dropped)


def _pseudonym(key: bytes, column: str, value: Any) -> str | None:
    if value is None:
        return None
    message = f"sample:{column}:{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:16]


def _key(plan: SamplePlan) -> bytes:
    if not plan.pseudonymised:
        return b""
    try:
        return load_key()
    except StepError as error:
        raise package_error(error.code, None, error.ko, error.en) from error


def _select(con: duckdb.DuckDBPyConnection, parquet: Path, plan: SamplePlan, columns: list[str]) -> pa.Table:
    listed = ", ".join(f'"{name}"' for name in columns)
    quoted = ", ".join(f'"{name}"' for name in plan.groups)
    partition = f"PARTITION BY {quoted}" if plan.groups else ""
    query = f"""
        SELECT {listed} FROM (
            SELECT *, row_number() OVER ({partition} ORDER BY md5(CAST(__file_row AS VARCHAR))) AS __pick
            FROM ({numbered_rows(con, parquet, "__file_row")}))
        WHERE __pick <= {ROWS_PER_GROUP} ORDER BY __file_row LIMIT {MAX_ROWS}"""
    return con.sql(query).to_arrow_table()


def _check_nothing_revealed(sample: pa.Table, original: pa.Table, plan: SamplePlan) -> None:
    for name in plan.pseudonymised:
        shown = {str(v) for v in sample.column(name).to_pylist() if v is not None}
        raw = {str(v) for v in original.column(name).to_pylist() if v is not None}
        if shown & raw:
            raise package_error(
                "sample-reveals-identifier",
                None,
                f"샘플의 '{name}' 열에 원래 식별자 값이 남아 있어 샘플을 만들지 않습니다.",
                f"Column '{name}' of the sample still holds original identifier values; no sample is written.",
            )


def write_table_sample(project: Project, table: Table, target: Path) -> Path:
    """Write `sample/<table>.csv` (UTF-8 with BOM) and return its path."""
    plan = plan_sample(project, table)
    key = _key(plan)
    columns = [c.name for c in table.columns if c.name not in plan.dropped]
    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")
        original = _select(con, project.build / table.parquet, plan, columns)
        sample = original
        for name in plan.pseudonymised:
            values = [_pseudonym(key, name, v) for v in original.column(name).to_pylist()]
            sample = sample.set_column(sample.schema.get_field_index(name), name, pa.array(values, pa.string()))
        _check_nothing_revealed(sample, original, plan)
        target.parent.mkdir(parents=True, exist_ok=True)
        plain = target.with_suffix(".plain.csv")
        con.register("sample_rows", sample)
        con.execute(f"COPY sample_rows TO '{plain.as_posix()}' (FORMAT csv, HEADER true)")
    finally:
        con.close()
    target.write_bytes(BOM + plain.read_bytes())
    plain.unlink()
    return target


def write_thumbnails(project: Project, target: Path) -> list[Path]:
    """A few PNG thumbnails per class (first images in path order of each `images/<split>/<class>`)."""
    images = project.build / "data" / "images"
    chosen: dict[str, list[Path]] = {}
    for path in sorted(p for p in images.rglob("*") if p.is_file()):
        label = path.parent.name
        if len(chosen.setdefault(label, [])) < THUMBNAILS_PER_CLASS:
            chosen[label].append(path)
    written = []
    for label, paths in sorted(chosen.items()):
        for path in paths:
            out = target / label / f"{path.stem}.png"
            out.parent.mkdir(parents=True, exist_ok=True)
            with Image.open(path) as picture:
                thumbnail = picture.convert("RGB")
                thumbnail.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
                thumbnail.save(out, format="PNG", optimize=False)
            written.append(out)
    return written
