"""Writes of the appointments app: one function per use case.

``book_slot`` is the only way a booking comes into being, for both databases. It checks inside one
transaction that a room of the needed kind (and a counsellor, if any are assigned) is free and inserts the
booking. What makes this safe under concurrency is the database, not the check:

* PostgreSQL: the exclusion constraints of migration 0002 refuse a second active booking whose time range
  overlaps one of the same room or counsellor; the loser gets an ``IntegrityError`` and retries the check,
  which now sees the winner's booking.
* SQLite: ``transaction_mode = IMMEDIATE`` (settings) takes the database's write lock at ``BEGIN``, so
  the check and the insert of two requests never interleave.

Either way the family that lost gets ``SlotUnavailable`` and the view offers other free slots.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled
from django_tasks import task

from familienbuero.accounts.models import User
from familienbuero.appointments import notifications, queries, recurrence
from familienbuero.appointments.models import (
    DEFAULT_RETENTION_DAYS,
    PERSONAL_FIELDS,
    Booking,
    ConsultationHours,
    CounsellorFeed,
    WalkInTicket,
)
from familienbuero.contacts.services import Source, record_attendance_contacts, withdraw_attendance_contacts
from familienbuero.referrals.selectors import LANGUAGE_CODES
from familienbuero.tenancy.models import Office

logger = logging.getLogger(__name__)

_ATTEMPTS = 3


class SlotUnavailable(Exception):
    """The slot was taken (or is no slot of these hours any more)."""


def _free_resources(
    hours: ConsultationHours, start: datetime, end: datetime, *, exclude: int | None = None
) -> tuple[int | None, int | None]:
    """A free room and a free counsellor (``None`` if no counsellors are assigned) for the slot."""
    active = Booking.objects.active().overlapping(start, end)
    if exclude is not None:
        active = active.exclude(pk=exclude)
    rooms = queries.candidate_rooms(hours)
    busy_rooms = set(active.filter(room_id__in=rooms).values_list("room_id", flat=True))
    room = next((pk for pk in rooms if pk not in busy_rooms), None)
    counsellors = sorted(hours.counsellors.values_list("pk", flat=True))
    if not counsellors:
        return room, None
    busy = set(active.filter(counsellor_id__in=counsellors).values_list("counsellor_id", flat=True))
    return room, next((pk for pk in counsellors if pk not in busy), None)


def _check_contact(
    *, person_name: str, contact_phone: str, contact_email: str, interpreter_language: str
) -> None:
    errors: dict[str, str] = {}
    if not person_name.strip():
        errors["person_name"] = _("Enter a name or a pseudonym.")
    if not contact_phone.strip() and not contact_email.strip():
        errors["contact_phone"] = _("Enter a phone number or an email address so that we can reach you.")
    if interpreter_language and interpreter_language not in LANGUAGE_CODES:
        errors["interpreter_language"] = _("Choose a language from the list.")
    if errors:
        raise ValidationError(errors)


def book_slot(
    *,
    hours: ConsultationHours,
    start: datetime,
    person_name: str,
    contact_phone: str = "",
    contact_email: str = "",
    interpreter_needed: bool = False,
    interpreter_language: str = "",
    language: str = "de",
    manage_url: str = "",
    now: datetime | None = None,
) -> tuple[Booking, str]:
    """Books the slot of ``hours`` starting at ``start``; returns the booking and the manage token (only
    here in clear). ``manage_url`` may contain ``{token}``; the confirmation is sent after the commit.

    Raises ``ValidationError`` for bad input (nothing stored) and ``SlotUnavailable`` when the slot is
    not free (any more)."""
    now = now or timezone.now()
    _check_contact(
        person_name=person_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
        interpreter_language=interpreter_language if interpreter_needed else "",
    )
    if not hours.is_active or start <= now:
        raise SlotUnavailable
    end = queries.is_slot_of(hours, start)
    if end is None:
        raise SlotUnavailable
    token = secrets.token_urlsafe(32)
    booking = Booking(
        municipality_id=hours.municipality_id,
        hours=hours,
        office_id=hours.office_id,
        organization_id=hours.organization_id,
        starts_at=start,
        ends_at=end,
        created_at=now,
        language=language if language in LANGUAGE_CODES else "de",
        token_hash=queries.hash_token(token),
        person_name=person_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        interpreter_needed=interpreter_needed,
        interpreter_language=interpreter_language if interpreter_needed else "",
    )
    booking.full_clean(exclude=["room", "counsellor", "hours", "office", "organization", "municipality"])
    for attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():
                room, counsellor = _free_resources(hours, start, end)
                if room is None or (counsellor is None and hours.counsellors.exists()):
                    raise SlotUnavailable
                booking.pk = None
                booking.room_id, booking.counsellor_id = room, counsellor
                booking.save(force_insert=True)
                url = manage_url.replace("{token}", token)
                booking_id = booking.pk
                transaction.on_commit(partial(_send_confirmation, booking_id, url), robust=True)
        except IntegrityError:
            # PostgreSQL: the exclusion constraint refused an overlapping booking that committed meanwhile.
            if attempt == _ATTEMPTS - 1:
                raise SlotUnavailable from None
            continue
        return booking, token
    raise SlotUnavailable  # pragma: no cover - the loop returns or raises


def _send_confirmation(booking_id: int, manage_url: str) -> None:
    with scopes_disabled():
        booking = Booking.objects.select_related("hours", "office__home_location").get(pk=booking_id)
    notifications.deliver(booking, notifications.confirmation_message(booking, manage_url))


def booking_by_token(token: str, *, now: datetime | None = None) -> Booking | None:
    """The booking a manage link may still act on: found by the token's hash, not cancelled, not over,
    not erased. Anything else is ``None`` (the page says the link is not valid)."""
    now = now or timezone.now()
    if not token or len(token) > 100:
        return None
    booking = (
        Booking.objects.filter(token_hash=queries.hash_token(token))
        .select_related("hours", "office__home_location", "room")
        .first()
    )
    if booking is None or booking.status != Booking.Status.BOOKED or booking.ends_at <= now:
        return None
    return booking


@transaction.atomic
def cancel_booking(*, booking: Booking, by_family: bool, notify: bool = True) -> Booking:
    """Frees room and counsellor. The family is told unless it cancelled itself on the page."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.BOOKED:
        raise ValidationError(_("Only a booked appointment can be cancelled."))
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    if notify and not booking.is_erased:
        booking_id = booking.pk
        transaction.on_commit(lambda: _send_cancellation(booking_id), robust=True)
    return booking


