"""Reads about offices: where an office is on which day, and whether it is open now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from familienbuero.tenancy.models import Location, Office, OpeningException, OpeningHours


@dataclass(frozen=True)
class OpenPeriod:
    opens: time
    closes: time
    location: Location


@dataclass
class DaySchedule:
    day: date
    periods: list[OpenPeriod] = field(default_factory=list)
    closed_reason: str = ""
    is_exception: bool = False

    @property
    def is_open(self) -> bool:
        return bool(self.periods)

    def period_at(self, moment: time) -> OpenPeriod | None:
        """The opening period that includes ``moment`` (local time of this day), if any."""
        return next((p for p in self.periods if p.opens <= moment < p.closes), None)


def _rule_applies(rule: OpeningHours, day: date) -> bool:
    return (
        rule.weekday == day.weekday()
        and (rule.valid_from is None or rule.valid_from <= day)
        and (rule.valid_until is None or day <= rule.valid_until)
    )


def opening_rules(*, office: Office) -> list[OpeningHours]:
    """The office's weekly rules with their locations (and the locations' translations) loaded."""
    return list(
        OpeningHours.objects.filter(office=office)
        .select_related("location")
        .prefetch_related("location__translations")
        .order_by("weekday", "opens")
    )


def office_schedule(
    *, office: Office, start: date, days: int = 7, rules: list[OpeningHours] | None = None
) -> list[DaySchedule]:
    """The office's days from ``start``: dated exceptions replace the weekly rules of their day.

    Pass ``rules`` (from ``opening_rules``) when the caller needs them anyway, to read them once."""
    end = start + timedelta(days=days - 1)
    rules = opening_rules(office=office) if rules is None else rules
    exceptions: dict[date, list[OpeningException]] = {}
    for exception in (
        OpeningException.objects.filter(office=office, date__range=(start, end))
        .select_related("location")
        .order_by("date", "opens")
    ):
        exceptions.setdefault(exception.date, []).append(exception)

    schedule = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        entry = DaySchedule(day=day)
        if day in exceptions:
            entry.is_exception = True
            for exception in exceptions[day]:
                if exception.closed:
                    entry.periods = []
                    entry.closed_reason = exception.reason
                    break
                entry.periods.append(
                    OpenPeriod(exception.opens, exception.closes, exception.location or office.home_location)
                )
        else:
            entry.periods = [
                OpenPeriod(rule.opens, rule.closes, rule.location)
                for rule in rules
                if _rule_applies(rule, day)
            ]
        entry.periods.sort(key=lambda period: period.opens)
        schedule.append(entry)
    return schedule


def weekly_rules_by_location(
    *, rules: list[OpeningHours], on: date
) -> list[tuple[Location, list[OpeningHours]]]:
    """Regular weekly hours valid on ``on``, grouped by location (for the "opening hours" table)."""
    grouped: dict[int, tuple[Location, list[OpeningHours]]] = {}
    for rule in rules:
        if (rule.valid_from is None or rule.valid_from <= on) and (
            rule.valid_until is None or on <= rule.valid_until
        ):
            grouped.setdefault(rule.location_id, (rule.location, []))[1].append(rule)
    return list(grouped.values())
