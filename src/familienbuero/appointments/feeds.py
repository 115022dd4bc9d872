"""iCalendar feeds: public free/busy of a provider (no personal data at all) and the private feed of a
counsellor behind a revocable token (appointments with topic and room, but without names or contacts:
calendar apps sync feeds to third-party servers)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, FreeBusy, vPeriod

from familienbuero.accounts.models import User
from familienbuero.appointments import queries, recurrence
from familienbuero.appointments.models import Booking, ConsultationHours, CounsellorFeed
from familienbuero.tenancy.models import Municipality


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Familienbuero//Termine//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def free_busy(hours_list: Sequence[ConsultationHours], *, first: date, last: date, name: str) -> bytes:
    """One VFREEBUSY per day with hours: the free slots as FREE, the rest of the hours as BUSY."""
    cal = _calendar(name)
    free = queries.free_slots(hours_list, first=first, last=last)
    stamp = timezone.now()
    for hours in hours_list:
        free_starts = {slot.start for slot in free.get(hours.pk, [])}
        for day in queries.hours_days(hours, first, last):
            component = FreeBusy()
            component.add("uid", f"{hours.uuid}-{day.date:%Y%m%d}@familienbuero")
            component.add("dtstamp", stamp)
            component.add("dtstart", recurrence.local(day.date, day.start))
            component.add("dtend", recurrence.local(day.date, day.end))
            component.add("summary", hours.title)
            for start, end in recurrence.slots(
                day, slot_minutes=hours.slot_minutes, buffer_minutes=hours.buffer_minutes
            ):
                kind = "FREE" if start in free_starts else "BUSY"
                component.add("freebusy", vPeriod((start, end)), parameters={"FBTYPE": kind})
            cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical()


def feed_user(municipality: Municipality, token: str) -> User | None:
    if not token or len(token) > 100:
        return None
    feed = (
        CounsellorFeed.objects.filter(
            municipality=municipality, token_hash=queries.hash_token(token), revoked_at__isnull=True
        )
        .select_related("user")
        .first()
    )
    return feed.user if feed is not None and feed.user.is_active else None


def counsellor_calendar(municipality: Municipality, user: User, *, first: date, last: date) -> bytes:
    cal = _calendar(_("My consultation appointments"))
    bookings = (
        Booking.objects.filter(
            municipality=municipality,
            counsellor=user,
            starts_at__gte=recurrence.local(first, datetime.min.time()),
            starts_at__lt=recurrence.local(last + timedelta(days=1), datetime.min.time()),
        )
        .active()
        .select_related("hours", "room", "office")
    )
    stamp = timezone.now()
    for booking in bookings:
        event = Event()
        event.add("uid", f"{booking.uuid}@familienbuero")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(booking.starts_at, recurrence.TZ))
        event.add("dtend", timezone.localtime(booking.ends_at, recurrence.TZ))
        summary = booking.hours.title
        if booking.interpreter_needed:
            summary += " – " + _("interpreter")
        event.add("summary", summary)
        event.add("location", f"{booking.room.name}, {booking.office.name}")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
