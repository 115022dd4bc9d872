"""Must show: provider staff never see referrals of another organisation (nor of another municipality);
offices see their own referrals; partner editors see nothing. Everything else is 404."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.referrals.models import Referral
from tests.conftest import verified_client
from tests.referrals.conftest import A_URL, B_URL, PERSONAL_STRINGS, reload

OTHER = {
    "person_name": "Bertram Wolkenstein",
    "contact_phone": "02064 112233",
    "contact_email": "wolkenstein@example.org",
    "note_for_receiver": "Hinweis Holunderbusch",
}
OTHER_STRINGS = ("Bertram", "Wolkenstein", "112233", "Holunderbusch")


@pytest.fixture
def two_referrals(world):
    """One referral to A's "traeger", one to A's "verein", both with consent."""
    mine = world.refer()
    theirs = world.refer(service=world.other_service, **OTHER)
    return mine, theirs


def test_provider_staff_see_only_referrals_addressed_to_their_organisation(world, two_referrals):
    mine, theirs = two_referrals
    client = verified_client(world.a.users[Role.PROVIDER_STAFF])
    html = client.get(A_URL + "eingang/").content.decode()
    assert "Zaphira Quellmann" in html
    assert str(mine.uuid) in html
    assert str(theirs.uuid) not in html
    for text in OTHER_STRINGS:
        assert text not in html
    assert client.get(f"{A_URL}eingang/{mine.uuid}/").status_code == 200
    assert client.get(f"{A_URL}eingang/{theirs.uuid}/").status_code == 404
    response = client.post(f"{A_URL}eingang/{theirs.uuid}/ergebnis/", {"status": "declined"})
    assert response.status_code == 404
    assert reload(theirs).status == Referral.Status.OPEN

    other = verified_client(world.other_provider)
    html = other.get(A_URL + "eingang/").content.decode()
    assert "Bertram Wolkenstein" in html
    for text in PERSONAL_STRINGS[:-1]:
        assert text not in html
    assert other.get(f"{A_URL}eingang/{mine.uuid}/").status_code == 404


def test_provider_staff_of_another_municipality_get_404(world, two_referrals):
    mine, _theirs = two_referrals
    client = verified_client(world.b.users[Role.PROVIDER_STAFF])
    assert client.get(f"{A_URL}eingang/").status_code == 404
    assert client.get(f"{A_URL}eingang/{mine.uuid}/").status_code == 404
    assert client.post(f"{A_URL}eingang/{mine.uuid}/ergebnis/", {"status": "contacted"}).status_code == 404
    # Their own inbox: the same URL path under B, the same organisation slug, and nothing of A.
    html = client.get(f"{B_URL}eingang/").content.decode()
    for text in PERSONAL_STRINGS[:-1]:
        assert text not in html
    assert client.get(f"{B_URL}eingang/{mine.uuid}/").status_code == 404
    assert reload(mine).status == Referral.Status.OPEN


def test_provider_staff_have_no_office_pages(world, two_referrals):
    mine, _theirs = two_referrals
    client = verified_client(world.a.users[Role.PROVIDER_STAFF])
    for path in ("", "neu/", "nachfassen/", "statistik/", "statistik/csv/", f"{mine.uuid}/"):
        assert client.get(A_URL + path).status_code == 404, path
    with scopes_disabled():
        consent = mine.consents.get()
    assert client.post(f"{A_URL}{mine.uuid}/einwilligung/{consent.pk}/widerruf/").status_code == 404
    with scopes_disabled():
        consent.refresh_from_db()
    assert consent.in_force
    assert client.post(f"{A_URL}{mine.uuid}/ergebnis/", {"status": "withdrawn"}).status_code == 404
    assert reload(mine).status == Referral.Status.OPEN


def test_partner_editors_see_nothing_of_referrals(world, two_referrals):
    mine, _theirs = two_referrals
    client = verified_client(world.a.users[Role.PARTNER_EDITOR])  # editor of "traeger", the recipient
    for path in (
        "",
        "neu/",
        "nachfassen/",
        "statistik/",
        "eingang/",
        f"eingang/{mine.uuid}/",
        f"{mine.uuid}/",
    ):
        assert client.get(A_URL + path).status_code == 404, path
    dashboard = client.get("/stadt-a/de/intern/").content.decode()
    for text in PERSONAL_STRINGS:
        assert text not in dashboard


def test_office_staff_see_the_referrals_of_their_office_only(world, two_referrals):
    mine, theirs = two_referrals
    from_other_office = world.refer(
        office=world.a.other_office, actor=world.other_office_staff, person_name="Xenia Zweig"
    )
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    html = client.get(A_URL).content.decode()
    assert str(mine.uuid) in html and str(theirs.uuid) in html
    assert "Xenia Zweig" not in html
    assert client.get(f"{A_URL}{from_other_office.uuid}/").status_code == 404
    assert (
        client.post(f"{A_URL}{from_other_office.uuid}/ergebnis/", {"status": "withdrawn"}).status_code == 404
    )
    with scopes_disabled():
        consent = from_other_office.consents.get()
    revoke = f"{A_URL}{from_other_office.uuid}/einwilligung/{consent.pk}/widerruf/"
    assert client.post(revoke).status_code == 404
    # Not even through one of their own referrals' URLs.
    assert client.post(f"{A_URL}{mine.uuid}/einwilligung/{consent.pk}/widerruf/").status_code == 404
    with scopes_disabled():
        consent.refresh_from_db()
    assert consent.in_force

    other = verified_client(world.other_office_staff)
    assert other.get(f"{A_URL}{from_other_office.uuid}/").status_code == 200
    assert other.get(f"{A_URL}{mine.uuid}/").status_code == 404


def test_coordinator_sees_every_office_of_the_own_municipality_only(world, two_referrals):
    mine, _theirs = two_referrals
    from_other_office = world.refer(office=world.a.other_office, actor=world.other_office_staff)
    b_referral = world.refer(service=world.b_service, person_name="Berta Beispiel")
    client = verified_client(world.a.users[Role.COORDINATOR])
    assert client.get(f"{A_URL}{mine.uuid}/").status_code == 200
    assert client.get(f"{A_URL}{from_other_office.uuid}/").status_code == 200
    assert client.get(f"{A_URL}{b_referral.uuid}/").status_code == 404
    assert "Berta Beispiel" not in client.get(A_URL).content.decode()
    b_coordinator = verified_client(world.b.users[Role.COORDINATOR])
    assert b_coordinator.get(f"{A_URL}{mine.uuid}/").status_code == 404
    assert b_coordinator.get(f"{B_URL}{mine.uuid}/").status_code == 404
    assert b_coordinator.get(f"{B_URL}{b_referral.uuid}/").status_code == 200
