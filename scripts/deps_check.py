#!/usr/bin/env python3
"""Report pinned packages in a lock file for which the package index has a newer patch release.

A patch release is a newer final release with the same first two version components: for ``5.2.19``
any ``5.2.x`` above it, for ``0.17.6`` any ``0.17.x`` above it (for 0.x versions the minor number is the
breaking one, so the same rule applies). Pre-releases, development releases and yanked files do not count.

Usage: ``scripts/deps_check.py [LOCKFILE]`` (default ``requirements.lock``); ``make deps-check``.

Exit codes: 0 nothing to upgrade, 1 upgrades available (or pip-audit found something),
2 the index could not be asked (no network, HTTP error, unreadable answer) — never a silent pass.
With ``DEPS_AUDIT=1`` it also runs the vulnerability audit on the same lock file.

``scripts/deps_check.py --audit-only [LOCKFILE]`` (``make audit``, part of ``make test``) runs only the
vulnerability audit: ``pip-audit`` against its database, read from its JSON report. pip-audit itself
prints "No known vulnerabilities found" and exits 0 when it could not ask the database about a package
(it only lists it as skipped), so here every skipped package, an unreadable report or a failed run
counts as NOT CHECKED (exit 2), known vulnerabilities as exit 1, and only a full check as clean (0).
"""

from __future__ import annotations

import json
import os
import re
import subprocess  # nosec B404 # runs pip-audit with a fixed argument list, no shell
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PYPI_JSON = "https://pypi.org/pypi/{name}/json"
TIMEOUT_SECONDS = 20
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;\\]+)")

#: Returns every released version string of a package (with a flag: yanked or not).
IndexLookup = Callable[[str], Iterable[tuple[str, bool]]]


class IndexUnavailable(Exception):
    """The package index could not be asked or gave an unreadable answer."""


@dataclass(frozen=True)
class Upgrade:
    name: str
    pinned: str
    latest_patch: str


def parse_lock(text: str) -> list[tuple[str, str]]:
    """``(name, version)`` for every ``name==version`` line of a pip requirements/lock file."""
    pins = []
    for line in text.splitlines():
        match = PIN.match(line.strip())
        if match:
            pins.append((match["name"], match["version"]))
    return pins


def newest_patch(pinned: str, available: Iterable[tuple[str, bool]]) -> str | None:
    """The newest final, non-yanked release in the same major.minor series above ``pinned``, if any."""
    current = Version(pinned)
    series = current.release[:2]
    best: Version | None = None
    for raw, yanked in available:
        try:
            candidate = Version(raw)
        except InvalidVersion:
            continue
        if yanked or candidate.is_prerelease or candidate.is_devrelease or candidate.local:
            continue
        if candidate.epoch != current.epoch or candidate.release[:2] != series:
            continue
        if candidate > current and (best is None or candidate > best):
            best = candidate
    return str(best) if best is not None else None


def find_upgrades(pins: Iterable[tuple[str, str]], lookup: IndexLookup) -> list[Upgrade]:
    upgrades = []
    for name, pinned in pins:
        latest = newest_patch(pinned, lookup(name))
        if latest is not None:
            upgrades.append(Upgrade(name, pinned, latest))
    return upgrades


def pypi_lookup(name: str) -> list[tuple[str, bool]]:
    """Released versions of ``name`` from the PyPI JSON API; a version is yanked if all its files are."""
    url = PYPI_JSON.format(name=canonicalize_name(name))
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - fixed https URL
            data = json.load(response)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise IndexUnavailable(f"could not ask the package index about {name!r} ({url}): {exc}") from exc
    try:
        releases = data["releases"]
        return [
            (version, bool(files) and all(file.get("yanked", False) for file in files))
            for version, files in releases.items()
        ]
    except (KeyError, AttributeError, TypeError) as exc:
        raise IndexUnavailable(f"unexpected answer from the package index for {name!r} ({url})") from exc


AUDIT_CLEAN, AUDIT_VULNERABLE, AUDIT_NOT_CHECKED = 0, 1, 2
AUDIT_TIMEOUT_SECONDS = 600


