"""Optional functions of the apps' ``<app>/privacy.py`` modules (besides ``find_personal_data``):

``upcoming_erasures(municipality, until) -> dict[str, int]``
    per processing key, how many records the retention jobs will erase before ``until``;
``get_retention_days(municipality, key) -> int | None`` and ``set_retention_days(municipality, key, days)``
    for an app that already keeps a municipality's retention period in its own settings (referrals);
``revoke_consent(source_id, actor)``
    for consents the app records itself and mirrors into the consent registry.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from types import ModuleType

from django.apps import apps


def privacy_modules() -> list[ModuleType]:
    found = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.privacy")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.privacy":
                raise
            continue
        found.append(module)
    return found


def functions(name: str) -> list[Callable[..., object]]:
    return [getattr(module, name) for module in privacy_modules() if callable(getattr(module, name, None))]


def module_of(app_label: str) -> ModuleType | None:
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return None
    try:
        return import_module(f"{config.name}.privacy")
    except ModuleNotFoundError:
        return None
