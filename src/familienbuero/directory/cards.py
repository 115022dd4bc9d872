"""The result cards of the public service search, as plain data.

A card is a dict of ready texts: the template only places them. Rendering twenty cards with the
template language looking up each fact through hit, service and translation cost more than the search
itself on a small result (about 10 ms of a 40 ms page); building the same texts here costs well under
one. Dicts rather than objects, because the template engine tries a key before an attribute.
"""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from familienbuero.core.templatetags.familienbuero import TranslatedText, in_page_language
from familienbuero.directory.models import Service
from familienbuero.directory.search import Hit

DESCRIPTION_WORDS = 30


def card(hit: Hit, url: str, language_names: list[str]) -> dict[str, Any]:
    """What one result card shows: name and start of the description in the page language (else in
    German, then marked with ``lang``), the provider, and the facts a family compares offers by."""
    service = hit.service
    name = _text(hit, 0)
    description = _text(hit, 1)
    return {
        "url": url,
        "name": name.text,
        "name_lang": name.language if name.is_fallback else "",
        "provider": service.organization.name,
        "description": Truncator(description.text).words(DESCRIPTION_WORDS, truncate=" …"),
        "description_lang": description.language if description.is_fallback else "",
        "facts": facts(hit, language_names),
    }


def _text(hit: Hit, index: int) -> TranslatedText:
    """Name (0) or description (1), chosen as ``translated`` chooses on the service page."""
    return in_page_language(lambda code: (hit.texts[code][index] or "") if code in hit.texts else None)


def facts(hit: Hit, language_names: list[str]) -> list[str]:
    """The short facts under a card, in this order: closed, open now, ages, costs, step-free access,
    languages, distance."""
    service = hit.service
    found = []
    if service.status == Service.Status.TEMPORARILY_CLOSED:
        found.append(_("Temporarily closed"))
    if hit.open_now:
        found.append(_("Open now"))
    ages = age_range(service.minimum_age, service.maximum_age)
    if ages:
        found.append(ages)
    if service.free_of_charge:
        found.append(_("Free of charge"))
    elif service.but_eligible:
        found.append(_("Costs can be paid by the education and participation package (BuT)"))
    if hit.step_free:
        found.append(_("Step-free access"))
    if language_names:
        found.append(_("Languages:") + " " + ", ".join(language_names))
    if hit.distance_km is not None:
        found.append(_("%(km)s km away") % {"km": floatformat(hit.distance_km, 1)})
    return found


def age_range(minimum: int | None, maximum: int | None) -> str:
    """The age range as a family reads it – "Ages 6 to 10", "From age 6", "Up to age 10" – or nothing
    for all ages."""
    if minimum is not None and maximum is not None:
        return _("Ages %(minimum)s to %(maximum)s") % {"minimum": minimum, "maximum": maximum}
    if minimum is not None:
        return _("From age %(minimum)s") % {"minimum": minimum}
    if maximum is not None:
        return _("Up to age %(maximum)s") % {"maximum": maximum}
    return ""
