"""The sections of an organisation's programme page, each a template with its own reads.

The page renders every section in order; another part of the site adds one by appending a `Section`
(e.g. obligations and deadlines) — the page's view and template stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mfgdata.web.accounts.models import Organisation
from mfgdata.web.programs.money_selectors import organisation_agreements, organisation_claims


@dataclass(frozen=True)
class Section:
    """A template under `templates/` and the function giving its context for one organisation."""

    template: str
    context: Callable[[Organisation], dict[str, Any]]


SECTIONS: list[Section] = [
    Section(
        "programs/organisation/_agreements.html",
        lambda organisation: {"agreements": organisation_agreements(organisation=organisation)},
    ),
    Section(
        "programs/organisation/_claims.html",
        lambda organisation: {"claims": organisation_claims(organisation=organisation)},
    ),
]


def page_sections(organisation: Organisation) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) for each section, in order."""
    return [(section.template, section.context(organisation)) for section in SECTIONS]
