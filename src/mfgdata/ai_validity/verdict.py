"""The plain-language verdict (Korean and English): does a baseline model learn from this product?

- `learns` — the model beats the trivial baseline on the headline metric and the 95 % interval of the
  paired difference lies wholly on the better side;
- `inconclusive` — better on the test part, but the interval includes no difference;
- `does-not-learn` — no better than the baseline;
- `too-few-independent-events` — the failures happened in too few separate episodes for any honest split
  to train and test on them; no score is given.
"""

from __future__ import annotations

from typing import Any

from mfgdata.ai_validity.events import MIN_EVENTS, MIN_TEST_EVENTS, MIN_TRAIN_EVENTS, EventCount
from mfgdata.ai_validity.metrics import LOWER_IS_BETTER, Comparison

METRIC_NAMES = {
    "pr_auc": ("PR-AUC", "PR-AUC"),
    "macro_f1": ("매크로 F1", "macro F1"),
    "rmse": ("RMSE", "RMSE"),
}
BASELINES = {
    "binary": ("항상 다수 부류로 예측", "always predicting the majority class"),
    "multiclass": ("항상 가장 흔한 부류로 예측", "always predicting the most common class"),
    "regression": ("항상 학습 평균으로 예측", "always predicting the training mean"),
    "rul": ("항상 학습 평균 수명으로 예측", "always predicting the mean training life"),
}


def _status(comparison: Comparison, primary: str) -> str:
    difference = comparison.difference[primary]
    sign = -1.0 if primary in LOWER_IS_BETTER else 1.0
    if sign * difference.value <= 0:
        return "does-not-learn"
    bound = difference.high if sign < 0 else difference.low
    return "learns" if sign * bound > 0 else "inconclusive"


def _curve_text(curve: list[dict[str, Any]], primary: str, spread: float) -> tuple[str, str]:
    """Does more data help? Only a gain larger than a quarter of the interval's width counts."""
    points = [point for point in curve if point["value"] is not None]
    if len(points) < 2:
        return "", ""
    first, last = points[0], points[-1]
    gain = (first["value"] - last["value"]) if primary in LOWER_IS_BETTER else (last["value"] - first["value"])
    better = gain > spread / 4
    ko = "더 많은 데이터가 도움이 됩니다" if better else "학습 데이터를 늘려도 뚜렷이 나아지지 않습니다"
    en = "More data helps" if better else "More training data brings no clear gain"
    detail = f" ({first['fraction']:.0%}: {first['value']:.3f} → 100%: {last['value']:.3f})"
    return ko + detail + ".", en + detail + "."


def score_verdict(task: str, primary: str, comparison: Comparison, curve: list[dict[str, Any]]) -> dict[str, str]:
    """Status and sentences for a trained and tested baseline."""
    status = _status(comparison, primary)
    model, base = comparison.model[primary], comparison.baseline[primary]
    name_ko, name_en = METRIC_NAMES.get(primary, (primary, primary))
    base_ko, base_en = BASELINES[task]
    numbers = f"{model.value:.3f} [95% {model.low:.3f}–{model.high:.3f}] vs {base.value:.3f}"
    lead = {
        "learns": ("기준선 모델이 이 데이터에서 배웁니다", "A baseline model learns from this data"),
        "inconclusive": (
            "기준선 모델이 조금 낫지만 확실하지 않습니다",
            "A baseline model does a little better, but not certainly",
        ),
        "does-not-learn": (
            "기준선 모델이 단순 기준보다 낫지 않습니다",
            "A baseline model does no better than the trivial baseline",
        ),
    }[status]
    curve_ko, curve_en = _curve_text(curve, primary, model.high - model.low)
    ko = f"{lead[0]}: 시험 {name_ko} {numbers} ({base_ko}). {curve_ko}".strip()
    en = f"{lead[1]}: test {name_en} {numbers} ({base_en}). {curve_en}".strip()
    return {"status": status, "ko": ko, "en": en}


def events_verdict(target: str, events: EventCount) -> dict[str, str]:
    """The verdict when the positive class happened in too few separate episodes: no score."""
    ko = (
        f"독립적인 고장 사건이 너무 적습니다: '{target}' 양성 {events.positive_rows}행이 {events.total}개의 사건"
        f"(학습 {events.train}, 시험 {events.test})에 몰려 있습니다. 정직한 시간 분할로는 학습과 시험 "
        "양쪽에 둘 수 없어 "
        f"점수를 내지 않습니다. 서로 다른 때의 사건이 최소 {MIN_EVENTS}개(학습 {MIN_TRAIN_EVENTS}, 시험 "
        f"{MIN_TEST_EVENTS}) 있어야 합니다. 더 긴 기간의 데이터를 모으세요."
    )
    en = (
        f"Too few independent failure events: the {events.positive_rows} positive rows of '{target}' fall in "
        f"{events.total} event(s) (training {events.train}, test {events.test}). No honest time split can put them "
        f"in both training and test, so no score is given. At least {MIN_EVENTS} separate events are needed "
        f"({MIN_TRAIN_EVENTS} in training, {MIN_TEST_EVENTS} in test). Collect data over a longer period."
    )
    return {"status": "too-few-independent-events", "ko": ko, "en": en}
