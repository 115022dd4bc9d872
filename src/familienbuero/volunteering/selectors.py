"""Reads across models: the "Ehrenamt" overview figures and the tutors staff may assign."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet, Sum

from familienbuero.tenancy.models import Municipality
from familienbuero.volunteering.models import (
    InternshipOffer,
    Match,
    Placement,
    PlaygroundReport,
    Tutor,
    TutoringRequest,
    YouthInterest,
)


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
    placements = Placement.objects.filter(municipality=municipality)
    figures.update(
        offers_active=InternshipOffer.objects.filter(municipality=municipality, is_active=True).count(),
        interests_open=YouthInterest.objects.filter(
            municipality=municipality, closed_at__isnull=True
        ).count(),
        placements_running=placements.filter(
            status__in=[Placement.Status.PROPOSED, Placement.Status.APPLIED, Placement.Status.ACCEPTED]
        ).count(),
        placements_done=placements.filter(status=Placement.Status.DONE).count(),
    )
    from familienbuero.volunteering.playgrounds import OPEN_STATUSES, states

    playground_states = states(municipality, today)
    figures.update(
        playgrounds=len(playground_states),
        playgrounds_sponsored=sum(1 for state in playground_states if state.sponsors),
        checks_overdue=sum(1 for state in playground_states if state.overdue),
        defects_open=PlaygroundReport.objects.filter(
            municipality=municipality, kind=PlaygroundReport.Kind.DEFECT, status__in=OPEN_STATUSES
        ).count(),
    )
    return figures
