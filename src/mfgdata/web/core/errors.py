"""The one exception type of the site layer, rendered in one place (`core.middleware.RefusalMiddleware`).

A `SiteError` carries a stable code and a Korean and an English sentence saying what is wrong and what to do.
`Refused` is a permission refusal (HTTP 403); every other `SiteError` is bad input (HTTP 400). Both are logged.
"""

from __future__ import annotations

from mfgdata.errors import ErrorText, MfgdataError


class SiteError(MfgdataError):
    """The site cannot do what was asked because of the input."""

    status = 400

    def __init__(self, code: str, ko: str, en: str) -> None:
        super().__init__(code, ErrorText(ko=ko, en=en))


class Refused(SiteError):
    """The person may not do this (another organisation's listing, self-approval, not verified …)."""

    status = 403


def message_for(error: MfgdataError, language: str) -> str:
    """The sentence in the interface language (Korean unless English is selected)."""
    return error.text.en if language.startswith("en") else error.text.ko
