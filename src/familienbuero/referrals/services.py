"""Writes of the referrals app: one function per use case, each atomic and each writing its event.

Nothing here sends personal data anywhere: the mail to the receiving organisation only says that a
referral is waiting; the organisation reads it in the back office, where ``selectors.as_received``
shows the fields the consent covers and nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_scopes import scopes_disabled

from familienbuero.accounts.models import User
from familienbuero.directory.models import Service, TaxonomyTerm
from familienbuero.privacy import services as privacy_services
from familienbuero.referrals.models import (
    CONSENT_TEXTS,
    CURRENT_CONSENT_VERSION,
    DEFAULT_RETENTION_DAYS,
    PERSONAL_FIELDS,
    Referral,
    ReferralConsent,
    ReferralEvent,
)
from familienbuero.referrals.selectors import LANGUAGE_CODES, referral_settings
from familienbuero.tenancy.models import Municipality, Office

logger = logging.getLogger(__name__)

Side = Literal["office", "receiver"]
Status = Referral.Status

_FORWARD = {
    Status.OPEN: {Status.CONTACTED, Status.ACCEPTED, Status.COMPLETED, Status.DECLINED, Status.NO_SHOW},
    Status.CONTACTED: {Status.ACCEPTED, Status.COMPLETED, Status.DECLINED, Status.NO_SHOW},
    Status.ACCEPTED: {Status.COMPLETED, Status.DECLINED, Status.NO_SHOW},
}


def next_statuses(status: str, *, side: Side) -> list[str]:
    """The outcomes that may follow ``status``, in the order of ``Referral.Status``.

    Both sides record what happened (the office learns it when following up by phone); only the office
    withdraws a referral. Closed referrals do not change any more.
    """
    allowed = set(_FORWARD.get(status, set()))
    if side == "office" and status not in Referral.CLOSED_STATUSES:
        allowed.add(Status.WITHDRAWN)
    return [value for value in Status.values if value in allowed]


def _lock(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _event(
    referral: Referral,
    action: str,
    actor: User | None,
    at: datetime,
    *,
    from_status: str = "",
    to_status: str = "",
) -> None:
    ReferralEvent.objects.create(
        referral=referral, action=action, actor=actor, at=at, from_status=from_status, to_status=to_status
    )


@transaction.atomic
def referral_create(
    *,
    municipality: Municipality,
    office: Office,
    service: Service,
    topics: Iterable[TaxonomyTerm],
    person_name: str,
    contact_phone: str = "",
    contact_email: str = "",
    preferred_language: str = "",
    note_for_receiver: str = "",
    consent_given: bool,
    actor: User | None,
    inbox_url: str = "",
) -> Referral:
    """Records a referral; with ``consent_given`` also the consent, which passes it on to the service's
    organisation. Without consent the referral stays the office's own record."""
    topics = list(topics)
    errors: dict[str, str] = {}
    if office.municipality_id != municipality.pk:
        errors["office"] = _("The office belongs to another municipality.")
    if (
        service.municipality_id != municipality.pk
        or not service.is_published
        or service.status != Service.Status.ACTIVE
    ):
        errors["service"] = _("This service cannot receive referrals.")
    if not topics or any(t.taxonomy != TaxonomyTerm.Taxonomy.TOPIC for t in topics):
        errors["topics"] = _("Choose at least one topic.")
    if not person_name.strip():
        errors["person_name"] = _("Enter a name or a pseudonym.")
    if preferred_language and preferred_language not in LANGUAGE_CODES:
        errors["preferred_language"] = _("Choose a language from the list.")
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    follow_up_days = referral_settings(municipality).follow_up_days
    referral = Referral(
        municipality=municipality,
        office=office,
        service=service,
        organization=service.organization,
        created_by=actor,
        created_at=now,
        follow_up_due=timezone.localdate(now) + timedelta(days=follow_up_days),
        person_name=person_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        preferred_language=preferred_language,
        note_for_receiver=note_for_receiver.strip(),
    )
    if not referral.contact_phone and not referral.contact_email:
        raise ValidationError(
            {"contact_phone": _("Enter a phone number or an email address so the family can be reached.")}
        )
    referral.full_clean()
    referral.save()
    referral.topics.set(topics)
    _event(referral, ReferralEvent.Action.CREATED, actor, now, to_status=Status.OPEN)
    if consent_given:
        consent_give(referral=referral, actor=actor, inbox_url=inbox_url)
    return referral


