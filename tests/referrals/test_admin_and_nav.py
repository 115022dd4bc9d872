"""The settings in the administration (coordinators of the own municipality only), the navigation entry,
and the referral rows' own invariants."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.referrals.models import Referral, ReferralConsent, ReferralSettings
from tests.conftest import verified_client
from tests.referrals.conftest import A_URL


def test_coordinator_sets_the_periods_of_the_own_municipality_only(world):
    with scopes_disabled():
        b_settings = ReferralSettings.objects.create(municipality=world.b.municipality, retention_days=90)
    client = verified_client(world.a.users[Role.COORDINATOR])
    response = client.post(
        "/admin/referrals/referralsettings/add/",
        {"municipality": world.a.municipality.pk, "follow_up_days": 7, "retention_days": 120},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert ReferralSettings.objects.get(municipality=world.a.municipality).retention_days == 120
    assert client.get(f"/admin/referrals/referralsettings/{b_settings.pk}/change/").status_code == 404
    response = client.post(
        "/admin/referrals/referralsettings/add/",
        {"municipality": world.b.municipality.pk, "follow_up_days": 7, "retention_days": 1},
    )
    assert response.status_code == 200  # the form refuses B as a choice
    with scopes_disabled():
        assert ReferralSettings.objects.get(municipality=world.b.municipality).retention_days == 90
    for role in (Role.OFFICE_STAFF, Role.PROVIDER_STAFF, Role.PARTNER_EDITOR):
        other = verified_client(world.a.users[role])
        assert other.get("/admin/referrals/referralsettings/").status_code in (302, 403)


def test_referrals_themselves_are_not_in_the_administration(world):
    world.refer()
    client = verified_client(world.a.users[Role.COORDINATOR])
    assert client.get("/admin/referrals/referral/").status_code == 404


@pytest.mark.parametrize(
    ("role", "label_url"),
    [
        (Role.OFFICE_STAFF, A_URL),
        (Role.COORDINATOR, A_URL),
        (Role.PROVIDER_STAFF, A_URL + "eingang/"),
        (Role.PARTNER_EDITOR, None),
    ],
)
def test_the_staff_navigation_links_where_the_role_may_go(world, role, label_url):
    html = verified_client(world.a.users[role]).get("/stadt-a/de/intern/").content.decode()
    nav = html[html.index('class="staff-nav"') :]
    nav = nav[: nav.index("</nav>")]
    if label_url is None:
        assert "/intern/vermittlungen/" not in nav
    else:
        assert f'href="{label_url}"' in nav


def test_the_database_refuses_inconsistent_rows(world):
    referral = world.refer()
    with scopes_disabled():
        for changes in (
            {"status": Referral.Status.COMPLETED},  # closed without closed_at
            {"person_name": ""},  # personal data missing while not erased
            {"contact_phone": "", "contact_email": ""},
            {"personal_data_erased_at": timezone.now()},  # erased but still open and filled
        ):
            with pytest.raises(IntegrityError), transaction.atomic():
                Referral.objects.filter(pk=referral.pk).update(**changes)
        consent = referral.consents.get()
        with pytest.raises(IntegrityError), transaction.atomic():
            ReferralConsent.objects.create(
                referral=referral, recipient=consent.recipient, text_version=consent.text_version
            )
