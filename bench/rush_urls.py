"""URLs of the server that ``bench/rush.py`` starts: the project's, plus three floor views that do less
than any real registration can (no validation, no tenant, no place check, no mail). Their throughput,
measured in the same run, shows how far the ratio to ``/healthz`` can rise in this stack at all. They
store into a separate event, so that the check of the rush itself is not touched."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.events.models import Event, Registration
from familienbuero.urls import urlpatterns as project_urlpatterns


def _store(request: HttpRequest, event_id: int) -> None:
    Registration.objects.create(
        event_id=event_id,
        token=secrets.token_urlsafe(32),
        status=Registration.Status.WAITING,
        created_at=timezone.now(),
        contact_name=request.POST["contact_name"][:200],
        email=request.POST["email"][:254],
        participant_name=request.POST["p0-name"][:200],
        age=7,
    )


def post_only(request: HttpRequest) -> HttpResponse:
    """A POST through the whole middleware (CSRF check included) answered with a redirect; no database."""
    request.POST.get("contact_name")
    return HttpResponseRedirect("/")


def one_insert(request: HttpRequest) -> HttpResponse:
    """As ``post_only``, plus one INSERT of a registration row (autocommit)."""
    with scopes_disabled():
        _store(request, int(request.POST["event"]))
    return HttpResponseRedirect("/")


def locked_insert(request: HttpRequest) -> HttpResponse:
    """As ``one_insert``, inside a transaction that locks the event row first (BEGIN, SELECT … FOR UPDATE,
    INSERT, COMMIT): the least a first-come registration that can never overbook has to do."""
    with scopes_disabled(), transaction.atomic():
        event = Event.objects.select_for_update().only("pk").get(pk=int(request.POST["event"]))
        _store(request, event.pk)
    return HttpResponseRedirect("/")


urlpatterns = [
    path("bench-floor/post", post_only),
    path("bench-floor/insert", one_insert),
    path("bench-floor/locked", locked_insert),
    *project_urlpatterns,
]
