"""Referring on one screen: what is stored, what is sent, and that bad input stores nothing."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familienbuero.accounts.roles import Role
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.referrals.models import CURRENT_CONSENT_VERSION, Referral, ReferralEvent
from tests.conftest import verified_client
from tests.referrals.conftest import A_URL, PERSON, PERSONAL_STRINGS, counts
from tests.referrals.factories import ServiceFactory

CREATE = A_URL + "neu/"


def form_data(world, **overrides):
    data = {
        "service": world.service.pk,
        "topics": [t.pk for t in world.topics[:2]],
        **PERSON,
        "consent-given": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def german(msgid: str) -> str:
    with translation.override("de"):
        return gettext(msgid)


def test_office_staff_refer_with_consent_in_one_post(world, django_capture_on_commit_callbacks):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    page = client.get(CREATE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ich bin damit einverstanden" in html  # the consent text, in full
    assert 'name="office"' not in html  # one office: nothing to choose
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, form_data(world))
    assert response.status_code == 302
    with scopes_disabled():
        referral = Referral.objects.get()
        consent = referral.consents.get()
        assert response["Location"].endswith(f"/{referral.uuid}/")
        assert referral.office == world.a.office
        assert referral.organization == world.a.organization
        assert referral.created_by == world.a.users[Role.OFFICE_STAFF]
        assert set(referral.topics.all()) == set(world.topics[:2])
        assert referral.status == Referral.Status.OPEN
        assert referral.follow_up_due is not None
        for key, value in PERSON.items():
            assert getattr(referral, key) == value
        assert consent.recipient == world.a.organization
        assert consent.text_version == CURRENT_CONSENT_VERSION
        assert consent.given_by_staff == world.a.users[Role.OFFICE_STAFF]
        assert consent.in_force
        assert all(
            [
                consent.share_name,
                consent.share_phone,
                consent.share_email,
                consent.share_language,
                consent.share_topics,
                consent.share_note,
            ]
        )
        actions = list(referral.events.values_list("action", flat=True))
    assert actions == [ReferralEvent.Action.CREATED, ReferralEvent.Action.CONSENT_GIVEN]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["post@traeger-a.example"]


def test_the_consent_covers_only_what_was_filled_in(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    response = client.post(
        CREATE, form_data(world, contact_email="", preferred_language="", note_for_receiver="")
    )
    assert response.status_code == 302
    with scopes_disabled():
        consent = Referral.objects.get().consents.get()
    assert (consent.share_name, consent.share_phone, consent.share_topics) == (True, True, True)
    assert (consent.share_email, consent.share_language, consent.share_note) == (False, False, False)


def test_without_consent_the_referral_is_stored_but_nothing_is_sent(
    world, django_capture_on_commit_callbacks
):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, form_data(world, **{"consent-given": None}))
    assert response.status_code == 302
    with scopes_disabled():
        referral = Referral.objects.get()
        assert not referral.consents.exists()
    assert mail.outbox == []


def test_coordinator_chooses_the_office_and_sees_only_own_services(world):
    client = verified_client(world.a.users[Role.COORDINATOR])
    html = client.get(CREATE).content.decode()
    assert 'name="office"' in html
    assert world.a.office.name in html and world.a.other_office.name in html
    assert world.b.office.name not in html
    assert f'value="{world.b_service.pk}"' not in html
    response = client.post(CREATE, form_data(world, office=world.a.other_office.pk))
    assert response.status_code == 302
    with scopes_disabled():
        assert Referral.objects.get().office == world.a.other_office


def test_office_staff_cannot_refer_on_behalf_of_another_office(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    with scopes_disabled():
        world.a.users[Role.OFFICE_STAFF].memberships.create(
            municipality=world.a.municipality, role=Role.OFFICE_STAFF, office=world.a.other_office
        )
    # Now two offices: the field appears, but an office of B is no choice.
    response = client.post(CREATE, form_data(world, office=world.b.office.pk))
    assert response.status_code == 422
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"contact_phone": "", "contact_email": ""},
            "contact_phone",
            "Enter a phone number or an email address so the family can be reached.",
        ),
        ({"person_name": "   "}, "person_name", "Enter a name or a pseudonym."),
        ({"person_name": "x" * 121}, "person_name", None),
        ({"contact_email": "kein-mail"}, "contact_email", None),
        ({"contact_phone": "ruf mich an"}, "contact_phone", "Enter a phone number with digits only."),
        ({"note_for_receiver": "n" * 501}, "note_for_receiver", None),
        ({"topics": []}, "topics", "Choose at least one topic."),
        ({"preferred_language": "xx"}, "preferred_language", None),
        ({"service": "999999"}, "service", None),
        ({"service": "abc"}, "service", None),
    ],
)
def test_invalid_input_is_explained_in_german_and_stores_nothing(world, overrides, field, message):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    response = client.post(CREATE, form_data(world, **overrides))
    assert response.status_code == 422
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert f'id="id_{field}_error"' in html or f"id_{field}" in html
    if message:
        assert german(message) in html
    assert counts() == (0, 0, 0)
    assert "Ich bin damit einverstanden" in html


def test_services_of_another_municipality_and_other_vocabularies_are_refused(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    target_group = TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP).first()
    for overrides in ({"service": world.b_service.pk}, {"topics": [target_group.pk]}):
        assert client.post(CREATE, form_data(world, **overrides)).status_code == 422
    with scopes_disabled():
        unpublished = ServiceFactory(
            municipality=world.a.municipality, organization=world.a.organization, is_published=False
        )
    assert client.post(CREATE, form_data(world, service=unpublished.pk)).status_code == 422
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.PARTNER_EDITOR])
def test_receivers_and_editors_cannot_refer(world, role):
    client = verified_client(world.a.users[role])
    assert client.get(CREATE).status_code == 404
    assert client.post(CREATE, form_data(world)).status_code == 404
    assert counts() == (0, 0, 0)


def test_the_form_page_leaks_nothing_of_earlier_referrals(world):
    world.refer()
    html = verified_client(world.a.users[Role.OFFICE_STAFF]).get(CREATE).content.decode()
    for text in PERSONAL_STRINGS[:-1]:  # "Türkisch" is a choice of the language field
        assert text not in html


hostile_text = st.text(max_size=600) | st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "=1+1"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    person_name=hostile_text,
    contact_phone=hostile_text,
    contact_email=hostile_text,
    preferred_language=hostile_text | st.sampled_from(["de", "tr", "ar"]),
    note=hostile_text,
    service=st.one_of(st.none(), st.text(max_size=20), st.integers(-5, 10**12)),
    topics=st.lists(st.one_of(st.text(max_size=10), st.integers(-5, 10**6)), max_size=5),
    consent=st.sampled_from([None, "on", "off", "", "\x00"]),
    use_valid_service=st.booleans(),
)
def test_hostile_input_never_breaks_and_never_stores_half(
    world,
    person_name,
    contact_phone,
    contact_email,
    preferred_language,
    note,
    service,
    topics,
    consent,
    use_valid_service,
):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    before = counts()
    data = {
        "service": world.service.pk if use_valid_service else service,
        "topics": topics or [world.topics[0].pk],
        "person_name": person_name,
        "contact_phone": contact_phone,
        "contact_email": contact_email,
        "preferred_language": preferred_language,
        "note_for_receiver": note,
        "consent-given": consent,
    }
    response = client.post(CREATE, {k: v for k, v in data.items() if v is not None})
    assert response.status_code in (302, 422)
    after = counts()
    if response.status_code == 422:
        assert after == before
        assert "<script>alert(1)</script>" not in response.content.decode()
    else:
        assert after[0] == before[0] + 1
        with scopes_disabled():
            referral = Referral.objects.order_by("-pk").first()
            referral.full_clean()
            assert referral.topics.exists()
            assert referral.contact_phone or referral.contact_email
