"""Product category (상품 구분, 분석 및 분류): which of the seven kinds in notice 000 a dataset is.

Each rule is a small function of the evidence that returns `(matched, score, reason_ko, reason_en)`; the
table `RULES` says which category a rule speaks for. The decision is the matched rule with the highest
score (the first in `RULES` on a tie); all rules considered are kept with their verdicts so the choice
can be read, disputed and changed in product.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from mfgdata.dictionary.evidence import Evidence, gather_evidence
from mfgdata.dictionary.process import ProcessGuess, guess_process
from mfgdata.dictionary.roles import ColumnRole

CATEGORIES: dict[str, tuple[str, str]] = {
    "vision_inspection": ("비전 기반 품질검사", "vision-based quality inspection"),
    "quality_prediction": ("품질 예측", "quality prediction"),
    "process_optimization": ("공정 최적화", "process optimization"),
    "predictive_maintenance": ("설비 예지보전", "predictive maintenance"),
    "know_how": ("노하우 정형화", "know-how formalization"),
    "factory_operations": ("공장 운영 지원", "factory operations support"),
    "ai_solution": ("AI 솔루션 모듈화", "AI solution module"),
}
FALLBACK = "process_optimization"
_DEFECT_CLASS = re.compile(r"(^|[_\- ])(def|defect|defective|ng|nok|bad|fail|crack|scratch)|불량", re.I)


class Verdict(NamedTuple):
    """What one rule says: whether it matched, how strongly (0–1) and why, in Korean and English."""

    matched: bool
    score: float
    reason_ko: str
    reason_en: str


@dataclass(frozen=True)
class RuleOutcome:
    """One rule's verdict, with the rule's name and the category it speaks for."""

    rule: str
    category: str
    matched: bool
    score: float
    reason_ko: str
    reason_en: str


@dataclass(frozen=True)
class Classification:
    """The chosen category with its reasons, every rule considered, and the process guess."""

    category: str
    name_ko: str
    name_en: str
    score: float
    reasons_ko: tuple[str, ...]
    reasons_en: tuple[str, ...]
    considered: tuple[RuleOutcome, ...]
    process: ProcessGuess


def _listed(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(f"'{name}'" for name in names[:limit])
    return shown + (f" … (+{len(names) - limit})" if len(names) > limit else "")


def image_classes(ev: Evidence) -> Verdict:
    """Labelled images of products: a vision inspection dataset, stronger when a class reads as a defect."""
    images = ev.profile.get("images") or {}
    classes = [entry["name"] for entry in images.get("classes") or []]
    if ev.profile.get("kind") != "images" or not images.get("count"):
        return Verdict(False, 0.0, "이미지 모음이 아닙니다", "not an image collection")
    defect = [name for name in classes if _DEFECT_CLASS.search(name)]
    score = 0.9 if defect and len(classes) >= 2 else 0.6
    listed = _listed(classes, 5) or "없음/none"
    return Verdict(
        True,
        score,
        f"이미지 {images['count']:,}장, 클래스 {len(classes)}개({listed}) — 불량 클래스 {_listed(defect) or '없음'}",
        f"{images['count']:,} images in {len(classes)} classes ({listed}); defect classes: {_listed(defect) or 'none'}",
    )


def failure_label(ev: Evidence) -> Verdict:
    """A machine failure label: predictive maintenance, stronger with a wear or age column beside it."""
    if not ev.failure_labels:
        return Verdict(False, 0.0, "고장 라벨이 없습니다", "no failure label")
    wear = ev.wear_columns
    score = 0.9 if wear else 0.7
    wear_ko = f", 마모·사용시간 열 {_listed(wear)}" if wear else ""
    wear_en = f", with wear/age column {_listed(wear)}" if wear else ""
    return Verdict(
        True,
        score,
        f"고장 라벨 {_listed(ev.failure_labels)}{wear_ko} — 고장 진단·교환 주기 예측용",
        f"failure label {_listed(ev.failure_labels)}{wear_en}: for fault diagnosis and replacement timing",
    )


def run_to_failure(ev: Evidence) -> Verdict:
    """Series per unit counted by cycles: run-to-failure data for remaining-useful-life models."""
    series = [entry for entry in ev.profile.get("timeseries", []) if entry["axis"] == "sequence"]
    series = [entry for entry in series if entry["entity_column"] and entry["entities"] >= 2]
    if not series:
        return Verdict(False, 0.0, "단위별 사이클 순서 축이 없습니다", "no per-unit cycle (sequence) axis")
    axis = series[0]
    rul = [name for name in ev.other_files if "rul" in name.lower()]
    extra_ko = f", 잔여수명 파일 {_listed(rul)}" if rul else ""
    extra_en = f", remaining-useful-life file {_listed(rul)}" if rul else ""
    return Verdict(
        True,
        0.9 if rul else 0.85,
        f"'{axis['entity_column']}'별 시계열 {axis['entities']}개를 사이클 '{axis['time_column']}'이(가) 세는 "
        f"고장까지의 운전 이력(run-to-failure){extra_ko}",
        f"{axis['entities']} series of '{axis['entity_column']}' counted by cycle '{axis['time_column']}': "
        f"run-to-failure histories{extra_en}",
    )


def quality_label(ev: Evidence) -> Verdict:
    """Process variables with a quality or defect label: quality prediction."""
    if not ev.quality_labels:
        return Verdict(False, 0.0, "품질·불량 라벨이 없습니다", "no quality or defect label")
    if len(ev.process_variables) < 2:
        return Verdict(False, 0.0, "라벨은 있지만 공정 변수가 부족합니다", "a label, but too few process variables")
    label = ev.quality_labels[0]
    names = label["columns"]
    single = len([c for c in label["classes"] if c["value"] is not None]) < 2
    caveat_ko = " — 단, 라벨 값이 한 가지뿐이라 지도학습에는 못 씁니다" if single else ""
    caveat_en = "; but the label has a single class, so it cannot train a model" if single else ""
    return Verdict(
        True,
        0.4 if single else 0.8,
        f"공정 변수 {len(ev.process_variables)}개와 품질 라벨 {_listed(names)}({label['kind']}){caveat_ko}",
        f"{len(ev.process_variables)} process variables with quality label {_listed(names)} ({label['kind']})"
        + caveat_en,
    )


def side_label_file(ev: Evidence) -> Verdict:
    """Process data whose defect list is a separate file next to it (the plating error-lot list)."""
    files = ev.label_files
    if not files or len(ev.process_variables) < 2:
        return Verdict(False, 0.0, "옆에 불량 목록 파일이 없습니다", "no defect-list file beside the data")
    return Verdict(
        True,
        0.75,
        f"공정 변수 {len(ev.process_variables)}개와 별도 불량 목록 파일 {_listed(files)} — 결합하면 품질 라벨이 됩니다",
        f"{len(ev.process_variables)} process variables and a separate defect list {_listed(files)}; "
        "joined, it gives the quality label",
    )


def process_without_label(ev: Evidence) -> Verdict:
    """Many process variables and no usable label: data for finding good process conditions."""
    usable = [label for label in ev.quality_labels + ev.failure_label_entries if label["usable"]]
    variables = ev.process_variables
    if len(variables) < 3 or usable:
        reason = "쓸 수 있는 라벨이 있습니다" if usable else "공정 변수가 3개 미만입니다"
        return Verdict(False, 0.0, reason, "a usable label exists" if usable else "fewer than 3 process variables")
    setpoints = [name for name, role in ev.roles.items() if role.role == "setpoint"]
    return Verdict(
        True,
        0.65 if setpoints else 0.55,
        f"공정 변수 {len(variables)}개({_listed(variables)}), 학습 가능한 라벨 없음 — 공정 조건 분석용",
        f"{len(variables)} process variables ({_listed(variables)}) and no usable label: for analysing process "
        "conditions",
    )


def orders_and_schedules(ev: Evidence) -> Verdict:
    """Orders, demand, schedules or stock: data for MES/ERP planning models (factory operations)."""
    business = ev.business_columns
    if not business:
        return Verdict(False, 0.0, "수주·생산계획·재고 열이 없습니다", "no order, schedule or stock columns")
    extras_ko, extras_en = [f"수주·수요·계획 열 {len(business)}개({_listed(business)})"], []
    extras_en.append(f"{len(business)} order/demand/schedule columns ({_listed(business)})")
    if ev.calendar_columns:
        extras_ko.append(f"달력 열 {_listed(ev.calendar_columns)}")
        extras_en.append(f"calendar column {_listed(ev.calendar_columns)}")
    if ev.product_columns:
        extras_ko.append(f"제품 열 {_listed(ev.product_columns)}")
        extras_en.append(f"product column {_listed(ev.product_columns)}")
    score = min(0.9, 0.6 + 0.1 * (len(extras_ko) - 1) + (0.1 if len(business) >= 3 else 0.0))
    reason_ko = ", ".join(extras_ko) + " — MES/ERP 운영 모델용"
    return Verdict(True, score, reason_ko, "; ".join(extras_en) + ": for MES/ERP models")


def work_records(ev: Evidence) -> Verdict:
    """Free-text work notes or operator records: expert know-how to formalize."""
    notes = [name for name, role in ev.roles.items() if role.role == "free_text"]
    if not notes:
        return Verdict(False, 0.0, "작업 내용·조치 같은 글 열이 없습니다", "no free-text work or action notes")
    return Verdict(
        True,
        0.6,
        f"작업 기록 글 열 {_listed(notes)} — 숙련자의 작업·조치 정보",
        f"free-text work notes {_listed(notes)}: the experts' work and actions",
    )


def ai_solution(ev: Evidence) -> Verdict:
    """Never from data alone: an AI solution module is a trained model offered as an open API."""
    return Verdict(
        False,
        0.0,
        "AI 솔루션 모듈화는 데이터로 만든 학습모델을 오픈 API로 내는 상품이라 원천 데이터만으로는 정할 수 없습니다",
        "an AI solution module is a trained model offered as an open API; raw data alone cannot show it",
    )


RULES: tuple[tuple[str, str, Callable[[Evidence], Verdict]], ...] = (
    ("image-classes", "vision_inspection", image_classes),
    ("failure-label", "predictive_maintenance", failure_label),
    ("run-to-failure", "predictive_maintenance", run_to_failure),
    ("quality-label", "quality_prediction", quality_label),
    ("side-label-file", "quality_prediction", side_label_file),
    ("process-without-label", "process_optimization", process_without_label),
    ("orders-and-schedules", "factory_operations", orders_and_schedules),
    ("work-records", "know_how", work_records),
    ("ai-solution", "ai_solution", ai_solution),
)


def _decide(outcomes: list[RuleOutcome]) -> tuple[str, float, list[RuleOutcome]]:
    matched = [outcome for outcome in outcomes if outcome.matched]
    if not matched:
        return FALLBACK, 0.0, []
    best = max(matched, key=lambda outcome: outcome.score)  # max keeps the first of equal scores
    return best.category, best.score, [o for o in matched if o.category == best.category]


def classify(profile: dict[str, Any], roles: list[ColumnRole] | None = None) -> Classification:
    """The product category of a profiled dataset with the reasons, all rules considered and the process."""
    evidence = gather_evidence(profile, roles)
    outcomes = [RuleOutcome(rule, category, *fn(evidence)) for rule, category, fn in RULES]
    category, score, chosen = _decide(outcomes)
    if chosen:
        reasons_ko = tuple(outcome.reason_ko for outcome in chosen)
        reasons_en = tuple(outcome.reason_en for outcome in chosen)
    else:
        reasons_ko = ("맞는 규칙이 없어 공정 데이터의 가장 넓은 구분을 골랐습니다. 직접 확인하세요.",)
        reasons_en = ("No rule matched; the broadest category for process data was chosen. Check it by hand.",)
    name_ko, name_en = CATEGORIES[category]
    return Classification(
        category, name_ko, name_en, score, reasons_ko, reasons_en, tuple(outcomes), guess_process(profile)
    )
