"""Reads of personal data are logged, the log is append-only, and each municipality's data protection
officer sees exactly their own municipality's log."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.accounts.roles import Role
from familienbuero.privacy.models import AccessLog, AppendOnlyError
from familienbuero.referrals.models import Referral
from tests.conftest import verified_client
from tests.privacy.conftest import A_PRIVACY, B_PRIVACY
from tests.referrals.conftest import A_URL, B_URL, PERSONAL_STRINGS


def entries(**filters) -> list[AccessLog]:
    with scopes_disabled():
        return list(AccessLog.objects.filter(**filters))


def test_viewing_a_referral_logs_who_read_which_referral(world):
    referral = world.refer()
    staff = world.a.users[Role.OFFICE_STAFF]
    response = verified_client(staff).get(f"{A_URL}{referral.uuid}/")
    assert response.status_code == 200 and "Zaphira" in response.content.decode()
    [entry] = entries(object_id=str(referral.uuid))
    assert (entry.actor, entry.actor_name, entry.action) == (staff, staff.username, AccessLog.Action.VIEW)
    assert entry.municipality == world.a.municipality
    assert entry.object_type == "referrals.referral"
    assert "Zaphira" not in entry.object_label


def test_the_receiving_organisation_reading_a_referral_is_logged_too(world):
    referral = world.refer()
    provider = world.a.users[Role.PROVIDER_STAFF]
    assert verified_client(provider).get(f"{A_URL}eingang/{referral.uuid}/").status_code == 200
    assert [e.actor for e in entries(object_id=str(referral.uuid))] == [provider]


def test_a_denied_view_writes_nothing(world):
    referral = world.refer()
    assert (
        verified_client(world.b.users[Role.OFFICE_STAFF]).get(f"{B_URL}{referral.uuid}/").status_code == 404
    )
    assert verified_client(world.other_provider).get(f"{A_URL}eingang/{referral.uuid}/").status_code == 404
    assert entries() == []


def test_log_entries_cannot_be_changed_or_deleted(world):
    referral = world.refer()
    verified_client(world.a.users[Role.OFFICE_STAFF]).get(f"{A_URL}{referral.uuid}/")
    [entry] = entries()
    entry.action = AccessLog.Action.EXPORT
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with scopes_disabled(), pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=entry.pk).update(actor_name="someone else")
    with scopes_disabled(), pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=entry.pk).delete()
    assert entries()[0].action == AccessLog.Action.VIEW


def test_the_admin_shows_the_log_read_only_even_to_platform_administrators(world):
    referral = world.refer()
    verified_client(world.a.users[Role.OFFICE_STAFF]).get(f"{A_URL}{referral.uuid}/")
    [entry] = entries()
    admin = User.objects.create_superuser("plattform", "p@example.org", "x")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=admin, name="t", confirmed=True)
    client = verified_client(admin)
    assert client.get("/admin/privacy/accesslog/").status_code == 200
    page = client.get(f"/admin/privacy/accesslog/{entry.pk}/change/")
    assert page.status_code == 200 and "Save" not in page.content.decode()
    assert client.post(f"/admin/privacy/accesslog/{entry.pk}/change/", {"actor_name": "x"}).status_code == 403
    assert client.post(f"/admin/privacy/accesslog/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/privacy/accesslog/add/").status_code == 403
    assert entries()[0].actor_name == entry.actor_name
    # Coordinators, who use the admin, do not see the log there at all.
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    assert coordinator.get("/admin/privacy/accesslog/").status_code in (403, 404)


def test_no_url_changes_or_deletes_log_entries():
    from familienbuero.privacy import urls

    for pattern in urls.urlpatterns:
        assert not {"delete", "edit", "update"} & set(pattern.name.split("-"))
    log_urls = {
        p.name for p in urls.urlpatterns if "zugriffe" in str(p.pattern) or "aenderungen" in str(p.pattern)
    }
    assert log_urls == {"access-log", "access-log-csv", "change-log", "change-log-csv"}


def dpo(tenant) -> Client:
    return verified_client(tenant.users[Role.DATA_PROTECTION])


def test_data_protection_officer_sees_and_exports_only_their_own_municipality(world):
    a_referral = world.refer()
    b_referral = world.refer(service=world.b_service)
    verified_client(world.a.users[Role.OFFICE_STAFF]).get(f"{A_URL}{a_referral.uuid}/")
    verified_client(world.b.users[Role.OFFICE_STAFF]).get(f"{B_URL}{b_referral.uuid}/")

    page = dpo(world.a).get(f"{A_PRIVACY}zugriffe/").content.decode()
    assert str(a_referral.uuid) in page and str(b_referral.uuid) not in page
    csv = dpo(world.a).get(f"{A_PRIVACY}zugriffe/csv/").content.decode()
    assert str(a_referral.uuid) in csv and str(b_referral.uuid) not in csv
    assert "office_staff-stadt-a" in csv
    # Exporting the log is itself logged.
    assert entries(action=AccessLog.Action.EXPORT, object_type="privacy.accesslog")

    # B's officer cannot open A's log at all.
    assert dpo(world.b).get(f"{A_PRIVACY}zugriffe/").status_code == 404
    assert dpo(world.b).get(f"{A_PRIVACY}zugriffe/csv/").status_code == 404
    assert str(a_referral.uuid) not in dpo(world.b).get(f"{B_PRIVACY}zugriffe/").content.decode()


def test_access_log_filters(world):
    referral = world.refer()
    verified_client(world.a.users[Role.OFFICE_STAFF]).get(f"{A_URL}{referral.uuid}/")
    verified_client(world.a.users[Role.COORDINATOR]).get(f"{A_URL}{referral.uuid}/")
    page = dpo(world.a).get(f"{A_PRIVACY}zugriffe/", {"actor": "coordinator-stadt-a"}).content.decode()
    assert "coordinator-stadt-a" in page and "office_staff-stadt-a" not in page
    page = dpo(world.a).get(f"{A_PRIVACY}zugriffe/", {"action": "erase"}).content.decode()
    assert "office_staff-stadt-a" not in page


def test_changes_are_logged_with_the_actor_and_without_personal_values(world):
    referral = world.refer(consent=True)
    staff = world.a.users[Role.OFFICE_STAFF]
    with scopes_disabled():
        consent = referral.consents.get()
    response = verified_client(staff).post(f"{A_URL}{referral.uuid}/einwilligung/{consent.pk}/widerruf/")
    assert response.status_code == 302
    with scopes_disabled():
        revocation = LogEntry.objects.get_for_object(consent).filter(action=LogEntry.Action.UPDATE).get()
        assert revocation.actor == staff and "revoked_at" in revocation.changes_dict
        created = LogEntry.objects.get_for_object(Referral.objects.get(pk=referral.pk)).get()
    assert (
        created.changes_dict["person_name"] == ["", "***"] or created.changes_dict["person_name"][1] == "***"
    )

    page = dpo(world.a).get(f"{A_PRIVACY}aenderungen/").content.decode()
    assert "revoked_at" in page
    csv = dpo(world.a).get(f"{A_PRIVACY}aenderungen/csv/").content.decode()
    for text in (page, csv):
        for personal in PERSONAL_STRINGS:
            assert personal not in text
    assert "revoked_at" not in dpo(world.b).get(f"{B_PRIVACY}aenderungen/").content.decode()


def test_permission_changes_are_logged_for_the_municipality(world):
    from auditlog.context import set_actor

    from tests import factories

    coordinator = world.a.users[Role.COORDINATOR]
    with scopes_disabled(), set_actor(coordinator):
        membership = factories.MembershipFactory(
            municipality=world.a.municipality,
            role=Role.OFFICE_STAFF,
            office=world.a.office,
            user__username="neu-a",
        )
        membership.user.is_active = False
        membership.user.save()
    page = dpo(world.a).get(f"{A_PRIVACY}aenderungen/").content.decode()
    assert "neu-a" in page and "is_active" in page
    assert "neu-a" not in dpo(world.b).get(f"{B_PRIVACY}aenderungen/").content.decode()
