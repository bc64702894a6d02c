"""`mfgdata productize RAW... -o DIR`: init → build → standardize → verify → price → package.

The stages are a small list of named functions. `standardize` and `verify` live in other packages
(`mfgdata.standards`, `mfgdata.quality`); they are looked up when their stage runs, and when the package
is not installed the stage is reported as skipped — the package then says in its README what is missing.
Productize stops only when verification finds a failed check of severity `block`; warnings are
reported and the product is still made. A licence is required up front (`--licence`), so no work is
done for a product that could not be packaged. Data whose licence forbids derivatives is packaged for
local testing, and its price stage is refused: such a product has no price plan.
"""

from __future__ import annotations

import importlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mfgdata.packaging.assemble import package_project
from mfgdata.packaging.errors import PackageError, package_error
from mfgdata.packaging.licences import licence_of

Step = Callable[[str], None]
_LICENCE_LINE = re.compile(r"^licence:.*$", re.MULTILINE)
# (module, candidate entry points taking the project folder) — wired by whoever merges the packages.
_LAZY = {
    "standardize": ("mfgdata.standards", ("standardize_project", "standardize")),
    "verify": ("mfgdata.quality", ("verify_project", "verify")),
}


@dataclass
class StageReport:
    """What one stage did: `done`, `skipped` (not installed) or `refused` (not allowed), with why."""

    name: str
    status: str = "done"
    seconds: float = 0.0
    note_ko: str = ""
    note_en: str = ""


@dataclass
class ProductizeResult:
    """All stages, in order, and the package made (None when it stopped before packaging)."""

    folder: Path
    stages: list[StageReport] = field(default_factory=list)
    package: Path | None = None
    warnings: list[dict[str, str]] = field(default_factory=list)


def _set_licence(folder: Path, licence: str) -> None:
    """Write the licence into product.yaml, keeping its comments."""
    path = folder / "product.yaml"
    text = path.read_text(encoding="utf-8")
    text = (
        _LICENCE_LINE.sub(f"licence: {licence}", text, count=1)
        if _LICENCE_LINE.search(text)
        else text + f"licence: {licence}\n"
    )
    path.write_text(text, encoding="utf-8")


def _lazy_stage(name: str, folder: Path, step: Step) -> StageReport:
    module_name, entry_points = _LAZY[name]
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return StageReport(name, "skipped", note_ko=f"{module_name} 미설치", note_en=f"{module_name} not installed")
    entry = next((getattr(module, n) for n in entry_points if callable(getattr(module, n, None))), None)
    if entry is None:
        return StageReport(
            name, "skipped", note_ko=f"{module_name}에 실행 함수 없음", note_en=f"{module_name} has no entry point"
        )
    step(name)
    entry(folder)
    return StageReport(name)


def _blocking_failures(folder: Path) -> list[dict[str, Any]]:
    path = folder / "build" / "quality" / "results.json"
    if not path.is_file():
        return []
    results = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in results.get("results") or [] if not r.get("passed") and r.get("severity") == "block"]


def _warnings(folder: Path) -> list[dict[str, str]]:
    path = folder / "build" / "quality" / "results.json"
    if not path.is_file():
        return []
    results = json.loads(path.read_text(encoding="utf-8")).get("results") or []
    return [
        {"id": str(r.get("id")), "ko": str(r.get("message_ko", "")), "en": str(r.get("message_en", ""))}
        for r in results
        if not r.get("passed") and r.get("severity") != "block"
    ]


def _stop_on_block(folder: Path) -> None:
    failures = _blocking_failures(folder)
    if failures:
        listed_ko = "; ".join(f"{f.get('id')}: {f.get('message_ko', '')}" for f in failures[:5])
        listed_en = "; ".join(f"{f.get('id')}: {f.get('message_en', '')}" for f in failures[:5])
        raise package_error(
            "quality-blocked",
            folder / "build" / "quality" / "results.json",
            f"차단(block) 품질 검사 {len(failures)}건이 실패해 상품화를 멈춥니다: {listed_ko}. "
            "데이터나 레시피를 고친 뒤 다시 실행하세요.",
            f"{len(failures)} quality check(s) of severity block failed, so productize stopped: {listed_en}. "
            "Fix the data or the recipe and run it again.",
        )


def _price(folder: Path, step: Step) -> StageReport:
    from mfgdata.pricing import price_project

    try:
        price_project(folder)
    except PackageError as error:
        if error.code != "licence-not-distributable":
            raise
        (folder / "build" / "price.json").unlink(missing_ok=True)  # no stale price for such a product
        return StageReport("price", "refused", note_ko=error.text.ko, note_en=error.text.en)
    return StageReport("price")


def _stages(
    raw: list[Path], folder: Path, licence: str, force: bool
) -> list[tuple[str, Callable[[Step], StageReport | None]]]:
    from mfgdata.dictionary.init import init_project
    from mfgdata.prep.build import build_recipe

    def init(step: Step) -> None:
        init_project(raw, folder, force=force, on_step=step)
        _set_licence(folder, licence)

    def build(step: Step) -> None:
        build_recipe(folder, on_step=lambda report: step(f"build {report.index}. {report.type}"))

    def verify(step: Step) -> StageReport:
        report = _lazy_stage("verify", folder, step)
        _stop_on_block(folder)
        return report

    return [
        ("init", init),
        ("build", build),
        ("standardize", lambda step: _lazy_stage("standardize", folder, step)),
        ("verify", verify),
        ("price", lambda step: _price(folder, step)),
        ("package", lambda step: (package_project(folder, on_step=step), None)[1]),
    ]


def check_licence(licence: str | None, folder: Path) -> None:
    """Refuse up front, before any work, a productize run without a usable licence."""
    try:
        licence_of({"licence": licence}, folder / "product.yaml")
    except PackageError as error:
        if error.code != "licence-missing":
            raise
        raise package_error(
            "licence-missing",
            None,
            "라이선스를 정하지 않았습니다. --licence CC-BY-4.0 처럼 라이선스를 주세요(데이터 판매 조건에 맞게). "
            "라이선스 없는 데이터는 상품으로 만들 수 없습니다.",
            "No licence given. Pass one, e.g. --licence CC-BY-4.0 (matching the terms the data may be sold "
            "under); data without a licence cannot become a product.",
        ) from None


def productize(
    raw: list[Path],
    folder: Path,
    *,
    licence: str | None,
    force: bool = False,
    on_stage: Callable[[str, int, int], None] | None = None,
    on_step: Step | None = None,
) -> ProductizeResult:
    """Run every stage; `on_stage(name, index, total)` and `on_step(text)` feed one progress display."""
    folder = Path(folder)
    check_licence(licence, folder)
    result = ProductizeResult(folder)
    stages = _stages(raw, folder, str(licence), force)
    for index, (name, run) in enumerate(stages, start=1):
        if on_stage is not None:
            on_stage(name, index, len(stages))
        started = time.perf_counter()
        report = run(on_step or (lambda _text: None)) or StageReport(name)
        report.seconds = time.perf_counter() - started
        result.stages.append(report)
    result.warnings = _warnings(folder)
    project_version = _version(folder)
    result.package = folder / "build" / f"{folder.name}-{project_version}.zip"
    return result


def _version(folder: Path) -> str:
    product = yaml.safe_load((folder / "product.yaml").read_text(encoding="utf-8")) or {}
    return str(product.get("version", "0.1.0"))
