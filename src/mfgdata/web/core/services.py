"""Notifications: stored for the home page and mailed once the transaction commits."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction

from mfgdata.web.core.models import Notification


@transaction.atomic
def notification_send(*, user: object, subject: str, body: str = "", link: str = "") -> Notification:
    """Record a notification for `user` and mail it after commit (console mail in the demo)."""
    note = Notification.objects.create(user=user, subject=subject[:200], body=body, link=link)
    email = getattr(user, "email", "")
    if email:
        transaction.on_commit(lambda: send_mail(subject, f"{body}\n\n{link}", None, [email], fail_silently=True))
    return note
