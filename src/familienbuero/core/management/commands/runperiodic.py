from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from familienbuero.core.periodic import run_all


class Command(BaseCommand):
    help = "Runs reminders and retention jobs. Call it from cron, e.g. every 15 minutes."

    def handle(self, *args: Any, **options: Any) -> None:
        for label, count in run_all().items():
            self.stdout.write(f"{label}: {count}")
