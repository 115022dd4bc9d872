"""manage.py export_hsds <municipality> <path>: the published directory as an HSDS 3.0 dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from familienbuero.directory.hsds import exporter
from familienbuero.tenancy.models import Municipality


class Command(BaseCommand):
    help = (
        "Writes the municipality's published services, organisations, locations and vocabularies as an "
        "HSDS 3.0 dataset: one JSON file if PATH ends in .json, else a directory with one file per table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality", help="URL name of the municipality, e.g. voerde")
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, municipality: str, path: Path, **options: Any) -> None:
        found = Municipality.objects.filter(slug=municipality).first()
        if found is None:
            raise CommandError(f"unknown municipality {municipality!r}")
        data = exporter.export_dataset(found)
        for file in exporter.write(data, path):
            self.stdout.write(f"written: {file}")
        self.stdout.write(
            f"{len(data['services'])} services, {len(data['organizations'])} organisations, "
            f"{len(data['locations'])} locations"
        )
