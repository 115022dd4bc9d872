"""Walk-in queue (two clicks, numbered, nothing personal on the screen) and the iCalendar feeds."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import time_machine
from django_scopes import scopes_disabled
from icalendar import Calendar

from familienbuero.accounts.roles import Role
from familienbuero.appointments import recurrence
from familienbuero.appointments.models import WalkInTicket
from tests.appointments.conftest import A_PUBLIC, A_STAFF, MONDAY, NOW, PERSONAL_STRINGS
from tests.conftest import verified_client


def test_walk_in_in_two_clicks_and_the_screen_shows_who_is_next(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    page = client.get(f"{A_STAFF}warteschlange/").content.decode()  # click 1: the queue page
    assert f"{A_STAFF}warteschlange/buero/neu/" in page
    response = client.post(f"{A_STAFF}warteschlange/buero/neu/")  # click 2: the ticket
    assert response.status_code == 201
    assert 'class="ticket-number">1<' in response.content.decode()
    client.post(f"{A_STAFF}warteschlange/buero/neu/")
    client.post(f"{A_STAFF}warteschlange/buero/neu/")
    client.post(f"{A_STAFF}warteschlange/buero/aufrufen/")
    screen = client.get(f"{A_STAFF}warteschlange/buero/anzeige/").content.decode()
    assert 'class="queue-now" aria-live="polite">1<' in screen
    assert "<li>2</li>" in screen and "<li>3</li>" in screen
    assert 'hx-trigger="every 10s"' in screen
    partial = client.get(f"{A_STAFF}warteschlange/buero/anzeige/", headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "queue-now" in partial.content.decode()
    client.post(f"{A_STAFF}warteschlange/buero/aufrufen/")
    with scopes_disabled():
        assert list(WalkInTicket.objects.order_by("number").values_list("status", flat=True)) == [
            "done",
            "called",
            "waiting",
        ]


def test_queue_of_another_office_is_404_for_office_staff(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    assert client.post(f"{A_STAFF}warteschlange/zweites/neu/").status_code == 404
    assert client.get(f"{A_STAFF}warteschlange/zweites/anzeige/").status_code == 404
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    assert coordinator.get(f"{A_STAFF}warteschlange/zweites/anzeige/").status_code == 200


def test_numbers_start_again_each_day(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    client.post(f"{A_STAFF}warteschlange/buero/neu/")
    with time_machine.travel(datetime.now(tz=recurrence.TZ).replace(hour=12) + timedelta(days=1)):
        client = verified_client(world.a.users[Role.OFFICE_STAFF])
        response = client.post(f"{A_STAFF}warteschlange/buero/neu/")
    assert 'class="ticket-number">1<' in response.content.decode()


def test_public_free_busy_feed_has_no_personal_data(client, world):
    with time_machine.travel(NOW, tick=False):
        world.book()
        response = client.get(f"{A_PUBLIC}anbieter/org-traeger/frei-belegt.ics")
    assert response.status_code == 200
    body = response.content.decode()
    assert not any(s in body for s in PERSONAL_STRINGS)
    cal = Calendar.from_ical(response.content)
    busy = [
        str(period.params.get("FBTYPE"))
        for component in cal.walk("VFREEBUSY")
        for period in (
            component.get("FREEBUSY")
            if isinstance(component.get("FREEBUSY"), list)
            else [component.get("FREEBUSY")]
        )
        if period is not None
    ]
    assert "BUSY" in busy and "FREE" in busy
    assert client.get(f"{A_PUBLIC}anbieter/org-verein/frei-belegt.ics").status_code == 200
    assert client.get("/stadt-b/de/beratung/anbieter/org-verein/frei-belegt.ics").status_code == 404


def test_counsellor_feed_behind_a_revocable_token(client, world):
    counsellor = world.a.users[Role.PROVIDER_STAFF]
    with scopes_disabled():
        world.hours.counsellors.add(counsellor)
    with time_machine.travel(NOW, tick=False):
        booking, _ = world.book()
    assert booking.counsellor_id == counsellor.pk
    staff = verified_client(counsellor)
    page = staff.post(f"{A_STAFF}kalender/neu/").content.decode()
    url = page.split('readonly value="')[1].split('"')[0]
    path = url.split("testserver")[-1]
    with time_machine.travel(datetime.combine(MONDAY, time(8), tzinfo=recurrence.TZ)):
        feed = client.get(path)
    assert feed.status_code == 200
    assert "Schuldnerberatung" in feed.content.decode()
    assert not any(s in feed.content.decode() for s in PERSONAL_STRINGS)
    staff.post(f"{A_STAFF}kalender/widerrufen/")
    assert client.get(path).status_code == 404
    assert client.get(path.replace("stadt-a", "stadt-b")).status_code == 404


def test_a_walk_in_who_left_is_taken_off_the_queue_and_the_screen(world):
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    for _ in range(3):
        client.post(f"{A_STAFF}warteschlange/buero/neu/")
    client.post(f"{A_STAFF}warteschlange/buero/aufrufen/")  # 1 is called, 2 and 3 wait
    page = client.get(f"{A_STAFF}warteschlange/").content.decode()
    assert f"{A_STAFF}warteschlange/buero/2/gegangen/" in page
    response = client.post(f"{A_STAFF}warteschlange/buero/2/gegangen/", follow=True)
    assert "Nummer 2 ist ohne Beratung gegangen." in response.content.decode()
    screen = client.get(f"{A_STAFF}warteschlange/buero/anzeige/").content.decode()
    assert "<li>3</li>" in screen and "<li>2</li>" not in screen
    # Calling the next number skips the one who left; a finished ticket cannot be marked as left.
    client.post(f"{A_STAFF}warteschlange/buero/aufrufen/")
    assert client.post(f"{A_STAFF}warteschlange/buero/1/gegangen/").status_code == 404
    assert client.post(f"{A_STAFF}warteschlange/buero/9/gegangen/").status_code == 404
    with scopes_disabled():
        assert list(WalkInTicket.objects.order_by("number").values_list("status", flat=True)) == [
            "done",
            "left",
            "called",
        ]


def test_a_ticket_of_another_office_cannot_be_marked_as_left(world):
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    coordinator.post(f"{A_STAFF}warteschlange/zweites/neu/")
    client = verified_client(world.a.users[Role.OFFICE_STAFF])
    assert client.post(f"{A_STAFF}warteschlange/zweites/1/gegangen/").status_code == 404
    with scopes_disabled():
        assert WalkInTicket.objects.get().status == "waiting"
