"""Building blocks of the definition schema: bilingual text, strict money and ratio types."""

from __future__ import annotations

from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

ApplicantKind = Literal["sme", "midsize", "nonprofit"]
"""중소기업, 중견기업, 비영리기관 — the buyer/applicant classes the notices name."""


class Strict(BaseModel):
    """Every definition object: unknown keys refused, no coercion (`yes` is not true, "25" is not 25), immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Text(Strict):
    """A sentence in Korean (as the notice writes it) and in English."""

    ko: str = Field(min_length=1)
    en: str = Field(min_length=1)


def _decimal(value: Any) -> Any:
    # YAML floats are binary; numbers are read from their written digits so 0.80 stays exactly 4/5.
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError("수가 필요합니다 / a number is needed")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"수가 아닙니다: {value} / not a number: {value}") from None


def _within_unit(value: Decimal) -> Decimal:
    if not Decimal(0) <= value <= Decimal(1):
        raise ValueError(f"비율은 0~1이어야 합니다({value}) / a ratio must be between 0 and 1 (found {value})")
    return value


def _clock_text(value: Any) -> Any:
    if isinstance(value, time):
        return value
    if not isinstance(value, str):
        raise ValueError('시각은 "17:00:00"처럼 씁니다 / write a time like "17:00:00"')
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise ValueError(f"시각 형식이 아닙니다: {value} / not a time of day: {value}") from None


Ratio = Annotated[Decimal, BeforeValidator(_decimal), AfterValidator(_within_unit)]
Mark = Annotated[Decimal, BeforeValidator(_decimal)]
"""A score threshold such as the pass mark (60), exact."""
Krw = Annotated[int, Field(ge=0, strict=True)]
"""Whole won (정수 원), never a float."""
Count = Annotated[int, Field(ge=1, strict=True)]
Points = Annotated[int, Field(ge=0, strict=True)]
ClockTime = Annotated[time, BeforeValidator(_clock_text)]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
