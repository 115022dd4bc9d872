"""Public pages for families: no login, no personal data, every page works without JavaScript."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_from_request

from familienbuero.public.models import LegalInfo
from familienbuero.public.structured_data import jsonld_script, office_jsonld
from familienbuero.tenancy.models import Municipality, Office, Room
from familienbuero.tenancy.selectors import office_schedule, opening_rules, weekly_rules_by_location


def platform_home(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.filter(is_active=True)
    return render(request, "public/platform_home.html", {"municipalities": municipalities})


def municipality_redirect(request: HttpRequest) -> HttpResponse:
    """``/<municipality>/`` → the start page in the visitor's browser language (German if not offered)."""
    language = get_language_from_request(request)
    codes = {code for code, _name in settings.LANGUAGES}
    return redirect(
        "public:home",
        municipality_slug=request.municipality.slug,
        language=language if language in codes else settings.LANGUAGE_CODE,
    )


def _office_context(request: HttpRequest, office: Office) -> dict[str, object]:
    now = timezone.localtime()
    locations = {office.home_location_id: office.home_location}
    all_rules = opening_rules(office=office)
    rules = weekly_rules_by_location(rules=all_rules, on=now.date())
    for location, _rules in rules:
        locations[location.pk] = location
    rooms = Room.objects.filter(location__in=list(locations)).order_by("location__name", "kind")
    week = office_schedule(office=office, start=now.date(), days=7, rules=all_rules)
    return {
        "office": office,
        "today": now.date(),
        "current_period": week[0].period_at(now.time()),
        "week": week,
        "rules_by_location": rules,
        "locations": list(locations.values()),
        "rooms": rooms,
        "jsonld": jsonld_script(
            office_jsonld(
                office=office,
                url=request.build_absolute_uri(
                    reverse(
                        "public:office",
                        kwargs={
                            "municipality_slug": request.municipality.slug,
                            "language": request.LANGUAGE_CODE,
                            "office_slug": office.slug,
                        },
                    )
                ),
                rules=rules,
            )
        ),
    }


def municipality_home(request: HttpRequest) -> HttpResponse:
    offices = list(Office.objects.filter(is_active=True).select_related("home_location"))
    if len(offices) == 1:
        context = _office_context(request, offices[0])
        context["is_home"] = True
        context["legal"] = LegalInfo.objects.filter(municipality=request.municipality).first()
        return render(request, "public/office_detail.html", context)
    today = timezone.localdate()
    office_days = [(office, office_schedule(office=office, start=today, days=1)[0]) for office in offices]
    legal = LegalInfo.objects.filter(municipality=request.municipality).first()
    return render(request, "public/municipality_home.html", {"office_days": office_days, "legal": legal})


def office_detail(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = Office.objects.filter(slug=office_slug, is_active=True).select_related("home_location").first()
    if office is None:
        raise Http404
    return render(request, "public/office_detail.html", _office_context(request, office))
