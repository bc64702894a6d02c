"""The model card (`build/model/model_card.json`, format `mfgdata-model-card/1`) of a published baseline.

It says what the model predicts, from which columns (type, unit, allowed categories, the training range),
how it was trained and tested (split, metrics with intervals beside the trivial baseline), what it is for and
what it is not for, and exactly which data, contract, libraries and seed made it — enough for a buyer to
judge it and for `serving.predict` to check every input against it. No clock time: same inputs, same bytes.
"""

from __future__ import annotations

import platform
from typing import Any

import lightgbm
import numpy as np
import pyarrow
import sklearn

from mfgdata import __version__
from mfgdata.ai_validity.features import text_codes
from mfgdata.ai_validity.images import SIDE
from mfgdata.ai_validity.product import BuiltProduct
from mfgdata.ai_validity.target import Target

CARD_FORMAT = "mfgdata-model-card/1"


def _number_range(values: np.ndarray, rows: np.ndarray) -> list[float] | None:
    kept = values[rows].astype(float)
    kept = kept[np.isfinite(kept)]
    return [round(float(kept.min()), 6), round(float(kept.max()), 6)] if len(kept) else None


def feature_spec(product: BuiltProduct, name: str, train_rows: np.ndarray) -> dict[str, Any]:
    """How one feature column is typed and prepared: number, boolean or category (with its code list)."""
    column = product.column(name)
    values = product.values(name)
    spec: dict[str, Any] = {
        "name": name,
        "logical_type": column.logical_type if column else "",
        "physical_type": column.physical_type if column else "",
        "unit": column.unit if column else None,
        "description": {"ko": column.description_ko if column else "", "en": column.description if column else ""},
    }
    if values.dtype.kind == "b":
        return {**spec, "kind": "boolean"}
    if values.dtype.kind in "iuf":
        return {**spec, "kind": "number", "training_range": _number_range(values, train_rows)}
    return {**spec, "kind": "category", "categories": text_codes(values)}


def image_feature_spec() -> list[dict[str, Any]]:
    """Image models take one image per row; its classical features are computed as in training."""
    return [
        {
            "name": "image",
            "kind": "image",
            "logical_type": "image",
            "physical_type": "JPEG/PNG",
            "unit": None,
            "description": {
                "ko": f"제품 이미지 한 장 (RGB, {SIDE}×{SIDE}로 줄여 특성을 계산)",
                "en": f"one product image (RGB, reduced to {SIDE}×{SIDE} for its features)",
            },
        }
    ]


def _target(product: BuiltProduct, target: Target, threshold: float | None) -> dict[str, Any]:
    column = product.column(target.column)
    section: dict[str, Any] = {
        "column": target.column,
        "unit": column.unit if column else None,
        "description": {"ko": column.description_ko if column else "", "en": column.description if column else ""},
    }
    if target.is_classification:
        section["classes"] = list(target.classes)
        section["positive_class"] = target.classes[target.positive] if target.positive is not None else None
        section["threshold"] = round(threshold, 6) if threshold is not None else None
    return section


def _intended_use(target: Target) -> dict[str, str]:
    return {
        "ko": f"'{target.column}'을(를) 예측하는 기준선(baseline) 모델입니다. 이 상품 데이터로 모델을 학습할 수 있음을 "
        "보이고, 같은 공정·설비에서 같은 형식으로 모은 데이터에 대해 시험적으로 예측하는 데 씁니다. 튜닝한 모델이 "
        "아니며, 안전이나 출하 판정을 이 모델 하나에 맡기면 안 됩니다.",
        "en": f"A baseline model that predicts '{target.column}'. It shows that this product's data can train a model "
        "and serves trial predictions on data collected the same way from the same process and equipment. It is not "
        "tuned; do not base safety or release decisions on it alone.",
    }


def _limitations(report: dict[str, Any]) -> list[dict[str, str]]:
    split, excluded = report["split"], report["features"]["excluded"]
    notes = [
        {
            "ko": f"시험 성능은 학습에 쓰지 않은 시험 구간(분할 방식: {split['method']})에서 잰 값이며, 같은 분포의 "
            "데이터에만 해당합니다. 설비·공정·계절이 바뀌면 다시 검증하세요.",
            "en": f"Test figures were measured on a held-out test part (split: {split['method']}) and hold only for "
            "data from the same distribution; validate again when equipment, process or season change.",
        },
        {
            "ko": "학습 범위(training_range) 밖의 값에서는 예측이 범위 끝의 값에 머뭅니다(트리 모델은 외삽하지 않음).",
            "en": "Outside a feature's training_range the predictions stay at the edge values (trees do not "
            "extrapolate).",
        },
    ]
    if excluded:
        names = ", ".join(entry["column"] for entry in excluded)
        notes.append(
            {
                "ko": f"누수·식별자 등으로 제외한 열은 쓰지 않습니다: {names}. 요청에 있어도 무시됩니다.",
                "en": f"Columns excluded as leaking or identifying are not used: {names}. They are ignored in a "
                "request.",
            }
        )
    return notes


def libraries() -> dict[str, str]:
    """The versions that trained the model (a server with other versions should re-check the example)."""
    return {
        "mfgdata": __version__,
        "lightgbm": lightgbm.__version__,
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "pyarrow": pyarrow.__version__,
        "python": platform.python_version(),
    }


def model_card(
    *,
    product: BuiltProduct,
    target: Target,
    report: dict[str, Any],
    features: list[dict[str, Any]],
    threshold: float | None,
    artefact: dict[str, Any],
) -> dict[str, Any]:
    """The card of a published model; `report` is the AI validity report of the same run."""
    split = report["split"]
    return {
        "format": CARD_FORMAT,
        "product": report["product"],
        "kind": report["kind"],
        "task": target.task,
        "target": _target(product, target, threshold),
        "features": features,
        "excluded_features": [
            {"column": entry["column"], "reason": entry["reason"]} for entry in report["features"]["excluded"]
        ],
        "training": {
            "split": {key: split[key] for key in ("source", "method", "column", "rows") if key in split},
            "train_rows_used": split.get("train_rows_used"),
            "trained_on": "train",
        },
        "metrics": report["metrics"],
        "baseline": report["baseline"],
        "verdict": report["verdict"],
        "intended_use": _intended_use(target),
        "limitations": _limitations(report),
        "data": report["data"],
        "contract": report["contract"],
        "model": {**report["model"], **artefact},
        "libraries": libraries(),
        "seed": report["model"]["seed"],
    }
