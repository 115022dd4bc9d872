"""manage.py import_hsds <municipality> <path>: load an HSDS 3.0 dataset (all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from familienbuero.directory import search
from familienbuero.directory.hsds import importer
from familienbuero.tenancy.models import Municipality


class Command(BaseCommand):
    help = (
        "Validates an HSDS 3.0 dataset (one JSON file, or a directory with one .json or .csv file per "
        "table) and upserts its organisations, locations and services by id in one transaction. "
        "Nothing is written when a problem is found."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality", help="URL name of the municipality, e.g. voerde")
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
        parser.add_argument(
            "--unpublished",
            action="store_true",
            help="new services wait for review instead of being published",
        )

    def handle(self, *args: Any, municipality: str, path: Path, **options: Any) -> None:
        found = Municipality.objects.filter(slug=municipality).first()
        if found is None:
            raise CommandError(f"unknown municipality {municipality!r}")
        try:
            report = importer.import_dataset(
                municipality=found,
                path=path,
                publish_new=not options["unpublished"],
                dry_run=options["dry_run"],
            )
        except importer.ImportFailed as failure:
            for line in failure.report.lines():
                self.stderr.write(line)
            for error in failure.report.errors:
                self.stderr.write(f"error: {error}")
            raise CommandError(str(failure)) from failure
        for line in report.lines():
            self.stdout.write(line)
        if not options["dry_run"]:
            search.rebuild_index(municipality=found)
        done = ", ".join(f"{name}: {n}" for name, n in sorted(report.counts.items())) or "nothing to do"
        self.stdout.write(("dataset is valid (dry run): " if options["dry_run"] else "imported: ") + done)
