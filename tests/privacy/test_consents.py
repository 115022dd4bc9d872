"""Consent registry: referral consents are registered and revoking them there stops the passing on at once;
consents for photos and newsletters are recorded with text version, scope and revocation."""

from __future__ import annotations

from auditlog.models import LogEntry
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.privacy import services as privacy_services
from familienbuero.privacy.models import AccessLog, Consent
from familienbuero.referrals.models import CONSENT_TEXTS, ReferralEvent
from tests.conftest import verified_client
from tests.privacy.conftest import A_PRIVACY, B_PRIVACY, EMAIL
from tests.referrals.conftest import A_URL


def registry(**filters) -> list[Consent]:
    with scopes_disabled():
        return list(Consent.objects.filter(**filters))


def test_a_referral_consent_is_in_the_registry_with_its_text_and_scope(world):
    referral = world.refer(consent=True, preferred_language="", note_for_receiver="")
    [consent] = registry()
    assert consent.purpose == Consent.Purpose.REFERRAL_TRANSFER
    assert consent.subject_reference == f"referral:{referral.uuid}"
    assert (
        consent.text == CONSENT_TEXTS["referral-transfer-v1"]
        and consent.text_version == "referral-transfer-v1"
    )
    assert consent.given_by == world.a.users[Role.OFFICE_STAFF] and consent.in_force
    assert consent.scope.startswith("Träger Stadt A:") and "Telefon" in consent.scope
    assert "Hinweis" not in consent.scope  # no note, so the note is not passed on


def test_revoking_in_the_registry_stops_passing_on_at_once(world):
    referral = world.refer(consent=True)
    provider = verified_client(world.a.users[Role.PROVIDER_STAFF])
    assert provider.get(f"{A_URL}eingang/{referral.uuid}/").status_code == 200
    [consent] = registry()

    response = verified_client(world.a.users[Role.DATA_PROTECTION]).post(
        f"{A_PRIVACY}einwilligungen/{consent.pk}/widerruf/"
    )
    assert response.status_code == 302

    assert provider.get(f"{A_URL}eingang/{referral.uuid}/").status_code == 404
    assert "Zaphira" not in provider.get(f"{A_URL}eingang/").content.decode()
    with scopes_disabled():
        referral_consent = referral.consents.get()
        assert referral_consent.revoked_at is not None
        assert referral_consent.revoked_by_staff == world.a.users[Role.DATA_PROTECTION]
        assert ReferralEvent.objects.filter(referral=referral, action="consent_revoked").count() == 1
        assert AccessLog.objects.filter(action="consent", object_id=str(consent.pk)).exists()
    assert not registry()[0].in_force
    # The receiving side cannot record an outcome any more either.
    response = provider.post(f"{A_URL}eingang/{referral.uuid}/ergebnis/", {"status": "contacted"})
    assert response.status_code == 404


def test_revoking_on_the_referral_page_revokes_the_registry_entry(world):
    referral = world.refer(consent=True)
    with scopes_disabled():
        referral_consent = referral.consents.get()
    verified_client(world.a.users[Role.OFFICE_STAFF]).post(
        f"{A_URL}{referral.uuid}/einwilligung/{referral_consent.pk}/widerruf/"
    )
    [consent] = registry()
    assert consent.revoked_at is not None and consent.revoked_by == world.a.users[Role.OFFICE_STAFF]


def test_photo_consent_is_recorded_listed_and_revoked(world):
    client = verified_client(world.a.users[Role.COORDINATOR])
    page = client.get(f"{A_PRIVACY}einwilligungen/neu/").content.decode()
    assert "photo-v1" in page
    response = client.post(
        f"{A_PRIVACY}einwilligungen/neu/",
        {"text_version": "photo-v1", "email": EMAIL, "phone": "", "scope": "Sommerfest 2026", "given": "on"},
    )
    assert response.status_code == 302
    [consent] = registry()
    assert consent.purpose == Consent.Purpose.PHOTO and consent.scope == "Sommerfest 2026"
    assert EMAIL not in consent.subject_reference and consent.subject_reference.startswith("contact:")
    assert consent.text == privacy_services.CONSENT_TEXTS["photo-v1"][1]

    listing = client.get(f"{A_PRIVACY}einwilligungen/", {"email": EMAIL}).content.decode()
    assert "Sommerfest 2026" in listing
    assert (
        "Sommerfest 2026"
        not in client.get(f"{A_PRIVACY}einwilligungen/", {"email": "x@example.org"}).content.decode()
    )
    client.post(f"{A_PRIVACY}einwilligungen/{consent.pk}/widerruf/")
    assert not registry()[0].in_force
    with scopes_disabled():
        [revocation] = LogEntry.objects.get_for_object(consent).filter(action=LogEntry.Action.UPDATE)
    assert revocation.actor == world.a.users[Role.COORDINATOR] and "revoked_at" in revocation.changes_dict
    assert (
        "Sommerfest 2026" in client.get(f"{A_PRIVACY}einwilligungen/", {"state": "revoked"}).content.decode()
    )


def test_a_consent_needs_the_persons_agreement_and_an_address(world):
    client = verified_client(world.a.users[Role.COORDINATOR])
    response = client.post(f"{A_PRIVACY}einwilligungen/neu/", {"text_version": "photo-v1", "email": EMAIL})
    assert response.status_code == 422
    response = client.post(
        f"{A_PRIVACY}einwilligungen/neu/", {"text_version": "newsletter-v1", "given": "on"}
    )
    assert response.status_code == 422
    assert registry() == []


def test_consents_of_another_municipality_are_not_found(world):
    world.refer(consent=True)
    [consent] = registry()
    b_officer = verified_client(world.b.users[Role.DATA_PROTECTION])
    assert b_officer.post(f"{B_PRIVACY}einwilligungen/{consent.pk}/widerruf/").status_code == 404
    assert "Träger Stadt A" not in b_officer.get(f"{B_PRIVACY}einwilligungen/").content.decode()
    assert registry()[0].in_force


def test_consents_recorded_before_a_key_rotation_are_still_found(world, settings):
    client = verified_client(world.a.users[Role.COORDINATOR])
    client.post(
        f"{A_PRIVACY}einwilligungen/neu/",
        {"text_version": "photo-v1", "email": EMAIL, "phone": "", "scope": "Laternenfest", "given": "on"},
    )
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "rotated-" + "k" * 60
    client = verified_client(world.a.users[Role.COORDINATOR])  # a new login under the new key
    # Without the earlier key the pseudonymous reference no longer matches …
    assert "Laternenfest" not in client.get(f"{A_PRIVACY}einwilligungen/", {"email": EMAIL}).content.decode()
    # … with it among the fallbacks, the person's consent is found again (registry and data-subject search).
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert "Laternenfest" in client.get(f"{A_PRIVACY}einwilligungen/", {"email": EMAIL}).content.decode()
    from familienbuero.core.personal_data import find_everywhere

    with scopes_disabled():
        records = find_everywhere(world.a.municipality, email=EMAIL)
    assert any("Laternenfest" in str(record.fields) for record in records)
