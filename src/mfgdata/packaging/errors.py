"""Errors of packaging and pricing: one type, a stable code, a sentence in Korean and in English."""

from __future__ import annotations

from pathlib import Path

from mfgdata.errors import ErrorText, MfgdataError


class PackageError(MfgdataError):
    """A package cannot be made, read or trusted as it is; the message says why and what to do."""


def package_error(code: str, path: Path | str | None, ko: str, en: str) -> PackageError:
    """Shorthand: `raise package_error("licence-missing", path, "...", "...")`."""
    return PackageError(code, ErrorText(ko=ko, en=en), path)
