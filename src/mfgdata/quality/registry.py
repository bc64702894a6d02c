"""Find a check class by its `type` and build it from a spec; unknown types and settings are refused."""

from __future__ import annotations

import difflib
from typing import Any

from mfgdata.prep.errors import StepError
from mfgdata.prep.settings import parse_settings
from mfgdata.quality.checks.allowed_values import AllowedValues
from mfgdata.quality.checks.base import Check
from mfgdata.quality.checks.boxes import BoxesInBounds
from mfgdata.quality.checks.drift import Drift
from mfgdata.quality.checks.image_duplicates import ImageDuplicates
from mfgdata.quality.checks.image_files import ImageFiles
from mfgdata.quality.checks.label_balance import LabelBalance
from mfgdata.quality.checks.label_classes import LabelClasses
from mfgdata.quality.checks.not_null import NotNull
from mfgdata.quality.checks.physical import PhysicalRange
from mfgdata.quality.checks.range import Range
from mfgdata.quality.checks.referential import Referential
from mfgdata.quality.checks.regex import Regex
from mfgdata.quality.checks.row_count import RowCount
from mfgdata.quality.checks.sql_rule import SqlRule
from mfgdata.quality.checks.time_gaps import TimeGaps
from mfgdata.quality.checks.time_order import TimeOrder
from mfgdata.quality.checks.unique import Unique
from mfgdata.quality.errors import quality_error
from mfgdata.quality.model import CheckSpec

_CHECKS: dict[str, type[Check[Any]]] = {
    cls.type: cls
    for cls in (
        RowCount, NotNull, AllowedValues, Regex, Range, PhysicalRange, Unique, Referential, TimeOrder, TimeGaps,
        SqlRule, Drift, LabelClasses, LabelBalance, ImageFiles, ImageDuplicates, BoxesInBounds,
    )
}  # fmt: skip


def check_types() -> tuple[str, ...]:
    """Every check type a suite may use."""
    return tuple(_CHECKS)


def check_class(check_type: str) -> type[Check[Any]]:
    """The class for `check_type`; QualityError listing the known types (and a close one) otherwise."""
    if check_type in _CHECKS:
        return _CHECKS[check_type]
    close = difflib.get_close_matches(check_type, list(_CHECKS), n=1)
    hint_ko = f" '{close[0]}'의 오타인가요?" if close else ""
    hint_en = f" Did you mean '{close[0]}'?" if close else ""
    known = ", ".join(_CHECKS)
    raise quality_error(
        "unknown-check",
        f"'{check_type}' 검사는 없습니다.{hint_ko} 쓸 수 있는 검사: {known}",
        f"There is no check type '{check_type}'.{hint_en} Known check types: {known}",
    )


def build_check(spec: CheckSpec) -> Check[Any]:
    """A check from its spec, its settings parsed and typed (unknown or wrong settings refused)."""
    cls = check_class(spec.type)
    try:
        settings = parse_settings(cls.settings_type, spec.settings, spec.type)
    except StepError as error:
        raise quality_error(
            f"check-{error.code}",
            f"검사 '{spec.id}': {error.ko.replace(', why, allow_row_loss', '').replace('단계', '검사')}",
            f"Check '{spec.id}': {error.en.replace(', why, allow_row_loss', '').replace(' step', ' check')}",
        ) from None
    return cls(spec, settings)
