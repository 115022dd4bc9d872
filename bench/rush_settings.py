"""Settings of the server that ``bench/rush.py`` starts: the test overlay (static files served without
``collectstatic``; mail to the in-memory backend), but background tasks as in production – queued in the
database for ``db_worker`` (not running during the benchmark) instead of run inside the request. The
URLs are the project's plus the benchmark's floor views (``bench/rush_urls.py``)."""

from familienbuero.settings_test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ROOT_URLCONF = "bench.rush_urls"
