"""Test overlay: a file SQLite test database (threads see the same data), fast hashing."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_ALLOW_INSECURE_KEY", "1")

from familienbuero.settings import *  # noqa: F403
from familienbuero.settings import DATA_DIR, DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so that live-server and race tests share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-familienbuero.sqlite3")}

# Argon2 is proven in tests/accounts/test_passwords.py; elsewhere a fast hasher keeps the suite quick.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files straight from the app directories (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Parler caches translations by primary key; ids are reused after a test's rollback.
PARLER_ENABLE_CACHING = False
# Background tasks run at once in tests, so their effects (mail in the outbox) are visible.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Rate limits are proven in tests/core/test_ratelimits.py (which switches them on); elsewhere tests post
# the same form many times from one address.
RATELIMIT_ENABLE = False
