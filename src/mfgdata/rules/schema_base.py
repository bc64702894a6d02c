"""Building blocks of the definition schema: bilingual text, strict money and ratio types."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

ApplicantKind = Literal["sme", "midsize", "nonprofit"]
"""중소기업, 중견기업, 비영리기관 — the buyer/applicant classes the notices name."""


class Strict(BaseModel):
    """Every definition object: unknown keys refused, values immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Text(Strict):
    """A sentence in Korean (as the notice writes it) and in English."""

    ko: str = Field(min_length=1)
    en: str = Field(min_length=1)


def _ratio(value: Any) -> Any:
    # YAML floats are binary; ratios are read from their written digits so 0.80 stays exactly 4/5.
    if isinstance(value, bool):
        raise ValueError("비율은 0과 1 사이의 수입니다 / a ratio is a number between 0 and 1")
    return Decimal(str(value)) if isinstance(value, int | float | str) else value


def _within_unit(value: Decimal) -> Decimal:
    if not Decimal(0) <= value <= Decimal(1):
        raise ValueError(f"비율은 0~1이어야 합니다({value}) / a ratio must be between 0 and 1 (found {value})")
    return value


def _clock_text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError('시각은 따옴표 안에 "17:00:00"처럼 씁니다 / write a time quoted, like "17:00:00"')
    return value


Ratio = Annotated[Decimal, BeforeValidator(_ratio), AfterValidator(_within_unit)]
Krw = Annotated[int, Field(ge=0, strict=True)]
"""Whole won (정수 원), never a float."""
Count = Annotated[int, Field(ge=1, strict=True)]
Points = Annotated[int, Field(ge=0, strict=True)]
ClockTime = Annotated[time, BeforeValidator(_clock_text)]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
