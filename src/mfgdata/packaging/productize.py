"""`mfgdata productize RAW... -o DIR`: init → build → standardize → verify → price → package.

The stages are a small list of named functions. `standardize` (`mfgdata.standards`: semantic ids, then the
AAS when equipment.yaml is complete) and `verify` (`mfgdata.quality`: results, reports, certificate) are
imported when their stage runs; when such a package is not installed the stage is reported as skipped and
the package says in its README what is missing. When standardize is installed, the build stage first lets
it write the semantic ids and the unit conversions they prescribe (no build), so rows are prepared once; the
standardize stage then finds them in place and only checks them and writes the AAS.
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

from mfgdata.errors import MfgdataError
from mfgdata.packaging.assemble import package_project
from mfgdata.packaging.errors import PackageError, package_error
from mfgdata.packaging.licences import licence_of

Step = Callable[[str], None]
_LICENCE_LINE = re.compile(r"^licence:.*$", re.MULTILINE)
# stage → (module, function taking the project folder); imported when the stage runs.
_LAZY = {
    "standardize": ("mfgdata.standards.standardize", "standardize_project"),
    "aas": ("mfgdata.standards.aas.export", "export_aas"),
    "verify": ("mfgdata.quality.deliver", "verify_and_deliver"),
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


def _entry(name: str) -> Callable[..., Any] | None:
    """The stage's function, or None when its package is not installed."""
    module_name, function = _LAZY[name]
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    entry = getattr(module, function, None)
    return entry if callable(entry) else None


def _skipped(name: str) -> StageReport:
    module = _LAZY[name][0]
    return StageReport(name, "skipped", note_ko=f"{module} 미설치", note_en=f"{module} not installed")


def _standardize(folder: Path, step: Step) -> StageReport:
    """Semantic ids into the contract (rebuilding when units change, which the build stage has already
    seen to), then the equipment AAS."""
    standardize, export_aas = _entry("standardize"), _entry("aas")
    if standardize is None:
        return _skipped("standardize")
    step("standardize")
    standardize(folder)
    if export_aas is None:
        return StageReport("standardize", note_ko="AAS 모듈 없음", note_en="no AAS module")
    try:
        export_aas(folder)
    except MfgdataError as error:
        if error.code != "equipment-incomplete":
            raise
        return StageReport(
            "standardize",
            note_ko="AAS를 쓰지 않음: equipment.yaml을 채운 뒤 mfgdata aas export",
            note_en="AAS not written: fill in equipment.yaml, then mfgdata aas export",
        )
    return StageReport("standardize")


def _verify(folder: Path, step: Step) -> StageReport:
    """Quality checks, reports and certificate; stops productize on a failed `block` check."""
    verify = _entry("verify")
    if verify is None:
        return _skipped("verify")
    verify(folder, on_step=step)
    _stop_on_block(folder)
    return StageReport("verify")


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
        standardize = _entry("standardize")
        if standardize is not None:
            # The unit conversions the semantic ids prescribe go into recipe.yaml before the rows are prepared,
            # so that the standardize stage finds them there and does not prepare every row a second time.
            step("표준 단위 변환을 레시피에 넣는 중 (unit conversions into the recipe)")
            standardize(folder, rebuild=False)
        build_recipe(folder, on_step=lambda report: step(f"build {report.index}. {report.type}"))

    return [
        ("init", init),
        ("build", build),
        ("standardize", lambda step: _standardize(folder, step)),
        ("verify", lambda step: _verify(folder, step)),
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
