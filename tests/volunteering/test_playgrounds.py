"""Playground sponsorships: reports through the personal link (unguessable token, 404 when unknown,
ended or of another municipality), defects list with status, overdue checks, and the photo: checked by
content, size-limited, resized, with GPS and every other metadata gone."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from PIL import Image

from familienbuero.accounts.roles import Role
from familienbuero.volunteering import photos, playgrounds
from familienbuero.volunteering.jobs import erase_volunteering_personal_data
from familienbuero.volunteering.models import Playground, PlaygroundReport, Sponsorship
from tests.conftest import verified_client
from tests.volunteering.conftest import A_PUBLIC, A_STAFF

pytestmark = pytest.mark.django_db


def gps_jpeg(size: tuple[int, int] = (3000, 2000)) -> bytes:
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "SpyPhone 12"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 35.0, 10.0), "E", (6.0, 41.0, 5.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the input really carries a position
    return data


def world(municipality):
    with scopes_disabled():
        playground = Playground.objects.create(
            municipality=municipality,
            name="Spielplatz am Familienbüro",
            address="Bahnhofstraße 1",
            equipment="Kletterturm\nNestschaukel\nSandkasten",
            check_interval_days=14,
            department="Fachbereich Grünflächen",
            department_email="gruen@example.org",
        )
        sponsorship = Sponsorship.objects.create(
            municipality=municipality, playground=playground, name="Erika Pate", phone="0281 5555"
        )
    return playground, sponsorship


def report_url(sponsorship: Sponsorship, slug: str = "stadt-a") -> str:
    return f"/{slug}/de/ehrenamt/spielplatz/{sponsorship.token}/"


def test_token_is_long_and_random(tenants):
    _playground, sponsorship = world(tenants[0].municipality)
    _other, second = world(tenants[0].municipality)
    assert len(sponsorship.token) >= 40 and sponsorship.token != second.token


def test_sponsor_reports_defect_with_photo_and_department_is_informed(
    tenants, django_capture_on_commit_callbacks
):
    _playground, sponsorship = world(tenants[0].municipality)
    photo = SimpleUploadedFile("IMG_0001.jpg", gps_jpeg(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            report_url(sponsorship),
            {
                "kind": "defect",
                "what": "Kette der Nestschaukel gerissen",
                "where": "Nestschaukel",
                "urgency": "high",
                "photo": photo,
            },
        )
    assert response.status_code == 302
    with scopes_disabled():
        report = PlaygroundReport.objects.get()
    assert report.status == PlaygroundReport.Status.NEW and report.sponsorship == sponsorship
    stored = report.photo.read()
    cleaned = Image.open(io.BytesIO(stored))
    assert cleaned.format == "JPEG" and max(cleaned.size) == photos.MAX_EDGE
    assert not cleaned.getexif() and "exif" not in cleaned.info
    assert b"Exif" not in stored and b"SpyPhone" not in stored and b"PhoneMaker" not in stored
    (message,) = mail.outbox
    assert message.to == ["gruen@example.org"] and "Nestschaukel" in message.body
    assert "Erika" not in message.body and "5555" not in message.body
    # The department's list, with the photo for staff only.
    client = verified_client(tenants[0].users[Role.COORDINATOR])
    listing = client.get(A_STAFF + "spielplaetze/maengel/").content.decode()
    assert "Kette der Nestschaukel gerissen" in listing
    assert client.get(A_STAFF + f"spielplaetze/maengel/{report.pk}/foto/").status_code == 200
    assert Client().get(A_STAFF + f"spielplaetze/maengel/{report.pk}/foto/").status_code == 302
    assert (
        client.post(
            A_STAFF + f"spielplaetze/maengel/{report.pk}/status/", {f"d{report.pk}-status": "fixed"}
        ).status_code
        == 302
    )
    report.refresh_from_db()
    assert report.status == PlaygroundReport.Status.FIXED and report.resolved_at is not None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.jpg", b"%PDF-1.7 this is not an image at all", "JPEG, PNG"),
        (
            "script.png",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "JPEG, PNG",
        ),
        ("huge.jpg", b"\xff\xd8\xff" + b"0" * (photos.MAX_UPLOAD_BYTES + 10), "10 MB"),
    ],
)
def test_bad_photos_are_refused_with_a_clear_error_and_nothing_stored(tenants, name, content, message):
    _playground, sponsorship = world(tenants[0].municipality)
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = Client().post(
        report_url(sponsorship), {"kind": "defect", "what": "Zaun kaputt", "urgency": "low", "photo": upload}
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    with scopes_disabled():
        assert not PlaygroundReport.objects.exists()


def test_image_bomb_is_refused_before_decoding():
    image = Image.new("1", (10_000, 6_000))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    upload = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    with pytest.raises(ValidationError) as error:
        photos.process_photo(upload)
    assert error.value.code == "too_many_pixels"


def test_png_text_metadata_is_dropped():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Wohnung von Familie Geheim, Hauptstr. 5")
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 255, 128)).save(buffer, "PNG", pnginfo=info)
    cleaned = photos.process_photo(SimpleUploadedFile("a.png", buffer.getvalue())).read()
    assert b"Geheim" not in cleaned and Image.open(io.BytesIO(cleaned)).size == (50, 40)


def test_check_report_resets_the_overdue_flag(tenants):
    m = tenants[0].municipality
    _playground, sponsorship = world(m)
    with scopes_disabled():
        Sponsorship.objects.filter(pk=sponsorship.pk).update(created_at=timezone.now() - timedelta(days=30))
    today = timezone.localdate()
    with scope(municipality=m):
        (state,) = playgrounds.states(m, today)
        assert state.overdue and state.last_visit is None
    assert Client().post(report_url(sponsorship), {"kind": "check"}).status_code == 302
    with scope(municipality=m):
        (state,) = playgrounds.states(m, today)
    assert not state.overdue and state.last_visit == today and state.next_due == today + timedelta(days=14)
    page = (
        verified_client(tenants[0].users[Role.OFFICE_STAFF]).get(A_STAFF + "spielplaetze/").content.decode()
    )
    assert "Spielplatz am Familienbüro" in page


def test_defect_needs_what_and_urgency(tenants):
    _playground, sponsorship = world(tenants[0].municipality)
    response = Client().post(report_url(sponsorship), {"kind": "defect", "what": "", "urgency": ""})
    assert response.status_code == 422


def test_unknown_ended_or_foreign_link_is_404(tenants):
    a, b = tenants
    _playground, sponsorship = world(a.municipality)
    assert Client().get(report_url(sponsorship)).status_code == 200
    assert Client().get(report_url(sponsorship, "stadt-b")).status_code == 404
    assert Client().get(A_PUBLIC + "spielplatz/" + "x" * 43 + "/").status_code == 404
    client = verified_client(a.users[Role.COORDINATOR])
    assert client.post(A_STAFF + f"spielplaetze/paten/{sponsorship.pk}/beenden/").status_code == 302
    assert Client().get(report_url(sponsorship)).status_code == 404
    other = verified_client(b.users[Role.COORDINATOR])
    assert other.get(f"/stadt-b/de/intern/ehrenamt/spielplaetze/{_playground.uuid}/").status_code == 404


def test_staff_add_sponsor_and_see_the_link(tenants):
    playground, _sponsorship = world(tenants[0].municipality)
    client = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    url = A_STAFF + f"spielplaetze/{playground.uuid}/paten/"
    assert (
        client.post(url, {"kind": "group", "name": "Kita Regenbogen", "email": "", "phone": ""}).status_code
        == 302
    )
    with scopes_disabled():
        added = Sponsorship.objects.get(name="Kita Regenbogen")
    page = client.get(A_STAFF + f"spielplaetze/{playground.uuid}/").content.decode()
    assert added.token in page


def test_retention_erases_ended_sponsors(tenants):
    _playground, sponsorship = world(tenants[0].municipality)
    now = timezone.now()
    with scopes_disabled():
        Sponsorship.objects.filter(pk=sponsorship.pk).update(
            is_active=False, ended_at=now - timedelta(days=366)
        )
    assert erase_volunteering_personal_data(now=now) == 1
    sponsorship.refresh_from_db()
    assert (sponsorship.name, sponsorship.phone) == ("", "")
