"""Rate limits of public forms and the staff login: the N+1th POST gets a translated 429 and stores
nothing; counters are kept per client address and per target; they live in a cache shared by workers."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory
from django_scopes import scopes_disabled

from familienbuero.core import ratelimits
from familienbuero.public.models import AccessibilityFeedback

FEEDBACK = "/{m}/{lang}/barrierefreiheit/rueckmeldung/"


@pytest.fixture
def limits(settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_PUBLIC_PER_IP = "3/h"
    settings.RATELIMIT_PUBLIC_PER_TARGET = "5/h"
    settings.RATELIMIT_LOGIN_PER_IP = "4/h"
    settings.RATELIMIT_LOGIN_PER_USERNAME = "3/h"
    caches["ratelimit"].clear()
    yield settings
    caches["ratelimit"].clear()


def tickets() -> int:
    with scopes_disabled():
        return AccessibilityFeedback.objects.count()


def post_feedback(ip: str, municipality: str = "voerde", language: str = "de", **data):
    client = Client(REMOTE_ADDR=ip)
    return client.post(
        FEEDBACK.format(m=municipality, lang=language), {"message": "Kontrast zu schwach", **data}
    )


def test_the_fourth_feedback_from_one_address_gets_a_translated_429_and_stores_nothing(demo, limits):
    for _ in range(3):
        assert post_feedback("203.0.113.5").status_code == 302
    assert tickets() == 3
    outbox = len(mail.outbox)
    response = post_feedback("203.0.113.5", message="vierte Nachricht")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zu viele Anfragen" in html
    assert "nichts gespeichert" in html
    assert response["Retry-After"].isdigit()
    assert tickets() == 3
    assert len(mail.outbox) == outbox
    # The page itself stays readable (GET is never counted).
    assert Client(REMOTE_ADDR="203.0.113.5").get(FEEDBACK.format(m="voerde", lang="de")).status_code == 200


def test_the_429_page_is_in_the_visitors_language(demo, limits):
    for _ in range(3):
        post_feedback("203.0.113.6", language="en")
    response = post_feedback("203.0.113.6", language="en")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert '<html lang="en"' in response.content.decode()


def test_another_address_is_counted_separately(demo, limits):
    for _ in range(3):
        post_feedback("203.0.113.7")
    assert post_feedback("203.0.113.7").status_code == 429
    assert post_feedback("198.51.100.1").status_code == 302


def test_ipv6_addresses_count_per_64_network(demo, limits):
    for suffix in ("1", "2", "3"):
        assert post_feedback(f"2001:db8:1:2::{suffix}").status_code == 302
    assert post_feedback("2001:db8:1:2::99").status_code == 429
    assert post_feedback("2001:db8:1:3::1").status_code == 302


def test_the_target_limit_stops_many_addresses_against_one_form(demo, limits):
    for i in range(5):
        assert post_feedback(f"192.0.2.{i + 1}").status_code == 302
    assert post_feedback("192.0.2.100").status_code == 429
    assert tickets() == 5
    # Another target (the other municipality's form) is not affected, nor another language of the same
    # form counted as a different one.
    assert post_feedback("192.0.2.101", municipality="huenxe").status_code == 302
    assert post_feedback("192.0.2.102", language="en").status_code == 429


def test_invalid_posts_count_too(demo, limits):
    for _ in range(3):
        assert post_feedback("203.0.113.8", message="").status_code == 422
    assert post_feedback("203.0.113.8").status_code == 429
    assert tickets() == 0


def test_login_is_limited_per_username_across_addresses(tenants, limits):
    username = tenants[0].users["office_staff"].username
    for i in range(3):
        response = Client(REMOTE_ADDR=f"192.0.2.{i + 1}").post(
            "/konto/anmelden/", {"username": username, "password": "falsch"}
        )
        assert response.status_code == 200
    response = Client(REMOTE_ADDR="192.0.2.50").post(
        "/konto/anmelden/", {"username": username.upper(), "password": "falsch"}
    )
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    # Another user name from yet another address still gets the normal answer.
    response = Client(REMOTE_ADDR="192.0.2.51").post(
        "/konto/anmelden/", {"username": "jemand-anderes", "password": "falsch"}
    )
    assert response.status_code == 200


def test_login_is_limited_per_address_across_usernames(tenants, limits):
    client = Client(REMOTE_ADDR="192.0.2.60")
    for i in range(4):
        assert client.post("/konto/anmelden/", {"username": f"u{i}", "password": "x"}).status_code == 200
    assert client.post("/konto/anmelden/", {"username": "u9", "password": "x"}).status_code == 429
    assert client.get("/konto/anmelden/").status_code == 200


def test_a_limited_login_does_not_log_in_even_with_the_right_password(tenants, limits):
    from familienbuero.accounts.models import User

    user = tenants[0].users["office_staff"]
    user.set_password("richtiges-passwort-123")
    user.save()
    for _ in range(3):
        Client(REMOTE_ADDR="192.0.2.70").post(
            "/konto/anmelden/", {"username": user.username, "password": "x"}
        )
    client = Client(REMOTE_ADDR="192.0.2.71")
    response = client.post(
        "/konto/anmelden/", {"username": user.username, "password": "richtiges-passwort-123"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(pk=user.pk, last_login__isnull=True).exists()


def test_second_factor_entry_is_limited_per_user(tenants, limits):
    from tests.conftest import verified_client

    user = tenants[0].users["office_staff"]
    client = verified_client(user)
    # A logged-in but not yet verified session: drop the OTP device from the session.
    session = client.session
    session.pop("otp_device_id", None)
    session.save()
    statuses = [client.post("/konto/zwei-faktor/", {"token": "000000"}).status_code for _ in range(4)]
    assert statuses[:3] == [422, 422, 422]
    assert statuses[3] == 429


def test_limits_can_be_switched_off(demo, limits):
    limits.RATELIMIT_ENABLE = False
    for _ in range(5):
        assert post_feedback("203.0.113.9").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(settings):
    settings.RATELIMIT_PROXY_COUNT = 1
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.1")
    assert ratelimits.client_ip(request) == "203.0.113.1"
    settings.RATELIMIT_PROXY_COUNT = 0
    assert ratelimits.client_ip(request) == "10.0.0.1"
    assert ratelimits.client_ip(RequestFactory().post("/", REMOTE_ADDR="kaputt")) == "invalid"


def test_counters_live_in_a_cache_shared_by_all_workers():
    backend = django_settings.CACHES[django_settings.RATELIMIT_USE_CACHE]["BACKEND"]
    assert backend in {
        "familienbuero.core.cache.AtomicDatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    }


@pytest.mark.django_db(transaction=True)
def test_the_database_counter_loses_no_count_under_concurrent_workers():
    cache = caches["ratelimit"]
    cache.clear()
    cache.add("counter", 0, 3600)
    errors = []

    def worker():
        try:
            for _ in range(10):
                cache.incr("counter")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.get("counter") == 40
    cache.clear()


def test_increment_keeps_the_expiry(db):
    import time_machine
    from django.utils import timezone

    cache = caches["ratelimit"]
    cache.add("short", 1, 60)
    with time_machine.travel(timezone.now() + timedelta(seconds=50)):
        assert cache.incr("short") == 2
    # Django's own incr() would have reset the expiry to the default timeout here.
    with time_machine.travel(timezone.now() + timedelta(seconds=70)):
        assert cache.get("short") is None
    with pytest.raises(ValueError):
        cache.incr("missing")
