"""Writes of the events app: registration, waiting list, offers, cancellation, attendance, retention.

Rush safety: every write that changes who holds a place runs in one transaction that first locks the
event row (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the settings open every transaction with
``BEGIN IMMEDIATE``, which takes the database write lock at once, so writers queue). Within that lock the
places are counted and the new rows written, so two parents can never get the same last place, and the
waiting list order is the order of the primary keys taken under the lock. The answer to the parent is
rendered only after the transaction committed; its mail is queued in the same transaction
(``core.tasks.enqueue_with_transaction``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks import task

from familienbuero.accounts.models import User
from familienbuero.contacts.services import Source, record_attendance_contacts, withdraw_attendance_contacts
from familienbuero.core.tasks import enqueue_with_transaction
from familienbuero.core.validators import phone_validator
from familienbuero.events.models import (
    DEFAULT_RETENTION_DAYS,
    PERSONAL_FIELDS,
    Answer,
    Attendance,
    Event,
    Question,
    Registration,
    Session,
    WishApplication,
    new_token,
)

logger = logging.getLogger(__name__)

Status = Registration.Status
MAX_PARTICIPANTS = 6


@dataclass
class Participant:
    name: str
    age: int | None = None  # None: an adult (the parent themself)
    answers: dict[int, str] = field(default_factory=dict)  # question pk -> answer


def base_url() -> str:
    """Where links in mail point: PUBLIC_BASE_URL if configured, else the first allowed host."""
    configured = getattr(settings, "PUBLIC_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "")), "localhost").lstrip(".")
    return f"https://{host}"


def manage_path(event: Event, token: str, language: str = "de") -> str:
    return reverse(
        "events-public:manage",
        kwargs={"municipality_slug": event.municipality.slug, "language": language, "token": token},
    )


# --- validation (before anything is locked or stored) ------------------------------------------------


def _validate_contact(contact_name: str, email: str, phone: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    if not contact_name.strip():
        errors["contact_name"].append(_("Enter your name."))
    elif len(contact_name.strip()) > 120:
        errors["contact_name"].append(_("The name is too long (at most 120 characters)."))
    if not email.strip() and not phone.strip():
        errors["email"].append(_("Enter an email address or a phone number so that we can reach you."))
    if email.strip():
        try:
            if len(email.strip()) > 254:
                raise ValidationError("too long")
            validate_email(email.strip())
        except ValidationError:
            errors["email"].append(_("Enter a valid email address."))
    if phone.strip():
        try:
            if len(phone.strip()) > 30:
                raise ValidationError("too long")
            phone_validator(phone.strip())
        except ValidationError:
            errors["phone"].append(_("Enter a valid phone number."))
    return errors


def validate_participants(
    event: Event, participants: Sequence[Participant], questions: list[Question]
) -> None:
    errors: list[str] = []
    if not participants:
        errors.append(_("Register at least one person."))
    if len(participants) > MAX_PARTICIPANTS:
        errors.append(_("At most %(count)d people can be registered at once.") % {"count": MAX_PARTICIPANTS})
    names = [p.name.strip().casefold() for p in participants]
    if len(set(names)) < len(names):
        errors.append(_("The same person is listed twice."))
    for participant in participants:
        errors.extend(_participant_errors(event, participant, questions))
    if errors:
        raise ValidationError({"participants": list(dict.fromkeys(errors))})


def _participant_errors(event: Event, participant: Participant, questions: list[Question]) -> list[str]:
    errors = []
    name = participant.name.strip()
    if not name:
        errors.append(_("Enter the first name of every participant."))
    elif len(name) > 60:
        errors.append(_("A first name is too long (at most 60 characters)."))
    age = participant.age
    if age is not None and not 0 <= age <= 120:
        errors.append(_("Enter an age between 0 and 120."))
    elif age is not None and (
        (event.minimum_age is not None and age < event.minimum_age)
        or (event.maximum_age is not None and age > event.maximum_age)
    ):
        errors.append(_("%(name)s is not in the age range of this event.") % {"name": name[:60] or "?"})
    for question in questions:
        value = participant.answers.get(question.pk, "").strip()
        if question.required and not value:
            errors.append(_("Please answer: %(question)s") % {"question": question.text})
        elif len(value) > 300:
            errors.append(_("An answer is too long (at most 300 characters)."))
        elif value and question.choice_list and value not in question.choice_list:
            errors.append(_("Choose an answer from the list."))
    if set(participant.answers) - {q.pk for q in questions}:
        errors.append(_("The form does not match this event. Please reload it."))
    return errors


# --- registration --------------------------------------------------------------------------------------


def _lock_event(event: Event | int) -> Event:
    pk = event if isinstance(event, int) else event.pk
    return Event.objects.select_for_update().get(pk=pk)


# The locked section of a registration is the bottleneck of a rush: every registration for one event
# waits for it. It is written as three short statements with their SQL spelled out (the ORM compiles a
# statement in about as much time as the database needs to run it). The same SQL runs on SQLite and
# PostgreSQL; only the lock differs, as in the ORM: ``FOR UPDATE`` where the database has it, while on
# SQLite ``BEGIN IMMEDIATE`` (settings) already holds the write lock for the whole transaction.
# The lock and the count are two statements on purpose: PostgreSQL reads a statement's rows as of its
# start, so a count in the locking statement would miss the rows of the transaction it waited for.

_LOCK_SQL = (
    "SELECT id, programme_id, status, capacity, registration_opens, registration_closes, starts_at"
    " FROM events_event WHERE id = %s"
)
#: Places taken, anybody waiting, any active registration of the same contact (email or phone). Each part
#: reads only what it needs through an index: the places (at most the capacity), one waiting row, one
#: row of the contact — so the statement does not grow with the waiting list.
_PLACES_SQL = (
    "SELECT (SELECT COUNT(*) FROM events_registration WHERE event_id = %s AND status IN (%s, %s)),"
    " EXISTS (SELECT 1 FROM events_registration WHERE event_id = %s AND status = %s),"
    " EXISTS (SELECT 1 FROM events_registration"
    " WHERE event_id = %s AND {contact} = %s AND status IN (%s, %s, %s))"
)
_PLACE_STATUSES = [str(status) for status in Registration.PLACE_STATUSES]
_ACTIVE_STATUSES = [str(status) for status in Registration.ACTIVE_STATUSES]


def _lock_for_registration(event_id: int) -> Event:
    """Locks the event row and reads, under the lock, what decides a registration (status, places,
    registration window). Must run inside ``transaction.atomic()``; ``event_id`` is an event the caller
    found in its tenant (the plain base manager: no tenant filter to build for a primary key)."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    rows = list(Event._base_manager.raw(_LOCK_SQL + lock, [event_id]))
    if not rows:
        raise Event.DoesNotExist
    return rows[0]


