"""The one way a state machine moves: a `(state, action) → state` table checked under a row lock.

Listings (and later orders, payments, programme applications) each declare a TRANSITIONS table and call
`transition()`; it locks the row with `select_for_update`, refuses moves the table does not allow, writes the
new state and an `AuditEvent` with who and why — all in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.models import AuditEvent

M = TypeVar("M", bound=models.Model)
Transitions = Mapping[tuple[str, str], str]


def allowed_actions(table: Transitions, state: str) -> list[str]:
    """The actions the table allows from `state`, in table order (for buttons and error messages)."""
    return [action for (source, action) in table if source == state]


@transaction.atomic
def transition(*, instance: M, action: str, table: Transitions, actor: object | None, comment: str = "") -> M:
    """Move `instance` (a model with a `status` field) by `action`; returns the locked, updated row."""
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    source = locked.status
    target = table.get((source, action))
    if target is None:
        allowed = ", ".join(allowed_actions(table, source))
        raise SiteError(
            "transition-not-allowed",
            f"'{source}' 상태에서는 '{action}'을(를) 할 수 없습니다. 가능한 작업: {allowed or '없음'}.",
            f"'{action}' is not allowed from '{source}'. Allowed: {allowed or 'none'}.",
        )
    locked.status = target
    locked.save(update_fields=["status"])
    record_event(target=locked, action=action, actor=actor, from_state=source, to_state=target, comment=comment)
    instance.status = target
    return locked


def record_event(
    *,
    target: models.Model,
    action: str,
    actor: object | None,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
) -> AuditEvent:
    """Write one audit event about `target` (also used for acts that are not state moves)."""
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "pk", None) else None,
        comment=comment,
    )


def events_of(target: models.Model) -> models.QuerySet[AuditEvent]:
    """The audit trail of one object, oldest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor")
