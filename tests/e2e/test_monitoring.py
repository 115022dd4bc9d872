"""In the browser, on the Voerde demo: the coordinator opens the social-area report of Voerde-Mitte (the
figures of concept §2.1), the index weights, the import page with errors and the coverage matrix; every
page passes axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

from tests.e2e.staff_login import log_in

BASE = "/voerde/de/intern/sozialraum/"


def test_social_area_report_coverage_and_import_are_accessible(page, axe_check, tmp_path):
    log_in(page, "koordination")
    page.get_by_role("link", name="Sozialraum").click()
    page.wait_for_load_state()
    axe_check(page, "social-area overview")

    page.get_by_role("link", name="Sozialraumbericht Voerde-Mitte").click()
    page.wait_for_load_state()
    assert page.get_by_role("row", name="Anteil an den Einwohnern der Stadt 39,9 %").count() == 1
    assert page.get_by_role("row", name="Anteil an den Hilfen der Stadt 37,0 %").count() == 1
    axe_check(page, "social-area report")
    page.emulate_media(media="print")
    assert page.locator(".sub-nav").first.is_hidden()
    page.emulate_media(media="screen")

    page.goto(BASE + "gewichtung/")
    axe_check(page, "index weights")

    page.goto(BASE + "import/")
    bad = tmp_path / "zahlen.csv"
    bad.write_text("stichtag;bezirk\n2021-12-31;atlantis\n", encoding="utf-8")
    page.set_input_files("#id_file", str(bad))
    with page.expect_navigation():
        page.locator("form.narrow button[type=submit]").click()
    assert page.get_by_role("alert").get_by_text("Nichts wurde importiert").count() == 1
    axe_check(page, "import with errors")

    page.goto(BASE + "angebotsmatrix/")
    axe_check(page, "coverage matrix")
