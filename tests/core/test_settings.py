import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_ALLOW_INSECURE_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "familienbuero.settings_production", **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_check(
        {"SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz", "ALLOWED_HOSTS": "fb.example.de"}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("env", [{}, {"SECRET_KEY": "short"}, {"SECRET_KEY": "x" * 60, "DEBUG": "1"}])
def test_production_settings_refuse_missing_weak_key_or_debug(env):
    result = run_check({"ALLOWED_HOSTS": "fb.example.de", **env})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_the_server_process_keeps_its_startup_objects_out_of_full_garbage_collections():
    """``familienbuero.wsgi`` (what gunicorn loads) freezes what start-up loaded: a full collection of
    the garbage collector would otherwise walk through it and pause a request now and then."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "familienbuero.settings_production",
            "SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "fb.example.de",
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    script = "import gc, familienbuero.wsgi; print(gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10_000
