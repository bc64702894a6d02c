"""Template filters for Korean conventions: KRW as 원 (부가세 별도) and Asia/Seoul times."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from mfgdata.web.core.event_labels import event_label

register = template.Library()


@register.filter(name="event_label")
def event_label_filter(action: str) -> str:
    """An audit event's action as the interface calls it (`approve` → 승인)."""
    return event_label(action)


@register.filter
def won(amount: int | None) -> str:
    """`1234567` → `1,234,567원`; an empty amount stays a dash."""
    if amount is None or amount == "":
        return "—"
    return f"{int(amount):,}" + _("원")


@register.filter
def won_vat(amount: int | None) -> str:
    """The price with the VAT note the notices require: `1,234,567원 (부가세 별도)`."""
    if amount is None or amount == "":
        return "—"
    note = _("부가세 별도")
    return f"{won(amount)} ({note})"


@register.filter
def seoul(moment: datetime | None) -> str:
    """A time in Asia/Seoul as `2026-12-01 09:00 KST`."""
    if moment is None:
        return "—"
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M KST")


@register.filter
def pick(text: dict | None, language: str) -> str:
    """The ko/en value of a bilingual dict (`{"ko": …, "en": …}`), falling back to Korean."""
    if not isinstance(text, dict):
        return text or ""
    return text.get("en" if str(language).startswith("en") else "ko") or text.get("ko") or ""


@register.filter
def krds(field: object) -> str:
    """Render a bound form field with the KRDS input class (select, textarea and input alike)."""
    widget = field.field.widget  # type: ignore[attr-defined]
    kind = getattr(field, "widget_type", "")
    css = (
        "krds-form-select"
        if kind == "select"
        else ("" if kind in ("checkbox", "clearablefile", "file") else "krds-input")
    )
    attrs = {"class": css} if css else {}
    if field.field.required:  # type: ignore[attr-defined]
        attrs["aria-required"] = "true"
    return field.as_widget(attrs={**widget.attrs, **attrs})  # type: ignore[attr-defined]
