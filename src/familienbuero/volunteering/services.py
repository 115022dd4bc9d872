"""Writes of the volunteering app: one function per use case, each atomic.

Mail goes out after the commit (``transaction.on_commit``) and says only what the recipient needs: the
tutor learns the child's first name or pseudonym and the way to reach the parent; the parent learns the
tutor's name and contact. Nothing else of the other side is passed on.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.core import processing
from familienbuero.tenancy.models import District, Municipality, Office
from familienbuero.volunteering import matching
from familienbuero.volunteering.models import Match, Tutor, TutoringRequest

logger = logging.getLogger(__name__)

TUTOR_PERSONAL_FIELDS = ("name", "email", "phone")
REQUEST_PERSONAL_FIELDS = ("child_name", "parent_phone", "parent_email")


def _mail(subject: str, body: str, to: str) -> None:
    if not to:
        return
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except Exception:  # a failed mail must not undo the confirmation; staff see the contact anyway
        logger.exception("volunteering mail failed")


# --- tutors ----------------------------------------------------------------------------------------


@transaction.atomic
def tutor_register(*, municipality: Municipality, **data: object) -> Tutor:
    """A volunteer's self-registration (public form): waits for the staff review."""
    tutor = Tutor(municipality=municipality, status=Tutor.Status.PENDING, **data)
    tutor.full_clean()
    tutor.save()
    email = tutor.email
    with override("de"):
        subject = _("Your registration as a volunteer tutor")
        body = _(
            "Thank you for registering as a volunteer tutor with the family office %(municipality)s.\n\n"
            "We will contact you to get to know you. Before your first tutoring we need to see your extended "
            "police clearance certificate, and you take part in a short introduction."
        ) % {"municipality": municipality.name}
    transaction.on_commit(lambda: _mail(subject, body, email))
    return tutor


@transaction.atomic
def tutor_review(
    *,
    tutor: Tutor,
    actor: User,
    status: str,
    clearance_seen_on: date | None,
    training_done: bool,
) -> Tutor:
    """Staff review: approve, record the clearance certificate (date seen, by whom) and the training."""
    tutor = Tutor.objects.select_for_update().get(pk=tutor.pk)
    if clearance_seen_on and clearance_seen_on > timezone.localdate():
        raise ValidationError({"clearance_seen_on": _("The date cannot be in the future.")})
    if clearance_seen_on != tutor.clearance_seen_on:
        tutor.clearance_seen_by = actor if clearance_seen_on else None
    tutor.clearance_seen_on = clearance_seen_on
    tutor.training_done = training_done
    if status != tutor.status:
        tutor.ended_at = timezone.now() if status == Tutor.Status.INACTIVE else None
    tutor.status = status
    tutor.save()
    if status == Tutor.Status.INACTIVE:
        Match.objects.filter(tutor=tutor, status=Match.Status.PROPOSED).delete()
    return tutor


# --- requests --------------------------------------------------------------------------------------


@transaction.atomic
def request_create(*, municipality: Municipality, actor: User | None, **data: object) -> TutoringRequest:
    request = TutoringRequest(municipality=municipality, created_by=actor, **data)
    if not request.child_name.strip():
        raise ValidationError({"child_name": _("Enter a first name or a pseudonym.")})
    if not (request.parent_phone or request.parent_email):
        raise ValidationError(_("Enter a phone number or an email address of a parent."))
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def request_close(*, request: TutoringRequest, actor: User | None) -> TutoringRequest:
    request = TutoringRequest.objects.select_for_update().get(pk=request.pk)
    now = timezone.now()
    Match.objects.filter(request=request, status=Match.Status.PROPOSED).delete()
    Match.objects.filter(request=request, status=Match.Status.CONFIRMED).update(
        status=Match.Status.ENDED, ended_at=now
    )
    request.status, request.closed_at = TutoringRequest.Status.CLOSED, now
    request.save(update_fields=["status", "closed_at"])
    return request


# --- matching --------------------------------------------------------------------------------------


def _free_places(municipality: Municipality, today: date) -> dict[int, tuple[Tutor, int]]:
    tutors = (
        Tutor.objects.filter(municipality=municipality)
        .eligible(today)
        .annotate(active=Count("matches", filter=Q(matches__status__in=Match.ACTIVE)))
    )
    return {t.pk: (t, t.max_pupils - t.active) for t in tutors if t.max_pupils > t.active}


def tutor_spec(tutor: Tutor, capacity: int) -> matching.TutorSpec:
    return matching.TutorSpec(
        key=tutor.pk,
        subjects=frozenset(tutor.subjects),
        grade_min=tutor.grade_min,
        grade_max=tutor.grade_max,
        school_types=frozenset(tutor.school_types),
        languages=frozenset(tutor.languages),
        slots=frozenset(tutor.slots),
        places=frozenset(tutor.places),
        district=tutor.district_id,
        capacity=capacity,
    )


def request_spec(request: TutoringRequest) -> matching.RequestSpec:
    return matching.RequestSpec(
        key=request.pk,
        subjects=frozenset(request.subjects),
        grade=request.grade,
        school_type=request.school_type,
        languages=frozenset(request.languages),
        slots=frozenset(request.slots),
        places=frozenset(request.places),
        district=request.district_id,
        priority=request.has_priority,
    )


