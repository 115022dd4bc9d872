"""Reads of the events app."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from familienbuero.accounts import permissions
from familienbuero.accounts.models import User
from familienbuero.events.models import Event, Programme, Question, Registration
from familienbuero.tenancy.models import Municipality, Office


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=Registration.PLACE_STATUSES)),
        waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    )


def public_events(
    *,
    now: datetime | None = None,
    age: int | None = None,
    target_group: str = "",
    from_date: date | None = None,
    free_only: bool = False,
    office_slug: str = "",
) -> QuerySet[Event]:
    """Upcoming published and cancelled events (cancelled ones are shown as such), filtered."""
    now = now or timezone.now()
    events = Event.objects.filter(ends_at__gte=now).select_related("office", "location", "programme")
    if age is not None:
        events = events.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age)).filter(
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
        )
    if target_group:
        events = events.filter(target_groups__code=target_group)
    if from_date:
        start = timezone.make_aware(datetime.combine(from_date, datetime.min.time()))
        events = events.filter(ends_at__gte=start)
    if free_only:
        events = events.filter(cost=Event.Cost.FREE)
    if office_slug:
        events = events.filter(office__slug=office_slug)
    return with_counts(events.prefetch_related("translations", "sessions")).order_by("starts_at", "pk")


#: What a registration needs of its event: the registration window and state, the places and the age range.
_REGISTRATION_EVENT_SQL = (
    "SELECT id, uuid, municipality_id, programme_id, status, capacity, minimum_age, maximum_age,"
    " registration_opens, registration_closes, starts_at,"
    " (SELECT COUNT(*) FROM events_question q WHERE q.event_id = events_event.id) AS question_count"
    " FROM events_event WHERE uuid = %s AND municipality_id = %s AND starts_at IS NOT NULL"
)
_REGISTRATION_QUESTIONS_SQL = (
    "SELECT id, event_id, position, text, purpose, required, choices FROM events_question"
    " WHERE event_id = %s ORDER BY position, id"
)


def registration_event(
    event_uuid: uuid.UUID, municipality: Municipality
) -> tuple[Event, list[Question]] | None:
    """The event of a registration form (of this municipality, with dates) and its questions in order;
    ``None`` if there is none. A rush posts here, so this is one short statement (two if the event asks
    questions), the same SQL on SQLite and PostgreSQL; the tenant is in the ``WHERE`` clause because raw
    SQL bypasses the scoped managers (read through the plain base manager: a scoped one would only build a
    filter that raw SQL ignores)."""
    uuid_value = Event._meta.get_field("uuid").get_db_prep_value(event_uuid, connection)
    events = list(Event._base_manager.raw(_REGISTRATION_EVENT_SQL, [uuid_value, municipality.pk]))
    if not events:
        return None
    event = events[0]
    questions = (
        list(Question._base_manager.raw(_REGISTRATION_QUESTIONS_SQL, [event.pk]))
        if event.question_count
        else []
    )
    return event, questions


def public_event_or_404(event_uuid: uuid.UUID) -> Event:
    event = (
        with_counts(Event.objects.filter(uuid=event_uuid))
        .select_related("office", "location", "room", "organiser", "co_host", "service", "programme")
        .prefetch_related("translations", "sessions", "questions", "target_groups__translations")
        .first()
    )
    if event is None or event.starts_at is None:
        raise Http404("no such event")
    return event


def staff_offices(user: User, municipality: Municipality) -> QuerySet[Office]:
    ids = permissions.office_ids_for(user, municipality.pk)
    offices = Office.objects.filter(is_active=True)
    return offices if ids is None else offices.filter(pk__in=ids)


def staff_events(user: User, municipality: Municipality) -> QuerySet[Event]:
    ids = permissions.office_ids_for(user, municipality.pk)
    events = Event.objects.all() if ids is None else Event.objects.filter(office_id__in=ids)
    return with_counts(events.select_related("office").prefetch_related("translations")).order_by(
        "-starts_at", "-pk"
    )


def staff_event_or_404(user: User, municipality: Municipality, event_uuid: uuid.UUID) -> Event:
    """An event of one of the user's offices; any other is 404 (also of other municipalities)."""
    event = staff_events(user, municipality).filter(uuid=event_uuid).first()
    if event is None:
        raise Http404("no such event")
    return event


def staff_programmes(user: User, municipality: Municipality) -> QuerySet[Programme]:
    ids = permissions.office_ids_for(user, municipality.pk)
    programmes = Programme.objects.all() if ids is None else Programme.objects.filter(office_id__in=ids)
    return programmes.select_related("office")


def staff_programme_or_404(user: User, municipality: Municipality, programme_uuid: uuid.UUID) -> Programme:
    programme = staff_programmes(user, municipality).filter(uuid=programme_uuid).first()
    if programme is None:
        raise Http404("no such programme")
    return programme
