"""In the browser, on the Voerde demo: the coordinator corrects an expense and deletes it after the
confirmation page, edits a budget line (the §6 totals stay), and enters an Arabic option title that a
child then sees; every page passes axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

from django_scopes import scopes_disabled

from familienbuero.funding.demo import CONTAINER_PROJECT
from familienbuero.funding.models import Expense, Project
from familienbuero.participation.demo import PLAYGROUND
from familienbuero.participation.models import Round
from tests.e2e.staff_login import log_in

FUNDING = "/voerde/de/intern/finanzierung/"


def test_coordinator_corrects_and_deletes_an_expense(page, axe_check):
    with scopes_disabled():
        project = Project.objects.get(name=CONTAINER_PROJECT)
        expense = Expense.objects.get(voucher_reference="RE-2023-0147")
    log_in(page, "koordination")
    page.goto(f"{FUNDING}{project.pk}/")
    axe_check(page, "project page with edit links")

    page.get_by_role("link", name="Korrigieren Ausgabe RE-2023-0147").click()
    page.wait_for_load_state()
    axe_check(page, "expense form")
    page.fill("#id_amount", "12,3,4")
    with page.expect_navigation():
        page.locator("form.narrow button[type=submit]").click()
    assert page.get_by_text("Bitte geben Sie einen Betrag in Euro ein").count() == 1
    axe_check(page, "expense form with error")
    page.fill("#id_amount", "1.000,00")
    page.fill("#id_voucher_reference", "RE-2023-0147-K")
    with page.expect_navigation():
        page.locator("form.narrow button[type=submit]").click()
    assert page.get_by_role("status").get_by_text("Ausgabe RE-2023-0147-K korrigiert.").count() == 1

    page.get_by_role("link", name="Löschen Ausgabe RE-2023-0147-K").click()
    page.wait_for_load_state()
    axe_check(page, "delete confirmation")
    assert "1.000,00 €" in page.locator("main").inner_text()
    with scopes_disabled():
        assert Expense.objects.filter(pk=expense.pk).exists()
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, löschen").click()
    with scopes_disabled():
        assert not Expense.objects.filter(pk=expense.pk).exists()

    page.get_by_role("link", name="Bearbeiten Position Erstausrüstung", exact=False).first.click()
    page.wait_for_load_state()
    axe_check(page, "budget line form")
    assert page.locator("#id_planned_amount").input_value() == "87.500,00"
    with page.expect_navigation():
        page.locator("form.narrow button[type=submit]").click()
    assert "252.500,00 €" in page.locator("main").inner_text()


def test_coordinator_enters_an_arabic_title_a_child_sees(page, axe_check):
    with scopes_disabled():
        round_ = Round.objects.get(translations__language_code="de", translations__question=PLAYGROUND)
        option = round_.options.order_by("position").first()
    log_in(page, "koordination")
    page.goto(f"/voerde/de/intern/beteiligung/option/{option.pk}/")
    axe_check(page, "option form with languages")
    assert page.locator("#id_title_ar").get_attribute("dir") == "rtl"
    page.fill("#id_title_ar", "برج التسلق الكبير")
    with page.expect_navigation():
        page.locator("form.narrow button[type=submit]").click()
    page.goto(f"/voerde/de/intern/beteiligung/{round_.uuid}/bearbeiten/")
    axe_check(page, "round form with languages")
    page.context.clear_cookies()
    page.goto(f"/voerde/ar/mitmachen/{round_.uuid}/")
    assert page.locator(".kids-option__title").first.inner_text().strip() == "برج التسلق الكبير"
