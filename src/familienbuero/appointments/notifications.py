"""What a family receives: confirmation (with an iCalendar attachment and the manage link), reminder and
cancellation notice.

Each message is built by a function returning subject and plain text, independent of the channel; ``deliver``
sends it by email. An SMS gateway would be a second branch in ``deliver`` using the same text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar, Event, vCalAddress

from familienbuero.appointments import recurrence
from familienbuero.appointments.models import Booking
from familienbuero.core.dates import local_date

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def _when(start: datetime) -> str:
    local = timezone.localtime(start, recurrence.TZ)
    return _("%(date)s at %(time)s") % {
        "date": local_date(local.date(), "weekday_date"),
        "time": formats.time_format(local.time(), "H:i"),
    }


def _where(booking: Booking) -> str:
    location = booking.office.home_location
    return f"{booking.office.name}, {location.address_line}"


def booking_ics(booking: Booking, *, method: str = "PUBLISH") -> bytes:
    """One VEVENT in the municipality's time zone (with its VTIMEZONE); no personal data in it."""
    cal = Calendar()
    cal.add("prodid", "-//Familienbuero//Termine//DE")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", f"{booking.uuid}@familienbuero")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(booking.starts_at, recurrence.TZ))
    event.add("dtend", timezone.localtime(booking.ends_at, recurrence.TZ))
    event.add("summary", booking.hours.title)
    event.add("location", _where(booking))
    event.add("status", "CANCELLED" if booking.status == Booking.Status.CANCELLED else "CONFIRMED")
    if booking.office.email:
        event.add("organizer", vCalAddress(f"mailto:{booking.office.email}"))
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def confirmation_message(booking: Booking, manage_url: str) -> Message:
    with override(booking.language):
        subject = _("Your appointment: %(title)s") % {"title": booking.hours.title}
        lines = [
            _("Hello %(name)s,") % {"name": booking.person_name},
            "",
            _("your appointment is booked."),
            "",
            _("What: %(title)s") % {"title": booking.hours.title},
            _("When: %(when)s") % {"when": _when(booking.starts_at)},
            _("Where: %(where)s") % {"where": _where(booking)},
        ]
        if booking.interpreter_needed:
            lines.append(_("An interpreter is requested."))
        if manage_url:  # a moved appointment keeps the link of the first confirmation
            lines += [
                "",
                _("To cancel or move the appointment, open this link (keep it to yourself):"),
                manage_url,
            ]
        lines += ["", _("This message was sent automatically.")]
        return Message(
            subject, "\n".join(lines), [("termin.ics", booking_ics(booking), "text/calendar; method=PUBLISH")]
        )


def reminder_message(booking: Booking) -> Message:
    with override(booking.language):
        subject = _("Reminder: your appointment tomorrow")
        lines = [
            _("Hello %(name)s,") % {"name": booking.person_name},
            "",
            _("we remind you of your appointment tomorrow."),
            "",
            _("What: %(title)s") % {"title": booking.hours.title},
            _("When: %(when)s") % {"when": _when(booking.starts_at)},
            _("Where: %(where)s") % {"where": _where(booking)},
            "",
            _("If you cannot come, please cancel with the link in your confirmation."),
            "",
            _("This message was sent automatically."),
        ]
        return Message(subject, "\n".join(lines))


def cancellation_message(booking: Booking) -> Message:
    with override(booking.language):
        subject = _("Appointment cancelled: %(title)s") % {"title": booking.hours.title}
        lines = [
            _("Hello %(name)s,") % {"name": booking.person_name},
            "",
            _("your appointment on %(when)s is cancelled.") % {"when": _when(booking.starts_at)},
            "",
            _("This message was sent automatically."),
        ]
        return Message(
            subject,
            "\n".join(lines),
            [("termin.ics", booking_ics(booking, method="CANCEL"), "text/calendar; method=CANCEL")],
        )


def deliver(booking: Booking, message: Message) -> bool:
    """Sends the message over the channel the family gave; ``False`` if there is none we can use."""
    if booking.contact_email:
        email = EmailMessage(
            message.subject, message.text, settings.DEFAULT_FROM_EMAIL, [booking.contact_email]
        )
        for name, content, mimetype in message.attachments:
            email.attach(name, content, mimetype)
        email.send()
        return True
    # Phone only: an SMS gateway would send ``message.text`` here. None is configured.
    logger.info("Booking %s has no email address; no message sent", booking.pk)
    return False
