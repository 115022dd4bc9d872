"""Static analysis (bandit) and the dependency audit (pip-audit) are part of `make test`; an audit that
could not ask the vulnerability database is reported as NOT CHECKED, never as clean."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_deps_check():
    spec = importlib.util.spec_from_file_location("deps_check_audit", ROOT / "scripts" / "deps_check.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["deps_check_audit"] = module
    spec.loader.exec_module(module)
    return module


deps_check = load_deps_check()


def report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_make_test_runs_bandit_and_the_audit():
    makefile = (ROOT / "Makefile").read_text()
    lint = re.search(r"^lint:.*?(?=^\S)", makefile, re.M | re.S).group(0)
    assert "bandit -c pyproject.toml" in lint
    test_deps = re.search(r"^test:(.*)$", makefile, re.M).group(1).split()
    assert {"lint", "audit", "check-deploy"} <= set(test_deps)


def test_bandit_finds_nothing_unjustified():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("bandit")), "-c", "pyproject.toml", "-q", "-r", "src", "scripts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_a_full_audit_without_findings_is_clean():
    outcome, lines = deps_check.interpret_audit(
        0, report({"name": "django", "version": "5.2.19", "vulns": []}), ""
    )
    assert outcome == deps_check.AUDIT_CLEAN
    assert "1 packages checked" in lines[0]


def test_known_vulnerabilities_fail():
    vuln = {"id": "PYSEC-2021-98", "fix_versions": ["3.2.5"], "description": "..."}
    outcome, lines = deps_check.interpret_audit(
        1, report({"name": "django", "version": "3.2.0", "vulns": [vuln]}), ""
    )
    assert outcome == deps_check.AUDIT_VULNERABLE
    assert "PYSEC-2021-98" in "\n".join(lines) and "3.2.5" in "\n".join(lines)


@pytest.mark.parametrize(
    ("returncode", "stdout", "stderr"),
    [
        # What pip-audit answers here: every package "not found on PyPI", exit code 0.
        (
            0,
            report(
                {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"},
                {"name": "segno", "version": "1.6.6", "vulns": []},
            ),
            "",
        ),
        (0, report(), ""),
        (1, "", "requests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'"),
        (0, "not json", ""),
        (2, report({"name": "segno", "version": "1.6.6", "vulns": []}), "some failure"),
    ],
    ids=["skipped-package", "empty-report", "no-network", "garbage", "failed-run"],
)
def test_an_audit_that_could_not_ask_the_database_is_not_checked(returncode, stdout, stderr):
    outcome, lines = deps_check.interpret_audit(returncode, stdout, stderr)
    assert outcome == deps_check.AUDIT_NOT_CHECKED
    assert "NOT CHECKED" in lines[0]


def test_audit_only_mode_reports_not_checked_with_exit_code_2(monkeypatch, capsys, tmp_path):
    def fake_run(command, **kwargs):
        assert "-f" in command and "json" in command and "--strict" not in command
        return subprocess.CompletedProcess(command, 0, report({"name": "x", "skip_reason": "offline"}), "")

    monkeypatch.setattr(deps_check.subprocess, "run", fake_run)
    assert deps_check.main(["--audit-only", str(tmp_path / "requirements.lock")]) == 2
    assert "NOT CHECKED" in capsys.readouterr().err