def _places_under_lock(event_id: int, *, email: str, phone: str) -> tuple[int, bool, bool]:
    """(places taken, anybody waiting, this contact registered already) — while the event is locked."""
    contact, value = ("email", email) if email else ("phone", phone)
    sql = _PLACES_SQL.format(contact=contact)  # a column name chosen here, never input
    params = [event_id, *_PLACE_STATUSES, event_id, str(Status.WAITING), event_id, value, *_ACTIVE_STATUSES]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        taken, waiting, same_contact = cursor.fetchone()
    return taken, bool(waiting), bool(same_contact)


def _already_registered(
    event_id: int, participants: Sequence[Participant], *, email: str, phone: str
) -> bool:
    """Whether this contact has already registered one of these participants (first names compared
    case-insensitively, the same on every database)."""
    same_contact = Q(email=email) if email else Q(phone=phone)
    names = Registration.objects.filter(
        same_contact, event_id=event_id, status__in=Registration.ACTIVE_STATUSES
    ).values_list("participant_name", flat=True)
    known = {name.strip().casefold() for name in names}
    return any(p.name.strip().casefold() in known for p in participants)


def register(
    *,
    event: Event,
    contact_name: str,
    email: str = "",
    phone: str = "",
    participants: Sequence[Participant],
    language: str = "de",
    now: datetime | None = None,
    questions: list[Question] | None = None,
) -> list[Registration]:
    """Registers one or several participants; each gets a place while there is one, else joins the
    waiting list. Everything is validated before anything is stored; refused input stores nothing.
    Returns the registrations after the commit (the caller may acknowledge them)."""
    errors = _validate_contact(contact_name, email, phone)
    questions = list(event.questions.all()) if questions is None else questions
    try:
        validate_participants(event, participants, questions)
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            errors[key].extend(messages)
    if errors:
        raise ValidationError(dict(errors))
    now = now or timezone.now()
    email, phone = email.strip().lower(), phone.strip()
    token = new_token()  # a new manage key per submission: one link never opens another's
    with transaction.atomic():
        locked = _lock_for_registration(event.pk)
        if locked.registration_state(now) != "open":
            raise ValidationError(_("Registration for this event is not open."))
        taken, waiting, same_contact = _places_under_lock(locked.pk, email=email, phone=phone)
        # No duplicates: only a contact that registered before can have registered one of these.
        if same_contact and _already_registered(locked.pk, participants, email=email, phone=phone):
            raise ValidationError(_("This person is already registered for this event."))
        created = []
        for participant in participants:
            has_place = not waiting and taken < locked.capacity
            created.append(
                Registration(
                    event_id=locked.pk,
                    token=token,
                    status=Status.CONFIRMED if has_place else Status.WAITING,
                    created_at=now,
                    language=language,
                    contact_name=contact_name.strip(),
                    email=email,
                    phone=phone,
                    participant_name=participant.name.strip(),
                    age=participant.age,
                )
            )
            if has_place:
                taken += 1
            else:
                waiting = True
        # One INSERT; the primary keys come back in this order (the waiting list's order).
        Registration.objects.bulk_create(created)
        answers = [
            Answer(registration=registration, question_id=pk, value=value.strip())
            for registration, participant in zip(created, participants, strict=True)
            for pk, value in participant.answers.items()
            if value.strip()
        ]
        if answers:
            Answer.objects.bulk_create(answers)
        event_id = locked.pk
        enqueue_with_transaction(mail_household, event_id, token, "confirmation")
    return created


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; ``None`` if not waiting."""
    if registration.status != Status.WAITING:
        return None
    return Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITING, pk__lte=registration.pk
    ).count()


def household(token: str) -> list[Registration]:
    return list(
        Registration.objects.filter(token=token).select_related("event", "event__municipality").order_by("pk")
    )


# --- waiting list ----------------------------------------------------------------------------------


def _promote(event: Event, now: datetime) -> list[Registration]:
    """Offers every free place to the next on the waiting list (event must be locked)."""
    if event.is_cancelled:
        return []
    free = (
        event.capacity
        - Registration.objects.filter(event=event, status__in=Registration.PLACE_STATUSES).count()
    )
    if free <= 0:
        return []
    promoted = list(Registration.objects.filter(event=event).waiting()[:free])
    deadline = now + timedelta(hours=event.confirm_hours)
    if event.starts_at and deadline > event.starts_at:
        deadline = max(now + timedelta(hours=1), event.starts_at - timedelta(minutes=30))
    for registration in promoted:
        registration.status = Status.OFFERED
        registration.offered_until = deadline
        registration.save(update_fields=["status", "offered_until"])
        pk = registration.pk
        enqueue_with_transaction(mail_single, pk, "offer")
    return promoted


@transaction.atomic
def cancel_registration(
    *, token: str, registration_uuid: object, now: datetime | None = None
) -> Registration:
    """The household cancels one of its registrations; a freed place goes to the next on the list."""
    now = now or timezone.now()
    registration = Registration.objects.filter(token=token, uuid=registration_uuid).first()
    if registration is None:
        raise Registration.DoesNotExist
    event = _lock_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        return registration
    held_place = registration.status in Registration.PLACE_STATUSES
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.offered_until = None
    registration.save(update_fields=["status", "cancelled_at", "offered_until"])
    if held_place:
        _promote(event, now)
    return registration


@transaction.atomic
def confirm_offer(*, token: str, registration_uuid: object, now: datetime | None = None) -> Registration:
    """The household takes the place offered from the waiting list (before the deadline)."""
    now = now or timezone.now()
    registration = Registration.objects.filter(token=token, uuid=registration_uuid).first()
    if registration is None:
        raise Registration.DoesNotExist
    _lock_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CONFIRMED:
        return registration
    if registration.status != Status.OFFERED or registration.offered_until <= now:
        raise ValidationError(_("This offer is no longer valid."))
    registration.status = Status.CONFIRMED
    registration.offered_until = None
    registration.save(update_fields=["status", "offered_until"])
    return registration


def expire_offers(*, now: datetime | None = None) -> int:
    """Offers not confirmed in time expire; the place goes to the next on the waiting list."""
    now = now or timezone.now()
    expired = 0
    with scopes_disabled():
        event_ids = sorted(
            set(
                Registration.objects.filter(status=Status.OFFERED, offered_until__lte=now).values_list(
                    "event_id", flat=True
                )
            )
        )
        for event_id in event_ids:
            with transaction.atomic():
                event = _lock_event(event_id)
                due = list(
                    Registration.objects.select_for_update().filter(
                        event=event, status=Status.OFFERED, offered_until__lte=now
                    )
                )
                for registration in due:
                    registration.status = Status.EXPIRED
                    registration.save(update_fields=["status"])
                    pk = registration.pk
                    enqueue_with_transaction(mail_single, pk, "expired")
                expired += len(due)
                _promote(event, now)
    return expired


@transaction.atomic
def set_capacity(*, event: Event, capacity: int, now: datetime | None = None) -> Event:
    """Changes the number of places; more places go to the waiting list at once. Fewer places than are
    taken are refused (nobody loses a confirmed place)."""
    now = now or timezone.now()
    locked = _lock_event(event)
    taken = Registration.objects.filter(event=locked, status__in=Registration.PLACE_STATUSES).count()
    if capacity < max(1, taken):
        raise ValidationError(
            {
                "capacity": _("%(taken)d places are already taken; the capacity cannot be lower.")
                % {"taken": taken}
            }
        )
    locked.capacity = capacity
    locked.save(update_fields=["capacity"])
    _promote(locked, now)
    return locked


@transaction.atomic
def cancel_event(*, event: Event, actor: User | None = None, now: datetime | None = None) -> Event:
    """The organiser cancels: every active registration is cancelled and every household notified."""
    now = now or timezone.now()
    locked = _lock_event(event)
    if locked.is_cancelled:
        return locked
    locked.status = Event.Status.CANCELLED
    locked.cancelled_at = now
    locked.save(update_fields=["status", "cancelled_at"])
    active = Registration.objects.filter(event=locked, status__in=Registration.ACTIVE_STATUSES)
    tokens = sorted(set(active.values_list("token", flat=True)))
    active.update(status=Status.CANCELLED, cancelled_at=now, offered_until=None)
    for token in tokens:
        enqueue_with_transaction(mail_household, locked.pk, token, "event_cancelled")
    logger.info("event %s cancelled by %s", locked.pk, getattr(actor, "pk", None))
    return locked


def update_event_dates(event: Event) -> None:
    """Keeps ``starts_at``/``ends_at`` (first start, last end) in step with the sessions."""
    sessions = list(Session.objects.filter(event=event).order_by("starts_at"))
    event.starts_at = sessions[0].starts_at if sessions else None
    event.ends_at = max((s.ends_at for s in sessions), default=None)
    Event.objects.filter(pk=event.pk).update(starts_at=event.starts_at, ends_at=event.ends_at)


# --- attendance ------------------------------------------------------------------------------------


@transaction.atomic
def set_attendance(*, session: Session, present: Iterable[int]) -> int:
    """Records who was there (registration pks of confirmed participants); returns the count present."""
    confirmed = set(
        Registration.objects.filter(event_id=session.event_id, status=Status.CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    present = set(present) & confirmed
    _total, deleted = Attendance.objects.filter(session=session).exclude(registration_id__in=present).delete()
    left = deleted.get(Attendance._meta.label, 0)
    existing = set(Attendance.objects.filter(session=session).values_list("registration_id", flat=True))
    Attendance.objects.bulk_create(
        Attendance(session=session, registration_id=pk) for pk in present - existing
    )
    _contacts(session, len(present - existing))
    _withdraw_contacts(session, left)
    return len(present)


def _contacts(session: Session, arrived: int) -> None:
    """Each newly present participant is an anonymous contact in the contact statistics."""
    if arrived:
        event = session.event
        record_attendance_contacts(
            office=event.office, source=Source.EVENT, contact_at=session.starts_at, party_sizes=[1] * arrived,
            location=event.location, room=event.room,
        )  # fmt: skip


def _withdraw_contacts(session: Session, unmarked: int) -> None:
    """A participant unmarked again takes their contact back (check-in and correction never count twice)."""
    if unmarked:
        event = session.event
        withdraw_attendance_contacts(
            office=event.office, source=Source.EVENT, contact_at=session.starts_at, parties=unmarked,
            room=event.room,
        )  # fmt: skip


@transaction.atomic
def toggle_attendance(*, session: Session, registration: Registration) -> bool:
    """Check-in on the tablet: marks present, or unmarks. Returns whether present now."""
    if registration.event_id != session.event_id or registration.status != Status.CONFIRMED:
        raise ValidationError(_("This person has no confirmed place in this event."))
    deleted, _rows = Attendance.objects.filter(session=session, registration=registration).delete()
    if deleted:
        _withdraw_contacts(session, deleted)
        return False
    Attendance.objects.create(session=session, registration=registration)
    _contacts(session, 1)
    return True


# --- periodic: reminders and retention ---------------------------------------------------------------


def send_reminders(*, now: datetime | None = None) -> int:
    """Reminds confirmed participants a day or two before the first session (once)."""
    now = now or timezone.now()
    sent = 0
    with scopes_disabled():
        due = Registration.objects.filter(
            status=Status.CONFIRMED,
            reminded_at__isnull=True,
            personal_data_erased_at__isnull=True,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(hours=48),
        )
        households = sorted(set(due.values_list("event_id", "token")))
        for event_id, token in households:
            count = due.filter(event_id=event_id, token=token).update(reminded_at=now)
            if count:
                mail_household.enqueue(event_id, token, "reminder")
                sent += 1
    return sent


RETENTION_KEY = "events"  # the entry in core.processing.REGISTRY


def erase_personal_data(*, now: datetime | None = None) -> int:
    """Blanks the personal fields of registrations (and answers, wish lists) once an event ended longer
    ago than the municipality's retention period (processing register, default 30 days). Status and
    attendance rows stay for the counts."""
    from familienbuero.privacy.retention import days_by_municipality

    now = now or timezone.now()
    erased = 0
    retention = days_by_municipality(RETENTION_KEY)
    with scopes_disabled():
        events = Event.objects.filter(personal_data_erased_at__isnull=True).exclude(ends_at__isnull=True)
        for event in events.only("pk", "municipality_id", "ends_at", "cancelled_at"):
            days = retention.get(event.municipality_id) or DEFAULT_RETENTION_DAYS
            if event.ends_at + timedelta(days=days) > now:
                continue
            with transaction.atomic():
                registrations = Registration.objects.filter(
                    event_id=event.pk, personal_data_erased_at__isnull=True
                )
                Answer.objects.filter(registration__event_id=event.pk).delete()
                erased += registrations.update(
                    **dict.fromkeys(PERSONAL_FIELDS, ""), personal_data_erased_at=now
                )
                Event.objects.filter(pk=event.pk).update(personal_data_erased_at=now)
        # Wish lists: once every course of the programme is erased.
        applications = WishApplication.objects.filter(
            personal_data_erased_at__isnull=True, programme__drawn_at__isnull=False
        )
        for application in applications.select_related("programme"):
            if application.programme.events.filter(personal_data_erased_at__isnull=True).exists():
                continue
            application.children.update(first_name="")
            WishApplication.objects.filter(pk=application.pk).update(
                contact_name="", email="", phone="", personal_data_erased_at=now
            )
            erased += 1
    return erased


# --- mail ---------------------------------------------------------------------------------------------


def _send(registrations: list[Registration], template: str, extra: dict[str, object] | None = None) -> None:
    first = registrations[0]
    if not first.email:
        logger.info("registration %s has no email address; %s not mailed", first.pk, template)
        return
    event = first.event
    language = first.language or "de"
    with translation.override(language):
        context = {
            "event": event,
            "registrations": [(r, waiting_position(r)) for r in registrations],
            "first": first,
            "sessions": list(event.sessions.all()),
            "manage_url": base_url() + manage_path(event, first.token, language),
            **(extra or {}),
        }
        body = render_to_string(f"events/mail/{template}.txt", context)
        subject = " ".join(body.splitlines()[0].split())
        body = "\n".join(body.splitlines()[1:]).strip() + "\n"
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [first.email])


@task()
def mail_household(event_id: int, token: str, template: str) -> None:
    with scopes_disabled():
        registrations = list(
            Registration.objects.filter(event_id=event_id, token=token)
            .select_related("event", "event__municipality", "event__location", "event__office")
            .order_by("pk")
        )
        if registrations:
            _send(registrations, template)


@task()
def mail_single(pk: int, template: str) -> None:
    with scopes_disabled():
        registration = Registration.objects.select_related("event", "event__municipality").get(pk=pk)
        _send([registration], template)
