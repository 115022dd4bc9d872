"""Events for tests. Use inside ``scopes_disabled()`` or the tenant's ``scope()``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from familienbuero.events import services
from familienbuero.events.models import Event, Question, Session


def make_event(
    office: object,
    *,
    capacity: int = 10,
    title: str = "Fahrradtraining",
    start: datetime | None = None,
    sessions: int = 1,
    questions: tuple[tuple[str, str, bool, str], ...] = (),
    **fields: object,
) -> Event:
    start = start or timezone.now() + timedelta(days=10)
    event = Event.objects.create(
        municipality=office.municipality,
        office=office,
        location=office.home_location,
        capacity=capacity,
        title=title,
        description="Sicher Rad fahren lernen.",
        **fields,
    )
    for index in range(sessions):
        begin = start + timedelta(days=7 * index)
        Session.objects.create(event=event, starts_at=begin, ends_at=begin + timedelta(hours=2))
    for position, (text, purpose, required, choices) in enumerate(questions):
        Question.objects.create(
            event=event, position=position, text=text, purpose=purpose, required=required, choices=choices
        )
    services.update_event_dates(event)
    event.refresh_from_db()
    return event
