"""No double booking, ever: 50 families press "book" for the same slot at the same moment.

Runs against the real database of the run (SQLite file with BEGIN IMMEDIATE, or PostgreSQL with the
exclusion constraints): ``transaction=True`` so that every thread commits on its own connection.
"""

from __future__ import annotations

import threading
from datetime import datetime, time

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django_scopes import scope, scopes_disabled

from familienbuero.appointments import recurrence, services
from familienbuero.appointments.models import Booking
from tests.appointments.conftest import MONDAY, NOW, PERSON

ATTEMPTS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_bookings_of_one_slot_give_one_booking_and_49_refusals(world):
    start = datetime.combine(MONDAY, time(10), tzinfo=recurrence.TZ)
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(n: int) -> None:
        try:
            barrier.wait()
            with scope(municipality=world.a.municipality):
                services.book_slot(
                    hours=world.hours, start=start, now=NOW, **{**PERSON, "person_name": f"Familie {n}"}
                )
            result = "booked"
        except services.SlotUnavailable:
            result = "refused"
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["booked"] + ["refused"] * (ATTEMPTS - 1)
    with scopes_disabled():
        assert Booking.objects.filter(starts_at=start).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_itself_refuses_an_overlapping_booking_of_the_room(world):
    """Bypassing the service: on PostgreSQL the exclusion constraint refuses the row."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite relies on the serialised write path of the service")
    booking, _token = world.book()
    with scopes_disabled():
        clone = Booking.objects.get(pk=booking.pk)
        clone.pk, clone.uuid, clone.token_hash = None, None, None
        clone.person_name = "Zweite Familie"
        import uuid

        clone.uuid = uuid.uuid4()
        clone.hours = world.other_hours
        with pytest.raises(IntegrityError), transaction.atomic():
            clone.save(force_insert=True)
        clone.status = Booking.Status.CANCELLED  # a cancelled booking holds nothing
        clone.save(force_insert=True)
