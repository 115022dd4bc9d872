"""Reads across models: the "Ehrenamt" overview figures and the tutors staff may assign."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet, Sum

from familienbuero.tenancy.models import Municipality
from familienbuero.volunteering.models import Match, Tutor, TutoringRequest


def eligible_tutors(municipality: Municipality, today: date) -> QuerySet[Tutor]:
    return Tutor.objects.filter(municipality=municipality).eligible(today).order_by("name")


def overview(municipality: Municipality, today: date) -> dict[str, int]:
    tutors = Tutor.objects.filter(municipality=municipality)
    requests = TutoringRequest.objects.filter(municipality=municipality)
    matches = Match.objects.filter(municipality=municipality)
    figures = {
        "tutors_pending": tutors.filter(status=Tutor.Status.PENDING).count(),
        "tutors_eligible": tutors.eligible(today).count(),
        "tutors_clearance_overdue": tutors.clearance_overdue(today).count(),
        "requests_open": requests.filter(status=TutoringRequest.Status.OPEN).count(),
        "matches_proposed": matches.filter(status=Match.Status.PROPOSED).count(),
        "matches_confirmed": matches.filter(status=Match.Status.CONFIRMED).count(),
        "sessions_held": matches.aggregate(total=Sum("sessions_held"))["total"] or 0,
    }
    return figures
