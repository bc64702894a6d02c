"""Why a quality suite cannot run: one error type for the quality layer, rendered by the CLI.

Findings (a failing check) are data in the results; a `QualityError` means the suite could not run at
all: a check naming a missing column, an unknown check type, SQL that is not a boolean or tries to write,
a tampered certificate.
"""

from __future__ import annotations

from pathlib import Path

from mfgdata.errors import ErrorText, MfgdataError


class QualityError(MfgdataError):
    """The suite, the data or the certificate cannot be used as given; the message says what to do."""


def quality_error(code: str, ko: str, en: str, path: Path | str | None = None) -> QualityError:
    """Shorthand: `raise quality_error("unknown-check", "...", "...")`."""
    return QualityError(code, ErrorText(ko=ko, en=en), path)
