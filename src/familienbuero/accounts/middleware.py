"""Staff sessions end after a period without activity (Django's default is two weeks, no idle limit)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

_LAST_SEEN = "staff_last_seen"


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(_LAST_SEEN, now)
            if now - last_seen > settings.STAFF_IDLE_TIMEOUT.total_seconds():
                logout(request)
            else:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)
