"""Personal data of the events app for the data-subject tools (export and erasure)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from familienbuero.core.personal_data import PersonalRecord, normalise_phone
from familienbuero.events.models import PERSONAL_FIELDS, Registration, WishApplication
from familienbuero.tenancy.models import Municipality


def _phone_matches(stored: str, wanted: str) -> bool:
    return bool(wanted) and normalise_phone(stored) == wanted


def find_personal_data(municipality: object, *, email: str = "", phone: str = "") -> list[PersonalRecord]:
    email = email.strip().lower()
    wanted_phone = normalise_phone(phone)
    if not email and not wanted_phone:
        return []
    records: list[PersonalRecord] = []
    with scopes_disabled():
        match = Q(email__iexact=email) if email else Q(pk__in=[])
        registrations = Registration.objects.filter(
            event__municipality=municipality, personal_data_erased_at__isnull=True
        ).select_related("event")
        candidates = (
            registrations.filter(match) if not wanted_phone else registrations.filter(match | ~Q(phone=""))
        )
        for registration in candidates:
            if not (email and registration.email == email) and not _phone_matches(
                registration.phone, wanted_phone
            ):
                continue
            records.append(
                PersonalRecord(
                    kind="events",
                    label=_("Registration for “%(event)s”") % {"event": registration.event},
                    created=registration.created_at,
                    fields={
                        str(_("your name")): registration.contact_name,
                        str(_("email")): registration.email,
                        str(_("phone")): registration.phone,
                        str(_("first name of the participant")): registration.participant_name,
                        str(_("age")): "" if registration.age is None else str(registration.age),
                        str(_("status")): registration.get_status_display(),
                        **{
                            str(a.question.text): a.value
                            for a in registration.answers.select_related("question")
                        },
                    },
                    erase=lambda pk=registration.pk: _erase_registration(pk),
                )
            )
        applications = WishApplication.objects.filter(
            programme__municipality=municipality, personal_data_erased_at__isnull=True
        ).select_related("programme")
        for application in applications.filter(match) if not wanted_phone else applications:
            if not (email and application.email == email) and not _phone_matches(
                application.phone, wanted_phone
            ):
                continue
            records.append(
                PersonalRecord(
                    kind="events",
                    label=_("Wishes for “%(programme)s”") % {"programme": application.programme.name},
                    created=application.created_at,
                    fields={
                        str(_("your name")): application.contact_name,
                        str(_("email")): application.email,
                        str(_("phone")): application.phone,
                        str(_("children")): ", ".join(
                            f"{c.first_name} ({c.age})" for c in application.children.all()
                        ),
                    },
                    erase=lambda pk=application.pk: _erase_application(pk),
                )
            )
    return records


def _erase_registration(pk: int) -> None:
    with scopes_disabled():
        Registration.objects.filter(pk=pk).update(
            **dict.fromkeys(PERSONAL_FIELDS, ""), personal_data_erased_at=timezone.now()
        )
        Registration.objects.get(pk=pk).answers.all().delete()


def _erase_application(pk: int) -> None:
    with scopes_disabled():
        application = WishApplication.objects.get(pk=pk)
        application.children.update(first_name="")
        WishApplication.objects.filter(pk=pk).update(
            contact_name="", email="", phone="", personal_data_erased_at=timezone.now()
        )


def upcoming_erasures(municipality: Municipality, until: datetime) -> dict[str, int]:
    """Registrations the retention job will have erased by ``until``: their event ended more than the
    municipality's period before it (the same condition as ``services.erase_personal_data``)."""
    from familienbuero.events.services import RETENTION_KEY
    from familienbuero.privacy.retention import retention_days

    days = retention_days(municipality, RETENTION_KEY) or 0
    with scopes_disabled():
        count = Registration.objects.filter(
            event__municipality=municipality,
            personal_data_erased_at__isnull=True,
            event__ends_at__lt=until - timedelta(days=days),
        ).count()
    return {RETENTION_KEY: count}
