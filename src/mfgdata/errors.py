"""User-facing errors of the processing library.

Every error a person can cause (a missing file, a broken export, a bomb) is raised as
:class:`InputError` with a stable code and one sentence in Korean and one in English that say
what is wrong and what to do. The CLI renders it in one place; nothing else catches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ErrorText:
    """A message in both languages of the interface."""

    ko: str
    en: str


class MfgdataError(Exception):
    """Base class: the library cannot do what it was asked."""

    def __init__(self, code: str, text: ErrorText, path: Path | str | None = None) -> None:
        self.code = code
        self.text = text
        self.path = str(path) if path is not None else None
        super().__init__(f"[{code}] {text.en}")

    def one_line(self, language: str = "both") -> str:
        """The message on one line: `ko`, `en` or `both` (Korean first)."""
        where = f"{self.path}: " if self.path else ""
        if language == "ko":
            return f"{where}{self.text.ko}"
        if language == "en":
            return f"{where}{self.text.en}"
        return f"{where}{self.text.ko} / {self.text.en}"


class InputError(MfgdataError):
    """The input cannot be read as it is; the message says why and what to do."""


def input_error(code: str, path: Path | str | None, ko: str, en: str) -> InputError:
    """Shorthand used by readers: `raise input_error("empty-file", path, "...", "...")`."""
    return InputError(code, ErrorText(ko=ko, en=en), path)
