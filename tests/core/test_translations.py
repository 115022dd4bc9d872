"""UI catalogues: complete in every language, and the committed .mo files match their .po files."""

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "familienbuero"
LOCALE = PACKAGE / "locale"
# The project catalogue plus every app that owns one (see `make messages`).
CATALOGUES = [LOCALE, *sorted(PACKAGE.glob("*/locale"))]
LANGUAGES = ["de", "en", "tr", "ar", "uk"]
CATALOGUE_FILES = [
    pytest.param(catalogue / language / "LC_MESSAGES" / "django.po", id=f"{catalogue.parent.name}-{language}")
    for catalogue in CATALOGUES
    for language in LANGUAGES
]
needs_gettext = pytest.mark.skipif(shutil.which("msgattrib") is None, reason="GNU gettext not installed")


@needs_gettext
@pytest.mark.parametrize("po", CATALOGUE_FILES)
def test_catalogue_has_no_untranslated_or_fuzzy_entries(po):
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", str(po)], capture_output=True, text=True, check=True
        )
        entries = [
            line for line in out.stdout.splitlines() if line.startswith("msgid ") and line != 'msgid ""'
        ]
        assert not entries, f"{po}: {flag[2:]} entries: {entries[:5]}"


@needs_gettext
@pytest.mark.parametrize("po", CATALOGUE_FILES)
def test_compiled_catalogue_is_up_to_date(po, tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(po)], check=True)
    committed = po.with_suffix(".mo")
    assert committed.read_bytes() == fresh.read_bytes(), f"run `make messages` ({committed} is stale)"


def test_templates_and_code_have_no_string_missing_from_the_catalogue(tmp_path):
    """makemessages over the sources finds no msgid the German catalogue lacks."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext not installed")
    import os
    import sys

    src = LOCALE.parent
    work = tmp_path / "src"
    shutil.copytree(src, work, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {
        **os.environ,
        "PYTHONPATH": str(src.parent),
        "DJANGO_SETTINGS_MODULE": "familienbuero.settings_test",
    }
    app_dirs = [catalogue.parent.name for catalogue in CATALOGUES[1:]]
    base = [
        sys.executable,
        "-P",
        "-m",
        "django",
        "makemessages",
        "-l",
        "de",
        "--no-obsolete",
        "-i",
        "migrations/*",
    ]
    runs = [(work, base + [arg for app in app_dirs for arg in ("-i", f"{app}/*")])]
    runs += [(work / app, base) for app in app_dirs]
    missing = []
    for cwd, command in runs:
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
        out = subprocess.run(
            ["msgattrib", "--untranslated", str(cwd / "locale" / "de" / "LC_MESSAGES" / "django.po")],
            capture_output=True,
            text=True,
            check=True,
        )
        msgids = [line for line in out.stdout.splitlines() if line.startswith("msgid ")]
        missing += [line for line in msgids if line != 'msgid ""']
    assert not missing, f"new UI strings need translations (make messages): {missing[:5]}"
