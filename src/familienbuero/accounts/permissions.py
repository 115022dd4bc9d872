"""Permission predicates: every "may this user …?" question is answered here, from ``roles.py``."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django_scopes import scopes_disabled

from familienbuero.accounts.models import Membership, User
from familienbuero.accounts.roles import ROLE_CAPABILITIES, Capability, Role

_CACHE_ATTR = "_familienbuero_memberships"


def memberships_of(user: User | AnonymousUser) -> list[Membership]:
    """The user's memberships, loaded once per request (cached on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        with scopes_disabled():
            cached = list(Membership.objects.filter(user=user, municipality__is_active=True))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def municipality_ids_with(user: User | AnonymousUser, capability: str) -> set[int]:
    return {m.municipality_id for m in memberships_of(user) if capability in ROLE_CAPABILITIES[m.role]}


def has_capability(user: User | AnonymousUser, capability: str, municipality_id: int | None = None) -> bool:
    """True if one of the user's roles grants ``capability`` (in ``municipality_id``, if given)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    ids = municipality_ids_with(user, capability)
    return bool(ids) if municipality_id is None else municipality_id in ids


def can_use_admin(user: User | AnonymousUser) -> bool:
    return has_capability(user, Capability.ADMIN)


def can_enter_backoffice(user: User | AnonymousUser, municipality_id: int) -> bool:
    """Back office of a municipality: a role there, and a verified second factor."""
    verified = getattr(user, "is_verified", lambda: False)()
    return verified and has_capability(user, Capability.BACKOFFICE, municipality_id)


def office_ids_for(user: User | AnonymousUser, municipality_id: int) -> set[int] | None:
    """Offices the user works for in the municipality; ``None`` means all of them (coordinator)."""
    if user.is_superuser or has_capability(user, Capability.MANAGE_TENANCY, municipality_id):
        return None
    return {
        m.office_id
        for m in memberships_of(user)
        if m.municipality_id == municipality_id and m.role == Role.OFFICE_STAFF
    }


def organization_ids_for(user: User | AnonymousUser, municipality_id: int, capability: str) -> set[int]:
    """Organisations whose staff or editor the user is, for roles granting ``capability``."""
    return {
        m.organization_id
        for m in memberships_of(user)
        if m.municipality_id == municipality_id
        and m.organization_id is not None
        and capability in ROLE_CAPABILITIES[m.role]
    }


def needs_second_factor(user: User | AnonymousUser) -> bool:
    """Every account with a staff role must use TOTP; there are no other accounts."""
    return user.is_authenticated and (user.is_superuser or bool(memberships_of(user)))
