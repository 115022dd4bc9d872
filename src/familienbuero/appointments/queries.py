"""Reads of the appointments app: free slots, who may see which hours and bookings, the day and week
views of the back office, and the anonymous attendance counts the contact statistics consume.

(Not named ``selectors.py``: makemessages runs inside an app that owns its catalogue, and there that
name would shadow the standard library's ``selectors`` module.)"""

from __future__ import annotations

import bisect
import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from familienbuero.accounts import permissions
from familienbuero.accounts.models import User
from familienbuero.accounts.roles import Capability
from familienbuero.appointments import recurrence
from familienbuero.appointments.models import (
    AppointmentSettings,
    Booking,
    ConsultationException,
    ConsultationHours,
    WalkInTicket,
)
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.tenancy.models import Municipality, Office, Room

SLOT_KEY_FORMAT = "%Y%m%dT%H%M"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def appointment_settings(municipality: Municipality) -> AppointmentSettings:
    """The municipality's settings, or an unsaved row with the defaults."""
    found = AppointmentSettings.objects.filter(municipality=municipality).first()
    return found or AppointmentSettings(municipality=municipality)


@dataclass(frozen=True)
class Slot:
    hours: ConsultationHours
    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        """The slot in URLs: local wall-clock start, e.g. 20261201T0930."""
        return timezone.localtime(self.start, recurrence.TZ).strftime(SLOT_KEY_FORMAT)


def parse_slot_key(key: str) -> datetime | None:
    try:
        naive = datetime.strptime(key, SLOT_KEY_FORMAT)  # noqa: DTZ007 - wall-clock time, localised below
    except ValueError:
        return None
    return naive.replace(tzinfo=recurrence.TZ)


# --- hours and their days ------------------------------------------------------------------------------


def bookable_hours(municipality: Municipality) -> QuerySet[ConsultationHours]:
    """Active hours with what the slot computation needs, in two or three queries in total."""
    return (
        ConsultationHours.objects.filter(municipality=municipality, is_active=True)
        .select_related("office", "organization", "service")
        .prefetch_related(
            Prefetch("exceptions", queryset=ConsultationException.objects.order_by("date")),
            Prefetch("counsellors", queryset=User.objects.only("pk")),
        )
    )


def hours_days(hours: ConsultationHours, first: date, last: date) -> list[recurrence.Day]:
    """The days of ``hours`` between ``first`` and ``last`` (prefetch ``exceptions`` when looping)."""
    exceptions = list(hours.exceptions.all())
    return recurrence.days(
        rule=hours.recurrence,
        starts_on=hours.starts_on,
        ends_on=hours.ends_on,
        start_time=hours.start_time,
        end_time=hours.end_time,
        first=first,
        last=last,
        skip_holidays=hours.skip_public_holidays,
        cancelled=[e.date for e in exceptions if e.kind == ConsultationException.Kind.CANCELLED],
        extra=[
            (e.date, e.start_time, e.end_time)
            for e in exceptions
            if e.kind == ConsultationException.Kind.EXTRA
        ],
    )


def hours_slots(hours: ConsultationHours, first: date, last: date) -> list[tuple[datetime, datetime]]:
    """Every slot of the hours in the period, taken or not."""
    result = []
    for day in hours_days(hours, first, last):
        result.extend(
            recurrence.slots(day, slot_minutes=hours.slot_minutes, buffer_minutes=hours.buffer_minutes)
        )
    return result


def is_slot_of(hours: ConsultationHours, start: datetime) -> datetime | None:
    """The end of the slot of ``hours`` starting at ``start``, or ``None`` if there is no such slot."""
    day = timezone.localtime(start, recurrence.TZ).date()
    for slot_start, slot_end in hours_slots(hours, day, day):
        if slot_start == start:
            return slot_end
    return None


