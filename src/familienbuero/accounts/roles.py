"""Roles and what each may do: the one table every permission check reads.

A platform administrator is a superuser. Every other role is a ``Membership`` of a user in one
municipality (and, for office and provider roles, in one office or organisation).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from familienbuero.contacts import labels as contact_labels
from familienbuero.funding import labels as funding_labels
from familienbuero.participation import labels as participation_labels


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Municipality coordinator")
    OFFICE_STAFF = "office_staff", _("Office staff")
    PROVIDER_STAFF = "provider_staff", _("Provider staff")
    PARTNER_EDITOR = "partner_editor", _("Partner editor")
    DATA_PROTECTION = "data_protection", _("Data protection officer")


class Capability(models.TextChoices):
    BACKOFFICE = "backoffice", _("Use the back office")
    ADMIN = "admin", _("Use the administration")
    MANAGE_TENANCY = "manage_tenancy", _("Manage offices, locations, rooms and opening hours")
    MANAGE_ORGANISATIONS = "manage_organisations", _("Manage partner organisations")
    MANAGE_MEMBERS = "manage_members", _("Manage staff accounts and roles")
    EDIT_OWN_ORGANISATION = "edit_own_organisation", _("Edit the own organisation's public information")
    MANAGE_LEGAL = "manage_legal", _("Edit legal pages and answer accessibility feedback")
    REFER = "refer", _("Refer families to services and follow the referrals up")
    RECEIVE_REFERRALS = (
        "receive_referrals",
        _("See the referrals addressed to the own organisation and record their outcome"),
    )
    VIEW_REFERRAL_STATISTICS = "view_referral_statistics", _("See the anonymous referral statistics")
    MANAGE_REFERRAL_SETTINGS = (
        "manage_referral_settings",
        _("Set follow-up and retention periods of referrals"),
    )
    REVIEW_SERVICES = "review_services", _("Review and publish partners' changes to services")
    PROPOSE_SERVICES = "propose_services", _("Propose changes to the own organisation's services")
    MANAGE_CONSULTATIONS = (
        "manage_consultations",
        _("Manage consultation hours and appointments (of the own offices or organisation)"),
    )
    RECEPTION = "reception", _("Run the walk-in queue at the reception desk")
    MANAGE_EVENTS = "manage_events", _("Manage events and courses, registrations and attendance")
    VIEW_AUDIT_LOG = (
        "view_audit_log",
        _("See and export the audit log of changes and of access to personal data"),
    )
    DATA_SUBJECT_REQUESTS = (
        "data_subject_requests",
        _("Find, export and erase the personal data held about a person; record and revoke consents"),
    )
    MANAGE_RETENTION = (
        "manage_retention",
        _("Set retention periods within the limits and see the upcoming erasures"),
    )
    MANAGE_FUNDING = "manage_funding", funding_labels.MANAGE_FUNDING
    MANAGE_PARTICIPATION = "manage_participation", participation_labels.MANAGE_PARTICIPATION
    # The labels of the contacts capabilities belong to that app's catalogue.
    RECORD_CONTACTS = "record_contacts", contact_labels.RECORD_CONTACTS
    VIEW_CONTACT_STATISTICS = "view_contact_statistics", contact_labels.VIEW_CONTACT_STATISTICS


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        {
            Capability.BACKOFFICE,
            Capability.ADMIN,
            Capability.MANAGE_TENANCY,
            Capability.MANAGE_ORGANISATIONS,
            Capability.MANAGE_MEMBERS,
            Capability.MANAGE_LEGAL,
            Capability.REVIEW_SERVICES,
            Capability.REFER,
            Capability.VIEW_REFERRAL_STATISTICS,
            Capability.MANAGE_REFERRAL_SETTINGS,
            Capability.MANAGE_CONSULTATIONS,
            Capability.RECEPTION,
            Capability.MANAGE_EVENTS,
            Capability.DATA_SUBJECT_REQUESTS,
            Capability.MANAGE_FUNDING,
            Capability.MANAGE_PARTICIPATION,
            Capability.RECORD_CONTACTS,
            Capability.VIEW_CONTACT_STATISTICS,
        }
    ),
    Role.OFFICE_STAFF: frozenset(
        {
            Capability.BACKOFFICE,
            Capability.REVIEW_SERVICES,
            Capability.REFER,
            Capability.VIEW_REFERRAL_STATISTICS,
            Capability.MANAGE_PARTICIPATION,
            Capability.MANAGE_CONSULTATIONS,
            Capability.RECEPTION,
            Capability.MANAGE_EVENTS,
            Capability.RECORD_CONTACTS,
            Capability.VIEW_CONTACT_STATISTICS,
        }
    ),
    Role.PROVIDER_STAFF: frozenset(
        {Capability.BACKOFFICE, Capability.RECEIVE_REFERRALS, Capability.MANAGE_CONSULTATIONS}
    ),
    Role.PARTNER_EDITOR: frozenset(
        {Capability.BACKOFFICE, Capability.EDIT_OWN_ORGANISATION, Capability.PROPOSE_SERVICES}
    ),
    Role.DATA_PROTECTION: frozenset(
        {
            Capability.BACKOFFICE,
            Capability.VIEW_AUDIT_LOG,
            Capability.DATA_SUBJECT_REQUESTS,
            Capability.MANAGE_RETENTION,
        }
    ),
}

#: Which capability the Django admin needs for a model ("app_label.model_name").
ADMIN_MODEL_CAPABILITIES: dict[str, str] = {
    "tenancy.district": Capability.MANAGE_TENANCY,
    "tenancy.location": Capability.MANAGE_TENANCY,
    "tenancy.room": Capability.MANAGE_TENANCY,
    "tenancy.office": Capability.MANAGE_TENANCY,
    "tenancy.openinghours": Capability.MANAGE_TENANCY,
    "tenancy.openingexception": Capability.MANAGE_TENANCY,
    "directory.organization": Capability.MANAGE_ORGANISATIONS,
    "directory.service": Capability.MANAGE_ORGANISATIONS,
    "directory.servicelanguage": Capability.MANAGE_ORGANISATIONS,
    "directory.serviceatlocation": Capability.MANAGE_ORGANISATIONS,
    "directory.serviceschedule": Capability.MANAGE_ORGANISATIONS,
    "directory.costoption": Capability.MANAGE_ORGANISATIONS,
    "directory.contact": Capability.MANAGE_ORGANISATIONS,
    "accounts.membership": Capability.MANAGE_MEMBERS,
    "accounts.user": Capability.MANAGE_MEMBERS,
    "public.legalinfo": Capability.MANAGE_LEGAL,
    "public.accessibilityfeedback": Capability.MANAGE_LEGAL,
    "referrals.referralsettings": Capability.MANAGE_REFERRAL_SETTINGS,
    "appointments.appointmentsettings": Capability.MANAGE_TENANCY,
    "monitoring.quarter": Capability.MANAGE_TENANCY,
}
