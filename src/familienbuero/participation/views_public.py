"""Pages for children and youths: no account, no personal data. Phones use the normal pages; the shared
tablet in the office uses the kiosk pages, which start a fresh session after every child."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from familienbuero.core.ratelimits import public_form_limit
from familienbuero.participation import selectors, services
from familienbuero.participation.forms import IdeaForm, VoteForm
from familienbuero.participation.models import MAX_DOTS, Round

#: Abuse limits (documented in the README): per client address and per round page.
VOTE_PER_IP = "20/h"  # a school network shares one address: use paper codes there
VOTE_PER_ROUND = "600/h"
IDEA_PER_IP = "10/h"
IDEA_PER_ROUND = "300/h"
#: The tablet: one child at a time, so at most four ballots a minute and 120 an hour.
KIOSK_PER_IP = "120/h"
KIOSK_PER_TABLET = "4/m"

VOTED_KEY = "participation_voted"


def _voted(request: HttpRequest, round_: Round) -> bool:
    return str(round_.uuid) in request.session.get(VOTED_KEY, [])


def _remember_vote(request: HttpRequest, round_: Round) -> None:
    request.session[VOTED_KEY] = [*request.session.get(VOTED_KEY, []), str(round_.uuid)]


def _kwargs(request: HttpRequest, round_: Round) -> dict[str, object]:
    return {
        "municipality_slug": request.municipality.slug,
        "language": request.LANGUAGE_CODE,
        "round_uuid": round_.uuid,
    }


def round_list(request: HttpRequest) -> HttpResponse:
    open_now, with_results = selectors.public_rounds(request.municipality, timezone.localdate())
    return render(
        request, "participation/public/list.html", {"open_rounds": open_now, "result_rounds": with_results}
    )


def _round_page(
    request: HttpRequest,
    round_: Round,
    form: VoteForm | None = None,
    *,
    kiosk: bool = False,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    with_code = round_.requires_code and not kiosk
    context = {
        "round": round_,
        "is_open": round_.is_open(today),
        "options": selectors.options(round_),
        "ideas": selectors.visible_ideas(round_),
        "form": form or VoteForm(round_=round_, with_code=with_code),
        "max_dots": MAX_DOTS,
        "already_voted": not kiosk and _voted(request, round_),
        "kiosk": kiosk,
        "selected": form.data.getlist("options") if form is not None and form.is_bound else [],
    }
    return render(request, "participation/public/round.html", context, status=status)


def round_detail(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.public_round_or_404(request.municipality, round_uuid)
    return _round_page(request, round_)


def _cast(request: HttpRequest, round_: Round, *, kiosk: bool) -> tuple[VoteForm, bool]:
    form = VoteForm(request.POST, round_=round_, with_code=round_.requires_code and not kiosk)
    if not form.is_valid():
        return form, False
    if not kiosk and not request.session.session_key:
        request.session.save()
    try:
        services.vote_cast(
            round_=round_,
            option_ids=[option.pk for option in form.cleaned_data["options"]],
            session_key="" if kiosk else request.session.session_key,
            code=form.cleaned_data.get("code", ""),
            via_kiosk=kiosk,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        if not kiosk and getattr(error, "code", None) == "already_voted":
            _remember_vote(request, round_)
        return form, False
    return form, True


@public_form_limit("participation-vote", per_ip=VOTE_PER_IP, per_target=VOTE_PER_ROUND)
@require_POST
def vote(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.public_round_or_404(request.municipality, round_uuid)
    form, ok = _cast(request, round_, kiosk=False)
    if not ok:
        return _round_page(request, round_, form, status=422)
    _remember_vote(request, round_)
    return redirect("participation:thanks", **_kwargs(request, round_))


@public_form_limit("participation-idea", per_ip=IDEA_PER_IP, per_target=IDEA_PER_ROUND)
def idea(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.public_round_or_404(request.municipality, round_uuid)
    form = IdeaForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.idea_submit(round_=round_, text=form.cleaned_data["text"])
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for name, errors in error.message_dict.items():
                        form.add_error(name if name in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                return redirect("participation:idea-thanks", **_kwargs(request, round_))
    context = {"round": round_, "form": form, "is_open": round_.is_open(timezone.localdate())}
    return render(request, "participation/public/idea.html", context, status=status)


def thanks(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.public_round_or_404(request.municipality, round_uuid)
    return render(request, "participation/public/thanks.html", {"round": round_, "what": "vote"})


def idea_thanks(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.public_round_or_404(request.municipality, round_uuid)
    return render(request, "participation/public/thanks.html", {"round": round_, "what": "idea"})


def result(request: HttpRequest, round_uuid: uuid.UUID) -> HttpResponse:
    round_ = selectors.public_round_or_404(request.municipality, round_uuid)
    context = {
        "round": round_,
        "results": selectors.results(round_) if round_.result_published else None,
        "ideas": selectors.visible_ideas(round_),
    }
    return render(request, "participation/public/result.html", context)


def image(request: HttpRequest, pk: int) -> FileResponse:
    option = selectors.public_image_option_or_404(request.municipality, pk)
    response = FileResponse(option.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- the shared tablet (kiosk) ----------------------------------------------------------------------


@never_cache
def kiosk(request: HttpRequest, round_uuid: uuid.UUID, token: str) -> HttpResponse:
    round_ = selectors.kiosk_round_or_404(request.municipality, round_uuid, token)
    return _round_page(request, round_, kiosk=True)


@never_cache
@public_form_limit("participation-kiosk", per_ip=KIOSK_PER_IP, per_target=KIOSK_PER_TABLET)
@require_POST
def kiosk_vote(request: HttpRequest, round_uuid: uuid.UUID, token: str) -> HttpResponse:
    round_ = selectors.kiosk_round_or_404(request.municipality, round_uuid, token)
    form, ok = _cast(request, round_, kiosk=True)
    if not ok:
        return _round_page(request, round_, form, kiosk=True, status=422)
    # The next child starts from nothing: a new session, and a page that shows nothing of this vote.
    request.session.flush()
    return redirect("participation:kiosk-done", **_kwargs(request, round_), token=token)


@never_cache
def kiosk_done(request: HttpRequest, round_uuid: uuid.UUID, token: str) -> HttpResponse:
    round_ = selectors.kiosk_round_or_404(request.municipality, round_uuid, token)
    return render(request, "participation/public/kiosk_done.html", {"round": round_, "token": token})
