"""Funding test world: the concept §6 demo plan loaded into municipality A of ``tenants``."""

from __future__ import annotations

import pytest
from django_scopes import scope

from familienbuero.funding import demo
from familienbuero.funding.models import BudgetLine, FundingSource, Project
from tests.conftest import Tenant, verified_client

A_URL = "/stadt-a/de/intern/finanzierung/"


@pytest.fixture
def plan_a(tenants: tuple[Tenant, Tenant]) -> dict[str, object]:
    a, _b = tenants
    demo.load({"voerde": a.municipality})
    with scope(municipality=a.municipality):
        container = Project.objects.get(name=demo.CONTAINER_PROJECT)
        staff = Project.objects.get(name=demo.STAFF_PROJECT)
        return {
            "container": container,
            "staff": staff,
            "leader": FundingSource.objects.get(project=container, name="LEADER"),
            "kinderstark": FundingSource.objects.get(project=staff, name="Kinderstark NRW"),
            "lines": list(BudgetLine.objects.filter(project=container)),
        }


@pytest.fixture
def coordinator(tenants: tuple[Tenant, Tenant]):
    from familienbuero.accounts.roles import Role

    return verified_client(tenants[0].users[Role.COORDINATOR])