@transaction.atomic
def consent_give(
    *,
    referral: Referral,
    actor: User | None,
    text_version: str = CURRENT_CONSENT_VERSION,
    inbox_url: str = "",
) -> ReferralConsent:
    """Records the family's consent to pass the referral to its organisation, covering exactly the fields
    that were filled in. Notifies the organisation (without personal data) after the commit."""
    referral = _lock(referral)
    if text_version not in CONSENT_TEXTS:
        raise ValidationError(_("Unknown consent text."))
    if referral.is_closed or referral.is_erased:
        raise ValidationError(_("A closed referral is not passed on any more."))
    existing = ReferralConsent.objects.filter(
        referral=referral, recipient_id=referral.organization_id, revoked_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    now = timezone.now()
    consent = ReferralConsent(
        referral=referral,
        recipient_id=referral.organization_id,
        text_version=text_version,
        share_name=bool(referral.person_name),
        share_phone=bool(referral.contact_phone),
        share_email=bool(referral.contact_email),
        share_language=bool(referral.preferred_language),
        share_topics=True,
        share_note=bool(referral.note_for_receiver),
        given_at=now,
        given_by_staff=actor,
    )
    consent.full_clean()
    consent.save()
    privacy_services.mirror_referral_consent(consent)  # the consent registry's copy
    _event(referral, ReferralEvent.Action.CONSENT_GIVEN, actor, now)
    referral_id = referral.pk
    transaction.on_commit(lambda: _notify_receiver(referral_id, inbox_url), robust=True)
    return consent


@transaction.atomic
def consent_revoke(*, consent: ReferralConsent, actor: User | None) -> ReferralConsent:
    """Ends the consent at once: from now on the organisation does not see the referral."""
    consent = ReferralConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_at is not None:
        return consent
    now = timezone.now()
    consent.revoked_at = now
    consent.revoked_by_staff = actor
    consent.save(update_fields=["revoked_at", "revoked_by_staff"])
    privacy_services.mirror_referral_revocation(consent)
    _event(consent.referral, ReferralEvent.Action.CONSENT_REVOKED, actor, now)
    return consent


@transaction.atomic
def referral_record_outcome(*, referral: Referral, status: str, actor: User | None, side: Side) -> Referral:
    """Moves the referral on (contacted, accepted, completed, declined, did not come; the office may also
    withdraw it). The first outcome that means contact sets the time of first contact."""
    referral = _lock(referral)
    if side == "receiver" and not (
        not referral.is_erased
        and ReferralConsent.objects.filter(
            referral=referral, recipient_id=referral.organization_id, revoked_at__isnull=True
        ).exists()
    ):
        # The organisation lost sight of the referral (consent revoked) between page and click.
        raise ValidationError(_("This referral is no longer available to your organisation."))
    if status not in next_statuses(referral.status, side=side):
        raise ValidationError(_("This outcome cannot follow the current status."))
    now = timezone.now()
    previous = referral.status
    referral.status = status
    if status in Referral.CONTACT_STATUSES and referral.first_contact_at is None:
        referral.first_contact_at = now
    if status in Referral.CLOSED_STATUSES:
        referral.closed_at = now
        referral.follow_up_due = None
    else:
        days = referral_settings(referral.municipality).follow_up_days
        referral.follow_up_due = timezone.localdate(now) + timedelta(days=days)
    referral.save(update_fields=["status", "first_contact_at", "closed_at", "follow_up_due"])
    _event(referral, ReferralEvent.Action.STATUS_CHANGED, actor, now, from_status=previous, to_status=status)
    return referral


def _notify_receiver(referral_id: int, inbox_url: str) -> None:
    """Tells the organisation that a referral is waiting – no name, no contact, no topic."""
    with scopes_disabled():
        referral = Referral.objects.select_related("organization", "municipality").get(pk=referral_id)
    organization = referral.organization
    if not organization.email:
        logger.warning("Organisation %s has no email address for referral notices", organization.pk)
        return
    with override("de"):
        subject = _("New referral from the family office %(municipality)s") % {
            "municipality": referral.municipality.name
        }
        body = _(
            "Hello,\n\nthe family office has passed on a new referral to %(organization)s. For data "
            "protection reasons this email contains no details. Please log in to the back office and "
            "open “Received referrals”."
        ) % {"organization": organization.name}
        if inbox_url:
            body += "\n\n" + inbox_url
        body += "\n\n" + _("This email was sent automatically.")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [organization.email])


# --- retention -------------------------------------------------------------------------------------

_ERASE_BATCH = 500


def erase_closed_referral_personal_data(*, now: datetime | None = None) -> int:
    """Blanks the personal fields of referrals closed longer ago than their municipality's retention
    period (default 180 days). Service, topics, status and times stay for the statistics."""
    from familienbuero.privacy.retention import days_by_municipality

    now = now or timezone.now()
    erased = 0
    retention = days_by_municipality("referrals")  # the processing register decides
    with scopes_disabled():
        due = Referral.objects.filter(
            closed_at__isnull=False, personal_data_erased_at__isnull=True
        ).order_by()
        for municipality_id in sorted(set(due.values_list("municipality_id", flat=True))):
            cutoff = now - timedelta(days=retention.get(municipality_id) or DEFAULT_RETENTION_DAYS)
            ids = list(
                due.filter(municipality_id=municipality_id, closed_at__lt=cutoff).values_list("pk", flat=True)
            )
            for start in range(0, len(ids), _ERASE_BATCH):
                erased += _erase(ids[start : start + _ERASE_BATCH], now)
    return erased


@transaction.atomic
def _erase(ids: list[int], now: datetime) -> int:
    batch = Referral.objects.filter(pk__in=ids, personal_data_erased_at__isnull=True, closed_at__isnull=False)
    locked = list(batch.select_for_update().values_list("pk", flat=True))
    count = Referral.objects.filter(pk__in=locked).update(
        **dict.fromkeys(PERSONAL_FIELDS, ""), personal_data_erased_at=now
    )
    ReferralEvent.objects.bulk_create(
        [
            ReferralEvent(referral_id=pk, action=ReferralEvent.Action.PERSONAL_DATA_ERASED, at=now)
            for pk in locked
        ]
    )
    return count
