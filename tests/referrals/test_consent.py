"""Must show: a referral without consent passes nothing on – not on a page, not in a mail, not in an
export – and revoking a consent stops every further use at once. The mail never holds personal data."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.referrals import services
from familienbuero.referrals.models import Referral, ReferralConsent, ReferralEvent
from tests.conftest import verified_client
from tests.referrals.conftest import A_URL, PERSON, PERSONAL_STRINGS, reload

RECEIVER_PAGES = ("/stadt-a/de/intern/", A_URL + "eingang/")


def receiver_html(world, referral) -> tuple[str, int]:
    """Everything the receiving organisation's staff can load, concatenated, and the detail's status.

    The detail's own URL (with the referral's id) is echoed by the 404 page's language links, so the id
    is looked for in the list pages only; names and contacts everywhere.
    """
    client = verified_client(world.a.users[Role.PROVIDER_STAFF])
    pages = [client.get(path) for path in RECEIVER_PAGES]
    assert all(page.status_code == 200 for page in pages)
    listed = "".join(page.content.decode() for page in pages)
    if str(referral.uuid) not in listed:
        detail = client.get(f"{A_URL}eingang/{referral.uuid}/")
        return listed + detail.content.decode().replace(str(referral.uuid), ""), detail.status_code
    detail = client.get(f"{A_URL}eingang/{referral.uuid}/")
    return listed + detail.content.decode(), detail.status_code


def assert_nothing_personal(text: str) -> None:
    for needle in PERSONAL_STRINGS:
        assert needle not in text, needle


def test_without_consent_the_organisation_sees_nothing_and_gets_no_mail(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = world.refer(consent=False)
    html, detail_status = receiver_html(world, referral)
    assert detail_status == 404
    assert str(referral.uuid) not in html
    assert_nothing_personal(html)
    assert mail.outbox == []
    # Nor can the organisation act on it.
    client = verified_client(world.a.users[Role.PROVIDER_STAFF])
    assert (
        client.post(f"{A_URL}eingang/{referral.uuid}/ergebnis/", {"status": "contacted"}).status_code == 404
    )
    assert reload(referral).status == Referral.Status.OPEN
    with scopes_disabled():
        assert not ReferralConsent.objects.exists()


def test_the_office_sees_that_nothing_was_passed_on(world):
    referral = world.refer(consent=False)
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    html = client.get(f"{A_URL}{referral.uuid}/").content.decode()
    assert "Zaphira Quellmann" in html  # the office's own record
    assert "Ich bin damit einverstanden" in html  # the consent can be recorded later


def test_with_consent_the_organisation_sees_exactly_the_consented_fields(world):
    referral = world.refer()
    html, detail_status = receiver_html(world, referral)
    assert detail_status == 200
    for value in ("Zaphira Quellmann", "0281 9988776", "zaphira.quellmann@example.org", "Tulpenbeet"):
        assert value in html
    assert str(world.topics[0]) in html


def test_a_field_outside_the_consent_does_not_reach_the_page(world):
    referral = world.refer()
    with scopes_disabled():
        ReferralConsent.objects.filter(referral=referral).update(
            share_email=False, share_note=False, share_phone=False, share_language=False
        )
    html, detail_status = receiver_html(world, referral)
    assert detail_status == 200
    assert "Zaphira Quellmann" in html
    for needle in ("9988776", "zaphira.quellmann@", "Tulpenbeet", "Türkisch"):
        assert needle not in html


def test_revoking_stops_every_further_use_at_once(world):
    referral = world.refer()
    receiver = verified_client(world.a.users[Role.PROVIDER_STAFF])
    assert receiver.get(f"{A_URL}eingang/{referral.uuid}/").status_code == 200
    with scopes_disabled():
        consent = referral.consents.get()
    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    response = office.post(f"{A_URL}{referral.uuid}/einwilligung/{consent.pk}/widerruf/")
    assert response.status_code == 302
    with scopes_disabled():
        consent.refresh_from_db()
        assert consent.revoked_at is not None
        assert consent.revoked_by_staff == world.a.users[Role.OFFICE_STAFF]
        assert referral.events.filter(action=ReferralEvent.Action.CONSENT_REVOKED).exists()
    html, detail_status = receiver_html(world, referral)
    assert detail_status == 404
    assert_nothing_personal(html)
    response = receiver.post(f"{A_URL}eingang/{referral.uuid}/ergebnis/", {"status": "contacted"})
    assert response.status_code == 404
    assert reload(referral).status == Referral.Status.OPEN
    # The service refuses too, should a page have been open before the revocation.
    with scopes_disabled(), pytest.raises(ValidationError):
        services.referral_record_outcome(
            referral=referral, status="contacted", actor=world.a.users[Role.PROVIDER_STAFF], side="receiver"
        )


def test_consent_recorded_later_passes_the_referral_on(world, django_capture_on_commit_callbacks):
    referral = world.refer(consent=False)
    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    # Without the tick: explained, nothing stored.
    response = office.post(f"{A_URL}{referral.uuid}/einwilligung/", {})
    assert response.status_code == 422
    with scopes_disabled():
        assert not ReferralConsent.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(f"{A_URL}{referral.uuid}/einwilligung/", {"consent-given": "on"})
    assert response.status_code == 302
    _html, detail_status = receiver_html(world, referral)
    assert detail_status == 200
    assert len(mail.outbox) == 1


def test_a_new_consent_after_revocation_is_a_new_record(world):
    referral = world.refer()
    with scopes_disabled():
        first = referral.consents.get()
        services.consent_revoke(consent=first, actor=None)
        second = services.consent_give(referral=referral, actor=None)
        assert second.pk != first.pk
        assert ReferralConsent.objects.filter(referral=referral).count() == 2
        # Giving it twice does not duplicate it.
        assert services.consent_give(referral=referral, actor=None).pk == second.pk


def test_a_closed_referral_is_not_passed_on(world):
    referral = world.refer(consent=False)
    with scopes_disabled():
        services.referral_record_outcome(referral=referral, status="withdrawn", actor=None, side="office")
    office = verified_client(world.a.users[Role.OFFICE_STAFF])
    response = office.post(f"{A_URL}{referral.uuid}/einwilligung/", {"consent-given": "on"})
    assert response.status_code == 422
    with scopes_disabled():
        assert not ReferralConsent.objects.exists()


def test_the_notification_mail_holds_no_personal_data(world, django_capture_on_commit_callbacks):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    data = {
        "service": world.service.pk,
        "topics": [t.pk for t in world.topics],
        **PERSON,
        "consent-given": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(A_URL + "neu/", data).status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    text = message.subject + message.body + "".join(str(a) for a in message.alternatives)
    assert_nothing_personal(text)
    for topic in world.topics:
        assert str(topic) not in text
    assert world.service.slug not in text
    assert "Vermittlung" in text or "referral" in text
    assert "/stadt-a/de/intern/vermittlungen/eingang/" in message.body


def test_an_organisation_without_email_gets_no_mail_and_nothing_breaks(
    world, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        world.a.other_organization.email = ""
        world.a.other_organization.save()
    with django_capture_on_commit_callbacks(execute=True):
        world.refer(service=world.other_service)
    assert mail.outbox == []


def test_a_failing_mail_relay_does_not_lose_the_referral(world, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "tests.referrals.test_consent.BrokenBackend"
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    data = {"service": world.service.pk, "topics": [world.topics[0].pk], **PERSON, "consent-given": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(A_URL + "neu/", data)
    assert response.status_code == 302
    with scopes_disabled():
        assert Referral.objects.count() == 1


class BrokenBackend:
    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: object) -> int:
        raise ConnectionRefusedError("relay down")
