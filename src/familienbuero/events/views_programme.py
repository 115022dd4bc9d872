"""Staff: create and edit holiday programmes (office staff of the programme's office, coordinators).
Programmes of other offices or municipalities are 404, like the events."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.events import queries, services_programme
from familienbuero.events.forms_programme import PriorityClassFormSet, ProgrammeForm
from familienbuero.events.models import Event, Programme
from familienbuero.events.services_programme import ClassRow, ProgrammeData


def _kwargs(request: HttpRequest, **extra: object) -> dict[str, object]:
    return {"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE, **extra}


def _forms(
    request: HttpRequest, programme: Programme, initial: dict[str, object] | None = None
) -> tuple[ProgrammeForm, PriorityClassFormSet]:
    data = request.POST if request.method == "POST" else None
    # Courses: published events of the user's offices, free or already in this programme.
    courses = (
        queries.staff_events(request.user, request.municipality)
        .filter(status=Event.Status.PUBLISHED)
        .filter(
            Q(programme__isnull=True) | Q(programme=programme) if programme.pk else Q(programme__isnull=True)
        )
        .order_by("starts_at", "pk")
    )
    offices = queries.staff_offices(request.user, request.municipality)
    initial = dict(initial or {})
    if "office" not in initial and len(own := list(offices[:2])) == 1:
        initial["office"] = own[0]  # staff of one office need not choose it
    form = ProgrammeForm(data, initial=initial, offices=offices, courses=courses)
    classes = (
        [
            {"id": c.pk, "label": c.label, "position": index}
            for index, c in enumerate(programme.priority_classes.all(), start=1)
        ]
        if programme.pk
        else []
    )
    formset = PriorityClassFormSet(data, initial=classes, prefix="gruppe")
    return form, formset


def _save(programme: Programme, form: ProgrammeForm, formset: object) -> list[str] | None:
    """Saves; returns None, or the problems of the groups (form errors are added to the form)."""
    data = form.cleaned_data
    rows = [
        ClassRow(
            row.cleaned_data.get("id"), row.cleaned_data.get("label") or "", row.cleaned_data.get("position")
        )
        for row in formset
    ]
    try:
        services_programme.save_programme(
            programme=programme,
            data=ProgrammeData(
                office=data["office"],
                name=data["name"],
                description=data["description"],
                wish_opens=data["wish_opens"],
                wish_closes=data["wish_closes"],
                max_wishes=data["max_wishes"],
                max_courses_per_child=data["max_courses_per_child"],
                draw_planned_on=data["draw_planned_on"],
            ),
            classes=rows,
            courses=list(data["courses"]),
        )
    except ValidationError as error:
        class_errors = []
        for key, problems in error.message_dict.items():
            if key == "classes":
                class_errors.extend(problems)
            else:
                form.add_error(key if key in form.fields else None, problems)
        return class_errors
    return None


def _handle(request: HttpRequest, programme: Programme, initial: dict[str, object]) -> HttpResponse:
    form, formset = _forms(request, programme, initial=initial)
    posted = request.method == "POST"
    class_errors: list[str] = []
    if posted and form.is_valid() and formset.is_valid():
        problems = _save(programme, form, formset)
        if problems is None:
            messages.success(request, _("The holiday programme is saved."))
            return redirect("events:programme", **_kwargs(request, programme_uuid=programme.uuid))
        class_errors = problems
    context = {
        "form": form,
        "formset": formset,
        "class_errors": class_errors,
        "programme": programme if programme.pk else None,
    }
    return render(request, "events/staff/programme_form.html", context, status=422 if posted else 200)


@staff_required(Capability.MANAGE_EVENTS)
def programme_create(request: HttpRequest) -> HttpResponse:
    programme = Programme(municipality=request.municipality)
    return _handle(request, programme, {"max_wishes": 3, "max_courses_per_child": 1})


@staff_required(Capability.MANAGE_EVENTS)
def programme_edit(request: HttpRequest, programme_uuid: uuid.UUID) -> HttpResponse:
    programme = queries.staff_programme_or_404(request.user, request.municipality, programme_uuid)
    initial = {
        "office": programme.office,
        "name": programme.name,
        "description": programme.description,
        "wish_opens": programme.wish_opens,
        "wish_closes": programme.wish_closes,
        "max_wishes": programme.max_wishes,
        "max_courses_per_child": programme.max_courses_per_child,
        "draw_planned_on": programme.draw_planned_on,
        "courses": list(programme.events.all()),
    }
    return _handle(request, programme, initial)
