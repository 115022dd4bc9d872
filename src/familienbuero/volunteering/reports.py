"""Volunteering figures for statistics and funder reports, in the hook format of the funding app
(``function(municipality, *, office_ids, date_from, date_to) -> list[tuple[label, number]]``).
Volunteering is coordinated for the whole municipality, so ``office_ids`` does not narrow it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from familienbuero.tenancy.models import Municipality
from familienbuero.volunteering.models import Match, Placement, PlaygroundReport, Tutor


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def volunteering_figures(
    municipality: Municipality, *, office_ids: set[int] | None = None, date_from: date, date_to: date
) -> list[tuple[str, int]]:
    start, end = _start(date_from), _start(date_to + timedelta(days=1))
    with scopes_disabled():
        matches = Match.objects.filter(municipality=municipality)
        confirmed = matches.filter(confirmed_at__gte=start, confirmed_at__lt=end)
        running = matches.filter(confirmed_at__lt=end).exclude(ended_at__lt=start).exclude(confirmed_at=None)
        reports = PlaygroundReport.objects.filter(
            municipality=municipality, reported_at__gte=start, reported_at__lt=end
        )
        return [
            (
                _("Volunteer tutors who may be matched (today)"),
                Tutor.objects.filter(municipality=municipality).eligible(timezone.localdate()).count(),
            ),
            (_("Tutoring matches confirmed"), confirmed.count()),
            (_("Children with tutoring in the period"), running.values("request").distinct().count()),
            (
                _("Tutoring sessions recorded (all time, matches running in the period)"),
                running.aggregate(n=Sum("sessions_held"))["n"] or 0,
            ),
            (
                _("Internships completed"),
                Placement.objects.filter(
                    municipality=municipality,
                    status=Placement.Status.DONE,
                    updated_at__gte=start,
                    updated_at__lt=end,
                ).count(),
            ),
            (_("Playground checks reported"), reports.filter(kind=PlaygroundReport.Kind.CHECK).count()),
            (_("Playground defects reported"), reports.filter(kind=PlaygroundReport.Kind.DEFECT).count()),
        ]
