"""Public forms of the volunteering app for tests/test_hostile_input.py (the tutor registration is
registered there already)."""

from __future__ import annotations

from django_scopes import scopes_disabled

from tests.test_hostile_input import PublicForm


def sponsor_report_path(tenants) -> str:
    from familienbuero.volunteering.models import Playground, Sponsorship

    with scopes_disabled():
        playground = Playground.objects.create(
            municipality=tenants[0].municipality, name="Spielplatz", address="Markt 1"
        )
        sponsorship = Sponsorship.objects.create(
            municipality=tenants[0].municipality, playground=playground, name="Pate"
        )
    return f"/{{m}}/de/ehrenamt/spielplatz/{sponsorship.token}/"


FORMS = {
    "volunteering-public:internship-interest": PublicForm(
        "/{m}/de/ehrenamt/praktikum/",
        ["first_name", "age", "phone", "email", "fields", "available_from", "available_until", "privacy"],
        stores={"volunteering_*": None},
    ),
    "volunteering-public:sponsor-report": PublicForm(
        "",
        ["kind", "what", "where", "urgency"],
        setup=sponsor_report_path,
        stores={"volunteering_*": None},
    ),
}
