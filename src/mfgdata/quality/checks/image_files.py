"""`image-files`: every image of a collection opens (not corrupt or truncated), has an accepted format and
the expected size. Runs on the image table (one row per file: path, split, label, format, mode, width,
height, bytes, error, sha256) that `verify` makes for an image folder or product."""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.quality.checks.base import CheckContext, Finding, RowCheck


@dataclass(frozen=True)
class ImageFilesSettings:
    """formats: accepted formats (Pillow names: JPEG, PNG; empty: any); width/height: the exact size
    expected (none: any); min_width/min_height: the smallest size accepted."""

    formats: tuple[str, ...] = ()
    width: int | None = None
    height: int | None = None
    min_width: int | None = None
    min_height: int | None = None


class ImageFiles(RowCheck[ImageFilesSettings]):
    """An image that cannot be decoded, has another format or another size fails."""

    type = "image-files"
    settings_type = ImageFilesSettings
    characteristic = "validity"
    findings = (
        Finding(
            "image-unusable",
            "이미지 {checked}개 중 {failing}개가 손상되었거나 형식·크기가 맞지 않습니다.",
            "{failing} of {checked} images are corrupt or have the wrong format or size.",
        ),
    )

    def columns(self) -> tuple[str, ...]:
        return ("path", "format", "width", "height", "error")

    def failing(self, context: CheckContext) -> str:
        d, s = context.dialect, self.settings
        parts = ["error IS NOT NULL"]
        if s.formats:
            listed = ", ".join(d.text(name.upper()) for name in s.formats)
            parts.append(f"(format IS NULL OR upper(format) NOT IN ({listed}))")
        for column, exact, least in (("width", s.width, s.min_width), ("height", s.height, s.min_height)):
            if exact is not None:
                parts.append(f"({column} IS NULL OR {column} <> {int(exact)})")
            if least is not None:
                parts.append(f"({column} IS NULL OR {column} < {int(least)})")
        return " OR ".join(parts)