def candidate_rooms(hours: ConsultationHours) -> list[int]:
    """Rooms of the needed kind at the office's main location, in a fixed order."""
    return list(
        Room.objects.filter(location_id=hours.office.home_location_id, kind=hours.room_kind)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- free slots ----------------------------------------------------------------------------------------


class _Busy:
    """Disjoint busy intervals per room or counsellor (the database guarantees they do not overlap), as
    POSIX timestamps: comparing floats is far cheaper than comparing aware datetimes of two zones."""

    def __init__(self) -> None:
        self._starts: dict[int, list[float]] = {}
        self._ends: dict[int, list[float]] = {}

    def add_all(self, rows: Iterable[tuple[int | None, datetime, datetime]]) -> None:
        by_key: dict[int, list[tuple[float, float]]] = defaultdict(list)
        for key, start, end in rows:
            if key is not None:
                by_key[key].append((start.timestamp(), end.timestamp()))
        for key, intervals in by_key.items():
            intervals.sort()
            self._starts[key] = [s for s, _e in intervals]
            self._ends[key] = [e for _s, e in intervals]

    def is_free(self, key: int, start: float, end: float) -> bool:
        starts = self._starts.get(key)
        if not starts:
            return True
        index = bisect.bisect_left(starts, end)  # intervals at or after index start at/after ``end``
        return index == 0 or self._ends[key][index - 1] <= start


def free_slots(
    hours_list: Sequence[ConsultationHours],
    *,
    first: date,
    last: date,
    now: datetime | None = None,
) -> dict[int, list[Slot]]:
    """Free slots per hours (by pk) between ``first`` and ``last``: a slot is free when one room of the
    needed kind and (if counsellors are assigned) one of them are free. Three queries for any number of
    hours: rooms, active bookings in the period, plus the prefetches of ``bookable_hours``."""
    now = now or timezone.now()
    hours_list = list(hours_list)
    if not hours_list:
        return {}
    location_kinds = {(h.office.home_location_id, h.room_kind) for h in hours_list}
    rooms: dict[tuple[int, str], list[int]] = defaultdict(list)
    location_q = Q()
    for location_id, kind in location_kinds:
        location_q |= Q(location_id=location_id, kind=kind)
    for pk, location_id, kind in (
        Room.objects.filter(location_q).order_by("pk").values_list("pk", "location_id", "kind")
    ):
        rooms[(location_id, kind)].append(pk)
    counsellors = {h.pk: [u.pk for u in h.counsellors.all()] for h in hours_list}
    room_ids = {pk for ids in rooms.values() for pk in ids}
    counsellor_ids = {pk for ids in counsellors.values() for pk in ids}
    period_start = recurrence.local(first, datetime.min.time())
    period_end = recurrence.local(last + timedelta(days=1), datetime.min.time())
    rows = list(
        Booking.objects.active()
        .overlapping(period_start, period_end)
        .filter(Q(room_id__in=room_ids) | Q(counsellor_id__in=counsellor_ids))
        .order_by()
        .values_list("room_id", "counsellor_id", "starts_at", "ends_at")
    )
    busy_rooms, busy_counsellors = _Busy(), _Busy()
    busy_rooms.add_all((room, start, end) for room, _c, start, end in rows)
    busy_counsellors.add_all((counsellor, start, end) for _r, counsellor, start, end in rows)

    now_ts = now.timestamp()
    result: dict[int, list[Slot]] = {}
    for hours in hours_list:
        hours_rooms = rooms.get((hours.office.home_location_id, hours.room_kind), [])
        hours_counsellors = counsellors[hours.pk]
        free = []
        for start, end in hours_slots(hours, first, last):
            begin, finish = start.timestamp(), end.timestamp()
            if begin <= now_ts:
                continue
            if not any(busy_rooms.is_free(room, begin, finish) for room in hours_rooms):
                continue
            if hours_counsellors and not any(
                busy_counsellors.is_free(c, begin, finish) for c in hours_counsellors
            ):
                continue
            free.append(Slot(hours, start, end))
        result[hours.pk] = free
    return result


def booking_window(municipality: Municipality, today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    weeks = appointment_settings(municipality).booking_weeks
    return today, today + timedelta(weeks=weeks)


def topics_with_hours(municipality: Municipality) -> QuerySet[TaxonomyTerm]:
    return (
        TaxonomyTerm.objects.filter(
            consultation_hours__municipality=municipality, consultation_hours__is_active=True
        )
        .distinct()
        .prefetch_related("translations")
        .order_by("position", "code")
    )


def providers(municipality: Municipality) -> list[tuple[str, str]]:
    """(provider key, name) of every provider with bookable hours, sorted by name."""
    seen: dict[str, str] = {}
    for hours in ConsultationHours.objects.filter(municipality=municipality, is_active=True).select_related(
        "office", "organization"
    ):
        seen.setdefault(hours.provider_key, hours.provider_name)
    return sorted(seen.items(), key=lambda item: item[1])


def filter_by_provider(hours: QuerySet[ConsultationHours], key: str) -> QuerySet[ConsultationHours]:
    if key.startswith("org-"):
        return hours.filter(organization__slug=key[4:])
    if key.startswith("buero-"):
        return hours.filter(organization__isnull=True, office__slug=key[6:])
    return hours.none()


# --- back office ---------------------------------------------------------------------------------------


def _visible_q(user: User, municipality: Municipality) -> Q | None:
    """``None``: everything of the municipality (coordinators). Otherwise: hours held in the user's offices
    and hours of the organisations whose staff the user is."""
    office_ids = permissions.office_ids_for(user, municipality.pk)
    if office_ids is None:
        return None
    org_ids = permissions.organization_ids_for(user, municipality.pk, Capability.MANAGE_CONSULTATIONS)
    return Q(office_id__in=office_ids) | Q(organization_id__in=org_ids)


def visible_hours(user: User, municipality: Municipality) -> QuerySet[ConsultationHours]:
    hours = ConsultationHours.objects.filter(municipality=municipality).select_related(
        "office", "organization"
    )
    condition = _visible_q(user, municipality)
    return hours if condition is None else hours.filter(condition)


def visible_hours_or_404(user: User, municipality: Municipality, hours_uuid: uuid.UUID) -> ConsultationHours:
    hours = visible_hours(user, municipality).filter(uuid=hours_uuid).first()
    if hours is None:
        raise Http404
    return hours


def visible_bookings(user: User, municipality: Municipality) -> QuerySet[Booking]:
    bookings = Booking.objects.filter(municipality=municipality).select_related(
        "hours", "office", "organization", "room", "counsellor"
    )
    condition = _visible_q(user, municipality)
    return bookings if condition is None else bookings.filter(condition)


def visible_booking_or_404(user: User, municipality: Municipality, booking_uuid: uuid.UUID) -> Booking:
    booking = visible_bookings(user, municipality).filter(uuid=booking_uuid).first()
    if booking is None:
        raise Http404
    return booking


def managed_offices(user: User, municipality: Municipality) -> QuerySet[Office]:
    office_ids = permissions.office_ids_for(user, municipality.pk)
    offices = Office.objects.filter(municipality=municipality, is_active=True)
    return offices if office_ids is None else offices.filter(pk__in=office_ids)


def visible_rooms(user: User, municipality: Municipality) -> QuerySet[Room]:
    """Rooms of the offices' main locations that the user's hours or offices use."""
    location_ids = set(
        visible_hours(user, municipality).values_list("office__home_location_id", flat=True)
    ) | set(managed_offices(user, municipality).values_list("home_location_id", flat=True))
    return Room.objects.filter(location_id__in=location_ids).select_related("location").order_by("name")


@dataclass(frozen=True)
class CalendarDay:
    date: date
    bookings: list[Booking]


def calendar(
    user: User,
    municipality: Municipality,
    *,
    first: date,
    days: int,
    room_id: int | None = None,
    provider_key: str = "",
) -> list[CalendarDay]:
    """Bookings (cancelled ones included, marked) per day, for one room or one provider or all visible."""
    start = recurrence.local(first, datetime.min.time())
    end = recurrence.local(first + timedelta(days=days), datetime.min.time())
    bookings = visible_bookings(user, municipality).filter(starts_at__gte=start, starts_at__lt=end)
    if room_id is not None:
        bookings = bookings.filter(room_id=room_id)
    if provider_key.startswith("org-"):
        bookings = bookings.filter(organization__slug=provider_key[4:])
    elif provider_key.startswith("buero-"):
        bookings = bookings.filter(organization__isnull=True, office__slug=provider_key[6:])
    by_day: dict[date, list[Booking]] = defaultdict(list)
    for booking in bookings.order_by("starts_at", "room__name"):
        by_day[timezone.localtime(booking.starts_at, recurrence.TZ).date()].append(booking)
    return [CalendarDay(first + timedelta(days=n), by_day[first + timedelta(days=n)]) for n in range(days)]


def visible_providers(user: User, municipality: Municipality) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for hours in visible_hours(user, municipality):
        seen.setdefault(hours.provider_key, hours.provider_name)
    return sorted(seen.items(), key=lambda item: item[1])


# --- the walk-in queue ---------------------------------------------------------------------------------


def reception_offices(user: User, municipality: Municipality) -> QuerySet[Office]:
    return managed_offices(user, municipality)


def reception_office_or_404(user: User, municipality: Municipality, office_slug: str) -> Office:
    office = reception_offices(user, municipality).filter(slug=office_slug).first()
    if office is None:
        raise Http404
    return office


@dataclass(frozen=True)
class Queue:
    office: Office
    called: list[WalkInTicket]
    waiting: list[WalkInTicket]


def queue(office: Office, day: date) -> Queue:
    tickets = list(
        WalkInTicket.objects.filter(
            office=office, day=day, status__in=[WalkInTicket.Status.WAITING, WalkInTicket.Status.CALLED]
        ).order_by("number")
    )
    called = sorted(
        (t for t in tickets if t.status == WalkInTicket.Status.CALLED),
        key=lambda t: t.called_at or t.created_at,
        reverse=True,
    )
    return Queue(office, called, [t for t in tickets if t.status == WalkInTicket.Status.WAITING])


def open_ticket_or_404(office: Office, day: date, number: int) -> WalkInTicket:
    """Today's waiting or called ticket with that number at the office."""
    ticket = WalkInTicket.objects.filter(
        office=office,
        day=day,
        number=number,
        status__in=[WalkInTicket.Status.WAITING, WalkInTicket.Status.CALLED],
    ).first()
    if ticket is None:
        raise Http404("no open ticket with that number")
    return ticket


# --- anonymous counts (consumed by the contact statistics) ---------------------------------------------


@dataclass(frozen=True)
class AttendanceCount:
    office_id: int
    organization_id: int | None
    service_id: int | None
    status: str  # a Booking.Status value, or "walk_in" for walk-in tickets that were seen
    count: int


def attendance_counts(
    municipality: Municipality, *, first: date, last: date, office_ids: Iterable[int] | None = None
) -> list[AttendanceCount]:
    """How many appointments were attended / missed / cancelled and how many walk-ins were seen, per office,
    provider and service, between ``first`` and ``last`` (local dates, inclusive). No personal data: the
    counts survive the erasure of names and contacts."""
    start = recurrence.local(first, datetime.min.time())
    end = recurrence.local(last + timedelta(days=1), datetime.min.time())
    bookings = Booking.objects.filter(municipality=municipality, starts_at__gte=start, starts_at__lt=end)
    tickets = WalkInTicket.objects.filter(
        municipality=municipality, day__gte=first, day__lte=last, status=WalkInTicket.Status.DONE
    )
    if office_ids is not None:
        bookings = bookings.filter(office_id__in=list(office_ids))
        tickets = tickets.filter(office_id__in=list(office_ids))
    rows = [
        AttendanceCount(row["office_id"], row["organization_id"], row["hours__service_id"], row["status"], n)
        for row in bookings.order_by()
        .values("office_id", "organization_id", "hours__service_id", "status")
        .annotate(n=Count("pk"))
        for n in [row["n"]]
    ]
    rows += [
        AttendanceCount(row["office_id"], None, None, "walk_in", row["n"])
        for row in tickets.order_by().values("office_id").annotate(n=Count("pk"))
    ]
    return sorted(rows, key=lambda r: (r.office_id, r.organization_id or 0, r.service_id or 0, r.status))
