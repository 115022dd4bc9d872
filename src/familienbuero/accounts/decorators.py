"""One decorator guards every back-office view: login, second factor, role in this municipality."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from familienbuero.accounts import permissions


def staff_required(capability: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
            if not request.user.is_verified():
                return redirect_to_login(request.get_full_path(), reverse("accounts:verify"))
            if not permissions.has_capability(request.user, capability, request.municipality.pk):
                # Other municipalities' back offices do not exist for this user.
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
