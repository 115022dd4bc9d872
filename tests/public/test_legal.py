"""Legal pages per municipality, accessibility feedback tickets, easy and sign language, JSON-LD."""

import json
import re
import struct
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familienbuero.accounts.roles import Role
from familienbuero.core.processing import REGISTRY
from familienbuero.public import services
from familienbuero.public.models import AccessibilityFeedback, LegalInfo
from tests.conftest import verified_client
from tests.html_lang import language_of

BERLIN = ZoneInfo("Europe/Berlin")
LANGUAGES = ["de", "en", "tr", "ar", "uk", "de-ls"]
LEGAL = {
    "impressum": "/voerde/{lang}/impressum/",
    "datenschutz": "/voerde/{lang}/datenschutz/",
    "barrierefreiheit": "/voerde/{lang}/barrierefreiheit/",
}
PAGE_TYPES = [
    "/voerde/{lang}/",
    "/voerde/{lang}/buero/roenkenstrasse/",
    "/voerde/{lang}/impressum/",
    "/voerde/{lang}/datenschutz/",
    "/voerde/{lang}/barrierefreiheit/",
    "/voerde/{lang}/barrierefreiheit/rueckmeldung/",
    "/voerde/{lang}/barrierefreiheit/rueckmeldung/danke/",
    "/voerde/{lang}/gebaerdensprache/",
]


def feedback_tickets():
    with scopes_disabled():
        return list(AccessibilityFeedback.objects.all())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGE_TYPES)
def test_legal_pages_are_one_click_away_from_every_public_page(demo, client, page, language):
    response = client.get(page.format(lang=language))
    assert response.status_code == 200
    html = response.content.decode()
    for target in LEGAL.values():
        assert f'href="{target.format(lang=language)}"' in html
    assert f'href="/voerde/{language}/barrierefreiheit/rueckmeldung/?seite=' in html


@pytest.mark.parametrize("path", ["/", "/konto/anmelden/", "/gibtsnicht/de/"])
def test_pages_outside_a_municipality_link_the_platform_legal_pages(demo, client, path):
    html = client.get(path).content.decode()
    for target in LEGAL.values():
        assert f'href="{target.format(lang="de")}"' in html


@pytest.mark.parametrize("target", list(LEGAL.values()))
def test_legal_pages_render_in_every_language(demo, client, target):
    for language in LANGUAGES:
        assert client.get(target.format(lang=language)).status_code == 200


def test_imprint_cites_the_ddg_and_never_the_tmg(demo, client):
    html = client.get("/voerde/de/impressum/").content.decode()
    assert "§ 5" in html and "DDG" in html
    assert "TMG" not in html
    assert "Stadt Voerde (Niederrhein)" in html
    assert "Rathausplatz 20" in html


def test_privacy_statement_is_generated_from_the_processing_registry(demo, client):
    html = client.get("/voerde/de/datenschutz/").content.decode()
    assert "Behördliche Datenschutzbeauftragte der Stadt Voerde" in html
    assert "Landesbeauftragte für Datenschutz und Informationsfreiheit" in html
    for entry in REGISTRY:
        assert f'id="processing-{entry.key}"' in html
    assert "Kommunales Rechenzentrum" in html


def test_each_municipality_shows_its_own_legal_information(demo, client):
    voerde = client.get("/voerde/de/impressum/").content.decode()
    huenxe = client.get("/huenxe/de/impressum/").content.decode()
    assert "Stadt Voerde (Niederrhein)" in voerde and "Gemeinde Hünxe" not in voerde
    assert "Gemeinde Hünxe" in huenxe and "Stadt Voerde (Niederrhein)" not in huenxe


def test_accessibility_statement_has_status_review_date_enforcement_body_and_feedback(demo, client):
    html = client.get("/voerde/de/barrierefreiheit/").content.decode()
    assert "teilweise" in html
    assert "20.11.2026" in html
    assert "Ombudsstelle für barrierefreie Informationstechnik" in html
    assert "/voerde/de/barrierefreiheit/rueckmeldung/" in html
    assert "Gebärdensprache" in html
    english = client.get("/voerde/en/barrierefreiheit/").content.decode()
    assert language_of(english, "This statement was made on") == "en"
    assert language_of(english, "Selbstbewertung") == "de"  # the method, entered in German