def interpret_audit(returncode: int, stdout: str, stderr: str) -> tuple[int, list[str]]:
    """Outcome (``AUDIT_*``) and report lines from a ``pip-audit -f json`` run."""
    try:
        report = json.loads(stdout)
        dependencies = report["dependencies"]
    except (ValueError, KeyError, TypeError):
        reason = (stderr.strip().splitlines() or [f"exit code {returncode}, no report"])[-1]
        return AUDIT_NOT_CHECKED, [
            f"pip-audit: NOT CHECKED - the vulnerability database was not asked: {reason}"
        ]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            lines.append(
                f"  {dependency['name']} {dependency.get('version', '')}: {vuln['id']} (fixed in {fixes})"
            )
    if vulnerable:
        return AUDIT_VULNERABLE, [
            f"pip-audit: {len(vulnerable)} package(s) with known vulnerabilities:",
            *lines,
        ]
    if not dependencies or skipped:
        reasons = sorted({d["skip_reason"] for d in skipped})[:3]
        return AUDIT_NOT_CHECKED, [
            f"pip-audit: NOT CHECKED - {len(skipped)} of {len(dependencies)} packages could not be audited "
            "(vulnerability database unreachable?); nothing is known about them.",
            *(f"  e.g. {reason}" for reason in reasons),
        ]
    if returncode != 0:
        return AUDIT_NOT_CHECKED, [
            f"pip-audit: NOT CHECKED - exit code {returncode}: {stderr.strip()[-500:]}"
        ]
    return AUDIT_CLEAN, [f"pip-audit: {len(dependencies)} packages checked, no known vulnerabilities."]


def run_audit(lock: Path) -> int:
    """pip-audit on the hashed lock file, without installing anything; prints the outcome."""
    pip_audit = Path(sys.executable).with_name("pip-audit")
    command = [str(pip_audit), "--disable-pip", "--require-hashes", "-r", str(lock), "-f", "json"]
    command += ["--progress-spinner", "off"]
    print("$ " + " ".join(command), flush=True)
    try:
        result = subprocess.run(  # noqa: S603 - fixed command, no shell
            command, check=False, capture_output=True, text=True, timeout=AUDIT_TIMEOUT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"pip-audit: NOT CHECKED - {exc}", file=sys.stderr)
        return AUDIT_NOT_CHECKED
    outcome, lines = interpret_audit(result.returncode, result.stdout, result.stderr)
    for line in lines:
        print(line, file=sys.stdout if outcome == AUDIT_CLEAN else sys.stderr)
    return outcome


def main(argv: list[str] | None = None, lookup: IndexLookup = pypi_lookup) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--audit-only"]:
        return run_audit(Path(args[1] if len(args) > 1 else "requirements.lock"))
    lock = Path(args[0] if args else "requirements.lock")
    try:
        pins = parse_lock(lock.read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"deps-check: cannot read {lock}: {exc}", file=sys.stderr)
        return 2
    if not pins:
        print(f"deps-check: no pinned packages (name==version) in {lock}", file=sys.stderr)
        return 2
    try:
        upgrades = find_upgrades(pins, lookup)
    except IndexUnavailable as exc:
        print(f"deps-check: {exc}", file=sys.stderr)
        print(
            "deps-check: the check did not run; try again when the package index is reachable.",
            file=sys.stderr,
        )
        return 2

    if upgrades:
        print(f"{len(upgrades)} of {len(pins)} pinned packages in {lock} have a newer patch release:")
        for upgrade in upgrades:
            print(f"  {upgrade.name} {upgrade.pinned} -> {upgrade.latest_patch}")
        names = " ".join(f"--upgrade-package {upgrade.name}" for upgrade in upgrades)
        print(f'Upgrade with: make lock LOCK_ARGS="{names}"')
        status = 1
    else:
        print(f"All {len(pins)} pinned packages in {lock} are on the newest patch release of their series.")
        status = 0

    if os.environ.get("DEPS_AUDIT") == "1":
        audit = run_audit(lock)
        if audit != AUDIT_CLEAN:
            status = max(status, audit)
    return status


if __name__ == "__main__":
    sys.exit(main())
