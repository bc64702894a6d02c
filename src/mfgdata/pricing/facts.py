"""What the price depends on, measured on the built product: size, equipment, time span, labels, standards.

Counts come from the prepared Parquet files (DuckDB), the quality grade from `build/quality/results.json`,
standards from the contract's semantic ids and `build/metadata/equipment.aasx` — each only when present.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from mfgdata.packaging.datasheet import AASX, quality_results
from mfgdata.packaging.project import Project


@dataclass(frozen=True)
class ProductFacts:
    """Quantities of one product used by the market approach and the value factors."""

    rows: int
    bytes: int
    columns: int
    entities: int
    years: float | None
    labelled: int
    label_columns: tuple[str, ...]
    grade: str | None
    aas: bool
    semantic_share: float
    process: str
    category: str
    steps: int
    checks: int

    @property
    def entity_years(self) -> float | None:
        return self.entities * self.years if self.years is not None else None


def _one(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> int:
    row = con.execute(query, [str(path)]).fetchone()
    return int(row[0] or 0) if row else 0


def _years(project: Project) -> float | None:
    when = project.period()
    if when is None:
        return None
    days = (date.fromisoformat(when[1][:10]) - date.fromisoformat(when[0][:10])).days + 1
    return days / 365.25


def _counts(project: Project) -> tuple[int, int, tuple[str, ...]]:
    """Equipment (distinct entity values, at least 1), labelled rows and the label columns."""
    entities, labelled, labels = 1, 0, []
    con = duckdb.connect()
    try:
        for table in project.tables:
            path = project.build / table.parquet
            entity = next(iter(table.with_role("entity")), None)
            if entity is not None:
                entities = max(
                    entities, _one(con, f'SELECT count(DISTINCT "{entity.name}") FROM read_parquet(?)', path)
                )
            label = next(iter(table.with_role("label")), None)
            if label is not None:
                labels.append(label.name)
                labelled += _one(con, f'SELECT count("{label.name}") FROM read_parquet(?)', path)
    finally:
        con.close()
    return entities, labelled, tuple(labels)


def product_facts(project: Project) -> ProductFacts:
    """Measure the built product."""
    entities, labelled, labels = _counts(project)
    columns = [c for t in project.tables for c in t.columns]
    results = quality_results(project) or {}
    data = project.build / "data"
    return ProductFacts(
        rows=sum(t.rows for t in project.tables),
        bytes=sum(p.stat().st_size for p in data.rglob("*") if p.is_file() and p.suffix != ".csv"),
        columns=len(columns),
        entities=entities,
        years=_years(project),
        labelled=labelled,
        label_columns=labels,
        grade=(results.get("score") or {}).get("grade"),
        aas=(project.build / AASX).is_file(),
        semantic_share=sum(1 for c in columns if c.semantic_id) / len(columns) if columns else 0.0,
        process=str((project.product.get("process") or {}).get("id") or "unknown"),
        category=str((project.product.get("category") or {}).get("id") or ""),
        steps=len(project.lineage.get("steps") or []),
        checks=int((results.get("stats") or {}).get("checks") or 0),
    )
