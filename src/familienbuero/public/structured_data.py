"""schema.org JSON-LD for public pages (search engines and assistants read opening hours and places)."""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from familienbuero.tenancy.models import Location, Office, OpeningHours

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _place(location: Location) -> dict[str, Any]:
    place: dict[str, Any] = {
        "@type": "Place",
        "name": location.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": location.street,
            "postalCode": location.postcode,
            "addressLocality": location.city,
            "addressCountry": "DE",
        },
    }
    if location.has_coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    return place


def office_jsonld(
    *, office: Office, url: str, rules: list[tuple[Location, list[OpeningHours]]]
) -> dict[str, Any]:
    """A ``GovernmentOffice`` (a schema.org Place) with its opening hours, one place per location."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": office.name,
        "url": url,
        **{k: v for k, v in _place(office.home_location).items() if k in ("address", "geo")},
        "isAccessibleForFree": True,
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[rule.weekday]}",
                "opens": rule.opens.strftime("%H:%M"),
                "closes": rule.closes.strftime("%H:%M"),
                **({"validFrom": rule.valid_from.isoformat()} if rule.valid_from else {}),
                **({"validThrough": rule.valid_until.isoformat()} if rule.valid_until else {}),
            }
            for location, location_rules in rules
            if location.pk == office.home_location_id
            for rule in location_rules
        ],
        "location": [_place(location) for location, _rules in rules],
    }
    if office.phone:
        data["telephone"] = office.phone
    if office.email:
        data["email"] = office.email
    return data


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """A JSON-LD data block. Not executed, so the CSP (no inline script) does not apply; ``<``, ``>``
    and ``&`` are escaped so that content can never close the element."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
