"""The "Ehrenamt" entry in the back-office navigation (navigators only) and the overview's figures."""

from __future__ import annotations

import pytest

from familienbuero.accounts.roles import Role
from tests.conftest import verified_client
from tests.volunteering.conftest import A_STAFF, make_request, make_tutor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.COORDINATOR, True),
        (Role.OFFICE_STAFF, True),
        (Role.PROVIDER_STAFF, False),
        (Role.PARTNER_EDITOR, False),
        (Role.DATA_PROTECTION, False),
    ],
)
def test_nav_entry_only_for_navigators(tenants, role, shown):
    page = verified_client(tenants[0].users[role]).get("/stadt-a/de/intern/").content.decode()
    assert ('href="/stadt-a/de/intern/ehrenamt/"' in page) is shown


def test_overview_counts_all_three_parts(tenants):
    m = tenants[0].municipality
    make_tutor(m)
    make_tutor(m, name="Ohne Zeugnis", clearance_seen_on=None)
    make_request(m)
    page = verified_client(tenants[0].users[Role.COORDINATOR]).get(A_STAFF).content.decode()
    for heading in ("Kostenlose Nachhilfe", "Praktika", "Spielplatzpatenschaften"):
        assert heading in page
    assert 'aria-current="page"' in page


def test_funder_report_figures(tenants):
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scope

    from familienbuero.volunteering import reports, services

    m = tenants[0].municipality
    make_tutor(m)
    make_request(m)
    actor = tenants[0].users[Role.OFFICE_STAFF]
    with scope(municipality=m):
        (match,) = services.propose_matches(municipality=m)
        services.match_confirm(match=match, actor=actor)
        services.session_log(match=match, actor=actor)
    today = timezone.localdate()
    figures = dict(
        reports.volunteering_figures(m, office_ids=None, date_from=today - timedelta(days=30), date_to=today)
    )
    values = list(figures.values())
    assert values[:4] == [1, 1, 1, 1] and values[4:] == [0, 0, 0]
    other = reports.volunteering_figures(tenants[1].municipality, date_from=today, date_to=today)
    assert [value for _label, value in other] == [0] * 7
