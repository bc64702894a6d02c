"""`image-duplicates`: the same picture (same bytes) does not appear twice — by default only across
splits, which would leak test images into training."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.quality.checks.base import Check, CheckContext, Finding
from mfgdata.quality.dialect import ROW
from mfgdata.quality.model import Measure


@dataclass(frozen=True)
class ImageDuplicatesSettings:
    """across_splits: only copies in different splits fail (False: any copy fails)."""

    across_splits: bool = True


class ImageDuplicates(Check[ImageDuplicatesSettings]):
    """Each copy after the first of a repeated picture fails."""

    type = "image-duplicates"
    settings_type = ImageDuplicatesSettings
    characteristic = "uniqueness"
    findings = (
        Finding(
            "image-duplicate",
            "이미지 {checked}개 중 {failing}개가 다른 이미지와 내용이 같습니다{scope_ko}.",
            "{failing} of {checked} images repeat another image's content{scope_en}.",
        ),
    )

    def columns(self) -> tuple[str, ...]:
        return ("path", "split", "sha256")

    def _groups(self, context: CheckContext) -> str:
        q = context.dialect.quote
        having = "COUNT(DISTINCT split) > 1" if self.settings.across_splits else "COUNT(*) > 1"
        return (
            f"SELECT sha256, COUNT(*) AS n, MIN({q(ROW)}) AS first_row FROM {context.table.relation} "
            f"GROUP BY sha256 HAVING {having}"
        )

    def aggregates(self, context: CheckContext) -> dict[str, str]:
        return {"rows": "COUNT(*)"}

    def queries(self, context: CheckContext, values: dict[str, Any]) -> dict[str, str]:
        return {"copies": f"SELECT SUM(n - 1) FROM ({self._groups(context)}) g"}

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        scope = self.settings.across_splits
        metric = {"scope_ko": " (다른 분할)" if scope else "", "scope_en": " (in another split)" if scope else ""}
        return Measure(int(values["rows"] or 0), int(rows["copies"][0][0] or 0), metric)

    def examples_sql(self, context: CheckContext, limit: int) -> str | None:
        q = context.dialect.quote
        return (
            f"SELECT t.{q(ROW)}, t.path, t.split, t.sha256 FROM {context.table.relation} t "
            f"JOIN ({self._groups(context)}) g ON t.sha256 = g.sha256 WHERE t.{q(ROW)} > g.first_row "
            f"ORDER BY t.{q(ROW)} LIMIT {limit}"
        )
