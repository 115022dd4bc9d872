from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from familienbuero.core import backup


class Command(BaseCommand):
    help = (
        "Replaces the whole database with a backup written by `manage.py backup` (checksum and integrity "
        "are checked first). Stop the application servers and workers before. With --verify the row counts "
        "of the restored database are compared with the backup's manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", help="backup file written by manage.py backup")
        parser.add_argument("--verify", action="store_true", help="compare the row counts afterwards")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["backup"])
        if not source.is_file():
            raise CommandError(f"{source} does not exist")
        if options["interactive"]:
            answer = input(f"Replace ALL data of database '{options['database']}' with {source}? [yes/no] ")
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            manifest = backup.restore(source, alias=options["database"])
            self.stdout.write(f"restored: {source} (backup of {manifest.created})")
            if options["verify"]:
                backup.verify_restored(manifest, alias=options["database"])
                self.stdout.write(f"verified: {len(manifest.counts)} tables, row counts equal the backup")
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
