"""Reads of the contacts app: the dashboard figures and the annual report of an office.

(The project calls such modules ``selectors.py``; here that name would shadow the standard library's
``selectors`` whenever a tool runs Python from inside the app directory, as ``makemessages`` does.)

Every figure is an aggregate computed by the database (``GROUP BY`` with ``COUNT``/``SUM``, time buckets
with ``TruncWeek``/``TruncMonth``/``TruncYear``); Python only loops over the resulting groups, never over
contact rows. The results are plain dataclasses with labels and numbers, so templates and exports cannot
reach a record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek, TruncYear
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
    Duration,
    Interpreter,
    Place,
    TargetGroup,
    language_label,
)
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


def _period_filter(
    municipality: Municipality,
    office_ids: set[int] | None,
    date_from: date,
    date_to: date,
    office: Office | None,
    prefix: str = "",
) -> Q:
    """The filter of the contacts in the period, optionally through a relation (``prefix``)."""
    q = Q(
        **{
            f"{prefix}municipality": municipality,
            f"{prefix}contact_at__gte": _day_start(date_from),
            f"{prefix}contact_at__lt": _day_start(date_to + timedelta(days=1)),
        }
    )
    if office_ids is not None:
        q &= Q(**{f"{prefix}office_id__in": office_ids})
    if office is not None:
        q &= Q(**{f"{prefix}office": office})
    return q


def _grouped(qs: QuerySet[ContactRecord], column: str) -> dict[Any, tuple[int, int]]:
    return {
        key: (n, persons or 0)
        for key, n, persons in qs.values(column)
        .annotate(n=Count("pk"), p=Sum("persons"))
        .order_by()
        .values_list(column, "n", "p")
    }


#: The breakdowns over a fixed set of choices: counted in one pass over the rows (conditional aggregates)
#: instead of one ``GROUP BY`` scan each.
CHOICE_BREAKDOWNS: tuple[tuple[str, Any, Any], ...] = (
    ("channel", gettext_lazy("Contacts by channel"), Channel),
    ("target_group", gettext_lazy("Contacts by target group"), TargetGroup),
    ("age_band", gettext_lazy("Contacts by age band"), AgeBand),
    ("interpreter", gettext_lazy("Interpreter"), Interpreter),
    ("place", gettext_lazy("Contacts by place"), Place),
    ("duration", gettext_lazy("Contacts by duration"), Duration),
)


def _totals_and_choices(
    qs: QuerySet[ContactRecord], keys: Iterable[str]
) -> tuple[dict[str, Any], dict[str, Breakdown]]:
    """Totals and the choice breakdowns named in ``keys``, all from a single aggregate query."""
    wanted = [(key, title, enum) for key, title, enum in CHOICE_BREAKDOWNS if key in set(keys)]
    aggregates: dict[str, Any] = {
        "n": Count("pk"),
        "p": Sum("persons"),
        "referral": Count("pk", filter=Q(referral_made=True)),
        "follow_up": Count("pk", filter=Q(follow_up_needed=True)),
    }
    for key, _title, enum in wanted:
        for index, value in enumerate(enum.values):
            aggregates[f"{key}_{index}_n"] = Count("pk", filter=Q(**{key: value}))
            aggregates[f"{key}_{index}_p"] = Sum("persons", filter=Q(**{key: value}))
    result = qs.aggregate(**aggregates)
    breakdowns = {
        key: Breakdown(
            key,
            str(title),
            tuple(
                Row(str(label), result[f"{key}_{index}_n"], result[f"{key}_{index}_p"] or 0)
                for index, label in enumerate(enum.labels)
            ),
        )
        for key, title, enum in wanted
    }
    return result, breakdowns


def _periods(date_from: date, date_to: date, interval: str) -> list[date]:
    """The first day of every bucket in the period (weeks start on Monday, as TruncWeek's do)."""
    if interval == "week":
        start = date_from - timedelta(days=date_from.weekday())
        return [start + timedelta(weeks=i) for i in range((date_to - start).days // 7 + 1)]
    if interval == "year":
        return [date(year, 1, 1) for year in range(date_from.year, date_to.year + 1)]
    months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month
    return [date(date_from.year + (date_from.month - 1 + i) // 12, (date_from.month - 1 + i) % 12 + 1, 1)
            for i in range(months + 1)]  # fmt: skip


def _period_label(day: date, interval: str) -> str:
    if interval == "week":
        year, week, _weekday = day.isocalendar()
        return _("week %(week)d/%(year)d") % {"week": week, "year": year}
    if interval == "year":
        return str(day.year)
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


TRUNC = {"week": TruncWeek, "month": TruncMonth, "year": TruncYear}


def _timeline(qs: QuerySet[ContactRecord], date_from: date, date_to: date, interval: str) -> Breakdown:
    trunc = TRUNC[interval]("contact_at")
    counts = {
        timezone.localtime(bucket).date() if isinstance(bucket, datetime) else bucket: (n, p or 0)
        for bucket, n, p in qs.annotate(bucket=trunc)
        .values("bucket")
        .annotate(n=Count("pk"), p=Sum("persons"))
        .order_by()
        .values_list("bucket", "n", "p")
    }
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


def _topic_breakdown(q_through: Q) -> Breakdown:
    through = ContactRecord.topics.through
    counts = list(
        through.objects.filter(q_through)
        .values("taxonomyterm_id")
        .annotate(n=Count("contactrecord_id"), p=Sum("contactrecord__persons"))
        .order_by()
        .values_list("taxonomyterm_id", "n", "p")
    )
    names = {t.pk: str(t) for t in topic_terms().filter(pk__in=[pk for pk, _n, _p in counts])}
    rows = sorted((Row(names[pk], n, p or 0) for pk, n, p in counts), key=lambda r: (-r.contacts, r.label))
    return Breakdown("topic", _("Contacts by topic"), tuple(rows))


def _district_breakdowns(
    qs: QuerySet[ContactRecord], municipality: Municipality
) -> tuple[Breakdown, Breakdown, int, int]:
    counts = _grouped(qs, "district")
    all_districts = list(districts(municipality).order_by("name"))
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
    qs = ContactRecord.objects.filter(_period_filter(municipality, office_ids, date_from, date_to, office))
    qs = qs.order_by()
    totals, choice = _totals_and_choices(qs, [key for key, _title, _enum in CHOICE_BREAKDOWNS])
    district, target, in_target, with_district = _district_breakdowns(qs, municipality)
    language_counts = _grouped(qs, "language")
    languages = Breakdown(
        "language",
        _("Contacts by language used"),
        tuple(
            sorted(
                (Row(language_label(code), n, p) for code, (n, p) in language_counts.items()),
                key=lambda r: (-r.contacts, r.label),
            )
        ),
    )
    breakdowns = (
        _topic_breakdown(
            _period_filter(municipality, office_ids, date_from, date_to, office, "contactrecord__")
        ),
        choice["channel"],
        choice["target_group"],
        choice["age_band"],
        district,
        languages,
        choice["interpreter"],
        choice["place"],
        choice["duration"],
    )
    return Dashboard(
        date_from=date_from,
        date_to=date_to,
        office=office,
        interval=interval,
        total_contacts=totals["n"],
        total_persons=totals["p"] or 0,
        follow_up_needed=totals["follow_up"],
        timeline=_timeline(qs, date_from, date_to, interval),
        breakdowns=breakdowns,
        target_districts=target,
        target_district_contacts=in_target,
        contacts_with_district=with_district,
        referrals=_referral_figures(municipality, office_ids, date_from, date_to, office, totals["referral"]),
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
    qs = ContactRecord.objects.filter(
        _period_filter(municipality, office_ids, date_from, date_to, None)
    ).order_by()
    totals, choice = _totals_and_choices(qs, ["target_group"])
    district, _target, _in_target, _with_district = _district_breakdowns(qs, municipality)
    return AnnualReport(
        office=office,
        year=year,
        total_contacts=totals["n"],
        total_persons=totals["p"] or 0,
        by_month=_timeline(qs, date_from, date_to, "month"),
        by_target_group=choice["target_group"],
        by_district=district,
        by_topic=_topic_breakdown(
            _period_filter(municipality, office_ids, date_from, date_to, None, "contactrecord__")
        ),
        referrals=_referral_figures(municipality, office_ids, date_from, date_to, None, totals["referral"]),
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
    qs = ContactRecord.objects.filter(_period_filter(municipality, office_ids, date_from, date_to, None))
    totals = qs.order_by().aggregate(
        n=Count("pk"),
        p=Sum("persons"),
        referral=Count("pk", filter=Q(referral_made=True)),
        target=Count("pk", filter=~Q(district__social_area="") & Q(district__isnull=False)),
    )
    return [
        (_("Contacts"), totals["n"]),
        (_("Persons reached"), totals["p"] or 0),
        (_("Contacts with a referral"), totals["referral"]),
        (_("Contacts from target districts"), totals["target"]),
    ]
