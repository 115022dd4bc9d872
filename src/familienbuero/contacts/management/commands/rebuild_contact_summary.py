"""``manage.py rebuild_contact_summary [--municipality SLUG]``: recomputes the daily summary the contact
reports read from the contact records.

The contact services keep the summary in step themselves; rebuild after records were written without
them (a bulk load, a script), after changing ``TIME_ZONE``, or to be sure after a restore. Safe at any
time: one transaction; on PostgreSQL new contacts wait for it, reports keep working.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from familienbuero.contacts.summary import rebuild
from familienbuero.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Rebuilds the daily summary of the contact statistics from the contact records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", help="URL name of one municipality (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"No municipality {options['municipality']!r}.")
        rows = rebuild(municipality)
        self.stdout.write(f"{rows} summary rows written.")
