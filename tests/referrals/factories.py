"""Factories for the service directory rows referrals need. Use inside ``scopes_disabled()``."""

from __future__ import annotations

import factory

from familienbuero.directory.models import Service
from tests.factories import MunicipalityFactory, OrganizationFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    municipality = factory.SubFactory(MunicipalityFactory)
    organization = factory.SubFactory(
        OrganizationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    slug = factory.Sequence(lambda n: f"angebot-{n}")
    # django-parler takes translated fields as keyword arguments (in the default language, German).
    name = factory.Sequence(lambda n: f"Angebot {n}")
    description = "Ein Angebot für Familien."
