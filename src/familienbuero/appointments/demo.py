"""Demo consultation hours in Voerde (concept §3–§5): independent providers and the own team counsel in
the private counselling room of the office at the Rönkenstraße; a few demo bookings in the coming days."""

from __future__ import annotations

from datetime import date, time, timedelta

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from familienbuero.appointments import queries, services
from familienbuero.appointments.models import Booking, ConsultationHours
from familienbuero.directory.models import Service, TaxonomyTerm
from familienbuero.tenancy.models import Room

# (title, organisation slug or None for the own team, service slug, rule, from, until, slot, buffer,
#  languages, anonymous, walk-ins)
HOURS = [
    ("Schuldner- und Insolvenzberatung", "schuldnerberatung", "schuldnerberatung",
     "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "14:00", "17:00", 45, 15, "de,tr", True, False),
    ("Migrationsberatung für Erwachsene", "migrationsberatung", "migrationsberatung",
     "FREQ=WEEKLY;BYDAY=WE", "09:00", "12:00", 30, 0, "de,ar,tr,uk,en", False, True),
    ("Sucht- und Drogenberatung", "suchtberatung", "suchtberatung",
     "FREQ=MONTHLY;BYDAY=1MO", "09:00", "12:00", 60, 0, "de", True, False),
    ("Beratung zur Kindertagespflege", None, "kindertagespflege",
     "FREQ=WEEKLY;BYDAY=WE", "14:00", "16:00", 30, 0, "de", False, True),
    ("Voerder Elternservice", None, "voerder-elternservice",
     "FREQ=WEEKLY;BYDAY=TH", "15:00", "18:00", 30, 0, "de,tr,ar", False, False),
]  # fmt: skip

DEMO_FAMILIES = [("Familie A.", "0281 000001"), ("Mama von Lina", "0281 000002"), ("Herr K.", "0281 000003")]


def load(objects: dict[str, object]) -> int:
    """Creates or updates the demo hours (idempotent) and books a few demo appointments once."""
    voerde, office = objects["voerde"], objects["office"]
    organizations = objects["organizations"]
    with scopes_disabled():
        if not Room.objects.filter(location_id=office.home_location_id, kind=Room.Kind.COUNSELLING).exists():
            return 0
        services_by_slug = {s.slug: s for s in Service.objects.filter(municipality=voerde)}
        created = []
        for title, org, service, rule, start, end, slot, buffer, languages, anonymous, walk_ins in HOURS:
            hours, _ = ConsultationHours.objects.update_or_create(
                municipality=voerde,
                office=office,
                title=title,
                defaults={
                    "organization": organizations[org] if org else None,
                    "service": services_by_slug.get(service),
                    "recurrence": rule,
                    "starts_on": date(2026, 1, 1),
                    "start_time": time.fromisoformat(start),
                    "end_time": time.fromisoformat(end),
                    "slot_minutes": slot,
                    "buffer_minutes": buffer,
                    "languages": languages,
                    "anonymous_allowed": anonymous,
                    "walk_ins": walk_ins,
                    "room_kind": Room.Kind.COUNSELLING,
                },
            )
            linked = services_by_slug.get(service)
            if linked is not None:
                hours.topics.set(linked.terms.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC))
            created.append(hours)
    _book_demo_appointments(voerde, created[1])
    return len(created)


def _book_demo_appointments(municipality: object, hours: ConsultationHours) -> None:
    with scope(municipality=municipality):
        if Booking.objects.filter(hours=hours).exists():
            return
        today = timezone.localdate()
        free = queries.free_slots(
            [queries.bookable_hours(municipality).get(pk=hours.pk)],
            first=today + timedelta(days=1),
            last=today + timedelta(days=14),
        ).get(hours.pk, [])
        for slot, (name, phone) in zip(free[::2], DEMO_FAMILIES, strict=False):
            services.book_slot(hours=hours, start=slot.start, person_name=name, contact_phone=phone)
