"""Public pages: events per office (list and calendar, filterable), one event, registration without an
account, the household's manage page (status, waiting-list position, cancel, confirm an offer), and an
iCal feed. Everything works without JavaScript."""

from __future__ import annotations

import uuid
from collections import defaultdict
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar
from icalendar import Event as ICalEvent

from familienbuero.core.ratelimits import public_form_limit
from familienbuero.core.templatetags.familienbuero import translated
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.events import queries, services
from familienbuero.events.forms import ContactForm, FilterForm, participant_forms
from familienbuero.events.models import Registration
from familienbuero.events.services import RETENTION_KEY
from familienbuero.privacy.retention import retention_days
from familienbuero.tenancy.models import Office


def _kwargs(request: HttpRequest, **extra: object) -> dict[str, object]:
    return {"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE, **extra}


def event_list(request: HttpRequest) -> HttpResponse:
    offices = list(Office.objects.filter(is_active=True))
    groups = list(
        TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP).prefetch_related(
            "translations"
        )
    )
    form = FilterForm(request.GET or None, offices=offices, groups=groups)
    filters = form.cleaned_data if form.is_valid() else {}
    events = list(
        queries.public_events(
            age=filters.get("alter"),
            target_group=filters.get("zielgruppe") or "",
            from_date=filters.get("ab"),
            free_only=bool(filters.get("kostenlos")),
            office_slug=filters.get("buero") or "",
        )[:200]
    )
    days = [
        (day, list(items))
        for day, items in groupby(events, key=lambda e: timezone.localtime(e.starts_at).date())
    ]
    context = {
        "form": form,
        "days": days,
        "count": len(events),
        "ical_url": reverse("events-public:ical", kwargs=_kwargs(request)),
        "status": 200 if form.is_bound is False or form.is_valid() else 422,
    }
    return render(request, "events/public/list.html", context, status=context["status"])


def event_detail(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = queries.public_event_or_404(event_uuid)
    return render(request, "events/public/detail.html", _detail_context(request, event))


def _detail_context(request: HttpRequest, event: object) -> dict[str, object]:
    return {
        "event": event,
        "sessions": list(event.sessions.all()),
        "free_places": max(0, event.capacity - event.taken),
        "state": event.registration_state(),
        "target_groups": list(event.target_groups.all()),
    }


#: Per event, many parents may register within minutes (a rush); per address the project default holds.
EVENT_RUSH_RATE = "3000/h"


@public_form_limit("event-registration", per_target=EVENT_RUSH_RATE)
def register(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    # A rush posts here: the lightest read that decides (the page with counts only when it is shown).
    found = queries.registration_event(event_uuid, request.municipality)
    if found is None:
        raise Http404("no such event")
    event, questions = found
    if event.registration_state() != "open":
        event = queries.public_event_or_404(event_uuid)
        return render(request, "events/public/detail.html", _detail_context(request, event), status=409)
    data = request.POST if request.method == "POST" else None
    contact = ContactForm(data, label_suffix="")
    rows = participant_forms(data, questions)
    if data is not None and contact.is_valid() and all(row.is_valid() for row in rows):
        participants = [p for p in (row.participant() for row in rows) if p is not None]
        if not any(row.errors for row in rows):
            try:
                created = services.register(
                    event=event,
                    contact_name=contact.cleaned_data["contact_name"],
                    email=contact.cleaned_data["email"],
                    phone=contact.cleaned_data["phone"],
                    participants=participants,
                    language=request.LANGUAGE_CODE,
                    questions=questions,
                )
            except ValidationError as error:
                # Per field from the checks before the lock; one message (not open any more, already
                # registered) from the checks under it.
                for field, problems in error.update_error_dict({}).items():
                    contact.add_error(field if field in contact.fields else None, problems)
            else:
                # The transaction has committed: only now is the registration acknowledged.
                messages.success(request, _("Thank you, your registration is saved."))
                return redirect("events-public:manage", **_kwargs(request, token=created[0].token))
    event = queries.public_event_or_404(event_uuid)
    context = {
        **_detail_context(request, event),
        "contact": contact,
        "rows": rows,
        "questions": questions,
        "retention_days": retention_days(request.municipality, RETENTION_KEY),
    }
    return render(request, "events/public/register.html", context, status=422 if data is not None else 200)


def _household_or_404(token: str) -> list[Registration]:
    registrations = services.household(token) if 20 <= len(token) <= 64 else []
    if not registrations:
        raise Http404("no such registration")
    return registrations


def manage(request: HttpRequest, token: str) -> HttpResponse:
    registrations = _household_or_404(token)
    event = queries.public_event_or_404(registrations[0].event.uuid)
    rows = [(r, services.waiting_position(r)) for r in registrations]
    several = len({r.event_id for r in registrations}) > 1  # places won in a draw: several courses
    context = {**_detail_context(request, event), "rows": rows, "token": token, "several": several}
    response = render(request, "events/public/manage.html", context)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"  # the token never leaves the site
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def manage_cancel(request: HttpRequest, token: str, registration_uuid: uuid.UUID) -> HttpResponse:
    _household_or_404(token)
    try:
        services.cancel_registration(token=token, registration_uuid=registration_uuid)
    except Registration.DoesNotExist:
        raise Http404("not a registration of this household") from None
    messages.success(request, _("The registration is cancelled."))
    return redirect("events-public:manage", **_kwargs(request, token=token))


@require_POST
def manage_confirm(request: HttpRequest, token: str, registration_uuid: uuid.UUID) -> HttpResponse:
    _household_or_404(token)
    try:
        services.confirm_offer(token=token, registration_uuid=registration_uuid)
    except Registration.DoesNotExist:
        raise Http404("not a registration of this household") from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The place is confirmed."))
    return redirect("events-public:manage", **_kwargs(request, token=token))


def ical_feed(request: HttpRequest) -> HttpResponse:
    """All upcoming events of the municipality (or of one office: ?buero=slug) as iCalendar."""
    calendar = Calendar()
    calendar.add("prodid", "-//Familienbuero//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{_('Events')} {request.municipality.name}")
    office = request.GET.get("buero", "")[:60]
    sessions_by_event = defaultdict(list)
    events = list(queries.public_events(office_slug=office)[:500])
    for event in events:
        sessions_by_event[event.pk] = list(event.sessions.all())
    for event in events:
        url = request.build_absolute_uri(
            reverse("events-public:detail", kwargs=_kwargs(request, event_uuid=event.uuid))
        )
        for session in sessions_by_event[event.pk]:
            entry = ICalEvent()
            entry.add("uid", f"{event.uuid}-{session.pk}@familienbuero")
            entry.add("dtstamp", timezone.now())
            entry.add("dtstart", session.starts_at)
            entry.add("dtend", session.ends_at)
            entry.add("summary", str(event))
            entry.add("url", url)
            # The page language's text, else the German one (a translation may have a title only).
            entry.add("description", translated(event, "description").text)
            if event.location:
                entry.add("location", f"{event.location.name}, {event.location.address_line}")
            entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
            calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="veranstaltungen.ics"'
    return response
