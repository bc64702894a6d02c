"""One image on its way from the source file to the build: read once, changed by the image steps, encoded.

An image is decoded only when a step needs its pixels; otherwise its bytes are copied, and `strip-exif`
removes metadata segments (JPEG) or chunks (PNG) without touching the compressed pixels. Encoder options
are fixed and no encoder writes a timestamp, so two builds give the same bytes.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

from PIL import Image

SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# JPEG markers holding metadata: APP1 (EXIF, XMP), APP2 (ICC, FlashPix), APP13 (IPTC), COM (comments).
_JPEG_METADATA = frozenset({0xE1, 0xE2, 0xED, 0xFE})
_PNG_METADATA = frozenset({b"eXIf", b"iTXt", b"tEXt", b"zTXt", b"iCCP", b"tIME"})
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COMPRESS_LEVEL = 6


@dataclass
class Picture:
    """The state of one image between steps: source bytes, target format, pixels once decoded."""

    data: bytes
    source_format: str
    format: str
    width: int
    height: int
    image: Image.Image | None = None
    strip_metadata: bool = False
    quality: int = 95

    def pixels(self) -> Image.Image:
        """The decoded image (decoded on first use), in a mode the resamplers handle."""
        if self.image is None:
            with Image.open(io.BytesIO(self.data)) as opened:
                opened.load()
                image = opened.copy()
                image.info = dict(opened.info)
            if image.mode == "P":
                image = image.convert("RGBA" if "transparency" in image.info else "RGB")
            elif image.mode == "1":
                image = image.convert("L")
            self.image = image
        return self.image

    def set_pixels(self, image: Image.Image) -> None:
        """Replace the pixels (keeping the source's metadata in `info`) and the size."""
        image.info = dict(self.pixels().info)
        self.image, self.width, self.height = image, image.width, image.height

    def encoded(self) -> bytes:
        """The bytes to write: the source bytes when nothing asked for new pixels or a new format."""
        if self.image is None and self.format == self.source_format:
            if not self.strip_metadata:
                return self.data
            if self.format == "JPEG":
                return strip_jpeg(self.data)
            if self.format == "PNG":
                return strip_png(self.data)
        return self._encode(self.pixels())

    def _encode(self, image: Image.Image) -> bytes:
        info = {} if self.strip_metadata else {k: image.info[k] for k in ("exif", "icc_profile") if image.info.get(k)}
        options: dict[str, object] = {}
        if self.format == "JPEG":
            image = image if image.mode in ("RGB", "L", "CMYK") else image.convert("RGB")
            options = {"quality": self.quality, "subsampling": 2, "optimize": False, "progressive": False}
        elif self.format == "PNG":
            image = image if image.mode in ("RGB", "RGBA", "L", "LA", "I", "I;16") else image.convert("RGB")
            options = {"compress_level": _COMPRESS_LEVEL, "optimize": False}
        elif self.format == "WEBP":
            image = image if image.mode in ("RGB", "RGBA") else image.convert("RGB")
            options = {"quality": self.quality, "method": 4, "lossless": False}
        buffer = io.BytesIO()
        image.save(buffer, format=self.format, **options, **info)
        return buffer.getvalue()


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG without its metadata segments; the compressed image data is copied unchanged."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG stream")
    kept, position = [data[:2]], 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise ValueError(f"bad JPEG marker at byte {position}")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            break
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        segment = data[position : position + 2 + length]
        if marker not in _JPEG_METADATA:
            kept.append(segment)
        position += 2 + length
    kept.append(data[position:])
    return b"".join(kept)


def strip_png(data: bytes) -> bytes:
    """The PNG without text, EXIF, ICC and time chunks; image chunks are copied unchanged."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG stream")
    kept, position = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while position + 8 <= len(data):
        length = struct.unpack(">I", data[position : position + 4])[0]
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if kind not in _PNG_METADATA:
            kept.append(data[position:end])
        position = end
    return b"".join(kept)
