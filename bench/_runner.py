"""Runner code shared by the benchmarks under ``bench/`` (not a benchmark itself).

Importing this module puts ``src/`` and the repository root on ``sys.path``, so that a benchmark started
as ``python bench/<name>.py`` imports ``familienbuero`` (and ``tests``) without further setup. The
benchmarks import it as ``import _runner``: Python puts the script's own folder, ``bench/``, first on
the path.

What is here: the percentiles the scripts report, the Django set-up of a measuring process, a fresh
test database around a measurement, whether a PostgreSQL server answers, and the parent process that
runs a benchmark once per database back-end, each in a child process with its own ``DATA_DIR`` (Django
settings are read once per process, so each back-end needs its own). What each benchmark measures, its
baseline and its target stay in its own script.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository root."""

for _path in (ROOT, ROOT / "src"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

BACKENDS = ("sqlite", "postgresql")
"""The database back-ends a benchmark can run on, in the order they run."""


def percentile(samples: Sequence[float], p: float) -> float:
    """The ``p``-th percentile of ``samples`` by nearest rank (no interpolation): a measured value."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def quantile_p95(values: Sequence[float]) -> float:
    """The 95th percentile as ``statistics.quantiles`` computes it (exclusive method, interpolated);
    with fewer than 20 values, the largest."""
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def verdict(ok: bool) -> str:
    """The word a benchmark prints after its target: ``met`` or ``NOT met``."""
    return "met" if ok else "NOT met"


def setup_django() -> None:
    """Sets up Django in this process, with ``familienbuero.settings_test`` unless
    ``DJANGO_SETTINGS_MODULE`` names other settings. The database is the one ``DATABASE_URL`` names
    (SQLite under ``DATA_DIR`` without it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familienbuero.settings_test")
    import django

    django.setup()


def allow_test_client() -> None:
    """Lets the Django test client reach the views: its host name is allowed.

    Deliberately no ``setup_test_environment()``: it instruments every template render so that the test
    client can keep a copy of each context – measurable work that a deployed server does not do.
    """
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]


@contextlib.contextmanager
def fresh_test_database() -> Iterator[None]:
    """A fresh, empty test database (migrated, ``test_`` + the configured name; an old one of that name
    is replaced) for the duration of the block; destroyed afterwards, also on errors."""
    from django.db import connection

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def postgres_reachable(url: str) -> bool:
    """Whether a PostgreSQL server answers at the server of ``url`` (tried on its ``postgres``
    database, three seconds at most)."""
    try:
        import psycopg

        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


def run_backends(script: str, backend: str, pg_url: str, arguments: Sequence[str], name: str) -> int:
    """Runs ``script`` once per back-end that ``backend`` selects, each as a child process
    ``script --child <back-end> *arguments`` with its own temporary ``DATA_DIR`` (prefix
    ``bench-<name>-``): SQLite without ``DATABASE_URL``, PostgreSQL with ``DATABASE_URL=pg_url`` – skipped,
    with a line saying so, when no server answers. Returns the children's exit statuses or-ed together
    (0 when every target was met)."""
    status = 0
    for label in BACKENDS:
        if backend not in ("all", label):
            continue
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if label == "postgresql":
            if not postgres_reachable(pg_url):
                print("[postgresql] no server answers – skipped")
                continue
            env["DATABASE_URL"] = pg_url
        with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as data_dir:
            env["DATA_DIR"] = data_dir
            command = [sys.executable, script, "--child", label, *arguments]
            status |= subprocess.run(command, env=env, check=False).returncode  # noqa: S603
    return status


def backend_main(
    script: str,
    doc: str,
    child: Callable[[str, int, int], int],
    *,
    size: tuple[str, int],
    rounds: int,
    pg_url: str,
    name: str,
) -> int:
    """The command line of a benchmark that runs once per database back-end.

    Options: ``--<size option>`` (e.g. ``--services``, default ``size[1]``), ``--rounds`` (default
    ``rounds``), ``--backend`` (all, sqlite or postgresql) and the hidden ``--child``. In the parent
    process it runs :func:`run_backends`; in a child process it calls ``child(back-end, size, rounds)``,
    which sets up Django, measures, prints and returns 0 when the target was met. ``doc`` is the
    script's docstring (its first line describes the command).
    """
    option = size[0]
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument(f"--{option}", type=int, default=size[1])
    parser.add_argument("--rounds", type=int, default=rounds)
    parser.add_argument("--backend", choices=["all", *BACKENDS], default="all")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    count = getattr(args, option)
    if args.child:
        return child(args.child, count, args.rounds)
    arguments = [f"--{option}", str(count), "--rounds", str(args.rounds)]
    return run_backends(script, args.backend, pg_url, arguments, name)
