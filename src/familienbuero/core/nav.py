"""Back-office navigation entries contributed by apps.

An app adds entries with a module ``<app>/nav.py`` defining ``nav_items(request) -> list[NavItem]``;
it returns only what the user may use (``request.user``, ``request.municipality`` are set). The labels
belong to the app's own translation catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    key: str  # compared with the page's ``current`` to mark the entry aria-current
    label: str | Promise
    url: str
    badge: int | str | None = None  # a number shown after the label, e.g. tickets waiting


def _providers() -> list:
    found = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.nav")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.nav":
                raise
            continue
        if hasattr(module, "nav_items"):
            found.append(module.nav_items)
    return found


def collect(request: object) -> list[NavItem]:
    items: list[NavItem] = []
    for provider in _providers():
        items.extend(provider(request))
    return items
