from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp

from familienbuero.accounts.demo import demo_totp_key


class Command(BaseCommand):
    help = "Prints the current TOTP code of a demo user (only with DEBUG on)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Only available with DEBUG=1 (demo installations).")
        code = totp(bytes.fromhex(demo_totp_key(options["username"])))
        self.stdout.write(f"{code:06d}")
