"""Load a published baseline (`model/` of a build or a package) and predict, checking every input first.

`load_model(folder)` or `load_model_texts(card, artefact)` (a server reading a package's members) checks the
card's format, the artefact's sha256 and — when the card has an `example` — that the loaded model reproduces
the example's output, so a damaged file or a library that predicts differently is refused, not served.
`predict_rows` (JSON rows), `predict_csv` (a UTF-8 CSV, BOM allowed) and `predict_images` (image bytes) return
a `Prediction`: raw scores plus, for classifiers, the predicted class and every class's probability.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lightgbm
import numpy as np
from PIL import Image

from mfgdata.ai_validity.artefact import CARD, LOGISTIC_FORMAT
from mfgdata.ai_validity.errors import refusal
from mfgdata.ai_validity.images import image_features
from mfgdata.ai_validity.inputs import prepare_rows, refuse_request
from mfgdata.ai_validity.modelcard import CARD_FORMAT

EXAMPLE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class LogisticParameters:
    """Standardise, then a linear model: sigmoid (binary) or softmax (several classes)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    binary: bool

    def predict(self, x: np.ndarray) -> np.ndarray:
        logits = ((x - self.mean) / self.scale) @ self.coef.T + self.intercept
        if self.binary:
            return 1.0 / (1.0 + np.exp(-logits[:, 0]))
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        return shifted / shifted.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class LoadedModel:
    card: dict[str, Any]
    estimator: Any

    @property
    def task(self) -> str:
        return str(self.card["task"])

    @property
    def known_columns(self) -> set[str]:
        return set(self.card.get("known_columns") or [])


@dataclass(frozen=True)
class Prediction:
    """Scores as the model gives them (positive-class probability, class probabilities, or values)."""

    card: dict[str, Any]
    scores: np.ndarray

    def as_json(self) -> list[dict[str, Any]]:
        """One object per row: `prediction` and, for classifiers, `probabilities` by class name."""
        target, task = self.card["target"], self.card["task"]
        if task in ("regression", "rul"):
            return [{"row": i + 1, "prediction": round(float(v), 6)} for i, v in enumerate(self.scores)]
        classes = list(target["classes"])
        if task == "binary":
            positive = classes.index(target["positive_class"])
            threshold = target.get("threshold") or 0.5
            out = []
            for i, score in enumerate(self.scores):
                chosen = positive if score >= threshold else 1 - positive
                shares = {classes[positive]: float(score), classes[1 - positive]: 1.0 - float(score)}
                out.append(_classified(i, classes[chosen], {c: shares[c] for c in classes}))
            return out
        return [
            _classified(i, classes[int(np.argmax(p))], dict(zip(classes, map(float, p), strict=True)))
            for i, p in enumerate(self.scores)
        ]


def _classified(index: int, label: str, probabilities: dict[str, float]) -> dict[str, Any]:
    rounded = {name: round(value, 6) for name, value in probabilities.items()}
    return {"row": index + 1, "prediction": label, "probabilities": rounded}


def _bad_artefact(ko: str, en: str) -> Exception:
    return refusal("model-artefact-invalid", None, ko, en)


def _estimator(card: dict[str, Any], artefact: str) -> Any:
    kind = card["model"]["format"]
    if kind == "lightgbm-text":
        try:
            return lightgbm.Booster(model_str=artefact)
        except lightgbm.basic.LightGBMError as error:
            raise _bad_artefact("모델 파일을 읽을 수 없습니다.", "The model file cannot be read.") from error
    if kind == LOGISTIC_FORMAT:
        document = json.loads(artefact)
        arrays = {key: np.asarray(document[key], dtype=float) for key in ("mean", "scale", "coef", "intercept")}
        return LogisticParameters(binary=bool(document["binary"]), **arrays)
    raise _bad_artefact(f"알 수 없는 모델 형식입니다: {kind}", f"Unknown model format: {kind}")


