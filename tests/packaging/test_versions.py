"""Versions: `diff` between two packages, and the CHANGELOG carried from one version to the next."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mfgdata.packaging import diff_packages, package_project
from mfgdata.packaging.diff import describe
from mfgdata.prep.build import build_recipe
from mfgdata.pricing import price_project

from .conftest import set_product


def _next_version(project: Path) -> None:
    """0.2.0: drop the rows with high tool wear, rename a column and raise the daily rate."""
    recipe = project / "recipe.yaml"
    steps = "- type: filter\n  where: '\"Tool wear\" < 200'\n  allow_row_loss: 0.5\n"
    steps += "- type: rename\n  columns: {Torque: torque_nm}\n"
    recipe.write_text(recipe.read_text(encoding="utf-8") + steps, encoding="utf-8")
    build_recipe(project)
    set_product(project, version="0.2.0", pricing={"daily_rate_krw": 600000})
    price_project(project)


def test_diff_reports_rows_schema_and_price_changes(ai4i: Path) -> None:
    price_project(ai4i)
    old = package_project(ai4i).zip_path
    _next_version(ai4i)
    new = package_project(ai4i).zip_path
    result = diff_packages(old, new)
    table = result.tables[0]
    assert (result.version_old, result.version_new) == ("0.1.0", "0.2.0")
    assert table.rows_old == 10_000 and table.rows_new < 10_000
    assert table.rows_removed == 10_000 - table.rows_new and table.rows_added == 0
    assert table.columns_added == ["torque_nm"] and table.columns_removed == ["Torque"]
    assert result.price["new"] > result.price["old"]
    lines = "\n".join(describe(result))
    assert "torque_nm" in lines and "추천 가격" in lines


def test_changelog_keeps_the_earlier_entry_and_says_what_changed(ai4i: Path) -> None:
    package_project(ai4i)
    _next_version(ai4i)
    changelog = (package_project(ai4i).folder / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## 0.2.0") < changelog.index("## 0.1.0")
    assert "0.1.0 대비 변경" in changelog and "columns removed): Torque" in changelog


def test_a_changelog_the_seller_keeps_is_used_as_written(ai4i: Path) -> None:
    (ai4i / "CHANGELOG.md").write_text("# Changelog\n\n## 0.1.0\n\n- 첫 판매본\n", encoding="utf-8")
    assert "첫 판매본" in (package_project(ai4i).folder / "CHANGELOG.md").read_text(encoding="utf-8")


def test_cli_diff_as_json(ai4i: Path) -> None:
    old = package_project(ai4i).zip_path
    same = subprocess.run(
        [sys.executable, "-m", "mfgdata", "diff", str(old), str(old), "--json"], capture_output=True, text=True
    )
    assert same.returncode == 0, same.stderr
    report = json.loads(same.stdout)
    assert report["tables"][0]["rows_added"] == 0 and report["tables"][0]["rows_removed"] == 0
