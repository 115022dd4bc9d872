"""Reads of the contacts app: the dashboard figures and the annual report of an office.

(The project calls such modules ``selectors.py``; here that name would shadow the standard library's
``selectors`` whenever a tool runs Python from inside the app directory, as ``makemessages`` does.)

Every contact figure is read from the daily summary (``DailyContactCount``, kept by ``summary.py``):
one ``GROUP BY dimension, value`` with ``SUM`` over the period's days and one over the daily totals for the
time chart (weeks, months and years are unions of whole local days). Python only loops over the resulting
groups, never over contact rows. The results are plain dataclasses with labels and numbers, so templates
and exports cannot reach a record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from familienbuero.accounts import permissions
from familienbuero.accounts.models import User
from familienbuero.contacts.models import (
    CORRECTION_WINDOW,
    AgeBand,
    Channel,
    ContactRecord,
    DailyContactCount,
    Dimension,
    Duration,
    Interpreter,
    Place,
    TargetGroup,
    language_label,
)
from familienbuero.contacts.summary import YES
from familienbuero.directory.models import Service, TaxonomyTerm
from familienbuero.referrals.models import Referral
from familienbuero.tenancy.models import District, Location, Municipality, Office

# --- entry form ------------------------------------------------------------------------------------


def offices_for(user: User, municipality: Municipality) -> QuerySet[Office]:
    """Active offices whose contacts the user records and sees (all of them for a coordinator)."""
    office_ids = permissions.office_ids_for(user, municipality.pk)
    offices = Office.objects.filter(municipality=municipality, is_active=True)
    return offices if office_ids is None else offices.filter(pk__in=office_ids)


def topic_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC).prefetch_related("translations")


def districts(municipality: Municipality) -> QuerySet[District]:
    return District.objects.filter(municipality=municipality)


def locations(municipality: Municipality) -> QuerySet[Location]:
    return Location.objects.filter(municipality=municipality).order_by("name")


def referable_services(municipality: Municipality) -> QuerySet[Service]:
    return (
        Service.objects.filter(municipality=municipality, is_published=True)
        .prefetch_related("translations")
        .order_by("slug")
    )


def recent_referrals(
    user: User, municipality: Municipality, now: datetime | None = None
) -> QuerySet[Referral]:
    """Referrals of the user's offices from the last three days (to link a contact to its referral)."""
    now = now or timezone.now()
    return (
        Referral.objects.filter(municipality=municipality, created_at__gte=now - timedelta(days=3))
        .for_offices(permissions.office_ids_for(user, municipality.pk))
        .select_related("service")
        .prefetch_related("service__translations")
        .order_by("-created_at")
    )


def own_records(
    user: User, municipality: Municipality, now: datetime | None = None
) -> QuerySet[ContactRecord]:
    """The user's records that are still inside the correction window, newest first."""
    return (
        ContactRecord.objects.filter(municipality=municipality)
        .correctable_by(user, now)
        .select_related("office", "district")
        .prefetch_related("topics__translations")
        .order_by("-created_at")
    )


def correctable_record_or_404(user: User, municipality: Municipality, pk: int) -> ContactRecord:
    """Another person's record, or one older than the window, is as missing as one that does not exist."""
    record = own_records(user, municipality).filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


# --- dashboard ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    contacts: int
    persons: int


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    rows: tuple[Row, ...]

    @property
    def max_contacts(self) -> int:
        return max((row.contacts for row in self.rows), default=0)


@dataclass(frozen=True)
class ReferralFigures:
    contacts_with_referral: int
    referrals: int  # referrals recorded in the referrals app by the offices in the period
    by_outcome: tuple[Row, ...]  # persons = contacts is not meaningful here; ``persons`` repeats the count


@dataclass(frozen=True)
class OtherAppFigures:
    """Figures another app contributes (events, consultation hours); ``None`` values: not recorded."""

    rows: tuple[tuple[str, int | float], ...] = ()
    recorded: bool = False


