"""Texts of the volunteering app that shared modules show (the processing register in
``core/processing.py``), kept here so that they belong to this app's translation catalogue. No imports
of models: ``core.processing`` imports this module."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TUTOR_RETENTION_DAYS = 365
CHILD_RETENTION_DAYS = 180
YOUTH_RETENTION_DAYS = 180
SPONSOR_RETENTION_DAYS = 365

TUTORS = {
    "purpose": _(
        "Free tutoring by volunteers: registration, review (police clearance certificate, training), "
        "matching with children, informing both sides, anonymous count of sessions."
    ),
    "data": _(
        "Name, phone number and/or email address, subjects, grades, languages, weekly availability, "
        "district, date on which the extended police clearance certificate was seen (not the certificate)."
    ),
    "data_subjects": _("Volunteer tutors."),
    "legal_basis": _("Art. 6(1)(b) and (e) GDPR; § 72a SGB VIII (police clearance certificate)."),
    "retention": _(
        "Name and contact details are erased one year after the tutor has stopped; anonymous counts are kept."
    ),
}
CHILDREN = {
    "purpose": _("Finding a volunteer tutor for a child; informing the parents and the tutor."),
    "data": _(
        "First name or pseudonym of the child, phone number and/or email address of a parent, school type, "
        "grade, subjects, languages, availability, district; whether the family has priority (BuT "
        "entitlement or low income) – no documents."
    ),
    "data_subjects": _("Children looking for tutoring and their parents."),
    "legal_basis": _("Art. 6(1)(e) GDPR in conjunction with §§ 11, 16 SGB VIII."),
    "retention": _(
        "First name and contact details are erased 180 days after the request is closed; anonymous counts "
        "are kept."
    ),
    "recipients": _("The matched tutor learns the first name or pseudonym and the parent's contact."),
}
YOUTHS = {
    "purpose": _("Placing young people in internships with local businesses, clubs and institutions."),
    "data": _("First name or pseudonym, age, phone number and/or email address, fields of interest, period."),
    "data_subjects": _("Young people looking for an internship."),
    "legal_basis": _("Art. 6(1)(e) GDPR in conjunction with §§ 11, 13 SGB VIII."),
    "retention": _(
        "First name and contact details are erased 180 days after the interest is closed, at the latest "
        "one year after it was entered; anonymous counts are kept."
    ),
}
SPONSORS = {
    "purpose": _("Playground sponsorships: visual checks and defect reports by volunteers."),
    "data": _("Name, phone number and/or email address of the sponsor; reports with an optional photo."),
    "data_subjects": _("Playground sponsors (volunteers and members of partner groups)."),
    "legal_basis": _("Art. 6(1)(b) and (e) GDPR."),
    "retention": _(
        "Name and contact details are erased one year after the sponsorship has ended; the reports are kept "
        "without them."
    ),
    "recipients": _("The responsible city department sees the defect reports (without the sponsor's data)."),
}