def district_distances(municipality: Municipality) -> dict[tuple[object, object], float]:
    """Kilometres between the centres of the municipality's districts (those with coordinates)."""
    centres = [
        (d.pk, float(d.latitude), float(d.longitude))
        for d in District.objects.filter(
            municipality=municipality, latitude__isnull=False, longitude__isnull=False
        )
    ]
    return {
        (a, b): matching.haversine_km(lat_a, lon_a, lat_b, lon_b)
        for a, lat_a, lon_a in centres
        for b, lat_b, lon_b in centres
    }


@transaction.atomic
def propose_matches(*, municipality: Municipality, today: date | None = None) -> list[Match]:
    """Runs the optimal matching over the open requests without a match and the free places of eligible
    tutors, and stores the pairs as proposals for staff to confirm or override."""
    today = today or timezone.localdate()
    # Tutors are locked so that two runs (or a run and a confirmation) do not overfill a tutor.
    list(Tutor.objects.select_for_update().filter(municipality=municipality).order_by("pk").values_list("pk"))
    free = _free_places(municipality, today)
    open_requests = list(
        TutoringRequest.objects.filter(municipality=municipality, status=TutoringRequest.Status.OPEN)
        .exclude(matches__status__in=Match.ACTIVE)
        .order_by("created_at", "pk")
    )
    result = matching.assign(
        [tutor_spec(tutor, places) for tutor, places in free.values()],
        [request_spec(r) for r in open_requests],
        district_distances(municipality),
    )
    by_pk = {r.pk: r for r in open_requests}
    return [
        Match.objects.create(
            municipality=municipality, request=by_pk[request_pk], tutor=free[tutor_pk][0], score=value
        )
        for request_pk, tutor_pk, value in result.pairs
    ]


def _announce(match: Match, contact_url: str = "") -> None:
    tutor, request = match.tutor, match.request
    municipality = match.municipality
    parent_contact = ", ".join(x for x in (request.parent_phone, request.parent_email) if x)
    tutor_contact = ", ".join(x for x in (tutor.phone, tutor.email) if x)
    with override("de"):
        tutor_subject = _("A pupil for your tutoring")
        tutor_body = _(
            "Hello %(tutor)s,\n\nthe family office %(municipality)s has matched you with %(child)s "
            "(grade %(grade)s). Please contact the parents: %(contact)s.\n\nThank you for your help!"
        ) % {
            "tutor": tutor.name,
            "municipality": municipality.name,
            "child": request.child_name,
            "grade": request.grade,
            "contact": parent_contact,
        }
        parent_subject = _("Free tutoring for your child")
        parent_body = _(
            "Hello,\n\nthe family office %(municipality)s has found a volunteer tutor for %(child)s: "
            "%(tutor)s (%(contact)s). The tutor will contact you soon.\n\nThe tutoring is free of charge."
        ) % {
            "municipality": municipality.name,
            "child": request.child_name,
            "tutor": tutor.name,
            "contact": tutor_contact,
        }
    tutor_email, parent_email = tutor.email, request.parent_email
    transaction.on_commit(lambda: _mail(tutor_subject, tutor_body, tutor_email))
    transaction.on_commit(lambda: _mail(parent_subject, parent_body, parent_email))


@transaction.atomic
def match_confirm(*, match: Match, actor: User) -> Match:
    """Staff confirm a proposal; tutor and parent are informed by mail."""
    match = (
        Match.objects.select_for_update().select_related("tutor", "request", "municipality").get(pk=match.pk)
    )
    if match.status != Match.Status.PROPOSED:
        raise ValidationError(_("Only a proposed match can be confirmed."))
    if not match.tutor.is_eligible(timezone.localdate()):
        raise ValidationError(_("The tutor's clearance certificate or training is missing or overdue."))
    match.status, match.confirmed_at, match.confirmed_by = Match.Status.CONFIRMED, timezone.now(), actor
    match.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    TutoringRequest.objects.filter(pk=match.request_id).update(status=TutoringRequest.Status.MATCHED)
    _announce(match)
    return match


@transaction.atomic
def match_override(*, request: TutoringRequest, tutor: Tutor, actor: User) -> Match:
    """Staff choose the tutor themselves (instead of or without a proposal) and confirm at once. The
    tutor must be eligible and have a free place; fit is the staff's judgement."""
    tutor = Tutor.objects.select_for_update().get(pk=tutor.pk)
    request = TutoringRequest.objects.select_for_update().get(pk=request.pk)
    if tutor.municipality_id != request.municipality_id:
        raise ValidationError({"tutor": _("Choose a tutor from the list.")})
    if not tutor.is_eligible(timezone.localdate()):
        raise ValidationError(
            {"tutor": _("The tutor's clearance certificate or training is missing or overdue.")}
        )
    if request.status == TutoringRequest.Status.CLOSED:
        raise ValidationError(_("The request is closed."))
    if request.matches.filter(status=Match.Status.CONFIRMED).exists():
        raise ValidationError(_("The request already has a confirmed tutor; end that match first."))
    request.matches.filter(status=Match.Status.PROPOSED).delete()
    active = tutor.matches.filter(status__in=Match.ACTIVE).count()
    if active >= tutor.max_pupils:
        raise ValidationError({"tutor": _("The tutor has no free place.")})
    spec_value = matching.value(tutor_spec(tutor, 1), request_spec(request))
    match = Match.objects.create(
        municipality_id=request.municipality_id,
        request=request,
        tutor=tutor,
        score=spec_value,
        overridden=True,
        status=Match.Status.CONFIRMED,
        confirmed_at=timezone.now(),
        confirmed_by=actor,
    )
    request.status = TutoringRequest.Status.MATCHED
    request.save(update_fields=["status"])
    _announce(match)
    return match


