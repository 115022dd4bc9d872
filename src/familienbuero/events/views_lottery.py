"""Holiday programme: public page (courses, phase, published seed), wish form, the household's page with
the result and its explanation; staff page with the draw."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.core.ratelimits import public_form_limit
from familienbuero.events import queries, services_lottery
from familienbuero.events.forms import ChildWishForm, WishContactForm
from familienbuero.events.models import Programme, WishApplication, WishChild

CHILD_ROWS = 3


def _kwargs(request: HttpRequest, **extra: object) -> dict[str, object]:
    return {"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE, **extra}


def _programme_or_404(programme_uuid: uuid.UUID) -> Programme:
    programme = Programme.objects.filter(uuid=programme_uuid).select_related("office").first()
    if programme is None:
        raise Http404("no such programme")
    return programme


def _courses(programme: Programme) -> list[object]:
    return list(
        queries.with_counts(programme.events.filter(status="published"))
        .prefetch_related("translations", "sessions")
        .order_by("starts_at", "pk")
    )


def programme_detail(request: HttpRequest, programme_uuid: uuid.UUID) -> HttpResponse:
    programme = _programme_or_404(programme_uuid)
    context = {"programme": programme, "courses": _courses(programme)}
    return render(request, "events/public/programme.html", context)


@public_form_limit("holiday-wishes", per_target="3000/h")
def wishes(request: HttpRequest, programme_uuid: uuid.UUID) -> HttpResponse:
    programme = _programme_or_404(programme_uuid)
    if not programme.wish_phase_open():
        return render(
            request,
            "events/public/programme.html",
            {"programme": programme, "courses": _courses(programme)},
            status=409,
        )
    courses = [(e.pk, str(e)) for e in _courses(programme)]
    data = request.POST if request.method == "POST" else None
    contact = WishContactForm(data, classes=programme.priority_classes.all(), label_suffix="")
    rows = [
        ChildWishForm(data, courses=courses, wishes=programme.max_wishes, prefix=f"k{i}", label_suffix="")
        for i in range(CHILD_ROWS)
    ]
    if data is not None and contact.is_valid() and all(row.is_valid() for row in rows):
        children = [c for c in (row.child() for row in rows) if c is not None]
        if not any(row.errors for row in rows):
            try:
                application = services_lottery.submit_wishes(
                    programme=programme,
                    contact_name=contact.cleaned_data["contact_name"],
                    email=contact.cleaned_data["email"],
                    phone=contact.cleaned_data["phone"],
                    priority_class=contact.cleaned_data["priority_class"],
                    children=children,
                    language=request.LANGUAGE_CODE,
                )
            except ValidationError as error:
                for key, problems in error.message_dict.items():
                    contact.add_error(key if key in contact.fields else None, problems)
            else:
                messages.success(request, _("Thank you, your wishes are saved."))
                return redirect("events-public:wishes-manage", **_kwargs(request, token=application.token))
    context = {"programme": programme, "contact": contact, "rows": rows}
    return render(request, "events/public/wishes.html", context, status=422 if data is not None else 200)


def wishes_manage(request: HttpRequest, token: str) -> HttpResponse:
    application = (
        WishApplication.objects.filter(token=token[:64]).select_related("programme", "priority_class").first()
    )
    if application is None:
        raise Http404("no such wish list")
    programme = application.programme
    titles = {e.pk: str(e) for e in programme.events.prefetch_related("translations")}
    class_size = (
        WishChild.objects.filter(
            application__programme=programme, application__priority_class=application.priority_class
        ).aggregate(size=Max("lottery_number"))["size"]
        or 0
    )
    children = []
    for child in application.children.prefetch_related("wishes"):
        child.application = application
        lines = services_lottery.explain(child, titles, class_size) if programme.is_drawn else []
        children.append((child, [(titles[w.event_id], w.won) for w in child.wishes.all()], lines))
    context = {"application": application, "programme": programme, "children": children}
    response = render(request, "events/public/wishes_manage.html", context)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"  # the token never leaves the site
    return response


@staff_required(Capability.MANAGE_EVENTS)
def staff_programme(request: HttpRequest, programme_uuid: uuid.UUID) -> HttpResponse:
    programme = queries.staff_programme_or_404(request.user, request.municipality, programme_uuid)
    context = {
        "programme": programme,
        "courses": _courses(programme),
        "applications": programme.applications.count(),
        "children": WishChild.objects.filter(application__programme=programme).count(),
        "classes": list(programme.priority_classes.all()),
        "verified": services_lottery.verify_draw(programme) if programme.is_drawn else None,
    }
    return render(request, "events/staff/programme.html", context)


@staff_required(Capability.MANAGE_EVENTS)
@require_POST
def staff_draw(request: HttpRequest, programme_uuid: uuid.UUID) -> HttpResponse:
    programme = queries.staff_programme_or_404(request.user, request.municipality, programme_uuid)
    try:
        services_lottery.run_draw(programme=programme)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The places are drawn and the families are notified."))
    return redirect("events:programme", **_kwargs(request, programme_uuid=programme.uuid))
