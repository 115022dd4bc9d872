"""Public month calendar of the events (a grid of weeks; on narrow screens a list of days). The filters
of the list (age, target group, date, free of charge, office) stay in the query string, also across
the previous/next month links. No JavaScript."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from familienbuero.directory.models import TaxonomyTerm
from familienbuero.events import month as month_grid
from familienbuero.events.forms import FilterForm
from familienbuero.tenancy.models import Office


def _kwargs(request: HttpRequest, **extra: object) -> dict[str, object]:
    return {"municipality_slug": request.municipality.slug, "language": request.LANGUAGE_CODE, **extra}


def _month_url(request: HttpRequest, year_month: tuple[int, int] | None, query: str) -> str:
    if year_month is None:
        return ""
    year, month = year_month
    url = reverse("events-public:calendar-month", kwargs=_kwargs(request, year=year, month=month))
    return f"{url}?{query}" if query else url


def month_calendar(request: HttpRequest, year: int | None = None, month: int | None = None) -> HttpResponse:
    today = timezone.localdate()
    if year is None or month is None:
        year, month = today.year, today.month
    if not 1 <= month <= 12 or not month_grid.in_range(year, month, today):
        raise Http404("month out of range")
    offices = list(Office.objects.filter(is_active=True))
    groups = list(
        TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP).prefetch_related(
            "translations"
        )
    )
    form = FilterForm(request.GET or None, offices=offices, groups=groups)
    valid = not form.is_bound or form.is_valid()
    filters = form.cleaned_data if form.is_bound and valid else {}
    grid = month_grid.build_month(
        year,
        month,
        age=filters.get("alter"),
        target_group=filters.get("zielgruppe") or "",
        from_date=filters.get("ab"),
        free_only=bool(filters.get("kostenlos")),
        office_slug=filters.get("buero") or "",
    )
    # Only valid filters travel on: a broken value is not carried from month to month.
    query = request.GET.urlencode() if form.is_bound and valid else ""
    list_url = reverse("events-public:list", kwargs=_kwargs(request))
    context = {
        "form": form,
        "grid": grid,
        "previous_url": _month_url(request, grid.previous, query),
        "next_url": _month_url(request, grid.next, query),
        "form_action": reverse(
            "events-public:calendar-month", kwargs=_kwargs(request, year=year, month=month)
        ),
        "list_url": f"{list_url}?{query}" if query else list_url,
        "ical_url": reverse("events-public:ical", kwargs=_kwargs(request)),
    }
    return render(request, "events/public/month.html", context, status=200 if valid else 422)
