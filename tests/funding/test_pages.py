"""The coordinators' pages: the §6 figures on the demo page, malformed amounts refused, over-spending
shown, reports printable and as XLSX, reminders before deadlines, other municipalities 404."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core import mail
from django_scopes import scope
from openpyxl import load_workbook

from familienbuero.accounts.roles import Role
from familienbuero.funding import selectors, services
from familienbuero.funding.models import Expense, ReportingDeadline
from tests.conftest import verified_client
from tests.funding.conftest import A_URL

BERLIN = ZoneInfo("Europe/Berlin")


def test_demo_page_shows_the_concepts_figures(plan_a, coordinator):
    response = coordinator.get(A_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for figure in ("252.500,00 €", "151.500,00 €", "101.000,00 €", "25.000,00 €", "7.675,00 €"):
        assert figure in html, figure
    detail = coordinator.get(f"{A_URL}{plan_a['container'].pk}/").content.decode()
    for figure in (
        "252.500,00 €",
        "151.500,00 €",
        "101.000,00 €",
        "87.500,00 €",
        "5.000,00 €",
        "80.000,00 €",
    ):
        assert figure in detail, figure
    staff = coordinator.get(f"{A_URL}{plan_a['staff'].pk}/").content.decode()
    assert "25.000,00 €" in staff and "7.675,00 €" in staff


def test_malformed_amount_is_refused_with_a_clear_message(plan_a, coordinator):
    line = plan_a["lines"][0]
    for raw in ("12,3,4", "1e5", "-5", "12,345"):
        response = coordinator.post(
            f"{A_URL}{plan_a['container'].pk}/ausgabe/",
            {"line": line.pk, "spent_on": "2023-06-01", "amount": raw, "voucher_reference": "RE-1"},
        )
        assert response.status_code == 422
        assert "Bitte geben Sie einen Betrag in Euro ein" in response.content.decode()
    with scope(municipality=plan_a["container"].municipality):
        assert Expense.objects.filter(voucher_reference="RE-1").count() == 0


def test_german_amount_is_recorded_exactly_and_overspending_is_shown(plan_a, coordinator):
    line = plan_a["lines"][1]
    response = coordinator.post(
        f"{A_URL}{plan_a['container'].pk}/ausgabe/",
        {"line": line.pk, "spent_on": "2024-06-01", "amount": "3.800,15", "voucher_reference": "RE-2024-77"},
    )
    assert response.status_code == 302
    with scope(municipality=plan_a["container"].municipality):
        assert Expense.objects.get(voucher_reference="RE-2024-77").amount == Decimal("3800.15")
    html = coordinator.get(f"{A_URL}{plan_a['container'].pk}/").content.decode()
    assert "Über Plan" in html
    assert "50,05 €" in html  # 1.249,90 + 3.800,15 − 5.000,00
    assert 'role="alert"' in html


def test_report_page_and_xlsx(plan_a, coordinator):
    leader = plan_a["leader"]
    html = coordinator.get(f"{A_URL}quelle/{leader.pk}/bericht/").content.decode()
    assert "RE-2023-0147" in html and "85.459,90 €" in html
    response = coordinator.get(f"{A_URL}quelle/{leader.pk}/bericht.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook.worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "RE-2023-0147" in values
    assert Decimal(str(sheet.cell(row=sheet.max_row - 2, column=5).value)) == Decimal("85459.9")
    assert len(workbook.worksheets) == 3


def test_other_municipality_gets_404(plan_a, tenants):
    b_coordinator = verified_client(tenants[1].users[Role.COORDINATOR])
    pk = plan_a["container"].pk
    for url in (f"{pk}/", f"{pk}/ausgabe/", f"quelle/{plan_a['leader'].pk}/bericht/"):
        assert b_coordinator.get(f"/stadt-b/de/intern/finanzierung/{url}").status_code == 404
    a_office = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    assert a_office.get(f"{A_URL}{pk}/").status_code == 404
    with scope(municipality=plan_a["container"].municipality):
        expense = Expense.objects.first()
    assert (
        b_coordinator.post(f"/stadt-b/de/intern/finanzierung/ausgabe/{expense.pk}/loeschen/").status_code
        == 404
    )


def test_coordinator_builds_a_plan_through_the_forms(tenants, coordinator):
    response = coordinator.post(
        f"{A_URL}neu/", {"name": "Ferienprogramm", "starts_on": "2025-01-01", "ends_on": "2025-12-31"}
    )
    assert response.status_code == 302
    project_url = response["Location"]
    response = coordinator.post(
        f"{project_url}posten/",
        {"name": "Busfahrten", "kind": "one_off", "planned_amount": "1.500", "years": 1},
    )
    assert response.status_code == 302
    from familienbuero.funding.models import BudgetLine

    with scope(municipality=tenants[0].municipality):
        line = BudgetLine.objects.get(name="Busfahrten")
    response = coordinator.post(
        f"{project_url}quelle/",
        {
            "name": "Stiftung",
            "kind": "grant",
            "rate": "50",
            "eligible_lines": [line.pk],
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
        },
    )
    assert response.status_code == 302
    html = coordinator.get(project_url).content.decode()
    assert "750,00 €" in html and "1.500,00 €" in html
    both = coordinator.post(
        f"{project_url}quelle/",
        {
            "name": "X",
            "kind": "grant",
            "rate": "50",
            "fixed_amount": "100",
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
        },
    )
    assert both.status_code == 422


def test_reminder_before_a_reporting_deadline_goes_to_the_coordinators_once(plan_a, tenants):
    coordinator = tenants[0].users[Role.COORDINATOR]
    coordinator.email = "koordination@stadt-a.example"
    coordinator.save()
    with scope(municipality=tenants[0].municipality):
        services.deadline_add(source=plan_a["kinderstark"], due_on=date(2027, 3, 10), label="Zwischenbericht")
    assert services.send_deadline_reminders(now=datetime(2027, 2, 1, 9, tzinfo=BERLIN)) == 0
    assert services.send_deadline_reminders(now=datetime(2027, 3, 1, 9, tzinfo=BERLIN)) == 1
    assert mail.outbox[-1].to == ["koordination@stadt-a.example"]
    assert "Zwischenbericht" in mail.outbox[-1].body
    assert "10.03.2027" in mail.outbox[-1].subject
    assert services.send_deadline_reminders(now=datetime(2027, 3, 2, 9, tzinfo=BERLIN)) == 0
    with scope(municipality=tenants[0].municipality):
        assert ReportingDeadline.objects.get(label="Zwischenbericht").reminded_at is not None


def test_runperiodic_lists_the_reminder_job():
    from familienbuero.core.periodic import JOBS

    assert any(job is services.send_deadline_reminders for _label, job in JOBS)


def test_report_shows_outputs_of_the_other_apps_or_not_recorded(plan_a, coordinator):
    from django.apps import apps

    html = coordinator.get(f"{A_URL}quelle/{plan_a['leader'].pk}/bericht/").content.decode()
    assert "Leistungen im Förderzeitraum" in html
    if apps.is_installed("familienbuero.contacts"):
        assert "Kontakte (anonyme Kontaktstatistik)" in html
    for _label, _module, _function, app in selectors.OUTPUT_HOOKS:
        if not apps.is_installed(app):
            assert "nicht erfasst" in html


def test_report_outputs_without_the_other_apps_say_not_recorded(plan_a, tenants, monkeypatch):
    monkeypatch.setattr(selectors, "OUTPUT_HOOKS", (("Ehrenamt", "familienbuero.gibt_es_nicht", "f", "x.y"),))
    with scope(municipality=tenants[0].municipality):
        report = selectors.grant_report(plan_a["leader"])
    (block,) = report.outputs
    assert not block.recorded and block.rows == ()


def test_nav_entry_only_for_coordinators(tenants, coordinator):
    assert "Finanzierungsplan" in coordinator.get("/stadt-a/de/intern/").content.decode()
    office = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    assert "Finanzierungsplan" not in office.get("/stadt-a/de/intern/").content.decode()
