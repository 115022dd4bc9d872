"""Every public page's header leads a family to each part of the site: offers, advice and appointments,
events, children's participation, volunteering and sign language – in the page's language."""

from __future__ import annotations

import re

import pytest

SECTIONS = {
    "angebote/": {"de": "Angebote finden", "ar": "البحث عن خدمات"},
    "beratung/": {"de": "Beratung und Termine", "ar": "الاستشارة والمواعيد"},
    "veranstaltungen/": {"de": "Veranstaltungen und Kurse", "ar": "الفعاليات والدورات"},
    "mitmachen/": {"de": "Kinder reden mit", "ar": "الأطفال يشاركون برأيهم"},
    "ehrenamt/": {"de": "Ehrenamt", "ar": "العمل التطوعي"},
    "gebaerdensprache/": {"de": "Gebärdensprache", "ar": None},
}


def quick_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="access-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return {href: text for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_start_page_links_every_public_section_and_each_link_works(demo, client, language):
    links = quick_links(client.get(f"/voerde/{language}/").content.decode())
    assert list(links) == [f"/voerde/{language}/{section}" for section in SECTIONS]
    for section, labels in SECTIONS.items():
        if labels[language]:
            assert links[f"/voerde/{language}/{section}"] == labels[language]
        assert client.get(f"/voerde/{language}/{section}").status_code == 200, section


def test_the_section_a_family_is_in_is_marked_as_current(demo, client):
    html = client.get("/voerde/de/veranstaltungen/").content.decode()
    assert 'href="/voerde/de/veranstaltungen/" aria-current="page"' in html
    assert 'href="/voerde/de/beratung/" aria-current' not in html


def test_volunteering_page_leads_to_tutor_registration_and_internship_interest(demo, client):
    html = client.get("/voerde/de/ehrenamt/").content.decode()
    assert "<h1>Ehrenamt und Praktikum</h1>" in html
    assert 'href="/voerde/de/ehrenamt/nachhilfe/mitmachen/"' in html
    assert 'href="/voerde/de/ehrenamt/praktikum/"' in html
    assert "erweitertes Führungszeugnis" in html
    arabic = client.get("/voerde/ar/ehrenamt/").content.decode()
    assert "العمل التطوعي والتدريب العملي" in arabic


def test_week_schedule_keeps_times_whole_on_a_phone(demo, client):
    html = client.get("/voerde/de/").content.decode()
    table = re.search(r'<table class="schedule">(.*?)</table>', html, re.S).group(1)
    assert "Uhrzeit und Ort" in table
    assert re.search(r'<span class="nowrap">\d\d:\d\d–\d\d:\d\d</span><br>', table)


def test_back_office_pages_keep_only_the_directory_search_of_the_quick_links(demo, client):
    from familienbuero.accounts.models import User
    from tests.conftest import verified_client

    staff = verified_client(User.objects.get(username="lotsin"))
    links = quick_links(staff.get("/voerde/de/intern/").content.decode())
    assert list(links) == ["/voerde/de/angebote/"]


def test_switching_the_language_keeps_the_search_and_its_filters(demo, client):
    html = client.get("/voerde/de/angebote/?q=Schwimmkurs&alter=8").content.decode()
    assert 'hreflang="ar" href="/voerde/ar/angebote/?q=Schwimmkurs&amp;alter=8"' in html
    arabic = client.get("/voerde/ar/angebote/?q=Schwimmkurs&alter=8")
    assert arabic.status_code == 200 and "Schwimmkurs" in arabic.content.decode()
