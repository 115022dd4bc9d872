"""Back office of participation rounds (coordinators and office staff): prepare options with pictures,
moderate ideas before anything is shown, hand out paper codes, open the tablet mode, publish the result.
Rounds and ideas of other municipalities are 404."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.participation import selectors, services
from familienbuero.participation.forms import CodesForm, ModerationForm, OptionForm, ResultForm, RoundForm
from familienbuero.participation.models import Idea, PaperCode, Round

MANAGE = Capability.MANAGE_PARTICIPATION


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _to_round(request: HttpRequest, round_: Round) -> HttpResponse:
    return redirect(
        "participation-staff:round",
        municipality_slug=request.municipality.slug,
        language=request.LANGUAGE_CODE,
        round_uuid=round_.uuid,
    )


@staff_required(MANAGE)
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = selectors.staff_rounds(request.municipality)
    return render(request, "participation/staff/list.html", {"rounds": rounds})


@staff_required(MANAGE)
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(
                municipality=request.municipality, **form.german(), translations=form.translations()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _to_round(request, round_)
    status = 422 if form.is_bound else 200
    return render(
        request,
        "participation/staff/form.html",
        {"form": form, "title": _("New participation round")},
        status=status,
    )


@staff_required(MANAGE)
def round_edit(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.staff_round_or_404(request.municipality, round_uuid)
    texts = services.texts_by_language(round_)
    initial = {
        **texts.get("de", {}),
        "age_min": round_.age_min,
        "age_max": round_.age_max,
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "allow_ideas": round_.allow_ideas,
        "requires_code": round_.requires_code,
    }
    form = RoundForm(request.POST if request.method == "POST" else None, initial=initial, texts=texts)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(round_=round_, **form.german(), translations=form.translations())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The round is saved."))
            return _to_round(request, round_)
    status = 422 if form.is_bound else 200
    context = {"form": form, "title": _("Edit the participation round"), "round": round_}
    return render(request, "participation/staff/form.html", context, status=status)


@staff_required(MANAGE)
def round_detail(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.staff_round_or_404(request.municipality, round_uuid)
    ideas = list(round_.ideas.all())
    kiosk_url = request.build_absolute_uri(
        reverse(
            "participation:kiosk",
            kwargs={
                "municipality_slug": request.municipality.slug,
                "language": request.LANGUAGE_CODE,
                "round_uuid": round_.uuid,
                "token": round_.kiosk_token,
            },
        )
    )
    context = {
        "round": round_,
        "options": selectors.options(round_),
        "pending": [i for i in ideas if i.status == Idea.Status.PENDING],
        "approved": [i for i in ideas if i.status == Idea.Status.APPROVED],
        "rejected": [i for i in ideas if i.status == Idea.Status.REJECTED],
        "results": selectors.results(round_),
        "kiosk_url": kiosk_url,
        "codes_total": round_.codes.count(),
        "codes_used": round_.codes.filter(used_at__isnull=False).count(),
        "moderation_form": ModerationForm(),
    }
    return render(request, "participation/staff/round.html", context)


@staff_required(MANAGE)
@require_POST
def round_status(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.staff_round_or_404(request.municipality, round_uuid)
    status = request.POST.get("status")
    if status in Round.Status.values:
        services.round_set_status(round_=round_, status=status)
    return _to_round(request, round_)


@staff_required(MANAGE)
def option_add(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.staff_round_or_404(request.municipality, round_uuid)
    form = OptionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.option_add(round_=round_, **form.german(), translations=form.translations())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _to_round(request, round_)
    status = 422 if form.is_bound else 200
    context = {"form": form, "title": _("New option"), "round": round_, "multipart": True}
    return render(request, "participation/staff/form.html", context, status=status)


@staff_required(MANAGE)
def option_edit(request: HttpRequest, pk: int) -> HttpResponse:
    option = selectors.staff_option_or_404(request.municipality, pk)
    round_ = option.round
    texts = services.texts_by_language(option)
    form = OptionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=texts.get("de", {}),
        texts=texts,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.option_update(option=option, **form.german(), translations=form.translations())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The option is saved."))
            return _to_round(request, round_)
    status = 422 if form.is_bound else 200
    context = {"form": form, "title": _("Edit the option"), "round": round_, "multipart": True}
    return render(request, "participation/staff/form.html", context, status=status)


@staff_required(MANAGE)
@require_POST
def idea_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    idea = selectors.staff_idea_or_404(request.municipality, pk)
    form = ModerationForm(request.POST)
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            services.idea_moderate(
                idea=idea,
                approve=decision in ("approve", "vote"),
                put_to_vote=decision == "vote",
                text=form.cleaned_data["text"] or None,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return _to_round(request, idea.round)


@staff_required(MANAGE)
def codes(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.staff_round_or_404(request.municipality, round_uuid)
    form = CodesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.codes_generate(round_=round_, count=form.cleaned_data["count"])
        return redirect(request.path)
    unused = PaperCode.objects.filter(round=round_, used_at__isnull=True)
    return render(request, "participation/staff/codes.html", {"round": round_, "form": form, "codes": unused})


@staff_required(MANAGE)
def result_edit(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.staff_round_or_404(request.municipality, round_uuid)
    options = list(selectors.options(round_))
    ideas = list(selectors.visible_ideas(round_))
    form = ResultForm(
        request.POST if request.method == "POST" else None,
        options=options,
        ideas=ideas,
        texts=services.texts_by_language(round_),
        option_texts={option.pk: services.texts_by_language(option) for option in options},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.result_publish(
                round_=round_,
                result_text=form.cleaned_data["result_text"],
                option_outcomes=form.outcomes("option_"),
                idea_outcomes=form.outcomes("idea_"),
                result_translations=form.result_translations(),
                outcome_translations=form.outcome_translations(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The result is published."))
            return _to_round(request, round_)
    status = 422 if form.is_bound else 200
    context = {"form": form, "title": _("Publish the result"), "round": round_}
    return render(request, "participation/staff/form.html", context, status=status)
