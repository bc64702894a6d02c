"""Problems found while planning a recipe step, before the recipe knows on which line the step is.

A step raises :class:`StepError` with a stable code, a Korean and an English sentence and the setting
it is about; :mod:`mfgdata.prep.recipe` turns it into a :class:`RecipeError` that names the file and line.
"""

from __future__ import annotations

from mfgdata.errors import ErrorText, InputError


class StepError(Exception):
    """A step cannot be planned as written; `setting` names the setting at fault, if one is."""

    def __init__(self, code: str, ko: str, en: str, setting: str | None = None) -> None:
        self.code = code
        self.ko = ko
        self.en = en
        self.setting = setting
        super().__init__(f"[{code}] {en}")


class RecipeError(InputError):
    """A recipe problem, located: the message starts with `recipe.yaml 12번째 줄` / `recipe.yaml line 12`."""

    def __init__(self, code: str, text: ErrorText, path: str | None, line: int | None) -> None:
        super().__init__(code, text, path)
        self.line = line


def located(code: str, file_name: str, line: int | None, ko: str, en: str) -> RecipeError:
    """A RecipeError whose sentences start with the file name and the line."""
    where_ko = f"{file_name} {line}번째 줄: " if line else f"{file_name}: "
    where_en = f"{file_name} line {line}: " if line else f"{file_name}: "
    return RecipeError(code, ErrorText(ko=where_ko + ko, en=where_en + en), None, line)
