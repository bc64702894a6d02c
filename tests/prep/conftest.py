"""Factories for preparation tests: a project folder with a recipe and small raw files, and its outputs."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from mfgdata.prep import BuildResult

MakeProject = Callable[..., Path]


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """`make_project(recipe, {"data.csv": text, …}, name=…)` → a project folder with `sources/<files>`."""

    def make(recipe: str, files: dict[str, str], name: str = "product") -> Path:
        project = tmp_path / name
        for relative, text in files.items():
            path = project / "sources" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        project.mkdir(parents=True, exist_ok=True)
        (project / "recipe.yaml").write_text(textwrap.dedent(recipe).lstrip(), encoding="utf-8")
        return project

    return make


@pytest.fixture
def output_rows() -> Callable[[Path], list[dict[str, Any]]]:
    """The rows of a built project's Parquet output, in file order."""

    def read(project: Path) -> list[dict[str, Any]]:
        return pq.read_table(project / "build" / "data" / f"{project.name}.parquet").to_pylist()

    return read


def step_report(result: BuildResult, step_type: str) -> Any:
    """The report of the first step of `step_type` (imported by tests through the fixture below)."""
    return next(report for report in result.steps if report.type == step_type)


@pytest.fixture
def report_of() -> Callable[[BuildResult, str], Any]:
    return step_report