@time_machine.travel(datetime(2027, 1, 31, 10, 0, tzinfo=BERLIN), tick=False)
def test_feedback_becomes_a_ticket_with_a_one_month_deadline_and_notifies_the_office(
    demo, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/voerde/de/barrierefreiheit/rueckmeldung/",
            {
                "message": "Der Kontrast der Fußzeile ist zu schwach.",
                "page": "/voerde/de/",
                "email": "a@b.example",
            },
        )
    assert response.status_code == 302
    assert response["Location"].endswith("?bis=2027-02-28")
    [ticket] = feedback_tickets()
    assert ticket.due_on == date(2027, 2, 28)
    assert ticket.status == "open"
    assert [m.to for m in mail.outbox] == [["barrierefreiheit@voerde.example"]]
    thanks = client.get(response["Location"]).content.decode()
    assert "28.02.2027" in thanks


@pytest.mark.parametrize(
    "data",
    [
        {"message": ""},
        {"message": "   "},
        {"message": "x" * 4001},
        {"message": "Kontrast", "email": "keine-adresse"},
        {"message": "Kontrast", "name": "n" * 201},
        {"message": "Kontrast", "page": "/" * 501},
        {"message": "null\x00byte"},
    ],
)
def test_invalid_feedback_is_explained_and_stores_nothing(demo, client, data):
    response = client.post("/voerde/de/barrierefreiheit/rueckmeldung/", data)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode() or "nicht erlaubt" in response.content.decode()
    assert feedback_tickets() == []
    assert mail.outbox == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=st.text(max_size=300), name=st.text(max_size=50), page=st.text(max_size=50))
def test_arbitrary_feedback_never_breaks_and_is_never_rendered_unescaped(demo, message, name, page):
    client = Client()
    response = client.post(
        "/voerde/de/barrierefreiheit/rueckmeldung/", {"message": message, "name": name, "page": page}
    )
    assert response.status_code in (302, 422)
    assert "<script>" not in response.content.decode().replace('<script type="application/ld+json">', "")


def test_feedback_pages_set_only_the_csrf_cookie(demo, client):
    response = client.get("/voerde/de/barrierefreiheit/rueckmeldung/")
    assert set(response.cookies) == {"csrftoken"}
    response = client.post("/voerde/de/barrierefreiheit/rueckmeldung/", {"message": "Kontrast"})
    assert "sessionid" not in response.cookies


def make_ticket(municipality, **kwargs):
    kwargs.setdefault("message", "Barriere")
    kwargs.setdefault("due_on", date(2027, 1, 10))
    with scopes_disabled():
        return AccessibilityFeedback.objects.create(municipality=municipality, **kwargs)


def test_reminder_goes_out_once_a_week_before_the_deadline(demo):
    with scopes_disabled():
        legal = LegalInfo.objects.get(municipality__slug="voerde")
    soon = make_ticket(legal.municipality, due_on=date(2027, 1, 10))
    make_ticket(legal.municipality, due_on=date(2027, 2, 10))
    answered = make_ticket(
        legal.municipality, due_on=date(2027, 1, 5), status="answered", answered_at=timezone.now()
    )
    now = datetime(2027, 1, 4, 8, 0, tzinfo=BERLIN)
    assert services.send_feedback_reminders(now=now) == 1
    assert services.send_feedback_reminders(now=now) == 0
    assert len(mail.outbox) == 1
    assert "Erinnerung" in mail.outbox[0].subject
    soon.refresh_from_db()
    answered.refresh_from_db()
    assert soon.reminded_at is not None and answered.reminded_at is None


def test_contact_data_of_answered_feedback_is_erased_after_180_days_message_kept(demo):
    with scopes_disabled():
        municipality = LegalInfo.objects.get(municipality__slug="voerde").municipality
    answered_at = datetime(2026, 1, 1, tzinfo=BERLIN)
    old = make_ticket(
        municipality, name="Erika", email="e@x.example", status="answered", answered_at=answered_at
    )
    recent = make_ticket(
        municipality,
        name="Max",
        email="m@x.example",
        status="answered",
        answered_at=answered_at + timedelta(days=100),
    )
    assert services.erase_feedback_contacts(now=answered_at + timedelta(days=181)) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.message) == ("", "", "Barriere")
    assert recent.email == "m@x.example"


def test_coordinator_sees_and_answers_own_tickets_only(tenants):
    a, b = tenants
    own = make_ticket(a.municipality, message="A-Barriere")
    make_ticket(b.municipality, message="B-Barriere")
    client = verified_client(a.users[Role.COORDINATOR])
    html = client.get("/stadt-a/de/intern/barrierefreiheit/").content.decode()
    assert "A-Barriere" in html and "B-Barriere" not in html
    response = client.post(f"/stadt-a/de/intern/barrierefreiheit/{own.pk}/beantwortet/")
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "answered" and own.answered_at is not None
    foreign = make_ticket(b.municipality)
    assert client.post(f"/stadt-a/de/intern/barrierefreiheit/{foreign.pk}/beantwortet/").status_code == 404
    assert client.post(f"/stadt-b/de/intern/barrierefreiheit/{foreign.pk}/beantwortet/").status_code == 404


