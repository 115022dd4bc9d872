"""The public month calendar: a grid of weeks (Monday first, ISO 8601 week numbers as used in Germany,
"KW") with every session of the month on its day.

Pure reads: the events come from ``queries.public_events`` with the same filters as the list, limited to
those that have a session in the month; each session is put on its local (Europe/Berlin) day.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from familienbuero.events import queries
from familienbuero.events.models import Event, Session

#: How far the month navigation reaches (months before and after the current one); further is 404, so
#: that robots cannot crawl an endless calendar.
MONTHS_BACK = 12
MONTHS_AHEAD = 24


@dataclass(frozen=True)
class Entry:
    """One session on one day, with what a family needs to see in the grid."""

    event: Event
    session: Session
    state: str  # "cancelled", "past", "lottery", "closed" (registration), "full" or "free"


@dataclass
class Day:
    day: date
    in_month: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Month:
    year: int
    month: int
    weeks: list[tuple[int, list[Day]]]  # (ISO week number, seven days Monday..Sunday)
    previous: tuple[int, int] | None
    next: tuple[int, int] | None

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def previous_first(self) -> date | None:
        return date(*self.previous, 1) if self.previous else None

    @property
    def next_first(self) -> date | None:
        return date(*self.next, 1) if self.next else None

    @property
    def weekdays(self) -> list[date]:
        """The dates of the first row: for the column headers (weekday names in the page language)."""
        return [day.day for day in self.weeks[0][1]]

    @property
    def days_with_entries(self) -> list[Day]:
        return [day for _week, days in self.weeks for day in days if day.in_month and day.entries]

    @property
    def count(self) -> int:
        return sum(len(day.entries) for day in self.days_with_entries)


def shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def in_range(year: int, month: int, today: date) -> bool:
    """Whether the month may be shown (a window around the current month)."""
    index = year * 12 + month - 1
    current = today.year * 12 + today.month - 1
    return current - MONTHS_BACK <= index <= current + MONTHS_AHEAD


def _state(event: Event, session: Session, now: datetime) -> str:
    registration = event.registration_state(now)
    if registration == "cancelled":
        return "cancelled"
    if session.ends_at < now:
        return "past"
    if registration in ("lottery", "closed"):
        return registration
    return "full" if event.taken >= event.capacity else "free"


def build_month(
    year: int,
    month: int,
    *,
    age: int | None = None,
    target_group: str = "",
    from_date: date | None = None,
    free_only: bool = False,
    office_slug: str = "",
    now: datetime | None = None,
) -> Month:
    """The month with the filtered sessions on their days. Call inside the municipality's scope."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    zone = timezone.get_current_timezone()
    start = datetime.combine(date(year, month, 1), time.min, tzinfo=zone)
    end_year, end_month = shift(year, month, 1)
    end = datetime.combine(date(end_year, end_month, 1), time.min, tzinfo=zone)
    # Events still running at the start of the month (``now`` of public_events) that begin before its end.
    events = queries.public_events(
        now=start,
        age=age,
        target_group=target_group,
        from_date=from_date,
        free_only=free_only,
        office_slug=office_slug,
    ).filter(starts_at__lt=end)[:500]
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for event in events:
        for session in event.sessions.all():
            if start <= session.starts_at < end:
                local = timezone.localtime(session.starts_at, zone).date()
                by_day[local].append(Entry(event, session, _state(event, session, now)))
    weeks = []
    for row in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month):
        days = [
            Day(
                day,
                in_month=day.month == month,
                is_today=day == today,
                entries=sorted(
                    by_day.get(day, []) if day.month == month else [],
                    key=lambda e: (e.session.starts_at, e.event.pk),
                ),
            )
            for day in row
        ]
        weeks.append((row[0].isocalendar().week, days))
    previous, following = shift(year, month, -1), shift(year, month, 1)
    return Month(
        year=year,
        month=month,
        weeks=weeks,
        previous=previous if in_range(*previous, today) else None,
        next=following if in_range(*following, today) else None,
    )
