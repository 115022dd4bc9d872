# ruff: noqa: S603, S607 - a benchmark that starts its own server and database tools
"""Registration rush against the real server: gunicorn on PostgreSQL, 2,000 registrations for 300 places
from 100 concurrent clients; then the database is checked: no overbooking, every acknowledged
registration stored (once). Prints throughput and p95 latency, and the ratio to a trivial one-query view
(``/healthz``, one ``SELECT 1``) of the same server measured in the same run (target: at least 0.5).
Then the floor: three views of the benchmark's own (``bench/rush_urls.py``) that do less than any
registration can – a CSRF-checked POST without the database, plus one INSERT, plus the event row locked
around the INSERT – each sent the same 2,000 POSTs and printed with its ratio to ``/healthz``: how high
the ratio can get in this stack on this machine at all.

    .venv/bin/python bench/rush.py            # needs a local PostgreSQL the current user may create DBs in

A scratch database ``fb_bench_rush`` is created and dropped. Rate limits are off for the server (all
clients come from one address). Acknowledged means: the server answered with the redirect to the
household's manage page, which it sends only after the transaction committed.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from _runner import ROOT, quantile_p95

DATABASE = os.environ.get("RUSH_DATABASE", "fb_bench_rush")
REGISTRATIONS = 2000
PLACES = 300
CLIENTS = 100
WORKERS = int(os.environ.get("RUSH_WORKERS", "4"))
FLOORS = (
    ("CSRF-checked POST, no database", "/bench-floor/post"),
    ("+ one INSERT (autocommit)", "/bench-floor/insert"),
    ("+ BEGIN, lock the event row, INSERT, COMMIT", "/bench-floor/locked"),
)

SETUP = """
from datetime import timedelta
from django.utils import timezone
from django_scopes import scopes_disabled
from familienbuero.events import services
from familienbuero.events.models import Event, Session
from tests.factories import MunicipalityFactory, OfficeFactory
with scopes_disabled():
    m = MunicipalityFactory(slug="rush", name="Rush")
    office = OfficeFactory(municipality=m, slug="buero")
    event = Event.objects.create(municipality=m, office=office, capacity={places}, title="Schwimmkurs",
                                 description="Ansturm")
    start = timezone.now() + timedelta(days=30)
    Session.objects.create(event=event, starts_at=start, ends_at=start + timedelta(hours=1))
    services.update_event_dates(event)
    print("EVENT", event.uuid)
    # The floor views (bench/rush_urls.py) store into an event of their own.
    floor = Event.objects.create(municipality=m, office=office, capacity=1, title="Boden", description="-")
    print("FLOOR", floor.pk)
"""

CHECK = """
from django.db.models import Count
from django_scopes import scopes_disabled
from familienbuero.events.models import Event, Registration
with scopes_disabled():
    event = Event.objects.get(uuid="{event}")
    rows = Registration.objects.filter(event=event)
    print("COUNTS", dict(rows.values_list("status").annotate(n=Count("pk")).order_by()))
    print("CAPACITY", event.capacity)
    print("DUPLICATES", rows.values("token").annotate(n=Count("pk")).filter(n__gt=1).count())
    from django_tasks_db.models import DBTaskResult
    print("QUEUED", DBTaskResult.objects.count())
    import sys
    for token in rows.values_list("token", flat=True):
        sys.stdout.write("TOKEN " + token + "\\n")
