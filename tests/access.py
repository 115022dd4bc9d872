"""Roles and the common expectations of the access-control matrix (tests/test_permission_matrix.py)."""

from __future__ import annotations

from familienbuero.accounts.roles import Role

ANON = "anonymous"
#: An anonymous visitor who holds the personal links (manage tokens) of A's objects: a booking, a
#: household's event registrations, a holiday-programme wish list, a playground sponsorship.
FAMILY = "family with manage token"
#: A platform administrator (superuser, with second factor): every capability in every municipality.
ADMIN = "platform admin"
ROLES = [ANON, FAMILY, *Role, ADMIN]
PUBLIC = {role: 200 for role in ROLES}
STAFF_ONLY = {ANON: 302, **{role: 200 for role in Role}}
NOT_FOUND = {role: 404 for role in Role}
EVERYONE_404 = {role: 404 for role in ROLES}
#: Path placeholders whose name ends in this are personal links: only FAMILY gets the real token.
TOKEN_SUFFIX = "_token"
WRONG_TOKEN = "x" * 43
#: In a ``POST_MATRIX`` (tests/<app>/matrix_objects.py): the role may do what the POST does, so the matrix
#: does not post as it in its own municipality (that would change the shared fixture); with B's objects it
#: must be refused like everybody else.
ACTS = "acts"


def expected_status(expected: dict[str, int], role: str) -> int:
    """The cell of ``role``. An entry may leave out FAMILY and ADMIN: the family is an anonymous visitor
    there (a token opens only its own pages), the administrator gets what the most privileged role gets."""
    if role in expected:
        return expected[role]
    if role == FAMILY:
        return expected[ANON]
    if role == ADMIN:
        staff = {expected[r] for r in Role if r in expected}
        return next(status for status in (200, 405, 302, 404) if status in staff)
    raise KeyError(role)
