"""`build/quality/ai_validity.json` (format `mfgdata-ai-validity/1`; schema in docs/ai-validity.md).

The report holds no clock time, so the same build and settings give the same bytes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from mfgdata import __version__
from mfgdata.ai_validity.events import EventCount
from mfgdata.ai_validity.leakage import FeaturePlan
from mfgdata.ai_validity.metrics import LOWER_IS_BETTER, PRIMARY
from mfgdata.ai_validity.models import ModelSpec
from mfgdata.ai_validity.product import BUILD, BuiltProduct, file_digest
from mfgdata.ai_validity.splitting import Split
from mfgdata.ai_validity.target import Target
from mfgdata.ai_validity.training import Outcome

FORMAT = "mfgdata-ai-validity/1"
REPORT = Path("quality") / "ai_validity.json"
TOP_FEATURES = 15


def _relative(product: BuiltProduct, path: Path) -> str:
    try:
        return path.relative_to(product.project / BUILD).as_posix()
    except ValueError:
        return path.relative_to(product.project).as_posix()


def _target(target: Target) -> dict[str, Any]:
    section: dict[str, Any] = {"column": target.column, "task": target.task, "rows": int(target.present.sum())}
    if target.is_classification:
        section["classes"] = list(target.classes)
        section["class_counts"] = target.class_counts()
        section["positive_class"] = target.classes[target.positive] if target.positive is not None else None
    else:
        values = target.y[target.present]
        section["range"] = [round(float(values.min()), 6), round(float(values.max()), 6)]
        section["mean"] = round(float(values.mean()), 6)
    return section


def _split(split: Split, rows: dict[str, int], events: EventCount | None) -> dict[str, Any]:
    section: dict[str, Any] = {
        "source": split.source,
        "method": split.method,
        "column": split.column,
        "rows": rows,
        **{k: v for k, v in split.facts.items() if k != "rows"},
    }
    if events is not None:
        section["independent_events"] = {
            "total": events.total,
            "train": events.train,
            "test": events.test,
            "positive_rows": events.positive_rows,
            "gap": events.gap,
            "spans": [list(span) for span in events.spans],
        }
    return section


def _features(plan: FeaturePlan) -> dict[str, Any]:
    excluded = [
        {
            "column": e.column,
            "reason": e.reason,
            "ko": e.ko,
            "en": e.en,
            **({"evidence": e.evidence} if e.evidence else {}),
        }
        for e in plan.excluded
    ]
    return {"used": list(plan.used), "excluded": excluded}


def _importance(names: tuple[str, ...], importance: np.ndarray) -> list[dict[str, Any]]:
    total = float(importance.sum()) or 1.0
    order = np.argsort(-importance, kind="stable")[:TOP_FEATURES]
    return [
        {
            "feature": names[i],
            "importance": round(float(importance[i]), 6),
            "share": round(float(importance[i]) / total, 6),
        }
        for i in order
    ]


def _metrics(target: Target, outcome: Outcome, resamples: int, seed: int, unit: str) -> dict[str, Any]:
    comparison = outcome.comparison
    primary = PRIMARY[target.task]
    return {
        "primary": primary,
        "higher_is_better": primary not in LOWER_IS_BETTER,
        "model": {name: estimate.as_dict() for name, estimate in comparison.model.items()},
        "baseline": {name: estimate.as_dict() for name, estimate in comparison.baseline.items()},
        "difference": {name: estimate.as_dict() for name, estimate in comparison.difference.items()},
        "threshold": round(outcome.threshold, 6) if outcome.threshold is not None else None,
        "bootstrap": {"resamples": resamples, "confidence": 0.95, "seed": seed, "unit": unit},
    }


def base_report(
    product: BuiltProduct, target: Target, split: Split, rows: dict[str, int], events: EventCount | None
) -> dict[str, Any]:
    """The sections every report has: provenance, target and split."""
    return {
        "format": FORMAT,
        "tool": {"name": "mfgdata", "version": __version__},
        "product": product.slug,
        "kind": product.kind,
        "contract": {"path": _relative(product, product.contract_path), "sha256": file_digest(product.contract_path)},
        "data": {
            "path": _relative(product, product.data_path),
            "sha256": file_digest(product.data_path),
            "rows": product.table.num_rows,
        },
        "target": _target(target),
        "split": _split(split, rows, events),
    }


def scored_report(
    base: dict[str, Any],
    *,
    target: Target,
    plan: FeaturePlan,
    names: tuple[str, ...],
    spec: ModelSpec,
    outcome: Outcome,
    seed: int,
    resamples: int,
    unit: str,
    verdict: dict[str, str],
) -> dict[str, Any]:
    """A report with a trained model: features, model, metrics, importance, learning curve, verdict."""
    split = {**base["split"], "train_rows_used": outcome.rows["train_used"]}
    return {
        **base,
        "split": split,
        "features": _features(plan),
        "model": {"kind": spec.kind, "library": spec.library, "params": spec.params, "seed": seed},
        "metrics": _metrics(target, outcome, resamples, seed, unit),
        "baseline": {"kind": "majority_class" if target.is_classification else "mean"},
        "feature_importance": _importance(names, outcome.importance),
        "learning_curve": outcome.learning_curve,
        "verdict": verdict,
    }


def write_report(project: Path, report: dict[str, Any]) -> Path:
    """Write the report atomically; only this file in `build/quality/` is touched."""
    path = project / BUILD / REPORT
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path
