"""Backups of the whole database and their restore, with a verification step.

SQLite: the online backup API copies a consistent snapshot while the application keeps running; the
row counts are taken in the same read transaction, so they describe exactly what the file holds.
PostgreSQL: ``pg_dump -Fc`` of a snapshot exported from a REPEATABLE READ transaction in which the
row counts are taken; ``pg_restore`` brings it back.

Every backup gets a manifest beside it (``<file>.manifest.json``: engine, time, SHA-256 of the file,
row count of every table). ``verify`` checks the file against it: SQLite ``PRAGMA integrity_check`` and
the counts of the backup file itself; PostgreSQL restores the archive into a scratch database and counts
there. After a restore the counts of the live database are compared with the manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 # pg_dump/pg_restore/createdb/dropdb with argument lists, no shell
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections
from django.utils import timezone


class BackupError(Exception):
    """The backup or restore failed, or the verification found a difference."""


@dataclass(frozen=True)
class Manifest:
    engine: str
    created: str
    sha256: str
    counts: dict[str, int]

    @classmethod
    def path_for(cls, backup: Path) -> Path:
        return backup.with_name(backup.name + ".manifest.json")

    @classmethod
    def read(cls, backup: Path) -> Manifest:
        try:
            data = json.loads(cls.path_for(backup).read_text(encoding="utf-8"))
            return cls(data["engine"], data["created"], data["sha256"], dict(data["counts"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BackupError(f"no readable manifest for {backup}: {exc}") from exc

    def write(self, backup: Path) -> None:
        data = {"engine": self.engine, "created": self.created, "sha256": self.sha256, "counts": self.counts}
        self.path_for(backup).write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups of {vendor} databases are not supported")
    return vendor


def compare(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    """Human-readable differences between two table → row count maps (empty: equal)."""
    problems = []
    for table in sorted(set(expected) | set(actual)):
        if expected.get(table) != actual.get(table):
            problems.append(f"{table}: expected {expected.get(table)} rows, found {actual.get(table)}")
    return problems


# --- SQLite ----------------------------------------------------------------------------------------
def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    counts = {}
    for table in _sqlite_tables(db):
        quoted = '"' + table.replace('"', '""') + '"'
        counts[table] = db.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0]  # noqa: S608
    return counts


def _sqlite_check(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        result = db.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise BackupError(f"integrity check of {path} failed: {result[:5]}")
        return _sqlite_counts(db)


def _sqlite_backup(source: str, target: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(source, isolation_level=None, timeout=30)) as live:
        live.execute("BEGIN")  # one read snapshot for the counts and the copy
        try:
            counts = _sqlite_counts(live)
            with contextlib.closing(sqlite3.connect(target)) as copy:
                live.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            live.execute("COMMIT")
    return counts


def _sqlite_restore(backup: Path, target: str) -> None:
    with (
        contextlib.closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as source,
        contextlib.closing(sqlite3.connect(target, timeout=30)) as live,
    ):
        source.backup(live)  # replaces every page of the live database under its write lock


# --- PostgreSQL -----------------------------------------------------------------------------------
def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools are needed)")
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _pg_counts(cursor: Any) -> dict[str, int]:
    cursor.execute(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
        "WHERE schemaname = current_schema() ORDER BY tablename"
    )
    counts = {}
    for (table,) in cursor.fetchall():
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - names quoted by quote_ident
        counts[table.split(".", 1)[1].strip('"')] = cursor.fetchone()[0]
    return counts


@contextlib.contextmanager
def _pg_connection(settings_dict: dict[str, Any], dbname: str) -> Iterator[Any]:
    import psycopg

    params = {
        "dbname": dbname,
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}, autocommit=True) as connection:
        yield connection


def _pg_backup(settings_dict: dict[str, Any], target: Path) -> dict[str, int]:
    env = _pg_env(settings_dict)
    with (
        _pg_connection(settings_dict, settings_dict["NAME"]) as connection,
        connection.transaction(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _pg_counts(cursor)
        dump = [_pg_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
        _run([*dump, "-f", str(target), "-d", settings_dict["NAME"]], env)
    return counts


def _pg_restore_into(settings_dict: dict[str, Any], backup: Path, dbname: str) -> None:
    command = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    command += ["--single-transaction", "--exit-on-error", "-d", dbname, str(backup)]
    _run(command, _pg_env(settings_dict))


def _pg_check(settings_dict: dict[str, Any], backup: Path) -> dict[str, int]:
    """Restore into a scratch database and count there (the only proof that the archive restores)."""
    env = _pg_env(settings_dict)
    _run([_pg_tool("pg_restore"), "--list", str(backup)], env)
    scratch = f"{settings_dict['NAME'][:40]}_verify_{uuid.uuid4().hex[:8]}"
    _run([_pg_tool("createdb"), scratch], env)
    try:
        _pg_restore_into(settings_dict, backup, scratch)
        with _pg_connection(settings_dict, scratch) as connection, connection.cursor() as cursor:
            return _pg_counts(cursor)
    finally:
        _run([_pg_tool("dropdb"), "--if-exists", scratch], env)


def _live_counts(alias: str) -> dict[str, int]:
    settings_dict = connections[alias].settings_dict
    if _vendor(alias) == "sqlite":
        with contextlib.closing(sqlite3.connect(str(settings_dict["NAME"]), timeout=30)) as db:
            return _sqlite_counts(db)
    with _pg_connection(settings_dict, settings_dict["NAME"]) as connection, connection.cursor() as cursor:
        return _pg_counts(cursor)


# --- the operations the commands call --------------------------------------------------------------
def backup(target: Path, *, alias: str = "default") -> Manifest:
    """Write a backup of the database to ``target`` (and its manifest beside it)."""
    vendor = _vendor(alias)
    settings_dict = connections[alias].settings_dict
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    if vendor == "sqlite":
        counts = _sqlite_backup(str(settings_dict["NAME"]), partial)
    else:
        counts = _pg_backup(settings_dict, partial)
    os.replace(partial, target)  # a backup file is either complete or absent
    manifest = Manifest(vendor, timezone.now().isoformat(), _sha256(target), counts)
    manifest.write(target)
    return manifest


def verify(backup_file: Path, *, alias: str = "default") -> Manifest:
    """The file is intact (checksum, integrity) and holds exactly the rows its manifest lists."""
    manifest = Manifest.read(backup_file)
    if _sha256(backup_file) != manifest.sha256:
        raise BackupError(f"{backup_file} does not match the checksum in its manifest")
    if manifest.engine == "sqlite":
        counts = _sqlite_check(backup_file)
    else:
        counts = _pg_check(connections[alias].settings_dict, backup_file)
    problems = compare(manifest.counts, counts)
    if problems:
        raise BackupError("the backup differs from its manifest: " + "; ".join(problems[:10]))
    return manifest


def restore(backup_file: Path, *, alias: str = "default") -> Manifest:
    """Replace the database with the backup; afterwards the live row counts equal the manifest's."""
    vendor = _vendor(alias)
    manifest = Manifest.read(backup_file)
    if manifest.engine != vendor:
        raise BackupError(f"{backup_file} is a {manifest.engine} backup; this database is {vendor}")
    if _sha256(backup_file) != manifest.sha256:
        raise BackupError(f"{backup_file} does not match the checksum in its manifest")
    settings_dict = connections[alias].settings_dict
    connections[alias].close()
    if vendor == "sqlite":
        _sqlite_check(backup_file)
        _sqlite_restore(backup_file, str(settings_dict["NAME"]))
    else:
        _pg_restore_into(settings_dict, backup_file, settings_dict["NAME"])
    return manifest


def verify_restored(manifest: Manifest, *, alias: str = "default") -> None:
    problems = compare(manifest.counts, _live_counts(alias))
    if problems:
        raise BackupError("the restored database differs from the backup: " + "; ".join(problems[:10]))
