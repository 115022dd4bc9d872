"""Consultation test world on top of ``tenants``: a counselling room at A's office, hours of A's independent
provider ("traeger") and of A's own team, hours of B's provider, and a helper that books via the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest
from django_scopes import scope, scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.accounts.roles import Role
from familienbuero.appointments import recurrence, services
from familienbuero.appointments.models import Booking, ConsultationHours
from familienbuero.directory.demo_services import ensure_vocabulary
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.tenancy.models import Room
from tests import factories
from tests.conftest import Tenant

A_PUBLIC = "/stadt-a/de/beratung/"
A_STAFF = "/stadt-a/de/intern/termine/"

#: A Monday well in the future: no holidays in that week (1 June 2026 is Whit Monday; this is 2027).
MONDAY = date(2027, 3, 1)
NOW = datetime(2027, 2, 26, 12, 0, tzinfo=recurrence.TZ)

PERSON = {
    "person_name": "Zaphira Quellmann",
    "contact_phone": "0281 9988776",
    "contact_email": "zaphira.quellmann@example.org",
}
PERSONAL_STRINGS = ("Zaphira", "Quellmann", "9988776", "zaphira.quellmann")


@dataclass
class World:
    a: Tenant
    b: Tenant
    room: Room
    hours: ConsultationHours  # A's provider "traeger", Mondays 9-12, 30 min slots
    team_hours: ConsultationHours  # A's own team, Tuesdays 14-16
    other_hours: ConsultationHours  # A's provider "verein", Mondays 9-12 in the same room
    b_hours: ConsultationHours
    topic: TaxonomyTerm
    other_provider: User  # provider staff of A's "verein"

    def book(self, hours: ConsultationHours | None = None, at: datetime | None = None, **person: str):
        hours = hours or self.hours
        at = at or datetime.combine(MONDAY, time(9), tzinfo=recurrence.TZ)
        with scope(municipality=hours.municipality):
            return services.book_slot(
                hours=hours,
                start=at,
                now=NOW,
                manage_url="http://testserver/m/{token}/",
                **{**PERSON, **person},
            )


def make_hours(tenant: Tenant, *, organization=None, **values) -> ConsultationHours:
    defaults = {
        "title": "Schuldnerberatung",
        "recurrence": "FREQ=WEEKLY;BYDAY=MO",
        "starts_on": date(2026, 1, 1),
        "start_time": time(9),
        "end_time": time(12),
        "slot_minutes": 30,
        "languages": "de,tr",
    }
    return ConsultationHours.objects.create(
        municipality=tenant.municipality,
        office=tenant.office,
        organization=organization,
        **(defaults | values),
    )


@pytest.fixture
def world(tenants: tuple[Tenant, Tenant]) -> World:
    a, b = tenants
    with scopes_disabled():
        room = factories.RoomFactory(location=a.office.home_location, name="Beratungsraum")
        factories.RoomFactory(location=b.office.home_location, name="Beratungsraum B")
        hours = make_hours(a, organization=a.organization)
        team_hours = make_hours(
            a, title="Kindertagespflege", recurrence="FREQ=WEEKLY;BYDAY=TU", start_time=time(14),
            end_time=time(16),
        )  # fmt: skip
        other_hours = make_hours(a, organization=a.other_organization, title="Suchtberatung")
        b_hours = make_hours(b, organization=b.organization)
        ensure_vocabulary()  # a transactional test before this one flushed the seeded vocabulary
        topic = TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC).order_by("position").first()
        hours.topics.add(topic)
        other_provider = factories.MembershipFactory(
            municipality=a.municipality,
            role=Role.PROVIDER_STAFF,
            organization=a.other_organization,
            user__username="provider-verein-a",
        ).user
    return World(a, b, room, hours, team_hours, other_hours, b_hours, topic, other_provider)


def bookings() -> list[Booking]:
    with scopes_disabled():
        return list(Booking.objects.order_by("pk"))
