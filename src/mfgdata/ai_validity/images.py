"""Classical features of an image product, for a small classifier without a neural network.

Each image is read with Pillow, converted to RGB and resized to 64×64; its features are a 16-bin histogram
per colour channel, intensity statistics, and HOG-like gradient orientation histograms (9 unsigned
orientations on a 4×4 grid of cells, weighted by gradient magnitude and normalised per cell) — holes, burrs
and scratches change edges more than colours. No torch, no torchvision, nothing downloaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image

from mfgdata.ai_validity.errors import refusal
from mfgdata.ai_validity.product import BUILD, BuiltProduct

SIDE = 64
COLOUR_BINS = 16
CELLS = 4
ORIENTATIONS = 9
PATH_COLUMNS = ("output_path", "path")


def _colour(rgb: np.ndarray) -> np.ndarray:
    return np.concatenate(
        [np.histogram(rgb[..., c], bins=COLOUR_BINS, range=(0, 256))[0] / rgb[..., c].size for c in range(3)]
    )


def _intensity(gray: np.ndarray) -> np.ndarray:
    return np.concatenate([[gray.mean(), gray.std()], np.percentile(gray, [5, 25, 50, 75, 95])]) / 255.0


def _gradients(gray: np.ndarray) -> np.ndarray:
    dy, dx = np.gradient(gray)
    magnitude = np.hypot(dx, dy)
    orientation = np.mod(np.arctan2(dy, dx), np.pi)
    bins = np.minimum((orientation / np.pi * ORIENTATIONS).astype(int), ORIENTATIONS - 1)
    step = SIDE // CELLS
    cells = []
    for row in range(CELLS):
        for col in range(CELLS):
            window = np.s_[row * step : (row + 1) * step, col * step : (col + 1) * step]
            histogram = np.bincount(bins[window].ravel(), weights=magnitude[window].ravel(), minlength=ORIENTATIONS)
            cells.append(histogram / (np.linalg.norm(histogram) + 1e-6))
    return np.concatenate(cells)


def image_features(path: Path | BinaryIO) -> np.ndarray:
    """The feature vector of one image (a file, or an open binary stream of one)."""
    with Image.open(path) as image:
        image.draft("RGB", (2 * SIDE, 2 * SIDE))  # JPEG: decode at a reduced scale, much faster
        rgb = np.asarray(image.convert("RGB").resize((SIDE, SIDE), Image.Resampling.BILINEAR), dtype=float)
    gray = rgb @ np.array([0.299, 0.587, 0.114])
    return np.concatenate([_colour(rgb), _intensity(gray), _gradients(gray)])


def feature_names() -> tuple[str, ...]:
    colour = [f"colour_{channel}_{b}" for channel in "rgb" for b in range(COLOUR_BINS)]
    intensity = ["intensity_mean", "intensity_std"] + [f"intensity_p{p}" for p in (5, 25, 50, 75, 95)]
    gradient = [f"gradient_cell{r}{c}_o{o}" for r in range(CELLS) for c in range(CELLS) for o in range(ORIENTATIONS)]
    return tuple(colour + intensity + gradient)


def image_matrix(product: BuiltProduct) -> np.ndarray:
    """Features of every image in the manifest, in table order; refuses a manifest without image paths."""
    column = next((name for name in PATH_COLUMNS if name in product.table.column_names), None)
    if column is None:
        raise refusal(
            "no-image-paths",
            product.data_path,
            "이미지 목록(manifest)에 이미지 경로 열(output_path)이 없습니다. 다시 빌드하세요.",
            "The image manifest has no image path column (output_path). Build again.",
        )
    paths = [product.project / BUILD / str(value) for value in product.values(column)]
    missing = [path for path in paths if not path.is_file()]
    if missing:
        raise refusal(
            "image-missing",
            missing[0],
            f"빌드된 이미지 {len(missing)}개가 없습니다. `mfgdata build DIR`을 다시 실행하세요.",
            f"{len(missing)} built images are missing. Run `mfgdata build DIR` again.",
        )
    return np.vstack([image_features(path) for path in paths])
