"""Back office (office staff of the event's office, coordinators): events, registrations, printable
attendance list, check-in per session on a tablet, changing places, cancelling. Events of other offices
are 404."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.directory.models import Organization, Service, TaxonomyTerm
from familienbuero.events import queries, services
from familienbuero.events.forms import CapacityForm, EventForm, QuestionForm
from familienbuero.events.forms_translations import (
    OTHER_LANGUAGES,
    EventTranslationForm,
    translation_forms,
)
from familienbuero.events.models import Event, Question, Registration, Session
from familienbuero.privacy.models import AccessLog
from familienbuero.privacy.services import record_access
from familienbuero.tenancy.models import Location


def _kwargs(request: HttpRequest, **extra: object) -> dict[str, object]:
    return {"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE, **extra}


def _to_detail(request: HttpRequest, event: Event) -> HttpResponse:
    return redirect("events:detail", **_kwargs(request, event_uuid=event.uuid))


@staff_required(Capability.MANAGE_EVENTS)
def event_list(request: HttpRequest) -> HttpResponse:
    events = list(queries.staff_events(request.user, request.municipality)[:300])
    programmes = list(queries.staff_programmes(request.user, request.municipality))
    return render(request, "events/staff/list.html", {"events": events, "programmes": programmes})


def _event_form(request: HttpRequest, data: object, initial: dict[str, object] | None = None) -> EventForm:
    return EventForm(
        data,
        initial=initial,
        offices=queries.staff_offices(request.user, request.municipality),
        locations=Location.objects.all(),
        organizations=Organization.objects.all(),
        services=Service.objects.filter(is_published=True).prefetch_related("translations"),
        groups=TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP).prefetch_related(
            "translations"
        ),
    )


FIELDS = (
    "office",
    "location",
    "organiser",
    "co_host",
    "service",
    "kind",
    "minimum_age",
    "maximum_age",
    "cost",
    "fee",
    "languages",
    "registration_opens",
    "registration_closes",
    "confirm_hours",
)
TEXTS = ("title", "description", "what_to_bring", "accessibility_notes")


def _translations_initial(event: Event) -> dict[str, dict[str, str]]:
    return {
        code: {name: event.safe_translation_getter(name, language_code=code) or "" for name in TEXTS}
        for code in OTHER_LANGUAGES
        if event.has_translation(code)
    }


@transaction.atomic
def _save(event: Event, form: EventForm, translations: list[EventTranslationForm]) -> Event:
    data = form.cleaned_data
    for name in FIELDS:
        setattr(event, name, data[name])
    event.set_current_language("de")
    for name in TEXTS:
        setattr(event, name, data[name])
    removed = []
    for translation in translations:
        texts = translation.texts()
        if texts is None:
            removed.append(translation.language)
            continue
        event.set_current_language(translation.language)
        for name, value in texts.items():
            setattr(event, name, value)
    event.set_current_language("de")
    event.full_clean(exclude=["capacity"] if event.pk else None)
    event.save()
    for code in removed:
        if event.has_translation(code):
            event.delete_translation(code)
    event.target_groups.set(data["target_groups"])
    wanted = data["sessions"]
    existing = list(event.sessions.all())
    keep = {(s.starts_at, s.ends_at) for s in existing} & set(wanted)
    Session.objects.filter(event=event).exclude(
        pk__in=[s.pk for s in existing if (s.starts_at, s.ends_at) in keep]
    ).delete()
    Session.objects.bulk_create(
        Session(event=event, starts_at=a, ends_at=b) for a, b in wanted if (a, b) not in keep
    )
    services.update_event_dates(event)
    return event


@staff_required(Capability.MANAGE_EVENTS)
def event_create(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = _event_form(request, data, initial={"confirm_hours": 48})
    translations = translation_forms(data)
    if data is not None and all([form.is_valid(), *(t.is_valid() for t in translations)]):
        event = Event(municipality=request.municipality, capacity=form.cleaned_data["capacity"])
        try:
            _save(event, form, translations)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The event is published."))
            return _to_detail(request, event)
    context = {"form": form, "translations": translations}
    return render(request, "events/staff/form.html", context, status=422 if data is not None else 200)


@staff_required(Capability.MANAGE_EVENTS)
def event_edit(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = queries.staff_event_or_404(request.user, request.municipality, event_uuid)
    data = request.POST if request.method == "POST" else None
    event.set_current_language("de")
    initial = {name: getattr(event, name) for name in (*FIELDS, "capacity")}
    initial.update({name: event.safe_translation_getter(name, language_code="de") or "" for name in TEXTS})
    initial["target_groups"] = list(event.target_groups.all())
    initial["sessions"] = "\n".join(
        f"{s.starts_at.astimezone():%d.%m.%Y %H:%M}-{s.ends_at.astimezone():%H:%M}"
        for s in event.sessions.all()
    )
    form = _event_form(request, data, initial=initial)
    form.fields["capacity"].disabled = True
    form.fields["capacity"].help_text = _("Change the places on the event page (the waiting list moves up).")
    translations = translation_forms(data, _translations_initial(event))
    if data is not None and all([form.is_valid(), *(t.is_valid() for t in translations)]):
        try:
            _save(event, form, translations)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The event is saved."))
            return _to_detail(request, event)
    context = {"form": form, "event": event, "translations": translations}
    return render(request, "events/staff/form.html", context, status=422 if data is not None else 200)


def _render_detail(
    request: HttpRequest, event: Event, *, capacity_form: CapacityForm | None = None, status: int = 200
) -> HttpResponse:
    registrations = list(event.registrations.order_by("pk").prefetch_related("answers__question"))
    context = {
        "event": event,
        "sessions": list(event.sessions.all()),
        "questions": list(event.questions.all()),
        "registrations": registrations,
        "counts": {s: sum(1 for r in registrations if r.status == s) for s in Registration.Status.values},
        "capacity_form": capacity_form or CapacityForm(initial={"capacity": event.capacity}),
        "question_form": QuestionForm(),
    }
    return render(request, "events/staff/detail.html", context, status=status)


@staff_required(Capability.MANAGE_EVENTS)
def event_detail(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = queries.staff_event_or_404(request.user, request.municipality, event_uuid)
    record_access(
        request, event, AccessLog.Action.VIEW, label=_("Registrations of %(event)s") % {"event": event}
    )
    return _render_detail(request, event)


@staff_required(Capability.MANAGE_EVENTS)
@require_POST
def event_capacity(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = queries.staff_event_or_404(request.user, request.municipality, event_uuid)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.set_capacity(event=event, capacity=form.cleaned_data["capacity"])
        except ValidationError as error:
            form.add_error("capacity", error.message_dict.get("capacity", error.messages))
        else:
            messages.success(request, _("The places are changed; the waiting list has moved up."))
            return _to_detail(request, event)
    return _render_detail(request, event, capacity_form=form, status=422)


@staff_required(Capability.MANAGE_EVENTS)
@require_POST
def event_cancel(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = queries.staff_event_or_404(request.user, request.municipality, event_uuid)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the cancellation."))
        return _to_detail(request, event)
    services.cancel_event(event=event, actor=request.user)
    messages.success(request, _("The event is cancelled; everybody registered is notified."))
    return _to_detail(request, event)


@staff_required(Capability.MANAGE_EVENTS)
@require_POST
def question_add(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    event = queries.staff_event_or_404(request.user, request.municipality, event_uuid)
    form = QuestionForm(request.POST)
    if form.is_valid():
        Question.objects.create(event=event, position=event.questions.count(), **form.cleaned_data)
        messages.success(request, _("The question is added."))
    else:
        messages.error(request, _("The question was not added: fill in the question and why you ask."))
    return _to_detail(request, event)


@staff_required(Capability.MANAGE_EVENTS)
def attendance_list(request: HttpRequest, event_uuid: uuid.UUID) -> HttpResponse:
    """Printable: confirmed participants with a box per session."""
    event = queries.staff_event_or_404(request.user, request.municipality, event_uuid)
    record_access(
        request, event, AccessLog.Action.VIEW, label=_("Attendance list of %(event)s") % {"event": event}
    )
    sessions = list(event.sessions.all())
    registrations = list(
        event.registrations.filter(status=Registration.Status.CONFIRMED).order_by("participant_name")
    )
    present = set(
        event.registrations.filter(attendances__isnull=False).values_list("pk", "attendances__session_id")
    )
    rows = [(r, [(s, (r.pk, s.pk) in present) for s in sessions]) for r in registrations]
    return render(
        request, "events/staff/attendance.html", {"event": event, "sessions": sessions, "rows": rows}
    )


def _session_or_404(event: Event, session_pk: int) -> Session:
    session = event.sessions.filter(pk=session_pk).first()
    if session is None:
        raise Http404("no such session")
    return session


@staff_required(Capability.MANAGE_EVENTS)
def check_in(request: HttpRequest, event_uuid: uuid.UUID, session_pk: int) -> HttpResponse:
    """Tablet check-in: one big button per participant; a tap marks present (or undoes it)."""
    event = queries.staff_event_or_404(request.user, request.municipality, event_uuid)
    session = _session_or_404(event, session_pk)
    if request.method == "POST":
        try:
            registration_uuid = uuid.UUID(request.POST.get("registration", "")[:36])
        except ValueError:
            raise Http404("no such registration") from None
        registration = event.registrations.filter(uuid=registration_uuid).first()
        if registration is None:
            raise Http404("no such registration")
        try:
            services.toggle_attendance(session=session, registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("events:check-in", **_kwargs(request, event_uuid=event.uuid, session_pk=session.pk))
    present = set(session.attendances.values_list("registration_id", flat=True))
    registrations = list(
        event.registrations.filter(status=Registration.Status.CONFIRMED).order_by("participant_name")
    )
    context = {
        "event": event,
        "session": session,
        "rows": [(r, r.pk in present) for r in registrations],
        "present_count": len(present),
    }
    return render(request, "events/staff/check_in.html", context)
