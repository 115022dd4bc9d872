"""Printable notices per service and per office: HTML for the browser's print, PDF, QR code, footer."""

from __future__ import annotations

import io
from datetime import time

import pytest
import segno
from django.test import Client, RequestFactory
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from familienbuero.directory import notices
from familienbuero.directory.models import (
    Contact,
    CostOption,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSchedule,
)
from tests.directory.test_review import make_service

SERVICE_NOTICE = "/stadt-a/{lang}/aushang/angebot/elterncafe/"
OFFICE_NOTICE = "/stadt-a/{lang}/aushang/buero/buero/"


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # pypdf leaves the high bytes of two-byte glyph codes in the text when a font subset has many
    # scripts (poppler's pdftotext reads the same file cleanly); they carry no text.
    return len(reader.pages), text.replace("\x00", "")


@pytest.fixture
def service(tenants) -> Service:
    a, _b = tenants
    service = make_service(a, but_eligible=True, minimum_age=0, maximum_age=3, phone="02855 1234")
    with scopes_disabled():
        service.set_current_language("ar")
        service.name = "مقهى الآباء"
        service.description = "لقاء مفتوح للآباء والأمهات."
        service.save()
        place = ServiceAtLocation.objects.create(service=service, location=a.office.home_location)
        ServiceSchedule.objects.create(
            service=service, service_at_location=place, weekday=1, opens=time(9), closes=time(11)
        )
        for code in ("de", "tr", "ar"):
            ServiceLanguage.objects.create(service=service, code=code)
    return service


