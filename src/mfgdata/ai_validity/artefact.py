"""The published baseline: `build/model/` with the model in a format a server can load safely, and its card.

- tables: `model.txt`, LightGBM's own text format (`Booster.model_to_string`) — never a pickle;
- images: `model.json`, the scaler and logistic-regression parameters as plain numbers;
- `model_card.json`: see `modelcard.py`, with an `example` (a few test rows and the model's output for them)
  that a server re-runs after loading to prove the artefact and its libraries still agree.

Only a baseline whose verdict is `learns` is published. Any other run (a refusal, no score, no better than
the trivial baseline) removes `build/model/`, so a stale model never outlives the data or verdict behind it.
Files are written to a staging folder and swapped in; the same build and settings give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from mfgdata.ai_validity.modelcard import feature_spec, image_feature_spec, model_card
from mfgdata.ai_validity.models import LightGbmModel, LogisticModel
from mfgdata.ai_validity.product import BUILD, BuiltProduct, file_digest
from mfgdata.ai_validity.splitting import TEST, TRAIN
from mfgdata.ai_validity.target import Target
from mfgdata.ai_validity.training import Outcome, Problem

MODEL_DIR = Path("model")
CARD = "model_card.json"
LIGHTGBM_FILE = "model.txt"
LOGISTIC_FILE = "model.json"
LOGISTIC_FORMAT = "mfgdata-logistic/1"
EXAMPLE_ROWS = 3


def model_folder(project: Path) -> Path:
    return project / BUILD / MODEL_DIR


def remove_model(project: Path) -> None:
    """No model is published for this product (any more)."""
    shutil.rmtree(model_folder(project), ignore_errors=True)


def _logistic_json(model: LogisticModel) -> str:
    scaler, logistic = model.pipeline[0], model.pipeline[-1]
    document = {
        "format": LOGISTIC_FORMAT,
        "binary": model.binary,
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "coef": logistic.coef_.tolist(),
        "intercept": logistic.intercept_.tolist(),
    }
    return json.dumps(document, indent=1) + "\n"


def _artefact_text(model: Any) -> tuple[str, str, str]:
    if isinstance(model, LightGbmModel):
        return LIGHTGBM_FILE, "lightgbm-text", model.booster.model_to_string()
    if isinstance(model, LogisticModel):
        return LOGISTIC_FILE, LOGISTIC_FORMAT, _logistic_json(model)
    raise TypeError(f"no safe artefact format for {type(model).__name__}")


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, (np.generic,)):
        return _plain(value.item())
    return value


def _example(product: BuiltProduct, problem: Problem, features: list[str]) -> list[dict[str, Any]]:
    """The first test rows as a request would send them (feature columns only); images have no example."""
    if product.is_images:
        return []
    rows = np.flatnonzero(problem.split.mask(TEST) & problem.target.present)[:EXAMPLE_ROWS]
    return [{name: _plain(product.table.column(name)[int(row)].as_py()) for name in features} for row in rows]


def publish_model(
    *, product: BuiltProduct, target: Target, problem: Problem, outcome: Outcome, report: dict[str, Any]
) -> Path:
    """Write `build/model/` for a baseline that learns; returns the folder."""
    from mfgdata.ai_validity.serving import load_model_texts, predict_rows

    train = problem.rows(TRAIN)
    used = list(report["features"]["used"])
    features = image_feature_spec() if product.is_images else [feature_spec(product, name, train) for name in used]
    name, kind, text = _artefact_text(outcome.model)
    artefact = {"file": name, "format": kind, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    card = model_card(
        product=product, target=target, report=report, features=features, threshold=outcome.threshold,
        artefact=artefact,
    )  # fmt: skip
    card["known_columns"] = [] if product.is_images else list(product.table.column_names)
    example = _example(product, problem, used)
    if example:
        loaded = load_model_texts(json.dumps(card), text)
        card["example"] = {"input": example, "output": predict_rows(loaded, example).as_json()}
    return _write(product.project, {name: text, CARD: json.dumps(card, ensure_ascii=False, indent=2) + "\n"})


def _write(project: Path, files: dict[str, str]) -> Path:
    target = model_folder(project)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".model-", dir=target.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def model_is_current(project: Path) -> bool:
    """Whether `build/model/` was made from the data now in `build/` (packaging skips a stale model)."""
    card_path = model_folder(project) / CARD
    if not card_path.is_file():
        return False
    card = json.loads(card_path.read_text(encoding="utf-8"))
    data = project / BUILD / str(card.get("data", {}).get("path", ""))
    return data.is_file() and file_digest(data) == card["data"].get("sha256")
