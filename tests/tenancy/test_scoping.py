import pytest
from django_scopes import ScopeError, scope

from familienbuero.directory.models import Organization
from familienbuero.tenancy.models import Location, Office, Room


def test_tenant_models_refuse_queries_without_a_scope(tenants):
    for model in (Office, Location, Room, Organization):
        with pytest.raises(ScopeError):
            list(model.objects.all())


def test_scope_shows_only_the_own_municipality(tenants):
    a, _b = tenants
    with scope(municipality=a.municipality):
        names = set(Office.objects.values_list("name", flat=True))
        orgs = set(Organization.objects.values_list("name", flat=True))
    assert names == {"Familienbüro Stadt A", "Zweigstelle Stadt A"}
    assert orgs == {"Träger Stadt A", "Verein Stadt A"}
