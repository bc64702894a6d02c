"""`convert-images`: write every image as PNG, JPEG or WebP.

JPEG and WebP are encoded with `quality` (default 95) and fixed encoder options (4:2:0 chroma for JPEG, no
progressive or optimised passes), so the bytes repeat from build to build. Images already in the target
format are copied as they are. Transparency is dropped (flattened to RGB) for JPEG; the file name's
suffix follows the format (`.png`, `.jpg`, `.webp`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mfgdata.prep.errors import StepError
from mfgdata.prep.images.base import ImageStep
from mfgdata.prep.images.picture import Picture

_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}


@dataclass(frozen=True)
class ConvertImagesSettings:
    """format: png, jpeg or webp; quality: 1–100, for jpeg and webp (default 95)."""

    format: Literal["png", "jpeg", "webp"]
    quality: int = 95


class ConvertImages(ImageStep[ConvertImagesSettings]):
    """Change the image file format."""

    type = "convert-images"
    settings_type = ConvertImagesSettings

    def check(self) -> None:
        if not 1 <= self.settings.quality <= 100:
            raise StepError(
                "bad-quality",
                f"'quality'는 1에서 100 사이입니다(적힌 값: {self.settings.quality}).",
                f"'quality' is between 1 and 100 (found {self.settings.quality}).",
                "quality",
            )

    def apply(self, picture: Picture) -> bool:
        target = _FORMATS[self.settings.format]
        picture.quality = self.settings.quality
        if picture.format == target:
            return False
        picture.format = target
        return True
