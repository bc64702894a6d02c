"""`manage bill_model_usage [--month YYYY-MM]`: bill last month's (or the given month's) model API calls."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mfgdata.web.core.errors import SiteError
from mfgdata.web.orders.usage import month_of
from mfgdata.web.orders.usage_billing import usage_bill_month


def _previous_month() -> date:
    this = month_of()
    return date(this.year - 1, 12, 1) if this.month == 1 else date(this.year, this.month - 1, 1)


class Command(BaseCommand):
    help = "모델 API 호출을 월별로 청구합니다 (bill the per-call model plans for a finished month)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM (기본: 지난달 / default: last month)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = date.fromisoformat(f"{options['month']}-01") if options.get("month") else _previous_month()
        except ValueError as error:
            raise CommandError("--month는 YYYY-MM 형식이어야 합니다 (--month must be YYYY-MM).") from error
        try:
            bills = usage_bill_month(month=month)
        except SiteError as error:
            raise CommandError(error.one_line()) from error
        total = sum(bill.order.total_krw for bill in bills)
        self.stdout.write(f"{month:%Y-%m}: {len(bills)}건 청구, 합계 {total:,}원 ({len(bills)} bills, {total:,} KRW)")
