"""Factories for AI validity tests: built products from real folders or small generated CSV files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import yaml

from mfgdata.ai_validity import Settings
from mfgdata.dictionary.init import init_project
from mfgdata.prep.build import build_recipe

FAST = Settings(n_estimators=40, resamples=100)
BuildProduct = Callable[..., Path]


def build_product(raw: Path, project: Path, roles: dict[str, str] | None = None, split: str | None = "keep") -> Path:
    """`init` then `build`; `roles` overrides column roles in contract.yaml, `split` replaces the drafted split
    step (`None` removes it, a YAML text replaces it, "keep" leaves the draft)."""
    init_project([raw], project)
    if roles:
        contract_path = project / "contract.yaml"
        contract = yaml.safe_load(contract_path.read_text(encoding="utf-8"))
        for prop in contract["schema"][0]["properties"]:
            for custom in prop.get("customProperties", []):
                if custom["property"] == "role" and prop["name"] in roles:
                    custom["value"] = roles[prop["name"]]
        contract_path.write_text(yaml.safe_dump(contract, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if split != "keep":
        recipe_path = project / "recipe.yaml"
        recipe = yaml.safe_load(recipe_path.read_text(encoding="utf-8"))
        recipe["steps"] = [step for step in recipe["steps"] if step["type"] != "split"]
        recipe["steps"] += [yaml.safe_load(split)] if split else []
        recipe_path.write_text(yaml.safe_dump(recipe, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build_recipe(project)
    return project


def machine_log(rows_per_machine: int = 300, machines: int = 6, defect_rate: float = 0.8, seed: int = 0) -> str:
    """A minute-by-minute log of several machines; a defect follows a hot temperature (with noise)."""
    rng = np.random.default_rng(seed)
    start = dt.datetime(2024, 1, 1)
    lines = ["timestamp,machine_id,temperature,pressure,defect"]
    for machine in range(machines):
        for minute in range(rows_per_machine):
            temperature = 60 + rng.normal(0, 5)
            defect = int(temperature > 67 and rng.random() < defect_rate)
            when = (start + dt.timedelta(minutes=minute)).isoformat(sep=" ")
            lines.append(f"{when},M{machine},{temperature:.2f},{rng.normal(5, 1):.2f},{defect}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[[str, str], Path]:
    """`write_csv("name.csv", text)` → the path of a raw file in its own folder."""

    def write(name: str, text: str) -> Path:
        folder = tmp_path / "raw"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
