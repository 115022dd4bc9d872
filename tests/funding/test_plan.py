"""The plan of concept §6 computes the concept's figures; plan against actual per line and source;
over-spending is shown; expenses are checked against the sources."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from familienbuero.funding import selectors, services


def test_concept_table_gives_the_concepts_totals_and_own_shares(tenants, plan_a):
    with scope(municipality=tenants[0].municipality):
        container = selectors.project_plan(plan_a["container"])
        staff = selectors.project_plan(plan_a["staff"])
    assert [row.planned for row in container.lines] == [
        Decimal("87500.00"),
        Decimal("5000.00"),
        Decimal("80000.00"),
        Decimal("80000.00"),
    ]
    assert container.total_planned == Decimal("252500.00")
    (leader,) = container.grants
    assert leader.planned == Decimal("151500.00")  # 60 % of the eligible 252.500,00 €
    assert leader.own_share == Decimal("101000.00")
    assert container.own_share_planned == Decimal("101000.00")
    (own,) = container.own_funds
    assert own.planned == Decimal("101000.00")

    (kinderstark,) = staff.grants
    assert kinderstark.planned == Decimal("25000.00")
    assert kinderstark.own_share == Decimal("7675.00")
    assert not kinderstark.own_share_below_required
    assert staff.own_share_planned == Decimal("7675.00")


def test_plan_against_actual_and_remaining(tenants, plan_a):
    with scope(municipality=tenants[0].municipality):
        plan = selectors.project_plan(plan_a["container"])
    container_line = plan.lines[0]
    assert container_line.actual == Decimal("84210.00")
    assert container_line.remaining == Decimal("3290.00")
    assert plan.total_actual == Decimal("85459.90")
    assert plan.total_remaining == Decimal("167040.10")
    assert plan.grants[0].actual == Decimal("84210.00")
    assert plan.grants[0].remaining == Decimal("67290.00")
    assert plan.unassigned_actual == Decimal("1249.90")
    assert plan.own_share_actual == Decimal("1249.90")
    assert not plan.overspent_lines


def test_overspending_a_line_is_computed_not_capped(tenants, plan_a):
    with scope(municipality=tenants[0].municipality):
        services.expense_record(
            line=plan_a["lines"][1],
            spent_on=date(2024, 2, 1),
            amount=Decimal("4000.20"),
            voucher_reference="RE-2024-0001",
        )
        plan = selectors.project_plan(plan_a["container"])
    running = plan.lines[1]
    assert running.actual == Decimal("5250.10")
    assert running.overspent
    assert running.overspent_by == Decimal("250.10")
    assert running.remaining == Decimal("-250.10")
    assert plan.overspent_lines == [running]


def test_rate_is_exact_to_the_cent(tenants, plan_a):
    with scope(municipality=tenants[0].municipality):
        project = plan_a["container"]
        line = services.line_add(project=project, name="Kleinkram", planned_amount=Decimal("0.10"))
        grant = services.source_add(
            project=project,
            name="Drittel",
            rate=Decimal("33.33"),
            eligible_lines=[line],
            starts_on=date(2023, 1, 1),
            ends_on=date(2023, 12, 31),
        )
        row = next(r for r in selectors.project_plan(project).grants if r.source == grant)
    assert row.planned == Decimal("0.03")  # 0,0333 rounded half up to the cent
    assert row.own_share == Decimal("0.07")


def test_yearly_line_counts_each_year(tenants, plan_a):
    with scope(municipality=tenants[0].municipality):
        line = services.line_add(
            project=plan_a["container"], name="Miete", kind="yearly", planned_amount=Decimal("1200"), years=3
        )
    assert line.planned_total == Decimal("3600.00")
    with scope(municipality=tenants[0].municipality), pytest.raises(ValidationError):
        services.line_add(project=plan_a["container"], name="Einmalig", planned_amount=Decimal("1"), years=2)


def test_expense_is_checked_against_its_source(tenants, plan_a):
    with scope(municipality=tenants[0].municipality):
        staff_line = plan_a["staff"].lines.get()
        with pytest.raises(ValidationError) as error:
            services.expense_record(
                line=staff_line,
                source=plan_a["leader"],
                spent_on=date(2023, 3, 1),
                amount=Decimal("10"),
                voucher_reference="X",
            )
        assert "source" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            services.expense_record(
                line=staff_line,
                source=plan_a["kinderstark"],
                spent_on=date(2023, 3, 1),
                amount=Decimal("10"),
                voucher_reference="X",
            )
        assert "spent_on" in error.value.message_dict
        with pytest.raises(ValidationError):
            services.expense_record(
                line=staff_line, spent_on=date(2022, 3, 1), amount=Decimal("0"), voucher_reference="X"
            )


def test_grant_report_covers_the_funding_period(tenants, plan_a):
    with scope(municipality=tenants[0].municipality):
        services.expense_record(
            line=plan_a["lines"][2],
            spent_on=date(2026, 2, 1),
            amount=Decimal("999"),
            voucher_reference="AFTER",
        )
        report = selectors.grant_report(plan_a["leader"])
    assert [e.voucher_reference for e in report.expenses] == ["RE-2023-0147", "RE-2023-0311"]
    assert report.total == Decimal("85459.90")
    assert report.grant_share == Decimal("51275.94")  # 60 %
    assert report.own_share == Decimal("34183.96")
    assert {block.label for block in report.outputs}
