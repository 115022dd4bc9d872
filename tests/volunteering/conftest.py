"""Volunteering test world on top of ``tenants``: helpers that create tutors and requests."""

from __future__ import annotations

from datetime import date

import pytest
from django_scopes import scopes_disabled

from familienbuero.volunteering.models import Tutor, TutoringRequest

A_STAFF = "/stadt-a/de/intern/ehrenamt/"
A_PUBLIC = "/stadt-a/de/ehrenamt/"


def make_tutor(municipality, **changes) -> Tutor:
    data = {
        "name": "Helga Nachhilfe",
        "email": "helga@example.org",
        "phone": "0281 123456",
        "subjects": ["math", "german"],
        "school_types": [],
        "grade_min": 1,
        "grade_max": 10,
        "languages": ["de", "tr"],
        "slots": ["1-late", "3-late"],
        "places": ["office", "online"],
        "max_pupils": 2,
        "status": Tutor.Status.APPROVED,
        "clearance_seen_on": date(2025, 6, 1),
        "training_done": True,
    }
    data.update(changes)
    with scopes_disabled():
        return Tutor.objects.create(municipality=municipality, **data)


def make_request(municipality, **changes) -> TutoringRequest:
    data = {
        "child_name": "Mia",
        "parent_phone": "0281 654321",
        "parent_email": "eltern.mia@example.org",
        "subjects": ["math"],
        "school_type": "grundschule",
        "grade": 4,
        "languages": ["tr"],
        "slots": ["1-late"],
        "places": ["office"],
    }
    data.update(changes)
    with scopes_disabled():
        return TutoringRequest.objects.create(municipality=municipality, **data)


@pytest.fixture
def world(tenants):
    return tenants
