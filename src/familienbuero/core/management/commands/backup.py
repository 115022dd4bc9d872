from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from familienbuero.core import backup


class Command(BaseCommand):
    help = (
        "Backs up the whole database while the application keeps running (SQLite: online backup API; "
        "PostgreSQL: pg_dump -Fc) and writes a manifest with the row counts beside it. With --verify the "
        "backup is checked (integrity; PostgreSQL: restored into a scratch database) against the manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "target",
            nargs="?",
            help="backup file, or a directory for a dated file name (default: DATA_DIR/backups)",
        )
        parser.add_argument("--verify", action="store_true", help="check the backup after writing it")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        given = options["target"] or ""
        target = Path(given or settings.DATA_DIR / "backups")
        if not given or target.is_dir() or given.endswith("/"):
            vendor = "sqlite3" if "sqlite" in settings.DATABASES[options["database"]]["ENGINE"] else "dump"
            target = target / f"familienbuero-{timezone.now():%Y%m%dT%H%M%SZ}.{vendor}"
        try:
            manifest = backup.backup(target, alias=options["database"])
            self.stdout.write(f"backup written: {target} ({sum(manifest.counts.values())} rows)")
            if options["verify"]:
                backup.verify(target, alias=options["database"])
                self.stdout.write(f"verified: {target} ({len(manifest.counts)} tables, row counts equal)")
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
