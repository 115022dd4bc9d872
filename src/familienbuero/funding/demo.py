"""Demo data: the financing plan of concept §6 for Voerde.

Two projects, because the concept finances two things: the container office with its play area
(four positions, 252.500,00 €; LEADER pays 60 % = 151.500,00 €, the city 101.000,00 €) and, for 2022,
the staff who plan and build up the office (Kinderstark NRW 25.000,00 € plus 7.675,00 € own share).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django_scopes import scope

from familienbuero.funding import services
from familienbuero.funding.models import BudgetLine, FundingSource, Project
from familienbuero.tenancy.models import Municipality, Office

CONTAINER_PROJECT = "Mobiles Familienbüro: Container und Spielfläche"
STAFF_PROJECT = "Mobiles Familienbüro: Personal für Planung und Aufbau 2022"


def load(objects: dict[str, object]) -> None:
    """Safe to run again: an existing project of the same name is left as it is."""
    voerde: Municipality = objects["voerde"]  # type: ignore[assignment]
    with scope(municipality=voerde):
        office = Office.objects.filter(municipality=voerde).order_by("pk").first()
        if not Project.objects.filter(municipality=voerde, name=CONTAINER_PROJECT).exists():
            _container_project(voerde, office)
        if not Project.objects.filter(municipality=voerde, name=STAFF_PROJECT).exists():
            _staff_project(voerde, office)


def _container_project(voerde: Municipality, office: Office | None) -> None:
    project = services.project_create(
        municipality=voerde,
        office=office,
        name=CONTAINER_PROJECT,
        description="Finanzierungsplan nach Konzept Kapitel 6.",
        starts_on=date(2023, 1, 1),
        ends_on=date(2025, 12, 31),
    )
    lines = [
        services.line_add(
            project=project,
            position=1,
            name="Erstausrüstung, Container, inkl. Lieferung + Aufstellung",
            planned_amount=Decimal("87500.00"),
        ),
        services.line_add(
            project=project,
            position=2,
            name="Sachkosten jährlich: Büromaterial, Öffentlichkeitsarbeit, Honorarkosten",
            kind=BudgetLine.Kind.YEARLY,
            planned_amount=Decimal("5000.00"),
            years=1,
        ),
        services.line_add(
            project=project,
            position=3,
            name="Baukosten Herrichtung der Fläche",
            planned_amount=Decimal("80000.00"),
        ),
        services.line_add(
            project=project, position=4, name="Baukosten Spielgeräte", planned_amount=Decimal("80000.00")
        ),
    ]
    leader = services.source_add(
        project=project,
        name="LEADER",
        funder="Europäische Union (LEADER, Entwicklung des ländlichen Raums)",
        rate=Decimal("60.00"),
        eligible_lines=lines,
        starts_on=date(2023, 1, 1),
        ends_on=date(2025, 12, 31),
    )
    services.source_add(
        project=project,
        name="Eigenanteil Stadt Voerde",
        kind=FundingSource.Kind.OWN_FUNDS,
        eligible_lines=lines,
        starts_on=date(2023, 1, 1),
        ends_on=date(2025, 12, 31),
    )
    services.deadline_add(source=leader, due_on=date(2024, 3, 31), label="Zwischennachweis 2023")
    services.deadline_add(source=leader, due_on=date(2026, 6, 30), label="Verwendungsnachweis")
    services.expense_record(
        line=lines[0],
        source=leader,
        spent_on=date(2023, 5, 15),
        amount=Decimal("84210.00"),
        voucher_reference="RE-2023-0147",
        note="Container Lieferung und Aufstellung",
    )
    services.expense_record(
        line=lines[1],
        spent_on=date(2023, 9, 1),
        amount=Decimal("1249.90"),
        voucher_reference="RE-2023-0311",
        note="Flyer und Plakate",
    )


def _staff_project(voerde: Municipality, office: Office | None) -> None:
    project = services.project_create(
        municipality=voerde,
        office=office,
        name=STAFF_PROJECT,
        description="Planung, Konzeptionierung, Netzwerkarbeit und Umsetzung der Projektidee.",
        starts_on=date(2022, 1, 1),
        ends_on=date(2022, 12, 31),
    )
    staff = services.line_add(
        project=project,
        name="Personalkosten Planung, Konzeptionierung, Netzwerkarbeit und Umsetzung",
        planned_amount=Decimal("32675.00"),
    )
    kinderstark = services.source_add(
        project=project,
        name="Kinderstark NRW",
        funder="Land NRW – „Kinderstark – NRW schafft Chancen“",
        fixed_amount=Decimal("25000.00"),
        required_own_contribution=Decimal("7675.00"),
        eligible_lines=[staff],
        starts_on=date(2022, 1, 1),
        ends_on=date(2022, 12, 31),
    )
    services.deadline_add(source=kinderstark, due_on=date(2023, 6, 30), label="Verwendungsnachweis 2022")
