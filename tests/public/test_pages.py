import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

BERLIN = ZoneInfo("Europe/Berlin")
LANGUAGES = ["de", "en", "tr", "ar", "uk"]


@pytest.fixture
def voerde(demo, client):
    return client


def test_start_page_shows_the_office_with_hours_places_contact_and_accessibility(voerde):
    response = voerde.get("/voerde/de/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert "Mobiles Familienbüro Rönkenstraße" in html
    assert "Sport- und Quartierszentrum Rönkenstraße" in html
    assert "Öffnungszeiten" in html
    assert "Barrierefreiheit" in html
    assert "Beratungsraum" in html
    assert 'href="tel:02855800"' in html
    assert "geo:51.597400,6.690200" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_renders_with_its_direction_and_links_to_all_others(voerde, language):
    html = voerde.get(f"/voerde/{language}/").content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    for other in LANGUAGES:
        assert f'hreflang="{other}" href="/voerde/{other}/"' in html


def test_arabic_page_is_right_to_left_with_arabic_interface_and_content(voerde):
    html = voerde.get("/voerde/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مكتب الأسرة المتنقل" in html  # office description, Arabic translation
    assert "اليوم" in html  # "Today" heading


def test_content_without_translation_falls_back_to_german_and_is_marked(voerde):
    # The Hünxe office has a German description only.
    html = voerde.get("/huenxe/tr/").content.decode()
    assert 'lang="de"' in html
    assert "Familienbüro im Rathaus Hünxe." in html


@time_machine.travel(datetime(2026, 11, 24, 15, 0, tzinfo=BERLIN), tick=False)
def test_mobile_office_shows_where_it_is_today(voerde):
    html = voerde.get("/voerde/de/").content.decode()
    assert "Jetzt geöffnet bis 17:00 Uhr – Mobiler Stand Buschmannshof." in html


@time_machine.travel(datetime(2026, 12, 24, 10, 0, tzinfo=BERLIN), tick=False)
def test_closure_day_is_shown_with_its_reason(voerde):
    html = voerde.get("/voerde/de/").content.decode()
    assert "Heute geschlossen." in html
    assert "Heiligabend" in html


def test_municipality_root_redirects_to_the_browser_language(voerde):
    response = voerde.get("/voerde/", headers={"accept-language": "tr-TR,tr;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/voerde/tr/"
    response = voerde.get("/voerde/", headers={"accept-language": "fr"})
    assert response["Location"] == "/voerde/de/"


@pytest.mark.parametrize(
    "path", ["/gibtsnicht/de/", "/voerde/xx/", "/voerde/de/buero/gibtsnicht/", "/gibtsnicht/"]
)
def test_unknown_slugs_give_a_friendly_german_404(voerde, path):
    response = voerde.get(path, headers={"accept-language": "en"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert "Zur Startseite" in html


def test_office_of_another_municipality_is_not_found(voerde):
    assert voerde.get("/voerde/de/buero/roenkenstrasse/").status_code == 200
    assert voerde.get("/huenxe/de/buero/roenkenstrasse/").status_code == 404
    assert "Rönkenstraße" not in voerde.get("/huenxe/de/").content.decode()


def test_pages_send_strict_security_headers_and_no_inline_script(voerde):
    response = voerde.get("/voerde/de/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "htmx is included"
    assert all("src=" in tag or 'type="application/ld+json"' in tag for tag in scripts)
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"


def test_pages_load_nothing_from_other_hosts(voerde):
    html = voerde.get("/voerde/de/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', re.sub(r"<a\b[^>]*>", "", html))
    assert sources
    assert all(s.startswith("/") for s in sources), sources


def test_anonymous_visitor_gets_no_cookie_on_public_pages(voerde):
    response = voerde.get("/voerde/de/")
    assert not response.cookies


@pytest.mark.parametrize(
    "asset",
    ["familienbuero/css/site.css", "familienbuero/css/print.css", "familienbuero/vendor/htmx-2.0.11.min.js"],
)
def test_stylesheets_and_scripts_referenced_by_pages_are_served(voerde, asset):
    html = voerde.get("/voerde/de/").content.decode()
    assert f"/static/{asset}" in html
    response = voerde.get(f"/static/{asset}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)
    response.close()


def test_office_page_needs_a_bounded_number_of_queries(voerde, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        assert voerde.get("/voerde/de/").status_code == 200
