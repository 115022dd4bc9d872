"""When consultation hours take place: an RFC 5545 rule (python-dateutil) evaluated on local dates, NRW
public holidays skipped, dated exceptions applied, and the day cut into slots.

The rule is evaluated on naive local dates and the wall-clock times are attached in Europe/Berlin only at
the end, so "Tuesdays 9:00" stays 9:00 across the change to and from summer time (the UTC offset of the
resulting instants changes, the local time does not).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.rrule import rrule, rrulestr
from django.conf import settings

TZ = ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Day:
    date: date
    start: time
    end: time


@lru_cache(maxsize=16)
def nrw_holidays(year: int) -> holidays.HolidayBase:
    return holidays.Germany(subdiv="NW", years=year)


def is_public_holiday(day: date) -> bool:
    return day in nrw_holidays(day.year)


@lru_cache(maxsize=512)
def parse_rule(rule: str, first_day: date) -> rrule:
    """The rule with ``first_day`` as DTSTART; ``ValueError`` for anything dateutil does not accept.
    Cached: the slot pages evaluate the same few rules on every request."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text or "DTSTART" in text.upper():
        raise ValueError("empty rule or DTSTART inside the rule")
    try:
        parsed = rrulestr(text, dtstart=datetime.combine(first_day, time()))
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ValueError(str(error)) from error
    if not isinstance(parsed, rrule):
        raise ValueError("only a single RRULE is supported")
    return parsed


def days(
    *,
    rule: str,
    starts_on: date,
    ends_on: date | None,
    start_time: time,
    end_time: time,
    first: date,
    last: date,
    skip_holidays: bool = True,
    cancelled: Iterable[date] = (),
    extra: Iterable[tuple[date, time | None, time | None]] = (),
) -> list[Day]:
    """The days in ``first``..``last`` (inclusive) on which the hours take place, with their times."""
    first = max(first, starts_on)
    if ends_on is not None:
        last = min(last, ends_on)
    cancelled_days = set(cancelled)
    result: dict[date, Day] = {}
    if first <= last:
        for moment in parse_rule(rule, starts_on).between(
            datetime.combine(first, time()), datetime.combine(last, time(23, 59)), inc=True
        ):
            day = moment.date()
            if day in cancelled_days or (skip_holidays and is_public_holiday(day)):
                continue
            result[day] = Day(day, start_time, end_time)
    for day, start, end in extra:
        # An extra day is explicit: it takes place even on a holiday, and within the range only.
        if first <= day <= last and day not in cancelled_days:
            result[day] = Day(day, start or start_time, end or end_time)
    return [result[day] for day in sorted(result)]


def local(day: date, at: time) -> datetime:
    """The instant of a wall-clock time in the municipality's time zone."""
    return datetime.combine(day, at, tzinfo=TZ)


def slots(day: Day, *, slot_minutes: int, buffer_minutes: int) -> Iterator[tuple[datetime, datetime]]:
    """Consecutive slots of the day: start, start + slot + buffer, …, each ending by the day's end."""
    step = timedelta(minutes=slot_minutes + buffer_minutes)
    length = timedelta(minutes=slot_minutes)
    # Wall-clock arithmetic on naive values, then localised: a slot is "9:30" also on a DST day.
    cursor = datetime.combine(day.date, day.start)
    end = datetime.combine(day.date, day.end)
    while cursor + length <= end:
        yield cursor.replace(tzinfo=TZ), (cursor + length).replace(tzinfo=TZ)
        cursor += step
