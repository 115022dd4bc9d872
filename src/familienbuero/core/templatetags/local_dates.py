"""``{{ value|local_date:"weekday_date" }}``: a date in the page language's pattern (``core/dates.py``)."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from familienbuero.core import dates

register = template.Library()


@register.filter(expects_localtime=True)
def local_date(value: date | datetime | None, style: str) -> str:
    """ "" for a value that is no date (as Django's ``date`` filter); an unknown style is an error."""
    if not isinstance(value, date):
        return ""
    return dates.local_date(value, style)
