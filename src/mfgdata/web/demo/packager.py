"""A stand-in packager for the demo and the tests — replace with `mfgdata.packaging` once it lands.

It writes a zip in the shared format `mfgdata-package/1` (entries at the root, sorted, timestamps
1980-01-01, no links, `manifest.json` listing every other entry with its sha256 and size). Only the demo
loader and the test factories call it; the site itself only reads packages (`listings.package_reader`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import duckdb
import yaml

from mfgdata import __version__

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SAMPLE_ROWS = 20


def write_package(
    path: Path, *, product: dict[str, Any], files: dict[str, bytes], built_at: str = "2026-12-01T00:00:00+09:00"
) -> Path:
    """Write `files` (zip path → bytes) and their manifest to `path`; returns `path`."""
    manifest = {
        "format": "mfgdata-package/1",
        "product": product,
        "tool": {"name": "mfgdata", "version": __version__},
        "built_at": built_at,
        "files": [
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(files.items())
        ],
    }
    entries = {**files, "manifest.json": json.dumps(manifest, ensure_ascii=False, indent=2).encode()}
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return path


def _sample_csv(parquet: Path) -> bytes:
    relation = duckdb.sql(f"SELECT * FROM read_parquet('{parquet.as_posix()}') LIMIT {SAMPLE_ROWS}")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(relation.columns)
    writer.writerows(relation.fetchall())
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _completeness_results(parquet: Path, contract_bytes: bytes, data_sha: str, rows: int) -> dict[str, Any]:
    """Placeholder quality results (format `mfgdata-quality-results/1`): one completeness check per column.

    The quality branch replaces this with the real suite; the site's re-verification job recomputes it.
    """
    relation = duckdb.sql(f"SELECT * FROM read_parquet('{parquet.as_posix()}')")
    counts = duckdb.sql(
        "SELECT " + ", ".join(f'count("{c}")' for c in relation.columns) + f" FROM read_parquet('{parquet.as_posix()}')"
    ).fetchall()[0]
    results = []
    for column, present in zip(relation.columns, counts, strict=True):
        missing = rows - int(present)
        results.append(
            {
                "id": f"not-null-{column}",
                "type": "not-null",
                "column": column,
                "severity": "warn",
                "mostly": 0.95,
                "passed": missing <= rows * 0.05,
                "checked_count": rows,
                "failing_count": missing,
                "failing_ratio": missing / rows if rows else 0.0,
                "characteristic": "completeness",
                "metric": {},
                "examples": [],
                "message_ko": f"{column} 결측 {missing}건",
                "message_en": f"{column}: {missing} missing",
            }
        )
    passed = sum(r["passed"] for r in results)
    rate = passed / len(results) if results else 1.0
    return {
        "format": "mfgdata-quality-results/1",
        "tool": {"name": "mfgdata-demo-packager", "version": __version__},
        "engine": "duckdb",
        "contract": {"path": "contract.yaml", "sha256": hashlib.sha256(contract_bytes).hexdigest()},
        "data": [{"path": f"data/{parquet.name}", "sha256": data_sha, "rows": rows}],
        "valid": True,
        "stats": {
            "checks": len(results),
            "passed": passed,
            "failed_block": 0,
            "failed_warn": len(results) - passed,
            "not_run": 0,
        },
        "score": {
            "conformance_rate": rate,
            "grade": "A" if rate >= 0.95 else "B",
            "characteristics": {"completeness": {"rate": rate, "checks": [r["id"] for r in results]}},
        },
        "results": results,
    }


def _price(rows: int) -> dict[str, Any]:
    """A placeholder price (the pricing branch computes real ones): 1,000원 per 10 rows, at least 500,000원."""
    mid = max(500_000, rows // 10 * 1_000)
    return {
        "format": "mfgdata-price/1",
        "currency": "KRW",
        "vat_excluded": True,
        "vat_rate": 0.1,
        "recommended": {"low": mid // 2, "mid": mid, "high": mid * 2},
        "plans": [{"id": "one-off", "kind": "one_off", "price_krw": mid, "period": None, "unit": None}],
        "approaches": {},
        "reasons": [{"ko": "데모용 임시 가격", "en": "placeholder demo price"}],
        "subsidy": None,
    }


def _manifest_product(project: Path, slug: str, licence: dict[str, Any], keywords: list[str]) -> dict[str, Any]:
    spec = yaml.safe_load((project / "product.yaml").read_text(encoding="utf-8"))
    category = spec.get("category") or {}
    return {
        "id": slug,
        "slug": slug,
        "version": "1.0.0",
        "title": spec.get("title", {}),
        "description": spec.get("description", {}),
        "category": {"id": category.get("id", ""), "name": category.get("name", {})},
        "process": (spec.get("process") or {}).get("id")
        if isinstance(spec.get("process"), dict)
        else spec.get("process"),
        "keywords": keywords,
        "data_period": {},
        "licence": licence,
    }


def _readme(product: dict[str, Any], slug: str, extra: str) -> bytes:
    title, description = product["title"].get("ko", slug), product["description"].get("ko", "")
    return f"# {title}\n\n{description}\n\n{extra}\n".encode()


def package_project(
    project: Path, out: Path, *, licence: dict[str, Any], keywords: list[str], terms: str, readme_extra: str = ""
) -> Path:
    """Package a built product project (`mfgdata init` + `mfgdata build`) into `out` (a .zip)."""
    data_dir = project / "build" / "data"
    parquet = sorted(data_dir.glob("*.parquet"))[0]
    slug = parquet.stem
    rows = int(duckdb.sql(f"SELECT count(*) FROM read_parquet('{parquet.as_posix()}')").fetchall()[0][0])
    contract = project / "build" / "contract.yaml"
    contract = contract if contract.exists() else project / "contract.yaml"
    product = _manifest_product(project, slug, licence, keywords)
    files = {f"data/{p.name}": p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file()}
    contract_bytes = contract.read_bytes()
    quality = _completeness_results(
        parquet, contract_bytes, hashlib.sha256(files[f"data/{parquet.name}"]).hexdigest(), rows
    )
    files |= {
        "quality/results.json": json.dumps(quality, ensure_ascii=False, indent=2).encode(),
        "contract.yaml": contract_bytes,
        "price.json": json.dumps(_price(rows), indent=2).encode(),
        "sample/sample.csv": _sample_csv(parquet),
        "TERMS.md": terms.encode(),
        "README.md": _readme(product, slug, readme_extra),
        "CHANGELOG.md": b"# 1.0.0\n\n- first release\n",
        "metadata/datapackage.json": json.dumps(
            {"name": slug, "resources": [{"name": slug, "path": f"data/{parquet.name}", "format": "parquet"}]}, indent=2
        ).encode(),
    }
    return write_package(out, product=product, files=files)