def load_model_texts(card_text: str, artefact: str) -> LoadedModel:
    """A model from the card's and the artefact's text; refused when they do not belong together."""
    card = json.loads(card_text)
    if card.get("format") != CARD_FORMAT:
        raise _bad_artefact("모델 카드 형식이 아닙니다.", f"Not a model card ({CARD_FORMAT}).")
    if hashlib.sha256(artefact.encode("utf-8")).hexdigest() != card["model"].get("sha256"):
        raise _bad_artefact(
            "모델 파일이 모델 카드의 sha256과 다릅니다.", "The model file does not match the card's sha256."
        )
    loaded = LoadedModel(card, _estimator(card, artefact))
    example = card.get("example")
    if example and not _same_output(predict_rows(loaded, example["input"]).as_json(), example["output"]):
        raise _bad_artefact(
            "불러온 모델이 모델 카드의 예시 예측을 재현하지 못합니다(라이브러리 버전을 확인하세요).",
            "The loaded model does not reproduce the card's example output (check the library versions).",
        )
    return loaded


def _same_output(got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> bool:
    def numbers(rows: list[dict[str, Any]]) -> list[float]:
        values: list[float] = []
        for row in rows:
            if isinstance(row["prediction"], (int, float)):
                values.append(float(row["prediction"]))
            values.extend(float(v) for v in (row.get("probabilities") or {}).values())
        return values

    labels = [row["prediction"] for row in got if isinstance(row["prediction"], str)]
    if labels != [row["prediction"] for row in expected if isinstance(row["prediction"], str)]:
        return False
    return bool(np.allclose(numbers(got), numbers(expected), rtol=0, atol=1e-5))


def load_model(folder: Path) -> LoadedModel:
    """The model in a `model/` folder (of a build or an unpacked package)."""
    card_path = folder / CARD
    if not card_path.is_file():
        raise refusal(
            "no-model",
            folder,
            "공개된 모델이 없습니다(AI 유효성 판정이 '학습됨'이 아니거나 validate-ai를 실행하지 않음).",
            "No model is published (the AI validity verdict is not 'learns', or validate-ai was not run).",
        )
    card_text = card_path.read_text(encoding="utf-8")
    name = json.loads(card_text)["model"]["file"]
    return load_model_texts(card_text, (folder / Path(name).name).read_text(encoding="utf-8"))


def _score(model: LoadedModel, x: np.ndarray) -> Prediction:
    return Prediction(model.card, np.asarray(model.estimator.predict(x)))


def _tabular(model: LoadedModel) -> None:
    if model.card["kind"] == "images":
        raise refuse_request(
            "image-model", "이 모델은 이미지를 입력으로 받습니다.", "This model takes images as its input."
        )


def predict_rows(model: LoadedModel, rows: Sequence[Mapping[str, Any]], *, from_text: bool = False) -> Prediction:
    """Predict JSON rows (column → value); PredictionInputError names each bad cell."""
    _tabular(model)
    return _score(model, prepare_rows(model.card, rows, known=model.known_columns, from_text=from_text))


def predict_csv(model: LoadedModel, data: bytes) -> Prediction:
    """Predict the rows of a UTF-8 CSV (header first; Excel's BOM is fine)."""
    _tabular(model)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse_request(
            "csv-not-utf8", "CSV 파일을 UTF-8로 저장해 주세요.", "Save the CSV file as UTF-8."
        ) from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    if any(None in row for row in rows):
        line = next(i for i, row in enumerate(rows) if None in row) + 2
        raise refuse_request(
            "csv-ragged", f"CSV {line}번째 줄의 칸 수가 머리글보다 많습니다.", f"CSV line {line} has extra cells."
        )
    return predict_rows(model, rows, from_text=True)


def predict_images(model: LoadedModel, images: Sequence[bytes]) -> Prediction:
    """Predict image files given as bytes (JPEG, PNG …)."""
    if model.card["kind"] != "images":
        raise refuse_request("table-model", "이 모델은 표 데이터를 받습니다.", "This model takes table rows.")
    if not images:
        raise refuse_request("empty-request", "예측할 이미지가 없습니다.", "There are no images to predict.")
    features = []
    for index, data in enumerate(images):
        try:
            features.append(image_features(io.BytesIO(data)))
        except (OSError, ValueError, Image.DecompressionBombError) as error:
            raise refuse_request(
                "bad-image", f"{index + 1}번째 이미지를 읽을 수 없습니다.", f"Image {index + 1} cannot be read."
            ) from error
    return _score(model, np.vstack(features))
