"""Writes: publishing a new training version and recording a signed completion."""

from __future__ import annotations

import base64
import binascii
import io

from django.db import transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.statemachine import record_event
from mfgdata.web.training.models import ChecklistItem, TrainingCompletion, TrainingContent

MAX_SIGNATURE_BYTES = 300_000
_DATA_URL_PREFIX = "data:image/png;base64,"


def _bad_signature(detail_ko: str, detail_en: str) -> SiteError:
    return SiteError(
        "invalid-signature",
        f"서명이 올바르지 않습니다: {detail_ko}. 서명란에 다시 서명하세요.",
        f"The signature is not valid: {detail_en}. Sign again in the box.",
    )


def decode_signature(data_url: str) -> bytes:
    """The PNG bytes of a canvas data URL; refuses anything that is not a non-blank PNG of sensible size."""
    if not data_url.startswith(_DATA_URL_PREFIX):
        raise _bad_signature("PNG 그림이 아닙니다", "not a PNG drawing")
    try:
        png = base64.b64decode(data_url[len(_DATA_URL_PREFIX) :], validate=True)
    except (binascii.Error, ValueError) as error:
        raise _bad_signature("인코딩 오류", "bad encoding") from error
    if len(png) > MAX_SIGNATURE_BYTES:
        raise _bad_signature("파일이 너무 큽니다", "too large")
    try:
        image = Image.open(io.BytesIO(png))
        if image.format != "PNG" or image.width * image.height > 4_000_000:
            raise _bad_signature("PNG 그림이 아닙니다", "not a PNG drawing")
        alpha = image.convert("RGBA").getchannel("A")
    except (UnidentifiedImageError, OSError) as error:
        raise _bad_signature("그림을 읽을 수 없습니다", "unreadable image") from error
    if alpha.getbbox() is None:
        raise _bad_signature("비어 있습니다", "it is blank")
    return png


@transaction.atomic
def training_content_publish(
    *, version: int, title: dict, sections: list[dict], items: list[dict], video_file: str = ""
) -> TrainingContent:
    """Publish a new version; every organisation must agree again before its next registration request."""
    if TrainingContent.objects.filter(version__gte=version).exists():
        raise SiteError(
            "training-version-not-newer",
            "새 교육 버전은 기존 버전보다 커야 합니다.",
            "A new training version must be greater than the existing ones.",
        )
    content = TrainingContent.objects.create(
        version=version, title=title, sections=sections, video_file=video_file, published_at=timezone.now()
    )
    ChecklistItem.objects.bulk_create(ChecklistItem(content=content, order=i, text=t) for i, t in enumerate(items, 1))
    return content


@transaction.atomic
def training_complete(
    *,
    user: User,
    content: TrainingContent,
    agreed_item_ids: list[int],
    signature_data_url: str,
    typed_name: str,
    ip_address: str | None,
) -> TrainingCompletion:
    """Record that `user` agreed to every checklist item of `content` and signed, for their organisation."""
    organisation = organisation_of(user=user)
    if organisation is None:
        raise Refused("no-organisation", "먼저 사업자 정보를 등록하세요.", "Register your business first.")
    required = set(content.items.values_list("id", flat=True))
    missing = required - set(agreed_item_ids)
    if missing:
        raise SiteError(
            "checklist-incomplete",
            f"모든 항목에 각각 동의해야 합니다 (남은 항목 {len(missing)}개).",
            f"Every statement must be agreed separately ({len(missing)} left).",
        )
    if not typed_name.strip():
        raise SiteError("typed-name-missing", "서명자 이름을 입력하세요.", "Type your name.")
    png = decode_signature(signature_data_url)
    completion = TrainingCompletion.objects.create(
        user=user,
        organisation=organisation,
        content=content,
        agreed_items=sorted(required),
        signature_png=png,
        typed_name=typed_name.strip()[:100],
        signed_at=timezone.now(),
        ip_address=ip_address,
    )
    record_event(target=completion, action="sign", actor=user, comment=f"v{content.version}")
    return completion
