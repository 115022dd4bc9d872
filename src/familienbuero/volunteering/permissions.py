"""Who may coordinate volunteering: the navigators (coordinators and office staff), the same people who
refer families to services. One constant, so that a dedicated capability can replace it in one place."""

from __future__ import annotations

from familienbuero.accounts import permissions
from familienbuero.accounts.roles import Capability

COORDINATE = Capability.REFER


def can_coordinate(user: object, municipality_id: int) -> bool:
    return permissions.has_capability(user, COORDINATE, municipality_id)
