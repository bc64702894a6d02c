"""`boxes-in-bounds`: object boxes of an annotation table lie inside their image and are not empty —
pixel boxes (`xywh`: left, top, width, height, as COCO) or normalised YOLO boxes (centre x/y, width,
height as shares of the image)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mfgdata.quality.checks.base import NUMERIC, CheckContext, Finding, RowCheck


@dataclass(frozen=True)
class BoxesSettings:
    """x, y, w, h: the box columns; box_format: xywh (pixels; needs image_width/image_height columns) or
    yolo (shares of the image, 0–1)."""

    x: str = "x"
    y: str = "y"
    w: str = "w"
    h: str = "h"
    box_format: Literal["xywh", "yolo"] = "xywh"
    image_width: str | None = "image_width"
    image_height: str | None = "image_height"


class BoxesInBounds(RowCheck[BoxesSettings]):
    """A box reaching outside its image, or with no area, fails; boxes with a missing coordinate fail too."""

    type = "boxes-in-bounds"
    settings_type = BoxesSettings
    characteristic = "validity"
    findings = (
        Finding(
            "box-out-of-bounds",
            "상자 {checked}개 중 {failing}개가 이미지 밖으로 나가거나 넓이가 없습니다.",
            "{failing} of {checked} boxes reach outside their image or have no area.",
        ),
    )

    def columns(self) -> tuple[str, ...]:
        s = self.settings
        sizes = (s.image_width, s.image_height) if s.box_format == "xywh" else ()
        return tuple(name for name in (s.x, s.y, s.w, s.h, *sizes) if name)

    def validate(self, context: CheckContext) -> None:
        for name in self.columns():
            self.require_kind(context, name, NUMERIC, ("숫자", "a numeric"))

    def failing(self, context: CheckContext) -> str:
        q, s = context.dialect.quote, self.settings
        x, y, w, h = (q(name) for name in (s.x, s.y, s.w, s.h))
        missing = " OR ".join(f"{q(name)} IS NULL" for name in self.columns())
        if s.box_format == "yolo":
            outside = f"{x} - {w} / 2 < 0 OR {y} - {h} / 2 < 0 OR {x} + {w} / 2 > 1 OR {y} + {h} / 2 > 1"
        else:
            width, height = q(s.image_width or ""), q(s.image_height or "")
            outside = f"{x} < 0 OR {y} < 0 OR {x} + {w} > {width} OR {y} + {h} > {height}"
        return f"{missing} OR {w} <= 0 OR {h} <= 0 OR {outside}"
