"""Site-check photos: a JPEG or PNG that really is one (decoded by Pillow, not trusted by its name), at most
10 MB — a photo is evidence in the file, so a renamed document or a broken file is refused at upload."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

from mfgdata.web.core.errors import SiteError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
FORMATS = {"JPEG", "PNG"}


def refuse_unless_photo(photo: UploadedFile) -> None:
    """Refuse anything but a readable JPEG/PNG of at most 10 MB; the file is rewound for storing."""
    if (photo.size or 0) > MAX_PHOTO_BYTES:
        raise SiteError("photo-too-large", "현장 사진은 10MB 이하여야 합니다.", "A site photo must be at most 10 MB.")
    try:
        with Image.open(photo) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        found = None
    photo.seek(0)
    if found not in FORMATS:
        raise SiteError(
            "photo-invalid",
            f"'{photo.name}'은(는) 읽을 수 있는 JPEG·PNG 사진이 아닙니다.",
            f"'{photo.name}' is not a readable JPEG or PNG photo.",
        )
