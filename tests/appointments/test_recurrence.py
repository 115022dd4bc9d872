"""The rule produces the right dates: NRW holidays skipped, exceptions applied, and the wall-clock time
kept across the changes to and from summer time."""

from __future__ import annotations

from datetime import date, time, timedelta

from familienbuero.appointments import recurrence


def _days(rule: str, first: date, last: date, **kwargs):
    return recurrence.days(
        rule=rule,
        starts_on=kwargs.pop("starts_on", date(2026, 1, 1)),
        ends_on=kwargs.pop("ends_on", None),
        start_time=time(9),
        end_time=time(12),
        first=first,
        last=last,
        **kwargs,
    )


def test_weekly_rule_skips_nrw_holidays():
    # Mondays in spring 2027: Easter Monday is 29 March; Whit Monday 17 May.
    days = [d.date for d in _days("FREQ=WEEKLY;BYDAY=MO", date(2027, 3, 22), date(2027, 5, 24))]
    assert date(2027, 3, 29) not in days
    assert date(2027, 5, 17) not in days
    assert date(2027, 3, 22) in days and date(2027, 4, 5) in days


def test_corpus_christi_and_all_saints_are_holidays_in_nrw_only():
    # Thursday 27 May 2027 is Corpus Christi (NRW yes, e.g. Lower Saxony no); 1 Nov 2027 a Monday.
    assert recurrence.is_public_holiday(date(2027, 5, 27))
    assert recurrence.is_public_holiday(date(2027, 11, 1))
    days = [d.date for d in _days("FREQ=WEEKLY;BYDAY=TH", date(2027, 5, 20), date(2027, 6, 3))]
    assert days == [date(2027, 5, 20), date(2027, 6, 3)]


def test_holidays_can_be_kept_on_purpose():
    days = [
        d.date
        for d in _days("FREQ=WEEKLY;BYDAY=MO", date(2027, 3, 29), date(2027, 3, 29), skip_holidays=False)
    ]
    assert days == [date(2027, 3, 29)]


def test_every_second_tuesday_counts_from_the_first_day():
    days = _days(
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", date(2027, 1, 1), date(2027, 2, 28), starts_on=date(2027, 1, 5)
    )
    assert [d.date for d in days] == [
        date(2027, 1, 5),
        date(2027, 1, 19),
        date(2027, 2, 2),
        date(2027, 2, 16),
    ]


def test_first_monday_of_the_month_moves_nowhere_when_it_is_a_holiday():
    # 1 Nov 2027 (All Saints) is the first Monday of November: no hours that month, none invented.
    days = [d.date for d in _days("FREQ=MONTHLY;BYDAY=1MO", date(2027, 9, 1), date(2027, 12, 31))]
    assert days == [date(2027, 9, 6), date(2027, 10, 4), date(2027, 12, 6)]


def test_cancelled_and_extra_days():
    days = _days(
        "FREQ=WEEKLY;BYDAY=MO",
        date(2027, 3, 1),
        date(2027, 3, 14),
        cancelled=[date(2027, 3, 8)],
        extra=[(date(2027, 3, 10), time(14), time(16)), (date(2027, 3, 29), None, None)],
    )
    assert [(d.date, d.start) for d in days] == [(date(2027, 3, 1), time(9)), (date(2027, 3, 10), time(14))]


def test_last_day_ends_the_rule():
    days = _days("FREQ=WEEKLY;BYDAY=MO", date(2027, 3, 1), date(2027, 3, 31), ends_on=date(2027, 3, 15))
    assert [d.date for d in days] == [date(2027, 3, 1), date(2027, 3, 8), date(2027, 3, 15)]


def test_wall_clock_time_is_kept_across_daylight_saving_changes():
    # Summer time starts on Sunday 28 March 2027 and ends on Sunday 31 October 2027.
    days = _days("FREQ=WEEKLY;BYDAY=SA,MO", date(2027, 3, 27), date(2027, 3, 29), skip_holidays=False)
    starts = [next(recurrence.slots(d, slot_minutes=30, buffer_minutes=0))[0] for d in days]
    assert [s.hour for s in starts] == [9, 9]
    assert [s.utcoffset() for s in starts] == [timedelta(hours=1), timedelta(hours=2)]
    autumn = _days("FREQ=WEEKLY;BYDAY=SA,MO", date(2027, 10, 30), date(2027, 11, 1), skip_holidays=False)
    starts = [next(recurrence.slots(d, slot_minutes=30, buffer_minutes=0))[0] for d in autumn]
    assert [s.hour for s in starts] == [9, 9]
    assert [s.utcoffset() for s in starts] == [timedelta(hours=2), timedelta(hours=1)]


def test_slots_with_buffer_end_by_the_end_of_the_hours():
    day = recurrence.Day(date(2027, 3, 1), time(9), time(10, 30))
    slots = list(recurrence.slots(day, slot_minutes=25, buffer_minutes=5))
    assert [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in slots] == [
        ("09:00", "09:25"),
        ("09:30", "09:55"),
        ("10:00", "10:25"),
    ]


def test_bad_rules_are_refused():
    import pytest

    for rule in ["", "FREQ=SOMETIMES", "DTSTART=20270101;FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=XX"]:
        with pytest.raises(ValueError):
            recurrence.parse_rule(rule, date(2027, 1, 1))