def tiny_mp4(seconds: int) -> bytes:
    """A minimal MP4 container: ftyp + moov/mvhd (version 0) with the given duration."""
    ftyp = struct.pack(">I4s4sI4s", 20, b"ftyp", b"isom", 512, b"isom")
    mvhd_body = struct.pack(">B3sIIII", 0, b"\0\0\0", 0, 0, 1000, seconds * 1000) + b"\0" * 80
    mvhd = struct.pack(">I4s", 8 + len(mvhd_body), b"mvhd") + mvhd_body
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    return ftyp + moov


def test_mp4_duration_is_read_from_the_container():
    import io

    assert services.inspect_sign_language_video(io.BytesIO(tiny_mp4(95)), 1000) == (95, 1000)


@pytest.mark.parametrize("content", [b"GIF89a" + b"\0" * 20, b"<html></html>" * 3, b""])
def test_non_video_uploads_are_refused(content):
    import io

    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.inspect_sign_language_video(io.BytesIO(content), len(content))


def test_coordinator_uploads_a_sign_language_video_shown_with_duration_and_size(demo, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from familienbuero.accounts.models import User

    client = verified_client(User.objects.get(username="koordination"))
    with scopes_disabled():
        legal = LegalInfo.objects.get(municipality__slug="voerde")
    page = client.get(f"/admin/public/legalinfo/{legal.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    from django.db.models.fields.files import FieldFile

    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, FieldFile)}
    data.update(
        {"statement_date": "01.11.2026", "last_review": "20.11.2026", "sign_language_video_seconds": ""}
    )
    video = SimpleUploadedFile("dgs.mp4", tiny_mp4(125), content_type="video/mp4")
    response = client.post(
        f"/admin/public/legalinfo/{legal.pk}/change/?language=de", {**data, "sign_language_video": video}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    legal.refresh_from_db()
    assert legal.sign_language_video_seconds == 125
    assert legal.sign_language_video_bytes == len(tiny_mp4(125))
    html = Client().get("/voerde/de/gebaerdensprache/").content.decode()
    assert "<video" in html and "2:05" in html
    video_response = Client().get("/voerde/de/gebaerdensprache/video/")
    assert video_response.status_code == 200
    assert video_response["Content-Type"] == "video/mp4"
    video_response.close()


def test_easy_language_start_page_has_the_voerde_text(demo, client):
    html = client.get("/voerde/de-ls/").content.decode()
    assert '<html lang="de-ls" dir="ltr">' in html
    assert "Informationen in Leichter Sprache" in html
    assert "Mobil heißt: Das Büro steht nicht immer am gleichen Ort." in html
    assert "Öffnungszeiten" in html  # interface falls back to German
    assert "Informationen in Leichter Sprache" not in client.get("/voerde/de/").content.decode()


def test_easy_language_text_follows_basic_rules(demo):
    from familienbuero.public.demo import VOERDE_EASY_LANGUAGE

    sentences = [s for s in re.split(r"(?<=[.?!:])\s+|\n", VOERDE_EASY_LANGUAGE) if s.strip()]
    assert max(len(s.split()) for s in sentences) <= 12, "short sentences"
    assert not re.search(r"\b(wird|werden|wurde|wurden)\b \w+(t|en)\b", VOERDE_EASY_LANGUAGE), "no passive"
    for term in ("Antrag", "Mobil", "Link", "Barriere-Freiheit"):
        assert re.search(rf"{term}\w* (ist|heißt|bringt)", VOERDE_EASY_LANGUAGE), f"{term} is explained"


def test_office_page_carries_schema_org_json_ld(demo, client):
    html = client.get("/voerde/de/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "GovernmentOffice"
    assert data["address"]["postalCode"] == "46562"
    days = {spec["dayOfWeek"].rsplit("/", 1)[1] for spec in data["openingHoursSpecification"]}
    assert {"Monday", "Wednesday", "Thursday"} <= days
    assert {place["name"] for place in data["location"]} >= {"Mobiler Stand Buschmannshof"}


def test_json_ld_cannot_be_broken_out_of(demo, client):
    from familienbuero.tenancy.models import Office

    with scopes_disabled():
        Office.objects.filter(slug="roenkenstrasse").update(name="</script><script>alert(1)</script>")
    html = client.get("/voerde/de/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_health_endpoint(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_reserved_municipality_slugs_are_refused(db):
    from django.core.exceptions import ValidationError

    from familienbuero.tenancy.models import Municipality

    with pytest.raises(ValidationError):
        Municipality(name="Admin", slug="admin").full_clean()
