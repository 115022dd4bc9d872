"""HSDS export → import → export is lossless; the import validates everything before writing anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django_scopes import scope, scopes_disabled

from familienbuero.directory.hsds import exporter, importer
from familienbuero.directory.models import Organization, Service, ServiceAtLocation
from familienbuero.tenancy.models import District, Location
from tests import factories
from tests.directory.fixtures_hsds.factories import full_directory, term

FIXTURES = Path(__file__).parent / "fixtures_hsds"


@pytest.fixture(autouse=True)
def _fresh_translation_cache():
    """django-parler caches translations by primary key; rolled-back tests reuse primary keys."""
    cache.clear()


@pytest.fixture
def source(db):
    with scopes_disabled():
        municipality = factories.MunicipalityFactory(slug="quelle", name="Quelle", official_key="05170044")
        objects = full_directory(municipality)
    return municipality, objects


@pytest.fixture
def target(db):
    with scopes_disabled():
        return factories.MunicipalityFactory(slug="ziel", name="Ziel", official_key="05170048")


def _wipe(municipality) -> None:
    """Deletes a municipality's directory so that its UUIDs are free again (as on a fresh installation)."""
    with scopes_disabled():
        Service.objects.filter(municipality=municipality).delete()
        Organization.objects.filter(municipality=municipality).delete()
        for office in municipality.offices.all():
            office.delete()
        Location.objects.filter(municipality=municipality).delete()
        District.objects.filter(municipality=municipality).delete()


def _without_municipality(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    data["x_familienbuero"].pop("municipality")
    return data


@pytest.mark.parametrize("layout", ["hsds.json", "hsds-directory"])
def test_export_import_export_is_lossless(source, target, tmp_path, layout):
    municipality, _objects = source
    first = exporter.export_dataset(municipality)
    assert [s["x_familienbuero"]["slug"] for s in first["services"]] == ["beratung", "kinderturnen"]
    path = tmp_path / layout
    call_command("export_hsds", "quelle", str(path))
    _wipe(municipality)

    call_command("import_hsds", "ziel", str(path))

    second = exporter.export_dataset(target)
    assert second["x_familienbuero"]["municipality"] == "ziel"
    first_services = {s["id"]: s for s in first["services"]}
    second_services = {s["id"]: s for s in second["services"]}
    for service_id, service in first_services.items():
        # last_modified is the time of the change on this platform, i.e. of the import.
        service.pop("last_modified")
        second_services[service_id].pop("last_modified")
        assert second_services[service_id] == service
    assert _without_municipality(second) == _without_municipality(first) | {"services": second["services"]}


def test_round_trip_covers_every_supported_field(source):
    """Guards the fixture: every field of the export is filled somewhere (no silently untested field)."""
    municipality, _objects = source
    data = exporter.export_dataset(municipality)
    full = next(s for s in data["services"] if s["x_familienbuero"]["slug"] == "kinderturnen")
    empty = sorted(key for key, value in full.items() if value in (None, [], ""))
    assert empty == []
    location = full["service_at_locations"][0]["location"]
    assert [key for key, value in location.items() if value in (None, [], "")] == []
    assert set(full["x_familienbuero"]["translations"]) == {"en", "ar"}
    assert full["service_at_locations"][0]["schedules"][0]["opens_at"] == "09:15:30"
    assert {a["taxonomy_term"]["code"] for a in full["attributes"]} == {"sport-test", "kinder-test"}
    assert full["organization"]["x_familienbuero"]["translations"]["tr"] == {
        "description": "Jimnastik kulübü."
    }


def test_unpublished_services_are_not_exported(source):
    municipality, _objects = source
    slugs = {s["x_familienbuero"]["slug"] for s in exporter.export_dataset(municipality)["services"]}
    assert "entwurf" not in slugs


def test_import_twice_updates_instead_of_duplicating(source, tmp_path):
    municipality, _objects = source
    path = tmp_path / "hsds.json"
    data = exporter.export_dataset(municipality)
    data["services"][1]["name"] = "Kinderturnen neu"
    data["services"][1]["x_familienbuero"]["translations"].pop("ar")
    path.write_text(json.dumps(data))
    report = importer.import_dataset(municipality=municipality, path=path)
    assert report.counts["service updated"] == 2
    assert not report.counts["service created"]
    with scope(municipality=municipality):
        service = Service.objects.get(slug="kinderturnen")
        assert service.safe_translation_getter("name", language_code="de") == "Kinderturnen neu"
        assert set(service.get_available_languages()) == {"de", "en"}
        assert Service.objects.count() == 3
        assert ServiceAtLocation.objects.count() == 2


def _problem_dataset(source, tmp_path, change) -> Path:
    municipality, _objects = source
    data = exporter.export_dataset(municipality)
    _wipe(municipality)
    change(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data))
    return path


