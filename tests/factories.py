"""Factories for tenant-owned test data. Use inside ``scopes_disabled()`` or the tenant's ``scope()``."""

from __future__ import annotations

from datetime import time

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from familienbuero.accounts.models import Membership, User
from familienbuero.accounts.roles import Role
from familienbuero.directory.models import Organization
from familienbuero.tenancy.models import Location, Municipality, Office, OpeningHours, Room


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeinde {n}")
    slug = factory.Sequence(lambda n: f"gemeinde-{n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Standort {n}")
    street = "Hauptstraße 1"
    postcode = "46562"
    city = "Voerde"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    location = factory.SubFactory(LocationFactory)
    name = factory.Sequence(lambda n: f"Raum {n}")
    kind = Room.Kind.COUNSELLING
    capacity = 4


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Familienbüro {n}")
    slug = factory.Sequence(lambda n: f"buero-{n}")
    home_location = factory.SubFactory(LocationFactory, municipality=factory.SelfAttribute("..municipality"))


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    office = factory.SubFactory(OfficeFactory)
    weekday = 0
    opens = time(9)
    closes = time(12)
    location = factory.SelfAttribute("office.home_location")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Verein {n}")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    kind = Organization.Kind.CLUB


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def with_device(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            TOTPDevice.objects.create(user=self, name="test", confirmed=True)
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.COORDINATOR