@dataclass(frozen=True)
class Dashboard:
    date_from: date
    date_to: date
    office: Office | None
    interval: str
    total_contacts: int
    total_persons: int
    follow_up_needed: int
    timeline: Breakdown
    breakdowns: tuple[Breakdown, ...]
    target_districts: Breakdown
    target_district_contacts: int
    contacts_with_district: int
    referrals: ReferralFigures
    events: OtherAppFigures = field(default_factory=OtherAppFigures)

    @property
    def target_share(self) -> float | None:
        """Share of the contacts with a known district that come from a target district (percent)."""
        if not self.contacts_with_district:
            return None
        return round(100 * self.target_district_contacts / self.contacts_with_district, 1)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _summary(
    municipality: Municipality,
    office_ids: set[int] | None,
    date_from: date,
    date_to: date,
    office: Office | None,
) -> QuerySet[DailyContactCount]:
    """The summary rows of the contacts in the period (whole local days, both included): the same
    contacts as ``contact_at`` from 00:00 of ``date_from`` to 24:00 of ``date_to``, Europe/Berlin."""
    qs = DailyContactCount.objects.filter(municipality=municipality, day__gte=date_from, day__lte=date_to)
    if office_ids is not None:
        qs = qs.filter(office_id__in=office_ids)
    if office is not None:
        qs = qs.filter(office=office)
    return qs.order_by()


class Figures:
    """The period's sums per dimension and value, from one ``GROUP BY`` over the summary."""

    def __init__(self, qs: QuerySet[DailyContactCount], dimensions: Iterable[str]) -> None:
        self.counts: dict[str, dict[str, tuple[int, int]]] = {str(d): {} for d in dimensions}
        rows = (
            qs.filter(dimension__in=list(self.counts))
            .values("dimension", "value")
            .annotate(n=Sum("contacts"), p=Sum("persons"))
            .values_list("dimension", "value", "n", "p")
        )
        for dimension, value, n, p in rows:
            if n:  # a row can only be zero if it was left over; a zero group is no group
                self.counts[dimension][value] = (n, p or 0)

    def get(self, dimension: str, value: str = "") -> tuple[int, int]:
        return self.counts[str(dimension)].get(value, (0, 0))

    def of(self, dimension: str) -> dict[str, tuple[int, int]]:
        return self.counts[str(dimension)]


#: The breakdowns over a fixed set of choices (every choice is listed, also with 0).
CHOICE_BREAKDOWNS: tuple[tuple[str, Any, Any], ...] = (
    ("channel", gettext_lazy("Contacts by channel"), Channel),
    ("target_group", gettext_lazy("Contacts by target group"), TargetGroup),
    ("age_band", gettext_lazy("Contacts by age band"), AgeBand),
    ("interpreter", gettext_lazy("Interpreter"), Interpreter),
    ("place", gettext_lazy("Contacts by place"), Place),
    ("duration", gettext_lazy("Contacts by duration"), Duration),
)


def _choice_breakdowns(figures: Figures, keys: Iterable[str]) -> dict[str, Breakdown]:
    return {
        key: Breakdown(
            key,
            str(title),
            tuple(
                Row(str(label), *figures.get(key, value))
                for value, label in zip(enum.values, enum.labels, strict=True)
            ),
        )
        for key, title, enum in CHOICE_BREAKDOWNS
        if key in set(keys)
    }