def test_service_notice_page_shows_what_a_family_needs(service):
    response = Client().get(SERVICE_NOTICE.format(lang="de"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Elterncafé" in content and "Träger Stadt A" in content
    assert "09:00–11:00" in content and "Hauptstraße 1, 46562 Voerde" in content
    assert "Türkçe" in content and 'lang="ar"' in content  # languages named in themselves
    assert "02855 1234" in content
    assert "BuT" in content
    assert "?format=pdf" in content
    assert "directory/css/notice.css" in content
    # Legal footer: Impressum and privacy with short, typeable URLs.
    assert "testserver/stadt-a/de/impressum" in content
    assert "testserver/stadt-a/de/datenschutz" in content


def test_the_qr_code_encodes_the_public_page_of_the_service(service):
    with scope(municipality=service.municipality):
        request = RequestFactory().get("/stadt-a/de/aushang/angebot/elterncafe/")
        request.municipality = service.municipality
        request.LANGUAGE_CODE = "de"
        context = notices.service_notice(request, service)
    expected_path = notices.public_service_path(
        municipality_slug="stadt-a", language="de", service_slug="elterncafe"
    )
    assert expected_path == "/stadt-a/de/angebote/elterncafe/"
    assert context["qr"].data == f"http://testserver{expected_path}"
    # The SVG is the QR code of exactly that data (segno is deterministic), and the page shows it.
    assert context["qr"].svg == notices.qr_code(context["qr"].data).svg
    assert segno.make(context["qr"].data, error="m", micro=False).designator in ("2-M", "3-M", "4-M")
    page = Client().get(SERVICE_NOTICE.format(lang="de")).content.decode()
    assert "<svg" in page and context["qr"].svg in page
    assert f'href="{context["qr"].data}"' in page


def test_office_qr_code_links_the_office_page(tenants):
    page = Client().get(OFFICE_NOTICE.format(lang="en")).content.decode()
    qr = notices.qr_code("http://testserver/stadt-a/en/buero/buero/")
    assert qr.svg in page
    assert "Familienbüro Stadt A" in page


def test_service_notice_as_pdf(service):
    response = Client().get(SERVICE_NOTICE.format(lang="de") + "?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="aushang-elterncafe-de.pdf"' in response["Content-Disposition"]
    pages, text = pdf_text(response.content)
    assert pages == 1
    assert "Elterncafé" in text
    assert "testserver/stadt-a/de/impressum" in text


def test_arabic_notice_is_right_to_left_with_german_fallback_marked(service):
    content = Client().get(SERVICE_NOTICE.format(lang="ar")).content.decode()
    assert 'dir="rtl"' in content and 'lang="ar"' in content
    assert "مقهى الآباء" in content
    pdf = Client().get(SERVICE_NOTICE.format(lang="ar") + "?format=pdf").content
    html = notices_document(service, "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert "مقهى الآباء" in pdf_text(pdf)[1]


def notices_document(service: Service, language: str) -> str:
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language), scope(municipality=service.municipality):
        request = RequestFactory().get("/")
        request.municipality = service.municipality
        request.LANGUAGE_CODE = language
        context = notices.service_notice(request, service)
        return render_to_string("directory/notices/document.html", context, request=request)


def test_english_notice_marks_german_fallback_text(service):
    content = Client().get(SERVICE_NOTICE.format(lang="en")).content.decode()
    assert 'lang="de" dir="ltr">Elterncafé' in content


def test_a_long_entry_still_fits_on_one_page(tenants):
    from tests import factories

    a, _b = tenants
    service = make_service(
        a,
        free_of_charge=False,
        but_eligible=True,
        anonymous_possible=True,
        minimum_age=0,
        maximum_age=17,
        url="https://www.example.org/" + "sehr-lange-adresse/" * 12,
        email="anmeldung-familienangebote@example.org",
        phone="+49 2855 123456-789",
    )
    with scopes_disabled():
        service.set_current_language("de")
        service.description = "Sehr langer Text. " * 220
        service.eligibility_description = "Für alle. " * 200
        service.application_process = "Anrufen. " * 220
        service.fees_description = "Kosten. " * 120
        service.save()
        place = ServiceAtLocation.objects.create(service=service, location=a.office.home_location)
        for number in range(3):
            location = factories.LocationFactory(
                municipality=a.municipality, name=f"Ort mit langem Namen {number}"
            )
            ServiceAtLocation.objects.create(service=service, location=location)
        for number in range(6):
            CostOption.objects.create(service=service, option=f"Kursgebühr Variante {number} " * 5, amount=30)
            Contact.objects.create(
                service=service,
                name=f"Ansprechperson mit langem Namen {number}",
                title="Koordination der Familienangebote",
                phone="+49 2855 123456-789",
                email="ansprechperson@example.org",
            )
        for code in (
            "de",
            "en",
            "tr",
            "ar",
            "uk",
            "ru",
            "pl",
            "ro",
            "bg",
            "fa",
            "ku",
            "ti",
            "so",
            "ps",
            "gsg",
        ):
            ServiceLanguage.objects.create(service=service, code=code)
        for weekday in range(7):
            for hour in (8, 12, 16):
                ServiceSchedule.objects.create(
                    service=service,
                    service_at_location=place,
                    weekday=weekday,
                    opens=time(hour),
                    closes=time(hour + 2),
                )
    response = Client().get(SERVICE_NOTICE.format(lang="de") + "?format=pdf")
    pages, text = pdf_text(response.content)
    assert pages == 1
    assert "impressum" in text


def test_what_does_not_fit_is_cut_but_the_legal_footer_stays(service, monkeypatch):
    """The safety net behind the limits above: compact type, then only the first page."""
    monkeypatch.setattr(notices, "MAX_SCHEDULE_ROWS", 500)
    with scopes_disabled():
        for weekday in range(7):
            for minute in range(0, 59, 2):
                ServiceSchedule.objects.create(
                    service=service, weekday=weekday, opens=time(7, minute), closes=time(20)
                )
    response = Client().get(SERVICE_NOTICE.format(lang="de") + "?format=pdf")
    pages, text = pdf_text(response.content)
    assert pages == 1
    assert "Elterncafé" in text, text[:300]
    assert "testserver/stadt-a/de/impressum" in text, text[-300:]


def test_office_notice_html_and_pdf(tenants):
    from tests import factories

    a, _b = tenants
    with scopes_disabled():
        factories.OpeningHoursFactory(office=a.office, weekday=2, opens=time(14), closes=time(17))
    page = Client().get(OFFICE_NOTICE.format(lang="de"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Familienbüro Stadt A" in content and "14:00–17:00" in content
    pdf = Client().get(OFFICE_NOTICE.format(lang="uk") + "?format=pdf")
    assert pdf.content.startswith(b"%PDF")
    pages, text = pdf_text(pdf.content)
    assert pages == 1 and "Familienbüro Stadt A" in text and "14:00" in text


@pytest.mark.parametrize(
    "path",
    [
        "/stadt-a/de/aushang/angebot/gibt-es-nicht/",
        "/stadt-a/de/aushang/angebot/versteckt/",
        "/stadt-a/de/aushang/angebot/eingestellt/",
        "/stadt-b/de/aushang/angebot/nur-in-a/",
        "/stadt-a/de/aushang/buero/gibt-es-nicht/",
        "/stadt-a/xx/aushang/buero/buero/",
    ],
)
def test_unpublished_or_foreign_things_have_no_notice(tenants, path):
    a, _b = tenants
    make_service(a, slug="versteckt", is_published=False)
    make_service(a, slug="eingestellt", status=Service.Status.DEFUNCT)
    make_service(a, slug="nur-in-a")
    assert Client().get(path).status_code == 404
    assert Client().get(path + "?format=pdf").status_code == 404


def test_the_pdf_renderer_fetches_nothing(service, monkeypatch):
    """A URL smuggled into content must not make the server fetch anything (no SSRF, no tracking)."""
    with scopes_disabled():
        service.set_current_language("de")
        service.url = "http://127.0.0.1:9/secret"
        service.save()
    fetched = []
    from weasyprint.urls import URLFetcher

    original = URLFetcher.open
    monkeypatch.setattr(
        URLFetcher, "open", lambda self, *a, **k: fetched.append(a) or original(self, *a, **k)
    )
    response = Client().get(SERVICE_NOTICE.format(lang="de") + "?format=pdf")
    assert response.status_code == 200
    assert fetched == []