def _send_cancellation(booking_id: int) -> None:
    with scopes_disabled():
        booking = Booking.objects.select_related("hours", "office__home_location").get(pk=booking_id)
    notifications.deliver(booking, notifications.cancellation_message(booking))


def move_booking(*, booking: Booking, start: datetime, now: datetime | None = None) -> Booking:
    """Moves the booking to another slot of the same hours (same row, same manage link)."""
    now = now or timezone.now()
    hours = booking.hours
    end = queries.is_slot_of(hours, start) if start > now else None
    if end is None:
        raise SlotUnavailable
    for attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():
                locked = Booking.objects.select_for_update().get(pk=booking.pk)
                if locked.status != Booking.Status.BOOKED:
                    raise ValidationError(_("Only a booked appointment can be moved."))
                room, counsellor = _free_resources(hours, start, end, exclude=locked.pk)
                if room is None or (counsellor is None and hours.counsellors.exists()):
                    raise SlotUnavailable
                locked.starts_at, locked.ends_at = start, end
                locked.room_id, locked.counsellor_id = room, counsellor
                locked.reminder_sent_at = None
                locked.save(update_fields=["starts_at", "ends_at", "room", "counsellor", "reminder_sent_at"])
                booking_id = locked.pk
                transaction.on_commit(partial(_send_confirmation, booking_id, ""), robust=True)
        except IntegrityError:
            if attempt == _ATTEMPTS - 1:
                raise SlotUnavailable from None
            continue
        return locked
    raise SlotUnavailable  # pragma: no cover


