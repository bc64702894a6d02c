"""`mfgdata diff OLD NEW`: what changed between two versions of a product package.

Both packages are checked against their manifests first. Rows are compared as multisets on the columns
both versions have (DuckDB `EXCEPT ALL` over the Parquet files), so re-ordered rows are not "changes";
schema changes are columns added, removed or retyped; quality and price changes come from
`quality/results.json` and `price.json` when the packages carry them.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from mfgdata.packaging.archive import PackageReader, check_package


@dataclass
class TableDiff:
    """Row and column changes of one table (by its Parquet path)."""

    path: str
    rows_old: int = 0
    rows_new: int = 0
    rows_added: int = 0
    rows_removed: int = 0
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_retyped: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class PackageDiff:
    """Everything `diff` reports."""

    version_old: str
    version_new: str
    tables: list[TableDiff]
    quality: dict[str, Any]
    price: dict[str, Any]
    licence: tuple[str, str] | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _extract(reader: PackageReader, name: str, folder: Path) -> Path:
    target = folder / name.replace("/", "__")
    with reader.open(name) as source, target.open("wb") as sink:
        for block in iter(lambda: source.read(1 << 20), b""):
            sink.write(block)
    return target


def _layout(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()}


def _count(con: duckdb.DuckDBPyConnection, query: str, *paths: Path) -> int:
    row = con.execute(query, [str(path) for path in paths]).fetchone()
    return int(row[0]) if row else 0


def _table_diff(name: str, old: Path | None, new: Path | None) -> TableDiff:
    con = duckdb.connect()
    try:
        before = _layout(con, old) if old else {}
        after = _layout(con, new) if new else {}
        result = TableDiff(name)
        result.columns_added = [c for c in after if c not in before]
        result.columns_removed = [c for c in before if c not in after]
        result.columns_retyped = [(c, before[c], after[c]) for c in after if c in before and before[c] != after[c]]
        count = "SELECT count(*) FROM read_parquet(?)"
        result.rows_old = _count(con, count, old) if old else 0
        result.rows_new = _count(con, count, new) if new else 0
        common = ", ".join(f'"{c}"' for c in after if c in before and c not in dict.fromkeys(["split"]))
        if old and new and common:
            added = (
                f"SELECT count(*) FROM (SELECT {common} FROM read_parquet(?) "
                f"EXCEPT ALL SELECT {common} FROM read_parquet(?))"
            )
            result.rows_added = _count(con, added, new, old)
            result.rows_removed = _count(con, added, old, new)
        else:
            result.rows_added, result.rows_removed = result.rows_new, result.rows_old
        return result
    finally:
        con.close()


def _optional_json(reader: PackageReader, name: str) -> dict[str, Any]:
    return reader.json(name) if reader.has(name) else {}


def _quality(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    def summary(results: dict[str, Any]) -> dict[str, Any]:
        score = results.get("score") or {}
        failed = sorted(r.get("id") for r in results.get("results") or [] if not r.get("passed"))
        return {"grade": score.get("grade"), "conformance_rate": score.get("conformance_rate"), "failed": failed}

    before, after = summary(old), summary(new)
    return {
        "old": before,
        "new": after,
        "newly_failing": sorted(set(after["failed"]) - set(before["failed"])),
        "fixed": sorted(set(before["failed"]) - set(after["failed"])),
    }


def _price(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    def plans(price: dict[str, Any]) -> dict[str, int]:
        return {p["id"]: p.get("price_krw") for p in price.get("plans") or []}

    return {
        "old": (old.get("recommended") or {}).get("mid"),
        "new": (new.get("recommended") or {}).get("mid"),
        "plans_old": plans(old),
        "plans_new": plans(new),
    }


def diff_packages(old_path: Path, new_path: Path) -> PackageDiff:
    """Compare two packages (zips or unpacked folders), both verified against their manifests first."""
    old_manifest, new_manifest = check_package(old_path), check_package(new_path)
    with PackageReader(old_path) as old, PackageReader(new_path) as new, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        parquet = sorted({n for n in old.names() + new.names() if n.startswith("data/") and n.endswith(".parquet")})
        (folder / "old").mkdir()
        (folder / "new").mkdir()
        tables = [
            _table_diff(
                name,
                _extract(old, name, folder / "old") if old.has(name) else None,
                _extract(new, name, folder / "new") if new.has(name) else None,
            )
            for name in parquet
        ]
        quality = _quality(_optional_json(old, "quality/results.json"), _optional_json(new, "quality/results.json"))
        price = _price(_optional_json(old, "price.json"), _optional_json(new, "price.json"))
    licences = (old_manifest["product"]["licence"]["id"], new_manifest["product"]["licence"]["id"])
    return PackageDiff(
        old_manifest["product"]["version"],
        new_manifest["product"]["version"],
        tables,
        quality,
        price,
        licences if licences[0] != licences[1] else None,
    )


def describe(diff: PackageDiff) -> list[str]:
    """The changes as lines of Markdown, Korean and English."""
    lines = []
    for table in diff.tables:
        lines.append(
            f"- `{table.path}`: {table.rows_old:,} → {table.rows_new:,} 행 (rows); 추가 (added) {table.rows_added:,}, "
            f"삭제 (removed) {table.rows_removed:,}"
        )
        if table.columns_added:
            lines.append(f"  - 열 추가 (columns added): {', '.join(table.columns_added)}")
        if table.columns_removed:
            lines.append(f"  - 열 삭제 (columns removed): {', '.join(table.columns_removed)}")
        for name, before, after in table.columns_retyped:
            lines.append(f"  - 형식 변경 (type changed): {name} {before} → {after}")
    quality = diff.quality
    if quality["old"]["grade"] != quality["new"]["grade"] or quality["newly_failing"] or quality["fixed"]:
        lines.append(f"- 품질 등급 (quality grade): {quality['old']['grade']} → {quality['new']['grade']}")
        lines += [f"  - 새로 실패 (newly failing): {name}" for name in quality["newly_failing"]]
        lines += [f"  - 해결 (fixed): {name}" for name in quality["fixed"]]
    price = diff.price
    if price["old"] != price["new"] or price["plans_old"] != price["plans_new"]:
        lines.append(f"- 추천 가격 (recommended price, KRW): {price['old']} → {price['new']}")
        for plan in sorted(set(price["plans_old"]) | set(price["plans_new"])):
            before, after = price["plans_old"].get(plan), price["plans_new"].get(plan)
            if before != after:
                lines.append(f"  - {plan}: {before} → {after}")
    if diff.licence:
        lines.append(f"- 라이선스 (licence): {diff.licence[0]} → {diff.licence[1]}")
    return lines or ["- 변경 없음 (no changes)"]


def changelog_lines(previous: Path, staging: Path) -> list[str]:
    """What changed from the earlier package to the one being staged (data, quality, price only)."""
    with PackageReader(previous) as old, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tables = []
        for name in sorted(n for n in old.names() if n.startswith("data/") and n.endswith(".parquet")):
            current = staging / name
            tables.append(_table_diff(name, _extract(old, name, folder), current if current.is_file() else None))
        new_quality = staging / "quality" / "results.json"
        new_price = staging / "price.json"
        quality = _quality(
            _optional_json(old, "quality/results.json"),
            json.loads(new_quality.read_text("utf-8")) if new_quality.is_file() else {},
        )
        price = _price(
            _optional_json(old, "price.json"), json.loads(new_price.read_text("utf-8")) if new_price.is_file() else {}
        )
    return describe(PackageDiff("", "", tables, quality, price, None))
