"""Writes of the contacts app: record a contact, correct an own record, and the automatic contacts that
the appointments and events apps add when someone attends.

Other apps call only these functions (never ``ContactRecord.objects.create``)::

    from familienbuero.contacts.services import record_attendance_contacts

    # appointments: when an appointment is marked "attended" (once, on that transition)
    record_attendance_contacts(
        office=appointment.office, source=Source.APPOINTMENT, contact_at=appointment.starts_at,
        party_sizes=[1], actor=request.user,
    )
    # events: at check-in, one entry per registration that came, with its number of persons
    record_attendance_contacts(
        office=event.office, source=Source.EVENT, contact_at=event.starts_at,
        party_sizes=[r.persons for r in checked_in], actor=request.user,
    )

Nothing of the appointment or registration is stored with the contact (no id, no name): the contact
stays anonymous. Callers call on the state *transition* only, so that repeating a check-in does not
count twice.

Every function here also keeps the daily summary the reports read (``summary.apply``) in step, in the
same transaction: a record written any other way (``bulk_create`` in a script) is missing from the
reports until ``manage.py rebuild_contact_summary`` runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from auditlog.context import auditlog_value, set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from familienbuero.accounts.models import User
from familienbuero.contacts import summary
from familienbuero.contacts.models import (
    MAX_PERSONS,
    AgeBand,
    Channel,
    ContactRecord,
    Duration,
    Place,
    Source,
    TargetGroup,
)
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.tenancy.models import Office

#: The fields a member of staff may set or correct (besides ``topics``).
EDITABLE_FIELDS = (
    "office",
    "contact_at",
    "place",
    "location",
    "room",
    "channel",
    "duration",
    "target_group",
    "age_band",
    "persons",
    "district",
    "language",
    "interpreter",
    "referral_made",
    "referred_service",
    "referral",
    "follow_up_needed",
)


@contextlib.contextmanager
def _audit_actor(actor: User | None) -> Iterator[None]:
    """The audit log names ``actor`` also outside a request (where the middleware sets it).

    django-auditlog leaves its context variable set after ``set_actor`` ends, which would make an outer
    context (the middleware's) disconnect the wrong receiver: the variable is restored here.
    """
    if actor is None:
        yield
        return
    previous = auditlog_value.get(None)
    token = auditlog_value.set(previous)
    remote = previous or {}
    try:
        with set_actor(actor, remote_addr=remote.get("remote_addr"), remote_port=remote.get("remote_port")):
            yield
    finally:
        auditlog_value.reset(token)


def _validate(record: ContactRecord, topics: Sequence[TaxonomyTerm]) -> None:
    """Everything the record points to belongs to the record's municipality; topics are topics."""
    municipality_id = record.municipality_id
    errors: dict[str, str] = {}
    if record.office.municipality_id != municipality_id:
        errors["office"] = _("The office belongs to another municipality.")
    for name, owner_id in [
        ("location", record.location and record.location.municipality_id),
        ("room", record.room and record.room.location.municipality_id),
        ("district", record.district and record.district.municipality_id),
        ("referred_service", record.referred_service and record.referred_service.municipality_id),
        ("referral", record.referral and record.referral.municipality_id),
    ]:
        if owner_id and owner_id != municipality_id:
            errors[name] = _("This belongs to another municipality.")
    if (
        record.room is not None
        and record.location is not None
        and record.room.location_id != record.location_id
    ):
        errors["room"] = _("The room is not at the chosen location.")
    if not 1 <= record.persons <= MAX_PERSONS:
        errors["persons"] = _("Enter a number between 1 and %(max)d.") % {"max": MAX_PERSONS}
    if not record.referral_made and (record.referral_id or record.referred_service_id):
        errors["referral_made"] = _("Tick “referral made” when you name the service or the referral.")
    if record.referral is not None and record.referred_service_id is None:
        record.referred_service_id = record.referral.service_id
    if any(term.taxonomy != TaxonomyTerm.Taxonomy.TOPIC for term in topics):
        errors["topics"] = _("Choose topics only.")
    if record.contact_at > timezone.now() + timedelta(minutes=5):
        errors["contact_at"] = _("A contact cannot lie in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_contact(
    *,
    office: Office,
    actor: User | None,
    topics: Iterable[TaxonomyTerm] = (),
    source: str = Source.MANUAL,
    **fields: Any,
) -> ContactRecord:
    """Records one contact of ``office``. ``fields`` are the model fields in ``EDITABLE_FIELDS``."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"record_contact: unknown fields {sorted(unknown)}")
    topics = list(topics)
    record = ContactRecord(
        municipality_id=office.municipality_id, office=office, created_by=actor, source=source, **fields
    )
    _validate(record, topics)
    with _audit_actor(actor):
        record.save()
        if topics:
            record.topics.set(topics)
    summary.apply(added=[summary.snapshot(record, [term.pk for term in topics])])
    return record


@transaction.atomic
def correct_contact(
    *,
    record: ContactRecord,
    actor: User,
    topics: Iterable[TaxonomyTerm] | None = None,
    now: datetime | None = None,
    **changes: Any,
) -> ContactRecord:
    """Corrects an own record inside the seven-day window; the audit log keeps the previous values."""
    if not record.is_correctable_by(actor, now):
        raise PermissionDenied(_("Only the person who entered a contact may correct it, for seven days."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"correct_contact: unknown fields {sorted(unknown)}")
    if "office" in changes and changes["office"].municipality_id != record.municipality_id:
        raise ValidationError({"office": _("The office belongs to another municipality.")})
    before = summary.stored_snapshot(record.pk)
    for name, value in changes.items():
        setattr(record, name, value)
    topic_list = list(topics) if topics is not None else list(record.topics.all())
    _validate(record, topic_list)
    with _audit_actor(actor):
        record.save()
        if topics is not None:
            record.topics.set(topic_list)
    summary.apply(added=[summary.snapshot(record, [term.pk for term in topic_list])], removed=[before])
    return record


@transaction.atomic
def delete_contact(*, record: ContactRecord, actor: User, now: datetime | None = None) -> None:
    """Deletes an own record inside the seven-day window (a contact entered twice); the audit log keeps
    its values."""
    if not record.is_correctable_by(actor, now):
        raise PermissionDenied(_("Only the person who entered a contact may correct it, for seven days."))
    before = summary.stored_snapshot(record.pk)
    with _audit_actor(actor):
        record.delete()
    summary.apply(removed=[before])


@transaction.atomic
def record_attendance_contacts(
    *,
    office: Office,
    source: str,
    contact_at: datetime,
    party_sizes: Sequence[int],
    actor: User | None = None,
    topics: Iterable[TaxonomyTerm] = (),
    location: object = None,
    room: object = None,
    duration: str | None = None,
) -> list[ContactRecord]:
    """One contact per party that attended (an appointment: ``[1]``; an event: each registration's
    number of persons). Who they were is unknown to the contact statistics by design: target group and
    age band are "not stated". Returns the new records."""
    if source not in (Source.APPOINTMENT, Source.EVENT):
        raise ValueError("record_attendance_contacts: source must be appointment or event")
    is_event = source == Source.EVENT
    topics = list(topics)
    records = [
        ContactRecord(
            municipality_id=office.municipality_id,
            office=office,
            contact_at=contact_at,
            place=Place.EVENT if is_event else Place.COUNSELLING_ROOM,
            location=location,
            room=room,
            channel=Channel.EVENT if is_event else Channel.APPOINTMENT,
            duration=duration or (Duration.OVER_60 if is_event else Duration.UP_TO_60),
            target_group=TargetGroup.NOT_STATED,
            age_band=AgeBand.NOT_STATED,
            persons=min(max(int(size), 1), MAX_PERSONS),
            source=source,
            created_by=actor,
        )
        for size in party_sizes
    ]
    created = ContactRecord.objects.bulk_create(records)
    if topics and created:
        through = ContactRecord.topics.through
        through.objects.bulk_create(
            [through(contactrecord_id=r.pk, taxonomyterm_id=t.pk) for r in created for t in topics]
        )
    summary.apply(added=[summary.snapshot(r, [t.pk for t in topics]) for r in created])
    return created


@transaction.atomic
def withdraw_attendance_contacts(
    *, office: Office, source: str, contact_at: datetime, parties: int, room: object = None
) -> int:
    """Takes back automatic contacts of an attendance that is no longer true (a check-in undone, an
    appointment changed from attended to no-show), so that marking and unmarking never counts twice.
    The records are anonymous and alike: ``parties`` of those of this office, source, time (and room)
    are deleted, newest first. Returns how many."""
    if source not in (Source.APPOINTMENT, Source.EVENT):
        raise ValueError("withdraw_attendance_contacts: source must be appointment or event")
    if parties <= 0:
        return 0
    matching = ContactRecord.objects.filter(office=office, source=source, contact_at=contact_at)
    if room is not None:
        matching = matching.filter(room=room)
    ids = list(matching.order_by("-pk").values_list("pk", flat=True)[:parties])
    removed = [summary.stored_snapshot(pk) for pk in ids]
    ContactRecord.objects.filter(pk__in=ids).delete()
    summary.apply(removed=removed)
    return len(ids)
