"""Review queue: office staff and coordinators publish partners' changes or return them with a comment."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.directory import review
from familienbuero.directory.models import ServiceChange

TEMPLATE_DIR = "directory/review"


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the partner"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Say what should be revised. The partner sees this comment."),
        error_messages={"required": gettext_lazy("Please say what the partner should revise.")},
    )


def _change(change_id: int) -> ServiceChange:
    # The manager is scoped to the request's municipality: another municipality's change is a 404.
    change = (
        ServiceChange.objects.select_related("organization", "service", "created_by", "reviewed_by")
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        raise Http404
    return change


@staff_required(Capability.REVIEW_SERVICES)
def review_list(request: HttpRequest) -> HttpResponse:
    changes = ServiceChange.objects.select_related("organization", "service", "created_by").prefetch_related(
        "service__translations"
    )
    stale = review.stale_services().select_related("organization").prefetch_related("translations")
    return render(
        request,
        f"{TEMPLATE_DIR}/review_list.html",
        {
            "pending": changes.filter(state=ServiceChange.State.PENDING).order_by("created_at"),
            "returned": changes.filter(state=ServiceChange.State.RETURNED).order_by("-reviewed_at")[:50],
            "stale": stale[:200],
        },
    )


def _detail(
    request: HttpRequest,
    change: ServiceChange,
    *,
    return_form: ReturnForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = review.diff_change(change)
    return render(
        request,
        f"{TEMPLATE_DIR}/review_detail.html",
        {
            "change": change,
            "changed_rows": [row for row in rows if row.changed],
            "unchanged_rows": [row for row in rows if not row.changed],
            "return_form": return_form or ReturnForm(),
            "errors": errors or [],
            "is_pending": change.state == ServiceChange.State.PENDING,
        },
        status=status,
    )


@staff_required(Capability.REVIEW_SERVICES)
def review_detail(request: HttpRequest, change_id: int) -> HttpResponse:
    return _detail(request, _change(change_id))


def _to_queue(request: HttpRequest) -> HttpResponse:
    return redirect(
        "directory:review-list", municipality_slug=request.municipality.slug, language=request.LANGUAGE_CODE
    )


def _already_reviewed(request: HttpRequest, change: ServiceChange) -> HttpResponse:
    return _detail(
        request, _change(change.pk), errors=[_("This change has already been reviewed.")], status=409
    )


@staff_required(Capability.REVIEW_SERVICES)
@require_POST
def review_publish(request: HttpRequest, change_id: int) -> HttpResponse:
    change = _change(change_id)
    try:
        service = review.publish_change(change=change, actor=request.user)
    except review.ReviewConflict:
        return _already_reviewed(request, change)
    except ValidationError as error:
        return _detail(request, change, errors=error.messages, status=422)
    messages.success(
        request,
        _("“%(service)s” is published.")
        % {"service": service.safe_translation_getter("name", language_code="de", any_language=True)},
    )
    return _to_queue(request)


@staff_required(Capability.REVIEW_SERVICES)
@require_POST
def review_return(request: HttpRequest, change_id: int) -> HttpResponse:
    change = _change(change_id)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _detail(request, change, return_form=form, status=422)
    try:
        review.return_change(change=change, actor=request.user, comment=form.cleaned_data["comment"])
    except review.ReviewConflict:
        return _already_reviewed(request, change)
    messages.success(request, _("The change was returned to the partner with your comment."))
    return _to_queue(request)
