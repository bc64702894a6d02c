"""`{{ name|bi:LANG }}`: a definition's bilingual text (ko/en) in the interface language."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def bi(text: object, language: str) -> str:
    """The English of a definition's text when English is selected, else the Korean."""
    if text is None:
        return ""
    return str(getattr(text, "en" if str(language).startswith("en") else "ko", text))


@register.filter
def get(mapping: dict | None, key: object) -> object:
    """`{{ sections|get:section.id }}` — a dictionary lookup by a variable key."""
    return (mapping or {}).get(key, "")
