"""Volunteering and data protection: the back office's reads of a tutor's, a child's, a youth's or a
sponsor's personal data are in the access log, and no model's ``__str__`` carries a name (it appears in
the admin, the change log and the access log's description)."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from familienbuero.accounts.roles import Role
from familienbuero.privacy.models import AccessLog
from familienbuero.volunteering.models import Match
from tests.conftest import verified_client
from tests.volunteering.conftest import A_STAFF, make_request, make_tutor
from tests.volunteering.test_internships import interest, offer
from tests.volunteering.test_playgrounds import world as playground_world

pytestmark = pytest.mark.django_db

NAMES = ("Helga", "Mia", "Lea", "Erika")


def entries(**filters) -> list[AccessLog]:
    with scopes_disabled():
        return list(AccessLog.objects.filter(**filters))


def test_str_of_volunteering_records_has_no_personal_data(tenants):
    municipality = tenants[0].municipality
    tutor = make_tutor(municipality)
    request = make_request(municipality)
    youth = interest(municipality)
    _playground, sponsorship = playground_world(municipality)
    with scopes_disabled():
        match = Match.objects.create(municipality=municipality, tutor=tutor, request=request, score=1)
        placement = youth.placements.create(municipality=municipality, offer=offer(municipality))
    labels = [str(obj) for obj in (tutor, request, youth, sponsorship, match, placement)]
    for label in labels:
        assert not any(name in label for name in NAMES), label
    assert str(request).endswith(str(request.uuid)[:8])
    assert str(sponsorship).endswith(f"#{sponsorship.pk}")
    # The back office still shows the names.
    assert (tutor.display_name, request.display_name, youth.display_name, sponsorship.display_name) == (
        "Helga Nachhilfe",
        "Mia",
        "Lea",
        "Erika Pate",
    )


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.OFFICE_STAFF])
def test_staff_reading_volunteering_personal_data_is_logged(tenants, role):
    a = tenants[0]
    tutor = make_tutor(a.municipality)
    request = make_request(a.municipality)
    youth = interest(a.municipality)
    playground, sponsorship = playground_world(a.municipality)
    staff = a.users[role]
    client = verified_client(staff)
    pages = [
        (f"{A_STAFF}nachhilfe/helfende/{tutor.uuid}/", "Helga Nachhilfe", "volunteering.tutor", tutor.uuid),
        (f"{A_STAFF}nachhilfe/anfragen/{request.uuid}/", "Mia", "volunteering.tutoringrequest", request.uuid),
        (f"{A_STAFF}praktika/interessen/{youth.uuid}/", "Lea", "volunteering.youthinterest", youth.uuid),
        (
            f"{A_STAFF}spielplaetze/{playground.uuid}/",
            "Erika Pate",
            "volunteering.sponsorship",
            sponsorship.pk,
        ),
    ]
    for url, name, object_type, object_id in pages:
        response = client.get(url)
        assert response.status_code == 200 and name in response.content.decode(), url
        [entry] = entries(object_type=object_type)
        assert (entry.actor, entry.action, entry.object_id) == (staff, AccessLog.Action.VIEW, str(object_id))
        assert entry.municipality == a.municipality
        assert not any(n in entry.object_label for n in NAMES)


def test_denied_reads_of_another_municipality_write_nothing(tenants):
    a, b = tenants
    tutor = make_tutor(a.municipality)
    youth = interest(a.municipality)
    client = verified_client(b.users[Role.COORDINATOR])
    assert client.get(f"/stadt-b/de/intern/ehrenamt/nachhilfe/helfende/{tutor.uuid}/").status_code == 404
    assert client.get(f"/stadt-b/de/intern/ehrenamt/praktika/interessen/{youth.uuid}/").status_code == 404
    assert entries() == []
