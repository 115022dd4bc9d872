"""The retention job of the volunteering app (one line in ``core/periodic.py``)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from familienbuero.volunteering.internships import erase_youth_personal_data
from familienbuero.volunteering.services import erase_tutoring_personal_data


def erase_volunteering_personal_data(*, now: datetime | None = None) -> int:
    """Tutors, children (parents), youths and ended sponsorships past their retention period."""
    now = now or timezone.now()
    erased = erase_tutoring_personal_data(now=now) + erase_youth_personal_data(now=now)
    try:
        from familienbuero.volunteering.playgrounds import erase_sponsor_personal_data
    except ImportError:  # playground sponsorships not built yet
        return erased
    return erased + erase_sponsor_personal_data(now=now)
