"""Dates as families read them in their language: a few named styles, each with a pattern per language.

Django's locale formats know a plain date and its short form, and some of them surprise here (English
``SHORT_DATE_FORMAT`` is the American month/day/year). Pages and mails also need a weekday with the
date or a day with its month. Templates use ``{{ value|local_date:"weekday_date" }}`` (library
``local_dates``), Python code ``local_date(value, "weekday_date")``. The patterns are those of Django's
``date`` filter; names of days and months come from Django's translations (``E``: the month as it
stands in a date, e.g. Ukrainian genitive "листопада"). A language without patterns of its own –
German in easy language among them – uses the German ones.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats
from django.utils.translation import get_language

STYLES = ("date", "datetime", "weekday_datetime", "day", "day_month", "long_date", "weekday_date")
"""date 26.11.2026 · datetime 26.11.2026, 10:05 · weekday_datetime Do 26.11.2026, 10:05 · day Do 26.11. ·
day_month 26. November · long_date 26. November 2026 · weekday_date Donnerstag, 26. November 2026 (German)."""

PATTERNS: dict[str, dict[str, str]] = {
    "de": {
        "date": "d.m.Y",
        "datetime": "d.m.Y, H:i",
        "weekday_datetime": "D d.m.Y, H:i",
        "day": "D j.n.",
        "day_month": "j. F",
        "long_date": "j. F Y",
        "weekday_date": "l, j. F Y",
    },
    # Day before month and the month as a word: unambiguous to British and American readers alike.
    "en": {
        "date": "j M Y",
        "datetime": "j M Y, H:i",
        "weekday_datetime": "D j M Y, H:i",
        "day": "D j M",
        "day_month": "j F",
        "long_date": "j F Y",
        "weekday_date": "l j F Y",
    },
    "tr": {
        "date": "d.m.Y",
        "datetime": "d.m.Y H:i",
        "weekday_datetime": "d.m.Y D H:i",
        "day": "j.n. D",
        "day_month": "j F",
        "long_date": "j F Y",
        "weekday_date": "j F Y l",
    },
    "uk": {
        "date": "d.m.Y",
        "datetime": "d.m.Y, H:i",
        "weekday_datetime": "D d.m.Y, H:i",
        "day": "D j.n.",
        "day_month": "j E",
        "long_date": "j E Y",
        "weekday_date": "l, j E Y",
    },
    "ar": {
        "date": "j/n/Y",
        "datetime": "j/n/Y، H:i",
        "weekday_datetime": "l j/n/Y، H:i",
        "day": "l j/n",
        "day_month": "j F",
        "long_date": "j F Y",
        "weekday_date": "l، j F Y",
    },
}


def pattern(style: str, language: str | None = None) -> str:
    """The pattern of ``style`` in ``language`` (default: the active one); German where it has none."""
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r}; one of {', '.join(STYLES)}")
    code = (language or get_language() or "de").lower()
    patterns = PATTERNS.get(code) or PATTERNS.get(code.split("-")[0]) or PATTERNS["de"]
    return patterns[style]


def local_date(value: date | datetime | None, style: str) -> str:
    """``value`` in ``style`` for the active language; "" for no value. A datetime is shown as it is given
    (templates pass it in local time already; Python callers convert with ``timezone.localtime``)."""
    if value is None:
        return ""
    return formats.date_format(value, pattern(style))
