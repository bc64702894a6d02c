"""Demo products built from the open data the repository ships (and KAMP sets, local-only, when present).

Each is drafted with `mfgdata init`, built with `mfgdata build`, then verified, priced and packaged by the
library (`mfgdata.quality`, `mfgdata.pricing`, `mfgdata.packaging`), as a seller would.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mfgdata.ai_validity import AiValidityError, validate_ai
from mfgdata.dictionary.init import init_project
from mfgdata.packaging import package_project
from mfgdata.prep.build import build_recipe
from mfgdata.pricing import price_project
from mfgdata.quality.deliver import verify_and_deliver

logger = logging.getLogger("mfgdata.web.demo")
_LICENCE_LINE = re.compile(r"^licence:.*$", re.MULTILINE)
CC_BY = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0",
    "commercial_use": True,
    "derivatives": True,
    "distributable": True,
}
US_GOV = {
    "id": "US-Gov-Public-Domain",
    "name": "US government work (public domain)",
    "commercial_use": True,
    "derivatives": True,
    "distributable": True,
}
KAMP = {
    "id": "KAMP-no-redistribution",
    "name": "KAMP 데이터 이용 약관 (재배포 불가)",
    "commercial_use": False,
    "derivatives": False,
    "distributable": False,
}


@dataclass(frozen=True)
class DemoProduct:
    raw: Path
    keywords: list[str]
    licence: dict[str, Any]
    attribution: str
    not_for_sale: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def open_data_dir() -> Path:
    """`data/open` of the repository (the installed package lives in its `src/`), else of the working folder."""
    beside = Path(__file__).resolve().parents[4] / "data" / "open"
    return beside if beside.is_dir() else Path.cwd() / "data" / "open"


def open_products(base: Path) -> list[DemoProduct]:
    return [
        DemoProduct(
            base / "ai4i-2020",
            ["예지보전", "절삭", "공구 마모", "고장", "AI4I"],
            CC_BY,
            "AI4I 2020 Predictive Maintenance Dataset, UCI Machine Learning Repository (CC BY 4.0).",
        ),
        DemoProduct(
            base / "uci-steel-plates-faults",
            ["강판", "표면 결함", "품질", "철강"],
            CC_BY,
            "Steel Plates Faults, Semeion / UCI Machine Learning Repository (CC BY 4.0).",
        ),
        DemoProduct(
            base / "nasa-cmapss-fd001" / "train_FD001.txt",
            ["엔진", "잔존수명", "예지보전", "터보팬"],
            US_GOV,
            "NASA C-MAPSS Turbofan Engine Degradation Simulation, FD001 (US government open data).",
        ),
    ]


def kamp_products(shared: Path) -> list[DemoProduct]:
    """KAMP datasets, listed for discovery only: their licence grants no redistribution."""
    return [
        DemoProduct(
            folder,
            ["KAMP", folder.name.removeprefix("kamp-")],
            KAMP,
            "KAMP (한국인공지능제조플랫폼) 제공 데이터 — 재배포 불가, 열람 전용.",
            not_for_sale=True,
        )
        for folder in sorted(shared.glob("kamp-*"))
        if folder.is_dir()
    ]


def _write_licence(project: Path, licence: dict[str, Any]) -> None:
    """Put the product's licence into product.yaml (one flow mapping line, the comments kept)."""
    path = project / "product.yaml"
    keys = ("id", "name", "commercial_use", "derivatives")
    mapping = {k: licence[k] for k in keys}
    line = "licence: " + yaml.safe_dump(mapping, default_flow_style=True, allow_unicode=True, width=1000)
    text = path.read_text(encoding="utf-8")
    text = _LICENCE_LINE.sub(line.strip(), text, count=1) if _LICENCE_LINE.search(text) else text + line
    path.write_text(text, encoding="utf-8")


def build_demo_package(product: DemoProduct, work: Path) -> Path:
    """init → build → validate-ai → verify → price → package one demo product with the library; returns the zip.

    Data that may not be sold (KAMP, non-commercial licences) is packaged without a price.
    """
    name = product.raw.stem if product.raw.is_file() else product.raw.name
    project = work / "projects" / name
    if not (project / "build" / "data").is_dir():
        init_project([product.raw], project, force=True)
        build_recipe(project)
    _write_licence(project, product.licence)
    with contextlib.suppress(AiValidityError):  # no label, one class …: the product simply offers no model
        validate_ai(project)  # before verify, so the quality report has its AI validity section
    verify_and_deliver(project)
    if product.licence["commercial_use"] and not product.not_for_sale:
        price_project(project)
    return package_project(project).zip_path
