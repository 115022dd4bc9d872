"""Internship placement: suggestions (field, age, dates, free places) and the placement's way from
proposed to done. Youth data is minimal and erased by :func:`erase_youth_personal_data`."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.tenancy.models import Municipality
from familienbuero.volunteering import labels
from familienbuero.volunteering.models import InternshipOffer, Placement, YouthInterest

#: Placements that hold one of the offer's places.
HOLDING = (Placement.Status.ACCEPTED, Placement.Status.DONE)
_NEXT = {
    Placement.Status.PROPOSED: {Placement.Status.APPLIED, Placement.Status.CANCELLED},
    Placement.Status.APPLIED: {Placement.Status.ACCEPTED, Placement.Status.CANCELLED},
    Placement.Status.ACCEPTED: {Placement.Status.DONE, Placement.Status.CANCELLED},
    Placement.Status.DONE: set(),
    Placement.Status.CANCELLED: set(),
}


def next_statuses(status: str) -> list[str]:
    return [value for value in Placement.Status.values if value in _NEXT.get(status, set())]


def suggestions(interest: YouthInterest) -> QuerySet[InternshipOffer]:
    """Active offers of the interest's fields whose minimum age the youth reaches, whose dates overlap
    the youth's period and that still have a free place; best overlap first."""
    return (
        InternshipOffer.objects.filter(
            municipality_id=interest.municipality_id,
            is_active=True,
            field__in=interest.fields,
            min_age__lte=interest.age,
            starts_on__lte=interest.available_until,
            ends_on__gte=interest.available_from,
        )
        .exclude(placements__interest=interest)
        .annotate(taken=Count("placements", filter=Q(placements__status__in=HOLDING)))
        .filter(taken__lt=F("places"))
        .order_by("starts_on", "title")
    )


@transaction.atomic
def interest_create(*, municipality: Municipality, actor: User | None, **data: object) -> YouthInterest:
    interest = YouthInterest(municipality=municipality, entered_by=actor, **data)
    if not (interest.phone or interest.email):
        raise ValidationError(_("Enter a phone number or an email address."))
    if interest.available_from > interest.available_until:
        raise ValidationError({"available_until": _("The end cannot lie before the start.")})
    interest.full_clean()
    interest.save()
    return interest


@transaction.atomic
def placement_propose(*, interest: YouthInterest, offer: InternshipOffer) -> Placement:
    if offer.municipality_id != interest.municipality_id:
        raise ValidationError(_("Choose an offer from the list."))
    if interest.closed_at is not None:
        raise ValidationError(_("The interest is closed."))
    if Placement.objects.filter(interest=interest, offer=offer).exists():
        raise ValidationError(_("This offer was already proposed."))
    return Placement.objects.create(municipality_id=interest.municipality_id, interest=interest, offer=offer)


@transaction.atomic
def placement_update(*, placement: Placement, status: str, feedback: str = "") -> Placement:
    """Moves the placement on; acceptance takes one of the offer's places (checked under a lock)."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if status != placement.status:
        if status not in _NEXT.get(placement.status, set()):
            raise ValidationError({"status": _("This step is not possible from the current status.")})
        if status == Placement.Status.ACCEPTED:
            offer = InternshipOffer.objects.select_for_update().get(pk=placement.offer_id)
            taken = offer.placements.filter(status__in=HOLDING).count()
            if taken >= offer.places:
                raise ValidationError({"status": _("All places of this offer are taken.")})
        placement.status = status
    placement.feedback = feedback
    placement.updated_at = timezone.now()
    placement.save(update_fields=["status", "feedback", "updated_at"])
    return placement


@transaction.atomic
def interest_close(*, interest: YouthInterest) -> YouthInterest:
    interest = YouthInterest.objects.select_for_update().get(pk=interest.pk)
    if interest.closed_at is None:
        interest.closed_at = timezone.now()
        interest.save(update_fields=["closed_at"])
    return interest


def erase_youth_personal_data(*, now: datetime | None = None) -> int:
    """Blanks youths' first name and contact 180 days after the interest was closed, and at the latest
    one year after it was entered (then it is closed, too). Fields, age and placements stay."""
    now = now or timezone.now()
    closed_cutoff = now - timedelta(days=labels.YOUTH_RETENTION_DAYS)
    entered_cutoff = now - timedelta(days=365)
    with scopes_disabled():
        due = YouthInterest.objects.filter(personal_data_erased_at__isnull=True).filter(
            Q(closed_at__lt=closed_cutoff) | Q(created_at__lt=entered_cutoff)
        )
        due.filter(closed_at__isnull=True).update(closed_at=now)
        return due.update(first_name="", phone="", email="", personal_data_erased_at=now)
