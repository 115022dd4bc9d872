from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from familienbuero.accounts.demo import DEMO_PASSWORD, demo_totp_key
from familienbuero.core.demo import load_demo


class Command(BaseCommand):
    help = "Loads the Voerde demo data (idempotent). Refuses to run without DEBUG unless forced."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="run even though DEBUG is off")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data contains known passwords; run it only with DEBUG=1 (or --force).")
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<20} {login.role} – {login.where}")
        self.stdout.write(
            "\nSecond factor: each demo user has an authenticator with a known key.\n"
            "Get the current code with\n"
            "  .venv/bin/python manage.py demo_otp <user>\n"
            "or add the key to an authenticator app (TOTP, SHA1, 6 digits, 30 s):"
        )
        from base64 import b32encode

        for login in logins:
            key = b32encode(bytes.fromhex(demo_totp_key(login.username))).decode()
            self.stdout.write(f"  {login.username:<20} {key}")
