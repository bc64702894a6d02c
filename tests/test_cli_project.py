"""`mfgdata init` and `mfgdata build` as a processing company runs them."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mfgdata", *map(str, args)], capture_output=True, text=True, timeout=300
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_init_then_build_twice_gives_identical_files(open_data: Path, tmp_path: Path) -> None:
    # given a project made from the AI4I export
    project = tmp_path / "ai4i"
    created = _run("init", open_data / "ai4i-2020", "-o", project)
    assert created.returncode == 0, created.stderr
    assert "설비 예지보전" in created.stdout
    for name in ("product.yaml", "contract.yaml", "recipe.yaml", "equipment.yaml"):
        assert (project / name).is_file()
    # when it is built twice
    first = _run("build", project)
    assert first.returncode == 0, first.stderr
    data = project / "build" / "data"
    digests = {path.name: _digest(path) for path in sorted(data.iterdir())}
    second = _run("build", project)
    assert second.returncode == 0, second.stderr
    # then the files are byte-identical and the lineage says what happened
    assert {path.name: _digest(path) for path in sorted(data.iterdir())} == digests
    assert (data / "ai4i.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    lineage = json.loads((project / "build" / "lineage.json").read_text(encoding="utf-8"))
    assert lineage["steps"][-1]["type"] == "split"


def test_build_dry_run_writes_nothing(open_data: Path, tmp_path: Path) -> None:
    project = tmp_path / "steel"
    assert _run("init", open_data / "uci-steel-plates-faults", "-o", project).returncode == 0
    result = _run("build", project, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "계획" in result.stdout
    assert not (project / "build" / "data").exists()


def test_init_refuses_to_overwrite_a_project(open_data: Path, tmp_path: Path) -> None:
    project = tmp_path / "twice"
    assert _run("init", open_data / "ai4i-2020", "-o", project).returncode == 0
    again = _run("init", open_data / "ai4i-2020", "-o", project)
    assert again.returncode == 2
    assert "project-exists" in again.stderr and "Traceback" not in again.stderr


def test_recipe_with_an_unknown_step_is_refused_naming_the_line(open_data: Path, tmp_path: Path) -> None:
    project = tmp_path / "bad"
    assert _run("init", open_data / "ai4i-2020", "-o", project).returncode == 0
    recipe = project / "recipe.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8") + "- type: teleport\n", encoding="utf-8")
    result = _run("build", project)
    line = len(recipe.read_text(encoding="utf-8").splitlines())
    assert result.returncode == 2
    assert f"{line}번째 줄" in result.stderr and "teleport" in result.stderr
