"""The database cache with an atomic ``incr`` (rate-limit counters shared by all gunicorn workers).

Django's ``DatabaseCache.incr`` reads and then writes with ``set()``, in two statements: two workers
counting at the same moment can lose a count, and ``set()`` resets the entry's expiry. Here the read
and the write run in one transaction that holds the row — on SQLite ``BEGIN IMMEDIATE`` (settings)
serialises writers, on PostgreSQL ``SELECT … FOR UPDATE`` — and only the value is rewritten.
"""

from __future__ import annotations

import base64
import pickle  # nosec B403 # the encoding of Django's DatabaseCache, whose table only it writes
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        cache_key = self.make_and_validate_key(key, version=version)
        lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            if lock:
                # The table name comes from settings (quoted); the key is a parameter.
                select = f"SELECT cache_key FROM {table} WHERE cache_key = %s{lock}"  # noqa: S608
                cursor.execute(select, [cache_key])
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            new_value = value + delta
            encoded = base64.b64encode(pickle.dumps(new_value, self.pickle_protocol)).decode("latin1")
            update = f"UPDATE {table} SET value = %s WHERE cache_key = %s"  # noqa: S608
            cursor.execute(update, [encoded, cache_key])
        return new_value
