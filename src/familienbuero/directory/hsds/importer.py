"""``import_hsds``: validate a whole HSDS 3.0 dataset, then write it in one transaction.

Nothing is written when a single problem is found; the exception lists every problem. Organisations,
services, service-at-locations and locations are upserted by their UUID (an id that belongs to another
municipality is an error). The children of an imported service (languages, costs, contacts, times,
service areas, vocabulary terms) are replaced by those of the dataset. Vocabulary terms are shared by
all municipalities and never created here: an unknown term is an error. Fields and tables we have no
place for are counted and reported, not stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django_scopes import scope

from familienbuero.directory.hsds import dataset, mapping
from familienbuero.directory.hsds.planner import Planned, Planner, Report
from familienbuero.directory.models import (
    Contact,
    CostOption,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSchedule,
)
from familienbuero.tenancy.models import District, Location, Municipality

__all__ = ["ImportFailed", "Report", "import_dataset"]


class ImportFailed(Exception):
    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} problem(s) in the dataset; nothing was imported")
        self.report = report


def import_dataset(
    *, municipality: Municipality, path: Path, publish_new: bool = True, dry_run: bool = False
) -> Report:
    """Reads, validates and (unless ``dry_run``) writes; raises ``ImportFailed`` listing all problems."""
    report = Report()
    try:
        tables, header, notes = dataset.read(path)
    except dataset.DatasetError as error:
        report.errors.append(str(error))
        raise ImportFailed(report) from error
    report.warnings += notes
    language = header.get("language") or mapping.DEFAULT_LANGUAGE
    if language not in mapping.LANGUAGE_CODES:
        report.errors.append(f"x_familienbuero.language: unknown language {language!r}")
        language = mapping.DEFAULT_LANGUAGE
    with scope(municipality=municipality):
        plan = Planner(municipality, tables, language, report).plan()
        if report.errors:
            raise ImportFailed(report)
        if dry_run:
            return report
        try:
            with transaction.atomic():
                _write(municipality, plan, publish_new, report)
        except (IntegrityError, ValidationError) as error:
            report.errors.append(f"database refused the data: {error}")
            raise ImportFailed(report) from error
    return report


# --- writing ---------------------------------------------------------------------------------------


def _unique_slug(
    model: type[models.Model], planned: Planned, assigned: dict[str, str], report: Report
) -> str:
    """The wanted URL name, or with a number appended when another row (or an earlier row of this
    import) has it."""
    wanted = planned.values["slug"] or "eintrag"
    taken = set(model.objects.exclude(uuid=planned.uuid).values_list("slug", flat=True))
    taken |= {slug for slug, uuid in assigned.items() if uuid != planned.uuid}
    slug, number = wanted, 1
    while slug in taken:
        number += 1
        slug = f"{wanted[: 80 - len(str(number)) - 1]}-{number}"
    if slug != wanted:
        report.warnings.append(f"{planned.uuid}: URL name {wanted!r} is taken, using {slug!r}")
    assigned[slug] = planned.uuid
    return slug


def _save(obj: Any, planned: Planned) -> None:
    for name, value in planned.values.items():
        if value is not None or name not in ("confirmed_at",):
            setattr(obj, name, value)
    for code, texts in planned.texts.items():
        obj.set_current_language(code)
        for name, value in texts.items():
            setattr(obj, name, value)
    obj.save()
    obj.translations.exclude(language_code__in=list(planned.texts)).delete()


def _upsert(model: type[models.Model], planned: Planned, municipality: Municipality, report: Report) -> Any:
    obj = model.objects.filter(uuid=planned.uuid).first()
    verb = "updated" if obj else "created"
    if obj is None:
        obj = model(uuid=planned.uuid, municipality=municipality)
    report.counts[f"{model._meta.model_name} {verb}"] += 1
    return obj


def _district(municipality: Municipality, spec: dict[str, Any], cache: dict[str, Any]) -> District:
    """The district by URL name, created from the fullest description in the dataset if missing."""
    spec = cache["specs"].get(spec["slug"], spec)
    if spec["slug"] not in cache:
        district = District.objects.filter(slug=spec["slug"]).first()
        if district is None:
            district = District.objects.create(
                municipality=municipality,
                slug=spec["slug"],
                name=spec["name"][:120],
                social_area=(spec.get("social_area") or "")[:120],
                latitude=spec.get("latitude"),
                longitude=spec.get("longitude"),
            )
        cache[spec["slug"]] = district
    return cache[spec["slug"]]


def _write(municipality: Municipality, plan: dict[str, Any], publish_new: bool, report: Report) -> None:
    # Service areas describe districts fully, a location's address only names one.
    specs = {spec["slug"]: spec for planned in plan["services"] for spec in planned.extra["districts"]}
    for planned in plan["locations"].values():
        if planned.extra["district"]:
            specs.setdefault(planned.extra["district"]["slug"], planned.extra["district"])
    districts: dict[str, Any] = {"specs": specs}
    for planned in plan["locations"].values():
        location = _upsert(Location, planned, municipality, report)
        spec = planned.extra["district"]
        location.district = _district(municipality, spec, districts) if spec else None
        _save(location, planned)
    org_slugs: dict[str, str] = {}
    for planned in plan["organizations"].values():
        organization = _upsert(Organization, planned, municipality, report)
        planned.values["slug"] = _unique_slug(Organization, planned, org_slugs, report)
        _save(organization, planned)
    service_slugs: dict[str, str] = {}
    for planned in plan["services"]:
        service = _upsert(Service, planned, municipality, report)
        if service.pk is None:
            service.is_published = publish_new
        service.organization = Organization.objects.get(uuid=planned.extra["organization"])
        planned.values["slug"] = _unique_slug(Service, planned, service_slugs, report)
        _save(service, planned)
        _replace_children(service, planned, districts)


def _replace_children(service: Service, planned: Planned, districts: dict[str, Any]) -> None:
    extra = planned.extra
    service.schedules.all().delete()
    service.languages.all().delete()
    service.cost_options.all().delete()
    service.contacts.all().delete()
    wanted = {sal["uuid"] for sal in extra["service_at_locations"]}
    service.service_locations.exclude(uuid__in=wanted).delete()
    locations = {
        str(loc.uuid): loc
        for loc in Location.objects.filter(uuid__in=[s["location"] for s in extra["service_at_locations"]])
    }
    schedules = [ServiceSchedule(service=service, **_schedule(row)) for row in extra["schedules"]]
    for sal in extra["service_at_locations"]:
        obj = ServiceAtLocation.objects.filter(uuid=sal["uuid"]).first() or ServiceAtLocation(
            uuid=sal["uuid"]
        )
        obj.service, obj.location = service, locations[sal["location"]]
        obj.save()
        schedules += [
            ServiceSchedule(service=service, service_at_location=obj, **_schedule(row))
            for row in sal["schedules"]
        ]
    ServiceSchedule.objects.bulk_create(schedules)
    ServiceLanguage.objects.bulk_create(
        [ServiceLanguage(service=service, code=code) for code in extra["languages"]]
    )
    CostOption.objects.bulk_create(
        [
            CostOption(service=service, option=option, amount=amount)
            for option, amount in extra["cost_options"]
        ]
    )
    Contact.objects.bulk_create([Contact(service=service, **contact) for contact in extra["contacts"]])
    service.terms.set(extra["terms"])
    service.districts.set([_district(service.municipality, spec, districts) for spec in extra["districts"]])


def _schedule(row: tuple[Any, ...]) -> dict[str, Any]:
    weekday, opens, closes, valid_from, valid_until = row
    return {
        "weekday": weekday,
        "opens": opens,
        "closes": closes,
        "valid_from": valid_from,
        "valid_until": valid_until,
    }
