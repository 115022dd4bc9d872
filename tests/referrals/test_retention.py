"""Must show: the retention job erases the personal data of closed referrals after the municipality's
period (default 180 days) and the statistics stay exactly the same."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.core import periodic
from familienbuero.core.processing import processing
from familienbuero.referrals import selectors, services
from familienbuero.referrals.models import (
    DEFAULT_RETENTION_DAYS,
    PERSONAL_FIELDS,
    Referral,
    ReferralEvent,
    ReferralSettings,
)
from tests.conftest import verified_client
from tests.referrals.conftest import A_URL, PERSONAL_STRINGS, reload

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 1, 5, 9, 0, tzinfo=BERLIN)


def close(referral: Referral, status: str, at: datetime, *, contact_at: datetime | None = None) -> None:
    with scopes_disabled():
        if contact_at is not None:
            with time_machine.travel(contact_at, tick=False):
                services.referral_record_outcome(
                    referral=referral, status="contacted", actor=None, side="receiver"
                )
        with time_machine.travel(at, tick=False):
            services.referral_record_outcome(referral=referral, status=status, actor=None, side="office")


def stats(world):
    with scopes_disabled():
        return selectors.referral_statistics(world.a.municipality)


def test_personal_data_of_closed_referrals_is_erased_after_180_days_statistics_stay(world):
    with time_machine.travel(START, tick=False):
        completed = world.refer()
        withdrawn = world.refer(service=world.other_service)
        still_open = world.refer()
        closed_recently = world.refer()
    close(completed, "completed", START + timedelta(days=10), contact_at=START + timedelta(days=2))
    close(withdrawn, "withdrawn", START + timedelta(days=1))
    close(closed_recently, "declined", START + timedelta(days=100))
    before = stats(world)
    assert before.total == 4 and before.median_days_to_first_contact == 2.0

    # One day before the period ends nothing happens.
    assert (
        services.erase_closed_referral_personal_data(now=START + timedelta(days=10 + 179)) == 1
    )  # withdrawn
    assert reload(completed).person_name == "Zaphira Quellmann"

    now = START + timedelta(days=10 + DEFAULT_RETENTION_DAYS, minutes=1)
    assert services.erase_closed_referral_personal_data(now=now) == 1
    for referral in (completed, withdrawn):
        referral = reload(referral)
        assert referral.personal_data_erased_at is not None
        for field in PERSONAL_FIELDS:
            assert getattr(referral, field) == "", field
        with scopes_disabled():
            referral.full_clean()
            assert referral.topics.count() == 2  # the need stays: it is anonymous without the person
            assert referral.events.filter(action=ReferralEvent.Action.PERSONAL_DATA_ERASED).count() == 1
    assert reload(still_open).person_name == "Zaphira Quellmann"
    assert reload(closed_recently).person_name == "Zaphira Quellmann"
    assert stats(world) == before
    # Running again changes nothing.
    assert services.erase_closed_referral_personal_data(now=now) == 0
    assert stats(world) == before


def test_erased_referrals_show_no_personal_data_anywhere(world):
    with time_machine.travel(START, tick=False):
        referral = world.refer()
    close(referral, "completed", START + timedelta(days=3), contact_at=START + timedelta(days=1))
    services.erase_closed_referral_personal_data(now=START + timedelta(days=400))
    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    pages = [office.get(A_URL), office.get(f"{A_URL}{referral.uuid}/"), office.get(A_URL + "statistik/")]
    html = "".join(page.content.decode() for page in pages)
    assert all(page.status_code == 200 for page in pages)
    for needle in PERSONAL_STRINGS[:-1]:
        assert needle not in html
    assert "Zaphira" not in html


def test_each_municipality_has_its_own_period(world):
    with scopes_disabled():
        ReferralSettings.objects.create(municipality=world.a.municipality, retention_days=30)
    with time_machine.travel(START, tick=False):
        in_a = world.refer()
        in_b = world.refer(service=world.b_service)
    close(in_a, "declined", START)
    close(in_b, "declined", START)
    assert services.erase_closed_referral_personal_data(now=START + timedelta(days=31)) == 1
    assert reload(in_a).is_erased and not reload(in_b).is_erased
    assert services.erase_closed_referral_personal_data(now=START + timedelta(days=181)) == 1
    assert reload(in_b).is_erased


def test_the_job_runs_from_runperiodic_and_the_register_promises_the_same(world):
    assert ("referral personal data erased (retention)", services.erase_closed_referral_personal_data) in (
        periodic.JOBS
    )
    entry = processing("referrals")
    assert entry.retention_days == DEFAULT_RETENTION_DAYS == 180
    with time_machine.travel(START, tick=False):
        referral = world.refer()
    close(referral, "no_show", START)
    results = periodic.run_all(now=START + timedelta(days=181))
    assert results["referral personal data erased (retention)"] == 1
    assert reload(referral).is_erased


def test_the_privacy_statement_lists_the_referrals(world, client):
    html = client.get("/stadt-a/de/datenschutz/").content.decode()
    from django.utils import translation

    with translation.override("de"):
        assert str(processing("referrals").purpose) in html
