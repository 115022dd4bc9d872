"""Personal data in bookings, for the data-subject tools (core/personal_data.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from familienbuero.appointments.models import Booking
from familienbuero.core.dates import local_date
from familienbuero.core.personal_data import PersonalRecord, normalise_phone
from familienbuero.tenancy.models import Municipality


def find_personal_data(
    municipality: Municipality, *, email: str = "", phone: str = ""
) -> list[PersonalRecord]:
    from familienbuero.appointments.services import erase_booking

    wanted_phone = normalise_phone(phone)
    condition = Q()
    if email.strip():
        condition |= Q(contact_email__iexact=email.strip())
    if wanted_phone:
        condition |= ~Q(contact_phone="")
    if not condition:
        return []
    with scopes_disabled():
        bookings = Booking.objects.filter(
            condition, municipality=municipality, personal_data_erased_at__isnull=True
        ).select_related("hours")
        found = [
            b
            for b in bookings
            if (email.strip() and b.contact_email.lower() == email.strip().lower())
            or (wanted_phone and normalise_phone(b.contact_phone) == wanted_phone)
        ]
    return [
        PersonalRecord(
            kind="appointments",
            label=_("Appointment %(title)s on %(date)s")
            % {
                "title": b.hours.title,
                "date": local_date(timezone.localtime(b.starts_at).date(), "long_date"),
            },
            created=b.created_at,
            fields={
                str(_("name or pseudonym")): b.person_name,
                str(_("phone")): b.contact_phone,
                str(_("email")): b.contact_email,
                str(_("interpreter language")): b.interpreter_language,
                str(_("status")): b.get_status_display(),
            },
            erase=partial(erase_booking, b.pk),
        )
        for b in found
    ]


# --- retention (privacy app: the processing register's period per municipality) ------------------------

KEY = "appointments"


def get_retention_days(municipality: Municipality, key: str) -> int | None:
    """Bookings keep the municipality's period in ``AppointmentSettings`` (it is also promised on the
    booking form); the register reads it from there, so there is one value and one place deciding."""
    if key != KEY:
        return None
    from familienbuero.appointments.queries import appointment_settings

    with scopes_disabled():
        return appointment_settings(municipality).retention_days


def set_retention_days(municipality: Municipality, key: str, days: int) -> bool:
    if key != KEY:
        return False
    from familienbuero.appointments.models import AppointmentSettings

    with scopes_disabled():
        AppointmentSettings.objects.update_or_create(
            municipality=municipality, defaults={"retention_days": days}
        )
    return True


def upcoming_erasures(municipality: Municipality, until: datetime) -> dict[str, int]:
    """Bookings the retention job will have erased by ``until``: their appointment ended more than the
    period before it (the same condition as ``services.erase_booking_personal_data``)."""
    from familienbuero.privacy.retention import retention_days

    days = retention_days(municipality, KEY) or 0
    with scopes_disabled():
        count = Booking.objects.filter(
            municipality=municipality,
            personal_data_erased_at__isnull=True,
            ends_at__lt=until - timedelta(days=days),
        ).count()
    return {KEY: count}
