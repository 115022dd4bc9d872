"""Rate limits for public forms and the staff login: one decorator for every view that accepts a POST
from the internet.

``@public_form_limit("feedback")`` counts the POSTs to a view twice — per client address and per target
(by default the URL, i.e. this municipality's form or this event; for the login the user name) — and
answers a translated 429 page without calling the view once either count exceeds its rate, so nothing
is stored. GET requests are never counted. Counters live in the ``default`` cache (shared by all
gunicorn workers: the database cache, or Redis with ``REDIS_URL``; see ``settings.CACHES``).

Rates are django-ratelimit strings (``"10/h"``, ``"5/15m"``); the defaults come from settings and
thereby from the environment. ``RATELIMIT_ENABLE = False`` switches every limit off (tests do that by
default and switch it on where they prove a limit).
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django_ratelimit.core import is_ratelimited

View = Callable[..., HttpResponse]
TargetKey = Callable[[HttpRequest], str]
#: A django-ratelimit rate ("10/h"), or a function ``(group, request) -> rate`` read per request.
Rate = str | Callable[[str, HttpRequest], str]


def setting_rate(name: str) -> Callable[[str, HttpRequest], str]:
    """A rate read from ``settings.<name>`` at request time (so that settings overrides apply)."""
    return lambda _group, _request: getattr(settings, name)


PUBLIC_PER_IP = setting_rate("RATELIMIT_PUBLIC_PER_IP")
PUBLIC_PER_TARGET = setting_rate("RATELIMIT_PUBLIC_PER_TARGET")


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or — behind ``RATELIMIT_PROXY_COUNT`` trusted reverse
    proxies — the address the outermost trusted proxy saw. IPv6 addresses count per /64 network
    (one household or host typically owns a whole /64)."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.RATELIMIT_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "invalid"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def target_path(request: HttpRequest) -> str:
    """Default target: the form's URL (municipality, language left out, object)."""
    parts = request.path.strip("/").split("/")
    if len(parts) >= 2:
        del parts[1]  # /<municipality>/<language>/…: all languages are one target
    return "/".join(parts)


def target_username(request: HttpRequest) -> str:
    return request.POST.get("username", "").strip().casefold()[:150]


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The translated 429 page; ``Retry-After`` in seconds is a hint for clients."""
    response = HttpResponse(render_to_string("core/429.html", {}, request), status=429)
    response["Retry-After"] = "600"
    return response


def is_limited(
    request: HttpRequest, group: str, *, per_ip: Rate, per_target: Rate, target: TargetKey
) -> bool:
    """Counts this request (both keys, always both) and tells whether either limit is exceeded."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    by_ip = is_ratelimited(
        request,
        group=f"{group}:ip",
        key=lambda _group, r: client_ip(r),
        rate=per_ip,
        method=is_ratelimited.ALL,
        increment=True,
    )
    by_target = is_ratelimited(
        request,
        group=f"{group}:target",
        key=lambda _group, r: target(r),
        rate=per_target,
        method=is_ratelimited.ALL,
        increment=True,
    )
    return by_ip or by_target


def public_form_limit(
    group: str,
    *,
    per_ip: Rate = PUBLIC_PER_IP,
    per_target: Rate = PUBLIC_PER_TARGET,
    target: TargetKey = target_path,
    methods: tuple[str, ...] = ("POST",),
) -> Callable[[View], View]:
    """Decorator for every view that accepts a public POST (forms, registrations, bookings).

    ``group`` names the counter (one per form kind, e.g. ``"events-registration"``); ``per_ip`` and
    ``per_target`` default to ``RATELIMIT_PUBLIC_PER_IP`` / ``RATELIMIT_PUBLIC_PER_TARGET``;
    ``target`` maps a request to what is being targeted (default: the URL without the language).
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods and is_limited(
                request,
                group,
                per_ip=per_ip,
                per_target=per_target,
                target=target,
            ):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        wrapped.public_form_limit = group  # type: ignore[attr-defined]
        return wrapped

    return decorator


def login_limit(view: View) -> View:
    """The staff login: per address and per user name (``RATELIMIT_LOGIN_PER_IP`` /
    ``RATELIMIT_LOGIN_PER_USERNAME``), on top of django-axes' lockout after failed logins."""
    return public_form_limit(
        "login",
        per_ip=setting_rate("RATELIMIT_LOGIN_PER_IP"),
        per_target=setting_rate("RATELIMIT_LOGIN_PER_USERNAME"),
        target=target_username,
    )(view)


def _target_user(request: HttpRequest) -> str:
    return f"user:{getattr(request.user, 'pk', '')}"


def second_factor_limit(view: View) -> View:
    """TOTP entry and set-up: per address and per (password-authenticated) user, with the login rates;
    django-otp additionally slows down wrong codes per device."""
    return public_form_limit(
        "second-factor",
        per_ip=setting_rate("RATELIMIT_LOGIN_PER_IP"),
        per_target=setting_rate("RATELIMIT_LOGIN_PER_USERNAME"),
        target=_target_user,
    )(view)
