"""Roles and the common expectations of the access-control matrix (tests/test_permission_matrix.py)."""

from __future__ import annotations

from familienbuero.accounts.roles import Role

ANON = "anonymous"
ROLES = [ANON, *Role]
PUBLIC = {role: 200 for role in ROLES}
STAFF_ONLY = {ANON: 302, **{role: 200 for role in Role}}
NOT_FOUND = {role: 404 for role in Role}
EVERYONE_404 = {role: 404 for role in ROLES}
