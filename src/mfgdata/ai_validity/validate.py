"""`mfgdata validate-ai DIR`: train a baseline on a built product and write its AI validity report.

Order: read the built product → choose the target (refuse no label / one class / too few rows) → plan a split
that cannot leak (refuse a random-row split of a time series) → count independent failure events (too few:
a verdict without a score) → exclude leaking columns → train, test against the trivial baseline with
bootstrap intervals, learning curve → verdict → `build/quality/ai_validity.json` → when the verdict is
`learns`, the model and its card in `build/model/` (artefact.py). A refusal writes no report; any run that
publishes no model removes an earlier `build/model/`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mfgdata.ai_validity.artefact import publish_model, remove_model
from mfgdata.ai_validity.errors import refusal
from mfgdata.ai_validity.events import count_events
from mfgdata.ai_validity.features import feature_matrix
from mfgdata.ai_validity.images import feature_names, image_matrix
from mfgdata.ai_validity.leakage import FeaturePlan, plan_features
from mfgdata.ai_validity.metrics import PRIMARY
from mfgdata.ai_validity.models import lightgbm_spec, logistic_spec
from mfgdata.ai_validity.product import BuiltProduct, load_product
from mfgdata.ai_validity.report import base_report, scored_report, write_report
from mfgdata.ai_validity.splitting import TRAIN, Split, check_classes, plan_split
from mfgdata.ai_validity.target import Target, resolve_target
from mfgdata.ai_validity.training import Problem, train_and_test
from mfgdata.ai_validity.verdict import events_verdict, score_verdict


@dataclass(frozen=True)
class Settings:
    """How the baseline is trained and measured; defaults are what `mfgdata validate-ai` uses."""

    target: str | None = None
    seed: int = 42
    n_estimators: int = 100
    resamples: int = 200


@dataclass(frozen=True)
class ValidityResult:
    """The report; the published model's folder (only for `learns`) and its predictions of the test part."""

    path: Path
    report: dict[str, Any]
    model_path: Path | None = None
    test_predictions: np.ndarray | None = None


def _problem(product: BuiltProduct, target: Target, split: Split, settings: Settings) -> tuple[Problem, FeaturePlan]:
    units = split.groups if split.method == "group" and split.groups is not None else np.arange(len(target.y))
    common = {"target": target, "split": split, "units": units, "seed": settings.seed, "resamples": settings.resamples}
    if product.is_images:
        plan = FeaturePlan(("image",), ())
        return Problem(image_matrix(product), feature_names(), (), spec=logistic_spec(settings.seed), **common), plan
    plan = plan_features(product, target, split.mask(TRAIN))
    if not plan.used:
        raise refusal(
            "no-features",
            product.project,
            "누수·식별자 열을 빼고 나니 모델이 쓸 특성 열이 없습니다. contract.yaml의 열 역할(role)을 확인하세요.",
            "No feature column is left once leaking and identifier columns are excluded. Check the roles in "
            "contract.yaml.",
        )
    matrix = feature_matrix(product, plan.used)
    spec = lightgbm_spec(target.task, len(target.classes), settings.seed, settings.n_estimators)
    return Problem(matrix.values, matrix.names, matrix.categorical, spec=spec, **common), plan


def _silent(_step: str) -> None:
    return None


def validate_ai(
    project: Path, settings: Settings | None = None, on_step: Callable[[str], None] = _silent
) -> ValidityResult:
    """Check a built product for AI validity and write `build/quality/ai_validity.json`."""
    settings = settings or Settings()
    remove_model(project)
    on_step("읽는 중 (reading)")
    product = load_product(project)
    target = resolve_target(product, settings.target)
    split = plan_split(product, target, settings.seed)
    events = count_events(target, split)
    rows = split.facts["rows"]
    base = base_report(product, target, split, rows, events)
    if events is not None and not events.enough:
        report = {**base, "metrics": None, "verdict": events_verdict(target.column, events)}
        return ValidityResult(write_report(project, report), report)
    check_classes(product, target, split)
    on_step("특성 준비 (features)")
    problem, plan = _problem(product, target, split, settings)
    on_step("학습·평가 (training and testing)")
    outcome = train_and_test(problem)
    verdict = score_verdict(target.task, PRIMARY[target.task], outcome.comparison, outcome.learning_curve)
    unit = "group" if split.method == "group" else "row"
    report = scored_report(
        base,
        target=target,
        plan=plan,
        names=problem.names,
        spec=problem.spec,
        outcome=outcome,
        seed=settings.seed,
        resamples=settings.resamples,
        unit=unit,
        verdict=verdict,
    )
    path = write_report(project, report)
    if verdict["status"] != "learns":
        return ValidityResult(path, report)
    on_step("모델 저장 (model artefact)")
    folder = publish_model(product=product, target=target, problem=problem, outcome=outcome, report=report)
    return ValidityResult(path, report, folder, outcome.test_predictions)
