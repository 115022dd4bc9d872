"""Registry of the processing of personal data (DSGVO Art. 30): purpose, data, legal basis, retention.

The privacy statement (DSGVO Art. 13) is generated from it, and every erasure job names its entry, so
that what the page promises and what the code deletes cannot drift apart. Features that store personal
data add their entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from familienbuero.events import labels as event_labels
from familienbuero.participation import labels as participation_labels
from familienbuero.privacy import labels as privacy_labels
from familienbuero.volunteering import labels as volunteering_labels

NOBODY_OUTSIDE = _("Nobody outside the municipality.")


@dataclass(frozen=True)
class Processing:
    key: str
    purpose: str | Promise
    data: str | Promise
    data_subjects: str | Promise
    legal_basis: str | Promise
    retention: str | Promise
    retention_days: int | None  # None: as long as the purpose lasts (described in ``retention``)
    recipients: str | Promise = NOBODY_OUTSIDE
    # Limits of a municipality's own period (privacy app, "Retention"); None: not adjustable.
    min_days: int | None = None
    max_days: int | None = None


LOGIN_ATTEMPTS_DAYS = 30
FEEDBACK_CONTACT_DAYS = 180
REFERRAL_RETENTION_DAYS = 180  # default; each municipality may set its own
APPOINTMENT_RETENTION_DAYS = 30  # default; each municipality may set its own

REGISTRY: tuple[Processing, ...] = (
    Processing(
        key="staff_accounts",
        purpose=_("Access of staff to the back office; protection by a second factor."),
        data=_("Name, user name, email address, password (hashed), authenticator key, roles."),
        data_subjects=_("Staff of the family office and of partner organisations."),
        legal_basis=_("Art. 6(1)(e) and Art. 32 GDPR in conjunction with § 3 DSG NRW."),
        retention=_("As long as the account exists; deleted when the account is deleted."),
        retention_days=None,
    ),
    Processing(
        key="login_attempts",
        purpose=_("Protection against guessing of passwords (blocking after repeated failed logins)."),
        data=_("User name entered, IP address, browser identification, time of the attempt."),
        data_subjects=_("Everybody who tries to log in."),
        legal_basis=_("Art. 6(1)(e) and Art. 32 GDPR."),
        retention=_("Deleted automatically after 30 days."),
        retention_days=LOGIN_ATTEMPTS_DAYS,
    ),
    Processing(
        key="accessibility_feedback",
        purpose=_("Answering feedback on accessibility (BITV NRW) within one month."),
        data=_("Message, page concerned, optionally name and email address."),
        data_subjects=_("People who send feedback on accessibility."),
        legal_basis=_("Art. 6(1)(e) GDPR in conjunction with the BGG NRW and the BITV NRW."),
        retention=_("Name and email address are deleted 180 days after the answer; the message is kept."),
        retention_days=FEEDBACK_CONTACT_DAYS,
        min_days=30,
        max_days=730,
    ),
    Processing(
        key="referrals",
        purpose=_(
            "Referral of families to services of partner organisations by the family office (navigator "
            "function), follow-up of the referral, anonymous statistics."
        ),
        data=_(
            "Name or pseudonym, phone number and/or email address, preferred language, the need (topics), "
            "optionally a short note for the receiving organisation; the consent to pass data on (what, to "
            "whom, when, revoked when); status of the referral."
        ),
        data_subjects=_("Families and young people whom the family office refers to a service."),
        legal_basis=_(
            "Art. 6(1)(e) GDPR in conjunction with § 16 SGB VIII and §§ 62, 64 SGB VIII; passing data on to "
            "the receiving organisation only with consent (Art. 6(1)(a) GDPR, § 67b(2) SGB X)."
        ),
        retention=_(
            "Name, contact details, language and note are erased 180 days after the referral is closed "
            "(the municipality may set another period); the anonymous statistics are kept."
        ),
        retention_days=REFERRAL_RETENTION_DAYS,
        min_days=7,
        max_days=3650,
        recipients=_(
            "The organisation offering the chosen service, only with the family's consent and only as long "
            "as the consent is not revoked."
        ),
    ),
    Processing(
        key="appointments",
        purpose=_(
            "Booking of consultation appointments in the family office, confirmation and reminder, "
            "cancelling or moving the appointment, anonymous statistics of attendance."
        ),
        data=_(
            "Name or pseudonym, phone number and/or email address, whether an interpreter is needed and "
            "for which language; date, time, room and counsellor of the appointment; whether it took place."
        ),
        data_subjects=_("Families and young people who book a consultation appointment."),
        legal_basis=_("Art. 6(1)(e) GDPR in conjunction with §§ 16, 62 SGB VIII."),
        retention=_(
            "Name, contact details and interpreter language are erased 30 days after the appointment (the "
            "municipality may set another period); the anonymous counts are kept."
        ),
        retention_days=APPOINTMENT_RETENTION_DAYS,
        min_days=1,  # the limits AppointmentSettings always had
        max_days=3650,
        recipients=_(
            "The provider holding the consultation (own team of the family office or an independent "
            "provider) sees the bookings of its own hours."
        ),
    ),
    Processing(
        key="events",
        purpose=event_labels.PURPOSE,
        data=event_labels.DATA,
        data_subjects=event_labels.SUBJECTS,
        legal_basis=event_labels.LEGAL_BASIS,
        retention=event_labels.RETENTION,
        retention_days=event_labels.RETENTION_DAYS,
        min_days=1,  # the limits the per-event period had
        max_days=365,
        recipients=event_labels.RECIPIENTS,
    ),
    Processing(
        key="partner_notifications",
        purpose=_(
            "Emails to partner organisations and their editors: new referrals, results of reviews, reminders."
        ),
        data=_(
            "Email address of the organisation or of the editor; the emails contain no data about families."
        ),
        data_subjects=_("Staff of partner organisations."),
        legal_basis=_("Art. 6(1)(e) GDPR."),
        retention=_(
            "The platform does not keep the emails; the address is kept as long as the entry or account."
        ),
        retention_days=None,
        recipients=_("The mail relay named below (processor)."),
    ),
    Processing(
        key="volunteering-tutors",
        purpose=volunteering_labels.TUTORS["purpose"],
        data=volunteering_labels.TUTORS["data"],
        data_subjects=volunteering_labels.TUTORS["data_subjects"],
        legal_basis=volunteering_labels.TUTORS["legal_basis"],
        retention=volunteering_labels.TUTORS["retention"],
        retention_days=volunteering_labels.TUTOR_RETENTION_DAYS,
    ),
    Processing(
        key="volunteering-tutoring-requests",
        purpose=volunteering_labels.CHILDREN["purpose"],
        data=volunteering_labels.CHILDREN["data"],
        data_subjects=volunteering_labels.CHILDREN["data_subjects"],
        legal_basis=volunteering_labels.CHILDREN["legal_basis"],
        retention=volunteering_labels.CHILDREN["retention"],
        retention_days=volunteering_labels.CHILD_RETENTION_DAYS,
        recipients=volunteering_labels.CHILDREN["recipients"],
    ),
    Processing(
        key="volunteering-youths",
        purpose=volunteering_labels.YOUTHS["purpose"],
        data=volunteering_labels.YOUTHS["data"],
        data_subjects=volunteering_labels.YOUTHS["data_subjects"],
        legal_basis=volunteering_labels.YOUTHS["legal_basis"],
        retention=volunteering_labels.YOUTHS["retention"],
        retention_days=volunteering_labels.YOUTH_RETENTION_DAYS,
    ),
    Processing(
        key="volunteering-sponsors",
        purpose=volunteering_labels.SPONSORS["purpose"],
        data=volunteering_labels.SPONSORS["data"],
        data_subjects=volunteering_labels.SPONSORS["data_subjects"],
        legal_basis=volunteering_labels.SPONSORS["legal_basis"],
        retention=volunteering_labels.SPONSORS["retention"],
        retention_days=volunteering_labels.SPONSOR_RETENTION_DAYS,
        recipients=volunteering_labels.SPONSORS["recipients"],
    ),
    Processing(
        key="participation",
        purpose=participation_labels.PROCESSING["purpose"],
        data=participation_labels.PROCESSING["data"],
        data_subjects=participation_labels.PROCESSING["data_subjects"],
        legal_basis=participation_labels.PROCESSING["legal_basis"],
        retention=participation_labels.PROCESSING["retention"],
        retention_days=participation_labels.BALLOT_SESSION_DAYS,
    ),
    Processing(
        key="technical_cookies",
        purpose=_("Technically necessary cookies: protection of forms (CSRF), language choice, staff login."),
        data=_("Random token, chosen language, session identifier for logged-in staff."),
        data_subjects=_("Visitors who send a form or choose a language; logged-in staff."),
        legal_basis=_("§ 25(2) no. 2 TDDDG; Art. 6(1)(e) GDPR."),
        retention=_("Until the end of the browser session or at most one year (language choice)."),
        retention_days=None,
    ),
    Processing(
        key="consents",
        purpose=privacy_labels.CONSENTS_PURPOSE,
        data=privacy_labels.CONSENTS_DATA,
        data_subjects=privacy_labels.CONSENTS_SUBJECTS,
        legal_basis=privacy_labels.CONSENTS_LEGAL_BASIS,
        retention=privacy_labels.CONSENTS_RETENTION,
        retention_days=None,
    ),
)


def processing(key: str) -> Processing:
    return next(entry for entry in REGISTRY if entry.key == key)
