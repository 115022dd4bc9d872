"""Legal pages every public website needs: Impressum, privacy statement, accessibility statement with
feedback form, sign-language information. One click from every page (footer)."""

from __future__ import annotations

from datetime import date

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from familienbuero.core.processing import REGISTRY
from familienbuero.core.ratelimits import public_form_limit
from familienbuero.public import services
from familienbuero.public.forms import AccessibilityFeedbackForm
from familienbuero.public.models import LegalInfo


def _legal(request: HttpRequest) -> LegalInfo | None:
    return LegalInfo.objects.filter(municipality=request.municipality).first()


def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "public/legal/imprint.html", {"legal": _legal(request)})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "public/legal/privacy.html", {"legal": _legal(request), "registry": REGISTRY})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "public/legal/accessibility.html", {"legal": _legal(request)})


@public_form_limit("accessibility-feedback")
def accessibility_feedback(request: HttpRequest) -> HttpResponse:
    initial = {"page": request.GET.get("seite", "")[:500]}
    form = AccessibilityFeedbackForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        feedback = services.feedback_create(municipality=request.municipality, **form.cleaned_data)
        # The deadline travels in the URL, not in a session: anonymous visitors get no session cookie.
        url = reverse(
            "public:accessibility-feedback-thanks",
            kwargs={"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE},
        )
        return redirect(f"{url}?bis={feedback.due_on.isoformat()}")
    status = 422 if request.method == "POST" else 200
    return render(request, "public/legal/feedback.html", {"form": form}, status=status)


def accessibility_feedback_thanks(request: HttpRequest) -> HttpResponse:
    try:
        due_on = date.fromisoformat(request.GET.get("bis", ""))
    except ValueError:
        due_on = None
    return render(request, "public/legal/feedback_thanks.html", {"due_on": due_on})


def sign_language(request: HttpRequest) -> HttpResponse:
    return render(request, "public/legal/sign_language.html", {"legal": _legal(request)})


def sign_language_video(request: HttpRequest) -> FileResponse:
    legal = _legal(request)
    if legal is None or not legal.sign_language_video:
        raise Http404(_("There is no sign language video yet."))
    video = legal.sign_language_video
    content_type = "video/webm" if video.name.endswith(".webm") else "video/mp4"
    return FileResponse(video.open("rb"), content_type=content_type)
