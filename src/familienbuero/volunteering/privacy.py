"""Volunteering's part of the data-subject tools (``core.personal_data``): tutors, parents of children
looking for tutoring, youths looking for internships and playground sponsors, found by email or phone.
Erasing blanks the same fields the retention jobs blank; the rows stay for the anonymous counts."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.core.personal_data import PersonalRecord, normalise_phone
from familienbuero.tenancy.models import Municipality
from familienbuero.volunteering.models import Sponsorship, Tutor, TutoringRequest, YouthInterest

#: model -> (processing-register key, email field, phone field, personal fields)
SOURCES = (
    (Tutor, "volunteering-tutors", "email", "phone", ("name", "email", "phone")),
    (
        TutoringRequest,
        "volunteering-tutoring-requests",
        "parent_email",
        "parent_phone",
        ("child_name", "parent_email", "parent_phone"),
    ),
    (YouthInterest, "volunteering-youths", "email", "phone", ("first_name", "email", "phone")),
    (Sponsorship, "volunteering-sponsors", "email", "phone", ("name", "email", "phone")),
)


def _eraser(model: type, pk: int, fields: tuple[str, ...]):
    def erase() -> None:
        with scopes_disabled():
            model.objects.filter(pk=pk).update(
                **{name: "" for name in fields}, personal_data_erased_at=timezone.now()
            )

    return erase


def find_personal_data(
    municipality: Municipality, *, email: str = "", phone: str = ""
) -> list[PersonalRecord]:
    email = email.strip().lower()
    digits = normalise_phone(phone)
    if not (email or digits):
        return []
    records: list[PersonalRecord] = []
    with scopes_disabled():
        for model, key, email_field, phone_field, fields in SOURCES:
            condition = Q()
            if email:
                condition |= Q(**{f"{email_field}__iexact": email})
            if digits:
                condition |= ~Q(**{phone_field: ""})
            rows = model.objects.filter(
                condition, municipality=municipality, personal_data_erased_at__isnull=True
            )
            meta = model._meta
            for row in rows:
                matches_email = email and getattr(row, email_field).lower() == email
                matches_phone = digits and normalise_phone(getattr(row, phone_field)) == digits
                if not (matches_email or matches_phone):
                    continue
                created = row.created_at
                records.append(
                    PersonalRecord(
                        kind=key,
                        label=f"{meta.verbose_name} ({timezone.localtime(created):%d.%m.%Y})",
                        created=created,
                        fields={
                            str(meta.get_field(name).verbose_name): str(getattr(row, name))
                            for name in fields
                            if getattr(row, name)
                        },
                        erase=_eraser(model, row.pk, fields),
                    )
                )
    return records
