"""Correcting the funding plan: projects, budget lines, funding sources and expenses can be edited (and
deleted where that leaves no expense without its line or source), by coordinators of the municipality
only; malformed amounts change nothing; every write leaves a change-log entry with who, when and what;
the §6 totals stay right."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django_scopes import scope

from familienbuero.accounts.roles import Role
from familienbuero.funding import selectors, services
from familienbuero.funding.models import BudgetLine, Expense, FundingSource, Project
from familienbuero.privacy.audit import entries_for
from tests.conftest import verified_client
from tests.funding.conftest import A_URL

B_URL = "/stadt-b/de/intern/finanzierung/"


def _entries(model: type, pk: int, action: int) -> list[LogEntry]:
    content_type = ContentType.objects.get_for_model(model)
    return list(LogEntry.objects.filter(content_type=content_type, object_pk=str(pk), action=action))


def _assert_logged(model: type, pk: int, action: int, user, municipality) -> LogEntry:
    entries = _entries(model, pk, action)
    assert entries, f"no {action} entry for {model.__name__} {pk}"
    entry = entries[-1]
    assert entry.actor == user
    assert entry.timestamp is not None
    assert entry.additional_data == {"municipality_id": municipality.pk}
    assert entries_for(municipality).filter(pk=entry.pk).exists()
    return entry


def _expense(plan_a, voucher: str = "RE-EDIT-1", amount: str = "100.00") -> Expense:
    with scope(municipality=plan_a["container"].municipality):
        return services.expense_record(
            line=plan_a["lines"][2],
            spent_on=plan_a["leader"].starts_on,
            amount=Decimal(amount),
            voucher_reference=voucher,
        )


def _totals(project: Project) -> tuple[Decimal, Decimal, Decimal]:
    with scope(municipality=project.municipality):
        plan = selectors.project_plan(project)
    return plan.total_planned, plan.grants_planned, plan.own_share_planned


def test_an_expense_is_corrected_and_the_change_is_logged(plan_a, coordinator, tenants):
    expense = _expense(plan_a)
    url = f"{A_URL}ausgabe/{expense.pk}/"
    form = coordinator.get(url).content.decode()
    assert 'value="100,00"' in form and 'value="RE-EDIT-1"' in form
    response = coordinator.post(
        url,
        {
            "line": plan_a["lines"][3].pk,
            "spent_on": "2024-02-01",
            "amount": "1.234,56",
            "voucher_reference": "RE-EDIT-1b",
            "note": "Rechnung korrigiert",
        },
    )
    assert response.status_code == 302
    with scope(municipality=plan_a["container"].municipality):
        expense.refresh_from_db()
    assert (expense.amount, expense.line_id, expense.voucher_reference) == (
        Decimal("1234.56"),
        plan_a["lines"][3].pk,
        "RE-EDIT-1b",
    )
    user = tenants[0].users[Role.COORDINATOR]
    entry = _assert_logged(Expense, expense.pk, LogEntry.Action.UPDATE, user, tenants[0].municipality)
    assert entry.changes_dict["amount"] == ["100.00", "1234.56"]


def test_malformed_amounts_change_nothing(plan_a, coordinator):
    expense = _expense(plan_a)
    line = plan_a["lines"][0]
    attempts = [
        (
            f"{A_URL}ausgabe/{expense.pk}/",
            {"line": line.pk, "spent_on": "2024-01-01", "voucher_reference": "X"},
        ),
        (f"{A_URL}posten/{line.pk}/", {"name": "Neu", "kind": "one_off", "years": 1}),
    ]
    for url, data in attempts:
        for raw in ("12,3,4", "1e5", "-5", "12,345", "abc"):
            field = "amount" if "ausgabe" in url else "planned_amount"
            response = coordinator.post(url, {**data, field: raw})
            assert response.status_code == 422, (url, raw)
            assert "Bitte geben Sie einen Betrag in Euro ein" in response.content.decode()
    source = plan_a["leader"]
    response = coordinator.post(
        f"{A_URL}quelle/{source.pk}/bearbeiten/",
        {
            "name": "LEADER",
            "kind": "grant",
            "rate": "60,5,5",
            "starts_on": source.starts_on.isoformat(),
            "ends_on": source.ends_on.isoformat(),
        },
    )
    assert response.status_code == 422
    with scope(municipality=plan_a["container"].municipality):
        expense.refresh_from_db()
        line.refresh_from_db()
        source.refresh_from_db()
    assert expense.amount == Decimal("100.00") and expense.voucher_reference == "RE-EDIT-1"
    assert line.name == plan_a["lines"][0].name and line.planned_amount == plan_a["lines"][0].planned_amount
    assert source.rate == plan_a["leader"].rate
    assert not _entries(Expense, expense.pk, LogEntry.Action.UPDATE)
    assert not _entries(BudgetLine, line.pk, LogEntry.Action.UPDATE)


def test_an_expense_is_deleted_after_confirmation(plan_a, coordinator, tenants):
    expense = _expense(plan_a)
    url = f"{A_URL}ausgabe/{expense.pk}/loeschen/"
    page = coordinator.get(url)
    assert page.status_code == 200
    assert "RE-EDIT-1" in page.content.decode() and "100,00 €" in page.content.decode()
    with scope(municipality=plan_a["container"].municipality):
        assert Expense.objects.filter(pk=expense.pk).exists()  # asking deletes nothing
    assert coordinator.post(url).status_code == 302
    with scope(municipality=plan_a["container"].municipality):
        assert not Expense.objects.filter(pk=expense.pk).exists()
    user = tenants[0].users[Role.COORDINATOR]
    _assert_logged(Expense, expense.pk, LogEntry.Action.DELETE, user, tenants[0].municipality)


def test_a_line_is_edited_and_the_totals_follow(plan_a, coordinator, tenants):
    project = plan_a["container"]
    assert _totals(project) == (Decimal("252500.00"), Decimal("151500.00"), Decimal("101000.00"))
    line = plan_a["lines"][0]
    url = f"{A_URL}posten/{line.pk}/"
    assert "87.500,00" in coordinator.get(url).content.decode()
    data = {"name": line.name, "kind": line.kind, "planned_amount": "97.500,00", "years": line.years}
    assert coordinator.post(url, data).status_code == 302
    total, grants, own = _totals(project)
    assert total == Decimal("262500.00") and total == grants + own
    user = tenants[0].users[Role.COORDINATOR]
    entry = _assert_logged(BudgetLine, line.pk, LogEntry.Action.UPDATE, user, tenants[0].municipality)
    assert entry.changes_dict["planned_amount"] == ["87500.00", "97500.00"]
    # Back to the concept's figure: the §6 totals again.
    data["planned_amount"] = "87.500"
    assert coordinator.post(url, data).status_code == 302
    assert _totals(project) == (Decimal("252500.00"), Decimal("151500.00"), Decimal("101000.00"))
    page = coordinator.get(f"{A_URL}{project.pk}/").content.decode()
    for figure in ("252.500,00 €", "151.500,00 €", "101.000,00 €"):
        assert figure in page


def test_a_line_with_expenses_is_not_deleted(plan_a, coordinator):
    expense = _expense(plan_a)
    line = expense.line
    response = coordinator.post(f"{A_URL}posten/{line.pk}/loeschen/", follow=True)
    page = response.content.decode()
    assert "kann nicht gelöscht werden" in page and line.name in page
    with scope(municipality=line.municipality):
        assert BudgetLine.objects.filter(pk=line.pk).exists()
    assert not _entries(BudgetLine, line.pk, LogEntry.Action.DELETE)


def test_a_line_without_expenses_is_deleted_after_confirmation(plan_a, coordinator, tenants):
    with scope(municipality=plan_a["container"].municipality):
        line = services.line_add(project=plan_a["container"], name="Reserve", planned_amount=Decimal("10"))
    url = f"{A_URL}posten/{line.pk}/loeschen/"
    assert "Reserve" in coordinator.get(url).content.decode()
    assert coordinator.post(url).status_code == 302
    with scope(municipality=line.municipality):
        assert not BudgetLine.objects.filter(pk=line.pk).exists()
    user = tenants[0].users[Role.COORDINATOR]
    _assert_logged(BudgetLine, line.pk, LogEntry.Action.CREATE, None, tenants[0].municipality)
    _assert_logged(BudgetLine, line.pk, LogEntry.Action.DELETE, user, tenants[0].municipality)
    assert _totals(plan_a["container"])[0] == Decimal("252500.00")


def test_a_source_is_edited_and_its_eligible_lines_are_logged(plan_a, coordinator, tenants):
    leader = plan_a["leader"]
    url = f"{A_URL}quelle/{leader.pk}/bearbeiten/"
    form = coordinator.get(url).content.decode()
    assert 'value="60,00"' in form
    with scope(municipality=leader.municipality):
        eligible = list(leader.eligible_lines.values_list("pk", flat=True))
    data = {
        "name": "LEADER (Region)",
        "funder": leader.funder,
        "kind": "grant",
        "rate": "50",
        "eligible_lines": eligible[:-1],
        "starts_on": leader.starts_on.isoformat(),
        "ends_on": leader.ends_on.isoformat(),
    }
    assert coordinator.post(url, data).status_code == 302
    with scope(municipality=leader.municipality):
        leader.refresh_from_db()
        assert leader.rate == Decimal("50.00") and leader.name == "LEADER (Region)"
    user = tenants[0].users[Role.COORDINATOR]
    entries = _entries(FundingSource, leader.pk, LogEntry.Action.UPDATE)
    assert any("rate" in e.changes_dict for e in entries)
    lines_entry = next(e for e in entries if "eligible_lines" in e.changes_dict)
    assert lines_entry.actor == user
    assert lines_entry.additional_data == {"municipality_id": tenants[0].municipality.pk}
    before, after = lines_entry.changes_dict["eligible_lines"]
    assert len(before.split(", ")) == len(after.split(", ")) + 1


def test_a_source_with_charged_expenses_keeps_them_covered(plan_a, coordinator):
    leader = plan_a["leader"]
    with scope(municipality=leader.municipality):
        line = leader.eligible_lines.order_by("position").first()
        services.expense_record(
            line=line, spent_on=leader.starts_on, amount=Decimal("5"), voucher_reference="RE-L", source=leader
        )
        others = list(leader.eligible_lines.exclude(pk=line.pk).values_list("pk", flat=True))
    data = {
        "name": "LEADER",
        "kind": "grant",
        "rate": "60",
        "eligible_lines": others,
        "starts_on": leader.starts_on.isoformat(),
        "ends_on": leader.ends_on.isoformat(),
    }
    response = coordinator.post(f"{A_URL}quelle/{leader.pk}/bearbeiten/", data)
    assert response.status_code == 422 and line.name in response.content.decode()
    response = coordinator.post(f"{A_URL}quelle/{leader.pk}/loeschen/", follow=True)
    assert "kann nicht gelöscht werden" in response.content.decode()
    with scope(municipality=leader.municipality):
        assert FundingSource.objects.filter(pk=leader.pk).exists()
        assert leader.eligible_lines.filter(pk=line.pk).exists()


def test_a_project_is_edited_and_deleted_with_its_plan(plan_a, coordinator, tenants):
    project = plan_a["staff"]
    url = f"{A_URL}{project.pk}/bearbeiten/"
    data = {
        "name": "Personal Familienbüro",
        "starts_on": project.starts_on.isoformat(),
        "ends_on": project.ends_on.isoformat(),
        "description": "",
    }
    assert coordinator.post(url, {**data, "ends_on": "2000-01-01"}).status_code == 422
    assert coordinator.post(url, data).status_code == 302
    user = tenants[0].users[Role.COORDINATOR]
    _assert_logged(Project, project.pk, LogEntry.Action.UPDATE, user, tenants[0].municipality)
    with scope(municipality=project.municipality):
        has_expenses = Expense.objects.filter(line__project=project).exists()
        line_ids = list(BudgetLine.objects.filter(project=project).values_list("pk", flat=True))
    delete_url = f"{A_URL}{project.pk}/loeschen/"
    assert coordinator.get(delete_url).status_code == 200
    if has_expenses:
        with scope(municipality=project.municipality):
            for expense in Expense.objects.filter(line__project=project):
                services.expense_delete(expense=expense)
    assert coordinator.post(delete_url).status_code == 302
    with scope(municipality=project.municipality):
        assert not Project.objects.filter(pk=project.pk).exists()
    _assert_logged(Project, project.pk, LogEntry.Action.DELETE, user, tenants[0].municipality)
    for pk in line_ids:
        _assert_logged(BudgetLine, pk, LogEntry.Action.DELETE, user, tenants[0].municipality)
    # The other project keeps the concept's figures.
    assert _totals(plan_a["container"]) == (Decimal("252500.00"), Decimal("151500.00"), Decimal("101000.00"))


def test_a_project_with_expenses_is_not_deleted(plan_a, coordinator):
    _expense(plan_a)
    project = plan_a["container"]
    response = coordinator.post(f"{A_URL}{project.pk}/loeschen/", follow=True)
    assert "Es kann nicht gelöscht werden" in response.content.decode()
    with scope(municipality=project.municipality):
        assert Project.objects.filter(pk=project.pk).exists()


def test_creating_leaves_change_log_entries(plan_a, coordinator, tenants):
    user = tenants[0].users[Role.COORDINATOR]
    municipality = tenants[0].municipality
    project = plan_a["container"]
    response = coordinator.post(
        f"{A_URL}neu/", {"name": "Ferienprogramm", "starts_on": "2027-01-01", "ends_on": "2027-12-31"}
    )
    assert response.status_code == 302
    with scope(municipality=municipality):
        new = Project.objects.get(name="Ferienprogramm")
    _assert_logged(Project, new.pk, LogEntry.Action.CREATE, user, municipality)
    response = coordinator.post(
        f"{A_URL}{project.pk}/posten/",
        {"name": "Spielgeräte II", "kind": "one_off", "planned_amount": "10", "years": 1},
    )
    assert response.status_code == 302
    with scope(municipality=municipality):
        line = BudgetLine.objects.get(name="Spielgeräte II")
    _assert_logged(BudgetLine, line.pk, LogEntry.Action.CREATE, user, municipality)
    response = coordinator.post(
        f"{A_URL}{project.pk}/quelle/",
        {
            "name": "Stiftung",
            "kind": "grant",
            "fixed_amount": "1.000",
            "starts_on": "2023-01-01",
            "ends_on": "2027-12-31",
        },
    )
    assert response.status_code == 302
    with scope(municipality=municipality):
        source = FundingSource.objects.get(name="Stiftung")
    _assert_logged(FundingSource, source.pk, LogEntry.Action.CREATE, user, municipality)
    response = coordinator.post(
        f"{A_URL}{project.pk}/ausgabe/",
        {"line": line.pk, "spent_on": "2024-03-01", "amount": "9,99", "voucher_reference": "RE-NEW"},
    )
    assert response.status_code == 302
    with scope(municipality=municipality):
        expense = Expense.objects.get(voucher_reference="RE-NEW")
    _assert_logged(Expense, expense.pk, LogEntry.Action.CREATE, user, municipality)
    # Another municipality's change log does not show them.
    assert not entries_for(tenants[1].municipality).filter(object_pk=str(expense.pk)).exists()


@pytest.mark.parametrize(
    "path",
    [
        "ausgabe/{expense}/",
        "ausgabe/{expense}/loeschen/",
        "posten/{line}/",
        "posten/{line}/loeschen/",
        "quelle/{source}/bearbeiten/",
        "quelle/{source}/loeschen/",
        "{project}/bearbeiten/",
        "{project}/loeschen/",
    ],
)
def test_another_municipality_gets_404_and_changes_nothing(plan_a, tenants, path):
    expense = _expense(plan_a)
    ids = {
        "expense": expense.pk,
        "line": plan_a["lines"][0].pk,
        "source": plan_a["leader"].pk,
        "project": plan_a["container"].pk,
    }
    other = verified_client(tenants[1].users[Role.COORDINATOR])
    url = B_URL + path.format(**ids)
    assert other.get(url).status_code == 404
    assert other.post(url, {"name": "X", "amount": "1", "planned_amount": "1"}).status_code == 404
    # Office staff of the own municipality have no funding rights either.
    office = verified_client(tenants[0].users[Role.OFFICE_STAFF])
    assert office.post(A_URL + path.format(**ids), {}).status_code == 404
    with scope(municipality=tenants[0].municipality):
        assert Expense.objects.filter(pk=expense.pk, amount=Decimal("100.00")).exists()
        assert Project.objects.filter(pk=plan_a["container"].pk, name=plan_a["container"].name).exists()
        assert FundingSource.objects.filter(pk=plan_a["leader"].pk, name="LEADER").exists()
