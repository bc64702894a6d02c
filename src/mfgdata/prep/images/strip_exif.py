"""`strip-exif`: remove EXIF, XMP, IPTC, ICC and text metadata from the written images.

Camera serial numbers, GPS positions and editing software names travel in these blocks. When no other
step needs the pixels, JPEG metadata segments and PNG metadata chunks are cut out of the file and the
compressed pixels are copied unchanged; otherwise the image is encoded without them. Note that the EXIF
orientation tag goes too: viewers then show the pixels as stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.prep.images.base import ImageStep
from mfgdata.prep.images.picture import Picture


@dataclass(frozen=True)
class StripExifSettings:
    """No settings: every metadata block is removed."""


class StripExif(ImageStep[StripExifSettings]):
    """Remove metadata from image files."""

    type = "strip-exif"
    settings_type = StripExifSettings

    def apply(self, picture: Picture) -> bool:
        picture.strip_metadata = True
        return True
