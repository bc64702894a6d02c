"""Find a step class by its `type` and build it from a recipe mapping; unknown types are refused."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from mfgdata.prep.errors import StepError
from mfgdata.prep.images.convert import ConvertImages
from mfgdata.prep.images.resize import ResizeImages
from mfgdata.prep.images.strip_exif import StripExif
from mfgdata.prep.settings import parse_settings
from mfgdata.prep.steps.base import Step
from mfgdata.prep.steps.cast import Cast
from mfgdata.prep.steps.convert_unit import ConvertUnit
from mfgdata.prep.steps.derive import Derive
from mfgdata.prep.steps.drop import Drop
from mfgdata.prep.steps.drop_duplicates import DropDuplicates
from mfgdata.prep.steps.drop_sensitive import DropSensitive
from mfgdata.prep.steps.filter import Filter
from mfgdata.prep.steps.impute import Impute
from mfgdata.prep.steps.join_labels import JoinLabels
from mfgdata.prep.steps.limits import Limits
from mfgdata.prep.steps.normalize_text import NormalizeText
from mfgdata.prep.steps.parse_datetime import ParseDatetime
from mfgdata.prep.steps.pseudonymise import Pseudonymise
from mfgdata.prep.steps.rename import Rename
from mfgdata.prep.steps.resample import Resample
from mfgdata.prep.steps.select import Select
from mfgdata.prep.steps.sort import Sort
from mfgdata.prep.steps.split import Split

COMMON_KEYS = ("type", "why", "allow_row_loss")
_STEPS: dict[str, type[Step[Any]]] = {
    cls.type: cls
    for cls in (
        Select, Drop, Rename, Cast, ParseDatetime, ConvertUnit, NormalizeText, DropDuplicates, Sort, Filter,
        Limits, Impute, Resample, Derive, JoinLabels, Pseudonymise, DropSensitive, Split,
        ResizeImages, ConvertImages, StripExif,
    )
}  # fmt: skip


def step_types() -> tuple[str, ...]:
    """Every step type a recipe may use, in the order they are usually applied."""
    return tuple(_STEPS)


def step_class(step_type: str) -> type[Step[Any]]:
    """The class for `step_type`; StepError listing the known types (and a close one) otherwise."""
    if step_type in _STEPS:
        return _STEPS[step_type]
    close = difflib.get_close_matches(step_type, list(_STEPS), n=1)
    hint_ko = f" '{close[0]}'의 오타인가요?" if close else ""
    hint_en = f" Did you mean '{close[0]}'?" if close else ""
    known = ", ".join(_STEPS)
    raise StepError(
        "unknown-step",
        f"'{step_type}' 단계는 없습니다.{hint_ko} 쓸 수 있는 단계: {known}",
        f"There is no step type '{step_type}'.{hint_en} Known step types: {known}",
        "type",
    )


def build_step(mapping: Mapping[str, Any]) -> Step[Any]:
    """A step from its recipe mapping (`type` plus its settings; `why` and `allow_row_loss` are ignored here)."""
    step_type = mapping.get("type")
    if not isinstance(step_type, str) or not step_type:
        raise StepError(
            "missing-step-type",
            f"단계에 'type'이 없습니다. 쓸 수 있는 단계: {', '.join(_STEPS)}",
            f"The step has no 'type'. Known step types: {', '.join(_STEPS)}",
            "type",
        )
    cls = step_class(step_type)
    settings = {key: value for key, value in mapping.items() if key not in COMMON_KEYS}
    return cls(parse_settings(cls.settings_type, settings, step_type))
