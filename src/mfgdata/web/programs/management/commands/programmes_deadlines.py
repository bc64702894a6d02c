"""`manage.py programmes_deadlines`: fail the applications whose supplement deadline passed unanswered
(run it from cron every few minutes; the programme pages also run it when they are opened)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mfgdata.web.programs.supplement_services import supplement_deadlines_enforce


class Command(BaseCommand):
    help = "Applications whose supplement deadline passed without a supplement fail eligibility."

    def handle(self, *args: Any, **options: Any) -> None:
        missed = supplement_deadlines_enforce()
        self.stdout.write(f"보완 기한 경과로 부적합 처리: {missed}건 / ineligible for a missed deadline: {missed}")
