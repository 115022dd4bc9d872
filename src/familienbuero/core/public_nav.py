"""The public quick links in every municipality page's header: what a family can do here.

Each entry names a URL of an app; an app that is not installed (its URL does not resolve) is left out.
The entry whose section the visitor is in is marked ``aria-current``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SECTIONS: tuple[tuple[str, Promise], ...] = (
    ("directory-public:search", _("Find offers")),
    ("appointments:index", _("Advice and appointments")),
    ("events-public:list", _("Events and courses")),
    ("participation:list", _("Children have their say")),
    ("volunteering-public:index", _("Volunteering")),
    ("public:sign-language", _("Sign language")),
)


@dataclass(frozen=True)
class PublicLink:
    label: str | Promise
    url: str
    current: bool


def public_links(municipality_slug: str, language: str, path: str) -> list[PublicLink]:
    """The quick links of a municipality's pages in ``language``; ``path`` is the page's path. The back
    office (``…/intern/…``) has its own navigation: there only the directory search is offered, which
    navigators use all day."""
    staff_page = path.startswith(f"/{municipality_slug}/{language}/intern/")
    links = []
    for name, label in SECTIONS[:1] if staff_page else SECTIONS:
        try:
            url = reverse(name, kwargs={"municipality_slug": municipality_slug, "language": language})
        except NoReverseMatch:
            continue
        links.append(PublicLink(label, url, path.startswith(url)))
    return links
