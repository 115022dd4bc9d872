"""Factories for services and their parts, and ``full_directory``: one municipality's directory that
fills every field the HSDS mapping supports, in several languages. Use inside ``scopes_disabled()``."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import factory

from familienbuero.directory.models import (
    Contact,
    CostOption,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSchedule,
    TaxonomyTerm,
)
from familienbuero.tenancy.models import District, Municipality
from tests import factories


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    municipality = factory.SubFactory(factories.MunicipalityFactory)
    organization = factory.SubFactory(
        factories.OrganizationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    slug = factory.Sequence(lambda n: f"angebot-{n}")
    name = factory.Sequence(lambda n: f"Angebot {n}")
    description = "Ein Angebot für Familien."


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(factories.MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Ortsteil {n}")
    slug = factory.Sequence(lambda n: f"ortsteil-{n}")


def _translate(obj: object, language: str, **texts: str) -> None:
    obj.set_current_language(language)
    for name, value in texts.items():
        setattr(obj, name, value)
    obj.save()


def term(taxonomy: str, code: str) -> TaxonomyTerm:
    found = TaxonomyTerm.objects.filter(taxonomy=taxonomy, code=code).first()
    if found is None:
        found = TaxonomyTerm(taxonomy=taxonomy, code=code)
        _translate(found, "de", name=code.title(), description=f"{code} (Beschreibung)")
        _translate(found, "en", name=f"{code.title()} (en)")
    return found


def full_directory(municipality: Municipality) -> dict[str, object]:
    """Two organisations, two locations (one in a district), three services: one with every field,
    in German, English and Arabic; a plain one; an unpublished one (never exported)."""
    district = DistrictFactory(
        municipality=municipality,
        name="Friedrichsfeld",
        slug="friedrichsfeld",
        social_area="Sozialraum Süd",
        latitude=Decimal("51.623456"),
        longitude=Decimal("6.651234"),
    )
    other_district = DistrictFactory(municipality=municipality, name="Möllen", slug="moellen")
    centre = factories.LocationFactory(
        municipality=municipality,
        name="Quartierszentrum Rönkenstraße",
        street="Rönkenstraße 40",
        postcode="46562",
        city="Voerde",
        district=district,
        latitude=Decimal("51.597012"),
        longitude=Decimal("6.681234"),
        step_free_access=True,
        baby_changing=True,
    )
    _translate(
        centre, "de", directions="Bus SB3 bis Rönkenstraße.", accessibility_notes="Rampe am Seiteneingang."
    )
    _translate(
        centre, "en", directions="Bus SB3 to Rönkenstraße.", accessibility_notes="Ramp at the side entrance."
    )
    hall = factories.LocationFactory(municipality=municipality, name="Turnhalle", street="Am Sportplatz 2")
    club = factories.OrganizationFactory(
        municipality=municipality,
        name="TV Beispiel e. V.",
        slug="tv-beispiel",
        kind=Organization.Kind.CLUB,
        website="https://tv.example/",
        email="info@tv.example",
        phone="02855 1234",
    )
    _translate(club, "de", description="Turnverein.")
    _translate(club, "tr", description="Jimnastik kulübü.")
    office = factories.OrganizationFactory(
        municipality=municipality, name="Jugendamt", slug="jugendamt", kind=Organization.Kind.PUBLIC
    )
    full = ServiceFactory(
        municipality=municipality,
        organization=club,
        slug="kinderturnen",
        status=Service.Status.TEMPORARILY_CLOSED,
        url="https://tv.example/kinderturnen",
        email="turnen@tv.example",
        phone="+49 2855 99 88",
        minimum_age=3,
        maximum_age=6,
        free_of_charge=False,
        but_eligible=True,
        anonymous_possible=True,
        interpretation_services="Türkisch nach Absprache",
        confirmed_at=datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC),
    )
    german = {
        "name": "Kinderturnen",
        "alternate_name": "Turnzwerge",
        "description": "Bewegung für Kinder von 3 bis 6.",
        "application_process": "Einfach vorbeikommen.",
        "eligibility_description": "Kinder aus Voerde.",
        "fees_description": "30 € im Halbjahr, BuT zahlt.",
    }
    _translate(full, "de", **german)
    _translate(full, "en", name="Children's gym", description="Exercise for children aged 3 to 6.")
    _translate(full, "ar", name="جمباز الأطفال", description="حركة للأطفال.", fees_description="٣٠ يورو")
    full.terms.set([term("topic", "sport-test"), term("target_group", "kinder-test")])
    full.districts.set([district, other_district])
    for code in ("de", "tr", "ar"):
        ServiceLanguage.objects.create(service=full, code=code)
    CostOption.objects.create(service=full, option="Halbjahr", amount=Decimal("30.00"))
    CostOption.objects.create(service=full, option="Schnupperstunde", amount=None)
    Contact.objects.create(
        service=full,
        name="Anna Beispiel",
        title="Übungsleiterin",
        email="anna@tv.example",
        phone="0170 123456",
    )
    Contact.objects.create(service=full, name="Geschäftsstelle")
    at_centre = ServiceAtLocation.objects.create(service=full, location=centre)
    ServiceAtLocation.objects.create(service=full, location=hall)
    ServiceSchedule.objects.create(service=full, weekday=1, opens=time(15), closes=time(16, 30))
    ServiceSchedule.objects.create(
        service=full,
        service_at_location=at_centre,
        weekday=3,
        opens=time(9, 15, 30),
        closes=time(10),
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 6, 30),
    )
    plain = ServiceFactory(municipality=municipality, organization=office, slug="beratung")
    _translate(plain, "de", name="Erziehungsberatung", description="Beratung für Eltern.")
    hidden = ServiceFactory(municipality=municipality, organization=club, slug="entwurf", is_published=False)
    return {"full": full, "plain": plain, "hidden": hidden, "club": club, "centre": centre, "hall": hall}
