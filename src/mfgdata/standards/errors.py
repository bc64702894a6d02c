"""Errors of the standards step: one type, a stable code, Korean and English sentences naming the place."""

from __future__ import annotations

from pathlib import Path

from mfgdata.errors import ErrorText, InputError


class StandardsError(InputError):
    """A semantic id, a dictionary file or an AAS cannot be used as it is; the message names where."""


def standards_error(code: str, path: Path | str | None, ko: str, en: str) -> StandardsError:
    """Shorthand: `raise standards_error("unknown-id", path, "...", "...")`."""
    return StandardsError(code, ErrorText(ko=ko, en=en), path)