@transaction.atomic
def record_attendance(*, booking: Booking, attended: bool, actor: User | None) -> Booking:
    """Attended or did not come: the anonymous count (``queries.attendance_counts``) follows."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == Booking.Status.CANCELLED:
        raise ValidationError(_("A cancelled appointment cannot be marked."))
    if booking.starts_at > timezone.now():
        raise ValidationError(_("An appointment can be marked once it has begun."))
    newly_attended = attended and booking.status != Booking.Status.ATTENDED
    attendance_undone = not attended and booking.status == Booking.Status.ATTENDED
    booking.status = Booking.Status.ATTENDED if attended else Booking.Status.NO_SHOW
    booking.save(update_fields=["status"])
    if newly_attended:  # an anonymous contact in the contact statistics (nothing of the booking is copied)
        record_attendance_contacts(
            office=booking.office, source=Source.APPOINTMENT, contact_at=booking.starts_at, party_sizes=[1],
            actor=actor, room=booking.room,
        )  # fmt: skip
    if attendance_undone:  # marked attended by mistake: its contact is taken back
        withdraw_attendance_contacts(
            office=booking.office, source=Source.APPOINTMENT, contact_at=booking.starts_at, parties=1,
            room=booking.room,
        )  # fmt: skip
    logger.info("Booking %s marked %s by user %s", booking.pk, booking.status, getattr(actor, "pk", None))
    return booking


# --- reminders -----------------------------------------------------------------------------------------


@task()
def send_booking_reminder(booking_id: int) -> bool:
    """Sends the reminder once (the row lock makes a second run a no-op)."""
    with scopes_disabled():
        booking = Booking.objects.filter(pk=booking_id).select_related("municipality").first()
    if booking is None:
        return False
    with scope(municipality=booking.municipality), transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("hours", "office__home_location")
            .get(pk=booking_id)
        )
        if booking.reminder_sent_at or booking.status != Booking.Status.BOOKED or booking.is_erased:
            return False
        booking.reminder_sent_at = timezone.now()
        booking.save(update_fields=["reminder_sent_at"])
    # After the commit of the mark: a crash between the two loses a reminder, never sends two.
    notifications.deliver(booking, notifications.reminder_message(booking))
    return True


def enqueue_reminders(*, now: datetime | None = None) -> int:
    """Periodic job: a reminder task for every booked appointment of tomorrow (local date)."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now, recurrence.TZ).date() + timedelta(days=1)
    start = recurrence.local(tomorrow, datetime.min.time())
    end = recurrence.local(tomorrow + timedelta(days=1), datetime.min.time())
    with scopes_disabled():
        ids = list(
            Booking.objects.filter(
                status=Booking.Status.BOOKED,
                reminder_sent_at__isnull=True,
                personal_data_erased_at__isnull=True,
                starts_at__gte=start,
                starts_at__lt=end,
            ).values_list("pk", flat=True)
        )
    for booking_id in ids:
        send_booking_reminder.enqueue(booking_id)
    return len(ids)


# --- retention -----------------------------------------------------------------------------------------

_ERASE_BATCH = 500
RETENTION_KEY = "appointments"  # the entry in core.processing.REGISTRY


def erase_booking_personal_data(*, now: datetime | None = None) -> int:
    """Blanks name, contact details and interpreter language of bookings whose appointment ended longer
    ago than the municipality's retention period (default 30 days); the manage link stops working. Times,
    status, hours and office stay for the counts."""
    from familienbuero.privacy.retention import days_by_municipality

    now = now or timezone.now()
    erased = 0
    retention = days_by_municipality(RETENTION_KEY)  # the processing register decides
    with scopes_disabled():
        due = Booking.objects.filter(personal_data_erased_at__isnull=True).order_by()
        for municipality_id in sorted(set(due.values_list("municipality_id", flat=True))):
            cutoff = now - timedelta(days=retention.get(municipality_id) or DEFAULT_RETENTION_DAYS)
            ids = list(
                due.filter(municipality_id=municipality_id, ends_at__lt=cutoff).values_list("pk", flat=True)
            )
            for first in range(0, len(ids), _ERASE_BATCH):
                erased += _erase(ids[first : first + _ERASE_BATCH], now)
    return erased


