"""Public pages: choose a topic or provider, see free slots, book without an account, manage the booking
with the link from the confirmation. Everything works without JavaScript."""

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

from familienbuero.appointments import queries, services
from familienbuero.appointments.forms import BookingForm
from familienbuero.appointments.models import ConsultationHours
from familienbuero.core.ratelimits import public_form_limit
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.referrals.selectors import language_name

#: How many alternatives the "slot taken" page offers.
ALTERNATIVES = 8
_PLACEHOLDER = "__token__"


def _url(request: HttpRequest, name: str, **kwargs: object) -> str:
    return reverse(
        f"appointments:{name}",
        kwargs={"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE, **kwargs},
    )


def index(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    return render(
        request,
        "appointments/public/index.html",
        {
            "topics": queries.topics_with_hours(municipality),
            "providers": queries.providers(municipality),
        },
    )


def _hours_for(request: HttpRequest, topic_code: str, provider_key: str) -> list[ConsultationHours]:
    hours = queries.bookable_hours(request.municipality)
    if topic_code:
        hours = hours.filter(topics__code=topic_code, topics__taxonomy=TaxonomyTerm.Taxonomy.TOPIC)
    if provider_key:
        hours = queries.filter_by_provider(hours, provider_key)
    return list(hours.distinct().order_by("title", "pk"))


def slot_list(request: HttpRequest) -> HttpResponse:
    topic_code = request.GET.get("thema", "")[:60]
    provider_key = request.GET.get("anbieter", "")[:100]
    topic = (
        TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC, code=topic_code).first()
        if topic_code
        else None
    )
    provider_name = dict(queries.providers(request.municipality)).get(provider_key, "")
    if (topic_code and topic is None) or (provider_key and not provider_name):
        raise Http404
    hours_list = _hours_for(request, topic_code, provider_key)
    first, last = queries.booking_window(request.municipality)
    free = queries.free_slots(hours_list, first=first, last=last)
    offers = []
    for hours in hours_list:
        # One reverse() per hours, not per slot: the page lists hundreds of slots.
        base = _url(request, "book", hours_uuid=hours.uuid, slot=_PLACEHOLDER)
        by_day: dict[object, list[tuple[str, str]]] = {}
        for slot in free.get(hours.pk, []):
            local = timezone.localtime(slot.start)
            by_day.setdefault(local.date(), []).append(
                (f"{local:%H:%M}", base.replace(_PLACEHOLDER, slot.key))
            )
        offers.append(
            {
                "hours": hours,
                "languages": [language_name(code) for code in hours.language_codes],
                "days": sorted(by_day.items()),
            }
        )
    return render(
        request,
        "appointments/public/slots.html",
        {"offers": offers, "topic": topic, "provider_name": provider_name, "last": last},
    )


def _hours_or_404(request: HttpRequest, hours_uuid: uuid.UUID) -> ConsultationHours:
    hours = queries.bookable_hours(request.municipality).filter(uuid=hours_uuid).first()
    if hours is None:
        raise Http404
    return hours


def _alternatives(hours: ConsultationHours, request: HttpRequest) -> list[queries.Slot]:
    first, last = queries.booking_window(request.municipality)
    return queries.free_slots([hours], first=first, last=last).get(hours.pk, [])[:ALTERNATIVES]


@public_form_limit("appointments-booking")
def book(request: HttpRequest, hours_uuid: uuid.UUID, slot: str) -> HttpResponse:
    hours = _hours_or_404(request, hours_uuid)
    start = queries.parse_slot_key(slot)
    end = queries.is_slot_of(hours, start) if start is not None else None
    if end is None:
        raise Http404
    form = BookingForm(request.POST if request.method == "POST" else None)
    context = {
        "hours": hours,
        "start": start,
        "end": end,
        "form": form,
        "retention_days": queries.appointment_settings(request.municipality).retention_days,
    }
    if request.method == "POST" and form.is_valid():
        manage_url = request.build_absolute_uri(_url(request, "manage", token=_PLACEHOLDER))
        try:
            _booking, token = services.book_slot(
                hours=hours,
                start=start,
                language=request.LANGUAGE_CODE,
                manage_url=manage_url.replace(_PLACEHOLDER, "{token}"),
                **form.cleaned_data,
            )
        except services.SlotUnavailable:
            context["taken"] = True
            context["alternatives"] = _alternatives(hours, request)
            return render(request, "appointments/public/book.html", context, status=409)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your appointment is booked."))
            return redirect(_url(request, "manage", token=token))
    if request.method == "POST":
        return render(request, "appointments/public/book.html", context, status=422)
    if start <= timezone.now():
        raise Http404
    return render(request, "appointments/public/book.html", context)


def _booking_or_invalid(request: HttpRequest, token: str) -> tuple[object, HttpResponse | None]:
    booking = services.booking_by_token(token)
    if booking is None:
        return None, render(request, "appointments/public/manage_invalid.html", status=404)
    return booking, None


def manage(request: HttpRequest, token: str) -> HttpResponse:
    booking, invalid = _booking_or_invalid(request, token)
    if invalid:
        return invalid
    response = render(
        request,
        "appointments/public/manage.html",
        {
            "booking": booking,
            "token": token,
            "interpreter_language": language_name(booking.interpreter_language),
        },
    )
    response["Referrer-Policy"] = "same-origin"  # not "no-referrer": forms would send Origin: null
    response["Cache-Control"] = "no-store"
    return response


@public_form_limit("appointments-manage")
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    booking, invalid = _booking_or_invalid(request, token)
    if invalid:
        return invalid
    services.cancel_booking(booking=booking, by_family=True)
    return render(request, "appointments/public/cancelled.html", {"booking": booking})


@public_form_limit("appointments-manage")
def move(request: HttpRequest, token: str) -> HttpResponse:
    booking, invalid = _booking_or_invalid(request, token)
    if invalid:
        return invalid
    context: dict[str, object] = {"booking": booking, "token": token}
    if request.method == "POST":
        start = queries.parse_slot_key(request.POST.get("slot", ""))
        if start is not None:
            try:
                services.move_booking(booking=booking, start=start)
            except services.SlotUnavailable:
                context["taken"] = True
            except ValidationError as error:
                context["errors"] = error.messages
            else:
                messages.success(request, _("Your appointment was moved."))
                return redirect(_url(request, "manage", token=token))
        else:
            context["taken"] = True
    first, last = queries.booking_window(request.municipality)
    slots = queries.free_slots([booking.hours], first=first, last=last).get(booking.hours_id, [])
    context["slots"] = [s for s in slots if s.start != booking.starts_at][:40]
    status = 409 if context.get("taken") else (422 if context.get("errors") else 200)
    response = render(request, "appointments/public/move.html", context, status=status)
    response["Referrer-Policy"] = "same-origin"  # not "no-referrer": forms would send Origin: null
    return response


def provider_feed(request: HttpRequest, provider_key: str) -> HttpResponse:
    """Free/busy of a provider's hours for the coming weeks: times only, nothing about who booked."""
    from familienbuero.appointments import feeds

    hours = list(queries.filter_by_provider(queries.bookable_hours(request.municipality), provider_key))
    if not hours:
        raise Http404
    first, last = queries.booking_window(request.municipality)
    body = feeds.free_busy(hours, first=first, last=last, name=hours[0].provider_name)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def counsellor_feed(request: HttpRequest, token: str) -> HttpResponse:
    from familienbuero.appointments import feeds

    user = feeds.feed_user(request.municipality, token)
    if user is None:
        raise Http404
    today = timezone.localdate()
    body = feeds.counsellor_calendar(
        request.municipality, user, first=today - timedelta(days=7), last=today + timedelta(weeks=12)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
