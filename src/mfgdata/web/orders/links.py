"""Download links: signed, expiring and bound to one user (a forwarded link does not work for anyone else)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused

SALT = "mfgdata.orders.download"


@dataclass(frozen=True)
class LinkClaim:
    entitlement_id: int
    user_id: int
    path: str


def link_token(*, entitlement_id: int, user: User, path: str) -> str:
    return signing.dumps({"e": entitlement_id, "u": user.pk, "p": path}, salt=SALT, compress=True)


def link_open(*, token: str, user: User) -> LinkClaim:
    """The claim of a valid token for this user; an expired, forged or forwarded link is refused."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.MFGDATA_DOWNLOAD_LINK_SECONDS)
    except signing.SignatureExpired:
        raise Refused(
            "link-expired",
            "다운로드 링크의 유효 시간이 지났습니다. 주문 내역에서 새 링크를 받으세요.",
            "This download link has expired; get a new one from your orders.",
        ) from None
    except signing.BadSignature:
        raise Refused(
            "link-invalid", "올바른 다운로드 링크가 아닙니다.", "This is not a valid download link."
        ) from None
    if data.get("u") != user.pk:
        raise Refused(
            "link-not-yours",
            "다른 사람에게 발급된 다운로드 링크입니다. 본인 계정으로 주문 내역에서 링크를 받으세요.",
            "This download link was issued to someone else; get your own from your orders.",
        )
    return LinkClaim(entitlement_id=int(data["e"]), user_id=int(data["u"]), path=str(data["p"]))
