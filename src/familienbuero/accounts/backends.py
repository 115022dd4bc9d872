"""Authentication by password; authorisation from roles (``roles.py``), not Django's permission table."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from familienbuero.accounts import permissions
from familienbuero.accounts.roles import ADMIN_MODEL_CAPABILITIES


class PolicyBackend(ModelBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not user_obj.is_active:
            return False
        if user_obj.is_superuser:
            return True
        app_label, _dot, codename = perm.partition(".")
        _action, _sep, model_name = codename.partition("_")
        capability = ADMIN_MODEL_CAPABILITIES.get(f"{app_label}.{model_name}")
        if capability is None:
            return False
        municipality_id = getattr(obj, "municipality_id", None) if obj is not None else None
        return permissions.has_capability(user_obj, capability, municipality_id)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        if not user_obj.is_active:
            return False
        if user_obj.is_superuser:
            return True
        return any(
            permissions.has_capability(user_obj, capability)
            for key, capability in ADMIN_MODEL_CAPABILITIES.items()
            if key.startswith(f"{app_label}.")
        )

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()
