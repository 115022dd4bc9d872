"""``manage.py rebuild_search_index [--municipality SLUG]``: fills the search index from scratch.

Needed after a restore, after loading data without the services code, or when the vocabulary's
names changed. Safe to run at any time; searches keep working meanwhile (one transaction).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from familienbuero.directory.search import rebuild_index
from familienbuero.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Rebuilds the full-text search index of the service directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", help="URL name of one municipality (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"No municipality {options['municipality']!r}.")
        count = rebuild_index(municipality)
        self.stdout.write(f"{count} services indexed.")
