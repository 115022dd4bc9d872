"""Anonymous referral statistics: counts per service, topic and outcome, median days to first contact.

The context holds plain figures and labels (``selectors.ReferralStatistics``), never a referral row.
"""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from familienbuero.accounts.decorators import staff_required
from familienbuero.accounts.roles import Capability
from familienbuero.referrals import selectors
from familienbuero.referrals.forms import StatisticsPeriodForm

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (service names come from partners)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return number_format(value, 1)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _period(request: HttpRequest) -> tuple[StatisticsPeriodForm, selectors.ReferralStatistics | None]:
    form = StatisticsPeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    stats = selectors.referral_statistics(
        request.municipality, date_from=data.get("date_from"), date_to=data.get("date_to")
    )
    return form, stats


@staff_required(Capability.VIEW_REFERRAL_STATISTICS)
def statistics(request: HttpRequest) -> HttpResponse:
    form, stats = _period(request)
    context = {"form": form, "stats": stats, "query": request.GET.urlencode()}
    return render(request, "referrals/staff/statistics.html", context, status=200 if stats else 422)


@staff_required(Capability.VIEW_REFERRAL_STATISTICS)
def statistics_csv(request: HttpRequest) -> HttpResponse:
    form, stats = _period(request)
    if stats is None:
        context = {"form": form, "stats": None, "query": ""}
        return render(request, "referrals/staff/statistics.html", context, status=422)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vermittlungen-statistik.csv"'
    response.write("\ufeff")  # byte order mark: spreadsheet programs then read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Part"),
            _("Label"),
            _("Organisation"),
            _("Referrals"),
            _("With first contact"),
            _("Median days to first contact"),
        ]
    )
    writer.writerow(
        [_("All referrals"), "", "", stats.total, stats.contacted, _cell(stats.median_days_to_first_contact)]
    )
    writer.writerow([_("With consent to pass on"), "", "", stats.with_consent, "", ""])
    for row in stats.by_service:
        writer.writerow(
            [
                _("Service"),
                _cell(row.service),
                _cell(row.organization),
                row.count,
                row.contacted,
                _cell(row.median_days_to_first_contact),
            ]
        )
    for row in stats.by_topic:
        writer.writerow([_("Topic"), _cell(row.label), "", row.count, "", ""])
    for row in stats.by_outcome:
        writer.writerow([_("Status"), _cell(row.label), "", row.count, "", ""])
    return response
