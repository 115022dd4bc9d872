"""Public pages: a volunteer registers as a tutor (no account, no JavaScript); a sponsor reports a
check or a defect through a personal link."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from familienbuero.core.ratelimits import public_form_limit
from familienbuero.volunteering import services
from familienbuero.volunteering.forms import TutorRegistrationForm


def index(request: HttpRequest) -> HttpResponse:
    """What volunteers and young people can do: tutoring, internships, playground sponsorships."""
    return render(request, "volunteering/public/index.html")


@public_form_limit("volunteering-tutor-registration")
def tutor_register(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    form = TutorRegistrationForm(
        request.POST if request.method == "POST" else None, municipality=municipality
    )
    if request.method == "POST" and form.is_valid():
        services.tutor_register(municipality=municipality, **form.tutor_data())
        return redirect(
            "volunteering-public:tutor-thanks",
            municipality_slug=municipality.slug,
            language=request.LANGUAGE_CODE,
        )
    status = 422 if request.method == "POST" else 200
    return render(request, "volunteering/public/tutor_register.html", {"form": form}, status=status)


def tutor_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "volunteering/public/tutor_thanks.html")
