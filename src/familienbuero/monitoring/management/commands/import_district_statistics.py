"""``manage.py import_district_statistics <municipality> <file.csv>``: the upload page's import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from familienbuero.monitoring import services
from familienbuero.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Imports district figures from a CSV file (all rows or none; see README)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality", help="URL name (slug) of the municipality")
        parser.add_argument("file", type=Path, help="CSV file")

    def handle(self, *args: Any, municipality: str, file: Path, **options: Any) -> None:
        with scopes_disabled():
            found = Municipality.objects.filter(slug=municipality).first()
        if found is None:
            raise CommandError(f"Unknown municipality: {municipality}")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from error
        try:
            stored = services.import_district_statistics(found, content)
        except services.ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(rejected.errors)} error(s); nothing was imported.") from None
        self.stdout.write(f"{stored} row(s) imported.")
