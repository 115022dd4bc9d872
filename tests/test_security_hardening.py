"""Hardening items of OWASP ASVS level 2 that no feature test covers: CSRF on every form, a strict CSP
and frame protection on every page of the project, no debug information in error pages, secure cookies
in production, the second factor for the administration, the absolute session limit, the upload size
limit. (2FA login, idle timeout, lockout, CSP on the office page, upload type: tests/accounts,
tests/public; rate limits: tests/core/test_ratelimits.py; hostile input: tests/test_hostile_input.py.)"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import Client
from django.urls import path
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.public.models import AccessibilityFeedback
from tests.access import ANON, ROLES
from tests.conftest import verified_client
from tests.test_permission_matrix import MATRIX

ROOT = Path(__file__).resolve().parents[1]


# --- CSRF ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/stadt-a/de/barrierefreiheit/rueckmeldung/", {"message": "Kontrast"}),
        ("/konto/anmelden/", {"username": "office_staff-stadt-a", "password": "x"}),
        ("/i18n/setlang/", {"language": "en", "next": "/"}),
    ],
)
def test_public_posts_without_csrf_token_are_refused_and_store_nothing(tenants, url, data):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, data)
    assert response.status_code == 403
    with scopes_disabled():
        assert not AccessibilityFeedback.objects.exists()
    assert "Traceback" not in response.content.decode()


def test_back_office_posts_without_csrf_token_are_refused(tenants):
    user = tenants[0].users[Role.COORDINATOR]
    client = verified_client(user)
    client.handler.enforce_csrf_checks = True
    response = client.post("/konto/abmelden/")
    assert response.status_code == 403
    assert client.get("/stadt-a/de/intern/").status_code == 200  # still logged in


def test_forms_carry_the_csrf_token(tenants):
    html = Client().get("/stadt-a/de/barrierefreiheit/rueckmeldung/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in html


# --- CSP, clickjacking and inline code on every page -----------------------------------------------
def pages_with_a_200() -> list[tuple[str, str]]:
    cases = []
    for name, (_url, expected) in sorted(MATRIX.items()):
        role = next((r for r in ROLES if expected.get(r) == 200), None)
        if role is not None:
            cases.append((name, role))
    return cases


@pytest.mark.parametrize(("name", "role"), pages_with_a_200())
def test_every_page_has_a_strict_csp_frame_protection_and_no_inline_code(tenants, name, role):
    url = MATRIX[name][0].format(m="stadt-a")
    client = Client() if role == ANON else verified_client(tenants[0].users[role])
    response = client.get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp, (name, directive)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or re.search(r'type="application/(?:ld\+)?json"', tag), (name, tag)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), f"{name}: inline event handler"
        assert not re.search(r"<[^>]+\sstyle\s*=", html), f"{name}: inline style attribute"
        assert "<style" not in html, f"{name}: inline style element"
    if hasattr(response, "streaming_content"):
        response.close()


def test_the_administration_has_the_same_csp(tenants):
    client = verified_client(tenants[0].users[Role.COORDINATOR])
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


# --- Second factor and sessions ---------------------------------------------------------------------
def test_the_administration_needs_the_second_factor(tenants):
    client = Client()
    client.force_login(tenants[0].users[Role.COORDINATOR])  # password only
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain
    assert response.redirect_chain[-1][0].startswith("/konto/zwei-faktor/")
    assert "Administration" not in response.content.decode()
    assert client.get("/stadt-a/de/intern/").status_code == 302


def test_sessions_end_after_ten_hours_at_the_latest(settings):
    assert settings.SESSION_COOKIE_AGE <= 10 * 60 * 60
    assert settings.STAFF_IDLE_TIMEOUT.total_seconds() <= 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


# --- Error pages without debug information --------------------------------------------------------
def boom(request: HttpRequest):
    raise RuntimeError("secret detail: SELECT password FROM accounts_user")


urlpatterns = [path("boom/", boom)]
handler500 = "familienbuero.core.views.server_error"
handler404 = "familienbuero.core.views.page_not_found"


@pytest.mark.urls("tests.test_security_hardening")
def test_server_errors_show_no_debug_information(db, settings):
    assert settings.DEBUG is False
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    for leak in ("Traceback", "secret detail", "SELECT", "RuntimeError", "settings", "SECRET_KEY"):
        assert leak not in html
    assert "Ein Fehler ist aufgetreten" in html


def test_not_found_pages_list_no_url_patterns(db):
    html = Client().get("/gibt/es/nicht/").content.decode()
    assert "URLconf" not in html and "Using the URL" not in html
    assert "admin/" not in html


# --- Production cookies and headers ----------------------------------------------------------------
def test_production_cookies_are_secure_host_only_and_httponly():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_INSECURE_KEY"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "familienbuero.settings_production",
            "SECRET_KEY": "p" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "fb.example.de",
        }
    )
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_SAMESITE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "RATELIMIT_ENABLE",
    ]
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert (
        values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["LANGUAGE_COOKIE_SECURE"]
    )
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert values["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["RATELIMIT_ENABLE"] is True


# --- Uploads ---------------------------------------------------------------------------------------
def test_oversized_sign_language_videos_are_refused(settings):
    from familienbuero.public import services

    settings.SIGN_LANGUAGE_VIDEO_MAX_MB = 1
    with pytest.raises(ValidationError):
        services.inspect_sign_language_video(io.BytesIO(b"\0" * 16), 2 * 1024 * 1024)


def test_a_video_named_mp4_with_other_content_is_refused():
    from familienbuero.public import services

    content = b"<html><script>alert(1)</script></html>"
    with pytest.raises(ValidationError):
        services.inspect_sign_language_video(io.BytesIO(content), len(content))


def test_request_bodies_are_limited(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000


def test_login_issues_a_new_session_id(tenants):
    user = tenants[0].users[Role.OFFICE_STAFF]
    user.set_password("ein-langes-passwort-2026")
    user.save()
    client = Client()
    client.get("/konto/anmelden/")
    client.session["probe"] = 1
    before = client.session.session_key
    assert before
    response = client.post(
        "/konto/anmelden/", {"username": user.username, "password": "ein-langes-passwort-2026"}
    )
    assert response.status_code == 302
    assert client.session.session_key != before


@pytest.mark.parametrize("password", ["kurz-2026", "password1234", "123456789012"])
def test_weak_passwords_are_refused(tenants, password):
    from django.contrib.auth.password_validation import validate_password

    with pytest.raises(ValidationError):
        validate_password(password, tenants[0].users[Role.OFFICE_STAFF])
