"""Values every page needs: the signed-in person's organisation and unread notification count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def site_context(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_org": None, "unread_count": 0}
    from mfgdata.web.accounts.selectors import organisation_of

    return {"current_org": organisation_of(user=user), "unread_count": user.notifications.filter(read=False).count()}
