"""Pydantic models of the HSDS 3.0 objects we publish: they document the API (OpenAPI) and check that
what ``mapping.py`` produces is exactly what the schema promises (unknown keys are refused)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(json_schema_extra={"format": "uuid"})]
DateTime = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
Date = Annotated[str, Field(json_schema_extra={"format": "date"})]
Translations = Annotated[
    dict[str, dict[str, str | None]],
    Field(description="Export only: the texts in every language other than the one in the HSDS fields."),
]
Status = Literal["active", "inactive", "defunct", "temporarily closed"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Error(Strict):
    detail: str
    errors: list[dict[str, str]] | None = None


class Meta(Strict):
    version: str = Field(description="HSDS version of this API.")
    openapi_url: str = Field(description="URL of the OpenAPI schema of this API.")
    language: str = Field(description="Language of the text fields in this response.")


class Page(Strict):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool


class Phone(Strict):
    id: Id
    number: str


class TaxonomyTerm(Strict):
    id: Id
    code: str
    name: str
    description: str
    parent_id: Id | None
    taxonomy: str
    taxonomy_id: Id
    language: str | None


class Taxonomy(Strict):
    id: Id
    name: str
    description: str
    uri: str | None
    version: str | None


class OrganizationExtension(Strict):
    slug: str
    kind: Literal["public", "school", "daycare", "club", "provider", "other"]
    translations: Translations | None = None


class Organization(Strict):
    id: Id
    name: str
    description: str
    email: str | None
    website: str | None
    phones: list[Phone]
    x_familienbuero: OrganizationExtension


class Address(Strict):
    id: Id
    location_id: Id
    address_1: str
    city: str
    region: str | None
    state_province: str
    postal_code: str
    country: str
    address_type: Literal["physical", "postal", "virtual"]


class Accessibility(Strict):
    id: Id
    location_id: Id
    description: str


class LocationExtension(Strict):
    district: str | None = Field(description="URL name of the district the location lies in.")
    step_free_access: bool
    accessible_toilet: bool
    baby_changing: bool
    translations: Translations | None = None


class Location(Strict):
    id: Id
    location_type: Literal["physical", "postal", "virtual"]
    name: str
    transportation: str | None
    latitude: float | None
    longitude: float | None
    addresses: list[Address]
    accessibility: list[Accessibility]
    x_familienbuero: LocationExtension


class Schedule(Strict):
    id: Id
    freq: Literal["WEEKLY", "MONTHLY"]
    wkst: Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    byday: str
    opens_at: str
    closes_at: str
    valid_from: Date | None
    valid_to: Date | None


class ServiceAtLocation(Strict):
    id: Id
    service_id: Id
    location_id: Id
    schedules: list[Schedule]
    location: Location


class Language(Strict):
    id: Id
    name: str | None
    code: str


class CostOption(Strict):
    id: Id
    option: str
    amount: float | None
    currency: str | None


class Contact(Strict):
    id: Id
    name: str
    title: str | None
    email: str | None
    phones: list[Phone]


class DistrictExtension(Strict):
    slug: str
    social_area: str | None
    latitude: float | None
    longitude: float | None


class ServiceAreaExtension(Strict):
    district: DistrictExtension


class ServiceArea(Strict):
    id: Id
    name: str
    description: str | None
    x_familienbuero: ServiceAreaExtension


class Attribute(Strict):
    id: Id
    link_id: Id
    link_type: str
    link_entity: str
    taxonomy_term_id: Id
    taxonomy_term: TaxonomyTerm


class ServiceExtension(Strict):
    slug: str
    free_of_charge: bool
    but_eligible: bool = Field(description="Fundable by the education and participation package (BuT).")
    anonymous_possible: bool
    confirmed_at: DateTime = Field(description="When the provider last confirmed the entry.")
    translations: Translations | None = None


class ServiceMinimal(Strict):
    id: Id
    last_modified: DateTime


class ServiceBrief(Strict):
    """The one-to-one fields of a service, with its organisation (HSDA list form)."""

    id: Id
    organization_id: Id
    name: str
    alternate_name: str | None
    description: str | None
    url: str | None
    email: str | None
    status: Status
    interpretation_services: str | None
    application_process: str | None
    fees_description: str | None
    eligibility_description: str | None
    minimum_age: int | None
    maximum_age: int | None
    assured_date: Date
    last_modified: DateTime
    x_familienbuero: ServiceExtension
    organization: Organization


class Service(ServiceBrief):
    """The fully nested service."""

    phones: list[Phone]
    schedules: list[Schedule]
    service_areas: list[ServiceArea]
    service_at_locations: list[ServiceAtLocation]
    languages: list[Language]
    cost_options: list[CostOption]
    contacts: list[Contact]
    attributes: list[Attribute]


class OrganizationDetail(Organization):
    services: list[Service | ServiceBrief]


class ServicePage(Page):
    contents: list[Service | ServiceBrief | ServiceMinimal]


class OrganizationPage(Page):
    contents: list[Organization]


class LocationPage(Page):
    contents: list[Location]


class TaxonomyTermPage(Page):
    contents: list[TaxonomyTerm]


class TaxonomyPage(Page):
    contents: list[Taxonomy]