def _set(path: list, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set(["services", 0, "id"], "not-a-uuid"), "is missing or not a UUID"),
        (_set(["services", 0, "name"], None), "[de].name"),
        (_set(["services", 0, "email"], "kein-mail"), ".email"),
        (_set(["services", 0, "status"], "closed"), ".status"),
        (_set(["services", 0, "organization_id"], "6f1c1e8e-0000-4000-8000-000000000000"), "is not known"),
        (
            _set(
                ["services", 1, "attributes", 0, "taxonomy_term_id"], "6f1c1e8e-0000-4000-8000-000000000001"
            ),
            "unknown taxonomy term",
        ),
        (_set(["services", 1, "cost_options", 0, "currency"], "GBP"), "only amounts in EUR"),
        (_set(["services", 1, "schedules", 0, "closes_at"], "08:00"), "closes_at must be after opens_at"),
        (_set(["services", 1, "minimum_age"], 99), "minimum_age is above maximum_age"),
        (_set(["locations", 0, "addresses", 0, "postal_code"], "ABC"), ".postcode"),
        (_set(["organizations", 0, "x_familienbuero", "translations"], {"xx": {}}), "unknown language"),
    ],
)
def test_invalid_dataset_is_refused_with_a_clear_message_and_nothing_is_written(
    source, target, tmp_path, change, message
):
    path = _problem_dataset(source, tmp_path, change)
    with pytest.raises(importer.ImportFailed) as failure:
        importer.import_dataset(municipality=target, path=path)
    assert any(message in error for error in failure.value.report.errors), failure.value.report.errors
    with scopes_disabled():
        assert not Service.objects.filter(municipality=target).exists()
        assert not Organization.objects.filter(municipality=target).exists()
        assert not Location.objects.filter(municipality=target).exists()


def test_all_problems_are_listed_at_once(source, target, tmp_path):
    def change(data):
        data["services"][0]["email"] = "falsch"
        data["services"][1]["url"] = "keine url"

    with pytest.raises(importer.ImportFailed) as failure:
        importer.import_dataset(municipality=target, path=_problem_dataset(source, tmp_path, change))
    assert len(failure.value.report.errors) == 2


def test_ids_of_another_municipality_are_refused(source, target, tmp_path):
    path = tmp_path / "hsds.json"
    call_command("export_hsds", "quelle", str(path))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_hsds", "ziel", str(path))
    with pytest.raises(importer.ImportFailed) as failure:
        importer.import_dataset(municipality=target, path=path)
    assert any("belongs to another municipality" in e for e in failure.value.report.errors)


def test_unknown_municipality_and_unreadable_files(db, tmp_path):
    with pytest.raises(CommandError, match="unknown municipality"):
        call_command("import_hsds", "nirgendwo", str(tmp_path))
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with scopes_disabled():
        factories.MunicipalityFactory(slug="ziel")
    with pytest.raises(CommandError):
        call_command("import_hsds", "ziel", str(broken))


def test_tabular_csv_layout_imports_and_reports_unsupported_fields(target, db):
    with scopes_disabled():
        term("target_group", "kinder-tab")  # another UUID than in the dataset: matched by vocabulary + code
    report = importer.import_dataset(municipality=target, path=FIXTURES / "tabular")
    assert report.ignored["services.accreditations"] == 1
    assert report.ignored["table funding"] == 1
    assert any("MONTHLY" in w or "weekly" in w for w in report.warnings)
    with scope(municipality=target):
        service = Service.objects.get()
        assert service.safe_translation_getter("name", language_code="de") == "Hausaufgabenhilfe"
        assert service.organization.name == "Lernhilfe e. V."
        assert service.minimum_age == 6
        assert sorted(service.languages.values_list("code", flat=True)) == ["de", "uk"]
        assert [(s.weekday, s.opens.hour) for s in service.schedules.order_by("weekday")] == [
            (0, 14),
            (2, 14),
        ]
        location = service.service_locations.get().location
        assert (location.street, location.postcode, location.city) == ("Schulstraße 5", "46562", "Voerde")
        assert location.district.name == "Friedrichsfeld"
        assert service.terms.get().code == "kinder-tab"
        assert service.cost_options.get().amount == 0
        assert service.contacts.get().phone == "0281 12345"


def test_dry_run_writes_nothing(target, db):
    with scopes_disabled():
        term("target_group", "kinder-tab")
    call_command("import_hsds", "ziel", str(FIXTURES / "tabular"), "--dry-run")
    with scopes_disabled():
        assert not Service.objects.filter(municipality=target).exists()