"""


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        {
            # The test overlay only to serve static files without collectstatic (``rush_settings``);
            # database settings are those of production, and so is the mail: queued in the database
            # (``db_worker`` would send it; not running here), not rendered within the request.
            "DJANGO_SETTINGS_MODULE": "bench.rush_settings",
            "DJANGO_ALLOW_INSECURE_KEY": "1",
            "DATABASE_URL": f"postgres:///{DATABASE}",
            "DATA_DIR": str(data_dir),
            "RATELIMIT_ENABLE": "0",
            "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def csrf(port: int, path: str) -> tuple[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    html = response.read().decode()
    conn.close()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def cpu_seconds(server_pid: int) -> dict[str, float]:
    """CPU time used so far by the gunicorn processes, the PostgreSQL backends of the benchmark's database
    and this process (the clients), from ``/proc`` (empty where there is none)."""
    used = dict.fromkeys(("gunicorn", "PostgreSQL", "client"), 0.0)
    if not Path("/proc/self/stat").exists():
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        parent, seconds = int(fields[1]), (int(fields[11]) + int(fields[12])) / tick
        if int(entry.name) == server_pid or parent == server_pid:
            used["gunicorn"] += seconds
        elif command.startswith("postgres") and DATABASE in command:
            used["PostgreSQL"] += seconds
        elif int(entry.name) == os.getpid():
            used["client"] += seconds
    return used


def cpu_line(before: dict[str, float], after: dict[str, float], requests: int) -> str:
    if not after:
        return ""
    parts = [f"{name} {(after[name] - before[name]) / requests * 1000:.1f}" for name in after]
    return "CPU ms per request: " + ", ".join(parts)


def run_clients(
    jobs: list[tuple[str, str, bytes | None, dict[str, str]]], port: int, server_pid: int = 0
) -> tuple[float, list, list, str]:
    """Sends the jobs from CLIENTS threads; returns elapsed seconds, latencies, (status, location) answers
    and the CPU the server, its database backends and the clients used per request."""
    latencies: list[float] = []
    answers: list[tuple[int, str]] = []
    lock = threading.Lock()
    queue = list(reversed(jobs))
    start = threading.Barrier(CLIENTS + 1)

    def client() -> None:
        start.wait()
        while True:
            with lock:
                if not queue:
                    return
                method, path, body, headers = queue.pop()
            began = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                answer = (response.status, response.getheader("Location", ""))
                conn.close()
            except (OSError, http.client.HTTPException) as error:
                answer = (0, repr(error))
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                answers.append(answer)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    start.wait()
    cpu_before = cpu_seconds(server_pid)
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return elapsed, latencies, answers, cpu_line(cpu_before, cpu_seconds(server_pid), len(jobs))


def main() -> None:
    data_dir = Path(os.environ.get("RUSH_DATA_DIR", "/tmp/fb-bench-rush"))  # noqa: S108
    data_dir.mkdir(parents=True, exist_ok=True)
    env = environment(data_dir)
    subprocess.run(["dropdb", "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", DATABASE], check=True)
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v0")
        created = manage(env, "shell", "-c", SETUP.format(places=PLACES))
        event_uuid = re.search(r"EVENT (\S+)", created).group(1)
        floor_event = re.search(r"FLOOR (\d+)", created).group(1)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "familienbuero.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(WORKERS),
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        form = f"/rush/de/veranstaltungen/{event_uuid}/anmelden/"
        for _ in range(100):
            try:
                cookie, token = csrf(port, form)
                break
            except (OSError, AttributeError, http.client.HTTPException):
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not come up")
        # Warm-up: every worker connects to the database once.
        run_clients([("GET", "/healthz", None, {})] * (CLIENTS * 2), port)

        baseline_jobs = [("GET", "/healthz", None, {})] * REGISTRATIONS
        base_time, base_latencies, base_answers, base_cpu = run_clients(baseline_jobs, port, server.pid)
        assert all(status == 200 for status, _ in base_answers), base_answers[:3]

        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"}
        jobs = []
        for number in range(REGISTRATIONS):
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "contact_name": f"Elternteil {number}",
                    "email": f"eltern{number}@example.org",
                    "phone": "",
                    "p0-name": f"Kind{number}",
                    "p0-age": "7",
                }
            ).encode()
            jobs.append(("POST", form, body, headers))
        rush_time, rush_latencies, answers, rush_cpu = run_clients(jobs, port, server.pid)
        floors = []
        for name, path in FLOORS:
            floor_jobs = [
                ("POST", path, body + b"&" + urllib.parse.urlencode({"event": floor_event}).encode(), headers)
                for _, _, body, _ in jobs
            ]
            floor_time, _, floor_answers, floor_cpu = run_clients(floor_jobs, port, server.pid)
            assert all(status == 302 for status, _ in floor_answers), floor_answers[:3]
            floors.append((name, REGISTRATIONS / floor_time, floor_cpu))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    try:
        acknowledged = {
            location.rstrip("/").rsplit("/", 1)[-1]
            for status, location in answers
            if status == 302 and "/veranstaltungen/anmeldung/" in location
        }
        report = manage(env, "shell", "-c", CHECK.format(event=event_uuid))
    finally:
        subprocess.run(["dropdb", "--if-exists", DATABASE], check=False)
    counts = eval(re.search(r"COUNTS (\{.*\})", report).group(1))  # noqa: S307 - our own printout
    stored = set(re.findall(r"TOKEN (\S+)", report))
    taken = counts.get("confirmed", 0) + counts.get("offered", 0)
    failures = [a for a in answers if not (a[0] == 302 and "/anmeldung/" in a[1])]
    throughput = REGISTRATIONS / rush_time
    base_throughput = REGISTRATIONS / base_time
    print(
        f"registrations: {REGISTRATIONS} from {CLIENTS} clients, {PLACES} places, "
        f"gunicorn -w {WORKERS}, PostgreSQL"
    )
    print(
        f"  acknowledged {len(acknowledged)}, refused/failed {len(failures)}; "
        f"stored {sum(counts.values())} {counts}"
    )
    print(f"  places taken {taken} of {PLACES} (overbooked: {'YES' if taken > PLACES else 'no'})")
    print(f"  every acknowledged registration stored: {'yes' if acknowledged <= stored else 'NO'}")
    queued = int(re.search(r"QUEUED (\d+)", report).group(1))
    print(f"  confirmation mails queued in the database: {queued}")
    print(f"  throughput {throughput:.0f} registrations/s, p95 {quantile_p95(rush_latencies) * 1000:.0f} ms")
    print(f"  {rush_cpu}")
    print(
        f"baseline /healthz (one query): {base_throughput:.0f} requests/s, "
        f"p95 {quantile_p95(base_latencies) * 1000:.0f} ms"
    )
    print(f"  {base_cpu}")
    print(f"ratio registration / one-query view: {throughput / base_throughput:.2f} (target >= 0.5)")
    print("floor – views doing less than any registration can, same server, same run (bench/rush_urls.py):")
    for name, floor_throughput, floor_cpu in floors:
        print(f"  {name}: {floor_throughput:.0f} requests/s, ratio {floor_throughput / base_throughput:.2f}")
        print(f"    {floor_cpu}")
    if taken > PLACES or not acknowledged <= stored or failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
