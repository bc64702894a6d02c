"""`resize-images`: shrink images so their longer side is at most `max_side` pixels.

The aspect ratio is kept (the shorter side is rounded to the nearest pixel, at least 1) and images that
already fit are left as they are — never enlarged. Resampling is Pillow's; `lanczos` gives the sharpest
downscale and is the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PIL import Image

from mfgdata.prep.errors import StepError
from mfgdata.prep.images.base import ImageStep
from mfgdata.prep.images.picture import Picture

_RESAMPLE = {
    "lanczos": Image.Resampling.LANCZOS,
    "bicubic": Image.Resampling.BICUBIC,
    "bilinear": Image.Resampling.BILINEAR,
    "nearest": Image.Resampling.NEAREST,
}


@dataclass(frozen=True)
class ResizeImagesSettings:
    """max_side: the longest side in pixels after resizing; resample: lanczos, bicubic, bilinear or nearest."""

    max_side: int
    resample: Literal["lanczos", "bicubic", "bilinear", "nearest"] = "lanczos"


def fitted_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """(width, height) scaled so the longer side is `max_side`, or unchanged when it already fits."""
    longer = max(width, height)
    if longer <= max_side:
        return width, height
    scale = max_side / longer
    return max(1, round(width * scale)), max(1, round(height * scale))


class ResizeImages(ImageStep[ResizeImagesSettings]):
    """Shrink images to a maximum side, keeping the aspect ratio."""

    type = "resize-images"
    settings_type = ResizeImagesSettings

    def check(self) -> None:
        if self.settings.max_side < 1:
            raise StepError(
                "bad-max-side",
                f"'max_side'는 1 이상의 픽셀 수입니다(적힌 값: {self.settings.max_side}).",
                f"'max_side' is a number of pixels, at least 1 (found {self.settings.max_side}).",
                "max_side",
            )

    def apply(self, picture: Picture) -> bool:
        size = fitted_size(picture.width, picture.height, self.settings.max_side)
        if size == (picture.width, picture.height):
            return False
        picture.set_pixels(picture.pixels().resize(size, _RESAMPLE[self.settings.resample]))
        return True
