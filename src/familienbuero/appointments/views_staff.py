"""Back office: day and week view per room and per provider, a booking with attended / did not come,
the consultation hours, the walk-in queue and the counsellor's calendar feed.

Provider staff see their organisation's hours and bookings, office staff those held in their offices,
coordinators everything; anything else is 404 (``queries.visible_*``)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts import permissions
from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.models import Membership, User
from familienbuero.accounts.roles import Capability
from familienbuero.appointments import queries, services
from familienbuero.appointments.forms import CalendarFilterForm, ExceptionForm, HoursForm
from familienbuero.appointments.models import Booking, ConsultationHours, CounsellorFeed
from familienbuero.directory.models import Organization, Service
from familienbuero.privacy.models import AccessLog
from familienbuero.privacy.services import record_access
from familienbuero.referrals.selectors import language_name


def _url(request: HttpRequest, name: str, **kwargs: object) -> str:
    return reverse(
        f"appointments-staff:{name}",
        kwargs={"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE, **kwargs},
    )


# --- day and week view ---------------------------------------------------------------------------------


def _calendar(request: HttpRequest, *, days: int, template: str) -> HttpResponse:
    municipality, user = request.municipality, request.user
    rooms = [(room.pk, str(room)) for room in queries.visible_rooms(user, municipality)]
    providers = queries.visible_providers(user, municipality)
    form = CalendarFilterForm(request.GET or None, rooms=rooms, providers=providers)
    first = timezone.localdate()
    room_id, provider_key = None, ""
    if form.is_valid():
        first = form.cleaned_data["datum"] or first
        room_id = form.cleaned_data["raum"]
        provider_key = form.cleaned_data["anbieter"]
    if days == 7:
        first -= timedelta(days=first.weekday())
    calendar = queries.calendar(
        user, municipality, first=first, days=days, room_id=room_id, provider_key=provider_key
    )
    query = request.GET.copy()
    query.pop("datum", None)
    return render(
        request,
        template,
        {
            "form": form,
            "calendar": calendar,
            "first": first,
            "previous": first - timedelta(days=days),
            "next": first + timedelta(days=days),
            "query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


@staff_required(Capability.MANAGE_CONSULTATIONS)
def day(request: HttpRequest) -> HttpResponse:
    return _calendar(request, days=1, template="appointments/staff/day.html")


@staff_required(Capability.MANAGE_CONSULTATIONS)
def week(request: HttpRequest) -> HttpResponse:
    return _calendar(request, days=7, template="appointments/staff/week.html")


# --- one booking ---------------------------------------------------------------------------------------


def _render_booking(request: HttpRequest, booking: Booking, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "appointments/staff/booking.html",
        {
            "booking": booking,
            "interpreter_language": language_name(booking.interpreter_language),
            "can_mark": booking.status != Booking.Status.CANCELLED and booking.starts_at <= timezone.now(),
            "can_cancel": booking.status == Booking.Status.BOOKED and booking.starts_at > timezone.now(),
        },
        status=status,
    )


@staff_required(Capability.MANAGE_CONSULTATIONS)
def booking_detail(request: HttpRequest, booking_uuid: uuid.UUID) -> HttpResponse:
    booking = queries.visible_booking_or_404(request.user, request.municipality, booking_uuid)
    record_access(request, booking, AccessLog.Action.VIEW)
    return _render_booking(request, booking)


@staff_required(Capability.MANAGE_CONSULTATIONS)
@require_POST
def booking_attendance(request: HttpRequest, booking_uuid: uuid.UUID) -> HttpResponse:
    booking = queries.visible_booking_or_404(request.user, request.municipality, booking_uuid)
    outcome = request.POST.get("outcome")
    if outcome not in {"attended", "no_show"}:
        messages.error(request, _("Choose attended or did not come."))
        return _render_booking(request, booking, status=422)
    try:
        services.record_attendance(booking=booking, attended=outcome == "attended", actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_booking(request, booking, status=422)
    messages.success(request, _("Recorded."))
    return redirect(_url(request, "booking", booking_uuid=booking.uuid))


@staff_required(Capability.MANAGE_CONSULTATIONS)
@require_POST
def booking_cancel(request: HttpRequest, booking_uuid: uuid.UUID) -> HttpResponse:
    booking = queries.visible_booking_or_404(request.user, request.municipality, booking_uuid)
    try:
        services.cancel_booking(booking=booking, by_family=False)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_booking(request, booking, status=422)
    messages.success(request, _("The appointment is cancelled; the family is informed if we have an email."))
    return redirect(_url(request, "booking", booking_uuid=booking.uuid))


# --- consultation hours --------------------------------------------------------------------------------


@staff_required(Capability.MANAGE_CONSULTATIONS)
def hours_list(request: HttpRequest) -> HttpResponse:
    hours = queries.visible_hours(request.user, request.municipality).order_by("title", "pk")
    return render(request, "appointments/staff/hours_list.html", {"hours_list": hours})


def _hours_form(request: HttpRequest, instance: ConsultationHours | None) -> HoursForm:
    municipality, user = request.municipality, request.user
    office_ids = permissions.office_ids_for(user, municipality.pk)
    org_ids = permissions.organization_ids_for(user, municipality.pk, Capability.MANAGE_CONSULTATIONS)
    organizations = Organization.objects.filter(municipality=municipality)
    if office_ids is not None:
        # Office staff hold hours of any provider in their office; provider staff only their own.
        organizations = organizations if office_ids else organizations.filter(pk__in=org_ids)
    offices = queries.managed_offices(user, municipality)
    if office_ids is not None and not office_ids:
        # Provider staff counsel in every office of the municipality.
        offices = offices.model.objects.filter(municipality=municipality, is_active=True)
    services_qs = Service.objects.filter(municipality=municipality).prefetch_related("translations")
    # Counsellors: staff of the municipality; provider staff choose among their organisation's staff.
    members = Membership.objects.filter(municipality=municipality, user__is_active=True)
    if office_ids is not None and not office_ids:
        members = members.filter(organization_id__in=org_ids)
    counsellors = User.objects.filter(pk__in=members.values("user_id")).order_by("last_name", "username")
    return HoursForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        offices=offices,
        organizations=organizations.order_by("name"),
        own_team_allowed=office_ids is None or bool(office_ids),
        services=services_qs,
        counsellors=counsellors,
    )


def _save_hours(request: HttpRequest, instance: ConsultationHours | None) -> HttpResponse:
    form = _hours_form(request, instance)
    if request.method == "POST":
        form.instance.municipality = request.municipality
        if form.is_valid():
            hours = form.save()
            messages.success(request, _("The consultation hours are saved."))
            return redirect(_url(request, "hours-edit", hours_uuid=hours.uuid))
    status = 422 if request.method == "POST" else 200
    return _render_hours(request, instance, form=form, status=status)


def _render_hours(
    request: HttpRequest,
    instance: ConsultationHours | None,
    *,
    form: HoursForm | None = None,
    exception_form: ExceptionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, object] = {"form": form or _hours_form(request, instance), "hours": instance}
    if instance is not None:
        context["exceptions"] = instance.exceptions.filter(date__gte=timezone.localdate())
        context["exception_form"] = exception_form or ExceptionForm(hours=instance)
    return render(request, "appointments/staff/hours_form.html", context, status=status)


@staff_required(Capability.MANAGE_CONSULTATIONS)
def hours_create(request: HttpRequest) -> HttpResponse:
    return _save_hours(request, None)


@staff_required(Capability.MANAGE_CONSULTATIONS)
def hours_edit(request: HttpRequest, hours_uuid: uuid.UUID) -> HttpResponse:
    return _save_hours(request, queries.visible_hours_or_404(request.user, request.municipality, hours_uuid))


@staff_required(Capability.MANAGE_CONSULTATIONS)
@require_POST
def exception_add(request: HttpRequest, hours_uuid: uuid.UUID) -> HttpResponse:
    hours = queries.visible_hours_or_404(request.user, request.municipality, hours_uuid)
    form = ExceptionForm(request.POST, hours=hours)
    if not form.is_valid():
        return _render_hours(request, hours, exception_form=form, status=422)
    form.save()
    messages.success(request, _("The exception is saved."))
    return redirect(_url(request, "hours-edit", hours_uuid=hours.uuid))


@staff_required(Capability.MANAGE_CONSULTATIONS)
@require_POST
def exception_delete(request: HttpRequest, hours_uuid: uuid.UUID, exception_pk: int) -> HttpResponse:
    hours = queries.visible_hours_or_404(request.user, request.municipality, hours_uuid)
    exception = hours.exceptions.filter(pk=exception_pk).first()
    if exception is None:
        raise Http404
    exception.delete()
    messages.success(request, _("The exception is removed."))
    return redirect(_url(request, "hours-edit", hours_uuid=hours.uuid))


# --- walk-in queue -------------------------------------------------------------------------------------


@staff_required(Capability.RECEPTION)
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    queues = [
        queries.queue(office, today)
        for office in queries.reception_offices(request.user, request.municipality)
    ]
    return render(request, "appointments/staff/queue.html", {"queues": queues})


@staff_required(Capability.RECEPTION)
@require_POST
def queue_add(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = queries.reception_office_or_404(request.user, request.municipality, office_slug)
    ticket = services.draw_ticket(office=office)
    return render(request, "appointments/staff/ticket.html", {"ticket": ticket, "office": office}, status=201)


@staff_required(Capability.RECEPTION)
@require_POST
def queue_next(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = queries.reception_office_or_404(request.user, request.municipality, office_slug)
    ticket = services.call_next(office=office)
    if ticket is None:
        messages.info(request, _("Nobody is waiting."))
    else:
        messages.success(request, _("Number %(number)s is called.") % {"number": ticket.number})
    return redirect(_url(request, "queue"))


@staff_required(Capability.RECEPTION)
@require_POST
def queue_left(request: HttpRequest, office_slug: str, number: int) -> HttpResponse:
    """A waiting or called person went away without being seen: off the queue and the screen."""
    office = queries.reception_office_or_404(request.user, request.municipality, office_slug)
    ticket = queries.open_ticket_or_404(office, timezone.localdate(), number)
    services.ticket_left(ticket=ticket)
    messages.success(request, _("Number %(number)s left without being seen.") % {"number": ticket.number})
    return redirect(_url(request, "queue"))


@staff_required(Capability.RECEPTION)
def queue_display(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = queries.reception_office_or_404(request.user, request.municipality, office_slug)
    template = "appointments/staff/queue_display.html"
    if request.htmx:
        template += "#queue-board"
    return render(request, template, {"queue": queries.queue(office, timezone.localdate())})


# --- the counsellor's private calendar feed ------------------------------------------------------------


def _feed_page(request: HttpRequest, token: str = "") -> HttpResponse:
    feed = CounsellorFeed.objects.filter(
        municipality=request.municipality, user=request.user, revoked_at__isnull=True
    ).first()
    feed_url = ""
    if token:
        feed_url = request.build_absolute_uri(
            reverse(
                "appointments:counsellor-feed",
                kwargs={"municipality_slug": request.municipality.slug, "language": "de", "token": token},
            )
        )
    return render(request, "appointments/staff/feed.html", {"feed": feed, "feed_url": feed_url})


@staff_required(Capability.MANAGE_CONSULTATIONS)
def feed(request: HttpRequest) -> HttpResponse:
    return _feed_page(request)


@staff_required(Capability.MANAGE_CONSULTATIONS)
@require_POST
def feed_renew(request: HttpRequest) -> HttpResponse:
    token = services.renew_feed(user=request.user, municipality_id=request.municipality.pk)
    response = _feed_page(request, token)
    response["Cache-Control"] = "no-store"
    return response


@staff_required(Capability.MANAGE_CONSULTATIONS)
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    services.revoke_feed(user=request.user, municipality_id=request.municipality.pk)
    messages.success(request, _("The calendar link is revoked."))
    return redirect(_url(request, "feed"))