@transaction.atomic
def _erase(ids: list[int], now: datetime) -> int:
    locked = list(
        Booking.objects.filter(pk__in=ids, personal_data_erased_at__isnull=True)
        .select_for_update()
        .values_list("pk", flat=True)
    )
    return Booking.objects.filter(pk__in=locked).update(
        **dict.fromkeys(PERSONAL_FIELDS, ""), token_hash=None, personal_data_erased_at=now
    )


def erase_booking(booking_id: int) -> None:
    """Erasure on request (Art. 17 GDPR) of one booking; an open appointment is cancelled first."""
    with scopes_disabled(), transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        if booking.status == Booking.Status.BOOKED and booking.starts_at > timezone.now():
            booking.status = Booking.Status.CANCELLED
            booking.cancelled_at = timezone.now()
            booking.save(update_fields=["status", "cancelled_at"])
        _erase([booking_id], timezone.now())


# --- walk-in queue -------------------------------------------------------------------------------------


def draw_ticket(*, office: Office, now: datetime | None = None) -> WalkInTicket:
    """The next number of the day for the office (unique per office and day, enforced by a constraint)."""
    now = now or timezone.now()
    day = timezone.localtime(now, recurrence.TZ).date()
    for attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():
                last = (
                    WalkInTicket.objects.filter(office=office, day=day)
                    .order_by("-number")
                    .values_list("number", flat=True)
                    .first()
                )
                return WalkInTicket.objects.create(
                    municipality_id=office.municipality_id,
                    office=office,
                    day=day,
                    number=(last or 0) + 1,
                    created_at=now,
                )
        except IntegrityError:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def call_next(*, office: Office, now: datetime | None = None) -> WalkInTicket | None:
    """Marks the tickets called so far as done and calls the lowest waiting number."""
    now = now or timezone.now()
    day = timezone.localtime(now, recurrence.TZ).date()
    tickets = WalkInTicket.objects.select_for_update().filter(office=office, day=day)
    tickets.filter(status=WalkInTicket.Status.CALLED).update(status=WalkInTicket.Status.DONE)
    ticket = tickets.filter(status=WalkInTicket.Status.WAITING).order_by("number").first()
    if ticket is not None:
        ticket.status = WalkInTicket.Status.CALLED
        ticket.called_at = now
        ticket.save(update_fields=["status", "called_at"])
    return ticket


@transaction.atomic
def ticket_left(*, ticket: WalkInTicket) -> WalkInTicket:
    """Marks a waiting or called ticket as left without being seen (a ticket already done stays done)."""
    open_statuses = [WalkInTicket.Status.WAITING, WalkInTicket.Status.CALLED]
    still_open = WalkInTicket.objects.filter(pk=ticket.pk, status__in=open_statuses)
    still_open.update(status=WalkInTicket.Status.LEFT)
    ticket.refresh_from_db(fields=["status"])
    return ticket


# --- counsellor feed -----------------------------------------------------------------------------------


@transaction.atomic
def renew_feed(*, user: User, municipality_id: int) -> str:
    """Revokes the user's current feed token (if any) and issues a new one; returns it in clear once."""
    now = timezone.now()
    CounsellorFeed.objects.filter(municipality_id=municipality_id, user=user, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    CounsellorFeed.objects.create(
        municipality_id=municipality_id, user=user, token_hash=queries.hash_token(token), created_at=now
    )
    return token


@transaction.atomic
def revoke_feed(*, user: User, municipality_id: int) -> int:
    return CounsellorFeed.objects.filter(
        municipality_id=municipality_id, user=user, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
