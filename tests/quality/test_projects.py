"""init → build → verify on a project: suggested checks follow renames and vanish with dropped columns."""

from __future__ import annotations

from pathlib import Path

import yaml

from mfgdata.dictionary.init import init_project
from mfgdata.prep.build import build_recipe
from mfgdata.quality import verify

CSV = """ts,machine,temp_c,tmin,tmax
2024-01-01 00:00:00,A,20.5,18,22
2024-01-01 00:00:01,A,21.0,18,22
2024-01-01 00:00:02,A,23.0,18,22
2024-01-01 00:00:03,A,21.5,18,22
2024-01-01 00:00:04,A,20.0,18,22
"""


def test_checks_follow_renamed_columns_after_build(tmp_path: Path) -> None:
    # given a project whose recipe renames temp_c and drops the constant columns
    raw = tmp_path / "readings.csv"
    raw.write_text(CSV, encoding="utf-8")
    project = init_project([raw], tmp_path / "project")
    recipe = yaml.safe_load((project / "recipe.yaml").read_text(encoding="utf-8"))
    recipe["steps"].append({"type": "rename", "columns": {"temp_c": "temperature"}})
    (project / "recipe.yaml").write_text(yaml.safe_dump(recipe, allow_unicode=True), encoding="utf-8")
    contract = yaml.safe_load((project / "contract.yaml").read_text(encoding="utf-8"))
    contract["schema"][0]["quality"].append(
        {"id": "temp-hard", "type": "custom", "engine": "mfgdata",
         "implementation": {"type": "range", "column": "temp_c", "min": 0, "max": 22}}
    )  # fmt: skip
    (project / "contract.yaml").write_text(yaml.safe_dump(contract, allow_unicode=True), encoding="utf-8")
    build_recipe(project)
    # when
    verification = verify(project, out_dir=tmp_path / "q")
    verification.inputs.close()
    results = {r["id"]: r for r in verification.document["results"]}
    # then
    assert results["temp-hard"]["column"] == "temperature"
    assert results["temp-hard"]["failing_count"] == 1
    assert results["temp_c-present"]["column"] == "temperature"
    assert "machine-present" not in results  # the recipe dropped the column, and its checks with it
    assert verification.document["contract"]["path"] == "build/contract.yaml"
