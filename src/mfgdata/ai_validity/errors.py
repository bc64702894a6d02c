"""Refusals of the AI validity check: the data cannot honestly train and test a baseline model."""

from __future__ import annotations

from pathlib import Path

from mfgdata.errors import ErrorText, MfgdataError


class AiValidityError(MfgdataError):
    """The product cannot be checked for AI validity as it is; the message says why and what to do."""


def refusal(code: str, path: Path | str | None, ko: str, en: str) -> AiValidityError:
    """Shorthand: `raise refusal("no-label", project, "...", "...")`."""
    return AiValidityError(code, ErrorText(ko=ko, en=en), path)
