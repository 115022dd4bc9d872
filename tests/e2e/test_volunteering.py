"""A playground sponsor reports a defect from a phone: personal link, phone-sized viewport, photo with GPS
metadata; the page fits the screen, zero axe violations, and the stored photo carries no metadata."""

from __future__ import annotations

import io

import pytest
from django_scopes import scopes_disabled

from tests.volunteering.test_playgrounds import gps_jpeg

pytestmark = pytest.mark.e2e


def test_sponsor_reports_a_defect_with_a_photo_on_a_phone(browser, live_server, demo, axe_check, tmp_path):
    from PIL import Image

    from familienbuero.volunteering.models import PlaygroundReport, Sponsorship

    with scopes_disabled():
        sponsorship = Sponsorship.objects.get(name="Gisela Brands")
        before = PlaygroundReport.objects.count()
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(gps_jpeg())

    context = browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"/voerde/de/ehrenamt/spielplatz/{sponsorship.token}/")
        assert page.locator("h1").inner_text() == "Spielplatz am Familienbüro"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        axe_check(page, "report form (phone)")

        page.get_by_label("Mangel").check()
        page.get_by_label("Was ist kaputt?").fill("Rutsche hat einen scharfen Riss")
        page.get_by_label("Wo genau?").fill("Kletterkombination, untere Rutsche")
        page.get_by_label("gefährlich – absperren").check()
        page.get_by_label("Foto (freiwillig)").set_input_files(str(photo))
        with page.expect_navigation():
            page.get_by_role("button", name="Meldung senden").tap()

        assert page.url.endswith("/danke/")
        assert page.locator("h1").inner_text() == "Vielen Dank für Ihre Meldung"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        axe_check(page, "thank-you page (phone)")
    finally:
        context.close()

    with scopes_disabled():
        assert PlaygroundReport.objects.count() == before + 1
        report = PlaygroundReport.objects.latest("reported_at")
        stored = report.photo.read()
    assert report.kind == "defect" and report.urgency == "high" and report.what.startswith("Rutsche")
    cleaned = Image.open(io.BytesIO(stored))
    assert not cleaned.getexif() and b"Exif" not in stored