def _periods(date_from: date, date_to: date, interval: str) -> list[date]:
    """The first day of every bucket in the period (weeks start on Monday)."""
    if interval == "week":
        start = date_from - timedelta(days=date_from.weekday())
        return [start + timedelta(weeks=i) for i in range((date_to - start).days // 7 + 1)]
    if interval == "year":
        return [date(year, 1, 1) for year in range(date_from.year, date_to.year + 1)]
    months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month
    return [date(date_from.year + (date_from.month - 1 + i) // 12, (date_from.month - 1 + i) % 12 + 1, 1)
            for i in range(months + 1)]  # fmt: skip


def _bucket(day: date, interval: str) -> date:
    """The first day of the week (Monday), month or year ``day`` lies in."""
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "year":
        return date(day.year, 1, 1)
    return day.replace(day=1)


def _period_label(day: date, interval: str) -> str:
    if interval == "week":
        year, week, _weekday = day.isocalendar()
        return _("week %(week)d/%(year)d") % {"week": week, "year": year}
    if interval == "year":
        return str(day.year)
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


def _timeline(qs: QuerySet[DailyContactCount], date_from: date, date_to: date, interval: str) -> Breakdown:
    """Contacts and persons per week, month or year: the daily totals (at most one row per day and
    office) summed into their buckets."""
    counts: dict[date, tuple[int, int]] = {}
    days = (
        qs.filter(dimension=Dimension.TOTAL)
        .values("day")
        .annotate(n=Sum("contacts"), p=Sum("persons"))
        .values_list("day", "n", "p")
    )
    for day, n, p in days:
        bucket = _bucket(day, interval)
        old_n, old_p = counts.get(bucket, (0, 0))
        counts[bucket] = (old_n + n, old_p + (p or 0))
    rows = tuple(
        Row(_period_label(day, interval), *counts.get(day, (0, 0)))
        for day in _periods(date_from, date_to, interval)
    )
    titles = {
        "week": _("Contacts per week"),
        "month": _("Contacts per month"),
        "year": _("Contacts per year"),
    }
    return Breakdown("timeline", titles[interval], rows)


def _topic_breakdown(figures: Figures) -> Breakdown:
    counts = {int(pk): np for pk, np in figures.of(Dimension.TOPIC).items()}
    # A deleted topic took its links to the records with it: its leftover summary rows are not shown.
    names = {t.pk: str(t) for t in topic_terms().filter(pk__in=list(counts))}
    rows = sorted(
        (Row(names[pk], n, p) for pk, (n, p) in counts.items() if pk in names),
        key=lambda r: (-r.contacts, r.label),
    )
    return Breakdown("topic", _("Contacts by topic"), tuple(rows))


def _district_counts(
    figures: Figures, all_districts: Iterable[District]
) -> dict[int | None, tuple[int, int]]:
    """Contacts and persons per district id, ``None`` for "not stated". A district deleted since counts as
    "not stated", as its records do (``SET_NULL``)."""
    known = {d.pk for d in all_districts}
    counts: dict[int | None, tuple[int, int]] = {}
    for value, (n, p) in figures.of(Dimension.DISTRICT).items():
        key = int(value) if value and int(value) in known else None
        old_n, old_p = counts.get(key, (0, 0))
        counts[key] = (old_n + n, old_p + p)
    return counts


def _district_breakdowns(
    figures: Figures, municipality: Municipality
) -> tuple[Breakdown, Breakdown, int, int]:
    all_districts = list(districts(municipality).order_by("name"))
    counts = _district_counts(figures, all_districts)
    rows = [Row(d.name, *counts.get(d.pk, (0, 0))) for d in all_districts]
    rows.append(Row(_("not stated"), *counts.get(None, (0, 0))))
    target = [d for d in all_districts if d.social_area]
    target_rows = tuple(Row(f"{d.name} ({d.social_area})", *counts.get(d.pk, (0, 0))) for d in target)
    with_district = sum(n for pk, (n, _p) in counts.items() if pk is not None)
    in_target = sum(row.contacts for row in target_rows)
    return (
        Breakdown("district", _("Contacts by district of residence"), tuple(rows)),
        Breakdown("target", _("Reach of the target districts"), target_rows),
        in_target,
        with_district,
    )


def _referral_figures(
    municipality: Municipality,
    office_ids: set[int] | None,
    date_from: date,
    date_to: date,
    office: Office | None,
    contacts_with_referral: int,
) -> ReferralFigures:
    referrals = Referral.objects.filter(
        municipality=municipality,
        created_at__gte=_day_start(date_from),
        created_at__lt=_day_start(date_to + timedelta(days=1)),
    ).for_offices(office_ids)
    if office is not None:
        referrals = referrals.filter(office=office)
    counts = dict(referrals.values("status").annotate(n=Count("pk")).order_by().values_list("status", "n"))
    rows = tuple(
        Row(str(label), counts.get(value, 0), counts.get(value, 0))
        for value, label in Referral.Status.choices
    )
    return ReferralFigures(contacts_with_referral, sum(counts.values()), rows)


#: Figures other apps contribute: ``function(municipality, *, office_ids, date_from, date_to) ->
#: list[tuple[label, number]]``. The functions below read the events and appointments apps; if one of those
#: apps is not installed, its figures show as "not recorded".


def event_figures(
    municipality: Municipality, *, office_ids: set[int] | None, date_from: date, date_to: date
) -> list[tuple[str, int]]:
    """Events with a session in the period, their sessions, confirmed participants and attendances."""
    from familienbuero.events.models import Attendance, Event, Registration, Session

    sessions = Session.objects.filter(
        event__municipality=municipality,
        starts_at__gte=_day_start(date_from),
        starts_at__lt=_day_start(date_to + timedelta(days=1)),
    ).exclude(event__status=Event.Status.CANCELLED)
    if office_ids is not None:
        sessions = sessions.filter(event__office_id__in=office_ids)
    counts = sessions.order_by().aggregate(sessions=Count("pk"), events=Count("event", distinct=True))
    participants = (
        Registration.objects.filter(
            event_id__in=sessions.values("event_id"), status=Registration.Status.CONFIRMED
        )
        .order_by()
        .count()
    )
    present = Attendance.objects.filter(session__in=sessions).order_by().count()
    return [
        (_("Events held"), counts["events"]),
        (_("Sessions held"), counts["sessions"]),
        (_("Participants with a confirmed place"), participants),
        (_("Attendances recorded (participants × sessions)"), present),
    ]


def consultation_figures(
    municipality: Municipality, *, office_ids: set[int] | None, date_from: date, date_to: date
) -> list[tuple[str, int]]:
    """Appointments held and missed and walk-in visitors seen, from the appointments app's counts."""
    from familienbuero.appointments.queries import attendance_counts

    totals: dict[str, int] = {}
    for row in attendance_counts(municipality, first=date_from, last=date_to, office_ids=office_ids):
        totals[row.status] = totals.get(row.status, 0) + row.count
    return [
        (_("Appointments attended"), totals.get("attended", 0)),
        (_("Appointments not attended"), totals.get("no_show", 0)),
        (_("Walk-in visitors seen"), totals.get("walk_in", 0)),
    ]


Hook = tuple[str, Callable[..., list[tuple[str, int]]]]
EVENTS_HOOK: Hook = ("familienbuero.events", event_figures)
CONSULTATIONS_HOOK: Hook = ("familienbuero.appointments", consultation_figures)


def other_app_figures(
    hook: Hook,
    municipality: Municipality,
    *,
    office_ids: set[int] | None,
    date_from: date,
    date_to: date,
) -> OtherAppFigures:
    app, function = hook
    if not apps.is_installed(app):
        return OtherAppFigures()
    rows = function(municipality, office_ids=office_ids, date_from=date_from, date_to=date_to)
    return OtherAppFigures(rows=tuple((str(label), value) for label, value in rows), recorded=True)


def dashboard(
    municipality: Municipality,
    *,
    office_ids: set[int] | None,
    date_from: date,
    date_to: date,
    office: Office | None = None,
    interval: str = "month",
) -> Dashboard:
    """The dashboard of the offices in ``office_ids`` (``None``: all) for the period, both days included."""
    qs = _summary(municipality, office_ids, date_from, date_to, office)
    figures = Figures(qs, Dimension.values)
    choice = _choice_breakdowns(figures, [key for key, _title, _enum in CHOICE_BREAKDOWNS])
    district, target, in_target, with_district = _district_breakdowns(figures, municipality)
    languages = Breakdown(
        "language",
        _("Contacts by language used"),
        tuple(
            sorted(
                (Row(language_label(code), n, p) for code, (n, p) in figures.of(Dimension.LANGUAGE).items()),
                key=lambda r: (-r.contacts, r.label),
            )
        ),
    )
    breakdowns = (
        _topic_breakdown(figures),
        choice["channel"],
        choice["target_group"],
        choice["age_band"],
        district,
        languages,
        choice["interpreter"],
        choice["place"],
        choice["duration"],
    )
    total_contacts, total_persons = figures.get(Dimension.TOTAL)
    referral_made = figures.get(Dimension.REFERRAL_MADE, YES)[0]
    return Dashboard(
        date_from=date_from,
        date_to=date_to,
        office=office,
        interval=interval,
        total_contacts=total_contacts,
        total_persons=total_persons,
        follow_up_needed=figures.get(Dimension.FOLLOW_UP_NEEDED, YES)[0],
        timeline=_timeline(qs, date_from, date_to, interval),
        breakdowns=breakdowns,
        target_districts=target,
        target_district_contacts=in_target,
        contacts_with_district=with_district,
        referrals=_referral_figures(municipality, office_ids, date_from, date_to, office, referral_made),
        events=other_app_figures(
            EVENTS_HOOK,
            municipality,
            office_ids=_ids(office_ids, office),
            date_from=date_from,
            date_to=date_to,
        ),
    )


def _ids(office_ids: set[int] | None, office: Office | None) -> set[int] | None:
    return {office.pk} if office is not None else office_ids


# --- annual report (funders) -------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnualReport:
    office: Office
    year: int
    total_contacts: int
    total_persons: int
    by_month: Breakdown
    by_target_group: Breakdown
    by_district: Breakdown
    by_topic: Breakdown
    referrals: ReferralFigures
    events: OtherAppFigures
    consultations: OtherAppFigures


def annual_report(municipality: Municipality, *, office: Office, year: int) -> AnnualReport:
    """What a funding programme asks of an office for a calendar year."""
    date_from, date_to = date(year, 1, 1), date(year, 12, 31)
    office_ids = {office.pk}
    qs = _summary(municipality, office_ids, date_from, date_to, None)
    figures = Figures(
        qs,
        [
            Dimension.TOTAL,
            Dimension.TARGET_GROUP,
            Dimension.DISTRICT,
            Dimension.TOPIC,
            Dimension.REFERRAL_MADE,
        ],
    )
    district, _target, _in_target, _with_district = _district_breakdowns(figures, municipality)
    total_contacts, total_persons = figures.get(Dimension.TOTAL)
    return AnnualReport(
        office=office,
        year=year,
        total_contacts=total_contacts,
        total_persons=total_persons,
        by_month=_timeline(qs, date_from, date_to, "month"),
        by_target_group=_choice_breakdowns(figures, ["target_group"])["target_group"],
        by_district=district,
        by_topic=_topic_breakdown(figures),
        referrals=_referral_figures(
            municipality, office_ids, date_from, date_to, None, figures.get(Dimension.REFERRAL_MADE, YES)[0]
        ),
        events=other_app_figures(
            EVENTS_HOOK, municipality, office_ids=office_ids, date_from=date_from, date_to=date_to
        ),
        consultations=other_app_figures(
            CONSULTATIONS_HOOK, municipality, office_ids=office_ids, date_from=date_from, date_to=date_to
        ),
    )


CORRECTION_DAYS = CORRECTION_WINDOW.days
NOT_RECORDED = gettext_lazy("not recorded")


def contact_figures(
    municipality: Municipality, *, office_ids: set[int] | None, date_from: date, date_to: date
) -> list[tuple[str, int]]:
    """The contact figures other apps show (e.g. a report to a funder), in the hook format
    ``[(label, number), …]`` that this app reads from the events and appointments apps."""
    figures = Figures(
        _summary(municipality, office_ids, date_from, date_to, None),
        [Dimension.TOTAL, Dimension.REFERRAL_MADE, Dimension.DISTRICT],
    )
    all_districts = list(districts(municipality))
    counts = _district_counts(figures, all_districts)
    target = sum(counts.get(d.pk, (0, 0))[0] for d in all_districts if d.social_area)
    contacts, persons = figures.get(Dimension.TOTAL)
    return [
        (_("Contacts"), contacts),
        (_("Persons reached"), persons),
        (_("Contacts with a referral"), figures.get(Dimension.REFERRAL_MADE, YES)[0]),
        (_("Contacts from target districts"), target),
    ]
