"""Errors of the programme rules: a definition file that is wrong, or a rule asked something it cannot answer.

A :class:`DefinitionError` names the file, the key (``evaluation.sections[1].points``) and, when known, the
line, so whoever writes next year's file can fix it without reading code. A :class:`RulesError` is a call
the rules refuse (a score above an item's points, a naive datetime, a purchase subsidy asked of a
productization programme).
"""

from __future__ import annotations

from pathlib import Path

from mfgdata.errors import ErrorText, InputError, MfgdataError


class DefinitionError(InputError):
    """A programme definition file is invalid; the message starts with the file, the key and the line."""

    def __init__(self, code: str, text: ErrorText, path: Path, key: str, line: int | None) -> None:
        super().__init__(code, text, path)
        self.key = key
        self.line = line


class RulesError(MfgdataError):
    """A rule function was given something it refuses; the message says what and what to do."""


def rules_error(code: str, ko: str, en: str) -> RulesError:
    """Shorthand: ``raise rules_error("score-above-points", "...", "...")``."""
    return RulesError(code, ErrorText(ko=ko, en=en))


def definition_error(code: str, path: Path, key: str, line: int | None, ko: str, en: str) -> DefinitionError:
    """A DefinitionError whose sentences start with the key and line (the path is rendered by the CLI)."""
    where_ko = f"{key} ({line}번째 줄): " if line else f"{key}: "
    where_en = f"{key} (line {line}): " if line else f"{key}: "
    return DefinitionError(code, ErrorText(ko=where_ko + ko, en=where_en + en), path, key, line)
