"""Texts of the events app used outside it (processing register), kept in the app's own catalogue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: Default retention of participants' personal data after the last date of an event (models use it).
RETENTION_DAYS = 30
PURPOSE = _(
    "Registration for events, courses and holiday programmes of the family office: places, waiting list, "
    "draw of holiday programme places, confirmations and reminders, attendance lists; anonymous counts."
)
DATA = _(
    "Name of the registering person, email address and/or phone number, first name and age of each "
    "participant, answers to the questions of the event (each with its purpose), status, attendance; for "
    "holiday programmes the wishes and the self-declared priority group."
)
SUBJECTS = _("Parents and children who register for an event or a holiday programme.")
LEGAL_BASIS = _("Art. 6(1)(e) GDPR in conjunction with §§ 11, 16 SGB VIII and § 3 DSG NRW.")
RETENTION = _(
    "Names, contact details and answers are erased 30 days after the last date of the event (the "
    "municipality may set another period); the anonymous counts of registrations and attendance are kept."
)
RECIPIENTS = _("The organiser and co-host of the event see the participant list of their event.")