@transaction.atomic
def match_discard(*, match: Match) -> None:
    if match.status != Match.Status.PROPOSED:
        raise ValidationError(_("Only a proposed match can be discarded."))
    match.delete()


@transaction.atomic
def match_end(*, match: Match, actor: User | None, close_request: bool = True) -> Match:
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.status != Match.Status.CONFIRMED:
        raise ValidationError(_("Only a confirmed match can be ended."))
    now = timezone.now()
    match.status, match.ended_at = Match.Status.ENDED, now
    match.save(update_fields=["status", "ended_at"])
    request = TutoringRequest.objects.select_for_update().get(pk=match.request_id)
    if close_request:
        request.status, request.closed_at = TutoringRequest.Status.CLOSED, now
    else:
        request.status = TutoringRequest.Status.OPEN
    request.save(update_fields=["status", "closed_at"])
    return match


def _contact_office(municipality: Municipality, actor: User | None) -> Office | None:
    from familienbuero.accounts import permissions

    offices = Office.objects.filter(municipality=municipality, is_active=True).order_by("pk")
    ids = permissions.office_ids_for(actor, municipality.pk) if actor is not None else None
    if ids:
        offices = offices.filter(pk__in=ids)
    return offices.first()


@transaction.atomic
def session_log(*, match: Match, actor: User | None, held_at: datetime | None = None) -> int:
    """One tutoring session held: counted on the match and — where the contacts app is installed —
    recorded as one anonymous contact (nothing of the child or the tutor goes with it)."""
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.status != Match.Status.CONFIRMED:
        raise ValidationError(_("Sessions can only be logged for a confirmed match."))
    Match.objects.filter(pk=match.pk).update(sessions_held=F("sessions_held") + 1)
    record_anonymous_contact(municipality=match.municipality, actor=actor, at=held_at or timezone.now())
    return match.sessions_held + 1


def record_anonymous_contact(*, municipality: Municipality, actor: User | None, at: datetime) -> bool:
    """Hands one anonymous contact (a child, about an hour, nothing else) to the contacts app's
    ``record_contact`` if that app is installed; ``False`` otherwise or if it refuses (the session count
    on the match is then the only record, and the refusal is logged)."""
    if not apps.is_installed("familienbuero.contacts"):
        return False
    try:
        from familienbuero.contacts import models as contact_models
        from familienbuero.contacts.services import record_contact
    except ImportError:
        return False
    office = _contact_office(municipality, actor)
    if office is None:
        return False
    fields = {
        "contact_at": at,
        "channel": contact_models.Channel.APPOINTMENT,
        "place": contact_models.Place.COUNSELLING_ROOM,
        "duration": contact_models.Duration.UP_TO_60,
        "target_group": contact_models.TargetGroup.CHILD,
        "age_band": contact_models.AgeBand.NOT_STATED,
        "persons": 1,
    }
    try:
        with transaction.atomic():  # a savepoint: a refusal must not undo the session count
            record_contact(office=office, actor=actor, **fields)
    except Exception:
        logger.warning("volunteering: contacts.record_contact refused a tutoring session", exc_info=True)
        return False
    return True


# --- retention -------------------------------------------------------------------------------------


def _retention_days(key: str) -> int:
    for entry in processing.REGISTRY:
        if entry.key == key and entry.retention_days:
            return entry.retention_days
    raise LookupError(key)


def erase_tutoring_personal_data(*, now: datetime | None = None) -> int:
    """Blanks tutors' contact data once they are inactive for the retention period, and children's and
    parents' data once the request is closed for the retention period. Counts stay."""
    now = now or timezone.now()
    erased = 0
    with scopes_disabled():
        tutor_cutoff = now - timedelta(days=_retention_days("volunteering-tutors"))
        erased += Tutor.objects.filter(
            status=Tutor.Status.INACTIVE, ended_at__lt=tutor_cutoff, personal_data_erased_at__isnull=True
        ).update(name="", email="", phone="", personal_data_erased_at=now)
        request_cutoff = now - timedelta(days=_retention_days("volunteering-tutoring-requests"))
        erased += TutoringRequest.objects.filter(
            status=TutoringRequest.Status.CLOSED,
            closed_at__lt=request_cutoff,
            personal_data_erased_at__isnull=True,
        ).update(child_name="", parent_phone="", parent_email="", personal_data_erased_at=now)
    return erased
