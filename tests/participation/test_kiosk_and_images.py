"""The office tablet starts anew after each child; option pictures are checked, scaled and stripped."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_scopes import scope
from PIL import Image

from familienbuero.accounts.roles import Role
from familienbuero.participation import services
from familienbuero.participation.models import Ballot
from tests.conftest import verified_client
from tests.participation.conftest import png, upload


def _kiosk(world) -> str:
    return world.url(suffix=f"tablet/{world.round.kiosk_token}/")


def test_tablet_starts_a_new_session_after_each_child(world):
    tablet = Client()
    tablet.get(_kiosk(world))
    response = tablet.post(_kiosk(world) + "abstimmen/", {"options": [world.options[1].pk]})
    assert response.status_code == 302
    first_session = tablet.cookies.get("sessionid")
    done = tablet.get(response["Location"])
    html = done.content.decode()
    assert "Wasserspiel" not in html and "checked" not in html
    assert "no-store" in done["Cache-Control"]
    page = tablet.get(_kiosk(world))
    assert "no-store" in page["Cache-Control"]
    assert " checked" not in page.content.decode()
    # The next child can vote on the same tablet.
    assert tablet.post(_kiosk(world) + "abstimmen/", {"options": [world.options[2].pk]}).status_code == 302
    second_session = tablet.cookies.get("sessionid")
    assert first_session is None or second_session is None or first_session.value != second_session.value
    with scope(municipality=world.a.municipality):
        assert Ballot.objects.filter(via_kiosk=True).count() == 2


def test_wrong_tablet_token_is_404(world):
    assert Client().get(world.url(suffix="tablet/falsch/")).status_code == 404
    assert Client().post(world.url(suffix="tablet/falsch/abstimmen/"), {"options": [1]}).status_code == 404


def test_tablet_is_limited_to_a_few_ballots_a_minute(world, limits_on):
    tablet = Client()
    statuses = [
        tablet.post(_kiosk(world) + "abstimmen/", {"options": [world.options[0].pk]}).status_code
        for _ in range(5)
    ]
    assert statuses == [302, 302, 302, 302, 429]


def test_tablet_is_closed_outside_the_dates(world):
    with scope(municipality=world.closed.municipality):
        zoo = world.closed.options.get()
    url = world.url(world.closed, f"tablet/{world.closed.kiosk_token}/abstimmen/")
    assert Client().post(url, {"options": [zoo.pk]}).status_code == 422


def _exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "KameraHersteller"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 35.0, 48.0)}  # GPS
    return exif.tobytes()


def test_picture_is_scaled_and_loses_its_metadata(world):
    data = png(3000, 2000, exif=_exif_with_gps(), fmt="JPEG")
    with Image.open(BytesIO(data)) as original:
        assert original.getexif()
    with scope(municipality=world.a.municipality):
        option = services.option_add(
            round_=world.round,
            title="Mit Bild",
            image=upload(data, "foto.jpg", "image/jpeg"),
            image_alt="Ein Bild",
        )
        stored = option.image.read()
    with Image.open(BytesIO(stored)) as cleaned:
        assert cleaned.format == "JPEG"
        assert max(cleaned.size) == 1200
        assert not cleaned.getexif()
        assert "exif" not in cleaned.info
    served = Client().get(f"/stadt-a/de/mitmachen/bild/{option.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<?php echo 'hallo'; ?>", "bild.jpg"),
        (b"%PDF-1.4 not a picture", "bild.png"),
        (b"GIF89a" + b"\x00" * 10, "kaputt.gif"),
    ],
)
def test_file_that_is_not_a_picture_is_refused_whatever_its_name(world, data, name):
    with scope(municipality=world.a.municipality), pytest.raises(ValidationError):
        services.option_add(
            round_=world.round, title="X", image=upload(data, name, "image/jpeg"), image_alt="X"
        )


def test_too_large_upload_is_refused_in_the_form(world):
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    big = upload(b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10), "riesig.jpg", "image/jpeg")
    response = coordinator.post(
        f"/stadt-a/de/intern/beteiligung/{world.round.uuid}/option/",
        {"title": "Riesig", "image": big, "image_alt": "groß"},
    )
    assert response.status_code == 422
    assert "5 MB" in response.content.decode()


def test_staff_upload_through_the_form(world):
    coordinator = verified_client(world.a.users[Role.COORDINATOR])
    response = coordinator.post(
        f"/stadt-a/de/intern/beteiligung/{world.round.uuid}/option/",
        {"title": "Rutsche", "image": upload(png(), "rutsche.png"), "image_alt": "Eine lange Rutsche"},
    )
    assert response.status_code == 302
    page = Client().get(world.url()).content.decode()
    assert "Rutsche" in page and 'alt="Eine lange Rutsche"' in page
